"""Personal data: every model that points at users is in the registry, a learner exports all
of theirs and only theirs, and deleting an account leaves no name or email anywhere."""

import json

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount, SocialToken
from django.contrib.sessions.models import Session
from django.db import connection, models
from django.test import Client
from wagtail.models import ModelLogEntry

from culturedegree import audit, privacy
from culturedegree.models import User
from learning.models import DailyActivity, Enrollment, LearningEvent, Progress
from learning.tests.journey_helpers import build_tree, session_token

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-password-2026"
NAME = "Zenobia Quillfeather"
EMAIL = "zenobia.quill@example.org"
DATA_URL = "/en/accounts/profile/data/"
DELETE_URL = "/en/accounts/delete/"


def make_person(email: str, name: str) -> User:
    user = User.objects.create_user(email=email, password=PASSWORD, name=name)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


@pytest.fixture
def tree():
    return build_tree()


@pytest.fixture
def zenobia(tree):
    """A learner with an enrollment, progress, a completion (events, daily activity), a
    second address, an OpenID Connect account with its token, and a sign-in."""
    user = make_person(EMAIL, NAME)
    EmailAddress.objects.create(user=user, email="zq@work.example", verified=False)
    account = SocialAccount.objects.create(
        user=user, provider="openid_connect", uid="sub-123", extra_data={"email": EMAIL}
    )
    SocialToken.objects.create(account=account, token="secret-access-token")
    client = Client()
    assert client.post("/en/accounts/login/", {"login": EMAIL, "password": PASSWORD}).status_code
    item = tree.all_items[0]
    assert client.post("/api/v1/enrollments", {"program_id": tree.program.pk}, "application/json")
    assert client.post(f"/api/v1/progress/{item.pk}/start").status_code == 200
    assert client.post(f"/api/v1/progress/{item.pk}/complete").status_code == 200
    assert DailyActivity.objects.filter(learner=user).exists()
    user.client = client
    return user


def test_every_model_pointing_at_users_has_an_exporter_and_an_eraser_or_a_reason():
    registrations = privacy.registrations()
    missing = {model._meta.label for model in privacy.models_pointing_at_users()} - {
        model._meta.label for model in registrations
    }
    assert not missing, f"register these in a personal_data.py: {sorted(missing)}"
    for model, registration in registrations.items():
        if registration.exempt_reason:
            assert registration.exporter is None and registration.eraser is None
            continue
        assert registration.exporter and registration.eraser, model
        if registration.eraser is privacy.deleted_with_account:
            # Claimed deleted by the cascade: the foreign key must say so.
            links = [
                field
                for field in model._meta.local_fields
                if field.is_relation and field.related_model is User
            ]
            assert any(field.remote_field.on_delete is models.CASCADE for field in links), model


def test_a_model_added_without_registration_fails_the_walk():
    class Diary(models.Model):
        owner = models.ForeignKey(User, on_delete=models.CASCADE)

        class Meta:
            app_label = "culturedegree"

        def __str__(self) -> str:
            return str(self.owner_id)

    try:
        assert Diary in privacy.models_pointing_at_users()
        assert Diary not in privacy.registrations()
    finally:
        from django.apps import apps

        del apps.all_models["culturedegree"]["diary"]
        apps.clear_cache()


def test_the_learner_downloads_all_their_data_as_json(zenobia, tree):
    response = zenobia.client.get(DATA_URL, {"format": "json"})

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    [account] = data["culturedegree.User"]["rows"]
    assert (account["email"], account["name"]) == (EMAIL, NAME)
    emails = {row["email"] for row in data["account.EmailAddress"]["rows"]}
    assert emails == {EMAIL, "zq@work.example"}
    [social] = data["socialaccount.SocialAccount"]["rows"]
    assert social["uid"] == "sub-123"
    [enrollment] = data["learning.Enrollment"]["rows"]
    assert enrollment["program"] == tree.program.title
    assert data["learning.Progress"]["rows"][0]["completed_at"]
    verbs = [row["verb"] for row in data["learning.LearningEvent"]["rows"]]
    assert {"registered", "launched", "completed"} <= set(verbs)
    assert data["learning.DailyActivity"]["rows"][0]["items_completed"] == 1
    actions = [row["action"] for row in data["wagtailcore.ModelLogEntry"]["rows"]]
    assert "Sign-in" in actions
    assert "secret-access-token" not in response.content.decode()
    [logged] = [e for e in audit.entries_about(zenobia) if e.action == audit.DATA_EXPORTED]
    assert logged.data["format"] == "json"


def test_the_learner_reads_their_data_as_a_page(zenobia, tree):
    response = zenobia.client.get(DATA_URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert EMAIL in html and NAME in html and tree.program.title in html
    assert "zq@work.example" in html


def test_the_profile_links_to_the_export_and_the_deletion(zenobia):
    html = zenobia.client.get("/en/accounts/profile/").content.decode()

    assert f'href="{DATA_URL}"' in html
    assert f'href="{DATA_URL}?format=json"' in html
    assert f'href="{DELETE_URL}"' in html


def test_the_api_exports_the_callers_data_with_a_session_token(zenobia):
    response = Client().get("/api/v1/me/export", HTTP_X_SESSION_TOKEN=session_token(zenobia))

    assert response.status_code == 200
    assert response.json()["culturedegree.User"]["rows"][0]["email"] == EMAIL


def test_one_learner_never_gets_anothers_data(zenobia):
    other = make_person("olga@example.org", "Olga Other")
    client = Client()
    client.force_login(other)

    for response in (
        client.get(DATA_URL, {"format": "json"}),
        client.get(DATA_URL, {"user": zenobia.pk}),
        client.get("/api/v1/me/export", {"user_id": str(zenobia.pk)}),
    ):
        assert response.status_code == 200
        text = response.content.decode()
        assert "olga@example.org" in text
        assert EMAIL not in text and NAME not in text and str(zenobia.pk) not in text


def test_signed_out_callers_get_no_export():
    assert Client().get("/api/v1/me/export").status_code == 401
    response = Client().get(DATA_URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_deleting_needs_a_fresh_password_confirmation(zenobia):
    page = zenobia.client.get(DELETE_URL)
    assert page.status_code == 200

    response = zenobia.client.post(DELETE_URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/reauthenticate/")
    assert User.objects.filter(pk=zenobia.pk).exists()


def columns_containing(*needles: str) -> list[str]:
    """Every text or JSON column of every table in the database that holds a needle."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = 'public'
              AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'character')
            """
        )
        columns = cursor.fetchall()
        found = []
        for table, column in columns:
            for needle in needles:
                cursor.execute(
                    f'SELECT 1 FROM "{table}" WHERE "{column}"::text ILIKE %s LIMIT 1',  # noqa: S608
                    [f"%{needle}%"],
                )
                if cursor.fetchone():
                    found.append(f"{table}.{column} holds {needle}")
        return found


def test_deleting_the_account_leaves_no_name_or_email_and_anonymises_events(zenobia):
    user_id = zenobia.pk
    events = LearningEvent.objects.filter(actor_id=user_id).count()
    assert columns_containing(EMAIL, NAME)  # the scan sees them while the account lives
    client = zenobia.client
    phone = Client()
    phone.post("/en/accounts/login/", {"login": EMAIL, "password": PASSWORD})
    assert phone.get("/en/accounts/profile/").status_code == 200
    assert client.post("/en/accounts/reauthenticate/", {"password": PASSWORD}).status_code == 302

    response = client.post(DELETE_URL)

    assert response.status_code == 302
    assert not User.objects.filter(pk=user_id).exists()
    assert client.get("/en/accounts/profile/").status_code == 302  # signed out
    assert phone.get("/en/accounts/profile/").status_code == 302  # on every device
    assert not Session.objects.exists()
    assert columns_containing(EMAIL, NAME, "zq@work.example", "Zenobia") == []
    assert not Enrollment.objects.exists() and not Progress.objects.exists()
    assert not DailyActivity.objects.exists() and not SocialToken.objects.exists()
    # Events stay for aggregate analytics, linked to no one.
    assert LearningEvent.objects.filter(actor=None).count() == events > 0
    assert not LearningEvent.objects.exclude(context={}).exists()
    # The audit keeps what happened, without who or from where.
    erased = ModelLogEntry.objects.get(action=audit.ACCOUNT_ERASED)
    assert erased.label == audit.ERASED_LABEL
    sign_in = ModelLogEntry.objects.filter(action=audit.SIGN_IN, object_id=str(user_id)).first()
    assert sign_in.label == audit.ERASED_LABEL and "ip" not in sign_in.data


def test_deleting_a_user_in_the_admin_erases_the_same_way(zenobia):
    superuser = User.objects.create_superuser(email="root@example.org", password=PASSWORD)
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(superuser, generate_totp_secret())
    admin = Client()
    admin.force_login(superuser)

    response = admin.post(f"/admin/users/delete/{zenobia.pk}/")

    assert response.status_code == 302
    assert not User.objects.filter(pk=zenobia.pk).exists()
    assert LearningEvent.objects.filter(actor=None).exists()
    assert columns_containing(EMAIL, NAME) == []
    # The Site history report still lists and exports entries of the erased account.
    report = admin.get("/admin/reports/site-history/")
    assert report.status_code == 200 and audit.ERASED_LABEL in report.content.decode()
    export = admin.get("/admin/reports/site-history/", {"export": "csv"})
    assert audit.ERASED_LABEL in b"".join(export.streaming_content).decode()
