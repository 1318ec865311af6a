"""Progress on content items: opening one, marking it complete and undoing that.

Every write to a learner's progress takes the learner's row first (locked_learner), then the
progress row, then the enrollment: one lock order for pages, the API and heartbeats
(learning.journey.heartbeats). Totals: learning.journey.recompute; what counts:
docs/progress.md.
"""

import json
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from culturedegree.errors import Refused
from learning.models import (
    DailyActivity,
    Enrollment,
    EnrollmentStatus,
    HeartbeatWindow,
    ObjectType,
    Progress,
    Verb,
)

from .access import ItemRef, course_lock
from .activity import local_day, record_activity
from .events import record_event
from .recompute import recompute_enrollment

MAX_PROGRESS_DATA_BYTES = 2048
MEDIA_TYPES = {"video", "audio"}


class ProgressError(Refused):
    """A request the learner can fix; `code` maps to an HTTP status in the API."""

    STATUS = {
        "not_enrolled": 403,
        "locked": 403,
        "paused": 409,
        "conflict": 409,
        "invalid": 422,
        "too_large": 422,
        "rate_limited": 429,
    }


def locked_enrollment(*, learner, program_id: int) -> Enrollment:
    enrollment = (
        Enrollment.objects.select_for_update()
        .filter(learner=learner, program_id=program_id)
        .first()
    )
    return usable_enrollment(enrollment)


def usable_enrollment(enrollment: Enrollment | None) -> Enrollment:
    """The enrollment if it records progress (active or completed), or raise."""
    if enrollment is None or enrollment.status == EnrollmentStatus.DROPPED:
        raise ProgressError("You are not enrolled in this program.", code="not_enrolled")
    if enrollment.status == EnrollmentStatus.PAUSED:
        raise ProgressError("Your enrollment is paused. Resume it to continue.", code="paused")
    return enrollment


def locked_learner(*, learner) -> HeartbeatWindow:
    """The learner's heartbeat row, created if missing, locked.

    Every write to a learner's progress takes this lock first, so one learner's writes run
    one at a time in one lock order (this row, then progress rows, then enrollments), and
    a batch that touches several items cannot deadlock with a completion."""
    window, _ = HeartbeatWindow.objects.select_for_update().get_or_create(
        learner_id=learner.pk, defaults=new_window(learner=learner)
    )
    return window


def new_window(*, learner) -> dict[str, Any]:
    """A learner's first heartbeat row: nothing was credited before the account existed."""
    now = timezone.now()
    return {
        "credited_until": getattr(learner, "date_joined", None) or now,
        "window_start": now.replace(second=0, microsecond=0),
        "count": 0,
    }


def locked_progress(*, learner, item: ItemRef) -> tuple[Progress, bool]:
    """The learner's progress row for the item, created if missing, locked (after the
    learner's row, see locked_learner)."""
    locked_learner(learner=learner)
    return locked_progress_row(learner=learner, item=item)


def locked_progress_row(*, learner, item: ItemRef) -> tuple[Progress, bool]:
    return Progress.objects.select_for_update().get_or_create(
        learner_id=learner.pk,
        content_item_id=item.item_id,
        defaults={"module_id": item.module_id, "course_id": item.course_id},
    )


def open_enrollment_id(*, learner, program_id: int) -> str:
    """Lock the learner's enrollment if it records progress (active or completed) and
    return its id, or raise."""
    return str(locked_enrollment(learner=learner, program_id=program_id).pk)


def refuse_locked(*, learner, item: ItemRef) -> None:
    """Refuse progress in a course whose prerequisites the learner has not finished."""
    if not item.has_prerequisites:
        return
    lock = course_lock(learner=learner, course_id=item.course_id)
    if lock is not None:
        raise ProgressError(lock.message, code="locked")


def start_item(*, learner, item: ItemRef) -> Progress | None:
    """Record that the learner opened the item. Idempotent; no-op unless enrolled, active
    and the course unlocked (begin_item says why not)."""
    try:
        return begin_item(learner=learner, item=item)
    except ProgressError:
        return None


def begin_item(*, learner, item: ItemRef) -> Progress:
    """Record that the learner opened the item, or raise ProgressError. Idempotent."""
    with transaction.atomic():
        progress, created = locked_progress(learner=learner, item=item)
        now = timezone.now()
        enrollment_id = open_enrollment_id(learner=learner, program_id=item.program_id)
        refuse_locked(learner=learner, item=item)
        if created:
            # Opening an item once is activity; opening it again is not (only heartbeats and
            # completions move it then), so a page view leaves the dashboard's cache alone.
            Enrollment.objects.filter(pk=enrollment_id).update(last_activity_at=now)
            record_event(
                actor=learner,
                verb=Verb.LAUNCHED,
                object_type=ObjectType.CONTENT_ITEM,
                object_id=item.item_id,
                context={"enrollment": enrollment_id},
            )
            record_activity(learner=learner, at=now)
        return progress


def clean_progress_data(*, data: dict[str, Any] | None, item: ItemRef) -> dict[str, Any] | None:
    """Cap the size; for media, keep the server's duration and the position within it.

    The duration always comes from the server (the media file, docs/progress.md): one a
    client reports is dropped, so claiming a short video cannot complete a long one."""
    if data is None:
        return None
    if len(json.dumps(data, separators=(",", ":"))) > MAX_PROGRESS_DATA_BYTES:
        raise ProgressError(
            f"progress_data is larger than {MAX_PROGRESS_DATA_BYTES} bytes.", code="too_large"
        )
    cleaned = {key: value for key, value in data.items() if key != "duration"}
    duration = item.duration_seconds if item.item_type in MEDIA_TYPES else None
    if duration:
        cleaned["duration"] = float(duration)
    position = cleaned.get("position")
    if position is not None:
        position = max(0.0, float(position))
        if duration:
            position = min(position, float(duration))
        cleaned["position"] = position
    return cleaned


def complete_item(*, learner, item: ItemRef) -> tuple[Progress, bool]:
    """Mark the item complete. Returns (progress, whether this call completed it).

    Locks the progress row first, then the enrollment, the same order as heartbeats."""
    with transaction.atomic():
        progress, _ = locked_progress(learner=learner, item=item)
        changed = complete_locked(learner=learner, progress=progress, item=item, now=timezone.now())
        return progress, changed


def complete_locked(*, learner, progress: Progress, item: ItemRef, now) -> bool:
    enrollment = locked_enrollment(learner=learner, program_id=item.program_id)
    if progress.is_completed:
        return False
    refuse_locked(learner=learner, item=item)
    progress.is_completed = True
    progress.completed_at = now
    progress.save(update_fields=["is_completed", "completed_at"])
    record_event(
        actor=learner,
        verb=Verb.COMPLETED,
        object_type=ObjectType.CONTENT_ITEM,
        object_id=progress.content_item_id,
        result={"completion": True, "duration_seconds": progress.time_spent_seconds},
        context={"enrollment": str(enrollment.pk)},
    )
    record_activity(learner=learner, items_completed=1, at=now)
    enrollment.last_activity_at = now
    enrollment.save(update_fields=["last_activity_at"])
    enrollment.learner = learner
    recompute_enrollment(enrollment=enrollment)
    return True


def uncomplete_item(*, learner, item: ItemRef) -> tuple[Progress, bool]:
    """Undo "Mark as complete". Returns (progress, whether this call undid a completion).

    Same locks and totals as complete_item; time spent is kept. The completion leaves the
    day it was counted on. A completed program stays completed (see docs/progress.md)."""
    with transaction.atomic():
        progress, _ = locked_progress(learner=learner, item=item)
        enrollment = locked_enrollment(learner=learner, program_id=item.program_id)
        if not progress.is_completed:
            return progress, False
        completed_at = progress.completed_at
        progress.is_completed = False
        progress.completed_at = None
        progress.save(update_fields=["is_completed", "completed_at"])
        record_event(
            actor=learner,
            verb=Verb.PROGRESSED,
            object_type=ObjectType.CONTENT_ITEM,
            object_id=progress.content_item_id,
            result={"completion": False},
            context={"enrollment": str(enrollment.pk), "undo": "completed"},
        )
        if completed_at is not None:
            day, _ = local_day(learner=learner, at=completed_at)
            DailyActivity.objects.filter(
                learner_id=learner.pk, day=day, items_completed__gt=0
            ).update(items_completed=F("items_completed") - 1)
        enrollment.learner = learner
        recompute_enrollment(enrollment=enrollment)
        return progress, True


def assessment_passed(*, learner, program_id: int) -> None:
    """The learner passed an assessment of the program: bring its totals up to date (the
    module, course and program may complete). Called by grading inside its transaction,
    after the pass is recorded; the learner's row is locked first, as for items."""
    locked_learner(learner=learner)
    enrollment = (
        Enrollment.objects.select_for_update()
        .filter(learner=learner, program_id=program_id)
        .exclude(status=EnrollmentStatus.DROPPED)
        .first()
    )
    if enrollment is None:
        return
    enrollment.learner = learner
    recompute_enrollment(enrollment=enrollment)
