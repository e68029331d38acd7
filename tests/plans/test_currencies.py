"""The currency a new plan starts in, and the currencies a plan can be in."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.services import profile_for
from plans.currencies import currency_choices, currency_for_country
from plans.models import Plan
from tests.factories import CounterpartyFactory, PlanFactory


@pytest.fixture
def home(user, country):
    """Sets the user's home country by code; returns the profile."""

    def set_home(code: str):
        profile = profile_for(user)
        profile.home_country = country(code)
        profile.save()
        return profile

    return set_home


@pytest.fixture
def plan(user, hofstede, country, home):
    home("DEU")
    return PlanFactory(
        owner=user,
        counterparty=CounterpartyFactory(owner=user, country=country("VNM")),
        our_country=country("DEU"),
        edition=hofstede,
        title="Fabric supply",
        currency="EUR",
    )


@pytest.mark.parametrize(
    ("code", "currency"), [("VNM", "VND"), ("DEU", "EUR"), ("JPN", "JPY"), ("X-ARA", "USD")]
)
def test_new_plan_starts_in_the_currency_of_the_users_home_country(
    client_user, user, hofstede, home, code, currency
):
    home(code)
    CounterpartyFactory(owner=user)
    response = client_user.get(reverse("plans:create"))
    assert response.context["form"]["currency"].value() == currency
    assert f'<option value="{currency}" selected>' in response.content.decode()


@pytest.mark.parametrize(
    ("code", "currency"),
    [
        ("VNM", "VND"),
        ("DEU", "EUR"),
        ("X-ARA", "USD"),
        ("X-AFE", "USD"),
        ("", "USD"),
        (None, "USD"),
    ],
)
def test_currency_for_country_follows_the_territory_and_falls_back_to_usd(code, currency):
    assert currency_for_country(code) == currency


def test_currency_list_offers_currencies_in_use_and_no_metals_funds_or_test_codes():
    choices = dict(currency_choices())
    assert choices["EUR"] == "EUR — Euro"
    assert choices["VND"] == "VND — Vietnamese Dong"
    assert {"USD", "JPY", "GBP", "CHF", "XOF"} <= set(choices)
    assert not {"XAU", "XAG", "XTS", "XXX", "XDR", "USN", "CLF", "HRK"} & set(choices)
    assert list(choices) == sorted(choices)


@pytest.mark.parametrize("currency", ["XAU", "XTS", "HRK"])
def test_new_plan_in_a_currency_not_in_use_is_refused(client_user, plan, currency):
    data = {
        "title": "Gold deal",
        "counterparty": plan.counterparty_id,
        "our_country": plan.our_country_id,
        "currency": currency,
        "status": "draft",
    }
    response = client_user.post(reverse("plans:create"), data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert Plan.objects.count() == 1
    new = Plan(
        owner=plan.owner,
        counterparty=plan.counterparty,
        our_country=plan.our_country,
        edition=plan.edition,
        title="Gold deal",
        currency=currency,
    )
    with pytest.raises(ValidationError) as refused:
        new.full_clean()
    assert "not a currency in use today" in refused.value.message_dict["currency"][0]


def test_an_old_plan_keeps_a_withdrawn_currency_when_edited(client_user, plan):
    # Croatia's kuna gave way to the euro in 2023; a plan saved in it can still be edited.
    Plan.objects.filter(pk=plan.pk).update(currency="HRK")
    url = reverse("plans:update", args=[plan.pk])
    form = client_user.get(url).context["form"]
    assert ("HRK", "HRK — Croatian Kuna") in form.fields["currency"].choices
    assert form["currency"].value() == "HRK"

    data = {
        "title": "Fabric supply, renamed",
        "counterparty": plan.counterparty_id,
        "our_country": plan.our_country_id,
        "currency": "HRK",
        "total_deal_value": "2400000",
        "status": "draft",
    }
    assert client_user.post(url, data).status_code == 302
    plan.refresh_from_db()
    assert (plan.title, plan.currency) == ("Fabric supply, renamed", "HRK")
    Plan.objects.get(pk=plan.pk).full_clean()


def test_a_plan_cannot_switch_to_a_withdrawn_currency(plan):
    plan = Plan.objects.get(pk=plan.pk)
    plan.currency = "HRK"
    with pytest.raises(ValidationError) as refused:
        plan.full_clean()
    assert "not a currency in use today" in refused.value.message_dict["currency"][0]
