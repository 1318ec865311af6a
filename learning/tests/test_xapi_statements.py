"""Every event the journey records exports as a valid xAPI statement (ralph's models)."""

import datetime as dt

import pytest
from django.utils import timezone
from ralph.models.xapi.base.statements import BaseXapiStatement

from learning.journey.access import resolve_item
from learning.journey.enrollment import drop, enroll, pause, resume, set_target_date
from learning.journey.events import as_statement, record_event, xapi_extension
from learning.journey.heartbeats import heartbeat
from learning.journey.progress import complete_item, start_item, uncomplete_item
from learning.models import Enrollment, LearningEvent, ObjectType, Verb
from learning.personal_data import anonymise_events

from .journey_helpers import make_learner, make_video, rewind_credit

pytestmark = pytest.mark.django_db

SITE_URL = "https://culturedegree.example"
# Recorded by the community app; community/tests/test_xapi_statements.py validates them.
DISCUSSION_VERBS = {Verb.COMMENTED, Verb.REPLIED}
ASSESSMENT_VERBS = {
    Verb.ATTEMPTED,
    Verb.ANSWERED,
    Verb.SUBMITTED,
    Verb.PASSED,
    Verb.FAILED,
    Verb.REVIEWED,
}


def _valid(event: LearningEvent) -> dict:
    statement = as_statement(event)
    BaseXapiStatement.model_validate(statement)  # raises ValidationError with the reason
    return statement


def _walk_the_journey(tree) -> tuple[object, Enrollment]:
    """Every verb, through the functions the views, API and admin call."""
    learner = make_learner()
    enrollment, _ = enroll(learner=learner, program=tree.program)
    pause(enrollment=enrollment)
    resume(enrollment=enrollment)
    drop(enrollment=enrollment)
    enrollment, _ = enroll(learner=learner, program=tree.program)  # re-enrolled
    set_target_date(enrollment=enrollment, target=timezone.localdate() + dt.timedelta(days=30))
    video = resolve_item(page_id=make_video(tree.items[0][0], seconds=100).id)
    start_item(learner=learner, item=video)
    rewind_credit(learner, 30)
    heartbeat(learner=learner, item=video, seconds=10, progress_data={"position": 12})
    complete_item(learner=learner, item=video)
    uncomplete_item(learner=learner, item=video)
    for page in tree.all_items:
        complete_item(learner=learner, item=resolve_item(page_id=page.id))
    return learner, enrollment


def test_every_recorded_verb_validates_as_xapi(tree, settings):
    settings.SITE_URL = SITE_URL
    learner, enrollment = _walk_the_journey(tree)
    events = list(LearningEvent.objects.order_by("timestamp"))
    # Discussions and assessments record theirs; their own xAPI tests validate them.
    assert {event.verb for event in events} == set(Verb) - DISCUSSION_VERBS - ASSESSMENT_VERBS

    statements = [_valid(event) for event in events]
    for statement in statements:
        assert statement["actor"]["account"] == {
            "homePage": f"{SITE_URL}/",
            "name": str(learner.pk),
        }
        assert statement["object"]["id"].startswith(f"{SITE_URL}/xapi/activities/page/")
        assert statement["context"]["registration"] == str(enrollment.pk)
    by_verb = {}
    for statement in statements:
        by_verb.setdefault(statement["verb"]["id"].rsplit("/", 1)[1], []).append(statement)
    progressed = by_verb["progressed"]
    assert progressed[0]["result"] == {
        "duration": "PT10S",
        "extensions": {f"{SITE_URL}/xapi/extensions/position": 12.0},
    }
    undone = progressed[1]
    assert undone["result"] == {"completion": False}
    assert undone["context"]["extensions"] == {f"{SITE_URL}/xapi/extensions/undo": "completed"}
    scheduled = by_verb["scheduled"][0]
    assert list(scheduled["result"]["extensions"]) == [
        f"{SITE_URL}/xapi/extensions/target-completion-date"
    ]
    program_type = "http://adlnet.gov/expapi/activities/course"
    completed_program = [
        s for s in by_verb["completed"] if s["object"]["definition"]["type"] == program_type
    ]
    assert [s["result"] for s in completed_program] == [{"completion": True}]
    item_completion = by_verb["completed"][0]
    assert item_completion["object"]["definition"]["type"] == (
        "http://adlnet.gov/expapi/activities/lesson"
    )
    assert item_completion["result"]["completion"] is True


def test_anonymised_events_still_validate(tree):
    learner, _ = _walk_the_journey(tree)
    anonymise_events(learner)
    for event in LearningEvent.objects.all():
        statement = _valid(event)
        assert statement["actor"]["account"]["name"] == "anonymous"
        assert "context" not in statement


@pytest.mark.parametrize("object_type", list(ObjectType))
def test_each_object_type_has_an_activity_type_iri(tree, object_type):
    learner = make_learner()
    event = record_event(
        actor=learner,
        verb=Verb.PROGRESSED,
        object_type=object_type,
        object_id=tree.program.id,
        result={"success": True, "score": {"scaled": 0.5}, "attempt_note": "kept"},
        context={"enrollment": "not-a-uuid"},
    )
    statement = _valid(event)
    assert statement["object"]["definition"]["type"].startswith("http://adlnet.gov/expapi/")
    assert statement["result"]["extensions"] == {xapi_extension("attempt_note"): "kept"}
    assert statement["context"] == {"extensions": {xapi_extension("enrollment"): "not-a-uuid"}}
