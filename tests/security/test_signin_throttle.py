"""Sign-in throttling with django-axes: five wrong passwords lock one username at one IP."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.factories import UserFactory

LOGIN = reverse("login")
WRONG = "not-the-password"
OFFICE_IP = "203.0.113.7"
OTHER_IP = "198.51.100.20"


def _sign_in(client, username: str, password: str, ip: str = OFFICE_IP):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def _fail(client, username: str, times: int, ip: str = OFFICE_IP):
    return [_sign_in(client, username, WRONG, ip) for _ in range(times)]


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_failure_limit_is_five_attempts_for_fifteen_minutes():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert timedelta(minutes=15) == settings.AXES_COOLOFF_TIME
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"


def test_sign_in_is_refused_with_the_right_password_after_five_wrong_ones(client, user):
    responses = _fail(client, user.username, 5)

    assert [r.status_code for r in responses[:4]] == [200] * 4
    response = _sign_in(client, user.username, PASSWORD)

    assert response.status_code == 429
    assert not _signed_in(client)


def test_lockout_page_tells_the_user_to_wait_or_reset_the_password(client, user):
    _fail(client, user.username, 5)

    response = _sign_in(client, user.username, PASSWORD)

    assert "Too many sign-in attempts" in response.text
    assert "15 minutes" in response.text
    assert reverse("password_reset") in response.text
    assert response["Content-Type"].startswith("text/html")


def test_fifth_wrong_password_already_shows_the_lockout_page(client, user):
    responses = _fail(client, user.username, 5)

    assert responses[-1].status_code == 429
    assert "Too many sign-in attempts" in responses[-1].text


def test_lockout_does_not_affect_another_username_at_the_same_ip(client, user, other_user):
    _fail(client, user.username, 5)

    response = _sign_in(client, other_user.username, PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(other_user.pk)


def test_lockout_does_not_affect_the_same_username_from_another_ip(client, user):
    _fail(client, user.username, 5)

    response = _sign_in(client, user.username, PASSWORD, ip=OTHER_IP)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_forged_forwarded_for_header_does_not_escape_the_lockout(client, user):
    _fail(client, user.username, 5)

    response = client.post(
        LOGIN,
        {"username": user.username, "password": PASSWORD},
        REMOTE_ADDR=OFFICE_IP,
        HTTP_X_FORWARDED_FOR=OTHER_IP,
    )

    assert response.status_code == 429
    assert not _signed_in(client)


def test_lockout_applies_to_usernames_that_do_not_exist(client, db):
    _fail(client, "nobody-here", 5)

    assert AccessAttempt.objects.get(username="nobody-here").failures_since_start == 5


def test_right_password_before_the_limit_resets_the_count(client, user):
    _fail(client, user.username, 4)
    assert _sign_in(client, user.username, PASSWORD).status_code == 302
    client.logout()

    _fail(client, user.username, 4)
    response = _sign_in(client, user.username, PASSWORD)

    assert response.status_code == 302
    assert _signed_in(client)


def test_sign_in_works_again_after_the_cool_off(client, user):
    _fail(client, user.username, 5)
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16)
    )

    response = _sign_in(client, user.username, PASSWORD)

    assert response.status_code == 302
    assert _signed_in(client)


@pytest.mark.django_db
def test_admin_sign_in_is_throttled_too(client):
    trainer = UserFactory(username="trainer-locked", is_staff=True)
    url = reverse("admin:login")
    for _ in range(5):
        client.post(url, {"username": trainer.username, "password": WRONG}, REMOTE_ADDR=OFFICE_IP)

    response = client.post(
        url, {"username": trainer.username, "password": PASSWORD}, REMOTE_ADDR=OFFICE_IP
    )

    assert response.status_code == 429
    assert not _signed_in(client)


def test_signup_still_signs_the_new_user_in(client, db):
    response = client.post(
        reverse("accounts:signup"),
        {
            "username": "new-negotiator",
            "email": "new@example.com",
            "password1": "Sturdy-pass-2026",
            "password2": "Sturdy-pass-2026",
        },
    )

    assert response.status_code == 302
    assert _signed_in(client)


@pytest.mark.parametrize("username", ["0" * 3000, "alice" + " " * 300, "ﷺ" * 20])
def test_overlong_username_is_recorded_cut_to_fit(client, user, username):
    response = _sign_in(client, username, WRONG)

    assert response.status_code == 200
    assert len(AccessAttempt.objects.get().username) <= 255
