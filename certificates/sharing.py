"""Sharing a certificate: LinkedIn's "Add to profile" link."""

from urllib.parse import urlencode

from .credentials import urls


def linkedin_url(certificate) -> str:
    issued = certificate.issued_at
    return "https://www.linkedin.com/profile/add?" + urlencode(
        {
            "startTask": "CERTIFICATION_NAME",
            "name": certificate.title,
            "organizationName": "Culture Degree",
            "issueYear": issued.year,
            "issueMonth": issued.month,
            "certUrl": urls.certificate_page(certificate.pk),
            "certId": certificate.serial,
        }
    )
