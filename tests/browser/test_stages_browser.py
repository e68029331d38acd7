"""Stages 2 and 3 filled in a real browser, watching the overview's readiness checklist."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from accounts.services import profile_for
from tests.factories import (
    CounterpartyFactory,
    PersonFactory,
    PlanFactory,
    QuestionTemplateFactory,
)


@pytest.fixture
def plan(user, hofstede, country):
    profile = profile_for(user)
    profile.home_country = country("USA")
    profile.save()
    counterparty = CounterpartyFactory(owner=user, name="Saigon Textiles", country=country("VNM"))
    PersonFactory(counterparty=counterparty, name="Trần Thị Lan", title="Chair")
    PersonFactory(counterparty=counterparty, name="Lê Văn Minh", title="Sales manager")
    # Live-server tests flush the database between tests, seeded rows included.
    QuestionTemplateFactory(text="What do you value most in a partner from abroad?")
    return PlanFactory(
        owner=user,
        counterparty=counterparty,
        our_country=country("USA"),
        edition=hofstede,
        title="Cotton supply 2027",
        total_deal_value=Decimal("1200000"),
        first_order_value=Decimal("60000"),
    )


@pytest.mark.browser
def test_filling_stages_2_and_3_ticks_off_the_readiness_checklist(
    signed_in_page, live_server, plan
):
    page = signed_in_page
    overview = f"{live_server.url}/plans/{plan.pk}/"
    page.goto(overview)
    readiness = page.locator("#readiness")
    expect(readiness.get_by_role("link", name="IP position not stated")).to_be_visible()
    expect(readiness.get_by_role("link", name="No questions prepared")).to_be_visible()
    expect(readiness.get_by_role("link", name="Decision-maker unknown")).to_be_visible()

    # Stage 2, reached from the checklist's link.
    readiness.get_by_role("link", name="IP position not stated").click()
    expect(page).to_have_url(re.compile(r"/goals/#say-early$"))
    for key, answer in (("repeats", "yes"), ("best_efforts", "yes"), ("commodity", "no")):
        page.locator(f'input[name="goals-{key}"][value="{answer}"]').check()
    page.get_by_label("The intellectual property we will protect").fill(
        "Our print designs and dye recipes stay ours."
    )
    expect(page.locator("#id_steps-0-value")).to_have_value("60000.00")
    page.locator("#id_steps-0-title").fill("Test order")
    page.get_by_role("button", name="Save goals").click()
    expect(page.get_by_text("Goals saved.")).to_be_visible()
    expect(page.get_by_text("Recommendation: Relationship")).to_be_visible()
    expect(
        page.get_by_role("img", name=re.compile("between transaction and relationship"))
    ).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Last saved "))).to_have_count(2)

    # Leaving with unsaved changes asks first; staying keeps the input.
    page.locator("#id_goals-repeats_note").fill("Every season")
    dialogs = []

    def stay(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.once("dialog", stay)
    page.get_by_role("link", name="Overview").click()  # returns once the dialog is handled
    assert dialogs == ["beforeunload"]
    expect(page.locator("#id_goals-repeats_note")).to_have_value("Every season")
    expect(page).to_have_url(re.compile(r"/goals/"))
    page.locator("#id_goals-repeats_note").fill("")

    # Stage 3.
    page.goto(f"{live_server.url}/plans/{plan.pk}/relationship/")
    page.locator("#id_learn-0-topic").fill("Their export markets")
    page.locator("#questions summary").click()
    page.get_by_label(re.compile("What do you value most in a partner from abroad")).check()
    page.locator("#id_occasions-0-kind").select_option(label="Banquet")
    page.locator("#id_occasions-0-place").fill("Hanoi")
    page.locator("#occasions").get_by_label("Trần Thị Lan").check()
    page.get_by_role("combobox", name="Who decides").select_option(label="Trần Thị Lan")
    page.get_by_label("Medium").check()
    page.get_by_role("button", name="Save relationship plan").click()
    expect(page.get_by_text("Relationship plan saved.")).to_be_visible()
    expect(page.locator("#id_questions-0-text")).to_have_value(
        "What do you value most in a partner from abroad?"
    )

    # Back on the overview, the checklist has moved on.
    page.get_by_role("link", name="Overview").click()
    readiness = page.locator("#readiness")
    expect(readiness).to_contain_text("IP position stated")
    expect(readiness).to_contain_text("Questions prepared: 1")
    expect(readiness).to_contain_text("Decision-maker identified")
    expect(readiness.get_by_role("link", name="IP position not stated")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("Their export markets")
    expect(page.locator("main")).to_contain_text("medium confidence")
