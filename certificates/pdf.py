"""Certificate PDFs with fpdf2, shaped by HarfBuzz (uharfbuzz) so Arabic joins and runs
right to left and Japanese renders; the Noto fonts ship in certificates/fonts/ (OFL).

What the page says comes from the template revision the certificate pinned; the name, title,
date, grade and serial from the certificate's metadata.
"""

import io
import unicodedata
from pathlib import Path

import segno
from django.utils import formats
from django.utils.dateparse import parse_date
from fpdf import FPDF
from wagtail.images.models import Image

from .credentials import urls
from .models import CertificateTemplate

FONTS = Path(__file__).parent / "fonts"
FACES = {
    "serif": "NotoSerif-Regular.ttf",
    "serif-bold": "NotoSerif-Bold.ttf",
    "sans": "NotoSans-Regular.ttf",
    "arabic": "NotoSansArabic-Regular.ttf",
    "arabic-bold": "NotoSansArabic-Bold.ttf",
    "japanese": "NotoSansJP-Regular.ttf",
}
INK = (34, 31, 28)
MUTED = (105, 98, 90)
ACCENT = (142, 68, 35)


def script_of(text: str) -> str:
    """The face a line needs: arabic, japanese or the Latin serif."""
    for char in text:
        name = unicodedata.name(char, "")
        if name.startswith("ARABIC"):
            return "arabic"
        if name.startswith(("CJK", "HIRAGANA", "KATAKANA", "FULLWIDTH", "IDEOGRAPHIC")):
            return "japanese"
    return "serif"


class CertificatePDF(FPDF):
    def __init__(self):
        super().__init__(orientation="landscape", format="A4")
        for family, filename in FACES.items():
            self.add_font(family, fname=str(FONTS / filename))
        self.set_text_shaping(True)
        self.set_auto_page_break(False)
        self.set_margin(0)

    def line_of(self, text: str, *, size: float, y: float, bold: bool = False, colour=INK):
        face = script_of(text)
        if bold and face in {"serif", "arabic"}:
            face += "-bold"
        self.set_font(face, size=size)
        self.set_fallback_fonts(["sans", "arabic", "japanese"], exact_match=False)
        self.set_text_color(*colour)
        self.set_xy(20, y)
        self.cell(self.w - 40, size * 0.5, text, align="C")


def template_of(certificate) -> CertificateTemplate:
    revision = certificate.template_revision
    if revision is not None:
        return revision.as_object()
    return CertificateTemplate(name="Default")


def qr_png(url: str) -> io.BytesIO:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=6, border=2)
    buffer.seek(0)
    return buffer


def _image_file(image: Image | None):
    if image is None:
        return None
    try:
        with image.open_file() as handle:
            return io.BytesIO(handle.read())
    except (FileNotFoundError, OSError):
        return None


def render_pdf(*, certificate) -> bytes:
    template = template_of(certificate)
    meta = certificate.metadata
    pdf = CertificatePDF()
    pdf.add_page()
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(1.2)
    pdf.rect(8, 8, pdf.w - 16, pdf.h - 16)
    pdf.set_line_width(0.3)
    pdf.rect(11, 11, pdf.w - 22, pdf.h - 22)
    logo = _image_file(template.logo) if template.logo_id else None
    if logo is not None:
        pdf.image(logo, x=pdf.w / 2 - 15, y=18, h=18, keep_aspect_ratio=True)
    pdf.line_of(template.issuer_name, size=14, y=40, colour=MUTED)
    pdf.line_of(template.heading, size=30, y=52, bold=True, colour=ACCENT)
    pdf.line_of("This certifies that", size=13, y=74, colour=MUTED)
    pdf.line_of(meta.get("name", ""), size=30, y=86, bold=True)
    pdf.line_of(template.statement, size=13, y=106, colour=MUTED)
    pdf.line_of(meta.get("title", ""), size=22, y=118, bold=True)
    completed = parse_date(meta.get("completion_date", ""))
    details = []
    if completed:
        details.append(f"Completed {formats.date_format(completed, 'DATE_FORMAT', use_l10n=False)}")
    if meta.get("grade"):
        details.append(f"Grade: {meta['grade']}")
    pdf.line_of("   ·   ".join(details), size=12, y=136, colour=MUTED)
    _signatories(pdf, template)
    page_url = urls.certificate_page(certificate.pk)
    pdf.image(qr_png(page_url), x=pdf.w - 52, y=pdf.h - 56, w=34)
    pdf.set_font("sans", size=9)
    pdf.set_text_color(*MUTED)
    pdf.set_xy(20, pdf.h - 26)
    pdf.cell(0, 5, f"Serial {certificate.serial}")
    pdf.set_xy(20, pdf.h - 21)
    pdf.cell(0, 5, f"Verify at {page_url}")
    return bytes(pdf.output())


def _signatories(pdf: CertificatePDF, template: CertificateTemplate) -> None:
    people = [block.value for block in template.signatories]
    if not people:
        return
    width = (pdf.w - 120) / len(people)
    for position, person in enumerate(people):
        x = 50 + position * width
        signature = _image_file(person.get("signature"))
        if signature is not None:
            pdf.image(signature, x=x + width / 2 - 20, y=150, h=12, keep_aspect_ratio=True)
        pdf.set_draw_color(*MUTED)
        pdf.line(x + 10, 164, x + width - 10, 164)
        for offset, text, size in ((166, person["name"], 11), (172, person.get("role", ""), 9)):
            face = script_of(text)
            pdf.set_font(face if face != "serif" else "sans", size=size)
            pdf.set_text_color(*INK)
            pdf.set_xy(x, offset)
            pdf.cell(width, 5, text, align="C")
