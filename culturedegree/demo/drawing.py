"""Illustrations for the demo catalog, drawn with Pillow (deterministic, no files needed)."""

import math
import random
from io import BytesIO

from PIL import Image, ImageDraw, ImageFilter

Color = tuple[int, int, int]


def _lerp(a: Color, b: Color, t: float) -> Color:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def _gradient(size: tuple[int, int], top: Color, bottom: Color) -> Image.Image:
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        draw.line([(0, y), (width, y)], fill=_lerp(top, bottom, y / max(1, height - 1)))
    return image


def _ridge(draw, size, *, base: float, amplitude: float, waves: float, phase: float, fill):
    width, height = size
    points = [(0, height)]
    for x in range(0, width + 8, 8):
        y = base + amplitude * math.sin(x / width * waves * math.tau + phase)
        y += amplitude * 0.35 * math.sin(x / width * waves * 2.7 * math.tau + phase * 1.7)
        points.append((x, y))
    points.append((width, height))
    draw.polygon(points, fill=fill)


def dawn(size=(1200, 800), *, sun_height: float = 0.45) -> Image.Image:
    """Layered hills under a rising sun; `sun_height` 0 (set) to 1 (high)."""
    width, height = size
    image = _gradient(size, (250, 214, 165), (236, 150, 110))
    draw = ImageDraw.Draw(image)
    radius = height * 0.12
    cx, cy = width * 0.62, height * (0.75 - 0.45 * sun_height)
    draw.ellipse([cx - radius, cy - radius, cx + radius, cy + radius], fill=(255, 240, 200))
    layers = [
        (0.62, (196, 112, 92)),
        (0.70, (150, 82, 78)),
        (0.80, (98, 56, 66)),
        (0.9, (58, 36, 52)),
    ]
    for index, (base, colour) in enumerate(layers):
        _ridge(
            draw,
            size,
            base=height * base,
            amplitude=height * 0.04,
            waves=1.5 + index * 0.6,
            phase=index * 1.3,
            fill=colour,
        )
    return image


def enso(size=(1200, 800)) -> Image.Image:
    """A brushed ink circle on warm paper."""
    width, height = size
    image = _gradient(size, (244, 236, 220), (232, 220, 198))
    draw = ImageDraw.Draw(image)
    rng = random.Random(7)
    cx, cy, r = width / 2, height / 2, height * 0.32
    for step in range(330):
        angle = math.radians(100 + step)
        wobble = rng.uniform(-2, 2)
        thickness = 26 * (1 - step / 420) + wobble
        x = cx + (r + wobble) * math.cos(angle)
        y = cy + (r + wobble) * math.sin(angle)
        draw.ellipse(
            [x - thickness, y - thickness, x + thickness, y + thickness], fill=(28, 26, 30)
        )
    draw.rectangle([width * 0.8, height * 0.72, width * 0.84, height * 0.8], fill=(178, 34, 34))
    return image.filter(ImageFilter.GaussianBlur(0.8))


def tea_bowl(size=(1200, 800)) -> Image.Image:
    width, height = size
    image = _gradient(size, (222, 214, 196), (190, 178, 156))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, height * 0.72, width, height], fill=(120, 92, 64))
    left, right, top, bottom = width * 0.3, width * 0.7, height * 0.3, height * 0.74
    draw.chord([left, top - height * 0.3, right, bottom], 0, 180, fill=(74, 58, 50))
    draw.ellipse([left, top - 30, right, top + 30], fill=(46, 96, 58))
    rng = random.Random(3)
    for _ in range(14):
        x = rng.uniform(left + 40, right - 40)
        draw.line(
            [(x, top + 30), (x + rng.uniform(-10, 10), top + rng.uniform(80, 200))],
            fill=(150, 128, 96),
            width=6,
        )
    draw.rectangle([width * 0.42, bottom - 6, width * 0.58, bottom + 12], fill=(60, 46, 40))
    return image


def waves(size=(1200, 800)) -> Image.Image:
    """Layered waves, in the blues of woodblock prints."""
    width, height = size
    image = _gradient(size, (238, 228, 204), (222, 210, 184))
    draw = ImageDraw.Draw(image)
    blues = [(120, 160, 190), (70, 110, 160), (36, 66, 120), (20, 40, 84)]
    for index, colour in enumerate(blues):
        _ridge(
            draw,
            size,
            base=height * (0.45 + index * 0.13),
            amplitude=height * 0.07,
            waves=2 + index,
            phase=index * 0.9,
            fill=colour,
        )
    draw.polygon(
        [(width * 0.7, height * 0.45), (width * 0.78, height * 0.2), (width * 0.86, height * 0.45)],
        fill=(250, 250, 246),
    )
    return image


def savanna(size=(1200, 800)) -> Image.Image:
    """A baobab against an evening sky."""
    width, height = size
    image = _gradient(size, (248, 186, 96), (214, 92, 52))
    draw = ImageDraw.Draw(image)
    draw.ellipse([width * 0.15, height * 0.35, width * 0.3, height * 0.58], fill=(255, 226, 150))
    draw.rectangle([0, height * 0.78, width, height], fill=(86, 48, 30))
    trunk = (60, 34, 28)
    draw.polygon(
        [
            (width * 0.58, height * 0.8),
            (width * 0.62, height * 0.45),
            (width * 0.68, height * 0.45),
            (width * 0.72, height * 0.8),
        ],
        fill=trunk,
    )
    for dx, dy in [(-0.1, -0.12), (-0.05, -0.18), (0.0, -0.2), (0.06, -0.17), (0.11, -0.1)]:
        x0, y0 = width * 0.65, height * 0.46
        x1, y1 = x0 + width * dx, y0 + height * dy
        draw.line([(x0, y0), (x1, y1)], fill=trunk, width=14)
        draw.ellipse([x1 - 40, y1 - 22, x1 + 40, y1 + 22], fill=(74, 60, 34))
    return image


def kora(size=(1200, 800)) -> Image.Image:
    """A kora: calabash body, long neck, two ranks of strings."""
    width, height = size
    image = _gradient(size, (240, 226, 200), (224, 200, 166))
    draw = ImageDraw.Draw(image)
    cx, cy, r = width * 0.5, height * 0.66, height * 0.22
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(176, 110, 52))
    draw.ellipse([cx - r * 0.8, cy - r * 0.8, cx + r * 0.8, cy + r * 0.8], fill=(226, 196, 150))
    draw.line([(cx, cy + r * 0.9), (cx, height * 0.06)], fill=(92, 56, 32), width=16)
    draw.rectangle([cx - 10, cy - r * 0.9, cx + 10, cy + r * 0.2], fill=(120, 74, 40))
    for index in range(11):
        top_y = height * 0.1 + index * height * 0.025
        for side in (-1, 1):
            draw.line(
                [(cx + side * 6, top_y), (cx + side * (20 + index * 5), cy - r * 0.85)],
                fill=(70, 60, 50),
                width=2,
            )
    return image


def mosque(size=(1200, 800)) -> Image.Image:
    """A mud-brick mosque in the Sudano-Sahelian style, with its wooden beams (toron)."""
    width, height = size
    image = _gradient(size, (150, 196, 226), (246, 222, 180))
    draw = ImageDraw.Draw(image)
    earth = (176, 118, 70)
    draw.rectangle([0, height * 0.82, width, height], fill=(200, 160, 110))
    draw.rectangle([width * 0.18, height * 0.45, width * 0.82, height * 0.84], fill=earth)
    for index, x in enumerate([0.22, 0.38, 0.5, 0.62, 0.78]):
        top = height * (0.2 if index == 2 else 0.3)
        draw.polygon(
            [
                (width * (x - 0.045), height * 0.46),
                (width * (x - 0.03), top),
                (width * (x + 0.03), top),
                (width * (x + 0.045), height * 0.46),
            ],
            fill=earth,
        )
        draw.polygon(
            [
                (width * (x - 0.02), top),
                (width * x, top - height * 0.05),
                (width * (x + 0.02), top),
            ],
            fill=earth,
        )
        for level in range(4):
            y = top + (height * 0.46 - top) * (level + 1) / 5
            draw.line(
                [(width * (x - 0.055), y), (width * (x + 0.055), y)], fill=(96, 64, 40), width=5
            )
    draw.rectangle([width * 0.46, height * 0.62, width * 0.54, height * 0.84], fill=(96, 64, 40))
    return image


ILLUSTRATIONS = {
    "dawn": dawn,
    "enso": enso,
    "tea-bowl": tea_bowl,
    "waves": waves,
    "savanna": savanna,
    "kora": kora,
    "mosque": mosque,
}


def png_bytes(name: str) -> bytes:
    buffer = BytesIO()
    ILLUSTRATIONS[name]().save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
