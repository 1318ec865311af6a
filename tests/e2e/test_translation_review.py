"""The translation editor's review bar, in a browser."""

import pytest

from .conftest import login, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_untranslated_translation_is_refused_when_submitted(page, demo_site, live_server):
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Locale
    from wagtail_localize.models import Translation, TranslationSource

    from culturedegree import demo
    from learning.tests.factories import build_program, staff_user

    ContentType.objects.clear_cache()
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    program = build_program(courses=0, modules=0)
    demo.ensure_review_workflow(
        catalog=program.get_parent(), reviewers=Group.objects.create(name="Reviewers")
    )
    source, _ = TranslationSource.get_or_create_from_instance(program)
    translation = Translation.objects.create(
        source=source, target_locale=Locale.objects.get(language_code="fr")
    )
    translation.save_target(publish=False)
    french = program.get_translation(translation.target_locale)

    login(page, staff_user("root@example.com", superuser=True), live_server_url=live_server.url)
    page.goto(f"{live_server.url}/admin/pages/{french.pk}/edit/")
    bar = page.locator("[data-translation-review]")
    assert "strings still to translate" in bar.inner_text()
    screenshot(page, "translation-review-bar", full_page=False)
    bar.get_by_role("button", name="Submit translation for review").click()
    page.wait_for_load_state("load")
    assert page.get_by_text("not translated yet").first.is_visible()
    french.refresh_from_db()
    assert not french.live and not french.workflow_in_progress
