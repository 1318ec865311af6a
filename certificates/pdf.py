"""Certificate PDFs with fpdf2, shaped by HarfBuzz (uharfbuzz) so Arabic joins and runs
right to left and Japanese renders; the Noto fonts ship in certificates/fonts/ (OFL).

What the page says comes from the template revision the certificate pinned; the name, title,
date, grade and serial from the certificate's metadata.
"""

import functools
import io
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import segno
from django.utils import formats
from django.utils.dateparse import parse_date
from fontTools.ttLib import TTFont
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


LATIN_FACES = ("serif", "serif-bold", "sans")
FALLBACKS = ("sans", "arabic", "japanese")


@functools.cache
def _covers(face: str) -> frozenset[int]:
    """The code points a face has glyphs for (read once a process)."""
    with TTFont(FONTS / FACES[face], lazy=True) as font:
        return frozenset(font.getBestCmap())


def faces_for(texts: Iterable[str]) -> list[str]:
    """The faces a page with these texts needs: the Latin ones always, and the Arabic and
    Japanese ones only for a character the Latin faces lack, or a line in that script.
    Parsing and embedding a face costs time and bytes (Noto Sans JP is 5 MB), so a Latin
    certificate carries none of the others."""
    latin = frozenset().union(*(_covers(face) for face in LATIN_FACES))
    wanted = set(LATIN_FACES)
    for text in texts:
        script = script_of(text)
        if script != "serif":
            wanted.update((script, f"{script}-bold") if script == "arabic" else (script,))
        missing = {ord(char) for char in text} - latin
        if missing:
            wanted.update([face for face in FACES if missing & _covers(face)])
    return [face for face in FACES if face in wanted]


class CertificatePDF(FPDF):
    def __init__(self, texts: Iterable[str] = ()):
        super().__init__(orientation="landscape", format="A4")
        self.faces = faces_for(texts)
        for family in self.faces:
            self.add_font(family, fname=str(FONTS / FACES[family]))
        self.fallbacks = [face for face in FALLBACKS if face in self.faces]
        self.set_text_shaping(True)
        self.set_auto_page_break(False)
        self.set_margin(0)

    def line_of(self, text: str, *, size: float, y: float, bold: bool = False, colour=INK):
        face = script_of(text)
        if bold and face in {"serif", "arabic"}:
            face += "-bold"
        self.set_font(face, size=size)
        self.set_fallback_fonts(self.fallbacks, exact_match=False)
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
    completed = parse_date(meta.get("completion_date", ""))
    details = []
    if completed:
        details.append(f"Completed {formats.date_format(completed, 'DATE_FORMAT', use_l10n=False)}")
    if meta.get("grade"):
        details.append(f"Grade: {meta['grade']}")
    page_url = urls.certificate_page(certificate.pk)
    lines = [
        (template.issuer_name, 14, 40, False, MUTED),
        (template.heading, 30, 52, True, ACCENT),
        ("This certifies that", 13, 74, False, MUTED),
        (meta.get("name", ""), 30, 86, True, INK),
        (template.statement, 13, 106, False, MUTED),
        (meta.get("title", ""), 22, 118, True, INK),
        ("   ·   ".join(details), 12, 136, False, MUTED),
    ]
    footer = [f"Serial {certificate.serial}", f"Verify at {page_url}"]
    people = [block.value for block in template.signatories]
    signed = [text for person in people for text in (person["name"], person.get("role", ""))]
    pdf = CertificatePDF(texts=[line[0] for line in lines] + footer + signed)
    pdf.add_page()
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(1.2)
    pdf.rect(8, 8, pdf.w - 16, pdf.h - 16)
    pdf.set_line_width(0.3)
    pdf.rect(11, 11, pdf.w - 22, pdf.h - 22)
    logo = _image_file(template.logo) if template.logo_id else None
    if logo is not None:
        pdf.image(logo, x=pdf.w / 2 - 15, y=18, h=18, keep_aspect_ratio=True)
    for text, size, y, bold, colour in lines:
        pdf.line_of(text, size=size, y=y, bold=bold, colour=colour)
    _signatories(pdf, people)
    pdf.image(qr_png(page_url), x=pdf.w - 52, y=pdf.h - 56, w=34)
    pdf.set_font("sans", size=9)
    pdf.set_text_color(*MUTED)
    for y, text in zip((pdf.h - 26, pdf.h - 21), footer, strict=True):
        pdf.set_xy(20, y)
        pdf.cell(0, 5, text)
    return bytes(pdf.output())


def _signatories(pdf: CertificatePDF, people: list) -> None:
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
