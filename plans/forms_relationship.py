"""Forms for stage 3: the information plan, questions, occasions and who decides."""

from django import forms

from core.form_rendering import InlineRadioSelect
from counterparties.models import Person
from plans.forms_goals import DATE_WIDGET
from plans.models import (
    DecisionMakerBelief,
    KeepItem,
    LearnItem,
    Occasion,
    Plan,
    PlanQuestion,
    QuestionTemplate,
    TellItem,
)

ROWS_MAX = 200
BIGINT_MAX = 2**63 - 1


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Refuses ids outside the database's integer range before they reach a query.

    Django passes them to `pk__in`, where SQLite raises OverflowError (a 500) instead of
    finding nothing.
    """

    def _check_values(self, value):
        for pk in value:
            try:
                number = int(str(pk))
            except ValueError:
                continue  # the parent reports it as an invalid value
            if not 0 < number <= BIGINT_MAX:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": str(pk)[:20]},
                )
        return super()._check_values(value)


TOPIC_REQUIRED = {"topic": {"required": "Name the topic in a few words."}}


class LearnItemForm(forms.ModelForm):
    class Meta:
        model = LearnItem
        error_messages = TOPIC_REQUIRED
        fields = ["topic", "why_it_matters", "source", "due_on", "status", "learned"]
        widgets = {"due_on": DATE_WIDGET, "learned": forms.Textarea(attrs={"rows": 2})}


class TellItemForm(forms.ModelForm):
    class Meta:
        model = TellItem
        error_messages = TOPIC_REQUIRED
        fields = ["topic", "message", "when", "to_whom"]
        widgets = {"message": forms.Textarea(attrs={"rows": 2})}


class KeepItemForm(forms.ModelForm):
    class Meta:
        model = KeepItem
        error_messages = TOPIC_REQUIRED
        fields = ["topic", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}


class PlanQuestionForm(forms.ModelForm):
    class Meta:
        model = PlanQuestion
        fields = ["position", "text", "asked", "answer"]
        widgets = {
            "answer": forms.Textarea(attrs={"rows": 2}),
            "position": forms.NumberInput(attrs={"min": 1, "max": 999}),
        }
        error_messages = {"text": {"required": "Write the question, or leave the row empty."}}


class OccasionForm(forms.ModelForm):
    class Meta:
        model = Occasion
        fields = [
            "kind",
            "held_on",
            "place",
            "our_attendees",
            "their_attendees",
            "objectives",
            "watch_for",
            "observed",
        ]
        field_classes = {"their_attendees": IdMultipleChoiceField}
        widgets = {
            "held_on": DATE_WIDGET,
            "their_attendees": forms.CheckboxSelectMultiple,
            "objectives": forms.Textarea(attrs={"rows": 2}),
            "watch_for": forms.Textarea(attrs={"rows": 2}),
            "observed": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        if not people["choices"]:
            # Nothing to choose from: the page links to adding people instead.
            del self.fields["their_attendees"]
            return
        field = self.fields["their_attendees"]
        # Only the plan's counterparty's people; validation queries this queryset, and
        # the shared, already-fetched choices keep rendering to one query for all rows.
        field.queryset = people["queryset"]
        field.choices = people["choices"]
        field.help_text = "People you recorded for this counterparty."


def people_choices(plan: Plan) -> dict:
    """The counterparty's people, fetched once and shared by every occasion form."""
    queryset = Person.objects.filter(counterparty_id=plan.counterparty_id)
    return {"queryset": queryset, "choices": [(p.pk, str(p)) for p in queryset]}


def _formset(model, form):
    return forms.inlineformset_factory(
        Plan,
        model,
        form=form,
        extra=1,
        can_delete=True,
        max_num=ROWS_MAX,
        validate_max=True,
        # A forged TOTAL_FORMS would otherwise build (and re-render) up to 1,000 extra forms.
        absolute_max=ROWS_MAX,
    )


LearnItemFormSet = _formset(LearnItem, LearnItemForm)
TellItemFormSet = _formset(TellItem, TellItemForm)
KeepItemFormSet = _formset(KeepItem, KeepItemForm)
PlanQuestionFormSet = _formset(PlanQuestion, PlanQuestionForm)
OccasionFormSet = _formset(Occasion, OccasionForm)


class QuestionPickForm(forms.Form):
    library = IdMultipleChoiceField(
        queryset=QuestionTemplate.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Add questions from the library",
    )

    def __init__(self, *args, templates, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["library"]
        field.queryset = QuestionTemplate.objects.filter(is_active=True)
        field.choices = [(t.pk, f"{t.text} ({t.get_tag_display()})") for t in templates]


class DecisionMakerForm(forms.ModelForm):
    class Meta:
        model = DecisionMakerBelief
        fields = ["person", "confidence", "evidence"]
        widgets = {"evidence": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"evidence": "What you saw or heard that supports this belief."}

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        field.queryset = people["queryset"]
        field.choices = [("", "Not known yet"), *people["choices"]]
        self.fields["confidence"].widget = InlineRadioSelect(
            choices=DecisionMakerBelief.Confidence.choices
        )
