"""Heartbeats: a page's ping, and an app's offline session in one request."""

from typing import Any

from django.http import Http404
from ninja import Router
from ninja.errors import HttpError

from learning.journey.heartbeats import (
    Claim,
    heartbeat,
    heartbeat_batch,
)
from learning.journey.progress import ProgressError

from .helpers import content_item, entry_error, learner_of
from .schemas import HeartbeatBatchIn, HeartbeatBatchOut, HeartbeatIn, HeartbeatOut

router = Router()


@router.post(
    "/progress/{content_item_id}/heartbeat",
    response=HeartbeatOut,
    operation_id="learning_api_progress_heartbeat",
)
def progress_heartbeat(request, content_item_id: int, payload: HeartbeatIn):
    item = content_item(content_item_id)
    data = payload.progress_data.model_dump(exclude_none=True) if payload.progress_data else None
    result = heartbeat(
        learner=learner_of(request), item=item, seconds=payload.seconds, progress_data=data
    )
    return {
        "progress": result.progress,
        "credited_seconds": result.credited_seconds,
        "completed_now": result.completed_now,
    }


@router.post(
    "/heartbeats",
    response=HeartbeatBatchOut,
    operation_id="learning_api_heartbeats",
)
def heartbeats(request, payload: HeartbeatBatchIn):
    """An app's offline session in one request. Entries are credited in `client_sent_at`
    order, all together no more than the wall time since the learner's last credit; each
    entry succeeds or fails alone and its result stands in the same position."""
    items: dict[int, Any] = {}
    claims, answers = [], []
    for entry in payload.heartbeats:
        if entry.content_item_id not in items:
            try:
                items[entry.content_item_id] = content_item(entry.content_item_id)
            except (Http404, HttpError) as exc:
                items[entry.content_item_id] = exc
        item = items[entry.content_item_id]
        if isinstance(item, Exception):
            answers.append(entry_error(entry.content_item_id, item))
            continue
        data = entry.progress_data.model_dump(exclude_none=True) if entry.progress_data else None
        answers.append(None)
        claims.append(
            Claim(
                item=item, seconds=entry.seconds, progress_data=data, sent_at=entry.client_sent_at
            )
        )
    results = iter(heartbeat_batch(learner=learner_of(request), claims=claims))
    for position, answer in enumerate(answers):
        if answer is None:
            claim_item = payload.heartbeats[position].content_item_id
            result = next(results)
            answers[position] = (
                entry_error(claim_item, result)
                if isinstance(result, ProgressError)
                else {
                    "content_item_id": claim_item,
                    "status": 200,
                    "credited_seconds": result.credited_seconds,
                    "completed_now": result.completed_now,
                    "progress": result.progress,
                }
            )
    return {
        "credited_seconds": sum(answer["credited_seconds"] for answer in answers),
        "results": answers,
    }
