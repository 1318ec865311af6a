"""Editors manage users in the Wagtail admin, with our User model's fields."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group, Permission
from django.test import Client

from culturedegree.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "a long passphrase for tests"


def make_user(email: str, **fields) -> User:
    user = User.objects.create_user(email=email, password=PASSWORD, **fields)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


@pytest.fixture
def editor():
    """A staff member of a group that may enter the admin and manage users, with TOTP on."""
    group = Group.objects.create(name="User managers")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="culturedegree",
            codename__in=["add_user", "change_user", "delete_user"],
        ),
    )
    user = make_user("editor@example.org", name="Eddie Editor", is_staff=True)
    user.groups.add(group)
    TOTP.activate(user, generate_totp_secret())
    return user


@pytest.fixture
def admin_client(editor):
    client = Client()
    client.force_login(editor)
    return client


def test_user_list_shows_users_by_email_and_name(admin_client):
    make_user("learner@example.org", name="Lena Learner")

    response = admin_client.get("/admin/users/")

    assert response.status_code == 200
    content = response.content.decode()
    assert "learner@example.org" in content
    assert "Lena Learner" in content


def test_create_form_asks_for_our_fields_not_first_and_last_name(admin_client):
    response = admin_client.get("/admin/users/new/")

    assert response.status_code == 200
    fields = set(response.context["form"].fields)
    assert {"email", "name", "preferred_language", "timezone", "groups"} <= fields
    assert not fields & {"first_name", "last_name", "username"}


def test_editor_creates_a_user(admin_client):
    response = admin_client.post(
        "/admin/users/new/",
        {
            "email": "new.learner@example.org",
            "name": "New Learner",
            "preferred_language": "ar",
            "timezone": "Africa/Cairo",
            "password1": "another long passphrase",
            "password2": "another long passphrase",
        },
    )

    assert response.status_code == 302, response.context["form"].errors
    user = User.objects.get(email="new.learner@example.org")
    assert (user.name, user.preferred_language, user.timezone) == (
        "New Learner",
        "ar",
        "Africa/Cairo",
    )
    assert user.check_password("another long passphrase")


def test_editor_cannot_create_a_duplicate_email_in_another_case(admin_client):
    make_user("learner@example.org")

    response = admin_client.post(
        "/admin/users/new/",
        {
            "email": "Learner@Example.org",
            "name": "Impostor",
            "preferred_language": "en",
            "timezone": "UTC",
            "password1": "another long passphrase",
            "password2": "another long passphrase",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert User.objects.filter(email__iexact="learner@example.org").count() == 1


def test_editor_edits_and_deactivates_a_user(admin_client):
    learner = make_user("learner@example.org", name="Lena")

    response = admin_client.post(
        f"/admin/users/edit/{learner.pk}/",
        {
            "email": "learner@example.org",
            "name": "Lena Learner",
            "preferred_language": "ja",
            "timezone": "Asia/Tokyo",
            "is_active": "",
        },
    )

    assert response.status_code == 302, response.context["form"].errors
    learner.refresh_from_db()
    assert (learner.name, learner.preferred_language, learner.timezone) == (
        "Lena Learner",
        "ja",
        "Asia/Tokyo",
    )
    assert learner.is_active is False
    assert (
        Client()
        .post("/en/accounts/login/", {"login": "learner@example.org", "password": PASSWORD})
        .wsgi_request.user.is_anonymous
    )


def test_editor_cannot_set_an_unknown_time_zone(admin_client):
    learner = make_user("learner@example.org")

    response = admin_client.post(
        f"/admin/users/edit/{learner.pk}/",
        {
            "email": "learner@example.org",
            "name": "Lena",
            "preferred_language": "en",
            "timezone": "Atlantis/Capital",
            "is_active": "on",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["timezone"]
    learner.refresh_from_db()
    assert learner.timezone == "UTC"


def test_learner_cannot_open_the_user_admin():
    learner = make_user("learner@example.org")
    client = Client()
    client.force_login(learner)

    response = client.get("/admin/users/")

    assert response.status_code == 302
    assert not response["Location"].startswith("/admin/users/")


def test_staff_without_two_factor_is_sent_to_set_it_up(editor):
    editor.authenticator_set.all().delete()
    client = Client()
    client.force_login(editor)

    response = client.get("/admin/users/")

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/2fa/totp/activate/")
    assert "next=%2Fadmin%2Fusers%2F" in response["Location"]


def test_admin_login_goes_through_the_rate_limited_sign_in():
    response = Client().get("/admin/login/?next=/admin/pages/")

    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=%2Fadmin%2Fpages%2F"
    assert Client().get("/admin/")["Location"].startswith("/en/accounts/login/")


def test_editor_renames_themself_on_the_admin_account_page(admin_client, editor):
    page = admin_client.get("/admin/account/")
    content = page.content.decode()
    assert 'name="name_email-name"' in content
    assert "first_name" not in content
    # Email and password change through allauth's verified, re-authenticated flows.
    assert 'name="name_email-email"' not in content
    assert "old_password" not in content

    response = admin_client.post(
        "/admin/account/",
        {
            "name_email-name": "Edwina Editor",
            "locale-preferred_language": "en",
            "locale-current_time_zone": "",
            "theme-theme": "system",
            "theme-contrast": "system",
            "theme-density": "default",
        },
    )

    assert response.status_code == 302
    editor.refresh_from_db()
    assert editor.name == "Edwina Editor"
