from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from counterparties.models import Counterparty
from countries.dimensions import DIMENSION_CHOICES
from countries.models import Country, ScoreEdition
from plans.currencies import validate_currency


class PlanQuerySet(models.QuerySet):
    def owned_by(self, user) -> "PlanQuerySet":
        return self.filter(owner=user)

    def by_next_meeting(self) -> "PlanQuerySet":
        """Soonest first meeting first; plans without a date last."""
        return self.order_by(F("first_meeting_on").asc(nulls_last=True), "-updated_at")


class Plan(models.Model):
    """One deal with one counterparty, prepared in three stages."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        READY = "ready", "Ready"
        IN_PROGRESS = "in_progress", "In progress"
        CLOSED_WON = "closed_won", "Closed, won"
        CLOSED_LOST = "closed_lost", "Closed, lost"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plans"
    )
    counterparty = models.ForeignKey(Counterparty, on_delete=models.PROTECT, related_name="plans")
    title = models.CharField(max_length=200)
    our_country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="our side's culture",
        help_text="Defaults to your home country; pick another for a team led by a colleague.",
    )
    use_personal_scores = models.BooleanField(
        "use my personal scores",
        default=True,
        help_text="Where you set personal scores in your profile, use them for our side.",
    )
    edition = models.ForeignKey(
        ScoreEdition,
        on_delete=models.PROTECT,
        related_name="plans",
        verbose_name="score edition",
        help_text="The country scores this plan is computed with.",
    )
    deal_summary = models.TextField(max_length=5000, blank=True)
    currency = models.CharField(
        max_length=3, default="USD", validators=[validate_currency], help_text="ISO 4217 code."
    )
    total_deal_value = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text="The whole deal you are working towards.",
    )
    first_order_value = models.DecimalField(
        "first (test) order value",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    first_meeting_on = models.DateField("date of the first meeting", null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    gap_notes = models.TextField("notes on the cultural gap", max_length=10000, blank=True)
    gap_saved_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(total_deal_value__isnull=True) | Q(total_deal_value__gte=0),
                name="plans_total_deal_value_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(first_order_value__isnull=True) | Q(first_order_value__gte=0),
                name="plans_first_order_value_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(total_deal_value__isnull=True)
                | Q(first_order_value__isnull=True)
                | Q(first_order_value__lte=F("total_deal_value")),
                name="plans_test_order_within_total",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:detail", args=[self.pk])

    def clean(self) -> None:
        if (
            self.total_deal_value is not None
            and self.first_order_value is not None
            and self.first_order_value > self.total_deal_value
        ):
            raise ValidationError(
                {
                    "first_order_value": (
                        "The test order cannot be larger than the total deal. Lower the test "
                        "order or raise the total deal value."
                    )
                }
            )


class GapGuidance(models.Model):
    """What a gap on one dimension means for the meeting, kept by trainers."""

    class Direction(models.TextChoices):
        THEY_HIGHER = "higher", "They score higher than us"
        THEY_LOWER = "lower", "They score lower than us"

    class Band(models.TextChoices):
        MODERATE = "moderate", "Moderate gap"
        LARGE = "large", "Large gap"

    dimension = models.CharField(max_length=3, choices=DIMENSION_CHOICES)
    direction = models.CharField(max_length=10, choices=Direction.choices)
    band = models.CharField(max_length=10, choices=Band.choices)
    meaning = models.TextField(
        max_length=2000, help_text="What this gap means at the table, in plain words."
    )
    advice = models.TextField(
        max_length=2000, help_text="What the negotiator should do about it at the next meeting."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["dimension", "direction", "band"]
        verbose_name = "gap guidance text"
        constraints = [
            models.UniqueConstraint(
                fields=["dimension", "direction", "band"], name="plans_one_guidance_per_cell"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_dimension_display()}: {self.get_direction_display()}, {self.band}"

    def get_absolute_url(self) -> str:
        return reverse("admin:plans_gapguidance_change", args=[self.pk])
