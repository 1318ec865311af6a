"""What the learner's journey holds about a person (see docs/decisions/0028-personal-data.md).

Deleting an account deletes the learner's enrollments, progress, daily activity and
streaks with it. Learning events stay for aggregate analytics, anonymised: no actor and no
context (whose enrollment id would link one person's events together).
"""

from culturedegree import privacy

from .models import (
    AssessmentAttempt,
    AssessmentPass,
    AttemptFile,
    DailyActivity,
    Enrollment,
    HeartbeatWindow,
    LearnerStats,
    LearningEvent,
    Progress,
    ReviewAssignment,
)


def export_enrollments(user):
    return [
        {
            "id": str(enrollment.pk),
            "program": enrollment.program.title,
            "program_id": enrollment.program_id,
            "status": enrollment.status,
            "enrolled_at": enrollment.enrolled_at,
            "completed_at": enrollment.completed_at,
            "target_completion_date": enrollment.target_completion_date,
            "completion_percentage": enrollment.completion_percentage,
            "time_spent_seconds": enrollment.time_spent_seconds,
            "last_activity_at": enrollment.last_activity_at,
        }
        for enrollment in Enrollment.objects.filter(learner=user)
        .select_related("program")
        .order_by("enrolled_at")
    ]


def export_progress(user):
    return [
        {
            "content_item": progress.content_item.title,
            "content_item_id": progress.content_item_id,
            "started_at": progress.started_at,
            "completed_at": progress.completed_at,
            "time_spent_seconds": progress.time_spent_seconds,
            "progress_data": progress.progress_data,
        }
        for progress in Progress.objects.filter(learner=user)
        .select_related("content_item")
        .order_by("started_at")
    ]


def export_events(user):
    return list(
        LearningEvent.objects.filter(actor=user)
        .order_by("timestamp")
        .values("verb", "object_type", "object_id", "result", "context", "timestamp")
    )


def anonymise_events(user):
    # The one change events ever get: a queryset update, past the model's append-only save().
    LearningEvent.objects.filter(actor=user).update(actor=None, context={})


def export_daily_activity(user):
    return list(
        DailyActivity.objects.filter(learner=user)
        .order_by("day")
        .values("day", "timezone", "seconds", "items_completed")
    )


def export_stats(user):
    return list(
        LearnerStats.objects.filter(learner=user).values(
            "last_active_day", "current_streak", "longest_streak"
        )
    )


privacy.register(Enrollment, exporter=export_enrollments, eraser=privacy.deleted_with_account)
privacy.register(Progress, exporter=export_progress, eraser=privacy.deleted_with_account)
privacy.register(LearningEvent, exporter=export_events, eraser=anonymise_events)
privacy.register(DailyActivity, exporter=export_daily_activity, eraser=privacy.deleted_with_account)
privacy.register(LearnerStats, exporter=export_stats, eraser=privacy.deleted_with_account)
privacy.exempt(
    HeartbeatWindow,
    reason="The heartbeat rate limit's counter for the current minute; deleted with the account.",
)


def export_attempts(user):
    return [
        {
            "id": str(attempt.pk),
            "assessment": attempt.assessment.title,
            "assessment_id": str(attempt.assessment_id),
            "attempt_number": attempt.attempt_number,
            "status": attempt.status,
            "started_at": attempt.started_at,
            "deadline": attempt.deadline,
            "submitted_at": attempt.submitted_at,
            "answers": attempt.answers,
            "score": attempt.score,
            "passed": attempt.passed,
            "feedback": attempt.feedback,
            "files": [f.name for f in attempt.files.all()],
        }
        for attempt in AssessmentAttempt.objects.filter(learner=user)
        .select_related("assessment")
        .prefetch_related("files")
        .order_by("started_at")
    ]


def export_passes(user):
    return [
        {"assessment_id": str(row["assessment_id"]), "passed_at": row["passed_at"]}
        for row in AssessmentPass.objects.filter(learner=user).values("assessment_id", "passed_at")
    ]


def erase_attempts(user):
    """Attempts go with the account (cascade); their project files go from storage too."""
    for stored in AttemptFile.objects.filter(attempt__learner=user):
        stored.file.delete(save=False)


def export_reviews(user):
    return [
        {
            "assessment": str(review.attempt.assessment_id),
            "assigned_at": review.assigned_at,
            "submitted_at": review.submitted_at,
            "score": review.score,
            "comment": review.comment,
        }
        for review in ReviewAssignment.objects.filter(reviewer=user).select_related("attempt")
    ]


privacy.register(AssessmentAttempt, exporter=export_attempts, eraser=erase_attempts)
privacy.register(ReviewAssignment, exporter=export_reviews, eraser=privacy.deleted_with_account)
privacy.register(AssessmentPass, exporter=export_passes, eraser=privacy.deleted_with_account)
