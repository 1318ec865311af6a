"""The journey bench: heartbeats and the My learning dashboard under load.

    .venv/bin/python bench/journey/run.py [--port 8231] [--duration 15] [--reuse]

Builds a separate database (cd_journey_bench on the DATABASE_URL server, dropped and
recreated unless --reuse), seeds 10,000 learners and 2,000,000 progress rows with
server-side INSERT ... SELECT, starts gunicorn (--workers sync workers, 2 by default) on
127.0.0.1, drives it with wrk from outside the process, and compares with what pgbench
reaches on the same database for the equivalent upsert. Prints requests/s, p50/p99, the
ratios against the targets, and how many concurrent learners the server holds at the real
client's cadence (read from static/js/progress.js), one ping at a time and in batches.
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
BENCH_DB = "cd_journey_bench"
PROGRAMS, COURSES, MODULES, ITEMS = 10, 4, 2, 6  # 48 items a program
PROGRAMS_PER_LEARNER, ITEMS_PER_PROGRAM = 5, 40  # 200 progress rows a learner
HEARTBEAT_LEARNERS = 500
WARMUP = 3  # seconds of the same load before each measurement, not counted
BATCH_ENTRIES = 10
BATCH_CONNECTIONS = (2, 4, 8)
P99_BUDGET_MS = 100
CLIENT_SCRIPT = ROOT / "static/js/progress.js"


def client_ping_interval() -> int:
    """Seconds of viewing between two pings of the real page (PING_INTERVAL_MS)."""
    match = re.search(r"PING_INTERVAL_MS\s*=\s*(\d+)", CLIENT_SCRIPT.read_text())
    if match is None:
        sys.exit(f"PING_INTERVAL_MS not found in {CLIENT_SCRIPT}")
    return int(match.group(1)) // 1000


def server_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if not url:
        sys.exit("Set DATABASE_URL to a PostgreSQL server (the bench database is created on it).")
    return url.rsplit("/", 1)[0]


def setup_django(db_url: str) -> None:
    os.environ["DATABASE_URL"] = db_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.journey.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def recreate_database(server: str) -> None:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
            [BENCH_DB],
        )
        conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}"')
        conn.execute(f'CREATE DATABASE "{BENCH_DB}"')


def step(message: str):
    print(f"· {message}", flush=True)
    return time.monotonic()


def seed() -> dict:
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection

    from culturedegree import demo
    from learning.models import (
        ContentItemPage,
        CoursePage,
        ModulePage,
        ProgramIndexPage,
        ProgramPage,
    )

    started = step("migrating the bench database")
    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)
    step(f"migrated in {time.monotonic() - started:.0f}s; building {PROGRAMS} programs")
    started = time.monotonic()
    demo.ensure_locales()
    home = demo.ensure_home_page()
    catalog = home.add_child(instance=ProgramIndexPage(title="Programs", slug="programs"))
    items_rows = []
    body = [("paragraph", "<p>Bench content.</p>")]
    for p in range(PROGRAMS):
        program = catalog.add_child(
            instance=ProgramPage(title=f"Program {p}", summary="Bench.", estimated_duration_weeks=8)
        )
        position = 0
        for c in range(COURSES):
            course = program.add_child(
                instance=CoursePage(title=f"Course {p}.{c}", summary="Bench.", estimated_hours=3)
            )
            for m in range(MODULES):
                module = course.add_child(
                    instance=ModulePage(title=f"Module {p}.{c}.{m}", estimated_minutes=30)
                )
                for i in range(ITEMS):
                    item = module.add_child(
                        instance=ContentItemPage(
                            title=f"Item {p}.{c}.{m}.{i}", body=body, duration_seconds=300
                        )
                    )
                    items_rows.append((p, position, item.id, module.id, course.id, program.id))
                    position += 1
    step(f"content built in {time.monotonic() - started:.0f}s; seeding learners and progress")
    started = time.monotonic()
    password = make_password("bench-password-2026")
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE bench_items (program_idx int, pos int, item_id int, module_id int,"
            " course_id int, program_id int)"
        )
        with cursor.copy("COPY bench_items FROM STDIN") as copy:
            for row in items_rows:
                copy.write_row(row)
        cursor.execute("CREATE INDEX ON bench_items (program_idx, pos)")
        cursor.execute(
            """
            INSERT INTO culturedegree_user (id, password, last_login, is_superuser, email, name,
                avatar, preferred_language, timezone, is_active, is_staff, date_joined,
                created_at, updated_at)
            SELECT md5('learner' || n)::uuid, %s, NULL, false, 'learner' || n || '@bench.test',
                'Learner ' || n, '', 'en', 'UTC', true, false, now(), now(), now()
            FROM generate_series(1, %s) AS n
            """,
            [password, args.learners],
        )
        # Learner 1 is the dashboard learner: enrolled below through the domain functions.
        cursor.execute("SET session_replication_role = replica")
        cursor.execute(
            """
            INSERT INTO learning_enrollment (id, learner_id, program_id, status, enrolled_at,
                status_changed_at, completion_percentage, completed_items, total_items,
                time_spent_seconds, course_progress, requirements_left, last_activity_at)
            SELECT gen_random_uuid(), md5('learner' || n)::uuid, p.program_id, 'active',
                now() - interval '40 days', now() - interval '40 days', 62.5, 30, 48, 3600,
                '{}'::jsonb, '[]'::jsonb, now() - interval '1 day'
            FROM generate_series(2, %s) AS n
            JOIN (SELECT DISTINCT program_idx, program_id FROM bench_items) AS p
              ON (p.program_idx - n %% %s + %s) %% %s < %s
            """,
            [args.learners, PROGRAMS, PROGRAMS, PROGRAMS, PROGRAMS_PER_LEARNER],
        )
        cursor.execute(
            """
            INSERT INTO learning_progress (id, learner_id, content_item_id, module_id, course_id,
                started_at, last_seen_at, completed_at, is_completed, time_spent_seconds,
                progress_data)
            SELECT gen_random_uuid(), md5('learner' || n)::uuid, i.item_id, i.module_id,
                i.course_id, now() - interval '30 days', now() - interval '1 day',
                CASE WHEN i.pos < 30 THEN now() - interval '2 days' END, i.pos < 30,
                60 + i.pos, '{}'::jsonb
            FROM generate_series(1, %s) AS n
            JOIN bench_items AS i
              ON (i.program_idx - n %% %s + %s) %% %s < %s AND i.pos < %s
            """,
            [args.learners, PROGRAMS, PROGRAMS, PROGRAMS, PROGRAMS_PER_LEARNER, ITEMS_PER_PROGRAM],
        )
        cursor.execute("SET session_replication_role = DEFAULT")
        cursor.execute("SELECT count(*) FROM learning_progress")
        progress_rows = cursor.fetchone()[0]
        cursor.execute("ANALYZE")
    step(f"{progress_rows:,} progress rows seeded in {time.monotonic() - started:.0f}s")
    return {"items": items_rows, "progress_rows": progress_rows}


def enroll_dashboard_learner():
    import datetime as dt

    from django.utils import timezone

    from culturedegree.models import User
    from learning.journey.enrollment import enroll
    from learning.journey.recompute import recompute_enrollment
    from learning.models import DailyActivity, ProgramPage

    learner = User.objects.get(email="learner1@bench.test")
    for program in ProgramPage.objects.all():
        enrollment, _ = enroll(learner=learner, program=program)
        recompute_enrollment(enrollment=enrollment)
    today = timezone.localdate()
    DailyActivity.objects.bulk_create(
        DailyActivity(
            learner=learner, day=today - dt.timedelta(days=d), timezone="UTC", seconds=600 + d * 30
        )
        for d in range(0, 28, 2)
    )
    return learner


def session_key_for(user) -> str:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def heartbeat_targets(items_rows) -> list[tuple[str, int]]:
    from culturedegree.models import User

    by_program = {}
    for program_idx, pos, item_id, *_ in items_rows:
        if pos == 35:  # started, not completed
            by_program[program_idx] = item_id
    targets = []
    for n in range(2, 2 + HEARTBEAT_LEARNERS):
        user = User.objects.get(email=f"learner{n}@bench.test")
        targets.append((session_key_for(user), by_program[n % PROGRAMS]))
    return targets


def progress_seconds_total() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(sum(time_spent_seconds), 0) FROM learning_progress")
        return int(cursor.fetchone()[0])


def seconds_in_events_since(started) -> int:
    """What the progressed events written by the run say was credited (same transactions)."""
    from django.db.models import IntegerField, Sum
    from django.db.models.fields.json import KeyTextTransform
    from django.db.models.functions import Cast

    from learning.models import LearningEvent

    total = LearningEvent.objects.filter(verb="progressed", timestamp__gte=started).aggregate(
        total=Sum(Cast(KeyTextTransform("duration_seconds", "result"), IntegerField()))
    )["total"]
    return int(total or 0)


def rewind_credit() -> None:
    """Give every learner an hour of wall time to credit from (their HeartbeatWindow)."""
    import datetime as dt

    from django.utils import timezone

    from learning.models import HeartbeatWindow

    HeartbeatWindow.objects.update(credited_until=timezone.now() - dt.timedelta(hours=1))


def server_command(port: int) -> list[str]:
    return [
        str(ROOT / ".venv/bin/gunicorn"),
        "culturedegree.wsgi",
        "--workers",
        str(args.workers),
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
    ]


def start_server(port: int, db_url: str) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": db_url, "DJANGO_SETTINGS_MODULE": "bench.journey.settings"}
    server = subprocess.Popen(server_command(port), cwd=ROOT, env=env)
    for _ in range(100):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/constant", timeout=1):
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    sys.exit("gunicorn did not start")


def wrk(
    url: str, *, script: str, duration: int, connections: int, env: dict, warmup: bool = True
) -> dict:
    def run(seconds: int) -> str:
        return subprocess.run(
            [
                "wrk",
                "-t2",
                f"-c{connections}",
                f"-d{seconds}s",
                "--latency",
                "-s",
                str(HERE / script),
                url,
            ],
            capture_output=True,
            text=True,
            env={**os.environ, **env},
            check=True,
        ).stdout

    if warmup:  # worker processes' caches and prepared statements, as in steady state
        run(WARMUP)
    output = run(duration)
    result = {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": float(re.search(r"^P50 ([\d.]+)", output, re.M).group(1)),
        "p99": float(re.search(r"^P99 ([\d.]+)", output, re.M).group(1)),
        "errors": int(re.search(r"^ERRORS (\d+)", output, re.M).group(1)),
    }
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    result["non2xx"] = int(non2xx.group(1)) if non2xx else 0
    credited = re.search(r"^CREDITED (\d+)", output, re.M)
    if credited:
        result["credited"] = int(credited.group(1))
    return result


PGBENCH_UPSERT = """\\set n random(2, {learners})
\\set p random(0, {programs_per_learner_minus_one})
INSERT INTO learning_progress AS lp (id, learner_id, content_item_id, module_id, course_id,
    started_at, last_seen_at, is_completed, time_spent_seconds, progress_data)
SELECT gen_random_uuid(), md5('learner' || :n::int)::uuid, i.item_id, i.module_id,
    i.course_id, now(), now(), false, 0, '{{"position": 1}}'::jsonb
FROM bench_items AS i WHERE i.program_idx = (:n::int + :p::int) % {programs} AND i.pos = 35
ON CONFLICT (learner_id, content_item_id) DO UPDATE
SET time_spent_seconds = lp.time_spent_seconds + 1, last_seen_at = now(),
    progress_data = excluded.progress_data;
"""


def pgbench(db_url: str, duration: int, *, mode: str) -> dict:
    """pgbench with 4 clients; `mode` is its query protocol (prepared: the ceiling)."""
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as script:
        script.write(
            PGBENCH_UPSERT.format(
                learners=args.learners,
                programs=PROGRAMS,
                programs_per_learner_minus_one=PROGRAMS_PER_LEARNER - 1,
            )
        )
    command = ["pgbench", "-n", "-c4", "-j2", "-M", mode, "-f", script.name, "-d", db_url]
    subprocess.run([*command, f"-T{WARMUP}"], capture_output=True, check=True)
    output = subprocess.run(
        [*command, f"-T{duration}"], capture_output=True, text=True, check=True
    ).stdout
    os.unlink(script.name)
    return {
        "tps": float(re.search(r"tps = ([\d.]+)", output).group(1)),
        "latency": float(re.search(r"latency average = ([\d.]+) ms", output).group(1)),
    }


def heartbeat_round(load: dict) -> dict:
    """Heartbeats for one measured stretch, with the books checked: the seconds added to
    progress rows, the seconds in the events written and the seconds the responses reported."""
    from django.db import connection
    from django.utils import timezone

    rewind_credit()
    started = timezone.now()
    before = progress_seconds_total()
    connection.close()
    result = wrk(**load, duration=args.duration, warmup=False)
    time.sleep(1)  # let requests still in flight when wrk stopped finish
    added = progress_seconds_total() - before
    in_events = seconds_in_events_since(started)
    connection.close()
    return {
        "wrk": result,
        "added": added,
        "in_events": in_events,
        "credited": result.get("credited", -1),
    }


def main() -> None:
    server = server_url()
    db_url = f"{server}/{BENCH_DB}"
    if not args.reuse:
        recreate_database(server)
    setup_django(db_url)
    if args.reuse:
        from django.core.management import call_command
        from django.db import connection

        from learning.models import ContentItemPage  # noqa: F401

        call_command("migrate", verbosity=0, interactive=False)  # new migrations since the seed

        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT program_idx, pos, item_id, module_id, course_id, program_id"
                " FROM bench_items"
            )
            seeded = {"items": cursor.fetchall()}
            cursor.execute("SELECT count(*) FROM learning_progress")
            seeded["progress_rows"] = cursor.fetchone()[0]
    else:
        seeded = seed()
    learner = enroll_dashboard_learner() if not args.reuse else None
    from culturedegree.models import User

    learner = learner or User.objects.get(email="learner1@bench.test")
    dashboard_cookie = f"sessionid={session_key_for(learner)}"
    targets = heartbeat_targets(seeded["items"])
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write("return {\n")
        for token, item_id in targets:
            lua.write(f'  {{token = "{token}", item = {item_id}}},\n')
        lua.write("}\n")
    from django.db import connection

    connection.close()

    httpd = start_server(args.port, db_url)
    base = f"http://127.0.0.1:{args.port}"
    try:
        print("· wrk: constant view, dashboard", flush=True)
        constant = wrk(
            f"{base}/bench/constant",
            script="get.lua",
            duration=args.duration,
            connections=4,
            env={},
        )
        dashboard = wrk(
            f"{base}/en/my-learning/",
            script="get.lua",
            duration=args.duration,
            connections=4,
            env={"JOURNEY_COOKIE": dashboard_cookie},
        )
        heartbeat_load = {
            "url": f"{base}/",
            "script": "heartbeat.lua",
            "connections": 8,
            "env": {"JOURNEY_TARGETS": lua.name},
        }
        batch_load = {**heartbeat_load, "script": "heartbeat_batch.lua"}
        wrk(**heartbeat_load, duration=WARMUP, warmup=False)  # before the books are opened
        wrk(**batch_load, duration=WARMUP, warmup=False)
        # On a shared machine the speed drifts within minutes, so each round measures pgbench
        # and then the heartbeats right after it, and the ratio is taken round by round.
        rounds = []
        for number in range(1, args.rounds + 1):
            print(f"· round {number}: pgbench, then heartbeats ({args.duration}s each)", flush=True)
            pg = pgbench(db_url, args.duration, mode="prepared")
            rounds.append({"pg": pg, **heartbeat_round(heartbeat_load)})
        # A closed loop of 8 connections on 2 sync workers keeps 6 requests queued: the p99 it
        # reads is mostly queueing. The batch load is also measured with fewer connections,
        # and the capacity is the most learners a load holds within the p99 budget.
        batches = []
        for connections in BATCH_CONNECTIONS:
            print(
                f"· batches of {BATCH_ENTRIES}, {connections} connections ({args.duration}s)",
                flush=True,
            )
            batches.append(
                {
                    **heartbeat_round({**batch_load, "connections": connections}),
                    "connections": connections,
                }
            )
        pg_simple = pgbench(db_url, args.duration, mode="simple")
    finally:
        httpd.terminate()
        httpd.wait(timeout=10)
        os.unlink(lua.name)

    dashboard_ratio = dashboard["rps"] / constant["rps"]
    print()
    print(
        f"Seed: {args.learners:,} learners, {seeded['progress_rows']:,} progress rows;"
        f" gunicorn {args.workers} sync workers on {os.cpu_count()} CPUs"
    )
    print(f"{'':30}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'errors':>9}")
    rows = [("constant Django view", constant), ("dashboard (10 enrollments)", dashboard)]
    rows += [(f"heartbeat, round {n}", r["wrk"]) for n, r in enumerate(rounds, 1)]
    rows += [(f"batch of {BATCH_ENTRIES}, {b['connections']} conn.", b["wrk"]) for b in batches]
    for name, row in rows:
        errors = row["errors"] + row["non2xx"]
        print(f"{name:30}{row['rps']:>10.0f}{row['p50']:>10.1f}{row['p99']:>10.1f}{errors:>9}")
    for n, r in enumerate(rounds, 1):
        print(
            f"{f'pgbench prepared, round {n}':30}{r['pg']['tps']:>10.0f}"
            f"  avg {r['pg']['latency']:.2f} ms (4 clients; the ceiling)"
        )
    print(
        f"{'pgbench simple (reference)':30}{pg_simple['tps']:>10.0f}"
        f"  avg {pg_simple['latency']:.2f} ms"
    )
    print()
    ratios = [r["wrk"]["rps"] / r["pg"]["tps"] for r in rounds]
    heartbeat_ratio = statistics.median(ratios)
    print(
        f"heartbeat / pgbench upsert: median {heartbeat_ratio:.1%} of rounds "
        f"{', '.join(f'{ratio:.1%}' for ratio in ratios)} (target >= 25%) "
        f"{'PASS' if heartbeat_ratio >= 0.25 else 'FAIL'}"
    )
    for b in batches:
        b["entries"] = BATCH_ENTRIES
    books = [(f"round {n}", r) for n, r in enumerate(rounds, 1)]
    books += [(f"batches, {b['connections']} connections", b) for b in batches]
    for name, r in books:
        print(
            f"seconds, {name}: added to progress rows {r['added']:,}, recorded in events"
            f" {r['in_events']:,}, reported in responses wrk read {r['credited']:,}"
            f" ({'no seconds lost' if intact(r) else 'MISMATCH'})"
        )
    print("  (requests still in flight when wrk stops are credited but not read)")
    interval = client_ping_interval()
    single = max(rounds, key=lambda r: r["wrk"]["rps"])
    within = [b for b in batches if b["wrk"]["p99"] < P99_BUDGET_MS] or batches
    batch = max(within, key=lambda b: b["wrk"]["rps"])
    loads = [
        ("one ping a request, 8 connections", single, 1),
        (f"batches, {batch['connections']} connections", batch, BATCH_ENTRIES),
    ]
    for name, r, entries in loads:
        errors = r["wrk"]["errors"] + r["wrk"]["non2xx"]
        ok = r["wrk"]["p99"] < P99_BUDGET_MS and intact(r) and not errors
        learners = r["wrk"]["rps"] * entries * interval
        print(
            f"capacity, {name}: {learners:,.0f} concurrent learners at one ping per {interval} s"
            f" of viewing ({r['wrk']['rps']:.0f} req/s x {entries} x {interval} s), p99"
            f" {r['wrk']['p99']:.1f} ms (budget {P99_BUDGET_MS} ms): "
            f"{'PASS' if ok and learners >= 30_000 else 'FAIL'} (target >= 30,000)"
        )
    print(
        f"dashboard / constant view: {dashboard_ratio:.1%} (target >= 5%) "
        f"{'PASS' if dashboard_ratio >= 0.05 else 'FAIL'}; p99 {dashboard['p99']:.1f} ms "
        f"(target < 50 ms) {'PASS' if dashboard['p99'] < 50 else 'FAIL'}"
    )


def intact(r: dict) -> bool:
    """The seconds added to progress rows are those in the events and (but for the requests
    of wrk's connections in flight when it stopped) those the responses reported."""
    in_flight = r.get("connections", 8) * 60 * r.get("entries", 1)
    return r["added"] == r["in_events"] and 0 <= r["added"] - r["credited"] <= in_flight


parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--port", type=int, default=8231)
parser.add_argument("--duration", type=int, default=15)
parser.add_argument("--learners", type=int, default=10_000)
parser.add_argument("--reuse", action="store_true", help="keep the seeded bench database")
parser.add_argument("--rounds", type=int, default=3, help="pgbench + heartbeat rounds")
parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
args = parser.parse_args()

if __name__ == "__main__":
    main()
