"""Load a large catalog into the bench database: 200 programs, 2,000 courses, 10,000 modules and
50,000 content items, plus their search index entries, in about a minute.

Pages are written in bulk rather than through Wagtail's ``add_child`` (one page at a time, with
signals, revisions and index updates, which would take hours): tree paths are computed directly
(treebeard's materialised path, four base-36 characters a level), the ``wagtailcore_page`` rows go
in with ``bulk_create`` and each page type's own row with one batched ``INSERT``. Search entries
are built in SQL with each locale's text-search configuration, as ``learning.content.search`` would.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/cd_site_bench \\
        .venv/bin/python bench/seed_catalog.py [--programs 200]
"""

import argparse
import json
import os
import random
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

COURSES_PER_PROGRAM = 10
MODULES_PER_COURSE = 5
ITEMS_PER_MODULE = 5
BATCH = 5000

# Subjects (titles and a couple per text) and a large made-up vocabulary for the rest of the
# prose, so a search for two subjects matches a realistic few hundred pages, not half the site.
SUBJECT_WORDS = (
    "silk road ceramics calligraphy weaving textiles mosaics icons masks theatre music rhythm "
    "drums dance gardens architecture temples manuscripts maps navigation poetry epics myths "
    "festivals cuisine spices tea porcelain lacquer bronze sculpture painting frescoes printing "
    "woodblock bookbinding scripts alphabets trade caravans oases empires cities rivers harbours "
    "monasteries libraries astronomy calendars dyes indigo jewellery goldsmiths glass"
)
SUBJECTS = SUBJECT_WORDS.split()
SYLLABLES = ["ka", "lo", "mi", "ren", "tu", "sa", "vel", "or", "in", "dar", "pe", "qui", "mon"]


def make_vocabulary(rng: random.Random, size: int = 20000) -> list[str]:
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(SUBJECTS) for _ in range(words)).capitalize() + "."


def prose(rng: random.Random, vocabulary: list[str], words: int, subjects: int = 2) -> str:
    """Zipf-like prose: common made-up words often, rare ones seldom, and a few subjects."""
    chosen = [
        vocabulary[min(int(rng.paretovariate(1.1)) - 1, len(vocabulary) - 1)] for _ in range(words)
    ]
    for _ in range(subjects):
        chosen.insert(rng.randrange(len(chosen) + 1), rng.choice(SUBJECTS))
    return " ".join(chosen).capitalize() + "."


def paragraph_stream(text: str) -> str:
    return json.dumps([{"type": "paragraph", "value": f"<p>{text}</p>", "id": str(uuid.uuid4())}])


def ensure_database(url: str, *, reset: bool = False) -> None:
    """Create the bench database next to the others if it does not exist yet (or anew)."""
    import psycopg

    name = url.rsplit("/", 1)[1].split("?")[0]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        if reset:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def setup_django() -> None:
    import django

    django.setup()


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)


def child_path(parent_path: str, position: int) -> str:
    from wagtail.models import Page

    return Page._get_path(parent_path, len(parent_path) // Page.steplen + 1, position)


def insert_specific_rows(model, rows: list[dict]) -> None:
    """One batched INSERT into the page type's own table (the part bulk_create cannot do)."""
    from django.db import connection

    columns = list(rows[0])
    # Table and column names come from the models, never from input.
    sql = (
        f'INSERT INTO "{model._meta.db_table}" ({", ".join(columns)}) '  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, [list(row.values()) for row in rows[start : start + BATCH]])


def bulk_pages(model, specs: list[dict], *, locale, now) -> list[int]:
    """Insert the Page rows of ``specs`` (title, slug, path, parent url_path, fields) in bulk."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    content_type = ContentType.objects.get_for_model(model)
    pages = [
        Page(
            title=spec["title"],
            draft_title=spec["title"],
            slug=spec["slug"],
            path=spec["path"],
            depth=len(spec["path"]) // Page.steplen,
            numchild=spec["numchild"],
            url_path=spec["url_path"],
            content_type=content_type,
            locale=locale,
            live=True,
            has_unpublished_changes=False,
            first_published_at=now,
            last_published_at=now,
        )
        for spec in specs
    ]
    ids: list[int] = []
    for start in range(0, len(pages), BATCH):
        ids += [page.pk for page in Page.objects.bulk_create(pages[start : start + BATCH])]
    insert_specific_rows(
        model, [{"page_ptr_id": pk, **spec["fields"]} for pk, spec in zip(ids, specs, strict=True)]
    )
    return ids


def build_search_index() -> None:
    """Index entries for every learning page, in SQL, english configuration (all pages are en)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    from learning.models import ContentItemPage, CoursePage, ModulePage, ProgramPage

    body_sql = {
        ProgramPage: "s.summary",
        CoursePage: "s.summary",
        ModulePage: "s.summary",
        ContentItemPage: (
            "coalesce((SELECT string_agg(b->>'value', ' ') "
            "FROM jsonb_array_elements(s.body) b), '')"
        ),
    }
    with connection.cursor() as cursor:
        for model, body in body_sql.items():
            content_type = ContentType.objects.get_for_model(model).pk
            # The SQL fragments come from this module and the models' tables, never from input.
            cursor.execute(
                f"""
                INSERT INTO wagtailsearch_indexentry (content_type_id, object_id, title,
                  autocomplete, body, title_norm, title_text, body_text)
                SELECT %s, p.id::text,
                       setweight(to_tsvector('english', p.title), 'A'),
                       to_tsvector('simple', p.title),
                       setweight(to_tsvector('english', {body}), 'D'),
                       1.0, p.title, left({body}, 2000)
                FROM wagtailcore_page p JOIN "{model._meta.db_table}" s ON s.page_ptr_id = p.id
                ON CONFLICT (content_type_id, object_id) DO NOTHING
                """,  # noqa: S608
                [content_type],
            )


def seed(*, programs: int, seed_value: int = 2026) -> dict:
    from django.db import connection, transaction
    from django.utils import timezone
    from wagtail.models import Locale, Page

    from culturedegree import demo
    from learning.models import (
        ContentItemPage,
        CoursePage,
        ModulePage,
        ProgramIndexPage,
        ProgramPage,
    )

    rng = random.Random(seed_value)
    vocabulary = make_vocabulary(rng)
    demo.ensure_locales()
    home = demo.ensure_home_page()
    index = ProgramIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(instance=ProgramIndexPage(title="Programs", slug="programs"))
        index.save_revision().publish()
    if ProgramPage.objects.count() >= programs:
        return {"skipped": True, "pages": Page.objects.count()}

    locale = Locale.get_default()
    now = timezone.now()
    started = time.monotonic()
    with transaction.atomic():
        program_specs, course_specs, module_specs, item_specs = [], [], [], []
        for p in range(1, programs + 1):
            program_path = child_path(index.path, p)
            program_url = f"{index.url_path}program-{p}/"
            program_specs.append(
                {
                    "title": f"{sentence(rng, 3)[:-1]} {p}",
                    "slug": f"program-{p}",
                    "path": program_path,
                    "url_path": program_url,
                    "numchild": COURSES_PER_PROGRAM,
                    "fields": {
                        "summary": prose(rng, vocabulary, 25),
                        "overview": paragraph_stream(prose(rng, vocabulary, 80, subjects=3)),
                        "difficulty": rng.choice(["beginner", "intermediate", "advanced"]),
                        "estimated_duration_weeks": rng.randint(2, 24),
                        "thumbnail_id": None,
                        "requirements": "[]",
                    },
                }
            )
            for c in range(1, COURSES_PER_PROGRAM + 1):
                course_path = child_path(program_path, c)
                course_url = f"{program_url}course-{c}/"
                course_specs.append(
                    {
                        "title": f"{sentence(rng, 3)[:-1]} {p}.{c}",
                        "slug": f"course-{c}",
                        "path": course_path,
                        "url_path": course_url,
                        "numchild": MODULES_PER_COURSE,
                        "fields": {
                            "summary": prose(rng, vocabulary, 18),
                            "estimated_hours": rng.randint(4, 20),
                            "learning_objectives": json.dumps(
                                [
                                    {
                                        "type": "objective",
                                        "value": sentence(rng, 8),
                                        "id": str(uuid.uuid4()),
                                    }
                                    for _ in range(3)
                                ]
                            ),
                        },
                    }
                )
                for m in range(1, MODULES_PER_COURSE + 1):
                    module_path = child_path(course_path, m)
                    module_url = f"{course_url}module-{m}/"
                    module_specs.append(
                        {
                            "title": f"{sentence(rng, 2)[:-1]} {p}.{c}.{m}",
                            "slug": f"module-{m}",
                            "path": module_path,
                            "url_path": module_url,
                            "numchild": ITEMS_PER_MODULE,
                            "fields": {
                                "summary": prose(rng, vocabulary, 12, subjects=1),
                                "module_type": "lesson",
                                "estimated_minutes": rng.randint(20, 90),
                                "overview": "[]",
                            },
                        }
                    )
                    for i in range(1, ITEMS_PER_MODULE + 1):
                        item_specs.append(
                            {
                                "title": f"{sentence(rng, 2)[:-1]} {p}.{c}.{m}.{i}",
                                "slug": f"item-{i}",
                                "path": child_path(module_path, i),
                                "url_path": f"{module_url}item-{i}/",
                                "numchild": 0,
                                "fields": {
                                    "item_type": "text",
                                    "body": paragraph_stream(prose(rng, vocabulary, 120)),
                                    "duration_seconds": None,
                                    # Open to anonymous visitors: the bench reads as one.
                                    "is_free_preview": True,
                                },
                            }
                        )
        for model, specs in (
            (ProgramPage, program_specs),
            (CoursePage, course_specs),
            (ModulePage, module_specs),
            (ContentItemPage, item_specs),
        ):
            bulk_pages(model, specs, locale=locale, now=now)
        Page.objects.filter(pk=index.pk).update(numchild=programs)
        build_search_index()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        "programs": len(program_specs),
        "courses": len(course_specs),
        "modules": len(module_specs),
        "items": len(item_specs),
        "seconds": round(time.monotonic() - started, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--programs", type=int, default=200)
    parser.add_argument("--reset", action="store_true", help="drop the bench database first")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        sys.exit("Set DATABASE_URL to the bench database (it is created if missing).")
    if not url.rsplit("/", 1)[1].endswith("_bench"):
        sys.exit("Refusing to seed a database whose name does not end in _bench.")
    ensure_database(url, reset=args.reset)
    setup_django()
    migrate()
    print(json.dumps(seed(programs=args.programs)))


if __name__ == "__main__":
    main()
