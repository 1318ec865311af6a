"""Peer review of projects: K anonymous reviews per submission with the rubric, the grade
the median of the peers' scores, and staff when peers do not come.

Assignment is fair and race-safe: a reviewer gets the submission with the fewest reviews
(then the oldest), never their own, never one they already have; assignments of an
assessment are decided one at a time under its row lock, so none gets more than K (and
`(attempt, reviewer)` is unique in the database). A submission that has not
gathered K reviews within `review_days` of its submission is no longer offered to peers
and waits in the staff's Grading queue, so nobody waits forever.
"""

import datetime as dt
import statistics
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from ..models import Assessment, AssessmentAttempt, AttemptStatus, ReviewAssignment
from . import journey
from .attempts import AttemptError, pinned_assessment, record_outcome
from .scoring import apply_rubric, rubric_points

MAX_OPEN_REVIEWS = 1


def overdue_before(assessment: Assessment, now: dt.datetime) -> dt.datetime:
    return now - dt.timedelta(days=assessment.review_days)


def assigned_reviews(*, reviewer, assessment: Assessment, now=None) -> list[ReviewAssignment]:
    """The reviewer's open reviews of this assessment, assigning the next submission when
    they have none. Only learners who submitted their own work review others'."""
    now = now or timezone.now()
    if assessment.assessment_type != "peer_review":
        raise AttemptError("This assessment is not peer reviewed.", code="invalid")
    submitted = AssessmentAttempt.objects.filter(learner=reviewer, assessment=assessment).exclude(
        status=AttemptStatus.IN_PROGRESS
    )
    if not submitted.exists():
        raise AttemptError("Submit your own project before reviewing others'.", code="not_enrolled")
    mine = ReviewAssignment.objects.filter(
        reviewer=reviewer, attempt__assessment=assessment, submitted_at=None
    )
    if mine.count() < MAX_OPEN_REVIEWS:
        _assign_next(reviewer=reviewer, assessment=assessment, now=now)
    return list(
        ReviewAssignment.objects.filter(reviewer=reviewer, attempt__assessment=assessment)
        .select_related("attempt", "attempt__revision", "attempt__assessment")
        .order_by("submitted_at", "assigned_at")
    )


def _assign_next(*, reviewer, assessment: Assessment, now) -> ReviewAssignment | None:
    """One transaction under the assessment's row lock (no key update, so reviews and
    attempts referencing it are not blocked): every assignment of the assessment is
    decided one at a time, so the counts it reads cannot change under it."""
    with transaction.atomic():
        Assessment.objects.select_for_update(no_key=True).filter(pk=assessment.pk).first()
        candidate = (
            AssessmentAttempt.objects.filter(
                assessment=assessment,
                status=AttemptStatus.AWAITING_GRADING,
                submitted_at__gte=overdue_before(assessment, now),
            )
            .exclude(learner=reviewer)
            .exclude(reviews__reviewer=reviewer)
            .annotate(assigned=Count("reviews"))
            .filter(assigned__lt=assessment.review_count)
            .order_by("assigned", "submitted_at")
            .first()
        )
        if candidate is None:
            return None
        return ReviewAssignment.objects.create(attempt=candidate, reviewer=reviewer)


def submit_review(*, reviewer, review_id, levels: dict[str, int], comment: str, now=None):
    """Record the reviewer's rubric levels; the K-th review grades the submission with the
    median of the peers' scores (unless staff graded it already)."""
    now = now or timezone.now()
    with transaction.atomic():
        review = (
            ReviewAssignment.objects.select_for_update()
            .select_related("attempt", "attempt__assessment", "attempt__revision")
            .filter(pk=review_id, reviewer=reviewer)
            .first()
        )
        if review is None:
            raise AttemptError("Unknown review.", code="not_found")
        if review.submitted_at is not None:
            raise AttemptError("This review has already been sent.", code="closed")
        attempt = AssessmentAttempt.objects.select_for_update(no_key=True).get(pk=review.attempt_id)
        attempt.assessment = review.attempt.assessment
        attempt.revision = review.attempt.revision
        try:
            points, maximum = rubric_points(pinned_assessment(attempt).rubric, levels)
        except ValueError as exc:
            raise AttemptError(str(exc), code="invalid") from None
        review.levels = levels
        review.comment = comment[:5000]
        review.score = (points * 100 / maximum).quantize(Decimal("0.01")) if maximum else 0
        review.submitted_at = now
        review.save(update_fields=["levels", "comment", "score", "submitted_at"])
        place = journey.place_of_module(attempt.assessment.module_id)
        journey.record_event(
            actor=reviewer,
            verb=journey.Verb.REVIEWED,
            object_type=journey.ObjectType.ASSESSMENT,
            object_id=attempt.assessment.module_id,
            result={"score": {"scaled": float(review.score) / 100}},
            context={"assessment": str(attempt.assessment_id), "review": str(review.pk)},
        )
        scores = list(attempt.reviews.exclude(submitted_at=None).values_list("score", flat=True))
        if (
            attempt.status == AttemptStatus.AWAITING_GRADING
            and len(scores) >= attempt.assessment.review_count
        ):
            median = Decimal(str(statistics.median(scores))).quantize(Decimal("0.01"))
            apply_rubric(
                attempt,
                points=median,
                maximum=Decimal(100),
                source={"by": "peers", "peer_score": str(median), "reviews": len(scores)},
            )
            attempt.save(
                update_fields=["results", "points", "max_points", "score", "passed", "status"]
            )
            record_outcome(
                attempt,
                module_id=attempt.assessment.module_id,
                program_id=place.program_id if place else None,
            )
    return review


def peer_feedback(attempt: AssessmentAttempt) -> list[dict]:
    """The reviews a submission received, anonymous: score and comment only."""
    return [
        {"score": review.score, "comment": review.comment}
        for review in attempt.reviews.exclude(submitted_at=None).order_by("submitted_at")
    ]


def overdue_for_staff(*, assessment_ids, now=None):
    """Peer-reviewed submissions past their review window without enough reviews."""
    now = now or timezone.now()
    overdue = Q()
    for assessment in Assessment.objects.filter(
        pk__in=assessment_ids, assessment_type="peer_review"
    ):
        overdue |= Q(assessment=assessment, submitted_at__lt=overdue_before(assessment, now))
    if not overdue:
        return AssessmentAttempt.objects.none()
    return AssessmentAttempt.objects.filter(overdue, status=AttemptStatus.AWAITING_GRADING)
