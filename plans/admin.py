"""Trainers' admin for the guidance texts and the question library.

Both keep a change history with revert (django-simple-history). Each list says how many
plans use an item, and each change page previews the text as negotiators see it.
"""

from collections import Counter

from django.contrib import admin, messages
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils.text import Truncator
from simple_history.admin import SimpleHistoryAdmin

from counterparties.models import CultureAdjustment
from countries.dimensions import DIMENSIONS
from countries.models import CountryScore
from plans.gaps import LARGE_FROM, MODERATE_FROM, analyse_gap
from plans.models import GapGuidance, Plan, PlanQuestion, QuestionTemplate

Cell = tuple[str, str, str]  # (dimension code, direction, band) of a guidance text


def guidance_cells() -> list[Cell]:
    """Every dimension × direction × band that should have a guidance text."""
    return [
        (dimension.code, direction, band)
        for dimension in DIMENSIONS
        for direction in GapGuidance.Direction.values
        for band in GapGuidance.Band.values
    ]


def missing_guidance_cells() -> list[str]:
    """The cells without a text (no row, or an empty meaning or advice), in words. One query."""
    written = {
        (g.dimension, g.direction, g.band)
        for g in GapGuidance.objects.all()
        if g.meaning.strip() and g.advice.strip()
    }
    directions = dict(GapGuidance.Direction.choices)
    bands = dict(GapGuidance.Band.choices)
    names = {d.code: d.name for d in DIMENSIONS}
    return [
        f"{names[code]}: {directions[direction].lower()}, {bands[band].lower()}"
        for code, direction, band in guidance_cells()
        if (code, direction, band) not in written
    ]


def guidance_usage() -> Counter[Cell]:
    """How many plans have a gap in each cell right now, as their stage 1 page shows it.

    The gap is recomputed per plan from its own edition, our side's personal scores (when
    the plan uses them) and the counterparty's adjusted scores. Four queries whatever the
    number of plans.
    """
    plans = list(
        Plan.objects.select_related("counterparty", "owner__profile")
        .prefetch_related(
            Prefetch("counterparty__adjustments", queryset=CultureAdjustment.objects.order_by())
        )
        .order_by()
    )
    wanted = {(p.edition_id, p.our_country_id) for p in plans}
    wanted |= {(p.edition_id, p.counterparty.country_id) for p in plans}
    rows = CountryScore.objects.filter(
        edition_id__in={edition for edition, _ in wanted},
        country_id__in={country for _, country in wanted},
    ).order_by()
    national = {(row.edition_id, row.country_id): row.scores() for row in rows}
    usage: Counter[Cell] = Counter()
    for plan in plans:
        profile = getattr(plan.owner, "profile", None)
        personal = profile.scores() if plan.use_personal_scores and profile else None
        analysis = analyse_gap(
            national.get((plan.edition_id, plan.our_country_id), {}),
            national.get((plan.edition_id, plan.counterparty.country_id), {}),
            {},  # bands do not depend on variances
            ours_override=personal,
            theirs_override=plan.counterparty.adjusted_scores(),
        )
        for gap in analysis.needing_guidance():
            usage[(gap.dimension.code, str(gap.direction), str(gap.band))] += 1
    return usage


def guidance_preview(text: GapGuidance) -> str:
    """The text rendered with the negotiators' own template, for a sample gap in its cell."""
    size = LARGE_FROM if text.band == GapGuidance.Band.LARGE else MODERATE_FROM
    theirs = 50 + size if text.direction == GapGuidance.Direction.THEY_HIGHER else 50 - size
    analysis = analyse_gap({text.dimension: 50}, {text.dimension: theirs}, {})
    return render_to_string(
        "includes/gap_guidance.html", {"analysis": analysis, "guidance": {text.dimension: text}}
    )


@admin.register(GapGuidance)
class GapGuidanceAdmin(SimpleHistoryAdmin):
    """Trainers edit the guidance texts; the grid of cells itself is fixed."""

    list_display = [
        "dimension",
        "direction",
        "band",
        "meaning_excerpt",
        "plans_using",
        "updated_at",
    ]
    list_display_links = ["dimension", "direction", "band"]
    list_filter = ["dimension", "direction", "band"]
    search_fields = ["meaning", "advice"]
    list_per_page = 50  # all 24 cells on one page
    fields = ["dimension", "direction", "band", "meaning", "advice", "preview", "updated_at"]
    readonly_fields = ["preview", "updated_at"]

    def changelist_view(self, request, extra_context=None):
        if request.method == "GET":
            missing = missing_guidance_cells()
            if missing:
                self.message_user(
                    request,
                    f"{len(missing)} of {len(guidance_cells())} gaps have no guidance text, so "
                    f"negotiators see none for them: {'; '.join(missing)}.",
                    messages.WARNING,
                )
            self._usage = guidance_usage()
        return super().changelist_view(request, extra_context)

    @admin.display(description="plans with this gap now")
    def plans_using(self, obj: GapGuidance) -> int:
        """Plans whose stage 1 currently shows this text (see guidance_usage)."""
        usage = getattr(self, "_usage", None)
        if usage is None:
            usage = guidance_usage()
        return usage[(obj.dimension, obj.direction, obj.band)]

    @admin.display(description="how negotiators see it")
    def preview(self, obj: GapGuidance | None) -> str:
        if obj is None or obj.pk is None:
            return "Save the text to see a preview."
        return guidance_preview(obj)

    @admin.display(description="meaning")
    def meaning_excerpt(self, obj: GapGuidance) -> str:
        return Truncator(obj.meaning).chars(90)

    def get_readonly_fields(self, request, obj=None):
        # Moving an existing text to another cell would leave its own cell empty.
        if obj is not None:
            return ["dimension", "direction", "band", *self.readonly_fields]
        return self.readonly_fields

    def has_delete_permission(self, request, obj=None):
        # Every cell must keep a text; trainers change wording instead of deleting.
        return request.user.is_superuser and super().has_delete_permission(request, obj)


@admin.register(QuestionTemplate)
class QuestionTemplateAdmin(SimpleHistoryAdmin):
    """Trainers keep the library of early-meeting questions that plans pick from."""

    list_display = ["text", "tag", "is_active", "plans_using", "updated_at"]
    list_filter = ["tag", "is_active"]
    list_editable = ["is_active"]
    search_fields = ["text", "why_it_helps"]
    list_per_page = 50
    fields = ["text", "tag", "why_it_helps", "is_active", "preview", "plans_using", "updated_at"]
    readonly_fields = ["preview", "plans_using", "updated_at"]

    def get_queryset(self, request):
        # PlanQuestion.source has no reverse accessor, hence a subquery.
        picked = (
            PlanQuestion.objects.filter(source=OuterRef("pk"))
            .order_by()
            .values("source")
            .annotate(plans=Count("plan", distinct=True))
            .values("plans")
        )
        return (
            super()
            .get_queryset(request)
            .annotate(plan_count=Coalesce(Subquery(picked, output_field=IntegerField()), Value(0)))
        )

    @admin.display(description="plans that picked it", ordering="plan_count")
    def plans_using(self, obj: QuestionTemplate) -> int:
        """Plans with a question taken from this library question (edited or not)."""
        return getattr(obj, "plan_count", 0)

    @admin.display(description="how negotiators see it")
    def preview(self, obj: QuestionTemplate | None) -> str:
        if obj is None or obj.pk is None:
            return "Save the question to see a preview."
        return render_to_string("admin/plans/questiontemplate/preview.html", {"question": obj})
