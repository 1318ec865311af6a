"""The community bench: a 500-comment thread page and posting under load, beside the
constant view (the ceiling of Django on this machine).

It seeds `cd_community_bench` (BENCH_DATABASE_URL to change; the name must end in `_bench`),
serves the site with gunicorn on 127.0.0.1 (bench/settings.py), signs a learner in, then
drives with wrk: the ceiling, a 3-comment thread page, the 500-comment thread page, the
bell, and replies posted through the learner API. Prints requests/s and p50/p99, and the
ratio of the large thread to the small one (constant queries should keep it near 1, the
rest is rendering 500 comments). Writes bench/results/community.json.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.run import HOST, PYTHON, bench_env, start_server, stop_server, to_ms  # noqa: E402

DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/cd_community_bench"
POST_SCRIPT = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Session-Token"] = "{token}"
counter = 0
request = function()
  counter = counter + 1
  return wrk.format(nil, nil, nil, '{{"body": "A reply under load, number ' .. counter .. '."}}')
end
"""


def run_wrk(url: str, *, duration: int, connections: int, script: str) -> dict:
    """bench.run's wrk, with a Lua script (the session token, the posted body)."""
    output = subprocess.run(
        ["wrk", "--threads", "2", "--connections", str(connections), "--duration",
         f"{duration}s", "--timeout", "10s", "--latency", "--script", script, url],
        check=True, capture_output=True, text=True, timeout=duration + 30,
    ).stdout  # fmt: skip
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": to_ms(re.search(r"\s50%\s+(\S+)", output).group(1)),
        "p99_ms": to_ms(re.search(r"\s99%\s+(\S+)", output).group(1)),
        "errors": int(non_2xx.group(1)) if non_2xx else 0,
    }


def sign_in(base: str, email: str, password: str) -> str:
    request = urllib.request.Request(  # noqa: S310 - http on 127.0.0.1
        f"{base}/_allauth/app/v1/auth/login",
        data=json.dumps({"email": email, "password": password}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback
        return json.load(response)["meta"]["session_token"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per URL")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--port", type=int, default=8151)
    args = parser.parse_args()
    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    if not database_url.rsplit("/", 1)[-1].endswith("_bench"):
        sys.exit("The bench database's name must end in _bench.")
    name = database_url.rsplit("/", 1)[-1]
    subprocess.run(
        ["createdb", "-h", HOST, "-U", "postgres", name], capture_output=True, check=False
    )
    # Posting under load would hit the learner's rate limit at once: the bench measures the
    # posting path itself.
    env = {**bench_env(database_url), "COMMUNITY_POST_RATE_LIMIT": "1000000"}
    seeded = json.loads(
        subprocess.run(
            [PYTHON, str(ROOT / "bench" / "community" / "seed.py")],
            env=env, cwd=ROOT, check=True, capture_output=True, text=True, timeout=900,
        ).stdout.strip().splitlines()[-1]
    )  # fmt: skip
    server = start_server(env, args.port)
    base = f"http://{HOST}:{args.port}"
    results = {}
    try:
        token = sign_in(base, seeded["emails"][0], seeded["password"])
        gets = {
            "ceiling (constant view)": "/bench/constant",
            "thread, 3 comments (API)": f"/api/v1/discussions/{seeded['small']}",
            "thread, 500 comments (API)": f"/api/v1/discussions/{seeded['large']}",
            "unread count": "/api/v1/notifications/unread",
        }
        with tempfile.TemporaryDirectory() as scratch:
            header = Path(scratch) / "token.lua"
            header.write_text(f'wrk.headers["X-Session-Token"] = "{token}"\n')
            for label, path in gets.items():
                headers = {"X-Session-Token": token}
                request = urllib.request.Request(base + path, headers=headers)  # noqa: S310
                with urllib.request.urlopen(request, timeout=30):  # noqa: S310 - loopback
                    pass
                results[label] = run_wrk(
                    base + path, duration=args.duration, connections=args.connections,
                    script=str(header),
                )  # fmt: skip
            post = Path(scratch) / "post.lua"
            post.write_text(POST_SCRIPT.format(token=token))
            results["post a reply (API)"] = run_wrk(
                f"{base}/api/v1/discussions/{seeded['small']}/comments",
                duration=args.duration, connections=args.connections, script=str(post),
            )  # fmt: skip
    finally:
        stop_server(server)
    ceiling = results["ceiling (constant view)"]["rps"]
    for label, figures in results.items():
        print(
            f"{label:<30} {figures['rps']:>8.1f} req/s  p50 {figures['p50_ms']:>7.1f} ms  "
            f"p99 {figures['p99_ms']:>7.1f} ms  {figures['rps'] / ceiling:>6.1%} of ceiling"
            f"{'  errors: ' + str(figures['errors']) if figures['errors'] else ''}"
        )
    small = results["thread, 3 comments (API)"]["rps"]
    large = results["thread, 500 comments (API)"]["rps"]
    print(f"500-comment thread at {large / small:.0%} of the 3-comment thread's rate")
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "community.json").write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
