"""What a verifier learns about a certificate: the page's facts and the credential's checks."""

from dataclasses import dataclass, field

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.http import Http404
from pyld.jsonld import JsonLdError
from wagtail.models import Page

from .credentials import dataintegrity, statuslist
from .credentials.contexts import UnknownContext
from .credentials.keys import did_document
from .credentials.multibase import decode_base58btc, raw_public_key
from .models import Certificate
from .numbering import normalise


def public_certificate(certificate_id) -> Certificate:
    """The certificate for a public URL, or 404. One query."""
    certificate = (
        Certificate.objects.select_related("replaced_by").filter(pk=certificate_id).first()
    )
    if certificate is None:
        raise Http404
    return certificate


def find_by_serial(*, serial: str, name: str) -> Certificate | None:
    """A certificate by serial and the holder's name (any word of it), or None.

    The serial is sequential, so it alone must not lead anyone to a page; the name as
    printed on the document goes with it."""
    canonical = normalise(serial)
    words = [word for word in (name or "").casefold().split() if len(word) > 1]
    if canonical is None or not words:
        return None
    certificate = Certificate.objects.filter(serial=canonical).first()
    if certificate is None or not certificate.name_public:
        return None
    issued = certificate.holder_name.casefold().split()
    return certificate if any(word in issued for word in words) else None


def localized_title(certificate: Certificate, language: str) -> str:
    """The program or course title in the viewer's language, if translated; else as issued."""
    page_id = certificate.program_id or certificate.course_id
    title = (
        Page.objects.filter(
            translation_key=Page.objects.filter(pk=page_id).values("translation_key")[:1],
            locale__language_code=language,
            live=True,
        )
        .values_list("title", flat=True)
        .first()
    )
    return title or certificate.title


@dataclass
class Verification:
    signature: bool = False
    issuer: bool = False
    not_revoked: bool = False
    problems: list[str] = field(default_factory=list)

    @property
    def verified(self) -> bool:
        return self.signature and self.issuer and self.not_revoked


def verify_credential(credential: dict) -> Verification:
    """Check a credential issued here: proof, issuer key and revocation status."""
    result = Verification()
    proof = credential.get("proof") if isinstance(credential, dict) else None
    if not isinstance(proof, dict) or proof.get("cryptosuite") != dataintegrity.CRYPTOSUITE:
        result.problems.append("no eddsa-rdfc-2022 proof")
        return result
    document = did_document()
    methods = {m["id"]: m["publicKeyMultibase"] for m in document["verificationMethod"]}
    method = proof.get("verificationMethod", "")
    issuer = credential.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    result.issuer = method in methods and issuer_id == document["id"]
    if not result.issuer:
        result.problems.append("not signed by this site's issuer key")
        return result
    try:
        key = Ed25519PublicKey.from_public_bytes(raw_public_key(methods[method]))
        key.verify(
            decode_base58btc(proof["proofValue"]),
            dataintegrity.hash_data(document=credential, proof_options=proof),
        )
        result.signature = True
    except (InvalidSignature, ValueError, KeyError, TypeError, JsonLdError, UnknownContext):
        result.problems.append("the signature does not match the credential")
        return result
    status = credential.get("credentialStatus") or {}
    try:
        list_number = int(status["statusListCredential"].rsplit("/", 1)[1].split(".")[0])
        index = int(status["statusListIndex"])
    except (KeyError, ValueError, IndexError, AttributeError):
        result.problems.append("no revocation status")
        return result
    encoded = statuslist.encode(statuslist.revoked_indices(list_number))
    result.not_revoked = not statuslist.is_set(encoded, index)
    if not result.not_revoked:
        result.problems.append("revoked")
    return result
