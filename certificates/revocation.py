"""Revoking a certificate (with a reason, audited) and re-issuing it once a mistake is fixed.

Revocation is final, as the status list's "revocation" purpose is: the page stays live and
says why, the status bit flips, and a re-issue is a new certificate (new serial and URL)
that the revoked one points to.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from culturedegree import audit

from . import grading, numbering
from .issuing import publish
from .models import Certificate


class RevocationError(Exception):
    pass


def revoke(*, certificate: Certificate, reason: str, by) -> Certificate:
    reason = " ".join((reason or "").split())
    if not reason:
        raise RevocationError(_("Give the reason for revoking."))
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.is_revoked:
            raise RevocationError(_("This certificate is already revoked."))
        locked.revoked_at = timezone.now()
        locked.revocation_reason = reason
        locked.save(update_fields=["revoked_at", "revocation_reason"])
        if locked.learner is not None:
            audit.log_user_event(
                user=locked.learner,
                by=by,
                action=audit.CERTIFICATE_REVOKED,
                data={"serial": locked.serial, "reason": reason},
            )
    return locked


def reissue(*, certificate: Certificate, by) -> Certificate:
    """A new certificate replacing a revoked one, with the same grade and completion."""
    with transaction.atomic():
        old = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if not old.is_revoked:
            raise RevocationError(_("Only a revoked certificate can be re-issued."))
        if old.replaced_by_id is not None:
            raise RevocationError(_("This certificate was already re-issued."))
        if old.learner is None:
            raise RevocationError(_("The holder deleted their account."))
        now = timezone.now()
        number = numbering.next_number()
        new = Certificate.objects.create(
            learner=old.learner,
            program=old.program,
            course=old.course,
            number=number,
            serial=numbering.format_serial(year=now.year, number=number),
            issued_at=now,
            template_revision=old.template_revision,
            name_public=old.name_public,
            metadata={
                **old.metadata,
                "reissue_of": old.serial,
                "grade": old.metadata.get("grade") or grading.COMPLETED_GRADE,
            },
        )
        old.replaced_by = new
        old.save(update_fields=["replaced_by"])
        audit.log_user_event(
            user=old.learner,
            by=by,
            action=audit.CERTIFICATE_REISSUED,
            data={"serial": new.serial, "replaces": old.serial},
        )
    return publish(certificate=new)
