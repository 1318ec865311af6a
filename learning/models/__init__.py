from learning.assessments.models import (
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
from learning.content.pages import (
    ContentItemPage,
    CoursePage,
    ModulePage,
    ProgramIndexPage,
    ProgramPage,
)
from learning.content.requirements import RequirementGroup
from learning.content.search_words import SearchWord
from learning.journey.models.activity import DailyActivity, LearnerStats
from learning.journey.models.enrollment import Enrollment, EnrollmentStatus
from learning.journey.models.events import AppendOnlyError, LearningEvent, ObjectType, Verb
from learning.journey.models.progress import HeartbeatWindow, Progress

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
