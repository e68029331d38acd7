import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.money import MoneyField
from counterparties.models import Counterparty, CultureAdjustment, Person, namesake_exists
from countries.dimensions import DIMENSION_CHOICES
from countries.models import Country, ScoreEdition
from plans.currencies import validate_currency
from plans.goals import SIGNAL_KEYS


class PlanQuerySet(models.QuerySet):
    def owned_by(self, user) -> "PlanQuerySet":
        return self.filter(owner=user)

    def with_counterparty_namesakes(self) -> "PlanQuerySet":
        """`counterparty_has_namesake` on each plan: its owner has another counterparty of
        that name, so lists show where each one is."""
        return self.annotate(counterparty_has_namesake=namesake_exists("counterparty__"))

    def by_next_meeting(self) -> "PlanQuerySet":
        """Soonest first meeting first; plans without a date last."""
        return self.order_by(F("first_meeting_on").asc(nulls_last=True), "-updated_at")

    def with_stages(self) -> "PlanQuerySet":
        """Everything the overview shows of the three stages, in a fixed number of queries."""
        return self.select_related(
            "counterparty__country",
            "our_country",
            "edition",
            "goal_assessment",
            "decision_belief__person",
        ).prefetch_related(
            Prefetch("counterparty__adjustments", queryset=CultureAdjustment.objects.order_by()),
            "roadmap_steps",
            "say_early_items",
            "learn_items",
            "tell_items",
            Prefetch("questions", queryset=PlanQuestion.objects.select_related("source")),
            Prefetch("occasions", queryset=Occasion.objects.with_attendees()),
        )

    def using_person(self, person: Person) -> "PlanQuerySet":
        """Plans where `person` is believed to decide or attends an occasion, by title.

        Each plan has `person_decides` (bool) and `person_occasions` (the occasions they
        attend). Two queries however many plans.
        """
        decides = DecisionMakerBelief.objects.filter(plan=OuterRef("pk"), person=person)
        attends = Occasion.objects.filter(plan=OuterRef("pk"), their_attendees=person)
        return (
            self.annotate(person_decides=Exists(decides))
            .filter(Exists(decides) | Exists(attends))
            .prefetch_related(
                Prefetch(
                    "occasions",
                    queryset=Occasion.objects.filter(their_attendees=person),
                    to_attr="person_occasions",
                )
            )
            .order_by("title", "pk")
        )


# A first meeting further away than this from today is almost always a mistyped year.
MEETING_DATE_RANGE_YEARS = 10
PLAN_TITLE_MISSING = "Give the plan a title, for example the deal's name."


def validate_plan_title(value: str) -> None:
    """A title of spaces is no title. Forms strip it to "" first; this catches the rest."""
    if not value.strip():
        raise ValidationError(PLAN_TITLE_MISSING, code="blank")


def validate_first_meeting_on(value: datetime.date) -> None:
    """Within MEETING_DATE_RANGE_YEARS of today, so that 1900 or 9999 is caught as a typo."""
    today = timezone.localdate()
    span = datetime.timedelta(days=365 * MEETING_DATE_RANGE_YEARS)
    if not today - span <= value <= today + span:
        raise ValidationError(
            f"Choose a date within {MEETING_DATE_RANGE_YEARS} years of today; check the year.",
            code="out_of_range",
        )


class Plan(models.Model):
    """One deal with one counterparty, prepared in three stages.

    The title and first-meeting rules are field validators rather than clean(): clean()
    runs on every form of the model, so an older plan whose meeting date has drifted out
    of the window would otherwise block saving its gap notes or switching its edition.
    """

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
    title = models.CharField(
        max_length=200,
        validators=[validate_plan_title],
        error_messages={"blank": PLAN_TITLE_MISSING},
    )
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
    total_deal_value = MoneyField(
        null=True, blank=True, help_text="The whole deal you are working towards."
    )
    first_order_value = MoneyField("first (test) order value", null=True, blank=True)
    first_meeting_on = models.DateField(
        "date of the first meeting",
        null=True,
        blank=True,
        validators=[validate_first_meeting_on],
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    gap_notes = models.TextField("notes on the cultural gap", max_length=10000, blank=True)
    gap_saved_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Stages 2 and 3 save independently; the version catches two tabs saving the same stage.
    goals_saved_at = models.DateTimeField(null=True, blank=True, editable=False)
    goals_version = models.PositiveIntegerField(default=0, editable=False)
    relationship_saved_at = models.DateTimeField(null=True, blank=True, editable=False)
    relationship_version = models.PositiveIntegerField(default=0, editable=False)
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

    @classmethod
    def from_db(cls, db, field_names, values):
        plan = super().from_db(db, field_names, values)
        plan._saved_currency = plan.__dict__.get("currency")
        return plan

    def clean_fields(self, exclude=None) -> None:
        # A currency withdrawn since the plan was saved stays valid on this plan, so an
        # old plan can still be edited; a new or changed currency must be in use today.
        if self.currency == getattr(self, "_saved_currency", None):
            exclude = {*(exclude or ()), "currency"}
        super().clean_fields(exclude=exclude)

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

    history = HistoricalRecords()

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


# Stage 2: goals, transaction or relationship ------------------------------------------


def _money_field(verbose_name: str, help_text: str = "") -> MoneyField:
    return MoneyField(verbose_name, null=True, blank=True, help_text=help_text)


def _not_negative(field: str, model: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": 0}),
        name=f"plans_{model}_{field}_not_negative",
    )


class Answer(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_SURE = "not_sure", "Not sure"


def _signal_field(verbose_name: str) -> models.CharField:
    return models.CharField(verbose_name, max_length=10, choices=Answer.choices, blank=True)


def _signal_note() -> models.CharField:
    return models.CharField("note", max_length=500, blank=True)


class GoalAssessment(models.Model):
    """Stage 2 of a plan: the answers on the deal's signals and the money positions.

    The money positions are confidential: printouts taken into a meeting leave them out
    (see CONFIDENTIAL_FIELDS).
    """

    CONFIDENTIAL_FIELDS = (
        "our_target",
        "our_walk_away",
        "their_target_estimate",
        "their_walk_away_estimate",
    )

    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="goal_assessment")
    repeats = _signal_field("Will the same deal repeat with this counterparty?")
    repeats_note = _signal_note()
    best_efforts = _signal_field("Do we need their best efforts on service or quality?")
    best_efforts_note = _signal_note()
    holds_our_assets = _signal_field(
        "Will they hold our moulds, designs, intellectual property or credit information?"
    )
    holds_our_assets_note = _signal_note()
    unique_asset = _signal_field("Is this a unique asset we buy once?")
    unique_asset_note = _signal_note()
    switch_suppliers = _signal_field("Do we intend to switch suppliers often?")
    switch_suppliers_note = _signal_note()
    commodity = _signal_field("Is it a commodity?")
    commodity_note = _signal_note()
    marketplace = _signal_field("Is it bought by bidding in an automated marketplace?")
    marketplace_note = _signal_note()
    our_target = _money_field("our target", "The result we aim for.")
    our_walk_away = _money_field("our walk-away point", "Beyond this we do not sign.")
    their_target_estimate = _money_field("their target (our estimate)")
    their_walk_away_estimate = _money_field("their walk-away point (our estimate)")

    class Meta:
        ordering = ["plan"]
        constraints = [
            _not_negative(field, "goalassessment")
            for field in (
                "our_target",
                "our_walk_away",
                "their_target_estimate",
                "their_walk_away_estimate",
            )
        ]

    def __str__(self) -> str:
        return f"Goals for {self.plan}"

    def get_absolute_url(self) -> str:
        return reverse("plans:goals", args=[self.plan_id])

    def answers(self) -> dict[str, str]:
        """Signal key -> answer ("" when unanswered), for plans.goals."""
        return {key: getattr(self, key) for key in SIGNAL_KEYS}

    def notes(self) -> dict[str, str]:
        return {key: getattr(self, f"{key}_note") for key in SIGNAL_KEYS}


class RoadmapStep(models.Model):
    """One step from the first (test) order towards the total deal."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="roadmap_steps")
    position = models.PositiveSmallIntegerField("order", default=1)
    title = models.CharField(max_length=200)
    value = MoneyField()
    target_on = models.DateField("target date", null=True, blank=True)
    move_on_when = models.TextField("what must be true to move on", max_length=1000, blank=True)

    class Meta:
        ordering = ["plan", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__gte=0), name="plans_roadmapstep_value_not_negative"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:goals", args=[self.plan_id]) + "#roadmap"


class SayEarlyItem(models.Model):
    """Something to make clear early in the talks, and whether it has been said."""

    class Topic(models.TextChoices):
        TEST_ORDER = "test_order", "The first order is a test, and the roadmap beyond it"
        ORDER_SIZES = "order_sizes", "Expected order sizes"
        TECHNOLOGY_TRANSFER = "technology_transfer", "Technology transfer"
        IP_PROTECTION = "ip_protection", "The intellectual property we will protect"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="say_early_items")
    topic = models.CharField(max_length=30, choices=Topic.choices)
    what_we_will_say = models.TextField(max_length=2000, blank=True)
    said = models.BooleanField("said", default=False)

    class Meta:
        ordering = ["plan", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "topic"], name="plans_one_say_early_per_topic")
        ]

    def __str__(self) -> str:
        return self.get_topic_display()

    def get_absolute_url(self) -> str:
        return reverse("plans:goals", args=[self.plan_id]) + "#say-early"

    def clean(self) -> None:
        if self.said and not self.what_we_will_say.strip():
            raise ValidationError(
                {"what_we_will_say": "Write down what was said before ticking it as said."}
            )


# Stage 3: the relationship plan -------------------------------------------------------


class LearnItem(models.Model):
    """Something we want to learn about the counterparty or their industry."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        IN_PROGRESS = "in_progress", "In progress"
        LEARNED = "learned", "Learned"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="learn_items")
    topic = models.CharField(max_length=200)
    why_it_matters = models.CharField(max_length=500, blank=True)
    source = models.CharField("source or occasion", max_length=200, blank=True)
    due_on = models.DateField("due date", null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    learned = models.TextField("what we learned", max_length=2000, blank=True)

    class Meta:
        ordering = ["plan", F("due_on").asc(nulls_last=True), "pk"]

    def __str__(self) -> str:
        return self.topic

    def get_absolute_url(self) -> str:
        return reverse("plans:relationship", args=[self.plan_id]) + "#learn"

    def clean(self) -> None:
        if self.status == self.Status.LEARNED and not self.learned.strip():
            raise ValidationError(
                {"learned": "Write down what you learned, or set the status back to in progress."}
            )


class TellItem(models.Model):
    """Something we want the counterparty to know about us."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tell_items")
    topic = models.CharField(max_length=200)
    message = models.TextField("what we will say", max_length=2000, blank=True)
    when = models.CharField(max_length=200, blank=True)
    to_whom = models.CharField("to whom", max_length=200, blank=True)

    class Meta:
        ordering = ["plan", "pk"]

    def __str__(self) -> str:
        return self.topic

    def get_absolute_url(self) -> str:
        return reverse("plans:relationship", args=[self.plan_id]) + "#tell"


class KeepItem(models.Model):
    """Something we keep to ourselves. Confidential: printouts leave these out."""

    confidential = True

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="keep_items")
    topic = models.CharField(max_length=200)
    notes = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["plan", "pk"]

    def __str__(self) -> str:
        return self.topic

    def get_absolute_url(self) -> str:
        return reverse("plans:relationship", args=[self.plan_id]) + "#keep"


class QuestionTemplate(models.Model):
    """A safe, useful question for early meetings, kept by trainers in the admin."""

    class Tag(models.TextChoices):
        FIRST_MEETING = "first_meeting", "First meeting"
        MEAL = "meal", "Over a meal or banquet"
        SITE_VISIT = "site_visit", "On a site visit"
        BEFORE_TERMS = "before_terms", "Before talking terms"
        FOLLOW_UP = "follow_up", "Following up after an order"

    text = models.CharField(max_length=300, unique=True)
    tag = models.CharField(
        "when it helps", max_length=20, choices=Tag.choices, default=Tag.FIRST_MEETING
    )
    why_it_helps = models.CharField(
        max_length=500, blank=True, help_text="What the answer tells the negotiator."
    )
    is_active = models.BooleanField(
        "offered to negotiators",
        default=True,
        help_text="Untick to stop offering the question without deleting it from plans.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["tag", "text"]
        verbose_name = "library question"

    def __str__(self) -> str:
        return self.text

    def get_absolute_url(self) -> str:
        return reverse("admin:plans_questiontemplate_change", args=[self.pk])


class PlanQuestion(models.Model):
    """A question the negotiator brings to the meeting, and afterwards its answer."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="questions")
    source = models.ForeignKey(
        QuestionTemplate,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The library question this was picked from, if any.",
    )
    text = models.CharField("question", max_length=300)
    position = models.PositiveSmallIntegerField("order", default=1)
    asked = models.BooleanField(default=False)
    answer = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["plan", "position", "pk"]

    def __str__(self) -> str:
        return self.text

    def get_absolute_url(self) -> str:
        return reverse("plans:relationship", args=[self.plan_id]) + "#questions"

    def clean(self) -> None:
        if self.answer.strip() and not self.asked:
            raise ValidationError({"asked": "Tick “asked” when you record an answer."})


class OccasionQuerySet(models.QuerySet):
    def with_attendees(self) -> "OccasionQuerySet":
        """Their attendees prefetched, by name."""
        return self.prefetch_related(
            Prefetch("their_attendees", queryset=Person.objects.order_by("name", "pk"))
        )


class Occasion(models.Model):
    """A meeting, meal or visit: due diligence in both directions."""

    class Kind(models.TextChoices):
        MEETING = "meeting", "Meeting"
        DINNER = "dinner", "Dinner"
        BANQUET = "banquet", "Banquet"
        SITE_VISIT = "site_visit", "Site visit"
        CALL = "call", "Call"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="occasions")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.MEETING)
    held_on = models.DateField("date", null=True, blank=True)
    place = models.CharField(max_length=200, blank=True)
    our_attendees = models.CharField("who attends from our side", max_length=500, blank=True)
    their_attendees = models.ManyToManyField(
        Person, blank=True, related_name="occasions", verbose_name="who attends from theirs"
    )
    objectives = models.TextField(max_length=2000, blank=True)
    watch_for = models.TextField(
        "what to watch for",
        max_length=2000,
        blank=True,
        help_text="For example who defers to whom, and who speaks for the group.",
    )
    observed = models.TextField("afterwards: what we observed", max_length=4000, blank=True)

    objects = OccasionQuerySet.as_manager()

    class Meta:
        ordering = ["plan", F("held_on").asc(nulls_last=True), "pk"]

    def __str__(self) -> str:
        when = self.held_on.isoformat() if self.held_on else "date not set"
        return f"{self.get_kind_display()}, {when}"

    def get_absolute_url(self) -> str:
        return reverse("plans:relationship", args=[self.plan_id]) + "#occasions"


class DecisionMakerBelief(models.Model):
    """Who we currently believe really decides on their side, and why."""

    class Confidence(models.TextChoices):
        LOW = "low", "Low"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High"

    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="decision_belief")
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="who decides",
    )
    confidence = models.CharField(max_length=10, choices=Confidence.choices, default=Confidence.LOW)
    evidence = models.TextField(max_length=2000, blank=True)
    # Set when the person believed to decide is deleted from the counterparty (see
    # counterparties.services.person_delete), so the plan can say so; cleared when the
    # negotiator picks someone again.
    removed_person_name = models.CharField(
        "believed decision-maker who was removed", max_length=200, blank=True, editable=False
    )
    person_removed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["plan"]

    def __str__(self) -> str:
        return f"Decision-maker for {self.plan}"

    def get_absolute_url(self) -> str:
        return reverse("plans:relationship", args=[self.plan_id]) + "#decides"

    def current_person(self) -> Person | None:
        """The person, unless they belong to a counterparty the plan no longer uses.

        Switching a plan's counterparty detaches the person (plans.services.plan_details_save)
        and a data migration (0007) detached older ones, so this is a safeguard only.
        """
        if self.person is None or self.person.counterparty_id != self.plan.counterparty_id:
            return None
        return self.person

    @property
    def person_was_removed(self) -> bool:
        """The believed decision-maker was deleted and nobody has been chosen since."""
        return self.person_id is None and bool(self.removed_person_name)
