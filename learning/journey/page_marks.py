"""The learner's own journey on a program, course, module or item page, from one query.

What every learner of a program sees alike (its structure, each page's translation key, titles
and links in the active language, each item's gate facts) is kept per content version in the
worker's ``fragments`` cache (learning.content.shared). The learner's part is one query: their
enrollment in the program with their progress rows there folded in. Marks, locks and the next
item are worked out from the two in Python, so a page costs the same however long the learner's
history. Memoised on the request: the item gate and the page context share it.
See docs/decisions/0031-signed-in-page-speed.md.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import get_language
from wagtail.models import Page

from culturedegree.admin_access import (
    holds_admin_permission_sql,
    permission_params,
    remember,
)
from learning.content.shared import shared
from learning.models import (
    ContentItemPage,
    CoursePage,
    Enrollment,
    EnrollmentStatus,
    ModulePage,
    ProgramPage,
)

from .access import CourseLock, NotFound, can_edit_pages, default_language_code, resolve_item
from .dashboard import localized_titles
from .progress import MEDIA_TYPES
from .structure import prerequisites_met, program_structure


@dataclass
class ProgramContent:
    """One program as every learner sees it: its structure and its pages' translation keys."""

    structure: Any  # learning.journey.progress.ProgramStructure
    keys: dict[int, str] = field(default_factory=dict)
    # Indexes over the structure, worked out once per version so a request's marks are a pass
    # over the program rather than over every item once per module.
    module_items: dict[int, list[int]] = field(default_factory=dict)
    module_assessments: dict[int, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        structure = self.structure
        for course in structure.courses.values():
            for module_id in course.module_ids:
                self.module_items.setdefault(module_id, [])
                self.module_assessments.setdefault(module_id, [])
            for item_id in course.item_ids:
                self.module_items.setdefault(structure.item_module[item_id], []).append(item_id)
            for assessment_id in course.assessment_ids:
                module_id = structure.assessment_module.get(assessment_id)
                if module_id in course.module_ids:
                    self.module_assessments.setdefault(module_id, []).append(assessment_id)


@dataclass
class PageJourney:
    """This request's learner on one page: enrollment, progress rows, marks."""

    page: Page
    canonical_id: int
    program_id: int | None
    program: ProgramContent | None = None
    enrollment: Enrollment | None = None
    progress_rows: dict[int, dict] = field(default_factory=dict)
    # The program's live assessments the learner passed (ids as text).
    passed: set[str] = field(default_factory=set)

    @property
    def enrolled(self) -> bool:
        """An enrollment that is not dropped: content opens to it."""
        return self.enrollment is not None and self.enrollment.is_open

    def done_per_course(self) -> dict[int, int]:
        done: dict[int, int] = {}
        item_course = self.program.structure.item_course if self.program else {}
        for item_id, row in self.progress_rows.items():
            if row["is_completed"] and item_id in item_course:
                done[item_course[item_id]] = done.get(item_course[item_id], 0) + 1
        # A passed assessment is a unit of its course, as in the totals (journey.recompute).
        assessment_course = self.program.structure.assessment_course if self.program else {}
        for assessment_id in self.passed:
            if assessment_id in assessment_course:
                course_id = assessment_course[assessment_id]
                done[course_id] = done.get(course_id, 0) + 1
        return done

    def locked_course(self, course_id: int) -> bool:
        structure = self.program.structure
        if course_id not in structure.courses:
            return False
        return not prerequisites_met(
            structure=structure, done=self.done_per_course(), course_id=course_id
        )


def _canonical_facts(page: Page) -> tuple[int, int | None]:
    """(default-locale page id, its program's id or None), kept per version."""

    def build() -> tuple[int, int | None]:
        canonical = page
        if page.locale.language_code != default_language_code():
            canonical = (
                Page.objects.filter(
                    translation_key=page.translation_key,
                    locale__language_code=default_language_code(),
                )
                .only("id", "path", "depth")
                .first()
                or page
            )
        paths = [canonical.path[: Page.steplen * d] for d in range(1, canonical.depth + 1)]
        program_id = ProgramPage.objects.filter(path__in=paths).values_list("id", flat=True).first()
        return canonical.id, program_id

    return shared("page-program", (page.pk,), build)


def program_content(program_id: int) -> ProgramContent:
    def build() -> ProgramContent:
        structure = program_structure(program=ProgramPage.objects.get(pk=program_id))
        ids = [*structure.courses, *structure.item_course, *structure.item_module.values()]
        keys = {
            pk: str(key)
            for pk, key in Page.objects.filter(id__in=ids).values_list("id", "translation_key")
        }
        return ProgramContent(structure=structure, keys=keys)

    return shared("program-content", (program_id,), build)


def program_titles(program_id: int, request) -> dict[int, tuple[str, str | None]]:
    """Every page of the program: (title, URL) in the active language, kept per version."""

    def build():
        structure = program_content(program_id).structure
        ids = [*structure.courses, *structure.item_module.values(), *structure.item_course]
        return localized_titles(list(dict.fromkeys(ids)), request)

    host = request.get_host() if request is not None else ""
    return shared("program-titles", (program_id, get_language(), host), build)


def item_ref(page: Page):
    """The item's gate facts (learning.journey.access.resolve_item), kept per version; None if not
    a live item under a live module, course and program."""

    def build():
        try:
            return resolve_item(page_id=page.pk)
        except NotFound:
            return None

    return shared("item-ref", (page.pk,), build)


# The learner's enrollment in the program with their progress rows there as JSON, the
# program's assessments they passed, and whether they may use the admin (the frame's userbar
# asks): one round trip, written in SQL because building it with the ORM cost more than
# running it.
ENROLLMENT_WITH_PROGRESS_SQL = """
SELECT e.*,
    (SELECT coalesce(json_agg(json_build_object(
        'content_item_id', p.content_item_id, 'is_completed', p.is_completed,
        'time_spent_seconds', p.time_spent_seconds, 'progress_data', p.progress_data)), '[]')
     FROM learning_progress p
     WHERE p.learner_id = e.learner_id AND p.course_id = ANY(%(courses)s)) AS journey_progress,
    (SELECT coalesce(array_agg(ap.assessment_id::text), '{{}}') FROM learning_assessmentpass ap
     WHERE ap.learner_id = e.learner_id AND ap.assessment_id = ANY(%(assessments)s::uuid[]))
        AS journey_passed,
    {may_access_admin} AS learner_may_access_admin
FROM learning_enrollment e
WHERE e.learner_id = %(learner)s AND e.program_id = %(program)s
"""


def _enrollment_with_progress(
    *, learner, program_id: int, course_ids: list[int], assessment_ids: list[str]
):
    sql = ENROLLMENT_WITH_PROGRESS_SQL.format(
        may_access_admin=holds_admin_permission_sql("e.learner_id")
    )
    params = {
        **permission_params(),
        "courses": course_ids,
        "assessments": assessment_ids,
        "learner": learner.pk,
        "program": program_id,
    }
    return next(iter(Enrollment.objects.raw(sql, params)), None)


def page_journey(request, page: Page) -> PageJourney:
    """The learner's journey on this page; one query for a signed-in learner, none for a
    visitor (with everything shared already kept)."""
    memo = request.__dict__.setdefault("learning_page_journeys", {})
    if page.pk in memo:
        return memo[page.pk]
    canonical_id, program_id = _canonical_facts(page)
    journey = PageJourney(page=page, canonical_id=canonical_id, program_id=program_id)
    if program_id is not None:
        journey.program = program_content(program_id)
        if request.user.is_authenticated:
            enrollment = _enrollment_with_progress(
                learner=request.user,
                program_id=program_id,
                course_ids=list(journey.program.structure.courses),
                assessment_ids=list(journey.program.structure.assessment_course),
            )
            if enrollment is not None:
                # The frame's userbar and the item gate need not ask again.
                remember(request.user, holds_permission=enrollment.learner_may_access_admin)
                journey.enrollment = enrollment
                journey.progress_rows = {
                    row["content_item_id"]: row for row in enrollment.journey_progress or []
                }
                journey.passed = set(enrollment.journey_passed or [])
    memo[page.pk] = journey
    return journey


def forget_journey(request, page: Page) -> None:
    """Drop the memoised journey (after this request recorded progress on the page)."""
    request.__dict__.get("learning_page_journeys", {}).pop(page.pk, None)


def page_learner_context(request, page: Page) -> dict[str, Any]:
    """What the journey partials need on a program, course, module or item page:
    {"learner": {"enrollment", "enrollment_open", "program_id", "continue_url", "marks",
    "mark", "children", "module_minutes_left", "item"}}."""
    journey = page_journey(request, page)
    enrollment = journey.enrollment
    context: dict[str, Any] = {
        "enrollment": enrollment,
        "marks": {},
        "program_id": journey.program_id,
    }
    if journey.program_id is None:
        return {"learner": context}
    context["enrollment_open"] = bool(enrollment and enrollment.is_open)
    if enrollment is None:
        return {"learner": context}
    titles = program_titles(journey.program_id, request)
    if enrollment.next_item_id:
        shown = titles.get(enrollment.next_item_id)
        if shown is None:  # not a live item of the program as kept: look it up
            shown = localized_titles([enrollment.next_item_id], request)[enrollment.next_item_id]
        context["continue_url"] = shown[1]
    if isinstance(page, ProgramPage | CoursePage | ModulePage | ContentItemPage):
        marks = _marks(journey)
        keys = journey.program.keys
        context["marks"] = marks
        context["mark"] = marks.get(str(page.translation_key))
        context["children"] = _children(journey, page, marks, titles)
        module_id = journey.program.structure.item_module.get(journey.canonical_id)
        if module_id is not None:
            context["module_minutes_left"] = marks[keys[module_id]]["minutes_left"]
    if isinstance(page, ContentItemPage):
        row = journey.progress_rows.get(journey.canonical_id)
        context["item"] = {
            "id": journey.canonical_id,
            "is_media": page.item_type in MEDIA_TYPES,
            "is_completed": bool(row and row["is_completed"]),
            "position": ((row or {}).get("progress_data") or {}).get("position") or 0,
            "can_track": enrollment.status in (EnrollmentStatus.ACTIVE, EnrollmentStatus.COMPLETED),
        }
    return {"learner": context}


def _marks(journey: PageJourney) -> dict[str, dict]:
    content = journey.program
    structure, keys = content.structure, content.keys
    rows, done = journey.progress_rows, journey.done_per_course()
    passed = journey.passed
    item_course, item_duration = structure.item_course, structure.item_duration
    completed = {i for i, row in rows.items() if row["is_completed"]}
    started_courses = {item_course[i] for i in rows if i in item_course}
    marks: dict[str, dict] = {}
    for course in structure.courses.values():
        # Items and assessments alike, as the totals count them (journey.recompute).
        total = course.units
        course_done = done.get(course.id, 0)
        locked = not prerequisites_met(structure=structure, done=done, course_id=course.id)
        if locked:
            state = "locked"
        elif total and course_done == total:
            state = "done"
        elif course_done or course.id in started_courses:
            state = "started"
        else:
            state = "todo"
        marks[keys[course.id]] = {
            "state": state,
            "percent": round(100 * course_done / total) if total else 0,
            "locked_by": [
                structure.courses[p].title
                for p in course.prerequisite_ids
                if p in structure.courses and done.get(p, 0) < structure.courses[p].units
            ],
        }
        for module_id in course.module_ids:
            items = content.module_items.get(module_id, [])
            assessments = content.module_assessments.get(module_id, [])
            units = len(items) + len(assessments)
            module_done = sum(1 for i in items if i in completed)
            module_done += sum(1 for a in assessments if a in passed)
            left_seconds = sum(item_duration.get(i) or 0 for i in items if i not in completed)
            if locked:
                module_state = "locked"
            elif units and module_done == units:
                module_state = "done"
            else:
                module_state = "started" if module_done or any(i in rows for i in items) else "todo"
            marks[keys[module_id]] = {
                "state": module_state,
                "percent": round(100 * module_done / units) if units else 0,
                "minutes_left": math.ceil(left_seconds / 60),
            }
        for item_id in course.item_ids:
            row = rows.get(item_id)
            if locked:
                item_state = "locked"
            elif row:
                item_state = "done" if row["is_completed"] else "started"
            else:
                item_state = "todo"
            marks[keys[item_id]] = {
                "state": item_state,
                "position": ((row or {}).get("progress_data") or {}).get("position"),
            }
    return marks


def _children(journey: PageJourney, page: Page, marks, titles) -> list[dict]:
    """The lines under this page (courses, modules or items) with the learner's marks."""
    structure, keys = journey.program.structure, journey.program.keys
    if isinstance(page, ProgramPage):
        child_ids = list(structure.courses)
    elif isinstance(page, CoursePage):
        course = structure.courses.get(journey.canonical_id)
        child_ids = course.module_ids if course else []
    elif isinstance(page, ModulePage):
        child_ids = journey.program.module_items.get(journey.canonical_id, [])
    else:
        return []
    return [
        {"title": titles[cid][0], "url": titles[cid][1], "mark": marks[keys[cid]]}
        for cid in child_ids
        if cid in titles
    ]


def journey_lock(journey: PageJourney, course_id: int | None):
    """The learner's lock on a course of this program (access.CourseLock), or None: the same
    rule as access.course_lock, worked out from the kept structure and the rows."""
    if course_id is None or not journey.enrolled or journey.program is None:
        return None
    structure = journey.program.structure
    course = structure.courses.get(course_id)
    if course is None or not journey.locked_course(course_id):
        return None
    done = journey.done_per_course()
    unfinished = [
        (cid, other.title)
        for cid, other in structure.courses.items()
        if cid in course.prerequisite_ids and done.get(cid, 0) < other.units
    ]
    return CourseLock(course_id=course_id, prerequisites=tuple(unfinished)) if unfinished else None


def course_of(journey: PageJourney) -> int | None:
    """The default-locale course this page belongs to (itself for a course)."""
    if journey.program is None:
        return None
    structure, page_id = journey.program.structure, journey.canonical_id
    if page_id in structure.courses:
        return page_id
    if page_id in structure.item_course:
        return structure.item_course[page_id]
    for course in structure.courses.values():
        if page_id in course.module_ids:
            return course.id
    return None


def page_lock(request, page: Page):
    """The lock on the course a course, module or item page belongs to, for an enrolled
    learner; None for visitors, editors and open courses."""
    if not request.user.is_authenticated:
        return None
    journey = page_journey(request, page)
    lock = journey_lock(journey, course_of(journey))
    if lock is None or can_edit_pages(request.user):
        return None
    return lock
