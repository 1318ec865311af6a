"""Awards under real concurrent connections: threads behind a barrier, one connection each."""

import threading

import pytest

from certificates import hooks
from certificates.evaluation import award, evaluate_learner
from certificates.models import UserAchievement

from .helpers import (
    build_tree,
    complete_now,
    enroll,
    make_achievement,
    make_learner,
    record_activity,
    run_together,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def notified():
    seen, lock = [], threading.Lock()

    def record(row):
        with lock:
            seen.append(row.pk)

    hooks.on_award(record)
    yield seen
    hooks.AWARD_CALLBACKS.remove(record)


def test_parallel_completions_of_the_last_item_award_once(notified, migrated_data):
    tree = build_tree(courses=1, items_per_course=2)
    learner = make_learner()
    enroll(learner=learner, program=tree.program)
    course = make_achievement("course_completion", {"course": tree.courses[0].id})
    program = make_achievement("program_completion", {"program": tree.program.id})
    complete_now(learner, tree.items[0][0])
    run_together(lambda: complete_now(learner, tree.items[0][1]))
    rows = UserAchievement.objects.filter(learner=learner, earned_at__isnull=False)
    assert sorted(rows.values_list("achievement_id", flat=True)) == sorted([course.id, program.id])
    assert len(notified) == 2


def test_parallel_evaluations_and_awards_make_one_row_and_one_notice(notified, migrated_data):
    tree = build_tree(courses=1, items_per_course=1)
    learner = make_learner()
    enroll(learner=learner, program=tree.program)
    achievement = make_achievement("course_completion", {"course": tree.courses[0].id})
    UserAchievement.objects.all().delete()
    # The completion's own evaluation is part of the race.
    complete_now(learner, tree.items[0][0])
    UserAchievement.objects.all().delete()
    notified.clear()
    results = run_together(
        lambda: (
            len(evaluate_learner(learner=learner))
            + bool(award(learner=learner, achievement=achievement))
        )
    )
    assert sum(results) == 1
    assert UserAchievement.objects.filter(learner=learner).count() == 1
    assert notified == [UserAchievement.objects.get().pk]


def test_parallel_streak_evaluations_make_one_goals_row_and_one_award(notified, migrated_data):
    import datetime as dt

    from django.db import transaction
    from django.utils import timezone

    from certificates.models import LearnerGoals

    learner = make_learner()
    achievement = make_achievement("streak", {"length": 3})
    now = timezone.now()
    for days_ago in (2, 1, 0):
        with transaction.atomic():
            record_activity(learner=learner, at=now - dt.timedelta(days=days_ago))
    LearnerGoals.objects.all().delete()
    UserAchievement.objects.all().delete()
    notified.clear()
    run_together(lambda: evaluate_learner(learner=learner))
    goals = LearnerGoals.objects.get(learner=learner)
    assert (goals.current_streak, goals.longest_streak, goals.freezes) == (2, 2, 0)
    assert UserAchievement.objects.get(achievement=achievement).earned_at is not None
    assert len(notified) == 1
