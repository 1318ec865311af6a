"""allauth's headless API for app clients: tokens end at sign-out, no account enumeration."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.test import Client

from culturedegree.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "a long passphrase for tests"
API = "/_allauth/app/v1"


def post_json(path: str, data: dict, **headers):
    return Client().post(
        f"{API}{path}", json.dumps(data), content_type="application/json", **headers
    )


@pytest.fixture
def user():
    user = User.objects.create_user(email="ada@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def test_sign_out_ends_the_session_token(user):
    signed_in = post_json("/auth/login", {"email": "ada@example.org", "password": PASSWORD})
    assert signed_in.status_code == 200
    token = signed_in.json()["meta"]["session_token"]
    assert Client().get(f"{API}/auth/session", HTTP_X_SESSION_TOKEN=token).status_code == 200

    Client().delete(f"{API}/auth/session", HTTP_X_SESSION_TOKEN=token)

    assert Client().get(f"{API}/auth/session", HTTP_X_SESSION_TOKEN=token).status_code == 410


def test_wrong_password_gets_no_token(user):
    response = post_json("/auth/login", {"email": "ada@example.org", "password": "wrong one"})

    assert response.status_code == 400
    assert "session_token" not in response.json().get("meta", {})


def _shape(response) -> tuple:
    body = response.json()
    return response.status_code, body["data"].get("flows"), body["meta"].get("is_authenticated")


def test_headless_sign_up_with_a_taken_email_looks_like_a_new_one(user):
    taken = post_json("/auth/signup", {"email": "ADA@example.org", "password": PASSWORD})
    fresh = post_json("/auth/signup", {"email": "new@example.org", "password": PASSWORD})

    assert _shape(taken) == _shape(fresh)
    assert User.objects.filter(email__iexact="ada@example.org").count() == 1


def test_headless_password_reset_looks_the_same_for_unknown_addresses(user):
    known = post_json("/auth/password/request", {"email": "ada@example.org"})
    unknown = post_json("/auth/password/request", {"email": "nobody@example.org"})

    assert (known.status_code, known.json()) == (unknown.status_code, unknown.json())
