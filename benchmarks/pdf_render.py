"""How long the PDF of a full plan takes: `uv run python benchmarks/pdf_render.py`.

Builds a plan of the size issue 5 names (6 gaps, 10 roadmap steps, 30 information
items, 20 questions, 10 occasions, 10 people; names in Vietnamese, Chinese, Japanese,
Korean and Thai) in a scratch SQLite database, then requests /plans/<id>/plan.pdf
through Django's test client (middleware, queries, templates and WeasyPrint, no
network) several times and prints the median and the spread. The first request
is reported apart: it loads fonts and parses the stylesheets once per process.

    --runs N        timed requests after the first (default 9)
    --layout brief  the one-page brief instead of the full plan
    --paper letter  US Letter instead of A4
    --all-sections  include the confidential sections too
    --configured-db use the database in DATABASE_URL (a throwaway user is created and
                    deleted again) instead of a scratch SQLite file

The target on the development machine is a median under 1.5 s for the full plan.
"""

import argparse
import logging
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--layout", choices=["full", "brief"], default="full")
    parser.add_argument("--paper", choices=["a4", "letter"], default="a4")
    parser.add_argument("--all-sections", action="store_true")
    parser.add_argument("--configured-db", action="store_true")
    return parser.parse_args()


def _setup_django(scratch: Path | None) -> None:
    if scratch is not None:
        os.environ["DATABASE_URL"] = f"sqlite:///{scratch / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    logging.disable(logging.WARNING)  # WeasyPrint's notes on CSS it skips, the login audit
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from countries.models import ScoreEdition

    if not ScoreEdition.objects.filter(is_default=True).exists():
        call_command("load_hofstede", verbosity=0)


def _measure(args: argparse.Namespace) -> None:
    from django.contrib.auth.models import User
    from django.test import Client
    from django.urls import reverse

    from plans.printing import DEFAULT_SECTIONS, SECTION_KEYS
    from tests.plans.fullplan import full_plan

    user = User.objects.create_user(f"bench-{os.getpid()}-{time.time_ns()}", password=None)
    try:
        plan = full_plan(user)
        client = Client()
        client.force_login(user)
        sections = SECTION_KEYS if args.all_sections else sorted(DEFAULT_SECTIONS)
        query = f"layout={args.layout}&paper={args.paper}" + "".join(
            f"&sections={key}" for key in sections
        )
        url = f"{reverse('plans:pdf', args=[plan.pk])}?{query}"

        def one() -> tuple[float, float, bytes]:
            start, cpu_start = time.perf_counter(), time.process_time()
            response = client.get(url)
            elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")
            return elapsed, cpu, response.content

        first, _cpu, pdf = one()
        runs = [one() for _ in range(args.runs)]
        times = [wall for wall, _, _ in runs]
        cpu_times = [cpu for _, cpu, _ in runs]
    finally:
        counterparty_ids = list(user.counterparties.values_list("pk", flat=True))
        user.plans.all().delete()
        user.counterparties.filter(pk__in=counterparty_ids).delete()
        user.delete()

    print(f"PDF of a full plan: layout={args.layout}, paper={args.paper}, sections={sections}")
    print(f"  size {len(pdf) / 1024:.0f} KiB, {_page_count(pdf)} pages")
    print(f"  first request (fonts, stylesheets): {first * 1000:.0f} ms")
    print(f"  {len(times)} timed requests:")
    print(f"    median {statistics.median(times) * 1000:.0f} ms")
    print(f"    mean   {statistics.fmean(times) * 1000:.0f} ms")
    print(f"    min    {min(times) * 1000:.0f} ms")
    print(f"    max    {max(times) * 1000:.0f} ms")
    if len(times) > 1:
        print(f"    stdev  {statistics.stdev(times) * 1000:.0f} ms")
    # CPU time of this process: close to the wall time on an idle machine, and steadier
    # than it when other work competes for the cores.
    print(f"    median CPU time {statistics.median(cpu_times) * 1000:.0f} ms")
    print(
        f"  load average over the last minute: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores"
    )
    verdict = "under" if statistics.median(times) < 1.5 else "OVER"
    print(f"  median is {verdict} the 1.5 s target")


def _page_count(pdf: bytes) -> str:
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo is None:
        return "? (install poppler-utils to count)"
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        info = subprocess.run([pdfinfo, file.name], capture_output=True, text=True, check=True)
    return next(line.split()[1] for line in info.stdout.splitlines() if line.startswith("Pages:"))


def main() -> None:
    args = _parse_args()
    if args.runs < 1:
        raise SystemExit("--runs must be at least 1")
    if args.configured_db:
        _setup_django(None)
        _measure(args)
        return
    with tempfile.TemporaryDirectory(prefix="pdf-bench-") as scratch:
        _setup_django(Path(scratch))
        _measure(args)


if __name__ == "__main__":
    main()
