"""Recording learning events. Callers are inside the transaction that made the change.

Other apps react to events through ``listen``: achievements, certificates and notifications
subscribe to the verbs they care about, and their callbacks run once the transaction that
recorded the event has committed (so a rolled-back completion never awards anything). The
dependency points one way: those apps import this module; the journey never imports them.
A callback should only enqueue a task; it runs in the request that recorded the event.
"""

import uuid
from collections import defaultdict
from collections.abc import Callable
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction

from learning.models import LearningEvent, ObjectType, Verb

from .statements import Statement, insert, run_together

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
    (event,) = record_events(
        [
            new_event(
                actor=actor,
                verb=verb,
                object_type=object_type,
                object_id=object_id,
                result=result,
                context=context,
            )
        ]
    )
    return event


def new_event(
    *,
    actor,
    verb: Verb,
    object_type: ObjectType,
    object_id: int,
    result: dict[str, Any] | None = None,
    context: dict[str, Any] | None = None,
) -> LearningEvent:
    """An event not yet recorded: pass a list of them to record_events."""
    return LearningEvent(
        actor=actor,
        verb=verb,
        object_type=object_type,
        object_id=object_id,
        result=result or {},
        context=context or {},
    )


def record_events(events: list[LearningEvent]) -> list[LearningEvent]:
    """Record events in one INSERT, in order (their timestamps follow the list), and run
    each verb's listeners after commit."""
    if not events:
        return []
    run_together([insert_events(events)])
    events_recorded(events)
    return events


def insert_events(events: list[LearningEvent]) -> Statement:
    """The INSERT of record_events, for a caller that sends it with other writes
    (statements.run_together); it must then call events_recorded."""
    return insert(events)


def events_recorded(events: list[LearningEvent]) -> None:
    for event in events:
        for callback in LISTENERS.get(event.verb, ()):
            transaction.on_commit(partial(callback, event))


# xAPI IRIs (docs/progress.md, "Events as xAPI statements"). Activity types are ADL's;
# activity ids and extension keys live under the site's own URL.
XAPI_ACTIVITY_TYPE = {
    ObjectType.PROGRAM: "http://adlnet.gov/expapi/activities/course",
    ObjectType.COURSE: "http://adlnet.gov/expapi/activities/module",
    ObjectType.CONTENT_ITEM: "http://adlnet.gov/expapi/activities/lesson",
    ObjectType.ASSESSMENT: "http://adlnet.gov/expapi/activities/assessment",
}
ANONYMOUS_ACCOUNT = "anonymous"


def xapi_home_page() -> str:
    """The site's root URL: the ``homePage`` of every learner's account."""
    return f"{settings.SITE_URL}/"


def xapi_activity_id(object_id: int) -> str:
    return f"{settings.SITE_URL}/xapi/activities/page/{object_id}"


def xapi_extension(key: str) -> str:
    return f"{settings.SITE_URL}/xapi/extensions/{key.replace('_', '-')}"


def as_statement(event: LearningEvent) -> dict[str, Any]:
    """The event as an xAPI 1.0.3 statement (for export to a learning record store)."""
    actor = str(event.actor_id) if event.actor_id else ANONYMOUS_ACCOUNT
    statement = {
        "id": str(event.id),
        "actor": {
            "objectType": "Agent",
            "account": {"homePage": xapi_home_page(), "name": actor},
        },
        "verb": {"id": event.verb_iri, "display": {"en": event.verb}},
        "object": {
            "objectType": "Activity",
            "id": xapi_activity_id(event.object_id),
            "definition": {"type": XAPI_ACTIVITY_TYPE[ObjectType(event.object_type)]},
        },
        "timestamp": event.timestamp.isoformat(),
    }
    if result := _xapi_result(event.result):
        statement["result"] = result
    if context := _xapi_context(event.context):
        statement["context"] = context
    return statement


def _xapi_result(result: dict[str, Any]) -> dict[str, Any]:
    """xAPI's own result fields where one fits, extensions for the rest."""
    out: dict[str, Any] = {}
    extensions = {}
    for key, value in result.items():
        if key == "duration_seconds":
            out["duration"] = f"PT{int(value)}S"
        elif key in ("completion", "success"):
            out[key] = bool(value)
        elif key == "score":
            out[key] = value
        else:
            extensions[xapi_extension(key)] = value
    if extensions:
        out["extensions"] = extensions
    return out


def _xapi_context(context: dict[str, Any]) -> dict[str, Any]:
    """The enrollment is the xAPI registration; anything else goes in extensions."""
    out: dict[str, Any] = {}
    extensions = {}
    for key, value in context.items():
        if key == "enrollment" and _is_uuid(value):
            out["registration"] = str(value)
        else:
            extensions[xapi_extension(key)] = value
    if extensions:
        out["extensions"] = extensions
    return out


def _is_uuid(value: Any) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True
