from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from teams.models import INVITATION_DAYS, Invitation, Membership, Team
from tests.factories import InvitationFactory, MembershipFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "can_manage", "can_edit", "can_comment"),
    [
        (Membership.Role.ADMIN, True, True, True),
        (Membership.Role.MEMBER, False, True, True),
        (Membership.Role.VIEWER, False, False, True),
    ],
)
def test_role_grants_exactly_its_rights(role, can_manage, can_edit, can_comment):
    membership = MembershipFactory.build(role=role)

    assert (membership.can_manage, membership.can_edit, membership.can_comment) == (
        can_manage,
        can_edit,
        can_comment,
    )


def test_every_role_has_a_label_and_a_one_line_description():
    for role in Membership.Role:
        assert role.label
        assert role.description.endswith(".")
        assert "\n" not in role.description


def test_role_of_names_the_users_role_and_none_for_outsiders(user, other_user):
    team = TeamFactory()
    MembershipFactory(team=team, user=user, role=Membership.Role.VIEWER)

    assert team.role_of(user) == Membership.Role.VIEWER
    assert team.role_of(other_user) is None
    assert team.role_of(AnonymousUser()) is None


def test_for_user_lists_only_the_users_teams(user, other_user):
    mine = MembershipFactory(user=user).team
    theirs = MembershipFactory(user=other_user).team
    shared = TeamFactory()
    MembershipFactory(team=shared, user=user)
    MembershipFactory(team=shared, user=other_user)

    assert set(Team.objects.for_user(user)) == {mine, shared}
    assert theirs not in Team.objects.for_user(user)
    assert list(Team.objects.for_user(AnonymousUser())) == []


def test_membership_helpers_pick_admins_and_editors():
    team = TeamFactory()
    admin = MembershipFactory(team=team, role=Membership.Role.ADMIN)
    member = MembershipFactory(team=team, role=Membership.Role.MEMBER)
    MembershipFactory(team=team, role=Membership.Role.VIEWER)

    assert list(team.memberships.admins()) == [admin]
    assert set(team.memberships.editors()) == {admin, member}


def test_a_user_is_in_a_team_only_once(user):
    team = TeamFactory()
    MembershipFactory(team=team, user=user)

    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(team=team, user=user, role=Membership.Role.ADMIN)


def test_the_database_refuses_an_unknown_role():
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(role="owner")


def test_a_personal_team_must_name_its_owner_and_only_a_personal_one(user):
    with pytest.raises(IntegrityError), transaction.atomic():
        Team.objects.create(name="Personal", is_personal=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Team.objects.create(name="Shared", personal_owner=user)


def test_a_user_has_at_most_one_personal_team(user):
    Team.objects.create(name="Personal (alice)", is_personal=True, personal_owner=user)

    with pytest.raises(IntegrityError), transaction.atomic():
        Team.objects.create(name="Another", is_personal=True, personal_owner=user)


def test_team_name_is_trimmed_and_blank_refused_by_full_clean():
    team = Team(name="  Mekong   sourcing ")
    team.full_clean()
    assert team.name == "Mekong sourcing"

    with pytest.raises(Exception, match="Give the team a name"):
        Team(name="   ").full_clean()


def test_one_open_invitation_per_team_and_address():
    invitation = InvitationFactory(email="new@example.com")

    with pytest.raises(IntegrityError), transaction.atomic():
        InvitationFactory(team=invitation.team, email="new@example.com")

    invitation.withdrawn_at = timezone.now()
    invitation.save()
    again = InvitationFactory(team=invitation.team, email="new@example.com")
    assert again.is_open


def test_the_database_keeps_invitation_addresses_in_lower_case():
    with pytest.raises(IntegrityError), transaction.atomic():
        InvitationFactory(email="New@Example.com")


def test_full_clean_lowers_the_address():
    invitation = InvitationFactory.build(
        team=TeamFactory(), invited_by=UserFactory(), email="New@Example.COM"
    )
    invitation.full_clean()

    assert invitation.email == "new@example.com"


def test_an_invitation_is_never_both_accepted_and_withdrawn():
    with pytest.raises(IntegrityError), transaction.atomic():
        InvitationFactory(accepted_at=timezone.now(), withdrawn_at=timezone.now())


def test_invitation_expires_after_the_set_number_of_days():
    invitation = InvitationFactory()
    created = invitation.created_at

    assert invitation.expires_at == created + timedelta(days=INVITATION_DAYS)
    assert invitation.state(created + timedelta(days=INVITATION_DAYS) - timedelta(seconds=1)) == (
        "open"
    )
    assert invitation.state(created + timedelta(days=INVITATION_DAYS)) == "expired"


@pytest.mark.parametrize(
    ("changes", "state"),
    [({}, "open"), ({"accepted_at": True}, "accepted"), ({"withdrawn_at": True}, "withdrawn")],
)
def test_invitation_state(changes, state):
    invitation = InvitationFactory(**{k: timezone.now() for k in changes})

    assert invitation.state() == state
    assert invitation.is_open is (state == "open")
    assert list(Invitation.objects.open()) == ([invitation] if state == "open" else [])


def test_str_and_urls():
    team = TeamFactory(name="Mekong sourcing")
    membership = MembershipFactory(team=team, user=UserFactory(username="bob"))
    invitation = InvitationFactory(team=team, email="new@example.com")

    assert str(team) == "Mekong sourcing"
    assert str(membership) == "bob in Mekong sourcing (Member)"
    assert str(invitation) == "new@example.com to Mekong sourcing"
    assert team.get_absolute_url() == f"/teams/{team.pk}/"
    assert membership.get_absolute_url() == invitation.get_absolute_url() == f"/teams/{team.pk}/"
