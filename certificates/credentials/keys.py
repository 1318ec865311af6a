"""The issuer's Ed25519 signing key and its did:web identity.

The key is a 32-byte Ed25519 seed, hex encoded, in CERTIFICATES_SIGNING_KEY. Without it a
key is generated once under var/certificates/ (fine for the demo, never for production:
every server must sign with the same key). Retired keys stay published in the DID document
(CERTIFICATES_RETIRED_PUBLIC_KEYS, their `z6Mk...` multibase public keys) so credentials
signed before a rotation still verify. See docs/certificates.md, "Key rotation".
"""

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import quote, urlsplit

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings

from .multibase import public_key_multibase


@dataclass(frozen=True)
class SigningKey:
    private: Ed25519PrivateKey
    public_multibase: str

    def sign(self, data: bytes) -> bytes:
        return self.private.sign(data)


def issuer_did() -> str:
    """did:web for SITE_URL's host (a port is percent-encoded, a path becomes colons)."""
    parts = urlsplit(settings.SITE_URL)
    did = "did:web:" + quote(parts.netloc, safe="")
    path = parts.path.strip("/")
    return did + ("".join(f":{segment}" for segment in path.split("/")) if path else "")


def verification_method(public_multibase: str) -> str:
    return f"{issuer_did()}#{public_multibase}"


def _seed_from_file(path: Path) -> bytes:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        seed = os.urandom(32)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(seed.hex())
    return bytes.fromhex(path.read_text().strip())


@cache
def signing_key() -> SigningKey:
    configured = settings.CERTIFICATES_SIGNING_KEY.strip()
    seed = (
        bytes.fromhex(configured)
        if configured
        else _seed_from_file(Path(settings.CERTIFICATES_KEY_FILE))
    )
    private = Ed25519PrivateKey.from_private_bytes(seed)
    raw = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return SigningKey(private=private, public_multibase=public_key_multibase(raw))


def did_document() -> dict:
    """The issuer's DID document: the current key and every retired one, as Multikeys."""
    did = issuer_did()
    current = signing_key().public_multibase
    keys = [current, *[k for k in settings.CERTIFICATES_RETIRED_PUBLIC_KEYS if k != current]]
    methods = [
        {
            "id": verification_method(key),
            "type": "Multikey",
            "controller": did,
            "publicKeyMultibase": key,
        }
        for key in keys
    ]
    return {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": [method["id"] for method in methods[:1]],
    }
