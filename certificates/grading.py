"""Whether a learner has completed a program or course, and with what grade.

The one seam between certificates and the rules that decide completion. Completion is the
journey's (learning.journey: every counted live item complete and every live assessment
passed, electives as the program's requirement groups say); the grade is the gradebook's
(learning.assessments.gradebook: per course and the program's final grade). A course or
program without graded assessments prints "Pass".
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max

from learning.assessments.gradebook import standings
from learning.journey.structure import (
    completed_item_ids,
    passed_assessment_ids,
    program_structure,
)
from learning.models import AssessmentPass, Enrollment, EnrollmentStatus, Progress

COMPLETED_GRADE = "Pass"
TENTH = Decimal("0.1")


@dataclass(frozen=True)
class Result:
    """A completion: when it happened and the grade to print ("Pass" without assessments)."""

    completed_at: dt.datetime
    grade: str
    score: float | None = None


def format_grade(grade: Decimal) -> str:
    """A gradebook grade as printed: "87.5%", "100%"."""
    text = f"{grade.quantize(TENTH):f}"
    if text.endswith(".0"):
        text = text[:-2]
    return f"{text}%"


def _result(completed_at: dt.datetime, grade: Decimal | None, graded: bool) -> Result:
    if not graded or grade is None:
        return Result(completed_at=completed_at, grade=COMPLETED_GRADE)
    return Result(completed_at=completed_at, grade=format_grade(grade), score=float(grade))


def program_result(*, enrollment: Enrollment) -> Result | None:
    """The learner's completion of the enrollment's program, or None while incomplete.
    The journey completes an enrollment only once every counted item is done and every
    counted assessment passed; the grade is the gradebook's final grade."""
    if enrollment.completed_at is None or enrollment.status == EnrollmentStatus.DROPPED:
        return None
    standing = standings(program=enrollment.program, learner_ids=[enrollment.learner_id])[0]
    graded = any(course.assessments for course in standing.courses)
    return _result(enrollment.completed_at, standing.final_grade, graded)


def course_results(*, enrollment: Enrollment) -> dict[int, Result]:
    """Every course of the program the learner has completed (its live items done and its
    live assessments passed): course id -> result, graded by the gradebook."""
    structure = program_structure(program=enrollment.program)
    completed = completed_item_ids(learner=enrollment.learner, structure=structure)
    passed = passed_assessment_ids(learner_ids=[enrollment.learner_id], structure=structure).get(
        enrollment.learner_id, set()
    )
    done = [
        course_id
        for course_id, outline in structure.courses.items()
        if outline.units
        and completed.issuperset(outline.item_ids)
        and passed.issuperset(outline.assessment_ids)
    ]
    if not done:
        return {}
    finished = dict(
        Progress.objects.filter(learner=enrollment.learner, course_id__in=done, is_completed=True)
        .values("course_id")
        .annotate(at=Max("completed_at"))
        .values_list("course_id", "at")
    )
    assessment_ids = [a for cid in done for a in structure.courses[cid].assessment_ids]
    if assessment_ids:
        for assessment_id, passed_at in AssessmentPass.objects.filter(
            learner_id=enrollment.learner_id, assessment_id__in=assessment_ids
        ).values_list("assessment_id", "passed_at"):
            course_id = structure.assessment_course[str(assessment_id)]
            if finished.get(course_id) is None or passed_at > finished[course_id]:
                finished[course_id] = passed_at
    grades = {}
    if assessment_ids:
        standing = standings(program=enrollment.program, learner_ids=[enrollment.learner_id])[0]
        grades = {course.id: course.grade for course in standing.courses}
    return {
        course_id: _result(
            finished[course_id],
            grades.get(course_id),
            bool(structure.courses[course_id].assessment_ids),
        )
        for course_id in done
    }
