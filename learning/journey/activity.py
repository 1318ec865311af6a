"""Daily activity and streaks, in the learner's timezone at the time of the activity."""

import datetime as dt
import zoneinfo

from django.db import connection
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone

from learning.models import LearnerStats


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
    at = at or timezone.now()
    day, tz_name = local_day(learner=learner, at=at)
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO learning_dailyactivity (id, learner_id, day, timezone, seconds,
                items_completed)
            VALUES (gen_random_uuid(), %s, %s, %s, %s, %s)
            ON CONFLICT (learner_id, day) DO UPDATE
            SET seconds = learning_dailyactivity.seconds + EXCLUDED.seconds,
                items_completed = learning_dailyactivity.items_completed
                    + EXCLUDED.items_completed
            RETURNING (xmax = 0) AS created
            """,
            [learner.pk, day, tz_name, seconds, items_completed],
        )
        created = cursor.fetchone()[0]
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
