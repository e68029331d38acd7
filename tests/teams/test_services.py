import importlib
import smtplib
from io import StringIO
from unittest import mock

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from teams import services
from teams.models import Invitation, Membership, Team
from teams.services import (
    LAST_ADMIN,
    invitation_accept,
    invitation_create,
    invitation_withdraw,
    member_leave,
    member_remove,
    member_set_role,
    personal_team_for,
    team_create,
    team_create_personal,
    team_rename,
)
from tests.factories import InvitationFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def _uri(path: str) -> str:
    return f"http://testserver{path}"


def _invite(team, email, role="member", by=None):
    by = by or team.memberships.admins().first().user
    return invitation_create(
        team=team, email=email, role=role, invited_by=by, build_absolute_uri=_uri
    )


def _rows(team) -> list:
    return [
        list(Team.objects.filter(pk=team.pk).values()),
        list(team.memberships.order_by("pk").values()),
        list(team.invitations.order_by("pk").values()),
    ]


# --- Creating and naming teams --------------------------------------------------------


def test_team_create_makes_the_creator_its_admin(user):
    team = team_create(user=user, name="  Mekong   sourcing ")

    assert team.name == "Mekong sourcing"
    assert not team.is_personal
    assert team.role_of(user) == Membership.Role.ADMIN
    assert team.memberships.count() == 1


@pytest.mark.parametrize("name", ["", "   "])
def test_team_create_refuses_a_blank_name(user, name):
    with pytest.raises(ValidationError, match="Give the team a name"):
        team_create(user=user, name=name)

    assert not Team.objects.exists()


def test_team_create_refuses_a_name_the_user_already_has(user, team):
    with pytest.raises(ValidationError, match="already in a team called"):
        team_create(user=user, name=team.name.upper())

    assert Team.objects.count() == 1


def test_another_user_may_use_the_same_team_name(team, other_user):
    assert team_create(user=other_user, name=team.name).name == team.name


def test_team_rename(team, user):
    team_rename(team=team, name="Hanoi sourcing", user=user)

    team.refresh_from_db()
    assert team.name == "Hanoi sourcing"


def test_team_rename_refuses_a_blank_name_and_keeps_the_old_one(team, user):
    with pytest.raises(ValidationError):
        team_rename(team=team, name=" ", user=user)

    assert Team.objects.get(pk=team.pk).name == "Mekong sourcing"


# --- Personal teams -----------------------------------------------------------------------


def test_team_create_personal_makes_the_user_its_only_admin(user):
    team = team_create_personal(user=user)

    assert team.is_personal
    assert team.personal_owner == user
    assert team.name == "Personal (alice)"
    assert list(team.memberships.values_list("user__username", "role")) == [("alice", "admin")]


def test_team_create_personal_twice_keeps_one_team(user):
    first = team_create_personal(user=user)

    assert team_create_personal(user=user) == first
    assert Team.objects.filter(personal_owner=user).count() == 1


def test_personal_team_for_creates_it_on_first_use(user):
    assert not Team.objects.filter(personal_owner=user).exists()

    team = personal_team_for(user)

    assert team.personal_owner == user
    assert personal_team_for(user) == team


def test_personal_team_name_fits_the_longest_username(db):
    user = UserFactory(username="u" * 150)

    team = team_create_personal(user=user)

    assert len(team.name) <= Team._meta.get_field("name").max_length


def test_signup_gives_the_new_user_a_personal_team(client, db):
    password = "plum-orchard-lantern-42"
    client.post(
        reverse("accounts:signup"),
        {
            "username": "bob",
            "email": "bob@example.com",
            "password1": password,
            "password2": password,
        },
    )

    bob = User.objects.get(username="bob")
    assert bob.personal_team.role_of(bob) == Membership.Role.ADMIN


def test_create_trainer_gives_the_trainer_a_personal_team(db):
    call_command("create_trainer", "trudy", "--no-input", stdout=StringIO())

    trudy = User.objects.get(username="trudy")
    assert trudy.personal_team.memberships.get().user == trudy


def test_the_migration_gives_every_existing_user_one_personal_team(db):
    migration = importlib.import_module("teams.migrations.0002_personal_teams")
    had_one = UserFactory(username="had-one")
    kept = team_create_personal(user=had_one)
    users = [UserFactory(username=name) for name in ("ana", "ben", "chen")]

    migration.create_personal_teams(apps, None)
    migration.create_personal_teams(apps, None)

    for user in users:
        team = Team.objects.get(personal_owner=user)
        assert team.is_personal
        assert team.name == f"Personal ({user.username})"
        assert list(team.memberships.values_list("user_id", "role")) == [(user.pk, "admin")]
    assert Team.objects.get(personal_owner=had_one) == kept
    assert Team.objects.filter(is_personal=True).count() == 4
    assert Membership.objects.count() == 4


# --- Roles and the last admin ----------------------------------------------------------------


def test_member_set_role_changes_the_role(team, member):
    member_set_role(membership=member, role=Membership.Role.VIEWER)

    assert team.role_of(member.user) == Membership.Role.VIEWER


@pytest.mark.parametrize("role", [Membership.Role.MEMBER, Membership.Role.VIEWER])
def test_demoting_the_last_admin_is_refused(team, admin_membership, member, role):
    before = _rows(team)

    with pytest.raises(ValidationError) as exc:
        member_set_role(membership=admin_membership, role=role)

    assert exc.value.messages == [LAST_ADMIN]
    assert _rows(team) == before


def test_an_admin_may_step_down_when_another_admin_remains(team, admin_membership, member):
    member_set_role(membership=member, role=Membership.Role.ADMIN)

    member_set_role(membership=admin_membership, role=Membership.Role.VIEWER)

    assert list(team.memberships.admins()) == [Membership.objects.get(pk=member.pk)]


def test_member_set_role_refuses_an_unknown_role(team, member):
    with pytest.raises(ValidationError, match="Choose admin, member or viewer"):
        member_set_role(membership=member, role="owner")

    assert Membership.objects.get(pk=member.pk).role == Membership.Role.MEMBER


def test_member_remove_deletes_the_membership(team, member):
    member_remove(membership=member)

    assert team.role_of(member.user) is None


def test_removing_the_last_admin_is_refused(team, admin_membership, member):
    before = _rows(team)

    with pytest.raises(ValidationError) as exc:
        member_remove(membership=admin_membership)

    assert exc.value.messages == [LAST_ADMIN]
    assert _rows(team) == before


def test_member_leave(team, member):
    member_leave(membership=member)

    assert not team.memberships.filter(user=member.user).exists()


def test_the_last_admin_cannot_leave(team, admin_membership, member):
    before = _rows(team)

    with pytest.raises(ValidationError, match="only admin of “Mekong sourcing”"):
        member_leave(membership=admin_membership)

    assert _rows(team) == before


def test_the_only_member_cannot_leave(team, admin_membership):
    with pytest.raises(ValidationError, match="only member of “Mekong sourcing”"):
        member_leave(membership=admin_membership)

    assert team.memberships.count() == 1


def test_a_personal_team_cannot_be_left(user):
    team = team_create_personal(user=user)

    with pytest.raises(ValidationError, match="personal team"):
        member_leave(membership=team.memberships.get())

    assert team.role_of(user) == Membership.Role.ADMIN


def test_a_membership_removed_meanwhile_is_refused_with_a_message(team, member):
    Membership.objects.filter(pk=member.pk).delete()

    with pytest.raises(ValidationError, match="no longer a member"):
        member_set_role(membership=member, role=Membership.Role.ADMIN)


# --- Inviting --------------------------------------------------------------------------------


def test_inviting_an_existing_account_adds_it_at_once_and_tells_it(team, user):
    carol = UserFactory(username="carol", email="carol@example.com")

    outcome = _invite(team, " Carol@EXAMPLE.com ", role="viewer")

    assert outcome.membership.user == carol
    assert outcome.invitation is None
    assert outcome.email_sent
    assert team.role_of(carol) == Membership.Role.VIEWER
    assert not Invitation.objects.exists()
    [message] = mail.outbox
    assert message.to == ["carol@example.com"]
    assert "Mekong sourcing" in message.subject
    assert "alice added you to the team “Mekong sourcing”" in message.body
    assert f"http://testserver/teams/{team.pk}/" in message.body


def test_inviting_an_existing_member_is_refused(team, member):
    with pytest.raises(ValidationError, match="already a member"):
        _invite(team, member.user.email.upper())

    assert mail.outbox == []


def test_inviting_an_address_shared_by_several_accounts_is_refused(team):
    UserFactory(username="twin1", email="twin@example.com")
    UserFactory(username="twin2", email="TWIN@example.com")
    before = _rows(team)

    with pytest.raises(ValidationError, match=r"More than one account uses twin@example\.com"):
        _invite(team, "twin@example.com")

    assert _rows(team) == before
    assert mail.outbox == []


def test_inviting_a_new_address_sends_a_link(team, user):
    outcome = _invite(team, "New.Person@Example.com", role="admin")

    invitation = outcome.invitation
    assert outcome.membership is None
    assert (invitation.email, invitation.role, invitation.invited_by) == (
        "new.person@example.com",
        "admin",
        user,
    )
    [message] = mail.outbox
    assert message.to == ["new.person@example.com"]
    assert "Mekong sourcing" in message.subject
    assert "alice invites you to join the team “Mekong sourcing”" in message.body
    assert "http://testserver/teams/invitations/" in message.body
    assert "7 days" in message.body


def test_inviting_the_same_address_again_replaces_the_open_invitation(team):
    first = _invite(team, "new@example.com").invitation

    second = _invite(team, "new@example.com", role="viewer")

    first.refresh_from_db()
    assert first.withdrawn_at is not None
    assert second.replaced
    assert list(team.invitations.open()) == [second.invitation]
    assert len(mail.outbox) == 2


@pytest.mark.parametrize("email", ["", "not-an-address", "a@b@example.com", "x" * 250 + "@e.com"])
def test_inviting_a_malformed_address_is_refused(team, email):
    with pytest.raises(ValidationError):
        _invite(team, email)

    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_nobody_can_be_invited_into_a_personal_team(user):
    team = team_create_personal(user=user)
    UserFactory(username="carol", email="carol@example.com")

    for email in ("carol@example.com", "new@example.com"):
        with pytest.raises(ValidationError, match="personal team"):
            _invite(team, email)

    assert team.memberships.count() == 1
    assert not Invitation.objects.exists()


def test_an_email_that_cannot_be_sent_keeps_the_invitation_and_says_so(team, caplog):
    with mock.patch("teams.emails.send_mail", side_effect=smtplib.SMTPException("down")):
        outcome = _invite(team, "new@example.com")

    assert outcome.email_sent is False
    assert outcome.invitation.is_open
    assert "the invitation e-mail could not be sent" in caplog.text


def test_emails_show_names_as_typed_not_html_escaped(user):
    team = team_create(user=user, name="R&D <Hanoi> “O'Brien”")

    _invite(team, "new@example.com")

    [message] = mail.outbox
    assert "R&D <Hanoi> “O'Brien”" in message.subject
    assert "R&D <Hanoi> “O'Brien”" in message.body
    assert "&amp;" not in message.body


# --- Withdrawing and accepting ------------------------------------------------------------------


def test_invitation_withdraw(team):
    invitation = InvitationFactory(team=team)

    invitation_withdraw(invitation=invitation)

    invitation.refresh_from_db()
    assert invitation.withdrawn_at is not None


def test_an_accepted_invitation_cannot_be_withdrawn(team):
    invitation = InvitationFactory(team=team)
    invitation_accept(invitation=invitation, user=UserFactory(email=invitation.email))

    with pytest.raises(ValidationError, match="already accepted"):
        invitation_withdraw(invitation=invitation)


def test_invitation_accept_adds_the_member_with_the_invited_role(team):
    invitation = InvitationFactory(team=team, role="viewer", email="new@example.com")
    newcomer = UserFactory(email="NEW@example.com")

    membership = invitation_accept(invitation=invitation, user=newcomer)

    assert (membership.team, membership.role) == (team, "viewer")
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None


def test_invitation_accept_refuses_another_address(team):
    invitation = InvitationFactory(team=team, email="new@example.com")

    with pytest.raises(ValidationError, match=r"This invitation is for new@example\.com"):
        invitation_accept(invitation=invitation, user=UserFactory(email="other@example.com"))

    assert team.memberships.count() == 1
    assert Invitation.objects.get().accepted_at is None


def test_invitation_accept_works_once(team):
    invitation = InvitationFactory(team=team, email="new@example.com")
    newcomer = UserFactory(email="new@example.com")
    invitation_accept(invitation=invitation, user=newcomer)

    with pytest.raises(ValidationError, match="already been used"):
        invitation_accept(invitation=Invitation.objects.get(), user=newcomer)


def test_invitation_accept_keeps_the_role_of_an_existing_member(team, member):
    invitation = InvitationFactory(team=team, email=member.user.email, role="admin")

    invitation_accept(invitation=invitation, user=member.user)

    assert team.role_of(member.user) == Membership.Role.MEMBER


def test_invitation_sign_up_creates_the_account_with_both_teams(team):
    invitation = InvitationFactory(team=team, email="new@example.com", role="viewer")

    user = services.invitation_sign_up(
        invitation=invitation, username="newbie", password="plum-orchard-lantern-42"
    )

    assert user.email == "new@example.com"
    assert user.check_password("plum-orchard-lantern-42")
    assert team.role_of(user) == Membership.Role.VIEWER
    assert user.personal_team.role_of(user) == Membership.Role.ADMIN


def test_invitation_sign_up_of_a_taken_username_changes_nothing(team, member):
    invitation = InvitationFactory(team=team, email="new@example.com")

    with pytest.raises(ValidationError):
        services.invitation_sign_up(invitation=invitation, username="bob", password="x-long-pass-1")

    assert not User.objects.filter(email="new@example.com").exists()
    assert Invitation.objects.get().accepted_at is None


def test_an_invitation_outlives_the_account_that_sent_it(team):
    invitation = InvitationFactory(team=team, invited_by=MembershipFactory(team=team).user)
    invitation.invited_by.delete()

    invitation.refresh_from_db()
    assert invitation.invited_by is None
    assert invitation.is_open
