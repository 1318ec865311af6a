"""The program transcript: a Comprehensive Learner Record 2.0 `ClrCredential`.

One signed credential holding the program's achievement and each completed course's, with
the signed Open Badges credentials of the learner's valid certificates of that program
embedded as they were issued. The gradebook's per-course grades are in those credentials'
results; earned achievements join here once the achievements half lands (issue 13).
"""

from django.utils import timezone

from ..models import Certificate
from . import dataintegrity, urls
from .contexts import CLR_V2, OB_V3, VC_V2
from .openbadges import achievement, certificate_salt, identity, issuer_profile


def program_certificates(certificate: Certificate) -> list[Certificate]:
    """The valid certificates of the learner in the certificate's program, program first."""
    program = certificate.program
    courses = Certificate.objects.filter(
        learner_id=certificate.learner_id,
        revoked_at__isnull=True,
        course__path__startswith=program.path,
    ).order_by("course__path")
    return [certificate, *courses]


def transcript_credential(*, certificate: Certificate) -> dict:
    """The signed CLR for a program certificate (its learner's record in that program)."""
    if certificate.program_id is None:
        raise ValueError("A transcript belongs to a program certificate.")
    included = [c for c in program_certificates(certificate) if c.credential]
    meta = certificate.metadata
    now = timezone.now().replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
    achievements = []
    for item in included:
        kind = item.metadata.get("kind", "program")
        target = item.program_id or item.course_id
        achievements.append(
            achievement(
                achievement_id=urls.site(f"/certificates/achievements/{kind}-{target}"),
                name=item.title,
                description=item.credential["credentialSubject"]["achievement"]["description"],
                kind=kind,
            )
        )
    return dataintegrity.sign(
        {
            "@context": [VC_V2, OB_V3, CLR_V2],
            "id": urls.site(f"/certificates/{certificate.pk}/transcript.json"),
            "type": ["VerifiableCredential", "ClrCredential"],
            "name": f"Transcript: {meta['title']}",
            "issuer": issuer_profile(),
            "validFrom": now,
            "credentialSubject": {
                "type": ["ClrSubject"],
                "identifier": [
                    identity(
                        name=meta["name"],
                        public=certificate.name_public,
                        salt=certificate_salt(certificate),
                    )
                ],
                "achievement": achievements,
                "verifiableCredential": [item.credential for item in included],
            },
        }
    )
