from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction

from countries.loader import (
    HOFSTEDE_CSV,
    ScoreFileError,
    ScoreRow,
    load_hofstede,
    load_scores,
    parse_score_csv,
)
from countries.models import Country, CountryScore, ScoreEdition
from tests.factories import CountryFactory, CountryScoreFactory, ScoreEditionFactory

HEADER = "iso3,name,pdi,idv,mas,uai,lto,ivr\n"
GOOD_ROW = "ALB,Albania,,,,,61,15\n"


def _db_counts() -> tuple[int, int, int]:
    return (Country.objects.count(), CountryScore.objects.count(), ScoreEdition.objects.count())


def _scores(code: str) -> dict[str, int | None]:
    return CountryScore.objects.get(country__code=code).scores()


@pytest.mark.django_db
def test_load_hofstede_creates_every_row_of_the_bundled_file():
    result = load_hofstede()

    assert result.countries_created == 111
    assert result.scores_created == 111
    assert result.countries_updated == result.scores_updated == result.unchanged == 0
    assert Country.objects.count() == 111
    assert CountryScore.objects.count() == 111


@pytest.mark.django_db
def test_load_hofstede_makes_its_edition_the_default_when_none_is():
    load_hofstede()

    edition = ScoreEdition.objects.default()
    assert edition is not None
    assert edition.name.startswith("Hofstede 6-D")
    assert "geerthofstede.com" in edition.source


@pytest.mark.django_db
def test_load_hofstede_leaves_another_default_edition_alone():
    other = ScoreEditionFactory(is_default=True)

    load_hofstede()

    assert ScoreEdition.objects.default() == other


def test_load_hofstede_reads_china_in_dimension_order(hofstede):
    assert _scores("CHN") == {"pdi": 80, "idv": 20, "mas": 66, "uai": 30, "lto": 87, "ivr": 24}


def test_load_hofstede_keeps_missing_scores_empty_not_zero(hofstede):
    assert _scores("ALB") == {
        "pdi": None,
        "idv": None,
        "mas": None,
        "uai": None,
        "lto": 61,
        "ivr": 15,
    }


def test_load_hofstede_gives_usa_a_friendly_name_and_keeps_the_dataset_label(country):
    usa = country("USA")

    assert usa.name == "United States"
    assert usa.dataset_label == "U.S.A."
    assert usa.kind == Country.Kind.COUNTRY


@pytest.mark.parametrize(
    ("code", "kind"),
    [("X-ARA", Country.Kind.REGION), ("X-AFE", Country.Kind.REGION), ("X-SWG", Country.Kind.GROUP)],
)
def test_load_hofstede_sets_the_kind_of_regions_and_groups(country, code, kind):
    assert country(code).kind == kind


def test_load_hofstede_changes_nothing_when_run_again(hofstede):
    before = list(CountryScore.objects.order_by("pk").values())

    result = load_hofstede()

    assert result.unchanged == 111
    assert result.countries_created == result.countries_updated == 0
    assert result.scores_created == result.scores_updated == 0
    assert list(CountryScore.objects.order_by("pk").values()) == before
    assert ScoreEdition.objects.count() == 1


def test_load_scores_updates_a_changed_score_and_label(hofstede):
    rows = [
        ScoreRow(
            line=2,
            code="ALB",
            label="Albania (new)",
            scores={"pdi": 90, "idv": None, "mas": None, "uai": None, "lto": 61, "ivr": 15},
        )
    ]

    result = load_scores(rows, edition=hofstede)

    assert (result.countries_updated, result.scores_updated) == (1, 1)
    assert _scores("ALB")["pdi"] == 90
    albania = Country.objects.get(code="ALB")
    assert albania.dataset_label == "Albania (new)"
    assert albania.name == "Albania"


BAD_FILES = [
    pytest.param(
        HEADER + GOOD_ROW + "CHN,China,101,20,66,30,87,24\n",
        "line 3, field 'pdi'",
        "101 is outside 0 to 100",
        id="out-of-range",
    ),
    pytest.param(
        HEADER + GOOD_ROW + "CHN,China,80,abc,66,30,87,24\n",
        "line 3, field 'idv'",
        "'abc' is not a whole number",
        id="not-a-number",
    ),
    pytest.param(
        "iso3,name,pdi,idv,mas,uai,lto,ivr,xyz\n" + "ALB,Albania,,,,,61,15,1\n",
        "line 1, field 'xyz'",
        "unknown column 'xyz'",
        id="unknown-column",
    ),
    pytest.param(
        "iso3,name,pdi,idv,mas,uai,lto\n" + "ALB,Albania,,,,,61\n",
        "line 1, field 'ivr'",
        "missing column 'ivr'",
        id="missing-column",
    ),
    pytest.param(
        HEADER + GOOD_ROW + "CHN,China,80,20,66,30,87,24\n" + "ALB,Albania again,1,2,3,4,5,6\n",
        "line 4, field 'iso3'",
        "code ALB already appears on line 2",
        id="duplicate-code",
    ),
]


@pytest.mark.parametrize(("text", "where", "what"), BAD_FILES)
def test_parse_score_csv_names_line_and_field_when_file_is_bad(text, where, what):
    with pytest.raises(ScoreFileError) as caught:
        parse_score_csv(text)

    assert str(caught.value) == f"{where}: {what}"


@pytest.mark.parametrize(("text", "where", "what"), BAD_FILES)
def test_load_hofstede_changes_nothing_when_file_is_bad(hofstede, tmp_path, text, where, what):
    path = tmp_path / "scores.csv"
    path.write_text(text, encoding="utf-8")
    before = _db_counts()
    albania_before = _scores("ALB")

    with pytest.raises(ScoreFileError, match=where):
        load_hofstede(path)

    assert _db_counts() == before
    assert _scores("ALB") == albania_before


@pytest.mark.django_db
def test_load_hofstede_writes_no_earlier_row_when_a_later_row_is_bad(tmp_path):
    path = tmp_path / "scores.csv"
    path.write_text(HEADER + GOOD_ROW + "CHN,China,80,20,66,30,87,101\n", encoding="utf-8")

    with pytest.raises(ScoreFileError, match="line 3, field 'ivr'"):
        load_hofstede(path)

    assert _db_counts() == (0, 0, 0)


@pytest.mark.django_db
def test_load_scores_rolls_back_earlier_rows_when_the_database_rejects_a_later_one():
    edition = ScoreEditionFactory()
    fine = {"pdi": 10, "idv": 20, "mas": 30, "uai": 40, "lto": 50, "ivr": 60}
    rows = [
        ScoreRow(line=2, code="AAA", label="Fine", scores=fine),
        # Bypasses the parser's range check: the database's own constraint must stop it.
        ScoreRow(line=3, code="BBB", label="Broken", scores={**fine, "uai": 101}),
    ]

    with pytest.raises(IntegrityError):
        load_scores(rows, edition=edition)

    assert _db_counts() == (0, 0, 1)


@pytest.mark.django_db
@pytest.mark.parametrize("value", [101, -1])
def test_database_rejects_a_score_outside_the_scale_saved_without_a_form(value):
    score = CountryScoreFactory.build(
        edition=ScoreEditionFactory(), country=CountryFactory(), pdi=value
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        score.save()

    assert CountryScore.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("value", [0, 100])
def test_database_accepts_a_score_at_either_end_of_the_scale(value):
    CountryScoreFactory(pdi=value)

    assert CountryScore.objects.get().pdi == value


@pytest.mark.django_db
def test_load_hofstede_command_prints_its_summary():
    out = StringIO()

    call_command("load_hofstede", stdout=out)

    assert "countries: 111 created, 0 updated; scores: 111 created" in out.getvalue()


def test_load_hofstede_command_reports_unchanged_rows_when_run_again(hofstede):
    out = StringIO()

    call_command("load_hofstede", f"--file={HOFSTEDE_CSV}", stdout=out)

    assert "111 unchanged" in out.getvalue()


@pytest.mark.django_db
def test_load_hofstede_command_fails_with_the_line_when_file_is_bad(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + "CHN,China,80,abc,66,30,87,24\n", encoding="utf-8")

    with pytest.raises(CommandError, match=r"Nothing was loaded\. line 2, field 'idv'"):
        call_command("load_hofstede", f"--file={path}", stdout=StringIO())

    assert _db_counts() == (0, 0, 0)


@pytest.mark.django_db
def test_load_hofstede_command_fails_when_file_does_not_exist(tmp_path):
    with pytest.raises(CommandError, match="Nothing was loaded"):
        call_command("load_hofstede", f"--file={tmp_path / 'absent.csv'}", stdout=StringIO())

    assert _db_counts() == (0, 0, 0)
