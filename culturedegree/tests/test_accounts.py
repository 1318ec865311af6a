"""Sign-up, verification, sign-in and sign-out through allauth, and the bad input around them."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client

from culturedegree.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "a long passphrase for tests"
SIGNUP_URL = "/en/accounts/signup/"
LOGIN_URL = "/en/accounts/login/"
LOGOUT_URL = "/en/accounts/logout/"
RESET_URL = "/en/accounts/password/reset/"


def make_user(email: str = "ada@example.org", *, verified: bool = True, **fields) -> User:
    user = User.objects.create_user(email=email, password=PASSWORD, **fields)
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


def sign_in(client: Client, email: str = "ada@example.org", password: str = PASSWORD, **extra):
    return client.post(LOGIN_URL, {"login": email, "password": password, **extra})


def sign_up(client: Client, email: str, password: str = PASSWORD, name: str = ""):
    return client.post(
        SIGNUP_URL, {"email": email, "password1": password, "password2": password, "name": name}
    )


def confirmation_link(message) -> str:
    match = re.search(r"https?://[^/\s]+(/\S*/accounts/confirm-email/\S+/)", message.body)
    assert match, f"no confirmation link in: {message.body}"
    return match.group(1)


def test_sign_up_sends_a_verification_email_and_does_not_sign_in(client):
    response = sign_up(client, "Grace@Example.org", name="Grace Hopper")

    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/confirm-email/"
    user = User.objects.get(email__iexact="grace@example.org")
    assert user.name == "Grace Hopper"
    assert not EmailAddress.objects.get(user=user).verified
    assert SESSION_KEY not in client.session
    assert len(mail.outbox) == 1
    assert "/en/accounts/confirm-email/" in mail.outbox[0].body


def test_unverified_user_cannot_sign_in_until_the_link_is_followed(client):
    sign_up(client, "grace@example.org")
    link = confirmation_link(mail.outbox[0])

    response = sign_in(client, "grace@example.org")
    assert SESSION_KEY not in client.session
    assert response["Location"] == "/en/accounts/confirm-email/"

    assert client.get(link).status_code == 200
    response = client.post(link)
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="grace@example.org").verified
    assert client.session[SESSION_KEY] == str(User.objects.get().pk)


def test_tampered_verification_link_verifies_nothing(client):
    sign_up(client, "grace@example.org")
    link = confirmation_link(mail.outbox[0])
    tampered = link[:-6] + ("A" if link[-6] != "A" else "B") + link[-5:]

    response = client.post(tampered)

    assert response.status_code in (200, 404)
    assert not EmailAddress.objects.get(email="grace@example.org").verified
    assert SESSION_KEY not in client.session


def test_sign_up_with_a_taken_email_in_another_case_looks_like_a_new_sign_up(client):
    make_user("ada@example.org")
    fresh = sign_up(Client(), "someone.new@example.org")
    mail.outbox.clear()

    taken = sign_up(client, "ADA@Example.ORG")

    assert (taken.status_code, taken["Location"]) == (fresh.status_code, fresh["Location"])
    assert User.objects.filter(email__iexact="ada@example.org").count() == 1
    # The owner of the address hears about it; nobody else learns anything.
    assert [message.to for message in mail.outbox] == [["ada@example.org"]]


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(client):
    make_user("ada@example.org")

    known = client.post(RESET_URL, {"email": "ada@example.org"})
    unknown = Client().post(RESET_URL, {"email": "nobody@example.org"})

    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert {message.to[0] for message in mail.outbox} == {"ada@example.org", "nobody@example.org"}


@pytest.mark.parametrize(
    ("password", "reason"),
    [("short pass", "too short"), ("password1234", "too common"), ("123456789012345", "numeric")],
)
def test_sign_up_refuses_weak_passwords(client, password, reason):
    response = sign_up(client, "grace@example.org", password=password)

    assert response.status_code == 200, reason
    assert response.context["form"].errors["password1"]
    assert not User.objects.exists()
    assert mail.outbox == []


def test_wrong_password_does_not_sign_in(client):
    make_user()

    response = sign_in(client, password="not the right passphrase")

    assert response.status_code == 200
    assert SESSION_KEY not in client.session
    assert response.context["form"].non_field_errors()


def test_unknown_email_and_wrong_password_get_the_same_answer(client):
    make_user()

    wrong_password = sign_in(client, password="not the right passphrase")
    unknown_email = sign_in(Client(), "nobody@example.org", password="not the right passphrase")

    assert wrong_password.status_code == unknown_email.status_code == 200
    assert (
        wrong_password.context["form"].non_field_errors()
        == unknown_email.context["form"].non_field_errors()
    )


def test_sign_up_on_the_french_site_prefers_french(client):
    client.post(
        "/fr/accounts/signup/",
        {"email": "amelie@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert User.objects.get(email="amelie@example.org").preferred_language == "fr"
    assert "/fr/accounts/confirm-email/" in mail.outbox[0].body


def test_inactive_user_cannot_sign_in(client):
    make_user(is_active=False)

    sign_in(client)

    assert SESSION_KEY not in client.session


def test_email_login_is_case_insensitive(client):
    make_user("ada@example.org")

    sign_in(client, "ADA@EXAMPLE.ORG")

    assert SESSION_KEY in client.session


def test_session_key_rotates_at_sign_in(client):
    make_user()
    client.get(LOGIN_URL)
    client.session.save()
    before = client.session.session_key
    client.cookies[settings.SESSION_COOKIE_NAME] = before

    sign_in(client)

    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()


def test_sign_out_destroys_the_server_session(client):
    make_user()
    sign_in(client)
    session_key = client.session.session_key
    assert Session.objects.filter(session_key=session_key).exists()

    response = client.post(LOGOUT_URL)

    assert response.status_code == 302
    assert not Session.objects.filter(session_key=session_key).exists()
    assert client.get("/en/accounts/profile/").status_code == 302


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/", "/\\evil.example/", "javascript:alert(1)"],
)
def test_next_never_redirects_off_site(client, target):
    make_user()

    response = sign_in(client, next=target)

    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_next_within_the_site_is_followed_in_the_users_language(client):
    make_user(preferred_language="fr")

    response = sign_in(client, next="/en/accounts/profile/")

    assert response["Location"] == "/fr/accounts/profile/"


def test_next_page_not_yet_translated_is_kept_in_its_language(client):
    from wagtail.models import Locale

    from learning.tests.factories import catalog

    programs = catalog()
    french = Locale.objects.get(language_code="fr")
    programs.get_parent().copy_for_translation(french).save_revision().publish()
    make_user(preferred_language="fr")

    untranslated = sign_in(client, next="/en/programs/")
    assert untranslated["Location"] == "/en/programs/"

    programs.copy_for_translation(french).save_revision().publish()
    client.post(LOGOUT_URL)
    translated = sign_in(client, next="/en/programs/")
    assert translated["Location"] == "/fr/programs/"


def test_sign_in_switches_to_the_preferred_language(client):
    make_user(preferred_language="ja")

    response = sign_in(client)

    assert response["Location"] == "/ja/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ja"


def test_repeated_failed_sign_ins_lock_the_account_then_answer_429(client):
    make_user()
    for attempt in range(5):
        assert sign_in(client, password=f"wrong passphrase {attempt}").status_code == 200

    # After five failures for this address even the right password is refused.
    locked = sign_in(client)
    assert locked.status_code == 200
    assert SESSION_KEY not in client.session
    assert "Too many failed login attempts" in str(locked.context["form"].non_field_errors())

    statuses = [sign_in(client, password="wrong passphrase").status_code for _ in range(30)]
    assert statuses[-1] == 429
    assert SESSION_KEY not in client.session


def test_rate_limit_behind_a_proxy_counts_the_address_the_proxy_saw(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    statuses = [
        client.post(
            LOGIN_URL,
            {"login": f"nobody{n}@example.org", "password": "wrong passphrase"},
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, 203.0.113.7",
        ).status_code
        for n in range(31)
    ]

    # Forging the client's own part of the header does not escape the limit...
    assert statuses[-1] == 429
    # ...while another client behind the same proxy is unaffected.
    other = Client().post(
        LOGIN_URL,
        {"login": "nobody@example.org", "password": "wrong passphrase"},
        HTTP_X_FORWARDED_FOR="198.51.100.9",
    )
    assert other.status_code == 200


def test_session_cookie_is_http_only_and_same_site(client):
    make_user()

    sign_in(client)

    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_repeated_sign_ups_are_answered_with_429(client):
    statuses = [sign_up(client, f"person{n}@example.org").status_code for n in range(22)]

    assert statuses[-1] == 429
    assert User.objects.count() < 22


def test_posts_without_csrf_token_are_refused():
    make_user()
    client = Client(enforce_csrf_checks=True)

    assert sign_in(client).status_code == 403
    assert sign_up(client, "grace@example.org").status_code == 403
    assert SESSION_KEY not in client.session
    assert not User.objects.filter(email="grace@example.org").exists()


def test_account_pages_use_the_site_frame(client):
    response = client.get(LOGIN_URL)

    content = response.content.decode()
    assert 'class="site-header' in content
    assert "button button--primary" in content
    assert 'class="field' in content
