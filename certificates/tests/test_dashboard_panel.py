"""My learning's achievements panel, kept per learner: a repeat view is served from the cache,
and every write that changes what the learner sees in it shows on the next view."""

import datetime as dt
import re
from contextlib import contextmanager

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from certificates.dashboard_panel import PANEL_FINGERPRINT_SQL
from certificates.evaluation import award
from certificates.journey import CSRF_PLACEHOLDER
from certificates.models import UserAchievement
from culturedegree.privacy import erase_account
from learning.content.caching import content_version
from learning.journey.access import resolve_item
from learning.journey.heartbeats import heartbeat
from learning.journey.progress import start_item
from learning.tests.factories import staff_user
from learning.tests.journey_helpers import rewind_credit

from .helpers import build_tree, complete, make_achievement, make_learner, uncomplete

pytestmark = pytest.mark.django_db

URL = "/en/my-learning/"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def view(client, url: str = URL) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def panel(client, url: str = URL) -> str:
    """The achievements panel of the page, without the journey body around it."""
    html = view(client, url)
    return html[html.index("data-achievements") :]


def streak(html: str) -> int:
    return int(re.search(r"data-goal-streak>.*?(\d+)</dd>", html, re.S).group(1))


def points(html: str) -> int:
    return int(re.search(r"data-points>(\d+)<", html).group(1))


@contextmanager
def content_unchanged():
    """The write under test shows through the learner's fingerprint, not a content bump."""
    before = content_version()
    yield
    assert content_version() == before


def test_a_repeat_view_serves_the_panel_from_the_cache(client, learner):
    award(learner=learner, achievement=make_achievement("special", name="Kind"), reason="x")
    client.force_login(learner)
    with CaptureQueriesContext(connection) as first:
        first_html = view(client)
    with CaptureQueriesContext(connection) as again:
        again_html = view(client)
    assert TOKEN.sub("", again_html) == TOKEN.sub("", first_html)
    assert "New achievement: Kind" in again_html
    # On a hit the panel reads its fingerprint and nothing else of the learner's records.
    panel_reads = [q["sql"] for q in again.captured_queries if "certificates_" in q["sql"]]
    assert len(panel_reads) == 1
    assert panel_reads[0].startswith(PANEL_FINGERPRINT_SQL.split("%(learner)s")[0])
    assert len(first) - len(again) >= 5


def test_the_goal_form_and_vacation_show_at_once(client, learner):
    client.force_login(learner)
    assert "Goal: every day. Learn today to keep your streak." in panel(client)
    with content_unchanged():
        client.post("/en/my-learning/goals/", {"goal_kind": "weekly", "days_per_week": "2"})
        html = panel(client)
        assert "Goal: 2 days a week. This week: 0." in html
        assert "Weeks in a row" in html
        assert "Vacation mode is on" not in html
        client.post(
            "/en/my-learning/goals/",
            {"goal_kind": "weekly", "days_per_week": "2", "on_vacation": "on"},
        )
        assert "Vacation mode is on" in panel(client)
        client.post("/en/my-learning/goals/", {"goal_kind": "daily", "days_per_week": "2"})
        html = panel(client)
        assert "Vacation mode is on" not in html
        assert "Days in a row" in html


def test_appearing_on_a_leaderboard_shows_at_once(client, tree, learner):
    url = reverse("leaderboard_appearance", args=[tree.program.id])
    client.force_login(learner)
    assert "(you appear)" not in panel(client)
    with content_unchanged():
        assert client.post(url, {"appear": "yes"}).status_code == 302
        assert "(you appear)" in panel(client)
        assert client.post(url, {"appear": "no"}).status_code == 302
        assert "(you appear)" not in panel(client)


def test_an_award_and_dismissing_its_notice_show_at_once(client, learner):
    achievement = make_achievement("special", name="Helping hand", points=30)
    client.force_login(learner)
    html = panel(client)
    assert "Helping hand" not in html
    assert points(html) == 0
    with content_unchanged():
        row = award(learner=learner, achievement=achievement, reason="Ran the study group")
        html = panel(client)
        assert "New achievement: Helping hand" in html
        assert points(html) == 30
        response = client.post(reverse("achievement_seen", args=[row.pk]))
        assert response.status_code == 302
        html = panel(client)
        assert "New achievement" not in html
        assert 'data-achievement="earned"' in html and "Helping hand" in html


def test_completions_their_undo_and_earning_show_at_once(client, tree, learner):
    make_achievement(
        "course_completion", {"course": tree.courses[0].id}, name="First steps", points=40
    )
    first, second = tree.items[0]
    client.force_login(learner)
    html = panel(client)
    assert "Not started yet" in html
    assert points(html) == 0
    with content_unchanged():
        complete(learner, first)
        html = panel(client)
        assert "1 of 2" in html
        assert points(html) == 10
        uncomplete(learner, first)
        html = panel(client)
        assert "0 of 2" in html
        assert points(html) == 0
        complete(learner, first)
        complete(learner, second)
        html = panel(client)
        assert "New achievement: First steps" in html
        assert points(html) == 60  # 2 items and the achievement
        # An undo takes the item's points back; the award stays.
        uncomplete(learner, second)
        html = panel(client)
        assert points(html) == 50
        assert 'data-achievement="earned"' in html


def test_a_heartbeat_on_a_new_day_moves_the_streak_at_once(client, tree, learner):
    item = resolve_item(page_id=tree.items[0][0].id)
    with time_machine.travel(timezone.now() - dt.timedelta(days=1)):
        start_item(learner=learner, item=item)
    client.force_login(learner)
    html = panel(client)
    assert "Learn today to keep your streak" in html
    assert streak(html) == 1
    with content_unchanged():
        rewind_credit(learner, 3600)
        heartbeat(learner=learner, item=item, seconds=60)
        html = panel(client)
        assert "Today is done" in html
        assert streak(html) == 2


def test_enrolling_and_leaving_show_in_the_leaderboards_at_once(client, tree, learner):
    other = build_tree(title="Amber Road")
    client.force_login(learner)
    html = panel(client)
    assert "Silk Road" in html and "Amber Road" not in html
    with content_unchanged():
        client.post(reverse("enroll", args=[other.program.id]))
        assert "Amber Road" in panel(client)
        enrollment = learner.enrollments.get(program=tree.program)
        client.post(reverse("enrollment_status", args=[enrollment.pk, "drop"]))
        html = panel(client)
        assert "Amber Road" in html and "Silk Road" not in html


def test_two_learners_back_to_back_see_their_own_panels(tree, learner):
    grace = make_learner("grace@example.com")
    award(learner=learner, achievement=make_achievement("special", name="Kind"), reason="x")
    ada_client, grace_client = Client(), Client()
    ada_client.force_login(learner)
    grace_client.force_login(grace)
    ada_client.post(reverse("leaderboard_appearance", args=[tree.program.id]), {"appear": "yes"})
    grace_client.post("/en/my-learning/goals/", {"goal_kind": "weekly", "days_per_week": "4"})
    for _ in range(2):
        ada = panel(ada_client)
        assert "New achievement: Kind" in ada and "(you appear)" in ada
        assert "Goal: every day." in ada
        grace_panel = panel(grace_client)
        assert "Kind" not in grace_panel and "(you appear)" not in grace_panel
        assert "Silk Road" not in grace_panel  # not enrolled
        assert "Goal: 4 days a week. This week: 0." in grace_panel


def test_an_editors_rename_and_delete_show_at_once(
    client, tree, learner, django_capture_on_commit_callbacks
):
    achievement = make_achievement("streak", {"length": 7}, name="A week", points=20)
    gone = make_achievement("streak", {"length": 30}, name="A month", points=20)
    editor = Client()
    editor.force_login(staff_user("admin@example.com", superuser=True))
    client.force_login(learner)
    html = panel(client)
    assert "A week" in html and "A month" in html
    edit = reverse("wagtailsnippets_certificates_achievement:edit", args=[achievement.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(
            edit,
            {
                "name": "Seven days",
                "description": "Learn every day for a week.",
                "icon": "flame",
                "points": "20",
                "kind": "streak",
                "criteria_length": "7",
                "is_active": "on",
            },
        )
    assert response.status_code == 302
    html = panel(client)
    assert "Seven days" in html and "Learn every day for a week." in html
    assert "A week" not in html
    delete = reverse("wagtailsnippets_certificates_achievement:delete", args=[gone.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert editor.post(delete).status_code == 302
    assert "A month" not in panel(client)


def test_a_translators_change_shows_at_once(client, learner, django_capture_on_commit_callbacks):
    achievement = make_achievement("special", name="Helping hand", description="Help.")
    source, _ = TranslationSource.get_or_create_from_instance(achievement)
    french = Locale.objects.get(language_code="fr")
    source.create_or_update_translation(french, fallback=True)
    award(learner=learner, achievement=achievement, reason="x")
    client.force_login(learner)
    assert "Helping hand" in panel(client, "/fr/my-learning/")  # not translated yet
    translated = achievement.get_translation(french)
    translated.name = "Coup de main"
    with django_capture_on_commit_callbacks(execute=True):
        translated.save()
    html = panel(client, "/fr/my-learning/")
    assert "Coup de main" in html and "Helping hand" not in html
    assert "Helping hand" in panel(client)  # English keeps its own words


def test_each_session_gets_a_working_token_in_the_panels_forms(learner):
    row = award(learner=learner, achievement=make_achievement("special", name="Kind"), reason="x")
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(learner)
    second.force_login(learner)
    view(first)  # fills the cache with the first session's render
    html = panel(second)
    assert CSRF_PLACEHOLDER not in html
    action, token = re.search(
        r'action="([^"]+/seen/)"><input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)"',
        html,
    ).groups()
    assert second.post(action, {"csrfmiddlewaretoken": token}).status_code == 302
    row.refresh_from_db()
    assert row.seen_at is not None


def test_an_erased_account_leaves_nothing_for_the_next_one(client, learner):
    award(learner=learner, achievement=make_achievement("special", name="Kind"), reason="x")
    client.force_login(learner)
    assert "Kind" in panel(client)
    erase_account(user=learner)
    assert not UserAchievement.objects.exists()
    assert client.get(URL).status_code == 302  # signed out
    client.force_login(make_learner())  # the same address, a new account
    html = panel(client)
    assert "Kind" not in html
    assert points(html) == 0
