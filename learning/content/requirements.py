"""What a program asks of a learner: groups of courses, each with a minimum to complete."""

from dataclasses import dataclass


@dataclass(frozen=True)
class RequirementGroup:
    """Courses of which at least `min_required` must be completed.

    `course_ids` are the ids of the courses in the default locale, the pages learner records
    point at, whatever the language the program was read in.
    """

    title: str
    course_ids: list[int]
    min_required: int
