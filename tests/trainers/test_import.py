"""Importing a score edition from CSV through the admin: preview, confirm, bad files."""

import tempfile

import pytest
from django.core.cache import cache
from import_export.tmp_storages import CacheStorage

from countries.loader import HOFSTEDE_CSV
from countries.models import Country, CountryScore
from countries.resources import edition_csv
from tests.factories import CountryFactory, CountryScoreFactory
from tests.trainers.conftest import HEADER, IMPORT_URL, confirm, upload

GOOD = (
    HEADER
    + "CHN,China,80,43,66,30,77,24\nUSA,U.S.A.,40,60,62,46,50,68\nVNM,Vietnam,70,30,40,30,,\n"
)


def _counts() -> tuple[int, int]:
    return CountryScore.objects.count(), Country.objects.count()


def test_import_preview_lists_new_rows_and_writes_nothing(client_trainer, hofstede, new_edition):
    before = _counts()

    response = upload(client_trainer, new_edition, GOOD)

    assert response.status_code == 200
    html = response.content.decode()
    assert "3 new, 0 changed, 0 unchanged" in html
    assert "Confirm import" in html
    assert "Culture scores 2026" in html
    assert _counts() == before
    assert not new_edition.scores.exists()


def test_import_confirm_writes_the_scores_into_the_chosen_edition(
    client_trainer, hofstede, new_edition, trainer
):
    preview = upload(client_trainer, new_edition, GOOD)

    response = confirm(client_trainer, preview)

    assert response.status_code == 302
    scores = {s.country.code: s.scores() for s in new_edition.scores.select_related("country")}
    assert scores["CHN"] == {"pdi": 80, "idv": 43, "mas": 66, "uai": 30, "lto": 77, "ivr": 24}
    assert scores["VNM"]["lto"] is None  # an empty cell is unknown, never 0
    assert hofstede.scores.get(country__code="CHN").idv == 20  # the old edition is untouched
    assert new_edition.scores.get(country__code="USA").history.first().history_user == trainer


def test_import_preview_shows_changed_and_unchanged_rows_of_an_existing_edition(
    client_trainer, hofstede
):
    text = HEADER + "CHN,China,80,43,66,30,77,24\nUSA,U.S.A.,40,91,62,46,26,68\n"

    response = upload(client_trainer, hofstede, text)

    html = response.content.decode()
    assert "0 new, 1 changed, 1 unchanged" in html
    assert hofstede.scores.get(country__code="CHN").idv == 20


def test_import_confirm_changes_only_the_rows_in_the_file(client_trainer, hofstede):
    preview = upload(client_trainer, hofstede, HEADER + "CHN,China,80,43,66,30,77,24\n")

    confirm(client_trainer, preview)

    assert hofstede.scores.get(country__code="CHN").idv == 43
    assert hofstede.scores.get(country__code="USA").idv == 91
    assert hofstede.scores.count() == 111


def test_import_accepts_the_bundled_file_unchanged(client_trainer, hofstede):
    text = HOFSTEDE_CSV.read_text(encoding="utf-8")

    response = upload(client_trainer, hofstede, text)

    assert "0 new, 0 changed, 111 unchanged" in response.content.decode()


def test_export_then_import_round_trips_an_edition(client_trainer, hofstede, new_edition):
    preview = upload(client_trainer, new_edition, edition_csv(hofstede))
    confirm(client_trainer, preview)

    assert edition_csv(new_edition) == edition_csv(hofstede)


BAD_FILES = [
    pytest.param(HEADER + "CHN,China,120,43,66,30,77,24\n", 1, "120 is outside 0 to 100", id="120"),
    pytest.param(
        HEADER + "CHN,China,80,4x,66,30,77,24\n",
        1,
        "&#x27;4x&#x27; is not a whole number",
        id="letter",
    ),
    pytest.param(
        HEADER
        + "CHN,China,80,43,66,30,77,24\nUSA,U.S.A.,40,60,62,46,50,68\nCHN,China,1,2,3,4,5,6\n",
        3,
        "code CHN already appears on row 1",
        id="duplicate",
    ),
    pytest.param(
        HEADER + "CHN,China,80,43,66,30,77,24\nXYZ,Nowhere,1,2,3,4,5,6\n",
        2,
        "no country has the code XYZ",
        id="unknown code",
    ),
]


@pytest.mark.parametrize(("text", "row", "message"), BAD_FILES)
def test_import_of_a_bad_file_lists_the_problem_with_its_row_and_writes_nothing(
    client_trainer, hofstede, new_edition, text, row, message
):
    before = _counts()

    response = upload(client_trainer, new_edition, text)

    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert [r.number for r in response.context["result"].invalid_rows] == [row]
    assert "Confirm import" not in html
    assert _counts() == before


def test_import_of_a_file_missing_a_column_names_it_and_writes_nothing(
    client_trainer, hofstede, new_edition
):
    before = _counts()
    text = "iso3,name,pdi,idv,mas,uai,lto\nCHN,China,80,43,66,30,77\n"

    response = upload(client_trainer, new_edition, text)

    html = response.content.decode()
    assert "missing column &#x27;ivr&#x27;" in html
    assert "Confirm import" not in html
    assert _counts() == before


def test_import_lists_every_problem_of_every_row(client_trainer, hofstede, new_edition):
    text = (
        HEADER
        + "CHN,China,120,4x,66,30,77,24\n"  # two problems in one row
        + "USA,U.S.A.,40,60,62,46,50,68\n"  # fine
        + "XYZ,Nowhere,1,2,3,4,5,6\n"
        + "CHN,China,1,2,3,4,5,-1\n"  # duplicate and out of range
    )

    response = upload(client_trainer, new_edition, text)

    rows = {row.number: row.error_count for row in response.context["result"].invalid_rows}
    assert rows == {1: 2, 3: 1, 4: 2}
    assert not new_edition.scores.exists()


def test_import_confirm_rolls_back_everything_when_a_row_fails_after_the_preview(
    client_trainer, new_edition
):
    """A country deleted between preview and confirm: nothing of the file is written."""
    CountryFactory(code="AAA")
    doomed = CountryFactory(code="BBB")
    preview = upload(client_trainer, new_edition, HEADER + "AAA,A,1,2,3,4,5,6\nBBB,B,1,2,3,4,5,6\n")
    doomed.delete()

    confirm(client_trainer, preview)

    assert not new_edition.scores.exists()


def test_import_never_creates_countries(client_trainer, new_edition):
    CountryScoreFactory(country__code="AAA", edition=new_edition)

    upload(client_trainer, new_edition, HEADER + "AAA,A,1,2,3,4,5,6\nNEW,New,1,2,3,4,5,6\n")

    assert not Country.objects.filter(code="NEW").exists()


def test_import_refuses_a_short_row_instead_of_reading_it_as_unknown_scores(
    client_trainer, hofstede
):
    response = upload(client_trainer, hofstede, HEADER + "CHN,China,80\nUSA,U.S.A.,40,91\n")

    html = response.content.decode()
    assert "row 1 has 3 fields, the header 8; row 2 has 4 fields" in html
    assert hofstede.scores.get(country__code="CHN").idv == 20


def test_import_page_preselects_the_edition_and_explains_the_rules(client_trainer, new_edition):
    response = client_trainer.get(IMPORT_URL, {"edition": new_edition.pk})

    assert response.context["form"]["edition"].value() == str(new_edition.pk)
    assert "never creates countries" in response.content.decode()


def test_import_page_is_refused_to_staff_without_score_permissions(client, db):
    from tests.factories import UserFactory

    staff = UserFactory(is_staff=True)
    client.force_login(staff)

    assert client.get(IMPORT_URL).status_code == 403


def test_a_preview_can_be_confirmed_by_another_app_server(
    client_trainer, hofstede, new_edition, tmp_path, monkeypatch
):
    """The uploaded file waits in the shared database cache, not in a local temp folder:
    behind a load balancer the confirm may reach a server that never saw the upload."""
    previewing_server_tmp = tmp_path / "a"
    confirming_server_tmp = tmp_path / "b"
    previewing_server_tmp.mkdir()
    confirming_server_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(previewing_server_tmp))

    preview = upload(client_trainer, new_edition, GOOD)

    key = CacheStorage.CACHE_PREFIX + preview.context["confirm_form"].initial["import_file_name"]
    assert "CHN,China,80,43,66,30,77,24" in str(cache.get(key))
    assert list(previewing_server_tmp.iterdir()) == []

    monkeypatch.setattr(tempfile, "tempdir", str(confirming_server_tmp))
    response = confirm(client_trainer, preview)

    assert response.status_code == 302
    assert new_edition.scores.count() == 3
    assert cache.get(key) is None  # nothing left behind once confirmed
    assert list(confirming_server_tmp.iterdir()) == []
