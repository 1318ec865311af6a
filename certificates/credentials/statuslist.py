"""The Bitstring Status List credential that says which certificates are revoked."""

import gzip

from django.utils import timezone

from ..models import Certificate
from . import dataintegrity, urls
from .contexts import VC_V2
from .keys import issuer_did
from .multibase import decode_base64url, encode_base64url


def encode(indices: list[int]) -> str:
    """GZIP-compressed bits, index 0 the left-most bit of the first byte, base64url multibase."""
    bits = bytearray(urls.STATUS_LIST_SIZE // 8)
    for index in indices:
        bits[index // 8] |= 0x80 >> (index % 8)
    return encode_base64url(gzip.compress(bytes(bits), mtime=0))


def is_set(encoded_list: str, index: int) -> bool:
    bits = gzip.decompress(decode_base64url(encoded_list))
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def revoked_indices(list_number: int) -> list[int]:
    low = (list_number - 1) * urls.STATUS_LIST_SIZE
    numbers = Certificate.objects.filter(
        revoked_at__isnull=False, number__gte=low, number__lt=low + urls.STATUS_LIST_SIZE
    ).values_list("number", flat=True)
    return [urls.status_position(number)[1] for number in numbers]


def status_list_credential(list_number: int) -> dict:
    url = urls.status_list(list_number)
    now = timezone.now().replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
    return dataintegrity.sign(
        {
            "@context": [VC_V2],
            "id": url,
            "type": ["VerifiableCredential", "BitstringStatusListCredential"],
            "issuer": issuer_did(),
            "validFrom": now,
            "credentialSubject": {
                "id": f"{url}#list",
                "type": "BitstringStatusList",
                "statusPurpose": "revocation",
                "encodedList": encode(revoked_indices(list_number)),
            },
        }
    )
