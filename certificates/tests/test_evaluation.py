"""Achievements are evaluated after the events that can change them, and awarded once."""

import pytest

from certificates import hooks
from certificates.evaluation import evaluate_learner
from certificates.models import UserAchievement

from .helpers import committed, complete, complete_now, make_achievement, uncomplete

pytestmark = pytest.mark.django_db


def test_course_completion_shows_progress_then_is_earned_once(tree, learner):
    achievement = make_achievement("course_completion", {"course": tree.courses[0].id}, points=40)
    complete(learner, tree.items[0][0])
    row = UserAchievement.objects.get(learner=learner, achievement=achievement)
    assert row.earned_at is None
    assert row.progress == {"current": 1, "target": 2}
    complete(learner, tree.items[0][1])
    row.refresh_from_db()
    assert row.earned_at is not None
    assert row.progress == {"current": 2, "target": 2}
    # Undoing and redoing keeps the award as it was: earned once.
    earned_at = row.earned_at
    uncomplete(learner, tree.items[0][1])
    complete(learner, tree.items[0][1])
    row.refresh_from_db()
    assert row.earned_at == earned_at
    assert UserAchievement.objects.filter(learner=learner).count() == 1


def test_program_completion_is_earned_when_the_program_completes(tree, learner):
    achievement = make_achievement("program_completion", {"program": tree.program.id})
    for page in tree.all_items[:-1]:
        complete(learner, page)
    row = UserAchievement.objects.get(achievement=achievement)
    assert (row.progress, row.earned_at) == ({"current": 3, "target": 4}, None)
    complete(learner, tree.all_items[-1])
    row.refresh_from_db()
    assert row.earned_at is not None


def test_a_rolled_back_completion_awards_nothing(tree, learner):
    from django.db import transaction

    make_achievement("course_completion", {"course": tree.courses[0].id})
    complete(learner, tree.items[0][0])

    def complete_then_fail():
        with transaction.atomic():
            complete_now(learner, tree.items[0][1])
            raise RuntimeError

    with pytest.raises(RuntimeError):
        committed(complete_then_fail)
    assert not UserAchievement.objects.filter(earned_at__isnull=False).exists()


def test_the_learner_is_notified_once_through_the_award_hook(tree, learner):
    notified = []
    callback = hooks.on_award(lambda row: notified.append(row.achievement_id))
    try:
        achievement = make_achievement("course_completion", {"course": tree.courses[1].id})
        for page in tree.items[1]:
            complete(learner, page)
        committed(evaluate_learner, learner=learner)
        committed(evaluate_learner, learner=learner)
    finally:
        hooks.AWARD_CALLBACKS.remove(callback)
    assert notified == [achievement.id]


def test_inactive_and_translated_achievements_are_not_awarded_twice(tree, learner):
    achievement = make_achievement("course_completion", {"course": tree.courses[0].id})
    from wagtail.models import Locale

    achievement.copy_for_translation(Locale.objects.get(language_code="fr")).save()
    inactive = make_achievement(
        "course_completion", {"course": tree.courses[0].id}, is_active=False, name="Old"
    )
    for page in tree.items[0]:
        complete(learner, page)
    earned = UserAchievement.objects.filter(learner=learner, earned_at__isnull=False)
    assert list(earned.values_list("achievement_id", flat=True)) == [achievement.id]
    assert not UserAchievement.objects.filter(achievement=inactive).exists()


def test_community_and_assessment_criteria_say_not_yet_before_the_learner_acts(tree, learner):
    # Wired to community and assessments in certificates/integrations.py (test_integrations.py
    # earns them for real); a learner who has not posted or passed has earned nothing.
    from learning.tests.assessment_helpers import build_assessment

    quiz = build_assessment(tree.modules[0])
    make_achievement("community", {"activity": "accepted_answers", "count": 3})
    make_achievement("assessment", {"assessment": str(quiz.pk), "min_score": 90})
    assert evaluate_learner(learner=learner) == []
    assert not UserAchievement.objects.filter(earned_at__isnull=False).exists()


def test_other_apps_request_an_evaluation_that_runs_after_their_commit(tree, learner):
    from certificates import hooks
    from certificates.criteria import community

    achievement = make_achievement("community", {"activity": "comments", "count": 2})
    saved = community.COUNTERS["comments"]
    community.register_counter("comments", lambda learner: 2)
    try:
        committed(hooks.request_evaluation, learner_id=learner.pk, kinds=["community"])
    finally:
        community.register_counter("comments", saved)
    row = UserAchievement.objects.get(achievement=achievement)
    assert row.earned_at is not None
    assert row.progress == {"current": 2, "target": 2}


def test_undoing_a_completion_moves_the_progress_back(tree, learner):
    achievement = make_achievement("course_completion", {"course": tree.courses[0].id})
    complete(learner, tree.items[0][0])
    row = UserAchievement.objects.get(achievement=achievement)
    assert row.progress == {"current": 1, "target": 2}
    uncomplete(learner, tree.items[0][0])
    row.refresh_from_db()
    assert (row.progress, row.earned_at) == ({"current": 0, "target": 2}, None)
