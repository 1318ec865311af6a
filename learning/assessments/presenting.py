"""What learners see of assessments and attempts: selectors shared by the pages and the API.

Nothing here returns a right answer unless `attempts.review_allowed` says the review options
permit it for that attempt; the learner-facing responses are tested for leaks.
"""

import datetime as dt
from typing import Any

from django.utils import timezone

from ..models import Assessment, AssessmentAttempt
from .attempts import localized, pinned_assessment, pinned_questions
from .grading import correct_answer
from .questions import for_learner, questions_of
from .standing import Standing, review_allowed, standing


def preview_questions(*, assessment: Assessment) -> list[dict[str, Any]]:
    """The questions as a learner would see them in one attempt (the editor's preview)."""
    questions = questions_of(assessment.questions, seed=0)
    return [
        for_learner(q, seed=0, shuffle=assessment.shuffle_options, number=n)
        for n, q in enumerate(questions.values(), start=1)
    ]


def assessment_summary(*, learner, assessment: Assessment) -> dict[str, Any]:
    """The assessment as the learner API and page describe it: rules, standing, no answers."""
    shown = localized(assessment)
    record = standing(learner=learner, assessment=assessment)
    drawn = (
        min(assessment.pool_size, len(shown.questions))
        if assessment.pool_size
        else len(shown.questions)
    )
    return {
        "assessment": shown,
        "record": record,
        "data": {
            "id": assessment.pk,
            "title": shown.title,
            "type": assessment.assessment_type,
            "instructions": shown.instructions,
            "module_id": assessment.module_id,
            "passing_score": assessment.passing_score,
            "max_attempts": assessment.max_attempts or None,
            "time_limit_minutes": assessment.time_limit_minutes,
            "cooldown_minutes": assessment.cooldown_minutes,
            "grading_method": assessment.grading_method,
            "review_option": assessment.review_option,
            "question_count": drawn,
            "attempts_used": record.used,
            "attempts_left": record.attempts_left,
            "grade": record.grade,
            "passed": record.passed,
            "open_attempt_id": record.open_attempt.pk if record.open_attempt else None,
            "next_attempt_at": record.retry_at,
        },
    }


def seconds_left(attempt: AssessmentAttempt, now: dt.datetime | None = None) -> int | None:
    if attempt.deadline is None or not attempt.is_open:
        return None
    now = now or timezone.now()
    return max(0, int((attempt.deadline - now).total_seconds()))


def attempt_view(*, attempt: AssessmentAttempt, record: Standing | None = None) -> dict[str, Any]:
    """The attempt for its learner: questions (keyed, shuffled, no answers), saved answers,
    and once submitted the score; per-question review only when the options allow it."""
    assessment = attempt.assessment
    questions = pinned_questions(attempt)
    shown = [
        for_learner(q, seed=attempt.seed, shuffle=assessment.shuffle_options, number=n)
        for n, q in enumerate(questions.values(), start=1)
    ]
    data: dict[str, Any] = {
        "id": attempt.pk,
        "assessment_id": attempt.assessment_id,
        "attempt_number": attempt.attempt_number,
        "status": attempt.status,
        "started_at": attempt.started_at,
        "deadline": attempt.deadline,
        "seconds_left": seconds_left(attempt),
        "submitted_at": attempt.submitted_at,
        "auto_submitted": attempt.auto_submitted,
        "questions": shown,
        "answers": attempt.answers,
        "points": attempt.points,
        "max_points": attempt.max_points,
        "score": attempt.score,
        "passed": attempt.passed,
        "feedback": attempt.feedback,
        "review": None,
    }
    if attempt.is_open:
        return data
    record = record or standing(learner=attempt.learner, assessment=assessment)
    if review_allowed(assessment=assessment, attempt=attempt, record=record):
        data["review"] = [
            _reviewed(question, attempt.results.get(qid) or {})
            for qid, question in questions.items()
        ]
    return data


def _reviewed(question, result: dict) -> dict[str, Any]:
    correct = result.get("correct")
    # A grader's own words come first; otherwise the editor's feedback for the outcome.
    feedback = result.get("feedback") or ""
    if not feedback and correct is not None:
        feedback = question.feedback_correct if correct else question.feedback_incorrect
    return {
        "question_id": question.id,
        "points": result.get("points", 0),
        "max_points": result.get("max", question.points),
        "correct": correct,
        "feedback": feedback or "",
        "correct_answer": correct_answer(question),
    }


def _answer_text(question, answer) -> str:
    """The learner's answer in words, for the results page."""
    if answer is None or answer == "" or answer == []:
        return ""
    texts = {o.key: o.text for o in question.options}
    if question.kind == "single_choice":
        return texts.get(answer, "")
    if question.kind in ("multiple_choice", "ordering"):
        return ", ".join(texts.get(key, "") for key in answer)
    if question.kind == "matching":
        rights = {p.right_key: p.right for p in question.pairs}
        return "; ".join(
            f"{p.left} → {rights.get(answer.get(p.left_key), '—')}" for p in question.pairs
        )
    if question.kind == "true_false":
        return "true" if answer else "false"
    if question.kind == "numeric" and isinstance(answer, int | float):
        return f"{answer:g}"
    return str(answer)


def _correct_text(question) -> Any:
    answer = correct_answer(question)
    if question.kind == "matching":
        return "; ".join(f"{left} → {right}" for left, right in answer)
    if question.kind == "numeric":
        value, tolerance = answer["value"], answer["tolerance"]
        return f"{value:g} ± {tolerance:g}" if tolerance else f"{value:g}"
    if question.kind == "true_false":
        return "true" if answer else "false"
    if isinstance(answer, list):
        return ", ".join(answer)
    return answer or ""


def review_rows(*, attempt: AssessmentAttempt, view: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per question for the results page: the learner's answer, and the outcome,
    feedback and right answer only when the review is allowed."""
    review = {row["question_id"]: row for row in view["review"] or []}
    rows = []
    for number, (qid, question) in enumerate(pinned_questions(attempt).items(), start=1):
        row = {
            "number": number,
            "type": question.kind,
            "prompt": question.prompt,
            "answer": _answer_text(question, attempt.answers.get(qid)),
            "review": review.get(qid),
        }
        if qid in review and question.kind != "essay":
            row["correct_text"] = _correct_text(question)
        rows.append(row)
    return rows


def rubric_rows(*, attempt: AssessmentAttempt) -> list[dict[str, Any]]:
    """A graded project's rubric: each criterion with the level given, when one grader chose
    the levels (staff); empty otherwise."""
    levels = (attempt.results.get("rubric") or {}).get("levels") or {}
    if not levels:
        return []
    rows = []
    for criterion in pinned_assessment(attempt).rubric:
        chosen = levels.get(criterion.id)
        options = criterion.value["levels"]
        if chosen is None or not 0 <= chosen < len(options):
            continue
        rows.append(
            {
                "title": criterion.value["title"],
                "level": options[chosen]["label"],
                "points": options[chosen]["points"],
            }
        )
    return rows
