"""Search: ranked full text in each language's own configuration, live public pages only."""

import pytest
from django.urls import reverse
from wagtail.models import Locale, PageViewRestriction

from learning.content.search import autocomplete_titles, search_config_for, search_learning_content
from learning.models import ContentItemPage
from learning.tests.factories import (
    ContentItemPageFactory,
    CoursePageFactory,
    ModulePageFactory,
    ProgramPageFactory,
    catalog,
    paragraph,
)

pytestmark = pytest.mark.django_db


def titles(results) -> list[str]:
    return [page.title for page in results.page.object_list]


def test_finds_programs_courses_and_item_text():
    program = ProgramPageFactory(title="Silk Road", summary="Caravans across Asia.")
    course = CoursePageFactory(parent=program, title="Oases", summary="Caravans resting.")
    module = ModulePageFactory(parent=course)
    ContentItemPageFactory(
        parent=module, title="Dunhuang", body=[paragraph("The caves hold painted caravans.")]
    )

    found = titles(search_learning_content(query="caravans", language_code="en"))

    assert set(found) == {"Silk Road", "Oases", "Dunhuang"}


def test_english_stemming_matches_word_forms():
    ProgramPageFactory(title="Weaving", summary="Looms and the women who wove textiles.")

    assert titles(search_learning_content(query="textile", language_code="en")) == ["Weaving"]


def test_title_matches_rank_above_body_matches():
    ProgramPageFactory(title="Gardens", summary="Raked gravel and moss.")
    ProgramPageFactory(title="Tea", summary="Gardens are where tea houses stand.")

    assert titles(search_learning_content(query="gardens", language_code="en"))[0] == "Gardens"


def test_difficulty_filter_keeps_pages_inside_programs_of_that_level():
    easy = ProgramPageFactory(title="Masks for beginners", difficulty="beginner")
    hard = ProgramPageFactory(title="Masks for experts", difficulty="advanced")
    CoursePageFactory(parent=hard, title="Carving masks")
    CoursePageFactory(parent=easy, title="Painting masks")

    found = titles(
        search_learning_content(query="masks", language_code="en", difficulty="advanced")
    )

    assert set(found) == {"Masks for experts", "Carving masks"}


def test_drafts_private_and_unpublished_pages_are_never_found():
    ProgramPageFactory(title="Public lacquer", summary="Lacquer craft.")
    ProgramPageFactory(title="Draft lacquer", summary="Lacquer craft.", live=False)
    private = ProgramPageFactory(title="Private lacquer", summary="Lacquer craft.")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    unpublished = ProgramPageFactory(title="Withdrawn lacquer", summary="Lacquer craft.")
    unpublished.unpublish()
    private_child = CoursePageFactory(parent=private, title="Hidden lacquer course")
    assert private_child.live

    found = titles(search_learning_content(query="lacquer", language_code="en"))

    assert found == ["Public lacquer"]


def test_french_pages_are_indexed_and_searched_with_the_french_configuration():
    program = ProgramPageFactory(title="Tapestry", summary="Weaving in Flanders.")
    french = Locale.objects.get(language_code="fr")
    catalog_fr = catalog().copy_for_translation(french, copy_parents=True)
    catalog_fr.save_revision().publish()
    program_fr = program.copy_for_translation(french)
    program_fr.title = "Tapisserie"
    program_fr.summary = "Les tapisseries tissées des Flandres."
    program_fr.save_revision().publish()

    # French stemming: "tapisseries" and "tapisserie" share a stem; English would not match
    # "tissées" with "tissée" the same way.
    assert titles(search_learning_content(query="tapisserie tissée", language_code="fr")) == [
        "Tapisserie"
    ]
    assert titles(search_learning_content(query="tapisserie", language_code="en")) == []
    assert search_config_for("fr") == "french"
    assert search_config_for("ja") == "simple"
    assert search_config_for("ar") == "arabic"


def test_autocomplete_suggests_live_titles_from_a_prefix():
    ProgramPageFactory(title="Calligraphy of the Song dynasty")
    ProgramPageFactory(title="Calligraphy drafts", live=False)

    suggestions = autocomplete_titles(prefix="callig", language_code="en")

    assert [s["title"] for s in suggestions] == ["Calligraphy of the Song dynasty"]
    assert suggestions[0]["url"].startswith("/en/")


def test_autocomplete_endpoint_returns_json(client):
    ProgramPageFactory(title="Mosaics of Ravenna")

    response = client.get(reverse("learning_search_autocomplete"), {"q": "mosa"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()["suggestions"][0]["title"] == "Mosaics of Ravenna"


def test_autocomplete_ignores_a_single_letter(client):
    ProgramPageFactory(title="Mosaics of Ravenna")

    response = client.get(reverse("learning_search_autocomplete"), {"q": "m"})

    assert response.json() == {"suggestions": []}


def test_search_page_shows_ranked_results_with_counts(client):
    ProgramPageFactory(title="Icons", summary="Byzantine icons and their painters.")
    ContentItemPage.objects.update(is_free_preview=True)

    response = client.get(reverse("learning_search"), {"q": "byzantine"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "1 result" in html and "Icons" in html


def test_search_page_without_matches_shows_an_empty_state(client):
    response = client.get(reverse("learning_search"), {"q": "qqqqnothing"})

    assert "Nothing found" in response.content.decode()


@pytest.mark.parametrize("query", ["a & | ! ( :*", "'", "\\", "x" * 500, "<script>"])
def test_odd_queries_answer_normally(client, query):
    ProgramPageFactory(title="Icons")

    response = client.get(reverse("learning_search"), {"q": query, "page": "abc"})

    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1].split("</main>")[0]


def test_pages_under_an_unpublished_course_are_not_found():
    program = ProgramPageFactory(title="Porcelain")
    withdrawn = CoursePageFactory(parent=program, title="Withdrawn course")
    module = ModulePageFactory(parent=withdrawn)
    ContentItemPageFactory(parent=module, title="Blue and white porcelain")
    withdrawn.unpublish()

    assert titles(search_learning_content(query="porcelain", language_code="en")) == ["Porcelain"]
    assert autocomplete_titles(prefix="blue and", language_code="en") == []


def test_a_misspelt_word_finds_the_page_and_says_which_spelling_was_searched():
    ProgramPageFactory(title="Calligraphy", summary="Brushes and ink.")

    found = search_learning_content(query="caligrahpy", language_code="en")

    assert titles(found) == ["Calligraphy"]
    assert found.corrected_query == "calligraphy"


def test_a_query_that_finds_pages_is_never_rewritten():
    ProgramPageFactory(title="Weaving", summary="The women who wove textiles.")
    ProgramPageFactory(title="Textbooks")

    found = search_learning_content(query="textile", language_code="en")

    assert titles(found) == ["Weaving"] and found.corrected_query == ""


def test_words_of_drafts_are_never_offered_as_a_spelling():
    ProgramPageFactory(title="Porcelain", summary="Kilns of Jingdezhen.")
    ProgramPageFactory(title="Secret merger plans", live=False)

    found = search_learning_content(query="mergr", language_code="en")

    assert titles(found) == [] and found.corrected_query == ""


def test_short_words_and_far_misspellings_are_not_corrected():
    ProgramPageFactory(title="Tea", summary="Matcha and the tea room.")

    assert titles(search_learning_content(query="te", language_code="en")) == []
    assert titles(search_learning_content(query="taeroom", language_code="en")) == []


def test_repeated_searches_are_answered_from_the_fragments_cache_until_content_changes(
    client, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    """The results of a query are the same for everyone, so the second person to ask is
    answered without searching again; a publish (which re-indexes) shows the new page."""
    with django_capture_on_commit_callbacks(execute=True):
        ProgramPageFactory(title="Icons", summary="Byzantine icons and their painters.")
    first = client.get(reverse("learning_search"), {"q": "byzantine"}).content.decode()
    with django_assert_max_num_queries(3):  # session-less visitor: the content version, no search
        again = client.get(reverse("learning_search"), {"q": "byzantine"}).content.decode()
    assert again == first and "1 result" in again

    with django_capture_on_commit_callbacks(execute=True):
        ProgramPageFactory(title="Mosaics", summary="Byzantine mosaics of Ravenna.")
    after = client.get(reverse("learning_search"), {"q": "byzantine"}).content.decode()
    assert "2 results" in after and "Mosaics" in after
    other_page = client.get(reverse("learning_search"), {"q": "byzantine", "page": "2"})
    assert other_page.status_code == 200


def test_catalog_results_are_cached_per_filters_and_follow_publishes(
    client, django_capture_on_commit_callbacks
):
    index = catalog()
    with django_capture_on_commit_callbacks(execute=True):
        ProgramPageFactory(parent=index, title="Icons", summary="Byzantine icons.")
        ProgramPageFactory(
            parent=index, title="Ravenna", summary="Byzantine mosaics.", difficulty="advanced"
        )
    url = index.url
    every = client.get(url, {"q": "byzantine"}).content.decode()
    advanced = client.get(url, {"q": "byzantine", "difficulty": "advanced"}).content.decode()
    assert "Icons" in every and "Ravenna" in every
    assert "Ravenna" in advanced and "Icons" not in advanced  # not the other filters' answer
    with django_capture_on_commit_callbacks(execute=True):
        ProgramPageFactory(parent=index, title="Frescoes", summary="Byzantine frescoes.")
    assert "Frescoes" in client.get(url, {"q": "byzantine"}).content.decode()
