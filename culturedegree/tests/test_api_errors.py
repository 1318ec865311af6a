"""Issue 8 item 12: every error under /api/ answers JSON with a message."""

import json

import pytest
from django.test import Client, RequestFactory

from culturedegree.api_errors import server_error
from learning.tests.journey_helpers import make_learner

pytestmark = pytest.mark.django_db


def assert_json_error(response, status: int) -> str:
    assert response.status_code == status, response.content[:200]
    assert response["Content-Type"].startswith(("application/json", "application/problem+json"))
    body = json.loads(response.content)
    message = body.get("message") or body.get("detail")
    assert message
    return message


@pytest.mark.parametrize("path", ["/api/v3/nope/", "/api/v1/nope", "/api/", "/api/v2/pages/"])
def test_unknown_api_paths_are_json_404s(client, path):
    message = assert_json_error(client.get(path), 404)
    assert "Not found" in message
    site = client.get("/en/no-such-page/")
    assert site.status_code == 404 and site["Content-Type"].startswith("text/html")


def test_a_bad_host_under_the_api_is_a_json_400(settings):
    settings.ALLOWED_HOSTS = ["learn.example.org"]
    client = Client()
    for path in ("/api/v3/pages/", "/api/v1/enrollments"):
        message = assert_json_error(client.get(path, HTTP_HOST="evil.example.com"), 400)
        assert "host" in message
    assert client.get("/en/", HTTP_HOST="evil.example.com")["Content-Type"].startswith("text/html")


def test_an_oversized_body_is_a_json_413(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    client = Client()
    client.force_login(make_learner())
    response = client.post(
        "/api/v1/enrollments",
        '{"program_id": 1, "padding": "' + "x" * (2 * 1024 * 1024) + '"}',
        content_type="application/json",
    )
    assert "accepts at most" in assert_json_error(response, 413)


@pytest.mark.parametrize(
    ("method", "path"),
    [("delete", "/api/v1/enrollments"), ("put", "/api/v1/dashboard"), ("post", "/api/v3/")],
)
def test_method_errors_are_json_405s_with_allow(client, method, path):
    client.force_login(make_learner())
    response = getattr(client, method)(path)
    message = assert_json_error(response, 405)
    assert response.has_header("Allow") and method.upper() in message


def test_server_errors_under_the_api_are_json():
    request = RequestFactory().get("/api/v1/dashboard")
    assert_json_error(server_error(request), 500)
    page = server_error(RequestFactory().get("/en/"))
    assert page["Content-Type"].startswith("text/html")
