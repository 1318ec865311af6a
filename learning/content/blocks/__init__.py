"""StreamField blocks of the learning content. Every StreamField uses one of the streams here."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .assets import DocumentBlock, ImageBlock, Licence
from .interactive import (
    AllowedEmbedBlock,
    FlashcardDeckBlock,
    TimelineBlock,
    allowed_embed_hosts,
)
from .media import AudioBlock, CaptionTrackBlock, VideoBlock
from .requirements import ElectiveGroupBlock, RequiredCoursesBlock, RequirementsStreamBlock
from .text import GlossaryTermBlock, ParagraphBlock, PullQuoteBlock


class OverviewStreamBlock(blocks.StreamBlock):
    """The overview of a program or a module: text and illustrations, no learning media."""

    paragraph = ParagraphBlock()
    pull_quote = PullQuoteBlock()
    image = ImageBlock()
    timeline = TimelineBlock()


class ObjectivesStreamBlock(blocks.StreamBlock):
    objective = blocks.CharBlock(
        label=_("Objective"),
        icon="success",
        max_length=250,
        template="learning/blocks/objective.html",
        preview_value="Explain what wabi-sabi means in your own words",
    )


class ContentStreamBlock(blocks.StreamBlock):
    """The body of a content item."""

    paragraph = ParagraphBlock()
    pull_quote = PullQuoteBlock()
    glossary_term = GlossaryTermBlock()
    video = VideoBlock()
    audio = AudioBlock()
    image = ImageBlock()
    document = DocumentBlock()
    flashcards = FlashcardDeckBlock()
    timeline = TimelineBlock()
    embed = AllowedEmbedBlock()


__all__ = [
    "AllowedEmbedBlock",
    "AudioBlock",
    "CaptionTrackBlock",
    "ContentStreamBlock",
    "DocumentBlock",
    "ElectiveGroupBlock",
    "FlashcardDeckBlock",
    "GlossaryTermBlock",
    "ImageBlock",
    "Licence",
    "ObjectivesStreamBlock",
    "OverviewStreamBlock",
    "ParagraphBlock",
    "PullQuoteBlock",
    "RequiredCoursesBlock",
    "RequirementsStreamBlock",
    "TimelineBlock",
    "VideoBlock",
    "allowed_embed_hosts",
]
