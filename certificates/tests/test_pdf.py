"""The PDF, read back with pypdf (a PyPI reader; fpdf2 cannot read)."""

import io
import unicodedata

import pytest
from pypdf import PdfReader

from certificates.pdf import render_pdf

from .certificate_helpers import graduate

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    # A shaped ligature may map to a control character beside its letters in ToUnicode.
    return "".join(char for char in text if unicodedata.category(char) != "Cc")


def test_an_arabic_name_is_shaped_and_printed_with_the_serial():
    _tree, _learner, certificate = graduate(name="ليلى حداد")
    text = pdf_text(certificate.pdf.read())
    assert "ليلى حداد" in text or "ليلى حداد"[::-1] in text
    assert certificate.serial in text
    assert "Silk Road" in text


def test_a_japanese_name_renders():
    _tree, _learner, certificate = graduate(name="山田 花子")
    text = pdf_text(render_pdf(certificate=certificate))
    assert "山田 花子" in text
    assert certificate.serial in text
