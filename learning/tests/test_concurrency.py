"""Races over real concurrent connections: threads behind a barrier, one connection each."""

import datetime as dt
import threading
import time

import pytest

from learning.journey.access import resolve_item
from learning.journey.enrollment import enroll
from learning.journey.heartbeats import Claim, heartbeat, heartbeat_batch
from learning.journey.progress import complete_item, start_item
from learning.models import DailyActivity, Enrollment, LearningEvent, Progress

from .journey_helpers import build_tree, make_learner, rewind_credit, run_together

pytestmark = pytest.mark.django_db(transaction=True)


def test_parallel_enroll_gives_one_enrollment():
    tree = build_tree()
    learner = make_learner()
    results = run_together(lambda: enroll(learner=learner, program=tree.program))
    assert Enrollment.objects.count() == 1
    assert sum(1 for _, created in results if created) == 1
    assert len({enrollment.pk for enrollment, _ in results}) == 1
    assert LearningEvent.objects.filter(verb="registered").count() == 1


def test_parallel_heartbeats_lose_no_time_and_credit_no_more_than_wall_time():
    tree = build_tree()
    learner = make_learner()
    enroll(learner=learner, program=tree.program)
    item = resolve_item(page_id=tree.items[0][0].id)
    start_item(learner=learner, item=item)
    rewind_credit(learner, 20)
    began = time.monotonic()
    rounds = []
    for _ in range(3):
        rounds.extend(run_together(lambda: heartbeat(learner=learner, item=item, seconds=30)))
        time.sleep(1.1)
    wall = 20 + (time.monotonic() - began)
    credited = sum(result.credited_seconds for result in rounds)
    progress = Progress.objects.get()
    assert progress.time_spent_seconds == credited
    assert Enrollment.objects.get().time_spent_seconds == credited
    assert sum(DailyActivity.objects.values_list("seconds", flat=True)) == credited
    assert 20 <= credited <= wall


def test_parallel_completes_count_once():
    tree = build_tree()
    learner = make_learner()
    enroll(learner=learner, program=tree.program)
    item = resolve_item(page_id=tree.items[0][0].id)
    results = run_together(lambda: complete_item(learner=learner, item=item))
    assert sum(1 for _, changed in results if changed) == 1
    enrollment = Enrollment.objects.get()
    assert enrollment.completed_items == 1
    assert LearningEvent.objects.filter(verb="completed", object_id=item.item_id).count() == 1
    assert DailyActivity.objects.get().items_completed == 1


def test_parallel_completes_of_different_items_all_count():
    tree = build_tree()
    learner = make_learner()
    enroll(learner=learner, program=tree.program)
    items = [resolve_item(page_id=page.id) for page in tree.all_items]
    pending = list(items)
    lock = threading.Lock()

    def complete_next():
        with lock:
            item = pending.pop()
        return complete_item(learner=learner, item=item)

    run_together(complete_next, count=len(items))
    enrollment = Enrollment.objects.get()
    assert enrollment.completed_items == enrollment.total_items == 4
    assert enrollment.status == "completed"


def test_items_open_at_once_in_parallel_earn_no_more_than_wall_time():
    tree = build_tree(courses=2, items_per_course=5)
    learner = make_learner()
    enroll(learner=learner, program=tree.program)
    items = [resolve_item(page_id=page.id) for page in tree.all_items]
    rewind_credit(learner, 10)
    began = time.monotonic()
    pending = list(items)
    lock = threading.Lock()

    def beat_next():
        with lock:
            item = pending.pop()
        return heartbeat(learner=learner, item=item, seconds=10)

    results = run_together(beat_next, count=len(items))
    wall = 10 + (time.monotonic() - began)
    credited = sum(result.credited_seconds for result in results)
    assert 10 <= credited <= wall
    assert Enrollment.objects.get().time_spent_seconds == credited
    assert sum(Progress.objects.values_list("time_spent_seconds", flat=True)) == credited
    assert sum(DailyActivity.objects.values_list("seconds", flat=True)) == credited


def test_two_devices_syncing_overlapping_offline_sessions_credit_no_more_than_wall_time():
    """Phone and tablet were both offline for the same ten minutes and sync at once."""
    tree = build_tree()
    learner = make_learner()
    enroll(learner=learner, program=tree.program)
    items = [resolve_item(page_id=page.id) for page in tree.all_items]
    rewind_credit(learner, 600)
    began = time.monotonic()
    offline_from = dt.datetime(2026, 12, 1, 7, 0, tzinfo=dt.UTC)

    def device(item_index: int):
        def sync():
            claims = [
                Claim(
                    item=items[(item_index + minute) % len(items)],
                    seconds=60,
                    sent_at=offline_from + dt.timedelta(minutes=minute),
                )
                for minute in range(10)
            ]
            return heartbeat_batch(learner=learner, claims=claims)

        return sync

    phone, tablet = device(0), device(1)
    turn = iter([phone, tablet])
    lock = threading.Lock()

    def next_device():
        with lock:
            sync = next(turn)
        return sync()

    batches = run_together(next_device, count=2)
    wall = 600 + (time.monotonic() - began)
    credited = sum(result.credited_seconds for batch in batches for result in batch)
    assert 600 <= credited <= wall
    assert Enrollment.objects.get().time_spent_seconds == credited
    assert sum(Progress.objects.values_list("time_spent_seconds", flat=True)) == credited
    assert sum(DailyActivity.objects.values_list("seconds", flat=True)) == credited
    progressed = LearningEvent.objects.filter(verb="progressed")
    assert sum(event.result["duration_seconds"] for event in progressed) == credited
