"""Name corrections: the learner asks, staff approve or reject; every step is audited.

Approving keeps the certificate's id (its URL) and serial, raises its version and issues a
new PDF and credential with the corrected name.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from culturedegree import audit

from .issuing import publish
from .models import Certificate, NameCorrection, NameCorrectionStatus


class CorrectionError(Exception):
    pass


def pending_for(certificates):
    return NameCorrection.objects.filter(
        certificate__in=certificates, status=NameCorrectionStatus.PENDING
    )


def request_correction(*, certificate: Certificate, name: str, explanation: str = "", request=None):
    if certificate.is_revoked:
        raise CorrectionError(_("A revoked certificate cannot be corrected."))
    if name == certificate.holder_name:
        raise CorrectionError(_("That is already the name on the certificate."))
    try:
        with transaction.atomic():
            correction = NameCorrection.objects.create(
                certificate=certificate,
                requested_name=name,
                explanation=explanation,
                previous_name=certificate.holder_name,
            )
    except IntegrityError:
        raise CorrectionError(_("A correction of this certificate is already waiting.")) from None
    audit.log_user_event(
        user=certificate.learner,
        action=audit.NAME_CORRECTION_REQUESTED,
        request=request,
        data={
            "serial": certificate.serial,
            "previous_name": correction.previous_name,
            "name": name,
        },
    )
    return correction


def _decide(*, correction: NameCorrection, by, status: str) -> NameCorrection:
    with transaction.atomic():
        locked = NameCorrection.objects.select_for_update().get(pk=correction.pk)
        if locked.status != NameCorrectionStatus.PENDING:
            raise CorrectionError(_("This request was already decided."))
        locked.status = status
        locked.decided_at = timezone.now()
        locked.decided_by = by
        locked.save(update_fields=["status", "decided_at", "decided_by"])
        certificate = Certificate.objects.select_for_update().get(pk=locked.certificate_id)
        if status == NameCorrectionStatus.APPROVED:
            certificate.metadata = {**certificate.metadata, "name": locked.requested_name}
            certificate.version += 1
            certificate.save(update_fields=["metadata", "version"])
        if certificate.learner is not None:
            audit.log_user_event(
                user=certificate.learner,
                by=by,
                action=(
                    audit.NAME_CORRECTION_APPROVED
                    if status == NameCorrectionStatus.APPROVED
                    else audit.NAME_CORRECTION_REJECTED
                ),
                data={
                    "serial": certificate.serial,
                    "previous_name": locked.previous_name,
                    "name": locked.requested_name,
                    "version": certificate.version,
                },
            )
    if status == NameCorrectionStatus.APPROVED:
        publish(certificate=certificate)
    return locked


def approve(*, correction: NameCorrection, by) -> NameCorrection:
    return _decide(correction=correction, by=by, status=NameCorrectionStatus.APPROVED)


def reject(*, correction: NameCorrection, by) -> NameCorrection:
    return _decide(correction=correction, by=by, status=NameCorrectionStatus.REJECTED)
