from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.models import SearchTextModel
from core.text import search_words
from countries.dimensions import BY_CODE, DIMENSION_CODES, DIMENSIONS, SCORE_MAX, SCORE_MIN


def _score_field(code: str) -> models.PositiveSmallIntegerField:
    dimension = BY_CODE[code]
    return models.PositiveSmallIntegerField(
        dimension.name,
        null=True,
        blank=True,
        validators=[MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)],
        help_text=(
            f"{dimension.abbreviation}, {SCORE_MIN} to {SCORE_MAX}; leave empty when unknown. "
            f"High: {dimension.high_means} Low: {dimension.low_means}"
        ),
    )


def score_range_constraints() -> list[models.CheckConstraint]:
    """One check per dimension: empty, or within 0..100. Names are per concrete model."""
    return [
        models.CheckConstraint(
            condition=Q(**{f"{code}__isnull": True})
            | Q(**{f"{code}__gte": SCORE_MIN, f"{code}__lte": SCORE_MAX}),
            name=f"%(app_label)s_%(class)s_{code}_range",
        )
        for code in DIMENSION_CODES
    ]


class ScoreFields(models.Model):
    """The six Hofstede scores, each optional (a missing score is never 0)."""

    pdi = _score_field("pdi")
    idv = _score_field("idv")
    mas = _score_field("mas")
    uai = _score_field("uai")
    lto = _score_field("lto")
    ivr = _score_field("ivr")

    class Meta:
        abstract = True
        constraints = score_range_constraints()

    def scores(self) -> dict[str, int | None]:
        return {code: getattr(self, code) for code in DIMENSION_CODES}

    @property
    def missing_dimensions(self) -> list[str]:
        return [d.abbreviation for d in DIMENSIONS if getattr(self, d.code) is None]


class ScoreEditionQuerySet(models.QuerySet):
    def default(self) -> "ScoreEdition | None":
        return self.filter(is_default=True).first()


class ScoreEdition(models.Model):
    """A named, dated set of country scores with its source and terms."""

    name = models.CharField(max_length=120, unique=True)
    published_on = models.DateField(null=True, blank=True)
    source = models.TextField(help_text="Where the scores come from; shown to negotiators.")
    terms_note = models.TextField(blank=True, help_text="Terms of use as far as they are known.")
    is_default = models.BooleanField(
        default=False, help_text="New plans use the default edition. Only one can be default."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScoreEditionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-is_default", "-published_on", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True),
                name="countries_one_default_edition",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("countries:list")


class CountryQuerySet(models.QuerySet):
    def with_scores(self, edition: ScoreEdition | None) -> "CountryQuerySet":
        """Attach `edition_scores` (a list with at most one CountryScore) in one extra query."""
        return self.prefetch_related(
            models.Prefetch(
                "scores",
                queryset=CountryScore.objects.filter(edition=edition),
                to_attr="edition_scores",
            )
        )

    def search(self, query: str) -> "CountryQuerySet":
        """Countries whose name, dataset label or code hold every word of `query`, folded."""
        countries = self
        for word in search_words(query):
            countries = countries.filter(search_text__contains=word)
        return countries


class Country(SearchTextModel):
    class Kind(models.TextChoices):
        COUNTRY = "country", "Country or territory"
        REGION = "region", "Region"
        GROUP = "group", "Sub-national or ethnic group"

    code = models.CharField(
        max_length=5,
        unique=True,
        help_text="ISO 3166-1 alpha-3 code, or X- plus the dataset's code for regions and groups.",
    )
    name = models.CharField(max_length=100, help_text="The name negotiators see.")
    dataset_label = models.CharField(
        max_length=100, help_text="The dataset's own label, kept as published."
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.COUNTRY)

    SEARCH_FIELDS = ("name", "dataset_label", "code")

    objects = CountryQuerySet.as_manager()
    # The search column is derived and a revert saves (and so refills) it: not recorded.
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("countries:detail", args=[self.code])

    def score_in(self, edition: ScoreEdition | None) -> "CountryScore | None":
        """The scores of this country in `edition`. Queries unless `with_scores` prefetched."""
        if hasattr(self, "edition_scores"):
            return self.edition_scores[0] if self.edition_scores else None
        if edition is None:
            return None
        return self.scores.filter(edition=edition).first()


class CountryScore(ScoreFields):
    edition = models.ForeignKey(ScoreEdition, on_delete=models.CASCADE, related_name="scores")
    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="scores")

    history = HistoricalRecords()

    class Meta(ScoreFields.Meta):
        ordering = ["country__name"]
        constraints = [
            *ScoreFields.Meta.constraints,
            models.UniqueConstraint(
                fields=["edition", "country"], name="countries_one_score_row_per_edition"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country} ({self.edition})"

    def get_absolute_url(self) -> str:
        return self.country.get_absolute_url()
