"""CSV import and export of one score edition, for the admin (django-import-export).

The file format is the one of the bundled hofstede-6d.csv: `iso3,name,pdi,idv,mas,uai,lto,ivr`.
Cells follow the loader's rules (countries.loader): a score is empty (unknown) or a whole
number 0 to 100. On top of those, an import refuses:

- a code that appears twice in the file;
- a code with no country yet. An import never creates countries: a trainer adds a new
  country in the admin first, so a typing slip cannot invent one;
- any file at all into an edition that plans use: its scores are read-only (a plan keeps
  its scores until its owner switches). The trainer copies the edition into a draft first.

Every row is checked and every problem is reported with its row before anything is
written; the confirmed import runs in one transaction that is rolled back on any error,
so a file is never half-imported. The `name` column is read for the preview only: the
country keeps its own names.
"""

import csv
import io

from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets
from import_export.formats.base_formats import CSV

from countries.dimensions import DIMENSION_CODES
from countries.loader import (
    EXPECTED_COLUMNS,
    MAX_ROWS,
    ScoreFileError,
    header_problems,
    parse_code,
    parse_label,
    parse_score,
)
from countries.models import Country, CountryScore, ScoreEdition


class ScoreWidget(widgets.Widget):
    """A score cell: empty is unknown; otherwise the loader's whole-number 0..100 rule."""

    def clean(self, value, row=None, **kwargs):
        return parse_score(None if value is None else str(value))

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class CountryCodeWidget(widgets.Widget):
    """A country code cell, looked up among the countries that exist (never created here)."""

    def __init__(self, countries: dict[str, Country] | None = None):
        super().__init__()
        self.countries = countries or {}

    def clean(self, value, row=None, **kwargs):
        code = parse_code(None if value is None else str(value))
        country = self.countries.get(code)
        if country is None:
            raise ValueError(unknown_code_message(code))
        return country

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else value.code


def unknown_code_message(code: str) -> str:
    return (
        f"no country has the code {code}. Add the country under Countries first, "
        "or correct the code."
    )


class FieldCountError(ValueError):
    """Some rows have more or fewer fields than the header."""


def field_count_problems(text: str) -> list[str]:
    """Rows whose number of fields differs from the header's, counted like the preview does."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = next(reader, [])
    problems = []
    for number, values in enumerate(reader, start=1):
        if any(value.strip() for value in values) and len(values) != len(header):
            problems.append(f"row {number} has {len(values)} fields, the header {len(header)}")
    return problems


class ScoreCSV(CSV):
    """CSV that refuses rows of the wrong length.

    tablib pads a short row with empty cells, which would read as unknown scores and
    quietly wipe them: such a file is refused instead.
    """

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes):
            in_stream = in_stream.decode(self.encoding or "utf-8-sig")
        problems = field_count_problems(in_stream)
        if problems:
            raise FieldCountError("; ".join(problems))
        return super().create_dataset(in_stream, **kwargs)


class HeaderError(ValueError):
    """The file's header row is not the expected one; no row can be read safely."""


class EditionInUseError(ValueError):
    """Plans use the chosen edition: its scores are read-only, so nothing is imported."""


class CountryScoreResource(resources.ModelResource):
    iso3 = fields.Field(attribute="country", column_name="iso3", widget=CountryCodeWidget())
    name = fields.Field(attribute="country__dataset_label", column_name="name", readonly=True)
    pdi = fields.Field(attribute="pdi", column_name="pdi", widget=ScoreWidget())
    idv = fields.Field(attribute="idv", column_name="idv", widget=ScoreWidget())
    mas = fields.Field(attribute="mas", column_name="mas", widget=ScoreWidget())
    uai = fields.Field(attribute="uai", column_name="uai", widget=ScoreWidget())
    lto = fields.Field(attribute="lto", column_name="lto", widget=ScoreWidget())
    ivr = fields.Field(attribute="ivr", column_name="ivr", widget=ScoreWidget())

    class Meta:
        model = CountryScore
        fields = EXPECTED_COLUMNS
        import_order = EXPECTED_COLUMNS
        export_order = EXPECTED_COLUMNS
        import_id_fields = ("iso3",)
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True

    def __init__(self, edition: ScoreEdition | None = None, **kwargs):
        super().__init__(**kwargs)
        self.edition = edition
        self._countries: dict[str, Country] = {}
        self._seen: dict[str, int] = {}

    @classmethod
    def get_display_name(cls) -> str:
        return "Country scores of one edition"

    def get_queryset(self):
        return (
            CountryScore.objects.filter(edition=self.edition)
            .select_related("country")
            .order_by("country__code")
        )

    def init_instance(self, row=None):
        return CountryScore(edition=self.edition)

    def before_import(self, dataset, **kwargs):
        if self.edition is None:
            raise HeaderError("Choose the edition to import into.")
        plan_count = self.edition.plan_count()
        if plan_count:
            del dataset[:]  # no row is read, so none is listed or written
            raise EditionInUseError(
                f"{self.edition.read_only_reason(plan_count)} Then import the file into the copy."
            )
        dataset.headers = [str(column or "").strip().lower() for column in dataset.headers or []]
        problems = header_problems(dataset.headers)
        if problems:
            raise HeaderError(
                "The first line must be the header iso3,name,pdi,idv,mas,uai,lto,ivr: "
                + "; ".join(problems)
                + "."
            )
        for index in reversed(range(len(dataset))):
            if not any(str(cell or "").strip() for cell in dataset[index]):
                del dataset[index]
        if len(dataset) == 0:
            raise HeaderError("The file has a header but no rows.")
        if len(dataset) > MAX_ROWS:
            raise HeaderError(f"The file has more than {MAX_ROWS} rows.")
        self._countries = {country.code: country for country in Country.objects.all()}
        self.fields["iso3"].widget.countries = self._countries
        self._seen = {}

    def before_import_row(self, row, row_number=None, **kwargs):
        """Check every cell of the row at once, so each problem is listed, not only the first."""
        problems: dict[str, str] = {}
        try:
            code = parse_code(_text(row.get("iso3")))
        except ScoreFileError as error:
            problems["iso3"] = str(error)
        else:
            if code in self._seen:
                problems["iso3"] = f"code {code} already appears on row {self._seen[code]}"
            else:
                self._seen[code] = row_number
                if code not in self._countries:
                    problems["iso3"] = unknown_code_message(code)
        try:
            parse_label(_text(row.get("name")))
        except ScoreFileError as error:
            problems["name"] = str(error)
        for code in DIMENSION_CODES:
            try:
                parse_score(_text(row.get(code)))
            except ScoreFileError as error:
                problems[code] = str(error)
        if problems:
            raise ValidationError(problems)


def _text(value) -> str | None:
    return None if value is None else str(value)


def edition_csv(edition: ScoreEdition) -> str:
    """The edition's scores as CSV in the bundled file's format (`\\n` line endings)."""
    dataset = CountryScoreResource(edition=edition).export()
    return dataset.export("csv", lineterminator="\n")
