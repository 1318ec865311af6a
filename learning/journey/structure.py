"""A program's live structure: its courses, modules and items in tree order, what each course
waits on, and the requirement groups. Read by the totals (recompute), the dashboard and the
access checks; see docs/progress.md for what counts."""

from dataclasses import dataclass, field

from django.db.models import F
from wagtail.models import Page

from learning.models import (
    Assessment,
    AssessmentPass,
    ContentItemPage,
    CoursePage,
    ProgramPage,
    Progress,
)


@dataclass
class CourseOutline:
    id: int
    title: str
    item_ids: list[int] = field(default_factory=list)
    module_ids: list[int] = field(default_factory=list)
    prerequisite_ids: list[int] = field(default_factory=list)
    # Live assessments of the course's modules: each counts as one unit, done once passed.
    assessment_ids: list[str] = field(default_factory=list)

    @property
    def units(self) -> int:
        return len(self.item_ids) + len(self.assessment_ids)


@dataclass
class RequirementGroupRef:
    title: str
    course_ids: list[int]
    min_required: int

    @property
    def is_elective(self) -> bool:
        return self.min_required < len(self.course_ids)


@dataclass
class ProgramStructure:
    program_id: int
    courses: dict[int, CourseOutline]
    item_course: dict[int, int]
    item_module: dict[int, int]
    item_duration: dict[int, int | None]
    groups: list[RequirementGroupRef]
    assessment_course: dict[str, int] = field(default_factory=dict)
    assessment_module: dict[str, int] = field(default_factory=dict)


def program_structure(*, program: ProgramPage) -> ProgramStructure:
    """The live courses, modules and items under a program, in tree order. Constant queries."""
    depth = program.depth
    rows = (
        Page.objects.filter(
            path__startswith=program.path, depth__in=(depth + 1, depth + 2, depth + 3), live=True
        )
        .order_by("path")
        .values_list("id", "path", "depth", "title")
    )
    courses: dict[int, CourseOutline] = {}
    path_to_course: dict[str, int] = {}
    path_to_module: dict[str, int] = {}
    item_course: dict[int, int] = {}
    item_module: dict[int, int] = {}
    for page_id, path, page_depth, title in rows:
        parent_path = path[: -Page.steplen]
        if page_depth == depth + 1:
            courses[page_id] = CourseOutline(id=page_id, title=title)
            path_to_course[path] = page_id
        elif page_depth == depth + 2 and parent_path in path_to_course:
            course_id = path_to_course[parent_path]
            courses[course_id].module_ids.append(page_id)
            path_to_module[path] = page_id
            path_to_course[path] = course_id
        elif page_depth == depth + 3 and parent_path in path_to_module:
            course_id = path_to_course[parent_path]
            courses[course_id].item_ids.append(page_id)
            item_course[page_id] = course_id
            item_module[page_id] = path_to_module[parent_path]
    item_duration = dict(
        ContentItemPage.objects.filter(id__in=item_course).values_list("id", "duration_seconds")
    )
    module_course = {mid: cid for cid, course in courses.items() for mid in course.module_ids}
    assessment_course: dict[str, int] = {}
    assessment_module: dict[str, int] = {}
    # Translations point at the same (default-locale) module; passes at the default-locale
    # assessment, which shares the module's locale.
    for assessment_id, module_id in (
        Assessment.objects.filter(
            module_id__in=list(module_course), live=True, locale_id=F("module__locale_id")
        )
        .order_by("title")
        .values_list("id", "module_id")
    ):
        key = str(assessment_id)
        courses[module_course[module_id]].assessment_ids.append(key)
        assessment_course[key] = module_course[module_id]
        assessment_module[key] = module_id
    prerequisites = getattr(CoursePage, "prerequisites", None)
    if prerequisites is not None and courses:
        through = CoursePage.prerequisites.through
        source = f"{CoursePage.prerequisites.field.m2m_field_name()}_id"
        target = f"{CoursePage.prerequisites.field.m2m_reverse_field_name()}_id"
        for course_id, prerequisite_id in through.objects.filter(
            **{f"{source}__in": list(courses)}
        ).values_list(source, target):
            courses[course_id].prerequisite_ids.append(prerequisite_id)
    return ProgramStructure(
        program_id=program.id,
        courses=courses,
        item_course=item_course,
        item_module=item_module,
        item_duration=item_duration,
        groups=_requirement_groups(program=program, courses=courses),
        assessment_course=assessment_course,
        assessment_module=assessment_module,
    )


def _requirement_groups(*, program, courses: dict[int, CourseOutline]) -> list[RequirementGroupRef]:
    declared = getattr(program, "requirement_groups", None)
    groups = []
    if callable(declared):
        for group in declared():
            live_ids = [cid for cid in group.course_ids if cid in courses]
            if live_ids:
                minimum = len(live_ids) if group.min_required is None else group.min_required
                groups.append(
                    RequirementGroupRef(str(group.title), live_ids, min(minimum, len(live_ids)))
                )
    if not groups and courses:
        groups.append(RequirementGroupRef("", list(courses), len(courses)))
    return groups


def counted_courses(*, structure: ProgramStructure, done: dict[int, int]) -> list[int]:
    """The courses the learner is held to: required ones, and their furthest electives."""
    counted: list[int] = []
    order = {cid: i for i, cid in enumerate(structure.courses)}
    for group in structure.groups:
        if not group.is_elective:
            counted.extend(group.course_ids)
            continue
        ranked = sorted(group.course_ids, key=lambda cid: (-done.get(cid, 0), order[cid]))
        counted.extend(ranked[: group.min_required])
    return list(dict.fromkeys(counted))


def completed_item_ids(*, learner, structure: ProgramStructure) -> set[int]:
    return set(
        Progress.objects.filter(
            learner=learner, is_completed=True, course_id__in=list(structure.courses)
        ).values_list("content_item_id", flat=True)
    )


def prerequisites_met(*, structure: ProgramStructure, done: dict[int, int], course_id: int) -> bool:
    """Every live prerequisite course has all its units done: live items completed, live
    assessments passed (`done` counts both per course)."""
    return all(
        done.get(prerequisite_id, 0) >= structure.courses[prerequisite_id].units
        for prerequisite_id in structure.courses[course_id].prerequisite_ids
        if prerequisite_id in structure.courses
    )


def passed_assessment_ids(*, learner_ids: list, structure: ProgramStructure) -> dict:
    """{learner id: the program's live assessments they passed}; no query without any."""
    if not structure.assessment_course or not learner_ids:
        return {}
    passed: dict = {}
    for learner_id, assessment_id in AssessmentPass.objects.filter(
        learner_id__in=learner_ids, assessment_id__in=list(structure.assessment_course)
    ).values_list("learner_id", "assessment_id"):
        passed.setdefault(learner_id, set()).add(str(assessment_id))
    return passed
