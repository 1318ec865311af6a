"""The course chooser opens inside the program being edited.

Wagtail's page chooser starts at the page above the chosen one, or, with nothing chosen yet,
at the common ancestor of every page of the type: for courses, the site root above all
programs in all languages. A program's requirements name its own courses, so an empty
course chooser opened from a program's edit view starts in that program. The modal's first
request carries the edit view as its Referer (same origin, see SECURE_REFERRER_POLICY);
without one, Wagtail's own start applies.
"""

import re
from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.chooser import BrowseView

from learning.models import ProgramPage

COURSE_TYPE = "learning.coursepage"
EDIT_PATH = re.compile(r"^/admin/pages/(?P<page_id>\d+)/edit/$")

wagtail_browse = BrowseView.as_view()


def program_being_edited(request: HttpRequest) -> ProgramPage | None:
    """The program whose edit view opened the chooser, if any."""
    path = urlsplit(request.headers.get("Referer", "")).path
    match = EDIT_PATH.match(path)
    if match is None:
        return None
    return ProgramPage.objects.filter(pk=match["page_id"]).first()


@never_cache
@require_admin_access
def choose_page(request: HttpRequest) -> HttpResponse:
    """Wagtail's chooser, started in the program when it is asked for a course from one."""
    if request.GET.get("page_type", "").lower() == COURSE_TYPE:
        program = program_being_edited(request)
        if program is not None:
            url = reverse("wagtailadmin_choose_page_child", args=[program.pk])
            return redirect(f"{url}?{request.GET.urlencode()}")
    return wagtail_browse(request)
