from django import forms

from counterparties.models import Counterparty, Person
from countries.dimensions import DIMENSIONS, SCORE_MAX, SCORE_MIN
from countries.models import Country

SCORE_ERRORS = {
    "invalid": f"Enter a whole number from {SCORE_MIN} to {SCORE_MAX}.",
    "min_value": f"Enter a score from {SCORE_MIN} to {SCORE_MAX}.",
    "max_value": f"Enter a score from {SCORE_MIN} to {SCORE_MAX}.",
}


class CounterpartyForm(forms.ModelForm):
    country = forms.ModelChoiceField(
        queryset=Country.objects.order_by("name"),
        empty_label="Choose a country",
        help_text="Where the organisation is based; its culture starts from this country's scores.",
        error_messages={"required": "Choose the country the organisation is based in."},
    )
    website = forms.URLField(
        max_length=300,
        required=False,
        assume_scheme="https",
        help_text="Optional, e.g. https://example.com",
        error_messages={"invalid": "Enter a full web address, e.g. https://example.com"},
    )

    class Meta:
        model = Counterparty
        fields = ["name", "country", "industry", "city", "website", "notes"]
        help_texts = {
            "name": "The organisation you are negotiating with.",
            "notes": "Anything worth remembering about the organisation as a whole.",
        }
        error_messages = {
            "name": {"required": "Give the organisation a name."},
        }
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner
        if self.instance.pk is None:
            self.instance.owner = owner

    def clean(self):
        cleaned = super().clean()
        name, country = cleaned.get("name"), cleaned.get("country")
        if name and country:
            duplicates = Counterparty.objects.owned_by(self.owner).filter(
                name__iexact=name, country=country
            )
            if self.instance.pk is not None:
                duplicates = duplicates.exclude(pk=self.instance.pk)
            if duplicates.exists():
                self.add_error(
                    "name",
                    f"You already have a counterparty called “{name}” in {country}. "
                    "Open that one, or tell the two apart in the name.",
                )
        return cleaned


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["name", "title", "role", "seniority", "inner_circle", "introduced_by", "notes"]
        labels = {"title": "Job title"}
        help_texts = {
            "role": "The part this person plays in the decision.",
            "inner_circle": "Are they in the group that really decides (the in-group)?",
            "introduced_by": "Who introduced us, or where we met.",
        }
        error_messages = {"name": {"required": "Give the person's name."}}
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, counterparty, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.instance.counterparty = counterparty


def score_field_name(code: str) -> str:
    return f"{code}_score"


def reason_field_name(code: str) -> str:
    return f"{code}_reason"


class CultureAdjustmentsForm(forms.Form):
    """One optional score and reason per dimension; an empty pair means no adjustment."""

    def __init__(self, *args, national: dict[str, int | None], current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.national = national
        for dimension in DIMENSIONS:
            adjustment = current.get(dimension.code)
            self.fields[score_field_name(dimension.code)] = forms.IntegerField(
                label="This organisation's score",
                required=False,
                min_value=SCORE_MIN,
                max_value=SCORE_MAX,
                initial=adjustment.score if adjustment else None,
                help_text=f"{SCORE_MIN} to {SCORE_MAX}; leave empty to use the national score.",
                error_messages=SCORE_ERRORS,
            )
            self.fields[reason_field_name(dimension.code)] = forms.CharField(
                label="Why it differs",
                required=False,
                max_length=300,
                initial=adjustment.reason if adjustment else "",
                help_text="Required with a score; at most 300 characters.",
            )

    def clean(self):
        cleaned = super().clean()
        for dimension in DIMENSIONS:
            score_name = score_field_name(dimension.code)
            reason_name = reason_field_name(dimension.code)
            if score_name in self.errors or reason_name in self.errors:
                continue
            score, reason = cleaned.get(score_name), cleaned.get(reason_name)
            if score is not None and not reason:
                self.add_error(
                    reason_name, "Say why this organisation differs, or clear the score."
                )
            elif score is None and reason:
                self.add_error(score_name, "Enter a score for this reason, or clear the reason.")
        return cleaned

    def rows(self) -> list[dict]:
        """What the template lays out per dimension: its national score and its two fields."""
        return [
            {
                "dimension": dimension,
                "national": self.national.get(dimension.code),
                "score": self[score_field_name(dimension.code)],
                "reason": self[reason_field_name(dimension.code)],
            }
            for dimension in DIMENSIONS
        ]

    def adjustments(self) -> dict[str, tuple[int, str] | None]:
        """The cleaned values in the shape `counterparty_set_adjustments` takes."""
        result: dict[str, tuple[int, str] | None] = {}
        for dimension in DIMENSIONS:
            score = self.cleaned_data[score_field_name(dimension.code)]
            reason = self.cleaned_data[reason_field_name(dimension.code)]
            result[dimension.code] = None if score is None else (score, reason)
        return result
