"""The learner's certificates in the API (/api/v1/certificates). Handlers stay thin."""

import datetime as dt
from typing import Any
from uuid import UUID

from django.http import Http404
from ninja import Router, Schema

from .credentials import transcript, urls
from .models import Certificate

router = Router(tags=["certificates"])


class CertificateOut(Schema):
    id: UUID
    serial: str
    kind: str
    title: str
    name: str
    program_id: int | None
    course_id: int | None
    issued_at: dt.datetime
    grade: str | None
    completion_date: str | None
    revoked: bool
    revoked_at: dt.datetime | None
    revocation_reason: str
    name_public: bool
    verification_url: str
    credential_url: str
    pdf_url: str

    @staticmethod
    def resolve_kind(obj: Certificate) -> str:
        return obj.metadata.get("kind", "program")

    @staticmethod
    def resolve_name(obj: Certificate) -> str:
        return obj.holder_name

    @staticmethod
    def resolve_grade(obj: Certificate) -> str | None:
        return obj.metadata.get("grade")

    @staticmethod
    def resolve_completion_date(obj: Certificate) -> str | None:
        return obj.metadata.get("completion_date")

    @staticmethod
    def resolve_revoked(obj: Certificate) -> bool:
        return obj.is_revoked

    @staticmethod
    def resolve_verification_url(obj: Certificate) -> str:
        return urls.certificate_page(obj.pk)

    @staticmethod
    def resolve_credential_url(obj: Certificate) -> str:
        return urls.certificate_json(obj.pk)

    @staticmethod
    def resolve_pdf_url(obj: Certificate) -> str:
        return urls.site(f"/certificates/{obj.pk}.pdf")


@router.get("/certificates", response=list[CertificateOut])
def list_certificates(request):
    return Certificate.objects.filter(learner=request.auth).order_by("-issued_at")


@router.get("/certificates/{certificate_id}/credential", response=dict[str, Any])
def get_certificate_credential(request, certificate_id: UUID):
    """The signed Open Badges 3.0 credential of one of the caller's certificates."""
    certificate = Certificate.objects.filter(pk=certificate_id, learner=request.auth).first()
    if certificate is None or not certificate.credential:
        raise Http404
    return certificate.credential


@router.get("/certificates/{certificate_id}/transcript", response=dict[str, Any])
def get_certificate_transcript(request, certificate_id: UUID):
    """The signed CLR 2.0 transcript of one of the caller's program certificates."""
    certificate = Certificate.objects.filter(
        pk=certificate_id, learner=request.auth, program__isnull=False, revoked_at__isnull=True
    ).first()
    if certificate is None:
        raise Http404
    return transcript.transcript_credential(certificate=certificate)
