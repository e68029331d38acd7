import pytest
from django.contrib.auth.models import User
from django.urls import reverse

SIGNUP = reverse("accounts:signup")
STRONG = "plum-orchard-lantern-42"


def _signup_data(**overrides) -> dict[str, str]:
    data = {
        "username": "bob",
        "email": "bob@example.com",
        "password1": STRONG,
        "password2": STRONG,
    }
    data.update(overrides)
    return data


def test_signup_page_opens_without_login(client, db):
    response = client.get(SIGNUP)

    assert response.status_code == 200
    assert "Create an account" in response.text


def test_signup_creates_the_user_signs_in_and_opens_the_profile(client, db):
    response = client.post(SIGNUP, _signup_data(email="Bob@Example.com"))

    assert response.status_code == 302
    assert response.url == reverse("accounts:profile")
    user = User.objects.get(username="bob")
    assert user.email == "bob@example.com"
    assert user.check_password(STRONG)
    assert client.session["_auth_user_id"] == str(user.pk)
    page = client.get(response.url)
    assert "Set your home country to start your first plan." in page.text


def test_signup_refuses_a_taken_email_and_keeps_the_typed_username(client, user):
    response = client.post(SIGNUP, _signup_data(username="bobby", email=user.email.upper()))

    assert response.status_code == 200
    assert "An account with this e-mail address already exists." in response.text
    assert 'value="bobby"' in response.text
    assert not User.objects.filter(username="bobby").exists()
    assert "_auth_user_id" not in client.session


def test_signup_refuses_a_taken_username(client, user):
    response = client.post(SIGNUP, _signup_data(username=user.username))

    assert response.status_code == 200
    assert "A user with that username already exists." in response.text
    assert User.objects.count() == 1


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("password", "This password is too common."),
        ("x7", "This password is too short."),
        ("83920174659", "This password is entirely numeric."),
    ],
)
def test_signup_refuses_a_weak_password(client, db, password, message):
    response = client.post(SIGNUP, _signup_data(password1=password, password2=password))

    assert response.status_code == 200
    assert message in response.text
    assert not User.objects.filter(username="bob").exists()


def test_signup_refuses_passwords_that_do_not_match(client, db):
    response = client.post(SIGNUP, _signup_data(password2=STRONG + "x"))

    assert response.status_code == 200
    assert "fields didn’t match" in response.text
    assert not User.objects.exists()


def test_signup_redirects_to_the_dashboard_when_already_signed_in(client_user):
    response = client_user.get(SIGNUP)

    assert response.status_code == 302
    assert response.url == reverse("plans:dashboard")


def test_signup_refuses_other_methods(client, db):
    assert client.put(SIGNUP).status_code == 405


def test_login_page_links_to_signup_when_enabled(client, db):
    response = client.get(reverse("login"))

    assert SIGNUP in response.text


@pytest.mark.parametrize("method", ["get", "post"])
def test_signup_is_not_found_when_switched_off(client, db, settings, method):
    settings.SIGNUP_ENABLED = False

    response = getattr(client, method)(SIGNUP, _signup_data())

    assert response.status_code == 404
    assert "Page not found" in response.text
    assert not User.objects.exists()


def test_login_page_has_no_signup_link_when_switched_off(client, db, settings):
    settings.SIGNUP_ENABLED = False

    response = client.get(reverse("login"))

    assert response.status_code == 200
    assert SIGNUP not in response.text
    assert "Create an account" not in response.text
