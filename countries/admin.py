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
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.text import slugify
from import_export.admin import ImportMixin
from import_export.forms import ConfirmImportForm, ImportForm
from simple_history.admin import SimpleHistoryAdmin

from countries import briefing_admin  # noqa: F401  (registers the briefing admin)
from countries.dimensions import DIMENSION_CODES, DIMENSIONS
from countries.models import Country, CountryScore, ScoreEdition
from countries.resources import CountryScoreResource, FieldCountError, ScoreCSV, edition_csv
from countries.services import edition_copy, edition_make_default, edition_save

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


def in_use_label(count: int) -> str:
    """The short form for lists: 'in use by 3 plans'."""
    return f"in use by {count} plan{'' if count == 1 else 's'}"


class HidePrivateDependentsMixin:
    """Deleting a country or edition that negotiators' plans, counterparties or profiles
    use is refused (PROTECT); the admin would list those objects by name. Trainers get a
    count instead: the objects themselves are private to their owners.

    A model admin may also name protected reference data (score rows of editions that
    plans use) through `reference_protection`; those are explained, not counted as private.
    """

    def reference_protection(self, objs) -> tuple[int, list[str]]:
        """How many of the protected objects are reference data, and why they are protected."""
        return 0, []

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        reference_count, reasons = self.reference_protection(objs)
        private_count = len(protected) - reference_count
        if protected and not request.user.is_superuser:
            protected = list(reasons)
            if private_count > 0:
                protected.append(
                    f"{private_count} private item(s) of negotiators (plans, counterparties "
                    "or profiles) use it. They are not listed here; it cannot be deleted "
                    "while they do."
                )
        elif reasons:
            protected = [*reasons, *protected]
        return deleted, model_count, perms_needed, protected


class CountryAdminForm(forms.ModelForm):
    class Meta:
        model = Country
        fields = ["code", "name", "dataset_label", "kind"]

    def clean_code(self) -> str:
        # Detail URLs look codes up in capitals; "usa" and "USA" must not both exist.
        return self.cleaned_data["code"].strip().upper()


class CountryScoreInline(admin.TabularInline):
    """The country's scores in editions no plan uses; these can be changed, added, deleted."""

    model = CountryScore
    fields = ["edition", *SCORE_FIELDS]
    extra = 0
    verbose_name = "score in an editable edition"
    verbose_name_plural = "scores in editable editions (no plan uses them)"

    def get_queryset(self, request):
        return super().get_queryset(request).editable().select_related("edition")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "edition":
            kwargs["queryset"] = ScoreEdition.objects.editable()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ReadOnlyScoreFormSet(BaseInlineFormSet):
    @classmethod
    def get_default_prefix(cls) -> str:
        # Both score inlines share the `scores` relation; this one posts under its own name.
        return "used_scores"


class ReadOnlyScoreInline(admin.TabularInline):
    """The country's scores in editions that plans use: shown, never changed from here."""

    model = CountryScore
    formset = ReadOnlyScoreFormSet
    fields = ["edition", *SCORE_FIELDS, "plans_using"]
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    verbose_name = "score in an edition that plans use"
    verbose_name_plural = (
        "scores in editions that plans use (read-only: copy the edition into a draft to "
        "change them)"
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .read_only()
            .with_edition_plan_count()
            .select_related("edition")
        )

    @admin.display(description="Why read-only")
    def plans_using(self, obj: CountryScore) -> str:
        return in_use_label(obj.edition_plan_count())

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Country)
class CountryAdmin(HidePrivateDependentsMixin, SimpleHistoryAdmin):
    form = CountryAdminForm
    list_display = ["code", "name", "dataset_label", "kind"]
    list_display_links = ["code", "name"]
    list_filter = ["kind"]
    search_fields = ["search_text"]  # name, code and dataset label, folded
    inlines = [CountryScoreInline, ReadOnlyScoreInline]

    def get_inlines(self, request, obj):
        # The read-only table (and its form fields) only where there is something to show.
        if obj is not None and obj.scores.read_only().exists():
            return self.inlines
        return [CountryScoreInline]

    def reference_protection(self, objs) -> tuple[int, list[str]]:
        rows = CountryScore.objects.filter(country__in=objs).read_only()
        count = rows.count()
        if not count:
            return 0, []
        editions = ScoreEdition.objects.filter(scores__in=rows).distinct().order_by("name")
        names = ", ".join(f"“{edition}”" for edition in editions)
        return count, [
            f"Its scores in {names} cannot be removed: plans use "
            f"{'that edition' if len(editions) == 1 else 'those editions'}, and dropping a "
            "country would change the variances, and so the distances, those plans were "
            "computed with. A country can be deleted once no plan uses an edition it is "
            "scored in."
        ]

    def get_search_results(self, request, queryset, search_term):
        # Also behind the score admin's country autocomplete: "turkiye" finds Türkiye.
        return queryset.search(search_term), False


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
        "scores_status",
        "csv_links",
        "created_at",
    ]
    list_filter = ["is_default"]
    search_fields = ["name", "source"]
    readonly_fields = ["scores_status_detail", "created_at"]
    fields = [
        "name",
        "published_on",
        "source",
        "terms_note",
        "make_default",
        "scores_status_detail",
        "created_at",
    ]
    actions = ["make_default", "copy_to_draft"]

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

    @admin.display(description="Scores", ordering="plans_count")
    def scores_status(self, obj: ScoreEdition) -> str:
        if obj.plans_count:
            return f"Read-only: {in_use_label(obj.plans_count)}"
        return "Editable: no plan uses it"

    @admin.display(description="Scores")
    def scores_status_detail(self, obj: ScoreEdition) -> str:
        count = obj.plan_count()
        if count:
            return obj.read_only_reason(count)
        return (
            "Editable: no plan uses this edition, so its scores can be changed under Country "
            "scores or by importing a CSV. They become read-only as soon as a plan uses it."
        )

    @admin.display(description="CSV")
    def csv_links(self, obj: ScoreEdition) -> str:
        export = reverse("admin:countries_scoreedition_export", args=[obj.pk])
        if obj.plans_count:
            return format_html('<a href="{}">Export</a> (no import: read-only)', export)
        return format_html(
            '<a href="{}">Import</a> · <a href="{}">Export</a>',
            f"{reverse('admin:countries_countryscore_import')}?edition={obj.pk}",
            export,
        )

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is None:
            return [field for field in fields if field != "scores_status_detail"]
        return fields

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

    @admin.action(description="Copy into an editable draft", permissions=["copy"])
    def copy_to_draft(self, request, queryset):
        scores_list = reverse("admin:countries_countryscore_changelist")
        for edition in queryset.order_by("name"):
            copy = edition_copy(edition=edition, user=request.user)
            self.message_user(
                request,
                format_html(
                    '“{}” was copied into the draft <a href="{}">“{}”</a> with its {} country '
                    'scores. No plan uses the draft: change <a href="{}">its scores</a> or '
                    "import a CSV into it, then make it the default when it is ready. It "
                    "becomes read-only once a plan uses it.",
                    edition,
                    reverse("admin:countries_scoreedition_change", args=[copy.pk]),
                    copy,
                    copy.scores.count(),
                    f"{scores_list}?{urlencode({'edition__id__exact': copy.pk})}",
                ),
                messages.SUCCESS,
            )

    def has_copy_permission(self, request) -> bool:
        """A copy adds an edition and its score rows."""
        return self.has_add_permission(request) and request.user.has_perm(
            "countries.add_countryscore"
        )


class EditionChoiceField(forms.ModelChoiceField):
    """Editions by name, marking those that plans use (an import into them is refused)."""

    def label_from_instance(self, obj: ScoreEdition) -> str:
        count = obj.plan_count()
        return f"{obj} (read-only: {in_use_label(count)})" if count else str(obj)


class ScoreImportForm(ImportForm):
    edition = EditionChoiceField(
        queryset=ScoreEdition.objects.with_plan_count(),
        help_text=(
            "The edition the scores belong to. Add a new edition first if needed. An edition "
            "that plans use is read-only: copy it into an editable draft and import into the "
            "copy."
        ),
    )
    field_order = ["edition", "resource", "import_file", "format"]

    def clean_edition(self) -> ScoreEdition:
        edition = self.cleaned_data["edition"]
        count = edition.plan_count()
        if count:
            raise ValidationError(
                f"Nothing was imported. {edition.read_only_reason(count)} Then import the "
                "file into the copy."
            )
        return edition


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

    list_display = ["country", "edition", *SCORE_COLUMNS, "editable"]
    list_select_related = ["country", "edition"]
    list_filter = ["edition", "country__kind", MissingDimensionFilter]
    search_fields = ["country__search_text"]
    autocomplete_fields = ["country"]
    fields = ["country", "edition", *SCORE_FIELDS]
    empty_value_display = "—"
    object_history_form_template = "admin/countries/countryscore/object_history_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).with_edition_plan_count()

    @admin.display(description="Editable", boolean=True)
    def editable(self, obj: CountryScore) -> bool:
        return not obj.edition_plan_count()

    def read_only_reason(self, obj: CountryScore | None) -> str:
        """Why `obj` cannot change ('' when it can): plans use its edition."""
        if obj is None or obj.edition_id is None:
            return ""
        count = obj.edition_plan_count()
        return obj.edition.read_only_reason(count) if count else ""

    def has_change_permission(self, request, obj=None):
        if self.read_only_reason(obj):
            return False
        return super().has_change_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Adding a row to, or moving one into, an edition that plans use is not offered.
        if db_field.name == "edition":
            kwargs["queryset"] = ScoreEdition.objects.editable()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra_context = {**(extra_context or {}), "read_only_reason": self.read_only_reason(obj)}
        return super().change_view(request, object_id, form_url, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # django-simple-history saves a posted revert with view permission alone; a row of
        # an edition that plans use is refused here, whatever version is posted.
        current = self.get_object(request, object_id)
        reason = self.read_only_reason(current)
        if reason and request.method == "POST":
            raise PermissionDenied
        extra_context = {**(extra_context or {}), "read_only_reason": reason}
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request, obj=None):
        """No revert for a row of an edition that plans use, nor back into such an edition."""
        if super().revert_disabled(request, obj):
            return True
        if obj is None:
            return False
        current = self.get_queryset(request).filter(pk=obj.pk).first()
        return bool(self.read_only_reason(obj) or self.read_only_reason(current))

    def get_deleted_objects(self, objs, request):
        # A row of an edition that plans use is protected like a referenced object: the
        # delete page says why and a confirmed delete is refused (one row or a selection).
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        locked = [obj for obj in objs if self.read_only_reason(obj)]
        if locked:
            names = ", ".join(f"“{name}”" for name in sorted({str(o.edition) for o in locked}))
            which = (
                "This score belongs"
                if len(objs) == 1
                else f"{len(locked)} of the selected scores belong"
            )
            protected = [
                f"{which} to {names}, which plans use: its scores are read-only and cannot "
                "be deleted. Copy the edition into an editable draft to change its scores.",
                *protected,
            ]
        return deleted, model_count, perms_needed, protected

    def get_search_results(self, request, queryset, search_term):
        return queryset.filter(country__in=Country.objects.search(search_term)), False

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

    def process_result(self, result, request):
        # The confirm step found a problem the preview did not (a plan started using the
        # edition meanwhile, a country was deleted): the import was rolled back, so say so
        # instead of reporting it finished.
        if not (result.has_errors() or result.has_validation_errors()):
            return super().process_result(result, request)
        problems = [str(error.error) for error in result.base_errors]
        if result.has_validation_errors():
            problems.append(
                f"{len(result.invalid_rows)} row(s) are no longer valid; upload the file again "
                "to see them."
            )
        if result.row_errors():
            problems.append(f"{len(result.row_errors())} row(s) could not be written.")
        self.message_user(request, "Nothing was imported. " + " ".join(problems), messages.ERROR)
        query = urlencode({"edition": request.POST.get("edition", "")})
        return redirect(f"{reverse('admin:countries_countryscore_import')}?{query}")

    def add_data_read_fail_error_to_form(self, form, e):
        detail = f" Nothing was written: {e}." if isinstance(e, FieldCountError) else ""
        form.add_error(
            "import_file",
            "The file could not be read as CSV. Save it as UTF-8 CSV with commas, and give "
            "every row the same number of fields as the header "
            f"(iso3,name,pdi,idv,mas,uai,lto,ivr).{detail}",
        )
