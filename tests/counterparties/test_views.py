import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from counterparties.models import Counterparty, CultureAdjustment, Person
from tests.factories import (
    CounterpartyFactory,
    CountryFactory,
    CultureAdjustmentFactory,
    DecisionMakerBeliefFactory,
    OccasionFactory,
    PersonFactory,
    PlanFactory,
)

pytestmark = pytest.mark.django_db

COUNTERPARTY_URLS = ["detail", "update", "delete", "culture", "person_create"]
PERSON_URLS = ["person_update", "person_delete"]


def _url(name, counterparty=None, person=None) -> str:
    if person is not None:
        return reverse(f"counterparties:{name}", args=[counterparty.pk, person.pk])
    if counterparty is not None:
        return reverse(f"counterparties:{name}", args=[counterparty.pk])
    return reverse(f"counterparties:{name}")


def _all_urls(counterparty, person) -> list[str]:
    return [
        _url("list"),
        _url("create"),
        *[_url(name, counterparty) for name in COUNTERPARTY_URLS],
        *[_url(name, counterparty, person) for name in PERSON_URLS],
    ]


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _culture_data(**values) -> dict:
    data = {
        f"{code}_{part}": ""
        for code in ("pdi", "idv", "mas", "uai", "lto", "ivr")
        for part in ("score", "reason")
    }
    data.update(values)
    return data


def _counterparty_data(place, **overrides) -> dict:
    return {
        "name": "Hanoi Garments",
        "country": place.pk,
        "industry": "Garments",
        "city": "Hanoi",
        "website": "",
        "notes": "",
        **overrides,
    }


def _person_data(**overrides) -> dict:
    return {
        "name": "Tran Thi Bich",
        "title": "Purchasing director",
        "role": "decision_maker",
        "seniority": "senior",
        "inner_circle": "yes",
        "introduced_by": "Our agent in Hanoi",
        "notes": "Prefers meetings in the morning.",
        **overrides,
    }


# Access: anonymous, owner, someone else


@pytest.mark.parametrize("method", ["get", "post"])
def test_every_page_redirects_to_login_when_anonymous(client, counterparty, person, method):
    for url in _all_urls(counterparty, person):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response.url == f"{reverse('login')}?next={url}"


def test_every_page_shows_for_the_owner(client_user, counterparty, person):
    for url in _all_urls(counterparty, person):
        assert client_user.get(url).status_code == 200, url


@pytest.mark.parametrize("method", ["get", "post"])
def test_counterparty_pages_are_404_when_someone_else_owns_it(
    client_other, counterparty, person, method
):
    # The detail page is read-only: a POST is refused (405) before anything is looked up.
    names = (
        COUNTERPARTY_URLS if method == "get" else [n for n in COUNTERPARTY_URLS if n != "detail"]
    )
    for name in names:
        response = getattr(client_other, method)(_url(name, counterparty))
        assert response.status_code == 404, name
    for name in PERSON_URLS:
        response = getattr(client_other, method)(_url(name, counterparty, person))
        assert response.status_code == 404, name


def test_other_users_posts_change_nothing(client_other, counterparty, person):
    CultureAdjustmentFactory(counterparty=counterparty, dimension="pdi", score=50)
    client_other.post(_url("update", counterparty), _counterparty_data(counterparty.country))
    client_other.post(_url("culture", counterparty), _culture_data())
    client_other.post(_url("person_create", counterparty), _person_data())
    client_other.post(_url("person_update", counterparty, person), _person_data(name="X"))
    client_other.post(_url("person_delete", counterparty, person))
    client_other.post(_url("delete", counterparty))

    counterparty.refresh_from_db()
    person.refresh_from_db()
    assert counterparty.name == "Mekong Textiles"
    assert person.name == "Nguyen Van An"
    assert counterparty.people.count() == 1
    assert counterparty.adjustments.count() == 1


def test_person_pages_are_404_under_another_counterparty_of_the_same_owner(
    client_user, user, person
):
    elsewhere = CounterpartyFactory(owner=user)
    for name in PERSON_URLS:
        assert client_user.get(_url(name, elsewhere, person)).status_code == 404


@pytest.mark.parametrize("name", ["list", "detail"])
def test_read_only_pages_refuse_post_with_405(client_user, counterparty, name):
    url = _url(name) if name == "list" else _url(name, counterparty)
    assert client_user.post(url).status_code == 405


@pytest.mark.parametrize("name", ["update", "delete", "culture", "person_create"])
def test_form_pages_refuse_put_with_405(client_user, counterparty, name):
    assert client_user.put(_url(name, counterparty)).status_code == 405


# List


def test_list_shows_only_own_counterparties_with_country_industry_and_counts(
    client_user, user, other_user
):
    mine = CounterpartyFactory(owner=user, name="Mekong Textiles", industry="Textiles")
    PersonFactory.create_batch(2, counterparty=mine)
    PlanFactory.create_batch(3, owner=user, counterparty=mine)
    CounterpartyFactory(owner=other_user, name="Mallory Holdings")

    response = client_user.get(_url("list"))

    rows = list(response.context["page"].object_list)
    assert rows == [mine]
    assert (rows[0].people_count, rows[0].plan_count) == (2, 3)
    content = response.content.decode()
    assert "Mekong Textiles" in content
    assert mine.country.name in content
    assert "Textiles" in content
    assert "Mallory Holdings" not in content


def test_list_explains_when_there_are_no_counterparties(client_user):
    response = client_user.get(_url("list"))
    assert "You have no counterparties yet" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("mekong", ["Mekong Textiles"]),
        ("FOOTWEAR", ["Saigon Shoes"]),
        ("da nang", ["Saigon Shoes"]),
        ("viet", ["Mekong Textiles", "Saigon Shoes"]),
        ("thai", ["Bangkok Rice"]),
        ("nothing like it", []),
    ],
)
def test_list_search_matches_name_industry_city_and_country(client_user, user, query, expected):
    vietnam = CountryFactory(name="Vietnam")
    thailand = CountryFactory(name="Thailand")
    CounterpartyFactory(owner=user, name="Mekong Textiles", country=vietnam, industry="Textiles")
    CounterpartyFactory(
        owner=user, name="Saigon Shoes", country=vietnam, industry="Footwear", city="Da Nang"
    )
    CounterpartyFactory(owner=user, name="Bangkok Rice", country=thailand, industry="Food")

    response = client_user.get(_url("list"), {"q": query})

    assert [c.name for c in response.context["page"].object_list] == expected
    if not expected:
        assert "No counterparty matches" in response.content.decode()


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("name", ["Alpha", "Bravo", "Charlie"]),
        ("-name", ["Charlie", "Bravo", "Alpha"]),
        ("country", ["Charlie", "Alpha", "Bravo"]),
        ("-country", ["Bravo", "Alpha", "Charlie"]),
        ("updated", ["Bravo", "Charlie", "Alpha"]),
        ("-updated", ["Alpha", "Charlie", "Bravo"]),
        ("bogus", ["Alpha", "Bravo", "Charlie"]),
        ("", ["Alpha", "Bravo", "Charlie"]),
    ],
)
def test_list_sorts_by_name_country_and_update(client_user, user, sort, expected):
    bravo = CounterpartyFactory(owner=user, name="Bravo", country=CountryFactory(name="Zambia"))
    charlie = CounterpartyFactory(owner=user, name="Charlie", country=CountryFactory(name="Chile"))
    alpha = CounterpartyFactory(owner=user, name="Alpha", country=CountryFactory(name="Mali"))
    for position, counterparty in enumerate([bravo, charlie, alpha]):
        Counterparty.objects.filter(pk=counterparty.pk).update(
            updated_at=f"2026-01-0{position + 1}T10:00:00Z"
        )

    response = client_user.get(_url("list"), {"sort": sort})

    assert [c.name for c in response.context["page"].object_list] == expected


def test_list_marks_the_sorted_column_for_screen_readers(client_user, counterparty):
    content = client_user.get(_url("list"), {"sort": "-updated"}).content.decode()
    assert 'aria-sort="descending"><a href="?sort=updated">Last updated</a>' in content
    assert '<a href="?sort=name">Name</a>' in content


def test_list_is_paginated_by_25(client_user, user):
    CounterpartyFactory.create_batch(30, owner=user)

    first = client_user.get(_url("list"))
    second = client_user.get(_url("list"), {"page": 2})

    assert len(first.context["page"].object_list) == 25
    assert len(second.context["page"].object_list) == 5
    assert 'aria-label="Pages of counterparties"' in first.content.decode()


def test_list_pagination_links_keep_search_and_sort(client_user, user):
    CounterpartyFactory.create_batch(30, owner=user, industry="Textiles")

    content = client_user.get(_url("list"), {"q": "textiles", "sort": "-name"}).content.decode()

    assert 'href="?q=textiles&amp;sort=-name&amp;page=2"' in content
    assert 'aria-current="page"' in content


def test_list_tells_two_counterparties_of_the_same_name_apart(client_user, user, other_user):
    place = CountryFactory(name="Vietnam")
    CounterpartyFactory(owner=user, name="Mekong Textiles", country=place, city="Hanoi")
    CounterpartyFactory(owner=user, name="MEKONG TEXTILES", country=place)
    CounterpartyFactory(owner=user, name="Saigon Steel", country=place, city="Saigon")
    CounterpartyFactory(owner=other_user, name="Saigon Steel", country=place)
    today = timezone.localdate().strftime("%-d %b %Y")

    soup = BeautifulSoup(client_user.get(_url("list")).content, "html.parser")

    names = {" ".join(th.get_text().split()) for th in soup.select("tbody th")}
    assert names == {
        f"Mekong Textiles (Hanoi, added {today})",
        f"MEKONG TEXTILES (added {today})",
        "Saigon Steel",  # another user's namesake does not count
    }


@pytest.mark.parametrize("size", [1, 50])
def test_list_query_count_does_not_grow_with_counterparties(
    client_user, user, size, django_assert_num_queries
):
    for counterparty in CounterpartyFactory.create_batch(size, owner=user):
        PersonFactory(counterparty=counterparty)
        PlanFactory(owner=user, counterparty=counterparty)

    # session, user, page count, page rows
    with django_assert_num_queries(4):
        response = client_user.get(_url("list"))
    assert response.status_code == 200


# Create and update


def test_create_saves_for_the_user_and_redirects_to_detail(client_user, user):
    place = CountryFactory(name="Vietnam")
    response = client_user.post(_url("create"), _counterparty_data(place))

    counterparty = Counterparty.objects.get()
    assert response.url == counterparty.get_absolute_url()
    assert (counterparty.owner, counterparty.name, counterparty.country) == (
        user,
        "Hanoi Garments",
        place,
    )
    assert _messages(response) == ["“Hanoi Garments” is added."]


def test_create_form_lists_all_countries(client_user, country):
    content = client_user.get(_url("create")).content.decode()
    assert f'<option value="{country("VNM").pk}">Vietnam</option>' in content


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "x" * 201, "at most 200 characters"),
        ("website", "ftp://garments.example", "starting with http:// or https://"),
    ],
)
def test_create_redisplays_form_and_saves_nothing_when_invalid(client_user, field, value, message):
    data = _counterparty_data(CountryFactory(), city="Hai Phong", **{field: value})

    response = client_user.post(_url("create"), data)

    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    assert 'value="Hai Phong"' in content
    assert not Counterparty.objects.exists()


def test_update_saves_changes(client_user, counterparty):
    response = client_user.post(
        _url("update", counterparty),
        _counterparty_data(counterparty.country, name="Mekong Textiles JSC"),
    )
    counterparty.refresh_from_db()
    assert response.url == counterparty.get_absolute_url()
    assert counterparty.name == "Mekong Textiles JSC"
    assert _messages(response) == ["Your changes to “Mekong Textiles JSC” are saved."]


def test_update_redisplays_form_and_saves_nothing_when_name_is_missing(client_user, counterparty):
    response = client_user.post(
        _url("update", counterparty), _counterparty_data(counterparty.country, name="", city="Hue")
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Give the organisation a name." in content
    assert 'value="Hue"' in content
    counterparty.refresh_from_db()
    assert (counterparty.name, counterparty.city) == ("Mekong Textiles", "")


# Detail


def test_detail_shows_organisation_people_culture_and_plans(client_user, user, country):
    counterparty = CounterpartyFactory(
        owner=user,
        name="Mekong Textiles",
        country=country("VNM"),
        industry="Textiles",
        website="https://mekong.example",
    )
    PersonFactory(
        counterparty=counterparty,
        name="Tran Thi Bich",
        title="Purchasing director",
        role=Person.Role.DECISION_MAKER,
        seniority=Person.Seniority.SENIOR,
        inner_circle=Person.InnerCircle.YES,
        introduced_by="Our agent in Hanoi",
        notes="Prefers mornings.",
    )
    CultureAdjustmentFactory(
        counterparty=counterparty, dimension="idv", score=55, reason="Run by returnees from Canada"
    )
    plan = PlanFactory(owner=user, counterparty=counterparty, title="Autumn collection 2027")

    content = client_user.get(counterparty.get_absolute_url()).content.decode()

    for text in [
        "Textiles",
        "https://mekong.example",
        "Tran Thi Bich",
        "Purchasing director",
        "Decision-maker",
        "Senior manager",
        "Our agent in Hanoi",
        "Prefers mornings.",
        "Run by returnees from Canada",
        f'<a href="{plan.get_absolute_url()}">Autumn collection 2027</a>',
        "Draft",
    ]:
        assert text in content, text
    rows = {
        row.dimension.code: row
        for row in client_user.get(counterparty.get_absolute_url()).context["culture"]
    }
    assert (rows["pdi"].national, rows["pdi"].adjusted) == (70, None)
    assert (rows["idv"].national, rows["idv"].adjusted) == (20, 55)


def test_detail_shows_dash_with_explanation_for_missing_national_score(client_user, user, country):
    counterparty = CounterpartyFactory(owner=user, country=country("ALB"))

    content = client_user.get(counterparty.get_absolute_url()).content.decode()

    assert '<span class="score-missing" title="No national score">—' in content
    assert "never read as zero" in content


def test_detail_explains_when_no_scores_are_loaded(client_user, counterparty):
    content = client_user.get(counterparty.get_absolute_url()).content.decode()
    assert "No country scores are loaded yet" in content


@pytest.mark.parametrize("size", [1, 50])
def test_detail_query_count_does_not_grow_with_people(
    client_user, user, hofstede, country, size, django_assert_num_queries
):
    counterparty = CounterpartyFactory(owner=user, country=country("VNM"))
    PersonFactory.create_batch(size, counterparty=counterparty)
    PlanFactory.create_batch(size, owner=user, counterparty=counterparty)
    CultureAdjustmentFactory(counterparty=counterparty)

    # session, user, counterparty, people, adjustments, default edition, country score, plans
    with django_assert_num_queries(8):
        response = client_user.get(counterparty.get_absolute_url())
    assert response.status_code == 200


# Culture


def test_culture_form_shows_national_scores_and_current_adjustments(client_user, user, country):
    counterparty = CounterpartyFactory(owner=user, country=country("VNM"))
    CultureAdjustmentFactory(
        counterparty=counterparty, dimension="mas", score=65, reason="Sales-driven"
    )

    response = client_user.get(_url("culture", counterparty))

    content = response.content.decode()
    assert "National score for Vietnam: <strong>70</strong>" in content
    assert 'name="mas_score" value="65"' in content
    assert "Sales-driven" in content


def test_culture_post_saves_adjustments_and_clears_emptied_ones(client_user, counterparty):
    CultureAdjustmentFactory(counterparty=counterparty, dimension="lto", score=80)

    response = client_user.post(
        _url("culture", counterparty),
        _culture_data(pdi_score="40", pdi_reason="Young, flat management"),
    )

    assert response.url == f"{counterparty.get_absolute_url()}#culture"
    assert {(a.dimension, a.score, a.reason) for a in counterparty.adjustments.all()} == {
        ("pdi", 40, "Young, flat management")
    }
    assert _messages(response) == ["The culture of “Mekong Textiles” is saved."]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"pdi_score": "101", "pdi_reason": "Very hierarchical"}, "Enter a score from 0 to 100."),
        ({"pdi_score": "60"}, "Say why this organisation differs"),
        ({"pdi_reason": "Very hierarchical"}, "Enter a score for this reason"),
    ],
)
def test_culture_post_redisplays_form_and_saves_nothing_when_invalid(
    client_user, counterparty, values, message
):
    response = client_user.post(
        _url("culture", counterparty),
        _culture_data(idv_score="30", idv_reason="Family firm", **values),
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    assert "Nothing was saved. Check the dimensions marked below." in content
    assert 'name="idv_score" value="30"' in content
    assert "Family firm" in content
    assert not CultureAdjustment.objects.exists()


# People


def test_person_create_adds_person_to_counterparty(client_user, counterparty):
    response = client_user.post(_url("person_create", counterparty), _person_data())

    person = counterparty.people.get()
    assert response.url == f"{counterparty.get_absolute_url()}#people"
    assert (person.name, person.role, person.inner_circle) == (
        "Tran Thi Bich",
        "decision_maker",
        "yes",
    )
    assert _messages(response) == ["Tran Thi Bich is added to “Mekong Textiles”."]


def test_person_create_redisplays_form_and_saves_nothing_when_name_too_long(
    client_user, counterparty
):
    response = client_user.post(_url("person_create", counterparty), _person_data(name="x" * 201))
    assert response.status_code == 200
    content = response.content.decode()
    assert "at most 200 characters" in content
    assert "Our agent in Hanoi" in content
    assert not Person.objects.exists()


def test_person_update_saves_changes(client_user, counterparty, person):
    response = client_user.post(
        _url("person_update", counterparty, person), _person_data(name="Nguyen Van Binh")
    )
    person.refresh_from_db()
    assert response.url == f"{counterparty.get_absolute_url()}#people"
    assert (person.name, person.title) == ("Nguyen Van Binh", "Purchasing director")


def test_person_update_redisplays_form_and_saves_nothing_when_invalid(
    client_user, counterparty, person
):
    response = client_user.post(
        _url("person_update", counterparty, person), _person_data(name="", title="Chairman")
    )
    assert response.status_code == 200
    assert "Give the person&#x27;s name." in response.content.decode()
    person.refresh_from_db()
    assert (person.name, person.title) == ("Nguyen Van An", "")


def test_person_delete_confirms_on_get_and_deletes_on_post(client_user, counterparty, person):
    confirm = client_user.get(_url("person_delete", counterparty, person))
    assert "Remove Nguyen Van An" in confirm.content.decode()
    assert Person.objects.filter(pk=person.pk).exists()

    response = client_user.post(_url("person_delete", counterparty, person))

    assert response.url == f"{counterparty.get_absolute_url()}#people"
    assert not Person.objects.filter(pk=person.pk).exists()
    assert Counterparty.objects.filter(pk=counterparty.pk).exists()


def _person_in_plans(user, counterparty, person, count: int) -> list:
    """`count` plans using `person`: the first believes they decide, every one has them at
    a dinner on 1 March 2027, and the first also at an undated call."""
    plans = []
    for index in range(count):
        plan = PlanFactory(owner=user, counterparty=counterparty, title=f"Deal {index:02d}")
        OccasionFactory(
            plan=plan,
            kind="dinner",
            held_on=datetime.date(2027, 3, 1),
            their_attendees=[person],
        )
        plans.append(plan)
    OccasionFactory(plan=plans[0], kind="call", their_attendees=[person])
    DecisionMakerBeliefFactory(plan=plans[0], person=person)
    return plans


def test_person_delete_confirm_lists_every_plan_and_the_role_there(
    client_user, user, counterparty, person
):
    first, second = _person_in_plans(user, counterparty, person, 2)
    unrelated = PlanFactory(owner=user, counterparty=counterparty, title="Unrelated deal")
    OccasionFactory(plan=unrelated, their_attendees=[PersonFactory(counterparty=counterparty)])

    page = client_user.get(_url("person_delete", counterparty, person)).content.decode()

    rows = page.split('<th scope="row">')[1:]
    assert len(rows) == 2
    assert f'<a href="{first.get_absolute_url()}">Deal 00</a>' in rows[0]
    assert "Believed to decide" in rows[0]
    assert "Attends the dinner, 1 Mar 2027" in rows[0]
    assert "Attends the call, date not set" in rows[0]
    assert f'<a href="{second.get_absolute_url()}">Deal 01</a>' in rows[1]
    assert "Believed to decide" not in rows[1]
    assert "Attends the dinner, 1 Mar 2027" in rows[1]
    assert "Unrelated deal" not in page
    assert "keeps your evidence" in page


def test_person_delete_confirm_says_when_no_plan_uses_the_person(client_user, counterparty, person):
    page = client_user.get(_url("person_delete", counterparty, person)).content.decode()
    assert "None of your plans lists Nguyen Van An" in page


@pytest.mark.parametrize("size", [1, 30])
def test_person_delete_confirm_query_count_does_not_grow_with_plans(
    client_user, user, counterparty, person, size, django_assert_num_queries
):
    _person_in_plans(user, counterparty, person, size)

    # session, user, person with counterparty, plans, their occasions
    with django_assert_num_queries(5):
        response = client_user.get(_url("person_delete", counterparty, person))
    assert response.status_code == 200


# Delete a counterparty


def test_delete_confirm_lists_what_goes_with_it(client_user, counterparty):
    PersonFactory.create_batch(3, counterparty=counterparty)
    CultureAdjustmentFactory(counterparty=counterparty)

    content = client_user.get(_url("delete", counterparty)).content.decode()

    assert "3 people" in content
    assert "1 culture adjustment<" in content
    assert "Delete Mekong Textiles</button>" in content


def test_delete_removes_counterparty_with_people_and_adjustments(client_user, counterparty):
    PersonFactory.create_batch(2, counterparty=counterparty)
    CultureAdjustmentFactory(counterparty=counterparty)

    response = client_user.post(_url("delete", counterparty))

    assert response.url == _url("list")
    assert not Counterparty.objects.exists()
    assert not Person.objects.exists()
    assert not CultureAdjustment.objects.exists()
    assert _messages(response) == ["“Mekong Textiles” is deleted, with its people."]


def test_delete_confirm_lists_plans_and_offers_no_delete_when_plans_exist(
    client_user, user, counterparty
):
    plan = PlanFactory(owner=user, counterparty=counterparty, title="Autumn collection 2027")

    content = client_user.get(_url("delete", counterparty)).content.decode()

    assert f'<a href="{plan.get_absolute_url()}">Autumn collection 2027</a>' in content
    assert "cannot be deleted because your plans use it" in content
    assert "Delete Mekong Textiles</button>" not in content


def test_delete_is_refused_with_message_when_plans_exist(client_user, user, counterparty):
    PlanFactory(owner=user, counterparty=counterparty, title="Autumn collection 2027")
    PersonFactory(counterparty=counterparty)

    response = client_user.post(_url("delete", counterparty), follow=True)

    assert response.redirect_chain == [(_url("delete", counterparty), 302)]
    assert "still used by plan “Autumn collection 2027”" in response.content.decode()
    assert Counterparty.objects.filter(pk=counterparty.pk).exists()
    assert counterparty.people.count() == 1
