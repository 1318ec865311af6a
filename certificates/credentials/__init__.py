"""Verifiable credentials: Open Badges 3.0 and CLR 2.0 as W3C VC 2.0, signed in-process.

`keys` holds the issuer's Ed25519 key and did:web document, `dataintegrity` the
eddsa-rdfc-2022 proofs, `openbadges` and `transcript` the credentials, `statuslist` the
Bitstring Status List used for revocation.
"""
