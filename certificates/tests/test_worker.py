"""Evaluation the way production runs it: queued in the database after the completion
commits, done by `manage.py db_worker`."""

import pytest
from django.core.management import call_command

from certificates.models import UserAchievement

from .helpers import build_tree, complete_now, enroll, make_achievement, make_learner

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_completion_queues_the_evaluation_and_the_worker_awards(settings, migrated_data):
    tree = build_tree(courses=1, items_per_course=1)
    learner = make_learner()
    enroll(learner=learner, program=tree.program)
    achievement = make_achievement("course_completion", {"course": tree.courses[0].id})
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    complete_now(learner, tree.items[0][0])
    assert not UserAchievement.objects.filter(earned_at__isnull=False).exists()
    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", "--interval=0")
    assert UserAchievement.objects.get(learner=learner, achievement=achievement).earned_at
