"""A newcomer's journey: sign up, verify, sign out and in, edit the profile, switch language."""

import io
import re

import pytest
from django.core import mail
from PIL import Image

from culturedegree.models import User

from .conftest import assert_accessible, screenshot

PASSWORD = "a long passphrase for the journey"


def png_bytes() -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (400, 300), "darkorange").save(output, format="PNG")
    return output.getvalue()


def visit(page, url: str, name: str) -> None:
    page.goto(url)
    assert_accessible(page)
    screenshot(page, name)


@pytest.mark.e2e
def test_sign_up_verify_sign_in_edit_profile_and_switch_language(page, demo_site, live_server):
    base = live_server.url

    visit(page, f"{base}/en/accounts/signup/", "account-signup")
    page.fill("#id_email", "journey@example.org")
    page.fill("#id_name", "Jun Journey")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.get_by_role("button", name="Sign Up").click()

    page.wait_for_url(f"{base}/en/accounts/confirm-email/")
    assert_accessible(page)
    screenshot(page, "account-verification-sent")

    (message,) = mail.outbox
    assert message.to == ["journey@example.org"]
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)
    visit(page, link, "account-confirm-email")
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url(f"{base}/en/")
    assert page.get_by_text("journey@example.org").count()

    visit(page, f"{base}/en/accounts/logout/", "account-sign-out")
    page.get_by_role("button", name="Sign Out").click()
    page.wait_for_url(f"{base}/en/")
    assert page.get_by_role("link", name="Sign in").count()

    visit(page, f"{base}/en/accounts/login/", "account-sign-in")
    page.fill("#id_login", "journey@example.org")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"{base}/en/")

    visit(page, f"{base}/en/accounts/profile/", "account-profile")
    assert page.input_value("#id_name") == "Jun Journey"
    page.fill("#id_name", "Jun Journey-Tanaka")
    page.set_input_files(
        "#id_avatar", files=[{"name": "me.png", "mimeType": "image/png", "buffer": png_bytes()}]
    )
    page.fill("#id_timezone", "Asia/Tokyo")
    page.select_option("#id_preferred_language", "fr")
    page.get_by_role("button", name="Save profile").click()

    page.wait_for_url(f"{base}/fr/accounts/profile/")
    assert page.get_attribute("html", "lang") == "fr"
    assert page.locator("img.avatar").count() == 1
    assert_accessible(page)
    screenshot(page, "account-profile-fr")
    user = User.objects.get(email="journey@example.org")
    assert (user.name, user.timezone, user.preferred_language) == (
        "Jun Journey-Tanaka",
        "Asia/Tokyo",
        "fr",
    )
    assert user.avatar.name.endswith(".webp")

    # The language cookie now sends the bare address to the French site.
    page.goto(f"{base}/")
    assert page.url == f"{base}/fr/"

    page.goto(f"{base}/fr/accounts/logout/")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base}/fr/")
    page.goto(f"{base}/fr/accounts/profile/")
    assert "/accounts/login/" in page.url


@pytest.mark.e2e
def test_account_settings_pages_are_accessible(page, demo_site, live_server):
    from allauth.account.models import EmailAddress

    base = live_server.url
    user = User.objects.create_user(email="settings@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)

    for path, name in [
        ("/en/accounts/password/reset/", "account-password-reset"),
        ("/en/accounts/login/", "account-sign-in-empty"),
    ]:
        visit(page, f"{base}{path}", name)

    page.fill("#id_login", "settings@example.org")
    page.fill("#id_password", "not the passphrase")
    page.get_by_role("button", name="Sign In").click()
    assert_accessible(page)
    screenshot(page, "account-sign-in-error")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"{base}/en/")

    visit(page, f"{base}/en/accounts/2fa/totp/activate/", "account-reauthenticate")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url(f"{base}/en/accounts/2fa/totp/activate/")
    assert_accessible(page)
    screenshot(page, "account-totp-activate")

    for path, name in [
        ("/en/accounts/email/", "account-email"),
        ("/en/accounts/password/change/", "account-password-change"),
        ("/en/accounts/2fa/", "account-2fa"),
        ("/en/accounts/3rdparty/", "account-connections"),
        ("/ar/accounts/profile/", "account-profile-ar"),
    ]:
        visit(page, f"{base}{path}", name)
