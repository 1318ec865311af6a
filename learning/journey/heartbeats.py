"""Time on content items: a page's ping or an app's offline batch, credited within the
server's wall time (HeartbeatWindow), with the rate limit, and media completed once watched
to the end (docs/decisions/0027)."""

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from learning.models import (
    Enrollment,
    HeartbeatWindow,
    LearningEvent,
    ObjectType,
    Progress,
    Verb,
)

from .access import ItemRef
from .activity import activity_recorded, day_upsert
from .events import events_recorded, insert_events, new_event
from .progress import (
    MEDIA_TYPES,
    ProgressError,
    clean_progress_data,
    complete_locked,
    new_window,
    refuse_locked,
    usable_enrollment,
)
from .statements import Lock, lock_together, run_together, update

MAX_HEARTBEAT_SECONDS = 300
MAX_BATCH_ENTRIES = 100
MEDIA_COMPLETION_RATIO = 0.9


@dataclass
class HeartbeatResult:
    progress: Progress
    credited_seconds: int
    completed_now: bool


@dataclass(frozen=True)
class Claim:
    """Time a client says the learner spent on an item. `sent_at` is the client's clock:
    it orders a batch and is never trusted for credit."""

    item: ItemRef
    seconds: int
    progress_data: dict[str, Any] | None = None
    sent_at: dt.datetime | None = None


def heartbeat(
    *, learner, item: ItemRef, seconds: int, progress_data: dict[str, Any] | None = None
) -> HeartbeatResult:
    """Credit time on an item: at most `seconds`, and never more than the wall time since
    the learner's last credited moment, all items together. Raises ProgressError."""
    (result,) = heartbeat_batch(
        learner=learner, claims=[Claim(item=item, seconds=seconds, progress_data=progress_data)]
    )
    if isinstance(result, ProgressError):
        raise result
    return result


def heartbeat_batch(*, learner, claims: list[Claim]) -> list[HeartbeatResult | ProgressError]:
    """Credit claims (a page's ping, or an app's offline session) in the client's order.

    One transaction. A claim that fails writes nothing and its error takes its place in the
    answer; the others stand. Together they credit no more than the server's wall time since
    the learner's last credited moment (HeartbeatWindow), however many items, tabs or
    devices the claims come from. The request counts once toward the rate limit, which
    raises ProgressError for the whole batch."""
    if len(claims) > MAX_BATCH_ENTRIES:
        raise ProgressError(f"At most {MAX_BATCH_ENTRIES} heartbeats a batch.", code="invalid")
    try:
        return _credit(learner=learner, claims=claims)
    except _NoWindowYet:
        # The learner's first write of any kind: their row is made on its own, so that it is
        # still the first lock taken when the claims are credited.
        HeartbeatWindow.objects.get_or_create(
            learner_id=learner.pk, defaults=new_window(learner=learner)
        )
        return _credit(learner=learner, claims=claims)


class _NoWindowYet(Exception):
    pass


def _credit(*, learner, claims: list[Claim]) -> list[HeartbeatResult | ProgressError]:
    results: list[HeartbeatResult | ProgressError | None] = [None] * len(claims)
    order = sorted(range(len(claims)), key=lambda i: _claim_order(claims[i], i))
    with transaction.atomic():
        batch = _Batch.locked(learner=learner, claims=claims)
        window, now = batch.window, batch.now
        _count_request(window, now=now)
        gap = (now - window.credited_until).total_seconds()
        budget = max(0, math.floor(gap))
        claimed = credited = 0
        for index in order:
            claim = claims[index]
            try:
                if not 0 <= claim.seconds <= MAX_HEARTBEAT_SECONDS:
                    raise ProgressError(
                        f"seconds must be between 0 and {MAX_HEARTBEAT_SECONDS}.", code="invalid"
                    )
                data = clean_progress_data(data=claim.progress_data, item=claim.item)
                result = batch.credit(
                    item=claim.item, seconds=min(claim.seconds, budget - credited), data=data
                )
            except ProgressError as exc:
                results[index] = exc
                continue
            results[index] = result
            claimed += claim.seconds
            credited += result.credited_seconds
        # Claims shorter than the gap mean the learner was away before them: that time is
        # gone. Otherwise the uncredited fraction of a second carries over to the next one.
        # Claiming nothing (a seek, a failed entry) leaves the wall time for other items.
        if claimed:
            window.credited_until = (
                now if claimed < gap else window.credited_until + dt.timedelta(seconds=credited)
            )
        batch.write(window=True)
    return results


def _claim_order(claim: Claim, index: int):
    return (claim.sent_at or dt.datetime.min.replace(tzinfo=dt.UTC), index)


def _count_request(window: HeartbeatWindow, *, now: dt.datetime) -> None:
    minute = now.replace(second=0, microsecond=0)
    if window.window_start == minute:
        window.count += 1
    else:
        window.window_start, window.count = minute, 1
    if window.count > settings.HEARTBEAT_RATE_LIMIT:
        retry_after = 60 - now.second
        raise ProgressError(
            f"Too many heartbeats: at most {settings.HEARTBEAT_RATE_LIMIT} a minute."
            f" Try again in {retry_after} s.",
            code="rate_limited",
            retry_after=retry_after,
        )


@dataclass
class _Batch:
    """The claims of one request, credited in memory and written once per row.

    The rows the claims can touch are read and locked by one statement (the learner's row,
    then their progress rows and enrollments for the claims' items and programs), and what
    they change is written by one more (learning.journey.statements): a ping is the same two
    round trips as an offline session of a hundred entries. Every check that can refuse a
    claim (enrollment, course lock) runs before the claim changes anything, so a refused
    claim needs no savepoint. Rows stay locked to the commit: each progress row touched is
    written once, each enrollment once, the events in one INSERT and the day once. A
    completion writes what is pending first, so it sees the time credited before it."""

    learner: Any
    now: dt.datetime
    window: HeartbeatWindow
    progress: dict[int, Progress] = field(default_factory=dict)
    enrollments: dict[int, Enrollment] = field(default_factory=dict)
    unlocked_courses: set[int] = field(default_factory=set)
    changed: dict[int, Progress] = field(default_factory=dict)
    enrollment_seconds: dict[str, int] = field(default_factory=dict)
    events: list[LearningEvent] = field(default_factory=list)
    day_seconds: int | None = None

    @classmethod
    def locked(cls, *, learner, claims: list[Claim]) -> "_Batch":
        """Lock the learner's row, then the progress rows and enrollments of the claims'
        items and programs (the lock order of learning.journey.progress), in one read."""
        windows, progress, enrollments = lock_together(
            [
                Lock(HeartbeatWindow, {"learner": [learner.pk]}),
                Lock(
                    Progress,
                    {
                        "learner": [learner.pk],
                        "content_item": sorted({claim.item.item_id for claim in claims}),
                    },
                ),
                Lock(
                    Enrollment,
                    {
                        "learner": [learner.pk],
                        "program": sorted({claim.item.program_id for claim in claims}),
                    },
                    fields=("id", "program", "status"),
                ),
            ]
        )
        if not windows:
            raise _NoWindowYet
        return cls(
            learner=learner,
            now=timezone.now(),
            window=windows[0],
            progress={row.content_item_id: row for row in progress},
            enrollments={row.program_id: row for row in enrollments},
        )

    def credit(self, *, item: ItemRef, seconds: int, data) -> HeartbeatResult:
        """Add `seconds` to the item, the enrollment and the learner's day, with the
        `progressed` event; complete a media item watched to the end."""
        learner, now = self.learner, self.now
        progress = self.progress.get(item.item_id)
        created = False
        if progress is None:
            # Not there when the read began. It may have been made since by a request that
            # held the learner's row before this one: a new statement sees it.
            progress = (
                Progress.objects.select_for_update()
                .filter(learner_id=learner.pk, content_item_id=item.item_id)
                .first()
            )
        enrollment_id = self._open_enrollment(item)
        self._refuse_locked(item)
        context = {"enrollment": enrollment_id}
        if progress is None:
            progress = Progress.objects.create(
                learner_id=learner.pk,
                content_item_id=item.item_id,
                module_id=item.module_id,
                course_id=item.course_id,
            )
            created = True
            self._event(Verb.LAUNCHED, item=item, context=context)
        self.progress[item.item_id] = progress
        data_changed = data is not None and data != progress.progress_data
        progress.time_spent_seconds += seconds
        progress.last_seen_at = now
        if data is not None:
            progress.progress_data = data
        self.changed[item.item_id] = progress
        self.enrollment_seconds[enrollment_id] = (
            self.enrollment_seconds.get(enrollment_id, 0) + seconds
        )
        if seconds or data_changed:
            result = {"duration_seconds": seconds, **_media_result(data)}
            self._event(Verb.PROGRESSED, item=item, context=context, result=result)
        if seconds or created:
            self.day_seconds = (self.day_seconds or 0) + seconds
        completed_now = False
        if (
            not progress.is_completed
            and item.item_type in MEDIA_TYPES
            and _watched_enough(progress.progress_data)
        ):
            self.write()
            completed_now = complete_locked(learner=learner, progress=progress, item=item, now=now)
        return HeartbeatResult(progress, seconds, completed_now)

    def write(self, *, window: bool = False) -> None:
        """Write what the claims so far changed, in one statement: one UPDATE per row, one
        INSERT of events, the day, and the learner's row when ``window``."""
        statements = [
            update(
                Progress,
                where={"id": progress.pk},
                values={
                    "time_spent_seconds": progress.time_spent_seconds,
                    "last_seen_at": progress.last_seen_at,
                    "progress_data": progress.progress_data,
                },
            )
            for progress in self.changed.values()
        ]
        statements += [
            update(
                Enrollment,
                where={"id": enrollment_id},
                values={"last_activity_at": self.now},
                add={"time_spent_seconds": seconds},
            )
            for enrollment_id, seconds in self.enrollment_seconds.items()
        ]
        if self.events:
            statements.append(insert_events(self.events))
        day = day_index = None
        if self.day_seconds is not None:
            day_statement, day = day_upsert(
                learner=self.learner, seconds=self.day_seconds, at=self.now
            )
            day_index = len(statements)
            statements.append(day_statement)
        if window:
            statements.append(
                update(
                    HeartbeatWindow,
                    where={"learner": self.learner.pk},
                    values={
                        "credited_until": self.window.credited_until,
                        "window_start": self.window.window_start,
                        "count": self.window.count,
                    },
                )
            )
        returned = run_together(statements)
        events_recorded(self.events)
        if day is not None:
            activity_recorded(learner=self.learner, day=day, created=returned[day_index])
        self.changed, self.enrollment_seconds, self.events = {}, {}, []
        self.day_seconds = None

    def _open_enrollment(self, item: ItemRef) -> str:
        return str(usable_enrollment(self.enrollments.get(item.program_id)).pk)

    def _refuse_locked(self, item: ItemRef) -> None:
        if item.course_id not in self.unlocked_courses:
            refuse_locked(learner=self.learner, item=item)
            self.unlocked_courses.add(item.course_id)

    def _event(self, verb: Verb, *, item: ItemRef, context: dict, result=None) -> None:
        self.events.append(
            new_event(
                actor=self.learner,
                verb=verb,
                object_type=ObjectType.CONTENT_ITEM,
                object_id=item.item_id,
                result=result,
                context=context,
            )
        )


def _media_result(data: dict[str, Any] | None) -> dict[str, Any]:
    if not data or "position" not in data:
        return {}
    return {"position": data["position"]}


def _watched_enough(data: dict[str, Any]) -> bool:
    """The position has reached 90 % of the server's duration (clean_progress_data)."""
    position, duration = data.get("position"), data.get("duration")
    return bool(position and duration and position >= MEDIA_COMPLETION_RATIO * duration)
