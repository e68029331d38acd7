"""The print view in a real browser with print media emulated: no navigation, all stages."""

import subprocess

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
    expect(page.get_by_text("A confidential section is ticked.")).to_be_visible()

    page.emulate_media(media="print")
    expect(page.get_by_text("Keep 1: dye recipe margins")).to_be_visible()
    mark = page.locator(".confidential-mark")
    expect(mark).to_have_count(1)
    expect(mark).to_contain_text("Confidential")
    assert mark.evaluate("e => getComputedStyle(e).display") == "table-header-group"


def _pdf_text(download, tmp_path) -> str:
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    result = subprocess.run(  # noqa: S603 (our own file, a fixed program)
        ["/usr/bin/pdftotext", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        check=True,
        text=True,
    )
    return " ".join(result.stdout.split())


CONFIDENTIAL_QUERY = (
    "?layout=full&paper=a4&sections=deal&sections=gap&sections=goals"
    "&sections=positions&sections=relationship&sections=keep"
)


def test_download_pdf_leaves_out_confidential_sections_unticked_after_loading(
    signed_in_page, live_server, user, hofstede, guidance, tmp_path
):
    """The page was loaded with the confidential boxes ticked; the user unticks them."""
    page = signed_in_page
    plan = full_plan(user)
    page.goto(f"{live_server.url}/plans/{plan.pk}/print/{CONFIDENTIAL_QUERY}")
    expect(page.get_by_text("A confidential section is ticked.")).to_be_visible()
    expect(page.get_by_text("Keep 1: dye recipe margins")).to_be_visible()

    page.get_by_label("Our target and walk-away point (confidential)").uncheck()
    page.get_by_label("What we keep to ourselves (confidential)").uncheck()
    # Without a reload the notes describe the boxes as they are now, and the preview (which
    # the browser's Print command prints) drops what was unticked.
    expect(page.get_by_text("No confidential section is ticked")).to_be_visible()
    expect(page.get_by_text("A confidential section is ticked.")).to_be_hidden()
    expect(page.get_by_text("You changed the choice")).to_be_visible()
    expect(page.get_by_text("Keep 1: dye recipe margins")).to_be_hidden()
    expect(page.locator(".print-document .confidential")).to_have_count(2)
    expect(page.locator(".print-document .confidential").first).to_be_hidden()

    with page.expect_download() as info:
        page.get_by_role("button", name="Download PDF").click()
    download = info.value
    assert "CONFIDENTIAL" not in download.suggested_filename
    text = _pdf_text(download, tmp_path)
    assert "Stage 1: the cultural gap" in text
    assert "4.60" not in text  # our walk-away point
    assert "walk-away" not in text
    assert "Keep 1: dye recipe margins" not in text
    assert "CONFIDENTIAL" not in text.upper()


def test_download_pdf_includes_a_confidential_section_ticked_after_loading(
    signed_in_page, live_server, user, hofstede, guidance, tmp_path
):
    page = signed_in_page
    plan = full_plan(user)
    page.goto(f"{live_server.url}/plans/{plan.pk}/print/")
    expect(page.get_by_text("No confidential section is ticked")).to_be_visible()
    page.get_by_label("Our target and walk-away point (confidential)").check()
    expect(page.get_by_text("A confidential section is ticked.")).to_be_visible()

    with page.expect_download() as info:
        page.get_by_role("button", name="Download PDF").click()
    download = info.value
    assert "CONFIDENTIAL" in download.suggested_filename
    text = _pdf_text(download, tmp_path)
    assert "4.60" in text
    assert "Keep 1: dye recipe margins" not in text


def test_download_pdf_gives_the_brief_when_it_is_chosen_on_the_page(
    signed_in_page, live_server, user, hofstede, guidance, tmp_path
):
    page = signed_in_page
    plan = full_plan(user)
    page.goto(f"{live_server.url}/plans/{plan.pk}/print/")
    page.get_by_label("One-page meeting brief").check()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download PDF").click()
    download = info.value
    assert "brief" in download.suggested_filename
    text = _pdf_text(download, tmp_path)
    assert "meeting brief" in text
    assert "Largest cultural gaps" in text
    assert "Stage 3: the relationship plan" not in text


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
