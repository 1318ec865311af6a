"""The learner API's request and response bodies."""

import datetime as dt
from typing import Any, Literal
from uuid import UUID

from ninja import Field, Schema
from pydantic import AwareDatetime, BaseModel, ConfigDict

from learning.journey import dashboard
from learning.journey.heartbeats import (
    MAX_BATCH_ENTRIES,
    MAX_HEARTBEAT_SECONDS,
)
from learning.models import Enrollment


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
