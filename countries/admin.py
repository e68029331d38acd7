"""Where trainers keep country profiles and their scores current.

Every change is recorded (django-simple-history: the History button on each object,
with revert); editions are imported and exported as CSV (django-import-export, see
countries.resources for the rules a file must follow). The briefings' admin is in
countries.briefing_admin.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import slugify
from import_export.admin import ImportMixin
from import_export.forms import ConfirmImportForm, ImportForm
from simple_history.admin import SimpleHistoryAdmin

from countries import briefing_admin  # noqa: F401  (registers the briefing admin)
from countries.dimensions import DIMENSION_CODES, DIMENSIONS
from countries.models import Country, CountryScore, ScoreEdition
from countries.resources import CountryScoreResource, FieldCountError, ScoreCSV, edition_csv
from countries.services import edition_make_default, edition_save

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


class HidePrivateDependentsMixin:
    """Deleting a country or edition that negotiators' plans, counterparties or profiles
    use is refused (PROTECT); the admin would list those objects by name. Trainers get a
    count instead: the objects themselves are private to their owners."""

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        if protected and not request.user.is_superuser:
            protected = [
                f"{len(protected)} private item(s) of negotiators (plans, counterparties or "
                "profiles) use it. They are not listed here; it cannot be deleted while "
                "they do."
            ]
        return deleted, model_count, perms_needed, protected


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
class CountryAdmin(HidePrivateDependentsMixin, SimpleHistoryAdmin):
    form = CountryAdminForm
    list_display = ["code", "name", "dataset_label", "kind"]
    list_display_links = ["code", "name"]
    list_filter = ["kind"]
    search_fields = ["name", "code", "dataset_label"]
    inlines = [CountryScoreInline]


class ScoreEditionAdminForm(forms.ModelForm):
    # Not the model field itself: the form would check the one-default constraint against
    # the current default and refuse. countries.services.edition_save unsets the previous
    # default in the same transaction instead.
    make_default = forms.BooleanField(
        label="Default edition",
        required=False,
        help_text=(
            "New plans use the default edition; existing plans keep theirs until their owner "
            "switches. Ticking this unsets the current default."
        ),
    )

    class Meta:
        model = ScoreEdition
        fields = ["name", "published_on", "source", "terms_note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["make_default"].initial = self.instance.is_default

    def clean_make_default(self) -> bool:
        value = self.cleaned_data["make_default"]
        if not value and self.instance.pk is not None:
            was_default = ScoreEdition.objects.filter(pk=self.instance.pk, is_default=True)
            if was_default.exists():
                raise ValidationError(
                    "One edition must stay the default. Make another edition the default "
                    "instead; this one is then unset."
                )
        return value

    def save(self, commit=True):
        self.instance.is_default = self.cleaned_data["make_default"]
        return super().save(commit=commit)


@admin.register(ScoreEdition)
class ScoreEditionAdmin(HidePrivateDependentsMixin, SimpleHistoryAdmin):
    form = ScoreEditionAdminForm
    list_display = [
        "name",
        "published_on",
        "is_default",
        "score_rows",
        "plan_count",
        "csv_links",
        "created_at",
    ]
    list_filter = ["is_default"]
    search_fields = ["name", "source"]
    readonly_fields = ["created_at"]
    fields = ["name", "published_on", "source", "terms_note", "make_default", "created_at"]
    actions = ["make_default"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                score_count=Count("scores", distinct=True),
                plans_count=Count("plans", distinct=True),
            )
        )

    @admin.display(description="Countries scored", ordering="score_count")
    def score_rows(self, obj: ScoreEdition) -> int:
        return obj.score_count

    @admin.display(description="Plans using it", ordering="plans_count")
    def plan_count(self, obj: ScoreEdition) -> int:
        return obj.plans_count

    @admin.display(description="CSV")
    def csv_links(self, obj: ScoreEdition) -> str:
        return format_html(
            '<a href="{}">Import</a> · <a href="{}">Export</a>',
            f"{reverse('admin:countries_countryscore_import')}?edition={obj.pk}",
            reverse("admin:countries_scoreedition_export", args=[obj.pk]),
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/export/",
                self.admin_site.admin_view(self.export_view),
                name="countries_scoreedition_export",
            ),
            *super().get_urls(),
        ]

    def export_view(self, request, pk: int):
        """The edition's scores as a CSV file in the format the import reads."""
        if not (
            self.has_view_permission(request)
            and request.user.has_perm("countries.view_countryscore")
        ):
            raise PermissionDenied
        edition = get_object_or_404(ScoreEdition, pk=pk)
        response = HttpResponse(edition_csv(edition), content_type="text/csv; charset=utf-8")
        filename = f"{slugify(edition.name) or 'edition'}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    def save_model(self, request, obj, form, change):
        obj._history_user = request.user
        edition_save(edition=obj)

    def response_add(self, request, obj, post_url_continue=None):
        # A new edition has no scores yet: the next step is importing them.
        if "_continue" in request.POST or "_addanother" in request.POST:
            return super().response_add(request, obj, post_url_continue)
        self.message_user(
            request,
            f"Edition “{obj}” added. Now import its scores from a CSV file.",
            messages.SUCCESS,
        )
        return redirect(f"{reverse('admin:countries_countryscore_import')}?edition={obj.pk}")

    def has_delete_permission(self, request, obj=None):
        # New plans take the default edition; it cannot go away (plans PROTECT the others).
        if obj is not None and obj.is_default:
            return False
        return super().has_delete_permission(request, obj)

    @admin.action(description="Make the selected edition the default for new plans")
    def make_default(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Select exactly one edition.", messages.ERROR)
            return
        edition = queryset.get()
        edition._history_user = request.user
        edition_make_default(edition=edition)
        self.message_user(
            request,
            f"“{edition}” is now the default edition. Existing plans keep their own edition.",
            messages.SUCCESS,
        )


class ScoreImportForm(ImportForm):
    edition = forms.ModelChoiceField(
        queryset=ScoreEdition.objects.all(),
        help_text="The edition the scores belong to. Add a new edition first if needed.",
    )
    field_order = ["edition", "resource", "import_file", "format"]


class ScoreConfirmImportForm(ConfirmImportForm):
    edition = forms.ModelChoiceField(queryset=ScoreEdition.objects.all(), widget=forms.HiddenInput)

    def edition_name(self) -> str:
        """The chosen edition's name, for the confirm step (one query)."""
        pk = self.initial.get("edition") or self.data.get("edition")
        edition = ScoreEdition.objects.filter(pk=pk).first() if pk else None
        return str(edition) if edition else ""


@admin.register(CountryScore)
class CountryScoreAdmin(ImportMixin, SimpleHistoryAdmin):
    """Scores per country and edition; the Import button reads a whole edition from CSV."""

    resource_classes = [CountryScoreResource]
    formats = [ScoreCSV]
    import_form_class = ScoreImportForm
    confirm_form_class = ScoreConfirmImportForm
    import_template_name = "admin/countries/countryscore/import.html"

    list_display = ["country", "edition", *SCORE_COLUMNS]
    list_select_related = ["country", "edition"]
    list_filter = ["edition", "country__kind", MissingDimensionFilter]
    search_fields = ["country__name", "country__code"]
    autocomplete_fields = ["country"]
    fields = ["country", "edition", *SCORE_FIELDS]
    empty_value_display = "—"

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def get_import_form_initial(self, request):
        initial = super().get_import_form_initial(request)
        if edition := request.GET.get("edition"):
            initial["edition"] = edition
        return initial

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            initial["edition"] = import_form.cleaned_data["edition"].pk
        return initial

    def get_import_resource_kwargs(self, request, **kwargs):
        form = kwargs.get("form")
        edition = form.cleaned_data.get("edition") if form and form.is_bound else None
        return {**super().get_import_resource_kwargs(request, **kwargs), "edition": edition}

    def get_import_data_kwargs(self, **kwargs):
        # On confirm, a row that has become invalid since the preview (say a country was
        # deleted meanwhile) rolls the whole file back instead of skipping that row.
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def add_data_read_fail_error_to_form(self, form, e):
        detail = f" Nothing was written: {e}." if isinstance(e, FieldCountError) else ""
        form.add_error(
            "import_file",
            "The file could not be read as CSV. Save it as UTF-8 CSV with commas, and give "
            "every row the same number of fields as the header "
            f"(iso3,name,pdi,idv,mas,uai,lto,ivr).{detail}",
        )
