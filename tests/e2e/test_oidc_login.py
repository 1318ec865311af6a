"""Sign-in through a real OpenID Connect provider (node's oidc-provider on loopback)."""

import copy
import json
import os
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount, SocialToken
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core import mail

from culturedegree.accounts.oidc import parse_oidc_providers, provider_origins
from culturedegree.models import User

from .conftest import assert_accessible, screenshot

PROVIDER_DIR = Path(__file__).resolve().parent.parent / "oidc_provider"
PROVIDER_ID = "culture-id"
PROVIDER_NAME = "Culture ID"
CLIENT_ID = "culturedegree-tests"
CLIENT_SECRET = "a-client-secret-for-tests-only"
OFF_MACHINE = re.compile(r"^https?://(?!127\.0\.0\.1[:/]|localhost[:/])")
CALLBACK_PATH = f"/accounts/oidc/{PROVIDER_ID}/login/callback/"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def oidc_provider(live_server, settings):
    """Start the loopback provider and configure it the way OIDC_PROVIDERS would."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not on PATH: install Node.js 20+ to run the OpenID Connect tests")
    if not (PROVIDER_DIR / "node_modules" / "oidc-provider").is_dir():
        pytest.fail(f"oidc-provider is not installed: run `npm ci --prefix {PROVIDER_DIR}`")
    port = _free_port()
    process = subprocess.Popen(
        [node, str(PROVIDER_DIR / "provider.js")],
        env={
            **os.environ,
            "PORT": str(port),
            "CLIENT_ID": CLIENT_ID,
            "CLIENT_SECRET": CLIENT_SECRET,
            "REDIRECT_URI": f"{live_server.url}{CALLBACK_PATH}",
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    issuer = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    output = []
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line and process.poll() is not None:
            break
        output.append(line)
        if line.startswith("ready "):
            break
    else:
        process.kill()
        pytest.fail("the OpenID Connect provider did not start in 20 s:\n" + "".join(output))
    if process.poll() is not None:
        pytest.fail("the OpenID Connect provider exited:\n" + "".join(output))
    apps = parse_oidc_providers(
        json.dumps(
            [
                {
                    "id": PROVIDER_ID,
                    "name": PROVIDER_NAME,
                    "server_url": issuer,
                    "client_id": CLIENT_ID,
                    "secret": CLIENT_SECRET,
                }
            ]
        )
    )
    # What culturedegree/settings/base.py does with OIDC_PROVIDERS at start-up.
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {"OAUTH_PKCE_ENABLED": True, "APPS": apps}
    }
    policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    policy["DIRECTIVES"]["form-action"] = [
        *policy["DIRECTIVES"]["form-action"],
        *provider_origins(apps),
    ]
    settings.CONTENT_SECURITY_POLICY = policy
    yield issuer
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
    process.stdout.close()


def sign_in_with_provider(page, live_server_url: str, issuer: str, login: str) -> None:
    """Drive the browser from our sign-in page through the provider and back."""
    # The provider's pages import a web font; nothing may leave the machine.
    page.route(OFF_MACHINE, lambda route: route.abort())
    page.goto(f"{live_server_url}/en/accounts/login/")
    page.get_by_role("link", name=PROVIDER_NAME).click()
    page.wait_for_url(f"{live_server_url}/accounts/oidc/{PROVIDER_ID}/login/**")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"{issuer}/**")
    # The provider asks for a login unless it remembers one, then for consent unless granted.
    for _ in range(3):
        if page.url.startswith(live_server_url):
            return
        with page.expect_navigation():
            if page.locator("input[name=login]").count():
                page.fill("input[name=login]", login)
                page.fill("input[name=password]", "any password")
                page.get_by_role("button", name="Sign-in").click()
            else:
                page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"{live_server_url}/**")


@pytest.mark.e2e
def test_sign_in_through_the_provider_twice_reuses_one_account(
    page, new_page, demo_site, live_server, oidc_provider
):
    sign_in_with_provider(page, live_server.url, oidc_provider, "oidc.learner@example.org")

    assert page.url == f"{live_server.url}/en/"
    assert page.get_by_text("Successfully signed in").count() or page.locator(".messages").count()
    user = User.objects.get(email="oidc.learner@example.org")
    assert user.name == "OIDC oidc.learner"
    assert EmailAddress.objects.get(user=user).verified
    account = SocialAccount.objects.get(user=user)
    assert (account.provider, account.uid) == (PROVIDER_ID, "oidc.learner@example.org")
    first_token = SocialToken.objects.get(account=account)
    assert first_token.token

    # A fresh browser: our session is gone, the provider may remember the login or not.
    second = new_page()
    sign_in_with_provider(second, live_server.url, oidc_provider, "oidc.learner@example.org")

    assert second.url == f"{live_server.url}/en/"
    assert User.objects.filter(email__iexact="oidc.learner@example.org").count() == 1
    assert SocialAccount.objects.filter(user=user).count() == 1
    assert SocialToken.objects.filter(account=account).count() == 1
    assert SocialToken.objects.get(account=account).token != first_token.token


@pytest.mark.e2e
def test_unverified_provider_email_never_takes_over_an_existing_account(
    page, demo_site, live_server, oidc_provider
):
    owner = User.objects.create_user(email="owner@example.org", password="a long passphrase")
    EmailAddress.objects.create(user=owner, email=owner.email, verified=True, primary=True)

    sign_in_with_provider(page, live_server.url, oidc_provider, "unverified.owner@example.org")

    # Like any sign-up with a taken address: "check your email", and the owner is told.
    assert page.url == f"{live_server.url}/en/accounts/confirm-email/"
    assert [message.to for message in mail.outbox] == [["owner@example.org"]]
    assert list(User.objects.values_list("email", flat=True)) == ["owner@example.org"]
    assert_accessible(page)
    screenshot(page, "oidc-unverified-email-taken")
    assert not SocialAccount.objects.exists()
    session_cookie = next(c for c in page.context.cookies() if c["name"] == "sessionid")
    session = Session.objects.get(session_key=session_cookie["value"]).get_decoded()
    assert SESSION_KEY not in session


@pytest.mark.e2e
def test_authorization_request_carries_state_and_pkce(client, live_server, oidc_provider):
    response = client.post(f"/accounts/oidc/{PROVIDER_ID}/login/")

    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}" == oidc_provider
    query = parse_qs(location.query)
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["code_challenge"][0]) >= 43
    assert len(query["state"][0]) >= 16


@pytest.mark.e2e
def test_callback_with_a_forged_state_signs_nobody_in(client, live_server, oidc_provider):
    client.post(f"/accounts/oidc/{PROVIDER_ID}/login/")

    response = client.get(CALLBACK_PATH, {"code": "stolen-code", "state": "forged-state"})

    assert response.status_code == 401
    assert SESSION_KEY not in client.session
    assert not SocialAccount.objects.exists()
