"""Two app servers, one database: a session started on one works on the other.

Starts two gunicorn instances on different ports against the same PostgreSQL database,
with the same settings (the same SECRET_KEY, as every server behind one load balancer
must have). Signs in through the sign-in form on A, then with the same cookies:

1. opens the dashboard and a stage page on B;
2. saves the stage's form on B (CSRF token from B's page, session from A);
3. reads the saved text and the success message back on A;
4. signs out on B and checks that A no longer accepts the session.

Sessions live in the database and messages in a cookie, and nothing is written to local
disk, so any instance can serve any request.

    uv run python benchmarks/two_instances.py
"""

import argparse
import html
import os
import secrets
import sys

from common import (
    SMALL_DB,
    collectstatic,
    ensure_volume,
    free_port,
    gunicorn,
    make_sessions,
    production_env,
)
from webclient import Browser, form_fields, replace

PASSWORD = "volume-password-2026"  # fill_volume's default password for its users


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
    port_a = free_port()
    port_b = free_port()
    while port_b == port_a:
        port_b = free_port()
    results = []
    with (
        gunicorn(env, port=port_a, workers=2) as server_a,
        gunicorn(env, port=port_b, workers=2) as server_b,
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
    print()
    if all(results):
        print("RESULT: one session used on both instances; no local state")
    else:
        print("RESULT: FAILED")
        sys.exit(1)


if __name__ == "__main__":
    os.chdir(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    main()
