"""Editors' certificate templates: revisions, and certificates pinned to the one they used."""

import io

import pytest
from django.test import Client
from pypdf import PdfReader

from certificates.models import Certificate, CertificateTemplate
from certificates.pdf import render_pdf
from learning.journey.enrollment import enroll
from learning.tests.factories import staff_user
from learning.tests.journey_helpers import build_tree, make_learner

from .certificate_helpers import complete_all, graduate

pytestmark = pytest.mark.django_db


def text_of(pdf: bytes) -> str:
    return PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def test_a_certificate_keeps_the_template_revision_it_was_issued_with():
    template = CertificateTemplate.objects.create(
        name="House style",
        heading="Certificate of achievement",
        signatories=[("signatory", {"name": "Aminata Diallo", "role": "Director"})],
    )
    template.save_revision()
    _tree, _learner, first = graduate()
    assert first.template_revision_id == template.latest_revision_id
    template.heading = "Diploma"
    template.save()
    template.save_revision()
    _tree, _other, second = graduate(email="bo@example.com", name="Bo Chen", title="Tea Road")
    old = text_of(render_pdf(certificate=first))
    assert "Certificate of achievement" in old and "Diploma" not in old
    assert "Aminata Diallo" in old
    assert "Diploma" in text_of(render_pdf(certificate=second))


def test_a_programs_own_template_wins_over_the_default():
    CertificateTemplate.objects.create(name="Default", heading="Certificate").save_revision()
    tree = build_tree(title="Silk Road")
    own = CertificateTemplate.objects.create(
        name="Silk Road", program=tree.program, heading="Silk Road Diploma"
    )
    own.save_revision()
    learner = make_learner()
    enroll(learner=learner, program=tree.program)
    complete_all(learner=learner, tree=tree)
    certificate = Certificate.objects.get(program=tree.program)
    assert certificate.template_revision.object_id == str(own.pk)
    assert "Silk Road Diploma" in text_of(render_pdf(certificate=certificate))
    _tree, _other, elsewhere = graduate(email="bo@example.com", name="Bo Chen", title="Tea Road")
    assert "Silk Road Diploma" not in text_of(render_pdf(certificate=elsewhere))


def test_editors_manage_templates_in_the_admin():
    client = Client()
    client.force_login(staff_user("admin@example.com", superuser=True))
    assert client.get("/admin/snippets/certificates/certificatetemplate/").status_code == 200
    response = client.get("/admin/snippets/certificates/certificatetemplate/add/")
    assert response.status_code == 200
    assert "Signatories" in response.content.decode() or "signatories" in response.content.decode()
