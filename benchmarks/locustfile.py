"""Simulated negotiators for benchmarks/load_test.py (run through it, not on its own).

Each simulated user takes one signed-in session from the file in NP_SESSIONS (a volume
user, signed in through the database) and works on that user's plans: dashboard, plan
overview, the three stage pages, saving stage forms with their CSRF token, the
counterparty list, the print view and now and then the PDF. Every request is recorded
(name, kind, milliseconds, status) and written to NP_RESULTS when locust stops.

Locust is not an app dependency: load_test.py runs it with `uvx --from locust==2.47.0`.
"""

import itertools
import json
import os
import random
import sys
from pathlib import Path

from locust import HttpUser, between, events, task

sys.path.insert(0, str(Path(__file__).resolve().parent))
from webclient import form_fields, replace

SESSIONS = json.loads(Path(os.environ["NP_SESSIONS"]).read_text())
THINK = (float(os.environ.get("NP_THINK_MIN", "5")), float(os.environ.get("NP_THINK_MAX", "15")))
_next_session = itertools.count()
RECORDS: list[tuple[str, str, float, int]] = []


@events.request.add_listener
def _record(request_type, name, response_time, response=None, exception=None, **_):
    status = getattr(response, "status_code", 0) or 0
    if exception is not None and not status:
        status = 0
    RECORDS.append((name, request_type, response_time, status))


@events.quitting.add_listener
def _dump(**_):
    Path(os.environ["NP_RESULTS"]).write_text(json.dumps(RECORDS))


class Negotiator(HttpUser):
    wait_time = between(*THINK)

    def on_start(self):
        session = SESSIONS[next(_next_session) % len(SESSIONS)]
        self.plans = session["plans"] or [None]
        self.counterparty = session["counterparty"]
        # Secure cookies: TLS would end at the load balancer; here the jar gets plain ones.
        self.client.cookies.set("sessionid", session["sessionid"])

    def _plan(self) -> int:
        return random.choice(self.plans)

    def _page(self, path: str, name: str):
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}")
            return response

    def _save(self, path: str, name: str, field: str, changes: dict):
        """Load a stage page, change a field, post the form back with its CSRF token."""
        page = self._page(path, f"{name} (page)")
        if page.status_code != 200:
            return
        token = page.cookies.get("csrftoken") or self.client.cookies.get("csrftoken")
        if token:
            self.client.cookies.set("csrftoken", token)
        data = replace(form_fields(page.text, field), **changes)
        with self.client.post(
            path, data=data, name=f"{name} (save)", allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 302:
                response.failure(f"expected a redirect after saving, got {response.status_code}")

    @task(4)
    def dashboard(self):
        self._page("/", "dashboard")

    @task(4)
    def overview(self):
        self._page(f"/plans/{self._plan()}/", "plan overview")

    @task(1)
    def counterparty_list(self):
        self._page("/counterparties/", "counterparty list")

    @task(1)
    def counterparty_detail(self):
        self._page(f"/counterparties/{self.counterparty}/", "counterparty detail")

    @task(2)
    def gap(self):
        self._page(f"/plans/{self._plan()}/gap/", "stage 1: gap")

    @task(2)
    def goals(self):
        self._page(f"/plans/{self._plan()}/goals/", "stage 2: goals")

    @task(2)
    def relationship(self):
        self._page(f"/plans/{self._plan()}/relationship/", "stage 3: relationship")

    @task(1)
    def save_gap_notes(self):
        note = f"Watch who speaks first; note {random.randint(1, 10**6)}."
        self._save(f"/plans/{self._plan()}/gap/", "stage 1: gap", "gap_notes", {"gap_notes": note})

    @task(1)
    def save_goals(self):
        note = f"They reorder every quarter ({random.randint(1, 10**6)})."
        self._save(
            f"/plans/{self._plan()}/goals/",
            "stage 2: goals",
            "version",
            {"goals-repeats_note": note},
        )

    @task(1)
    def save_relationship(self):
        self._save(
            f"/plans/{self._plan()}/relationship/",
            "stage 3: relationship",
            "version",
            {"evidence": f"Everyone looked at her first ({random.randint(1, 10**6)})."},
        )

    @task(1)
    def print_view(self):
        self._page(f"/plans/{self._plan()}/print/", "print view")

    @task(1)
    def pdf(self):
        if random.random() < 0.5:  # a PDF now and then: every other time this task is picked
            self._page(f"/plans/{self._plan()}/plan.pdf", "PDF")
