import pytest

from teams.models import Membership
from teams.services import team_create
from tests.factories import MembershipFactory, UserFactory


@pytest.fixture
def team(user):
    """A shared team with `user` (alice) as its only admin."""
    return team_create(user=user, name="Mekong sourcing")


@pytest.fixture
def admin_membership(team, user):
    return team.memberships.get(user=user)


@pytest.fixture
def member(team):
    """bob, a member (editor) of `team`."""
    return MembershipFactory(
        team=team, user=UserFactory(username="bob"), role=Membership.Role.MEMBER
    )


@pytest.fixture
def viewer(team):
    """vera, a viewer of `team`."""
    return MembershipFactory(
        team=team, user=UserFactory(username="vera"), role=Membership.Role.VIEWER
    )
