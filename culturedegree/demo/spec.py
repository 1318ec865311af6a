"""The vocabulary the demo catalog is written in: pages and blocks as plain data.

`T(english, french)` marks a string that the French translation must cover; every `T` made
is recorded in `FRENCH`, which the translator looks segments up in.
"""

from dataclasses import dataclass, field

FRENCH: dict[str, str] = {}


class T(str):
    """An English string with its French translation."""

    def __new__(cls, english: str, french: str):
        FRENCH[english] = french
        return super().__new__(cls, english)


CREDIT = T("Culture Degree demo illustration", "Illustration de démonstration Culture Degree")
LICENCE = "cc-by"


@dataclass(frozen=True)
class Block:
    kind: str
    data: dict


def text(*paragraphs: str) -> Block:
    return Block("paragraph", {"paragraphs": paragraphs})


def quote(words: str, attribution: str = "") -> Block:
    return Block("pull_quote", {"quote": words, "attribution": attribution})


def term(word: str, pronunciation: str, language: str, definition: str) -> Block:
    return Block(
        "glossary_term",
        {
            "term": word,
            "pronunciation": pronunciation,
            "language": language,
            "definition": definition,
        },
    )


def video(title: str, *transcript: str) -> Block:
    return Block("video", {"title": title, "transcript": transcript})


def audio(title: str, scale: str, root_hz: float, *transcript: str) -> Block:
    return Block(
        "audio", {"title": title, "scale": scale, "root_hz": root_hz, "transcript": transcript}
    )


def image(name: str, alt: str, caption: str) -> Block:
    return Block("image", {"name": name, "alt": alt, "caption": caption})


def document(title: str, description: str, *lines: str) -> Block:
    return Block("document", {"title": title, "description": description, "lines": lines})


def flashcards(title: str, *cards: tuple[str, str]) -> Block:
    return Block("flashcards", {"title": title, "cards": cards})


def timeline(title: str, *events: tuple[int, str, str, str]) -> Block:
    return Block("timeline", {"title": title, "events": events})


def embed(url: str, title: str, caption: str) -> Block:
    return Block("embed", {"url": url, "title": title, "caption": caption})


@dataclass(frozen=True)
class Item:
    slug: str
    title: str
    item_type: str
    body: list[Block]
    free_preview: bool = False


@dataclass(frozen=True)
class Module:
    slug: str
    title: str
    summary: str
    module_type: str
    minutes: int
    items: list[Item]
    overview: list[Block] = field(default_factory=list)


@dataclass(frozen=True)
class Course:
    slug: str
    title: str
    summary: str
    hours: int
    objectives: list[str]
    modules: list[Module]
    prerequisites: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Requirement:
    kind: str  # "required_courses" or "elective_group"
    title: str
    courses: list[str]
    min_required: int = 0


@dataclass(frozen=True)
class Program:
    slug: str
    title: str
    summary: str
    difficulty: str
    weeks: int
    thumbnail: str
    overview: list[Block]
    courses: list[Course]
    requirements: list[Requirement]
    translate_to: tuple[str, ...] = ()
