"""Profile learner pages in one process: where a request's time goes, and its queries.

Uses the bench database and settings (run bench/seed_catalog.py first) and the bench learner
(bench/learner.py). Each page is fetched twice to warm the caches, then once with its queries
captured and ``--requests`` times under cProfile; prints ms per request for the parts the
decision record names (routing, session and user, queries, StreamField, templates, outline).

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/cd_site_bench \\
        .venv/bin/python bench/profile_page.py [--anonymous] [--requests 30] [--queries]
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
os.environ.setdefault("BENCH_PAGE_CACHE_SECONDS", "0")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")

PAGES = [
    ("program", "/en/programs/program-17/"),
    ("course", "/en/programs/program-17/course-3/"),
    ("module", "/en/programs/program-17/course-3/module-2/"),
    ("item", "/en/programs/program-17/course-3/module-2/item-4/"),
    ("catalog search", "/en/programs/?q=ceramics+caravans"),
    ("site search", "/en/search/?q=ceramics+caravans"),
    ("my learning", "/en/my-learning/"),
    ("api listing", "/api/v3/pages/?type=learning.ProgramPage&limit=20"),
]

# (label, how the function is named in the profile: file fragment, function name)
PARTS = [
    ("whole request", "django/core/handlers/base.py", "get_response"),
    ("session load", "sessions/backends/db.py", "load"),
    ("user look-up", "django/contrib/auth/__init__.py", "get_user"),
    ("Wagtail serve view", "wagtail/views.py", "serve"),
    ("site look-up", "wagtail/models/sites.py", "find_for_request"),
    ("routing (route)", "learning/content/localization.py", "route_with_fallback"),
    ("page.serve", "wagtail/models/pages.py", "serve"),
    ("get_context", "learning/content/pages/base.py", "get_context"),
    ("learner context", "learning/journey/page_marks.py", "page_learner_context"),
    ("program_structure", "learning/journey/structure.py", "program_structure"),
    ("item gate (access, start)", "learning/views/gates.py", "item_gate"),
    ("start_item (writes)", "learning/journey/progress.py", "start_item"),
    ("template render", "django/template/response.py", "render"),
    ("StreamField render", "wagtail/blocks/stream_block.py", "render_basic"),
    ("content version", "learning/content/caching.py", "content_version"),
    ("SQL compile", "django/db/models/sql/compiler.py", "as_sql"),
    ("SQL execute", "django/db/backends/utils.py", "_execute"),
    ("cache get (DB cache)", "django/core/cache/backends/db.py", "get_many"),
]


def cumulative(stats: pstats.Stats, fragment: str, name: str) -> tuple[float, int]:
    total, calls = 0.0, 0
    for (filename, _line, function), (_cc, nc, _tt, ct, _callers) in stats.stats.items():
        if function == name and filename.endswith(fragment):
            total += ct
            calls += nc
    return total, calls


def where() -> str:
    """The innermost frames of ours and of Wagtail that led to a query."""
    import traceback

    ours, wagtail = "", ""
    for frame in traceback.extract_stack()[:-3]:
        name = f"{Path(frame.filename).name}:{frame.lineno} {frame.name}"
        if "/site-packages/" not in frame.filename and "profile_page" not in frame.filename:
            ours = name
        elif "/wagtail/" in frame.filename or "/allauth/" in frame.filename:
            wagtail = name
    return f"{ours} | {wagtail}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--anonymous", action="store_true")
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--queries", action="store_true", help="print each query")
    parser.add_argument("--only", help="one page name (program, course, module, item)")
    parser.add_argument("--top", type=int, default=0, help="print the N costliest functions")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from bench.learner import learner_with_progress

    client = Client(HTTP_HOST="127.0.0.1")
    if not args.anonymous:
        client.force_login(learner_with_progress())
    print(f"{'anonymous' if args.anonymous else 'signed-in enrolled learner'}, page cache off")
    for name, url in PAGES:
        if args.only and name != args.only:
            continue
        if args.anonymous and name == "my learning":
            continue
        for _ in range(2):
            assert client.get(url).status_code == 200, url
        queries = []

        def timed(execute, sql, params, many, context, queries=queries):
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                queries.append(((time.perf_counter() - started) * 1000, sql, where()))

        with connection.execute_wrapper(timed):
            client.get(url)
        started = time.perf_counter()
        for _ in range(args.requests):
            client.get(url)
        plain = (time.perf_counter() - started) * 1000 / args.requests
        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.enable()
        for _ in range(args.requests):
            client.get(url)
        profiler.disable()
        wall = (time.perf_counter() - started) * 1000 / args.requests
        stats = pstats.Stats(profiler)
        print(
            f"\n== {name} {url}: {len(queries)} queries, {plain:.1f} ms/request"
            f" ({wall:.1f} ms under cProfile; parts below are profiled ms;"
            f" {stats.total_calls // args.requests:,} Python calls/request)"
        )
        for label, fragment, function in PARTS:
            seconds, calls = cumulative(stats, fragment, function)
            if calls:
                print(
                    f"  {label:<28}{seconds * 1000 / args.requests:>8.1f} ms"
                    f"{calls / args.requests:>7.1f} calls"
                )
        if args.top:
            stats.sort_stats("cumulative").print_stats(args.top)
        if args.queries:
            for query in queries:
                print(f"   {query[0]:6.1f} ms  {query[2]:<70} {' '.join(query[1].split())[:90]}")


if __name__ == "__main__":
    main()
