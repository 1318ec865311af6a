"""The assessments bench: start, save and submit a 20-question quiz under load, beside the
constant view (the ceiling of Django on this machine).

    .venv/bin/python bench/assessments/run.py [--duration 10] [--learners 2000] [--port 8152]

It seeds `cd_assessments_bench` (BENCH_DATABASE_URL to change; the name must end in
`_bench`): one quiz of 20 questions using all eight question types, unlimited attempts, no
cooldown, and 2,000 learners enrolled, each signed in with its own app session token. It
serves the site with gunicorn on 127.0.0.1 (bench/settings.py) and drives with wrk:

1. the ceiling (GET /bench/constant);
2. starting an attempt (POST /api/v1/assessments/{id}/attempts), one per learner;
3. saving the 20 answers of the open attempts (PATCH /api/v1/attempts/{id}), over and over
   (before it, every learner the start row did not reach gets an attempt opened directly);
4. submitting them (POST /api/v1/attempts/{id}/submit), once each: graded at once, except
   the two essays, which leave the attempt awaiting a grader, as for a real learner.

Each run first deletes the quiz's attempts, so every learner starts again. A row that uses
up its learners or attempts before --duration ends stops there; its req/s is then a lower
bound (wrk divides by the whole duration) and it says so: pass more --learners. Prints
requests/s, p50 and p99 and the share of the ceiling; writes bench/results/assessments.json.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.run import HOST, PYTHON, bench_env, start_server, stop_server, to_ms, warm_up  # noqa: E402

DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/cd_assessments_bench"
THREADS = 2
CONNECTIONS = 8
SEED = ROOT / "bench" / "assessments" / "seed.py"
# Each wrk thread takes every THREADS-th target of the list, from its own offset. `once`
# rows stop the thread when its share is used up (a start or a submit cannot repeat).
SCRIPT = """
local targets = dofile("%(targets)s")
local stride, once = %(threads)d, %(once)s
local threads = {}
function setup(thread)
  thread:set("first", #threads)
  table.insert(threads, thread)
end
function init(args)
  counter = first or 0
  exhausted = 0
end
function request()
  local t = targets[counter + 1]
  if t == nil and not once then
    counter = first or 0
    t = targets[counter + 1]
  end
  if t == nil then
    exhausted = 1
    wrk.thread:stop()
    return wrk.format("GET", "/bench/constant")
  end
  counter = counter + stride
  return wrk.format(t.method, t.path,
    {["Content-Type"] = "application/json", ["X-Session-Token"] = t.token}, t.body)
end
function done(summary, latency, requests)
  local n = 0
  for _, thread in ipairs(threads) do n = n + (thread:get("exhausted") or 0) end
  io.write(string.format("EXHAUSTED %%d\\n", n))
end
"""


def run_wrk(url: str, *, duration: int, connections: int, script: str | None = None) -> dict:
    command = ["wrk", "--threads", str(THREADS), "--connections", str(connections),
               "--duration", f"{duration}s", "--timeout", "10s", "--latency"]  # fmt: skip
    if script:
        command += ["--script", script]
    output = subprocess.run(
        [*command, url], check=True, capture_output=True, text=True, timeout=duration + 30
    ).stdout
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    exhausted = re.search(r"EXHAUSTED (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": to_ms(re.search(r"\s50%\s+(\S+)", output).group(1)),
        "p99_ms": to_ms(re.search(r"\s99%\s+(\S+)", output).group(1)),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "errors": int(non_2xx.group(1)) if non_2xx else 0,
        "ran_out": bool(exhausted and int(exhausted.group(1))),
    }


def seed_step(env: dict, *args: str) -> str:
    return (
        subprocess.run(
            [PYTHON, str(SEED), *args], env=env, cwd=ROOT, check=True,
            capture_output=True, text=True, timeout=1800,
        ).stdout.strip().splitlines()[-1]
    )  # fmt: skip


def lua_script(scratch: Path, name: str, targets: Path, *, once: bool) -> str:
    script = scratch / f"{name}.lua"
    script.write_text(
        SCRIPT % {"targets": targets, "threads": THREADS, "once": "true" if once else "false"}
    )
    return str(script)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per row")
    parser.add_argument("--connections", type=int, default=CONNECTIONS)
    parser.add_argument("--learners", type=int, default=2000, help="each starts one attempt")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8152")))
    args = parser.parse_args()
    if not 8100 <= args.port <= 8199:
        sys.exit("Use a port between 8100 and 8199.")
    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    name = database_url.rsplit("/", 1)[-1]
    if not name.endswith("_bench"):
        sys.exit("The bench database's name must end in _bench.")
    subprocess.run(
        ["createdb", "-h", HOST, "-U", "postgres", name], capture_output=True, check=False
    )
    env = bench_env(database_url)
    seeded = json.loads(seed_step(env, "seed", "--learners", str(args.learners)))
    print(f"seed: quiz {seeded['assessment']}, {seeded['learners']} learners", flush=True)
    results = {}
    with tempfile.TemporaryDirectory() as scratch_dir:
        scratch = Path(scratch_dir)
        targets = scratch / "targets"
        seed_step(env, "starts", str(targets))
        server = start_server(env, args.port)
        base = f"http://{HOST}:{args.port}"
        try:
            warm_up(base + "/bench/constant")
            wrk = {"duration": args.duration, "connections": args.connections}
            results["ceiling (constant view)"] = run_wrk(base + "/bench/constant", **wrk)
            script = lua_script(scratch, "start", targets, once=True)
            results["start an attempt"] = run_wrk(base, script=script, **wrk)
            seed_step(env, "answers", str(targets))
            script = lua_script(scratch, "save", targets.with_suffix(".save"), once=False)
            results["save 20 answers (PATCH)"] = run_wrk(base, script=script, **wrk)
            script = lua_script(scratch, "submit", targets.with_suffix(".submit"), once=True)
            results["submit (grade 20)"] = run_wrk(base, script=script, **wrk)
        finally:
            stop_server(server)
    ceiling = results["ceiling (constant view)"]["rps"]
    print(f"\n{'row':<26}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'ratio':>8}{'requests':>10}")
    for label, row in results.items():
        print(
            f"{label:<26}{row['rps']:>9.1f}{row['p50_ms']:>9.1f}{row['p99_ms']:>9.1f}"
            f"{row['rps'] / ceiling:>8.1%}{row['requests']:>10}"
            + (f"  ({row['errors']} non-2xx)" if row["errors"] else "")
            + ("  (ran out before the end: req/s is a lower bound)" if row["ran_out"] else "")
        )
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "assessments.json").write_text(json.dumps(results, indent=2))
    return 1 if any(row["errors"] for row in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
