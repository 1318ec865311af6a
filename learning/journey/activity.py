"""Daily activity and streaks, in the learner's timezone at the time of the activity."""

import datetime as dt
import uuid
import zoneinfo

from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone

from learning.models import DailyActivity, LearnerStats

from .statements import Statement, insert_or_add, run_together


def local_day(*, learner, at: dt.datetime) -> tuple[dt.date, str]:
    tz_name = getattr(learner, "timezone", None) or "UTC"
    try:
        tz = zoneinfo.ZoneInfo(tz_name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        tz_name, tz = "UTC", dt.UTC
    return at.astimezone(tz).date(), tz_name


def record_activity(*, learner, seconds: int = 0, items_completed: int = 0, at=None) -> None:
    """Add to the learner's row for the local day; move the streak when the day is new.
    Called inside the caller's transaction."""
    statement, day = day_upsert(
        learner=learner, seconds=seconds, items_completed=items_completed, at=at
    )
    (created,) = run_together([statement])
    activity_recorded(learner=learner, day=day, created=created)


def day_upsert(
    *, learner, seconds: int = 0, items_completed: int = 0, at=None
) -> tuple[Statement, dt.date]:
    """The write of record_activity and its local day, for a caller that sends it with
    other writes (statements.run_together); it must then call activity_recorded with what
    the statement returned."""
    at = at or timezone.now()
    day, tz_name = local_day(learner=learner, at=at)
    statement = insert_or_add(
        DailyActivity,
        {
            "id": uuid.uuid4(),
            "learner": learner.pk,
            "day": day,
            "timezone": tz_name,
            "seconds": seconds,
            "items_completed": items_completed,
        },
        unique=("learner", "day"),
        add=("seconds", "items_completed"),
        returning="(xmax = 0)",
    )
    return statement, day


def activity_recorded(*, learner, day: dt.date, created: bool) -> None:
    if created:
        _advance_streak(learner=learner, day=day)


def _advance_streak(*, learner, day: dt.date) -> None:
    LearnerStats.objects.get_or_create(learner=learner)
    stats = LearnerStats.objects.select_for_update().get(pk=learner.pk)
    if stats.last_active_day is not None and stats.last_active_day >= day:
        # Already counted, or a move to a timezone further west gave an earlier day.
        return
    yesterday = day - dt.timedelta(days=1)
    streak = stats.current_streak + 1 if stats.last_active_day == yesterday else 1
    LearnerStats.objects.filter(pk=learner.pk).update(
        last_active_day=day,
        current_streak=streak,
        longest_streak=Greatest(F("longest_streak"), streak),
    )


def current_streak(*, stats: LearnerStats | None, learner) -> int:
    """The stored streak still counts if the learner was active today or yesterday."""
    if stats is None or stats.last_active_day is None:
        return 0
    today, _ = local_day(learner=learner, at=timezone.now())
    if stats.last_active_day >= today - dt.timedelta(days=1):
        return stats.current_streak
    return 0
