"""Video and audio from the media library, with captions and a transcript."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtailmedia.blocks import AudioChooserBlock, VideoChooserBlock

CAPTION_EXTENSIONS = ("vtt",)


class CaptionTrackBlock(blocks.StructBlock):
    language = blocks.CharBlock(
        label=_("Language"), max_length=35, default="en", help_text=_("A language tag: en, fr…")
    )
    label = blocks.CharBlock(label=_("Label"), max_length=60, default="English")
    file = DocumentChooserBlock(label=_("WebVTT file"), help_text=_("A .vtt captions file."))

    def clean(self, value):
        value = super().clean(value)
        document = value.get("file")
        if document and document.file_extension.lower() not in CAPTION_EXTENSIONS:
            raise StructBlockValidationError(
                block_errors={
                    "file": ValidationError(
                        _("Captions must be a WebVTT (.vtt) file; this one is .%(ext)s."),
                        params={"ext": document.file_extension},
                    )
                }
            )
        return value

    def get_api_representation(self, value, context=None):
        return {
            "language": value["language"],
            "label": value["label"],
            "url": value["file"].url if value.get("file") else None,
        }

    class Meta:
        icon = "doc-full"
        label = _("Captions")


class TimedMediaValue(blocks.StructValue):
    def media_item(self):
        return self.get("media")

    def duration_seconds(self) -> int | None:
        media = self.get("media")
        if media is None or not media.duration:
            return None
        return round(media.duration)

    def sources(self) -> list[dict]:
        media = self.get("media")
        return media.sources if media is not None else []

    def default_track(self):
        tracks = self.get("captions") or []
        return tracks[0] if tracks else None


def _media_api_representation(block: blocks.StructBlock, value, context=None) -> dict:
    media = value.get("media")
    return {
        "title": value.get("title") or (media.title if media else ""),
        "media": (
            {
                "id": media.pk,
                "title": media.title,
                "type": media.type,
                "url": media.url,
                "sources": media.sources,
                "duration_seconds": value.duration_seconds(),
                "width": media.width,
                "height": media.height,
            }
            if media
            else None
        ),
        "captions": [
            block.child_blocks["captions"].child_block.get_api_representation(track)
            for track in value.get("captions") or []
        ],
        "transcript": str(value.get("transcript") or ""),
    }


def refuse_missing_media(value, message) -> None:
    """Refuse a media block with nothing chosen, in drafts too: learners would see no player."""
    if value.get("media") is None:
        raise StructBlockValidationError(
            block_errors={"media": ValidationError(message, code="media_missing")}
        )


class VideoBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    media = VideoChooserBlock(label=_("Video"))
    poster = ImageChooserBlock(label=_("Poster image"), required=False)
    captions = blocks.ListBlock(
        CaptionTrackBlock(), label=_("Captions"), min_num=1, help_text=_("At least one track.")
    )
    transcript = blocks.RichTextBlock(
        label=_("Transcript"), features=["bold", "italic", "link"], required=True
    )

    def clean(self, value):
        refuse_missing_media(
            value, _("Choose a video from the Media library, or remove this video block.")
        )
        return super().clean(value)

    def get_api_representation(self, value, context=None):
        data = _media_api_representation(self, value, context)
        poster = value.get("poster")
        data["poster"] = poster.get_rendition("width-1280").url if poster else None
        return data

    class Meta:
        icon = "media"
        label = _("Video")
        template = "learning/blocks/video.html"
        value_class = TimedMediaValue
        preview_value = {"title": "A short video", "captions": [], "transcript": ""}
        description = _("A video from the media library, with captions and a transcript.")


class AudioBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    media = AudioChooserBlock(label=_("Audio"))
    captions = blocks.ListBlock(CaptionTrackBlock(), label=_("Captions"), min_num=0)
    transcript = blocks.RichTextBlock(
        label=_("Transcript"), features=["bold", "italic", "link"], required=True
    )

    def clean(self, value):
        refuse_missing_media(
            value, _("Choose a recording from the Media library, or remove this audio block.")
        )
        return super().clean(value)

    def get_api_representation(self, value, context=None):
        return _media_api_representation(self, value, context)

    class Meta:
        icon = "wagtailmedia-audio"
        label = _("Audio")
        template = "learning/blocks/audio.html"
        value_class = TimedMediaValue
        preview_value = {"title": "A short recording", "captions": [], "transcript": ""}
        description = _("A recording from the media library, with a transcript.")
