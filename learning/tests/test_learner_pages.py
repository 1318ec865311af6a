"""What a learner sees on the catalog, program, course, module and content item pages."""

import pytest
from wagtail.models import Locale, PageViewRestriction

from learning.models import ContentItemPage, ModulePage
from learning.tests.factories import (
    ContentItemPageFactory,
    CoursePageFactory,
    ModulePageFactory,
    ProgramPageFactory,
    build_program,
    catalog,
)

pytestmark = pytest.mark.django_db


def open_items_to_everyone() -> None:
    """Items are for enrolled learners; free previews let an anonymous client read them."""
    ContentItemPage.objects.update(is_free_preview=True)


def test_program_page_shows_syllabus_with_courses_modules_and_effort(client):
    program = build_program(courses=2, modules=2, items=1, estimated_duration_weeks=4)

    response = client.get(program.url)

    assert response.status_code == 200
    html = response.content.decode()
    for title in (
        f"{program.title} course 1",
        f"{program.title} course 2",
        f"{program.title} course 1 module 2",
    ):
        assert title in html
    assert "4 weeks" in html
    assert "About 3 hours a week" in html  # 2 courses x 6 h over 4 weeks
    assert "Required" in html
    assert "Complete the required courses to finish the program." in html
    assert "Sign in to enroll" in html


def test_program_page_lists_prerequisites_and_makers(client, django_user_model):
    maker = django_user_model.objects.create_user(email="maker@example.com", name="Ada Maker")
    program = build_program(courses=2, modules=1, items=1, owner=maker)
    first, second = program.get_children().specific()
    second.prerequisites.add(first)
    second.save()

    html = client.get(program.url).content.decode()

    assert "Before this course:" in html
    assert "Ada Maker" in html


def test_unpublished_and_private_courses_stay_out_of_the_syllabus(client):
    program = build_program(courses=1, modules=1, items=1)
    draft = CoursePageFactory(parent=program, title="Secret draft course", live=False)
    private = CoursePageFactory(parent=program, title="Members only course")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    html = client.get(program.url).content.decode()

    assert draft.title not in html
    assert private.title not in html


def test_course_page_shows_outline_objectives_and_prerequisites(client):
    program = build_program(courses=2, modules=2, items=2)
    first, second = program.get_children().specific()
    second.prerequisites.add(first)
    second.save()

    html = client.get(second.url).content.decode()

    assert "Before you start" in html
    assert first.title in html
    assert f"Explain the main ideas of {second.title}" in html
    assert f"{second.title} module 2 item 2" in html


def test_module_page_lists_its_items(client):
    module = ModulePageFactory(title="Gardens of Kyoto")
    ContentItemPageFactory(parent=module, title="Moss and stone")
    ContentItemPageFactory(parent=module, title="Borrowed scenery")

    html = client.get(module.url).content.decode()

    assert "Moss and stone" in html and "Borrowed scenery" in html
    assert html.index("Moss and stone") < html.index("Borrowed scenery")


def test_item_page_links_previous_and_next_across_modules(client):
    program = build_program(courses=1, modules=2, items=2)
    open_items_to_everyone()
    items = list(ContentItemPage.objects.descendant_of(program).order_by("path"))
    last_of_first_module, first_of_second_module = items[1], items[2]

    html = client.get(last_of_first_module.url).content.decode()

    assert 'rel="next"' in html
    assert first_of_second_module.url in html
    assert items[0].url in html  # previous
    assert "2 of 2" in html

    html = client.get(first_of_second_module.url).content.decode()
    assert last_of_first_module.url in html


def test_item_page_shows_breadcrumbs_and_time_left_in_module(client):
    program = build_program(courses=1, modules=1, items=3)
    open_items_to_everyone()
    module = ModulePage.objects.descendant_of(program).get()
    items = list(ContentItemPage.objects.child_of(module).order_by("path"))

    html = client.get(items[1].url).content.decode()

    assert 'aria-label="Breadcrumb"' in html
    assert module.title in html and program.title in html
    # 30 estimated minutes for 3 text items: this one and the next are 20 minutes.
    assert "20 min left in this module" in html


def test_catalog_filters_by_difficulty_and_duration_and_keeps_them_in_the_url(client):
    ProgramPageFactory(title="Intro to Noh", difficulty="beginner", estimated_duration_weeks=3)
    ProgramPageFactory(title="Deep Noh", difficulty="advanced", estimated_duration_weeks=20)
    index = catalog()

    html = client.get(index.url, {"difficulty": "advanced"}).content.decode()
    assert "Deep Noh" in html and "Intro to Noh" not in html
    assert "1 program" in html
    assert '<option value="advanced" selected>' in html

    html = client.get(index.url, {"duration": "short"}).content.decode()
    assert "Intro to Noh" in html and "Deep Noh" not in html


def test_catalog_search_finds_programs_by_words_in_their_summary(client):
    ProgramPageFactory(title="Calligraphy", summary="Brush, ink and the way of writing.")
    ProgramPageFactory(title="Ceramics", summary="Clay, kilns and glazes.")

    html = client.get(catalog().url, {"q": "kilns"}).content.decode()

    assert "Ceramics" in html and "Calligraphy" not in html


def test_catalog_empty_state_suggests_programs(client):
    ProgramPageFactory(title="Calligraphy")

    html = client.get(catalog().url, {"q": "zzzzunknownword"}).content.decode()

    assert "No programs match" in html
    assert "You might like" in html and "Calligraphy" in html


def test_catalog_paginates_and_keeps_filters_in_page_links(client):
    for n in range(14):
        ProgramPageFactory(title=f"Program {n:02}", difficulty="beginner")

    html = client.get(catalog().url, {"difficulty": "beginner"}).content.decode()

    assert "14 programs" in html
    assert "Page 1 of 2" in html
    assert "difficulty=beginner&amp;language=en&amp;page=2" in html


def test_catalog_hides_drafts_and_private_programs(client):
    ProgramPageFactory(title="Visible program")
    ProgramPageFactory(title="Draft program", live=False)
    private = ProgramPageFactory(title="Private program")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    html = client.get(catalog().url).content.decode()

    assert "Visible program" in html
    assert "Draft program" not in html and "Private program" not in html


def _french_catalog():
    index = catalog()
    french = Locale.objects.get(language_code="fr")
    home_fr = index.get_parent().copy_for_translation(french)
    home_fr.save_revision().publish()
    index_fr = index.copy_for_translation(french)
    index_fr.save_revision().publish()
    return index_fr


def test_untranslated_program_is_served_in_the_default_language_with_a_notice(client):
    program = build_program(courses=1, modules=1, items=1, title="Byzantine Icons")
    index_fr = _french_catalog()

    response = client.get(f"{index_fr.url}{program.slug}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "data-untranslated-notice" in html and "Français" in html
    assert "Byzantine Icons" in html
    # Links keep the learner in French.
    course = program.get_children().first()
    assert f'href="/fr/{course.url.removeprefix("/en/")}"' in html


def test_untranslated_item_under_french_url_is_served_with_a_notice(client):
    program = build_program(courses=1, modules=1, items=1)
    _french_catalog()
    open_items_to_everyone()
    item = ContentItemPage.objects.descendant_of(program).get()

    response = client.get("/fr/" + item.url.removeprefix("/en/"))

    assert response.status_code == 200
    assert "data-untranslated-notice" in response.content.decode()


def test_french_catalog_lists_an_untranslated_program_in_english_with_a_notice(client):
    ProgramPageFactory(title="English only program")
    index_fr = _french_catalog()

    html = client.get(index_fr.url).content.decode()

    assert 'data-count="1"' in html
    assert '<h2 class="card__title" lang="en" dir="ltr">' in html
    assert "English only program" in html and "data-untranslated-notice" in html


def test_translated_page_shows_no_notice(client):
    program = build_program(courses=1, modules=1, items=1)
    assert "not yet available" not in client.get(program.url).content.decode()


def test_english_page_in_the_arabic_interface_keeps_its_own_direction(client):
    program = build_program(courses=1, modules=1, items=1)

    response = client.get("/ar/" + program.url.removeprefix("/en/"))

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in html
    assert '<article class="program">' in html
    assert f'<h1 lang="en" dir="ltr">{program.title}</h1>' in html
    assert "data-untranslated-notice" in html and "العربية" in html


def test_items_under_an_unpublished_module_are_neither_served_nor_linked(client):
    program = build_program(courses=1, modules=3, items=1)
    open_items_to_everyone()
    first, hidden, last = ModulePage.objects.descendant_of(program).order_by("path")
    hidden.unpublish()
    hidden_item = ContentItemPage.objects.child_of(hidden).get()
    first_item = ContentItemPage.objects.child_of(first).get()
    last_item = ContentItemPage.objects.child_of(last).get()

    assert client.get(hidden_item.url).status_code == 404
    html = client.get(first_item.url).content.decode()
    assert hidden_item.url not in html
    assert last_item.url in html
