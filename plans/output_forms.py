"""Forms for the plan on paper and in a file: print options, the import upload and the
import's choice of counterparty."""

from django import forms
from django.http import QueryDict
from django.utils import formats, timezone

from counterparties.models import Counterparty
from countries.models import Country
from plans.exchange import MAX_IMPORT_BYTES
from plans.import_matching import Candidate
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
            "It becomes a new plan in your account; you choose its counterparty next."
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


NEW_COUNTERPARTY = "new"


def counterparty_label(counterparty: Counterparty) -> str:
    """The name with what tells two of the same name apart: city, country, date added."""
    place = ", ".join(part for part in (counterparty.city, counterparty.country.name) if part)
    added = formats.date_format(timezone.localtime(counterparty.created_at), "j M Y")
    return f"“{counterparty.name}” ({place}; added {added})"


class PlanImportChoiceForm(forms.Form):
    """Where an imported plan goes: a new counterparty, or one of the user's own."""

    counterparty = forms.ChoiceField(
        label="Counterparty for the imported plan",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose a new counterparty or one of yours.",
            "invalid_choice": (
                "That counterparty is not one of yours (or no longer exists). "
                "Choose one from the list."
            ),
        },
    )

    def __init__(
        self,
        *args,
        file_name: str,
        file_country: Country,
        candidates: list[Candidate[Counterparty]],
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self._by_value = {str(c.counterparty.pk): c.counterparty for c in candidates}
        proposed = next((c for c in candidates if c.proposed), None)
        new = f"Create a new counterparty “{file_name}” ({file_country.name})"
        if proposed:
            new += ", a second one of that name"
        choices = [(NEW_COUNTERPARTY, new)]
        for candidate in candidates:
            label = f"Attach to my counterparty {counterparty_label(candidate.counterparty)}"
            if candidate.proposed:
                label += ": same name and country"
            choices.append((str(candidate.counterparty.pk), label))
        field = self.fields["counterparty"]
        field.choices = choices
        field.initial = str(proposed.counterparty.pk) if proposed else NEW_COUNTERPARTY

    def choice(self, value: str | None) -> Counterparty | None:
        """The counterparty a submitted (or linked) value means; None for new or unknown."""
        return self._by_value.get(value or "")

    def attach_to(self) -> Counterparty | None:
        """After is_valid(): the chosen counterparty, or None for a new one."""
        return self.choice(self.cleaned_data["counterparty"])
