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
- keeps the words of each language's indexed pages (``SearchWord``), so a query that finds
  nothing is retried with each unknown word replaced by the nearest indexed word.

Point ``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]`` at ``"learning.search"`` to use it.
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from functools import reduce

from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length
from django.utils.translation import gettext_lazy as _
from modelsearch.backends import get_search_backend
from modelsearch.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.conf import get_app_config
from modelsearch.utils import get_content_type_pk

from .caching import bump_content_version

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

#: Words shorter than this are never corrected (too many neighbours one letter away).
MIN_CORRECTED_LENGTH = 3
MAX_WORD_LENGTH = 40
#: How many words sharing the most three-letter pieces are compared letter by letter.
CORRECTION_CANDIDATES = 50
WORD_PATTERN = re.compile(r"[^\W\d_]+")


def search_config_for(language_code: str) -> str:
    return SEARCH_CONFIG_BY_LANGUAGE.get(language_code.split("-")[0], FALLBACK_SEARCH_CONFIG)


def languages_shown_in(language_code: str) -> list[str]:
    """The languages whose pages a learner reading ``language_code`` sees: theirs, then the
    default language's for pages not translated yet."""
    return list(dict.fromkeys([language_code, settings.LANGUAGE_CODE]))


def query_configs_for(language_code: str) -> tuple[str, ...]:
    configs = [search_config_for(code) for code in languages_shown_in(language_code)]
    return tuple(dict.fromkeys(configs))


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


def record_words(*, language_code: str, model, objs) -> None:
    """Add the words of these objects' index entries to ``language_code``'s vocabulary.

    Words of pages since deleted or changed stay: a correction is only offered when the
    corrected query finds a page the learner may see, so a stale word is never shown.
    """
    from .models import SearchWord

    entries = get_app_config().get_model("IndexEntry")._meta.db_table
    words = SearchWord._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {words} (language_code, word, trigrams)
            SELECT %s, found.word,
                   ARRAY(SELECT DISTINCT substr('  ' || found.word || ' ', i, 3)
                         FROM generate_series(1, char_length(found.word) + 1) AS i)
            FROM (
                SELECT DISTINCT lexeme AS word
                FROM {entries} AS entry,
                     unnest(tsvector_to_array(to_tsvector('simple',
                         coalesce(entry.title_text, '') || ' ' || coalesce(entry.body_text, ''))))
                         AS lexeme
                WHERE entry.content_type_id = %s AND entry.object_id = ANY(%s)
            ) AS found
            WHERE char_length(found.word) BETWEEN %s AND %s AND found.word !~ '[0-9_-]'
            ON CONFLICT DO NOTHING
            """,  # noqa: S608 (table names come from the models, values are parameters)
            [
                language_code,
                get_content_type_pk(model),
                [str(obj.pk) for obj in objs],
                MIN_CORRECTED_LENGTH,
                MAX_WORD_LENGTH,
            ],
        )


def trigrams(word: str) -> list[str]:
    """The word's three-letter pieces, padded as pg_trgm pads them: two spaces before, one after."""
    padded = f"  {word} "
    return sorted({padded[i : i + 3] for i in range(len(word) + 1)})


def edit_distance(a: str, b: str) -> int:
    """Letters inserted, deleted, replaced or swapped with a neighbour to turn ``a`` into ``b``."""
    previous_previous: list[int] = []
    previous = list(range(len(b) + 1))
    for i, letter_a in enumerate(a, start=1):
        current = [i]
        for j, letter_b in enumerate(b, start=1):
            cost = 0 if letter_a == letter_b else 1
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and letter_a == b[j - 2] and a[i - 2] == letter_b:
                best = min(best, previous_previous[j - 2] + 1)
            current.append(best)
        previous_previous, previous = previous, current
    return previous[-1]


def allowed_typos(word: str) -> int:
    return 1 if len(word) <= 4 else 2


def nearest_word(*, word: str, language_codes: list[str]) -> str | None:
    """The indexed word closest to ``word``, within one or two typos, or None."""
    from .models import SearchWord

    grams = trigrams(word)
    typos = allowed_typos(word)
    shared = RawSQL(
        "cardinality(ARRAY(SELECT unnest(trigrams) INTERSECT SELECT unnest(%s::varchar[])))",
        (grams,),
    )
    candidates = (
        SearchWord.objects.filter(language_code__in=language_codes, trigrams__overlap=grams)
        .annotate(length=Length("word"), shared=shared)
        .filter(length__range=(len(word) - typos, len(word) + typos))
        .order_by("-shared", "word")
        .values_list("word", "shared")[:CORRECTION_CANDIDATES]
    )
    scored = [
        (edit_distance(word, candidate), -shared, candidate)
        for candidate, shared in candidates
        if candidate != word
    ]
    scored = [score for score in scored if score[0] <= typos]
    return min(scored)[2] if scored else None


def corrected_query(*, query: str, language_code: str) -> str:
    """``query`` with each word the index lacks replaced by the nearest one it holds; "" if none."""
    from .models import SearchWord

    language_codes = languages_shown_in(language_code)
    words = WORD_PATTERN.findall(query.lower())
    if not words:
        return ""
    known = set(
        SearchWord.objects.filter(language_code__in=language_codes, word__in=words).values_list(
            "word", flat=True
        )
    )
    corrected = []
    for word in words:
        nearest = None
        if word not in known and MIN_CORRECTED_LENGTH <= len(word) <= MAX_WORD_LENGTH:
            nearest = nearest_word(word=word, language_codes=language_codes)
        corrected.append(nearest or word)
    return " ".join(corrected) if corrected != words else ""


def searchable_pages(*, language_code: str):
    """Live, public learning pages shown in one language: the only pages a learner may find."""
    from wagtail.models import Page

    from .catalog import exclude_under_unpublished
    from .localization import shown_in_language
    from .models import ContentItemPage, CoursePage, ProgramPage
    from .serving import public

    return exclude_under_unpublished(
        shown_in_language(
            public(Page.objects.live()).type(ProgramPage, CoursePage, ContentItemPage),
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
    from .models import ProgramPage

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
    from django.contrib.postgres.search import SearchQuery
    from django.db.models import IntegerField
    from django.db.models.functions import Cast

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
    from .localization import learner_url

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
    from .models import ContentItemPage, CoursePage, ProgramPage

    labels = {ProgramPage: _("Program"), CoursePage: _("Course"), ContentItemPage: _("Lesson")}
    return str(labels.get(type(page), page.get_verbose_name()))


def search_hits(pages, *, language_code: str) -> list[SearchHit]:
    """Each hit's specific page, label and fallback notice, in the hits' order, one query per
    page type."""
    from wagtail.models import Page

    from .serving import locale_languages

    pages = list(pages)
    specific = Page.objects.filter(pk__in=[page.pk for page in pages]).specific().in_bulk()
    languages = locale_languages()
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
