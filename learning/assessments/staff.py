"""Instructors' side of assessments: which attempts they see, grading written answers,
regrading after an answer key was fixed, and the item analysis.

Scope: the programs the member of staff holds a role on (learning.staff_access); an
attempt belongs to the program its assessment's module sits in.
"""

import math
import statistics
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from wagtail.log_actions import log
from wagtail.models import Page, Revision

from culturedegree import audit

from ..models import Assessment, AssessmentAttempt, AttemptStatus
from . import journey
from .attempts import pinned_assessment, pinned_questions, record_outcome
from .grading import grade
from .questions import questions_of
from .scoring import apply_results, apply_rubric, rubric_points


class StaffError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _module_scope(user) -> Q:
    paths = list(journey.programs_for_staff(user=user).values_list("path", flat=True))
    if not paths:
        return Q(pk__in=[])
    modules = Q()
    for path in paths:
        modules |= Q(path__startswith=path)
    return Q(module_id__in=Page.objects.filter(modules).values("id"))


def assessments_for_staff(*, user):
    """The default-locale assessments of the programs `user` holds a role on."""
    return Assessment.objects.filter(
        _module_scope(user), locale__language_code=journey.default_language_code()
    )


def attempts_for_staff(*, user):
    return AssessmentAttempt.objects.filter(assessment__in=assessments_for_staff(user=user))


def _lock_attempt(*, staff, attempt_id) -> AssessmentAttempt:
    """The attempt, locked for grading, if it is in `staff`'s programs."""
    attempt = (
        attempts_for_staff(user=staff)
        .select_for_update(of=("self",), no_key=True)
        .select_related("assessment", "revision", "learner")
        .filter(pk=attempt_id)
        .first()
    )
    if attempt is None:
        raise StaffError("Unknown attempt.")
    return attempt


def _save_grade(attempt, *, staff, feedback: str, before: dict, record: bool, **logged):
    """Save a hand-given grade, log it with the score before and after, and, when `record`,
    record the outcome (events, completion) as a submitted attempt does."""
    attempt.feedback = feedback
    attempt.save(
        update_fields=["results", "points", "max_points", "score", "passed", "status", "feedback"]
    )
    audit.log_user_event(
        user=attempt.learner,
        action=audit.ATTEMPT_GRADED_BY_STAFF,
        by=staff,
        data={
            "attempt": str(attempt.pk),
            "assessment": str(attempt.assessment_id),
            "before": before,
            "after": {"score": str(attempt.score), "passed": attempt.passed},
            **logged,
        },
    )
    if record:
        place = journey.place_of_module(attempt.assessment.module_id)
        record_outcome(
            attempt,
            module_id=attempt.assessment.module_id,
            program_id=place.program_id if place else None,
        )


def grade_written(*, staff, attempt_id, grades: dict[str, tuple[Decimal, str]], feedback: str):
    """Give points (and feedback) to the attempt's essays; once none is left ungraded the
    attempt passes or fails, with its events and completion. Logged in the audit log."""
    with transaction.atomic():
        attempt = _lock_attempt(staff=staff, attempt_id=attempt_id)
        if attempt.is_open:
            raise StaffError("The attempt has not been submitted yet.")
        questions = pinned_questions(attempt)
        was_graded = attempt.status == AttemptStatus.GRADED
        before = {"score": str(attempt.score), "passed": attempt.passed}
        for qid, (points, note) in grades.items():
            question = questions.get(qid)
            if question is None or not question.staff_graded:
                raise StaffError("Only written answers are graded by hand.")
            if not 0 <= points <= question.points:
                raise StaffError(f"Give between 0 and {question.points} points.")
            attempt.results[qid] = {
                "points": float(points),
                "max": question.points,
                "correct": points >= question.points,
                "feedback": note,
                "graded_by": str(staff.pk),
            }
        outcomes = {qid: grade(q, attempt.answers.get(qid)) for qid, q in questions.items()}
        apply_results(attempt, outcomes)
        _save_grade(
            attempt,
            staff=staff,
            feedback=feedback,
            before=before,
            record=attempt.status == AttemptStatus.GRADED and not was_graded,
        )
    return attempt


def regrade(*, staff, assessment: Assessment, from_revision_id: int) -> int:
    """Grade again, against the assessment's live revision, every submitted attempt taken
    against `from_revision_id` (after an answer key was fixed), and pin them to the live
    revision. Refused when a question was removed or its options changed in number, since
    the saved answers would no longer point at the same options. Logged in the audit log."""
    if not assessments_for_staff(user=staff).filter(pk=assessment.pk).exists():
        raise StaffError("Unknown assessment.")
    live = assessment.live_revision
    if live is None or live.pk == from_revision_id:
        raise StaffError("Publish the corrected assessment first.")
    changes = []
    with transaction.atomic():
        attempts = list(
            AssessmentAttempt.objects.select_for_update(no_key=True)
            .filter(assessment=assessment, revision_id=from_revision_id)
            .exclude(status=AttemptStatus.IN_PROGRESS)
            .select_related("assessment", "learner")
            .order_by("pk")
        )
        if not attempts:
            raise StaffError("No submitted attempt was taken against that revision.")
        old = Revision.objects.get(pk=from_revision_id).as_object().questions
        new = live.as_object().questions
        _check_compatible(old, new)
        place = journey.place_of_module(assessment.module_id)
        for attempt in attempts:
            questions = questions_of(new, seed=attempt.seed)
            attempt.pinned_cache = {qid: questions[qid] for qid in attempt.question_ids}
            before = (attempt.score, attempt.passed)
            was_graded = attempt.status == AttemptStatus.GRADED
            outcomes = {
                qid: grade(q, attempt.answers.get(qid)) for qid, q in attempt.pinned_cache.items()
            }
            apply_results(attempt, outcomes)
            attempt.revision = live
            attempt.save(
                update_fields=[
                    "revision",
                    "results",
                    "points",
                    "max_points",
                    "score",
                    "passed",
                    "status",
                ]
            )
            changes.append(
                {
                    "attempt": str(attempt.pk),
                    "before": [str(before[0]), before[1]],
                    "after": [str(attempt.score), attempt.passed],
                }
            )
            newly_graded = attempt.status == AttemptStatus.GRADED and not was_graded
            newly_passed = bool(attempt.passed) and not before[1]
            # A pass that regrading takes away is kept: completion never goes back.
            if newly_graded or newly_passed:
                record_outcome(
                    attempt,
                    module_id=assessment.module_id,
                    program_id=place.program_id if place else None,
                )
        log(
            assessment,
            audit.ATTEMPTS_REGRADED,
            user=staff,
            data={"from_revision": from_revision_id, "to_revision": live.pk, "attempts": changes},
        )
    return len(changes)


def _check_compatible(old, new) -> None:
    old_shape = {child.id: _shape(child) for child in old}
    new_shape = {child.id: _shape(child) for child in new}
    for qid, shape in old_shape.items():
        if new_shape.get(qid) != shape:
            raise StaffError(
                "A question was removed, or its options changed in number or type, since that"
                " revision: its saved answers cannot be regraded."
            )


def _shape(child) -> tuple:
    value = child.value
    counts = tuple(len(value[name]) for name in ("options", "items", "pairs") if name in value)
    return (child.block_type, counts)


@dataclass
class ItemStats:
    question_id: str
    number: int
    prompt: str
    kind: str
    answered: int
    correct_rate: float | None
    discrimination: float | None
    median_seconds: int | None


def item_analysis(*, assessment: Assessment) -> list[ItemStats]:
    """Per question of the live revision, over submitted attempts: how often it is answered
    right (mean fraction of its points), its discrimination (the correlation between the
    question's fraction and the rest of the attempt's score) and the median time spent on
    it (seconds between the previous answer and this one). One query for the attempts."""
    rows = list(
        AssessmentAttempt.objects.filter(assessment=assessment)
        .exclude(status=AttemptStatus.IN_PROGRESS)
        .values_list("results", "answered_at")
    )
    live = assessment.live_revision.as_object() if assessment.live_revision else assessment
    stats = []
    for number, child in enumerate(live.questions, start=1):
        qid = child.id
        fractions, rests, seconds = [], [], []
        for results, answered_at in rows:
            result = results.get(qid)
            # Essays still waiting for their grader say nothing yet.
            if not result or not result.get("max") or result.get("correct") is None:
                continue
            fraction = float(result["points"]) / float(result["max"])
            others = [
                r
                for key, r in results.items()
                if key != qid and r.get("max") and r.get("correct") is not None
            ]
            rest = sum(float(r["points"]) for r in others) / max(
                1.0, sum(float(r["max"]) for r in others)
            )
            fractions.append(fraction)
            rests.append(rest)
            if qid in answered_at:
                earlier = [
                    t for key, t in answered_at.items() if t <= answered_at[qid] and key != qid
                ]
                seconds.append(answered_at[qid] - (max(earlier) if earlier else 0))
        stats.append(
            ItemStats(
                question_id=qid,
                number=number,
                prompt=child.value["prompt"],
                kind=child.block_type,
                answered=len(fractions),
                correct_rate=statistics.fmean(fractions) if fractions else None,
                discrimination=_correlation(fractions, rests),
                median_seconds=int(statistics.median(seconds)) if seconds else None,
            )
        )
    return stats


def _correlation(xs: list[float], ys: list[float]) -> float | None:
    if len(xs) < 3:
        return None
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sx = math.sqrt(sum((x - mx) ** 2 for x in xs))
    sy = math.sqrt(sum((y - my) ** 2 for y in ys))
    if not sx or not sy:
        return None
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / (sx * sy)


def grade_project(*, staff, attempt_id, levels: dict[str, int], feedback: str):
    """Grade a project with the rubric (or override its peers' grade). Audited."""
    with transaction.atomic():
        attempt = _lock_attempt(staff=staff, attempt_id=attempt_id)
        if attempt.is_open or attempt.assessment.is_quiz:
            raise StaffError("Only submitted projects are graded with the rubric.")
        was_graded = attempt.status == AttemptStatus.GRADED
        before = {"score": str(attempt.score), "passed": attempt.passed}
        rubric = pinned_assessment(attempt).rubric
        try:
            points, maximum = rubric_points(rubric, levels)
        except ValueError as exc:
            raise StaffError(str(exc)) from None
        previous = attempt.results.get("rubric") or {}
        apply_rubric(
            attempt,
            points=points,
            maximum=maximum,
            source={
                "by": "staff",
                "graded_by": str(staff.pk),
                "levels": levels,
                "peer_score": previous.get("peer_score"),
            },
        )
        _save_grade(
            attempt,
            staff=staff,
            feedback=feedback,
            before=before,
            record=not was_graded or (attempt.passed and not before["passed"]),
            override_of_peers=previous.get("by") == "peers",
        )
    return attempt
