from .pages import (
    ContentItemPage,
    CoursePage,
    ModulePage,
    ProgramIndexPage,
    ProgramPage,
)

__all__ = [
    "ContentItemPage",
    "CoursePage",
    "ModulePage",
    "ProgramIndexPage",
    "ProgramPage",
]
