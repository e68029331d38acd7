from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout
from django import forms

from counterparties.models import Counterparty
from countries.models import Country
from plans.currencies import currency_choices
from plans.models import PLAN_TITLE_MISSING, Plan


class PlanForm(forms.ModelForm):
    # Choices are set per form: today's currencies plus the one the plan already has. A
    # new plan's initial currency is the user's home currency (see plan_create_view).
    currency = forms.ChoiceField()

    class Meta:
        model = Plan
        fields = [
            "title",
            "counterparty",
            "our_country",
            "use_personal_scores",
            "deal_summary",
            "currency",
            "total_deal_value",
            "first_order_value",
            "first_meeting_on",
            "status",
        ]
        widgets = {
            "first_meeting_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "deal_summary": forms.Textarea(attrs={"rows": 3}),
        }
        # The rules on the title and the meeting date live on the model (plans.models).
        error_messages = {"title": {"required": PLAN_TITLE_MISSING}}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        saved = self.instance.currency if self.instance.pk else ""
        self.fields["currency"].choices = currency_choices(keep=saved)
        self.fields["counterparty"].queryset = Counterparty.objects.owned_by(user).select_related(
            "country"
        )
        self.fields["our_country"].queryset = Country.objects.all()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "title",
            Div(
                Div("counterparty", css_class="col-md-6"),
                Div("status", css_class="col-md-6"),
                css_class="row",
            ),
            Div(
                Div("our_country", css_class="col-md-6"),
                Div("use_personal_scores", css_class="col-md-6 pt-md-4"),
                css_class="row",
            ),
            "deal_summary",
            Div(
                Div("currency", css_class="col-md-4"),
                Div("total_deal_value", css_class="col-md-4"),
                Div("first_order_value", css_class="col-md-4"),
                css_class="row",
            ),
            "first_meeting_on",
        )


class GapNotesForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["gap_notes"]
        widgets = {"gap_notes": forms.Textarea(attrs={"rows": 6})}
        labels = {"gap_notes": "Your notes for this stage"}
        help_texts = {
            "gap_notes": "What you expect, what you will watch for, what you will do differently."
        }


class CountryCodeField(forms.ChoiceField):
    """A country chosen by its code (case-insensitive), with a message that names the code."""

    default_error_messages = {
        "invalid_choice": "There is no country or region with the code %(value)s. "
        "Use an ISO 3166 alpha-3 code such as USA or VNM, or pick from the list.",
    }

    def to_python(self, value):
        return super().to_python(value).strip().upper()


class CompareForm(forms.Form):
    a = CountryCodeField(label="Your side")
    b = CountryCodeField(label="Their side")

    def __init__(self, *args, countries, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Choose…"), *((c.code, f"{c.name} ({c.code})") for c in countries)]
        self.fields["a"].choices = choices
        self.fields["b"].choices = choices
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Div(Div("a", css_class="col-md-5"), Div("b", css_class="col-md-5"), css_class="row")
        )
