"""`seed_demo` builds the demo catalog: complete, valid, translated, idempotent and quick."""

import time
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page, Revision
from wagtail_localize.models import StringSegment, StringTranslation

from learning.blocks import ContentStreamBlock
from learning.models import ContentItemPage, CoursePage, ModulePage, ProgramPage

pytestmark = pytest.mark.django_db

EVERY_CONTENT_BLOCK = set(ContentStreamBlock().child_blocks)


def seed() -> float:
    started = time.monotonic()
    call_command("seed_demo", stdout=StringIO())
    return time.monotonic() - started


def counts() -> dict:
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "programs": ProgramPage.objects.count(),
        "items": ContentItemPage.objects.count(),
    }


@pytest.fixture
def seeded():
    seconds = seed()
    return seconds


def test_seed_is_quick_and_a_second_run_changes_nothing(seeded):
    assert seeded < 30, f"seed_demo took {seeded:.1f}s"
    before = counts()
    second = seed()
    assert counts() == before
    assert second < 5, f"a second seed_demo took {second:.1f}s"


def test_each_program_has_three_courses_of_three_modules_of_three_items(seeded):
    english = Locale.objects.get(language_code="en")
    programs = ProgramPage.objects.filter(locale=english).live()
    assert programs.count() >= 2
    for program in programs:
        courses = CoursePage.objects.child_of(program).live()
        assert courses.count() >= 3
        for course in courses:
            modules = ModulePage.objects.child_of(course).live()
            assert modules.count() >= 3
            for module in modules:
                assert ContentItemPage.objects.child_of(module).live().count() >= 3


def test_every_content_block_type_is_used_and_every_body_is_valid(seeded):
    used = set()
    for item in ContentItemPage.objects.filter(locale__language_code="en"):
        used |= {block.block_type for block in item.body}
        item.body.stream_block.clean(item.body)
        item.full_clean()
    assert used == EVERY_CONTENT_BLOCK


def test_requirements_have_an_elective_group_and_prerequisites_are_set(seeded):
    program = ProgramPage.objects.get(
        slug="japanese-arts-and-aesthetics", locale__language_code="en"
    )
    groups = program.requirement_groups()
    assert [group.min_required for group in groups] == [1, 1]
    assert len(groups[1].course_ids) == 2
    tea = CoursePage.objects.get(slug="the-way-of-tea", locale__language_code="en")
    assert [c.slug for c in tea.prerequisites.all()] == ["foundations-of-japanese-aesthetics"]


def test_one_program_is_fully_translated_into_french_and_linked(seeded):
    french = Locale.objects.get(language_code="fr")
    program = ProgramPage.objects.get(
        slug="japanese-arts-and-aesthetics", locale__language_code="en"
    )
    translated = program.get_translation(french)
    assert translated.live
    assert translated.title == "Arts et esthétique du Japon"
    source_tree = program.get_descendants(inclusive=True)
    assert translated.get_descendants(inclusive=True).count() == source_tree.count()
    for page in source_tree:
        page.get_translation(french)  # raises if a page of the tree is not translated
    untranslated = StringSegment.objects.filter(source__object_id=program.translation_key).exclude(
        string__translations__locale=french,
    )
    assert not untranslated.exists()
    assert StringTranslation.objects.filter(locale=french).count() > 200
    assert translated.difficulty == program.difficulty
