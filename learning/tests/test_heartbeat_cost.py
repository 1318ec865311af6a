"""What a heartbeat costs through the API, and the session-token lookup it relies on."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from learning.journey.access import resolve_item
from learning.journey.progress import start_item
from learning.models import DailyActivity, LearningEvent, Progress

from .journey_helpers import rewind_credit

pytestmark = pytest.mark.django_db
JSON = "application/json"
# The session (one query: culturedegree.accounts.session_tokens) and the user (2), the item
# with its ancestors (1), the transaction (2 here: a savepoint in the test's transaction and its
# release), then one read that locks the learner's row, the progress row and the enrollment,
# and one statement that writes the progress, the enrollment, the events, the day and the
# learner's row (learning.journey.statements). No savepoint per entry: nothing is written
# before an entry's checks pass. What runs after commit counts too: the achievements'
# listener asks the shared cache about a learner once a day per worker, not per heartbeat
# (certificates.listeners). The first activity of a day adds the streak's queries.
HEARTBEAT_QUERIES = 7


def beat(token: str, item_id: int, seconds: int = 30):
    client = Client(enforce_csrf_checks=True, headers={"X-Session-Token": token})
    with CaptureQueriesContext(connection) as captured:
        response = client.post(
            f"/api/v1/progress/{item_id}/heartbeat",
            {"seconds": seconds, "progress_data": {"position": 12}},
            content_type=JSON,
        )
    return response, len(captured)


def test_a_heartbeat_is_a_handful_of_queries_and_writes_everything(
    token, learner, tree, django_capture_on_commit_callbacks
):
    item_id = tree.items[0][0].id
    start_item(learner=learner, item=resolve_item(page_id=item_id))  # the item and the day
    with django_capture_on_commit_callbacks(execute=True):
        rewind_credit(learner, 300)
        beat(token, item_id, seconds=0)  # the day's first: the streak is evaluated
    rewind_credit(learner, 300)
    with (
        CaptureQueriesContext(connection) as captured,
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        response, _ = beat(token, item_id)
    assert callbacks  # the listeners ran, inside the count
    queries = len(captured)
    assert response.status_code == 200, response.content
    assert response.json()["credited_seconds"] == 30
    assert queries <= HEARTBEAT_QUERIES
    progress = Progress.objects.get(learner=learner)
    assert progress.time_spent_seconds == 30
    assert progress.progress_data["position"] == 12
    assert DailyActivity.objects.get(learner=learner).seconds == 30
    event = LearningEvent.objects.filter(actor=learner, verb="progressed").latest("timestamp")
    assert event.result == {"duration_seconds": 30, "position": 12.0}
    assert learner.enrollments.get().time_spent_seconds == 30


def test_a_batch_of_ten_on_one_item_costs_what_one_heartbeat_costs(
    token, learner, tree, django_capture_on_commit_callbacks
):
    """An app's offline sync of ten minutes on one item: each row read and written once."""
    item_id = tree.items[0][0].id
    start_item(learner=learner, item=resolve_item(page_id=item_id))
    with django_capture_on_commit_callbacks(execute=True):
        rewind_credit(learner, 300)
        beat(token, item_id, seconds=0)  # the day's first: the streak is evaluated
    rewind_credit(learner, 600)
    client = Client(enforce_csrf_checks=True, headers={"X-Session-Token": token})
    entries = [
        {
            "content_item_id": item_id,
            "seconds": 60,
            "progress_data": {"position": 60 * minute},
            "client_sent_at": f"2026-12-01T07:{minute:02d}:00Z",
        }
        for minute in range(1, 11)
    ]
    with (
        CaptureQueriesContext(connection) as captured,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post("/api/v1/heartbeats", {"heartbeats": entries}, content_type=JSON)
    assert response.status_code == 200, response.content
    assert response.json()["credited_seconds"] == 600
    assert len(captured) <= HEARTBEAT_QUERIES
    assert Progress.objects.get(learner=learner).time_spent_seconds == 600
    assert learner.enrollments.get().time_spent_seconds == 600
    assert DailyActivity.objects.get(learner=learner).seconds == 600
    progressed = LearningEvent.objects.filter(actor=learner, verb="progressed")
    positions = [event.result["position"] for event in progressed.order_by("timestamp")]
    assert positions == [12.0] + [60.0 * minute for minute in range(1, 11)]


def test_an_unknown_or_expired_session_token_is_401(token, learner, tree):
    response, _ = beat("not-a-session", tree.items[0][0].id)
    assert response.status_code == 401
    Session.objects.filter(session_key=token).update(expire_date=timezone.now())
    response, _ = beat(token, tree.items[0][0].id)
    assert response.status_code == 401
    SessionStore(session_key=token).delete()
    response, _ = beat(token, tree.items[0][0].id)
    assert response.status_code == 401
    assert not Progress.objects.exists()
