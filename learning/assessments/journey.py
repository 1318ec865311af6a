"""The one seam between assessments and the learner's journey: where an assessment sits in
the program, whether the learner may take it, and telling progress that it was passed."""

from dataclasses import dataclass

from django.db.models import Q
from wagtail.models import Page

from learning.journey.access import (
    NotFound,
    course_lock,
    default_language_code,
    open_enrollment,
    resolve_program,
)
from learning.journey.events import new_event, record_event, record_events
from learning.journey.progress import assessment_passed
from learning.journey.staff_access import programs_for_staff
from learning.models import EnrollmentStatus, ObjectType, Verb

__all__ = [
    "NotFound",
    "ObjectType",
    "Place",
    "Verb",
    "assessment_passed",
    "default_language_code",
    "new_event",
    "place_of_module",
    "programs_for_staff",
    "record_event",
    "record_events",
    "refusal",
    "resolve_program",
]


@dataclass(frozen=True)
class Place:
    module_id: int
    course_id: int
    program_id: int
    live: bool


def place_of_module(module_id: int) -> Place | None:
    """The module's course and program ids and whether all three are live. Two queries."""
    module = Page.objects.filter(id=module_id).values_list("path", flat=True).first()
    if module is None:
        return None
    step = Page.steplen
    paths = [module, module[:-step], module[: -2 * step]]
    rows = {
        path: (pk, live)
        for path, pk, live in Page.objects.filter(Q(path__in=paths)).values_list(
            "path", "id", "live"
        )
    }
    if len(rows) != 3:
        return None
    ids = [rows[path][0] for path in paths]
    return Place(*ids, live=all(rows[path][1] for path in paths))


def refusal(*, learner, place: Place) -> tuple[str, str] | None:
    """Why the learner may not take an assessment here ((message, code)), or None."""
    enrollment = open_enrollment(learner=learner, program_id=place.program_id)
    if enrollment is None:
        return "Enroll in the program to take this assessment.", "not_enrolled"
    if enrollment.status == EnrollmentStatus.PAUSED:
        return "Your enrollment is paused. Resume it to continue.", "paused"
    lock = course_lock(learner=learner, course_id=place.course_id)
    if lock is not None:
        return lock.message, "locked"
    return None
