"""Where trainers keep country profiles and their scores current."""

from django import forms
from django.contrib import admin
from django.db.models import Count

from countries.dimensions import DIMENSION_CODES, DIMENSIONS
from countries.models import Country, CountryScore, ScoreEdition

SCORE_FIELDS = list(DIMENSION_CODES)


def _score_column(dimension):
    """A narrow, sortable list column headed by the abbreviation (PDI) instead of the name."""

    @admin.display(description=dimension.abbreviation, ordering=dimension.code)
    def column(score: CountryScore) -> int | None:
        return getattr(score, dimension.code)

    column.__name__ = dimension.code
    return column


SCORE_COLUMNS = [_score_column(dimension) for dimension in DIMENSIONS]


class MissingDimensionFilter(admin.SimpleListFilter):
    title = "missing dimension"
    parameter_name = "missing"
    ALL_PRESENT = "none"

    def lookups(self, request, model_admin):
        return [
            *((d.code, f"Missing {d.abbreviation}") for d in DIMENSIONS),
            (self.ALL_PRESENT, "All six present"),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value in DIMENSION_CODES:
            return queryset.filter(**{f"{value}__isnull": True})
        if value == self.ALL_PRESENT:
            return queryset.filter(**{f"{code}__isnull": False for code in DIMENSION_CODES})
        return queryset


class CountryAdminForm(forms.ModelForm):
    class Meta:
        model = Country
        fields = ["code", "name", "dataset_label", "kind"]

    def clean_code(self) -> str:
        # Detail URLs look codes up in capitals; "usa" and "USA" must not both exist.
        return self.cleaned_data["code"].strip().upper()


class CountryScoreInline(admin.TabularInline):
    model = CountryScore
    fields = ["edition", *SCORE_FIELDS]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("edition")


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    form = CountryAdminForm
    list_display = ["code", "name", "dataset_label", "kind"]
    list_display_links = ["code", "name"]
    list_filter = ["kind"]
    search_fields = ["name", "code", "dataset_label"]
    inlines = [CountryScoreInline]


@admin.register(ScoreEdition)
class ScoreEditionAdmin(admin.ModelAdmin):
    list_display = ["name", "published_on", "is_default", "score_rows", "created_at"]
    list_filter = ["is_default"]
    search_fields = ["name", "source"]
    readonly_fields = ["created_at"]
    fields = ["name", "published_on", "source", "terms_note", "is_default", "created_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(score_count=Count("scores"))

    @admin.display(description="Countries scored", ordering="score_count")
    def score_rows(self, obj: ScoreEdition) -> int:
        return obj.score_count


@admin.register(CountryScore)
class CountryScoreAdmin(admin.ModelAdmin):
    list_display = ["country", "edition", *SCORE_COLUMNS]
    list_select_related = ["country", "edition"]
    list_filter = ["edition", "country__kind", MissingDimensionFilter]
    search_fields = ["country__name", "country__code"]
    autocomplete_fields = ["country"]
    fields = ["country", "edition", *SCORE_FIELDS]
    empty_value_display = "—"
