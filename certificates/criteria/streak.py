"""A streak of N periods of the learner's own goal: N days for a daily goal, N weeks for a
weekly one. Earned once the longest streak reaches N; progress shows the current streak."""

from django.utils.translation import gettext_lazy as _

from certificates.streaks import streak_for

from .base import Status, positive_int

FIELDS = ("length",)
MAX_LENGTH = 1000


def clean(values: dict) -> dict:
    length = positive_int(
        values.get("length"),
        key="length",
        low=2,
        high=MAX_LENGTH,
        message=_("Enter a streak length from 2 to 1000 (days, or weeks for a weekly goal)."),
    )
    return {"length": length}


def evaluate(*, learner, criteria: dict):
    length = criteria.get("length", 1)
    streak = streak_for(learner=learner)
    return Status(min(streak.current, length), length, streak.longest >= length)
