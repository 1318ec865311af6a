"""What community needs from the learning journey, in one place: which course or module a
page id means (any locale, resolved to the default-locale page), who takes part in a
program, who moderates it, and completing a discussion module.

Everything community imports from `learning` goes through this module.
"""

from dataclasses import dataclass

from django.db.models import Q
from wagtail.models import GroupPagePermission, Page

from learning.content.localization import learner_url
from learning.content.pages import ModuleType
from learning.journey.access import (
    NotFound,
    canonical_pages,
    default_language_code,
    open_enrollment,
    resolve_item,
)
from learning.journey.enrollment import enroll
from learning.journey.events import record_event
from learning.journey.progress import ProgressError, complete_item
from learning.journey.staff_access import programs_for_staff
from learning.models import (
    ContentItemPage,
    CoursePage,
    Enrollment,
    EnrollmentStatus,
    ModulePage,
    ObjectType,
    ProgramPage,
    Verb,
)

MODERATE_PERMISSION = "community.moderate_discussions"

__all__ = [
    "MODERATE_PERMISSION",
    "ContentItemPage",
    "CoursePage",
    "ModulePage",
    "NotFound",
    "Place",
    "ProgramPage",
    "complete_discussion_module",
    "course_ids_in",
    "enroll",
    "enrolled_learner_ids",
    "is_discussion_module",
    "is_moderator",
    "is_participant",
    "is_program_staff",
    "learner_url",
    "moderated_program_ids",
    "module_ids_of",
    "program_of_course",
    "record_post",
    "resolve_place",
    "translated_page",
]


@dataclass(frozen=True)
class Place:
    """Where a discussion lives: default-locale, live page ids."""

    program_id: int
    course_id: int
    module_id: int | None = None
    module_type: str = ""
    item_id: int | None = None

    @property
    def is_discussion_module(self) -> bool:
        return self.module_type == ModuleType.DISCUSSION


def _live_parent_id(page: Page) -> int | None:
    return (
        Page.objects.filter(path=page.path[: -Page.steplen], live=True)
        .values_list("id", flat=True)
        .first()
    )


def resolve_place(
    *, course_id: int | None = None, module_id: int | None = None, item_id: int | None = None
) -> Place:
    """The live canonical course or module (or item's module) for any locale's id, or
    NotFound. Exactly one of the ids."""
    if sum(value is not None for value in (course_id, module_id, item_id)) != 1:
        raise NotFound
    if item_id is not None:
        item = resolve_item(page_id=item_id)
        module = ModulePage.objects.filter(pk=item.module_id).only("module_type").first()
        return Place(
            program_id=item.program_id,
            course_id=item.course_id,
            module_id=item.module_id,
            module_type=module.module_type if module else "",
            item_id=item.item_id,
        )
    if module_id is not None:
        module = canonical_pages(ModulePage, module_id).filter(live=True).first()
        if module is None:
            raise NotFound
        course_id = _live_parent_id(module)
        course = CoursePage.objects.filter(pk=course_id).first() if course_id else None
        program_id = _live_parent_id(course) if course else None
        if program_id is None:
            raise NotFound
        return Place(
            program_id=program_id,
            course_id=course.pk,
            module_id=module.pk,
            module_type=module.module_type,
        )
    course = canonical_pages(CoursePage, course_id).filter(live=True).first()
    program_id = _live_parent_id(course) if course else None
    if program_id is None:
        raise NotFound
    return Place(program_id=program_id, course_id=course.pk)


def is_program_staff(*, user, program_id: int) -> bool:
    """Holds a role on the program (an instructor, editor or administrator of it)."""
    if not user.is_authenticated:
        return False
    return programs_for_staff(user=user).filter(pk=program_id).exists()


def moderated_program_ids(*, user) -> list[int]:
    """The default-locale programs the user moderates: every one for an administrator;
    otherwise those under the page permissions of the user's groups that may moderate
    discussions (a role granted in a translated tree counts for the same program)."""
    if not user.is_authenticated or not user.is_active:
        return []
    default = ProgramPage.objects.filter(locale__language_code=default_language_code())
    if user.is_superuser:
        return list(default.values_list("id", flat=True))
    paths = set(
        GroupPagePermission.objects.filter(
            group__user=user,
            group__permissions__codename="moderate_discussions",
            group__permissions__content_type__app_label="community",
        ).values_list("page__path", flat=True)
    )
    if not paths:
        return []
    under = Q()
    for path in paths:
        under |= Q(path__startswith=path)
    keys = ProgramPage.objects.filter(under).values("translation_key")
    return list(default.filter(translation_key__in=keys).values_list("id", flat=True))


def is_moderator(*, user, program_id: int) -> bool:
    """An administrator, or a member of a Moderators group of the program."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or program_id in moderated_program_ids(user=user)


def course_ids_in(program_ids) -> list[int]:
    """The courses of these (default-locale) programs."""
    paths = ProgramPage.objects.filter(pk__in=list(program_ids)).values_list("path", flat=True)
    under = Q()
    for path in paths:
        under |= Q(path__startswith=path)
    if not under:
        return []
    return list(CoursePage.objects.filter(under).values_list("id", flat=True))


def program_of_course(course_id: int) -> int | None:
    course = Page.objects.filter(pk=course_id).only("path").first()
    return _live_parent_id(course) if course else None


def is_participant(*, user, program_id: int) -> bool:
    """May read and post: enrolled (not dropped), or staff or a moderator of the program."""
    if not user.is_authenticated:
        return False
    return (
        open_enrollment(learner=user, program_id=program_id) is not None
        or is_moderator(user=user, program_id=program_id)
        or is_program_staff(user=user, program_id=program_id)
    )


def module_ids_of(course_id: int) -> list[int]:
    course = CoursePage.objects.filter(pk=course_id).first()
    if course is None:
        return []
    return list(ModulePage.objects.child_of(course).values_list("id", flat=True))


def enrolled_learner_ids(*, program_id: int):
    """A subquery of the learners enrolled in the program (not dropped)."""
    return (
        Enrollment.objects.filter(program_id=program_id)
        .exclude(status=EnrollmentStatus.DROPPED)
        .values("learner_id")
    )


def is_discussion_module(module_id: int) -> bool:
    return ModulePage.objects.filter(pk=module_id, module_type=ModuleType.DISCUSSION).exists()


def record_post(*, author, course_id: int, discussion, comment=None) -> None:
    """A learning event for a new discussion ("commented") or reply ("replied"), on the
    course; the ids of the posts in its context, never their text."""
    record_event(
        actor=author,
        verb=Verb.REPLIED if comment is not None else Verb.COMMENTED,
        object_type=ObjectType.COURSE,
        object_id=course_id,
        context={
            "discussion": str(discussion.pk),
            "comment": str(comment.pk) if comment is not None else None,
            "module": discussion.module_id,
        },
    )


def translated_page(page_id: int, language_code: str):
    """The live page in the reader's language, or the canonical one."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return None
    local = (
        Page.objects.filter(
            translation_key=page.translation_key, locale__language_code=language_code, live=True
        )
        .specific()
        .first()
    )
    return local or page.specific


def complete_discussion_module(*, learner, module_id: int) -> int:
    """Complete every live item of a discussion module for the learner, through the
    journey's own complete_item. Returns how many this call completed. Does nothing for a
    learner whose enrollment records no progress (staff, paused, locked course)."""
    completed = 0
    item_ids = (
        ContentItemPage.objects.filter(live=True)
        .descendant_of(ModulePage.objects.get(pk=module_id))
        .values_list("id", flat=True)
    )
    for item_id in item_ids:
        try:
            _, changed = complete_item(learner=learner, item=resolve_item(page_id=item_id))
        except (NotFound, ProgressError):
            continue
        completed += changed
    return completed
