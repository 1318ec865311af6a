"""Two and a half weeks of history for the demo learner, so My learning shows what it does.

The records are made by the domain functions (enroll, start_item, complete_item,
set_target_date, record_event, record_activity), which stamp everything with the present.
The history then moves each record to the day it belongs to, in the same transaction, and
rebuilds the learner's days and streak with record_activity in calendar order. Heartbeats
are not replayed: they credit only wall time that passes while they run.

It runs once: a learner who already has an enrollment (seeded, or made by hand on the demo
site) is left as they are, so `seed_demo` on every `make run` changes nothing.
"""

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from learning.journey.access import resolve_item
from learning.journey.activity import local_day, record_activity
from learning.journey.enrollment import enroll, set_target_date
from learning.journey.events import record_event
from learning.journey.progress import clean_progress_data, complete_item, start_item
from learning.models import (
    ContentItemPage,
    DailyActivity,
    Enrollment,
    LearnerStats,
    LearningEvent,
    ObjectType,
    ProgramPage,
    Progress,
    Verb,
)

JAPAN = "japanese-arts-and-aesthetics"
WEST_AFRICA = "music-and-memory-in-west-africa"
VIDEO = "watching-light-change"
# Seconds into the 6-second demo video: a point to resume from, short of the 90 % that
# completes it.
VIDEO_PROGRESS = {"position": 3.5, "duration": 6.0}
TARGET_IN_DAYS = 90


@dataclass(frozen=True)
class Step:
    days_ago: int
    action: str  # "enroll", "complete" (after `seconds` on it) or "study" (time, no completion)
    program: str
    item: str = ""
    seconds: int = 0


# Active 11 of the last 17 days: a six-day run, a gap, and a four-day run up to today.
# Only text, image and interactive items are completed by hand; media complete by playing.
HISTORY = [
    Step(16, "enroll", JAPAN),
    Step(16, "complete", JAPAN, "what-wabi-sabi-means", 420),
    Step(15, "study", JAPAN, VIDEO, 3),
    Step(15, "study", JAPAN, "key-words", 300),
    Step(14, "complete", JAPAN, "key-words", 240),
    Step(13, "complete", JAPAN, "norinaga-and-genji", 540),
    Step(12, "complete", JAPAN, "a-landscape-at-dawn", 180),
    Step(11, "complete", JAPAN, "intervals", 360),
    Step(9, "enroll", WEST_AFRICA),
    Step(9, "complete", WEST_AFRICA, "keepers-of-memory", 480),
    Step(3, "complete", WEST_AFRICA, "words-of-the-griot", 420),
    Step(2, "study", WEST_AFRICA, "the-lion-of-mali", 300),
    Step(1, "complete", WEST_AFRICA, "the-lion-of-mali", 360),
    Step(0, "study", JAPAN, "listening-to-a-scale", 240),
    Step(0, "study", JAPAN, VIDEO, 2),
]
EVENING = dt.time(18, 30)
STEP_GAP = dt.timedelta(minutes=12)


def ensure_learner_history(*, learner) -> bool:
    """Give the learner the demo history unless they have an enrollment. True if written."""
    if Enrollment.objects.filter(learner=learner).exists():
        return False
    programs = {
        program.slug: program
        for program in ProgramPage.objects.filter(
            slug__in=[JAPAN, WEST_AFRICA], locale__language_code="en"
        )
    }
    if len(programs) < 2:
        return False
    with transaction.atomic():
        _write(learner=learner, programs=programs, now=timezone.now())
    return True


def _schedule(*, learner, now: dt.datetime) -> list[tuple[Step, dt.datetime]]:
    """Each step with its moment: past days from the evening on, today in the part of the
    day that has passed, so every moment is before `now` and each day keeps its order."""
    today, tz_name = local_day(learner=learner, at=now)
    tz = zoneinfo.ZoneInfo(tz_name)
    today_steps = sum(1 for step in HISTORY if step.days_ago == 0)
    midnight = dt.datetime.combine(today, dt.time(), tzinfo=tz)
    today_gap = (now - midnight) / (today_steps + 1)
    schedule, index = [], {}
    for step in HISTORY:
        n = index[step.days_ago] = index.get(step.days_ago, -1) + 1
        if step.days_ago == 0:
            at = midnight + today_gap * (n + 1)
        else:
            day = today - dt.timedelta(days=step.days_ago)
            at = dt.datetime.combine(day, EVENING, tzinfo=tz) + STEP_GAP * n
        schedule.append((step, at))
    return schedule


def _write(*, learner, programs: dict[str, ProgramPage], now: dt.datetime) -> None:
    enrollments: dict[str, Enrollment] = {}
    days: dict[dt.date, list] = {}  # day -> [a moment of it, seconds, items completed]
    for step, at in _schedule(learner=learner, now=now):
        program = programs[step.program]
        day = days.setdefault(local_day(learner=learner, at=at)[0], [at, 0, 0])
        if step.action == "enroll":
            enrollment, _ = enroll(learner=learner, program=program)
            Enrollment.objects.filter(pk=enrollment.pk).update(enrolled_at=at, status_changed_at=at)
            _move_events(learner=learner, object_id=program.id, at=at, now=now)
            enrollments[step.program] = enrollment
            continue
        page = ContentItemPage.objects.descendant_of(program).get(slug=step.item)
        item = resolve_item(page_id=page.id)
        started = start_item(learner=learner, item=item)
        if started.started_at >= now:  # opened for the first time by this step
            Progress.objects.filter(pk=started.pk).update(started_at=at)
            _move_events(learner=learner, object_id=item.item_id, at=at, now=now)
        done_at = min(at + dt.timedelta(seconds=step.seconds), now - dt.timedelta(seconds=1))
        if step.action == "complete":
            complete_item(learner=learner, item=item)
            Progress.objects.filter(pk=started.pk).update(completed_at=done_at)
            day[2] += 1
        else:
            record_event(
                actor=learner,
                verb=Verb.PROGRESSED,
                object_type=ObjectType.CONTENT_ITEM,
                object_id=item.item_id,
                result={"duration_seconds": step.seconds},
                context={"enrollment": str(enrollments[step.program].pk)},
            )
        _move_events(learner=learner, object_id=item.item_id, at=done_at, now=now)
        progress = Progress.objects.get(pk=started.pk)
        data = progress.progress_data
        if step.item == VIDEO:
            data = clean_progress_data(data=VIDEO_PROGRESS, item=item)
        Progress.objects.filter(pk=started.pk).update(
            time_spent_seconds=progress.time_spent_seconds + step.seconds,
            last_seen_at=done_at,
            progress_data=data,
        )
        day[1] += step.seconds
        Enrollment.objects.filter(pk=enrollments[step.program].pk).update(last_activity_at=done_at)
    for enrollment in enrollments.values():
        spent = Progress.objects.filter(
            learner=learner, course__path__startswith=enrollment.program.path
        ).aggregate(total=Sum("time_spent_seconds"))["total"]
        Enrollment.objects.filter(pk=enrollment.pk).update(time_spent_seconds=spent or 0)
    today = local_day(learner=learner, at=now)[0]
    set_target_date(
        enrollment=Enrollment.objects.get(pk=enrollments[JAPAN].pk),
        target=today + dt.timedelta(days=TARGET_IN_DAYS),
    )
    # The domain functions counted every step today; count each on its own day instead.
    DailyActivity.objects.filter(learner=learner).delete()
    LearnerStats.objects.filter(learner=learner).delete()
    for moment, seconds, completed in sorted(days.values()):
        record_activity(learner=learner, seconds=seconds, items_completed=completed, at=moment)


def _move_events(*, learner, object_id: int, at: dt.datetime, now: dt.datetime) -> None:
    """Give the events a domain function just wrote (stamped `now` or later) their day.
    Events already moved are earlier than `now`, so each moves once."""
    LearningEvent.objects.filter(actor=learner, object_id=object_id, timestamp__gte=now).update(
        timestamp=at
    )
