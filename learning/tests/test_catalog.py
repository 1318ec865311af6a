"""The catalog's filters: read from the URL, checked, and written back to it."""

import pytest
from django.http import QueryDict

from learning.content.catalog import CatalogFilters, search_catalog
from learning.tests.factories import ProgramPageFactory


def filters_from(query: str) -> CatalogFilters:
    return CatalogFilters.from_querydict(QueryDict(query), default_language="en")


def test_unknown_values_fall_back_to_no_filter():
    filters = filters_from("difficulty=impossible&duration=forever&language=xx")

    assert filters.difficulty == ""
    assert filters.duration == ""
    assert filters.language == "en"
    assert not filters.is_narrowed


def test_querystring_keeps_filters_and_drops_empty_values():
    filters = filters_from("q=ink&difficulty=advanced&duration=&language=fr")

    assert filters.querystring() == "q=ink&difficulty=advanced&language=fr"
    assert filters.cleared_querystring == "language=fr"
    assert filters.querystring(difficulty="beginner") == "q=ink&difficulty=beginner&language=fr"


def test_long_queries_are_cut():
    assert len(filters_from("q=" + "a" * 1000).query) == 200


@pytest.mark.django_db
def test_duration_ranges_include_their_bounds():
    ProgramPageFactory(title="Four weeks", estimated_duration_weeks=4)
    ProgramPageFactory(title="Five weeks", estimated_duration_weeks=5)
    ProgramPageFactory(title="Twelve weeks", estimated_duration_weeks=12)
    ProgramPageFactory(title="Thirteen weeks", estimated_duration_weeks=13)

    def titles(duration: str) -> list[str]:
        result = search_catalog(filters=filters_from(f"duration={duration}"))
        return sorted(program.title for program in result.page.object_list)

    assert titles("short") == ["Four weeks"]
    assert titles("medium") == ["Five weeks", "Twelve weeks"]
    assert titles("long") == ["Thirteen weeks"]


@pytest.mark.django_db
def test_an_invalid_page_number_shows_the_first_page():
    ProgramPageFactory()

    result = search_catalog(filters=filters_from(""), page_number="abc")

    assert result.page.number == 1
    assert result.total == 1
