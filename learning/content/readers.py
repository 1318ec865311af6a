"""Who is reading the content API: the learner behind a browser session or an
``X-Session-Token``, the same two ways the learner API authenticates.

Wagtail's API v3 treats every request without an API token as anonymous (a session cookie
must not show drafts), so the learner is noted here before it does. The reader only opens
item bodies and documents; which pages are listed at all stays Wagtail's public rule. Who may
open a body is the journey's rule (learning.journey.access.may_read_item_body): the content API
hands it to ``reading`` with each request, so the content layer imports nothing of the journey.
"""

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from rest_framework.fields import Field, SkipField

CONTENT_API_PREFIX = "/api/v3/"


@dataclass
class Reading:
    request: object
    session_user: object
    #: may_read_body(user=..., page_id=...): whether the reader may open an item's body.
    may_read_body: Callable[..., bool]
    _reader: object = field(default=None)

    @property
    def reader(self):
        if self._reader is None:
            # Past Wagtail's auth, request.user is an API token's user, or anonymous.
            user = getattr(self.request, "user", None)
            if user is not None and user.is_authenticated:
                self._reader = user
            else:
                self._reader = request_reader(self.request, session_user=self.session_user)
        return self._reader


_reading: ContextVar[Reading | None] = ContextVar("content_api_reading", default=None)


def request_reader(request, *, session_user=None):
    """The signed-in user behind `X-Session-Token` (if sent) or the session, else anonymous."""
    if request.headers.get("X-Session-Token"):
        from culturedegree.api import SessionTokenAuth

        # allauth's check assigns request.user; the content API's own user stays as it was.
        current = getattr(request, "user", None)
        try:
            user = SessionTokenAuth()(request)
        finally:
            if current is not None:
                request.user = current
        return user or AnonymousUser()
    user = session_user if session_user is not None else getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else AnonymousUser()


def current_reading() -> Reading | None:
    return _reading.get()


class reading:
    """While a content API request is answered: its request and session user, for the
    fields below, and the rule for opening item bodies (learning.api.content.ContentApiMiddleware
    opens it)."""

    def __init__(self, request, *, may_read_body: Callable[..., bool]):
        self.value = Reading(
            request=request, session_user=request.user, may_read_body=may_read_body
        )

    def __enter__(self):
        self.token = _reading.set(self.value)
        return self.value

    def __exit__(self, *exc):
        _reading.reset(self.token)


class ItemBodyField(Field):
    """A content item's body blocks in the content API, or null for a reader who may not
    open the item (by the rule ``reading`` was given)."""

    def get_attribute(self, instance):
        reading = current_reading()
        if reading is None or not reading.may_read_body(user=reading.reader, page_id=instance.pk):
            raise SkipField
        return instance.body

    def to_representation(self, value) -> list:
        reading = current_reading()
        context = {"request": reading.request if reading else None}
        return value.stream_block.get_api_representation(value, context)


class RequirementsField(Field):
    """A program's requirement groups with the course ids of the program's own locale, so a
    French program names its French courses (where they are translated and live)."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, value) -> list:
        from wagtail.models import Page

        reading = current_reading()
        context = {"request": reading.request if reading else None}
        groups = value.requirements.stream_block.get_api_representation(value.requirements, context)
        ids = {pk for group in groups for pk in group["value"].get("course_ids", [])}
        keys = dict(Page.objects.filter(pk__in=ids).values_list("pk", "translation_key"))
        twins = dict(
            Page.objects.filter(
                translation_key__in=keys.values(), locale_id=value.locale_id, live=True
            ).values_list("translation_key", "pk")
        )
        for group in groups:
            course_ids = group["value"].get("course_ids", [])
            group["value"]["course_ids"] = [twins.get(keys.get(pk), pk) for pk in course_ids]
        return groups
