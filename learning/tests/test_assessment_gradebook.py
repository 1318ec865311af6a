"""The gradebook: weights per course and type, the lowest grades dropped, the final grade."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from learning.assessments.attempts import start_attempt, submit_attempt
from learning.assessments.gradebook import final_grade
from learning.journey.enrollment import enroll
from learning.models import GradebookPolicy

from .assessment_helpers import EVERY_TYPE, build_assessment, right_answers
from .journey_helpers import build_tree, make_learner
from .test_admin_enrollments import instructor_of

pytestmark = pytest.mark.django_db


def take(learner, quiz, *, right: bool):
    attempt = start_attempt(learner=learner, assessment=quiz)
    answers = right_answers(attempt) if right else {}
    submit_attempt(learner=learner, attempt_id=attempt.pk, answers=answers)


def test_weights_and_dropping_the_lowest_make_the_final_grade(client):
    tree = build_tree(courses=2, items_per_course=1)
    learner = make_learner()
    enroll(learner=learner, program=tree.program)
    one = [EVERY_TYPE[0]]
    first = build_assessment(tree.modules[0], questions=one, title="A")
    second = build_assessment(tree.modules[1], questions=one, title="B")
    third = build_assessment(tree.modules[1], questions=one, title="C")
    take(learner, first, right=True)  # course 1: 100
    take(learner, second, right=True)  # course 2: 100 and 0
    take(learner, third, right=False)
    assert final_grade(learner=learner, program=tree.program) == Decimal("75.00")
    policy = GradebookPolicy.objects.create(program=tree.program, drop_lowest=1)
    assert final_grade(learner=learner, program=tree.program) == Decimal("100.00")
    policy.drop_lowest = 0
    policy.course_weights = {str(tree.courses[1].pk): 3}
    policy.save()
    # Course 2 now averages 50 and weighs 3: (100 + 3 * 50) / 4.
    assert final_grade(learner=learner, program=tree.program) == Decimal("62.50")
    client.force_login(learner)
    body = client.get(f"/api/v1/grades?program_id={tree.program.pk}").json()
    assert body["final_grade"] == "62.50"
    assert [c["grade"] for c in body["courses"]] == ["100.00", "50.00"]
    other = Client()
    other.force_login(make_learner("other@example.com"))
    assert other.get(f"/api/v1/grades?program_id={tree.program.pk}").json()["final_grade"] == (
        "0.00"
    )


def test_instructors_read_their_programs_gradebook_only(client):
    tree = build_tree(courses=1, items_per_course=1)
    andes = build_tree(courses=1, items_per_course=1, title="Andes")
    learner = make_learner()
    enroll(learner=learner, program=tree.program)
    take(learner, build_assessment(tree.modules[0], questions=[EVERY_TYPE[0]]), right=True)
    url = reverse("assessment_gradebook", args=[tree.program.pk])
    client.force_login(instructor_of(tree.program, "teacher@example.com"))
    page = client.get(url).content.decode()
    assert "ada@example.com" in page and "100.0%" in page
    client.force_login(instructor_of(andes.program, "andes@example.com"))
    assert client.get(url, follow=True).status_code == 404
