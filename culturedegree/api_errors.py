"""JSON errors for everything under /api/: unknown paths, bad hosts, oversized bodies,
method errors and server errors answer ``{"message": ...}``, never the site's HTML pages.

Django's error handlers (handler400/404/500 in culturedegree.urls) answer API paths in JSON;
ApiJsonErrorsMiddleware, outermost, turns any other non-JSON error under /api/ (a 405 from
django-ninja, a 403 from CSRF) into JSON, keeping the response's headers (Allow, security).
"""

import json
from http import HTTPStatus

from django.conf import settings
from django.core.exceptions import DisallowedHost, RequestDataTooBig
from django.http import JsonResponse
from django.views import defaults

API_PREFIX = "/api/"
JSON_TYPES = ("application/json", "application/problem+json")

MESSAGES = {
    400: "Bad request.",
    401: "Sign in first.",
    403: "Forbidden.",
    404: "Not found.",
    405: "Method not allowed.",
    413: "The request body is too large.",
    500: "Server error.",
}


def is_api(request) -> bool:
    return request.path_info.startswith(API_PREFIX)


def api_error(status: int, message: str | None = None, **extra) -> JsonResponse:
    return JsonResponse(
        {"message": message or MESSAGES.get(status, HTTPStatus(status).phrase), **extra},
        status=status,
    )


def bad_request(request, exception=None, template_name="400.html"):
    if not is_api(request):
        return defaults.bad_request(request, exception, template_name)
    if isinstance(exception, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
        return api_error(413, f"The request body is too large: at most {limit} MB.")
    if isinstance(exception, DisallowedHost):
        return api_error(400, "Bad request: this host is not served here.")
    return api_error(400)


def page_not_found(request, exception=None, template_name="404.html"):
    if not is_api(request):
        return defaults.page_not_found(request, exception, template_name)
    return api_error(404, f"Not found: no API endpoint at {request.path_info}.")


def server_error(request, template_name="500.html"):
    if not is_api(request):
        return defaults.server_error(request, template_name)
    return api_error(500)


class ApiJsonErrorsMiddleware:
    """Rewrites a non-JSON error answer under /api/ as JSON, in place. First in MIDDLEWARE."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code >= 400
            and is_api(request)
            and not getattr(response, "streaming", False)
            and not response.get("Content-Type", "").startswith(JSON_TYPES)
        ):
            message = MESSAGES.get(response.status_code, HTTPStatus(response.status_code).phrase)
            if response.status_code == 405 and response.has_header("Allow"):
                message = f"Method {request.method} not allowed here; use {response['Allow']}."
            response.content = json.dumps({"message": message})
            response["Content-Type"] = "application/json"
            response["Content-Length"] = str(len(response.content))
        return response
