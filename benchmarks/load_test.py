"""Load test: 50 simulated negotiators for 60 s against gunicorn and PostgreSQL.

The mix (benchmarks/locustfile.py): dashboard, plan overview, the three stage pages,
saving each stage's form with its CSRF token, the counterparty list and detail, the print
view, and the PDF now and then, with a think time between actions. Production settings,
full volume, gunicorn with 2 x cores + 1 workers on 127.0.0.1. Locust runs through
`uvx --from locust==2.47.0` (never an app dependency) and stops by itself.

It prints the total requests, failures, server errors (the target is 0), and the median
and 95th percentile of page views (target: p95 under 300 ms), saves and the PDF.

    uv run python benchmarks/load_test.py
    uv run python benchmarks/load_test.py --think-min 1 --think-max 3   # stress: faster than people
"""

import argparse
import json
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from common import (
    FULL_DB,
    ROOT,
    collectstatic,
    default_workers,
    ensure_volume,
    free_port,
    gunicorn,
    machine,
    make_sessions,
    need,
    percentile,
    production_env,
)

LOCUST = os.environ.get("BENCH_LOCUST", "locust==2.47.0")
TARGET_P95_MS = 300


def kind(name: str) -> str:
    if name == "PDF":
        return "PDF"
    if name.endswith("(save)"):
        return "form saves"
    return "page views"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    # A person reads a page and types into it for a while; 1-3 s makes it a stress test.
    parser.add_argument("--think-min", type=float, default=5.0)
    parser.add_argument("--think-max", type=float, default=15.0)
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument("--database", default=FULL_DB)
    parser.add_argument("--scale", type=float, default=1.0, help="volume if it must be built")
    args = parser.parse_args()
    if not 1 <= args.seconds <= 600 or not 1 <= args.users <= 500:
        raise SystemExit("keep it bounded: --seconds 1..600, --users 1..500")
    need("uvx", "install uv (python3 -m pip install uv)")

    ensure_volume(args.database, args.scale)
    env = production_env(args.database)
    collectstatic(env)
    sessions = make_sessions(env, args.users)
    sessions_file = Path("/tmp/np_bench_sessions.json")
    results_file = Path("/tmp/np_bench_locust_results.json")
    sessions_file.write_text(json.dumps(sessions))
    results_file.unlink(missing_ok=True)
    port = free_port()
    locust_env = {
        **os.environ,
        "NP_SESSIONS": str(sessions_file),
        "NP_RESULTS": str(results_file),
        "NP_THINK_MIN": str(args.think_min),
        "NP_THINK_MAX": str(args.think_max),
    }
    locust_env.pop("VIRTUAL_ENV", None)
    command = [
        "uvx",
        "--from",
        LOCUST,
        "locust",
        "-f",
        str(ROOT / "benchmarks" / "locustfile.py"),
        "--headless",
        "--users",
        str(args.users),
        "--spawn-rate",
        str(max(1, args.users // 5)),
        "--run-time",
        f"{args.seconds}s",
        "--stop-timeout",
        "10",
        "--host",
        f"http://127.0.0.1:{port}",
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    log = Path(f"/tmp/np_bench_load_{port}.log")
    with gunicorn(env, port=port, workers=args.workers, access_log=True, log_path=log):
        locust = subprocess.run(
            command,
            env=locust_env,
            capture_output=True,
            text=True,
            timeout=args.seconds + 300,  # includes a first download of locust
            check=False,
        )
    if not results_file.exists():
        sys.stderr.write(locust.stdout[-5000:] + locust.stderr[-5000:])
        raise SystemExit("locust wrote no results")
    records = json.loads(results_file.read_text())

    by_name: dict[str, list] = defaultdict(list)
    by_kind: dict[str, list] = defaultdict(list)
    for name, _method, ms, status in records:
        by_name[name].append((ms, status))
        by_kind[kind(name)].append((ms, status))
    server_errors = sum(1 for *_, status in records if status >= 500)
    failures = sum(1 for *_, status in records if status not in (200, 302))

    print()
    print(f"Machine: {machine()}; locust and gunicorn share the machine")
    print(
        f"{args.users} simulated negotiators for {args.seconds} s, think time "
        f"{args.think_min:g}-{args.think_max:g} s; gunicorn {args.workers} sync workers; "
        f"database {args.database}"
    )
    print()
    print(f"{'request':<32} {'count':>6} {'median ms':>10} {'p95 ms':>8} {'max ms':>8} {'bad':>4}")
    for group in (by_name, by_kind):
        for name in sorted(group):
            times = [ms for ms, _ in group[name]]
            bad = sum(1 for _, status in group[name] if status not in (200, 302))
            print(
                f"{name:<32} {len(times):>6} {percentile(times, 0.5):>10.0f} "
                f"{percentile(times, 0.95):>8.0f} {max(times):>8.0f} {bad:>4}"
            )
        print()
    pages_p95 = percentile([ms for ms, _ in by_kind["page views"]], 0.95)
    print(f"total requests: {len(records)} ({len(records) / args.seconds:.1f}/s)")
    print(f"failures (not 200/302): {failures}; server errors (5xx): {server_errors}")
    verdict = "met" if pages_p95 < TARGET_P95_MS else "NOT met"
    print(f"page views p95: {pages_p95:.0f} ms (target < {TARGET_P95_MS} ms: {verdict})")
    print(f"gunicorn log with access lines: {log}")
    if server_errors:
        raise SystemExit(1)


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
