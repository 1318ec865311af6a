"""Full-text search over the learning content, each locale in its own text-search configuration.

Wagtail's PostgreSQL backend (``wagtail.search.backends.database``, i.e. modelsearch) takes one
``SEARCH_CONFIG`` per backend instance and uses it both to build the stored ``tsvector`` and to
parse the query. It has no per-document or per-query switch, so this module:

- indexes each page with the configuration of the page's own locale (``SearchBackend`` below
  groups the objects by locale and writes each group through a backend configured for it);
- parses a query in every configuration whose documents it may meet (``QUERY_CONFIGS``): the
  default backend, which the Wagtail admin and the content API use, in all of them; a learner's
  search in their language's and in the default language's, since untranslated pages are shown
  to them in the default language;
- keeps the words of each language's indexed pages (``SearchWord``, learning.content.search_words),
  so a query that finds nothing is retried with each unknown word replaced by the nearest
  indexed word.

Point ``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]`` at ``"learning.content.search"`` to use it.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from functools import reduce

from django.conf import settings
from django.contrib.postgres.search import SearchQuery
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import IntegerField, Q
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from modelsearch.backends import get_search_backend
from modelsearch.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.conf import get_app_config
from wagtail.models import Locale, Page

from .caching import bump_content_version
from .localization import (
    exclude_under_unpublished,
    languages_shown_in,
    learner_url,
    shown_in_language,
)
from .pages import ContentItemPage, CoursePage, ProgramPage
from .search_words import corrected_query, record_words

#: PostgreSQL text-search configuration per content language. Japanese has no stemmer in
#: PostgreSQL, so it falls back to ``simple`` (whole-word matching on whitespace/punctuation).
SEARCH_CONFIG_BY_LANGUAGE = {
    "en": "english",
    "fr": "french",
    "ja": "simple",
    "ar": "arabic",
}
FALLBACK_SEARCH_CONFIG = "simple"
ALL_SEARCH_CONFIGS = tuple(dict.fromkeys([*SEARCH_CONFIG_BY_LANGUAGE.values(), "simple"]))
AUTOCOMPLETE_LIMIT = 8


def search_config_for(language_code: str) -> str:
    return SEARCH_CONFIG_BY_LANGUAGE.get(language_code.split("-")[0], FALLBACK_SEARCH_CONFIG)


def query_configs_for(language_code: str) -> tuple[str, ...]:
    configs = [search_config_for(code) for code in languages_shown_in(language_code)]
    return tuple(dict.fromkeys(configs))


class LocalizedPostgresIndex(PostgresIndex):
    def add_items(self, model, objs):
        objs = list(objs)
        locale_ids = {getattr(obj, "locale_id", None) for obj in objs}
        if locale_ids == {None}:
            return super().add_items(model, objs)
        languages = dict(
            Locale.objects.filter(pk__in=locale_ids - {None}).values_list("pk", "language_code")
        )
        by_language: dict[str, list] = {}
        for obj in objs:
            language_code = languages.get(getattr(obj, "locale_id", None), "")
            by_language.setdefault(language_code, []).append(obj)
        for language_code, group in by_language.items():
            config = search_config_for(language_code)
            backend = type(self.backend)({**self.backend.params, "SEARCH_CONFIG": config})
            PostgresIndex(backend).add_items(model, group)
            if language_code:
                record_words(language_code=language_code, model=model, objs=group)
        if any(getattr(obj, "live", False) for obj in objs):
            # Search results served from the cache were worked out on the old index.
            transaction.on_commit(bump_content_version)
        return None


class LocalizedQueryConfigs:
    """Parse each query in every configuration of the backend's ``query_configs``, OR-ed."""

    def get_config(self, backend):
        return backend.query_configs

    def build_tsquery(self, query, config=None):
        configs = config if isinstance(config, tuple) else (config,)
        parsed = [self.build_tsquery_content(query, config=each) for each in configs]
        parsed = [each for each in parsed if each is not None]
        return reduce(operator.or_, parsed) if parsed else None


class LocalizedSearchQueryCompiler(LocalizedQueryConfigs, PostgresSearchQueryCompiler):
    pass


class LocalizedPostgresSearchBackend(PostgresSearchBackend):
    index_class = LocalizedPostgresIndex
    query_compiler_class = LocalizedSearchQueryCompiler

    def __init__(self, params):
        super().__init__(params)
        self.params = dict(params)
        self.query_configs = tuple(params.get("QUERY_CONFIGS") or ALL_SEARCH_CONFIGS)


SearchBackend = LocalizedPostgresSearchBackend


def backend_for_language(language_code: str):
    return get_search_backend(
        "default",
        SEARCH_CONFIG=search_config_for(language_code),
        QUERY_CONFIGS=query_configs_for(language_code),
    )


def searchable_pages(*, language_code: str):
    """Live, public learning pages shown in one language: the only pages a learner may find."""
    return exclude_under_unpublished(
        shown_in_language(
            Page.objects.live().public().type(ProgramPage, CoursePage, ContentItemPage),
            language_code=language_code,
        )
    )


@dataclass
class LearningSearch:
    page: PaginatorPage
    #: Set when nothing matched the learner's words and this spelling of them did.
    corrected_query: str = ""


def search_learning_content(
    *,
    query: str,
    language_code: str,
    difficulty: str = "",
    page_number: int | str = 1,
    per_page: int = 20,
) -> LearningSearch:
    """Ranked hits over programs, courses and content items shown in ``language_code``.

    ``difficulty`` keeps programs of that level and the courses and items inside them. When no
    page matches, the query is tried again with its misspelt words corrected.
    """

    queryset = searchable_pages(language_code=language_code)
    if difficulty:
        paths = ProgramPage.objects.filter(difficulty=difficulty).values_list("path", flat=True)
        under_programs = Q(pk__in=[])
        for path in paths:
            under_programs |= Q(path__startswith=path)
        queryset = queryset.filter(under_programs)

    def ranked(words: str) -> PaginatorPage:
        matching = queryset.filter(pk__in=candidate_ids(query=words, language_code=language_code))
        results = backend_for_language(language_code).search(words, matching, operator="and")
        return Paginator(results, per_page).get_page(page_number)

    found = ranked(query)
    if found.paginator.count == 0:
        correction = corrected_query(query=query, language_code=language_code)
        if correction:
            corrected = ranked(correction)
            if corrected.paginator.count:
                return LearningSearch(page=corrected, corrected_query=correction)
    return LearningSearch(page=found)


def candidate_ids(*, query: str, language_code: str):
    """Ids of the pages whose title or body matches every word, found through the GIN indexes.

    The backend ranks ``title || body``, an expression no index covers, so on its own it scans
    and ranks every entry of the locale; narrowing to these ids first lets PostgreSQL use the
    indexes on each column and rank only real matches.
    """
    index_entry = get_app_config().get_model("IndexEntry")
    words = reduce(
        operator.or_,
        (
            SearchQuery(query, config=config, search_type="plain")
            for config in query_configs_for(language_code)
        ),
    )
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
    return [{"title": page.title, "url": learner_url(page)} for page in results]


@dataclass
class SearchHit:
    page: object
    label: str
    content_language: str
    #: The learner's language when the page is shown untranslated, in the default language.
    untranslated_language: str | None


def result_label(page) -> str:
    """What a hit is, in the learner's words: "Program", "Course", "Lesson"."""

    labels = {ProgramPage: _("Program"), CoursePage: _("Course"), ContentItemPage: _("Lesson")}
    return str(labels.get(type(page), page.get_verbose_name()))


def search_hits(pages, *, language_code: str) -> list[SearchHit]:
    """Each hit's specific page, label and fallback notice, in the hits' order, one query per
    page type."""
    pages = list(pages)
    specific = Page.objects.filter(pk__in=[page.pk for page in pages]).specific().in_bulk()
    languages = dict(Locale.objects.values_list("pk", "language_code"))
    language_name = str(dict(settings.LANGUAGES).get(language_code, language_code))
    hits = []
    for page in pages:
        if page.pk not in specific:
            continue
        content_language = languages.get(specific[page.pk].locale_id, language_code)
        hits.append(
            SearchHit(
                page=specific[page.pk],
                label=result_label(specific[page.pk]),
                content_language=content_language,
                untranslated_language=None if content_language == language_code else language_name,
            )
        )
    return hits
