"""GET /api/v1/achievements: the learner's earned achievements and those in progress, with
their streak and points. Handlers stay thin (certificates/summary.py)."""

import datetime as dt
from uuid import UUID

from ninja import Router, Schema

from .summary import achievements_summary

router = Router(tags=["achievements"])


class AchievementOut(Schema):
    id: UUID
    name: str
    description: str
    icon: str
    kind: str
    points: int
    earned: bool
    earned_at: dt.datetime | None
    current: int
    target: int


class StreakOut(Schema):
    goal: str
    days_per_week: int
    current: int
    longest: int
    freezes: int
    on_vacation: bool
    period_days_done: int
    period_met: bool


class PointsOut(Schema):
    total: int
    level: int
    next_level_at: int


class AchievementsOut(Schema):
    earned: list[AchievementOut]
    in_progress: list[AchievementOut]
    not_started: list[AchievementOut]
    streak: StreakOut
    points: PointsOut


@router.get("/achievements", response=AchievementsOut)
def list_achievements(request):
    summary = achievements_summary(learner=request.auth)
    streak = summary["streak"]
    points = summary["points"]
    return {
        "earned": summary["earned"],
        "in_progress": summary["in_progress"],
        "not_started": summary["not_started"],
        "streak": {
            "goal": streak.goal.kind,
            "days_per_week": streak.goal.days_per_week,
            "current": streak.current,
            "longest": streak.longest,
            "freezes": streak.freezes,
            "on_vacation": streak.on_vacation,
            "period_days_done": streak.period_days_done,
            "period_met": streak.period_met,
        },
        "points": {
            "total": points.total,
            "level": points.level,
            "next_level_at": points.next_level_at,
        },
    }
