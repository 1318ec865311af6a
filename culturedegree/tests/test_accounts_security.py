"""Changing email, password and two-factor settings: re-authentication, MFA and bad input."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.contrib.auth import SESSION_KEY
from django.contrib.messages import get_messages
from django.core import mail
from django.test import Client

from culturedegree.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "a long passphrase for tests"
EMAIL_URL = "/en/accounts/email/"
PASSWORD_URL = "/en/accounts/password/change/"
TOTP_URL = "/en/accounts/2fa/totp/activate/"


def make_user(email: str = "ada@example.org", **fields) -> User:
    user = User.objects.create_user(email=email, password=PASSWORD, **fields)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def sign_in(client: Client, email: str = "ada@example.org", password: str = PASSWORD):
    return client.post("/en/accounts/login/", {"login": email, "password": password})


def current_code(secret: str) -> str:
    counter = list(yield_hotp_counters_from_time())[len(list(yield_hotp_counters_from_time())) // 2]
    return format_hotp_value(hotp_value(secret, counter))


@pytest.fixture
def signed_in(client):
    """A user who has signed in and just confirmed their password again."""
    make_user()
    sign_in(client)
    assert SESSION_KEY in client.session
    response = client.post("/en/accounts/reauthenticate/", {"password": PASSWORD})
    assert response.status_code == 302
    return client


@pytest.mark.parametrize(
    ("url", "data"),
    [
        (EMAIL_URL, {"email": "ada.new@example.org", "action_add": ""}),
        (TOTP_URL, {"code": "123456"}),
    ],
    ids=["email", "totp"],
)
def test_sensitive_changes_need_recent_reauthentication(client, url, data):
    make_user()
    sign_in(client)

    response = client.post(url, data)

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/reauthenticate/")
    assert User.objects.get().check_password(PASSWORD)
    assert EmailAddress.objects.count() == 1
    assert not Authenticator.objects.exists()


def test_wrong_password_does_not_reauthenticate(client):
    make_user()
    sign_in(client)

    client.post("/en/accounts/reauthenticate/", {"password": "not my passphrase"})

    response = client.post(EMAIL_URL, {"email": "ada.new@example.org", "action_add": ""})
    assert response["Location"].startswith("/en/accounts/reauthenticate/")
    assert EmailAddress.objects.count() == 1


def test_adding_an_email_sends_a_verification_to_it(signed_in):
    response = signed_in.post(EMAIL_URL, {"email": "ada.new@example.org", "action_add": ""})

    assert response.status_code == 302
    assert EmailAddress.objects.filter(email="ada.new@example.org", verified=False).exists()
    assert mail.outbox[-1].to == ["ada.new@example.org"]


@pytest.mark.parametrize("taken", ["grace@example.org", "GRACE@Example.ORG"])
def test_adding_someone_elses_email_in_any_case_changes_nothing(signed_in, taken):
    grace = make_user("grace@example.org")
    free = signed_in.post(EMAIL_URL, {"email": "ada.new@example.org", "action_add": ""})
    mail.outbox.clear()

    response = signed_in.post(EMAIL_URL, {"email": taken, "action_add": ""})

    # From outside it looks like any addition; only the address's owner hears of it.
    assert (response.status_code, response["Location"]) == (free.status_code, free["Location"])
    assert [message.to for message in mail.outbox] == [["grace@example.org"]]

    ada = User.objects.get(email="ada@example.org")
    assert set(EmailAddress.objects.filter(user=ada).values_list("email", flat=True)) == {
        "ada@example.org",
        "ada.new@example.org",
    }
    assert EmailAddress.objects.get(email="grace@example.org").user == grace


def test_changing_the_password_needs_the_current_one(signed_in):
    response = signed_in.post(
        PASSWORD_URL,
        {
            "oldpassword": "not my passphrase",
            "password1": "a brand new passphrase",
            "password2": "a brand new passphrase",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["oldpassword"]
    assert User.objects.get().check_password(PASSWORD)


def test_changing_the_password_refuses_a_weak_one(signed_in):
    response = signed_in.post(
        PASSWORD_URL,
        {"oldpassword": PASSWORD, "password1": "password1234", "password2": "password1234"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["password1"]
    assert User.objects.get().check_password(PASSWORD)


def test_changing_the_password(signed_in):
    response = signed_in.post(
        PASSWORD_URL,
        {
            "oldpassword": PASSWORD,
            "password1": "a brand new passphrase",
            "password2": "a brand new passphrase",
        },
    )

    assert response.status_code == 302
    assert User.objects.get().check_password("a brand new passphrase")


def test_totp_activation_with_recovery_codes_then_sign_in_asks_for_the_code(signed_in):
    page = signed_in.get(TOTP_URL)
    assert page.status_code == 200
    secret = page.context["form"].secret

    wrong = signed_in.post(TOTP_URL, {"code": "000000"})
    assert wrong.status_code == 200
    assert not Authenticator.objects.exists()

    response = signed_in.post(TOTP_URL, {"code": current_code(secret)})
    assert response.status_code == 302
    types = set(Authenticator.objects.values_list("type", flat=True))
    assert types == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}

    signed_in.post("/en/accounts/logout/")
    client = Client()
    response = sign_in(client)
    assert response["Location"] == "/en/accounts/2fa/authenticate/"
    assert SESSION_KEY not in client.session

    client.post("/en/accounts/2fa/authenticate/", {"code": "123456"})
    assert SESSION_KEY not in client.session

    codes = Authenticator.objects.get(type=Authenticator.Type.RECOVERY_CODES).wrap()
    recovery = codes.get_unused_codes()[0]
    response = client.post("/en/accounts/2fa/authenticate/", {"code": recovery})
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(User.objects.get().pk)


def test_adding_someone_elses_email_shows_the_same_confirmation_message(signed_in):
    make_user("grace@example.org")
    free = signed_in.post(EMAIL_URL, {"email": "ada.new@example.org", "action_add": ""})
    taken = signed_in.post(EMAIL_URL, {"email": "grace@example.org", "action_add": ""})
    free_messages = [str(m) for m in get_messages(free.wsgi_request)]
    taken_messages = [str(m) for m in get_messages(taken.wsgi_request)]
    assert free_messages[-1] == "Confirmation email sent to ada.new@example.org."
    assert taken_messages[-1] == "Confirmation email sent to grace@example.org."
