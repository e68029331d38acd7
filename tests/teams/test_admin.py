import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from accounts.services import TRAINER_MODELS, trainer_create_or_promote
from tests.factories import InvitationFactory, UserFactory

pytestmark = pytest.mark.django_db

TEAMS = reverse("admin:teams_team_changelist")
INVITATIONS = reverse("admin:teams_invitation_changelist")


def test_superuser_sees_teams_with_their_members_and_invitations(client, team, member):
    InvitationFactory(team=team, email="newcomer@example.com")
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))

    listing = client.get(TEAMS)
    change = client.get(reverse("admin:teams_team_change", args=[team.pk]))
    invitations = client.get(INVITATIONS)

    assert listing.status_code == change.status_code == invitations.status_code == 200
    assert "Mekong sourcing" in listing.text
    # alice and bob, in the memberships inline
    assert 'name="memberships-TOTAL_FORMS" value="2"' in change.text
    assert "newcomer@example.com" in invitations.text


def test_teams_are_hidden_from_trainers_even_with_permissions(client, team):
    trainer, _ = trainer_create_or_promote(username="trainer")
    trainer.user_permissions.add(*Permission.objects.filter(content_type__app_label="teams"))
    client.force_login(trainer)

    assert client.get(TEAMS).status_code == 403
    assert client.get(INVITATIONS).status_code == 403
    assert client.get(reverse("admin:teams_team_change", args=[team.pk])).status_code == 403
    assert TEAMS not in client.get(reverse("admin:index")).text
    assert "teams" not in TRAINER_MODELS
