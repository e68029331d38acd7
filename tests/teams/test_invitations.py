"""The invitation link: signs up the invited address only, once, within 7 days, untampered."""

import re
import time
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.core import mail, signing
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from teams.models import INVITATION_DAYS, Invitation, Membership
from teams.services import invitation_create
from teams.tokens import SALT, invitation_token
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

STRONG = "plum-orchard-lantern-42"
LINK = re.compile(r"http://testserver(/teams/invitations/[^/\s]+/)")


def _invite(team, user, email="newcomer@example.com", role="viewer") -> tuple[Invitation, str]:
    """Invite `email` the way an admin does; returns the invitation and the path in its e-mail."""
    outcome = invitation_create(
        team=team,
        email=email,
        role=role,
        invited_by=user,
        build_absolute_uri=lambda path: f"http://testserver{path}",
    )
    [path] = LINK.findall(mail.outbox[-1].body)
    return outcome.invitation, path


def _sign_up(**overrides) -> dict:
    return {"username": "newbie", "password1": STRONG, "password2": STRONG, **overrides}


def _refused(response, status: int, text: str) -> None:
    assert response.status_code == status
    assert text in response.text
    assert '<form method="post" novalidate>' not in response.text


@pytest.fixture
def invited(team, user):
    return _invite(team, user)


# --- Signing up through the link ------------------------------------------------------------


def test_the_link_opens_without_signing_in_with_the_address_fixed(client, invited):
    _invitation, path = invited

    response = client.get(path)

    assert response.status_code == 200
    assert "Join “Mekong sourcing”" in response.text
    assert "You are invited to this team by alice, as <strong>viewer</strong>" in response.text
    field = re.search(r"<input[^>]*name=\"email\"[^>]*>", response.text).group(0)
    assert 'value="newcomer@example.com"' in field
    assert "disabled" in field


@override_settings(SIGNUP_ENABLED=False)
def test_the_link_signs_up_the_invited_address_even_with_sign_up_switched_off(
    client, team, invited
):
    invitation, path = invited
    assert client.get(reverse("accounts:signup")).status_code == 404

    response = client.post(path, _sign_up())

    newbie = User.objects.get(username="newbie")
    assert response.status_code == 302
    profile = reverse("accounts:profile")
    assert response.url == f"{profile}?{urlencode({'next': team.get_absolute_url()})}"
    assert client.session["_auth_user_id"] == str(newbie.pk)
    assert newbie.email == "newcomer@example.com"
    assert team.role_of(newbie) == Membership.Role.VIEWER
    assert newbie.personal_team.role_of(newbie) == Membership.Role.ADMIN
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert client.get(team.get_absolute_url()).status_code == 200


def test_the_link_works_once(client, invited):
    _invitation, path = invited
    client.post(path, _sign_up())
    client.logout()

    response = client.post(path, _sign_up(username="second"))

    _refused(response, 410, "This invitation has already been used")
    assert not User.objects.filter(username="second").exists()


def test_a_posted_different_address_is_refused(client, team, invited):
    _invitation, path = invited

    response = client.post(path, _sign_up(email="intruder@example.com"))

    assert response.status_code == 200
    assert "This invitation is for newcomer@example.com only" in response.text
    assert not User.objects.filter(username="newbie").exists()
    assert team.invitations.open().count() == 1


def test_a_posted_address_in_another_case_is_the_same_address(client, team, invited):
    _invitation, path = invited

    response = client.post(path, _sign_up(email="NewComer@Example.com"))

    assert response.status_code == 302
    assert User.objects.get(username="newbie").email == "newcomer@example.com"


def test_a_weak_password_rerenders_the_form_and_creates_nothing(client, team, invited):
    _invitation, path = invited

    response = client.post(path, _sign_up(password1="password", password2="password"))

    assert response.status_code == 200
    assert "This password is too common." in response.text
    assert not User.objects.filter(username="newbie").exists()
    assert team.invitations.open().count() == 1


def test_a_taken_username_rerenders_the_form(client, team, invited, member):
    _invitation, path = invited

    response = client.post(path, _sign_up(username="bob"))

    assert response.status_code == 200
    assert "A user with that username already exists." in response.text
    assert team.invitations.open().count() == 1


# --- Refused links ------------------------------------------------------------------------------


def test_the_link_is_refused_after_seven_days(client, team, invited):
    invitation, path = invited
    later = timezone.now() + timedelta(days=INVITATION_DAYS, minutes=1)

    with (
        mock.patch("django.utils.timezone.now", return_value=later),
        mock.patch("django.core.signing.time.time", return_value=later.timestamp()),
    ):
        page = client.get(path)
        post = client.post(path, _sign_up())

    _refused(page, 410, "This invitation has expired")
    assert "Ask alice for a new one." in page.text
    assert post.status_code == 410
    assert not User.objects.filter(username="newbie").exists()
    assert Invitation.objects.get(pk=invitation.pk).accepted_at is None


def test_the_link_still_works_just_before_seven_days(client, team, invited):
    _invitation, path = invited
    later = timezone.now() + timedelta(days=INVITATION_DAYS) - timedelta(minutes=1)

    with (
        mock.patch("django.utils.timezone.now", return_value=later),
        mock.patch("django.core.signing.time.time", return_value=later.timestamp()),
    ):
        response = client.get(path)

    assert response.status_code == 200
    assert "Create account and join" in response.text


def test_an_expired_link_whose_sender_is_gone_says_to_ask_an_admin(client, invited):
    invitation, path = invited
    Invitation.objects.filter(pk=invitation.pk).update(
        created_at=timezone.now() - timedelta(days=INVITATION_DAYS + 1), invited_by=None
    )

    response = client.get(path)

    _refused(response, 410, "Ask an admin of the team for a new one.")


def test_an_old_row_is_expired_even_with_a_fresh_token(client, invited):
    invitation, _path = invited
    Invitation.objects.filter(pk=invitation.pk).update(
        created_at=timezone.now() - timedelta(days=INVITATION_DAYS, seconds=1)
    )

    response = client.get(reverse("teams:invitation", args=[invitation_token(invitation.pk)]))

    _refused(response, 410, "This invitation has expired")


def test_an_old_token_is_expired_even_for_a_fresh_row(client, invited):
    invitation, _path = invited
    eight_days_ago = time.time() - timedelta(days=INVITATION_DAYS + 1).total_seconds()
    with mock.patch("django.core.signing.time.time", return_value=eight_days_ago):
        old_token = invitation_token(invitation.pk)

    response = client.get(reverse("teams:invitation", args=[old_token]))

    _refused(response, 410, "This invitation has expired")


def test_a_withdrawn_invitation_is_refused(client, team, user, invited):
    invitation, path = invited
    admin = type(client)()
    admin.force_login(user)
    admin.post(reverse("teams:invitation_withdraw", args=[team.pk, invitation.pk]))

    page = client.get(path)
    post = client.post(path, _sign_up())

    _refused(page, 410, "This invitation was withdrawn")
    assert post.status_code == 410
    assert not User.objects.filter(username="newbie").exists()


def test_re_inviting_replaces_the_earlier_link(client, team, user, invited):
    _invitation, first = invited

    _again, second = _invite(team, user)

    _refused(client.get(first), 410, "This invitation was withdrawn")
    assert client.get(second).status_code == 200


def _tampered(token: str) -> list[str]:
    payload, stamp, signature = token.split(":")
    forged_payload = signing.dumps({"invitation": 999999}, salt=SALT).split(":")[0]
    return [
        f"{payload}:{stamp}:{signature[:-1]}{'A' if signature[-1] != 'A' else 'B'}",
        f"{forged_payload}:{stamp}:{signature}",
        f"{payload}:{stamp}",
        "not-a-token",
        signing.dumps({"invitation": 1}, salt="another-salt"),
        signing.dumps({"invitation": "1"}, salt=SALT),
        signing.dumps(["invitation", 1], salt=SALT),
        "%00",
    ]


def test_a_tampered_token_is_refused_and_changes_nothing(client, team, invited):
    invitation, path = invited
    token = path.rstrip("/").rsplit("/", 1)[-1]

    for forged in _tampered(token):
        url = reverse("teams:invitation", args=[forged])
        _refused(client.get(url), 404, "This invitation link is not valid")
        assert client.post(url, _sign_up()).status_code == 404, forged
    assert not User.objects.filter(username="newbie").exists()
    assert Invitation.objects.get(pk=invitation.pk).accepted_at is None


def test_a_well_signed_token_for_a_missing_invitation_is_refused(client, db):
    response = client.get(reverse("teams:invitation", args=[invitation_token(424242)]))

    _refused(response, 404, "This invitation link is not valid")


# --- Opening the link while signed in, or with an account already -------------------------------


def test_signed_in_as_the_invited_address_a_button_joins_the_team(client, team, invited):
    invitation, path = invited
    newcomer = UserFactory(username="newcomer", email="NewComer@example.com")
    client.force_login(newcomer)

    page = client.get(path)
    response = client.post(path)

    assert page.status_code == 200
    assert "Join the team" in page.text
    assert response.url == team.get_absolute_url()
    assert team.role_of(newcomer) == Membership.Role.VIEWER
    assert Invitation.objects.get(pk=invitation.pk).accepted_at is not None


def test_signed_in_as_someone_else_the_link_says_to_sign_out_first(client_other, team, invited):
    invitation, path = invited

    page = client_other.get(path)
    post = client_other.post(path)

    _refused(page, 403, "This invitation is for another address")
    assert "Sign out first" in page.text
    assert post.status_code == 403
    assert team.role_of(User.objects.get(username="mallory")) is None
    assert Invitation.objects.get(pk=invitation.pk).accepted_at is None
    # The page's button signs out and opens the link again, now as the invited person.
    signed_out = client_other.post(reverse("logout"), {"next": path}, follow=True)
    assert "_auth_user_id" not in client_other.session
    assert "Create account and join" in signed_out.text


def test_an_account_made_since_the_invitation_is_asked_to_sign_in(client, invited):
    _invitation, path = invited
    UserFactory(username="newcomer", email="newcomer@example.com")

    response = client.get(path)
    post = client.post(path, _sign_up())

    assert response.status_code == 200
    assert "an account with that address already exists" in response.text
    assert f"{reverse('login')}?{urlencode({'next': path})}" in response.text
    assert post.status_code == 200
    assert not User.objects.filter(username="newbie").exists()
