"""Other apps hear about learning events only once the change that recorded them commits."""

import pytest
from django.db import transaction

from learning.journey.events import LISTENERS, listen, record_event
from learning.models import ObjectType, Verb

from .journey_helpers import make_learner

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def heard():
    received = []

    def callback(event):
        received.append((event.verb, event.object_id))

    listen(Verb.COMPLETED)(callback)
    yield received
    LISTENERS[Verb.COMPLETED].remove(callback)


def test_a_listener_hears_a_committed_event_once(heard):
    learner = make_learner()
    with transaction.atomic():
        record_event(
            actor=learner, verb=Verb.COMPLETED, object_type=ObjectType.CONTENT_ITEM, object_id=7
        )
        assert heard == [], "listeners must wait for the commit"
    assert heard == [(Verb.COMPLETED, 7)]


def test_a_rolled_back_event_is_never_heard(heard):
    learner = make_learner()
    with pytest.raises(RuntimeError), transaction.atomic():
        record_event(
            actor=learner, verb=Verb.COMPLETED, object_type=ObjectType.CONTENT_ITEM, object_id=8
        )
        raise RuntimeError("the completion failed")
    assert heard == []


def test_other_verbs_are_not_delivered(heard):
    learner = make_learner()
    record_event(actor=learner, verb=Verb.REGISTERED, object_type=ObjectType.PROGRAM, object_id=9)
    assert heard == []
