"""Request and answer schemas of the community's learner API (community/api.py)."""

import datetime as dt
from typing import Literal
from uuid import UUID

from django.conf import settings
from ninja import Field, Schema
from pydantic import BaseModel, ConfigDict

from .discussions import MAX_BODY_CHARS, MAX_TITLE_CHARS

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DiscussionIn(Strict):
    course_id: int | None = Field(None, gt=0)
    module_id: int | None = Field(None, gt=0)
    item_id: int | None = Field(None, gt=0)
    block_id: str = Field("", max_length=64)
    kind: Literal["discussion", "question"] = "discussion"
    title: str = Field(..., min_length=1, max_length=MAX_TITLE_CHARS)
    body: str = Field(..., min_length=1, max_length=MAX_BODY_CHARS)
    language: Literal[LANGUAGE_CODES] | None = None  # type: ignore[valid-type]


class DiscussionPatch(Strict):
    title: str | None = Field(None, min_length=1, max_length=MAX_TITLE_CHARS)
    body: str = Field(..., min_length=1, max_length=MAX_BODY_CHARS)


class CommentIn(Strict):
    body: str = Field(..., min_length=1, max_length=MAX_BODY_CHARS)
    parent_id: UUID | None = None
    language: Literal[LANGUAGE_CODES] | None = None  # type: ignore[valid-type]


class CommentPatch(Strict):
    body: str = Field(..., min_length=1, max_length=MAX_BODY_CHARS)


class ReportIn(Strict):
    reason: Literal["spam", "abuse", "off_topic", "other"]
    note: str = Field("", max_length=500)


class ReadIn(Strict):
    ids: list[UUID] | None = Field(None, max_length=500)


class ListFilters(Schema):
    course_id: int | None = Field(None, gt=0)
    module_id: int | None = Field(None, gt=0)
    item_id: int | None = Field(None, gt=0)
    language: str = ""
    q: str = Field("", max_length=200)
    page: int = Field(1, ge=1)


class Author(Schema):
    id: UUID | None
    name: str


class CommentOut(Schema):
    id: UUID
    parent_id: UUID | None
    author: Author
    body: str
    body_html: str
    language: str
    is_edited: bool
    is_deleted: bool
    is_hidden: bool
    vote_count: int
    voted: bool = False
    endorsed: bool
    created_at: dt.datetime
    more_replies: bool = False
    replies: list["CommentOut"] = []


class DiscussionOut(Schema):
    id: UUID
    program_id: int
    course_id: int | None
    module_id: int | None
    item_id: int | None
    block_id: str
    kind: str
    author: Author
    title: str
    body: str
    body_html: str
    language: str
    is_pinned: bool
    is_locked: bool
    is_hidden: bool
    is_edited: bool
    is_deleted: bool
    accepted_answer_id: UUID | None
    comment_count: int
    created_at: dt.datetime
    last_activity_at: dt.datetime


class DiscussionPage(Schema):
    count: int
    page: int
    pages: int
    results: list[DiscussionOut]


class ThreadOut(DiscussionOut):
    comments: list[CommentOut]
    comment_page: int
    comment_pages: int


class NotificationOut(Schema):
    id: UUID
    kind: str
    actor: Author
    discussion_id: UUID | None
    discussion_title: str
    title: str
    url: str
    comment_id: UUID | None
    created_at: dt.datetime
    read: bool


class UnreadOut(Schema):
    unread: int


class MentionOut(Schema):
    handle: str
    name: str


class FollowOut(Schema):
    following: bool


class ReportOut(Schema):
    id: UUID
    reason: str
    status: str
