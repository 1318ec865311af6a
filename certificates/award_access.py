"""Which special achievements a member of staff may award, and which awards they may list.

A special achievement of a program is awarded by the staff holding a role on it
(learning/journey/staff_access.py) or by holders of AWARD_PERMISSION; one without a program
only by holders of AWARD_PERMISSION (administrators). The awards listing shows staff the
awards of their programs: those of their programs' achievements, and those of achievements
of no program (streaks, community, courses) earned by learners enrolled in their programs.
Superusers see every award.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet

from learning.journey.staff_access import programs_for_staff
from learning.models import Enrollment

from .evaluation import canonical_achievements
from .models import Achievement, AchievementKind, UserAchievement

AWARD_PERMISSION = "certificates.change_achievement"


def may_award(*, user, achievement: Achievement) -> bool:
    if not user.is_active or achievement.kind != AchievementKind.SPECIAL:
        return False
    if user.has_perm(AWARD_PERMISSION):
        return True
    if achievement.program_id is None:
        return False
    return programs_for_staff(user=user).filter(pk=achievement.program_id).exists()


def awardable_achievements(*, user) -> QuerySet[Achievement]:
    """The active special achievements `user` may award, in the default locale."""
    specials = canonical_achievements().filter(kind=AchievementKind.SPECIAL)
    if not user.is_active:
        return specials.none()
    if user.has_perm(AWARD_PERMISSION):
        return specials
    return specials.filter(program__in=programs_for_staff(user=user))


def in_programs(program_ids) -> Q:
    """Awards belonging to any of `program_ids` (see the module docstring)."""
    enrolled = Enrollment.objects.filter(
        learner_id=OuterRef("learner_id"), program_id__in=program_ids
    )
    return Q(achievement__program_id__in=program_ids) | Q(
        Exists(enrolled), achievement__program__isnull=True
    )


def may_list_awards(user) -> bool:
    return user.is_active and (user.is_superuser or programs_for_staff(user=user).exists())


def awards_for_staff(*, user) -> QuerySet[UserAchievement]:
    earned = UserAchievement.objects.filter(earned_at__isnull=False)
    if not user.is_active:
        return earned.none()
    if user.is_superuser:
        return earned
    program_ids = list(programs_for_staff(user=user).values_list("pk", flat=True))
    if not program_ids:
        return earned.none()
    return earned.filter(in_programs(program_ids))
