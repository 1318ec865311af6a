"""Issue 10: what is kept for every learner never carries one learner's state to another.

Two learners with different progress open the same pages back to back in this one process
(one worker, its memory caches warm): each sees their own marks and locks. A publish shows the
new text to a signed-in learner at once, and viewing a started item writes nothing.
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from learning.journey.access import resolve_item
from learning.journey.enrollment import enroll
from learning.journey.progress import complete_item
from learning.models import ContentItemPage, Enrollment

from .journey_helpers import make_learner, paragraph

pytestmark = pytest.mark.django_db


def signed_in(email: str, program) -> Client:
    learner = make_learner(email)
    enroll(learner=learner, program=program)
    client = Client()
    client.force_login(learner)
    client.learner = learner
    return client


@pytest.fixture
def pair(tree):
    """Ada has finished the first course; Bea has not started. The second course waits on
    the first."""
    first, second = tree.courses
    second.prerequisites.set([first])
    second.save_revision().publish()
    ada = signed_in("ada@example.com", tree.program)
    bea = signed_in("bea@example.com", tree.program)
    for page in tree.items[0]:
        complete_item(learner=ada.learner, item=resolve_item(page_id=page.id))
    return ada, bea


def states(client: Client, url: str) -> list[str]:
    html = client.get(url).content.decode()
    return [part.split('"', 1)[0] for part in html.split('data-line-state="')[1:]]


def test_two_learners_see_their_own_marks_on_the_same_pages(tree, pair):
    ada, bea = pair
    for _round in range(2):  # back to back, twice: warm caches must not mix them up
        assert states(ada, tree.modules[0].url) == ["done", "done"]
        assert states(bea, tree.modules[0].url) == ["todo", "todo"]
        assert states(ada, tree.program.url) == ["done", "todo"]
        assert states(bea, tree.program.url) == ["todo", "locked"]
        assert states(ada, tree.courses[0].url) == ["done"]
        assert states(bea, tree.courses[0].url) == ["todo"]


def test_two_learners_see_their_own_item_state_and_locks(tree, pair):
    ada, bea = pair
    done_item, locked_item = tree.items[0][0], tree.items[1][0]
    for _round in range(2):
        assert 'data-completed="true"' in ada.get(done_item.url).content.decode()
        assert 'data-completed="false"' in bea.get(done_item.url).content.decode()
        assert "data-course-lock" not in ada.get(locked_item.url).content.decode()
        locked = bea.get(locked_item.url)
        assert locked.status_code == 403 and "data-course-lock" in locked.content.decode()
        assert "data-course-lock" in bea.get(tree.courses[1].url).content.decode()
        assert "data-course-lock" not in ada.get(tree.courses[1].url).content.decode()


def test_a_visitor_after_a_learner_sees_no_marks(client, tree, pair, settings):
    settings.ANONYMOUS_PAGE_CACHE_SECONDS = 0
    ada, _bea = pair
    ada.get(tree.modules[0].url)
    html = client.get(tree.modules[0].url).content.decode()
    assert "data-line-state" not in html and "data-mark" not in html


def test_a_publish_shows_the_new_text_to_a_signed_in_learner_at_once(
    tree, pair, django_capture_on_commit_callbacks
):
    ada, _bea = pair
    item = ContentItemPage.objects.get(pk=tree.items[0][1].pk)
    assert "Read this." in ada.get(item.url).content.decode()

    item.body = paragraph("Revised after review.")
    item.title = "A revised lesson"
    with django_capture_on_commit_callbacks(execute=True):
        item.save_revision().publish()

    for url in (item.url, tree.modules[0].url, tree.courses[0].url):
        assert "A revised lesson" in ada.get(url).content.decode(), url
    assert "Revised after review." in ada.get(item.url).content.decode()


def test_viewing_a_started_item_writes_nothing(tree, pair):
    _ada, bea = pair
    item = tree.items[0][1]
    bea.get(item.url)  # the first view starts it
    enrollment = Enrollment.objects.get(learner=bea.learner)

    with CaptureQueriesContext(connection) as queries:
        response = bea.get(item.url)

    assert response.status_code == 200
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert writes == []
    assert Enrollment.objects.get(pk=enrollment.pk).last_activity_at == enrollment.last_activity_at
