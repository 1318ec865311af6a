"""Issue 8 item 3: a course locked by prerequisites stays locked by every way in.

The tree has two courses; the second names the first as its prerequisite. A learner enrolled
in the program who has not finished the first course reaches the second's item, module and
course pages, the learner API's start, heartbeat and complete (by session, by
and X-Session-Token), the content API and its documents: each
shows or answers the lock, and nothing the learner does there counts toward the program.
"""

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents.models import Document

from learning.journey.access import course_lock, resolve_item
from learning.journey.enrollment import enroll
from learning.journey.progress import complete_item
from learning.models import ContentItemPage, Enrollment, Progress

from .journey_helpers import make_learner, session_token

pytestmark = pytest.mark.django_db
JSON = "application/json"
BODY_TEXT = "Read this."  # journey_helpers.paragraph()


@pytest.fixture
def locked(tree):
    """`tree` with its second course waiting on the first."""
    first, second = tree.courses
    second.prerequisites.set([first])
    second.save_revision().publish()
    return tree


@pytest.fixture
def learner(locked):
    learner = make_learner()
    enroll(learner=learner, program=locked.program)
    return learner


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def finish_first_course(tree, learner):
    for page in tree.items[0]:
        complete_item(learner=learner, item=resolve_item(page_id=page.id))


def counted(learner) -> int:
    return Enrollment.objects.get(learner=learner).completed_items


def test_the_lock_names_the_unfinished_prerequisite_and_lifts_once_it_is_done(locked, learner):
    second = locked.courses[1]
    lock = course_lock(learner=learner, course_id=second.id)
    assert lock is not None and lock.prerequisites == (
        (locked.courses[0].id, locked.courses[0].title),
    )
    assert course_lock(learner=learner, course_id=locked.courses[0].id) is None
    finish_first_course(locked, learner)
    assert course_lock(learner=learner, course_id=second.id) is None


def test_a_locked_item_page_shows_the_lock_and_why_never_the_body(locked, learner):
    item = locked.items[1][0]
    response = as_user(learner).get(item.url)
    assert response.status_code == 403
    html = response.content.decode()
    assert "data-course-lock" in html
    assert locked.courses[0].title in html
    assert locked.courses[0].url in html
    assert BODY_TEXT not in html
    assert "Mark as complete" not in html
    assert not Progress.objects.filter(learner=learner).exists()


def test_the_item_opens_once_the_prerequisite_is_finished(locked, learner):
    finish_first_course(locked, learner)
    response = as_user(learner).get(locked.items[1][0].url)
    assert response.status_code == 200
    html = response.content.decode()
    assert BODY_TEXT in html and "data-course-lock" not in html
    assert Progress.objects.filter(learner=learner, content_item=locked.items[1][0]).exists()


def test_a_free_preview_in_a_locked_course_is_readable_but_records_nothing(locked, learner):
    item = locked.items[1][0]
    ContentItemPage.objects.filter(pk=item.pk).update(is_free_preview=True)
    response = as_user(learner).get(item.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert BODY_TEXT in html and "data-course-lock" in html
    assert "Mark as complete" not in html
    assert not Progress.objects.filter(learner=learner).exists()


@pytest.mark.parametrize("level", ["course", "module"])
def test_course_and_module_pages_show_the_lock(locked, learner, level):
    page = locked.courses[1] if level == "course" else locked.modules[1]
    html = as_user(learner).get(page.url).content.decode()
    assert "data-course-lock" in html
    assert locked.courses[0].title in html
    open_page = locked.courses[0] if level == "course" else locked.modules[0]
    assert "data-course-lock" not in as_user(learner).get(open_page.url).content.decode()
    assert "data-course-lock" not in Client().get(page.url).content.decode()  # visitors


@pytest.mark.parametrize(
    ("action", "body"),
    [("start", None), ("complete", None), ("heartbeat", {"seconds": 10})],
)
@pytest.mark.parametrize("auth", ["session", "token"])
def test_the_learner_api_refuses_progress_in_a_locked_course(locked, learner, action, body, auth):
    if auth == "session":
        client = as_user(learner)
    else:
        client = Client(headers={"X-Session-Token": session_token(learner)})
    item = locked.items[1][0]
    response = client.post(f"/api/v1/progress/{item.id}/{action}", body or {}, content_type=JSON)
    assert response.status_code == 403, response.content
    message = response.json()["message"]
    assert "locked" in message and locked.courses[0].title in message
    assert not Progress.objects.filter(learner=learner, content_item=item).exists()
    assert counted(learner) == 0


def test_completing_locked_items_never_counts_toward_the_program(locked, learner):
    client = as_user(learner)
    for page in locked.items[1]:
        client.post(f"/api/v1/progress/{page.id}/complete")
    assert counted(learner) == 0
    finish_first_course(locked, learner)
    assert counted(learner) == 2
    response = client.post(f"/api/v1/progress/{locked.items[1][0].id}/complete")
    assert response.status_code == 200
    assert counted(learner) == 3


def test_someone_not_enrolled_is_told_so_and_the_enrolled_learner_about_the_lock(locked, learner):
    url = f"/api/v1/progress/{locked.items[1][0].id}/heartbeat"
    stranger = make_learner("stranger@example.com")
    response = as_user(stranger).post(url, {"seconds": 5}, content_type=JSON)
    assert response.status_code == 403
    assert "not enrolled" in response.json()["message"]
    response = as_user(learner).post(url, {"seconds": 5}, content_type=JSON)
    assert response.status_code == 403
    assert "locked" in response.json()["message"]


def test_the_content_api_withholds_a_locked_items_body(locked, learner):
    item = locked.items[1][0]
    client = as_user(learner)
    locked_body = client.get(f"/api/v3/pages/{item.id}/").json()
    assert locked_body["body"] is None
    assert locked_body["title"] == item.title  # the syllabus stays readable
    finish_first_course(locked, learner)
    assert client.get(f"/api/v3/pages/{item.id}/").json()["body"][0]["type"] == "paragraph"


def test_a_locked_items_document_does_not_download(locked, learner):
    document = Document.objects.create(title="Reading list")
    document.file.save("reading.txt", ContentFile(b"Chapter one"), save=True)
    item = locked.items[1][0]
    page = ContentItemPage.objects.get(pk=item.pk)
    page.body = [
        *[(block.block_type, block.value) for block in page.body],
        ("document", {"document": document, "description": "What to read."}),
    ]
    page.save_revision().publish()
    client = as_user(learner)
    assert client.get(document.url).status_code == 403
    finish_first_course(locked, learner)
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Chapter one"
