from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout
from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User

from accounts.models import NegotiatorProfile
from countries.dimensions import DIMENSION_CODES
from countries.models import Country


class SignUpForm(UserCreationForm):
    email = forms.EmailField(
        required=True, max_length=254, help_text="Used only to reset your password."
    )

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ["username", "email"]

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("An account with this e-mail address already exists.")
        return email


class ProfileForm(forms.ModelForm):
    home_country = forms.ModelChoiceField(
        queryset=Country.objects.all(),
        required=True,
        help_text="The culture you negotiate from. Plans compare it with the counterparty's.",
    )

    class Meta:
        model = NegotiatorProfile
        fields = ["home_country", *DIMENSION_CODES]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "home_country",
            Fieldset(
                "Personal scores (optional)",
                Div(
                    *[Div(code, css_class="col-md-4") for code in DIMENSION_CODES],
                    css_class="row",
                ),
            ),
        )
