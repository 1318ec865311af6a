"""Appearing on a program's weekly leaderboard is the learner's choice, program by program,
made on that leaderboard's page: a form that says where they stand, POST with CSRF, the
state asked for (so a second click changes nothing), one row per learner and program."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import IntegrityError, transaction
from django.test import Client
from wagtail.models import GroupPagePermission

from certificates.models import LeaderboardOptIn
from learning.journey.enrollment import drop
from learning.models import Enrollment
from learning.tests.factories import staff_user

from .helpers import build_tree, complete, enroll, make_learner

pytestmark = pytest.mark.django_db


def board(tree) -> str:
    return f"/en/my-learning/leaderboard/{tree.program.id}/"


def appearance(tree) -> str:
    return f"/en/my-learning/leaderboard/{tree.program.id}/appearance/"


def test_the_page_says_where_the_learner_stands_and_the_toggle_puts_them_on_and_off(
    client, tree, learner
):
    learner.name = "Ada"
    learner.save()
    complete(learner, tree.all_items[0])
    client.force_login(learner)
    html = client.get(board(tree)).content.decode()
    assert 'data-leaderboard-state="out"' in html
    assert "You do not appear on this leaderboard." in html
    assert 'name="appear" value="yes"' in html
    assert "csrfmiddlewaretoken" in html
    assert "Ada (you)" not in html

    response = client.post(appearance(tree), {"appear": "yes"})
    assert response.status_code == 302
    assert response["Location"] == board(tree)
    page = client.get(board(tree)).content.decode()
    assert "You now appear on this leaderboard." in page
    assert 'data-leaderboard-state="in"' in page
    assert 'name="appear" value="no"' in page
    assert "Ada (you)" in page and "<td>10</td>" in page

    response = client.post(appearance(tree), {"appear": "no"})
    assert response.status_code == 302
    page = client.get(board(tree)).content.decode()
    assert "You no longer appear on this leaderboard." in page
    assert 'data-leaderboard-state="out"' in page
    assert "Ada (you)" not in page
    assert not LeaderboardOptIn.objects.exists()


def test_sending_the_form_twice_keeps_one_row_and_the_database_refuses_a_second(
    client, tree, learner
):
    client.force_login(learner)
    for _ in range(2):
        assert client.post(appearance(tree), {"appear": "yes"}).status_code == 302
    assert LeaderboardOptIn.objects.filter(learner=learner, program=tree.program).count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        LeaderboardOptIn.objects.create(learner=learner, program=tree.program)
    for _ in range(2):
        assert client.post(appearance(tree), {"appear": "no"}).status_code == 302
    assert not LeaderboardOptIn.objects.exists()


def test_appearing_on_one_program_says_nothing_about_another(client, tree, learner):
    other = build_tree(title="Tea Road")
    enroll(learner=learner, program=other.program)
    client.force_login(learner)
    client.post(appearance(tree), {"appear": "yes"})
    assert 'data-leaderboard-state="in"' in client.get(board(tree)).content.decode()
    assert 'data-leaderboard-state="out"' in client.get(board(other)).content.decode()
    # My learning says on which leaderboards the learner appears.
    html = client.get("/en/my-learning/").content.decode()
    listed = html[html.index('class="achievements-boards"') :]
    listed = listed[: listed.index("</ul>")]
    silk, tea = listed.split("</li>")[:2]
    assert "Silk Road" in silk and "(you appear)" in silk
    assert "Tea Road" in tea and "(you appear)" not in tea


@pytest.mark.parametrize("data", [{"appear": "maybe"}, {}])
def test_a_bad_choice_is_a_form_error_and_changes_nothing(client, tree, learner, data):
    client.force_login(learner)
    response = client.post(appearance(tree), data)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert not LeaderboardOptIn.objects.exists()


def test_the_form_needs_its_csrf_token(tree, learner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    assert client.post(appearance(tree), {"appear": "yes"}).status_code == 403
    assert not LeaderboardOptIn.objects.exists()


def test_signed_out_visitors_are_sent_to_sign_in(client, tree):
    response = client.post(appearance(tree), {"appear": "yes"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get(appearance(tree)).status_code in {302, 405}


def test_someone_elses_program_is_not_found_and_nothing_is_recorded(client, tree, learner):
    other = build_tree(title="Tea Road")
    client.force_login(learner)
    assert client.post(appearance(other), {"appear": "yes"}).status_code == 404
    assert client.post("/en/my-learning/leaderboard/999999/appearance/", {}).status_code == 404
    assert not LeaderboardOptIn.objects.exists()


def test_staff_of_another_program_cannot_appear_on_this_one(client, tree, learner):
    other = build_tree(title="Tea Road")
    group = Group.objects.create(name="Instructors of Tea Road")
    GroupPagePermission.objects.create(group=group, page=other.program, permission_type="change")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    staff = staff_user("instructor@example.com", groups=[group])
    client.force_login(staff)
    assert client.get(board(tree)).status_code == 404
    assert client.post(appearance(tree), {"appear": "yes"}).status_code == 404
    assert not LeaderboardOptIn.objects.exists()


def test_a_learner_who_left_the_program_cannot_appear_and_is_not_listed(client, tree, learner):
    client.force_login(learner)
    client.post(appearance(tree), {"appear": "yes"})
    complete(learner, tree.all_items[0])
    enrollment = Enrollment.objects.get(learner=learner)
    drop(enrollment=enrollment)
    html = client.get(board(tree)).content.decode()
    assert "You left this program" in html
    assert 'name="appear"' not in html
    assert "(you)" not in html
    assert client.post(appearance(tree), {"appear": "yes"}).status_code == 404


def test_only_post_changes_the_choice(client, tree, learner):
    client.force_login(learner)
    assert client.get(appearance(tree) + "?appear=yes").status_code == 405
    assert not LeaderboardOptIn.objects.exists()


def test_the_opt_ins_are_exported_and_go_with_the_account(client, tree, learner):
    other = make_learner("eve@example.com")
    enroll(learner=other, program=tree.program)
    LeaderboardOptIn.objects.create(learner=learner, program=tree.program)
    LeaderboardOptIn.objects.create(learner=other, program=tree.program)
    client.force_login(learner)
    exported = client.get("/api/v1/me/export").json()
    rows = exported["certificates.LeaderboardOptIn"]["rows"]
    assert [(r["program"], r["program_id"]) for r in rows] == [("Silk Road", tree.program.id)]
    learner.delete()
    assert list(LeaderboardOptIn.objects.values_list("learner_id", flat=True)) == [other.pk]
