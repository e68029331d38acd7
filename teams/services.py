"""Writes on teams, memberships and invitations.

Who may call these is decided before, in teams/access.py; the rules that hold whoever
calls (a team keeps an admin, a personal team stays its owner's alone, one open
invitation per address) are checked here, inside the transaction.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from teams.emails import display_name, send_team_email
from teams.models import INVITATION_DAYS, Invitation, Membership, Team
from teams.tokens import invitation_token

LAST_ADMIN = "A team needs at least one admin: make someone else admin first."
PERSONAL_TEAM_MAX = 200


def _personal_team_name(user: User) -> str:
    return f"Personal ({user.get_username()})"[:PERSONAL_TEAM_MAX]


def _check_name_free(*, user: User, name: str, team: Team | None = None) -> None:
    """Refuse a name the user already has on another team: their lists could not tell them apart."""
    taken = Team.objects.for_user(user).filter(name__iexact=name)
    if team is not None:
        taken = taken.exclude(pk=team.pk)
    if taken.exists():
        raise ValidationError(
            {"name": f"You are already in a team called “{name}”. Pick another name."}
        )


@transaction.atomic
def team_create(*, user: User, name: str) -> Team:
    """A new (shared) team with `user` as its first admin."""
    team = Team(name=name)
    team.full_clean()
    _check_name_free(user=user, name=team.name)
    team.save()
    membership = Membership(team=team, user=user, role=Membership.Role.ADMIN)
    membership.full_clean()
    membership.save()
    return team


def team_create_personal(*, user: User) -> Team:
    """The user's personal team, with them as its only admin; returns the existing one if any."""
    existing = Team.objects.filter(personal_owner=user).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            team = Team(name=_personal_team_name(user), is_personal=True, personal_owner=user)
            team.full_clean()
            team.save()
            Membership.objects.create(team=team, user=user, role=Membership.Role.ADMIN)
    except IntegrityError:
        # Another request made it at the same moment: use that one.
        return Team.objects.get(personal_owner=user)
    return team


def personal_team_for(user: User) -> Team:
    """The user's personal team, created on first use (for accounts made in the admin or shell)."""
    return Team.objects.filter(personal_owner=user).first() or team_create_personal(user=user)


@transaction.atomic
def team_rename(*, team: Team, name: str, user: User) -> Team:
    """Give the team a new name, which `user` (who renames it) has on no other team."""
    team.name = name
    team.full_clean()
    _check_name_free(user=user, name=team.name, team=team)
    team.save(update_fields=["name"])
    return team


def _locked(membership: Membership) -> Membership:
    """The membership as it is now, with the team's admin rows locked until the transaction ends."""
    list(
        Membership.objects.select_for_update()
        .filter(team_id=membership.team_id, role=Membership.Role.ADMIN)
        .values_list("pk", flat=True)
    )
    try:
        return Membership.objects.select_related("team", "user").get(pk=membership.pk)
    except Membership.DoesNotExist:
        raise ValidationError("This person is no longer a member of the team.") from None


def _is_last_admin(membership: Membership) -> bool:
    if membership.role != Membership.Role.ADMIN:
        return False
    others = Membership.objects.filter(team_id=membership.team_id).admins()
    return not others.exclude(pk=membership.pk).exists()


@transaction.atomic
def member_set_role(*, membership: Membership, role: str) -> Membership:
    """Change a member's role; demoting the team's last admin is refused."""
    if role not in Membership.Role.values:
        raise ValidationError("Choose admin, member or viewer.")
    current = _locked(membership)
    if role != Membership.Role.ADMIN and _is_last_admin(current):
        raise ValidationError(LAST_ADMIN)
    current.role = role
    current.full_clean()
    current.save(update_fields=["role"])
    membership.role = role
    return current


@transaction.atomic
def member_remove(*, membership: Membership) -> None:
    """Take a member out of the team; their access ends with their next request.

    Access is read from the membership row on every request, so deleting it is enough.
    Removing the last admin is refused.
    """
    current = _locked(membership)
    if _is_last_admin(current):
        raise ValidationError(LAST_ADMIN)
    current.delete()


@transaction.atomic
def member_leave(*, membership: Membership) -> None:
    """The member leaves the team themselves.

    A personal team cannot be left: it is its owner's alone and is where their own work
    lives. The last admin cannot leave either (someone must manage the team); when they
    are its only member, they invite someone and make them admin first.
    """
    current = _locked(membership)
    team = current.team
    if team.is_personal:
        raise ValidationError(
            f"“{team}” is your personal team: it belongs to your account and cannot be left."
        )
    if _is_last_admin(current):
        if not Membership.objects.filter(team=team).exclude(pk=current.pk).exists():
            raise ValidationError(
                f"You are the only member of “{team}”: invite someone and make them admin "
                "before you leave."
            )
        raise ValidationError(
            f"You are the only admin of “{team}”: make someone else admin before you leave."
        )
    current.delete()


@dataclass(frozen=True)
class InviteOutcome:
    """What an invitation did: added an existing account at once, or invited a new address."""

    membership: Membership | None
    invitation: Invitation | None
    email_sent: bool
    # A new link replaced an open invitation to the same address (the old link stops working).
    replaced: bool = False


def _clean_email(email: str) -> str:
    email = email.strip().lower()
    if not email:
        raise ValidationError("Enter the e-mail address of the person to invite.")
    if len(email) > 254:
        raise ValidationError("An e-mail address has at most 254 characters.")
    validate_email(email)
    return email


def invitation_create(
    *,
    team: Team,
    email: str,
    role: str,
    invited_by: User,
    build_absolute_uri: Callable[[str], str],
) -> InviteOutcome:
    """Invite an address to the team, and tell them by e-mail.

    An address with an account is added at once with `role`. Any other address gets an
    invitation whose link, valid for INVITATION_DAYS, signs that address up; inviting it
    again replaces the open invitation with a fresh one. The e-mail is sent once the rows
    are saved; `build_absolute_uri` (the request's) turns a path into a full link.
    """
    email = _clean_email(email)
    if role not in Membership.Role.values:
        raise ValidationError("Choose admin, member or viewer.")
    if team.is_personal:
        raise ValidationError(
            f"“{team}” is a personal team and stays yours alone. Create a team to work with others."
        )
    accounts = list(User.objects.filter(email__iexact=email).order_by("pk")[:2])
    if len(accounts) > 1:
        raise ValidationError(
            f"More than one account uses {email}, so it is not clear whom to add. "
            "Ask the site administrator to give each account its own address."
        )
    context = {
        "team": team,
        "inviter": display_name(invited_by),
        "role": Membership.Role(role),
    }
    if accounts:
        user = accounts[0]
        if not user.is_active:
            raise ValidationError(f"The account for {email} is switched off; it cannot join teams.")
        with transaction.atomic():
            if Membership.objects.filter(team=team, user=user).exists():
                raise ValidationError(f"{email} is already a member of “{team}”.")
            membership = Membership(team=team, user=user, role=role)
            membership.full_clean()
            membership.save()
            team.invitations.open().filter(email=email).update(withdrawn_at=timezone.now())
        sent = send_team_email(
            template="member_added",
            context={**context, "link": build_absolute_uri(team.get_absolute_url())},
            to=user.email,
        )
        return InviteOutcome(membership=membership, invitation=None, email_sent=sent)

    with transaction.atomic():
        replaced = team.invitations.open().filter(email=email).update(withdrawn_at=timezone.now())
        invitation = Invitation(team=team, email=email, role=role, invited_by=invited_by)
        invitation.full_clean()
        invitation.save()
    link = build_absolute_uri(reverse("teams:invitation", args=[invitation_token(invitation.pk)]))
    sent = send_team_email(
        template="invitation",
        context={
            **context,
            "link": link,
            "days": INVITATION_DAYS,
            "expires_at": invitation.expires_at,
        },
        to=email,
    )
    return InviteOutcome(
        membership=None, invitation=invitation, email_sent=sent, replaced=bool(replaced)
    )


def _locked_invitation(invitation: Invitation) -> Invitation:
    return Invitation.objects.select_for_update().select_related("team").get(pk=invitation.pk)


@transaction.atomic
def invitation_withdraw(*, invitation: Invitation) -> Invitation:
    """Withdraw an open invitation: its link stops working at once."""
    current = _locked_invitation(invitation)
    if current.accepted_at is not None:
        raise ValidationError(f"{current.email} has already accepted this invitation.")
    if current.withdrawn_at is None:
        current.withdrawn_at = timezone.now()
        current.save(update_fields=["withdrawn_at"])
    invitation.withdrawn_at = current.withdrawn_at
    return current


INVITATION_REFUSED = {
    "accepted": "This invitation has already been used.",
    "withdrawn": "This invitation was withdrawn.",
    "expired": "This invitation has expired.",
}


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    """`user` (whose e-mail is the invited address) joins the team; the link is then used up.

    A user who is already a member keeps their current role.
    """
    current = _locked_invitation(invitation)
    state = current.state()
    if state != "open":
        raise ValidationError(INVITATION_REFUSED[state])
    if user.email.strip().lower() != current.email:
        raise ValidationError(
            f"This invitation is for {current.email}, not for the account you are signed in with."
        )
    membership, _ = Membership.objects.get_or_create(
        team=current.team, user=user, defaults={"role": current.role}
    )
    current.accepted_at = timezone.now()
    current.save(update_fields=["accepted_at"])
    invitation.accepted_at = current.accepted_at
    return membership


@transaction.atomic
def invitation_sign_up(*, invitation: Invitation, username: str, password: str) -> User:
    """A new account for the invited address, with its personal team, joined to the team."""
    user = User(username=username, email=invitation.email)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    team_create_personal(user=user)
    invitation_accept(invitation=invitation, user=user)
    return user
