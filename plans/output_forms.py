"""Forms for the plan on paper and in a file: print options and the import upload."""

from django import forms
from django.http import QueryDict

from plans.exchange import MAX_IMPORT_BYTES
from plans.printing import (
    CONFIDENTIAL_SECTIONS,
    DEFAULT_SECTIONS,
    SECTIONS,
    Layout,
    Paper,
    PrintOptions,
)


class SectionCheckboxes(forms.CheckboxSelectMultiple):
    """Marks the confidential boxes, so the page's notes can follow them (static/css/app.css)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value in CONFIDENTIAL_SECTIONS:
            option["attrs"]["data-confidential"] = "true"
        return option


class PrintOptionsForm(forms.Form):
    """Which layout and sections to print, read from GET parameters."""

    layout = forms.ChoiceField(
        choices=Layout.CHOICES, initial=Layout.FULL, widget=forms.RadioSelect, label="Print"
    )
    paper = forms.ChoiceField(
        choices=Paper.CHOICES,
        initial=Paper.A4,
        label="Paper size of the PDF",
        help_text="Printing from the browser uses the paper your printer is set to.",
    )
    sections = forms.MultipleChoiceField(
        choices=[
            (s.key, f"{s.title} (confidential)" if s.confidential else s.title) for s in SECTIONS
        ],
        initial=sorted(DEFAULT_SECTIONS),
        widget=SectionCheckboxes,
        required=False,
        label="Sections to include",
        help_text="Confidential sections are left out unless you tick them.",
    )

    @classmethod
    def from_query(cls, query: QueryDict) -> "PrintOptionsForm":
        """Bound once the user has chosen (the layout is always sent); otherwise the defaults."""
        return cls(query if "layout" in query else None)

    def options(self) -> PrintOptions:
        """The chosen options; the defaults when unbound or invalid."""
        if not self.is_bound or not self.is_valid():
            return PrintOptions()
        return PrintOptions(
            layout=self.cleaned_data["layout"],
            sections=frozenset(self.cleaned_data["sections"]),
            paper=self.cleaned_data["paper"],
        )


class PlanImportForm(forms.Form):
    file = forms.FileField(
        label="Plan file (.json)",
        help_text=(
            f"A file exported from Negotiation Prep, at most {MAX_IMPORT_BYTES // 1_000_000} MB. "
            "It becomes a new plan with a new counterparty in your account."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                f"The file is {upload.size:,} bytes; the limit is {MAX_IMPORT_BYTES:,} bytes. "
                "Is it really a plan exported from Negotiation Prep?"
            )
        return upload
