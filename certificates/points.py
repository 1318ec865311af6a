"""Points and levels: 10 points per completed item plus the points of earned achievements.

Level L starts at 50 * L * (L - 1) points (0, 100, 300, 600, 1000, …): each level takes 100 more
points than the one before.
"""

import math
from dataclasses import dataclass

from django.db.models import Sum

from learning.models import Progress

from .models import UserAchievement

POINTS_PER_ITEM = 10
LEVEL_STEP = 50


@dataclass(frozen=True)
class Points:
    total: int
    level: int
    level_start: int
    next_level_at: int

    @property
    def percent_to_next(self) -> int:
        span = self.next_level_at - self.level_start
        return round(100 * (self.total - self.level_start) / span)


def level_start(level: int) -> int:
    return LEVEL_STEP * level * (level - 1)


def level_for(points: int) -> int:
    """The highest L with level_start(L) <= points."""
    level = int((1 + math.sqrt(1 + 4 * max(points, 0) / LEVEL_STEP)) / 2)
    while level_start(level + 1) <= points:
        level += 1
    while level > 1 and level_start(level) > points:
        level -= 1
    return max(level, 1)


def points_from(*, items_completed: int, achievement_points: int) -> Points:
    total = POINTS_PER_ITEM * items_completed + achievement_points
    level = level_for(total)
    return Points(total, level, level_start(level), level_start(level + 1))


def points_for(*, learner, achievement_points: int | None = None) -> Points:
    """One query, two without `achievement_points` (the points of the earned achievements)."""
    items = Progress.objects.filter(learner=learner, is_completed=True).count()
    if achievement_points is None:
        earned = UserAchievement.objects.filter(learner=learner, earned_at__isnull=False)
        achievement_points = earned.aggregate(points=Sum("achievement__points"))["points"] or 0
    return points_from(items_completed=items, achievement_points=achievement_points)
