"""Localization with wagtail-localize: field policy, translating a tree, PO round trip."""

import polib
import pytest
from wagtail.models import Locale
from wagtail_localize.fields import SynchronizedField, TranslatableField, get_translatable_fields
from wagtail_localize.models import Translation, TranslationSource

from culturedegree import demo
from learning.models import ContentItemPage, CoursePage, ModulePage, ProgramPage

from .factories import build_program, staff_user

pytestmark = pytest.mark.django_db


def policy(model) -> dict[str, str]:
    return {
        field.field_name: "synchronised" if isinstance(field, SynchronizedField) else "translated"
        for field in get_translatable_fields(model)
        if isinstance(field, SynchronizedField | TranslatableField)
    }


def test_text_is_translated_and_facts_are_synchronised():
    program = policy(ProgramPage)
    assert program["title"] == program["summary"] == program["overview"] == "translated"
    assert program["difficulty"] == program["estimated_duration_weeks"] == "synchronised"
    assert program["thumbnail"] == "synchronised"
    assert policy(CoursePage)["estimated_hours"] == "synchronised"
    assert policy(ModulePage)["estimated_minutes"] == "synchronised"
    item = policy(ContentItemPage)
    assert item["body"] == "translated"
    assert item["duration_seconds"] == item["item_type"] == "synchronised"


@pytest.fixture
def program():
    demo.ensure_locales()
    return build_program(courses=2, modules=1, items=2)


def test_an_editor_translates_a_program_tree_into_three_languages_from_the_admin(
    client, program, django_capture_on_commit_callbacks
):
    client.force_login(staff_user("root@example.org", superuser=True))
    locales = Locale.objects.filter(language_code__in=["fr", "ja", "ar"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/localize/submit/page/{program.pk}/",
            {"locales": [locale.pk for locale in locales], "include_subtree": "on"},
        )
    assert response.status_code == 302
    tree = list(program.get_descendants(inclusive=True).specific())
    for locale in locales:
        for page in tree:
            translated = page.get_translation(locale)
            assert translated.translation_key == page.translation_key
        translated_program = program.get_translation(locale).specific
        assert translated_program.difficulty == program.difficulty
        assert translated_program.requirement_groups() == program.requirement_groups()


def test_po_export_and_import_publish_the_translation(program, django_capture_on_commit_callbacks):
    french = Locale.objects.get(language_code="fr")
    source, _ = TranslationSource.get_or_create_from_instance(program)
    translation = Translation.objects.create(source=source, target_locale=french)

    exported = translation.export_po()
    messages = {entry.msgid for entry in exported}
    assert program.summary in messages and program.title in messages

    po = polib.pofile(str(exported))
    for entry in po:
        if entry.msgid == program.summary:
            entry.msgstr = "Ce que ce programme enseigne, en une ligne."
        elif entry.msgid == program.title:
            entry.msgstr = "Programme traduit"
    warnings = translation.import_po(po)
    assert warnings == []

    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    translated = program.get_translation(french).specific
    assert translated.live
    assert translated.title == "Programme traduit"
    assert translated.summary == "Ce que ce programme enseigne, en une ligne."
    assert translated.estimated_duration_weeks == program.estimated_duration_weeks


def test_requirements_of_a_translated_program_point_at_the_default_locale_courses(
    program, django_capture_on_commit_callbacks
):
    first, second = CoursePage.objects.child_of(program).order_by("path")
    program.requirements = [
        ("required_courses", {"title": "Core", "courses": [first]}),
        ("elective_group", {"title": "Options", "min_required": 1, "courses": [second]}),
    ]
    program.save_revision().publish()
    french = Locale.objects.get(language_code="fr")
    source, _ = TranslationSource.get_or_create_from_instance(program)
    translation = Translation.objects.create(source=source, target_locale=french)
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    translated = program.get_translation(french).specific
    translated.full_clean()
    assert [group.course_ids for group in translated.requirement_groups()] == [
        [first.pk],
        [second.pk],
    ]
