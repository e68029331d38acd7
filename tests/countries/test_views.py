import re

import pytest
from django.urls import reverse

from countries.models import Country
from tests.factories import CountryFactory, CountryScoreFactory, ScoreEditionFactory

LIST_URL = reverse("countries:list")


def _detail_url(code: str) -> str:
    return reverse("countries:detail", args=[code])


def _row(html: str, name: str) -> str:
    """The table row whose row header links to `name`."""
    match = re.search(
        rf"<tr>\s*<th scope=\"row\">\s*<a [^>]*>{re.escape(name)}</a>.*?</tr>", html, re.S
    )
    assert match, f"no row for {name}"
    return match.group(0)


def _cells(row: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", cell).strip()
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    ]


@pytest.fixture
def small_edition(db):
    """A default edition with three countries, for query counts against the real 111."""
    edition = ScoreEditionFactory(is_default=True)
    for index in range(3):
        CountryScoreFactory(edition=edition, pdi=10 * index, ivr=None)
    return edition


# --- list ---------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [LIST_URL, _detail_url("CHN")])
def test_country_pages_redirect_to_login_when_anonymous(client, hofstede, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("url", [LIST_URL, _detail_url("CHN")])
def test_country_pages_refuse_post(client_user, hofstede, url):
    assert client_user.post(url).status_code == 405


def test_country_list_shows_every_row_of_the_default_edition(client_user, hofstede):
    response = client_user.get(LIST_URL)

    assert response.status_code == 200
    assert len(response.context["rows"]) == 111
    html = response.content.decode()
    assert html.count('<th scope="row">') == 111
    assert "111 rows from Hofstede 6-D" in html
    assert f'href="{_detail_url("VNM")}"' in html


def test_country_list_shows_kind_and_six_scores_per_row(client_user, hofstede):
    html = client_user.get(LIST_URL).content.decode()

    assert _cells(_row(html, "China")) == [
        "CHN",
        "Country or territory",
        "80",
        "20",
        "66",
        "30",
        "87",
        "24",
    ]
    assert _cells(_row(html, "Arab countries (region)"))[:2] == ["X-ARA", "Region"]


def test_country_list_shows_missing_scores_as_a_dash_not_zero(client_user, hofstede):
    html = client_user.get(LIST_URL).content.decode()

    row = _row(html, "Albania")
    assert _cells(row) == ["ALB", "Country or territory", "—", "—", "—", "—", "61", "15"]
    assert 'title="No score in the dataset"' in row
    assert "never counted as 0" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("viet", {"VNM"}),
        ("U.S.A.", {"USA"}),  # the dataset's label
        ("united states", {"USA"}),  # the friendly name
        ("deu", {"DEU"}),  # the code, lower case
        ("switzerland", {"CHE", "X-SWF", "X-SWG"}),
    ],
)
def test_country_list_search_narrows_by_name_label_or_code(client_user, hofstede, query, expected):
    response = client_user.get(LIST_URL, {"q": query})

    assert {country.code for country, _ in response.context["rows"]} == expected
    assert "matching" in response.content.decode()


def test_country_list_filters_by_kind(client_user, hofstede):
    response = client_user.get(LIST_URL, {"kind": Country.Kind.REGION})

    assert {country.code for country, _ in response.context["rows"]} == {"X-AFE", "X-AFW", "X-ARA"}


def test_country_list_combines_search_and_kind(client_user, hofstede):
    response = client_user.get(LIST_URL, {"q": "switzerland", "kind": Country.Kind.GROUP})

    assert {country.code for country, _ in response.context["rows"]} == {"X-SWF", "X-SWG"}


def test_country_list_says_so_when_nothing_matches(client_user, hofstede):
    response = client_user.get(LIST_URL, {"q": "atlantis"})

    assert response.context["rows"] == []
    assert "Nothing matches your search" in response.content.decode()


def test_country_list_ignores_an_unknown_kind_and_shows_the_error(client_user, hofstede):
    response = client_user.get(LIST_URL, {"kind": "planet"})

    assert len(response.context["rows"]) == 111
    assert "Select a valid choice" in response.content.decode()


def test_country_list_leaves_out_countries_without_scores_in_the_default_edition(
    client_user, small_edition
):
    CountryFactory(name="Unscored")
    CountryScoreFactory(country__name="Other edition only")

    response = client_user.get(LIST_URL)

    assert len(response.context["rows"]) == 3
    assert "Unscored" not in response.content.decode()
    assert "Other edition only" not in response.content.decode()


def test_country_list_explains_when_no_edition_is_loaded(client_user):
    response = client_user.get(LIST_URL)

    assert response.status_code == 200
    assert "No country scores are loaded yet" in response.content.decode()


@pytest.mark.parametrize("dataset", ["small_edition", "hofstede"])
@pytest.mark.parametrize("params", [{}, {"q": "c", "kind": "country"}])
def test_country_list_query_count_is_constant(
    client_user, django_assert_num_queries, request, dataset, params
):
    request.getfixturevalue(dataset)

    # session, user, default edition, countries, their scores
    with django_assert_num_queries(5):
        response = client_user.get(LIST_URL, params)

    assert len(response.context["rows"]) >= 3


# --- detail -------------------------------------------------------------------------------


def test_country_detail_shows_names_kind_and_the_chart(client_user, hofstede):
    response = client_user.get(_detail_url("USA"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1" in html
    assert "United States</h1>" in html
    assert "U.S.A." in html
    assert "Country or territory" in html
    svg = re.search(r"<svg .*?</svg>", html, re.S).group(0)
    assert 'role="img"' in svg
    assert '<title id="chart-title">Hofstede scores of United States</title>' in svg
    assert "<desc" in svg
    assert "Power distance 40" in svg
    assert svg.count('class="bar-single"') == 6


def test_country_detail_shows_the_scores_and_their_meaning_in_a_table(client_user, hofstede):
    html = client_user.get(_detail_url("CHN")).content.decode()

    table = re.search(r"<table.*?</table>", html, re.S).group(0)
    assert "<caption" in table
    assert table.count('<th scope="row">') == 6
    rows = re.findall(r"<tr>.*?</tr>", table, re.S)[1:]
    assert [_cells(row)[0] for row in rows] == ["80", "20", "66", "30", "87", "24"]
    assert "Hierarchy is expected" in table
    assert "People expect to be treated as equals" in table


def test_country_detail_draws_an_empty_labelled_track_when_a_score_is_missing(
    client_user, hofstede
):
    html = client_user.get(_detail_url("ALB")).content.decode()

    svg = re.search(r"<svg .*?</svg>", html, re.S).group(0)
    assert svg.count('class="track track-missing"') == 4
    assert svg.count('class="bar-single"') == 2
    assert svg.count(">no score</text>") == 4
    table = re.search(r"<table.*?</table>", html, re.S).group(0)
    assert [_cells(row)[0] for row in re.findall(r"<tr>.*?</tr>", table, re.S)[1:]] == [
        "—",
        "—",
        "—",
        "—",
        "61",
        "15",
    ]
    assert "never counted as 0" in html


def test_country_detail_names_the_edition_and_its_source(client_user, hofstede):
    html = client_user.get(_detail_url("CHN")).content.decode()

    assert f"Source: {hofstede.name}" in html
    assert "geerthofstede.com" in html


def test_country_detail_links_to_compare_with_this_country(client_user, hofstede):
    html = client_user.get(_detail_url("X-AFE")).content.decode()

    assert f'href="{reverse("countries:compare")}?a=X-AFE"' in html


@pytest.mark.parametrize("code", ["usa", "Usa", "x-afe"])
def test_country_detail_finds_the_country_whatever_the_case(client_user, hofstede, code):
    response = client_user.get(_detail_url(code))

    assert response.status_code == 200
    assert response.context["country"].code == code.upper()


@pytest.mark.parametrize("code", ["XXX", "X-ZZZ", "toolongcode"])
def test_country_detail_is_404_when_code_is_unknown(client_user, hofstede, code):
    assert client_user.get(_detail_url(code)).status_code == 404


def test_country_detail_says_so_when_the_edition_has_no_scores_for_it(client_user, small_edition):
    country = CountryFactory(name="Unscored")

    response = client_user.get(country.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert f"{small_edition.name} has no scores for Unscored" in html
    assert "<svg" not in html


def test_country_detail_explains_when_no_edition_is_loaded(client_user):
    country = CountryFactory()

    response = client_user.get(country.get_absolute_url())

    assert "No country scores are loaded yet" in response.content.decode()


@pytest.mark.parametrize(("code", "queries"), [("CHN", 7), ("ALB", 6)])
def test_country_detail_query_count_is_constant(
    client_user, hofstede, django_assert_num_queries, code, queries
):
    # session, user, country, default edition, its scores, the briefing (and its sections,
    # when there is one: China has one, Albania none)
    with django_assert_num_queries(queries):
        response = client_user.get(_detail_url(code))

    assert response.status_code == 200
