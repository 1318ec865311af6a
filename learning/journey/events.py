"""Recording learning events. Callers are inside the transaction that made the change.

Other apps react to events through ``listen``: achievements, certificates and notifications
subscribe to the verbs they care about, and their callbacks run once the transaction that
recorded the event has committed (so a rolled-back completion never awards anything). The
dependency points one way: those apps import this module; the journey never imports them.
A callback should only enqueue a task; it runs in the request that recorded the event.
"""

from collections import defaultdict
from collections.abc import Callable
from functools import partial
from typing import Any

from django.db import transaction

from learning.models import LearningEvent, ObjectType, Verb

Listener = Callable[[LearningEvent], None]
LISTENERS: dict[str, list[Listener]] = defaultdict(list)


def listen(*verbs: Verb) -> Callable[[Listener], Listener]:
    """Register ``callback(event)`` to run after commit whenever one of ``verbs`` is recorded.

    Call it from an ``AppConfig.ready()``; registering the same callback twice is a no-op.
    """

    def register(callback: Listener) -> Listener:
        for verb in verbs:
            if callback not in LISTENERS[verb]:
                LISTENERS[verb].append(callback)
        return callback

    return register


def record_event(
    *,
    actor,
    verb: Verb,
    object_type: ObjectType,
    object_id: int,
    result: dict[str, Any] | None = None,
    context: dict[str, Any] | None = None,
) -> LearningEvent:
    event = LearningEvent.objects.create(
        actor=actor,
        verb=verb,
        object_type=object_type,
        object_id=object_id,
        result=result or {},
        context=context or {},
    )
    for callback in LISTENERS.get(verb, ()):
        transaction.on_commit(partial(callback, event))
    return event


def as_statement(event: LearningEvent) -> dict[str, Any]:
    """The event as an xAPI-shaped statement (for export to a learning record store)."""
    return {
        "id": str(event.id),
        "actor": {"objectType": "Agent", "account": {"name": str(event.actor_id)}},
        "verb": {"id": event.verb_iri, "display": {"en": event.verb}},
        "object": {
            "objectType": "Activity",
            "id": f"page:{event.object_id}",
            "definition": {"type": event.object_type},
        },
        "result": event.result,
        "context": {"extensions": event.context},
        "timestamp": event.timestamp.isoformat(),
    }


def record_events(*, actor, verb: Verb, object_type: ObjectType, entries: list[dict]) -> None:
    """Record many events of one actor and verb in one insert (a quiz's answers): each
    entry holds `object_id` and optionally `result` and `context`. Listeners run per event."""
    events = LearningEvent.objects.bulk_create(
        [
            LearningEvent(
                actor=actor,
                verb=verb,
                object_type=object_type,
                object_id=entry["object_id"],
                result=entry.get("result") or {},
                context=entry.get("context") or {},
            )
            for entry in entries
        ]
    )
    for event in events:
        for callback in LISTENERS.get(verb, ()):
            transaction.on_commit(partial(callback, event))
