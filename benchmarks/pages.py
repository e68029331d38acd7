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


def serve_measurements() -> None:
    """Child process, pointed at one database: times pages on request over stdin/stdout.

    Reads "<page label> <count>" lines and answers each with a JSON line of the query
    count and the times in ms, so that the parent can alternate between the two
    databases page by page and round by round: both volumes then see the same machine.
    """
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
    client = Client()
    client.force_login(user)
    urls = {}
    for label, name, kind in PAGES:
        args = {"plan": [plan.pk], "counterparty": [plan.counterparty_id], None: []}[kind]
        try:
            urls[label] = reverse(name, args=args)
        except NoReverseMatch:
            continue
    answer(
        {
            "user": user.username,
            "user_plans": len(plans),
            "user_counterparties": user.counterparties.count(),
            "plan_items": plan.n,
            "pages": list(urls),
        }
    )
    for line in sys.stdin:
        label, count = line.rstrip("\n").rsplit(" ", 1)
        url = urls[label]
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)  # warm-up, and the query count
        # Read it now: every request start clears the connection's query log.
        query_count = len(queries.captured_queries)
        times = []
        deadline = time.monotonic() + 60  # bounded however slow a page is
        for _ in range(int(count)):
            if response.status_code != 200:
                break
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            if time.monotonic() > deadline:
                break
        answer({"status": response.status_code, "queries": query_count, "times": times})


def answer(data: dict) -> None:
    sys.stdout.write("RESULT=" + json.dumps(data) + "\n")
    sys.stdout.flush()


class Child:
    """A measuring process for one database."""

    def __init__(self, database: str):
        self.database = database
        self.process = subprocess.Popen(
            [PYTHON, __file__, "--child"],
            cwd=ROOT,
            env=production_env(database),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.info = self.read()

    def read(self) -> dict:
        for line in self.process.stdout:
            if line.startswith("RESULT="):
                return json.loads(line.removeprefix("RESULT="))
        raise SystemExit(f"measuring {self.database} failed (exit {self.process.wait()})")

    def measure(self, label: str, count: int) -> dict:
        self.process.stdin.write(f"{label} {count}\n")
        self.process.stdin.flush()
        result = self.read()
        if result["status"] != 200:
            raise SystemExit(f"{self.database}: {label} answered {result['status']}")
        return result

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)


def summarise(pages: dict) -> dict:
    return {
        label: {
            "queries": entry["queries"],
            "median": percentile(entry["times"], 0.5),
            "p95": percentile(entry["times"], 0.95),
            "n": len(entry["times"]),
        }
        for label, entry in pages.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=50, help="timed requests per page")
    parser.add_argument("--slow-requests", type=int, default=10, help="timed requests for the PDF")
    parser.add_argument(
        "--rounds", type=int, default=5, help="alternations between the two databases per page"
    )
    parser.add_argument("--full-scale", type=float, default=1.0)
    parser.add_argument("--small-scale", type=float, default=0.01)
    parser.add_argument("--rebuild", action="store_true", help="refill the databases")
    parser.add_argument("--drop", action="store_true", help="drop the databases at the end")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        serve_measurements()
        return

    fill = {}
    for name, scale in ((FULL_DB, args.full_scale), (SMALL_DB, args.small_scale)):
        fill[name] = ensure_volume(name, scale, rebuild=args.rebuild)
    collectstatic(production_env(FULL_DB))
    children = {FULL_DB: Child(FULL_DB), SMALL_DB: Child(SMALL_DB)}
    results = {name: {} for name in children}
    labels = list(children[FULL_DB].info["pages"])
    rounds = max(1, args.rounds)
    for label in labels:
        total = args.slow_requests if label in SLOW else args.requests
        per_round = max(1, total // rounds)
        for _ in range(rounds):  # alternate: full, small, full, small...
            for name, child in children.items():
                result = child.measure(label, per_round)
                entry = results[name].setdefault(label, {"times": []})
                entry["queries"] = result["queries"]
                entry["times"] += result["times"]
    for child in children.values():
        child.close()
    full = {**children[FULL_DB].info, "pages": summarise(results[FULL_DB])}
    small = {**children[SMALL_DB].info, "pages": summarise(results[SMALL_DB])}

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
        f"in {args.rounds} rounds alternating between the two databases, each round after "
        "one warm-up request"
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
