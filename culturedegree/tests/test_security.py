"""SECURITY.md items 1-3: deployment checklist, security headers, safe error handling."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import path

from culturedegree.urls import urlpatterns as site_urlpatterns

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def _explode(request):
    raise RuntimeError("database password is hunter2")


def _forbidden(request):
    raise PermissionDenied


# This module doubles as a URLconf: the site's URLs plus views that fail.
urlpatterns = [path("explode/", _explode), path("forbidden/", _forbidden), *site_urlpatterns]


@pytest.fixture
def https_client(settings):
    """A client whose requests arrive over HTTPS, with production's HSTS setting."""
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    return Client(raise_request_exception=False)


def assert_security_headers(response, *, strict_csp: bool = True) -> None:
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] in {"DENY", "SAMEORIGIN"}
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = {
        name: value
        for name, _, value in (
            directive.partition(" ")
            for directive in response["Content-Security-Policy"].split("; ")
        )
    }
    assert policy["object-src"] == "'none'"
    assert policy["base-uri"] == "'self'"
    assert policy["frame-ancestors"] == "'self'"
    if strict_csp:
        assert policy["script-src"] == "'self'"
        assert "unsafe" not in response["Content-Security-Policy"]


@pytest.mark.urls(__name__)
@pytest.mark.parametrize(
    "url",
    [
        pytest.param("/en/", id="page"),
        pytest.param("/en/style/", id="django-view"),
        pytest.param("/healthz", id="json"),
        pytest.param("/readyz", id="json-database"),
        pytest.param("/_allauth/browser/v1/config", id="headless-api"),
        pytest.param("/api/v1/openapi.json", id="learner-api"),
        pytest.param("/static/css/site.css", id="static-file"),
        pytest.param("/en/no-such-page/", id="404"),
        pytest.param("/forbidden/", id="403"),
        pytest.param("/explode/", id="500"),
    ],
)
def test_every_kind_of_response_carries_the_security_headers(https_client, site, url):
    response = https_client.get(url, secure=True)
    assert response.status_code in {200, 403, 404, 500}
    assert_security_headers(response)


def test_admin_keeps_the_policy_but_allows_wagtails_inline_code(https_client, site):
    response = https_client.get("/admin/", secure=True)
    assert_security_headers(response, strict_csp=False)
    assert "'unsafe-inline'" in response["Content-Security-Policy"]


def test_learner_pages_have_no_inline_script_or_style(client, site):
    html = client.get("/en/style/").content.decode()
    assert "<script>" not in html
    assert "<script " not in html.replace('<script src="', "")
    assert " style=" not in html
    assert "<style" not in html


@pytest.mark.urls(__name__)
def test_error_page_shows_no_traceback_with_debug_off(settings, site):
    settings.DEBUG = False
    response = Client(raise_request_exception=False).get("/explode/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong on our side" in body
    for leak in ("Traceback", "hunter2", "RuntimeError", "SECRET_KEY", "DATABASES", "SELECT"):
        assert leak not in body


def test_csrf_failure_page_is_friendly(site):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/en/accounts/login/", {"login": "a@example.com", "password": "x"})
    assert response.status_code == 403
    body = response.content.decode()
    assert "reload the page" in body
    assert "CSRF" not in body


def test_forged_host_gets_400_and_never_reaches_an_email(settings, site):
    settings.ALLOWED_HOSTS = ["learn.example.org"]
    settings.ADMINS = [("Ops", "ops@example.org")]
    response = Client().get("/en/", HTTP_HOST="evil.example.com")
    assert response.status_code == 400
    assert "evil.example.com" not in response.content.decode()
    assert mail.outbox == []


def test_allowed_host_is_served(settings, site):
    settings.ALLOWED_HOSTS = ["learn.example.org"]
    assert Client().get("/en/", HTTP_HOST="learn.example.org").status_code == 200


def test_deploy_checklist_is_clean_under_production_settings():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "culturedegree.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "learn.example.org",
    }
    # The browser tests set it for Playwright in this process; production never has it.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_long_secret_key():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "culturedegree.settings.production",
        "SECRET_KEY": "short",
        "ALLOWED_HOSTS": "learn.example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.urls(__name__)
@pytest.mark.parametrize(
    ("url", "status", "message"),
    [
        ("/en/no-such-page/", 404, "find that page"),
        ("/forbidden/", 403, "have access to this page"),
    ],
)
def test_error_pages_are_friendly_and_inside_the_site_frame(client, site, url, status, message):
    response = client.get(url)
    assert response.status_code == status
    body = response.content.decode()
    assert message in body
    assert 'class="site-header"' in body
