"""From per-question outcomes to an attempt's points, score and pass. Shared by submission,
staff grading of essays and regrading."""

from decimal import ROUND_HALF_UP, Decimal

from ..models import AssessmentAttempt, AttemptStatus
from .grading import Outcome

CENT = Decimal("0.01")


def apply_results(attempt: AssessmentAttempt, outcomes: dict[str, Outcome]) -> None:
    """Set results, points, score and passed; an ungraded essay leaves the attempt awaiting
    staff. Grades already given by staff (results with `graded_by`) are kept."""
    results = {}
    for qid, outcome in outcomes.items():
        previous = attempt.results.get(qid) or {}
        if outcome.correct is None and previous.get("graded_by"):
            results[qid] = previous
            continue
        results[qid] = {
            "points": outcome.points,
            "max": outcome.max_points,
            "correct": outcome.correct,
        }
    attempt.results = results
    if not attempt.assessment.is_quiz and not attempt.results.get("rubric"):
        # A project waits for its rubric grade (staff, or peers: rubric_results).
        attempt.status = AttemptStatus.AWAITING_GRADING
        attempt.points = attempt.max_points = attempt.score = attempt.passed = None
        return
    total = sum(Decimal(str(r["points"])) for r in results.values())
    maximum = sum(Decimal(str(r["max"])) for r in results.values())
    attempt.points = total.quantize(CENT)
    attempt.max_points = maximum.quantize(CENT)
    if any(r["correct"] is None for r in results.values()):
        attempt.status = AttemptStatus.AWAITING_GRADING
        attempt.score = None
        attempt.passed = None
        return
    attempt.status = AttemptStatus.GRADED
    attempt.score = (
        (total * 100 / maximum).quantize(CENT, rounding=ROUND_HALF_UP) if maximum else Decimal(0)
    )
    attempt.passed = attempt.score >= attempt.assessment.passing_score


def rubric_points(rubric, levels: dict[str, int]) -> tuple[Decimal, Decimal]:
    """(points, maximum) of the chosen level per criterion; ValueError for a criterion or
    level that is not in the rubric, or a criterion left out."""
    points = maximum = Decimal(0)
    for criterion in rubric:
        chosen = levels.get(criterion.id)
        options = [Decimal(level["points"]) for level in criterion.value["levels"]]
        if (
            not isinstance(chosen, int)
            or isinstance(chosen, bool)
            or not 0 <= chosen < len(options)
        ):
            raise ValueError(f"Choose a level for “{criterion.value['title']}”.")
        points += options[chosen]
        maximum += max(options)
    if set(levels) - {criterion.id for criterion in rubric}:
        raise ValueError("Unknown criterion.")
    return points, maximum


def apply_rubric(
    attempt: AssessmentAttempt, *, points: Decimal, maximum: Decimal, source: dict
) -> None:
    """Grade a project from rubric points; `source` says who graded (staff or peers)."""
    attempt.results = {"rubric": source}
    attempt.points = points.quantize(CENT)
    attempt.max_points = maximum.quantize(CENT)
    attempt.status = AttemptStatus.GRADED
    attempt.score = (
        (points * 100 / maximum).quantize(CENT, rounding=ROUND_HALF_UP) if maximum else Decimal(0)
    )
    attempt.passed = attempt.score >= attempt.assessment.passing_score
