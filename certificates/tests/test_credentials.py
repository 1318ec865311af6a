"""The credentials verify with a verifier written apart from the signer (tests/verifier.py).

No maintained Open Badges 3.0 / eddsa-rdfc-2022 verifier installs from PyPI and runs offline
(openbadgeslib handles Open Badges 2.0 JWS only), so the outside reference is the W3C test
vector: the independent verifier must accept it before it is trusted with ours.
"""

import json
from collections import Counter
from pathlib import Path

import pytest
from django.test import Client
from pyld import jsonld

from certificates.revocation import reissue, revoke

from . import verifier
from .certificate_helpers import graduate

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
    assert_round_trips(certificate.credential)
    assert_round_trips(Client().get(f"/certificates/{certificate.pk}/transcript.json").json())
    with pytest.raises(AssertionError):
        assert_round_trips({**certificate.credential, "nickname": "Countess"})


def assert_round_trips(document: dict) -> None:
    """Every value of the credential survives JSON-LD expansion: no term the contexts leave
    undefined (JSON-LD drops those silently, and a signature would not cover them)."""
    credential = {k: v for k, v in document.items() if k != "proof"}
    expanded = jsonld.expand(credential, {"documentLoader": verifier.loader})
    kept = Counter(expanded_values(expanded))
    written = Counter(written_values(credential))
    assert not written - kept, written - kept


def written_values(value, key=""):
    """The scalar values of a compacted document, except the context and the names that
    expand to vocabulary IRIs (types, a proof's purpose)."""
    if isinstance(value, dict):
        for name, item in value.items():
            if name not in {"@context", "type", "proofPurpose"}:
                yield from written_values(item, name)
    elif isinstance(value, list):
        for item in value:
            yield from written_values(item, key)
    else:
        yield value


def expanded_values(value):
    if isinstance(value, dict):
        for name, item in value.items():
            if name in {"@value", "@id"}:
                yield item
            elif name != "@type":
                yield from expanded_values(item)
    elif isinstance(value, list):
        for item in value:
            yield from expanded_values(item)


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


def test_the_program_transcript_is_a_signed_clr_holding_every_certificate_of_the_program():
    _tree, learner, certificate = graduate()
    client = Client()
    clr = client.get(f"/certificates/{certificate.pk}/transcript.json").json()
    assert clr["type"] == ["VerifiableCredential", "ClrCredential"]
    subject = clr["credentialSubject"]
    assert [a["name"] for a in subject["achievement"]] == [
        "Silk Road",
        "Silk Road course 1",
        "Silk Road course 2",
    ]
    key = published_key(client, clr)
    assert verifier.verify(clr, key)
    for embedded in subject["verifiableCredential"]:
        assert verifier.verify(embedded, key)
    tampered = json.loads(json.dumps(clr))
    tampered["credentialSubject"]["verifiableCredential"][1]["name"] = "Silk Roads"
    assert not verifier.verify(tampered, key)
    owner = Client()
    owner.force_login(learner)
    assert owner.get(f"/api/v1/certificates/{certificate.pk}/transcript").status_code == 200
    course_certificate = learner.certificates.filter(course__isnull=False).first()
    assert client.get(f"/certificates/{course_certificate.pk}/transcript.json").status_code == 404
