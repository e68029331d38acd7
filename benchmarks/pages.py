"""Page benchmark: SQL queries and server time per page, at full volume and at 1/100.

For the dashboard, counterparty list, plan list, plan overview, each stage page, the
print view and the PDF (whichever exist), it signs in as a volume user with typical data
and requests each page many times in-process with Django's test client, under the
production settings on PostgreSQL. It prints the query count and the median and 95th
percentile of the time per request for both volumes side by side: if nothing grows with
the data, the two columns match.

    uv run python benchmarks/pages.py                # builds np_bench_full / np_bench_small
    uv run python benchmarks/pages.py --requests 100 --drop

The databases are reused when they already hold the right volume (see --rebuild).
"""

import argparse
import json
import os
import subprocess
import sys
import time

from common import (
    FULL_DB,
    PYTHON,
    ROOT,
    SMALL_DB,
    collectstatic,
    drop_database,
    ensure_volume,
    machine,
    percentile,
    plan_count,
    production_env,
)

# (label, URL name, argument kind); pages whose URL name is missing are skipped.
PAGES = [
    ("dashboard", "plans:dashboard", None),
    ("counterparty list", "counterparties:list", None),
    ("counterparty detail", "counterparties:detail", "counterparty"),
    ("plan list", "plans:list", None),
    ("plan overview", "plans:detail", "plan"),
    ("stage 1: gap", "plans:gap", "plan"),
    ("stage 2: goals", "plans:goals", "plan"),
    ("stage 3: relationship", "plans:relationship", "plan"),
    ("print view", "plans:print", "plan"),
    ("PDF", "plans:pdf", "plan"),
]
SLOW = {"PDF"}


def measure(requests: int, slow_requests: int) -> dict:
    """Runs inside a child process whose environment points at one database."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import NoReverseMatch, reverse

    from plans.models import Plan

    user = User.objects.filter(username__startswith="volume-").order_by("username").first()
    plans = list(
        Plan.objects.filter(owner=user)
        .annotate(n=Count("questions", distinct=True) + Count("occasions", distinct=True))
        .order_by("n", "pk")
    )
    plan = plans[len(plans) // 2]  # a plan with a typical number of items
    counterparty = plan.counterparty
    client = Client()
    client.force_login(user)
    results = {}
    for label, name, kind in PAGES:
        args = {"plan": [plan.pk], "counterparty": [counterparty.pk], None: []}[kind]
        try:
            url = reverse(name, args=args)
        except NoReverseMatch:
            continue
        count = slow_requests if label in SLOW else requests
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)  # warm-up, and the query count
        # Read it now: every request start clears the connection's query log.
        query_count = len(queries.captured_queries)
        if response.status_code != 200:
            raise SystemExit(f"{label}: {url} answered {response.status_code}")
        times = []
        deadline = time.monotonic() + 120  # bounded however slow a page is
        for _ in range(count):
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{label}: {url} answered {response.status_code}")
            if time.monotonic() > deadline:
                break
        results[label] = {
            "queries": query_count,
            "median": percentile(times, 0.5),
            "p95": percentile(times, 0.95),
            "n": len(times),
        }
    return {
        "user": user.username,
        "user_plans": len(plans),
        "user_counterparties": user.counterparties.count(),
        "plan_items": plan.n,
        "pages": results,
    }


def run_child(database: str, args: argparse.Namespace) -> dict:
    env = production_env(database)
    command = [
        PYTHON,
        __file__,
        "--child",
        "--requests",
        str(args.requests),
        "--slow-requests",
        str(args.slow_requests),
    ]
    result = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800, check=False
    )
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"measuring {database} failed")
    line = next(line for line in result.stdout.splitlines() if line.startswith("RESULT="))
    return json.loads(line.removeprefix("RESULT="))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=50, help="timed requests per page")
    parser.add_argument("--slow-requests", type=int, default=10, help="timed requests for the PDF")
    parser.add_argument("--full-scale", type=float, default=1.0)
    parser.add_argument("--small-scale", type=float, default=0.01)
    parser.add_argument("--rebuild", action="store_true", help="refill the databases")
    parser.add_argument("--drop", action="store_true", help="drop the databases at the end")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print("RESULT=" + json.dumps(measure(args.requests, args.slow_requests)))
        return

    fill = {}
    for name, scale in ((FULL_DB, args.full_scale), (SMALL_DB, args.small_scale)):
        fill[name] = ensure_volume(name, scale, rebuild=args.rebuild)
    collectstatic(production_env(FULL_DB))
    full = run_child(FULL_DB, args)
    small = run_child(SMALL_DB, args)

    print()
    print(f"Machine: {machine()}; PostgreSQL on 127.0.0.1; DEBUG=0, in-process test client")
    for label, name, result in (("full", FULL_DB, full), ("1/100", SMALL_DB, small)):
        print(
            f"{label:>6}: {name}: {plan_count(name)} plans in the database; user "
            f"{result['user']} has {result['user_plans']} plans, "
            f"{result['user_counterparties']} counterparties; the plan measured has "
            f"{result['plan_items']} questions + occasions"
        )
    print(
        f"Timed requests per page: {args.requests} ({args.slow_requests} for the PDF), "
        "after one warm-up request"
    )
    print()
    header = (
        f"{'page':<22} | {'queries':>7} {'median ms':>9} {'p95 ms':>8} | "
        f"{'queries':>7} {'median ms':>9} {'p95 ms':>8}"
    )
    print(f"{'':<22} | {'full volume':^26} | {'1/100 volume':^26}")
    print(header)
    print("-" * len(header))
    for label, _name, _kind in PAGES:
        if label not in full["pages"]:
            continue
        a, b = full["pages"][label], small["pages"].get(label, {})
        print(
            f"{label:<22} | {a['queries']:>7} {a['median']:>9.1f} {a['p95']:>8.1f} | "
            f"{b.get('queries', 0):>7} {b.get('median', 0):>9.1f} {b.get('p95', 0):>8.1f}"
        )
    skipped = [label for label, _n, _k in PAGES if label not in full["pages"]]
    if skipped:
        print(f"(not built yet, skipped: {', '.join(skipped)})")
    if args.drop:
        for name in (FULL_DB, SMALL_DB):
            drop_database(name)
        print("Dropped the benchmark databases.")


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
