"""A new user finds a country and reads its chart, in a real browser."""

import re

from playwright.sync_api import expect


def test_new_user_searches_countries_and_sees_a_chart(page, live_server, hofstede):
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("Username").fill("reader")
    page.get_by_label("Email").fill("reader@example.com")
    page.locator("#id_password1").fill("Sturdy-pass-2026")
    page.locator("#id_password2").fill("Sturdy-pass-2026")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Your negotiator profile")).to_be_visible()

    page.get_by_role("link", name="Countries").click()
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(111)

    page.get_by_label("Name, dataset label or code").fill("viet")
    page.get_by_role("button", name=re.compile("Search")).click()
    expect(rows).to_have_count(1)
    page.get_by_role("link", name="Vietnam").click()

    expect(page.get_by_role("heading", name="Vietnam", level=1)).to_be_visible()
    chart = page.get_by_role("img", name=re.compile("Vietnam"))
    expect(chart).to_be_visible()
    # The same numbers are in the data table beside the chart: PDI 70, IDV 20.
    table = page.get_by_role("table")
    expect(table).to_contain_text("70")
    expect(table).to_contain_text("20")


def test_briefing_sections_stay_closed_until_opened_one_by_one(
    signed_in_page, live_server, hofstede
):
    page = signed_in_page
    page.goto(f"{live_server.url}/countries/VNM/")

    toast = page.get_by_text("một, hai, ba, dô", exact=False)
    expect(page.get_by_text("Individuals and organisations differ")).to_be_visible()
    expect(toast).to_be_hidden()
    page.get_by_text("Meals, banquets and toasts").click()
    expect(toast).to_be_visible()
    expect(page.get_by_text("Hùng Kings", exact=False)).to_be_hidden()
