"""The counterparty list's search: case and accents do not matter, on either database.

Every word of the query must appear, each anywhere: in the organisation's name, industry
or city, in its country's name, dataset label or code, or in the name or title of one of
its people.
"""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from counterparties.models import Counterparty, Person
from plans.exchange import plan_import
from tests.factories import (
    CounterpartyFactory,
    CountryFactory,
    PersonFactory,
    PlanFactory,
    UserFactory,
)
from tests.plans.fullplan import full_plan

pytestmark = pytest.mark.django_db

LIST_URL = reverse("counterparties:list")
HANOI = "Công ty Cổ phần Cơ khí Hà Nội"


def _names(response) -> list[str]:
    return [c.name for c in response.context["page"].object_list]


@pytest.fixture
def vietnam(db):
    return CountryFactory(code="VNM", name="Vietnam")


@pytest.fixture
def hanoi(user, vietnam):
    """The Vietnamese company of the issue, beside two that must not match."""
    company = CounterpartyFactory(owner=user, name=HANOI, country=vietnam, industry="Machinery")
    CounterpartyFactory(owner=user, name="Mekong Textiles", country=vietnam, industry="Textiles")
    CounterpartyFactory(
        owner=user, name="Bangkok Rice", country=CountryFactory(name="Thailand"), industry="Food"
    )
    return company


@pytest.mark.parametrize(
    "query",
    ["ha noi", "HA NOI", "co khi", "Cơ Khí", "hà nội", "  Hà   Nội ", "CÔNG TY CỔ PHẦN", "noi ha"],
)
def test_list_search_finds_the_vietnamese_company_whatever_the_case_and_accents(
    client_user, hanoi, query
):
    response = client_user.get(LIST_URL, {"q": query})

    assert _names(response) == [HANOI]


def test_list_search_needs_every_word_of_the_query(client_user, hanoi):
    assert _names(client_user.get(LIST_URL, {"q": "ha noi machinery"})) == [HANOI]
    assert _names(client_user.get(LIST_URL, {"q": "ha noi textiles"})) == []


def test_list_search_finds_the_organisation_by_its_industry_and_city_without_accents(
    client_user, user, vietnam
):
    CounterpartyFactory(
        owner=user, name="Dệt May", country=vietnam, industry="Dệt may", city="Đà Nẵng"
    )
    CounterpartyFactory(owner=user, name="Other", country=vietnam, industry="Food", city="Huế")

    assert _names(client_user.get(LIST_URL, {"q": "DA NANG"})) == ["Dệt May"]
    assert _names(client_user.get(LIST_URL, {"q": "det may"})) == ["Dệt May"]
    assert _names(client_user.get(LIST_URL, {"q": "hue"})) == ["Other"]


@pytest.mark.parametrize("query", ["nguyen", "NGUYỄN VĂN", "van an", "giam doc", "Giám Đốc"])
def test_list_search_finds_the_organisation_by_the_name_or_title_of_its_person(
    client_user, hanoi, query
):
    PersonFactory(counterparty=hanoi, name="Nguyễn Văn An", title="Giám đốc")
    PersonFactory(
        counterparty=Counterparty.objects.get(name="Mekong Textiles"), name="Trần Thị Bích"
    )

    assert _names(client_user.get(LIST_URL, {"q": query})) == [HANOI]


def test_list_search_lists_an_organisation_once_when_several_of_its_people_match(
    client_user, hanoi
):
    PersonFactory(counterparty=hanoi, name="Nguyễn Văn An")
    PersonFactory(counterparty=hanoi, name="Nguyễn Thị Mai")
    PersonFactory(counterparty=hanoi, name="Lê Minh")
    PlanFactory(owner=hanoi.owner, counterparty=hanoi)

    response = client_user.get(LIST_URL, {"q": "nguyen"})

    [row] = response.context["page"].object_list
    assert row.name == HANOI
    assert (row.people_count, row.plan_count) == (3, 1)
    assert response.context["page"].paginator.count == 1


def test_list_search_matches_words_across_the_person_and_the_organisation(client_user, hanoi):
    PersonFactory(counterparty=hanoi, name="Nguyễn Văn An")

    assert _names(client_user.get(LIST_URL, {"q": "nguyen co khi"})) == [HANOI]
    assert _names(client_user.get(LIST_URL, {"q": "nguyen bangkok"})) == []


def test_list_search_never_shows_someone_elses_counterparty(client_user, hanoi, other_user):
    CounterpartyFactory(owner=other_user, name="Cơ khí Hà Nội số 2", country=hanoi.country)
    PersonFactory(counterparty__owner=other_user, name="Hà Nội Nguyễn")

    assert _names(client_user.get(LIST_URL, {"q": "ha noi"})) == [HANOI]


def test_list_search_follows_a_rename_of_the_country(client_user, user):
    turkey = CountryFactory(code="TUR", name="Turkey", dataset_label="Turkey")
    CounterpartyFactory(owner=user, name="Anadolu Makina", country=turkey)
    assert _names(client_user.get(LIST_URL, {"q": "turkiye"})) == []

    turkey.name = "Türkiye"
    turkey.save()

    assert _names(client_user.get(LIST_URL, {"q": "TURKIYE"})) == ["Anadolu Makina"]
    assert _names(client_user.get(LIST_URL, {"q": "türkiye"})) == ["Anadolu Makina"]


def test_list_search_follows_edits_of_the_organisation_and_its_people(client_user, hanoi):
    person = PersonFactory(counterparty=hanoi, name="Nguyễn Văn An")

    client_user.post(
        reverse("counterparties:update", args=[hanoi.pk]),
        {"name": "Cơ khí Đông Anh", "country": hanoi.country.pk, "industry": "", "city": ""},
    )
    client_user.post(
        reverse("counterparties:person_update", args=[hanoi.pk, person.pk]),
        {"name": "Phạm Thu Hà", "role": "other", "seniority": "unknown", "inner_circle": "no"},
    )

    assert _names(client_user.get(LIST_URL, {"q": "dong anh"})) == ["Cơ khí Đông Anh"]
    assert _names(client_user.get(LIST_URL, {"q": "pham thu"})) == ["Cơ khí Đông Anh"]
    assert _names(client_user.get(LIST_URL, {"q": "nguyen"})) == []
    assert _names(client_user.get(LIST_URL, {"q": "machinery"})) == []


def test_list_search_finds_an_imported_counterparty_by_its_people(client_user, user, hofstede):
    plan = full_plan(user)
    exported = client_user.get(reverse("plans:export", args=[plan.pk])).content
    plan.counterparty.name = "Exported original"
    plan.counterparty.save()

    imported = plan_import(owner=user, raw=exported)
    person = imported.counterparty.people.order_by("pk").first()

    found = _names(client_user.get(LIST_URL, {"q": "dệt may sài gòn"}))
    assert found == ["Công ty Dệt May Sài Gòn"]
    assert _names(client_user.get(LIST_URL, {"q": person.name.upper()})) == [
        "Công ty Dệt May Sài Gòn",
        "Exported original",
    ]


@pytest.mark.parametrize("size", [1, 30])
def test_list_search_query_count_does_not_grow_with_matching_people(
    client_user, user, size, django_assert_num_queries
):
    for counterparty in CounterpartyFactory.create_batch(size, owner=user, name="Cơ khí"):
        PersonFactory.create_batch(2, counterparty=counterparty, name="Nguyễn Văn An")
        PlanFactory(owner=user, counterparty=counterparty)

    # session, user, page count, page rows
    with django_assert_num_queries(4):
        response = client_user.get(LIST_URL, {"q": "NGUYEN co khi"})

    assert len(response.context["page"].object_list) == min(size, 25)


def test_search_text_is_kept_by_save(hanoi):
    person = PersonFactory(counterparty=hanoi, name="Nguyễn Văn An", title="Giám đốc")

    hanoi.refresh_from_db()
    person.refresh_from_db()
    assert hanoi.search_text == "cong ty co phan co khi ha noi machinery"
    assert person.search_text == "nguyen van an giam doc"


def test_migration_fills_the_search_text_of_existing_rows(hanoi):
    PersonFactory(counterparty=hanoi, name="Nguyễn Văn An")
    Counterparty.objects.update(search_text="")
    Person.objects.update(search_text="")
    migration = importlib.import_module("counterparties.migrations.0002_search_text")

    migration.fill_search_text(apps, None)

    assert Counterparty.objects.get(pk=hanoi.pk).search_text == (
        "cong ty co phan co khi ha noi machinery"
    )
    assert Person.objects.get().search_text == "nguyen van an"
    assert not Counterparty.objects.filter(search_text="").exists()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("HA NOI", {HANOI}),
        ("nguyen", {HANOI}),
        ("alice", {HANOI, "Mekong Textiles", "Bangkok Rice"}),
    ],
)
def test_admin_search_folds_like_the_list_and_still_finds_the_owner(client, hanoi, query, expected):
    PersonFactory(counterparty=hanoi, name="Nguyễn Văn An")
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))

    response = client.get(reverse("admin:counterparties_counterparty_changelist"), {"q": query})

    assert {c.name for c in response.context["cl"].result_list} == expected
