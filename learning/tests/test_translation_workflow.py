"""Translations go live only translated and reviewed; editors see which are out of date."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from culturedegree import demo
from learning.models import ProgramPage

from .factories import build_program, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editorial():
    program = build_program(courses=1, modules=1, items=1)
    program.requirements = [
        (
            "elective_group",
            {
                "title": "Choose an art to study in depth",
                "min_required": 1,
                "courses": [program.get_children().first().specific],
            },
        ),
    ]
    program.save_revision().publish()
    catalog = program.get_parent()
    groups = demo.ensure_editorial_groups(catalog=catalog)
    workflow = demo.ensure_review_workflow(catalog=catalog, reviewers=groups["Reviewers"])
    return {
        "program": ProgramPage.objects.get(pk=program.pk),
        "workflow": workflow,
        "editor": staff_user("editor@example.org", groups=[groups["Editors"]]),
        "reviewer": staff_user("reviewer@example.org", groups=[groups["Reviewers"]]),
    }


def translate_from_the_admin(client, user, page, language, capture):
    client.force_login(user)
    locale = Locale.objects.get(language_code=language)
    with capture(execute=True):
        response = client.post(
            reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
            {"locales": [locale.pk], "include_subtree": "on"},
        )
    assert response.status_code == 302
    return Translation.objects.get(source__object_id=page.translation_key, target_locale=locale)


def translate_every_string(translation, prefix="FR "):
    for segment in StringSegment.objects.filter(source=translation.source).select_related("string"):
        StringTranslation.objects.get_or_create(
            translation_of_id=segment.string_id,
            locale=translation.target_locale,
            context_id=segment.context_id,
            defaults={"data": prefix + segment.string.data},
        )


def test_translate_creates_drafts_not_live_english_pages(
    client, editorial, django_capture_on_commit_callbacks
):
    program = editorial["program"]
    translate_from_the_admin(
        client, editorial["editor"], program, "fr", django_capture_on_commit_callbacks
    )
    french = Locale.objects.get(language_code="fr")
    for page in program.get_descendants(inclusive=True):
        translated = page.get_translation(french)
        assert not translated.live
    assert client.get(f"/fr/{program.get_parent().slug}/{program.slug}/").status_code in (200, 404)


def test_requirement_group_titles_are_translated_segments(
    client, editorial, django_capture_on_commit_callbacks
):
    program = editorial["program"]
    translation = translate_from_the_admin(
        client, editorial["editor"], program, "fr", django_capture_on_commit_callbacks
    )
    strings = set(
        StringSegment.objects.filter(source=translation.source).values_list(
            "string__data", flat=True
        )
    )
    assert "Choose an art to study in depth" in strings
    translate_every_string(translation)
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    translated = program.get_translation(translation.target_locale).specific
    groups = translated.requirement_groups()
    assert [group.title for group in groups] == ["FR Choose an art to study in depth"]
    assert groups[0].course_ids == program.requirement_groups()[0].course_ids


def test_an_editor_submits_a_translation_and_a_reviewer_approves_it(
    client, editorial, django_capture_on_commit_callbacks
):
    program = editorial["program"]
    translation = translate_from_the_admin(
        client, editorial["editor"], program, "fr", django_capture_on_commit_callbacks
    )
    translated = program.get_translation(translation.target_locale)
    edit_url = reverse("wagtailadmin_pages:edit", args=[translated.pk])

    editor_view = client.get(edit_url).content.decode()
    assert "Submit translation for review" in editor_view
    translate_every_string(translation)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit_url, {"action": "publish"})
    translated.refresh_from_db()
    assert not translated.live, "editors do not publish; they submit"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("learning_submit_translation", args=[translation.pk]))
    assert response.status_code == 302
    translated.refresh_from_db()
    assert translated.workflow_in_progress and not translated.live
    assert "In review" in client.get(edit_url).content.decode()

    client.force_login(editorial["reviewer"])
    task_state = translated.current_workflow_state.current_task_state
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(
                "wagtailadmin_pages:workflow_action",
                args=[translated.pk, "approve", task_state.pk],
            ),
            {"comment": ""},
        )
    assert response.status_code in (200, 302)
    translated.refresh_from_db()
    assert translated.live
    assert translated.title == f"FR {program.title}"


def test_a_translation_with_untranslated_strings_can_be_neither_submitted_nor_published(
    client, editorial, django_capture_on_commit_callbacks
):
    program = editorial["program"]
    translation = translate_from_the_admin(
        client, editorial["editor"], program, "fr", django_capture_on_commit_callbacks
    )
    translated = program.get_translation(translation.target_locale)
    response = client.post(
        reverse("learning_submit_translation", args=[translation.pk]), follow=True
    )
    assert "not translated yet" in response.content.decode()
    translated.refresh_from_db()
    assert not translated.workflow_in_progress

    client.force_login(editorial["reviewer"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[translated.pk]),
            {"action": "publish"},
            follow=True,
        )
    assert "not translated yet" in response.content.decode()
    translated.refresh_from_db()
    assert not translated.live


def test_a_translation_into_a_new_language_keeps_the_editorial_roles_and_review(
    client, editorial, django_capture_on_commit_callbacks
):
    program = editorial["program"]
    translation = translate_from_the_admin(
        client, editorial["editor"], program, "ja", django_capture_on_commit_callbacks
    )
    japanese = Page.objects.get(translation_key=program.translation_key, locale__language_code="ja")
    assert japanese.get_workflow() == editorial["workflow"]
    permissions = japanese.permissions_for_user(editorial["editor"])
    assert permissions.can_edit() and not permissions.can_publish()
    assert japanese.permissions_for_user(editorial["reviewer"]).can_publish()
    assert translation.target_locale.language_code == "ja"


def test_the_report_lists_translations_whose_source_changed_since_the_sync(
    client, editorial, django_capture_on_commit_callbacks
):
    program = editorial["program"]
    translation = translate_from_the_admin(
        client, editorial["editor"], program, "fr", django_capture_on_commit_callbacks
    )
    translate_every_string(translation)
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    translated = program.get_translation(translation.target_locale)
    report = reverse("learning_outdated_translations")

    client.force_login(editorial["editor"])
    assert f'data-outdated-translation="{translated.pk}"' not in client.get(report).content.decode()

    program.summary = "A summary changed after the translation."
    revision = program.save_revision()
    revision.publish()
    ProgramPage.objects.filter(pk=program.pk).update(
        last_published_at=timezone.now() + timedelta(seconds=1)
    )
    html = client.get(report).content.decode()
    assert f'data-outdated-translation="{translated.pk}"' in html
    assert "published since the last sync" in html

    client.force_login(editor_of_another_program())
    html = client.get(report).content.decode()
    assert f'data-outdated-translation="{translated.pk}"' not in html


def editor_of_another_program():
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    other = build_program(courses=1, modules=0, title="Andes", slug="andes")
    group = Group.objects.create(name="Andes editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group, page=other, permission=Permission.objects.get(codename="change_page")
    )
    return staff_user("elsewhere@example.org", groups=[group])


def test_the_report_is_in_the_reports_menu(client, editorial):
    client.force_login(editorial["editor"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("learning_outdated_translations") in html
