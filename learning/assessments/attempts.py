"""An attempt's life: start, save answers, submit, and submission when time runs out.

Every write locks first, in one order: the learner's user row (start), or the attempt row
(save, submit, expiry), then what progress locks. Limits hold in the database as well: the
attempt number is unique per learner and assessment, and only one attempt may be open.
"""

import datetime as dt
import secrets

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from culturedegree.errors import Refused

from ..models import (
    Assessment,
    AssessmentAttempt,
    AssessmentPass,
    AttemptStatus,
)
from . import journey
from .grading import InvalidAnswer, Question, check_answer, grade
from .questions import draw, questions_of
from .standing import standing

# Answers saved or submitted this long after the deadline still count (the network's delay).
GRACE = dt.timedelta(seconds=5)
PROJECT_TEXT = "text"
MAX_PROJECT_TEXT = 50_000


class AttemptError(Refused):
    """A request the learner can fix; `code` maps to an HTTP status."""

    STATUS = {
        "not_found": 404,
        "not_enrolled": 403,
        "locked": 403,
        "paused": 409,
        "open": 409,
        "max_attempts": 409,
        "closed": 409,
        "time_up": 409,
        "cooldown": 429,
        "invalid": 422,
        "too_large": 413,
    }


def canonical_assessment(*, assessment_id) -> Assessment:
    """The live default-locale assessment of any locale's id, in a live module, or raise."""
    found = Assessment.objects.filter(pk=assessment_id).values_list("translation_key").first()
    assessment = (
        Assessment.objects.filter(
            translation_key=found[0],
            locale__language_code=journey.default_language_code(),
            live=True,
        ).first()
        if found
        else None
    )
    if assessment is None:
        raise AttemptError("Unknown or unpublished assessment.", code="not_found")
    return assessment


def localized(assessment: Assessment) -> Assessment:
    """The assessment in the interface language when a live translation exists."""
    language = translation.get_language() or journey.default_language_code()
    if assessment.locale.language_code == language:
        return assessment
    return (
        Assessment.objects.filter(
            translation_key=assessment.translation_key, locale__language_code=language, live=True
        ).first()
        or assessment
    )


def pinned_questions(attempt: AssessmentAttempt) -> dict[str, Question]:
    """The attempt's questions from the revision it was taken against, in attempt order."""
    cached = getattr(attempt, "pinned_cache", None)
    if cached is None:
        stream = pinned_assessment(attempt).questions
        every = questions_of(stream, seed=attempt.seed)
        cached = {qid: every[qid] for qid in attempt.question_ids if qid in every}
        attempt.pinned_cache = cached
    return cached


def pinned_assessment(attempt: AssessmentAttempt) -> Assessment:
    """The assessment as it was in the attempt's revision (its language included)."""
    cached = getattr(attempt, "pinned_object", None)
    if cached is None:
        cached = attempt.pinned_object = attempt.revision.as_object()
    return cached


def _place(assessment: Assessment) -> journey.Place:
    place = journey.place_of_module(assessment.module_id)
    if place is None or not place.live:
        raise AttemptError("Unknown or unpublished assessment.", code="not_found")
    return place


def start_attempt(*, learner, assessment: Assessment, now: dt.datetime | None = None):
    """Open the learner's next attempt against the live revision in their language.

    Refuses (AttemptError) while another attempt is open, past the maximum, and within the
    cooldown; the learner must be enrolled (active) and the course unlocked."""
    place = _place(assessment)
    refusal = journey.refusal(learner=learner, place=place)
    if refusal:
        raise AttemptError(refusal[0], code=refusal[1])
    # The revision is read from the database: the one live now is the one pinned.
    taken = Assessment.objects.filter(pk=localized(assessment).pk, live=True).first()
    if taken is None or taken.live_revision_id is None:
        raise AttemptError("Unknown or unpublished assessment.", code="not_found")
    with transaction.atomic():
        get_user_model().objects.select_for_update(no_key=True).filter(pk=learner.pk).first()
        now = now or timezone.now()
        expire_due(learner=learner, assessment=assessment, now=now)
        record = standing(learner=learner, assessment=assessment, now=now)
        if record.open_attempt:
            raise AttemptError("An attempt is already in progress: continue it.", code="open")
        if record.attempts_left == 0:
            raise AttemptError(
                "You have used every attempt at this assessment.", code="max_attempts"
            )
        if record.retry_at:
            wait = int((record.retry_at - now).total_seconds()) + 1
            raise AttemptError(
                f"Wait {wait} s before your next attempt.", code="cooldown", retry_after=wait
            )
        seed = secrets.randbits(62)
        question_ids = [child.id for child in taken.questions]
        attempt = AssessmentAttempt(
            learner=learner,
            assessment=assessment,
            revision=taken.live_revision,
            attempt_number=record.used + 1,
            started_at=now,
            deadline=(
                now + dt.timedelta(minutes=assessment.time_limit_minutes)
                if assessment.time_limit_minutes
                else None
            ),
            seed=seed,
            question_ids=draw(question_ids, pool_size=assessment.pool_size, seed=seed),
        )
        try:
            with transaction.atomic():
                attempt.save(force_insert=True)
        except IntegrityError as exc:
            # Only the limits' own constraints mean "someone else got there first".
            if not any(name in str(exc) for name in ("attempt_one_open", "attempt_number_unique")):
                raise
            raise AttemptError(
                "An attempt is already in progress: continue it.", code="open"
            ) from None
        journey.record_event(
            actor=learner,
            verb=journey.Verb.ATTEMPTED,
            object_type=journey.ObjectType.ASSESSMENT,
            object_id=place.module_id,
            context=_context(attempt),
        )
        if attempt.deadline:
            transaction.on_commit(lambda: _schedule_expiry(attempt))
    return attempt


def _schedule_expiry(attempt: AssessmentAttempt) -> None:
    from .tasks import submit_expired_attempts

    if submit_expired_attempts.get_backend().supports_defer:
        submit_expired_attempts.using(run_after=attempt.deadline + GRACE).enqueue()


def _context(attempt: AssessmentAttempt) -> dict:
    return {
        "assessment": str(attempt.assessment_id),
        "attempt": str(attempt.pk),
        "attempt_number": attempt.attempt_number,
    }


def locked_attempt(*, learner, attempt_id) -> AssessmentAttempt:
    attempt = (
        AssessmentAttempt.objects.select_for_update(no_key=True)
        .select_related("assessment", "revision")
        .filter(pk=attempt_id, learner=learner)
        .first()
    )
    if attempt is None:
        raise AttemptError("Unknown attempt.", code="not_found")
    return attempt


def past_deadline(attempt: AssessmentAttempt, now: dt.datetime) -> bool:
    return attempt.deadline is not None and now > attempt.deadline + GRACE


def clean_answers(attempt: AssessmentAttempt, answers: dict) -> dict:
    """Answers checked against the attempt's own questions, or AttemptError: nothing saved.
    A project's only answer is its text."""
    if not attempt.assessment.is_quiz:
        unknown = set(answers) - {PROJECT_TEXT}
        text = answers.get(PROJECT_TEXT)
        if unknown or not (text is None or isinstance(text, str)):
            raise AttemptError('A project takes one answer: "text", a string.', code="invalid")
        if text and len(text) > MAX_PROJECT_TEXT:
            raise AttemptError(
                f"The text is longer than {MAX_PROJECT_TEXT} characters.", code="invalid"
            )
        return dict(answers)
    questions = pinned_questions(attempt)
    cleaned = {}
    for qid, answer in answers.items():
        question = questions.get(qid)
        if question is None:
            raise AttemptError(f"Question {qid} is not part of this attempt.", code="invalid")
        try:
            cleaned[qid] = check_answer(question, answer)
        except InvalidAnswer as exc:
            raise AttemptError(f"Question {qid}: {exc}", code="invalid") from None
    return cleaned


def save_answers(*, learner, attempt_id, answers: dict, now: dt.datetime | None = None):
    """Merge answers into the open attempt (autosave). Refused once submitted or past time."""
    expired = False
    with transaction.atomic():
        attempt = locked_attempt(learner=learner, attempt_id=attempt_id)
        now = now or timezone.now()
        if not attempt.is_open:
            raise AttemptError("This attempt has been submitted.", code="closed")
        if past_deadline(attempt, now):
            _finish(attempt, now=now, auto=True)
            expired = True
        else:
            cleaned = clean_answers(attempt, answers)
            seconds = int((now - attempt.started_at).total_seconds())
            for qid, answer in cleaned.items():
                if answer is None:
                    attempt.answers.pop(qid, None)
                else:
                    attempt.answers[qid] = answer
                    attempt.answered_at[qid] = seconds
            attempt.save(update_fields=["answers", "answered_at"])
    if expired:
        raise AttemptError(
            "Time is up: the attempt was submitted with your saved answers.", code="time_up"
        )
    return attempt


def submit_attempt(*, learner, attempt_id, answers: dict | None = None, now=None):
    """Grade the attempt once. A second submit, or one past the deadline, is refused; an
    attempt past its deadline is graded with the answers saved by then."""
    expired = False
    with transaction.atomic():
        attempt = locked_attempt(learner=learner, attempt_id=attempt_id)
        now = now or timezone.now()
        if not attempt.is_open:
            raise AttemptError("This attempt has already been submitted.", code="closed")
        if past_deadline(attempt, now):
            _finish(attempt, now=now, auto=True)
            expired = True
        else:
            if answers:
                cleaned = clean_answers(attempt, answers)
                attempt.answers.update({k: v for k, v in cleaned.items() if v is not None})
            _finish(attempt, now=now, auto=False)
    if expired:
        raise AttemptError(
            "Time is up: the attempt was submitted with your saved answers.", code="time_up"
        )
    return attempt


def expire_due(*, learner=None, assessment=None, now=None) -> int:
    """Submit every open attempt past its deadline with what was saved. Skips attempts a
    request holds right now (it will do the same)."""
    now = now or timezone.now()
    due = AssessmentAttempt.objects.filter(
        status=AttemptStatus.IN_PROGRESS, deadline__lt=now - GRACE
    )
    if learner is not None:
        due = due.filter(learner=learner)
    if assessment is not None:
        due = due.filter(assessment=assessment)
    count = 0
    with transaction.atomic():
        for attempt in due.select_for_update(skip_locked=True, no_key=True).select_related(
            "assessment", "revision", "learner"
        ):
            _finish(attempt, now=now, auto=True)
            count += 1
    return count


def _finish(attempt: AssessmentAttempt, *, now: dt.datetime, auto: bool) -> None:
    """Grade and close the attempt (caller holds its row), record the events, and tell
    progress when this is the learner's first pass."""
    from .scoring import apply_results

    attempt.submitted_at = min(now, attempt.deadline + GRACE) if auto and attempt.deadline else now
    attempt.auto_submitted = auto
    outcomes = {
        qid: grade(q, attempt.answers.get(qid)) for qid, q in pinned_questions(attempt).items()
    }
    apply_results(attempt, outcomes)
    attempt.save(
        update_fields=[
            "answers",
            "submitted_at",
            "auto_submitted",
            "status",
            "results",
            "points",
            "max_points",
            "score",
            "passed",
        ]
    )
    place = journey.place_of_module(attempt.assessment.module_id)
    module_id = place.module_id if place else attempt.assessment.module_id
    context = _context(attempt)
    journey.record_events(
        [
            journey.new_event(
                actor=attempt.learner,
                verb=journey.Verb.ANSWERED,
                object_type=journey.ObjectType.ASSESSMENT,
                object_id=module_id,
                result=_answer_result(outcome, attempt.answered_at.get(qid)),
                context={**context, "question": qid},
            )
            for qid, outcome in outcomes.items()
        ]
    )
    journey.record_event(
        actor=attempt.learner,
        verb=journey.Verb.SUBMITTED,
        object_type=journey.ObjectType.ASSESSMENT,
        object_id=module_id,
        result={"completion": True, "auto": auto},
        context=context,
    )
    if attempt.status == AttemptStatus.GRADED:
        record_outcome(attempt, module_id=module_id, program_id=place.program_id if place else None)


def _answer_result(outcome, seconds) -> dict:
    result = {"score": {"raw": outcome.points, "min": 0, "max": outcome.max_points}}
    if outcome.correct is not None:
        result["success"] = outcome.correct
    if seconds is not None:
        result["seconds_into_attempt"] = seconds
    return result


def record_outcome(attempt: AssessmentAttempt, *, module_id: int, program_id: int | None) -> None:
    """The passed or failed event of a graded attempt; a first pass counts toward
    completion (one explicit call into progress)."""
    journey.record_event(
        actor=attempt.learner,
        verb=journey.Verb.PASSED if attempt.passed else journey.Verb.FAILED,
        object_type=journey.ObjectType.ASSESSMENT,
        object_id=module_id,
        result={
            "success": bool(attempt.passed),
            "score": {
                "scaled": float(attempt.score) / 100,
                "raw": float(attempt.points),
                "min": 0,
                "max": float(attempt.max_points),
            },
        },
        context=_context(attempt),
    )
    if not attempt.passed:
        return
    _, created = AssessmentPass.objects.get_or_create(
        learner=attempt.learner,
        assessment=attempt.assessment,
        defaults={"attempt": attempt, "passed_at": attempt.submitted_at},
    )
    if created and program_id is not None:
        journey.assessment_passed(learner=attempt.learner, program_id=program_id)
