"""The credentials verify with a verifier written apart from the signer (tests/verifier.py).

No maintained Open Badges 3.0 / eddsa-rdfc-2022 verifier installs from PyPI and runs offline
(openbadgeslib handles Open Badges 2.0 JWS only), so the outside reference is the W3C test
vector: the independent verifier must accept it before it is trusted with ours.
"""

import json
from pathlib import Path

import pytest
from django.test import Client
from pyld import jsonld

from certificates.revocation import reissue, revoke

from . import verifier
from .helpers import graduate

pytestmark = pytest.mark.django_db
VECTOR = Path(__file__).parent / "vectors" / "eddsa-rdfc-2022-signed.json"
W3C_KEY = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"


def published_key(client: Client, credential: dict) -> str:
    did = client.get("/.well-known/did.json").json()
    method = credential["proof"]["verificationMethod"]
    issuer = credential["issuer"]
    assert (issuer["id"] if isinstance(issuer, dict) else issuer) == did["id"]
    (key,) = [m["publicKeyMultibase"] for m in did["verificationMethod"] if m["id"] == method]
    assert method in did["assertionMethod"]
    return key


def test_the_independent_verifier_accepts_the_w3c_test_vector_and_nothing_else():
    vector = json.loads(VECTOR.read_text())
    assert verifier.verify(vector, W3C_KEY)
    vector["credentialSubject"]["alumniOf"] = "The School of Exemples"
    assert not verifier.verify(vector, W3C_KEY)


def test_the_certificate_credential_verifies_and_one_changed_character_fails():
    _tree, _learner, certificate = graduate()
    client = Client()
    credential = client.get(f"/certificates/{certificate.pk}.json").json()
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    key = published_key(client, credential)
    assert verifier.verify(credential, key)
    tampered = json.loads(json.dumps(credential))
    identity = tampered["credentialSubject"]["identifier"][0]
    identity["identityHash"] = identity["identityHash"].replace("Ada", "Adb")
    assert not verifier.verify(tampered, key)
    assert client.get(f"/certificates/{certificate.pk}/verify.json").json()["verified"] is True


def test_every_term_of_the_credential_is_defined_so_the_signature_covers_it():
    _tree, _learner, certificate = graduate()
    credential = {k: v for k, v in certificate.credential.items() if k != "proof"}
    options = {"documentLoader": verifier.loader}
    round_trip = jsonld.compact(jsonld.expand(credential, options), credential["@context"], options)
    round_trip.pop("@context")
    original = {k: v for k, v in credential.items() if k != "@context"}
    assert unwrap(round_trip) == unwrap(original)


def unwrap(value):
    """Compaction writes a one-element list as its element; nothing else may differ."""
    if isinstance(value, list):
        return unwrap(value[0]) if len(value) == 1 else [unwrap(item) for item in value]
    if isinstance(value, dict):
        return {key: unwrap(item) for key, item in value.items()}
    return value


def test_revoking_flips_the_status_list_bit():
    _tree, _learner, certificate = graduate()
    client = Client()
    status = certificate.credential["credentialStatus"]
    assert status["type"] == "BitstringStatusListEntry"
    list_path = status["statusListCredential"].split("://", 1)[1].split("/", 1)[1]
    before = client.get("/" + list_path).json()
    index = int(status["statusListIndex"])
    assert verifier.bit(before["credentialSubject"]["encodedList"], index) is False
    revoke(certificate=certificate, reason="Issued by mistake", by=None)
    after = client.get("/" + list_path).json()
    assert verifier.bit(after["credentialSubject"]["encodedList"], index) is True
    assert verifier.verify(after, published_key(client, after))
    replacement = reissue(certificate=certificate, by=None)
    assert replacement.serial != certificate.serial
    assert verifier.verify(replacement.credential, published_key(client, replacement.credential))
