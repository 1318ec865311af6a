"""Refuse request input that is too large, or that no view can store, before any view
sees it.

Sizes: a body larger than its path allows (`REQUEST_BODY_LIMITS`) is refused with 413 from
its Content-Length alone, before a byte of it is read (Django's own limits leave file
uploads out, so a 60 MB avatar was received in full before the form refused it). Under WSGI
Django reads no body without a Content-Length, so a chunked body cannot get around this.

PostgreSQL cannot hold a NUL character in text, and a string with a lone UTF-16 surrogate
cannot be encoded to UTF-8, so either one reaching a query was a 500. JSON's NaN and
Infinity (which Python's parser accepts, and 1e999 which it reads as infinity) are not
numbers any field here can hold. These are refused with 400 at one place, for every view:
the path, the query string, form fields and file names, and JSON bodies.
"""

import json
import math
import re
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponseBase, JsonResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from ninja.parser import Parser

# Paths whose callers read JSON: the learner API, the content API, allauth's headless API.
JSON_PREFIXES = ("/api/", "/_allauth/")

UNSTORABLE_TEXT = re.compile("[\x00\ud800-\udfff]")


class UnsafeInput(ValueError):
    """Input that parses but cannot be stored: NUL, a lone surrogate, NaN or Infinity."""


def has_unstorable_text(text: str) -> bool:
    return UNSTORABLE_TEXT.search(text) is not None


def _refuse_constant(name: str):
    raise UnsafeInput(f"{name} is not a number JSON allows")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise UnsafeInput(f"{text} is too large")
    return value


def strict_json_loads(data: bytes | str):
    """`json.loads` that refuses what the standard leaves out or PostgreSQL cannot store.

    Raises ValueError (UnsafeInput, or the parser's own errors) on anything refused,
    RecursionError included: it is re-raised as ValueError so callers need one except.
    """
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        value = json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float)
    except RecursionError as exc:
        raise ValueError("JSON nested too deeply") from exc
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if has_unstorable_text(item):
                raise UnsafeInput("text holds a NUL character or a lone surrogate")
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return value


class StrictJSONParser(Parser):
    """For django-ninja APIs, which parse a body as JSON whatever its content type. Ninja
    answers any parse error with 400."""

    def parse_body(self, request: HttpRequest):
        return strict_json_loads(request.body)


def wants_json(request: HttpRequest) -> bool:
    return request.path_info.startswith(JSON_PREFIXES) or request.content_type.endswith("json")


def body_limit(path: str) -> int:
    """The largest body, in bytes, a request to `path` may send: the first matching entry
    of `REQUEST_BODY_LIMITS`."""
    for pattern, limit in settings.REQUEST_BODY_LIMITS:
        if re.match(pattern, path):
            return limit
    return 0


class RequestSizeLimitMiddleware:
    """413 for a body larger than its path allows, decided from Content-Length."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads no body then either
        limit = body_limit(request.path_info)
        if length <= limit:
            return self.get_response(request)
        if wants_json(request):
            message = f"The body is {length} bytes; this endpoint accepts at most {limit}."
            return JsonResponse({"message": message, "limit": limit}, status=413)
        return render(request, "413.html", {"limit": filesizeformat(limit)}, status=413)


class UnsafeTextMiddleware:
    """400 for NUL or lone surrogates in the path, query string, form fields or upload
    names, and for a JSON body that is malformed or holds NUL, surrogates, NaN or Infinity.

    Sits after RequestSizeLimitMiddleware, so no oversized body is read here.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        problem = self.problem(request)
        if not problem:
            return self.get_response(request)
        if wants_json(request):  # in English, like the APIs' other error messages
            return JsonResponse({"message": problem}, status=400)
        raise BadRequest(problem)

    @staticmethod
    def problem(request: HttpRequest) -> str | None:
        if has_unstorable_text(request.path_info) or any(
            has_unstorable_text(text)
            for key, values in request.GET.lists()
            for text in [key, *values]
        ):
            return "The address holds a character that is not allowed (NUL)."
        if request.method in {"GET", "HEAD", "OPTIONS"}:
            return None
        if request.content_type.endswith("json"):
            if not request.body:
                return None
            try:
                strict_json_loads(request.body)
            except ValueError:
                return (
                    "The body is not valid JSON, or holds NUL, a lone surrogate, NaN or Infinity."
                )
            return None
        if request.content_type in {"application/x-www-form-urlencoded", "multipart/form-data"}:
            fields = [text for key, values in request.POST.lists() for text in [key, *values]]
            names = [upload.name or "" for upload in request.FILES.values()]
            if any(has_unstorable_text(text) for text in fields + names):
                return "The form holds a character that is not allowed (NUL)."
        return None
