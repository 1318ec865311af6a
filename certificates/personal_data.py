"""What achievements hold about a person (see docs/decisions/0028-personal-data.md).

Deleting an account deletes the learner's awards, progress towards them and streak goals
with it. A special award made *by* a staff member who deletes their account stays with the
learner; its `awarded_by` becomes empty (the audit log keeps who it was).
"""

from culturedegree import privacy

from .models import LearnerGoals, UserAchievement


def export_achievements(user):
    return [
        {
            "achievement": row.achievement.name,
            "achievement_id": str(row.achievement_id),
            "kind": row.achievement.kind,
            "points": row.achievement.points,
            "progress": row.progress,
            "earned_at": row.earned_at,
            "reason": row.reason,
        }
        for row in UserAchievement.objects.filter(learner=user)
        .select_related("achievement")
        .order_by("earned_at", "achievement__name")
    ]


def export_goals(user):
    return list(
        LearnerGoals.objects.filter(learner=user).values(
            "goal_kind",
            "days_per_week",
            "vacation_since",
            "leaderboard_opt_in",
            "current_streak",
            "longest_streak",
            "freezes",
            "freezes_used",
        )
    )


privacy.register(UserAchievement, exporter=export_achievements, eraser=privacy.deleted_with_account)
privacy.register(LearnerGoals, exporter=export_goals, eraser=privacy.deleted_with_account)
