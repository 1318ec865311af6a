from ..assessments.models import (
    Assessment,
    AssessmentAttempt,
    AssessmentPass,
    AssessmentType,
    AttemptFile,
    AttemptStatus,
    GradebookPolicy,
    GradingMethod,
    ReviewAssignment,
    ReviewOption,
)
from ..requirements import RequirementGroup
from .activity import DailyActivity, LearnerStats
from .enrollment import Enrollment, EnrollmentStatus
from .events import AppendOnlyError, LearningEvent, ObjectType, Verb
from .pages import (
    ContentItemPage,
    CoursePage,
    ModulePage,
    ProgramIndexPage,
    ProgramPage,
)
from .progress import HeartbeatWindow, Progress
from .search import SearchWord

__all__ = [
    "AppendOnlyError",
    "Assessment",
    "AssessmentAttempt",
    "AssessmentPass",
    "AssessmentType",
    "AttemptFile",
    "AttemptStatus",
    "ContentItemPage",
    "CoursePage",
    "DailyActivity",
    "Enrollment",
    "EnrollmentStatus",
    "GradebookPolicy",
    "GradingMethod",
    "HeartbeatWindow",
    "LearnerStats",
    "LearningEvent",
    "ModulePage",
    "ObjectType",
    "ProgramIndexPage",
    "ProgramPage",
    "Progress",
    "RequirementGroup",
    "ReviewAssignment",
    "ReviewOption",
    "SearchWord",
    "Verb",
]
