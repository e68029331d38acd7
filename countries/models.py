from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
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


def plans_phrase(count: int) -> str:
    """'1 plan uses' / '3 plans use', for the sentences that explain a read-only edition."""
    return "1 plan uses" if count == 1 else f"{count} plans use"


class ScoreEditionQuerySet(models.QuerySet):
    def default(self) -> "ScoreEdition | None":
        return self.filter(is_default=True).first()

    def with_plan_count(self) -> "ScoreEditionQuerySet":
        """Annotate `plans_count`, the number of plans computed with each edition."""
        return self.annotate(plans_count=Count("plans", distinct=True))

    def in_use(self) -> "ScoreEditionQuerySet":
        """Editions at least one plan uses: their scores are read-only."""
        return self.filter(plans__isnull=False).distinct()

    def editable(self) -> "ScoreEditionQuerySet":
        """Editions no plan uses: their scores may still change."""
        return self.filter(plans__isnull=True)


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

    def plan_count(self) -> int:
        """How many plans use this edition. Queries unless `with_plan_count` annotated it."""
        if hasattr(self, "plans_count"):
            return self.plans_count
        return self.plans.count() if self.pk else 0

    def read_only_reason(self, plan_count: int | None = None) -> str:
        """Why the scores of this edition cannot change, and what to do instead."""
        count = self.plan_count() if plan_count is None else plan_count
        return (
            f"{plans_phrase(count)} the edition “{self}”. A plan keeps the scores it was "
            "computed with until its owner switches editions, so this edition's scores are "
            "read-only: no score can be changed, added or removed. To work on newer scores, "
            "select the edition on the Score editions list and run “Copy into an editable "
            "draft”, then change the copy."
        )


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


def protect_scores_in_used_editions(collector, field, sub_objs, using) -> None:
    """on_delete for a score row's country: cascade, unless a plan uses the row's edition.

    Deleting a country that no plan refers to would still drop its row from every edition,
    and with it change the variances, so the Kogut–Singh index, of the plans using that
    edition. Such a country is protected; rows of editions no plan uses cascade as before.
    """
    rows = list(sub_objs)
    used = set(
        ScoreEdition.objects.in_use()
        .filter(pk__in={row.edition_id for row in rows})
        .values_list("pk", flat=True)
    )
    protected = [row for row in rows if row.edition_id in used]
    if protected:
        raise models.ProtectedError(
            "Plans use an edition in which this country is scored.", protected
        )
    models.CASCADE(collector, field, sub_objs, using)


class CountryScoreQuerySet(models.QuerySet):
    def with_edition_plan_count(self) -> "CountryScoreQuerySet":
        """Annotate `edition_plans`: how many plans use each row's edition (one subquery)."""
        counts = (
            ScoreEdition.objects.filter(pk=models.OuterRef("edition_id"))
            .with_plan_count()
            .values("plans_count")[:1]
        )
        return self.annotate(edition_plans=models.Subquery(counts))

    def read_only(self) -> "CountryScoreQuerySet":
        """Rows of editions that plans use."""
        return self.filter(edition__in=ScoreEdition.objects.in_use())

    def editable(self) -> "CountryScoreQuerySet":
        """Rows of editions no plan uses."""
        return self.filter(edition__in=ScoreEdition.objects.editable())


class CountryScore(ScoreFields):
    edition = models.ForeignKey(
        ScoreEdition,
        on_delete=models.CASCADE,
        related_name="scores",
        help_text="Only editions that no plan uses can take new or changed scores.",
    )
    country = models.ForeignKey(
        Country, on_delete=protect_scores_in_used_editions, related_name="scores"
    )

    objects = CountryScoreQuerySet.as_manager()
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

    def edition_plan_count(self) -> int:
        """How many plans use this row's edition. Queries unless `with_edition_plan_count`."""
        if hasattr(self, "edition_plans"):
            return self.edition_plans or 0
        return self.edition.plan_count()

    def clean(self) -> None:
        """Refuse adding, changing or moving a row of an edition that plans use (queries)."""
        super().clean()
        if self.edition_id is None:
            return
        stored = (
            CountryScore.objects.filter(pk=self.pk)
            .values("edition_id", "country_id", *DIMENSION_CODES)
            .first()
            if self.pk
            else None
        )
        if stored is not None:
            current = {"edition_id": self.edition_id, "country_id": self.country_id}
            current.update(self.scores())
            if current == stored:
                return
        involved = {self.edition_id} | ({stored["edition_id"]} if stored else set())
        used = (
            ScoreEdition.objects.filter(pk__in=involved)
            .with_plan_count()
            .filter(plans_count__gt=0)
            .order_by("pk")
            .first()
        )
        if used is not None:
            raise ValidationError(used.read_only_reason())


# Country briefings: etiquette and practice, kept by trainers ------------------------------

BRIEFING_CAUTION = (
    "These notes are generalisations about a country's business customs. Individuals and "
    "organisations differ, and many people you meet will have worked abroad or with "
    "foreign partners: watch, ask, and follow the lead of the people in front of you."
)


class CountryBriefing(models.Model):
    """Practical notes on doing business with one country or region, in sections."""

    country = models.OneToOneField(Country, on_delete=models.CASCADE, related_name="briefing")
    summary = models.TextField(
        max_length=1000,
        blank=True,
        help_text="Optional: two or three sentences shown above the sections, always open.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["country__name"]
        verbose_name = "country briefing"

    def __str__(self) -> str:
        return f"Briefing on {self.country}"

    def get_absolute_url(self) -> str:
        return f"{self.country.get_absolute_url()}#briefing"


class BriefingSectionQuerySet(models.QuerySet):
    def in_reading_order(self, *first: str) -> "BriefingSectionQuerySet":
        """Sections in the order of BriefingSection.Kind, not alphabetically by code, per
        briefing (or after the orderings in `first`)."""
        order = models.Case(
            *(
                models.When(kind=kind, then=models.Value(position))
                for position, kind in enumerate(BriefingSection.Kind.values)
            ),
            default=models.Value(len(BriefingSection.Kind.values)),
            output_field=models.IntegerField(),
        )
        return self.order_by(*(first or ("briefing_id",)), order)


class BriefingSection(models.Model):
    """One section of a briefing: its text, the public sources behind it, when it was checked."""

    class Kind(models.TextChoices):
        GREETING = "greeting", "Meeting and greeting"
        NAMES = "names", "Names, titles and forms of address"
        GIFTS = "gifts", "Gifts"
        MEALS = "meals", "Meals, banquets and toasts"
        CALENDAR = "calendar", "Time and the calendar"
        HIERARCHY = "hierarchy", "Hierarchy and how decisions are made"
        CONTRACTS = "contracts", "Contracts, disputes and intellectual property"
        LANGUAGE = "language", "Language and working with interpreters"

    SOURCE_MAX_LENGTH = 300

    briefing = models.ForeignKey(CountryBriefing, on_delete=models.CASCADE, related_name="sections")
    kind = models.CharField("section", max_length=20, choices=Kind.choices)
    text = models.TextField(
        max_length=3000,
        help_text="Practical advice in your own words; a few sentences. Shown as plain text.",
    )
    sources = models.TextField(
        max_length=2000,
        help_text=(
            "The named public sources this section rests on, one per line, e.g. "
            "“U.S. International Trade Administration, Vietnam Country Commercial Guide”. "
            "At least one."
        ),
    )
    last_reviewed = models.DateField(
        help_text="When a trainer last checked this section against its sources. Not in the future."
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = BriefingSectionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["briefing", "kind"]
        verbose_name = "briefing section"
        constraints = [
            models.UniqueConstraint(
                fields=["briefing", "kind"], name="countries_one_section_of_a_kind_per_briefing"
            ),
            models.CheckConstraint(
                condition=~Q(text=""), name="countries_briefing_section_has_text"
            ),
            models.CheckConstraint(
                condition=~Q(sources=""), name="countries_briefing_section_has_sources"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.briefing.country}: {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return self.briefing.get_absolute_url()

    @property
    def source_list(self) -> list[str]:
        """The sources, one per non-empty line, trimmed."""
        return [line.strip() for line in self.sources.splitlines() if line.strip()]

    def clean(self) -> None:
        errors = {}
        if not self.text.strip():
            errors["text"] = "Write the section's text; an empty section says nothing."
        sources = self.source_list
        if not sources:
            errors["sources"] = "Name at least one public source, one per line."
        elif too_long := [s for s in sources if len(s) > self.SOURCE_MAX_LENGTH]:
            errors["sources"] = (
                f"Each source fits on one line of at most {self.SOURCE_MAX_LENGTH} characters; "
                f"this one is longer: “{too_long[0][:60]}…”."
            )
        else:
            self.sources = "\n".join(sources)
        if self.last_reviewed and self.last_reviewed > timezone.localdate():
            errors["last_reviewed"] = (
                "The review date cannot be in the future; give the day the section was checked."
            )
        if errors:
            raise ValidationError(errors)
