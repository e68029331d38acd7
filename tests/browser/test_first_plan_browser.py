"""A new negotiator's first plan, walked in a real browser."""

import re

from playwright.sync_api import expect

from plans.models import Plan


def test_new_user_reaches_the_cultural_gap_of_a_first_plan(page, live_server, hofstede, guidance):
    base = live_server.url
    page.goto(f"{base}/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))

    page.get_by_role("link", name="Create an account").click()
    page.get_by_label("Username").fill("nguyen.buyer")
    page.get_by_label("Email").fill("buyer@example.com")
    page.locator("#id_password1").fill("Sturdy-pass-2026")
    page.locator("#id_password2").fill("Sturdy-pass-2026")
    page.get_by_role("button", name="Create account").click()

    # Asked for the home country before anything else.
    expect(page.get_by_role("heading", name="Your negotiator profile")).to_be_visible()
    page.get_by_label("Home country").select_option(label="United States")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Your profile is saved.")).to_be_visible()

    page.goto(f"{base}/counterparties/new/")
    page.get_by_label("Name").fill("Saigon Textiles JSC")
    page.get_by_label("Country").select_option(label="Vietnam")
    page.get_by_label("Industry").fill("Textiles")
    page.get_by_role("button", name="Add counterparty").click()
    expect(page.get_by_role("heading", name="Saigon Textiles JSC")).to_be_visible()

    for name, role in (("Trần Thị Lan", "Decision-maker"), ("Lê Văn Minh", "Influencer")):
        page.get_by_role("link", name="Add a person").click()
        page.get_by_label("Name").fill(name)
        page.get_by_label("Role").select_option(label=role)
        page.get_by_role("button", name="Add person").click()
        expect(page.get_by_role("rowheader", name=name)).to_be_visible()

    page.get_by_role("link", name="Dashboard").click()
    page.get_by_role("link", name="New plan").first.click()
    page.get_by_label("Title").fill("Cotton supply 2027")
    page.get_by_label("Counterparty").select_option(label="Saigon Textiles JSC")
    page.get_by_label("Total deal value").fill("1200000")
    page.get_by_label("First (test) order value").fill("60000")
    page.get_by_role("button", name="Create plan").click()

    # Stage 1: the largest gap (individualism, 91 vs 20) stands out, and the distance
    # comes with how many dimensions it used.
    expect(page.get_by_role("heading", name="Stage 1: the cultural gap")).to_be_visible()
    largest = page.locator("tr.gap-largest")
    expect(largest).to_have_count(1)
    expect(largest).to_contain_text("Individualism")
    expect(largest).to_contain_text("−71")
    expect(page.get_by_test_id("kogut-singh")).to_have_text(re.compile(r"^\d+\.\d{2}$"))
    expect(page.get_by_text("based on 6 of 6 dimensions")).to_be_visible()
    expect(
        page.get_by_role("img", name=re.compile("Scores on six cultural dimensions"))
    ).to_be_visible()
    expect(page.get_by_text("What to do:").first).to_be_visible()

    plan = Plan.objects.get(title="Cotton supply 2027")
    assert plan.owner.username == "nguyen.buyer"
    assert plan.counterparty.people.count() == 2
    assert plan.our_country.code == "USA"
