"""The learner API at /api/v1/: one NinjaAPI, one OpenAPI document, JSON errors.

Authenticated by the browser session (with CSRF on unsafe methods) or by an allauth
headless session token in `X-Session-Token`.
"""

from allauth.headless.contrib.ninja.security import XSessionTokenAuth
from django.conf import settings
from django.http import Http404, HttpRequest
from django.urls import path
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import APIKeyCookie

from culturedegree.errors import Refused
from culturedegree.request_guards import StrictJSONParser


class SessionTokenAuth(XSessionTokenAuth):
    """allauth's header auth, described completely: its OpenAPI entry lacks `in` and
    `name`, which makes the security scheme (and so the whole document) invalid."""

    openapi_in = "header"
    openapi_name = "X-Session-Token"


class SessionAuth(APIKeyCookie):
    """The Django session; CSRF is only checked once a signed-in user is found, so an
    anonymous call gets 401 rather than a CSRF 403."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest):
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key):
        return request.user if request.user.is_authenticated else None


ERROR_ANSWERS = {
    400: "Malformed request body.",
    401: "Not signed in.",
    403: "Not enrolled, the course is locked by its prerequisites, or the CSRF check failed.",
    404: "Unknown, unpublished or someone else's object.",
    409: "Invalid status change, or the enrollment is paused.",
    422: "Invalid input.",
    429: "Too many requests (heartbeats: see the Retry-After header).",
}
ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "properties": {
        "message": {"type": "string"},
        "errors": {"type": "array", "items": {"type": "object"}},
    },
    "required": ["message"],
}


class LearnerAPI(NinjaAPI):
    """Documents the JSON error answers every operation can give (see docs/api-learner.md),
    so clients and schemathesis know them."""

    def get_openapi_schema(self, **kwargs):
        schema = super().get_openapi_schema(**kwargs)
        schema["components"].setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        for path_item in schema["paths"].values():
            for operation in path_item.values():
                for status, description in ERROR_ANSWERS.items():
                    operation["responses"].setdefault(
                        status, {"description": description, "content": error}
                    )
        return schema


api = LearnerAPI(
    title="Culture Degree learner API",
    version="1",
    description="Enrollments, progress, the learner's dashboard, discussions and notifications.",
    urls_namespace="api-v1",
    auth=[SessionTokenAuth(), SessionAuth()],
    parser=StrictJSONParser(),
)


def _error(request, message: str, status: int, **extra):
    return api.create_response(request, {"message": message, **extra}, status=status)


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    return _error(request, "The request is not valid.", 422, errors=exc.errors)


@api.exception_handler(AuthenticationError)
def authentication_error(request, exc):
    return _error(request, "Sign in first.", 401)


@api.exception_handler(Http404)
def not_found(request, exc):
    return _error(request, "Not found.", 404)


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    return _error(request, str(exc), exc.status_code)


@api.exception_handler(Refused)
def refused(request, exc: Refused):
    """Domain refusals (culturedegree.errors) answer with their own status and message."""
    response = _error(request, exc.message, exc.status)
    if exc.retry_after:
        response["Retry-After"] = str(exc.retry_after)
    return response


api.add_router("/", "learning.api.router")
api.add_router("/", "culturedegree.accounts.api.router")
api.add_router("/", "certificates.achievements_api.router")
api.add_router("/", "certificates.api.router")
api.add_router("/", "community.api.router")


# An API-only URLconf, without language prefixes (see ApiNotFoundMiddleware).
urlpatterns = [path("api/v1/", api.urls)]


class ApiNotFoundMiddleware:
    """Keep the API's 404s as 404s.

    LocaleMiddleware answers a 404 on an unprefixed path by redirecting to /<lang>/<path>
    when that would resolve, and Wagtail's catch-all resolves almost anything. For API
    paths we point LocaleMiddleware at a URLconf without language prefixes, after the view
    ran, so the JSON 404 reaches the client. Must come after LocaleMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 404 and request.path_info.startswith("/api/"):
            request.urlconf = __name__
        return response
