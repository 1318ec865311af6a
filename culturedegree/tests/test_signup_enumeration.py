"""Security finding 15: sign-up does not tell, by its answer or its time, who has an account.

A new account costs a password hash, which with PBKDF2 is most of the answer's time; a taken
email now costs one too. The work is compared exactly (hashes counted), and the time once
with the real hasher, on the site's form and on the headless endpoint.
"""

import statistics
import time

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.test import Client

from culturedegree.models import User

pytestmark = pytest.mark.django_db

TAKEN = "taken@example.org"
PASSWORD = "a long passphrase for tests"


class CountingHasher(MD5PasswordHasher):
    """MD5 (fast, for tests) that counts the hashes it computes."""

    algorithm = "counting_md5"
    computed = 0

    def encode(self, password, salt):
        CountingHasher.computed += 1
        return super().encode(password, salt)


@pytest.fixture(autouse=True)
def taken_account(site, settings):
    settings.ACCOUNT_RATE_LIMITS = False
    user = User.objects.create_user(email=TAKEN, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=TAKEN, verified=True, primary=True)
    return user


def sign_up_on_the_site(email: str):
    return Client().post(
        "/en/accounts/signup/",
        {"email": email, "password1": PASSWORD, "password2": PASSWORD, "name": "Ada"},
    )


def sign_up_headless(email: str):
    return Client().post(
        "/_allauth/app/v1/auth/signup",
        {"email": email, "password": PASSWORD},
        content_type="application/json",
    )


def answer(response) -> tuple:
    """What a caller can see of the answer, besides its time."""
    if response["Content-Type"].startswith("application/json"):
        body = response.json()
        flows = sorted(flow["id"] for flow in body.get("data", {}).get("flows", []))
        return response.status_code, flows, body.get("meta", {}).get("is_authenticated")
    return response.status_code, response.get("Location")


@pytest.mark.parametrize("sign_up", [sign_up_on_the_site, sign_up_headless])
def test_a_taken_email_costs_the_same_work_and_answer_as_a_new_one(settings, sign_up):
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    work = {}
    for case, email in (("taken", TAKEN), ("new", "new@example.org")):
        CountingHasher.computed = 0
        mail.outbox.clear()
        response = sign_up(email)
        work[case] = (answer(response), CountingHasher.computed, len(mail.outbox))
    assert work["taken"] == work["new"]
    assert work["new"][1:] == (1, 1)  # one hash, one email
    assert User.objects.filter(email="new@example.org").exists()


def test_a_taken_email_answers_as_slowly_as_a_new_one_with_the_real_hasher(settings):
    """Medians over interleaved repeats; on the old code the taken email answered in about
    a sixth of the time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    timings = {"taken": [], "new": []}
    for n in range(2):
        for sign_up in (sign_up_on_the_site, sign_up_headless):
            for case, email in (
                ("taken", TAKEN),
                ("new", f"new{n}-{sign_up.__name__}@example.org"),
            ):
                started = time.perf_counter()
                sign_up(email)
                timings[case].append(time.perf_counter() - started)
    taken, new = statistics.median(timings["taken"]), statistics.median(timings["new"])
    assert 0.6 < taken / new < 1.67, timings
