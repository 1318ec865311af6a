"""Selectors for what learners see of the content: the catalog, outlines and item navigation.

Each selector runs a fixed number of queries whatever the number of children, so a page's
query count does not grow with its content.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from .localization import exclude_under_unpublished, shown_in_language
from .pages import ContentItemPage, Difficulty, ProgramPage
from .search import backend_for_language
from .search_words import corrected_query

CATALOG_PAGE_SIZE = 12


@dataclass(frozen=True)
class DurationRange:
    key: str
    label: Any
    min_weeks: int
    max_weeks: int | None

    def as_q(self) -> Q:
        q = Q(estimated_duration_weeks__gte=self.min_weeks)
        if self.max_weeks is not None:
            q &= Q(estimated_duration_weeks__lte=self.max_weeks)
        return q


DURATION_RANGES = [
    DurationRange("short", _("Up to 4 weeks"), 0, 4),
    DurationRange("medium", _("5 to 12 weeks"), 5, 12),
    DurationRange("long", _("More than 12 weeks"), 13, None),
]
DURATION_BY_KEY = {duration.key: duration for duration in DURATION_RANGES}


@dataclass(frozen=True)
class CatalogFilters:
    """What the learner asked the catalog for, read from (and written back to) the URL."""

    query: str = ""
    difficulty: str = ""
    duration: str = ""
    language: str = ""

    @classmethod
    def from_querydict(cls, params: QueryDict, *, default_language: str) -> CatalogFilters:
        difficulty = params.get("difficulty", "")
        duration = params.get("duration", "")
        language = params.get("language", "") or default_language
        return cls(
            query=params.get("q", "").strip()[:200],
            difficulty=difficulty if difficulty in Difficulty.values else "",
            duration=duration if duration in DURATION_BY_KEY else "",
            language=language if language in dict(settings.LANGUAGES) else default_language,
        )

    @property
    def is_narrowed(self) -> bool:
        return bool(self.query or self.difficulty or self.duration)

    @property
    def cleared_querystring(self) -> str:
        return self.querystring(q="", difficulty="", duration="")

    def querystring(self, **overrides: str) -> str:
        """The URL query for these filters with some replaced, empty values left out."""
        values = {
            "q": self.query,
            "difficulty": self.difficulty,
            "duration": self.duration,
            "language": self.language,
            **overrides,
        }
        params = QueryDict(mutable=True)
        for key, value in values.items():
            if value:
                params[key] = value
        return params.urlencode()


@dataclass
class CatalogResult:
    page: PaginatorPage
    filters: CatalogFilters
    total: int = 0
    suggestions: list = field(default_factory=list)
    #: Set when nothing matched the learner's words and this spelling of them did.
    corrected_query: str = ""


def catalog_programs(*, language_code: str) -> QuerySet:
    """Live, public programs shown in one language, untranslated ones in the default language,
    with what a card needs joined in."""

    return (
        shown_in_language(ProgramPage.objects.live().public(), language_code=language_code)
        .select_related("thumbnail", "locale")
        .prefetch_related("thumbnail__renditions")
        .order_by("title", "pk")
    )


def search_catalog(
    *, filters: CatalogFilters, page_number: int | str = 1, page_size: int = CATALOG_PAGE_SIZE
) -> CatalogResult:
    """The catalog page the learner asked for: filtered, searched, counted and paginated.

    A query that finds nothing is tried again with its misspelt words corrected.
    """

    programs = catalog_programs(language_code=filters.language)
    if filters.difficulty:
        programs = programs.filter(difficulty=filters.difficulty)
    if filters.duration:
        programs = programs.filter(DURATION_BY_KEY[filters.duration].as_q())

    def paginated(query: str) -> PaginatorPage:
        matching = programs
        if query:
            # Ranked by relevance, then paginated; parsed in the language's own configuration.
            matching = backend_for_language(filters.language).search(query, programs, operator="or")
        return Paginator(matching, page_size).get_page(page_number)

    page, correction = paginated(filters.query), ""
    if filters.query and page.paginator.count == 0:
        spelling = corrected_query(query=filters.query, language_code=filters.language)
        if spelling and (corrected := paginated(spelling)).paginator.count:
            page, correction = corrected, spelling
    result = CatalogResult(
        page=page, filters=filters, total=page.paginator.count, corrected_query=correction
    )
    if result.total == 0:
        result.suggestions = list(catalog_programs(language_code=filters.language)[:3])
    return result


@dataclass
class OutlineNode:
    """One line of an outline: a page (course, module or item) and the lines under it."""

    page: Page
    children: list[OutlineNode] = field(default_factory=list)

    @property
    def minutes(self) -> int:
        own = getattr(self.page, "estimated_minutes", None)
        if own is not None:
            return own
        if getattr(self.page, "estimated_hours", None) is not None:
            return self.page.estimated_hours * 60
        seconds = getattr(self.page, "duration_seconds", None)
        if seconds:
            return max(1, round(seconds / 60))
        return sum(child.minutes for child in self.children)


def build_outline(*, parent: Page, levels: list[type[Page]]) -> list[OutlineNode]:
    """The live, public subtree under ``parent``, ``len(levels)`` levels deep, one query a level.

    ``levels`` names the page class expected at each depth (e.g. CoursePage, ModulePage).
    """
    nodes_by_path: dict[str, OutlineNode] = {}
    roots: list[OutlineNode] = []
    for offset, model in enumerate(levels, start=1):
        pages = (
            model.objects.live()
            .public()
            .descendant_of(parent)
            .filter(depth=parent.depth + offset)
            .order_by("path")
        )
        for page in pages:
            node = OutlineNode(page=page)
            nodes_by_path[page.path] = node
            if offset == 1:
                roots.append(node)
            else:
                owner = nodes_by_path.get(page.path[: -Page.steplen])
                if owner is not None:
                    owner.children.append(node)
    return roots


@dataclass
class ItemNavigation:
    previous: Page | None
    next: Page | None
    position: int
    count_in_module: int
    minutes_left_in_module: int


def item_navigation(*, item: Page, module_minutes: int | None = None) -> ItemNavigation:
    """Previous and next item across module boundaries within the item's course (two queries).

    Time left counts this item and the ones after it in the module; an item without a media
    duration counts as its share of the module's estimated minutes.
    """

    course_path = item.path[: -2 * Page.steplen]
    module_path = item.path[: -Page.steplen]
    items = list(
        exclude_under_unpublished(
            ContentItemPage.objects.live()
            .public()
            .filter(path__startswith=course_path, depth=item.depth)
        )
        .only("title", "url_path", "path", "depth", "duration_seconds", "locale_id")
        .order_by("path")
    )
    index = next((i for i, other in enumerate(items) if other.pk == item.pk), None)
    in_module = [other for other in items if other.path.startswith(module_path)]
    position = next((i for i, other in enumerate(in_module) if other.pk == item.pk), 0)
    share = (module_minutes or 0) * 60 / max(1, len(in_module))
    remaining_seconds = sum((other.duration_seconds or share) for other in in_module[position:])
    if index is None:
        return ItemNavigation(None, None, 0, len(in_module), round(remaining_seconds / 60))
    return ItemNavigation(
        previous=items[index - 1] if index > 0 else None,
        next=items[index + 1] if index + 1 < len(items) else None,
        position=position + 1,
        count_in_module=len(in_module),
        minutes_left_in_module=round(remaining_seconds / 60),
    )
