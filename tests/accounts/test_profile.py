import pytest
from django.urls import reverse

from accounts.models import NegotiatorProfile
from tests.factories import NegotiatorProfileFactory

PROFILE = reverse("accounts:profile")


def test_profile_page_redirects_anonymous_users_to_login(client, db):
    response = client.get(PROFILE)

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={PROFILE}"


def test_profile_is_created_on_first_visit(client_user, user):
    assert not NegotiatorProfile.objects.filter(user=user).exists()

    response = client_user.get(PROFILE)

    assert response.status_code == 200
    assert "Your negotiator profile" in response.text
    assert NegotiatorProfile.objects.filter(user=user).count() == 1


def test_profile_saves_home_country_and_a_personal_score(client_user, user, country):
    usa = country("USA")

    response = client_user.post(PROFILE, {"home_country": usa.pk, "pdi": "25"})

    assert response.status_code == 302
    assert response.url == PROFILE
    profile = NegotiatorProfile.objects.get(user=user)
    assert profile.home_country == usa
    assert profile.pdi == 25
    assert profile.idv is None
    assert "Your profile is saved." in client_user.get(response.url).text


def test_profile_clears_a_personal_score_left_empty(client_user, user, country):
    NegotiatorProfileFactory(user=user, home_country=country("USA"), mas=70)

    client_user.post(PROFILE, {"home_country": country("USA").pk, "mas": ""})

    assert NegotiatorProfile.objects.get(user=user).mas is None


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("101", "Ensure this value is less than or equal to 100."),
        ("-5", "Ensure this value is greater than or equal to 0."),
    ],
)
def test_profile_refuses_a_score_out_of_range_and_saves_nothing(
    client_user, user, country, typed, message
):
    response = client_user.post(PROFILE, {"home_country": country("USA").pk, "uai": typed})

    assert response.status_code == 200
    assert message in response.text
    assert f'value="{typed}"' in response.text
    profile = NegotiatorProfile.objects.get(user=user)
    assert profile.home_country is None
    assert profile.uai is None


def test_profile_requires_a_home_country(client_user, user, hofstede):
    response = client_user.post(PROFILE, {"home_country": "", "pdi": "40"})

    assert response.status_code == 200
    assert "This field is required." in response.text
    assert 'value="40"' in response.text
    assert NegotiatorProfile.objects.get(user=user).pdi is None


def test_profile_page_shows_only_the_signed_in_users_profile(client_other, user, other_user):
    NegotiatorProfileFactory(user=user, pdi=77)

    response = client_other.get(PROFILE)

    assert response.context["form"].instance.user == other_user
    assert 'value="77"' not in response.text


def test_profile_refuses_other_methods(client_user):
    assert client_user.put(PROFILE).status_code == 405


def test_profile_carries_next_into_the_form(client_user):
    response = client_user.get(PROFILE, {"next": "/plans/new/"})

    assert 'name="next" value="/plans/new/"' in response.text


def test_profile_redirects_to_a_local_next_after_saving(client_user, country):
    response = client_user.post(PROFILE, {"home_country": country("USA").pk, "next": "/plans/new/"})

    assert response.status_code == 302
    assert response.url == "/plans/new/"


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"]
)
def test_profile_ignores_an_unsafe_next(client_user, user, country, next_url):
    response = client_user.post(PROFILE, {"home_country": country("USA").pk, "next": next_url})

    assert response.status_code == 302
    assert response.url == PROFILE
    assert NegotiatorProfile.objects.get(user=user).home_country == country("USA")


def test_profile_keeps_next_when_the_form_is_invalid(client_user, hofstede):
    response = client_user.post(PROFILE, {"home_country": "", "next": "/plans/new/"})

    assert response.status_code == 200
    assert 'name="next" value="/plans/new/"' in response.text
