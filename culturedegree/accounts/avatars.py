"""Avatar uploads: sniffed, bounded, and re-encoded so nothing the user sent is ever served."""

import io
import os
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

AVATAR_MAX_BYTES = 5 * 1024 * 1024
AVATAR_MAX_PIXELS = 25_000_000
AVATAR_SIZE = 256
# Extension -> the format Pillow must find inside. SVG and HTML are never images here.
ALLOWED_FORMATS = {
    "jpg": "JPEG",
    "jpeg": "JPEG",
    "png": "PNG",
    "gif": "GIF",
    "webp": "WEBP",
}


def _extension(name: str) -> str:
    return os.path.splitext(name)[1].lower().lstrip(".")


def process_avatar(*, upload: UploadedFile) -> ContentFile:
    """Check ``upload`` and return it as a square ``AVATAR_SIZE`` WebP, or raise ValidationError."""
    if upload.size is not None and upload.size > AVATAR_MAX_BYTES:
        raise ValidationError(
            _("This file is %(size)s; an avatar can be at most %(limit)s."),
            code="avatar_too_large",
            params={
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(AVATAR_MAX_BYTES),
            },
        )
    extension = _extension(upload.name or "")
    if extension not in ALLOWED_FORMATS:
        raise ValidationError(_("Upload a JPEG, PNG, GIF or WebP image."), code="avatar_extension")
    upload.seek(0)
    data = upload.read(AVATAR_MAX_BYTES + 1)
    if len(data) > AVATAR_MAX_BYTES:
        raise ValidationError(
            _("This file is too large; an avatar can be at most %(limit)s."),
            code="avatar_too_large",
            params={"limit": filesizeformat(AVATAR_MAX_BYTES)},
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            sniffed = image.format
            width, height = image.size
            if width * height > AVATAR_MAX_PIXELS:
                raise ValidationError(
                    _("This image is %(width)s by %(height)s pixels; pick a smaller one."),
                    code="avatar_too_many_pixels",
                    params={"width": width, "height": height},
                )
            if sniffed not in ALLOWED_FORMATS.values():
                raise ValidationError(
                    _("Upload a JPEG, PNG, GIF or WebP image."), code="avatar_format"
                )
            if ALLOWED_FORMATS[extension] != sniffed:
                raise ValidationError(
                    _(
                        "The file's name says %(extension)s but its content is not; "
                        "save it again in its real format."
                    ),
                    code="avatar_extension_mismatch",
                    params={"extension": extension.upper()},
                )
            image.load()
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        ValueError,
        SyntaxError,
        Image.DecompressionBombWarning,
        Image.DecompressionBombError,
    ) as error:
        raise ValidationError(
            _("This file is not an image we can read. Upload a JPEG, PNG, GIF or WebP image."),
            code="avatar_unreadable",
        ) from error
    return ContentFile(_square_webp(image), name="avatar.webp")


def _square_webp(image: Image.Image) -> bytes:
    image = ImageOps.exif_transpose(image)
    image = image.convert("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB")
    image = ImageOps.fit(image, (AVATAR_SIZE, AVATAR_SIZE), Image.Resampling.LANCZOS)
    output = io.BytesIO()
    image.save(output, format="WEBP", quality=85, method=4)
    return output.getvalue()
