"""Special awards scoped by program, and the staff's list of awards."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import GroupPagePermission

from certificates.evaluation import ACHIEVEMENT_AWARDED, award
from certificates.models import Achievement, UserAchievement
from community.models import Notification
from culturedegree import audit
from learning.tests.factories import staff_user
from learning.tests.module_worlds import afresh, rolled_back

from .helpers import build_tree, enroll, make_achievement, make_learner

# Each test runs in a savepoint of the module's programs (see `built_programs`).
pytestmark = pytest.mark.django_db

AWARDS_URL = reverse("achievement_awards:index")
CHOOSE_URL = reverse("certificates_award_choose")


def award_url(achievement) -> str:
    return reverse("certificates_award_achievement", args=[achievement.pk])


def staff_of(program, email: str, *codenames: str) -> tuple[Client, object]:
    """A member of staff with a role on `program` only (and `codenames` permissions)."""
    group = Group.objects.create(name=f"Instructors of {program.title}")
    GroupPagePermission.objects.create(group=group, page=program, permission_type="change")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in codenames:
        group.permissions.add(Permission.objects.get(codename=codename))
    user = staff_user(email, groups=[group])
    client = Client()
    client.force_login(user)
    return client, user


@pytest.fixture(scope="module")
def built_programs(django_db_setup, django_db_blocker):
    """The two programs, built once for the module; each test runs in a savepoint of its own
    (learning.tests.module_worlds.rolled_back) and makes its own achievements and people."""
    with rolled_back(django_db_blocker):
        yield build_tree(title="Silk Road"), build_tree(title="Tea Road", courses=1)


@pytest.fixture
def programs(built_programs):
    return afresh(built_programs)


@pytest.fixture
def silk_special(programs):
    return make_achievement("special", name="Study group host", program=programs[0].program)


@pytest.fixture
def grace(programs):
    learner = make_learner("grace@example.com")
    enroll(learner=learner, program=programs[0].program)
    return learner


def test_staff_of_the_program_award_its_achievement_once_audited_and_notified(
    programs, silk_special, grace, django_capture_on_commit_callbacks
):
    client, staff = staff_of(programs[0].program, "silk@example.com")
    assert silk_special.name in client.get(CHOOSE_URL).content.decode()
    assert award_url(silk_special) in client.get(CHOOSE_URL).content.decode()
    assert client.get(award_url(silk_special)).status_code == 200
    data = {"email": "grace@example.com", "reason": "Ran the study group"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(award_url(silk_special), data)
    assert response.status_code == 302
    assert response["Location"] == AWARDS_URL
    row = UserAchievement.objects.get(learner=grace)
    assert (row.awarded_by, row.reason) == (staff, "Ran the study group")
    entry = audit.entries_about(grace).get(action=ACHIEVEMENT_AWARDED)
    assert entry.user_id == staff.pk
    assert entry.data["program"] == programs[0].program.pk
    assert entry.data["program_title"] == "Silk Road"
    notice = Notification.objects.get(recipient=grace, kind="achievement")
    assert notice.title == "Study group host"

    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(award_url(silk_special), data)
    assert again.status_code == 400
    assert "already has this achievement" in again.content.decode()
    assert UserAchievement.objects.filter(learner=grace).count() == 1
    assert audit.entries_about(grace).filter(action=ACHIEVEMENT_AWARDED).count() == 1
    assert Notification.objects.filter(recipient=grace, kind="achievement").count() == 1


def test_staff_of_another_program_cannot_award_it_nor_see_its_button(programs, silk_special, grace):
    client, _staff = staff_of(programs[1].program, "tea@example.com", "view_achievement")
    assert client.get(award_url(silk_special), follow=True).status_code == 404
    response = client.post(
        award_url(silk_special), {"email": grace.email, "reason": "Because"}, follow=True
    )
    assert response.status_code == 404
    assert not UserAchievement.objects.exists()
    assert award_url(silk_special) not in client.get(CHOOSE_URL).content.decode()
    snippets = client.get(reverse("wagtailsnippets_certificates_achievement:list"))
    assert snippets.status_code == 200
    assert silk_special.name in snippets.content.decode()
    assert award_url(silk_special) not in snippets.content.decode()
    assert CHOOSE_URL not in client.get(AWARDS_URL).content.decode()


def test_the_programs_staff_see_the_award_button_in_the_achievements_listing(
    programs, silk_special
):
    client, _staff = staff_of(programs[0].program, "silk@example.com", "view_achievement")
    snippets = client.get(reverse("wagtailsnippets_certificates_achievement:list"))
    assert award_url(silk_special) in snippets.content.decode()
    assert CHOOSE_URL in client.get(AWARDS_URL).content.decode()


def test_a_learner_not_enrolled_in_the_program_is_a_form_error(programs, silk_special):
    tea_learner = make_learner("bo@example.com")
    enroll(learner=tea_learner, program=programs[1].program)
    client, _staff = staff_of(programs[0].program, "silk@example.com")
    response = client.post(award_url(silk_special), {"email": "bo@example.com", "reason": "Help"})
    assert response.status_code == 400
    assert "This learner is not enrolled in Silk Road." in response.content.decode()
    assert response.context["form"].errors["email"] == [
        "This learner is not enrolled in Silk Road."
    ]
    assert not UserAchievement.objects.exists()


def test_an_achievement_of_no_program_stays_with_administrators(programs, grace):
    everyone = make_achievement("special", name="Kindness")
    client, _staff = staff_of(programs[0].program, "silk@example.com")
    assert client.get(award_url(everyone), follow=True).status_code == 404
    refused = client.post(award_url(everyone), {"email": grace.email, "reason": "x"}, follow=True)
    assert refused.status_code == 404
    assert not UserAchievement.objects.exists()
    assert award_url(everyone) not in client.get(CHOOSE_URL).content.decode()
    admin = Client()
    admin.force_login(staff_user("admin@example.com", superuser=True))
    page = admin.get(CHOOSE_URL).content.decode()
    assert award_url(everyone) in page
    response = admin.post(award_url(everyone), {"email": grace.email, "reason": "Kind words"})
    assert response.status_code == 302
    assert audit.entries_about(grace).get(action=ACHIEVEMENT_AWARDED).data["program"] is None


@pytest.fixture
def admin_client(site):
    client = Client()
    client.force_login(staff_user("admin@example.com", superuser=True))
    return client


def achievement_form(**fields):
    return {
        "name": "Host",
        "description": "Run a study group.",
        "icon": "trophy",
        "points": "50",
        "is_active": "on",
        **fields,
    }


def test_only_a_special_achievement_may_name_a_program(admin_client, programs):
    add_url = reverse("wagtailsnippets_certificates_achievement:add")
    program = programs[0].program
    refused = admin_client.post(
        add_url,
        achievement_form(
            kind="course_completion",
            criteria_course=programs[0].courses[0].id,
            program=program.id,
        ),
    )
    assert refused.status_code == 200
    errors = refused.context["form"].errors
    assert "Only a special achievement belongs to a program" in " ".join(errors["program"])
    assert not Achievement.objects.exists()
    saved = admin_client.post(add_url, achievement_form(kind="special", program=program.id))
    assert saved.status_code == 302, saved.context["form"].errors
    assert Achievement.objects.get().program_id == program.id


def awards_listed(client, **params) -> str:
    response = client.get(AWARDS_URL, params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_listing_says_how_each_award_was_made(programs, silk_special, grace, admin_client):
    streak = make_achievement("streak", {"length": 3}, name="Three days")
    award(learner=grace, achievement=streak)
    staff = staff_user("silk@example.com")
    award(learner=grace, achievement=silk_special, by=staff, reason="Ran the group")
    html = awards_listed(admin_client)
    assert "grace@example.com" in html
    assert "Three days" in html and "Automatically" in html
    assert "Awarded by silk@example.com: Ran the group" in html


def test_filters_and_search_narrow_the_listing(programs, silk_special, grace, admin_client):
    bo = make_learner("bo@example.com")
    enroll(learner=bo, program=programs[1].program)
    streak = make_achievement("streak", {"length": 3}, name="Three days")
    award(learner=grace, achievement=silk_special, reason="Host")
    award(learner=bo, achievement=streak)
    by_achievement = awards_listed(admin_client, achievement=silk_special.pk)
    assert "grace@example.com" in by_achievement and "bo@example.com" not in by_achievement
    by_program = awards_listed(admin_client, program=programs[1].program.pk)
    assert "bo@example.com" in by_program and "grace@example.com" not in by_program
    searched = awards_listed(admin_client, q="grace@")
    assert "grace@example.com" in searched and "bo@example.com" not in searched


def test_staff_of_another_program_see_none_of_its_awards(programs, silk_special, grace):
    streak = make_achievement("streak", {"length": 3}, name="Three days")
    award(learner=grace, achievement=silk_special, reason="Host")
    award(learner=grace, achievement=streak)
    bo = make_learner("bo@example.com")
    enroll(learner=bo, program=programs[1].program)
    award(learner=bo, achievement=streak)
    tea, _staff = staff_of(programs[1].program, "tea@example.com")
    html = awards_listed(tea)
    assert "bo@example.com" in html
    assert "grace@example.com" not in html and "Study group host" not in html
    assert "grace@example.com" not in awards_listed(tea, program=programs[0].program.pk)
    silk, _staff = staff_of(programs[0].program, "silk@example.com")
    html = awards_listed(silk)
    assert "grace@example.com" in html and "bo@example.com" not in html


def test_a_learner_without_a_role_is_refused_the_listing(grace):
    client = Client()
    client.force_login(grace)
    assert client.get(AWARDS_URL).status_code in (302, 403)
    assert client.get(CHOOSE_URL).status_code in (302, 403)


def test_the_listing_is_labelled_for_assistive_technology(
    programs, silk_special, grace, admin_client
):
    award(learner=grace, achievement=silk_special, reason="Host")
    html = awards_listed(admin_client)
    assert "<h1" in html
    for field in ("id_q", "id_achievement", "id_program"):
        assert f'for="{field}"' in html, field
    for heading in ("Learner", "Achievement", "Program", "Earned", "How"):
        assert heading in html


def listing_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(AWARDS_URL).status_code == 200
    return len(queries)


def test_the_listing_runs_the_same_queries_for_3_awards_as_for_30(programs, silk_special):
    client, staff = staff_of(programs[0].program, "silk@example.com")
    streak = make_achievement("streak", {"length": 3}, name="Three days")
    learners = []
    for n in range(15):
        learner = make_learner(f"learner{n}@example.com")
        enroll(learner=learner, program=programs[0].program)
        learners.append(learner)
    for learner in learners[:2]:
        award(learner=learner, achievement=streak)
    award(learner=learners[2], achievement=silk_special, by=staff, reason="Host")
    few = listing_queries(client)
    for learner in learners[2:]:
        award(learner=learner, achievement=streak)
    for learner in [*learners[:2], *learners[3:]]:
        award(learner=learner, achievement=silk_special, by=staff, reason="Host")
    assert UserAchievement.objects.filter(earned_at__isnull=False).count() == 30
    many = listing_queries(client)
    assert many == few
    assert many <= 40, many
    assert "learner14@example.com" in awards_listed(client)


def test_an_editor_without_a_role_returns_to_the_achievements_they_may_award(programs, grace):
    everyone = make_achievement("special", name="Kindness")
    group = Group.objects.create(name="Achievement editors")
    for codename in ("access_admin", "change_achievement"):
        group.permissions.add(Permission.objects.get(codename=codename))
    client = Client()
    client.force_login(staff_user("editor@example.com", groups=[group]))
    response = client.post(award_url(everyone), {"email": grace.email, "reason": "Kind words"})
    assert response.status_code == 302
    assert response["Location"] == CHOOSE_URL
    assert UserAchievement.objects.filter(learner=grace, achievement=everyone).exists()


def test_nobody_edits_or_deletes_an_award_from_the_listing(
    programs, silk_special, grace, admin_client
):
    row = award(learner=grace, achievement=silk_special, reason="Host")
    edit = reverse("achievement_awards:edit", args=[row.pk])
    delete = reverse("achievement_awards:delete", args=[row.pk])
    assert edit not in awards_listed(admin_client)
    assert admin_client.post(edit, {"reason": "Changed"}).status_code in (302, 403)
    assert admin_client.post(delete).status_code in (302, 403)
    row.refresh_from_db()
    assert row.reason == "Host"


def test_an_award_of_no_program_shows_to_the_staff_of_each_program_the_learner_follows(
    programs, grace
):
    enroll(learner=grace, program=programs[1].program)
    award(learner=grace, achievement=make_achievement("streak", {"length": 3}, name="Three days"))
    for program, email in ((programs[0].program, "silk@"), (programs[1].program, "tea@")):
        client, _staff = staff_of(program, f"{email}example.com")
        assert "grace@example.com" in awards_listed(client)


def test_bad_filter_values_show_the_listing_not_an_error(programs, silk_special, admin_client):
    for params in ({"program": "not-a-number"}, {"achievement": "nope"}, {"p": "x"}):
        assert admin_client.get(AWARDS_URL, params).status_code in (200, 404), params


def test_a_translation_keeps_the_achievements_program(programs, silk_special):
    from wagtail.models import Locale
    from wagtail_localize.models import TranslationSource

    source, _created = TranslationSource.get_or_create_from_instance(silk_special)
    french = Locale.objects.get(language_code="fr")
    translation, _created = source.create_or_update_translation(french, fallback=True)
    assert translation.program_id == programs[0].program.id
