"""SECURITY.md item 17: nothing executable survives Markdown rendering and sanitising."""

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from community.markdown import render

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).with_name("xss_corpus.txt").read_text().split("\n")
SAFE_TAGS = {
    "p", "br", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li", "a",
    "h3", "h4", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
SAFE_ATTRIBUTES = {"href", "title", "rel", "start", "align"}
SAFE_SCHEMES = {"http", "https", "mailto"}


class Elements(HTMLParser):
    """Every element and attribute a browser would build from the HTML."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))

    handle_startendtag = handle_starttag


def assert_inert(html: str) -> None:
    parser = Elements()
    parser.feed(html)
    parser.close()
    for tag, attrs in parser.found:
        assert tag in SAFE_TAGS, html
        for name, value in attrs:
            assert name in SAFE_ATTRIBUTES, html
            if name == "href":
                scheme = urlsplit(value or "").scheme.lower()
                assert not scheme or scheme in SAFE_SCHEMES, html
                assert "javascript" not in (value or "").lower().replace(" ", ""), html


@pytest.mark.parametrize("payload", [line for line in CORPUS if line.strip()])
def test_each_payload_of_the_corpus_renders_inert(payload):
    assert_inert(render(payload))


def test_the_whole_corpus_as_one_post_renders_inert():
    assert_inert(render("\n".join(CORPUS)))


def test_ordinary_markdown_survives():
    html = render("# Title\n\n**bold** and [a link](https://example.com)\n\n> quoted\n\n- one")
    assert "<h3>Title</h3>" in html
    assert '<a href="https://example.com" rel="nofollow ugc noopener">a link</a>' in html
    assert "<blockquote>" in html and "<li>one</li>" in html


PIECES = st.sampled_from(
    [
        "<script>",
        "</script>",
        "<img src=x onerror=alert(1)>",
        "javascript:",
        "data:text/html,",
        "[x](",
        ")",
        "](",
        "<",
        ">",
        '"',
        "'",
        "`",
        "&#106;",
        "&#x3a;",
        " onload=",
        "<svg",
        "<iframe",
        "\n",
        "**",
        "> ",
        "<a href=",
        "vbscript:",
        "\t",
        "\x00",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=30))
def test_no_mix_of_payload_fragments_survives(parts):
    assert_inert(render("".join(parts)))
