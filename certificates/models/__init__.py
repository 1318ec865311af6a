from .certificates import (
    Certificate,
    CertificateTemplate,
    LookupCounter,
    NameCorrection,
    NameCorrectionStatus,
)

__all__ = [
    "Certificate",
    "CertificateTemplate",
    "LookupCounter",
    "NameCorrection",
    "NameCorrectionStatus",
]
