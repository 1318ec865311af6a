"""The learning content tree: catalog > program > course > module > content item."""

from .base import (
    BLOCKS_FOR_ITEM_TYPE,
    ContentType,
    Difficulty,
    LearningPage,
    ModuleType,
    register_page_context,
    tabs,
)
from .course import CoursePage, CoursePageForm
from .index import ProgramIndexPage
from .item import ContentItemPage
from .module import ModulePage
from .program import ProgramPage

__all__ = [
    "BLOCKS_FOR_ITEM_TYPE",
    "ContentItemPage",
    "ContentType",
    "CoursePage",
    "CoursePageForm",
    "Difficulty",
    "LearningPage",
    "ModulePage",
    "ModuleType",
    "ProgramIndexPage",
    "ProgramPage",
    "register_page_context",
    "tabs",
]
