"""The completion totals an enrollment keeps (docs/progress.md): recomputed in the learner's
transaction after each completion, and for a whole program after editors change its content
(learning.journey.tasks)."""

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from learning.models import Enrollment, EnrollmentStatus, ObjectType, ProgramPage, Progress, Verb

from .access import default_language_code
from .events import record_event
from .structure import (
    ProgramStructure,
    completed_item_ids,
    counted_courses,
    passed_assessment_ids,
    prerequisites_met,
    program_structure,
)


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
    # A passed assessment is a unit of its course, like an item (docs/decisions/0032).
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


def program_id_for_page(page) -> int | None:
    """The default-locale program a learning page belongs to (itself for a program), if any:
    learner records point at the default locale, so only its changes move the totals."""
    locale = getattr(page, "locale", None)
    if locale is None or locale.language_code != default_language_code():
        return None
    steplen = Page.steplen
    paths = [page.path[: steplen * depth] for depth in range(1, page.depth + 1)]
    return ProgramPage.objects.filter(path__in=paths).values_list("id", flat=True).first()
