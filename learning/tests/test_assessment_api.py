"""The learner API and pages of assessments: the flow, bad input, no answer leaks, budgets."""

import json
import re

import pytest
from django.test import Client

from learning.assessments.attempts import pinned_questions
from learning.journey.enrollment import enroll
from learning.models import AssessmentAttempt, ReviewOption

from .assessment_helpers import EVERY_TYPE, build_assessment, right_answers
from .journey_helpers import build_tree, make_learner, translate_tree

pytestmark = pytest.mark.django_db
JSON = "application/json"


@pytest.fixture
def world():
    tree = build_tree(courses=1, items_per_course=1)
    learner = make_learner()
    enroll(learner=learner, program=tree.program)
    client = Client()
    client.force_login(learner)
    return tree, learner, client


def test_the_api_flow_start_save_submit(world):
    tree, _learner, client = world
    quiz = build_assessment(tree.modules[0], max_attempts=2)
    described = client.get(f"/api/v1/assessments/{quiz.pk}").json()
    assert described["attempts_left"] == 2 and described["question_count"] == 7
    started = client.post(f"/api/v1/assessments/{quiz.pk}/attempts")
    assert started.status_code == 201
    body = started.json()
    assert body["attempt_number"] == 1 and len(body["questions"]) == 7
    attempt = AssessmentAttempt.objects.get()
    saved = client.patch(
        f"/api/v1/attempts/{attempt.pk}", {"answers": right_answers(attempt)}, content_type=JSON
    )
    assert saved.status_code == 200, saved.content
    assert client.get(f"/api/v1/attempts/{attempt.pk}").json()["answers"]
    submitted = client.post(f"/api/v1/attempts/{attempt.pk}/submit").json()
    assert submitted["score"] == "100.00" and submitted["passed"] is True
    assert len(submitted["review"]) == 7
    again = client.post(f"/api/v1/attempts/{attempt.pk}/submit")
    assert again.status_code == 409 and again.json()["message"]
    history = client.get(f"/api/v1/assessments/{quiz.pk}/attempts").json()
    assert [row["attempt_number"] for row in history] == [1]


@pytest.mark.parametrize(
    "body",
    [
        {"answers": {"nope": "x"}},
        {"answers": {}, "score": 100},
        {"answers": {}, "attempt_number": 7},
        {"answers": {}, "learner": "someone"},
        {"answers": {}, "correct": True},
        {"answers": "all of them"},
    ],
)
def test_bad_input_gets_a_4xx_and_changes_nothing(world, body):
    tree, _learner, client = world
    quiz = build_assessment(tree.modules[0])
    client.post(f"/api/v1/assessments/{quiz.pk}/attempts")
    attempt = AssessmentAttempt.objects.get()
    response = client.patch(f"/api/v1/attempts/{attempt.pk}", body, content_type=JSON)
    assert 400 <= response.status_code < 500 and response.json()["message"]
    attempt.refresh_from_db()
    assert attempt.answers == {} and attempt.is_open


def test_wrong_types_are_refused(world):
    tree, _learner, client = world
    quiz = build_assessment(tree.modules[0])
    client.post(f"/api/v1/assessments/{quiz.pk}/attempts")
    attempt = AssessmentAttempt.objects.get()
    ids = attempt.question_ids
    for answers in ({ids[0]: ["a"]}, {ids[2]: "yes"}, {ids[4]: "794"}, {ids[5]: ["x", "y"]}):
        response = client.patch(
            f"/api/v1/attempts/{attempt.pk}", {"answers": answers}, content_type=JSON
        )
        assert response.status_code == 422, answers
    attempt.refresh_from_db()
    assert attempt.answers == {}


def test_another_locale_id_is_accepted_and_shows_that_language(world):
    tree, _learner, client = world
    quiz = build_assessment(tree.modules[0])
    translate_tree(tree, "fr")
    from wagtail.models import Locale

    french = quiz.copy_for_translation(Locale.objects.get(language_code="fr"))
    french.title = "Quiz de Heian"
    french.save()
    french.save_revision().publish()
    response = client.get(f"/api/v1/assessments/{french.pk}", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200
    assert response.json()["id"] == str(quiz.pk)
    page = client.get(f"/fr/assessments/{french.pk}/")
    assert "Quiz de Heian" in page.content.decode()


STANDALONE_ANSWER = re.compile(r"(?<![\w.:-])794(?![\w.:-])")


def _secret_strings(attempt) -> list[str]:
    """What would give the right answers away: keys of right options, accepted answers, the
    right order, the numeric answer, and feedback texts."""
    secrets = []
    for q in pinned_questions(attempt).values():
        if q.kind == "single_choice":
            secrets += [f'"{o.key}", "text": "Kyoto", "correct"' for o in q.options]
        if q.kind == "short_answer":
            secrets += q.accepted
        if q.kind == "ordering":
            secrets.append(json.dumps([o.key for o in q.options]))
        if q.kind == "matching":
            secrets += [f"{p.left_key}={p.right_key}" for p in q.pairs]
        secrets += [text for text in (q.feedback_correct, q.feedback_incorrect) if text]
    return secrets


@pytest.mark.parametrize("review_option", [ReviewOption.AFTER_EACH, ReviewOption.NEVER])
def test_no_learner_facing_response_before_submission_holds_a_right_answer(world, review_option):
    tree, _learner, client = world
    quiz = build_assessment(tree.modules[0], questions=EVERY_TYPE, review_option=review_option)
    responses = [
        client.get(f"/api/v1/assessments/{quiz.pk}"),
        client.get(f"/en/assessments/{quiz.pk}/"),
    ]
    responses.append(client.post(f"/api/v1/assessments/{quiz.pk}/attempts"))
    attempt = AssessmentAttempt.objects.get()
    partial = {attempt.question_ids[0]: right_answers(attempt)[attempt.question_ids[0]]}
    responses += [
        client.get(f"/api/v1/attempts/{attempt.pk}"),
        client.patch(f"/api/v1/attempts/{attempt.pk}", {"answers": partial}, content_type=JSON),
        client.get(f"/en/attempts/{attempt.pk}/"),
        client.post(f"/en/attempts/{attempt.pk}/save/", {}),
        client.get(f"/en/assessments/{quiz.pk}/"),
        client.get(f"/api/v1/assessments/{quiz.pk}/attempts"),
        client.get(tree.modules[0].url),
    ]
    secrets = _secret_strings(attempt)
    # The accepted answers and the options' right flags never appear; neither do the
    # feedback texts, nor the number 794 (the numeric answer).
    for response in responses:
        assert response.status_code < 400, response.content
        text = response.content.decode()
        for secret in secrets:
            assert secret not in text, (secret, response.request["PATH_INFO"])
        # The number stands alone where an answer would show it, not inside an id or a time.
        assert not STANDALONE_ANSWER.search(text), response.request["PATH_INFO"]
        assert '"correct"' not in text and "correct_answer" not in text.replace(
            '"correct_answer"', ""
        )
        assert "Kyōto" not in text and "京都" not in text
    if review_option == ReviewOption.NEVER:
        client.post(f"/api/v1/attempts/{attempt.pk}/submit")
        for response in (
            client.get(f"/api/v1/attempts/{attempt.pk}"),
            client.get(f"/en/attempts/{attempt.pk}/"),
        ):
            text = response.content.decode()
            assert "Kyōto" not in text and "Chasen, Chawan" not in text


def test_the_quiz_page_flow(world):
    tree, _learner, client = world
    quiz = build_assessment(tree.modules[0], time_limit_minutes=10)
    module_page = client.get(tree.modules[0].url).content.decode()
    assert f"/en/assessments/{quiz.pk}/" in module_page
    started = client.post(f"/en/assessments/{quiz.pk}/start/")
    attempt = AssessmentAttempt.objects.get()
    assert started["Location"] == f"/en/attempts/{attempt.pk}/"
    page = client.get(started["Location"]).content.decode()
    assert "<fieldset" in page and "<legend" in page and "data-seconds-left" in page
    questions = pinned_questions(attempt)
    form = {}
    for qid, q in questions.items():
        if q.kind == "single_choice":
            form[f"q-{qid}"] = next(o.key for o in q.options if o.correct)
        elif q.kind == "short_answer":
            form[f"q-{qid}"] = "KYOTO"
        elif q.kind == "true_false":
            form[f"q-{qid}"] = "true"
        elif q.kind == "numeric":
            form[f"q-{qid}"] = "794"
        elif q.kind == "multiple_choice":
            form[f"q-{qid}"] = [o.key for o in q.options if o.correct]
        elif q.kind == "ordering":
            for place, option in enumerate(q.options, start=1):
                form[f"q-{qid}-{option.key}"] = str(place)
        elif q.kind == "matching":
            for pair in q.pairs:
                form[f"q-{qid}-{pair.left_key}"] = pair.right_key
    saved = client.post(f"/en/attempts/{attempt.pk}/save/", form)
    assert saved.status_code == 200 and saved.json()["saved"] == 7
    reloaded = client.get(f"/en/attempts/{attempt.pk}/").content.decode()
    assert 'value="KYOTO"' in reloaded
    done = client.post(f"/en/attempts/{attempt.pk}/submit/", form)
    assert done.status_code == 302
    result = client.get(done["Location"]).content.decode()
    assert "100%" in result and "Passed" in result


def _queries(call) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call()  # caches warm
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured)


def test_the_quiz_page_and_submit_stay_within_a_query_budget(world, django_assert_max_num_queries):
    """The same number of queries for 2 questions and 1 attempt as for 16 and 3 attempts."""
    tree, _learner, client = world
    counts: dict[str, set[int]] = {"quiz": set(), "result": set(), "assessment": set()}
    submits = set()
    for count in (2, 16):
        questions = (EVERY_TYPE[:7] * 3)[:count]
        quiz = build_assessment(
            tree.modules[0], questions=questions, title=f"Quiz {count}", max_attempts=0
        )
        for _ in range(3 if count == 16 else 1):
            client.post(f"/en/assessments/{quiz.pk}/start/")
            attempt = AssessmentAttempt.objects.filter(assessment=quiz, status="in_progress").get()
            url = f"/en/attempts/{attempt.pk}/"
            counts["quiz"].add(_queries(lambda url=url: client.get(url)))
            from django.db import connection
            from django.test.utils import CaptureQueriesContext

            with CaptureQueriesContext(connection) as captured:
                client.post(f"{url}submit/", {})
            submits.add(len(captured))
            counts["result"].add(_queries(lambda url=url: client.get(url)))
            counts["assessment"].add(
                _queries(lambda quiz=quiz: client.get(f"/en/assessments/{quiz.pk}/"))
            )
    for page, seen in counts.items():
        assert len(seen) == 1 and max(seen) <= 30, (page, seen)
    assert max(submits) - min(submits) <= 1 and max(submits) <= 45, submits


def test_the_module_page_follows_its_assessments_publishing(
    world, django_capture_on_commit_callbacks
):
    """The module page's list of assessments is kept per content version: publishing,
    unpublishing and deleting an assessment show on the next view, with the page warm."""
    tree, _learner, client = world
    module = tree.modules[0]

    def listed() -> bool:
        return "Gates of Heian" in client.get(module.url).content.decode()

    assert not listed()
    with django_capture_on_commit_callbacks(execute=True):
        quiz = build_assessment(module, title="Gates of Heian")
    assert listed()
    with django_capture_on_commit_callbacks(execute=True):
        quiz.unpublish()
    assert not listed()
    with django_capture_on_commit_callbacks(execute=True):
        quiz.save_revision().publish()
    assert listed()
    with django_capture_on_commit_callbacks(execute=True):
        quiz.delete()
    assert not listed()
