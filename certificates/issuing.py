"""Issuing certificates: once per learner and program or course, when grading says complete.

`issue_due` is what the completion task calls; it is idempotent and safe under concurrency:
the partial unique constraints on Certificate refuse a second valid certificate, and the
loser of a race returns the winner's. A learner whose certificate was revoked gets a new
one only when staff re-issue it (certificates.revocation), never automatically.
"""

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from learning.models import CoursePage, Enrollment, ProgramPage

from . import grading, integrations, numbering
from .credentials import openbadges
from .models import Certificate, CertificateTemplate
from .pdf import render_pdf


def holder_name(learner) -> str:
    return (learner.name or "").strip() or learner.email.split("@", 1)[0]


def template_for(*, program: ProgramPage) -> CertificateTemplate:
    """The program's own template, else the default one (created on first use)."""
    template = (
        CertificateTemplate.objects.filter(program=program).first()
        or CertificateTemplate.objects.filter(program__isnull=True).order_by("-updated_at").first()
    )
    if template is None:
        template = CertificateTemplate.objects.create(name="Default")
    if template.latest_revision_id is None:
        template.save_revision()
    return template


def issue(
    *,
    learner,
    result: grading.Result,
    program: ProgramPage | None = None,
    course: CoursePage | None = None,
) -> tuple[Certificate, bool]:
    """The learner's certificate for the program or course, created if they have none.

    Returns (certificate, created). A revoked one counts as having one."""
    existing = _existing(learner=learner, program=program, course=course)
    if existing is not None:
        return existing, False
    owner_program = program or ProgramPage.objects.get(pk=course.get_parent().pk)
    template = template_for(program=owner_program)
    target = program or course
    now = timezone.now()
    try:
        with transaction.atomic():
            number = numbering.next_number()
            certificate = Certificate.objects.create(
                learner=learner,
                program=program,
                course=course,
                number=number,
                serial=numbering.format_serial(year=now.year, number=number),
                issued_at=now,
                template_revision_id=template.latest_revision_id,
                metadata={
                    "name": holder_name(learner),
                    "title": target.title,
                    "kind": "program" if program else "course",
                    "program_title": owner_program.title,
                    "grade": result.grade,
                    "score": result.score,
                    "completion_date": result.completed_at.date().isoformat(),
                    "program_revision": owner_program.live_revision_id,
                    "language": learner.preferred_language or "",
                },
            )
            integrations.notify_certificate(certificate)
    except IntegrityError:
        existing = _existing(learner=learner, program=program, course=course)
        if existing is None:
            raise
        return existing, False
    return certificate, True


def _existing(*, learner, program, course) -> Certificate | None:
    found = Certificate.objects.filter(learner=learner)
    found = found.filter(program=program) if program else found.filter(course=course)
    return found.order_by("revoked_at").first()


def issue_due(*, enrollment_id) -> list[Certificate]:
    """Issue every certificate the enrollment's learner has earned and lacks. Idempotent."""
    enrollment = (
        Enrollment.objects.select_related("learner", "program").filter(pk=enrollment_id).first()
    )
    if enrollment is None:
        return []
    issued = []
    for course_id, result in grading.course_results(enrollment=enrollment).items():
        course = CoursePage.objects.get(pk=course_id)
        certificate, created = issue(learner=enrollment.learner, course=course, result=result)
        if created:
            issued.append(certificate)
    result = grading.program_result(enrollment=enrollment)
    if result is not None:
        certificate, created = issue(
            learner=enrollment.learner, program=enrollment.program, result=result
        )
        if created:
            issued.append(certificate)
    for certificate in issued:
        publish(certificate=certificate)
    return issued


def publish(*, certificate: Certificate) -> Certificate:
    """Sign the certificate's credential and build its PDF, for its current version."""
    certificate.credential = openbadges.signed_certificate_credential(certificate=certificate)
    pdf_bytes = render_pdf(certificate=certificate)
    if certificate.pdf:
        certificate.pdf.delete(save=False)
    certificate.pdf.save(
        f"{certificate.pk}-v{certificate.version}.pdf", ContentFile(pdf_bytes), save=False
    )
    certificate.save(update_fields=["credential", "pdf"])
    return certificate
