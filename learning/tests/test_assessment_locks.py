"""Issue 11 item 6: a module with an assessment is done once its items are done and the
assessment is passed; the course lock, the page marks and My learning follow.

The tree has two courses of one module and two items; the second course waits on the first,
whose module has a quiz. A learner who completed both items of the first course but has not
passed its quiz still finds the second course locked, on its pages and in the learner API;
passing the quiz (through the real attempt functions) opens it.
"""

import pytest
from django.test import Client

from learning.assessments.attempts import start_attempt, submit_attempt
from learning.journey.access import course_lock, resolve_item
from learning.journey.enrollment import enroll
from learning.journey.progress import complete_item
from learning.models import Enrollment, Progress

from .assessment_helpers import build_assessment, right_answers, wrong_answers
from .journey_helpers import make_learner

pytestmark = pytest.mark.django_db
JSON = "application/json"


@pytest.fixture
def world(tree):
    """`tree` with its second course waiting on the first, and a quiz in the first module;
    an enrolled learner who completed every item of the first course."""
    first, second = tree.courses
    second.prerequisites.set([first])
    second.save_revision().publish()
    quiz = build_assessment(tree.modules[0])
    learner = make_learner()
    enroll(learner=learner, program=tree.program)
    for page in tree.items[0]:
        complete_item(learner=learner, item=resolve_item(page_id=page.id))
    client = Client()
    client.force_login(learner)
    return tree, quiz, learner, client


def take_quiz(learner, quiz, *, right: bool):
    attempt = start_attempt(learner=learner, assessment=quiz)
    answers = right_answers(attempt) if right else wrong_answers(attempt)
    return submit_attempt(learner=learner, attempt_id=attempt.pk, answers=answers)


def line_states(html: str) -> list[str]:
    return [part.split('"', 1)[0] for part in html.split('data-line-state="')[1:]]


def test_items_done_but_quiz_not_passed_keeps_the_next_course_locked(world):
    tree, _quiz, learner, client = world
    second_item = tree.items[1][0]
    lock = course_lock(learner=learner, course_id=tree.courses[1].id)
    assert lock is not None and lock.prerequisite_ids == [tree.courses[0].id]

    response = client.get(second_item.url)
    assert response.status_code == 403
    html = response.content.decode()
    assert "data-course-lock" in html and tree.courses[0].title in html
    assert "data-course-lock" in client.get(tree.courses[1].url).content.decode()

    response = client.post(f"/api/v1/progress/{second_item.id}/start", content_type=JSON)
    assert response.status_code == 403, response.content
    assert "locked" in response.json()["message"]
    assert not Progress.objects.filter(learner=learner, content_item=second_item).exists()


def test_a_failed_attempt_leaves_it_locked_and_passing_opens_it(world):
    tree, quiz, learner, client = world
    second_item = tree.items[1][0]
    assert take_quiz(learner, quiz, right=False).passed is False
    assert course_lock(learner=learner, course_id=tree.courses[1].id) is not None
    assert client.get(second_item.url).status_code == 403

    assert take_quiz(learner, quiz, right=True).passed is True
    assert course_lock(learner=learner, course_id=tree.courses[1].id) is None
    response = client.get(second_item.url)
    assert response.status_code == 200
    assert "data-course-lock" not in response.content.decode()
    response = client.post(f"/api/v1/progress/{second_item.id}/start", content_type=JSON)
    assert response.status_code == 200, response.content
    assert Progress.objects.filter(learner=learner, content_item=second_item).exists()


def test_page_marks_count_the_quiz_like_the_totals(world):
    tree, quiz, learner, client = world
    enrollment = Enrollment.objects.get(learner=learner)
    # Two courses of two items, one quiz: five units, two done.
    assert (enrollment.completed_items, enrollment.total_items) == (2, 5)

    # The program page: the first course is started (its quiz is left), the second locked.
    assert line_states(client.get(tree.program.url).content.decode()) == ["started", "locked"]
    # The course page: its module is not done while the quiz is not passed.
    html = client.get(tree.courses[0].url).content.decode()
    assert line_states(html) == ["started"]
    assert 'value="67"' in html  # two of the course's three units
    # The module page: both items are done, yet the module's own mark is not.
    html = client.get(tree.modules[0].url).content.decode()
    assert line_states(html) == ["done", "done"]
    assert 'value="67"' in html

    take_quiz(learner, quiz, right=True)
    enrollment.refresh_from_db()
    assert (enrollment.completed_items, enrollment.total_items) == (3, 5)
    assert line_states(client.get(tree.program.url).content.decode()) == ["done", "todo"]
    html = client.get(tree.courses[0].url).content.decode()
    assert line_states(html) == ["done"] and 'value="100"' in html
    assert 'value="60"' in client.get("/en/my-learning/").content.decode()


def test_my_learning_counts_the_quiz(world):
    _tree, quiz, learner, client = world
    body = client.get("/api/v1/dashboard").json()
    (row,) = body["enrollments"]
    assert (row["completed_items"], row["total_items"]) == (2, 5)
    assert row["completion_percentage"] == 40.0
    assert 'value="40"' in client.get("/en/my-learning/").content.decode()
    take_quiz(learner, quiz, right=True)
    (row,) = client.get("/api/v1/dashboard").json()["enrollments"]
    assert (row["completed_items"], row["total_items"]) == (3, 5)


def test_a_quiz_published_after_the_pages_were_seen_counts_at_once(
    tree, django_capture_on_commit_callbacks
):
    """The kept structure follows an assessment's publishing like a page's."""
    learner = make_learner()
    enroll(learner=learner, program=tree.program)
    for page in tree.items[0]:
        complete_item(learner=learner, item=resolve_item(page_id=page.id))
    client = Client()
    client.force_login(learner)
    assert line_states(client.get(tree.program.url).content.decode())[0] == "done"
    with django_capture_on_commit_callbacks(execute=True):
        build_assessment(tree.modules[0])
    assert Enrollment.objects.get(learner=learner).total_items == 5
    assert line_states(client.get(tree.program.url).content.decode())[0] == "started"


def test_a_translated_quiz_is_the_same_unit_and_the_same_lock(world):
    """Translations point at the same module; only the default-locale assessment counts."""
    from wagtail.models import Locale

    from learning.journey.recompute import recompute_enrollment

    tree, quiz, learner, client = world
    french = quiz.copy_for_translation(Locale.objects.get(language_code="fr"))
    french.title = "Quiz de Heian"
    french.save()
    french.save_revision().publish()
    enrollment = Enrollment.objects.get(learner=learner)
    recompute_enrollment(enrollment=enrollment)
    assert (enrollment.completed_items, enrollment.total_items) == (2, 5)
    take_quiz(learner, quiz, right=True)
    enrollment.refresh_from_db()
    assert (enrollment.completed_items, enrollment.total_items) == (3, 5)
    assert course_lock(learner=learner, course_id=tree.courses[1].id) is None
    assert client.get(tree.items[1][0].url).status_code == 200
