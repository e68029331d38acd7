"""The main pages are valid HTML, checked by the Nu Html Checker (vnu) on the machine's Java.

vnu.jar comes from the npm package vnu-jar (`npm install --no-save vnu-jar@26.9.27` in
the repository puts it in node_modules/), or from the path in VNU_JAR. Without Java or
the jar the test is skipped, unless REQUIRE_VNU=1 (as in CI), where that is a failure.
All pages go to one vnu run: the JVM starts once.
"""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import NoReverseMatch, reverse

from counterparties.models import Counterparty
from tests.mainpages import MAIN_PAGES
from tests.plans.fullplan import full_plan
from tests.plans.stage_post import form_data, goals_data, relationship_data

REPO = Path(__file__).resolve().parents[2]
DEFAULT_JAR = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Errors that vnu reports and we accept, each with the reason. Keys are regular
# expressions matched against the whole message. Keep this list short and honest.
ALLOWED: dict[str, str] = {}


def _vnu_command() -> list[str]:
    java = shutil.which("java")
    jar = Path(os.environ.get("VNU_JAR") or DEFAULT_JAR)
    if java and jar.is_file():
        return [java, "-jar", str(jar)]
    problem = "java is not on PATH" if not java else f"{jar} does not exist"
    if os.environ.get("REQUIRE_VNU") == "1":
        pytest.fail(f"REQUIRE_VNU=1 but {problem}")
    pytest.skip(f"Nu Html Checker unavailable: {problem}")


def _allowed(message: str) -> bool:
    return any(re.fullmatch(pattern, message) for pattern in ALLOWED)


def _render_pages(client, user, plan) -> dict[str, str]:
    """Every main page, plus forms showing errors and conflicts, as HTML."""
    pages = {}
    for main_page in MAIN_PAGES:
        url = main_page.url(plan)
        if url is None:
            continue
        if main_page.anonymous:
            client.logout()
        else:
            client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, f"{main_page.label}: {response.status_code}"
        pages[main_page.label] = response.content.decode()

    client.logout()
    response = client.post("/accounts/login/", {"username": user.username, "password": "wrong"})
    assert response.status_code == 200
    pages["sign-in with an error"] = response.content.decode()

    client.force_login(user)
    response = client.post("/counterparties/new/", {"name": ""})
    assert response.status_code == 200
    pages["counterparty form with errors"] = response.content.decode()
    response = client.get(f"/plans/{plan.pk + 1000}/")
    assert response.status_code == 404
    pages["not found"] = response.content.decode()
    pages.update(_stage_states(client, plan))
    pages.update(_switch_confirmation(client, user, plan))
    return pages


def _switch_confirmation(client, user, plan) -> dict[str, str]:
    """The plan form posted with another counterparty: the page that asks first."""
    url = reverse("plans:update", args=[plan.pk])
    second = Counterparty.objects.create(
        owner=user, name="Second company", country=plan.counterparty.country
    )
    data = {**form_data(client.get(url).context["form"]), "counterparty": str(second.pk)}
    response = client.post(url, data)
    assert response.status_code == 200, f"switch confirmation: {response.status_code}"
    assert "Switch and detach" in response.text
    return {"counterparty switch confirmation": response.content.decode()}


def _stage_states(client, plan) -> dict[str, str]:
    """Stages 2 and 3 showing field errors, and showing a conflict with another save."""
    pages = {}
    for stage, page_data, invalid, change in (
        ("goals", goals_data, {"steps-0-value": "-1"}, {"goals-repeats": "no"}),
        ("relationship", relationship_data, {"learn-0-status": "x"}, {"learn-0-topic": "Owners"}),
    ):
        try:
            url = reverse(f"plans:{stage}", args=[plan.pk])
        except NoReverseMatch:
            continue
        data = page_data(client.get(url))
        response = client.post(url, {**data, **invalid})
        assert response.status_code == 200, f"{stage} with errors: {response.status_code}"
        pages[f"{stage} with errors"] = response.content.decode()
        assert client.post(url, {**data, **change}).status_code == 302
        response = client.post(url, {**data, **change})  # the same, now-stale version
        assert response.status_code == 409, f"{stage} conflict: {response.status_code}"
        pages[f"{stage} conflict"] = response.content.decode()
    return pages


# A page with a known error goes into the same vnu run: if vnu stopped reporting (a
# changed output format, a broken jar), this test fails instead of passing silently.
CANARY = "canary.html"
CANARY_HTML = '<!doctype html><html lang="en"><head></head><body><p>x</p></body></html>'


def _run_vnu(command: list[str], folder: Path) -> list[dict]:
    result = subprocess.run(  # noqa: S603 (our own command line, no shell)
        [*command, "--format", "json", "--errors-only", *map(str, sorted(folder.iterdir()))],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    # vnu writes its JSON report to stderr.
    report = json.loads(result.stderr or result.stdout)
    return [m for m in report["messages"] if m.get("type") in {"error", "non-document-error"}]


def test_main_pages_have_no_html_errors_beyond_the_allowed_list(client, user, hofstede, tmp_path):
    command = _vnu_command()
    plan = full_plan(user)
    labels = {}
    for label, html in _render_pages(client, user, plan).items():
        name = f"{re.sub(r'[^a-z0-9]+', '-', label)}.html"
        (tmp_path / name).write_text(html, encoding="utf-8")
        labels[name] = label
    (tmp_path / CANARY).write_text(CANARY_HTML, encoding="utf-8")

    messages = _run_vnu(command, tmp_path)

    def page_of(message: dict) -> str:
        return message.get("url", "").rsplit("/", 1)[-1]

    assert any(page_of(m) == CANARY for m in messages), "vnu did not report the canary's error"
    errors = [m for m in messages if page_of(m) != CANARY and not _allowed(m.get("message", ""))]
    details = "\n".join(
        f"{labels.get(page_of(m), page_of(m))} line {m.get('lastLine')}: {m.get('message')}"
        f" [{m.get('extract', '').strip()[:120]}]"
        for m in errors
    )
    assert not errors, f"vnu found {len(errors)} HTML error(s):\n{details}"
