"""The country search (list page and admin): case and accents do not matter, on either database."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from countries.loader import ScoreRow, load_scores
from countries.models import Country
from tests.factories import CountryFactory, CountryScoreFactory

LIST_URL = reverse("countries:list")
ADMIN_LIST = reverse("admin:countries_country_changelist")
SCORE_ADMIN_LIST = reverse("admin:countries_countryscore_changelist")


def _codes(response) -> set[str]:
    return {country.code for country, _ in response.context["rows"]}


@pytest.fixture
def ivory_coast(hofstede):
    """A country the bundled file lacks, named with accents and a typographic apostrophe."""
    country = CountryFactory(code="CIV", name="Côte d’Ivoire", dataset_label="Ivory Coast")
    CountryScoreFactory(edition=hofstede, country=country, pdi=50)
    return country


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("turkiye", {"TUR"}),  # the display name is Türkiye
        ("TÜRKIYE", {"TUR"}),
        ("TÜRKİYE", {"TUR"}),  # Turkish capital dotted I
        ("türk", {"TUR"}),
        ("turkey", {"TUR"}),  # the dataset's label
        ("south korea", {"KOR"}),
        ("korea south", {"KOR"}),  # the label's word order
        ("french belgium", {"X-BEF"}),  # Belgium (French-speaking), label Belgium French
        ("switzerland german", {"X-SWG"}),
        ("u.s.a.", {"USA"}),
        ("x-ara", {"X-ARA"}),
    ],
)
def test_country_list_search_ignores_case_and_accents_on_the_real_data(
    client_user, hofstede, query, expected
):
    assert _codes(client_user.get(LIST_URL, {"q": query})) == expected


@pytest.mark.parametrize("query", ["cote d'ivoire", "CÔTE D’IVOIRE", "côte", "ivory"])
def test_country_list_search_folds_accents_and_apostrophes(client_user, ivory_coast, query):
    assert _codes(client_user.get(LIST_URL, {"q": query})) == {"CIV"}


def test_country_list_search_follows_a_change_of_the_dataset_label_by_the_loader(
    client_user, hofstede
):
    row = ScoreRow(
        line=2,
        code="TUR",
        label="Türkiye (2015 sample)",
        scores={"pdi": 66, "idv": 37, "mas": 45, "uai": 85, "lto": 46, "ivr": 49},
    )
    load_scores([row], edition=hofstede)

    assert _codes(client_user.get(LIST_URL, {"q": "2015 sample"})) == {"TUR"}
    assert _codes(client_user.get(LIST_URL, {"q": "turkey"})) == set()


def test_country_search_text_is_kept_by_save(db):
    country = CountryFactory(code="X-ZZ", name="Ærø Øst", dataset_label="Æro East")

    country.refresh_from_db()
    assert country.search_text == "aero ost aero east x-zz"

    country.name = "Łódź"
    country.save(update_fields=["name"])
    country.refresh_from_db()
    assert country.search_text == "lodz aero east x-zz"


def test_country_search_text_is_not_kept_in_the_change_history(db):
    country = CountryFactory(name="Türkiye")

    assert "search_text" not in {f.name for f in country.history.model._meta.fields}


def test_country_search_follows_a_revert_from_the_change_history(db):
    country = CountryFactory(code="TUR", name="Turkey", dataset_label="TR")
    country.name = "Türkiye"
    country.save()

    country.history.earliest().instance.save()  # what the admin's revert saves

    assert list(Country.objects.search("turkey")) == [country]
    assert not Country.objects.search("turkiye").exists()


def test_migration_fills_the_search_text_of_existing_countries(hofstede):
    Country.objects.update(search_text="")
    migration = importlib.import_module("countries.migrations.0004_country_search_text")

    migration.fill_search_text(apps, None)

    assert Country.objects.get(code="TUR").search_text == "turkiye turkey tur"
    assert not Country.objects.filter(search_text="").exists()


@pytest.mark.parametrize(
    ("query", "code"), [("turkiye", "TUR"), ("TÜRKIYE", "TUR"), ("vnm", "VNM")]
)
def test_country_admin_search_ignores_case_and_accents(client_trainer, hofstede, query, code):
    response = client_trainer.get(ADMIN_LIST, {"q": query})

    assert {country.code for country in response.context["cl"].result_list} == {code}


def test_country_autocomplete_in_the_score_admin_finds_turkiye_without_accents(
    client_trainer, hofstede
):
    response = client_trainer.get(
        reverse("admin:autocomplete"),
        {
            "term": "turkiye",
            "app_label": "countries",
            "model_name": "countryscore",
            "field_name": "country",
        },
    )

    assert [result["text"] for result in response.json()["results"]] == ["Türkiye"]


def test_score_admin_search_ignores_case_and_accents(client_trainer, hofstede):
    response = client_trainer.get(SCORE_ADMIN_LIST, {"q": "TURKIYE"})

    assert {score.country.code for score in response.context["cl"].result_list} == {"TUR"}
