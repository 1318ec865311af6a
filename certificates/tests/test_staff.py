"""Name corrections and revocation, by learners and staff, through the pages people use."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from wagtail.models import GroupPagePermission

from certificates.models import Certificate, NameCorrection
from culturedegree import audit, privacy
from learning.tests.factories import staff_user
from learning.tests.journey_helpers import make_learner

from .certificate_helpers import graduate
from .verifier import verify

# Each test runs in a savepoint of the module's graduation (conftest.py's `certificate`).
pytestmark = pytest.mark.django_db


def admin_client():
    admin = staff_user("admin@example.com", superuser=True)
    client = Client()
    client.force_login(admin)
    return client, admin


def test_an_approved_name_correction_keeps_url_and_serial_and_issues_a_new_pdf_and_credential(
    certificate,
):
    learner = Client()
    learner.force_login(certificate.learner)
    old_pdf, old_credential = certificate.pdf.name, certificate.credential
    response = learner.post(
        f"/en/my-learning/certificates/{certificate.pk}/name-correction/",
        {"requested_name": "Augusta Ada King", "explanation": "Married name"},
    )
    assert response.status_code == 302
    correction = NameCorrection.objects.get()
    client, _admin = admin_client()
    assert "Augusta Ada King" in client.get("/admin/certificates/corrections/").content.decode()
    client.post(f"/admin/certificates/corrections/{correction.pk}/", {"decision": "approve"})
    certificate.refresh_from_db()
    assert certificate.holder_name == "Augusta Ada King"
    assert certificate.version == 2
    assert certificate.pdf.name != old_pdf
    assert certificate.credential["proof"] != old_credential["proof"]
    identity = certificate.credential["credentialSubject"]["identifier"][0]
    assert identity["identityHash"] == "Augusta Ada King"
    page = Client().get(f"/en/certificates/{certificate.pk}/").content.decode()
    assert "Augusta Ada King" in page and certificate.serial in page
    actions = list(audit.entries_about(certificate.learner).values_list("action", flat=True))
    assert audit.NAME_CORRECTION_REQUESTED in actions
    assert audit.NAME_CORRECTION_APPROVED in actions


def test_staff_revoke_with_a_reason_and_reissue(certificate):
    client, _admin = admin_client()
    refused = client.post(f"/admin/certificates/{certificate.pk}/revoke/", {"reason": " "})
    assert refused.status_code == 302
    certificate.refresh_from_db()
    assert not certificate.is_revoked
    client.post(f"/admin/certificates/{certificate.pk}/revoke/", {"reason": "Wrong program"})
    certificate.refresh_from_db()
    assert certificate.revocation_reason == "Wrong program"
    assert audit.CERTIFICATE_REVOKED in audit.entries_about(certificate.learner).values_list(
        "action", flat=True
    )
    client.post(f"/admin/certificates/{certificate.pk}/reissue/")
    certificate.refresh_from_db()
    assert certificate.replaced_by is not None
    page = Client().get(f"/en/certificates/{certificate.pk}/").content.decode()
    assert "Revoked" in page and str(certificate.replaced_by.pk) in page


def test_staff_of_another_program_cannot_revoke(certificate):
    _tree, _learner, elsewhere = graduate(email="bo@example.com", name="Bo", title="Tea Road")
    group = Group.objects.create(name="Instructors of Tea Road")
    GroupPagePermission.objects.create(
        group=group, page=elsewhere.program, permission_type="change"
    )
    staff = staff_user("instructor@example.com", groups=[group])
    group.permissions.add(Permission.objects.get(codename="change_certificate"))
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    client = Client()
    client.force_login(staff)
    response = client.post(
        f"/admin/certificates/{certificate.pk}/revoke/", {"reason": "No"}, follow=True
    )
    assert response.status_code == 404
    certificate.refresh_from_db()
    assert not certificate.is_revoked
    listing = client.get("/admin/certificates/").content.decode()
    assert elsewhere.serial in listing and certificate.serial not in listing


def test_a_learner_cannot_touch_someone_elses_certificate(certificate):
    other = make_learner("eve@example.com")
    client = Client()
    client.force_login(other)
    base = f"/en/my-learning/certificates/{certificate.pk}"
    assert client.post(f"{base}/name-visibility/", {"name_public": "0"}).status_code == 404
    assert client.post(f"{base}/name-correction/", {"requested_name": "Eve"}).status_code == 404
    assert client.get(f"/api/v1/certificates/{certificate.pk}/credential").status_code == 404
    assert client.get("/admin/certificates/").status_code in {302, 403}
    certificate.refresh_from_db()
    assert certificate.name_public and not NameCorrection.objects.exists()
    anonymous = Client().post(f"{base}/name-visibility/", {"name_public": "0"})
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]


def test_erasing_the_account_keeps_a_nameless_certificate_that_still_verifies_its_serial(
    certificate,
):
    exported = privacy.export_personal_data(user=certificate.learner)
    rows = exported["certificates.Certificate"]["rows"]
    assert certificate.serial in [row["serial"] for row in rows]
    credential = certificate.credential
    privacy.erase_account(user=certificate.learner)
    certificate.refresh_from_db()
    assert certificate.learner is None and certificate.holder_name == ""
    assert certificate.credential == {} and not certificate.pdf
    page = Client().get(f"/en/certificates/{certificate.pk}/").content.decode()
    assert "Ada Lovelace" not in page
    assert certificate.serial in page and "deleted their account" in page
    did = Client().get("/.well-known/did.json").json()
    assert verify(credential, did["verificationMethod"][0]["publicKeyMultibase"])
    assert Certificate.objects.count() == 3
