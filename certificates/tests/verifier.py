"""An eddsa-rdfc-2022 verifier written apart from certificates.credentials, for the tests.

It shares only PyLD (canonicalisation) and cryptography (Ed25519) with the signer, and is
checked first against the W3C test vector, so a mistake in our signer cannot hide in it.
"""

import base64
import gzip
import hashlib
import json
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pyld import jsonld

CONTEXTS = Path(__file__).resolve().parent.parent / "credentials" / "contexts"
LOCAL = {
    "https://www.w3.org/ns/credentials/v2": "credentials-v2.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json": "ob-v3p0-context-3.0.3.json",
    "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json": "clr-v2p0-context-2.0.1.json",
    "https://www.w3.org/ns/credentials/examples/v2": "examples-v2.json",
}
B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def loader(url, options=None):
    document = json.loads((CONTEXTS / LOCAL[url]).read_text())
    return {"contextUrl": None, "documentUrl": url, "document": document}


def from_base58(text: str) -> bytes:
    value = 0
    for char in text:
        value = value * 58 + B58.index(char)
    raw = value.to_bytes((value.bit_length() + 7) // 8, "big")
    return b"\0" * (len(text) - len(text.lstrip("1"))) + raw


def nquads(document) -> bytes:
    options = {"algorithm": "URDNA2015", "format": "application/n-quads", "documentLoader": loader}
    return jsonld.normalize(document, options).encode()


def verify(credential: dict, public_key_multibase: str) -> bool:
    credential = json.loads(json.dumps(credential))
    proof = credential.pop("proof")
    signature = from_base58(proof.pop("proofValue")[1:])
    proof["@context"] = credential["@context"]
    data = hashlib.sha256(nquads(proof)).digest() + hashlib.sha256(nquads(credential)).digest()
    key_bytes = from_base58(public_key_multibase[1:])
    assert key_bytes[:2] == b"\xed\x01"
    try:
        Ed25519PublicKey.from_public_bytes(key_bytes[2:]).verify(signature, data)
    except Exception:
        return False
    return True


def bit(encoded_list: str, index: int) -> bool:
    body = encoded_list[1:]
    bits = gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    return bool(bits[index // 8] >> (7 - index % 8) & 1)
