import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from teams.models import Invitation, Membership, Team
from teams.services import LAST_ADMIN, team_create_personal
from tests.factories import InvitationFactory, MembershipFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _snapshot() -> list:
    """Every team, membership and invitation row: compared before and after a request."""
    return [list(model.objects.order_by("pk").values()) for model in (Team, Membership, Invitation)]


@pytest.fixture
def invitation(team, user):
    return InvitationFactory(team=team, invited_by=user, email="newcomer@example.com")


def _admin_urls(team, target, invitation) -> dict[str, tuple[str, ...]]:
    """The URLs of one team that only its admins may use -> the methods they answer."""
    return {
        reverse("teams:rename", args=[team.pk]): ("post",),
        reverse("teams:invite", args=[team.pk]): ("post",),
        reverse("teams:member_role", args=[team.pk, target.pk]): ("post",),
        reverse("teams:member_remove", args=[team.pk, target.pk]): ("get", "post"),
        reverse("teams:invitation_withdraw", args=[team.pk, invitation.pk]): ("post",),
    }


def _urls(team, target, invitation) -> dict[str, tuple[str, ...]]:
    """Every URL of one team -> the methods it answers."""
    return {
        reverse("teams:detail", args=[team.pk]): ("get",),
        reverse("teams:leave", args=[team.pk]): ("get", "post"),
        **_admin_urls(team, target, invitation),
    }


PAYLOAD = {"name": "Taken over", "email": "planted@example.com", "role": "admin"}


# --- Access ------------------------------------------------------------------------------


def test_every_teams_page_sends_anonymous_visitors_to_sign_in(client, team, member, invitation):
    urls = {reverse("teams:list"): ("get",), reverse("teams:create"): ("get", "post")}
    urls |= _urls(team, member, invitation)
    before = _snapshot()

    for url, methods in urls.items():
        for method in methods:
            response = getattr(client, method)(url, PAYLOAD)
            assert response.status_code == 302, f"{method} {url}"
            assert response.url.startswith(reverse("login") + "?next="), url
    assert _snapshot() == before


def test_every_team_url_is_404_for_a_non_member_and_changes_nothing(
    client_other, team, member, invitation
):
    before = _snapshot()

    for url, methods in _urls(team, member, invitation).items():
        for method in methods:
            response = getattr(client_other, method)(url, PAYLOAD)
            assert response.status_code == 404, f"{method} {url}"
    assert _snapshot() == before


@pytest.mark.parametrize("role", ["member", "viewer"])
def test_admin_actions_are_403_for_members_and_viewers_and_change_nothing(
    client, team, member, viewer, invitation, admin_membership, role
):
    acting = {"member": member, "viewer": viewer}[role]
    client.force_login(acting.user)
    urls = _admin_urls(team, admin_membership, invitation)
    before = _snapshot()

    for url, methods in urls.items():
        for method in methods:
            response = getattr(client, method)(url, PAYLOAD)
            assert response.status_code == 403, f"{role} {method} {url}"
    assert _snapshot() == before


@pytest.mark.parametrize("role", ["member", "viewer"])
def test_members_and_viewers_see_the_team_without_admin_controls(
    client, team, member, viewer, invitation, role
):
    acting = {"member": member, "viewer": viewer}[role]
    client.force_login(acting.user)

    response = client.get(team.get_absolute_url())

    assert response.status_code == 200
    assert "newcomer@example.com" in response.text
    assert reverse("teams:invite", args=[team.pk]) not in response.text
    assert reverse("teams:rename", args=[team.pk]) not in response.text
    assert "Change role" not in response.text
    assert "Withdraw" not in response.text
    assert reverse("teams:leave", args=[team.pk]) in response.text


@pytest.mark.parametrize(
    "name", ["teams:rename", "teams:invite", "teams:member_role", "teams:invitation_withdraw"]
)
def test_post_only_urls_refuse_get(client_user, team, admin_membership, invitation, name):
    args = [team.pk]
    if name == "teams:member_role":
        args.append(admin_membership.pk)
    if name == "teams:invitation_withdraw":
        args.append(invitation.pk)

    assert client_user.get(reverse(name, args=args)).status_code == 405


def test_detail_refuses_post(client_user, team):
    assert client_user.post(team.get_absolute_url()).status_code == 405


def test_another_teams_membership_or_invitation_in_the_url_is_404(client_user, team, user):
    elsewhere = TeamFactory()
    their_member = MembershipFactory(team=elsewhere)
    their_invitation = InvitationFactory(team=elsewhere)
    before = _snapshot()

    urls = [
        reverse("teams:member_role", args=[team.pk, their_member.pk]),
        reverse("teams:member_remove", args=[team.pk, their_member.pk]),
        reverse("teams:invitation_withdraw", args=[team.pk, their_invitation.pk]),
    ]
    for url in urls:
        assert client_user.post(url, {"role": "viewer"}).status_code == 404, url
    assert client_user.get(urls[1]).status_code == 404
    assert _snapshot() == before


def test_a_removed_member_gets_404_on_the_next_request(client, team, member, user):
    client.force_login(member.user)
    assert client.get(team.get_absolute_url()).status_code == 200
    admin = type(client)()
    admin.force_login(user)

    admin.post(reverse("teams:member_remove", args=[team.pk, member.pk]))

    assert client.get(team.get_absolute_url()).status_code == 404
    assert team.name not in client.get(reverse("teams:list")).text


# --- The list and creating a team --------------------------------------------------------------


def test_list_shows_my_teams_with_my_role_and_member_count(client_user, user, team, member):
    MembershipFactory(user=user, team=TeamFactory(name="Hanoi buyers"), role="viewer")
    TeamFactory(name="Not mine")

    response = client_user.get(reverse("teams:list"))

    assert response.status_code == 200
    rows = {
        m.team.name: (m.get_role_display(), m.member_count) for m in response.context["memberships"]
    }
    assert rows == {
        "Personal (alice)": ("Admin", 1),
        "Mekong sourcing": ("Admin", 2),
        "Hanoi buyers": ("Viewer", 1),
    }
    assert "Not mine" not in response.text
    assert 'aria-current="page" href="/teams/"' in response.text


def test_list_creates_a_missing_personal_team(client_user, user):
    client_user.get(reverse("teams:list"))

    assert Team.objects.get(personal_owner=user).role_of(user) == Membership.Role.ADMIN


def test_create_page_and_post(client_user, user):
    assert client_user.get(reverse("teams:create")).status_code == 200

    response = client_user.post(reverse("teams:create"), {"name": "  Saigon   deal "})

    team = Team.objects.get(name="Saigon deal")
    assert response.status_code == 302
    assert response.url == team.get_absolute_url()
    assert team.role_of(user) == Membership.Role.ADMIN
    assert _messages(response) == ["“Saigon deal” is created, with you as its admin."]


@pytest.mark.parametrize(
    ("name", "message"),
    [("", "Give the team a name."), ("x" * 201, "at most 200 characters")],
)
def test_create_refuses_a_bad_name(client_user, name, message):
    response = client_user.post(reverse("teams:create"), {"name": name})

    assert response.status_code == 200
    assert message in response.text
    assert not Team.objects.exists()


def test_create_refuses_a_name_i_already_have(client_user, team):
    response = client_user.post(reverse("teams:create"), {"name": "mekong SOURCING"})

    assert response.status_code == 200
    assert "You are already in a team called" in response.text
    assert Team.objects.count() == 1


# --- The team page and its actions -------------------------------------------------------------


def test_detail_shows_members_and_pending_invitations(client_user, team, member, invitation):
    response = client_user.get(team.get_absolute_url())

    assert response.status_code == 200
    text = response.text
    for expected in ("Mekong sourcing", "alice", "bob", "bob@example.com", "newcomer@example.com"):
        assert expected in text
    assert "Invite someone" in text
    assert reverse("teams:member_remove", args=[team.pk, member.pk]) in text
    assert reverse("teams:invitation_withdraw", args=[team.pk, invitation.pk]) in text
    assert invitation.expires_at.strftime("%-d %b %Y") in text


def test_rename(client_user, team):
    response = client_user.post(reverse("teams:rename", args=[team.pk]), {"name": "Hanoi deal"})

    assert response.status_code == 302
    team.refresh_from_db()
    assert team.name == "Hanoi deal"
    assert _messages(response) == ["The team is now called “Hanoi deal”."]


def test_rename_with_a_blank_name_rerenders_and_keeps_the_name(client_user, team):
    response = client_user.post(reverse("teams:rename", args=[team.pk]), {"name": "  "})

    assert response.status_code == 200
    assert "Give the team a name." in response.text
    assert '<h1 class="h3">Mekong sourcing' in response.text
    assert Team.objects.get(pk=team.pk).name == "Mekong sourcing"


def test_invite_an_existing_account(client_user, team):
    carol = UserFactory(username="carol", email="carol@example.com")

    response = client_user.post(
        reverse("teams:invite", args=[team.pk]), {"email": "Carol@example.com", "role": "viewer"}
    )

    assert response.status_code == 302
    assert team.role_of(carol) == Membership.Role.VIEWER
    assert _messages(response) == [
        "carol@example.com already has an account (carol) and is now a member of "
        "“Mekong sourcing”. They were told by e-mail."
    ]
    assert mail.outbox[0].to == ["carol@example.com"]
    assert f"http://testserver/teams/{team.pk}/" in mail.outbox[0].body


def test_invite_a_new_address(client_user, team):
    response = client_user.post(
        reverse("teams:invite", args=[team.pk]), {"email": "new@example.com", "role": "member"}
    )

    assert response.status_code == 302
    assert team.invitations.open().get().email == "new@example.com"
    assert _messages(response) == [
        "An invitation to new@example.com is sent; its link works for 7 days."
    ]
    assert "http://testserver/teams/invitations/" in mail.outbox[0].body
    page = client_user.get(team.get_absolute_url())
    assert "new@example.com" in page.text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "", "role": "member"}, "Enter the e-mail address of the person to invite."),
        ({"email": "nobody", "role": "member"}, "Enter a whole e-mail address"),
        ({"email": "new@example.com", "role": "owner"}, "Choose a role."),
        ({"email": "bob@example.com", "role": "member"}, "already a member of"),
    ],
)
def test_invite_with_bad_input_rerenders_with_the_error(client_user, team, member, data, message):
    before = _snapshot()

    response = client_user.post(reverse("teams:invite", args=[team.pk]), data)

    assert response.status_code == 200
    assert message in response.text
    assert _snapshot() == before
    assert mail.outbox == []


def test_invite_into_a_personal_team_is_refused_with_a_message(client_user, user):
    personal = team_create_personal(user=user)
    before = _snapshot()

    response = client_user.post(
        reverse("teams:invite", args=[personal.pk]), {"email": "new@example.com", "role": "member"}
    )

    assert response.status_code == 200
    assert "is a personal team and stays yours alone" in response.text
    assert _snapshot() == before


def test_change_a_members_role(client_user, team, member):
    response = client_user.post(
        reverse("teams:member_role", args=[team.pk, member.pk]), {"role": "viewer"}
    )

    assert response.status_code == 302
    assert team.role_of(member.user) == Membership.Role.VIEWER
    assert _messages(response) == ["bob is now viewer."]


def test_demoting_the_last_admin_rerenders_with_the_message(client_user, team, admin_membership):
    before = _snapshot()

    response = client_user.post(
        reverse("teams:member_role", args=[team.pk, admin_membership.pk]), {"role": "member"}
    )

    assert response.status_code == 200
    assert LAST_ADMIN in response.text
    assert "is-invalid" in response.text
    assert _snapshot() == before


def test_remove_asks_first_then_removes(client_user, team, member):
    url = reverse("teams:member_remove", args=[team.pk, member.pk])

    page = client_user.get(url)
    assert page.status_code == 200
    assert "Remove bob from “Mekong sourcing”?" in page.text
    assert team.memberships.filter(pk=member.pk).exists()

    response = client_user.post(url)
    assert response.status_code == 302
    assert not team.memberships.filter(pk=member.pk).exists()
    assert _messages(response) == ["bob is removed from “Mekong sourcing”."]


def test_removing_the_last_admin_rerenders_with_the_message(client_user, team, admin_membership):
    before = _snapshot()

    response = client_user.post(reverse("teams:member_remove", args=[team.pk, admin_membership.pk]))

    assert response.status_code == 200
    assert LAST_ADMIN in response.text
    assert _snapshot() == before


def test_an_admin_removing_themselves_lands_on_the_team_list(client_user, team, member, user):
    member.role = Membership.Role.ADMIN
    member.save()
    mine = team.memberships.get(user=user)

    response = client_user.post(reverse("teams:member_remove", args=[team.pk, mine.pk]))

    assert response.url == reverse("teams:list")
    assert team.role_of(user) is None


def test_leave_asks_first_then_leaves(client, team, member):
    client.force_login(member.user)
    url = reverse("teams:leave", args=[team.pk])

    assert "Leave “Mekong sourcing”?" in client.get(url).text
    response = client.post(url)

    assert response.url == reverse("teams:list")
    assert team.role_of(member.user) is None
    assert _messages(response) == ["You left “Mekong sourcing”."]


def test_the_last_admin_leaving_rerenders_with_the_message(client_user, team, member):
    before = _snapshot()

    response = client_user.post(reverse("teams:leave", args=[team.pk]))

    assert response.status_code == 200
    assert "You are the only admin of “Mekong sourcing”" in response.text
    assert _snapshot() == before


def test_a_personal_team_offers_no_leave_and_refuses_it(client_user, user):
    personal = team_create_personal(user=user)

    page = client_user.get(personal.get_absolute_url())
    response = client_user.post(reverse("teams:leave", args=[personal.pk]))

    assert reverse("teams:leave", args=[personal.pk]) not in page.text
    assert "create a team" in page.text
    assert response.status_code == 200
    assert "is your personal team" in response.text
    assert personal.role_of(user) == Membership.Role.ADMIN


def test_a_personal_team_page_offers_no_role_change_or_removal(client_user, user):
    personal = team_create_personal(user=user)
    mine = personal.memberships.get()

    page = client_user.get(personal.get_absolute_url())

    assert "Change role" not in page.text
    assert reverse("teams:member_remove", args=[personal.pk, mine.pk]) not in page.text
    assert reverse("teams:rename", args=[personal.pk]) in page.text


def test_withdraw_an_invitation(client_user, team, invitation):
    response = client_user.post(reverse("teams:invitation_withdraw", args=[team.pk, invitation.pk]))

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.withdrawn_at is not None
    assert _messages(response) == [
        "The invitation to newcomer@example.com is withdrawn; its link no longer works."
    ]
    assert client_user.get(team.get_absolute_url()).context["invitations"] == []


def test_withdrawing_twice_is_404(client_user, team, invitation):
    url = reverse("teams:invitation_withdraw", args=[team.pk, invitation.pk])
    client_user.post(url)

    assert client_user.post(url).status_code == 404


# --- Query counts --------------------------------------------------------------------------------


def _fill(user, team, count: int) -> None:
    """`count` more teams of the user's, members of `team` and invitations to it."""
    for n in range(count):
        MembershipFactory(user=user, team=TeamFactory(name=f"Extra team {n}"), role="viewer")
        MembershipFactory(team=team)
        InvitationFactory(team=team, invited_by=UserFactory())


@pytest.mark.parametrize("name", ["teams:list", "teams:detail"])
def test_query_count_does_not_grow_with_teams_members_and_invitations(
    client_user, user, team, name, django_assert_num_queries
):
    url = reverse(name, args=[team.pk] if name == "teams:detail" else [])
    team_create_personal(user=user)
    _fill(user, team, 1)
    with CaptureQueriesContext(connection) as few:
        assert client_user.get(url).status_code == 200

    _fill(user, team, 49)

    with django_assert_num_queries(len(few.captured_queries)):
        response = client_user.get(url)
    assert response.status_code == 200
    assert len(few.captured_queries) <= 6
    if name == "teams:detail":
        assert len(response.context["rows"]) == 51
        assert len(response.context["invitations"]) == 50
    else:
        assert len(response.context["memberships"]) == 52
