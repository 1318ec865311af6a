"""Site-level views: the living style guide and a health check."""

from dataclasses import dataclass

from django import forms
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@dataclass(frozen=True)
class SampleLink:
    label: str
    url: str
    is_current: bool = False


@dataclass(frozen=True)
class SampleCrumb:
    title: str
    url: str


class SampleForm(forms.Form):
    """Every kind of field the site uses, shown bound to invalid data so errors appear."""

    name = forms.CharField(
        label=_("Full name"), help_text=_("As it should appear on your certificates.")
    )
    email = forms.EmailField(label=_("Email address"))
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("en", "English"), ("fr", "Français"), ("ja", "日本語"), ("ar", "العربية")],
    )
    bio = forms.CharField(label=_("About you"), widget=forms.Textarea, required=False)
    attachment = forms.FileField(
        label=_("Attachment"), required=False, help_text=_("PDF or image, up to 10 MB.")
    )
    newsletter = forms.BooleanField(label=_("Send me a monthly digest"), required=False)


@require_GET
def style_guide(request: HttpRequest) -> HttpResponse:
    """The living style guide: every component of templates/components/, for editors."""
    from learning.models import ProgramPage

    form = SampleForm(data={"name": "Amina Haddad", "email": "not-an-email", "language": "ar"})
    form.is_valid()
    context = {
        "form": form,
        "sample_program": ProgramPage.objects.live().public().first(),
        "sample_tabs": [
            SampleLink(_("Overview"), "#tabs", is_current=True),
            SampleLink(_("Courses"), "#tabs"),
            SampleLink(_("Discussion"), "#tabs"),
        ],
        "sample_crumbs": [
            SampleCrumb(_("Home"), "#breadcrumb"),
            SampleCrumb(_("Catalog"), "#breadcrumb"),
            SampleCrumb(_("Music of the Silk Road"), "#breadcrumb"),
        ],
    }
    response = render(request, "culturedegree/style_guide.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness: the process answers requests. Touches no database, so a database outage
    does not get every web process restarted."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness: 200 when the database answers, 503 when it does not (take this process
    out of the load balancer until it does)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})
