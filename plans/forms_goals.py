"""Forms for stage 2: the signals, money positions, roadmap and say-early checklist."""

from crispy_forms.helper import FormHelper
from django import forms

from core.form_rendering import InlineRadioSelect
from plans.goals import SIGNAL_KEYS
from plans.models import Answer, GoalAssessment, Plan, RoadmapStep, SayEarlyItem

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


class StageVersionForm(forms.Form):
    """The stage version the page was loaded with; a mismatch on save means another save won."""

    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class GoalAssessmentForm(forms.ModelForm):
    class Meta:
        model = GoalAssessment
        fields = [
            *(name for key in SIGNAL_KEYS for name in (key, f"{key}_note")),
            *GoalAssessment.CONFIDENTIAL_FIELDS,
        ]
        widgets = dict.fromkeys(SIGNAL_KEYS, InlineRadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key in SIGNAL_KEYS:
            field = self.fields[key]
            field.choices = Answer.choices  # no blank radio: unanswered means untouched
            field.required = False
            self.fields[f"{key}_note"].label = "Note (optional)"
        self.helper = _helper()

    def signal_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        """(answer, note) bound fields, in the order of the signals."""
        return [(self[key], self[f"{key}_note"]) for key in SIGNAL_KEYS]

    def money_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in GoalAssessment.CONFIDENTIAL_FIELDS]


class RoadmapStepForm(forms.ModelForm):
    class Meta:
        model = RoadmapStep
        fields = ["position", "title", "value", "target_on", "move_on_when"]
        widgets = {
            "target_on": DATE_WIDGET,
            "move_on_when": forms.Textarea(attrs={"rows": 2}),
            "position": forms.NumberInput(attrs={"min": 1, "max": 999}),
        }
        error_messages = {
            "title": {"required": "Give the step a title, for example “Test order”."},
            "value": {"required": "Give the step a value, even an estimate."},
        }


RoadmapStepFormSet = forms.inlineformset_factory(
    Plan,
    RoadmapStep,
    form=RoadmapStepForm,
    extra=1,
    can_delete=True,
    max_num=100,
    validate_max=True,
    # A forged TOTAL_FORMS would otherwise build (and re-render) up to 1,000 extra forms.
    absolute_max=100,
)


class SayEarlyForm(forms.ModelForm):
    class Meta:
        model = SayEarlyItem
        fields = ["what_we_will_say", "said"]
        widgets = {"what_we_will_say": forms.Textarea(attrs={"rows": 2})}
        labels = {"said": "We have said this"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["what_we_will_say"].label = self.instance.get_topic_display()


def say_early_forms(plan: Plan, items: list[SayEarlyItem], data=None) -> list[SayEarlyForm]:
    """One form per topic, in the checklist's order; topics not saved yet get a new row."""
    by_topic = {item.topic: item for item in items}
    return [
        SayEarlyForm(
            data,
            instance=by_topic.get(topic) or SayEarlyItem(plan=plan, topic=topic),
            prefix=f"say-{topic}",
        )
        for topic in SayEarlyItem.Topic.values
    ]
