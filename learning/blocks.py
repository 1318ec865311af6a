"""StreamField blocks of the learning content (the content helper fleshes these out)."""

from wagtail import blocks


class OverviewStreamBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(icon="pilcrow", template="learning/blocks/paragraph.html")


class ObjectivesStreamBlock(blocks.StreamBlock):
    objective = blocks.CharBlock(icon="tick", max_length=250)


class ContentStreamBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(icon="pilcrow", template="learning/blocks/paragraph.html")
