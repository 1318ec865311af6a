"""learning.journey.statements: rows locked in one read and writes sent in one statement,
giving back what the ORM would."""

import datetime as dt
import threading
import uuid

import pytest
from django.db import OperationalError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from learning.journey.events import insert_events, new_event, record_events
from learning.journey.statements import (
    Lock,
    insert_or_add,
    lock_together,
    run_together,
    update,
)
from learning.models import (
    DailyActivity,
    Enrollment,
    HeartbeatWindow,
    LearningEvent,
    ObjectType,
    Progress,
    Verb,
)

from .journey_helpers import rewind_credit

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows(learner, tree):
    item = tree.items[0][0]
    rewind_credit(learner, 60)
    progress = Progress.objects.create(
        learner=learner,
        content_item_id=item.id,
        module_id=item.get_parent().id,
        course_id=item.get_parent().get_parent().id,
        time_spent_seconds=42,
        progress_data={"position": 12.5, "note": "ü"},
    )
    return learner, item, progress, Enrollment.objects.get(learner=learner)


def locks(learner, item_ids, program_ids, *, enrollment_fields=("id", "program", "status")):
    return [
        Lock(HeartbeatWindow, {"learner": [learner.pk]}),
        Lock(Progress, {"learner": [learner.pk], "content_item": item_ids}),
        Lock(Enrollment, {"learner": [learner.pk], "program": program_ids}, enrollment_fields),
    ]


def test_rows_come_back_as_the_orm_loads_them_in_one_query(rows):
    learner, item, progress, enrollment = rows
    with transaction.atomic(), CaptureQueriesContext(connection) as captured:
        windows, progresses, enrollments = lock_together(
            locks(learner, [item.id], [enrollment.program_id], enrollment_fields=None)
        )
    assert len(captured) == 1
    (window,) = windows
    assert window.credited_until == HeartbeatWindow.objects.get(pk=learner.pk).credited_until
    (loaded,) = progresses
    fresh = Progress.objects.get(pk=progress.pk)
    for field in Progress._meta.concrete_fields:
        assert getattr(loaded, field.attname) == getattr(fresh, field.attname), field.name
    assert loaded.progress_data == {"position": 12.5, "note": "ü"}
    (whole,) = enrollments
    stored = Enrollment.objects.get(pk=enrollment.pk)
    for field in Enrollment._meta.concrete_fields:
        assert getattr(whole, field.attname) == getattr(stored, field.attname), field.name
    # A saved instance, as the ORM gives: saving it updates the row.
    loaded.time_spent_seconds = 50
    loaded.save(update_fields=["time_spent_seconds"])
    assert Progress.objects.get(pk=progress.pk).time_spent_seconds == 50


def test_only_the_fields_asked_for_are_loaded_and_missing_rows_are_empty(rows):
    learner, item, _, enrollment = rows
    with transaction.atomic():
        windows, progresses, enrollments = lock_together(
            locks(learner, [item.id + 1000], [enrollment.program_id])
        )
        (partial,) = enrollments
        assert partial.get_deferred_fields() >= {"completion_percentage", "course_progress"}
        assert (partial.pk, partial.status) == (enrollment.pk, enrollment.status)
    assert len(windows) == 1 and progresses == []


def test_the_rows_stay_locked_until_the_transaction_ends(rows, transactional_db):
    learner, item, progress, enrollment = rows
    refused = []

    def try_to_lock():  # in its own thread, so on its own connection
        try:
            for table, key, value in [
                ("learning_heartbeatwindow", "learner_id", learner.pk),
                ("learning_progress", "id", progress.pk),
                ("learning_enrollment", "id", enrollment.pk),
            ]:
                try:
                    with transaction.atomic(), connection.cursor() as cursor:
                        cursor.execute("SET LOCAL lock_timeout = '100ms'")
                        cursor.execute(
                            f"SELECT 1 FROM {table} WHERE {key} = %s FOR UPDATE",  # noqa: S608
                            [value],
                        )
                except OperationalError:
                    refused.append(table)
        finally:
            connection.close()

    with transaction.atomic():
        lock_together(locks(learner, [item.id], [enrollment.program_id]))
        thread = threading.Thread(target=try_to_lock)
        thread.start()
        thread.join()
    assert refused == ["learning_heartbeatwindow", "learning_progress", "learning_enrollment"]


def test_writes_sent_together_all_land_and_give_back_what_they_return(rows):
    learner, _, progress, enrollment = rows
    now = timezone.now()
    today = now.date()
    event = new_event(
        actor=learner,
        verb=Verb.PROGRESSED,
        object_type=ObjectType.CONTENT_ITEM,
        object_id=progress.content_item_id,
        result={"duration_seconds": 8},
    )

    def day(seconds):
        return insert_or_add(
            DailyActivity,
            {
                "id": uuid.uuid4(),
                "learner": learner.pk,
                "day": today,
                "timezone": "UTC",
                "seconds": seconds,
                "items_completed": 0,
            },
            unique=("learner", "day"),
            add=("seconds", "items_completed"),
            returning="(xmax = 0)",
        )

    with CaptureQueriesContext(connection) as captured:
        returned = run_together(
            [
                update(
                    Progress,
                    where={"id": progress.pk},
                    values={"progress_data": {"position": 20}, "last_seen_at": now},
                    add={"time_spent_seconds": 8},
                ),
                update(
                    Enrollment,
                    where={"id": enrollment.pk},
                    add={"time_spent_seconds": 8},
                    returning="time_spent_seconds",
                ),
                insert_events([event]),
                day(8),
            ]
        )
    assert len(captured) == 1
    assert returned == [None, enrollment.time_spent_seconds + 8, None, True]
    progress.refresh_from_db()
    assert (progress.time_spent_seconds, progress.progress_data) == (50, {"position": 20})
    assert progress.last_seen_at == now
    stored = LearningEvent.objects.get(pk=event.pk)
    assert stored.result == {"duration_seconds": 8} and stored.timestamp == event.timestamp
    assert run_together([day(5)]) == [False]
    assert DailyActivity.objects.get(learner=learner, day=today).seconds == 13


def test_recorded_events_keep_their_order_and_fill_their_timestamps(learner, tree):
    item_id = tree.items[0][0].id
    events = record_events(
        [
            new_event(
                actor=learner,
                verb=verb,
                object_type=ObjectType.CONTENT_ITEM,
                object_id=item_id,
                context={"n": n},
            )
            for n, verb in enumerate([Verb.LAUNCHED, Verb.PROGRESSED, Verb.COMPLETED])
        ]
    )
    stored = list(
        LearningEvent.objects.filter(actor=learner, object_id=item_id).order_by("timestamp")
    )
    assert [event.context["n"] for event in stored] == [0, 1, 2]
    assert [event.timestamp for event in stored] == [event.timestamp for event in events]
    assert all(abs(event.timestamp - timezone.now()) < dt.timedelta(minutes=1) for event in stored)
