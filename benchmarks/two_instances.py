"""Two app servers, one database: a session started on one works on the other.

Starts two gunicorn instances on different ports against the same PostgreSQL database,
with the same settings (the same SECRET_KEY, as every server behind one load balancer
must have). Signs in through the sign-in form on A, then with the same cookies:

1. opens the dashboard and a stage page on B;
2. saves the stage's form on B (CSRF token from B's page, session from A);
3. reads the saved text and the success message back on A;
4. uploads a plan file on A for the import preview, and previews and confirms it on B;
5. signs out on B and checks that A no longer accepts the session;
6. as a trainer, uploads a score file for the import preview on A and confirms the
   import on B. Each instance has its own temporary folder (TMPDIR), as separate machines
   would: the uploaded file must wait in the shared database, not on A's disk.

Sessions live in the database, messages in a cookie and a pending import in the
database cache, and nothing is written to local disk, so any instance can serve any
request.

    uv run python benchmarks/two_instances.py
"""

import argparse
import html
import os
import re
import secrets
import sys
import tempfile
from pathlib import Path

from common import (
    SMALL_DB,
    collectstatic,
    ensure_volume,
    free_port,
    gunicorn,
    make_sessions,
    manage,
    production_env,
)
from webclient import Browser, form_fields, replace

PASSWORD = "volume-password-2026"  # fill_volume's default password for its users
TRAINER = "bench-trainer"
IMPORT_URL = "/admin/countries/countryscore/import/"
PROCESS_IMPORT_URL = "/admin/countries/countryscore/process_import/"
# The bundled Hofstede file: importing it into the default edition changes nothing.
SCORES_CSV = Path(__file__).resolve().parent.parent / "countries" / "data" / "hofstede-6d.csv"


def check(what: str, ok: bool, detail: str = "") -> bool:
    print(f"  [{'ok' if ok else 'FAILED'}] {what}{(': ' + detail) if detail else ''}")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default=SMALL_DB)
    parser.add_argument("--password", default=PASSWORD, help="the volume users' password")
    args = parser.parse_args()

    ensure_volume(args.database, 0.01)
    env = production_env(args.database)
    collectstatic(env)
    volume = make_sessions(env, 1)[0]  # only for the user name and a plan id
    username, plan = volume["username"], volume["plans"][0]
    trainer_password = secrets.token_urlsafe(16)
    # Afresh each run: create_trainer keeps the password of a user it only promotes.
    manage(
        env,
        "shell",
        "-c",
        "from django.contrib.auth.models import User; "
        f"User.objects.filter(username={TRAINER!r}).delete()",
    )
    manage(
        {**env, "NP_BENCH_TRAINER_PASSWORD": trainer_password},
        "create_trainer",
        TRAINER,
        "--password-from-env",
        "NP_BENCH_TRAINER_PASSWORD",
    )
    port_a = free_port()
    port_b = free_port()
    while port_b == port_a:
        port_b = free_port()
    # Separate temporary folders, as on two machines.
    tmp_a = tempfile.mkdtemp(prefix="np_bench_tmp_a_")
    tmp_b = tempfile.mkdtemp(prefix="np_bench_tmp_b_")
    results = []
    with (
        gunicorn({**env, "TMPDIR": tmp_a}, port=port_a, workers=2) as server_a,
        gunicorn({**env, "TMPDIR": tmp_b}, port=port_b, workers=2) as server_b,
    ):
        print(f"instance A: 127.0.0.1:{port_a} (pid {server_a.pid})")
        print(f"instance B: 127.0.0.1:{port_b} (pid {server_b.pid}); database {args.database}")
        a = Browser(port_a)
        login = a.get("/accounts/login/")
        fields = replace(
            form_fields(login.body, "username"), username=username, password=args.password
        )
        signed_in = a.post("/accounts/login/", fields)
        results.append(
            check(
                f"sign in on A as {username}",
                signed_in.status == 302 and "sessionid" in a.cookies,
                f"{signed_in.status} -> {signed_in.location}",
            )
        )

        b = Browser(port_b, cookies=dict(a.cookies))  # the same cookies, the other server
        dashboard = b.get("/")
        results.append(
            check(
                "dashboard on B with A's session",
                dashboard.status == 200 and username in dashboard.body,
                f"{dashboard.status}",
            )
        )
        gap = b.get(f"/plans/{plan}/gap/")
        results.append(check("stage 1 page on B", gap.status == 200, f"{gap.status}"))
        note = f"Saved on B, read on A ({secrets.token_hex(4)})"
        data = replace(form_fields(gap.body, "gap_notes"), gap_notes=note)
        saved = b.post(f"/plans/{plan}/gap/", data)
        results.append(
            check(
                "save the stage form on B (POST with CSRF)",
                saved.status == 302,
                f"{saved.status} -> {saved.location}",
            )
        )

        a.cookies = dict(b.cookies)  # the browser now holds what B set (the message cookie)
        after = a.get(f"/plans/{plan}/gap/")
        body = html.unescape(after.body)
        results.append(check("the saved text is on A", after.status == 200 and note in body))
        results.append(check("B's success message is shown on A", "are saved" in body))
        results += plan_import_on_a_confirm_on_b(a, port_b, plan)
        after = a.get(f"/plans/{plan}/gap/")

        out = b.post("/accounts/logout/", replace(form_fields(after.body, "csrfmiddlewaretoken")))
        results.append(check("sign out on B", out.status == 302, f"{out.status}"))
        gone = Browser(port_a, cookies={"sessionid": a.cookies["sessionid"]}).get("/")
        results.append(
            check(
                "A no longer accepts the session",
                gone.status == 302 and "/accounts/login/" in gone.location,
                f"{gone.status} -> {gone.location}",
            )
        )
        results += import_preview_on_a_confirm_on_b(port_a, port_b, trainer_password)
    left_on_disk = [*Path(tmp_a).iterdir(), *Path(tmp_b).iterdir()]
    results.append(
        check(
            "nothing left in either instance's temporary folder",
            not left_on_disk,
            ", ".join(p.name for p in left_on_disk),
        )
    )
    print()
    if all(results):
        print("RESULT: one session used on both instances; no local state")
    else:
        print("RESULT: FAILED")
        sys.exit(1)


def plan_import_on_a_confirm_on_b(a: Browser, port_b: int, plan: int) -> list[bool]:
    """A negotiator's plan file: uploaded and checked on A, previewed and confirmed on B."""
    exported = a.get(f"/plans/{plan}/export.json")
    page = a.get("/plans/import/")
    upload = a.post(
        "/plans/import/",
        form_fields(page.body, "csrfmiddlewaretoken"),
        files={"file": ("plan.json", exported.body.encode())},
    )
    results = [
        check(
            "plan file uploaded on A, kept for the preview",
            exported.status == 200 and upload.status == 302 and "/plans/import/" in upload.location,
            f"{upload.status} -> {upload.location}",
        )
    ]
    if not results[-1]:
        return results
    b = Browser(port_b, cookies=dict(a.cookies))
    preview = b.get(upload.location)
    results.append(
        check(
            "import preview on B, which never saw the upload",
            preview.status == 200 and "Check the import of" in html.unescape(preview.body),
            f"{preview.status}",
        )
    )
    if not results[-1]:
        return results
    # As a user would: the preselected choice (their own counterparty of that name).
    confirmed = b.post(upload.location, form_fields(preview.body, "counterparty"))
    results.append(
        check(
            "import confirmed on B",
            confirmed.status == 302 and confirmed.location.startswith("/plans/"),
            f"{confirmed.status} -> {confirmed.location}",
        )
    )
    a.cookies = dict(b.cookies)
    imported = a.get(confirmed.location or "/plans/")
    results.append(
        check(
            "the imported plan and B's message on A",
            imported.status == 200 and "imported for your counterparty" in imported.body,
            f"{imported.status}",
        )
    )
    return results


def import_preview_on_a_confirm_on_b(port_a: int, port_b: int, password: str) -> list[bool]:
    """A trainer's score import: the preview on A, the confirm on B."""
    a = Browser(port_a)
    login = a.get("/accounts/login/")
    fields = replace(form_fields(login.body, "username"), username=TRAINER, password=password)
    signed_in = a.post("/accounts/login/", fields)
    results = [check(f"sign in on A as {TRAINER}", signed_in.status == 302, f"{signed_in.status}")]
    page = a.get(IMPORT_URL)
    # The first edition on offer (the page preselects none without ?edition=).
    editions = re.search(r'<select name="edition"[^>]*>(.*?)</select>', page.body, re.S)
    edition = re.search(r'<option value="(\d+)"', editions.group(1)).group(1) if editions else ""
    upload = replace(form_fields(page.body, "format"), edition=edition)
    preview = a.post(
        IMPORT_URL, upload, files={"import_file": ("scores.csv", SCORES_CSV.read_bytes())}
    )
    results.append(
        check(
            "import preview on A",
            preview.status == 200 and "Confirm import" in preview.body,
            f"{preview.status}",
        )
    )
    if not results[-1]:
        return results
    b = Browser(port_b, cookies=dict(a.cookies))
    confirmed = b.post(PROCESS_IMPORT_URL, form_fields(preview.body, "import_file_name"))
    results.append(
        check(
            "import confirmed on B, which never saw the upload",
            confirmed.status == 302,
            f"{confirmed.status} -> {confirmed.location}",
        )
    )
    after = b.get(confirmed.location or "/admin/")
    results.append(
        check(
            "B reports the import as done",
            after.status == 200 and "Import finished" in html.unescape(after.body),
            f"{after.status}",
        )
    )
    return results


if __name__ == "__main__":
    os.chdir(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    main()
