"""A learner's record on one assessment: attempts used and left, grade by the grading
method, pass, the open attempt and the cooldown; and whether the review may be shown."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from ..models import Assessment, AssessmentAttempt, AttemptStatus, GradingMethod, ReviewOption


@dataclass
class Standing:
    """The learner's record on one assessment."""

    attempts: list[AssessmentAttempt]
    max_attempts: int
    grade: Decimal | None
    passed: bool
    open_attempt: AssessmentAttempt | None
    retry_at: dt.datetime | None

    @property
    def used(self) -> int:
        return len(self.attempts)

    @property
    def attempts_left(self) -> int | None:
        return None if not self.max_attempts else max(0, self.max_attempts - self.used)


def standing(*, learner, assessment: Assessment, now: dt.datetime | None = None) -> Standing:
    now = now or timezone.now()
    attempts = list(
        AssessmentAttempt.objects.filter(learner=learner, assessment=assessment)
        .select_related("revision")
        .order_by("attempt_number")
    )
    graded = [a for a in attempts if a.status == AttemptStatus.GRADED and a.score is not None]
    open_attempt = next((a for a in attempts if a.is_open), None)
    retry_at = None
    if attempts and not open_attempt and assessment.cooldown_minutes:
        last = attempts[-1].submitted_at
        if last and last + dt.timedelta(minutes=assessment.cooldown_minutes) > now:
            retry_at = last + dt.timedelta(minutes=assessment.cooldown_minutes)
    return Standing(
        attempts=attempts,
        max_attempts=assessment.max_attempts,
        grade=final_grade(assessment=assessment, scores=[a.score for a in graded]),
        passed=any(a.passed for a in graded),
        open_attempt=open_attempt,
        retry_at=retry_at,
    )


def final_grade(*, assessment: Assessment, scores: list[Decimal]) -> Decimal | None:
    """The assessment's grade from its graded attempts' scores, by its grading method."""
    if not scores:
        return None
    if assessment.grading_method == GradingMethod.LAST:
        return scores[-1]
    if assessment.grading_method == GradingMethod.AVERAGE:
        return (sum(scores) / len(scores)).quantize(Decimal("0.01"))
    return max(scores)


def review_allowed(*, assessment: Assessment, attempt: AssessmentAttempt, record: Standing) -> bool:
    """Whether the right answers and per-question feedback may be shown for `attempt`."""
    if attempt.is_open:
        return False
    option = assessment.review_option
    if option == ReviewOption.AFTER_EACH:
        return True
    if option == ReviewOption.AFTER_PASSING:
        return record.passed
    if option == ReviewOption.AFTER_LAST:
        return record.passed or record.attempts_left == 0
    return False
