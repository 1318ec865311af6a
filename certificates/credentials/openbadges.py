"""Open Badges 3.0 OpenBadgeCredentials for certificates, as W3C VC 2.0 documents."""

import hashlib
import hmac

from django.conf import settings

from . import dataintegrity, urls
from .contexts import OB_V3, VC_V2
from .keys import issuer_did


def issuer_profile() -> dict:
    return {
        "id": issuer_did(),
        "type": ["Profile"],
        "name": "Culture Degree",
        "url": settings.SITE_URL + "/",
    }


def identity(*, name: str, public: bool, salt: str) -> dict:
    """The holder, by name: plain when they publish it, else a salted SHA-256 a verifier who
    knows the name can check (OB 3.0 IdentityObject)."""
    if public:
        return {
            "type": "IdentityObject",
            "identityType": "name",
            "hashed": False,
            "identityHash": name,
        }
    digest = hashlib.sha256((name + salt).encode()).hexdigest()
    return {
        "type": "IdentityObject",
        "identityType": "name",
        "hashed": True,
        "identityHash": f"sha256${digest}",
        "salt": salt,
    }


def achievement(*, achievement_id: str, name: str, description: str, kind: str) -> dict:
    return {
        "id": achievement_id,
        "type": ["Achievement"],
        "achievementType": "Certificate" if kind == "program" else "Course",
        "name": name,
        "description": description,
        "criteria": {"narrative": description},
        "resultDescription": [
            {
                "id": achievement_id + "#grade",
                "type": ["ResultDescription"],
                "name": "Grade",
                "resultType": "Status",
            }
        ],
    }


def certificate_salt(certificate) -> str:
    return hmac.new(
        settings.SECRET_KEY.encode(), str(certificate.pk).encode(), hashlib.sha256
    ).hexdigest()[:16]


def certificate_credential(*, certificate) -> dict:
    """The unsigned credential for the certificate's current version."""
    meta = certificate.metadata
    kind = meta.get("kind", "program")
    target_id = certificate.program_id or certificate.course_id
    achievement_id = urls.site(f"/certificates/achievements/{kind}-{target_id}")
    list_number, index = urls.status_position(certificate.status_index)
    status_url = urls.status_list(list_number)
    if kind == "program":
        description = f"Completed every required course of the program {meta['title']}."
    else:
        description = f"Completed the course {meta['title']} of {meta.get('program_title', '')}."
    issued = certificate.issued_at.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {
        "@context": [VC_V2, OB_V3],
        "id": urls.certificate_json(certificate.pk),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": meta["title"],
        "issuer": issuer_profile(),
        "validFrom": issued,
        "awardedDate": issued,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                identity(
                    name=meta["name"],
                    public=certificate.name_public,
                    salt=certificate_salt(certificate),
                )
            ],
            "achievement": achievement(
                achievement_id=achievement_id,
                name=meta["title"],
                description=description,
                kind=kind,
            ),
            "result": [
                {
                    "type": ["Result"],
                    "resultDescription": achievement_id + "#grade",
                    "value": meta.get("grade", ""),
                    "status": "Completed",
                }
            ],
        },
        "credentialStatus": {
            "id": f"{status_url}#{index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(index),
            "statusListCredential": status_url,
        },
    }


def signed_certificate_credential(*, certificate) -> dict:
    return dataintegrity.sign(certificate_credential(certificate=certificate))
