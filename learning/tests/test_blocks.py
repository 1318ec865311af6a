"""Content blocks: what they render, how they validate, what the API receives."""

import re

import pytest
import wagtail_factories
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.rich_text import RichText
from wagtailmedia.models import Media

from learning.content.blocks import (
    AllowedEmbedBlock,
    AudioBlock,
    ContentStreamBlock,
    DocumentBlock,
    ElectiveGroupBlock,
    FlashcardDeckBlock,
    GlossaryTermBlock,
    ImageBlock,
    OverviewStreamBlock,
    PullQuoteBlock,
    TimelineBlock,
    VideoBlock,
)

from .factories import ContentItemPageFactory, CoursePageFactory, ProgramPageFactory

pytestmark = pytest.mark.django_db


class OfflineFinder:
    """Stands for a provider that cannot be reached: there is no internet in the test run."""

    def accept(self, url):
        return True

    def find_embed(self, url, max_width=None, max_height=None):
        from wagtail.embeds.exceptions import EmbedNotFoundException

        raise EmbedNotFoundException


@pytest.fixture
def image():
    return wagtail_factories.ImageFactory(title="A drawn hill")


@pytest.fixture
def captions():
    return wagtail_factories.DocumentFactory(
        title="Captions", file=ContentFile(b"WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n", "c.vtt")
    )


@pytest.fixture
def video():
    media = Media(title="Clip", type="video", duration=6.4, width=320, height=180)
    media.file.save("clip.webm", ContentFile(b"\x1a\x45\xdf\xa3" + b"0" * 64), save=False)
    media.save()
    return media


@pytest.fixture
def audio():
    media = Media(title="Song", type="audio", duration=5.4)
    media.file.save("song.wav", ContentFile(b"RIFF" + b"0" * 64), save=False)
    media.save()
    return media


def render(block, raw: dict) -> str:
    value = block.to_python(raw)
    return block.render(value)


def test_video_renders_a_media_element_with_captions_and_transcript(video, captions):
    block = VideoBlock()
    html = render(
        block,
        {
            "title": "Dawn",
            "media": video.pk,
            "captions": [{"language": "en", "label": "English", "file": captions.pk}],
            "transcript": "<p>The sun rises.</p>",
        },
    )
    assert re.search(r"<video[^>]* data-media[ >]", html)
    assert 'data-media-duration="6"' in html
    assert '<track kind="captions"' in html and 'srclang="en"' in html
    assert "The sun rises." in html and "<summary>Transcript</summary>" in html


def test_video_requires_a_captions_track(video):
    block = VideoBlock()
    value = block.to_python({"media": video.pk, "captions": [], "transcript": "<p>Words</p>"})
    with pytest.raises(ValidationError):
        block.clean(value)


def test_captions_must_be_webvtt(video):
    document = wagtail_factories.DocumentFactory(file=ContentFile(b"x", "notes.txt"))
    block = VideoBlock()
    value = block.to_python(
        {
            "media": video.pk,
            "captions": [{"language": "en", "label": "English", "file": document.pk}],
            "transcript": "<p>Words</p>",
        }
    )
    with pytest.raises(ValidationError):
        block.clean(value)


def test_audio_renders_with_data_media_and_serialises_its_file(audio):
    block = AudioBlock()
    value = block.to_python({"media": audio.pk, "captions": [], "transcript": "<p>Notes</p>"})
    html = block.render(value)
    assert re.search(r"<audio[^>]* data-media[ >]", html)
    api = block.get_api_representation(value)
    assert api["media"]["url"].endswith(".wav")
    assert api["media"]["duration_seconds"] == 5


def test_image_without_alt_text_is_refused_with_a_clear_message(image):
    block = ImageBlock()
    value = block.to_python({"image": image.pk, "alt_text": "  ", "caption": ""})
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    message = str(error.value.block_errors["alt_text"].messages[0])
    assert "alt text" in message.lower() and "cannot see" in message


def test_image_renders_alt_credit_and_licence_and_serialises_renditions(image):
    block = ImageBlock()
    value = block.to_python(
        {
            "image": image.pk,
            "alt_text": "Hills at dawn",
            "caption": "Morning",
            "credit": "Culture Degree demo illustration",
            "licence": "cc-by",
        }
    )
    html = block.render(value)
    assert 'alt="Hills at dawn"' in html
    assert "Culture Degree demo illustration" in html and "CC BY 4.0" in html
    api = block.get_api_representation(value)
    assert api["alt"] == "Hills at dawn"
    assert set(api["renditions"]) == {"small", "medium", "large"}
    assert api["renditions"]["small"]["url"].startswith("/media/images/")


def test_document_renders_a_download_link_with_its_description():
    document = wagtail_factories.DocumentFactory(
        title="Reading list", file=ContentFile(b"Books", "reading.txt")
    )
    block = DocumentBlock()
    value = block.to_python({"document": document.pk, "description": "Books to read."})
    html = block.render(value)
    assert "Reading list" in html and "TXT" in html and "Books to read." in html
    assert block.get_api_representation(value)["url"] == document.url


def test_embed_from_a_host_not_on_the_allow_list_is_refused():
    block = AllowedEmbedBlock()
    value = block.to_python({"url": "https://evil.example/player", "title": "Clip"})
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    message = str(error.value.block_errors["url"].messages[0])
    assert "evil.example" in message and "www.youtube.com" in message


def test_embed_over_plain_http_is_refused():
    block = AllowedEmbedBlock()
    value = block.to_python({"url": "http://www.youtube.com/watch?v=x", "title": "Clip"})
    with pytest.raises(StructBlockValidationError):
        block.clean(value)


def test_embed_degrades_to_a_link_when_the_provider_cannot_be_reached(settings):
    settings.WAGTAILEMBEDS_FINDERS = [{"class": "learning.tests.test_blocks.OfflineFinder"}]
    block = AllowedEmbedBlock()
    value = block.clean(
        block.to_python({"url": "https://www.youtube.com/watch?v=abc", "title": "A dance"})
    )
    html = block.render(value)
    assert 'href="https://www.youtube.com/watch?v=abc"' in html
    assert "www.youtube.com" in html and "<iframe" not in html


def test_flashcards_render_as_buttons_and_load_their_script_without_inline_code():
    block = FlashcardDeckBlock()
    html = render(
        block,
        {
            "title": "Words",
            "cards": [{"front": "jeli", "back": "A griot"}, {"front": "a", "back": "b"}],
        },
    )
    assert html.count("<button") == 2 and 'aria-pressed="false"' in html
    assert re.search(r'<script src="[^"]*js/blocks/flashcards\.js" defer></script>', html)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)


def test_flashcard_deck_needs_two_cards():
    block = FlashcardDeckBlock()
    value = block.to_python({"title": "Words", "cards": [{"front": "a", "back": "b"}]})
    with pytest.raises(ValidationError):
        block.clean(value)


def test_timeline_orders_events_by_year_and_is_keyboard_ready():
    block = TimelineBlock()
    raw = {
        "title": "Mali",
        "events": [
            {"year": 1324, "date_label": "", "title": "Pilgrimage", "description": ""},
            {"year": 1235, "date_label": "c. 1235", "title": "Kirina", "description": ""},
        ],
    }
    html = render(block, raw)
    assert html.index("Kirina") < html.index("Pilgrimage")
    assert html.count('tabindex="0"') == 1 and 'tabindex="-1"' in html
    api = block.get_api_representation(block.to_python(raw))
    assert [event["year"] for event in api["events"]] == [1235, 1324]


def test_glossary_term_and_pull_quote_render_their_parts():
    term = GlossaryTermBlock().to_python(
        {"term": "jeli", "pronunciation": "JEH-lee", "language": "bm", "definition": "A griot."}
    )
    html = GlossaryTermBlock().render(term)
    assert '<dfn lang="bm">jeli</dfn>' in html and "/JEH-lee/" in html
    quote = PullQuoteBlock().to_python({"quote": "Words last.", "attribution": "A griot"})
    html = PullQuoteBlock().render(quote)
    assert "<blockquote><p>Words last.</p></blockquote>" in html and "A griot" in html


def test_elective_group_minimum_must_fit_the_group():
    first, second = CoursePageFactory(), CoursePageFactory()
    block = ElectiveGroupBlock()
    value = block.to_python({"title": "Pick", "min_required": 3, "courses": [first.pk, second.pk]})
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert "between 1 and 2" in str(error.value.block_errors["min_required"].messages[0])
    value = block.to_python({"title": "Pick", "min_required": 0, "courses": [first.pk]})
    with pytest.raises(ValidationError):
        block.clean(value)


def test_every_block_has_icon_template_and_preview_value():
    for stream in (ContentStreamBlock(), OverviewStreamBlock()):
        for name, child in stream.child_blocks.items():
            assert child.meta.icon and child.meta.icon != "placeholder", name
            assert child.meta.template, name
            assert child.meta.preview_value is not None, name


def test_a_whole_body_renders_and_serialises_for_the_api(image, video, captions):
    item = ContentItemPageFactory(
        item_type="video",
        body=[
            ("paragraph", RichText("<p>Intro</p>")),
            (
                "video",
                {
                    "media": video,
                    "captions": [{"language": "en", "label": "English", "file": captions}],
                    "transcript": RichText("<p>T</p>"),
                },
            ),
            (
                "image",
                {"image": image, "alt_text": "Hill", "caption": "", "credit": "", "licence": ""},
            ),
        ],
    )
    item.refresh_from_db()
    html = str(item.body)
    assert "Intro" in html and "data-media" in html and 'alt="Hill"' in html
    data = item.body.stream_block.get_api_representation(item.body)
    assert [entry["type"] for entry in data] == ["paragraph", "video", "image"]
    assert data[0]["value"]["html"] == "<p>Intro</p>"
    assert data[1]["value"]["captions"][0]["url"] == captions.url
    assert item.media_duration_seconds == 6


def test_program_overview_renders_its_blocks():
    program = ProgramPageFactory(
        overview=[("pull_quote", {"quote": "Learn by looking.", "attribution": ""})]
    )
    program.refresh_from_db()
    assert "Learn by looking." in str(program.overview)


def test_block_templates_carry_no_inline_script_style_or_handlers():
    from pathlib import Path

    from django.conf import settings

    folder = Path(settings.BASE_DIR) / "templates" / "learning" / "blocks"
    templates = sorted(folder.glob("*.html"))
    assert len(templates) >= 12
    for template in templates:
        source = template.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", source), template.name
        assert not re.search(r"\sstyle=", source), template.name
        assert not re.search(r"\son[a-z]+=", source), template.name


def test_requirement_api_lists_only_published_courses():
    published, draft = CoursePageFactory(), CoursePageFactory()
    draft.unpublish()
    block = ElectiveGroupBlock()
    value = block.to_python(
        {"title": "Pick", "min_required": 1, "courses": [published.pk, draft.pk]}
    )
    assert block.get_api_representation(value)["course_ids"] == [published.pk]


def every_field_block(block, path=""):
    """Every block below `block` that an editor fills in, with where it sits."""
    from wagtail import blocks

    children = []
    if isinstance(block, blocks.StructBlock | blocks.StreamBlock):
        children = list(block.child_blocks.items())
    elif isinstance(block, blocks.ListBlock):
        children = [("item", block.child_block)]
    for name, child in children:
        yield f"{path}.{name}", name, child
        yield from every_field_block(child, f"{path}.{name}")


def test_every_block_field_has_a_human_label():
    from learning.content.blocks import ObjectivesStreamBlock, RequirementsStreamBlock

    for stream in (
        ContentStreamBlock(),
        OverviewStreamBlock(),
        ObjectivesStreamBlock(),
        RequirementsStreamBlock(),
    ):
        for where, name, child in every_field_block(stream):
            label = str(child.label)
            assert label and label[0].isupper(), f"{where}: {label!r}"
            assert label != name, where


@pytest.mark.parametrize(
    ("block", "message"),
    [(VideoBlock, "Choose a video"), (AudioBlock, "Choose a recording")],
)
def test_an_empty_media_block_is_refused_even_in_a_draft(block, message):
    block = block()
    empty = block.to_python({"title": "", "media": None, "captions": [], "transcript": ""})
    for clean in (block.clean, block.clean_deferred):
        with pytest.raises(StructBlockValidationError) as refusal:
            clean(empty)
        assert message in str(refusal.value.block_errors["media"])


def test_a_document_block_title_is_shown_and_translated_with_the_page():
    document = wagtail_factories.DocumentFactory(
        title="reading-list-v2", file=ContentFile(b"Books", "reading.txt")
    )
    block = DocumentBlock()
    value = block.to_python(
        {"document": document.pk, "display_title": "Reading list", "description": "Books"}
    )
    assert "Reading list" in block.render(value) and "reading-list-v2" not in block.render(value)
    assert block.get_api_representation(value)["title"] == "Reading list"


def test_every_learner_visible_string_of_a_body_is_a_translatable_segment(image, video, captions):
    from wagtail_localize.segments.extract import extract_segments

    document = wagtail_factories.DocumentFactory(file=ContentFile(b"Books", "reading.txt"))
    visible = {
        "Intro text": ("paragraph", RichText("<p>Intro text</p>")),
        "A quotation": ("pull_quote", {"quote": "A quotation", "attribution": "Someone"}),
        "A term": (
            "glossary_term",
            {"term": "A term", "pronunciation": "a turm", "language": "", "definition": "Means"},
        ),
        "Video title": (
            "video",
            {
                "title": "Video title",
                "media": video,
                "captions": [{"language": "en", "label": "Track label", "file": captions}],
                "transcript": RichText("<p>Spoken words</p>"),
            },
        ),
        "Alt words": (
            "image",
            {"image": image, "alt_text": "Alt words", "caption": "Cap", "credit": "Cr"},
        ),
        "Doc title": (
            "document",
            {"document": document, "display_title": "Doc title", "description": "Doc words"},
        ),
        "Deck": (
            "flashcards",
            {
                "title": "Deck",
                "cards": [{"front": "F1", "back": "B1"}, {"front": "F2", "back": "B2"}],
            },
        ),
        "Dates": (
            "timeline",
            {
                "title": "Dates",
                "events": [
                    {"year": 1, "date_label": "c. 1", "title": "E1", "description": "D1"},
                    {"year": 2, "date_label": "", "title": "E2", "description": "D2"},
                ],
            },
        ),
        "Map": ("embed", {"url": "https://www.openstreetmap.org/", "title": "Map", "caption": "C"}),
    }
    item = ContentItemPageFactory(item_type="text", body=list(visible.values()))
    item.refresh_from_db()
    strings = {
        segment.render_text()
        for segment in extract_segments(item)
        if hasattr(segment, "render_text")
    }
    expected = {
        "Intro text",
        "A quotation",
        "Someone",
        "A term",
        "a turm",
        "Means",
        "Video title",
        "Track label",
        "Spoken words",
        "Alt words",
        "Cap",
        "Cr",
        "Doc title",
        "Doc words",
        "Deck",
        "F1",
        "B1",
        "Dates",
        "c. 1",
        "E1",
        "D1",
        "Map",
        "C",
    }
    assert expected <= strings, expected - strings
