"""What each learner page shows, merged into the page's ``get_context``: registered with the page
layer (learning.content.pages.register_page_context) when the app is ready.

The heavy parts (outlines, navigation) are objects whose properties run their queries only when
the template first reads them, so a cached template fragment costs no query at all.
"""

from __future__ import annotations

import uuid
from functools import cached_property

from django.conf import settings
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from wagtail.models import Locale, Page

from learning.content.caching import content_version
from learning.content.catalog import (
    DURATION_RANGES,
    CatalogFilters,
    OutlineNode,
    build_outline,
    item_navigation,
    search_catalog,
)
from learning.content.localization import learner_url, untranslated_language_name
from learning.content.pages import Difficulty, register_page_context
from learning.content.shared import SHARED_SECONDS, locale_for, locale_languages, public, shared
from learning.journey.page_marks import page_learner_context, page_lock
from learning.models import (
    ContentItemPage,
    CoursePage,
    ModulePage,
    ProgramIndexPage,
    ProgramPage,
)


def _active_locale() -> Locale | None:
    return locale_for(translation.get_language())


def localize_outline(nodes: list[OutlineNode], *, locale: Locale | None) -> None:
    """Swap each line's page for its translation in ``locale`` where there is a live one."""
    flat: list[OutlineNode] = []
    stack = list(nodes)
    while stack:
        node = stack.pop()
        flat.append(node)
        stack.extend(node.children)
    if locale is None or not flat or all(n.page.locale_id == locale.pk for n in flat):
        return
    keys = {node.page.translation_key for node in flat}
    translations = {}
    for model in {type(node.page) for node in flat}:
        for page in public(model.objects.live()).filter(locale=locale, translation_key__in=keys):
            translations[page.translation_key] = page
    for node in flat:
        node.page = translations.get(node.page.translation_key, node.page)


class Syllabus:
    """A program's courses and their modules, with what each course asks and takes."""

    def __init__(self, program: Page):
        self.program = program

    @cached_property
    def courses(self) -> list[OutlineNode]:
        canonical = self.program.default_locale_page()
        nodes = build_outline(parent=canonical, levels=[CoursePage, ModulePage])
        required_ids, elective_ids = self._requirement_ids
        for node in nodes:
            node.is_required = node.page.pk in required_ids
            node.is_elective = node.page.pk in elective_ids
        prerequisites = CoursePage.prerequisites.through.objects.filter(
            from_coursepage__in=[node.page.pk for node in nodes]
        ).values_list("from_coursepage_id", "to_coursepage_id")
        titles = {node.page.pk: node.page for node in nodes}
        for node in nodes:
            node.prerequisites = []
        by_pk = {node.page.pk: node for node in nodes}
        for course_id, prerequisite_id in prerequisites:
            if prerequisite_id in titles:
                by_pk[course_id].prerequisites.append(titles[prerequisite_id])
        localize_outline(nodes, locale=_active_locale())
        return nodes

    @cached_property
    def _requirement_ids(self) -> tuple[set[int], set[int]]:
        required: set[int] = set()
        elective: set[int] = set()
        for group in self.requirement_groups:
            if group.min_required >= len(group.course_ids):
                required.update(group.course_ids)
            else:
                elective.update(group.course_ids)
        return required, elective

    @cached_property
    def requirement_groups(self) -> list:
        groups = getattr(self.program, "requirement_groups", None)
        return groups() if callable(groups) else []

    @cached_property
    def total_hours(self) -> int:
        return sum(getattr(node.page, "estimated_hours", 0) or 0 for node in self.courses)

    @cached_property
    def hours_per_week(self) -> int:
        weeks = self.program.estimated_duration_weeks or 1
        return max(1, round(self.total_hours / weeks)) if self.total_hours else 0

    @cached_property
    def module_count(self) -> int:
        return sum(len(node.children) for node in self.courses)

    @cached_property
    def makers(self) -> list[str]:
        """Who made the program: its owner, then everyone who saved a revision of it."""
        names: list[str] = []
        if self.program.owner_id:
            names.append(str(self.program.owner))
        editors = (
            self.program.revisions.exclude(user=None)
            .exclude(user_id=self.program.owner_id)
            .select_related("user")
            .order_by("created_at")
        )
        for revision in editors:
            name = str(revision.user)
            if name not in names:
                names.append(name)
        return names


class CourseOutline:
    def __init__(self, course: Page):
        self.course = course

    @cached_property
    def modules(self) -> list[OutlineNode]:
        nodes = build_outline(parent=self.course, levels=[ModulePage, ContentItemPage])
        localize_outline(nodes, locale=_active_locale())
        return nodes

    @cached_property
    def prerequisites(self) -> list[Page]:
        return list(self.course.prerequisites.filter(live=True).order_by("path"))

    @cached_property
    def total_minutes(self) -> int:
        return sum(node.minutes for node in self.modules)


class ModuleOutline:
    def __init__(self, module: Page):
        self.module = module

    @cached_property
    def items(self) -> list[OutlineNode]:
        nodes = build_outline(parent=self.module, levels=[ContentItemPage])
        localize_outline(nodes, locale=_active_locale())
        return nodes


def breadcrumbs(page: Page, request) -> list[dict]:
    """The page's live ancestors below the home page, linked in the learner's language
    (kept per content version, language and host)."""

    def build() -> list[dict]:
        ancestors = page.get_ancestors().filter(depth__gt=2).live().order_by("depth")
        return [{"title": a.title, "url": learner_url(a, request), "page": a} for a in ancestors]

    host = request.get_host() if request is not None else ""
    return shared("breadcrumbs", (page.pk, translation.get_language(), host), build)


def base_context(page: Page, request) -> dict:
    language = locale_languages().get(page.locale_id) or page.locale.language_code
    # An editor's preview of a draft has the live page's id, live revision and content version,
    # so the live page's kept fragments would answer for it: a preview keys its fragments by a
    # token of its own and keeps none (the templates' {% cache fragment_seconds ... %}).
    preview = getattr(request, "is_preview", False)
    return {
        # The page's own language and direction: English shown in the Arabic interface still
        # reads LTR (the language from the kept locales: no query for page.locale).
        "content_language": language,
        "content_direction": "rtl" if translation.get_language_info(language)["bidi"] else "ltr",
        "content_version": f"preview-{uuid.uuid4().hex}" if preview else content_version(),
        "fragment_seconds": 0 if preview else SHARED_SECONDS,
        "untranslated_language": untranslated_language_name(page),
        "breadcrumbs": breadcrumbs(page, request),
    }


def lock_context(lock, request) -> dict:
    """The courses to finish first, in the learner's language, linked."""
    pages = {
        p.pk: p for p in Page.objects.filter(pk__in=lock.prerequisite_ids).select_related("locale")
    }
    locale = _active_locale()
    courses = []
    for course_id in lock.prerequisite_ids:
        course = pages.get(course_id)
        if course is None:
            continue
        shown = (course.get_translation_or_none(locale) if locale else None) or course
        if not shown.live:
            shown = course
        courses.append(
            {
                "title": shown.title,
                "url": learner_url(shown, request),
                "language": shown.locale.language_code,
            }
        )
    return {"courses": courses}


def _lock_for(page: Page, request) -> dict | None:
    lock = page_lock(request, page)
    return lock_context(lock, request) if lock else None


def program_index_context(page: Page, request) -> dict:
    filters = CatalogFilters.from_querydict(
        request.GET, default_language=translation.get_language() or page.locale.language_code
    )
    page_number = request.GET.get("page", 1)
    return {
        **base_context(page, request),
        "filters": filters,
        "page_number": page_number,
        # Worked out only when the results are not in the fragments cache (the template caches
        # them per content version, language, filters and page: they are the same for everyone).
        "listing": SimpleLazyObject(
            lambda: search_catalog(filters=filters, page_number=page_number)
        ),
        "difficulties": Difficulty.choices,
        "durations": DURATION_RANGES,
        "content_languages": settings.LANGUAGES,
    }


def program_context(page: Page, request) -> dict:
    return {**base_context(page, request), "syllabus": Syllabus(page)}


def course_context(page: Page, request) -> dict:
    return {
        **base_context(page, request),
        "outline": CourseOutline(page),
        "course_lock": _lock_for(page, request),
    }


def module_context(page: Page, request) -> dict:
    return {
        **base_context(page, request),
        "outline": ModuleOutline(page),
        "course_lock": _lock_for(page, request),
    }


def item_context(page: Page, request) -> dict:
    def build() -> tuple:
        module = ModulePage.objects.filter(path=page.path[: -Page.steplen]).first()
        minutes = module.estimated_minutes if module else None
        return module, item_navigation(item=page, module_minutes=minutes)

    module, navigation = shared("item-navigation", (page.pk,), build)
    return {**base_context(page, request), "module": module, "navigation": navigation}


# The context of each page type on the learner site.
CONTEXT_BY_PAGE_TYPE = {
    ProgramIndexPage: program_index_context,
    ProgramPage: program_context,
    CoursePage: course_context,
    ModulePage: module_context,
    ContentItemPage: item_context,
}


def learner_page_context(page: Page, request) -> dict:
    """The page type's context, and the learner's journey (enrollment, marks) where shown."""
    context = CONTEXT_BY_PAGE_TYPE[type(page)](page, request)
    if page.shows_journey:
        context.update(page_learner_context(request, page))
    return context


def register_page_contexts() -> None:
    """Called from LearningConfig.ready()."""
    register_page_context(learner_page_context)
