"""The learner's side of the API: enrollments, progress, dashboard. Handlers stay thin."""

import datetime as dt
from typing import Any, Literal
from uuid import UUID

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import AwareDatetime, BaseModel, ConfigDict

from learning.journey import dashboard
from learning.journey.access import NotFound, resolve_item, resolve_program
from learning.journey.enrollment import TransitionError, change_status, enroll, set_target_date
from learning.journey.heartbeats import (
    MAX_BATCH_ENTRIES,
    MAX_HEARTBEAT_SECONDS,
    Claim,
    heartbeat,
    heartbeat_batch,
)
from learning.journey.progress import ProgressError, begin_item, complete_item, uncomplete_item
from learning.models import Enrollment, Progress

router = Router(tags=["learner"])

PROGRESS_ERROR_STATUS = {
    "not_enrolled": 403,
    "locked": 403,
    "paused": 409,
    "conflict": 409,
    "invalid": 422,
    "too_large": 422,
    "rate_limited": 429,
}


class Strict(BaseModel):
    """Request bodies: plain pydantic models (no ninja Schema getters, which cost a
    heartbeat more than the rest of its validation), unknown fields refused."""

    model_config = ConfigDict(extra="forbid")


class Message(Schema):
    message: str


class EnrollIn(Strict):
    program_id: int = Field(..., gt=0)


class EnrollmentPatch(Strict):
    status: Literal["active", "paused", "dropped"] | None = None
    target_completion_date: dt.date | None = None


class EnrollmentOut(Schema):
    id: UUID
    program_id: int
    program_title: str
    status: str
    enrolled_at: dt.datetime
    completed_at: dt.datetime | None
    target_completion_date: dt.date | None
    completion_percentage: float
    completed_items: int
    total_items: int
    time_spent_seconds: int
    last_activity_at: dt.datetime | None
    next_item_id: int | None
    on_track: str | None

    @staticmethod
    def resolve_program_title(obj: Enrollment) -> str:
        return obj.program.title

    @staticmethod
    def resolve_on_track(obj: Enrollment, context) -> str | None:
        return dashboard.enrollment_pace(enrollment=obj, learner=context["request"].auth).state


class ProgressDataIn(Strict):
    position: float | None = Field(None, ge=0)
    # Accepted and ignored: the server measures against the media file's own duration.
    duration: float | None = Field(None, gt=0)
    state: dict[str, Any] | None = None


class HeartbeatIn(Strict):
    seconds: int = Field(..., ge=0, le=MAX_HEARTBEAT_SECONDS)
    progress_data: ProgressDataIn | None = None


class BatchHeartbeatIn(Strict):
    content_item_id: int = Field(..., gt=0)
    seconds: int = Field(..., ge=0, le=MAX_HEARTBEAT_SECONDS)
    progress_data: ProgressDataIn | None = None
    client_sent_at: AwareDatetime


class HeartbeatBatchIn(Strict):
    heartbeats: list[BatchHeartbeatIn] = Field(..., min_length=1, max_length=MAX_BATCH_ENTRIES)


class ProgressOut(Schema):
    content_item_id: int
    module_id: int
    course_id: int
    started_at: dt.datetime
    completed_at: dt.datetime | None
    is_completed: bool
    time_spent_seconds: int
    progress_data: dict[str, Any]


class HeartbeatOut(Schema):
    progress: ProgressOut
    credited_seconds: int
    completed_now: bool


class BatchHeartbeatOut(Schema):
    """One entry's answer: `status` is the HTTP status it would have had alone."""

    content_item_id: int
    status: int
    credited_seconds: int = 0
    completed_now: bool = False
    progress: ProgressOut | None = None
    message: str | None = None


class HeartbeatBatchOut(Schema):
    credited_seconds: int
    results: list[BatchHeartbeatOut]


class CompleteOut(Schema):
    progress: ProgressOut
    completed_now: bool
    enrollment: EnrollmentOut


class UncompleteOut(Schema):
    progress: ProgressOut
    uncompleted_now: bool
    enrollment: EnrollmentOut


def _learner(request):
    return request.auth


def _own_enrollment(request, enrollment_id: UUID) -> Enrollment:
    return get_object_or_404(
        Enrollment.objects.select_related("program"), pk=enrollment_id, learner=_learner(request)
    )


def _item(content_item_id: int):
    try:
        return resolve_item(page_id=content_item_id)
    except NotFound:
        raise Http404 from None


def _progress_error(exc: ProgressError):
    error = HttpError(PROGRESS_ERROR_STATUS[exc.code], exc.message)
    if exc.retry_after:
        error.headers = {"Retry-After": str(exc.retry_after)}
    return error


@router.get("/enrollments", response=list[EnrollmentOut])
def list_enrollments(request):
    return Enrollment.objects.filter(learner=_learner(request)).select_related("program")


@router.post("/enrollments", response={200: EnrollmentOut, 201: EnrollmentOut})
def create_enrollment(request, payload: EnrollIn):
    try:
        program = resolve_program(page_id=payload.program_id)
    except NotFound:
        raise Http404 from None
    enrollment, created = enroll(learner=_learner(request), program=program)
    enrollment.program = program
    return Status(201 if created else 200, enrollment)


@router.get("/enrollments/{enrollment_id}", response=EnrollmentOut)
def get_enrollment(request, enrollment_id: UUID):
    return _own_enrollment(request, enrollment_id)


@router.patch("/enrollments/{enrollment_id}", response=EnrollmentOut)
def update_enrollment(request, enrollment_id: UUID, payload: EnrollmentPatch):
    enrollment = _own_enrollment(request, enrollment_id)
    fields = payload.model_fields_set
    try:
        if "target_completion_date" in fields:
            enrollment = set_target_date(
                enrollment=enrollment, target=payload.target_completion_date
            )
        if "status" in fields and payload.status is not None:
            enrollment = change_status(enrollment=enrollment, status=payload.status)
    except TransitionError as exc:
        raise HttpError(exc.status, exc.message) from None
    return Enrollment.objects.select_related("program").get(pk=enrollment.pk)


@router.post("/progress/{content_item_id}/start", response=ProgressOut)
def start(request, content_item_id: int):
    item = _item(content_item_id)
    try:
        return begin_item(learner=_learner(request), item=item)
    except ProgressError as exc:
        raise _progress_error(exc) from None


@router.post("/progress/{content_item_id}/heartbeat", response=HeartbeatOut)
def progress_heartbeat(request, content_item_id: int, payload: HeartbeatIn):
    item = _item(content_item_id)
    data = payload.progress_data.model_dump(exclude_none=True) if payload.progress_data else None
    try:
        result = heartbeat(
            learner=_learner(request), item=item, seconds=payload.seconds, progress_data=data
        )
    except ProgressError as exc:
        raise _progress_error(exc) from None
    return {
        "progress": result.progress,
        "credited_seconds": result.credited_seconds,
        "completed_now": result.completed_now,
    }


@router.post("/heartbeats", response=HeartbeatBatchOut)
def heartbeats(request, payload: HeartbeatBatchIn):
    """An app's offline session in one request. Entries are credited in `client_sent_at`
    order, all together no more than the wall time since the learner's last credit; each
    entry succeeds or fails alone and its result stands in the same position."""
    items: dict[int, Any] = {}
    claims, answers = [], []
    for entry in payload.heartbeats:
        if entry.content_item_id not in items:
            try:
                items[entry.content_item_id] = _item(entry.content_item_id)
            except (Http404, HttpError) as exc:
                items[entry.content_item_id] = exc
        item = items[entry.content_item_id]
        if isinstance(item, Exception):
            answers.append(_entry_error(entry.content_item_id, item))
            continue
        data = entry.progress_data.model_dump(exclude_none=True) if entry.progress_data else None
        answers.append(None)
        claims.append(
            Claim(
                item=item, seconds=entry.seconds, progress_data=data, sent_at=entry.client_sent_at
            )
        )
    try:
        results = iter(heartbeat_batch(learner=_learner(request), claims=claims))
    except ProgressError as exc:
        raise _progress_error(exc) from None
    for position, answer in enumerate(answers):
        if answer is None:
            claim_item = payload.heartbeats[position].content_item_id
            result = next(results)
            answers[position] = (
                _entry_error(claim_item, result)
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


def _entry_error(content_item_id: int, exc: Exception) -> dict:
    if isinstance(exc, ProgressError):
        status, message = PROGRESS_ERROR_STATUS[exc.code], exc.message
    elif isinstance(exc, HttpError):
        status, message = exc.status_code, str(exc)
    else:
        status, message = 404, "Unknown or unpublished content item."
    return {
        "content_item_id": content_item_id,
        "status": status,
        "credited_seconds": 0,
        "message": message,
    }


def _mark(request, content_item_id: int, action):
    """Complete or uncomplete an item: (progress, whether it changed, the enrollment)."""
    item = _item(content_item_id)
    try:
        progress, changed = action(learner=_learner(request), item=item)
    except ProgressError as exc:
        raise _progress_error(exc) from None
    enrollment = Enrollment.objects.select_related("program").get(
        learner=_learner(request), program_id=item.program_id
    )
    return progress, changed, enrollment


@router.post("/progress/{content_item_id}/complete", response=CompleteOut)
def progress_complete(request, content_item_id: int):
    progress, changed, enrollment = _mark(request, content_item_id, complete_item)
    return {"progress": progress, "completed_now": changed, "enrollment": enrollment}


@router.delete("/progress/{content_item_id}/complete", response=UncompleteOut)
def progress_uncomplete(request, content_item_id: int):
    """Undo "Mark as complete"."""
    progress, changed, enrollment = _mark(request, content_item_id, uncomplete_item)
    return {"progress": progress, "uncompleted_now": changed, "enrollment": enrollment}


@router.get("/progress", response=list[ProgressOut])
def list_progress(request, program_id: int | None = None, course_id: int | None = None):
    rows = Progress.objects.filter(learner=_learner(request)).order_by("started_at")
    if program_id is not None:
        try:
            program = resolve_program(page_id=program_id)
        except NotFound:
            raise Http404 from None
        rows = rows.filter(course__path__startswith=program.path)
    if course_id is not None:
        rows = rows.filter(course__translation_key__in=_translation_keys(course_id))
    return rows


def _translation_keys(page_id: int):
    from wagtail.models import Page

    return Page.objects.filter(id=page_id).values("translation_key")


@router.get("/dashboard", response=dict[str, Any])
def get_dashboard(request):
    return dashboard.dashboard_data(learner=_learner(request), request=request)
