"""Where trainers keep the country briefings.

A briefing is edited on one page with its sections inline; "Preview changes" shows the
unsaved edits as negotiators will see them, in a new tab, without saving anything. Each
section also has its own page, with its change history and revert (django-simple-history
records briefings and sections separately, so the history of a text is on its section).
"""

from datetime import timedelta

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Min
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_POST
from simple_history.admin import SimpleHistoryAdmin

from countries.briefings import briefing_panel
from countries.models import BriefingSection, CountryBriefing

SECTION_COUNT = len(BriefingSection.Kind.values)
REVIEW_DUE_AFTER = timedelta(days=365)


def _in_reading_order(sections):
    order = BriefingSection.Kind.values
    return sorted(sections, key=lambda section: order.index(section.kind))


def render_briefing(briefing: CountryBriefing, sections, *, open_kinds=None) -> str:
    """The briefing through the negotiators' own include (no admin link inside it).

    Sections in `open_kinds` (all of them by default) are shown open, for reading.
    """
    sections = _in_reading_order(sections)
    if open_kinds is None:
        open_kinds = {section.kind for section in sections}
    panel = briefing_panel(briefing.country, briefing, sections, open_kinds=open_kinds)
    return render_to_string("includes/country_briefing.html", {"panel": panel})


class BriefingSectionForm(forms.ModelForm):
    class Meta:
        model = BriefingSection
        fields = ["kind", "text", "sources", "last_reviewed"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 5, "cols": 90}),
            "sources": forms.Textarea(attrs={"rows": 3, "cols": 90}),
        }


class BriefingSectionInline(admin.StackedInline):
    model = BriefingSection
    form = BriefingSectionForm
    max_num = SECTION_COUNT
    show_change_link = True  # the section's own page has its history and revert

    def get_queryset(self, request):
        return super().get_queryset(request).in_reading_order()

    def get_extra(self, request, obj=None, **kwargs):
        # One blank form per section not written yet, its kind filled in (see
        # CountryBriefingAdmin.get_formset_kwargs). A form left untouched is ignored.
        return len(_missing_kinds(obj))


def _missing_kinds(briefing: CountryBriefing | None) -> list[str]:
    present = set()
    if briefing is not None and briefing.pk is not None:
        present = set(briefing.sections.values_list("kind", flat=True))
    return [kind for kind in BriefingSection.Kind.values if kind not in present]


class CountryBriefingForm(forms.ModelForm):
    class Meta:
        model = CountryBriefing
        fields = ["country", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3, "cols": 90})}

    def clean_country(self):
        country = self.cleaned_data["country"]
        others = CountryBriefing.objects.filter(country=country).exclude(pk=self.instance.pk)
        if country is not None and others.exists():
            raise ValidationError(
                f"{country} already has a briefing. Edit that one instead of adding another."
            )
        return country


class CompletenessFilter(admin.SimpleListFilter):
    title = "sections"
    parameter_name = "complete"

    def lookups(self, request, model_admin):
        return [("yes", f"All {SECTION_COUNT} written"), ("no", "Some not written")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(section_count__gte=SECTION_COUNT)
        if self.value() == "no":
            return queryset.filter(section_count__lt=SECTION_COUNT)
        return queryset


class ReviewDueFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("due", "A section last reviewed over a year ago"),
            ("current", "Every section reviewed within a year"),
        ]

    def queryset(self, request, queryset):
        cutoff = timezone.localdate() - REVIEW_DUE_AFTER
        if self.value() == "due":
            return queryset.filter(oldest_review__lt=cutoff)
        if self.value() == "current":
            return queryset.filter(oldest_review__gte=cutoff)
        return queryset


@admin.register(CountryBriefing)
class CountryBriefingAdmin(SimpleHistoryAdmin):
    form = CountryBriefingForm
    change_form_template = "admin/countries/countrybriefing/change_form.html"
    inlines = [BriefingSectionInline]
    list_display = ["country", "country_kind", "sections_written", "oldest_review", "updated_at"]
    list_select_related = ["country"]
    list_filter = ["country__kind", CompletenessFilter, ReviewDueFilter]
    search_fields = ["country__name", "country__code", "summary", "sections__text"]
    autocomplete_fields = ["country"]
    fields = ["country", "summary", "preview", "updated_at"]
    readonly_fields = ["preview", "updated_at"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                section_count=Count("sections", distinct=True),
                oldest_review=Min("sections__last_reviewed"),
            )
        )

    def get_readonly_fields(self, request, obj=None):
        # A briefing stays with its country; write a new one for another country.
        if obj is not None:
            return ["country", *self.readonly_fields]
        return self.readonly_fields

    @admin.display(description="kind", ordering="country__kind")
    def country_kind(self, obj: CountryBriefing) -> str:
        return obj.country.get_kind_display()

    @admin.display(description="sections written", ordering="section_count")
    def sections_written(self, obj: CountryBriefing) -> str:
        return f"{obj.section_count} of {SECTION_COUNT}"

    @admin.display(description="oldest review", ordering="oldest_review")
    def oldest_review(self, obj: CountryBriefing):
        return obj.oldest_review

    @admin.display(description="how negotiators see it (as saved, sections opened)")
    def preview(self, obj: CountryBriefing | None) -> str:
        if obj is None or obj.pk is None:
            return "Save the briefing to see it here, or use “Preview changes” below."
        return render_briefing(obj, obj.sections.all())

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, BriefingSectionInline):
            today = timezone.localdate()
            kwargs["initial"] = [
                {"kind": kind, "last_reviewed": today} for kind in _missing_kinds(obj)
            ]
        return kwargs

    # --- preview of unsaved edits ----------------------------------------------------

    def get_urls(self):
        preview = self.admin_site.admin_view(self.preview_view)
        return [
            path("add/preview/", preview, name="countries_countrybriefing_preview_add"),
            path("<path:object_id>/preview/", preview, name="countries_countrybriefing_preview"),
            *super().get_urls(),
        ]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if object_id is None:
            preview_url = reverse("admin:countries_countrybriefing_preview_add")
        else:
            preview_url = reverse("admin:countries_countrybriefing_preview", args=[object_id])
        extra_context = {**(extra_context or {}), "preview_url": preview_url}
        return super().changeform_view(request, object_id, form_url, extra_context)

    @staticmethod
    def _error_lines(form, formsets) -> list[str]:
        lines = [
            f"{form.fields[name].label if name in form.fields else 'Briefing'}: {message}"
            for name, messages in form.errors.items()
            for message in messages
        ]
        for formset in formsets:
            lines += list(formset.non_form_errors())
            for section_form in formset.forms:
                kind = section_form.data.get(section_form.add_prefix("kind"), "")
                label = dict(BriefingSection.Kind.choices).get(kind, "A section")
                for name, messages in section_form.errors.items():
                    field = section_form.fields.get(name)
                    where = f" ({field.label.lower()})" if field and name != "__all__" else ""
                    lines += [f"{label}{where}: {message}" for message in messages]
        return lines

    def preview_view(self, request, object_id=None):
        """The posted, unsaved briefing through the negotiators' include. Saves nothing."""
        return require_POST(self._preview)(request, object_id)

    def _preview(self, request, object_id=None):
        obj = None
        if object_id is not None:
            obj = self.get_object(request, unquote(object_id))
            if obj is None:
                raise Http404("No such briefing.")
            if not self.has_change_permission(request, obj):
                raise PermissionDenied
        elif not self.has_add_permission(request):
            raise PermissionDenied
        change = obj is not None
        form = self.get_form(request, obj, change=change)(request.POST, instance=obj)
        form_valid = form.is_valid()
        briefing = self.save_form(request, form, change=change) if form_valid else form.instance
        formsets = []
        for FormSet, inline in self.get_formsets_with_inlines(request, *([obj] if obj else [])):
            prefix = FormSet.get_default_prefix()
            formsets.append(FormSet(**self.get_formset_kwargs(request, briefing, inline, prefix)))
        valid = form_valid and all(formset.is_valid() for formset in formsets)
        context = {
            **self.admin_site.each_context(request),
            "title": "Preview",
            "errors": [] if valid else self._error_lines(form, formsets),
            "briefing_html": "",
        }
        if valid:
            sections = []
            for formset in formsets:
                for section_form in formset.forms:
                    if section_form in formset.deleted_forms:
                        continue
                    if section_form.instance.pk is None and not section_form.has_changed():
                        continue  # a blank extra form
                    sections.append(section_form.instance)
            context["briefing_html"] = render_briefing(briefing, sections)
            context["country"] = briefing.country
        return render(request, "admin/countries/countrybriefing/preview.html", context)


@admin.register(BriefingSection)
class BriefingSectionAdmin(SimpleHistoryAdmin):
    """One section on its own page: its history, revert, and when it was last reviewed."""

    form = BriefingSectionForm
    list_display = ["briefing_country", "kind", "last_reviewed", "source_count", "updated_at"]
    list_select_related = ["briefing__country"]
    list_filter = ["kind", "last_reviewed", "briefing__country__kind"]
    search_fields = ["briefing__country__name", "briefing__country__code", "text", "sources"]
    date_hierarchy = "last_reviewed"
    fields = ["briefing", "kind", "text", "sources", "last_reviewed", "preview", "updated_at"]
    readonly_fields = ["preview", "updated_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("briefing__country")

    def get_readonly_fields(self, request, obj=None):
        # A section keeps its briefing and kind; edit the text, sources and review date.
        if obj is not None:
            return ["briefing", "kind", *self.readonly_fields]
        return self.readonly_fields

    @admin.display(description="country", ordering="briefing__country__name")
    def briefing_country(self, obj: BriefingSection) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:countries_countrybriefing_change", args=[obj.briefing_id]),
            obj.briefing.country,
        )

    @admin.display(description="sources")
    def source_count(self, obj: BriefingSection) -> int:
        return len(obj.source_list)

    @admin.display(description="how negotiators see it (as saved)")
    def preview(self, obj: BriefingSection | None) -> str:
        if obj is None or obj.pk is None:
            return "Save the section to see a preview."
        return render_briefing(obj.briefing, obj.briefing.sections.all(), open_kinds={obj.kind})
