"""Data Integrity proofs with the eddsa-rdfc-2022 cryptosuite (W3C vc-di-eddsa, section 3.3).

hashData = SHA-256(canonical proof options) + SHA-256(canonical document), both canonicalised
with RDFC-1.0 (URDNA2015) by PyLD against the bundled contexts; the proofValue is the Ed25519
signature of hashData in base58btc multibase.
"""

import hashlib
import threading

from django.utils import timezone
from pyld import jsonld

from .contexts import document_loader
from .keys import signing_key, verification_method
from .multibase import encode_base58btc

CRYPTOSUITE = "eddsa-rdfc-2022"
# PyLD keeps the contexts it has resolved in one module-wide LRU cache that is not safe to
# change from two threads at once (two issuings racing in one process failed with "Could
# not convert input to RDF dataset"); canonicalisation takes turns within a process.
_PYLD = threading.Lock()


def canonical(document: dict) -> str:
    with _PYLD:
        return jsonld.normalize(
            document,
            {
                "algorithm": "URDNA2015",
                "format": "application/n-quads",
                "documentLoader": document_loader,
            },
        )


def hash_data(*, document: dict, proof_options: dict) -> bytes:
    unsecured = {key: value for key, value in document.items() if key != "proof"}
    options = {**proof_options, "@context": document["@context"]}
    options.pop("proofValue", None)
    return (
        hashlib.sha256(canonical(options).encode()).digest()
        + hashlib.sha256(canonical(unsecured).encode()).digest()
    )


def sign(document: dict, *, created=None) -> dict:
    """The document with a DataIntegrityProof by the issuer's current key."""
    key = signing_key()
    when = (created or timezone.now()).replace(microsecond=0)
    proof = {
        "type": "DataIntegrityProof",
        "cryptosuite": CRYPTOSUITE,
        "created": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "verificationMethod": verification_method(key.public_multibase),
        "proofPurpose": "assertionMethod",
    }
    signature = key.sign(hash_data(document=document, proof_options=proof))
    return {**document, "proof": {**proof, "proofValue": encode_base58btc(signature)}}
