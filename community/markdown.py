"""Learners' Markdown to safe HTML: markdown-it-py renders, nh3 keeps an allow-list.

Raw HTML in the source is escaped by the renderer (html=False), and whatever it produces
is cleaned again by nh3, so a renderer bug cannot let a script through. Links get
rel="nofollow ugc noopener" and only http, https and mailto schemes survive; images are
not allowed at all (no tracking pixels, no data: URLs).
"""

import re
from urllib.parse import unquote

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "del",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h3",
    "h4",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}
# Belt and braces: nh3 already refuses a script scheme at the start of a link; a link whose
# address, decoded and without spaces or control characters, names one anywhere loses its
# href too (a relative "%3Ejavascript:" is inert, but nothing a learner writes needs one).
SCRIPT_SCHEMES = re.compile(r"(?:java|vb)script:")
INVISIBLE = re.compile(r"[\s\x00-\x1f]+")
LINK_PATTERN = re.compile(r"(?i)\b(?:https?://|www\.)|\]\(")

_renderer = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_renderer.enable(["table", "strikethrough"])
# Headings shift down two levels: a post's "# Title" must not compete with the page's h1.
_renderer.add_render_rule(
    "heading_open",
    lambda renderer, tokens, idx, options, env: f"<h{min(int(tokens[idx].tag[1]) + 2, 4)}>",
)
_renderer.add_render_rule(
    "heading_close",
    lambda renderer, tokens, idx, options, env: f"</h{min(int(tokens[idx].tag[1]) + 2, 4)}>\n",
)


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow ugc noopener",
        strip_comments=True,
        attribute_filter=_keep_attribute,
    )


def _keep_attribute(tag: str, name: str, value: str) -> str | None:
    if name == "href" and SCRIPT_SCHEMES.search(INVISIBLE.sub("", unquote(value)).lower()):
        return None
    return value


def render(source: str) -> str:
    """The post's Markdown as sanitised HTML, ready to mark safe in a template."""
    return sanitise(_renderer.render(source))


def count_links(source: str) -> int:
    """Links a post carries, written as Markdown or pasted bare (the new-account limit)."""
    return len(LINK_PATTERN.findall(source))
