from django import forms

from countries.models import ScoreEdition
from plans.models import Plan


class PlanEditionForm(forms.ModelForm):
    """Switch a plan to another score edition."""

    class Meta:
        model = Plan
        fields = ["edition"]
        labels = {"edition": "Switch to"}
        help_texts = {"edition": ""}

    def __init__(self, *args, editions: list[ScoreEdition] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["edition"]
        field.queryset = ScoreEdition.objects.exclude(pk=self.instance.edition_id)
        field.empty_label = None
        if editions is not None:
            # Rendering from a list already fetched saves a query on every plan page.
            field.choices = [
                (e.pk, _label(e)) for e in editions if e.pk != self.instance.edition_id
            ]
        field.error_messages["invalid_choice"] = (
            "Choose another edition from the list; this plan already uses that one or it no "
            "longer exists."
        )


def _label(edition: ScoreEdition) -> str:
    return f"{edition.name} (default)" if edition.is_default else edition.name
