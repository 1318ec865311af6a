"""Certificates follow the gradebook: a course with a quiz is complete once the quiz is
passed, and its certificate prints the gradebook's grade."""

import io

import pytest
from django.test import Client, TestCase
from pypdf import PdfReader

from certificates.models import Certificate
from learning.assessments.attempts import start_attempt, submit_attempt
from learning.assessments.gradebook import standings
from learning.journey.enrollment import enroll
from learning.models import GradingMethod
from learning.tests.assessment_helpers import EVERY_TYPE, build_assessment, right_answers
from learning.tests.journey_helpers import build_tree, make_learner

from .certificate_helpers import complete_all

pytestmark = pytest.mark.django_db


def take(learner, quiz, *, right: bool) -> None:
    """One attempt as the learner submits it, running what waits for the commit."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        attempt = start_attempt(learner=learner, assessment=quiz)
    with TestCase.captureOnCommitCallbacks(execute=True):
        answers = right_answers(attempt) if right else {}
        submit_attempt(learner=learner, attempt_id=attempt.pk, answers=answers)


def setup():
    tree = build_tree(courses=2, items_per_course=1)
    learner = make_learner("ada@example.com", name="Ada Lovelace")
    enroll(learner=learner, program=tree.program)
    quiz = build_assessment(
        tree.modules[0],
        questions=[EVERY_TYPE[0]],
        grading_method=GradingMethod.AVERAGE,
        max_attempts=0,
        cooldown_minutes=0,
    )
    return tree, learner, quiz


def test_a_course_with_a_quiz_is_certified_only_once_the_quiz_is_passed():
    tree, learner, quiz = setup()
    complete_all(learner=learner, tree=tree, items=tree.items[0])
    assert not Certificate.objects.exists()
    take(learner, quiz, right=False)
    assert not Certificate.objects.exists()

    # Passing the quiz (not an item) is the last unit of the course: it issues.
    take(learner, quiz, right=True)
    certificate = Certificate.objects.get(learner=learner)
    assert certificate.course_id == tree.courses[0].id
    # The gradebook's grade: the average of a failed (0) and a passed (100) attempt.
    grade = standings(program=tree.program, learner_ids=[learner.pk])[0].courses[0].grade
    assert str(grade) == "50.00"
    assert certificate.metadata["grade"] == "50%"
    assert certificate.metadata["score"] == 50.0
    client = Client()
    client.force_login(learner)
    page = client.get(f"/en/certificates/{certificate.pk}/").content.decode()
    assert "50%" in page
    pdf = PdfReader(io.BytesIO(certificate.pdf.read())).pages[0].extract_text()
    assert "Grade: 50%" in pdf
    assert certificate.credential["credentialSubject"]["result"][0]["value"] == "50%"


def test_failing_the_quiz_issues_nothing_even_with_every_item_done():
    tree, learner, quiz = setup()
    complete_all(learner=learner, tree=tree)
    take(learner, quiz, right=False)
    # The quizless second course is done and says "Pass"; the first and the program wait.
    assert list(Certificate.objects.values_list("course_id", "metadata__grade")) == [
        (tree.courses[1].id, "Pass")
    ]


def test_the_program_certificate_prints_the_final_grade():
    tree, learner, quiz = setup()
    take(learner, quiz, right=True)
    complete_all(learner=learner, tree=tree)
    program_certificate = Certificate.objects.get(learner=learner, program=tree.program)
    # One graded course (100) and one without assessments: the final grade is 100.
    assert program_certificate.metadata["grade"] == "100%"
    assert Certificate.objects.get(course=tree.courses[0]).metadata["grade"] == "100%"
    assert Certificate.objects.get(course=tree.courses[1]).metadata["grade"] == "Pass"
