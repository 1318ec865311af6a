"""Builds the demo catalog from the program specs. Idempotent: what exists is left alone."""

import time
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.html import escape
from wagtail.models import Locale, Page

from culturedegree.models import HomePage
from learning.models import ContentItemPage, CoursePage, ModulePage, ProgramIndexPage, ProgramPage

from .assets import DemoAssets, demo_collection
from .japan import JAPAN
from .spec import CREDIT, LICENCE, Block, Program, T
from .translation import translate_page
from .west_africa import WEST_AFRICA

PROGRAMS = [JAPAN, WEST_AFRICA]
CATALOG_TITLE = T("Programs", "Programmes")
CATALOG_INTRO = T(
    "Degree-like paths through the world's cultures, from first ideas to real practice.",
    "Des parcours diplômants à travers les cultures du monde, des premières idées à la pratique.",
)
HOME_INTRO = T(
    "Degree-like paths through the world's cultures.",
    "Des parcours diplômants à travers les cultures du monde.",
)


@dataclass
class CatalogReport:
    created_pages: int = 0
    translated_pages: int = 0
    seconds: float = 0.0
    programs: list[ProgramPage] = field(default_factory=list)


def _html(*paragraphs: str) -> str:
    # Quotes stay unescaped so that translation segments match the spec's strings.
    escaped = (escape(p).replace("&#x27;", "'").replace("&quot;", '"') for p in paragraphs)
    return "".join(f"<p>{text}</p>" for text in escaped)


def stream_data(blocks: list[Block], assets: DemoAssets) -> list[dict]:
    """The raw StreamField data for a list of spec blocks."""
    data = []
    for block in blocks:
        d = block.data
        if block.kind == "paragraph":
            value = _html(*d["paragraphs"])
        elif block.kind in {"pull_quote", "glossary_term"}:
            value = dict(d)
        elif block.kind == "video":
            value = {
                "title": d["title"],
                "media": assets.video().pk,
                "poster": assets.image("dawn").pk,
                "captions": assets.caption_tracks(),
                "transcript": _html(*d["transcript"]),
            }
        elif block.kind == "audio":
            value = {
                "title": d["title"],
                "media": assets.audio(d["scale"], d["root_hz"]).pk,
                "captions": [],
                "transcript": _html(*d["transcript"]),
            }
        elif block.kind == "image":
            value = {
                "image": assets.image(d["name"]).pk,
                "alt_text": d["alt"],
                "caption": d["caption"],
                "credit": CREDIT,
                "licence": LICENCE,
            }
        elif block.kind == "document":
            document = assets.text_document(d["title"], list(d["lines"]))
            value = {"document": document.pk, "description": d["description"]}
        elif block.kind == "flashcards":
            value = {
                "title": d["title"],
                "cards": [{"front": front, "back": back} for front, back in d["cards"]],
            }
        elif block.kind == "timeline":
            value = {
                "title": d["title"],
                "events": [
                    {"year": year, "date_label": label, "title": title, "description": text}
                    for year, label, title, text in d["events"]
                ],
            }
        elif block.kind == "embed":
            value = dict(d)
        else:
            raise ValueError(f"Unknown demo block {block.kind}")
        data.append({"type": block.kind, "value": value})
    return data


class CatalogBuilder:
    def __init__(self, *, owner=None):
        self.owner = owner
        self.assets = DemoAssets(collection=demo_collection())
        self.report = CatalogReport()

    def _publish(self, page: Page) -> None:
        page.save_revision(user=self.owner, log_action=True).publish(user=self.owner)

    def _child(self, parent: Page, model, slug: str, **fields):
        existing = model.objects.child_of(parent).filter(slug=slug).first()
        if existing is not None:
            return existing, False
        page = parent.add_child(instance=model(slug=slug, owner=self.owner, **fields))
        self._publish(page)
        self.report.created_pages += 1
        return page, True

    def catalog(self, home: HomePage) -> ProgramIndexPage:
        index, _ = self._child(
            home, ProgramIndexPage, "programs", title=CATALOG_TITLE, intro=_html(CATALOG_INTRO)
        )
        return index

    def program(self, spec: Program, index: ProgramIndexPage) -> ProgramPage:
        program, _ = self._child(
            index,
            ProgramPage,
            spec.slug,
            title=spec.title,
            summary=spec.summary,
            difficulty=spec.difficulty,
            estimated_duration_weeks=spec.weeks,
            thumbnail=self.assets.image(spec.thumbnail),
            overview=stream_data(spec.overview, self.assets),
        )
        courses = {}
        for course_spec in spec.courses:
            course, _ = self._child(
                program,
                CoursePage,
                course_spec.slug,
                title=course_spec.title,
                summary=course_spec.summary,
                estimated_hours=course_spec.hours,
                learning_objectives=[
                    {"type": "objective", "value": objective}
                    for objective in course_spec.objectives
                ],
            )
            courses[course_spec.slug] = course
            for module_spec in course_spec.modules:
                module, _ = self._child(
                    course,
                    ModulePage,
                    module_spec.slug,
                    title=module_spec.title,
                    summary=module_spec.summary,
                    module_type=module_spec.module_type,
                    estimated_minutes=module_spec.minutes,
                    overview=stream_data(module_spec.overview, self.assets),
                )
                for item_spec in module_spec.items:
                    self._child(
                        module,
                        ContentItemPage,
                        item_spec.slug,
                        title=item_spec.title,
                        item_type=item_spec.item_type,
                        is_free_preview=item_spec.free_preview,
                        body=stream_data(item_spec.body, self.assets),
                    )
        for course_spec in spec.courses:
            course = courses[course_spec.slug]
            if course_spec.prerequisites and not course.prerequisites.exists():
                course.prerequisites.set([courses[slug] for slug in course_spec.prerequisites])
                self._publish(course)
        if spec.requirements and not program.requirements:
            program.requirements = [
                {
                    "type": requirement.kind,
                    "value": {
                        "title": requirement.title,
                        "courses": [courses[slug].pk for slug in requirement.courses],
                        **(
                            {"min_required": requirement.min_required}
                            if requirement.kind == "elective_group"
                            else {}
                        ),
                    },
                }
                for requirement in spec.requirements
            ]
            self._publish(program)
        return program

    def translate(self, spec: Program, program: ProgramPage, home: HomePage) -> None:
        for language in spec.translate_to:
            locale = Locale.objects.get(language_code=language)
            ancestors = [home, program.get_parent()]
            tree = [*ancestors, *program.get_descendants(inclusive=True).order_by("path")]
            for page in tree:
                if translate_page(page=page.specific, locale=locale, user=self.owner):
                    self.report.translated_pages += 1


@transaction.atomic
def build_catalog(*, home: HomePage, owner=None) -> CatalogReport:
    """The demo programs under a catalog page of `home`, with their French translation."""
    started = time.monotonic()
    builder = CatalogBuilder(owner=owner)
    if not home.intro:
        home.intro = _html(HOME_INTRO)
        home.save()
    index = builder.catalog(home)
    for spec in PROGRAMS:
        program = builder.program(spec, index)
        builder.translate(spec, program, home)
        builder.report.programs.append(program)
    builder.report.seconds = time.monotonic() - started
    return builder.report
