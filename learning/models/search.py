"""The words the search index holds per language: what typo tolerance corrects a query towards."""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models


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
