"""The heartbeat lane (learning/heartbeat_lane.py) in front of the real WSGI application.

Each test drives the lane wrapped around Django's own WSGI handler, and records whether the
lane answered or handed the request to the full stack. Whatever the lane knows from earlier
requests, the database has the last word: signing out, a password change, deactivation,
unpublishing, pausing all take effect on the very next heartbeat.
"""

import datetime as dt
import io
import json
import sys
import time

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from culturedegree import wsgi
from learning.access import resolve_item
from learning.enrollment import change_status, enroll
from learning.heartbeat_lane import HeartbeatLane
from learning.models import DailyActivity, Enrollment, LearningEvent, Progress
from learning.progress import start_item

from .journey_helpers import build_tree, make_learner, make_video, run_together

pytestmark = pytest.mark.django_db
JSON = "application/json"
SECURITY_HEADERS = (
    "Content-Type",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "X-Frame-Options",
    "Content-Security-Policy",
)


class Recorder:
    """The full stack, noting each request the lane handed over."""

    def __init__(self):
        self.app = WSGIHandler()
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.app(environ, start_response)


class Answer:
    def __init__(self, status: str, headers: list, body: bytes):
        self.status_code = int(status.split()[0])
        self.headers = dict(headers)
        self.body = body

    def json(self):
        return json.loads(self.body)


def post(app, path: str, body, *, host: str = "testserver", **headers) -> Answer:
    payload = body if isinstance(body, bytes) else json.dumps(body).encode()
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": host,
        "CONTENT_TYPE": JSON,
        "CONTENT_LENGTH": str(len(payload)),
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(payload),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
    for name, value in headers.items():
        environ["HTTP_" + name.upper()] = value
    answer = {}

    def start_response(status, response_headers, exc_info=None):
        answer["status"], answer["headers"] = status, response_headers

    # Like Django's test client: the test's transaction must survive the request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        body_out = b"".join(app(environ, start_response))
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return Answer(answer["status"], answer["headers"], body_out)


@pytest.fixture
def stack():
    return Recorder()


@pytest.fixture
def lane(stack):
    return HeartbeatLane(stack)


def url(page) -> str:
    return f"/api/v1/progress/{page.id}/heartbeat"


def beat(lane, page, token, seconds=30, position=12):
    return post(
        lane,
        url(page),
        {"seconds": seconds, "progress_data": {"position": position}},
        x_session_token=token,
    )


def rewind(learner, minutes=5):
    Progress.objects.filter(learner=learner).update(
        last_seen_at=timezone.now() - dt.timedelta(minutes=minutes)
    )


def test_the_wsgi_application_is_the_lane_in_front_of_django():
    assert isinstance(wsgi.application, HeartbeatLane)
    assert isinstance(wsgi.application.app, WSGIHandler)


def test_the_lane_answers_like_the_full_stack_and_writes_the_same(
    lane, stack, token, learner, tree
):
    item = tree.items[0][0]
    start_item(learner=learner, item=resolve_item(page_id=item.id))
    rewind(learner)
    served = beat(lane, item, token)
    assert served.status_code == 200, served.body
    assert stack.calls == 0, "the lane handed an ordinary heartbeat to the full stack"
    body = served.json()
    assert body["credited_seconds"] == 30
    assert body["completed_now"] is False
    assert body["progress"]["time_spent_seconds"] == 30
    assert body["progress"]["progress_data"]["position"] == 12

    rewind(learner)
    full = Client(headers={"X-Session-Token": token}).post(
        url(item), {"seconds": 30, "progress_data": {"position": 12}}, content_type=JSON
    )
    assert full.status_code == 200
    expected = full.json()
    assert set(body) == set(expected)
    assert set(body["progress"]) == set(expected["progress"])
    assert body["progress"]["started_at"] == expected["progress"]["started_at"]
    for name in SECURITY_HEADERS:
        assert served.headers[name] == full.headers[name], name

    assert Progress.objects.get(learner=learner).time_spent_seconds == 60
    assert learner.enrollments.get().time_spent_seconds == 60
    assert DailyActivity.objects.get(learner=learner).seconds == 60
    events = LearningEvent.objects.filter(actor=learner, verb="progressed")
    assert sorted(e.result["duration_seconds"] for e in events) == [30, 30]


def test_a_known_learner_and_item_cost_one_statement(lane, stack, token, learner, tree):
    item = tree.items[0][0]
    beat(lane, item, token)  # learns the session and the item, starts the item
    rewind(learner)
    beat(lane, item, token)  # the first seconds of the day move the streak
    rewind(learner)
    with CaptureQueriesContext(connection) as captured:
        served = beat(lane, item, token)
    assert served.status_code == 200
    assert served.json()["credited_seconds"] == 30
    assert len(captured) == 1, [str(q["sql"])[:80] for q in captured]
    assert stack.calls == 0


def test_the_first_heartbeat_on_an_item_starts_it_and_credits_nothing(
    lane, stack, token, learner, tree
):
    served = beat(lane, tree.items[1][0], token)
    assert served.status_code == 200
    assert served.json()["credited_seconds"] == 0
    assert Progress.objects.filter(learner=learner).count() == 1
    assert stack.calls == 0


def test_signing_out_stops_the_lane_at_once(lane, stack, token, learner, tree):
    item = tree.items[0][0]
    assert beat(lane, item, token).status_code == 200
    signed_out = Client(headers={"X-Session-Token": token}).delete("/_allauth/app/v1/auth/session")
    assert signed_out.status_code == 401  # allauth: "no longer authenticated"
    rewind(learner)
    before = Progress.objects.get(learner=learner).time_spent_seconds
    refused = beat(lane, item, token)
    assert refused.status_code == 401
    assert refused.json() == {"message": "Sign in first."}
    assert Progress.objects.get(learner=learner).time_spent_seconds == before


def test_a_password_change_or_deactivation_stops_the_lane(lane, token, learner, tree):
    item = tree.items[0][0]
    assert beat(lane, item, token).status_code == 200
    learner.set_password("another-long-password-2026")
    learner.save()
    rewind(learner)
    assert beat(lane, item, token).status_code == 401
    assert Progress.objects.get(learner=learner).time_spent_seconds == 0


def test_deactivating_the_learner_stops_the_lane(lane, token, learner, tree):
    item = tree.items[0][0]
    assert beat(lane, item, token).status_code == 200
    type(learner).objects.filter(pk=learner.pk).update(is_active=False)
    rewind(learner)
    assert beat(lane, item, token).status_code == 401
    assert Progress.objects.get(learner=learner).time_spent_seconds == 0


def test_unpublishing_the_item_or_its_module_stops_the_lane(lane, token, learner, tree):
    item, module = tree.items[0][0], tree.modules[0]
    assert beat(lane, item, token).status_code == 200
    module.unpublish()
    rewind(learner)
    refused = beat(lane, item, token)
    assert refused.status_code == 404
    assert refused.json() == {"message": "Not found."}
    assert Progress.objects.get(learner=learner).time_spent_seconds == 0


def test_pausing_or_another_program_gets_the_full_stacks_answer(lane, token, learner, tree):
    item = tree.items[0][0]
    assert beat(lane, item, token).status_code == 200
    change_status(enrollment=learner.enrollments.get(), status="paused")
    rewind(learner)
    paused = beat(lane, item, token)
    assert paused.status_code == 409
    assert "paused" in paused.json()["message"]
    other = build_tree(title="Spice Routes")
    assert beat(lane, other.items[0][0], token).status_code == 403
    assert Progress.objects.get(learner=learner).time_spent_seconds == 0


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"{not json", 400),
        ({"seconds": -1}, 422),
        ({"seconds": 30, "learner": "someone-else"}, 422),
        ({"seconds": 30, "progress_data": {"position": 1, "x": "y" * 20_000}}, 422),
        ({"seconds": 10_000}, 422),
    ],
)
def test_bad_bodies_get_the_full_stacks_errors(lane, stack, token, learner, tree, body, status):
    answer = post(lane, url(tree.items[0][0]), body, x_session_token=token)
    assert answer.status_code == status, answer.body
    assert "message" in answer.json()
    assert stack.calls == 1
    assert not Progress.objects.filter(time_spent_seconds__gt=0).exists()


def test_anonymous_and_unknown_tokens_get_401(lane, tree, learner):
    item = tree.items[0][0]
    assert post(lane, url(item), {"seconds": 5}).status_code == 401
    assert beat(lane, item, "not-a-session").status_code == 401
    assert not Progress.objects.exists()


def test_an_unknown_host_gets_400(lane, token, tree, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    answer = post(
        lane, url(tree.items[0][0]), {"seconds": 5}, host="evil.example", x_session_token=token
    )
    assert answer.status_code == 400
    assert not Progress.objects.exists()


def test_browser_heartbeats_need_the_csrf_token(lane, stack, learner, tree):
    browser = Client()
    browser.force_login(learner)
    session = browser.cookies["sessionid"].value
    request = RequestFactory().get("/")
    masked = get_token(request)
    cookie = f"sessionid={session}; csrftoken={request.META['CSRF_COOKIE']}"
    item = tree.items[0][0]
    refused = post(lane, url(item), {"seconds": 5}, cookie=cookie)
    assert refused.status_code == 403
    assert stack.calls == 1
    served = post(lane, url(item), {"seconds": 5}, cookie=cookie, x_csrftoken=masked)
    assert served.status_code == 200, served.body
    assert stack.calls == 1  # the lane answered this one


def test_a_video_watched_to_the_end_completes_through_the_lane(lane, token, learner, tree):
    video = make_video(tree.items[0][0], seconds=100)
    assert beat(lane, video, token, seconds=0, position=10).status_code == 200
    rewind(learner)
    done = beat(lane, video, token, seconds=30, position=95)
    assert done.status_code == 200
    assert done.json()["completed_now"] is True
    assert done.json()["progress"]["is_completed"] is True
    assert Enrollment.objects.get(learner=learner).completed_items == 1


@pytest.mark.django_db(transaction=True)
def test_parallel_heartbeats_through_the_lane_lose_nothing_and_never_beat_the_clock(
    tree, learner, token
):
    lane = HeartbeatLane(Recorder())
    item = tree.items[0][0]
    assert beat(lane, item, token, seconds=0).status_code == 200
    Progress.objects.update(last_seen_at=timezone.now() - dt.timedelta(seconds=20))
    began = time.monotonic()
    answers = []
    for _ in range(3):
        answers.extend(run_together(lambda: beat(lane, item, token, seconds=30)))
        time.sleep(1.1)
    assert [answer.status_code for answer in answers] == [200] * 24
    credited = [answer.json()["credited_seconds"] for answer in answers]
    wall = 20 + (time.monotonic() - began)
    total = sum(credited)
    assert len(credited) == 24
    assert 20 <= total <= wall
    assert Progress.objects.get().time_spent_seconds == total
    assert Enrollment.objects.get().time_spent_seconds == total
    assert sum(DailyActivity.objects.values_list("seconds", flat=True)) == total
    events = LearningEvent.objects.filter(verb="progressed")
    assert sum(e.result["duration_seconds"] for e in events) == total


@pytest.mark.django_db(transaction=True)
def test_the_first_seconds_of_a_day_move_the_streak_in_autocommit():
    """Outside a test's transaction, as in production: the streak's row lock needs its own."""
    from learning.models import LearnerStats

    tree = build_tree()
    learner = make_learner()
    enroll(learner=learner, program=tree.program)
    client = Client()
    client.force_login(learner)
    item = tree.items[0][0]
    assert client.post(url(item), {"seconds": 0}, content_type=JSON).status_code == 200
    rewind(learner)
    answer = client.post(url(item), {"seconds": 30}, content_type=JSON)
    assert answer.status_code == 200, answer.content
    assert LearnerStats.objects.get(learner=learner).current_streak == 1


def test_the_lane_can_be_switched_off(stack, token, learner, tree, settings):
    settings.HEARTBEAT_LANE = False
    lane = HeartbeatLane(stack)
    assert beat(lane, tree.items[0][0], token).status_code == 200
    assert stack.calls == 1


def test_a_failure_before_writing_falls_through(stack, token, learner, tree, monkeypatch):
    lane = HeartbeatLane(stack)

    def broken(page_id):
        raise RuntimeError("a bug in the lane")

    monkeypatch.setattr(lane, "item", broken)
    answer = beat(lane, tree.items[0][0], token)
    assert answer.status_code == 200  # the full stack served it
    assert stack.calls == 1


def test_too_many_heartbeats_get_429_with_retry_after(lane, token, learner, tree, settings):
    """SECURITY.md 20: a learner's heartbeats per minute are capped, lane or not."""
    from learning.models import HeartbeatWindow

    settings.HEARTBEAT_RATE_LIMIT = 3
    item = tree.items[0][0]
    for _ in range(3):
        assert beat(lane, item, token, seconds=0).status_code == 200
    rewind(learner)
    events = LearningEvent.objects.count()
    refused = beat(lane, item, token)
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert "Too many heartbeats" in refused.json()["message"]
    full = Client(headers={"X-Session-Token": token}).post(
        url(item), {"seconds": 30}, content_type=JSON
    )
    assert full.status_code == 429
    assert 1 <= int(full.headers["Retry-After"]) <= 60
    assert Progress.objects.get(learner=learner).time_spent_seconds == 0
    assert LearningEvent.objects.count() == events
    # The next minute opens a new window.
    HeartbeatWindow.objects.filter(learner=learner).update(
        window_start=timezone.now() - dt.timedelta(minutes=2)
    )
    assert beat(lane, item, token).json()["credited_seconds"] == 30


@pytest.mark.django_db(transaction=True)
def test_the_rate_limit_holds_under_parallel_heartbeats(tree, learner, token, settings):
    settings.HEARTBEAT_RATE_LIMIT = 5
    lane = HeartbeatLane(Recorder())
    item = tree.items[0][0]
    start_item(learner=learner, item=resolve_item(page_id=item.id))
    answers = run_together(lambda: beat(lane, item, token), count=10)
    statuses = [answer.status_code for answer in answers]
    assert sorted(statuses) == [200] * 5 + [429] * 5


PREPARED_SELECT_1 = "SELECT count(*) FROM pg_prepared_statements WHERE statement = 'SELECT 1'"


def test_behind_a_transaction_pooler_nothing_is_prepared():
    from django.db import connections

    from learning.progress import prepared_cursor

    connections["default"].settings_dict["DISABLE_SERVER_SIDE_CURSORS"] = True
    try:
        with prepared_cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.execute("SELECT 1")
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_prepared_statements WHERE statement = 'SELECT 1'"
            )
            assert cursor.fetchone()[0] == 0
    finally:
        connections["default"].settings_dict["DISABLE_SERVER_SIDE_CURSORS"] = False
    with prepared_cursor() as cursor:
        cursor.execute("SELECT 1")
    with connection.cursor() as cursor:
        cursor.execute(PREPARED_SELECT_1)
        assert cursor.fetchone()[0] == 1
