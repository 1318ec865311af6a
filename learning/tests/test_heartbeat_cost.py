"""What a heartbeat costs through the API, and the session-token lookup it relies on."""

import datetime as dt

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from learning.access import resolve_item
from learning.models import DailyActivity, LearningEvent, Progress
from learning.progress import start_item

pytestmark = pytest.mark.django_db
JSON = "application/json"
# Through the full stack: session and user (2), the item with its ancestors (1), and the
# heartbeat statement (1). The first activity of a day adds the streak's queries. The
# heartbeat lane in front of the stack needs only the statement (test_heartbeat_lane.py).
HEARTBEAT_QUERIES = 4


def beat(token: str, item_id: int, seconds: int = 30):
    client = Client(enforce_csrf_checks=True, headers={"X-Session-Token": token})
    with CaptureQueriesContext(connection) as captured:
        response = client.post(
            f"/api/v1/progress/{item_id}/heartbeat",
            {"seconds": seconds, "progress_data": {"position": 12}},
            content_type=JSON,
        )
    return response, len(captured)


def test_a_heartbeat_is_a_handful_of_queries_and_writes_everything(token, learner, tree):
    item_id = tree.items[0][0].id
    start_item(learner=learner, item=resolve_item(page_id=item_id))  # the item and the day
    Progress.objects.filter(learner=learner).update(
        last_seen_at=timezone.now() - dt.timedelta(minutes=5)
    )
    response, queries = beat(token, item_id)
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


def test_an_unknown_or_expired_session_token_is_401(token, learner, tree):
    response, _ = beat("not-a-session", tree.items[0][0].id)
    assert response.status_code == 401
    SessionStore(session_key=token).delete()
    response, _ = beat(token, tree.items[0][0].id)
    assert response.status_code == 401
    assert not Progress.objects.exists()
