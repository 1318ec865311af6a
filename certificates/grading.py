"""Whether a learner has completed a program or course, and with what grade.

The one seam between certificates and the rules that decide completion. Today those are
the journey's (learning.journey.progress: every counted live item complete, electives as the
program's requirement groups say); the gradebook plugs in here, and issuing follows it.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Max

from learning.journey.structure import completed_item_ids, program_structure
from learning.models import Enrollment, EnrollmentStatus, Progress

COMPLETED_GRADE = "Pass"


@dataclass(frozen=True)
class Result:
    """A completion: when it happened and the grade to print ("Pass" without assessments)."""

    completed_at: dt.datetime
    grade: str
    score: float | None = None


def program_result(*, enrollment: Enrollment) -> Result | None:
    """The learner's completion of the enrollment's program, or None while incomplete."""
    if enrollment.completed_at is None or enrollment.status == EnrollmentStatus.DROPPED:
        return None
    return Result(completed_at=enrollment.completed_at, grade=COMPLETED_GRADE)


def course_results(*, enrollment: Enrollment) -> dict[int, Result]:
    """Every course of the program the learner has completed: course id -> result."""
    structure = program_structure(program=enrollment.program)
    completed = completed_item_ids(learner=enrollment.learner, structure=structure)
    done = [
        course_id
        for course_id, outline in structure.courses.items()
        if outline.item_ids and completed.issuperset(outline.item_ids)
    ]
    if not done:
        return {}
    finished = dict(
        Progress.objects.filter(learner=enrollment.learner, course_id__in=done, is_completed=True)
        .values("course_id")
        .annotate(at=Max("completed_at"))
        .values_list("course_id", "at")
    )
    return {
        course_id: Result(completed_at=finished[course_id], grade=COMPLETED_GRADE)
        for course_id in done
    }
