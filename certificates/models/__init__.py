from .certificates import (
    Certificate,
    CertificateTemplate,
    NameCorrection,
    NameCorrectionStatus,
)

__all__ = [
    "Certificate",
    "CertificateTemplate",
    "NameCorrection",
    "NameCorrectionStatus",
]
