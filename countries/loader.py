"""Load Hofstede scores from a CSV in the format of the shared hofstede-6d.csv.

The whole file is parsed and checked before anything is written, and the
writes run in one transaction: a bad file changes nothing.
"""

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.db import transaction

from countries.briefing_seed import seed_briefings
from countries.dimensions import DIMENSION_CODES, SCORE_MAX, SCORE_MIN
from countries.models import Country, CountryScore, ScoreEdition
from countries.names import REGION_CODES, display_name

HOFSTEDE_CSV = Path(__file__).resolve().parent / "data" / "hofstede-6d.csv"
EXPECTED_COLUMNS = ("iso3", "name", *DIMENSION_CODES)
MAX_ROWS = 5000

HOFSTEDE_EDITION = {
    "name": "Hofstede 6-D, 2015-12-08 (0-100)",
    "published_on": "2015-12-08",
    "source": (
        "Hofstede, G., 'Dimension data matrix', version 2015-12-08 (0-100), geerthofstede.com; "
        "based on Hofstede, Hofstede & Minkov (2010), Cultures and Organizations: Software of "
        "the Mind, 3rd ed. LTO is the World Values Survey based index (ltowvs)."
    ),
    "terms_note": (
        "The data files carry no licence text. Academic and non-commercial use with "
        "attribution appears to be accepted; confirm the current terms on geerthofstede.com "
        "before any commercial use."
    ),
}


class ScoreFileError(ValueError):
    """A problem in a score file, with the line (1 = header) and field it concerns."""

    def __init__(self, message: str, *, line: int | None = None, column: str | None = None):
        self.line = line
        self.column = column
        where = []
        if line is not None:
            where.append(f"line {line}")
        if column:
            where.append(f"field '{column}'")
        prefix = f"{', '.join(where)}: " if where else ""
        super().__init__(prefix + message)


@dataclass(frozen=True)
class ScoreRow:
    line: int
    code: str
    label: str
    scores: dict[str, int | None]


@dataclass
class LoadResult:
    countries_created: int = 0
    countries_updated: int = 0
    scores_created: int = 0
    scores_updated: int = 0
    unchanged: int = 0
    briefings_created: int = 0
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"countries: {self.countries_created} created, {self.countries_updated} updated; "
            f"scores: {self.scores_created} created, {self.scores_updated} updated, "
            f"{self.unchanged} unchanged; briefings: {self.briefings_created} added"
        )


# The rules for one cell, shared by this loader and the admin's CSV import
# (countries.resources), so both accept and refuse exactly the same values.


def parse_score(
    raw: str | None, *, line: int | None = None, column: str | None = None
) -> int | None:
    """One score cell: empty means unknown (None); otherwise a whole number 0..100."""
    value = (raw or "").strip()
    if value == "":
        return None
    try:
        number = int(value)
    except ValueError:
        raise ScoreFileError(f"'{value}' is not a whole number", line=line, column=column) from None
    if not SCORE_MIN <= number <= SCORE_MAX:
        raise ScoreFileError(
            f"{number} is outside {SCORE_MIN} to {SCORE_MAX}", line=line, column=column
        )
    return number


def parse_code(raw: str | None, *, line: int | None = None) -> str:
    """A country code cell, in capitals: 1 to 5 characters."""
    code = (raw or "").strip().upper()
    if not code or len(code) > 5:
        raise ScoreFileError("a code of 1 to 5 characters is required", line=line, column="iso3")
    return code


def parse_label(raw: str | None, *, line: int | None = None) -> str:
    """The dataset's own name for the row: 1 to 100 characters."""
    label = (raw or "").strip()
    if not label or len(label) > 100:
        raise ScoreFileError("a name of 1 to 100 characters is required", line=line, column="name")
    return label


def header_problems(header: list[str]) -> list[str]:
    """Every problem with a header row (columns already stripped and lower-cased)."""
    problems = [f"unknown column '{column}'" for column in header if column not in EXPECTED_COLUMNS]
    problems += [
        f"missing column '{column}'" for column in EXPECTED_COLUMNS if column not in header
    ]
    if len(set(header)) != len(header):
        problems.append("a column appears twice")
    return problems


def parse_score_csv(text: str) -> list[ScoreRow]:
    """Parse and check a whole file; raise ScoreFileError on the first problem."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    try:
        header = [column.strip().lower() for column in next(reader)]
    except StopIteration:
        raise ScoreFileError("the file is empty") from None
    unknown = [column for column in header if column not in EXPECTED_COLUMNS]
    if unknown:
        raise ScoreFileError(f"unknown column '{unknown[0]}'", line=1, column=unknown[0])
    missing = [column for column in EXPECTED_COLUMNS if column not in header]
    if missing:
        raise ScoreFileError(f"missing column '{missing[0]}'", line=1, column=missing[0])
    if len(set(header)) != len(header):
        raise ScoreFileError("a column appears twice", line=1)

    rows: list[ScoreRow] = []
    seen: dict[str, int] = {}
    for line, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            raise ScoreFileError(f"expected {len(header)} fields, found {len(values)}", line=line)
        record = dict(zip(header, values, strict=True))
        code = parse_code(record["iso3"], line=line)
        if code in seen:
            raise ScoreFileError(
                f"code {code} already appears on line {seen[code]}", line=line, column="iso3"
            )
        seen[code] = line
        label = parse_label(record["name"], line=line)
        scores = {
            code_: parse_score(record[code_], line=line, column=code_) for code_ in DIMENSION_CODES
        }
        rows.append(ScoreRow(line=line, code=code, label=label, scores=scores))
        if len(rows) > MAX_ROWS:
            raise ScoreFileError(f"more than {MAX_ROWS} rows", line=line)
    if not rows:
        raise ScoreFileError("the file has a header but no rows")
    return rows


def country_kind(code: str) -> str:
    if not code.startswith("X-"):
        return Country.Kind.COUNTRY
    return Country.Kind.REGION if code in REGION_CODES else Country.Kind.GROUP


@transaction.atomic
def load_scores(rows: list[ScoreRow], *, edition: ScoreEdition) -> LoadResult:
    """Create or update countries and their scores in `edition`; idempotent.

    An edition that plans use keeps its scores: a file that would add or change one of
    them is refused, and nothing is written.
    A country it creates also gets its shipped briefing, if there is one
    (countries.briefing_seed); existing countries' briefings are left alone.
    """
    result = LoadResult()
    created: list[str] = []
    countries = {c.code: c for c in Country.objects.select_for_update()}
    existing = {s.country.code: s for s in edition.scores.select_related("country")}
    plan_count = edition.plan_count()
    for row in rows:
        score = existing.get(row.code)
        if plan_count and (score is None or score.scores() != row.scores):
            raise ScoreFileError(edition.read_only_reason(plan_count), line=row.line)
        country = countries.get(row.code)
        if country is None:
            country = Country.objects.create(
                code=row.code,
                name=display_name(row.code, row.label),
                dataset_label=row.label,
                kind=country_kind(row.code),
            )
            countries[row.code] = country
            created.append(row.code)
            result.countries_created += 1
        elif country.dataset_label != row.label:
            country.dataset_label = row.label
            country.save(update_fields=["dataset_label"])
            result.countries_updated += 1

        if score is None:
            CountryScore.objects.create(edition=edition, country=country, **row.scores)
            result.scores_created += 1
        elif score.scores() != row.scores:
            for code, value in row.scores.items():
                setattr(score, code, value)
            score.save()
            result.scores_updated += 1
        else:
            result.unchanged += 1
    result.briefings_created = seed_briefings(apps, codes=created)
    return result


@transaction.atomic
def load_hofstede(path: Path = HOFSTEDE_CSV) -> LoadResult:
    """Load the bundled Hofstede file into its edition, making it the default if none is."""
    rows = parse_score_csv(path.read_text(encoding="utf-8"))
    edition, _ = ScoreEdition.objects.get_or_create(
        name=HOFSTEDE_EDITION["name"],
        defaults={k: v for k, v in HOFSTEDE_EDITION.items() if k != "name"},
    )
    if not ScoreEdition.objects.filter(is_default=True).exists():
        edition.is_default = True
        edition.save(update_fields=["is_default"])
    return load_scores(rows, edition=edition)
