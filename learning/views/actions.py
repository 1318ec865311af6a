"""The learner's pages and forms: My learning, enroll, pause, resume, drop, target date,
mark an item complete and undo it."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Page

from learning.content.localization import learner_url
from learning.journey.access import NotFound, resolve_item, resolve_program
from learning.journey.dashboard_fragment import dashboard_html
from learning.journey.enrollment import TransitionError, change_status, enroll, set_target_date
from learning.journey.progress import ProgressError, complete_item, uncomplete_item
from learning.models import Enrollment, EnrollmentStatus

COMPLETION_ACTIONS = {"complete": complete_item, "uncomplete": uncomplete_item}
STATUS_FOR_ACTION = {
    "pause": EnrollmentStatus.PAUSED,
    "resume": EnrollmentStatus.ACTIVE,
    "drop": EnrollmentStatus.DROPPED,
}
CONFIRMATION = {
    "pause": gettext_lazy("Paused. Your progress is kept; resume whenever you like."),
    "resume": gettext_lazy("Welcome back. Your enrollment is active again."),
    "drop": gettext_lazy("You left the program. Your progress is kept if you enroll again."),
}


def _back(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@require_GET
@login_required
def my_learning(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "learning/dashboard.html",
        {"dashboard_html": dashboard_html(learner=request.user, request=request)},
    )


@require_POST
def enroll_view(request: HttpRequest, program_id: int) -> HttpResponse:
    """Enroll from the program page; anonymous visitors sign in first and come back."""
    try:
        program = resolve_program(page_id=program_id)
    except NotFound:
        raise Http404 from None
    back = _back(request, program.localized.url or "/")
    if not request.user.is_authenticated:
        return redirect_to_login(back)
    created = enroll(learner=request.user, program=program)[1]
    if created:
        messages.success(request, _("You are enrolled. Start with the first course below."))
    return redirect(back)


@require_POST
@login_required
def change_status_view(request: HttpRequest, enrollment_id, action: str) -> HttpResponse:
    if action not in STATUS_FOR_ACTION:
        raise Http404
    enrollment = get_object_or_404(Enrollment, pk=enrollment_id, learner=request.user)
    try:
        change_status(enrollment=enrollment, status=STATUS_FOR_ACTION[action])
    except TransitionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, CONFIRMATION[action])
    return redirect(_back(request, "my_learning"))


@require_POST
@login_required
def target_date_view(request: HttpRequest, enrollment_id) -> HttpResponse:
    enrollment = get_object_or_404(Enrollment, pk=enrollment_id, learner=request.user)
    raw = request.POST.get("target_completion_date", "").strip()
    try:
        target = dt.date.fromisoformat(raw) if raw else None
        set_target_date(enrollment=enrollment, target=target)
    except ValueError:
        messages.error(request, _("Enter the date as YYYY-MM-DD."))
    except TransitionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Target date saved."))
    return redirect(_back(request, "my_learning"))


@require_POST
@login_required
def item_completion_view(request: HttpRequest, item_id: int, action: str) -> HttpResponse:
    """The item page's "Mark as complete" and "Mark as not complete" forms."""
    if action not in COMPLETION_ACTIONS:
        raise Http404
    try:
        item = resolve_item(page_id=item_id)
    except NotFound:
        raise Http404 from None
    try:
        COMPLETION_ACTIONS[action](learner=request.user, item=item)
    except ProgressError as exc:
        messages.error(request, exc.message)
    return redirect(_back(request, learner_url(Page.objects.get(pk=item.item_id), request)))
