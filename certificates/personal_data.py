"""What certificates hold about a person, and what erasing the account does to it.

Policy (docs/decisions/0034-certificates-and-credentials.md): a certificate outlives its
holder's account, because someone may still need to check a printed one. Erasing the account
unlinks the certificate, removes the name from it (metadata, the stored credential, the PDF)
and deletes the name-correction history; the public page then shows the serial, program,
date, grade and status, and says the name is no longer published. The credential the
learner downloaded keeps verifying; the status list keeps saying whether it is revoked.
"""

from culturedegree import privacy

from .models import Certificate, NameCorrection


def export_certificates(user):
    return [
        {
            "id": str(certificate.pk),
            "serial": certificate.serial,
            "title": certificate.title,
            "issued_at": certificate.issued_at,
            "name": certificate.holder_name,
            "name_public": certificate.name_public,
            "grade": certificate.metadata.get("grade"),
            "completion_date": certificate.metadata.get("completion_date"),
            "revoked_at": certificate.revoked_at,
            "revocation_reason": certificate.revocation_reason,
            "credential": certificate.credential,
        }
        for certificate in Certificate.objects.filter(learner=user).order_by("issued_at")
    ]


def erase_certificates(user):
    for certificate in Certificate.objects.filter(learner=user):
        if certificate.pdf:
            certificate.pdf.delete(save=False)
        certificate.learner = None
        certificate.name_public = False
        certificate.metadata = {**certificate.metadata, "name": "", "language": ""}
        certificate.credential = {}
        certificate.save(update_fields=["learner", "name_public", "metadata", "credential", "pdf"])
        certificate.name_corrections.all().delete()


def export_name_corrections(user):
    return [
        {
            "serial": correction.certificate.serial,
            "requested_name": correction.requested_name,
            "previous_name": correction.previous_name,
            "explanation": correction.explanation,
            "status": correction.status,
            "requested_at": correction.requested_at,
            "decided_at": correction.decided_at,
        }
        for correction in NameCorrection.objects.filter(certificate__learner=user)
        .select_related("certificate")
        .order_by("requested_at")
    ]


def unlink_decisions(user):
    # A staff member's account erased: their decisions stay, without them.
    NameCorrection.objects.filter(decided_by=user).update(decided_by=None)


privacy.register(Certificate, exporter=export_certificates, eraser=erase_certificates)
privacy.register(
    NameCorrection,
    exporter=export_name_corrections,
    eraser=unlink_decisions,
)
