from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Lower
from django.urls import reverse

from core.models import SearchTextModel
from core.text import search_words
from countries.dimensions import DIMENSION_CHOICES, SCORE_MAX, SCORE_MIN
from countries.models import Country


def namesake_exists(path: str = "") -> Exists:
    """Whether the owner has another counterparty of the same name, ignoring case.

    `path` leads from the outer query to the counterparty: "" on counterparties,
    "counterparty__" on plans. Part of the outer query: no query of its own.
    """
    return Exists(
        Counterparty.objects.alias(lower_name=Lower("name"))
        .filter(owner=OuterRef(f"{path}owner"), lower_name=Lower(OuterRef(f"{path}name")))
        .exclude(pk=OuterRef(f"{path}pk"))
    )


class CounterpartyQuerySet(models.QuerySet):
    def owned_by(self, user) -> "CounterpartyQuerySet":
        return self.filter(owner=user)

    def with_namesakes(self) -> "CounterpartyQuerySet":
        """`has_namesake` on each row, so that lists can tell two of the same name apart."""
        return self.annotate(has_namesake=namesake_exists())

    def search(self, query: str) -> "CounterpartyQuerySet":
        """Counterparties that hold every word of `query`, folded, each anywhere.

        A word may be in the organisation's name, industry or city, its country's name,
        dataset label or code, or the name or title of one of its people. People are
        matched in a subquery, so an organisation is listed once however many match.
        """
        counterparties = self
        for word in search_words(query):
            counterparties = counterparties.filter(
                Q(search_text__contains=word)
                | Q(country__search_text__contains=word)
                | Exists(
                    Person.objects.filter(counterparty=OuterRef("pk"), search_text__contains=word)
                )
            )
        return counterparties


WEB_SCHEMES = ("http", "https")
# URLField alone also accepts ftp:// and ftps://, which no browser opens as a page.
# Its own code, so that a form's message for a malformed address does not replace it.
validate_web_address = URLValidator(
    schemes=list(WEB_SCHEMES),
    message="Enter a web address starting with http:// or https://.",
    code="not_a_web_page",
)


class Counterparty(SearchTextModel):
    """An organisation the negotiator deals with."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="counterparties"
    )
    name = models.CharField(max_length=200)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    industry = models.CharField(max_length=120, blank=True)
    city = models.CharField(max_length=120, blank=True)
    website = models.URLField(max_length=300, blank=True, validators=[validate_web_address])
    notes = models.TextField(max_length=5000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    SEARCH_FIELDS = ("name", "industry", "city")  # and the country's, through a join

    objects = CounterpartyQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name_plural = "counterparties"
        constraints = [
            models.CheckConstraint(
                condition=Q(website="")
                | Q(website__istartswith="http://")
                | Q(website__istartswith="https://"),
                name="counterparties_website_is_http",
                violation_error_message=validate_web_address.message,
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("counterparties:detail", args=[self.pk])

    def adjusted_scores(self) -> dict[str, int]:
        """Adjusted score per dimension code. Queries unless `adjustments` is prefetched."""
        return {a.dimension: a.score for a in self.adjustments.all()}


class CultureAdjustment(models.Model):
    """The organisation's own score on one dimension, where it departs from its country."""

    counterparty = models.ForeignKey(
        Counterparty, on_delete=models.CASCADE, related_name="adjustments"
    )
    dimension = models.CharField(max_length=3, choices=DIMENSION_CHOICES)
    score = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)]
    )
    reason = models.CharField(
        max_length=300, help_text="Why this organisation departs from its national score."
    )

    class Meta:
        ordering = ["counterparty", "dimension"]
        constraints = [
            models.UniqueConstraint(
                fields=["counterparty", "dimension"], name="counterparties_one_adjustment_per_dim"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=SCORE_MIN, score__lte=SCORE_MAX),
                name="counterparties_adjustment_score_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.counterparty}: {self.get_dimension_display()} {self.score}"

    def get_absolute_url(self) -> str:
        return self.counterparty.get_absolute_url()


class Person(SearchTextModel):
    """Someone on the counterparty's side."""

    class Role(models.TextChoices):
        DECISION_MAKER = "decision_maker", "Decision-maker"
        INFLUENCER = "influencer", "Influencer"
        GATEKEEPER = "gatekeeper", "Gatekeeper"
        TECHNICAL = "technical", "Technical evaluator"
        INTERMEDIARY = "intermediary", "Interpreter or intermediary"
        OTHER = "other", "Other"

    class Seniority(models.TextChoices):
        EXECUTIVE = "executive", "Owner or top executive"
        SENIOR = "senior", "Senior manager"
        MIDDLE = "middle", "Middle manager"
        STAFF = "staff", "Staff"
        UNKNOWN = "unknown", "Unknown"

    class InnerCircle(models.TextChoices):
        YES = "yes", "Yes"
        NO = "no", "No"
        UNKNOWN = "unknown", "Unknown"

    counterparty = models.ForeignKey(Counterparty, on_delete=models.CASCADE, related_name="people")
    name = models.CharField(max_length=200)
    title = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.OTHER)
    seniority = models.CharField(
        max_length=20, choices=Seniority.choices, default=Seniority.UNKNOWN
    )
    inner_circle = models.CharField(
        "in the inner circle",
        max_length=10,
        choices=InnerCircle.choices,
        default=InnerCircle.UNKNOWN,
    )
    introduced_by = models.CharField("how we were introduced", max_length=300, blank=True)
    notes = models.TextField(max_length=5000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    SEARCH_FIELDS = ("name", "title")

    class Meta:
        ordering = ["name", "pk"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return self.counterparty.get_absolute_url()
