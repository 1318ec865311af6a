"""The headless content API: Wagtail's API v3 (django-ninja), mounted at ``/api/v3/``.

Wagtail builds the read schema of each page type from its ``api_fields``. Anonymous callers get
live, public pages of the current site (``wagtail.api.v3.querysets``); a browser session does
not elevate them, and writes need an API token.

One gap is closed here: Wagtail keeps the descendants of an unpublished page live, and its
public queryset only checks each page's own ``live`` flag, so a lesson under a withdrawn course
would still be served. The pages router looks its queryset function up at call time, so it is
wrapped to drop pages under an unpublished page for anonymous callers.
"""

from wagtail.api.v3.routers import pages as pages_router
from wagtail.api.v3.urls import api

from .catalog import exclude_under_unpublished

_wagtail_pages_queryset = pages_router.get_pages_queryset


def public_pages_queryset(request, model=pages_router.Page):
    queryset = _wagtail_pages_queryset(request, model)
    if request.user.is_authenticated:
        return queryset
    return exclude_under_unpublished(queryset)


pages_router.get_pages_queryset = public_pages_queryset

urls = api.urls
