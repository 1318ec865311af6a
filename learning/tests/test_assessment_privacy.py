"""Attempts and passes join the personal-data export and leave with the account."""

import json

import pytest

from culturedegree import privacy
from learning.assessments.attempts import start_attempt, submit_attempt
from learning.journey.enrollment import enroll
from learning.models import AssessmentAttempt, AssessmentPass

from .assessment_helpers import build_assessment, right_answers
from .journey_helpers import build_tree, make_learner

pytestmark = pytest.mark.django_db


def test_attempts_are_exported_and_erased_with_the_account():
    tree = build_tree(courses=1, items_per_course=1)
    learner = make_learner("quill@example.com")
    enroll(learner=learner, program=tree.program)
    quiz = build_assessment(tree.modules[0])
    attempt = start_attempt(learner=learner, assessment=quiz)
    submit_attempt(learner=learner, attempt_id=attempt.pk, answers=right_answers(attempt))
    registered = privacy.registrations()
    assert AssessmentAttempt in registered and AssessmentPass in registered
    [row] = registered[AssessmentAttempt].exporter(learner)
    assert row["score"] == 100 and row["answers"]
    json.dumps(registered[AssessmentPass].exporter(learner), default=str)
    learner.delete()
    assert not AssessmentAttempt.objects.exists() and not AssessmentPass.objects.exists()
