from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse

from accounts.services import TRAINER_MODELS, TRAINERS_GROUP
from countries.dimensions import DIMENSION_CODES
from countries.models import Country
from tests.conftest import PASSWORD
from tests.factories import (
    CountryFactory,
    CountryScoreFactory,
    NegotiatorProfileFactory,
    UserFactory,
)


def _country_change_data(country: Country, **changes) -> dict[str, str]:
    """What the admin's change form for `country` posts, with its score inline, plus `changes`."""
    scores = list(country.scores.order_by("pk"))
    data = {
        "code": country.code,
        "name": country.name,
        "dataset_label": country.dataset_label,
        "kind": country.kind,
        "scores-TOTAL_FORMS": str(len(scores)),
        "scores-INITIAL_FORMS": str(len(scores)),
        "scores-MIN_NUM_FORMS": "0",
        "scores-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }
    for index, score in enumerate(scores):
        data[f"scores-{index}-id"] = str(score.pk)
        data[f"scores-{index}-country"] = str(country.pk)
        data[f"scores-{index}-edition"] = str(score.edition_id)
        for code in DIMENSION_CODES:
            value = getattr(score, code)
            data[f"scores-{index}-{code}"] = "" if value is None else str(value)
    data.update(changes)
    return data


@pytest.mark.django_db
def test_create_trainer_creates_a_staff_member_of_trainers_who_is_not_a_superuser():
    out = StringIO()

    call_command("create_trainer", "bob", "--no-input", stdout=out)

    bob = User.objects.get(username="bob")
    assert bob.is_staff
    assert not bob.is_superuser
    assert list(bob.groups.values_list("name", flat=True)) == [TRAINERS_GROUP]
    assert not bob.has_usable_password()
    assert "Created trainer bob." in out.getvalue()


@pytest.mark.django_db
def test_create_trainer_grants_permissions_on_reference_data_only():
    call_command("create_trainer", "bob", "--no-input", stdout=StringIO())

    permissions = User.objects.get(username="bob").get_all_permissions()
    for permission in ["change_country", "change_countryscore", "change_scoreedition"]:
        assert f"countries.{permission}" in permissions
    assert "plans.change_gapguidance" in permissions
    # Only the reference models named in the service, and none of the negotiators' own data.
    granted = {(p.split(".")[0], p.split("_", 1)[1]) for p in permissions}
    assert granted == {(app, model) for app, models in TRAINER_MODELS.items() for model in models}
    assert {app for app, _ in granted} == {"countries", "plans"}
    for model in ["plan", "counterparty", "person", "negotiatorprofile", "user"]:
        assert not any(p.endswith(f"_{model}") for p in permissions)


@pytest.mark.django_db
def test_create_trainer_promotes_an_existing_user_and_keeps_their_password():
    carol = UserFactory(username="carol")
    out = StringIO()

    call_command("create_trainer", "carol", "--no-input", stdout=out)

    carol.refresh_from_db()
    assert carol.is_staff
    assert not carol.is_superuser
    assert carol.groups.filter(name=TRAINERS_GROUP).exists()
    assert carol.check_password(PASSWORD)
    assert User.objects.filter(username="carol").count() == 1
    assert "Promoted trainer carol." in out.getvalue()


def test_trainer_can_open_a_country_in_the_admin(client_trainer):
    country = CountryScoreFactory(pdi=40).country

    response = client_trainer.get(reverse("admin:countries_country_change", args=[country.pk]))

    assert response.status_code == 200
    assert country.name in response.content.decode()


def test_trainer_can_rename_a_country_in_the_admin(client_trainer):
    country = CountryScoreFactory(pdi=40, ivr=None).country
    url = reverse("admin:countries_country_change", args=[country.pk])

    response = client_trainer.post(url, _country_change_data(country, name="Renamed land"))

    assert response.status_code == 302
    assert response.url == reverse("admin:countries_country_changelist")
    country.refresh_from_db()
    assert country.name == "Renamed land"
    score = country.scores.get()
    assert (score.pdi, score.ivr) == (40, None)


def test_trainer_can_change_a_score_in_the_country_inline(client_trainer):
    country = CountryScoreFactory(pdi=40).country
    url = reverse("admin:countries_country_change", args=[country.pk])

    client_trainer.post(url, _country_change_data(country, **{"scores-0-pdi": "55"}))

    assert country.scores.get().pdi == 55


def test_trainer_cannot_save_a_score_outside_the_scale(client_trainer):
    country = CountryScoreFactory(pdi=40).country
    url = reverse("admin:countries_country_change", args=[country.pk])

    response = client_trainer.post(
        url, _country_change_data(country, name="Renamed land", **{"scores-0-pdi": "101"})
    )

    assert response.status_code == 200
    assert "Ensure this value is less than or equal to 100." in response.content.decode()
    country.refresh_from_db()
    assert country.name != "Renamed land"
    assert country.scores.get().pdi == 40


@pytest.mark.django_db
def test_plain_user_is_sent_to_the_admin_login(client_user):
    response = client_user.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


@pytest.mark.django_db
def test_plain_user_cannot_open_a_country_in_the_admin(client_user):
    country = CountryFactory()

    response = client_user.get(reverse("admin:countries_country_change", args=[country.pk]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_trainer_cannot_open_negotiators_counterparties(client_trainer):
    response = client_trainer.get("/admin/counterparties/counterparty/")

    assert response.status_code != 200
    assert response.status_code in (302, 403, 404)


def test_trainer_cannot_open_negotiator_profiles(client_trainer):
    NegotiatorProfileFactory()

    response = client_trainer.get(reverse("admin:accounts_negotiatorprofile_changelist"))

    assert response.status_code == 403


def test_trainer_admin_index_lists_countries_but_not_profiles(client_trainer):
    html = client_trainer.get(reverse("admin:index")).content.decode()

    assert reverse("admin:countries_country_changelist") in html
    assert reverse("admin:accounts_negotiatorprofile_changelist") not in html


def test_superuser_can_open_negotiator_profiles(admin_client):
    profile = NegotiatorProfileFactory(user__username="dora")

    response = admin_client.get(reverse("admin:accounts_negotiatorprofile_changelist"))

    assert response.status_code == 200
    assert "dora" in response.content.decode()
    change = admin_client.get(reverse("admin:accounts_negotiatorprofile_change", args=[profile.pk]))
    assert change.status_code == 200
