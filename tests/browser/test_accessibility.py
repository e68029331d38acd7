"""axe-core on the main pages in a real browser: no serious or critical violations.

axe-core comes bundled in the axe-playwright-python package. Moderate and minor
findings do not fail a test; they are shown as warnings in pytest's summary so that
they stay visible.
"""

import warnings

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.db.models import F

from plans.models import Plan
from tests.mainpages import MAIN_PAGES, PRINT_ALL, MainPage
from tests.plans.fullplan import full_plan

FAILING_IMPACTS = {"serious", "critical"}

axe = Axe()


@pytest.fixture
def plan(user, hofstede, guidance):
    """A plan with ten people, every stage filled in and the Hofstede data loaded."""
    return full_plan(user)


def _describe(violation: dict) -> str:
    nodes = "; ".join(
        f"{' '.join(node['target'])}: {node['html'][:160]}" for node in violation["nodes"][:5]
    )
    return f"{violation['id']} ({violation['impact']}): {violation['help']} -> {nodes}"


def assert_no_serious_violations(page, where: str) -> None:
    """Run axe on the page as it is now; fail on serious/critical, warn on the rest."""
    violations = axe.run(page).response["violations"]
    failing = [v for v in violations if v["impact"] in FAILING_IMPACTS]
    for violation in violations:
        if violation not in failing:
            warnings.warn(f"axe on {where}: {_describe(violation)}", stacklevel=2)
    assert not failing, f"axe on {where}:\n" + "\n".join(_describe(v) for v in failing)


@pytest.mark.parametrize("main_page", MAIN_PAGES, ids=lambda p: p.label.replace(" ", "-"))
def test_main_page_has_no_serious_axe_violations(
    main_page: MainPage, page, signed_in_page, live_server, plan
):
    url = main_page.url(plan)
    if url is None:
        pytest.skip(f"URL name {main_page.url_name} does not exist yet")
    if main_page.anonymous:
        page.context.clear_cookies()
    response = page.goto(f"{live_server.url}{url}")
    assert response.status == 200
    assert_no_serious_violations(page, main_page.label)


def test_counterparty_form_with_errors_has_no_serious_axe_violations(
    signed_in_page, live_server, hofstede
):
    page = signed_in_page
    page.goto(f"{live_server.url}/counterparties/new/")
    page.locator("main form").get_by_role("button", name="Add counterparty").click()
    page.locator(".invalid-feedback").first.wait_for()
    assert_no_serious_violations(page, "counterparty form with errors")


def test_sign_in_with_a_wrong_password_has_no_serious_axe_violations(page, live_server, user):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill("not-the-password")
    page.locator("main").get_by_role("button", name="Sign in").click()
    page.locator("main .alert-danger").first.wait_for()
    assert_no_serious_violations(page, "sign-in with an error")


def test_print_view_on_paper_has_no_serious_axe_violations(signed_in_page, live_server, plan):
    url = MainPage("print view", "plans:print", lambda p: (p.pk,), query=PRINT_ALL).url(plan)
    if url is None:
        pytest.skip("URL name plans:print does not exist yet")
    page = signed_in_page
    page.emulate_media(media="print")
    page.goto(f"{live_server.url}{url}")
    assert_no_serious_violations(page, "print view with print media")


def test_dashboard_on_a_phone_with_the_menu_open_has_no_serious_axe_violations(
    signed_in_page, live_server, plan
):
    page = signed_in_page
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(f"{live_server.url}/")
    page.get_by_role("button", name="Toggle navigation").click()
    page.locator("#main-nav.show").wait_for()
    assert_no_serious_violations(page, "dashboard on a phone, menu open")


STAGE_STATES = {
    # stage: (field to make invalid, its bad value, save button)
    "goals": ("#id_steps-0-value", "-1", "Save goals"),
    "relationship": ("#id_learn-0-status", "learned", "Save relationship plan"),
}


@pytest.mark.parametrize("stage", STAGE_STATES)
def test_stage_with_errors_and_with_a_conflict_has_no_serious_axe_violations(
    stage, signed_in_page, live_server, plan
):
    page = signed_in_page
    field, bad_value, save = STAGE_STATES[stage]
    page.goto(f"{live_server.url}/plans/{plan.pk}/{stage}/")
    if stage == "relationship":
        page.locator("#id_learn-0-learned").fill("")
        page.locator(field).select_option(bad_value)
    else:
        page.locator(field).fill(bad_value)
    page.get_by_role("button", name=save).click()
    page.get_by_text("Nothing was saved").first.wait_for()
    assert_no_serious_violations(page, f"{stage} with errors")

    # Another tab saves first: this page's version is now stale.
    Plan.objects.filter(pk=plan.pk).update(**{f"{stage}_version": F(f"{stage}_version") + 1})
    if stage == "relationship":
        page.locator(field).select_option("open")
    else:
        page.locator(field).fill("50000")
    page.get_by_role("button", name=save).click()
    page.get_by_role("heading", name="Someone saved this stage after you opened it").wait_for()
    assert_no_serious_violations(page, f"{stage} conflict")


def test_axe_reports_an_unlabelled_field_as_critical(page):
    # Guards the checks above: axe must really run in this browser and report.
    page.set_content(
        '<!doctype html><html lang="en"><head><title>Canary</title></head>'
        '<body><main><h1>Canary</h1><input type="text" name="city"></main></body></html>'
    )
    violations = axe.run(page).response["violations"]
    assert [(v["id"], v["impact"]) for v in violations] == [("label", "critical")]
