"""A trainer adds a score edition and imports it from CSV through the admin, in a real browser."""

import re

from playwright.sync_api import expect

from countries.models import ScoreEdition
from tests.conftest import PASSWORD

HEADER = "iso3,name,pdi,idv,mas,uai,lto,ivr\n"
BAD = HEADER + "CHN,China,120,43,66,30,77,24\nXYZ,Nowhere,1,2,3,4,5,6\n"
GOOD = (
    HEADER
    + "CHN,China,80,43,66,30,77,24\nUSA,U.S.A.,40,60,62,46,50,68\nVNM,Vietnam,70,30,40,30,47,\n"
)


def _csv(name: str, text: str) -> dict:
    return {"name": name, "mimeType": "text/csv", "buffer": text.encode("utf-8")}


def test_trainer_imports_a_new_edition_after_fixing_a_bad_file(
    page, live_server, hofstede, trainer
):
    base = live_server.url
    page.goto(f"{base}/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(trainer.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))

    page.get_by_role("link", name="Score editions").click()
    page.get_by_role("link", name=re.compile("Add score edition")).click()
    page.get_by_label("Name").fill("Country-comparison tool, 2026")
    page.get_by_label("Published on").fill("2026-05-30")
    page.get_by_label("Source").fill("Scores shown by the country-comparison tool in 2026.")
    page.get_by_label("Terms note").fill("Check the tool's terms before commercial use.")
    page.get_by_role("button", name="Save", exact=True).click()

    # Straight on to the import, with the new edition chosen.
    expect(page.get_by_text("Now import its scores from a CSV file.")).to_be_visible()
    expect(page.get_by_label("Edition")).to_have_value(
        str(ScoreEdition.objects.get(name="Country-comparison tool, 2026").pk)
    )

    page.get_by_label("File to import").set_input_files(_csv("bad.csv", BAD))
    page.get_by_role("button", name="Submit").click()
    problems = page.get_by_role("table", name="Problems by row")
    expect(problems).to_contain_text("120 is outside 0 to 100")
    expect(problems).to_contain_text("no country has the code XYZ")
    expect(page.get_by_role("button", name="Confirm import")).to_have_count(0)

    page.get_by_label("File to import").set_input_files(_csv("good.csv", GOOD))
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("3 new, 0 changed, 0 unchanged")).to_be_visible()
    expect(page.get_by_text("Importing into the edition")).to_contain_text(
        "Country-comparison tool, 2026"
    )
    page.get_by_role("button", name="Confirm import").click()

    expect(page.get_by_text(re.compile("Import finished: 3 new"))).to_be_visible()
    edition = ScoreEdition.objects.get(name="Country-comparison tool, 2026")
    scores = {s.country.code: s.scores() for s in edition.scores.select_related("country")}
    assert scores["USA"]["idv"] == 60
    assert scores["VNM"]["ivr"] is None
    assert edition.scores.first().history.first().history_user == trainer
    assert hofstede.scores.get(country__code="USA").idv == 91
