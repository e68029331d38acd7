"""Who may reach a team, one helper per kind of access (as healthchecks' _get_project_for_user).

Each takes the request and the team's id from the URL. Someone outside the team gets a
404, as if the team did not exist; a member without the right gets a 403. The
membership is read from the database on every request, so removing a member ends
their access on their next request.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from teams.models import Invitation, Membership, Team


def _membership(request, pk: int) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("team"), team_id=pk, user_id=request.user.pk
    )


def team_for_member(request, pk: int) -> tuple[Team, Membership]:
    """The team and the user's membership, for any member (read and comment)."""
    membership = _membership(request, pk)
    return membership.team, membership


def team_for_editor(request, pk: int) -> tuple[Team, Membership]:
    """As team_for_member, for admins and members (who change counterparties and plans)."""
    membership = _membership(request, pk)
    if not membership.can_edit:
        raise PermissionDenied("Viewers cannot change the team's work.")
    return membership.team, membership


def team_for_admin(request, pk: int) -> tuple[Team, Membership]:
    """As team_for_member, for the team's admins only (who manage members)."""
    membership = _membership(request, pk)
    if not membership.can_manage:
        raise PermissionDenied("Only the team's admins can do this.")
    return membership.team, membership


def membership_in(team: Team, pk: int) -> Membership:
    """A membership of `team`: another team's membership id is a 404."""
    return get_object_or_404(Membership.objects.select_related("user"), pk=pk, team=team)


def open_invitation_in(team: Team, pk: int) -> Invitation:
    """An open invitation to `team`: another team's, or a used or withdrawn one, is a 404."""
    return get_object_or_404(Invitation.objects.open(), pk=pk, team=team)
