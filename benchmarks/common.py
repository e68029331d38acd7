"""What the benchmark scripts share: PostgreSQL databases with volume, production settings,
gunicorn on 127.0.0.1, and signed-in sessions made without the sign-in form.

Every script runs from the project root with `uv run python benchmarks/<name>.py`. Traffic
goes to 127.0.0.1 only, and every loop is bounded in count and time.
"""

import contextlib
import json
import math
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg2

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
# The PostgreSQL server the benchmarks create their databases on (trust auth here).
PG_BASE = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
FULL_DB = "np_bench_full"
SMALL_DB = "np_bench_small"
STATIC_ROOT = Path(os.environ.get("BENCH_STATIC_ROOT", "/tmp/np_bench_static"))
FULL_PLANS = 20000  # fill_volume's default; a database of scale s holds round(s * this)


def db_url(name: str) -> str:
    return f"{PG_BASE}/{name}"


def _admin_connection():
    connection = psycopg2.connect(db_url("postgres"), connect_timeout=5)
    connection.autocommit = True
    return connection


def database_exists(name: str) -> bool:
    with _admin_connection() as connection, connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None


def drop_database(name: str) -> None:
    connection = _admin_connection()
    try:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        connection.close()


def create_database(name: str) -> None:
    connection = _admin_connection()
    try:
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
    finally:
        connection.close()


def plan_count(name: str) -> int | None:
    """Plans in the database, or None when it has no plans table yet."""
    try:
        connection = psycopg2.connect(db_url(name), connect_timeout=5)
    except psycopg2.OperationalError:
        return None
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT to_regclass('plans_plan') IS NOT NULL")
            if not cursor.fetchone()[0]:
                return None
            cursor.execute("SELECT count(*) FROM plans_plan")
            return cursor.fetchone()[0]
    finally:
        connection.close()


def analyze(name: str) -> None:
    connection = psycopg2.connect(db_url(name), connect_timeout=5)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    finally:
        connection.close()


def production_env(database: str, **extra: str) -> dict[str, str]:
    """The environment of a production deployment, on plain HTTP at 127.0.0.1."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}
    }
    env.update(
        {
            "DEBUG": "0",
            "SECRET_KEY": "benchmark-secret-key-not-for-production-0123456789abcdefghij",
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "DATABASE_URL": db_url(database),
            "CONN_MAX_AGE": "60",
            "DATABASE_CONNECT_TIMEOUT": "5",
            # TLS would end at the load balancer; here we talk plain HTTP to gunicorn.
            "SECURE_SSL_REDIRECT": "0",
            "STATIC_ROOT": str(STATIC_ROOT),
            "LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "negotiation_prep.settings",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str, quiet: bool = True) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"manage.py {' '.join(args)} failed ({result.returncode})")
    if not quiet:
        print(result.stdout.rstrip())
    return result.stdout


def ensure_volume(name: str, scale: float, *, rebuild: bool = False, seed: int = 2026) -> float:
    """A database `name` filled by fill_volume at `scale`; reused when it already is.

    Returns the seconds spent filling (0 when reused). Migrations run either way.
    """
    expected = max(1, round(FULL_PLANS * scale))
    env = production_env(name)
    if not rebuild and database_exists(name) and plan_count(name) == expected:
        manage(env, "migrate", "--noinput")
        print(f"[{name}] reusing: {expected} plans already there")
        return 0.0
    print(f"[{name}] creating at scale {scale} ({expected} plans)...", flush=True)
    drop_database(name)
    create_database(name)
    manage(env, "migrate", "--noinput")
    manage(env, "load_hofstede")
    started = time.monotonic()
    manage(env, "fill_volume", "--scale", str(scale), "--seed", str(seed), quiet=False)
    elapsed = time.monotonic() - started
    analyze(name)  # fresh planner statistics, as autovacuum would give a live database
    print(f"[{name}] filled in {elapsed:.0f} s", flush=True)
    return elapsed


def collectstatic(env: dict[str, str]) -> None:
    manage(env, "collectstatic", "--noinput")


SESSIONS_CODE = """
import json
from django.contrib.auth.models import User
from django.db.models import Count
from django.test import Client
from plans.models import Plan

out = []
users = User.objects.filter(username__startswith="volume-").order_by("username")[:{count}]
for user in users:
    client = Client()
    client.force_login(user)
    plans = list(
        Plan.objects.filter(owner=user)
        .annotate(n=Count("questions", distinct=True) + Count("occasions", distinct=True))
        .order_by("n", "pk")
        .values_list("pk", flat=True)
    )
    middle = plans[len(plans) // 2 :] + plans[: len(plans) // 2]  # typical ones first
    counterparty = user.counterparties.order_by("pk").values_list("pk", flat=True).first()
    out.append(
        {{
            "username": user.username,
            "sessionid": client.cookies["sessionid"].value,
            "plans": middle[:10],
            "counterparty": counterparty,
        }}
    )
print("SESSIONS=" + json.dumps(out))
"""


def make_sessions(env: dict[str, str], count: int) -> list[dict]:
    """Signed-in sessions (stored in the database) for `count` volume users, with plan ids.

    Made with Django's test client instead of the sign-in form: password hashing is slow
    on purpose and would turn a page benchmark into a hashing benchmark.
    """
    output = manage(env, "shell", "-c", SESSIONS_CODE.format(count=count))
    line = next(line for line in output.splitlines() if line.startswith("SESSIONS="))
    sessions = json.loads(line.removeprefix("SESSIONS="))
    if not sessions:
        raise SystemExit("No volume users in this database: run fill_volume first.")
    return sessions


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def default_workers() -> int:
    return 2 * (os.cpu_count() or 1) + 1


@contextlib.contextmanager
def gunicorn(
    env: dict[str, str],
    *,
    port: int,
    workers: int,
    access_log: bool = False,
    log_path: Path | None = None,
):
    """Run gunicorn on 127.0.0.1:port until the block ends; waits for /healthz first."""
    log_path = log_path or Path(f"/tmp/np_bench_gunicorn_{port}.log")
    # The production configuration (preloaded app, views imported before forking), with
    # this run's address, worker count and logs.
    command = [
        PYTHON,
        "-m",
        "gunicorn",
        "--config",
        str(ROOT / "deploy" / "gunicorn.conf.py"),
        "negotiation_prep.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--access-logfile",
        "-" if access_log else "/dev/null",
        "--error-logfile",
        "-",
    ]
    with log_path.open("w") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_until_up(f"http://127.0.0.1:{port}/healthz", process, log_path)
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)


def wait_until_up(url: str, process: subprocess.Popen, log_path: Path, limit: float = 90) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited early; see {log_path}:\n{log_path.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer {url} within {limit:.0f} s; see {log_path}")


def need(tool: str, hint: str) -> str:
    path = shutil.which(tool)
    if path is None:
        raise SystemExit(f"{tool} not found: {hint}")
    return path


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile (fraction 0.5 = median, 0.95 = p95)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(fraction * len(ordered))))
    return ordered[rank - 1]


def machine() -> str:
    cores = os.cpu_count()
    try:
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError):
        memory = float("nan")
    load = os.getloadavg()[0]
    return (
        f"{cores} cores, {memory:.0f} GiB, Python {sys.version.split()[0]}; "
        f"load average {load:.1f} at the end (above {cores} means other work shared the cores)"
    )
