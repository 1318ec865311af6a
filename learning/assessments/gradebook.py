"""A program's gradebook: each learner's grade per assessment, per course and overall.

An assessment's grade is its grading method over the learner's graded attempts (0 when
none yet). Per course and assessment type the lowest `drop_lowest` grades are dropped (never
the last one left) and the rest averaged; a course's grade is the average of its types,
weighted by the policy; the program's final grade is the average of its courses, weighted
by the policy. Assessments count when live, in a live module of a live course. The final
grade is what certificates will print (`final_grade`).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from wagtail.models import Page

from ..models import Assessment, AssessmentAttempt, AttemptStatus, GradebookPolicy
from .standing import final_grade as method_grade

CENT = Decimal("0.01")


@dataclass
class AssessmentLine:
    id: str
    title: str
    type: str
    course_id: int
    grade: Decimal
    attempted: bool


@dataclass
class CourseLine:
    id: int
    title: str
    weight: Decimal
    grade: Decimal | None
    assessments: list[AssessmentLine] = field(default_factory=list)


@dataclass
class Standing:
    learner_id: object
    final_grade: Decimal | None
    courses: list[CourseLine]


def _weighted(pairs: list[tuple[Decimal, Decimal]]) -> Decimal | None:
    total = sum(weight for _, weight in pairs)
    if not pairs or not total:
        return None
    return (sum(grade * weight for grade, weight in pairs) / total).quantize(CENT)


def program_layout(program) -> tuple[list[tuple[int, str]], list[Assessment], GradebookPolicy]:
    """The program's live courses (tree order) and their live assessments. Three queries."""
    depth = program.depth
    rows = list(
        Page.objects.filter(
            path__startswith=program.path, depth__in=(depth + 1, depth + 2), live=True
        )
        .order_by("path")
        .values_list("id", "path", "depth", "title")
    )
    courses = [(pk, title) for pk, _path, d, title in rows if d == depth + 1]
    course_paths = {path: pk for pk, path, d, _title in rows if d == depth + 1}
    module_course = {
        pk: course_paths.get(path[: -Page.steplen])
        for pk, path, d, _title in rows
        if d == depth + 2
    }
    assessments = list(
        Assessment.objects.filter(module_id__in=list(module_course), live=True).order_by("title")
    )
    for assessment in assessments:
        assessment.course_id = module_course[assessment.module_id]
    policy = GradebookPolicy.objects.filter(program=program).first() or GradebookPolicy(
        program=program
    )
    return courses, assessments, policy


def standings(*, program, learner_ids: list) -> list[Standing]:
    """The gradebook rows of these learners. Four queries, whatever their number."""
    courses, assessments, policy = program_layout(program)
    scores: dict = defaultdict(list)
    for learner_id, assessment_id, score in (
        AssessmentAttempt.objects.filter(
            learner_id__in=learner_ids,
            assessment__in=assessments,
            status=AttemptStatus.GRADED,
        )
        .order_by("attempt_number")
        .values_list("learner_id", "assessment_id", "score")
    ):
        scores[(learner_id, assessment_id)].append(score)
    return [
        _standing(learner_id, courses, assessments, policy, scores) for learner_id in learner_ids
    ]


def _standing(learner_id, courses, assessments, policy, scores) -> Standing:
    lines = []
    for course_id, title in courses:
        line = CourseLine(
            id=course_id,
            title=title,
            weight=Decimal(str(policy.course_weights.get(str(course_id), 1))),
            grade=None,
        )
        by_type: dict[str, list[Decimal]] = defaultdict(list)
        for assessment in (a for a in assessments if a.course_id == course_id):
            taken = scores.get((learner_id, assessment.pk), [])
            grade = method_grade(assessment=assessment, scores=taken) or Decimal(0)
            line.assessments.append(
                AssessmentLine(
                    id=str(assessment.pk),
                    title=assessment.title,
                    type=assessment.assessment_type,
                    course_id=course_id,
                    grade=grade,
                    attempted=bool(taken),
                )
            )
            by_type[assessment.assessment_type].append(grade)
        type_grades = []
        for kind, grades in by_type.items():
            kept = sorted(grades)[min(policy.drop_lowest, len(grades) - 1) :]
            weight = Decimal(str(policy.type_weights.get(kind, 1)))
            type_grades.append((sum(kept) / len(kept), weight))
        line.grade = _weighted(type_grades)
        lines.append(line)
    final = _weighted([(c.grade, c.weight) for c in lines if c.grade is not None])
    return Standing(learner_id=learner_id, final_grade=final, courses=lines)


def final_grade(*, learner, program) -> Decimal | None:
    """The program's final grade for the learner: what a certificate prints."""
    return standings(program=program, learner_ids=[learner.pk])[0].final_grade
