"""Instructors grade written answers, regrade after a key fix and read the item analysis,
for their own program only; every grade they give is in the audit log."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from culturedegree import audit
from learning.assessments.attempts import pinned_questions, start_attempt, submit_attempt
from learning.assessments.staff import StaffError, grade_written, item_analysis, regrade
from learning.journey.enrollment import enroll
from learning.models import AssessmentAttempt, Enrollment, LearningEvent

from .assessment_helpers import EVERY_TYPE, build_assessment, right_answers, wrong_answers
from .journey_helpers import build_tree, make_learner
from .test_admin_enrollments import instructor_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    tree = build_tree(courses=1, items_per_course=1)
    other = build_tree(courses=1, items_per_course=1, title="Andes")
    learner = make_learner()
    enroll(learner=learner, program=tree.program)
    return {
        "tree": tree,
        "learner": learner,
        "teacher": instructor_of(tree.program, "teacher@example.com"),
        "stranger": instructor_of(other.program, "andes@example.com"),
    }


def essay_attempt(world):
    quiz = build_assessment(world["tree"].modules[0], questions=EVERY_TYPE)
    attempt = start_attempt(learner=world["learner"], assessment=quiz)
    submit_attempt(learner=world["learner"], attempt_id=attempt.pk, answers=right_answers(attempt))
    attempt.refresh_from_db()
    assert attempt.status == "awaiting_grading"
    return quiz, attempt


def test_grading_the_essay_passes_the_attempt_and_is_audited(world, client):
    _quiz, attempt = essay_attempt(world)
    essay_id = attempt.question_ids[-1]
    client.force_login(world["teacher"])
    listing = client.get(reverse("assessment_admin_attempts")).content.decode()
    assert "ada@example.com" in listing
    url = reverse("assessment_admin_attempt", args=[attempt.pk])
    assert "Hospitality is attention." in client.get(url).content.decode()
    response = client.post(url, {f"points-{essay_id}": "2", f"feedback-{essay_id}": "Lovely."})
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.status == "graded" and attempt.passed and attempt.score == 100
    assert attempt.results[essay_id]["feedback"] == "Lovely."
    assert LearningEvent.objects.filter(verb="passed").count() == 1
    assert Enrollment.objects.get().completed_items == 1
    [entry] = ModelLogEntry.objects.filter(action=audit.ATTEMPT_GRADED_BY_STAFF)
    assert entry.user_id == world["teacher"].pk and entry.data["after"]["passed"] is True
    # The learner sees the grader's feedback.
    learner_client = client.__class__()
    learner_client.force_login(world["learner"])
    assert "Lovely." in learner_client.get(f"/en/attempts/{attempt.pk}/").content.decode()


def test_points_beyond_the_question_are_refused(world):
    _quiz, attempt = essay_attempt(world)
    with pytest.raises(StaffError):
        grade_written(
            staff=world["teacher"],
            attempt_id=attempt.pk,
            grades={attempt.question_ids[-1]: (5, "")},
            feedback="",
        )
    attempt.refresh_from_db()
    assert attempt.status == "awaiting_grading"


def test_an_instructor_of_another_program_sees_nothing(world, client):
    quiz, attempt = essay_attempt(world)
    client.force_login(world["stranger"])
    listing = client.get(reverse("assessment_admin_attempts")).content.decode()
    assert "ada@example.com" not in listing
    detail = reverse("assessment_admin_attempt", args=[attempt.pk])
    assert client.get(detail, follow=True).status_code == 404
    essay_id = attempt.question_ids[-1]
    response = client.post(detail, {f"points-{essay_id}": "2"}, follow=True)
    assert response.status_code == 404
    report = reverse("assessment_admin_report", args=[quiz.pk])
    assert client.get(report, follow=True).status_code == 404
    attempt.refresh_from_db()
    assert attempt.status == "awaiting_grading"
    with pytest.raises(StaffError):
        grade_written(
            staff=world["stranger"], attempt_id=attempt.pk, grades={essay_id: (2, "")}, feedback=""
        )


def test_regrading_after_fixing_a_key_changes_the_scores_and_is_audited(world, client):
    single = [EVERY_TYPE[0]]
    wrong_key = [
        (
            "single_choice",
            {
                **single[0][1],
                "options": [
                    {"text": "Kyoto", "correct": False},
                    {"text": "Osaka", "correct": True},
                    {"text": "Sapporo", "correct": False},
                ],
            },
        )
    ]
    quiz = build_assessment(world["tree"].modules[0], questions=wrong_key, max_attempts=0)
    old_revision = quiz.live_revision_id
    attempt = start_attempt(learner=world["learner"], assessment=quiz)
    [question] = pinned_questions(attempt).values()
    kyoto = next(o.key for o in question.options if o.text == "Kyoto")
    submit_attempt(learner=world["learner"], attempt_id=attempt.pk, answers={question.id: kyoto})
    attempt.refresh_from_db()
    assert attempt.passed is False
    quiz.questions[0].value["options"][0]["correct"] = True
    quiz.questions[0].value["options"][1]["correct"] = False
    quiz.save_revision().publish()
    quiz.refresh_from_db()
    client.force_login(world["teacher"])
    report = reverse("assessment_admin_report", args=[quiz.pk])
    assert f'value="{old_revision}"' in client.get(report).content.decode()
    assert client.post(report, {"revision": old_revision}).status_code == 302
    attempt.refresh_from_db()
    assert attempt.passed is True and attempt.score == 100
    assert attempt.revision_id == quiz.live_revision_id
    [entry] = ModelLogEntry.objects.filter(action=audit.ATTEMPTS_REGRADED)
    assert entry.data["attempts"][0]["after"] == ["100.00", True]
    assert Enrollment.objects.get().completed_items == 1
    with pytest.raises(StaffError):
        regrade(staff=world["stranger"], assessment=quiz, from_revision_id=old_revision)


def test_the_item_analysis_reads_correct_rate_and_discrimination(world):
    quiz = build_assessment(world["tree"].modules[0], max_attempts=0)
    for index in range(6):
        learner = make_learner(f"l{index}@example.com")
        enroll(learner=learner, program=world["tree"].program)
        attempt = start_attempt(learner=learner, assessment=quiz)
        answers = right_answers(attempt) if index % 2 else wrong_answers(attempt)
        submit_attempt(learner=learner, attempt_id=attempt.pk, answers=answers)
    stats = item_analysis(assessment=quiz)
    assert len(stats) == 7
    first = stats[0]
    assert first.answered == 6 and first.correct_rate == pytest.approx(0.5)
    assert first.discrimination > 0.9
    assert AssessmentAttempt.objects.filter(status="graded").count() == 6
