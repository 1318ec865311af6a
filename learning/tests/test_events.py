import pytest

from learning.journey.access import resolve_item
from learning.journey.enrollment import change_status, enroll
from learning.journey.events import as_statement
from learning.journey.heartbeats import heartbeat
from learning.journey.progress import ProgressError, complete_item, start_item
from learning.models import AppendOnlyError, LearningEvent, Progress

from .journey_helpers import make_learner, rewind_credit

pytestmark = pytest.mark.django_db


def test_each_change_appends_one_event_in_the_same_transaction(tree):
    learner = make_learner()
    enrollment, _ = enroll(learner=learner, program=tree.program)
    item = resolve_item(page_id=tree.items[0][0].id)
    start_item(learner=learner, item=item)
    rewind_credit(learner, 30)
    heartbeat(learner=learner, item=item, seconds=10)
    heartbeat(learner=learner, item=item, seconds=10)  # nothing credited, nothing changed
    complete_item(learner=learner, item=item)
    complete_item(learner=learner, item=item)
    change_status(enrollment=enrollment, status="paused")
    verbs = list(LearningEvent.objects.order_by("timestamp").values_list("verb", flat=True))
    assert verbs == ["registered", "launched", "progressed", "completed", "suspended"]
    progressed = LearningEvent.objects.get(verb="progressed")
    assert progressed.result == {"duration_seconds": 10}
    assert progressed.context == {"enrollment": str(enrollment.pk)}


def test_refused_change_appends_nothing(tree):
    learner = make_learner()
    item = resolve_item(page_id=tree.items[0][0].id)
    with pytest.raises(ProgressError):
        complete_item(learner=learner, item=item)
    assert not LearningEvent.objects.exists()
    assert not Progress.objects.exists()


def test_events_are_append_only(tree):
    learner = make_learner()
    enroll(learner=learner, program=tree.program)
    event = LearningEvent.objects.get()
    event.verb = "completed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_event_as_xapi_statement(tree, settings):
    settings.SITE_URL = "https://culturedegree.example"
    learner = make_learner()
    enroll(learner=learner, program=tree.program)
    statement = as_statement(LearningEvent.objects.get())
    assert statement["verb"]["id"] == "http://adlnet.gov/expapi/verbs/registered"
    assert statement["actor"]["account"] == {
        "homePage": "https://culturedegree.example/",
        "name": str(learner.pk),
    }
    program_iri = f"https://culturedegree.example/xapi/activities/page/{tree.program.id}"
    assert statement["object"]["id"] == program_iri
