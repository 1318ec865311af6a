"""The heartbeat lane: the common case of a heartbeat, served in front of Django's stack.

Heartbeats are the hottest write in the product: every learner with an item on screen sends
one every 15 seconds. Through the whole stack (sixteen middleware, ninja, two ORM look-ups for
the session and the user, one for the item) a heartbeat cost about 5 ms of CPU; most of it
was not the write. This WSGI wrapper answers ``POST /api/v1/progress/<id>/heartbeat`` itself
when everything is ordinary, with the same JSON and security headers, and hands every other
request, and every heartbeat it is unsure about, to Django untouched (body included).

What it remembers, per process: which learner a session key belongs to (with the password
hash and timezone seen when Django's own ``get_user`` verified the session), and which
canonical item, module, course and program a page id resolves to (with their tree paths).
Neither is trusted on its own: the heartbeat statement re-checks both in the same statement
that writes (``LANE_GUARD``), so a signed-out session, a deactivated learner, a changed
password, an unpublished or moved page writes nothing, and the request falls through to the
full stack, which answers with the right status. So the lane is never staler than the
database, and costs one statement per heartbeat. See docs/decisions/0012-heartbeat-lane.md.
"""

from __future__ import annotations

import io
import json
import logging
import re
import time
from dataclasses import dataclass

from allauth.core.internal.sessionkit import get_session_user
from allauth.headless.internal.sessionkit import session_store
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.core.signals import request_finished
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.security import SecurityMiddleware
from ninja.responses import NinjaJSONEncoder
from ninja.utils import check_csrf
from pydantic import ValidationError
from wagtail.models import Page

from .access import ItemRef, NotFound, resolve_item
from .api import HeartbeatIn, HeartbeatOut
from .progress import (
    LearnerRef,
    ProgressError,
    clean_progress_data,
    finish_heartbeat,
    heartbeat_sql,
    prepared_cursor,
    run_heartbeat,
)

logger = logging.getLogger(__name__)

PATH = re.compile(r"/api/v1/progress/(\d{1,10})/heartbeat")
MAX_BODY = 16 * 1024
IDENTITY_SECONDS = 300  # how long a verified session is remembered (the guard re-checks it)
ITEM_SECONDS = 60  # how long an item's type and duration are remembered
MAX_ENTRIES = 50_000
WROTE = "culturedegree.heartbeat_written"  # environ flag: past this point, never fall through
JSON = "application/json; charset=utf-8"

User = get_user_model()

# Written nowhere unless the session still exists and has not expired, the learner is still
# active with the same password hash (what Django's session hash is derived from), and the
# item, module, course and program are live at the same places in the tree.
LANE_GUARD = f"""
        AND EXISTS (
            SELECT 1 FROM {Session._meta.db_table} s, {User._meta.db_table} u
            WHERE s.session_key = %(session_key)s AND s.expire_date > now()
                AND u.id = %(learner)s AND u.is_active AND u.password = %(password)s)
        AND (SELECT count(*) FROM {Page._meta.db_table}
             WHERE live AND (id, path) IN ((%(item)s, %(item_path)s),
                (%(module)s, %(module_path)s), (%(course)s, %(course_path)s),
                (%(program)s, %(program_path)s))) = 4"""  # noqa: S608 - table names only
LANE_SQL = heartbeat_sql(LANE_GUARD)


@dataclass(frozen=True)
class Identity:
    user_id: object
    password: str
    timezone: str
    until: float


@dataclass(frozen=True)
class CachedItem:
    item: ItemRef
    paths: dict[str, str]
    until: float


class Fallthrough(Exception):
    """The full stack answers this request."""


class HeartbeatLane:
    def __init__(self, app):
        self.app = app
        self.identities: dict[str, Identity] = {}
        self.items: dict[int, CachedItem] = {}
        self.headers: dict[bool, list[tuple[str, str]]] = {}
        self.enabled = (
            settings.SESSION_ENGINE
            in (
                "django.contrib.sessions.backends.db",
                "django.contrib.sessions.backends.cached_db",
            )
            and settings.HEARTBEAT_LANE
        )
        self.security = SecurityMiddleware(_unused)

    def __call__(self, environ, start_response):
        match = PATH.fullmatch(environ.get("PATH_INFO", ""))
        if not (self.enabled and match and environ.get("REQUEST_METHOD") == "POST"):
            return self.app(environ, start_response)
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return self.app(environ, start_response)
        if not 0 < length <= MAX_BODY:
            return self.app(environ, start_response)
        body = environ["wsgi.input"].read(length)
        environ["wsgi.input"] = io.BytesIO(body)
        try:
            answer = self.serve(environ, int(match[1]), body)
        except Fallthrough:
            answer = None
        except Exception:
            logger.exception("heartbeat lane failed")
            if not environ.get(WROTE):
                answer = None  # nothing written: the full stack answers, errors and all
            else:
                payload = json.dumps({"message": "Server error."}).encode()
                answer = ("500 Internal Server Error", [("Content-Type", JSON)], payload)
        finally:
            request_finished.send(sender=self.__class__)
        if answer is None:
            environ["wsgi.input"] = io.BytesIO(body)
            return self.app(environ, start_response)
        status, headers, payload = answer
        start_response(status, headers)
        return [payload]

    # The request ----------------------------------------------------------------------

    def serve(self, environ, page_id: int, body: bytes):
        request = WSGIRequest(environ)
        try:
            request.get_host()
        except DisallowedHost:
            raise Fallthrough from None
        if self.security.process_request(request) is not None:
            raise Fallthrough  # the HTTPS redirect
        key = environ.get("HTTP_X_SESSION_TOKEN")
        if not key:
            key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
            if not key or check_csrf(request) is not None:
                raise Fallthrough
        payload = _parse(body)
        identity = self.identity(key)
        cached = self.item(page_id)
        if cached.item.has_prerequisites:
            raise Fallthrough  # the full stack checks the learner's lock (access.course_lock)
        try:
            data = clean_progress_data(data=payload["progress_data"], item=cached.item)
        except ProgressError:
            raise Fallthrough from None
        learner = LearnerRef(identity.user_id, identity.timezone)
        row = self.write(
            learner=learner, identity=identity, cached=cached, key=key, body=payload, data=data
        )
        environ[WROTE] = row.enrollment_id is not None and row.progress is not None
        if row.rate_limited:
            raise Fallthrough  # the full stack answers 429 with Retry-After
        if not environ[WROTE]:
            # Nothing was written: not enrolled, paused, signed out, unpublished, moved, or a
            # parallel first heartbeat. Forget what we knew and let the full stack answer.
            self.identities.pop(key, None)
            self.items.pop(page_id, None)
            raise Fallthrough
        result = finish_heartbeat(row, learner=learner, item=cached.item)
        # The API's own response schema and encoder, so both paths answer alike.
        document = HeartbeatOut.from_orm(result).model_dump()
        payload = json.dumps(document, cls=NinjaJSONEncoder).encode()
        headers = [*self.response_headers(request), ("Content-Length", str(len(payload)))]
        return "200 OK", headers, payload

    def write(self, *, learner, identity, cached, key, body, data):
        if not connection.in_atomic_block:  # a test's transaction; never in production
            connection.close_if_unusable_or_obsolete()
        # A dead connection raises below and the full stack, which health-checks and
        # reconnects, answers; so no health-check round trip here.
        connection.health_check_done = True
        try:
            with prepared_cursor() as cursor:
                return run_heartbeat(
                    cursor,
                    LANE_SQL,
                    learner=learner,
                    item=cached.item,
                    seconds=body["seconds"],
                    data=data,
                    session_key=key,
                    password=identity.password,
                    **{f"{name}_path": path for name, path in cached.paths.items()},
                )
        except DatabaseError:
            logger.warning("heartbeat lane: database error, the full stack answers", exc_info=True)
            connection.close()
            raise Fallthrough from None

    # What the lane remembers ----------------------------------------------------------

    def identity(self, key: str) -> Identity:
        now = time.monotonic()
        identity = self.identities.get(key)
        if identity is not None and identity.until > now:
            return identity
        user = get_session_user(session_store(key))  # Django's own verification
        if user is None:
            raise Fallthrough
        identity = Identity(user.pk, user.password, user.timezone or "UTC", now + IDENTITY_SECONDS)
        _remember(self.identities, key, identity)
        return identity

    def item(self, page_id: int) -> CachedItem:
        now = time.monotonic()
        cached = self.items.get(page_id)
        if cached is not None and cached.until > now:
            return cached
        try:
            item = resolve_item(page_id=page_id)
        except NotFound:
            raise Fallthrough from None
        ids = {
            "item": item.item_id,
            "module": item.module_id,
            "course": item.course_id,
            "program": item.program_id,
        }
        paths = dict(Page.objects.filter(id__in=ids.values()).values_list("id", "path"))
        cached = CachedItem(
            item, {name: paths[page] for name, page in ids.items()}, now + ITEM_SECONDS
        )
        _remember(self.items, page_id, cached)
        return cached

    def response_headers(self, request) -> list[tuple[str, str]]:
        """The headers Django's middleware puts on this JSON answer, worked out once per
        scheme by running their response side on an empty JSON response."""
        secure = request.is_secure()
        headers = self.headers.get(secure)
        if headers is None:
            response = HttpResponse(content_type=JSON)
            for middleware in (SecurityMiddleware, XFrameOptionsMiddleware, CSPMiddleware):
                response = middleware(_unused).process_response(request, response)
            headers = [
                (name, value)
                for name, value in response.items()
                if name.lower() not in ("content-length", "vary", "content-language")
            ]
            self.headers[secure] = headers
        return headers


def _unused(request):  # pragma: no cover - middleware used for one hook only
    raise AssertionError("not called")


def _parse(body: bytes) -> dict:
    try:
        payload = HeartbeatIn.model_validate_json(body)
    except ValidationError:
        raise Fallthrough from None
    data = payload.progress_data
    return {
        "seconds": payload.seconds,
        "progress_data": None if data is None else data.model_dump(exclude_none=True),
    }


def _remember(store: dict, key, value) -> None:
    if len(store) >= MAX_ENTRIES:
        store.clear()
    store[key] = value
