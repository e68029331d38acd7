"""The print view in a real browser with print media emulated: no navigation, all stages."""

from playwright.sync_api import expect

from tests.plans.fullplan import full_plan


def test_print_view_on_paper_hides_navigation_and_shows_every_stage(
    signed_in_page, live_server, user, hofstede, guidance
):
    page = signed_in_page
    plan = full_plan(user)
    page.goto(f"{live_server.url}/plans/{plan.pk}/print/")

    # On screen: the options form and the navigation are there.
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    expect(page.get_by_role("button", name="Show these sections")).to_be_visible()

    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.get_by_role("button", name="Show these sections")).to_be_hidden()
    expect(page.get_by_role("link", name="Download PDF")).to_be_hidden()
    for heading in (
        "The deal",
        "Stage 1: the cultural gap",
        "Stage 2: goals — transaction or relationship",
        "Stage 3: the relationship plan",
    ):
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    expect(page.get_by_role("img", name="Scores on six cultural dimensions")).to_be_visible()
    stage_2 = page.locator("section.print-stage", has=page.locator("#print-goals"))
    assert stage_2.evaluate("e => getComputedStyle(e).breakBefore") == "page"
    expect(page.get_by_text("Keep 1: dye recipe margins")).to_have_count(0)


def test_print_view_adds_a_marked_confidential_section_when_ticked(
    signed_in_page, live_server, user, hofstede, guidance
):
    page = signed_in_page
    plan = full_plan(user)
    page.goto(f"{live_server.url}/plans/{plan.pk}/print/")
    page.get_by_label("What we keep to ourselves (confidential)").check()
    page.get_by_role("button", name="Show these sections").click()
    expect(page.get_by_label("What we keep to ourselves (confidential)")).to_be_checked()
    expect(page.get_by_role("link", name="Download PDF")).to_have_attribute(
        "href",
        f"/plans/{plan.pk}/plan.pdf?layout=full&paper=a4&sections=deal&sections=gap"
        "&sections=goals&sections=relationship&sections=keep",
    )

    page.emulate_media(media="print")
    expect(page.get_by_text("Keep 1: dye recipe margins")).to_be_visible()
    mark = page.locator(".confidential-mark")
    expect(mark).to_have_count(1)
    expect(mark).to_contain_text("Confidential")
    assert mark.evaluate("e => getComputedStyle(e).display") == "table-header-group"


def test_a_stage_page_printed_from_the_browser_draws_its_chart_in_black(
    signed_in_page, live_server, user, hofstede, guidance
):
    page = signed_in_page
    plan = full_plan(user)
    page.goto(f"{live_server.url}/plans/{plan.pk}/gap/")
    ours = page.locator("svg.chart rect.bar-ours").first
    theirs = page.locator("svg.chart rect.bar-theirs-pattern").first
    on_screen = ours.evaluate("e => getComputedStyle(e).fill")
    assert on_screen != "rgb(0, 0, 0)"

    page.emulate_media(media="print")
    assert ours.evaluate("e => getComputedStyle(e).fill") == "rgb(0, 0, 0)"
    assert theirs.evaluate("e => getComputedStyle(e).stroke") == "rgb(0, 0, 0)"
