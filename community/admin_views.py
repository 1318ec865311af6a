"""The moderators' report queue in the Wagtail admin: what was reported, the post and its
edit history, and the actions (hide and resolve, dismiss, ban the author)."""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import moderation
from .access import moderated_program_ids
from .discussions import PostError
from .models import Ban, Report, ReportStatus


def may_moderate_anything(user) -> bool:
    return user.is_active and (user.is_superuser or bool(moderated_program_ids(user=user)))


@require_http_methods(["GET"])
def report_queue(request: HttpRequest) -> HttpResponse:
    if not may_moderate_anything(request.user):
        raise PermissionDenied
    status = request.GET.get("status", ReportStatus.OPEN)
    if status not in ReportStatus.values:
        status = ReportStatus.OPEN
    reports = list(moderation.reports_for(user=request.user, status=status)[:100])
    return render(
        request,
        "community/admin/report_queue.html",
        {
            "reports": reports,
            "bans": list(moderation.active_bans_for(user=request.user)[:100]),
            "status": status,
            "statuses": ReportStatus.choices,
            "header_title": _("Discussion reports"),
            "page_title": _("Discussion reports"),
            "header_icon": "warning",
        },
    )


@require_http_methods(["POST"])
def handle_report(request: HttpRequest, report_id: UUID) -> HttpResponse:
    report = (
        Report.objects.select_related(
            "discussion", "comment", "comment__author", "discussion__author"
        )
        .filter(pk=report_id)
        .first()
    )
    if report is None:
        raise Http404
    action = request.POST.get("action")
    try:
        if action == "hide":
            moderation.handle_report(
                user=request.user, report=report, status=ReportStatus.RESOLVED, hide=True
            )
            messages.success(request, _("The post is hidden and the report resolved."))
        elif action == "dismiss":
            moderation.handle_report(
                user=request.user, report=report, status=ReportStatus.DISMISSED
            )
            messages.success(request, _("Report dismissed."))
        elif action == "ban":
            post = report.comment or report.discussion
            if post.author is None:
                raise PostError(_("The author deleted their account."), code="invalid")
            days = request.POST.get("days", "")
            moderation.ban(
                user=request.user,
                learner=post.author,
                discussion=report.discussion,
                reason=request.POST.get("reason", ""),
                days=int(days) if days.isdigit() and int(days) > 0 else None,
            )
            moderation.handle_report(
                user=request.user, report=report, status=ReportStatus.RESOLVED, hide=True
            )
            messages.success(request, _("The author is banned from the course's discussions."))
        else:
            raise Http404
    except PostError as exc:
        if exc.code == "forbidden":
            raise PermissionDenied from None
        messages.error(request, exc.message)
    return redirect("community_reports")


@require_http_methods(["POST"])
def lift_ban(request: HttpRequest, ban_id: UUID) -> HttpResponse:
    ban = Ban.objects.select_related("learner").filter(pk=ban_id).first()
    if ban is None:
        raise Http404
    try:
        moderation.lift_ban(user=request.user, ban=ban, reason=request.POST.get("reason", ""))
    except PostError:
        raise PermissionDenied from None
    messages.success(request, _("Ban lifted."))
    return redirect("community_reports")
