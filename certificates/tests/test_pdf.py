"""The PDF, read back with pypdf (a PyPI reader; fpdf2 cannot read)."""

import io
import re
import unicodedata

import pytest
from pypdf import PdfReader

from certificates.issuing import publish
from certificates.pdf import render_pdf

from .certificate_helpers import issued

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    # A shaped ligature may map to a control character beside its letters in ToUnicode.
    return "".join(char for char in text if unicodedata.category(char) != "Cc")


def test_an_arabic_name_is_shaped_and_printed_with_the_serial():
    certificate = publish(certificate=issued(name="ليلى حداد"))
    text = pdf_text(certificate.pdf.read())
    assert "ليلى حداد" in text or "ليلى حداد"[::-1] in text
    assert certificate.serial in text
    assert "Silk Road" in text


def test_a_japanese_name_renders():
    certificate = issued(name="山田 花子")
    text = pdf_text(render_pdf(certificate=certificate))
    assert "山田 花子" in text
    assert certificate.serial in text


def embedded_fonts(data: bytes) -> set[str]:
    """Every font the file carries, used on the page or not (fpdf2 writes font dictionaries
    uncompressed)."""
    return {name.decode() for name in re.findall(rb"/BaseFont\s*/(?:[A-Z]+\+)?([\w-]+)", data)}


def test_a_latin_certificate_embeds_only_the_latin_faces():
    """Noto Sans JP is 5 MB: a certificate with no Japanese or Arabic neither parses nor
    carries it, so it is issued faster and its file is smaller."""
    certificate = issued(name="Ada Lovelace")
    data = render_pdf(certificate=certificate)
    fonts = embedded_fonts(data)
    assert "NotoSerif" in fonts, fonts
    assert not any(font.startswith(("NotoSansJP", "NotoSansArabic")) for font in fonts), fonts
    assert "Ada Lovelace" in pdf_text(data)


def test_a_character_only_the_japanese_face_has_still_prints_in_a_latin_name():
    """A name in Latin letters with a symbol the Latin faces lack still gets the face that
    has it, as the fallback did when every face was loaded."""
    certificate = issued(name="Ada ★ Lovelace")
    data = render_pdf(certificate=certificate)
    assert any(font.startswith("NotoSansJP") for font in embedded_fonts(data))
    assert "★" in pdf_text(data)
