"""Progress on content items and the completion totals derived from it.

What counts toward a program is documented in docs/progress.md: live content items of
live modules of the live courses the learner is held to (every course of a required
group, and for an elective group the `min_required` courses the learner has advanced
furthest in).
"""

import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from psycopg._queries import MAX_CACHED_STATEMENT_LENGTH
from wagtail.models import Page

from .access import ItemRef
from .activity import _advance_streak as advance_streak
from .activity import local_day, record_activity
from .events import record_event
from .models import (
    ContentItemPage,
    CoursePage,
    DailyActivity,
    Enrollment,
    EnrollmentStatus,
    ObjectType,
    ProgramPage,
    Progress,
    Verb,
)

MAX_HEARTBEAT_SECONDS = 300
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


def _apply_totals(
    *, enrollment: Enrollment, structure: ProgramStructure, completed: set[int]
) -> None:
    done: dict[int, int] = {}
    for item_id in completed:
        course_id = structure.item_course.get(item_id)
        if course_id is not None:
            done[course_id] = done.get(course_id, 0) + 1
    counted = counted_courses(structure=structure, done=done)
    course_progress = {
        str(cid): [done.get(cid, 0), len(structure.courses[cid].item_ids)] for cid in counted
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
        done.get(prerequisite_id, 0) >= len(structure.courses[prerequisite_id].item_ids)
        for prerequisite_id in structure.courses[course_id].prerequisite_ids
        if prerequisite_id in structure.courses
    )


def _requirements_left(*, structure: ProgramStructure, done: dict[int, int]) -> list[dict]:
    left = []
    for group in structure.groups:
        finished = [
            cid
            for cid in group.course_ids
            if done.get(cid, 0) >= len(structure.courses[cid].item_ids)
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
                        "total": len(structure.courses[cid].item_ids),
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
    _apply_totals(enrollment=enrollment, structure=structure, completed=completed)
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
        for enrollment in enrollments:
            _apply_totals(
                enrollment=enrollment,
                structure=structure,
                completed=completed_by_learner.get(enrollment.learner_id, set()),
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


PROGRESS_COLUMNS = [
    "id",
    "learner_id",
    "content_item_id",
    "module_id",
    "course_id",
    "started_at",
    "last_seen_at",
    "completed_at",
    "is_completed",
    "time_spent_seconds",
    "progress_data",
]


def _locked_progress(*, learner, item: ItemRef) -> tuple[Progress, bool]:
    """The learner's progress row for the item, created if missing, locked. One statement:
    ON CONFLICT DO UPDATE locks the existing row and returns it as it was."""
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO learning_progress
                (id, learner_id, content_item_id, module_id, course_id, started_at, last_seen_at,
                 is_completed, time_spent_seconds, progress_data)
            VALUES (gen_random_uuid(), %s, %s, %s, %s, %s, %s, false, 0, '{}'::jsonb)
            ON CONFLICT (learner_id, content_item_id) DO UPDATE
                SET learner_id = EXCLUDED.learner_id
            RETURNING id, learner_id, content_item_id, module_id, course_id, started_at,
                last_seen_at, completed_at, is_completed, time_spent_seconds, progress_data,
                (xmax = 0) AS created
            """,
            [learner.pk, item.item_id, item.module_id, item.course_id, now, now],
        )
        *values, created = cursor.fetchone()
    row = dict(zip(PROGRESS_COLUMNS, values, strict=True))
    if isinstance(row["progress_data"], str):
        row["progress_data"] = json.loads(row["progress_data"])
    progress = Progress(**row)
    progress._state.adding = False
    return progress, created


def _enrollment_error(*, learner, program_id: int) -> ProgressError:
    status = (
        Enrollment.objects.filter(learner=learner, program_id=program_id)
        .values_list("status", flat=True)
        .first()
    )
    if status == EnrollmentStatus.PAUSED:
        return ProgressError("Your enrollment is paused. Resume it to continue.", code="paused")
    return ProgressError("You are not enrolled in this program.", code="not_enrolled")


def _touch_enrollment(*, learner, program_id: int, seconds: int, now) -> str:
    """Add time to the open enrollment (locking it) and return its id, or raise."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE learning_enrollment
            SET time_spent_seconds = time_spent_seconds + %s, last_activity_at = %s
            WHERE learner_id = %s AND program_id = %s AND status IN ('active', 'completed')
            RETURNING id
            """,
            [seconds, now, learner.pk, program_id],
        )
        row = cursor.fetchone()
    if row is None:
        raise _enrollment_error(learner=learner, program_id=program_id)
    return str(row[0])


def start_item(*, learner, item: ItemRef) -> Progress | None:
    """Record that the learner opened the item. Idempotent; no-op unless enrolled and active."""
    try:
        with transaction.atomic():
            progress, created = _locked_progress(learner=learner, item=item)
            now = timezone.now()
            enrollment_id = _touch_enrollment(
                learner=learner, program_id=item.program_id, seconds=0, now=now
            )
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
    except ProgressError:
        return None


def clean_progress_data(*, data: dict[str, Any] | None, item: ItemRef) -> dict[str, Any] | None:
    """Cap the size and keep a media position within the media's duration."""
    if data is None:
        return None
    if len(json.dumps(data, separators=(",", ":"))) > MAX_PROGRESS_DATA_BYTES:
        raise ProgressError(
            f"progress_data is larger than {MAX_PROGRESS_DATA_BYTES} bytes.", code="too_large"
        )
    cleaned = dict(data)
    duration = item.duration_seconds or cleaned.get("duration")
    if duration is not None:
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


# A heartbeat is one statement, so one round trip and one implicit transaction. It checks the
# enrollment is open, locks the learner's progress row (creating it on the first heartbeat,
# which credits nothing), credits at most `seconds` and never more than the database clock
# says passed since the last credited moment, then adds the same seconds to the enrollment,
# appends the "progressed" event and adds to the learner's day. Locks are taken progress row
# first, then enrollment, the same order as completion. clock_timestamp() is read after the
# row lock is granted, so a heartbeat that waited on a parallel one credits nothing twice.
# The commit does not wait for the WAL flush (synchronous_commit off for this transaction
# only): a crash of PostgreSQL itself may forget the last fraction of a second of
# heartbeats, never half of one, and the fsync per heartbeat was a third of its cost.
# The statement is planned once per connection (prepared_cursor): planning it each time
# cost three times as much as running it.
HEARTBEAT_TEMPLATE = """
WITH limiter AS (
    INSERT INTO learning_heartbeatwindow AS w (learner_id, window_start, count)
    VALUES (%(learner)s, date_trunc('minute', clock_timestamp()), 1)
    ON CONFLICT (learner_id) DO UPDATE
    SET window_start = EXCLUDED.window_start,
        count = CASE WHEN w.window_start = EXCLUDED.window_start THEN w.count + 1 ELSE 1 END
    RETURNING count
), enrollment AS (
    SELECT id FROM learning_enrollment
    WHERE learner_id = %(learner)s AND program_id = %(program)s
        AND status IN ('active', 'completed')
        AND (SELECT count FROM limiter) <= %(limit)s{guard}
), existing AS (
    SELECT p.id, p.last_seen_at, p.progress_data
    FROM learning_progress p
    WHERE p.learner_id = %(learner)s AND p.content_item_id = %(item)s
        AND EXISTS (SELECT 1 FROM enrollment)
    FOR UPDATE
), credit AS (
    SELECT id, last_seen_at, progress_data, now,
        LEAST(%(seconds)s, GREATEST(0, floor(extract(epoch FROM now - last_seen_at))))::int
            AS seconds,
        %(seconds)s < extract(epoch FROM now - last_seen_at) AS idle
    FROM existing, LATERAL (SELECT clock_timestamp() AS now) AS clock
), updated AS (
    UPDATE learning_progress p SET
        time_spent_seconds = p.time_spent_seconds + c.seconds,
        last_seen_at = CASE WHEN c.idle THEN c.now
            ELSE c.last_seen_at + make_interval(secs => c.seconds) END,
        progress_data = COALESCE(%(data)s::jsonb, p.progress_data)
    FROM credit c
    WHERE p.id = c.id
    RETURNING p.id, p.started_at, p.last_seen_at, p.completed_at, p.is_completed,
        p.time_spent_seconds, p.progress_data, c.seconds AS credited, c.now,
        %(data)s::jsonb IS NOT NULL
            AND %(data)s::jsonb IS DISTINCT FROM c.progress_data AS data_changed
), created AS (
    INSERT INTO learning_progress AS p (id, learner_id, content_item_id, module_id, course_id,
        started_at, last_seen_at, is_completed, time_spent_seconds, progress_data)
    SELECT gen_random_uuid(), %(learner)s, %(item)s, %(module)s, %(course)s,
        clock_timestamp(), clock_timestamp(), false, 0,
        COALESCE(%(data)s::jsonb, '{}'::jsonb)
    FROM enrollment
    WHERE NOT EXISTS (SELECT 1 FROM existing)
    ON CONFLICT (learner_id, content_item_id) DO NOTHING
    RETURNING p.id, p.started_at, p.last_seen_at, p.completed_at, p.is_completed,
        p.time_spent_seconds, p.progress_data, 0 AS credited, p.last_seen_at AS now,
        %(data)s::jsonb IS NOT NULL AS data_changed
), progress AS (
    SELECT * FROM updated UNION ALL SELECT * FROM created
), enrollment_update AS (
    UPDATE learning_enrollment e
    SET time_spent_seconds = e.time_spent_seconds + p.credited, last_activity_at = p.now
    FROM progress p
    WHERE e.id = (SELECT id FROM enrollment)
), event AS (
    INSERT INTO learning_learningevent
        (id, actor_id, verb, object_type, object_id, result, context, timestamp)
    SELECT gen_random_uuid(), %(learner)s, 'progressed', 'content_item', %(item)s,
        jsonb_build_object('duration_seconds', p.credited) || %(media)s::jsonb,
        jsonb_build_object('enrollment', (SELECT id FROM enrollment)::text), p.now
    FROM progress p
    WHERE p.credited > 0 OR p.data_changed
), activity AS (
    INSERT INTO learning_dailyactivity (id, learner_id, day, timezone, seconds, items_completed)
    SELECT gen_random_uuid(), %(learner)s, %(day)s, %(timezone)s, p.credited, 0
    FROM progress p
    WHERE p.credited > 0
    ON CONFLICT (learner_id, day) DO UPDATE
    SET seconds = learning_dailyactivity.seconds + EXCLUDED.seconds
    RETURNING (xmax = 0) AS created
)
SELECT (SELECT id FROM enrollment), p.id, p.started_at, p.last_seen_at, p.completed_at,
    p.is_completed, p.time_spent_seconds, p.progress_data, p.credited,
    COALESCE((SELECT created FROM activity), false),
    (SELECT count FROM limiter) > %(limit)s
FROM (SELECT set_config('synchronous_commit', 'off', true)) AS one
LEFT JOIN progress p ON true
"""


def heartbeat_sql(guard: str = "") -> str:
    """HEARTBEAT_TEMPLATE with `guard` added to the enrollment check, on one line: psycopg
    caches the conversion of its placeholders only for statements up to 4,096 bytes, and
    converting this one on every heartbeat cost a fifth of the lane's Python time."""
    sql = " ".join(HEARTBEAT_TEMPLATE.replace("{guard}", guard).split())
    assert len(sql.encode()) <= MAX_CACHED_STATEMENT_LENGTH, len(sql)
    return sql


HEARTBEAT_SQL = heartbeat_sql()


def heartbeat(
    *, learner, item: ItemRef, seconds: int, progress_data: dict[str, Any] | None = None
) -> HeartbeatResult:
    """Credit time on an item: at most `seconds`, and never more than the server time since
    the last credited moment, so replays and parallel calls cannot inflate it.

    One statement (HEARTBEAT_SQL), plus the streak on the first activity of a day and the
    completion of a media item watched to the end."""
    if not 0 <= seconds <= MAX_HEARTBEAT_SECONDS:
        raise ProgressError(
            f"seconds must be between 0 and {MAX_HEARTBEAT_SECONDS}.", code="invalid"
        )
    cleaned = clean_progress_data(data=progress_data, item=item)
    for _attempt in range(2):
        with prepared_cursor() as cursor:
            row = run_heartbeat(
                cursor,
                HEARTBEAT_SQL,
                learner=learner,
                item=item,
                seconds=seconds,
                data=cleaned,
            )
        if row.rate_limited:
            raise ProgressError(
                f"Too many heartbeats: at most {settings.HEARTBEAT_RATE_LIMIT} a minute."
                f" Try again in {row.retry_after} s.",
                code="rate_limited",
                retry_after=row.retry_after,
            )
        if row.enrollment_id is None:
            raise _enrollment_error(learner=learner, program_id=item.program_id)
        if row.progress is not None:
            return finish_heartbeat(row, learner=learner, item=item)
        # A parallel first heartbeat created the row between our look and our insert; the
        # second attempt finds and locks it.
    raise ProgressError("Please retry.", code="conflict")  # pragma: no cover


class prepared_cursor:
    """A cursor on Django's connection whose statements are planned once per connection.

    Django binds parameters on the client and turns psycopg's prepared statements off unless
    OPTIONS asks for them. This cursor binds on the server and switches preparing on only
    while it is in use, so nothing else is prepared behind Django's back. It is still
    Django's cursor wrapper: queries are logged and counted like any other. With pgbouncer in
    transaction mode (DISABLE_SERVER_SIDE_CURSORS) nothing is prepared."""

    def __enter__(self):
        import psycopg

        connection.ensure_connection()
        self.raw = connection.connection
        self.threshold = self.raw.prepare_threshold
        if not connection.settings_dict.get("DISABLE_SERVER_SIDE_CURSORS"):
            self.raw.prepare_threshold = 0
        self.cursor = connection._prepare_cursor(psycopg.Cursor(self.raw))
        return self.cursor

    def __exit__(self, *exc):
        self.raw.prepare_threshold = self.threshold
        self.cursor.close()


@dataclass
class HeartbeatRow:
    """What HEARTBEAT_SQL answered. `enrollment_id` is None when nothing was written."""

    enrollment_id: Any
    progress: Progress | None
    credited_seconds: int
    day: dt.date
    new_day: bool
    rate_limited: bool = False
    retry_after: int = 0


def run_heartbeat(
    cursor, sql: str, *, learner, item: ItemRef, seconds: int, data, **extra
) -> HeartbeatRow:
    """Execute a heartbeat statement (HEARTBEAT_SQL or a guarded variant) on `cursor`."""
    day, tz_name = local_day(learner=learner, at=timezone.now())
    params = {
        "learner": learner.pk,
        "program": item.program_id,
        "item": item.item_id,
        "module": item.module_id,
        "course": item.course_id,
        "seconds": seconds,
        "data": None if data is None else json.dumps(data),
        "media": json.dumps(_media_result(data)),
        "day": day,
        "timezone": tz_name,
        "limit": settings.HEARTBEAT_RATE_LIMIT,
        **extra,
    }
    cursor.execute(sql, params)
    enrollment_id, progress_id, *values, credited, new_day, limited = cursor.fetchone()
    progress = None
    if progress_id is not None:
        started_at, last_seen_at, completed_at, is_completed, time_spent, progress_data = values
        progress = Progress(
            id=progress_id,
            learner_id=learner.pk,
            content_item_id=item.item_id,
            module_id=item.module_id,
            course_id=item.course_id,
            started_at=started_at,
            last_seen_at=last_seen_at,
            completed_at=completed_at,
            is_completed=is_completed,
            time_spent_seconds=time_spent,
            progress_data=(
                json.loads(progress_data) if isinstance(progress_data, str) else progress_data
            ),
        )
        progress._state.adding = False
    # The window is the database clock's minute: the next one opens at the next full minute.
    retry_after = 60 - timezone.now().second if limited else 0
    return HeartbeatRow(enrollment_id, progress, credited or 0, day, new_day, limited, retry_after)


@dataclass(frozen=True)
class LearnerRef:
    """Enough of a learner for the heartbeat statement: building a User costs more, and the
    heartbeat lane knows only the id and timezone."""

    pk: Any
    timezone: str


def finish_heartbeat(row: HeartbeatRow, *, learner, item: ItemRef) -> HeartbeatResult:
    """What follows a written heartbeat, rarely: the streak on the first activity of the
    learner's day, and completing a media item watched to the end. `learner` is a User or a
    LearnerRef; a User is built only when one of those happens."""
    progress = row.progress
    media_done = (
        not progress.is_completed
        and item.item_type in MEDIA_TYPES
        and _watched_enough(progress.progress_data)
    )
    if not (row.new_day or media_done):
        return HeartbeatResult(progress, row.credited_seconds, False)
    if isinstance(learner, LearnerRef):
        learner = get_user_model()(pk=learner.pk, timezone=learner.timezone)
    if row.new_day:
        with transaction.atomic():
            advance_streak(learner=learner, day=row.day)
    completed_now = False
    if media_done:
        progress, completed_now = complete_item(learner=learner, item=item)
    return HeartbeatResult(progress, row.credited_seconds, completed_now)


def _media_result(data: dict[str, Any] | None) -> dict[str, Any]:
    if not data or "position" not in data:
        return {}
    return {"position": data["position"]}


def _watched_enough(data: dict[str, Any]) -> bool:
    position, duration = data.get("position"), data.get("duration")
    return bool(position and duration and position >= MEDIA_COMPLETION_RATIO * duration)


def complete_item(*, learner, item: ItemRef) -> tuple[Progress, bool]:
    """Mark the item complete. Returns (progress, whether this call completed it).

    Locks the progress row first, then the enrollment, the same order as heartbeats."""
    with transaction.atomic():
        progress, _ = _locked_progress(learner=learner, item=item)
        changed = _complete_locked(
            learner=learner, progress=progress, program_id=item.program_id, now=timezone.now()
        )
        return progress, changed


def _complete_locked(*, learner, progress: Progress, program_id: int, now) -> bool:
    enrollment = _locked_enrollment(learner=learner, program_id=program_id)
    if progress.is_completed:
        return False
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
