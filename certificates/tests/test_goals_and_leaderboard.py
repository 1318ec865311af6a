"""The learner sets a streak goal and vacation; on each program's weekly leaderboard they
choose whether to appear there; leaderboards show only learners who chose to appear on that
program's; streak and progress achievements follow."""

import datetime as dt

import pytest
import time_machine

from certificates.evaluation import evaluate_learner
from certificates.models import LeaderboardOptIn, LearnerGoals, UserAchievement

from .helpers import (
    build_tree,
    committed,
    complete,
    enroll,
    make_achievement,
    make_learner,
    record_activity,
)

pytestmark = pytest.mark.django_db


def test_the_goals_page_saves_a_weekly_goal_and_vacation(client, learner):
    client.force_login(learner)
    page = client.get("/en/my-learning/goals/").content.decode()
    assert "Vacation mode" in page
    # Leaderboards are chosen per program, on each leaderboard's page.
    assert 'name="leaderboard_opt_in"' not in page
    assert "chosen on that leaderboard" in page
    response = client.post(
        "/en/my-learning/goals/",
        {"goal_kind": "weekly", "days_per_week": "3", "on_vacation": "on"},
    )
    assert response.status_code == 302
    row = LearnerGoals.objects.get(learner=learner)
    assert (row.goal_kind, row.days_per_week) == ("weekly", 3)
    assert row.vacation_since is not None
    assert not LeaderboardOptIn.objects.exists()
    html = client.get("/en/my-learning/").content.decode()
    # The goal stays in sight while the streak is paused.
    assert "Vacation mode is on" in html
    assert "Goal: 3 days a week. This week: 0." in html


@pytest.mark.parametrize(
    "data",
    [
        {"goal_kind": "hourly", "days_per_week": "3"},
        {"goal_kind": "weekly", "days_per_week": "9"},
        {"goal_kind": "weekly"},
    ],
)
def test_bad_goals_are_refused_with_the_form_errors(client, learner, data):
    client.force_login(learner)
    response = client.post("/en/my-learning/goals/", data)
    assert response.status_code == 400
    assert 'class="field__errors"' in response.content.decode()
    assert not LearnerGoals.objects.exists()


def test_pages_need_a_signed_in_learner(client, tree):
    for url in ["/en/my-learning/goals/", f"/en/my-learning/leaderboard/{tree.program.id}/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_the_weekly_leaderboard_shows_only_learners_who_chose_to_appear(
    client, tree, learner, django_assert_max_num_queries
):
    shy = make_learner("shy@example.com", name="Shy Learner")
    keen = make_learner("keen@example.com", name="Keen Learner")
    learner.name = "Ada"
    learner.save()
    for person in (shy, keen):
        enroll(learner=person, program=tree.program)
    LeaderboardOptIn.objects.create(learner=keen, program=tree.program)
    LeaderboardOptIn.objects.create(learner=learner, program=tree.program)
    # Appearing on another program's leaderboard says nothing about this one.
    elsewhere = build_tree(title="Tea Road")
    enroll(learner=shy, program=elsewhere.program)
    LeaderboardOptIn.objects.create(learner=shy, program=elsewhere.program)
    for page in tree.all_items[:3]:
        complete(keen, page)
    for page in tree.all_items:
        complete(shy, page)
    complete(learner, tree.all_items[0])
    client.force_login(learner)
    url = f"/en/my-learning/leaderboard/{tree.program.id}/"
    client.get(url)  # warm the site's caches (root paths, catalog link)
    with django_assert_max_num_queries(14):
        html = client.get(url).content.decode()
    assert "Keen Learner" in html
    assert "Shy Learner" not in html
    table = html[html.index("<tbody>") :]
    assert table.index("Keen Learner") < table.index("Ada")
    assert "<td>30</td>" in html and "<td>10</td>" in html
    assert "(you)" in html


def test_a_leaderboard_of_a_program_one_is_not_in_is_not_found(client, tree, learner):
    other = build_tree(title="Other")
    client.force_login(make_learner("eve@example.com"))
    assert client.get(f"/en/my-learning/leaderboard/{tree.program.id}/").status_code == 404
    client.force_login(learner)
    assert client.get(f"/en/my-learning/leaderboard/{other.program.id}/").status_code == 404
    assert client.get(f"/en/my-learning/leaderboard/{tree.program.id}/").status_code == 200


def test_last_weeks_completions_do_not_count(client, tree, learner):
    LeaderboardOptIn.objects.create(learner=learner, program=tree.program)
    with time_machine.travel(dt.datetime.now(dt.UTC) - dt.timedelta(days=8)):
        complete(learner, tree.all_items[0])
    client.force_login(learner)
    html = client.get(f"/en/my-learning/leaderboard/{tree.program.id}/").content.decode()
    assert "Nobody on this leaderboard has completed an item this week yet." in html


def test_a_streak_achievement_shows_days_of_the_goal_then_is_earned(learner):
    achievement = make_achievement("streak", {"length": 3})
    now = dt.datetime.now(dt.UTC)
    for days_ago in (2, 1):
        record_activity(learner=learner, at=now - dt.timedelta(days=days_ago))
    evaluate_learner(learner=learner)
    row = UserAchievement.objects.get(achievement=achievement)
    assert (row.progress, row.earned_at) == ({"current": 2, "target": 3}, None)
    record_activity(learner=learner, at=now)
    assert [r.achievement for r in committed(evaluate_learner, learner=learner)] == [achievement]


def test_the_goals_page_stays_within_its_query_budget(
    client, learner, django_assert_max_num_queries
):
    client.force_login(learner)
    client.get("/en/my-learning/goals/")  # warm the site's caches
    with django_assert_max_num_queries(12):
        assert client.get("/en/my-learning/goals/").status_code == 200
