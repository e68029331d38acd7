import pytest
from django.urls import reverse

from countries.models import Country, CountryScore
from tests.factories import CountryScoreFactory, ScoreEditionFactory

COUNTRY_LIST = reverse("admin:countries_country_changelist")
SCORE_LIST = reverse("admin:countries_countryscore_changelist")
EDITION_LIST = reverse("admin:countries_scoreedition_changelist")


def _codes(response) -> set[str]:
    return {score.country.code for score in response.context["cl"].result_list}


@pytest.fixture
def small_edition(db):
    edition = ScoreEditionFactory(is_default=True)
    for _ in range(3):
        CountryScoreFactory(edition=edition, pdi=50)
    return edition


def test_country_admin_searches_name_code_and_dataset_label(client_trainer, hofstede):
    for query, code in [("United States", "USA"), ("U.S.A.", "USA"), ("VNM", "VNM")]:
        response = client_trainer.get(COUNTRY_LIST, {"q": query})

        assert code in {country.code for country in response.context["cl"].result_list}


def test_country_admin_filters_by_kind(client_trainer, hofstede):
    response = client_trainer.get(COUNTRY_LIST, {"kind__exact": "region"})

    assert {c.code for c in response.context["cl"].result_list} == {"X-AFE", "X-AFW", "X-ARA"}


def test_country_admin_stores_a_new_code_in_capitals(client_trainer):
    response = client_trainer.post(
        reverse("admin:countries_country_add"),
        {
            "code": " x-tst ",
            "name": "Testland",
            "dataset_label": "Testland",
            "kind": "group",
            "scores-TOTAL_FORMS": "0",
            "scores-INITIAL_FORMS": "0",
            "scores-MIN_NUM_FORMS": "0",
            "scores-MAX_NUM_FORMS": "1000",
        },
    )

    assert response.status_code == 302
    assert Country.objects.get(name="Testland").code == "X-TST"


def test_country_admin_shows_the_scores_inline_with_their_help_text(client_trainer, country):
    china = country("CHN")

    html = client_trainer.get(reverse("admin:countries_country_change", args=[china.pk])).content
    html = html.decode()

    assert 'name="scores-0-pdi"' in html
    assert 'value="80"' in html
    assert "Hierarchy is expected" in html  # the pdi field's help text


@pytest.mark.parametrize(
    ("missing", "present", "absent"),
    [
        ("pdi", "ALB", "CHN"),
        ("ivr", "GTM", "CHN"),
        ("lto", "GTM", "ALB"),
        ("none", "CHN", "ALB"),
    ],
)
def test_score_admin_filters_by_missing_dimension(
    client_trainer, hofstede, missing, present, absent
):
    response = client_trainer.get(SCORE_LIST, {"missing": missing})

    codes = _codes(response)
    assert present in codes
    assert absent not in codes


def test_score_admin_missing_filter_offers_each_dimension_and_all_present(client_trainer, hofstede):
    html = client_trainer.get(SCORE_LIST).content.decode()

    for label in ["PDI", "IDV", "MAS", "UAI", "LTO", "IVR"]:
        assert f"Missing {label}" in html
    assert "All six present" in html


def test_score_admin_all_present_and_missing_pdi_split_the_rows(client_trainer, hofstede):
    complete = client_trainer.get(SCORE_LIST, {"missing": "none"}).context["cl"].result_count
    expected = CountryScore.objects.filter(
        pdi__isnull=False,
        idv__isnull=False,
        mas__isnull=False,
        uai__isnull=False,
        lto__isnull=False,
        ivr__isnull=False,
    ).count()

    assert complete == expected
    assert 0 < complete < 111


def test_score_admin_filters_by_country_kind_and_searches_by_code(client_trainer, hofstede):
    regions = client_trainer.get(SCORE_LIST, {"country__kind__exact": "region"})
    found = client_trainer.get(SCORE_LIST, {"q": "deu"})

    assert _codes(regions) == {"X-AFE", "X-AFW", "X-ARA"}
    assert _codes(found) == {"DEU"}


def test_score_admin_shows_missing_scores_as_a_dash(client_trainer, hofstede):
    html = client_trainer.get(SCORE_LIST, {"q": "ALB"}).content.decode()

    assert html.count('class="field-pdi">—</td>') == 1


@pytest.mark.parametrize("dataset", ["small_edition", "hofstede"])
def test_score_admin_list_query_count_is_constant(
    client_trainer, django_assert_num_queries, request, dataset
):
    request.getfixturevalue(dataset)

    with django_assert_num_queries(8):
        response = client_trainer.get(SCORE_LIST)

    assert response.status_code == 200


def test_edition_admin_lists_editions_with_their_row_count(client_trainer, hofstede):
    response = client_trainer.get(EDITION_LIST)

    assert response.status_code == 200
    edition = response.context["cl"].result_list[0]
    assert edition.score_count == 111
    assert edition.is_default
