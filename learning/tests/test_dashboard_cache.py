"""The cached My learning body: cheaper on a repeat view, never stale, CSRF per session."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from learning.journey.access import resolve_item
from learning.journey.dashboard_fragment import CSRF_PLACEHOLDER
from learning.journey.enrollment import change_status
from learning.journey.heartbeats import heartbeat
from learning.journey.progress import complete_item, start_item
from learning.models import Enrollment, EnrollmentStatus

from .journey_helpers import rewind_credit

pytestmark = pytest.mark.django_db

URL = "/en/my-learning/"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def view(client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_a_repeat_view_is_served_from_the_cache(client, learner):
    client.force_login(learner)
    first_queries, first = view(client)
    again_queries, again = view(client)
    assert again_queries < first_queries
    assert TOKEN.sub("", again) == TOKEN.sub("", first)


def test_progress_shows_at_once(client, learner, tree):
    client.force_login(learner)
    _, before = view(client)
    assert 'value="0"' in before
    item = resolve_item(page_id=tree.items[0][0].id)
    start_item(learner=learner, item=item)
    complete_item(learner=learner, item=item)
    _, after = view(client)
    assert 'value="25"' in after  # 1 of 4 items
    assert "1 of 4 items completed" in after


def test_heartbeat_time_shows_at_once(client, learner, tree):
    client.force_login(learner)
    item = resolve_item(page_id=tree.items[0][0].id)
    start_item(learner=learner, item=item)
    _, before = view(client)
    assert "0 minutes" in before
    rewind_credit(learner, 3600)
    heartbeat(learner=learner, item=item, seconds=120)
    _, after = view(client)
    assert "2 minutes" in after  # this week's minutes


def test_a_status_change_shows_at_once(client, learner):
    client.force_login(learner)
    _, before = view(client)
    assert "Pause" in before
    change_status(
        enrollment=Enrollment.objects.get(learner=learner), status=EnrollmentStatus.PAUSED
    )
    _, after = view(client)
    assert "Resume" in after


def test_an_editors_rename_shows_at_once(client, learner, tree, django_capture_on_commit_callbacks):
    client.force_login(learner)
    _, before = view(client)
    assert "Silk Road" in before
    with django_capture_on_commit_callbacks(execute=True):
        tree.program.title = "Amber Road"
        tree.program.save_revision().publish()
    _, after = view(client)
    assert "Amber Road" in after


def test_each_session_gets_its_own_working_csrf_token(learner):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(learner)
    second.force_login(learner)
    view(first)  # fills the cache with the first session's render
    _, html = view(second)
    assert CSRF_PLACEHOLDER not in html
    enrollment = Enrollment.objects.get(learner=learner)
    action, token = re.search(
        r'action="([^"]+/pause/)"><input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)"',
        html,
    ).groups()
    response = second.post(action, {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.PAUSED
