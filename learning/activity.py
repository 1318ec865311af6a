"""Daily activity and streaks, in the learner's timezone at the time of the activity."""

import datetime as dt
import zoneinfo

from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone

from .models import DailyActivity, LearnerStats


def local_day(*, learner, at: dt.datetime) -> tuple[dt.date, str]:
    tz_name = getattr(learner, "timezone", None) or "UTC"
    try:
        tz = zoneinfo.ZoneInfo(tz_name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        tz_name, tz = "UTC", dt.UTC
    return at.astimezone(tz).date(), tz_name


def record_activity(*, learner, seconds: int = 0, items_completed: int = 0, at=None) -> None:
    """Add to today's row and move the streak. Called inside the caller's transaction."""
    at = at or timezone.now()
    day, tz_name = local_day(learner=learner, at=at)
    row, created = DailyActivity.objects.get_or_create(
        learner=learner,
        day=day,
        defaults={"timezone": tz_name, "seconds": seconds, "items_completed": items_completed},
    )
    if not created and (seconds or items_completed):
        DailyActivity.objects.filter(pk=row.pk).update(
            seconds=F("seconds") + seconds, items_completed=F("items_completed") + items_completed
        )
    stats, _ = LearnerStats.objects.get_or_create(learner=learner)
    if stats.last_active_day == day:
        if seconds:
            LearnerStats.objects.filter(pk=learner.pk).update(
                total_seconds=F("total_seconds") + seconds
            )
        return
    stats = LearnerStats.objects.select_for_update().get(pk=learner.pk)
    if stats.last_active_day == day:
        LearnerStats.objects.filter(pk=learner.pk).update(
            total_seconds=F("total_seconds") + seconds
        )
        return
    if stats.last_active_day is not None and stats.last_active_day > day:
        # A move to a timezone further west can give a day already counted; keep the streak.
        LearnerStats.objects.filter(pk=learner.pk).update(
            total_seconds=F("total_seconds") + seconds
        )
        return
    yesterday = day - dt.timedelta(days=1)
    streak = stats.current_streak + 1 if stats.last_active_day == yesterday else 1
    LearnerStats.objects.filter(pk=learner.pk).update(
        last_active_day=day,
        current_streak=streak,
        longest_streak=Greatest(F("longest_streak"), streak),
        total_seconds=F("total_seconds") + seconds,
    )


def current_streak(*, stats: LearnerStats | None, learner) -> int:
    """The stored streak still counts if the learner was active today or yesterday."""
    if stats is None or stats.last_active_day is None:
        return 0
    today, _ = local_day(learner=learner, at=timezone.now())
    if stats.last_active_day >= today - dt.timedelta(days=1):
        return stats.current_streak
    return 0
