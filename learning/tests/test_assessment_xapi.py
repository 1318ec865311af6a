"""Assessment events export as valid xAPI statements (ralph's models)."""

import pytest
from ralph.models.xapi.base.statements import BaseXapiStatement

from learning.assessments.attempts import start_attempt, submit_attempt
from learning.assessments.peer_review import assigned_reviews, submit_review
from learning.journey.enrollment import enroll
from learning.journey.events import as_statement
from learning.models import LearningEvent

from .assessment_helpers import build_assessment, build_project, criterion_ids, right_answers
from .journey_helpers import build_tree, make_learner
from .test_xapi_statements import ASSESSMENT_VERBS, SITE_URL

pytestmark = pytest.mark.django_db


def test_every_assessment_verb_validates_as_xapi(settings):
    settings.SITE_URL = SITE_URL
    tree = build_tree(courses=1, items_per_course=1)
    quiz = build_assessment(tree.modules[0], max_attempts=2)
    project = build_project(tree.modules[0], peer=True, review_count=1)
    ada, bea = make_learner("ada@example.com"), make_learner("bea@example.com")
    for learner in (ada, bea):
        enroll(learner=learner, program=tree.program)
        first = start_attempt(learner=learner, assessment=quiz)
        submit_attempt(learner=learner, attempt_id=first.pk)  # failed
        second = start_attempt(learner=learner, assessment=quiz)
        submit_attempt(learner=learner, attempt_id=second.pk, answers=right_answers(second))
        mine = start_attempt(learner=learner, assessment=project)
        submit_attempt(learner=learner, attempt_id=mine.pk, answers={"text": "Work."})
    [review] = assigned_reviews(reviewer=ada, assessment=project)
    levels = dict.fromkeys(criterion_ids(project), 1)
    submit_review(reviewer=ada, review_id=review.pk, levels=levels, comment="")
    events = list(LearningEvent.objects.filter(verb__in=ASSESSMENT_VERBS))
    assert {event.verb for event in events} == ASSESSMENT_VERBS
    for event in events:
        statement = as_statement(event)
        BaseXapiStatement.model_validate(statement)
        assert statement["object"]["definition"]["type"] == (
            "http://adlnet.gov/expapi/activities/assessment"
        )
    answered = next(as_statement(e) for e in events if e.verb == "answered")
    assert set(answered["result"]["score"]) == {"raw", "min", "max"}
