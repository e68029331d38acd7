import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.conftest import PASSWORD

LOGIN = reverse("login")
NEW_PASSWORD = "quiet-harbour-lantern-58"


def _signed_in_user_id(client) -> str | None:
    return client.session.get("_auth_user_id")


def test_login_redirects_to_the_dashboard_with_the_right_password(client, user):
    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("plans:dashboard") == "/"
    assert _signed_in_user_id(client) == str(user.pk)


def test_login_follows_a_local_next(client, user):
    response = client.post(
        LOGIN, {"username": user.username, "password": PASSWORD, "next": "/accounts/profile/"}
    )

    assert response.url == "/accounts/profile/"


def test_login_ignores_an_external_next(client, user):
    response = client.post(
        LOGIN,
        {"username": user.username, "password": PASSWORD, "next": "https://evil.example/"},
    )

    assert response.url == reverse("plans:dashboard")


def test_login_shows_an_error_with_a_wrong_password(client, user):
    response = client.post(LOGIN, {"username": user.username, "password": "not-the-password"})

    assert response.status_code == 200
    assert "Please enter a correct username and password." in response.text
    assert 'value="alice"' in response.text
    assert _signed_in_user_id(client) is None


def test_login_page_redirects_a_signed_in_user_to_the_dashboard(client_user):
    response = client_user.get(LOGIN)

    assert response.status_code == 302
    assert response.url == reverse("plans:dashboard")


def test_logout_by_post_signs_the_user_out(client_user):
    response = client_user.post(reverse("logout"))

    assert response.status_code == 302
    assert response.url == LOGIN
    assert _signed_in_user_id(client_user) is None


def test_logout_by_get_is_not_allowed(client_user):
    response = client_user.get(reverse("logout"))

    assert response.status_code == 405
    assert _signed_in_user_id(client_user) is not None


def test_password_change_sets_the_new_password_and_keeps_the_user_signed_in(client_user, user):
    response = client_user.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert response.url == reverse("password_change_done")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert client_user.get(reverse("accounts:profile")).status_code == 200


def test_password_change_refuses_a_wrong_old_password(client_user, user):
    response = client_user.post(
        reverse("password_change"),
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 200
    assert "Your old password was entered incorrectly." in response.text
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_password_change_needs_login(client, db):
    url = reverse("password_change")

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{LOGIN}?next={url}"


def test_password_reset_sends_one_email_with_a_link_that_sets_a_new_password(client, user):
    response = client.post(reverse("password_reset"), {"email": user.email})

    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert "Negotiation Prep" in message.subject
    link = re.search(r"https?://testserver(/accounts/reset/\S+/)", message.body).group(1)

    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"] is True
    set_password_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert done.url == reverse("password_reset_complete")

    signed_in = client.post(LOGIN, {"username": user.username, "password": NEW_PASSWORD})
    assert signed_in.url == reverse("plans:dashboard")
    assert _signed_in_user_id(client) == str(user.pk)


def test_password_reset_link_is_refused_once_used(client, user):
    client.post(reverse("password_reset"), {"email": user.email})
    link = re.search(r"(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    set_password_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    response = client.get(link, follow=True)

    assert "This reset link is no longer valid" in response.text


def test_password_reset_sends_nothing_for_an_unknown_address(client, db):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.com"})

    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    assert mail.outbox == []


@pytest.mark.parametrize(
    "name", ["login", "password_reset", "password_reset_done", "password_reset_complete"]
)
def test_public_account_pages_open_without_login(client, db, name):
    assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("url", ["/accounts/profile/", "/accounts/password/change/done/"])
def test_account_pages_redirect_anonymous_users_to_login(client, db, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={url}"
