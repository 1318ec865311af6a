from .achievements import (
    Achievement,
    AchievementIcon,
    AchievementKind,
    GoalKind,
    LearnerGoals,
    UserAchievement,
)

__all__ = [
    "Achievement",
    "AchievementIcon",
    "AchievementKind",
    "GoalKind",
    "LearnerGoals",
    "UserAchievement",
]
