"""Certificates for the demo learner, so the certificate pages have something to show.

The learner finishes the West Africa program through the journey (complete_item, in tree
order), which earns its course certificates and the program certificate; one course
certificate is then revoked and re-issued, as staff do when a mistake is fixed. Runs once.
"""

from django.db import transaction

from learning.journey.access import resolve_item
from learning.journey.enrollment import enroll
from learning.journey.progress import complete_item
from learning.journey.structure import program_structure
from learning.models import ProgramPage

from .issuing import issue_due
from .models import Certificate, CertificateTemplate
from .revocation import reissue, revoke

PROGRAM = "music-and-memory-in-west-africa"
REVOKED_REASON = "Issued with the wrong course title; replaced by a corrected certificate."


def ensure_demo_certificates(*, learner) -> bool:
    """True if certificates were written now. Done once the demo's revoked certificate
    exists: passing the quizzes before this (seed_demo) may have issued the others already,
    when the task that issues them ran on commit, as it does under `make run`."""
    if Certificate.objects.filter(learner=learner, revoked_at__isnull=False).exists():
        return False
    program = ProgramPage.objects.filter(slug=PROGRAM, locale__language_code="en").first()
    if program is None:
        return False
    ensure_demo_template()
    with transaction.atomic():
        enrollment, _ = enroll(learner=learner, program=program)
        structure = program_structure(program=program)
        for outline in structure.courses.values():
            for item_id in outline.item_ids:
                complete_item(learner=learner, item=resolve_item(page_id=item_id))
    # The completion listener may have issued them already (an immediate task backend).
    issue_due(enrollment_id=enrollment.pk)
    last_course = (
        Certificate.objects.filter(learner=learner, course__isnull=False)
        .order_by("-number")
        .first()
    )
    if last_course is not None:
        revoked = revoke(certificate=last_course, reason=REVOKED_REASON, by=None)
        reissue(certificate=revoked, by=None)
    return last_course is not None


def ensure_demo_template() -> CertificateTemplate:
    """The default template, with two signatories, saved as a revision (as an editor would)."""
    template = CertificateTemplate.objects.filter(program__isnull=True).first()
    if template is None:
        template = CertificateTemplate(
            name="Culture Degree",
            signatories=[
                ("signatory", {"name": "Aminata Diallo", "role": "Director of programs"}),
                ("signatory", {"name": "Kenji Mori", "role": "Dean of studies"}),
            ],
        )
        template.save()
        template.save_revision()
    return template
