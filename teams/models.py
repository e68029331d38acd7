from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

# How long an invitation link works. The signed token and the invitation row both
# carry a time; either one older than this refuses the link.
INVITATION_DAYS = 7
INVITATION_MAX_AGE = timedelta(days=INVITATION_DAYS)


class TeamQuerySet(models.QuerySet):
    def for_user(self, user) -> "TeamQuerySet":
        """The teams `user` is a member of, in any role (none for an anonymous visitor)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user)


class Team(models.Model):
    """A group of negotiators who prepare deals together.

    Every user has one personal team, theirs alone (`personal_owner` is set and
    `is_personal` is true); other teams are created by users and shared through
    invitations.
    """

    name = models.CharField(max_length=200, help_text="How the team appears in lists.")
    is_personal = models.BooleanField(
        default=False, help_text="The user's own team, created at sign-up; never shared."
    )
    personal_owner = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="personal_team",
        help_text="For a personal team only: whose it is.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TeamQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_personal=True, personal_owner__isnull=False)
                | Q(is_personal=False, personal_owner__isnull=True),
                name="teams_personal_team_has_its_owner",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("teams:detail", args=[self.pk])

    def clean(self) -> None:
        self.name = " ".join(self.name.split())
        if not self.name:
            raise ValidationError({"name": "Give the team a name."})

    def role_of(self, user) -> "Membership.Role | None":
        """The role `user` holds in this team, or None for a non-member. Queries."""
        if not user.is_authenticated:
            return None
        role = self.memberships.filter(user=user).values_list("role", flat=True).first()
        return Membership.Role(role) if role else None


# One sentence per role, shown beside the role wherever one is chosen.
ROLE_DESCRIPTIONS = {
    "admin": "Manages members and invitations, and can do everything a member can.",
    "member": "Creates, edits and deletes the team's counterparties and plans.",
    "viewer": "Reads the team's counterparties and plans and can comment, but never edits.",
}


class MembershipQuerySet(models.QuerySet):
    def admins(self) -> "MembershipQuerySet":
        return self.filter(role=Membership.Role.ADMIN)

    def editors(self) -> "MembershipQuerySet":
        """Members who may change the team's counterparties and plans."""
        return self.filter(role__in=Membership.EDIT_ROLES)

    def of_user(self, user) -> "MembershipQuerySet":
        return self.filter(user=user)


class Membership(models.Model):
    """One user's place in one team, with their role."""

    class Role(models.TextChoices):
        ADMIN = "admin", "Admin"
        MEMBER = "member", "Member"
        VIEWER = "viewer", "Viewer"

        @property
        def description(self) -> str:
            return ROLE_DESCRIPTIONS[self.value]

    EDIT_ROLES = (Role.ADMIN, Role.MEMBER)

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["team_id", "joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["team", "user"], name="teams_one_membership_per_user"),
            models.CheckConstraint(
                condition=Q(role__in=["admin", "member", "viewer"]), name="teams_membership_role"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.team} ({self.get_role_display()})"

    def get_absolute_url(self) -> str:
        return reverse("teams:detail", args=[self.team_id])

    @property
    def can_manage(self) -> bool:
        """May invite, remove and change the roles of members, and rename the team."""
        return self.role == self.Role.ADMIN

    @property
    def can_edit(self) -> bool:
        """May create, change and delete the team's counterparties and plans."""
        return self.role in self.EDIT_ROLES

    @property
    def can_comment(self) -> bool:
        """May read the team's work and comment on it: every role."""
        return self.role in self.Role.values

    @property
    def role_description(self) -> str:
        return ROLE_DESCRIPTIONS[self.role]


class InvitationQuerySet(models.QuerySet):
    def open(self) -> "InvitationQuerySet":
        """Neither accepted nor withdrawn (possibly expired: see Invitation.is_expired)."""
        return self.filter(accepted_at__isnull=True, withdrawn_at__isnull=True)


class Invitation(models.Model):
    """An e-mail address asked to join a team, before it has an account."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(max_length=254, help_text="Stored in lower case.")
    role = models.CharField(
        max_length=10, choices=Membership.Role.choices, default=Membership.Role.MEMBER
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "email"],
                condition=Q(accepted_at__isnull=True, withdrawn_at__isnull=True),
                name="teams_one_open_invitation_per_email",
                violation_error_message="This address already has an open invitation to the team.",
            ),
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | Q(withdrawn_at__isnull=True),
                name="teams_invitation_not_accepted_and_withdrawn",
            ),
            models.CheckConstraint(condition=Q(email=Lower("email")), name="teams_email_lower"),
            models.CheckConstraint(
                condition=Q(role__in=["admin", "member", "viewer"]), name="teams_invitation_role"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} to {self.team}"

    def get_absolute_url(self) -> str:
        return reverse("teams:detail", args=[self.team_id])

    def clean(self) -> None:
        self.email = self.email.strip().lower()

    @property
    def role_description(self) -> str:
        return ROLE_DESCRIPTIONS[self.role]

    @property
    def expires_at(self) -> datetime:
        return self.created_at + INVITATION_MAX_AGE

    def is_expired(self, now: datetime | None = None) -> bool:
        return (now or timezone.now()) >= self.expires_at

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.withdrawn_at is None

    def state(self, now: datetime | None = None) -> str:
        """ "accepted", "withdrawn", "expired" or "open": whether the link can still be used."""
        if self.accepted_at is not None:
            return "accepted"
        if self.withdrawn_at is not None:
            return "withdrawn"
        if self.is_expired(now):
            return "expired"
        return "open"
