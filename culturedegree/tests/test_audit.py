"""The audit log: each security event lands in Wagtail's log, without secrets, and staff
find it in the Site history report, filter it and export it."""

import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group, Permission
from django.test import Client
from wagtail.log_actions import LogContext
from wagtail.models import GroupPagePermission, ModelLogEntry, Page

from culturedegree import audit
from culturedegree.models import User
from culturedegree.tests.test_accounts_security import current_code

pytestmark = pytest.mark.django_db

PASSWORD = "a long passphrase for tests"
NEW_PASSWORD = "a brand new passphrase"


def make_user(email: str = "ada@example.org", **fields) -> User:
    user = User.objects.create_user(email=email, password=PASSWORD, **fields)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def sign_in(client: Client, email: str = "ada@example.org", password: str = PASSWORD):
    return client.post("/en/accounts/login/", {"login": email, "password": password})


def entries(action: str, user=None):
    found = ModelLogEntry.objects.filter(action=action).order_by("timestamp")
    return [entry for entry in found if user is None or entry.object_id == str(user.pk)]


def assert_no_secret_logged(*secrets: str):
    for entry in ModelLogEntry.objects.all():
        text = json.dumps(entry.data) + entry.label
        for secret in secrets:
            assert secret not in text, (entry.action, text)


@pytest.fixture
def ada():
    return make_user(name="Ada Lovelace")


@pytest.fixture
def reauthenticated(client, ada):
    sign_in(client)
    assert client.post("/en/accounts/reauthenticate/", {"password": PASSWORD}).status_code == 302
    return client


def test_sign_in_is_logged_against_the_user_with_their_address(client, ada):
    sign_in(client, password=PASSWORD)

    [entry] = entries(audit.SIGN_IN, ada)
    assert entry.user_id == ada.pk
    assert entry.label == "Ada Lovelace"
    assert entry.data == {"ip": "127.0.0.1"}
    assert_no_secret_logged(PASSWORD)


def test_failed_sign_in_is_logged_without_the_password_tried(client, ada):
    sign_in(client, password="guessed passphrase")

    [entry] = entries(audit.SIGN_IN_FAILED, ada)
    assert entry.data == {"ip": "127.0.0.1"}
    assert not entries(audit.SIGN_IN)
    assert_no_secret_logged("guessed passphrase")


def test_failed_sign_in_for_no_account_records_no_address(client, site):
    sign_in(client, email="nobody@example.org", password="guessed passphrase")

    [entry] = entries(audit.SIGN_IN_FAILED)
    assert entry.content_type.model == "site"
    assert entry.data == {"account": "unknown", "ip": "127.0.0.1"}
    assert_no_secret_logged("nobody@example.org", "guessed passphrase")


def test_sign_out_is_logged(client, ada):
    sign_in(client)
    client.post("/en/accounts/logout/")

    assert len(entries(audit.SIGN_OUT, ada)) == 1


def test_password_change_is_logged_without_either_password(reauthenticated, ada):
    response = reauthenticated.post(
        "/en/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    [entry] = entries(audit.PASSWORD_CHANGED, ada)
    assert entry.user_id == ada.pk
    assert_no_secret_logged(PASSWORD, NEW_PASSWORD)


def test_email_added_made_primary_and_removed_are_logged(reauthenticated, ada):
    reauthenticated.post("/en/accounts/email/", {"email": "ada@new.example", "action_add": ""})
    EmailAddress.objects.filter(email="ada@new.example").update(verified=True)
    reauthenticated.post("/en/accounts/email/", {"email": "ada@new.example", "action_primary": ""})
    reauthenticated.post("/en/accounts/email/", {"email": "ada@example.org", "action_remove": ""})

    assert [entry.data["email"] for entry in entries(audit.EMAIL_ADDED, ada)] == ["ada@new.example"]
    [changed] = entries(audit.EMAIL_CHANGED, ada)
    assert (changed.data["previous_email"], changed.data["email"]) == (
        "ada@example.org",
        "ada@new.example",
    )
    assert [entry.data["email"] for entry in entries(audit.EMAIL_REMOVED, ada)] == [
        "ada@example.org"
    ]


def test_two_factor_added_and_removed_are_logged_without_the_secret(
    reauthenticated, ada, django_capture_on_commit_callbacks
):
    page = reauthenticated.get("/en/accounts/2fa/totp/activate/")
    secret = page.context["form"].secret
    code = current_code(secret)
    with django_capture_on_commit_callbacks(execute=True):
        response = reauthenticated.post("/en/accounts/2fa/totp/activate/", {"code": code})
    assert response.status_code == 302

    added = {entry.data["type"] for entry in entries(audit.MFA_ADDED, ada)}
    assert added == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}

    with django_capture_on_commit_callbacks(execute=True):
        response = reauthenticated.post("/en/accounts/2fa/totp/deactivate/")
    assert response.status_code == 302
    assert not Authenticator.objects.filter(type=Authenticator.Type.TOTP).exists()
    removed = {entry.data["type"] for entry in entries(audit.MFA_REMOVED, ada)}
    assert Authenticator.Type.TOTP in removed
    assert_no_secret_logged(secret, code)


@pytest.fixture
def staff():
    managers = Group.objects.create(name="User managers")
    managers.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="culturedegree",
            codename__in=["add_user", "change_user", "delete_user"],
        ),
    )
    user = make_user("editor@example.org", name="Eddie Editor", is_staff=True)
    user.groups.add(managers)
    TOTP.activate(user, generate_totp_secret())
    return user


def test_role_change_in_the_admin_logs_the_groups_added_and_removed(staff, ada):
    editors, reviewers = Group.objects.bulk_create(
        [Group(name="Silk Road editors"), Group(name="Silk Road reviewers")]
    )
    ada.groups.add(reviewers)
    admin = Client()
    admin.force_login(staff)

    response = admin.post(
        f"/admin/users/edit/{ada.pk}/",
        {
            "email": ada.email,
            "name": ada.name,
            "preferred_language": "en",
            "timezone": "UTC",
            "is_active": "on",
            "groups": [editors.pk],
        },
    )

    assert response.status_code == 302, response.context["form"].errors
    changes = [entry.data for entry in entries(audit.ROLES_CHANGED, ada)]
    assert {"groups_added": ["Silk Road reviewers"]} in changes  # the fixture's own change
    assert {"groups_removed": ["Silk Road reviewers"]} in changes
    assert {"groups_added": ["Silk Road editors"]} in changes
    by_staff = [e for e in entries(audit.ROLES_CHANGED, ada) if e.user_id == staff.pk]
    assert len(by_staff) == 2


def test_superuser_status_and_group_permissions_changes_are_logged(ada, site):
    ada.is_superuser = True
    ada.save()
    group = Group.objects.create(name="Silk Road editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group, page=Page.objects.get(depth=2), permission_type="publish"
    )
    group.page_permissions.all().delete()

    assert [e.data for e in entries(audit.ROLES_CHANGED, ada)] == [{"superuser": True}]
    group_changes = sorted(
        json.dumps(entry.data, sort_keys=True)
        for entry in ModelLogEntry.objects.filter(action=audit.GROUP_PERMISSIONS_CHANGED)
    )
    home = Page.objects.get(depth=2).pk
    assert group_changes == sorted(
        json.dumps(data, sort_keys=True)
        for data in [
            {"permissions_added": ["access_admin"]},
            {"permissions_added": ["publish_page"], "page": home},
            {"permissions_removed": ["publish_page"], "page": home},
        ]
    )


def test_enrollment_changed_while_serving_staff_is_logged_and_the_learners_own_is_not(
    staff,
):
    from learning.journey.enrollment import change_status, enroll
    from learning.tests.journey_helpers import build_tree

    learner = make_user("learner@example.org")
    tree = build_tree()
    enrollment, _ = enroll(learner=learner, program=tree.program)
    change_status(enrollment=enrollment, status="paused")
    assert not entries(audit.ENROLLMENT_CHANGED_BY_STAFF)

    with LogContext(user=staff):
        change_status(enrollment=enrollment, status="active")

    [entry] = entries(audit.ENROLLMENT_CHANGED_BY_STAFF, learner)
    assert entry.user_id == staff.pk
    assert entry.data["status"] == ["paused", "active"]
    assert entry.data["enrollment"] == str(enrollment.pk)


def test_site_history_report_labels_filters_and_exports_the_security_events(
    migrated_data, client, ada, staff
):
    sign_in(client)
    sign_in(Client(), password="guessed passphrase")
    superuser = User.objects.create_superuser(email="root@example.org", password=PASSWORD)
    TOTP.activate(superuser, generate_totp_secret())
    admin = Client()
    admin.force_login(superuser)

    page = admin.get("/admin/reports/site-history/")
    assert page.status_code == 200
    assert "Failed sign-in" in page.content.decode()

    filtered = admin.get("/admin/reports/site-history/results/", {"action": audit.SIGN_IN_FAILED})
    html = filtered.content.decode()
    assert "Failed sign-in" in html and "Sign-in<" not in html

    export = admin.get("/admin/reports/site-history/", {"export": "csv"})
    rows = b"".join(export.streaming_content).decode()
    assert "Failed sign-in" in rows and "Ada Lovelace" in rows


def test_signing_out_everywhere_else_ends_the_other_sessions_and_is_logged(client, ada):
    phone = Client()
    sign_in(phone)
    sign_in(client)
    assert client.get("/en/accounts/sessions/").status_code == 200

    response = client.post("/en/accounts/sessions/")

    assert response.status_code == 302
    assert phone.get("/en/accounts/profile/").status_code == 302  # signed out
    assert client.get("/en/accounts/profile/").status_code == 200  # still signed in
    [entry] = entries(audit.SIGN_OUT_EVERYWHERE, ada)
    assert entry.data == {"sessions_ended": 1}
