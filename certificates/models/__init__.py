from .achievements import (
    Achievement,
    AchievementIcon,
    AchievementKind,
    GoalKind,
    LeaderboardOptIn,
    LearnerGoals,
    UserAchievement,
)
from .certificates import (
    Certificate,
    CertificateTemplate,
    LookupCounter,
    NameCorrection,
    NameCorrectionStatus,
)

__all__ = [
    "Achievement",
    "AchievementIcon",
    "AchievementKind",
    "Certificate",
    "CertificateTemplate",
    "GoalKind",
    "LeaderboardOptIn",
    "LearnerGoals",
    "LookupCounter",
    "NameCorrection",
    "NameCorrectionStatus",
    "UserAchievement",
]
