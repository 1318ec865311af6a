"""The words the search index holds per language, and typo correction towards them: a query
that finds nothing is retried with each unknown word replaced by the nearest indexed word."""

import re

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import connection, models
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length
from modelsearch.conf import get_app_config
from modelsearch.utils import get_content_type_pk

from .localization import languages_shown_in

#: Words shorter than this are never corrected (too many neighbours one letter away).
MIN_CORRECTED_LENGTH = 3
MAX_WORD_LENGTH = 40
#: How many words sharing the most three-letter pieces are compared letter by letter.
CORRECTION_CANDIDATES = 50
WORD_PATTERN = re.compile(r"[^\W\d_]+")


class SearchWord(models.Model):
    """A word that occurs in the indexed titles or text of some page in one language.

    ``trigrams`` are the word's three-letter pieces (padded as pg_trgm pads them), kept in a GIN
    index so the words near a misspelling are found by overlap without the pg_trgm extension,
    which the embedded PostgreSQL lacks.
    """

    pk = models.CompositePrimaryKey("language_code", "word")
    language_code = models.CharField(max_length=15)
    word = models.CharField(max_length=40)
    trigrams = ArrayField(models.CharField(max_length=3))

    class Meta:
        indexes = [GinIndex(fields=["trigrams"], name="learning_searchword_trigrams")]

    def __str__(self) -> str:
        return f"{self.language_code}: {self.word}"


def record_words(*, language_code: str, model, objs) -> None:
    """Add the words of these objects' index entries to ``language_code``'s vocabulary.

    Words of pages since deleted or changed stay: a correction is only offered when the
    corrected query finds a page the learner may see, so a stale word is never shown.
    """

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
