"""Interactive blocks: flashcards, timelines and embeds from hosts we trust."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

DEFAULT_EMBED_HOSTS = (
    "www.youtube.com",
    "youtube.com",
    "youtu.be",
    "vimeo.com",
    "player.vimeo.com",
    "sketchfab.com",
    "commons.wikimedia.org",
    "www.openstreetmap.org",
)


def allowed_embed_hosts() -> tuple[str, ...]:
    return tuple(getattr(settings, "CULTUREDEGREE_EMBED_HOSTS", DEFAULT_EMBED_HOSTS))


class FlashcardBlock(blocks.StructBlock):
    front = blocks.CharBlock(label=_("Front"), max_length=200)
    back = blocks.TextBlock(label=_("Back"), max_length=600)

    class Meta:
        icon = "form"
        label = _("Card")


class FlashcardDeckBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    cards = blocks.ListBlock(FlashcardBlock(), label=_("Cards"), min_num=2, max_num=60)

    class Meta:
        icon = "copy"
        label = _("Flashcard deck")
        template = "learning/blocks/flashcards.html"
        preview_value = {
            "title": "Key terms",
            "cards": [
                {"front": "griot", "back": "A West African keeper of oral history and song."},
                {"front": "kora", "back": "A 21-string harp-lute of the Mande peoples."},
            ],
        }
        description = _("Cards learners flip to test themselves.")


class TimelineEventBlock(blocks.StructBlock):
    year = blocks.IntegerBlock(
        label=_("Year"), help_text=_("Negative for BCE; used to order and to place the event.")
    )
    date_label = blocks.CharBlock(
        label=_("Date as shown"), required=False, max_length=60, help_text=_("e.g. c. 1240")
    )
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    description = blocks.TextBlock(label=_("Description"), required=False, max_length=800)

    class Meta:
        icon = "date"
        label = _("Event")


class TimelineValue(blocks.StructValue):
    def events_in_order(self) -> list:
        return sorted(self.get("events") or [], key=lambda event: event["year"])


class TimelineBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    events = blocks.ListBlock(TimelineEventBlock(), label=_("Events"), min_num=2, max_num=80)

    def get_api_representation(self, value, context=None):
        return {
            "title": value["title"],
            "events": [
                {
                    "year": event["year"],
                    "date_label": event["date_label"] or str(event["year"]),
                    "title": event["title"],
                    "description": event["description"],
                }
                for event in value.events_in_order()
            ],
        }

    class Meta:
        icon = "history"
        label = _("Timeline")
        template = "learning/blocks/timeline.html"
        value_class = TimelineValue
        preview_value = {
            "title": "A short timeline",
            "events": [
                {"year": 1235, "date_label": "c. 1235", "title": "Mali founded", "description": ""},
                {"year": 1324, "date_label": "", "title": "Pilgrimage to Mecca", "description": ""},
            ],
        }
        description = _("Dated events learners move through with the keyboard.")


class EmbedValue(blocks.StructValue):
    def host(self) -> str:
        return urlsplit(self.get("url") or "").hostname or ""

    def embed_html(self) -> str:
        """The provider's player, or "" when it cannot be fetched (offline, unknown URL)."""
        from wagtail.embeds.embeds import get_embed
        from wagtail.embeds.exceptions import EmbedException

        try:
            return get_embed(self.get("url"), max_width=960).html
        except (EmbedException, OSError):
            return ""


class AllowedEmbedBlock(blocks.StructBlock):
    url = blocks.URLBlock(label=_("URL"), help_text=_("A page on one of the allowed hosts."))
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)

    def clean(self, value):
        value = super().clean(value)
        parts = urlsplit(value.get("url") or "")
        hosts = allowed_embed_hosts()
        if parts.scheme != "https" or (parts.hostname or "") not in hosts:
            raise StructBlockValidationError(
                block_errors={
                    "url": ValidationError(
                        _("Embeds must be https links to one of: %(hosts)s. “%(host)s” is not."),
                        code="embed_host_not_allowed",
                        params={
                            "hosts": ", ".join(hosts),
                            "host": parts.hostname or value.get("url"),
                        },
                    )
                }
            )
        return value

    def get_api_representation(self, value, context=None):
        return {
            "url": value["url"],
            "title": value["title"],
            "caption": value["caption"],
            "host": value.host(),
        }

    class Meta:
        icon = "code"
        label = _("Embed")
        template = "learning/blocks/embed.html"
        value_class = EmbedValue
        preview_value = {
            "url": "https://www.openstreetmap.org/#map=5/17.5/-3.9",
            "title": "A map",
            "caption": "",
        }
        description = _("A player or viewer from an allowed host (YouTube, Vimeo, Sketchfab…).")
