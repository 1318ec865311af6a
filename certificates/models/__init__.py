from .achievements import (
    Achievement,
    AchievementIcon,
    AchievementKind,
    GoalKind,
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
    "LearnerGoals",
    "LookupCounter",
    "NameCorrection",
    "NameCorrectionStatus",
    "UserAchievement",
]
