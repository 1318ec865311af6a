"""A content item: the text, video, audio, image, interactive or document a learner opens."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from culturedegree.models import BasePage

from ..blocks import (
    ContentStreamBlock,
)
from ..readers import ItemBodyField
from .base import BLOCKS_FOR_ITEM_TYPE, ContentType, LearningPage, tabs


class ContentItemPage(LearningPage):
    item_type = models.CharField(
        _("type"), max_length=20, choices=ContentType.choices, default=ContentType.TEXT
    )
    body = StreamField(ContentStreamBlock())
    duration_seconds = models.PositiveIntegerField(
        _("duration (seconds)"),
        null=True,
        blank=True,
        help_text=_(
            "For video and audio, read from the media file when the page is saved. Type it"
            " only for a file whose length cannot be read."
        ),
    )
    is_free_preview = models.BooleanField(
        _("free preview"),
        default=False,
        help_text=_("Open to everyone, enrolled or not."),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    detail_panels = [
        FieldPanel("item_type"),
        FieldPanel("duration_seconds"),
        FieldPanel("is_free_preview"),
    ]
    edit_handler = tabs(content=content_panels, details=detail_panels)

    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    override_translatable_fields = [
        SynchronizedField("item_type"),
        SynchronizedField("duration_seconds"),
        SynchronizedField("is_free_preview"),
    ]

    parent_page_types = ["learning.ModulePage"]
    subpage_types: list[str] = []

    api_fields = [
        APIField("item_type"),
        APIField("duration_seconds"),
        APIField("is_free_preview"),
        # Free previews for everyone, the rest for enrolled learners of an unlocked course.
        APIField("body", serializer=ItemBodyField()),
    ]

    def clean(self):
        super().clean()
        expected = BLOCKS_FOR_ITEM_TYPE.get(self.item_type)
        present = {block.block_type for block in self.body}
        if expected and not expected & present:
            raise ValidationError(
                {
                    "body": ValidationError(
                        _("A “%(type)s” item needs at least one of these blocks: %(blocks)s."),
                        code="item_type_block_missing",
                        params={
                            "type": self.get_item_type_display(),
                            "blocks": ", ".join(
                                str(self.body.stream_block.child_blocks[name].label)
                                for name in sorted(expected)
                            ),
                        },
                    )
                }
            )

    def file_duration_seconds(self) -> int | None:
        """How long the body's first video or audio lasts, from the media file."""
        for block in self.body:
            if block.block_type in {"video", "audio"}:
                seconds = block.value.duration_seconds()
                if seconds:
                    return seconds
        return None

    @property
    def media_duration_seconds(self) -> int | None:
        """How long the item's video or audio lasts: the file's figure, else the editor's."""
        return self.file_duration_seconds() or self.duration_seconds

    def save(self, *args, **kwargs):
        # The server's own duration is what media completion is measured against, so a
        # client cannot finish a video by reporting it as one second long.
        self.duration_seconds = self.file_duration_seconds() or self.duration_seconds
        return super().save(*args, **kwargs)
