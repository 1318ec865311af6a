"""Recording learning events. Callers are inside the transaction that made the change."""

from typing import Any

from .models import LearningEvent, ObjectType, Verb


def record_event(
    *,
    actor,
    verb: Verb,
    object_type: ObjectType,
    object_id: int,
    result: dict[str, Any] | None = None,
    context: dict[str, Any] | None = None,
) -> LearningEvent:
    return LearningEvent.objects.create(
        actor=actor,
        verb=verb,
        object_type=object_type,
        object_id=object_id,
        result=result or {},
        context=context or {},
    )


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
