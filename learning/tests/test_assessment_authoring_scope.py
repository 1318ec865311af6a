"""Editors author the assessments of the programs whose pages they may edit, and only those.

Out of scope answers 404 (not 403): the assessment is looked up among the editor's own, so
another program's assessment is not even shown to exist, on every view of the snippet
(wagtail's admin turns a 403 into a redirect to the dashboard, which a 404 also avoids).
"""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission, Locale
from wagtail.permissions import policy_registry
from wagtail.test.utils.form_data import nested_form_data, streamfield
from wagtail_localize.models import Translation, TranslationSource

from learning.models import Assessment

from .assessment_helpers import build_assessment
from .factories import staff_user
from .journey_helpers import build_tree
from .module_worlds import afresh, rolled_back

# Each test runs in a savepoint of the module's world (see `built_world`).
pytestmark = pytest.mark.django_db

ASSESSMENT_PERMISSIONS = ["add_assessment", "change_assessment", "delete_assessment"]


def program_editor(email, program, *, publish=True):
    """An editor of one program: its pages (and their assessments) and nothing else."""
    group = Group.objects.create(name=f"Editors of {program.title}")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(
            content_type__app_label="wagtail_localize", codename="submit_translation"
        ),
        *Permission.objects.filter(
            content_type__app_label="learning",
            codename__in=[*ASSESSMENT_PERMISSIONS, *(["publish_assessment"] if publish else [])],
        ),
    )
    for codename in ["add_page", "change_page", "publish_page"]:
        GroupPagePermission.objects.create(
            group=group,
            page=program,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    return staff_user(email, groups=[group])


@pytest.fixture(scope="module")
def built_world(django_db_setup, django_db_blocker):
    """Two programs with a quiz and an editor each, built once for the module; each test
    runs in a savepoint of its own (module_worlds.rolled_back)."""
    with rolled_back(django_db_blocker):
        kyoto = build_tree(courses=1, items_per_course=1, title="Kyoto")
        silk = build_tree(courses=1, items_per_course=1, title="Silk Road")
        yield SimpleNamespace(
            kyoto=kyoto,
            silk=silk,
            kyoto_quiz=build_assessment(kyoto.modules[0], title="Kyoto quiz"),
            silk_quiz=build_assessment(silk.modules[0], title="Silk Road quiz"),
            kyoto_editor=program_editor("kyoto-editor@example.com", kyoto.program),
            silk_editor=program_editor("silk-editor@example.com", silk.program),
        )


@pytest.fixture
def world(built_world):
    """The module's world read afresh from the database, so what one test refreshed or
    cached on an object (a quiz's revision, an editor's permissions) never reaches the next."""
    return afresh(built_world)


def not_found(client, method, address, data=None) -> bool:
    """A 404 (Django's LocaleMiddleware first redirects an unprefixed 404 to /en/...)."""
    response = getattr(client, method)(address, data or {}, follow=True)
    return response.status_code == 404


def url(name, *args):
    return reverse(f"wagtailsnippets_learning_assessment:{name}", args=args)


def quiz_form(module, **fields):
    return nested_form_data(
        {
            "module": module.pk,
            "title": "Gates of Kyoto",
            "assessment_type": "quiz",
            "instructions": "",
            "passing_score": 60,
            "max_attempts": 3,
            "time_limit_minutes": "",
            "cooldown_minutes": 0,
            "grading_method": "highest",
            "review_option": "after_each",
            "pool_size": "",
            "shuffle_options": "on",
            "questions": streamfield(
                [
                    (
                        "true_false",
                        {
                            "prompt": "Rashōmon was Kyoto's southern gate.",
                            "points": 1,
                            "feedback_correct": "",
                            "feedback_incorrect": "",
                            "answer": "true",
                        },
                    )
                ]
            ),
            "rubric": streamfield([]),
            "review_count": 3,
            "review_days": 7,
            **fields,
        }
    )


def test_an_editor_lists_only_the_assessments_of_their_program(client, world):
    client.force_login(world.kyoto_editor)
    response = client.get(url("list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kyoto quiz" in html
    assert "Silk Road quiz" not in html
    # Searching does not reach past the scope either.
    html = client.get(url("list"), {"q": "Silk"}).content.decode()
    assert "Silk Road quiz" not in html


def test_a_superuser_lists_every_program_s_assessments(client, world):
    client.force_login(staff_user("admin@example.com", superuser=True))
    html = client.get(url("list")).content.decode()
    assert "Kyoto quiz" in html and "Silk Road quiz" in html


def test_an_editor_opens_and_saves_their_own_assessment(client, world):
    client.force_login(world.kyoto_editor)
    assert client.get(url("edit", world.kyoto_quiz.pk)).status_code == 200
    response = client.post(
        url("edit", world.kyoto_quiz.pk), quiz_form(world.kyoto.modules[0], title="Kyoto gates")
    )
    assert response.status_code == 302
    world.kyoto_quiz.refresh_from_db()
    assert world.kyoto_quiz.latest_revision.object_str == "Kyoto gates"


@pytest.mark.parametrize(
    "view",
    [
        "edit",
        "delete",
        "unpublish",
        "history",
        "usage",
        "copy",
        "revisions_compare",
        "preview_on_edit",
    ],
)
def test_another_program_s_assessment_is_not_found_on_any_screen(client, world, view):
    client.force_login(world.kyoto_editor)
    pk = world.silk_quiz.pk
    args = [pk, "earliest", "latest"] if view == "revisions_compare" else [pk]
    assert not_found(client, "get", url(view, *args))
    assert not_found(client, "post", url(view, *args))
    # The other program's editor opens the same screen.
    client.force_login(world.silk_editor)
    assert client.get(url(view, *args)).status_code == 200


def test_another_program_s_assessment_cannot_be_edited_published_or_deleted(client, world):
    client.force_login(world.kyoto_editor)
    silk_module = world.silk.modules[0]
    edit = url("edit", world.silk_quiz.pk)
    assert not_found(client, "post", edit, quiz_form(silk_module, title="Taken over"))
    publish = quiz_form(silk_module, title="Taken over", **{"action-publish": "1"})
    assert not_found(client, "post", edit, publish)
    assert not_found(client, "post", url("delete", world.silk_quiz.pk))
    assert not_found(client, "post", url("unpublish", world.silk_quiz.pk))
    quiz = Assessment.objects.get(pk=world.silk_quiz.pk)
    assert quiz.live and quiz.title == "Silk Road quiz"
    assert quiz.latest_revision_id == world.silk_quiz.latest_revision_id


def test_bulk_delete_skips_another_program_s_assessment(client, world):
    client.force_login(world.kyoto_editor)
    bulk = reverse("wagtail_bulk_action", args=("learning", "assessment", "delete"))
    client.post(f"{bulk}?id={world.silk_quiz.pk}")
    assert Assessment.objects.filter(pk=world.silk_quiz.pk).exists()


def test_a_malformed_id_is_not_found(client, world):
    client.force_login(world.kyoto_editor)
    assert not_found(
        client,
        "get",
        url("edit", world.kyoto_quiz.pk).replace(str(world.kyoto_quiz.pk), "not-a-uuid"),
    )


def test_the_module_field_offers_only_the_editor_s_modules(client, world):
    client.force_login(world.kyoto_editor)
    response = client.get(url("add"))
    assert response.status_code == 200
    modules = response.context["form"].fields["module"].queryset
    assert list(modules) == [world.kyoto.modules[0].specific]
    html = response.content.decode()
    assert "Kyoto / Kyoto course 1 / Module 1" in html
    assert "Silk Road course 1" not in html


def test_creating_with_another_program_s_module_is_a_form_error_on_module(client, world):
    client.force_login(world.kyoto_editor)
    before = Assessment.objects.count()
    response = client.post(url("add"), quiz_form(world.silk.modules[0]))
    assert response.status_code == 200
    assert "module" in response.context["form"].errors
    assert Assessment.objects.count() == before


def test_moving_one_s_assessment_to_another_program_s_module_is_refused(client, world):
    client.force_login(world.kyoto_editor)
    response = client.post(url("edit", world.kyoto_quiz.pk), quiz_form(world.silk.modules[0]))
    assert response.status_code == 200
    assert "module" in response.context["form"].errors
    world.kyoto_quiz.refresh_from_db()
    assert world.kyoto_quiz.module_id == world.kyoto.modules[0].id


def test_an_editor_creates_an_assessment_for_their_module(client, world):
    client.force_login(world.kyoto_editor)
    response = client.post(url("add"), quiz_form(world.kyoto.modules[0]))
    assert response.status_code == 302
    assert Assessment.objects.get(title="Gates of Kyoto").module_id == world.kyoto.modules[0].id


def test_the_policy_scopes_instance_checks_and_querysets(world):
    policy = policy_registry.get_by_type(Assessment)
    editor = world.kyoto_editor
    assert policy.user_has_permission_for_instance(editor, "change", world.kyoto_quiz)
    assert not policy.user_has_permission_for_instance(editor, "change", world.silk_quiz)
    assert not policy.user_has_permission_for_instance(editor, "delete", world.silk_quiz)
    assert list(policy.instances_user_has_permission_for(editor, "change")) == [world.kyoto_quiz]
    admin = staff_user("admin@example.com", superuser=True)
    assert policy.instances_user_has_permission_for(admin, "change").count() == 2
    who = set(policy.users_with_permission_for_instance("change", world.silk_quiz))
    assert who == {world.silk_editor, admin}


def test_translating_another_program_s_assessment_is_not_found(client, world):
    french = Locale.objects.get(language_code="fr")
    source, _ = TranslationSource.get_or_create_from_instance(world.silk_quiz)
    translation = Translation.objects.create(source=source, target_locale=french)
    translation.save_target(publish=False)
    french_quiz = world.silk_quiz.get_translation(french)

    client.force_login(world.kyoto_editor)
    submit = reverse(
        "wagtail_localize:submit_snippet_translation",
        args=["learning", "assessment", world.silk_quiz.pk],
    )
    update = reverse("wagtail_localize:update_translations", args=[source.pk])
    pofile = reverse("wagtail_localize:download_pofile", args=[translation.pk])
    stop = reverse("wagtail_localize:stop_translation", args=[translation.pk])
    detail = reverse(
        "wagtail_localize:snippets_api_detail", args=["learning", "assessment", world.silk_quiz.pk]
    )
    listing = reverse("wagtail_localize:snippets_api_listing", args=["learning", "assessment"])
    for address in (submit, update, pofile, detail, listing, url("edit", french_quiz.pk)):
        assert not_found(client, "get", address), address
    assert not_found(client, "post", stop)
    assert Translation.objects.get(pk=translation.pk).enabled

    # The program's own editor translates it.
    client.force_login(world.silk_editor)
    assert client.get(pofile).status_code == 200
    assert client.get(url("edit", french_quiz.pk)).status_code == 200
    own_submit = reverse(
        "wagtail_localize:submit_snippet_translation",
        args=["learning", "assessment", world.kyoto_quiz.pk],
    )
    client.force_login(world.kyoto_editor)
    assert client.get(own_submit).status_code == 200


def test_an_editor_publishes_their_own_assessment(client, world):
    client.force_login(world.kyoto_editor)
    publish = quiz_form(world.kyoto.modules[0], title="Kyoto gates", **{"action-publish": "1"})
    response = client.post(url("edit", world.kyoto_quiz.pk), publish)
    assert response.status_code == 302
    world.kyoto_quiz.refresh_from_db()
    assert world.kyoto_quiz.title == "Kyoto gates" and world.kyoto_quiz.live


def test_the_demo_instructors_of_a_program_author_its_assessments_only(client, world):
    from culturedegree import demo

    instructor = staff_user(
        "teacher@example.com", groups=[demo.ensure_program_instructors(program=world.kyoto.program)]
    )
    client.force_login(instructor)
    html = client.get(url("list")).content.decode()
    assert "Kyoto quiz" in html and "Silk Road quiz" not in html
    assert client.get(url("edit", world.kyoto_quiz.pk)).status_code == 200
    assert not_found(client, "get", url("edit", world.silk_quiz.pk))


def test_the_assessment_chooser_offers_only_the_editor_s_assessments(client, world):
    client.force_login(world.kyoto_editor)
    choose = reverse("wagtailsnippetchoosers_learning_assessment:choose")
    response = client.get(choose)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kyoto quiz" in html and "Silk Road quiz" not in html
    chosen = reverse("wagtailsnippetchoosers_learning_assessment:chosen", args=[world.silk_quiz.pk])
    assert not_found(client, "get", chosen)
    several = reverse("wagtailsnippetchoosers_learning_assessment:chosen_multiple")
    response = client.get(several, {"id": [world.silk_quiz.pk, world.kyoto_quiz.pk, "junk"]})
    assert "Silk Road quiz" not in response.content.decode()
    assert "Kyoto quiz" in response.content.decode()
