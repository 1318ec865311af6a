"""The site's URLs plus a constant view: the ceiling of Django itself through the same server."""

from django.http import HttpResponse
from django.urls import path

from culturedegree.urls import urlpatterns as site_urlpatterns


def constant(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/constant", constant), *site_urlpatterns]
