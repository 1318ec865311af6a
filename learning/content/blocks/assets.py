"""Images and documents, described for everyone who cannot see or open them."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

IMAGE_RENDITIONS = {"small": "width-480", "medium": "width-960", "large": "width-1600"}


class Licence(blocks.ChoiceBlock):
    choices = [
        ("cc0", "CC0 1.0"),
        ("cc-by", "CC BY 4.0"),
        ("cc-by-sa", "CC BY-SA 4.0"),
        ("cc-by-nc", "CC BY-NC 4.0"),
        ("public-domain", _("Public domain")),
        ("all-rights-reserved", _("All rights reserved, used with permission")),
    ]


LICENCE_LABELS = dict(Licence.choices)


class ImageValue(blocks.StructValue):
    def licence_label(self) -> str:
        return str(LICENCE_LABELS.get(self.get("licence"), ""))

    def rendition(self):
        image = self.get("image")
        return image.get_rendition(IMAGE_RENDITIONS["medium"]) if image else None

    def srcset(self) -> str:
        image = self.get("image")
        if image is None:
            return ""
        renditions = image.get_renditions(*IMAGE_RENDITIONS.values())
        return ", ".join(f"{r.url} {r.width}w" for r in renditions.values())


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alt text"),
        required=False,
        max_length=300,
        help_text=_("What the image shows, for people who cannot see it. Required."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)
    credit = blocks.CharBlock(label=_("Credit"), required=False, max_length=200)
    licence = Licence(label=_("Licence"), required=False)

    def clean(self, value):
        value = super().clean(value)
        if not (value.get("alt_text") or "").strip():
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        _(
                            "Add alt text: describe what the image shows for people "
                            "who cannot see it."
                        ),
                        code="alt_text_required",
                    )
                }
            )
        return value

    def get_api_representation(self, value, context=None):
        image = value.get("image")
        renditions = image.get_renditions(*IMAGE_RENDITIONS.values()) if image else {}
        return {
            "id": image.pk if image else None,
            "alt": value.get("alt_text"),
            "caption": value.get("caption"),
            "credit": value.get("credit"),
            "licence": value.get("licence"),
            "licence_label": value.licence_label(),
            "renditions": {
                name: {"url": renditions[spec].url, "width": renditions[spec].width}
                for name, spec in IMAGE_RENDITIONS.items()
                if spec in renditions
            },
        }

    class Meta:
        icon = "image"
        label = _("Image")
        template = "learning/blocks/image.html"
        value_class = ImageValue
        preview_value = {
            "alt_text": "A drawn landscape",
            "caption": "A caption",
            "credit": "Culture Degree demo illustration",
            "licence": "cc-by",
        }
        description = _("An image with alt text, caption, credit and licence.")


class DocumentValue(blocks.StructValue):
    def title(self) -> str:
        """The title learners see: the block's own (translated with the page), else the file's."""
        document = self.get("document")
        return self.get("display_title") or (document.title if document else "")

    def extension(self) -> str:
        document = self.get("document")
        return document.file_extension.upper() if document else ""


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    # Not "title": templates look a key up before the value's title() method.
    display_title = blocks.CharBlock(
        label=_("Title"),
        required=False,
        default="",
        max_length=200,
        help_text=_("The title learners see. Leave empty to use the document's title."),
    )
    description = blocks.TextBlock(
        label=_("Description"), max_length=600, help_text=_("What the document holds and why.")
    )

    def get_api_representation(self, value, context=None):
        document = value.get("document")
        return {
            "id": document.pk if document else None,
            "title": value.title(),
            "description": value.get("description"),
            "url": document.url if document else None,
            "extension": value.extension().lower(),
            "file_size": document.get_file_size() if document else None,
        }

    class Meta:
        icon = "doc-full-inverse"
        label = _("Document")
        template = "learning/blocks/document.html"
        value_class = DocumentValue
        preview_value = {"description": "A reading list to download."}
        description = _("A downloadable document with a description.")
