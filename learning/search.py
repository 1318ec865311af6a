"""Full-text search over the learning content, each locale in its own text-search configuration.

Wagtail's PostgreSQL backend (``wagtail.search.backends.database``, i.e. modelsearch) takes one
``SEARCH_CONFIG`` per backend instance and uses it both to build the stored ``tsvector`` and to
parse the query. It has no per-document or per-query switch, so this module:

- indexes each page with the configuration of the page's own locale (``SearchBackend`` below
  groups the objects by locale and writes each group through a backend configured for it);
- queries through a backend configured for the language being searched, always filtered to
  that locale, so a query is parsed with the same configuration its documents were built with.

Point ``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]`` at ``"learning.search"`` to use it.
"""

from __future__ import annotations

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Q
from modelsearch.backends import get_search_backend
from modelsearch.backends.database.postgres.postgres import PostgresIndex, PostgresSearchBackend

#: PostgreSQL text-search configuration per content language. Japanese has no stemmer in
#: PostgreSQL, so it falls back to ``simple`` (whole-word matching on whitespace/punctuation).
SEARCH_CONFIG_BY_LANGUAGE = {
    "en": "english",
    "fr": "french",
    "ja": "simple",
    "ar": "arabic",
}
FALLBACK_SEARCH_CONFIG = "simple"
AUTOCOMPLETE_LIMIT = 8


def search_config_for(language_code: str) -> str:
    return SEARCH_CONFIG_BY_LANGUAGE.get(language_code.split("-")[0], FALLBACK_SEARCH_CONFIG)


class LocalizedPostgresIndex(PostgresIndex):
    def add_items(self, model, objs):
        from wagtail.models import Locale

        objs = list(objs)
        locale_ids = {getattr(obj, "locale_id", None) for obj in objs}
        if locale_ids == {None}:
            return super().add_items(model, objs)
        languages = dict(
            Locale.objects.filter(pk__in=locale_ids - {None}).values_list("pk", "language_code")
        )
        by_config: dict[str, list] = {}
        for obj in objs:
            config = search_config_for(languages.get(getattr(obj, "locale_id", None), ""))
            by_config.setdefault(config, []).append(obj)
        for config, group in by_config.items():
            backend = type(self.backend)({**self.backend.params, "SEARCH_CONFIG": config})
            PostgresIndex(backend).add_items(model, group)
        return None


class LocalizedPostgresSearchBackend(PostgresSearchBackend):
    index_class = LocalizedPostgresIndex

    def __init__(self, params):
        super().__init__(params)
        self.params = dict(params)


SearchBackend = LocalizedPostgresSearchBackend


def backend_for_language(language_code: str):
    return get_search_backend("default", SEARCH_CONFIG=search_config_for(language_code))


def searchable_pages(*, language_code: str):
    """Live, public learning pages in one language: the only pages a learner may find."""
    from wagtail.models import Locale, Page

    from .catalog import exclude_under_unpublished
    from .models import ContentItemPage, CoursePage, ProgramPage

    locale = Locale.objects.filter(language_code=language_code).first()
    if locale is None:
        return Page.objects.none()
    return exclude_under_unpublished(
        Page.objects.live()
        .public()
        .type(ProgramPage, CoursePage, ContentItemPage)
        .filter(locale=locale)
    )


def search_learning_content(
    *,
    query: str,
    language_code: str,
    difficulty: str = "",
    page_number: int | str = 1,
    per_page: int = 20,
) -> PaginatorPage:
    """Ranked hits over programs, courses and content items in ``language_code``.

    ``difficulty`` keeps programs of that level and the courses and items inside them.
    """
    from .models import ProgramPage

    queryset = searchable_pages(language_code=language_code)
    if difficulty:
        paths = ProgramPage.objects.filter(difficulty=difficulty).values_list("path", flat=True)
        under_programs = Q(pk__in=[])
        for path in paths:
            under_programs |= Q(path__startswith=path)
        queryset = queryset.filter(under_programs)
    queryset = queryset.filter(pk__in=candidate_ids(query=query, language_code=language_code))
    results = backend_for_language(language_code).search(query, queryset, operator="and")
    return Paginator(results, per_page).get_page(page_number)


def candidate_ids(*, query: str, language_code: str):
    """Ids of the pages whose title or body matches every word, found through the GIN indexes.

    The backend ranks ``title || body``, an expression no index covers, so on its own it scans
    and ranks every entry of the locale; narrowing to these ids first lets PostgreSQL use the
    indexes on each column and rank only real matches.
    """
    from django.contrib.postgres.search import SearchQuery
    from django.db.models import IntegerField
    from django.db.models.functions import Cast
    from modelsearch.conf import get_app_config

    index_entry = get_app_config().get_model("IndexEntry")
    words = SearchQuery(query, config=search_config_for(language_code), search_type="plain")
    return (
        index_entry.objects.filter(Q(title=words) | Q(body=words))
        .annotate(page_id=Cast("object_id", IntegerField()))
        .values("page_id")
    )


def autocomplete_titles(*, prefix: str, language_code: str, limit: int = AUTOCOMPLETE_LIMIT):
    """Titles of live, public learning pages starting with what the learner has typed."""
    prefix = prefix.strip()
    if len(prefix) < 2:
        return []
    queryset = searchable_pages(language_code=language_code)
    results = backend_for_language(language_code).autocomplete(prefix, queryset)[:limit]
    return [{"title": page.title, "url": page.url} for page in results]


def specific_pages_in_order(pages) -> list:
    """The specific page of each hit, in the hits' order, in one query per page type."""
    from wagtail.models import Page

    pages = list(pages)
    specific = Page.objects.filter(pk__in=[page.pk for page in pages]).specific().in_bulk()
    return [specific[page.pk] for page in pages if page.pk in specific]
