"""The session store (culturedegree.accounts.sessions): one statement per signed-in request,
and a stale or chosen key is never the key a visitor is given."""

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from culturedegree.accounts.sessions import SessionStore

from .test_accounts_security import make_user, sign_in

pytestmark = pytest.mark.django_db
PROFILE = "/en/accounts/profile/"
COOKIE = settings.SESSION_COOKIE_NAME
CHOSEN = "attackerchosenkey0123456789abcd"  # a key no session was ever given


def session_reads(captured) -> list[str]:
    table = Session._meta.db_table
    return [q["sql"] for q in captured if f'FROM "{table}"' in q["sql"]]


def test_a_signed_in_page_reads_its_session_with_one_statement(client):
    make_user()
    sign_in(client)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(PROFILE)
    assert response.status_code == 200
    assert "ada@example.org" in response.content.decode()
    (read,) = session_reads(captured)
    assert read.startswith('SELECT "session_data" FROM')


def test_an_expired_session_signs_out_and_its_key_is_not_reused(client):
    user = make_user()
    sign_in(client)
    stale = client.cookies[COOKIE].value
    Session.objects.filter(pk=stale).update(expire_date=timezone.now() - dt.timedelta(seconds=1))

    response = client.get(PROFILE)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]

    sign_in(client)
    fresh = client.cookies[COOKIE].value
    assert fresh != stale
    assert Session.objects.get(pk=fresh).get_decoded()["_auth_user_id"] == str(user.pk)
    assert client.get(PROFILE).status_code == 200


def test_a_key_the_visitor_chose_is_never_the_key_they_are_given():
    """Session fixation: a cookie set by someone else, for a session that does not exist."""
    make_user()
    client = Client()
    client.cookies[COOKIE] = CHOSEN
    response = client.get("/en/accounts/login/")  # the form writes the CSRF token and more
    assert response.status_code == 200
    sign_in(client)
    given = client.cookies[COOKIE].value
    assert given != CHOSEN
    assert not Session.objects.filter(pk=CHOSEN).exists()
    assert client.get(PROFILE).status_code == 200


def test_signing_out_ends_the_session_for_the_next_request(client):
    make_user()
    sign_in(client)
    key = client.cookies[COOKIE].value
    client.post("/en/accounts/logout/")
    assert not Session.objects.filter(pk=key).exists()
    client.cookies[COOKIE] = key  # replayed, as a stolen cookie would be
    assert client.get(PROFILE).status_code == 302


@pytest.mark.parametrize("expired", [False, True])
def test_the_store_forgets_a_key_with_no_live_row(expired):
    """What is then written to the session goes under a new key, never the one that came in."""
    if expired:
        Session.objects.create(
            session_key=CHOSEN,
            session_data=SessionStore().encode({"theme": "dark"}),
            expire_date=timezone.now() - dt.timedelta(seconds=1),
        )
    store = SessionStore(session_key=CHOSEN)
    assert "theme" not in store
    assert store.session_key is None
    store["theme"] = "light"
    store.save()
    assert store.session_key not in (None, CHOSEN)
    assert SessionStore(session_key=store.session_key)["theme"] == "light"
