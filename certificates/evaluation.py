"""Evaluating achievements for a learner, and awarding them exactly once.

Called by the evaluation task (certificates/tasks.py) and by staff's special awards. An award
is one UPDATE of the learner's row from "not earned" to "earned": with the unique
(learner, achievement) constraint, concurrent evaluations award once and notify once.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from culturedegree import audit

from . import hooks
from .criteria import module_for
from .journey import default_language_code, is_enrolled
from .models import Achievement, AchievementKind, UserAchievement
from .streaks import refresh

ACHIEVEMENT_AWARDED = "certificates.achievement_awarded"


class AwardError(Exception):
    """A special award that cannot be made; the message is for the staff member, about
    `field` of the award form when one is named."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field


def canonical_achievements():
    """Active achievements in the default locale (awards point at these)."""
    return Achievement.objects.filter(is_active=True, locale__language_code=default_language_code())


def _row(*, learner, achievement) -> UserAchievement:
    try:
        with transaction.atomic():
            return UserAchievement.objects.get_or_create(learner=learner, achievement=achievement)[
                0
            ]
    except IntegrityError:  # a concurrent evaluation inserted it first
        return UserAchievement.objects.get(learner=learner, achievement=achievement)


def award(
    *, learner, achievement: Achievement, progress: dict | None = None, by=None, reason: str = ""
) -> UserAchievement | None:
    """Mark the achievement earned; returns the row if this call awarded it, else None."""
    with transaction.atomic():
        row = _row(learner=learner, achievement=achievement)
        now = timezone.now()
        updated = UserAchievement.objects.filter(pk=row.pk, earned_at__isnull=True).update(
            earned_at=now,
            progress=progress if progress is not None else row.progress,
            awarded_by=by,
            reason=reason,
            updated_at=now,
        )
        if not updated:
            return None
        row.refresh_from_db()
        transaction.on_commit(lambda: hooks.announce(row))
        return row


def record_progress(
    *, learner, achievement: Achievement, progress: dict, create: bool = True
) -> None:
    """Keep the "7 of 10" of an achievement not yet earned (never touches an earned one);
    with create=False only a row already started is updated (an undo back to 0)."""
    changed = UserAchievement.objects.filter(
        learner=learner, achievement=achievement, earned_at__isnull=True
    ).exclude(progress=progress)
    if changed.update(progress=progress, updated_at=timezone.now()) or not create:
        return
    if not UserAchievement.objects.filter(learner=learner, achievement=achievement).exists():
        row = _row(learner=learner, achievement=achievement)
        UserAchievement.objects.filter(pk=row.pk, earned_at__isnull=True).update(progress=progress)


def evaluate_learner(*, learner, kinds: list[str] | None = None) -> list[UserAchievement]:
    """Evaluate every automatic achievement of `kinds`; returns the awards made."""
    achievements = canonical_achievements().exclude(kind=AchievementKind.SPECIAL)
    if kinds:
        achievements = achievements.filter(kind__in=kinds)
    achievements = list(achievements)
    earned = set(
        UserAchievement.objects.filter(
            learner=learner, achievement__in=achievements, earned_at__isnull=False
        ).values_list("achievement_id", flat=True)
    )
    if any(a.kind == AchievementKind.STREAK for a in achievements):
        refresh(learner=learner)
    awarded = []
    for achievement in achievements:
        if achievement.pk in earned:
            continue
        status = module_for(achievement.kind).evaluate(
            learner=learner, criteria=achievement.criteria
        )
        if status is None:
            continue
        if status.earned:
            row = award(learner=learner, achievement=achievement, progress=status.as_progress())
            if row is not None:
                awarded.append(row)
        else:
            record_progress(
                learner=learner,
                achievement=achievement,
                progress=status.as_progress(),
                create=status.current > 0,
            )
    return awarded


def award_special(*, achievement: Achievement, learner, by, reason: str, request=None):
    """A staff member awards a special achievement, with a reason, in the audit log; one of
    a program only to a learner enrolled in it. Who may award it is the caller's check
    (certificates.award_access.may_award)."""
    reason = (reason or "").strip()
    if achievement.kind != AchievementKind.SPECIAL:
        raise AwardError(_("Only special achievements are awarded by hand."))
    if not reason:
        raise AwardError(_("Give the reason for the award."), field="reason")
    canonical = achievement.get_translation_or_none(Locale.get_default()) or achievement
    program = canonical.program
    if program is not None and not is_enrolled(learner=learner, program_id=program.pk):
        raise AwardError(
            _("This learner is not enrolled in %(program)s.") % {"program": program.title},
            field="email",
        )
    with transaction.atomic():
        row = award(learner=learner, achievement=canonical, by=by, reason=reason)
        if row is None:
            raise AwardError(_("This learner already has this achievement."))
        audit.log_user_event(
            user=learner,
            action=ACHIEVEMENT_AWARDED,
            request=request,
            by=by,
            data={
                "achievement": str(canonical.pk),
                "achievement_name": canonical.name,
                "reason": reason,
                "program": program.pk if program else None,
                "program_title": program.title if program else "",
            },
        )
    return row
