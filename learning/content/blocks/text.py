"""Text blocks: rich text, pull quotes and glossary terms."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.rich_text import RichText

RICH_TEXT_FEATURES = [
    "h2",
    "h3",
    "bold",
    "italic",
    "ol",
    "ul",
    "link",
    "document-link",
    "blockquote",
]


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    def get_api_representation(self, value, context=None):
        return {"html": str(RichText(value.source)) if value else ""}

    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = "learning/blocks/paragraph.html"
        preview_value = (
            "<p>Every culture keeps its memory somewhere: in songs, in buildings, "
            "in the way a meal is shared.</p>"
        )
        description = _("Formatted text with headings, lists and links.")


class PullQuoteValue(blocks.StructValue):
    def has_attribution(self) -> bool:
        return bool(self.get("attribution"))


class PullQuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"), max_length=600)
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Pull quote")
        template = "learning/blocks/pull_quote.html"
        value_class = PullQuoteValue
        preview_value = {
            "quote": "A people without the knowledge of their past history is like a tree "
            "without roots.",
            "attribution": "Often attributed to Marcus Garvey",
        }
        description = _("A short quotation set apart from the text.")


class GlossaryTermValue(blocks.StructValue):
    def anchor(self) -> str:
        from django.utils.text import slugify

        return f"term-{slugify(self.get('term') or '', allow_unicode=True)}"


class GlossaryTermBlock(blocks.StructBlock):
    term = blocks.CharBlock(label=_("Term"), max_length=120)
    pronunciation = blocks.CharBlock(
        label=_("Pronunciation"),
        required=False,
        max_length=120,
        help_text=_("How to say it, e.g. wah-BEE SAH-bee or /wabi sabi/."),
    )
    language = blocks.CharBlock(
        label=_("Language of the term"),
        required=False,
        max_length=35,
        help_text=_("A language tag such as ja, ar or fr, so screen readers pronounce it."),
    )
    definition = blocks.TextBlock(label=_("Definition"), max_length=1000)

    class Meta:
        icon = "help"
        label = _("Glossary term")
        template = "learning/blocks/glossary_term.html"
        value_class = GlossaryTermValue
        preview_value = {
            "term": "wabi-sabi",
            "pronunciation": "wah-bee sah-bee",
            "language": "ja",
            "definition": "An aesthetic that finds beauty in things imperfect, "
            "impermanent and incomplete.",
        }
        description = _("A word learners should know, with its pronunciation.")
