"""What the journey partials show on a program, course, module or item page: the learner's
enrollment and the done / started / todo / locked mark of each line. Constant query count."""

import math
from typing import Any

from wagtail.models import Page

from learning.models import (
    ContentItemPage,
    CoursePage,
    Enrollment,
    EnrollmentStatus,
    ModulePage,
    ProgramPage,
    Progress,
)

from .access import default_language_code
from .dashboard import localized_titles
from .progress import MEDIA_TYPES
from .structure import prerequisites_met, program_structure


def _canonical(page: Page) -> Page:
    if page.locale.language_code == default_language_code():
        return page
    return (
        Page.objects.filter(
            translation_key=page.translation_key, locale__language_code=default_language_code()
        )
        .select_related(None)
        .first()
        or page
    )


def page_learner_context(request, page) -> dict[str, Any]:
    """What the journey partials need on a program, course, module or item page.

    Returns {"learner": {...}}: the enrollment (or None), per-page marks keyed by
    translation key (done / started / todo / locked with the courses to finish first),
    and for an item the controls' data. Constant query count.
    """
    user = request.user
    canonical = _canonical(page)
    steplen = Page.steplen
    ancestor_paths = [canonical.path[: steplen * d] for d in range(1, canonical.depth + 1)]
    program = ProgramPage.objects.filter(path__in=ancestor_paths).first()
    context: dict[str, Any] = {
        "enrollment": None,
        "marks": {},
        "program_id": program.id if program else None,
    }
    if program is None:
        return {"learner": context}
    enrollment = None
    if user.is_authenticated:
        enrollment = Enrollment.objects.filter(learner=user, program=program).first()
    context["enrollment"] = enrollment
    context["enrollment_open"] = bool(enrollment and enrollment.is_open)
    if enrollment is not None and enrollment.next_item_id:
        context["continue_url"] = localized_titles([enrollment.next_item_id], request)[
            enrollment.next_item_id
        ][1]
    # Marks only mean something to an enrolled learner; visitors cost no further query.
    if enrollment is not None and isinstance(
        page, ProgramPage | CoursePage | ModulePage | ContentItemPage
    ):
        structure = program_structure(program=program)
        progress_rows = {
            row["content_item_id"]: row
            for row in Progress.objects.filter(
                learner=user, course_id__in=list(structure.courses)
            ).values("content_item_id", "is_completed", "time_spent_seconds", "progress_data")
        }
        done = {}
        for item_id, row in progress_rows.items():
            if row["is_completed"] and item_id in structure.item_course:
                course_id = structure.item_course[item_id]
                done[course_id] = done.get(course_id, 0) + 1
        keys = dict(
            Page.objects.filter(
                id__in=[*structure.courses, *structure.item_course, *structure.item_module.values()]
            ).values_list("id", "translation_key")
        )
        marks = {}
        for course in structure.courses.values():
            total = len(course.item_ids)
            course_done = done.get(course.id, 0)
            locked = not prerequisites_met(structure=structure, done=done, course_id=course.id)
            marks[str(keys[course.id])] = {
                "state": "locked"
                if locked
                else _state(course_done, total, course.id, progress_rows, structure),
                "percent": round(100 * course_done / total) if total else 0,
                "locked_by": [
                    structure.courses[p].title
                    for p in course.prerequisite_ids
                    if p in structure.courses
                    and done.get(p, 0) < len(structure.courses[p].item_ids)
                ],
            }
            for module_id in course.module_ids:
                items = [i for i in course.item_ids if structure.item_module[i] == module_id]
                module_done = sum(1 for i in items if progress_rows.get(i, {}).get("is_completed"))
                left_seconds = sum(
                    structure.item_duration.get(i) or 0
                    for i in items
                    if not progress_rows.get(i, {}).get("is_completed")
                )
                marks[str(keys[module_id])] = {
                    "state": "locked"
                    if locked
                    else (
                        "done"
                        if items and module_done == len(items)
                        else ("started" if any(i in progress_rows for i in items) else "todo")
                    ),
                    "percent": round(100 * module_done / len(items)) if items else 0,
                    "minutes_left": math.ceil(left_seconds / 60),
                }
            for item_id in course.item_ids:
                row = progress_rows.get(item_id)
                marks[str(keys[item_id])] = {
                    "state": "locked"
                    if locked
                    else (
                        "done" if row and row["is_completed"] else ("started" if row else "todo")
                    ),
                    "position": (row or {}).get("progress_data", {}).get("position"),
                }
        context["marks"] = marks
        context["mark"] = marks.get(str(page.translation_key))
        context["children"] = _children_marks(
            request=request,
            page=page,
            canonical=canonical,
            structure=structure,
            marks=marks,
            keys=keys,
        )
        module_id = structure.item_module.get(canonical.id)
        if module_id is not None:
            context["module_minutes_left"] = marks[str(keys[module_id])]["minutes_left"]
    if enrollment is not None and isinstance(page, ContentItemPage):
        row = progress_rows.get(canonical.id)
        context["item"] = {
            "id": canonical.id,
            "is_media": page.item_type in MEDIA_TYPES,
            "is_completed": bool(row and row["is_completed"]),
            "position": (row or {}).get("progress_data", {}).get("position") or 0,
            "can_track": bool(
                enrollment
                and enrollment.status in (EnrollmentStatus.ACTIVE, EnrollmentStatus.COMPLETED)
            ),
        }
    return {"learner": context}


def _children_marks(*, request, page, canonical, structure, marks, keys) -> list[dict]:
    """The lines under this page (courses, modules or items) with the learner's marks."""
    if isinstance(page, ProgramPage):
        child_ids = list(structure.courses)
    elif isinstance(page, CoursePage):
        course = structure.courses.get(canonical.id)
        child_ids = course.module_ids if course else []
    elif isinstance(page, ModulePage):
        child_ids = [i for i, m in structure.item_module.items() if m == canonical.id]
    else:
        return []
    titles = localized_titles(child_ids, request)
    return [
        {"title": titles[cid][0], "url": titles[cid][1], "mark": marks[str(keys[cid])]}
        for cid in child_ids
        if cid in titles
    ]


def _state(done: int, total: int, course_id: int, progress_rows, structure) -> str:
    if total and done == total:
        return "done"
    if any(structure.item_course.get(i) == course_id for i in progress_rows):
        return "started"
    return "todo"
