"""Search the way `make run` runs it: index updates queued in the database, done by `db_worker`.

Nothing here calls the indexer. Pages are published with the django-tasks-db backend, so their
index updates wait in the queue, as under `make run`; the worker's own command then runs them.
The worker commits as it goes, so these tests use real transactions. That `seed_demo` leaves a
complete index with no worker is checked on the seeded demo (culturedegree/tests/test_seed_demo.py).
"""

import re

import pytest
from django.core.management import call_command
from wagtail.models import Locale

from learning.models import ContentItemPage
from learning.tests.factories import (
    ContentItemPageFactory,
    CoursePageFactory,
    ModulePageFactory,
    ProgramPageFactory,
    catalog,
    paragraph,
    staff_user,
)
from learning.tests.search_helpers import result_titles

QUEUED_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def queued_tasks(settings):
    """Background work goes to the database queue, as in production and under `make run`."""
    settings.TASKS = QUEUED_TASKS


@pytest.fixture
def committed_site(transactional_db):
    """The tree's roots, which Wagtail's migrations made and transactional tests truncate."""

    from culturedegree import demo

    demo.ensure_locales()
    return demo.ensure_home_page()


def run_worker() -> None:
    """What `make run`'s worker does, until the queue is empty."""
    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", "--interval=0")


def build_west_africa():
    program = ProgramPageFactory(
        title="Music and Memory in West Africa",
        summary="The griots of Mali keep history in song.",
        difficulty="beginner",
    )
    course = CoursePageFactory(parent=program, title="Griots and the Oral Tradition")
    module = ModulePageFactory(parent=course)
    ContentItemPageFactory(
        parent=module, title="The lion of Mali", body=[paragraph("Sundiata, as a griot sings it.")]
    )
    ContentItemPage.objects.update(is_free_preview=True)
    return program


def build_japan():
    program = ProgramPageFactory(
        title="Japanese Arts and Aesthetics",
        summary="Tea, ink and calligraphy.",
        difficulty="beginner",
    )
    course = CoursePageFactory(parent=program, title="Foundations of Japanese Aesthetics")
    module = ModulePageFactory(parent=course)
    ContentItemPageFactory(
        parent=module,
        title="The way of tea",
        body=[paragraph("Calligraphy hangs in the tea room.")],
    )
    return program


def translate_to_french(program, *, title: str, summary: str):
    french = Locale.objects.get(language_code="fr")
    catalog_fr = catalog().copy_for_translation(french, copy_parents=True)
    catalog_fr.save_revision().publish()
    program_fr = program.copy_for_translation(french)
    program_fr.title = title
    program_fr.summary = summary
    program_fr.save_revision().publish()
    return program_fr


def test_a_published_page_is_found_once_the_worker_has_run_even_after_an_empty_cached_answer(
    committed_site, queued_tasks, client
):
    build_west_africa()

    before = client.get("/en/search/?q=griot")
    catalog_before = client.get("/en/programs/?q=griot")
    run_worker()
    after = client.get("/en/search/?q=griot")
    catalog_after = client.get("/en/programs/?q=griot")

    # The first answers were worked out before the index had the pages, and were cached.
    assert result_titles(before) == [] and result_titles(catalog_before) == []
    assert set(result_titles(after)) == {
        "Music and Memory in West Africa",
        "Griots and the Oral Tradition",
        "The lion of Mali",
    }
    assert result_titles(catalog_after) == ["Music and Memory in West Africa"]


def test_typos_content_api_admin_and_languages_after_the_worker(
    committed_site, queued_tasks, client
):
    build_west_africa()
    japan = build_japan()
    translate_to_french(
        japan, title="Arts et esthétique du Japon", summary="Le thé, l'encre et les esthétiques."
    )
    run_worker()

    # One or two letters wrong still find the page, and say which spelling was searched.
    for typo, spelling, expected in [
        ("japnese", "japanese", "Japanese Arts and Aesthetics"),
        ("calligrapy", "calligraphy", "Japanese Arts and Aesthetics"),
        ("grio", "griot", "Music and Memory in West Africa"),
    ]:
        response = client.get(f"/en/search/?q={typo}")
        assert expected in result_titles(response), typo
        assert f"Showing results for “{spelling}”" in response.content.decode()
        assert result_titles(client.get(f"/en/programs/?q={typo}")) == [expected]

    # Labels are words in the learner's language, not class names.
    html = client.get("/en/search/?q=griot").content.decode()
    assert {"Program", "Course", "Lesson"} <= set(re.findall(r'class="eyebrow">([^<]*)<', html))
    assert "program page" not in html.lower()
    japanese_html = client.get("/ja/search/?q=griot").content.decode()
    assert "プログラム" in re.findall(r'class="eyebrow">([^<]*)<', japanese_html)

    # Japanese and Arabic learners also find the pages shown to them untranslated.
    for language in ("ja", "ar"):
        response = client.get(f"/{language}/search/?q=griots")
        assert "Music and Memory in West Africa" in result_titles(response), language
        assert "data-untranslated-notice" in response.content.decode()
    # French words find French pages, through French stemming, on the site and in the API.
    assert "Arts et esthétique du Japon" in result_titles(client.get("/fr/search/?q=esthétiques"))
    api_fr = client.get("/api/v3/pages/", {"search": "esthétiques", "locale": "fr"}).json()
    assert [page["title"] for page in api_fr["items"]] == ["Arts et esthétique du Japon"]

    # The content API and the Wagtail admin's page search find it too.
    api = client.get("/api/v3/pages/", {"search": "Aesthetics"}).json()
    assert "Japanese Arts and Aesthetics" in [page["title"] for page in api["items"]]
    client.force_login(staff_user("admin@example.com", superuser=True))
    admin = client.get("/admin/pages/search/", {"q": "Aesthetics"}).content.decode()
    assert "Japanese Arts and Aesthetics" in admin
    assert "Foundations of Japanese Aesthetics" in admin
