from django import forms

from accounts.forms import SignUpForm
from teams.models import ROLE_DESCRIPTIONS, Invitation, Membership, Team

ROLE_HELP = " ".join(
    f"{label}: {ROLE_DESCRIPTIONS[value][0].lower()}{ROLE_DESCRIPTIONS[value][1:]}"
    for value, label in Membership.Role.choices
)


class TeamForm(forms.ModelForm):
    class Meta:
        model = Team
        fields = ["name"]
        labels = {"name": "Team name"}
        help_texts = {"name": "For example the deal, the customer or the department."}
        error_messages = {"name": {"required": "Give the team a name."}}

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())


class InviteForm(forms.Form):
    email = forms.EmailField(
        label="E-mail address",
        max_length=254,
        help_text="Someone with an account is added at once; anyone else gets a sign-up link.",
        error_messages={
            "required": "Enter the e-mail address of the person to invite.",
            "invalid": "Enter a whole e-mail address, e.g. name@example.com.",
        },
    )
    role = forms.ChoiceField(
        choices=Membership.Role.choices,
        initial=Membership.Role.MEMBER,
        help_text=ROLE_HELP,
        error_messages={"required": "Choose a role.", "invalid_choice": "Choose a role."},
    )

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()


class MemberRoleForm(forms.Form):
    """One member's role, as a small form on their row of the team page."""

    role = forms.ChoiceField(
        choices=Membership.Role.choices,
        error_messages={"required": "Choose a role.", "invalid_choice": "Choose a role."},
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )

    def __init__(self, *args, membership: Membership, **kwargs):
        # Each row's fields need their own ids; the name stays "role" for every row.
        kwargs.setdefault("auto_id", f"id_member-{membership.pk}-%s")
        kwargs.setdefault("initial", {"role": membership.role})
        super().__init__(*args, **kwargs)
        self.membership = membership
        self.fields["role"].label = f"Role of {membership.user.get_username()}"

    @property
    def error_id(self) -> str:
        return f"member-{self.membership.pk}-error"

    def add_error(self, field, error) -> None:
        super().add_error(field, error)
        # Mark the select and tie the message to it, as the crispy forms do.
        self.fields["role"].widget.attrs.update(
            {"class": "form-select form-select-sm is-invalid", "aria-describedby": self.error_id}
        )


class InvitationSignUpForm(SignUpForm):
    """Sign-up for the invited address only: the e-mail is shown but cannot be changed."""

    def __init__(self, *args, invitation: Invitation, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation
        email = self.fields["email"]
        email.disabled = True
        email.initial = invitation.email
        email.help_text = "The address the invitation was sent to."

    def clean(self):
        # A disabled field ignores what is posted; a different address is refused, not swapped.
        posted = self.data.get("email")
        if posted is not None and str(posted).strip().lower() != self.invitation.email:
            raise forms.ValidationError(
                f"This invitation is for {self.invitation.email} only; "
                "another address cannot sign up with it."
            )
        return super().clean()
