"""What the learner sees of their achievements, streak and points: the My learning panel and
GET /api/v1/achievements. A constant number of queries, however many achievements."""

from typing import Any

from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import get_language

from learning.models import Enrollment, EnrollmentStatus, ProgramPage

from .evaluation import canonical_achievements
from .journey import default_language_code
from .models import (
    Achievement,
    AchievementKind,
    LeaderboardOptIn,
    LearnerGoals,
    UserAchievement,
)
from .points import points_for
from .streaks import streak_for


def localized(achievements: list[Achievement]) -> dict:
    """Achievement id -> (name, description) in the active language, falling back to the
    canonical achievement's words. One query."""
    result = {a.pk: (a.name, a.description) for a in achievements}
    language = get_language()
    if not achievements or not language or language == default_language_code():
        return result
    by_key = {a.translation_key: a.pk for a in achievements}
    for translated in Achievement.objects.filter(
        translation_key__in=list(by_key), locale__language_code=language
    ).only("translation_key", "name", "description"):
        result[by_key[translated.translation_key]] = (translated.name, translated.description)
    return result


def achievement_rows(*, learner) -> list[dict[str, Any]]:
    """The learner's achievements, earned first (newest first), then those in progress, then
    the active ones not started yet (special ones only once awarded). Three queries."""
    rows = list(
        UserAchievement.objects.filter(learner=learner)
        .filter(Q(earned_at__isnull=False) | Q(achievement__is_active=True))
        .select_related("achievement")
        .order_by(F("earned_at").desc(nulls_last=True), "achievement__name")
    )
    untouched = list(
        canonical_achievements()
        .exclude(kind=AchievementKind.SPECIAL)
        .exclude(awards__learner=learner)
        .order_by("points", "name")
    )
    words = localized([row.achievement for row in rows] + untouched)
    result = []
    for row in rows:
        achievement = row.achievement
        name, description = words[achievement.pk]
        current = int(row.progress.get("current", 0) or 0)
        target = int(row.progress.get("target", 0) or 0)
        result.append(
            {
                "id": achievement.pk,
                "name": name,
                "description": description,
                "icon": achievement.icon,
                "points": achievement.points,
                "kind": achievement.kind,
                "earned": row.earned_at is not None,
                "earned_at": row.earned_at,
                "current": current,
                "target": target,
                "percent": round(100 * current / target) if target else 0,
                "new": row.earned_at is not None and row.seen_at is None,
                "award_id": row.pk,
                "started": True,
            }
        )
    for achievement in untouched:
        name, description = words[achievement.pk]
        result.append(
            {
                "id": achievement.pk,
                "name": name,
                "description": description,
                "icon": achievement.icon,
                "points": achievement.points,
                "kind": achievement.kind,
                "earned": False,
                "earned_at": None,
                "current": 0,
                "target": 0,
                "percent": 0,
                "new": False,
                "award_id": None,
                "started": False,
            }
        )
    return result


def achievements_summary(*, learner) -> dict[str, Any]:
    goals = LearnerGoals.objects.filter(learner=learner).first()
    rows = achievement_rows(learner=learner)
    return {
        "earned": [r for r in rows if r["earned"]],
        "in_progress": [r for r in rows if not r["earned"] and r["started"]],
        "not_started": [r for r in rows if not r["started"]],
        "new": [r for r in rows if r["new"]],
        "streak": streak_for(learner=learner, row=goals),
        "points": points_for(
            learner=learner,
            achievement_points=sum(r["points"] for r in rows if r["earned"]),
        ),
        "programs": enrolled_programs(learner=learner),
    }


def enrolled_programs(*, learner) -> list[dict[str, Any]]:
    """The programs the learner has not left, titled in the active language, and whether
    the learner appears on each one's weekly leaderboard. Two queries."""
    appearing = LeaderboardOptIn.objects.filter(learner=learner, program=OuterRef("program_id"))
    rows = list(
        Enrollment.objects.filter(learner=learner)
        .exclude(status=EnrollmentStatus.DROPPED)
        .annotate(appearing=Exists(appearing))
        .order_by("enrolled_at")
        .values("program_id", "program__title", "program__translation_key", "appearing")
    )
    language = get_language()
    translated = {}
    if rows and language and language != default_language_code():
        translated = dict(
            ProgramPage.objects.filter(
                translation_key__in=[r["program__translation_key"] for r in rows],
                locale__language_code=language,
                live=True,
            ).values_list("translation_key", "title")
        )
    return [
        {
            "id": r["program_id"],
            "title": translated.get(r["program__translation_key"], r["program__title"]),
            "appearing": r["appearing"],
        }
        for r in rows
    ]
