import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from counterparties.culture import culture_rows, national_scores
from counterparties.models import Counterparty, CultureAdjustment
from countries.dimensions import DIMENSION_CODES
from tests.factories import (
    CounterpartyFactory,
    CountryScoreFactory,
    CultureAdjustmentFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def test_counterparty_str_is_its_name():
    assert str(CounterpartyFactory.build(name="Saigon Steel")) == "Saigon Steel"


def test_counterparty_absolute_url_is_its_detail_page(counterparty):
    assert counterparty.get_absolute_url() == f"/counterparties/{counterparty.pk}/"


def test_person_and_adjustment_urls_lead_to_their_counterparty(counterparty):
    person = PersonFactory(counterparty=counterparty)
    adjustment = CultureAdjustmentFactory(counterparty=counterparty)
    assert person.get_absolute_url() == counterparty.get_absolute_url()
    assert adjustment.get_absolute_url() == counterparty.get_absolute_url()


def test_counterparty_owned_by_returns_only_that_users_rows(user, other_user):
    mine = CounterpartyFactory(owner=user)
    CounterpartyFactory(owner=other_user)
    assert list(Counterparty.objects.owned_by(user)) == [mine]


def test_adjusted_scores_maps_dimension_to_score(counterparty):
    CultureAdjustmentFactory(counterparty=counterparty, dimension="pdi", score=35)
    CultureAdjustmentFactory(counterparty=counterparty, dimension="ivr", score=60)
    assert counterparty.adjusted_scores() == {"pdi": 35, "ivr": 60}


def test_adjustment_database_rejects_score_above_100(counterparty):
    with pytest.raises(IntegrityError):
        CultureAdjustment.objects.create(
            counterparty=counterparty, dimension="pdi", score=101, reason="Too high"
        )


def test_adjustment_database_rejects_second_row_for_same_dimension(counterparty):
    CultureAdjustmentFactory(counterparty=counterparty, dimension="uai")
    with pytest.raises(IntegrityError):
        CultureAdjustmentFactory(counterparty=counterparty, dimension="uai")


@pytest.mark.parametrize("website", ["ftp://mekong.example", "ftps://mekong.example/a"])
def test_counterparty_website_must_be_a_web_page(counterparty, website):
    counterparty.website = website

    with pytest.raises(ValidationError) as failure:
        counterparty.full_clean()

    assert failure.value.message_dict == {
        "website": ["Enter a web address starting with http:// or https://."]
    }


@pytest.mark.parametrize("website", ["", "http://mekong.example", "HTTPS://MEKONG.EXAMPLE/a"])
def test_counterparty_website_may_be_empty_or_http(counterparty, website):
    counterparty.website = website

    counterparty.full_clean()
    counterparty.save()


def test_counterparty_database_rejects_a_website_that_is_not_http(counterparty):
    with pytest.raises(IntegrityError), transaction.atomic():
        Counterparty.objects.filter(pk=counterparty.pk).update(website="ftp://mekong.example")


def test_national_scores_are_all_missing_when_country_has_no_score_row():
    assert national_scores(None) == dict.fromkeys(DIMENSION_CODES)


def test_national_scores_keep_missing_dimensions_as_none():
    row = CountryScoreFactory(pdi=70, idv=None, mas=40, uai=30, lto=57, ivr=35)
    assert national_scores(row) == {
        "pdi": 70,
        "idv": None,
        "mas": 40,
        "uai": 30,
        "lto": 57,
        "ivr": 35,
    }


def test_culture_rows_put_adjustment_beside_national_score_in_dimension_order():
    adjustment = CultureAdjustmentFactory.build(dimension="idv", score=55, reason="US-owned")
    national = {"pdi": 70, "idv": 20, "mas": 40, "uai": 30, "lto": 57, "ivr": None}

    rows = culture_rows(national=national, adjustments=[adjustment])

    assert [row.dimension.code for row in rows] == list(DIMENSION_CODES)
    idv = rows[1]
    assert (idv.national, idv.adjusted, idv.reason, idv.is_adjusted) == (20, 55, "US-owned", True)
    pdi = rows[0]
    assert (pdi.national, pdi.adjusted, pdi.reason, pdi.is_adjusted) == (70, None, "", False)
    assert rows[5].national is None
