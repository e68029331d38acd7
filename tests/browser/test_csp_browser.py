"""The Content-Security-Policy in a real browser: nothing on the main pages is blocked."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.plans.fullplan import full_plan


@pytest.fixture
def plan(user, hofstede, guidance):
    return full_plan(user, one_each=True)


def _page_urls(plan) -> list[str]:
    counterparty = plan.counterparty
    return [
        reverse("plans:dashboard"),
        reverse("counterparties:list"),
        reverse("counterparties:detail", args=[counterparty.pk]),
        reverse("counterparties:update", args=[counterparty.pk]),
        reverse("counterparties:culture", args=[counterparty.pk]),
        reverse("plans:detail", args=[plan.pk]),
        reverse("plans:gap", args=[plan.pk]),
        reverse("plans:goals", args=[plan.pk]),
        reverse("plans:relationship", args=[plan.pk]),
        reverse("plans:print", args=[plan.pk]),
        reverse("countries:list"),
        reverse("countries:compare") + "?a=USA&b=VNM",
        reverse("accounts:profile"),
    ]


def test_main_pages_break_no_rule_of_the_content_security_policy(signed_in_page, live_server, plan):
    page = signed_in_page
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )

    for url in _page_urls(plan):
        response = page.goto(f"{live_server.url}{url}")
        assert response.status == 200, url
        assert "script-src 'self'" in response.headers["content-security-policy"]

    assert violations == []


def test_browser_reports_an_inline_script_as_a_violation(signed_in_page, live_server):
    """The canary for the test above: the console really carries CSP violations."""
    page = signed_in_page
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(f"{live_server.url}{reverse('core:about')}")

    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.ran = 1'; document.body.appendChild(s); }"
    )

    assert page.evaluate("() => window.ran") is None
    assert violations


def test_locked_out_user_sees_the_wait_or_reset_page(page, live_server, user):
    page.goto(f"{live_server.url}/accounts/login/")
    for password in ["wrong-1", "wrong-2", "wrong-3", "wrong-4", "wrong-5"]:
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill(password)
        page.locator("main").get_by_role("button", name="Sign in").click()
        if page.get_by_role("heading", name="Too many sign-in attempts").is_visible():
            break

    expect(page.get_by_role("heading", name="Too many sign-in attempts")).to_be_visible()
    page.get_by_role("link", name="Reset your password").click()
    expect(page).to_have_url(f"{live_server.url}{reverse('password_reset')}")
