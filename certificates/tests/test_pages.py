import uuid

import pytest
from django.test import Client

from certificates.models import Certificate
from certificates.revocation import revoke

from .certificate_helpers import graduate

# Each test runs in a savepoint of the module's graduation (conftest.py's `certificate`).
pytestmark = pytest.mark.django_db


def test_the_printed_url_opens_the_page_in_the_viewers_language(certificate):
    response = Client().get(f"/certificates/{certificate.pk}/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 302
    assert response["Location"] == f"/fr/certificates/{certificate.pk}/"
    page = Client().get(response["Location"])
    assert page.status_code == 200
    text = page.content.decode()
    assert "Valide" in text
    assert 'lang="fr"' in text


def test_signed_out_visitor_sees_validity_name_program_date_grade_serial_and_qr(certificate):
    response = Client().get(f"/en/certificates/{certificate.pk}/")
    text = response.content.decode()
    assert response.status_code == 200
    for expected in ("Valid", "Ada Lovelace", "Silk Road", certificate.serial, "<svg", "Pass"):
        assert expected in text
    assert "Verify in this browser" in text and "Verify on the server" in text
    assert f"/certificates/{certificate.pk}.pdf" in text
    assert f"/certificates/{certificate.pk}.json?download=1" in text
    # Only the holder is offered LinkedIn.
    assert "linkedin.com" not in text


def test_the_holder_can_add_it_to_linkedin(certificate):
    client = Client()
    client.force_login(certificate.learner)
    text = client.get(f"/en/certificates/{certificate.pk}/").content.decode()
    assert "https://www.linkedin.com/profile/add?" in text
    assert certificate.serial in text


def test_a_revoked_certificate_says_so_with_its_reason_and_stays_online(certificate):
    revoke(certificate=certificate, reason="Plagiarised final project", by=None)
    response = Client().get(f"/en/certificates/{certificate.pk}/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Revoked" in text
    assert "Plagiarised final project" in text
    check = Client().get(f"/certificates/{certificate.pk}/verify.json").json()
    assert check["signature"] is True
    assert check["verified"] is False
    assert check["revoked"] is True


@pytest.mark.parametrize(
    "path",
    [
        "/en/certificates/{neighbour}/",
        "/certificates/{neighbour}/",
        "/certificates/{neighbour}.json",
        "/certificates/{neighbour}.pdf",
        "/certificates/{neighbour}/verify.json",
        "/en/certificates/not-a-uuid/",
        "/certificates/12345.json",
        "/certificates/status/99.json",
    ],
)
def test_guessed_or_malformed_ids_give_404(certificate, path):
    neighbour = uuid.UUID(int=certificate.pk.int + 1)
    assert Client().get(path.format(neighbour=neighbour)).status_code == 404


def test_a_serial_alone_leads_nowhere_but_with_the_name_it_finds_the_page(certificate):
    client = Client()
    alone = client.get("/en/certificates/verify/", {"serial": certificate.serial, "name": "x"})
    assert alone.status_code == 404
    made_up = client.get("/en/certificates/verify/", {"serial": "CD-2026-999999-0", "name": "Ada"})
    assert made_up.status_code == 404
    found = client.get(
        "/en/certificates/verify/", {"serial": certificate.serial.lower(), "name": "lovelace"}
    )
    assert found.status_code == 302
    assert found["Location"] == f"/en/certificates/{certificate.pk}/"


def test_a_hidden_name_is_not_published_and_the_pdf_is_the_holders_only(certificate):
    owner = Client()
    owner.force_login(certificate.learner)
    owner.post(
        f"/en/my-learning/certificates/{certificate.pk}/name-visibility/", {"name_public": "0"}
    )
    certificate.refresh_from_db()
    assert certificate.name_public is False
    public = Client()
    text = public.get(f"/en/certificates/{certificate.pk}/").content.decode()
    assert "Ada Lovelace" not in text
    assert "chose not to publish" in text
    assert public.get(f"/certificates/{certificate.pk}.pdf").status_code == 404
    assert "Ada Lovelace" not in public.get(f"/certificates/{certificate.pk}.json").content.decode()
    assert owner.get(f"/certificates/{certificate.pk}.pdf").status_code == 200


def test_public_lookups_are_rate_limited(certificate, settings):
    settings.CERTIFICATES_LOOKUPS_PER_MINUTE = 3
    client = Client()
    for _ in range(3):
        assert client.get(f"/certificates/{certificate.pk}.json").status_code == 200
    response = client.get(f"/certificates/{certificate.pk}.json")
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert response.json()["message"]


def test_verification_page_query_budget(certificate, django_assert_max_num_queries):
    client = Client()
    client.get(f"/en/certificates/{certificate.pk}/")
    with django_assert_max_num_queries(6):
        assert client.get(f"/en/certificates/{certificate.pk}/").status_code == 200
    with django_assert_max_num_queries(2):
        assert client.get(f"/certificates/{certificate.pk}.json").status_code == 200


def test_my_certificates_query_budget_does_not_grow_with_certificates(
    certificate, django_assert_max_num_queries
):
    client = Client()
    client.force_login(certificate.learner)
    client.get("/en/my-learning/certificates/")
    with django_assert_max_num_queries(10):
        assert client.get("/en/my-learning/certificates/").status_code == 200


def test_pdf_and_json_download(certificate):
    client = Client()
    pdf = client.get(f"/certificates/{certificate.pk}.pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    credential = client.get(f"/certificates/{certificate.pk}.json?download=1")
    assert "attachment" in credential["Content-Disposition"]
    assert credential.json()["type"] == ["VerifiableCredential", "OpenBadgeCredential"]


def test_my_certificates_lists_only_mine(certificate):
    _tree, other, _ = graduate(email="grace@example.com", name="Grace Hopper", title="Tea Road")
    client = Client()
    client.force_login(other)
    text = client.get("/en/my-learning/certificates/").content.decode()
    assert "Tea Road" in text
    assert certificate.serial not in text
    assert Certificate.objects.count() == 6
