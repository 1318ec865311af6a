"""An untranslated program is offered in every language, in the default language, and says so."""

import re

import pytest
from wagtail.models import Locale

from learning.models import ContentItemPage
from learning.tests.factories import (
    ContentItemPageFactory,
    CoursePageFactory,
    ModulePageFactory,
    ProgramPageFactory,
    catalog,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def japan_translated_west_africa_not():
    japan = ProgramPageFactory(title="Japanese Arts", summary="Tea and ink.")
    west_africa = ProgramPageFactory(title="West Africa", summary="Griots and their songs.")
    module = ModulePageFactory(parent=CoursePageFactory(parent=west_africa, title="Griot songs"))
    ContentItemPageFactory(parent=module, title="The lion of Mali")
    ContentItemPage.objects.update(is_free_preview=True)
    french = Locale.objects.get(language_code="fr")
    catalog().copy_for_translation(french, copy_parents=True).save_revision().publish()
    japan_fr = japan.copy_for_translation(french)
    japan_fr.title = "Arts du Japon"
    japan_fr.save_revision().publish()


def cards(html: str) -> dict[str, str]:
    """Each program card's title and link."""
    return {
        title: href
        for href, title in re.findall(r'class="card__title"[^>]*><a href="([^"]*)">([^<]*)<', html)
    }


@pytest.mark.parametrize(
    ("language", "japan_title"),
    [
        ("en", "Japanese Arts"),
        ("fr", "Arts du Japon"),
        ("ja", "Japanese Arts"),
        ("ar", "Japanese Arts"),
    ],
)
def test_home_catalog_and_search_agree_in_every_language(
    client, japan_translated_west_africa_not, language, japan_title
):
    home = client.get(f"/{language}/").content.decode()
    listing = client.get(f"/{language}/programs/").content.decode()
    search = client.get(f"/{language}/search/", {"q": "griot"}).content.decode()

    assert set(cards(home)) == set(cards(listing)) == {japan_title, "West Africa"}
    assert 'data-count="2"' in listing
    assert "West Africa" in search
    # Links keep the learner's language; the untranslated program says it is not translated.
    assert all(
        href.startswith(f"/{language}/")
        for href in [*cards(home).values(), *cards(listing).values()]
    )
    untranslated = language in ("fr", "ja", "ar")
    for html in (home, listing, search):
        assert ("data-untranslated-notice" in html) is untranslated
    if untranslated:
        assert '<h2 class="card__title" lang="en" dir="ltr">' in listing


def test_a_program_translated_into_the_language_is_listed_once(
    client, japan_translated_west_africa_not
):
    listing = client.get("/fr/programs/").content.decode()

    assert "Japanese Arts" not in cards(listing)
    assert listing.count("data-untranslated-notice") == 1
