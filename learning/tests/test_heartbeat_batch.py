"""POST /api/v1/heartbeats: an app's offline session in one request."""

import pytest
from django.test import Client

from learning.journey.heartbeats import MAX_BATCH_ENTRIES
from learning.models import Enrollment, LearningEvent, Progress

from .journey_helpers import build_tree, rewind_credit

pytestmark = pytest.mark.django_db
JSON = "application/json"
URL = "/api/v1/heartbeats"


def app(token: str) -> Client:
    return Client(enforce_csrf_checks=True, headers={"X-Session-Token": token})


def entry(item_id: int, seconds: int = 60, minute: int = 0, **extra) -> dict:
    return {
        "content_item_id": item_id,
        "seconds": seconds,
        "client_sent_at": f"2026-12-01T07:{minute:02d}:00+01:00",
        **extra,
    }


def test_an_offline_session_syncs_in_one_request(token, learner, tree):
    first, second = (page.id for page in tree.items[0])
    rewind_credit(learner, 3600)
    response = app(token).post(
        URL,
        {
            "heartbeats": [
                entry(second, minute=2, progress_data={"position": 30}),
                entry(first, minute=1),
            ]
        },
        content_type=JSON,
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["credited_seconds"] == 120
    assert [result["status"] for result in body["results"]] == [200, 200]
    assert body["results"][0]["progress"]["progress_data"] == {"position": 30.0}
    assert Enrollment.objects.get(learner=learner).time_spent_seconds == 120
    assert LearningEvent.objects.filter(actor=learner, verb="progressed").count() == 2


def test_a_batch_claims_no_more_than_the_wall_time(token, learner, tree):
    rewind_credit(learner, 90)
    item_id = tree.items[0][0].id
    body = (
        app(token)
        .post(URL, {"heartbeats": [entry(item_id, minute=m) for m in range(5)]}, content_type=JSON)
        .json()
    )
    assert 90 <= body["credited_seconds"] <= 91
    assert [r["credited_seconds"] for r in body["results"]][:2] == [60, 30]


def test_failed_entries_are_reported_alone_and_write_nothing(token, learner, tree):
    stranger_item = build_tree(title="Elsewhere").items[0][0].id
    own_item = tree.items[0][0].id
    rewind_credit(learner, 3600)
    body = (
        app(token)
        .post(
            URL,
            {
                "heartbeats": [
                    entry(999_999, minute=1),
                    entry(stranger_item, minute=2),
                    entry(own_item, minute=3),
                ]
            },
            content_type=JSON,
        )
        .json()
    )
    assert [r["status"] for r in body["results"]] == [404, 403, 200]
    assert body["results"][1]["message"] == "You are not enrolled in this program."
    assert body["credited_seconds"] == 60
    assert list(Progress.objects.values_list("content_item_id", flat=True)) == [own_item]


@pytest.mark.parametrize(
    "payload",
    [
        {"heartbeats": []},
        {"heartbeats": [entry(1)] * (MAX_BATCH_ENTRIES + 1)},
        {"heartbeats": [{**entry(1), "client_sent_at": "2026-12-01T07:00:00"}]},
        {"heartbeats": [entry(1, seconds=301)]},
        {"heartbeats": [entry(1, surprise=True)]},
        [entry(1)],
    ],
    ids=["empty", "too-many", "naive-time", "too-long", "unknown-field", "bare-list"],
)
def test_bad_batches_are_refused_whole(token, learner, tree, payload):
    response = app(token).post(URL, payload, content_type=JSON)
    assert response.status_code == 422, response.content
    assert not Progress.objects.exists()


def test_a_batch_needs_a_signed_in_learner(tree):
    response = Client().post(URL, {"heartbeats": [entry(tree.items[0][0].id)]}, content_type=JSON)
    assert response.status_code == 401


def test_a_learners_very_first_write_is_a_batch(token, learner, tree):
    """No heartbeat row and no progress yet (an app that was offline from the first minute):
    the row is made first, so the claims still lock the learner's row before anything else,
    and the account's age bounds the credit."""
    from django.utils import timezone

    from learning.models import HeartbeatWindow

    assert not HeartbeatWindow.objects.filter(learner_id=learner.pk).exists()
    type(learner).objects.filter(pk=learner.pk).update(
        date_joined=timezone.now() - timezone.timedelta(seconds=100)
    )
    item_id = tree.items[0][0].id
    body = (
        app(token)
        .post(URL, {"heartbeats": [entry(item_id, minute=m) for m in range(3)]}, content_type=JSON)
        .json()
    )
    assert 100 <= body["credited_seconds"] <= 101
    progress = Progress.objects.get(learner=learner, content_item_id=item_id)
    assert progress.time_spent_seconds == body["credited_seconds"]
    assert HeartbeatWindow.objects.get(learner_id=learner.pk).count == 1
    verbs = list(
        LearningEvent.objects.filter(actor=learner)
        .order_by("timestamp")
        .values_list("verb", flat=True)
    )
    assert verbs[-3:] == ["launched", "progressed", "progressed"]
