"""Progress on content items and the completion totals derived from it.

What counts toward a program is documented in docs/progress.md: live content items of
live modules of the live courses the learner is held to (every course of a required
group, and for an elective group the `min_required` courses the learner has advanced
furthest in).
"""

import datetime as dt
import json
import math
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page

from .access import ItemRef, course_lock
from .activity import local_day, record_activity
from .events import record_event
from .models import (
    Assessment,
    AssessmentPass,
    ContentItemPage,
    CoursePage,
    DailyActivity,
    Enrollment,
    EnrollmentStatus,
    HeartbeatWindow,
    ObjectType,
    ProgramPage,
    Progress,
    Verb,
)

MAX_HEARTBEAT_SECONDS = 300
MAX_BATCH_ENTRIES = 100
MAX_PROGRESS_DATA_BYTES = 2048
MEDIA_COMPLETION_RATIO = 0.9
MEDIA_TYPES = {"video", "audio"}


class ProgressError(Exception):
    """A request the learner can fix; `code` maps to an HTTP status in the API."""

    def __init__(self, message: str, *, code: str, retry_after: int | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.retry_after = retry_after


@dataclass
class CourseOutline:
    id: int
    title: str
    item_ids: list[int] = field(default_factory=list)
    module_ids: list[int] = field(default_factory=list)
    prerequisite_ids: list[int] = field(default_factory=list)
    # Live assessments of the course's modules: each counts as one unit, done once passed.
    assessment_ids: list[str] = field(default_factory=list)

    @property
    def units(self) -> int:
        return len(self.item_ids) + len(self.assessment_ids)


@dataclass
class RequirementGroupRef:
    title: str
    course_ids: list[int]
    min_required: int

    @property
    def is_elective(self) -> bool:
        return self.min_required < len(self.course_ids)


@dataclass
class ProgramStructure:
    program_id: int
    courses: dict[int, CourseOutline]
    item_course: dict[int, int]
    item_module: dict[int, int]
    item_duration: dict[int, int | None]
    groups: list[RequirementGroupRef]
    assessment_course: dict[str, int] = field(default_factory=dict)


def program_structure(*, program: ProgramPage) -> ProgramStructure:
    """The live courses, modules and items under a program, in tree order. Constant queries."""
    depth = program.depth
    rows = (
        Page.objects.filter(
            path__startswith=program.path, depth__in=(depth + 1, depth + 2, depth + 3), live=True
        )
        .order_by("path")
        .values_list("id", "path", "depth", "title")
    )
    courses: dict[int, CourseOutline] = {}
    path_to_course: dict[str, int] = {}
    path_to_module: dict[str, int] = {}
    item_course: dict[int, int] = {}
    item_module: dict[int, int] = {}
    for page_id, path, page_depth, title in rows:
        parent_path = path[: -Page.steplen]
        if page_depth == depth + 1:
            courses[page_id] = CourseOutline(id=page_id, title=title)
            path_to_course[path] = page_id
        elif page_depth == depth + 2 and parent_path in path_to_course:
            course_id = path_to_course[parent_path]
            courses[course_id].module_ids.append(page_id)
            path_to_module[path] = page_id
            path_to_course[path] = course_id
        elif page_depth == depth + 3 and parent_path in path_to_module:
            course_id = path_to_course[parent_path]
            courses[course_id].item_ids.append(page_id)
            item_course[page_id] = course_id
            item_module[page_id] = path_to_module[parent_path]
    item_duration = dict(
        ContentItemPage.objects.filter(id__in=item_course).values_list("id", "duration_seconds")
    )
    module_course = {mid: cid for cid, course in courses.items() for mid in course.module_ids}
    assessment_course: dict[str, int] = {}
    for assessment_id, module_id in (
        Assessment.objects.filter(module_id__in=list(module_course), live=True)
        .order_by("title")
        .values_list("id", "module_id")
    ):
        key = str(assessment_id)
        courses[module_course[module_id]].assessment_ids.append(key)
        assessment_course[key] = module_course[module_id]
    prerequisites = getattr(CoursePage, "prerequisites", None)
    if prerequisites is not None and courses:
        through = CoursePage.prerequisites.through
        source = f"{CoursePage.prerequisites.field.m2m_field_name()}_id"
        target = f"{CoursePage.prerequisites.field.m2m_reverse_field_name()}_id"
        for course_id, prerequisite_id in through.objects.filter(
            **{f"{source}__in": list(courses)}
        ).values_list(source, target):
            courses[course_id].prerequisite_ids.append(prerequisite_id)
    return ProgramStructure(
        program_id=program.id,
        courses=courses,
        item_course=item_course,
        item_module=item_module,
        item_duration=item_duration,
        groups=_requirement_groups(program=program, courses=courses),
        assessment_course=assessment_course,
    )


def _requirement_groups(*, program, courses: dict[int, CourseOutline]) -> list[RequirementGroupRef]:
    declared = getattr(program, "requirement_groups", None)
    groups = []
    if callable(declared):
        for group in declared():
            live_ids = [cid for cid in group.course_ids if cid in courses]
            if live_ids:
                minimum = len(live_ids) if group.min_required is None else group.min_required
                groups.append(
                    RequirementGroupRef(str(group.title), live_ids, min(minimum, len(live_ids)))
                )
    if not groups and courses:
        groups.append(RequirementGroupRef("", list(courses), len(courses)))
    return groups


def counted_courses(*, structure: ProgramStructure, done: dict[int, int]) -> list[int]:
    """The courses the learner is held to: required ones, and their furthest electives."""
    counted: list[int] = []
    order = {cid: i for i, cid in enumerate(structure.courses)}
    for group in structure.groups:
        if not group.is_elective:
            counted.extend(group.course_ids)
            continue
        ranked = sorted(group.course_ids, key=lambda cid: (-done.get(cid, 0), order[cid]))
        counted.extend(ranked[: group.min_required])
    return list(dict.fromkeys(counted))


def completed_item_ids(*, learner, structure: ProgramStructure) -> set[int]:
    return set(
        Progress.objects.filter(
            learner=learner, is_completed=True, course_id__in=list(structure.courses)
        ).values_list("content_item_id", flat=True)
    )


def passed_assessment_ids(*, learner_ids: list, structure: ProgramStructure) -> dict[Any, set]:
    """{learner id: the program's live assessments they passed}; no query without any."""
    if not structure.assessment_course or not learner_ids:
        return {}
    passed: dict[Any, set] = {}
    for learner_id, assessment_id in AssessmentPass.objects.filter(
        learner_id__in=learner_ids, assessment_id__in=list(structure.assessment_course)
    ).values_list("learner_id", "assessment_id"):
        passed.setdefault(learner_id, set()).add(str(assessment_id))
    return passed


def _apply_totals(
    *,
    enrollment: Enrollment,
    structure: ProgramStructure,
    completed: set[int],
    passed: set[str] = frozenset(),
) -> None:
    done: dict[int, int] = {}
    for item_id in completed:
        course_id = structure.item_course.get(item_id)
        if course_id is not None:
            done[course_id] = done.get(course_id, 0) + 1
    for assessment_id in passed:
        course_id = structure.assessment_course.get(assessment_id)
        if course_id is not None:
            done[course_id] = done.get(course_id, 0) + 1
    counted = counted_courses(structure=structure, done=done)
    course_progress = {
        str(cid): [done.get(cid, 0), structure.courses[cid].units] for cid in counted
    }
    total = sum(t for _, t in course_progress.values())
    completed_count = sum(d for d, _ in course_progress.values())
    enrollment.course_progress = course_progress
    enrollment.total_items = total
    enrollment.completed_items = completed_count
    enrollment.completion_percentage = (
        (Decimal(completed_count * 100) / total).quantize(Decimal("0.01")) if total else Decimal(0)
    )
    enrollment.requirements_left = _requirements_left(structure=structure, done=done)
    enrollment.next_item_id = next(
        (
            item_id
            for cid in structure.courses
            if cid in counted and prerequisites_met(structure=structure, done=done, course_id=cid)
            for item_id in structure.courses[cid].item_ids
            if item_id not in completed
        ),
        None,
    )
    if total and completed_count == total and enrollment.status == EnrollmentStatus.ACTIVE:
        now = timezone.now()
        enrollment.status = EnrollmentStatus.COMPLETED
        enrollment.completed_at = now
        enrollment.status_changed_at = now
        record_event(
            actor=enrollment.learner,
            verb=Verb.COMPLETED,
            object_type=ObjectType.PROGRAM,
            object_id=enrollment.program_id,
            result={"completion": 1.0},
            context={"enrollment": str(enrollment.pk)},
        )


def prerequisites_met(*, structure: ProgramStructure, done: dict[int, int], course_id: int) -> bool:
    """Every live prerequisite course has all its live items completed."""
    return all(
        done.get(prerequisite_id, 0) >= structure.courses[prerequisite_id].units
        for prerequisite_id in structure.courses[course_id].prerequisite_ids
        if prerequisite_id in structure.courses
    )


def _requirements_left(*, structure: ProgramStructure, done: dict[int, int]) -> list[dict]:
    left = []
    for group in structure.groups:
        finished = [
            cid for cid in group.course_ids if done.get(cid, 0) >= structure.courses[cid].units
        ]
        still_needed = max(0, group.min_required - len(finished))
        if not still_needed:
            continue
        left.append(
            {
                "title": group.title,
                "elective": group.is_elective,
                "choose": still_needed,
                "courses": [
                    {
                        "id": cid,
                        "title": structure.courses[cid].title,
                        "done": done.get(cid, 0),
                        "total": structure.courses[cid].units,
                    }
                    for cid in group.course_ids
                    if cid not in finished
                ],
            }
        )
    return left


TOTAL_FIELDS = [
    "requirements_left",
    "course_progress",
    "total_items",
    "completed_items",
    "completion_percentage",
    "next_item",
    "status",
    "completed_at",
    "status_changed_at",
]


def recompute_enrollment(
    *, enrollment: Enrollment, structure: ProgramStructure | None = None
) -> None:
    """Bring the enrollment's running totals in line with its progress. Caller holds the lock."""
    structure = structure or program_structure(program=enrollment.program)
    completed = completed_item_ids(learner=enrollment.learner, structure=structure)
    passed = passed_assessment_ids(learner_ids=[enrollment.learner_id], structure=structure)
    _apply_totals(
        enrollment=enrollment,
        structure=structure,
        completed=completed,
        passed=passed.get(enrollment.learner_id, set()),
    )
    enrollment.save(update_fields=TOTAL_FIELDS)


def recompute_program(*, program_id: int) -> int:
    """Recompute every enrollment of a program after editors changed its content."""
    program = ProgramPage.objects.filter(id=program_id).first()
    if program is None:
        return 0
    structure = program_structure(program=program)
    count = 0
    with transaction.atomic():
        enrollments = list(
            Enrollment.objects.select_for_update()
            .filter(program_id=program_id)
            .select_related("learner")
            .order_by("pk")
        )
        completed_by_learner: dict[Any, set[int]] = {}
        for learner_id, item_id in Progress.objects.filter(
            learner_id__in=[e.learner_id for e in enrollments],
            is_completed=True,
            course_id__in=list(structure.courses),
        ).values_list("learner_id", "content_item_id"):
            completed_by_learner.setdefault(learner_id, set()).add(item_id)
        passed_by_learner = passed_assessment_ids(
            learner_ids=[e.learner_id for e in enrollments], structure=structure
        )
        for enrollment in enrollments:
            _apply_totals(
                enrollment=enrollment,
                structure=structure,
                completed=completed_by_learner.get(enrollment.learner_id, set()),
                passed=passed_by_learner.get(enrollment.learner_id, set()),
            )
            count += 1
        Enrollment.objects.bulk_update(enrollments, TOTAL_FIELDS, batch_size=500)
    return count


def _locked_enrollment(*, learner, program_id: int) -> Enrollment:
    enrollment = (
        Enrollment.objects.select_for_update()
        .filter(learner=learner, program_id=program_id)
        .first()
    )
    if enrollment is None or enrollment.status == EnrollmentStatus.DROPPED:
        raise ProgressError("You are not enrolled in this program.", code="not_enrolled")
    if enrollment.status == EnrollmentStatus.PAUSED:
        raise ProgressError("Your enrollment is paused. Resume it to continue.", code="paused")
    return enrollment


def _locked_learner(*, learner) -> HeartbeatWindow:
    """The learner's heartbeat row, created if missing, locked.

    Every write to a learner's progress takes this lock first, so one learner's writes run
    one at a time in one lock order (this row, then progress rows, then enrollments), and
    a batch that touches several items cannot deadlock with a completion."""
    now = timezone.now()
    window, _ = HeartbeatWindow.objects.select_for_update().get_or_create(
        learner_id=learner.pk,
        defaults={
            # Nothing was credited before the account existed.
            "credited_until": getattr(learner, "date_joined", None) or now,
            "window_start": now.replace(second=0, microsecond=0),
            "count": 0,
        },
    )
    return window


def _locked_progress(*, learner, item: ItemRef) -> tuple[Progress, bool]:
    """The learner's progress row for the item, created if missing, locked (after the
    learner's row, see _locked_learner)."""
    _locked_learner(learner=learner)
    return _locked_progress_row(learner=learner, item=item)


def _locked_progress_row(*, learner, item: ItemRef) -> tuple[Progress, bool]:
    return Progress.objects.select_for_update().get_or_create(
        learner_id=learner.pk,
        content_item_id=item.item_id,
        defaults={"module_id": item.module_id, "course_id": item.course_id},
    )


def _open_enrollment_id(*, learner, program_id: int) -> str:
    """Lock the learner's enrollment if it records progress (active or completed) and
    return its id, or raise."""
    return str(_locked_enrollment(learner=learner, program_id=program_id).pk)


def _refuse_locked(*, learner, item: ItemRef) -> None:
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
        progress, created = _locked_progress(learner=learner, item=item)
        now = timezone.now()
        enrollment_id = _open_enrollment_id(learner=learner, program_id=item.program_id)
        _refuse_locked(learner=learner, item=item)
        Enrollment.objects.filter(pk=enrollment_id).update(last_activity_at=now)
        if created:
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

    One transaction, a savepoint per claim: a claim that fails writes nothing and its error
    takes its place in the answer, the others stand. Together they credit no more than the
    server's wall time since the learner's last credited moment (HeartbeatWindow), however
    many items, tabs or devices the claims come from. The request counts once toward the
    rate limit, which raises ProgressError for the whole batch."""
    if len(claims) > MAX_BATCH_ENTRIES:
        raise ProgressError(f"At most {MAX_BATCH_ENTRIES} heartbeats a batch.", code="invalid")
    results: list[HeartbeatResult | ProgressError | None] = [None] * len(claims)
    order = sorted(range(len(claims)), key=lambda i: _claim_order(claims[i], i))
    with transaction.atomic():
        window = _locked_learner(learner=learner)
        now = timezone.now()
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
                with transaction.atomic():
                    result = _credit(
                        learner=learner,
                        item=claim.item,
                        seconds=min(claim.seconds, budget - credited),
                        data=data,
                        now=now,
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
        window.save(update_fields=["credited_until", "window_start", "count"])
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


def _credit(*, learner, item: ItemRef, seconds: int, data, now) -> HeartbeatResult:
    """Add `seconds` to the item, the enrollment and the learner's day, with the
    `progressed` event; complete a media item watched to the end. Caller holds the
    learner's row."""
    progress, created = _locked_progress_row(learner=learner, item=item)
    enrollment_id = _open_enrollment_id(learner=learner, program_id=item.program_id)
    _refuse_locked(learner=learner, item=item)
    context = {"enrollment": enrollment_id}
    if created:
        record_event(
            actor=learner,
            verb=Verb.LAUNCHED,
            object_type=ObjectType.CONTENT_ITEM,
            object_id=item.item_id,
            context=context,
        )
    data_changed = data is not None and data != progress.progress_data
    progress.time_spent_seconds += seconds
    progress.last_seen_at = now
    if data is not None:
        progress.progress_data = data
    progress.save(update_fields=["time_spent_seconds", "last_seen_at", "progress_data"])
    Enrollment.objects.filter(pk=enrollment_id).update(
        time_spent_seconds=F("time_spent_seconds") + seconds, last_activity_at=now
    )
    if seconds or data_changed:
        record_event(
            actor=learner,
            verb=Verb.PROGRESSED,
            object_type=ObjectType.CONTENT_ITEM,
            object_id=item.item_id,
            result={"duration_seconds": seconds, **_media_result(data)},
            context=context,
        )
    if seconds or created:
        record_activity(learner=learner, seconds=seconds, at=now)
    completed_now = False
    if (
        not progress.is_completed
        and item.item_type in MEDIA_TYPES
        and _watched_enough(progress.progress_data)
    ):
        completed_now = _complete_locked(learner=learner, progress=progress, item=item, now=now)
    return HeartbeatResult(progress, seconds, completed_now)


def _media_result(data: dict[str, Any] | None) -> dict[str, Any]:
    if not data or "position" not in data:
        return {}
    return {"position": data["position"]}


def _watched_enough(data: dict[str, Any]) -> bool:
    """The position has reached 90 % of the server's duration (clean_progress_data)."""
    position, duration = data.get("position"), data.get("duration")
    return bool(position and duration and position >= MEDIA_COMPLETION_RATIO * duration)


def complete_item(*, learner, item: ItemRef) -> tuple[Progress, bool]:
    """Mark the item complete. Returns (progress, whether this call completed it).

    Locks the progress row first, then the enrollment, the same order as heartbeats."""
    with transaction.atomic():
        progress, _ = _locked_progress(learner=learner, item=item)
        changed = _complete_locked(
            learner=learner, progress=progress, item=item, now=timezone.now()
        )
        return progress, changed


def _complete_locked(*, learner, progress: Progress, item: ItemRef, now) -> bool:
    enrollment = _locked_enrollment(learner=learner, program_id=item.program_id)
    if progress.is_completed:
        return False
    _refuse_locked(learner=learner, item=item)
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
        progress, _ = _locked_progress(learner=learner, item=item)
        enrollment = _locked_enrollment(learner=learner, program_id=item.program_id)
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
    _locked_learner(learner=learner)
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
