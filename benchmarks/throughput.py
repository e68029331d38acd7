"""Throughput under gunicorn: the plan overview against a bare view of the same app.

Production settings (DEBUG=0, a real SECRET_KEY, WhiteNoise with collected static files),
PostgreSQL at full volume, gunicorn with 2 x cores + 1 sync workers on 127.0.0.1, and wrk
as the load tool for both targets in the same run:

- bare view: GET /healthz. It is the smallest page the app has: no template, no session,
  no login, but it still goes through every middleware and runs `SELECT 1` on the
  database. No debug-only endpoint is shipped for the benchmark.
- plan overview: GET /plans/<pk>/ as a signed-in volume user with typical data (session
  cookie made in the database), the heaviest everyday page.

It prints requests per second and latency for both and the ratio overview / bare.

    uv run python benchmarks/throughput.py
    uv run python benchmarks/throughput.py --duration 30 --connections 32 --workers 4
"""

import argparse
import json
import os
import re
import subprocess

from common import (
    FULL_DB,
    STATIC_ROOT,
    collectstatic,
    default_workers,
    ensure_volume,
    free_port,
    gunicorn,
    machine,
    make_sessions,
    need,
    production_env,
)
from webclient import Browser


def run_wrk(url: str, *, threads: int, connections: int, duration: int, cookie: str) -> dict:
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}s",
        "--timeout",
        "10s",
        "--latency",
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, timeout=duration + 60, check=True
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    total = int(re.search(r"(\d+) requests in", output).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: (.*)", output)
    latency = dict(re.findall(r"^\s+(50|90|99)%\s+([\d.]+\w+)", output, re.MULTILINE))
    return {
        "rps": rps,
        "requests": total,
        "non_2xx": int(bad.group(1)) if bad else 0,
        "socket_errors": errors.group(1).strip() if errors else "none",
        "latency": latency,
    }


def static_path() -> str | None:
    """The hashed URL of Bootstrap's CSS from collectstatic's manifest, if present."""
    manifest = STATIC_ROOT / "staticfiles.json"
    if not manifest.exists():
        return None
    paths = json.loads(manifest.read_text())["paths"]
    name = paths.get("bootstrap/css/bootstrap.min.css")
    return f"/static/{name}" if name else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument("--duration", type=int, default=20, help="seconds per target")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--database", default=FULL_DB)
    parser.add_argument("--scale", type=float, default=1.0, help="volume if it must be built")
    parser.add_argument("--static", action="store_true", help="also measure a static file")
    args = parser.parse_args()
    need("wrk", "apt-get install -y wrk")
    if not 1 <= args.duration <= 300:
        raise SystemExit("--duration must be between 1 and 300 seconds")

    ensure_volume(args.database, args.scale)
    env = production_env(args.database)
    collectstatic(env)
    session = make_sessions(env, 1)[0]
    plan = session["plans"][0]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cookie = f"sessionid={session['sessionid']}"
    targets = [
        ("bare view (/healthz)", "/healthz", ""),
        ("plan overview", f"/plans/{plan}/", cookie),
    ]
    if args.static and (path := static_path()):
        targets.append(("static CSS (WhiteNoise)", path, ""))

    results = {}
    with gunicorn(env, port=port, workers=args.workers):
        check = Browser(port, cookies={"sessionid": session["sessionid"]}).get(f"/plans/{plan}/")
        if check.status != 200:
            raise SystemExit(f"the overview answered {check.status}, not 200: session not valid")
        for label, path, target_cookie in targets:
            # A short warm-up so that every worker has its database connection open.
            run_wrk(base + path, threads=1, connections=4, duration=2, cookie=target_cookie)
            results[label] = run_wrk(
                base + path,
                threads=args.threads,
                connections=args.connections,
                duration=args.duration,
                cookie=target_cookie,
            )

    print()
    print(f"Machine: {machine()}; wrk and gunicorn share the machine")
    print(
        f"gunicorn: {args.workers} sync workers; database {args.database}; "
        f"wrk: {args.threads} threads, {args.connections} connections, {args.duration} s each; "
        f"overview of plan {plan} as {session['username']}"
    )
    print()
    print(f"{'target':<26} {'req/s':>9} {'p50':>9} {'p90':>9} {'p99':>9} {'non-2xx':>8}  errors")
    for label, result in results.items():
        lat = result["latency"]
        print(
            f"{label:<26} {result['rps']:>9.1f} {lat.get('50', '?'):>9} {lat.get('90', '?'):>9} "
            f"{lat.get('99', '?'):>9} {result['non_2xx']:>8}  {result['socket_errors']}"
        )
    bare = results["bare view (/healthz)"]["rps"]
    overview = results["plan overview"]["rps"]
    print()
    print(f"overview / bare = {overview / bare:.1%} (aim: 30% or more)")
    cores = os.cpu_count() or 1
    for label, rps in (("bare view", bare), ("overview", overview)):
        print(f"machine time per {label} (all {cores} cores busy): {1000 * cores / rps:.2f} ms")


if __name__ == "__main__":
    os.chdir(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    main()
