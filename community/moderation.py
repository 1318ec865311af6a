"""Moderators' actions: reports, hide and unhide, lock, pin, bans. Each one is refused to
anyone who does not moderate the post's program, and logged to the audit log with who,
what and why (Wagtail's log, beside editors' actions)."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from .access import (
    course_ids_in,
    is_moderator,
    is_participant,
    moderated_program_ids,
    program_of_course,
)
from .discussions import PostError, course_of
from .models import Ban, Comment, Discussion, Report, ReportReason, ReportStatus

HIDDEN = "community.hidden"
UNHIDDEN = "community.unhidden"
LOCKED = "community.locked"
UNLOCKED = "community.unlocked"
PINNED = "community.pinned"
UNPINNED = "community.unpinned"
BANNED = "community.banned"
BAN_LIFTED = "community.ban_lifted"
REPORT_HANDLED = "community.report_handled"

ACTIONS = {
    HIDDEN: gettext_lazy("Post hidden"),
    UNHIDDEN: gettext_lazy("Post shown again"),
    LOCKED: gettext_lazy("Discussion locked"),
    UNLOCKED: gettext_lazy("Discussion unlocked"),
    PINNED: gettext_lazy("Discussion pinned"),
    UNPINNED: gettext_lazy("Discussion unpinned"),
    BANNED: gettext_lazy("Learner banned from a course's discussions"),
    BAN_LIFTED: gettext_lazy("Discussion ban lifted"),
    REPORT_HANDLED: gettext_lazy("Report handled"),
}

Post = Discussion | Comment


def _program_id(post: Post) -> int:
    return post.program_id if isinstance(post, Discussion) else post.discussion.program_id


def _require_moderator(*, user, program_id: int) -> None:
    if not is_moderator(user=user, program_id=program_id):
        raise PostError(_("Only the program's moderators can do this."), code="forbidden")


def report(*, user, post: Post, reason: str, note: str = "") -> tuple[Report, bool]:
    """A learner's report; a second report of the same post by the same person returns the
    first. Returns (report, created)."""
    if reason not in ReportReason.values:
        raise PostError(_("Choose a reason for the report."), code="invalid")
    if not is_participant(user=user, program_id=_program_id(post)):
        raise PostError(
            _("Enroll in the program to take part in its discussions."), code="forbidden"
        )
    is_comment = isinstance(post, Comment)
    lookup = {
        "reporter": user,
        "discussion_id": post.discussion_id if is_comment else post.pk,
        "comment": post if is_comment else None,
    }
    try:
        with transaction.atomic():
            return Report.objects.create(reason=reason, note=note[:500], **lookup), True
    except IntegrityError:
        return Report.objects.get(**lookup), False


def _set_flag(*, user, post: Post, field: str, value: bool, actions: tuple, reason: str):
    """Set one moderation flag of the post, logged as actions[0] when on, actions[1] when off."""
    _require_moderator(user=user, program_id=_program_id(post))
    type(post).objects.filter(pk=post.pk).update(**{field: value})
    setattr(post, field, value)
    log(post, actions[0] if value else actions[1], user=user, data={"reason": reason})
    return post


def set_hidden(*, user, post: Post, hidden: bool, reason: str = "") -> Post:
    return _set_flag(
        user=user,
        post=post,
        field="is_hidden",
        value=hidden,
        actions=(HIDDEN, UNHIDDEN),
        reason=reason,
    )


def set_locked(*, user, discussion: Discussion, locked: bool, reason: str = "") -> Discussion:
    return _set_flag(
        user=user,
        post=discussion,
        field="is_locked",
        value=locked,
        actions=(LOCKED, UNLOCKED),
        reason=reason,
    )


def set_pinned(*, user, discussion: Discussion, pinned: bool, reason: str = "") -> Discussion:
    return _set_flag(
        user=user,
        post=discussion,
        field="is_pinned",
        value=pinned,
        actions=(PINNED, UNPINNED),
        reason=reason,
    )


def ban(*, user, learner, discussion: Discussion, reason: str, days: int | None = None) -> Ban:
    """Stop the learner posting and voting in the discussion's course, for `days` or until
    lifted."""
    _require_moderator(user=user, program_id=discussion.program_id)
    if not reason.strip():
        raise PostError(_("Say why: the learner sees the reason."), code="invalid")
    expires = timezone.now() + dt.timedelta(days=days) if days else None
    course_id = course_of(discussion)
    ban = Ban.objects.create(
        course_id=course_id,
        learner=learner,
        reason=reason.strip()[:500],
        expires_at=expires,
        created_by=user,
    )
    log(
        learner,
        BANNED,
        user=user,
        data={
            "reason": ban.reason,
            "course_id": course_id,
            "expires_at": expires.isoformat() if expires else None,
        },
    )
    return ban


def lift_ban(*, user, ban: Ban, reason: str = "") -> Ban:
    _require_moderator(user=user, program_id=program_of_course(ban.course_id))
    Ban.objects.filter(pk=ban.pk, lifted_at__isnull=True).update(lifted_at=timezone.now())
    log(ban.learner, BAN_LIFTED, user=user, data={"course_id": ban.course_id, "reason": reason})
    return ban


def handle_report(*, user, report: Report, status: str, hide: bool = False) -> Report:
    """Resolve (optionally hiding the post) or dismiss a report."""
    _require_moderator(user=user, program_id=report.discussion.program_id)
    if status not in (ReportStatus.RESOLVED, ReportStatus.DISMISSED):
        raise PostError(_("Resolve or dismiss the report."), code="invalid")
    post = report.comment or report.discussion
    if hide:
        set_hidden(user=user, post=post, hidden=True, reason=report.get_reason_display())
    Report.objects.filter(pk=report.pk).update(
        status=status, handled_by=user, handled_at=timezone.now()
    )
    log(post, REPORT_HANDLED, user=user, data={"status": status, "reason": report.reason})
    report.status = status
    return report


def active_bans_for(*, user):
    """Bans in force in the courses of the programs the user moderates."""
    rows = (
        Ban.objects.filter(lifted_at__isnull=True)
        .exclude(expires_at__lte=timezone.now())
        .select_related("learner", "course")
        .order_by("-created_at")
    )
    if not user.is_superuser:
        rows = rows.filter(course_id__in=course_ids_in(moderated_program_ids(user=user)))
    return rows


def reports_for(*, user, status: str = ReportStatus.OPEN):
    """The report queue: reports in the programs the user moderates."""
    rows = (
        Report.objects.filter(status=status)
        .select_related(
            "discussion", "comment", "reporter", "comment__author", "discussion__author"
        )
        .prefetch_related("comment__edits", "discussion__edits")
    )
    if not user.is_superuser:
        rows = rows.filter(discussion__program_id__in=moderated_program_ids(user=user))
    return rows.order_by("-created_at")
