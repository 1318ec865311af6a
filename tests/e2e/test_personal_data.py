"""A learner reads their data from the profile, then deletes their account after confirming
their password: on a desktop in English and on a phone in Arabic."""

import pytest
from allauth.account.models import EmailAddress
from django.utils import translation
from django.utils.translation import gettext as _

from culturedegree.models import User

from .conftest import PHONE, assert_accessible, login, screenshot

PASSWORD = "a long passphrase for the journey"
WIDE = {"width": 1366, "height": 800}


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("language", "viewport"), [("en", WIDE), ("ar", PHONE)], ids=["desktop-en", "phone-ar"]
)
def test_learner_sees_their_data_then_deletes_their_account(
    new_page, demo_site, live_server, language, viewport
):
    user = User.objects.create_user(
        email="dana@example.org", password=PASSWORD, name="Dana Data", preferred_language=language
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    page = new_page(viewport=viewport, has_touch=viewport is PHONE)
    base = live_server.url
    login(page, user, live_server_url=base)
    with translation.override(language):
        see, delete = _("See your data"), _("Delete your account")
        delete_mine = _("Delete my account")

    page.goto(f"{base}/{language}/accounts/profile/")
    page.get_by_role("link", name=see).click()
    page.wait_for_url(f"{base}/{language}/accounts/profile/data/")
    assert page.get_by_text("dana@example.org").count()
    assert_accessible(page)
    screenshot(page, f"personal-data-{language}")

    page.go_back()
    page.get_by_role("link", name=delete).click()
    page.wait_for_url(f"{base}/{language}/accounts/delete/")
    assert_accessible(page)
    screenshot(page, f"delete-account-{language}")
    page.get_by_role("button", name=delete_mine).click()

    # A planted session has no recent sign-in: allauth asks for the password first, then
    # carries on with the deletion the learner asked for.
    page.wait_for_url(f"{base}/{language}/accounts/reauthenticate/**")
    assert User.objects.filter(email="dana@example.org").exists()
    page.fill("#id_password", PASSWORD)
    page.locator("main form").get_by_role("button").click()

    page.wait_for_url(f"{base}/{language}/")
    assert not User.objects.filter(email="dana@example.org").exists()
    with translation.override(language):
        assert page.get_by_text(_("Your account and your personal data are deleted.")).count()
    screenshot(page, f"account-deleted-{language}")
