"""What the learner sees: My learning's panel, GET /api/v1/achievements, the goals page and
the weekly leaderboard."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from certificates.evaluation import award
from certificates.models import UserAchievement

from .helpers import complete, make_achievement, make_learner

pytestmark = pytest.mark.django_db


def queries(client, url):
    """Queries of a render: every cache emptied first (the panel is kept in "fragments")."""
    for alias_cache in caches.all():
        alias_cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_my_learning_shows_earned_and_in_progress_achievements_and_the_notice(
    client, tree, learner
):
    make_achievement(
        "course_completion", {"course": tree.courses[0].id}, name="First steps", points=40
    )
    make_achievement("program_completion", {"program": tree.program.id}, name="Road's end")
    for page in tree.items[0]:
        complete(learner, page)
    client.force_login(learner)
    html = client.get("/en/my-learning/").content.decode()
    assert "New achievement: First steps" in html
    assert "Road&#x27;s end" in html
    assert "2 of 4" in html
    assert "Not started yet" not in html
    # 2 items (20 points) and the achievement (40 points).
    assert "data-points>60<" in html
    row = UserAchievement.objects.get(earned_at__isnull=False)
    response = client.post(f"/en/my-learning/achievements/{row.pk}/seen/")
    assert response.status_code == 302
    assert "New achievement" not in client.get("/en/my-learning/").content.decode()


def test_someone_elses_award_cannot_be_dismissed(client, tree, learner):
    achievement = make_achievement("special")
    row = award(learner=learner, achievement=achievement, reason="x")
    client.force_login(make_learner("eve@example.com"))
    assert client.post(f"/en/my-learning/achievements/{row.pk}/seen/").status_code == 404
    row.refresh_from_db()
    assert row.seen_at is None


def test_my_learning_queries_stay_constant_with_50_achievements(
    client, tree, learner, django_assert_max_num_queries
):
    client.force_login(learner)
    client.get("/en/my-learning/")
    few = queries(client, "/en/my-learning/")
    for n in range(50):
        achievement = make_achievement("special", name=f"Award {n}")
        award(learner=learner, achievement=achievement, reason="test")
    for n in range(10):
        make_achievement("course_completion", {"course": tree.courses[n % 2].id}, name=f"C{n}")
    complete(learner, tree.items[0][0])
    many = queries(client, "/en/my-learning/")
    assert many == few, (few, many)
    # A repeat view takes the journey body and the panel from the cache.
    with django_assert_max_num_queries(6):
        html = client.get("/en/my-learning/").content.decode()
    assert html.count('data-achievement="earned"') == 50
    with django_assert_max_num_queries(8):
        response = client.get("/api/v1/achievements")
    assert len(response.json()["earned"]) == 50


def test_the_api_lists_earned_and_in_progress_achievements(client, tree, learner):
    earned = make_achievement("course_completion", {"course": tree.courses[0].id}, points=30)
    make_achievement("program_completion", {"program": tree.program.id})
    for page in tree.items[0]:
        complete(learner, page)
    client.force_login(learner)
    body = client.get("/api/v1/achievements").json()
    assert [a["id"] for a in body["earned"]] == [str(earned.id)]
    assert body["earned"][0]["earned_at"]
    assert [(a["current"], a["target"]) for a in body["in_progress"]] == [(2, 4)]
    make_achievement("streak", {"length": 30}, name="A month")
    body = client.get("/api/v1/achievements").json()
    assert [a["name"] for a in body["not_started"]] == ["A month"]
    assert body["points"] == {"total": 50, "level": 1, "next_level_at": 100}
    assert body["streak"]["current"] == 1
    assert body["streak"]["goal"] == "daily"


def test_the_api_needs_a_signed_in_learner_and_shows_only_their_own(client, tree, learner):
    response = client.get("/api/v1/achievements")
    assert response.status_code == 401
    assert response.json() == {"message": "Sign in first."}
    award(learner=learner, achievement=make_achievement("special"), reason="x")
    client.force_login(make_learner("eve@example.com"))
    assert client.get("/api/v1/achievements").json()["earned"] == []


def test_achievements_show_in_the_learners_language(client, tree, learner):
    from django.utils import translation
    from wagtail.models import Locale

    achievement = make_achievement("special", name="Helping hand", description="Help.")
    french = achievement.copy_for_translation(Locale.objects.get(language_code="fr"))
    french.name, french.description = "Coup de main", "Aider."
    french.save()
    award(learner=learner, achievement=achievement, reason="x")
    client.force_login(learner)
    with translation.override("fr"):
        html = client.get("/fr/my-learning/").content.decode()
    assert "Coup de main" in html
    assert "Helping hand" not in html
