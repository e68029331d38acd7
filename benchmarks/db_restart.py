"""Fault test: PostgreSQL goes away in the middle of a light load, then comes back.

gunicorn (production settings, CONN_MAX_AGE with health checks, DATABASE_CONNECT_TIMEOUT)
serves a signed-in user's plan overview and /healthz to a few client threads. After
--at seconds the machine's own PostgreSQL cluster is stopped, kept down for --down
seconds and started again (--down 0: one `restart`). The script prints a timeline and
checks that

- requests during the outage fail fast (within --fail-fast seconds) with the app's 500
  page (/healthz: 503), instead of hanging a worker;
- the app recovers by itself, without restarting gunicorn, within --recover seconds of
  the database being back, and every request after that succeeds.

WARNING: this restarts the local PostgreSQL server, which drops every other connection to
it (other people's test runs too). It always starts the cluster again on the way out, also
after an error or Ctrl-C, so it is safe to rerun.

    uv run python benchmarks/db_restart.py
    uv run python benchmarks/db_restart.py --at 8 --down 6 --seconds 35
"""

import argparse
import os
import subprocess
import threading
import time
from collections import defaultdict
from pathlib import Path

from common import (
    SMALL_DB,
    collectstatic,
    ensure_volume,
    free_port,
    gunicorn,
    machine,
    make_sessions,
    need,
    production_env,
)
from webclient import Browser

ERROR_PAGE_TEXT = "Something went wrong on our side"  # templates/500.html
MAX_REQUESTS = 20000


def cluster() -> list[str]:
    versions = sorted(os.listdir("/etc/postgresql"))
    if not versions:
        raise SystemExit("no PostgreSQL cluster under /etc/postgresql")
    return ["pg_ctlcluster", "--skip-systemctl-redirect", versions[-1], "main"]


def pg(action: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*cluster(), action], capture_output=True, text=True, timeout=60, check=False
    )


def pg_running() -> bool:
    return pg("status").returncode == 0


def ensure_pg_running() -> None:
    if not pg_running():
        result = pg("start")
        if result.returncode != 0 and not pg_running():
            raise SystemExit(f"could not start PostgreSQL: {result.stderr}")


class Load:
    """Client threads that request pages until `stop` is set or the limits are reached."""

    def __init__(self, port: int, sessionid: str, plan: int, threads: int, seconds: float):
        self.port, self.sessionid, self.plan = port, sessionid, plan
        self.threads, self.deadline = threads, time.monotonic() + seconds
        self.records: list[tuple[float, str, int, float, bool]] = []
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.start = time.monotonic()

    def worker(self, index: int) -> None:
        # The overview as a signed-in user; /healthz as a load balancer sends it: no cookies.
        paths = [("overview", f"/plans/{self.plan}/", True), ("healthz", "/healthz", False)]
        turn = index
        while not self.stop.is_set() and time.monotonic() < self.deadline:
            with self.lock:
                if len(self.records) >= MAX_REQUESTS:
                    return
            name, path, signed_in = paths[turn % len(paths)]
            turn += 1
            cookies = {"sessionid": self.sessionid} if signed_in else {}
            browser = Browser(self.port, cookies=cookies, timeout=20)
            started = time.monotonic() - self.start
            response = browser.get(path)
            error_page = ERROR_PAGE_TEXT in response.body
            with self.lock:
                self.records.append((started, name, response.status, response.seconds, error_page))
            time.sleep(0.05)

    def run(self) -> list[threading.Thread]:
        threads = [
            threading.Thread(target=self.worker, args=(i,), daemon=True)
            for i in range(self.threads)
        ]
        for thread in threads:
            thread.start()
        return threads


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=30, help="length of the load")
    parser.add_argument("--at", type=float, default=8, help="stop PostgreSQL after this")
    parser.add_argument("--down", type=float, default=5, help="seconds PostgreSQL stays down")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--fail-fast", type=float, default=2.0)
    parser.add_argument("--recover", type=float, default=5.0)
    parser.add_argument("--database", default=SMALL_DB)
    parser.add_argument(
        "--dry-run", action="store_true", help="the load and timeline only; leave PostgreSQL alone"
    )
    args = parser.parse_args()
    if not 5 <= args.seconds <= 120 or not 0 < args.at < args.seconds:
        raise SystemExit("keep it bounded: --seconds 5..120 and 0 < --at < --seconds")
    need("pg_ctlcluster", "this script restarts the machine's own Debian PostgreSQL cluster")

    ensure_pg_running()
    ensure_volume(args.database, 0.01)
    env = production_env(args.database, CONN_MAX_AGE="60", DATABASE_CONNECT_TIMEOUT="5")
    collectstatic(env)
    session = make_sessions(env, 1)[0]
    port = free_port()
    log = Path(f"/tmp/np_bench_db_restart_{port}.log")
    events: list[tuple[float, str]] = []
    try:
        with gunicorn(env, port=port, workers=args.workers, access_log=True, log_path=log) as gun:
            load = Load(port, session["sessionid"], session["plans"][0], args.threads, args.seconds)
            threads = load.run()
            time.sleep(args.at)
            if args.dry_run:
                events.append((time.monotonic() - load.start, "dry run: PostgreSQL left alone"))
            elif args.down > 0:
                events.append((time.monotonic() - load.start, "PostgreSQL stop requested"))
                pg("stop")
                events.append((time.monotonic() - load.start, "PostgreSQL stopped"))
                time.sleep(args.down)
                events.append((time.monotonic() - load.start, "PostgreSQL start requested"))
                pg("start")
                start_requested = events[-1][0]
            else:
                events.append((time.monotonic() - load.start, "PostgreSQL restart requested"))
                pg("restart")
            if args.dry_run or args.down <= 0:
                start_requested = events[-1][0]
            back = time.monotonic() - load.start
            events.append((back, "PostgreSQL accepting connections again"))
            for thread in threads:
                thread.join(timeout=args.seconds + 30)
            load.stop.set()
            gunicorn_pid = gun.pid
            gunicorn_alive = gun.poll() is None
    finally:
        ensure_pg_running()

    records = sorted(load.records)
    down_from = events[0][0]  # stop, restart or the dry run's mark
    print()
    print(f"Machine: {machine()}; gunicorn {args.workers} workers (pid {gunicorn_pid})")
    print(f"{args.threads} client threads for {args.seconds:g} s; database {args.database}")
    print()
    print("Timeline (second: requests by status, slowest in ms; * = the app's 500 page)")
    buckets: dict[int, list] = defaultdict(list)
    for started, _name, status, seconds, error_page in records:
        buckets[int(started)].append((status, seconds, error_page))
    marks = defaultdict(list)
    for at, what in events:
        marks[int(at)].append(f"{what} at {at:.1f} s")
    for second in range(int(args.seconds) + 1):
        rows = buckets.get(second, [])
        counts: dict[str, int] = defaultdict(int)
        for status, _seconds, error_page in rows:
            counts[f"{status or 'no answer'}{'*' if error_page else ''}"] += 1
        slowest = max((s for _, s, _ in rows), default=0) * 1000
        summary = ", ".join(f"{k}: {v}" for k, v in sorted(counts.items())) or "-"
        note = ("   <- " + "; ".join(marks[second])) if marks[second] else ""
        print(f"  {second:>3} s  {summary:<34} slowest {slowest:>6.0f} ms{note}")

    failed = [r for r in records if r[2] != 200]
    first_ok_after = next((r for r in records if r[0] >= start_requested and r[2] == 200), None)
    recovered_at = first_ok_after[0] if first_ok_after else None
    after = [r for r in records if recovered_at is not None and r[0] >= recovered_at + 1]
    slowest_failure = max((r[3] for r in failed), default=0.0)
    overview_failures = [r for r in failed if r[1] == "overview"]
    print()
    print(
        f"requests: {len(records)}; failed: {len(failed)} (all between stop and recovery: "
        f"{all(down_from - 1 <= r[0] <= (recovered_at or 1e9) for r in failed)})"
    )
    print(
        "failed overview requests answered with the app's 500 page: "
        f"{sum(1 for r in overview_failures if r[2] == 500 and r[4])} of {len(overview_failures)}"
    )
    print(f"slowest failed request: {slowest_failure * 1000:.0f} ms (limit {args.fail_fast:g} s)")
    healthz_failures = [r for r in failed if r[1] == "healthz"]
    print(
        "failed /healthz requests answered 503: "
        f"{sum(1 for r in healthz_failures if r[2] == 503)} of {len(healthz_failures)}"
    )
    if recovered_at is None:
        print("NOT RECOVERED: no successful request after PostgreSQL came back")
    else:
        print(
            f"first success {recovered_at - start_requested:.2f} s after PostgreSQL's start "
            f"was requested ({recovered_at - back:+.2f} s from pg_ctlcluster returning; "
            f"limit {args.recover:g} s); after that: {len(after)} requests, "
            f"{sum(1 for r in after if r[2] != 200)} failed"
        )
    print(f"gunicorn kept running, never restarted: {gunicorn_alive}")
    ok = (
        gunicorn_alive
        and slowest_failure <= args.fail_fast
        and recovered_at is not None
        and recovered_at - start_requested <= args.recover
        and all(r[2] == 200 for r in after)
        and all(r[2] == 500 and r[4] for r in overview_failures)
        and all(r[2] == 503 for r in healthz_failures)
    )
    if args.dry_run:
        print("RESULT: dry run, PostgreSQL was not touched")
        return
    print("RESULT: " + ("fails fast and recovers by itself" if ok else "FAILED (see above)"))
    if not ok:
        raise SystemExit(1)


if __name__ == "__main__":
    os.chdir(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    main()
