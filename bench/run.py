"""The catalog bench: seed a big catalog, serve it with gunicorn, drive it with wrk, print figures.

Each learner-facing URL is compared with a constant view served by the same stack (the
framework's ceiling on this machine): catalog, program and item pages must reach 7% of it,
search and the API listing 3.5%. Traffic goes to 127.0.0.1 only; every run is bounded in time.

    make bench                                 # all of it
    .venv/bin/python bench/run.py --duration 5 # shorter runs

Environment: BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/cd_site_bench),
BENCH_PORT (default 8150, within 8100-8199).
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/cd_site_bench"
HOST = "127.0.0.1"

# (name, path, minimum share of the ceiling)
TARGETS = [
    ("catalog", "/en/programs/", 0.07),
    ("catalog filtered", "/en/programs/?difficulty=advanced&duration=medium&page=2", 0.07),
    ("program page", "/en/programs/program-17/", 0.07),
    ("item page", "/en/programs/program-17/course-3/module-2/item-4/", 0.07),
    ("search", "/en/search/?q=ceramics+caravans", 0.035),
    ("API listing", "/api/v3/pages/?type=learning.ProgramPage&limit=20", 0.035),
]
CEILING = ("ceiling (constant view)", "/bench/constant")
# The certificate benches: filled in with the id bench/seed_certificate.py prints.
CERTIFICATE_TARGETS = [
    ("certificate page", "/en/certificates/{id}/", 0.07),
    ("credential JSON", "/certificates/{id}.json", 0.07),
]


def bench_env(database_url: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "PYTHONPATH": str(ROOT),
        "ALLOWED_HOSTS": f"{HOST},localhost",
    }


def seed(env: dict, programs: int) -> None:
    started = time.monotonic()
    result = subprocess.run(
        [PYTHON, str(ROOT / "bench" / "seed_catalog.py"), "--programs", str(programs)],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        timeout=900,
    )
    print(f"seed: {result.stdout.strip()} ({time.monotonic() - started:.0f} s)")


def seed_certificate(env: dict) -> str:
    result = subprocess.run(
        [PYTHON, str(ROOT / "bench" / "seed_certificate.py")],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return result.stdout.strip().splitlines()[-1]


def start_server(env: dict, port: int) -> subprocess.Popen:
    gunicorn = Path(PYTHON).with_name("gunicorn")
    server = subprocess.Popen(
        [
            str(gunicorn),
            "culturedegree.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"{HOST}:{port}",
            "--log-level",
            "warning",
            "--timeout",
            "60",
        ],
        env=env,
        cwd=ROOT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            ceiling_url = f"http://{HOST}:{port}/bench/constant"
            with urllib.request.urlopen(ceiling_url, timeout=2):
                return server
        except OSError:
            if server.poll() is not None:
                sys.exit("gunicorn exited while starting; see its output above.")
            time.sleep(0.5)
    stop_server(server)
    sys.exit("gunicorn did not answer within 60 s.")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def warm_up(url: str) -> int:
    """Fetch twice (fills caches); returns the status, which must be 200 to count."""
    status = 0
    for _ in range(2):
        try:
            with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - http only
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
    return status


def to_ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def run_wrk(url: str, *, duration: int, connections: int) -> dict:
    output = subprocess.run(
        [
            "wrk",
            "--threads",
            "2",
            "--connections",
            str(connections),
            "--duration",
            f"{duration}s",
            "--timeout",
            "10s",
            "--latency",
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=duration + 30,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = to_ms(re.search(r"\s50%\s+(\S+)", output).group(1))
    p99 = to_ms(re.search(r"\s99%\s+(\S+)", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return {
        "rps": rps,
        "p50_ms": p50,
        "p99_ms": p99,
        "errors": int(non_2xx.group(1)) if non_2xx else 0,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per URL")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--programs", type=int, default=200)
    parser.add_argument(
        "--no-page-cache",
        action="store_true",
        help="render every request (fragment caches stay on): the cost of a cache miss",
    )
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8150")))
    args = parser.parse_args()
    if not 8100 <= args.port <= 8199:
        sys.exit("Use a port between 8100 and 8199.")
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (Debian package `wrk`).")

    env = bench_env(os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL))
    if args.no_page_cache:
        env["BENCH_PAGE_CACHE_SECONDS"] = "0"
    seed(env, args.programs)
    certificate_id = seed_certificate(env)
    targets = TARGETS + [
        (name, path.format(id=certificate_id), target) for name, path, target in CERTIFICATE_TARGETS
    ]
    server = start_server(env, args.port)
    rows = []
    try:
        base = f"http://{HOST}:{args.port}"
        for name, path, target in [(*CEILING, None), *targets]:
            status = warm_up(base + path)
            if status != 200:
                print(f"{name}: {path} answered {status}, not measured")
                rows.append({"name": name, "path": path, "status": status, "target": target})
                continue
            figures = run_wrk(base + path, duration=args.duration, connections=args.connections)
            rows.append({"name": name, "path": path, "target": target, **figures})
    finally:
        stop_server(server)

    ceiling = rows[0].get("rps") or 0
    print(f"\n{'URL':<26}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'ratio':>8}{'target':>8}  result")
    failures = 0
    for row in rows:
        if "rps" not in row:
            failures += 1
            print(
                f"{row['name']:<26}{'-':>9}{'-':>9}{'-':>9}{'-':>8}{'':>8}  FAIL ({row['status']})"
            )
            continue
        ratio = row["rps"] / ceiling if ceiling else 0
        row["ratio"] = round(ratio, 4)
        target = row["target"]
        verdict = ""
        if target is not None:
            ok = ratio >= target and not row["errors"]
            failures += not ok
            verdict = "ok" if ok else "FAIL"
        print(
            f"{row['name']:<26}{row['rps']:>9.1f}{row['p50_ms']:>9.1f}{row['p99_ms']:>9.1f}"
            f"{ratio:>8.1%}{(f'{target:.1%}' if target else ''):>8}  {verdict}"
            + (f" ({row['errors']} non-2xx)" if row["errors"] else "")
        )
    results_dir = ROOT / "bench" / "results"
    results_dir.mkdir(exist_ok=True)
    (results_dir / "catalog.json").write_text(json.dumps(rows, indent=2))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
