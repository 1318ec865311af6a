"""Enrollment totals follow the content: a publish enqueues the program's recomputation as a
task once the editor's transaction commits (learning.signal_handlers, learning.journey.tasks)."""

import pytest
from django_tasks_db.models import DBTaskResult

from learning.models import ContentItemPage, Enrollment

from .journey_helpers import paragraph

pytestmark = pytest.mark.django_db


def publish_new_item(tree) -> None:
    item = tree.modules[0].add_child(
        instance=ContentItemPage(title="New", body=paragraph(), live=False)
    )
    item.save_revision().publish()


def test_publishing_an_item_recomputes_the_program_after_commit(
    tree, learner, django_capture_on_commit_callbacks
):
    assert Enrollment.objects.get().total_items == 4
    with django_capture_on_commit_callbacks(execute=True):
        publish_new_item(tree)
    assert Enrollment.objects.get().total_items == 5


def test_under_the_worker_the_recomputation_waits_in_the_queue(
    tree, learner, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        publish_new_item(tree)
    queued = DBTaskResult.objects.filter(task_path__endswith="recompute_program_task")
    assert queued.count() == 1
    assert Enrollment.objects.get().total_items == 4
    # What the worker runs (the worker itself commits, so test_search_worker shows it whole).
    row = queued.get()
    assert row.args_kwargs["kwargs"] == {"program_id": tree.program.id}
    row.task.call(*row.args_kwargs["args"], **row.args_kwargs["kwargs"])
    assert Enrollment.objects.get().total_items == 5
