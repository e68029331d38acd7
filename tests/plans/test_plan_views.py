import csv
import datetime
import statistics
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.services import profile_for
from countries.loader import HOFSTEDE_CSV
from plans.models import Plan
from tests.factories import (
    CounterpartyFactory,
    CultureAdjustmentFactory,
    PersonFactory,
    PlanFactory,
)

PLAN_PAGES = ["plans:detail", "plans:gap", "plans:update", "plans:delete"]


@pytest.fixture
def profile(user, country):
    profile = profile_for(user)
    profile.home_country = country("USA")
    profile.save()
    return profile


@pytest.fixture
def plan(user, hofstede, country, profile):
    counterparty = CounterpartyFactory(owner=user, name="Saigon Textiles", country=country("VNM"))
    return PlanFactory(
        owner=user,
        counterparty=counterparty,
        our_country=country("USA"),
        edition=hofstede,
        title="Fabric supply",
    )


def _plan_post(counterparty, **overrides):
    data = {
        "title": "Fabric supply 2027",
        "counterparty": counterparty.pk,
        "our_country": counterparty.country.pk,
        "use_personal_scores": "on",
        "deal_summary": "Three-year supply of dyed cotton.",
        "currency": "USD",
        "total_deal_value": "1000000.00",
        "first_order_value": "50000.00",
        "first_meeting_on": "2027-01-15",
        "status": "draft",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("name", PLAN_PAGES)
def test_plan_pages_redirect_anonymous_users_to_sign_in(client, plan, name):
    url = reverse(name, args=[plan.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize(
    "name", ["plans:dashboard", "plans:list", "plans:create", "countries:compare"]
)
def test_plan_index_pages_redirect_anonymous_users(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name", PLAN_PAGES)
def test_plan_pages_open_for_the_owner(client_user, plan, name):
    assert client_user.get(reverse(name, args=[plan.pk])).status_code == 200


@pytest.mark.parametrize("name", PLAN_PAGES)
def test_plan_pages_are_404_for_another_user(client_other, plan, name):
    url = reverse(name, args=[plan.pk])
    assert client_other.get(url).status_code == 404
    if name != "plans:detail":  # the overview is read-only (405 on POST for everyone)
        assert client_other.post(url, {"title": "Mine now", "gap_notes": "x"}).status_code == 404
    plan.refresh_from_db()
    assert plan.title == "Fabric supply"
    assert plan.gap_notes == ""


def test_plan_delete_by_another_user_leaves_the_plan(client_other, plan):
    client_other.post(reverse("plans:delete", args=[plan.pk]))
    assert Plan.objects.filter(pk=plan.pk).exists()


def test_plan_overview_refuses_post(client_user, plan):
    assert client_user.post(reverse("plans:detail", args=[plan.pk])).status_code == 405


def test_plan_delete_confirms_on_get_and_deletes_on_post(client_user, plan):
    response = client_user.get(reverse("plans:delete", args=[plan.pk]))
    assert "cannot be undone" in response.content.decode()
    assert Plan.objects.filter(pk=plan.pk).exists()
    response = client_user.post(reverse("plans:delete", args=[plan.pk]))
    assert response.status_code == 302
    assert not Plan.objects.filter(pk=plan.pk).exists()


def test_plan_create_asks_for_home_country_first(client_user, hofstede):
    response = client_user.get(reverse("plans:create"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:profile"))
    assert "next=" in response.url


def test_plan_create_saves_with_the_default_edition_and_opens_stage_1(
    client_user, user, profile, hofstede, country
):
    counterparty = CounterpartyFactory(owner=user, country=country("VNM"))
    response = client_user.post(reverse("plans:create"), _plan_post(counterparty))
    plan = Plan.objects.get(owner=user)
    assert response.status_code == 302
    assert response.url == reverse("plans:gap", args=[plan.pk])
    assert plan.edition == hofstede
    assert plan.total_deal_value == Decimal("1000000.00")
    assert plan.first_meeting_on.isoformat() == "2027-01-15"


def test_plan_create_defaults_our_culture_to_the_home_country(client_user, profile):
    form = client_user.get(reverse("plans:create")).context["form"]
    assert form.initial["our_country"] == profile.home_country_id


def test_plan_create_offers_only_the_users_own_counterparties(
    client_user, user, other_user, profile, country
):
    mine = CounterpartyFactory(owner=user, name="Mine Co", country=country("VNM"))
    theirs = CounterpartyFactory(owner=other_user, name="Not Mine Co", country=country("CHN"))
    page = client_user.get(reverse("plans:create")).content.decode()
    assert "Mine Co" in page
    assert "Not Mine Co" not in page
    response = client_user.post(reverse("plans:create"), _plan_post(theirs))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Plan.objects.exists()
    assert mine.pk != theirs.pk


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"first_order_value": "2000000"}, "cannot be larger than the total deal"),
        ({"total_deal_value": "-5"}, "greater than or equal to 0"),
        ({"first_order_value": "10.123"}, "no more than 2 decimal places"),
        ({"title": "x" * 201}, "at most 200 characters"),
        ({"title": "   "}, "Give the plan a title"),
        ({"currency": "XYZ"}, "Select a valid choice"),
        ({"first_meeting_on": "1901-01-01"}, "within 10 years"),
        ({"first_meeting_on": "2027-02-30"}, "Enter a valid date"),
    ],
)
def test_plan_create_rejects_bad_input_and_keeps_what_was_typed(
    client_user, user, profile, country, overrides, message
):
    counterparty = CounterpartyFactory(owner=user, country=country("VNM"))
    response = client_user.post(reverse("plans:create"), _plan_post(counterparty, **overrides))
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "Three-year supply of dyed cotton." in page
    assert not Plan.objects.exists()


def test_database_refuses_a_test_order_larger_than_the_total(plan):
    plan.total_deal_value = Decimal("100")
    plan.first_order_value = Decimal("200")
    with pytest.raises(IntegrityError), transaction.atomic():
        plan.save()


def test_plan_update_saves_changes(client_user, plan):
    data = _plan_post(plan.counterparty, title="Renamed deal", our_country=plan.our_country.pk)
    response = client_user.post(reverse("plans:update", args=[plan.pk]), data)
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.title == "Renamed deal"


def test_gap_page_shows_the_kogut_singh_index_of_the_real_data(client_user, plan, profile):
    profile.pdi = None
    profile.save()
    # Worked out independently of the app, straight from the CSV: USA vs Vietnam.
    rows = {row["iso3"]: row for row in csv.DictReader(HOFSTEDE_CSV.open(encoding="utf-8"))}
    terms = []
    for code in ("pdi", "idv", "mas", "uai", "lto", "ivr"):
        values = [int(r[code]) for r in rows.values() if r[code]]
        gap = int(rows["VNM"][code]) - int(rows["USA"][code])
        terms.append(gap**2 / statistics.pvariance(values))
    expected = sum(terms) / len(terms)
    page = client_user.get(reverse("plans:gap", args=[plan.pk])).content.decode()
    assert f"{expected:.2f}" in page
    assert "based on 6 of 6 dimensions" in page
    assert "population variance" in page


def test_gap_page_highlights_the_largest_gap(client_user, plan, profile):
    profile.pdi = None
    profile.save()
    response = client_user.get(reverse("plans:gap", args=[plan.pk]))
    analysis = response.context["analysis"]
    # USA 91 vs Vietnam 20 on individualism: -71, the largest of the six.
    assert [g.dimension.code for g in analysis.largest] == ["idv"]
    page = response.content.decode()
    assert page.count("largest gap</span>") == 1
    assert "they act more as a group than you do" in page.lower()


def test_gap_page_shows_guidance_for_moderate_and_large_gaps_only(client_user, plan, profile):
    profile.pdi = None
    profile.save()
    response = client_user.get(reverse("plans:gap", args=[plan.pk]))
    guidance = response.context["guidance"]
    # USA vs Vietnam: PDI +30, IDV -71, MAS -22, UAI -16, LTO +31, IVR -33: all at least moderate.
    assert set(guidance) == {"pdi", "idv", "mas", "uai", "lto", "ivr"}
    page = response.content.decode()
    assert guidance["idv"].advice in page
    assert "averages" in page  # the caution about national scores


def test_gap_page_uses_personal_and_adjusted_scores_and_says_so(client_user, plan, profile):
    profile.pdi = 75
    profile.save()
    CultureAdjustmentFactory(counterparty=plan.counterparty, dimension="uai", score=80)
    response = client_user.get(reverse("plans:gap", args=[plan.pk]))
    gaps = {g.dimension.code: g for g in response.context["analysis"].gaps}
    assert (gaps["pdi"].ours, gaps["pdi"].ours_adjusted) == (75, True)
    assert (gaps["uai"].theirs, gaps["uai"].theirs_adjusted) == (80, True)
    page = response.content.decode()
    assert "your personal scores" in page
    assert "marked “adjusted”" in page


def test_gap_page_ignores_personal_scores_when_the_plan_says_so(client_user, plan, profile):
    plan.use_personal_scores = False
    plan.save()
    response = client_user.get(reverse("plans:gap", args=[plan.pk]))
    assert response.context["analysis"].gaps[0].ours == 40


def test_gap_notes_are_saved_with_the_time(client_user, plan):
    response = client_user.post(
        reverse("plans:gap", args=[plan.pk]), {"gap_notes": "Bring our chairman."}
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.gap_notes == "Bring our chairman."
    assert plan.gap_saved_at is not None
    page = client_user.get(reverse("plans:gap", args=[plan.pk])).content.decode()
    assert "Last saved" in page


def test_gap_notes_are_saved_when_the_first_meeting_is_now_out_of_the_date_window(
    client_user, plan
):
    """The meeting-date rule moves with today; it must not block an older plan's notes."""
    Plan.objects.filter(pk=plan.pk).update(first_meeting_on=datetime.date(2001, 5, 1))

    response = client_user.post(reverse("plans:gap", args=[plan.pk]), {"gap_notes": "Still on."})

    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.gap_notes == "Still on."


def test_gap_notes_too_long_are_refused_and_kept_on_screen(client_user, plan):
    text = "a" * 10001
    response = client_user.post(reverse("plans:gap", args=[plan.pk]), {"gap_notes": text})
    assert response.status_code == 200
    assert "at most 10000 characters" in response.content.decode()
    assert text in response.content.decode()
    plan.refresh_from_db()
    assert plan.gap_notes == ""


def test_gap_page_explains_when_no_distance_can_be_computed(client_user, user, plan, country):
    plan.our_country = country("CRI")  # first four dimensions only
    plan.counterparty.country = country("ALB")  # LTO and IVR only
    plan.counterparty.save()
    plan.use_personal_scores = False
    plan.save()
    page = client_user.get(reverse("plans:gap", args=[plan.pk])).content.decode()
    assert "No distance can be computed" in page
    assert "—" in page


def test_stage_1_stepper_marks_later_stages_not_started(client_user, plan):
    page = client_user.get(reverse("plans:gap", args=[plan.pk])).content.decode()
    assert "1. Cultural gap" in page
    assert page.count("not started") >= 1


def test_dashboard_lists_plans_soonest_meeting_first(client_user, user, plan, hofstede, country):
    later = PlanFactory(
        owner=user,
        counterparty=plan.counterparty,
        our_country=country("USA"),
        edition=hofstede,
        title="Later deal",
        first_meeting_on=datetime.date(2027, 6, 1),
    )
    sooner = PlanFactory(
        owner=user,
        counterparty=plan.counterparty,
        our_country=country("USA"),
        edition=hofstede,
        title="Sooner deal",
        first_meeting_on=datetime.date(2027, 1, 1),
    )
    plans = list(client_user.get(reverse("plans:dashboard")).context["plans"])
    assert plans[:2] == [sooner, later]
    assert plans[-1] == plan  # no date: last


def test_dashboard_asks_for_home_country_when_missing(client_user, hofstede):
    page = client_user.get(reverse("plans:dashboard")).content.decode()
    assert "set your home country" in page


def test_dashboard_and_plan_list_show_only_own_plans(client_user, plan, other_user, hofstede):
    PlanFactory(owner=other_user, title="Someone else's deal", edition=hofstede)
    for name in ("plans:dashboard", "plans:list"):
        page = client_user.get(reverse(name)).content.decode()
        assert "Fabric supply" in page
        assert "Someone else" not in page


@pytest.mark.parametrize("name", ["plans:dashboard", "plans:list"])
def test_plan_lists_tell_two_counterparties_of_the_same_name_apart(client_user, user, plan, name):
    twin = CounterpartyFactory(
        owner=user, name=plan.counterparty.name, country=plan.counterparty.country, city="Hue"
    )
    PlanFactory(owner=user, counterparty=twin, title="Second deal", edition=plan.edition)
    today = timezone.localdate().strftime("%-d %b %Y")

    page = client_user.get(reverse(name)).content.decode()

    assert f'Saigon Textiles <span class="text-body-secondary">(Vietnam; added {today})' in page
    assert f"(Vietnam; Hue, added {today})" in page


def test_plan_list_adds_nothing_to_a_counterparty_without_namesake(client_user, plan):
    page = client_user.get(reverse("plans:list")).content.decode()

    assert 'Saigon Textiles <span class="text-body-secondary">(Vietnam)</span>' in page


def _many_plans(user, plan, count):
    for index in range(count):
        PlanFactory(
            owner=user,
            counterparty=CounterpartyFactory(owner=user, country=plan.counterparty.country),
            our_country=plan.our_country,
            edition=plan.edition,
        )
        PersonFactory(counterparty=plan.counterparty, name=f"Person {index}")
    for code in ("pdi", "idv", "mas", "uai", "lto", "ivr"):
        CultureAdjustmentFactory(counterparty=plan.counterparty, dimension=code)


@pytest.mark.parametrize(
    "name", ["plans:dashboard", "plans:list", "plans:detail", "plans:gap", "countries:compare"]
)
def test_pages_run_a_constant_number_of_queries(
    client_user, user, plan, name, django_assert_num_queries
):
    args = [plan.pk] if name in ("plans:detail", "plans:gap") else []
    url = reverse(name, args=args)
    if name == "countries:compare":
        url += "?a=USA&b=VNM"
    client_user.get(url)  # the first visit creates the profile
    with CaptureQueriesContext(connection) as few:
        assert client_user.get(url).status_code == 200
    _many_plans(user, plan, 50)
    with django_assert_num_queries(len(few.captured_queries)):
        assert client_user.get(url).status_code == 200


def test_compare_page_shows_two_countries_by_code(client_user, hofstede):
    response = client_user.get(reverse("countries:compare") + "?a=usa&b=chn")
    page = response.content.decode()
    assert response.status_code == 200
    assert "United States and China" in page
    assert "based on 6 of 6 dimensions" in page
    assert "they accept hierarchy more than you do" in page.lower()


def test_compare_page_explains_an_unknown_code(client_user, hofstede):
    response = client_user.get(reverse("countries:compare") + "?a=USA&b=ZZZ")
    assert response.status_code == 200
    assert "There is no country or region with the code ZZZ" in response.content.decode()


def test_compare_page_works_for_regions(client_user, hofstede):
    page = client_user.get(reverse("countries:compare") + "?a=X-ARA&b=DEU").content.decode()
    assert "Arab countries (region) and Germany" in page


def test_compare_page_without_parameters_shows_the_form(client_user, hofstede):
    response = client_user.get(reverse("countries:compare"))
    assert response.status_code == 200
    assert "analysis" not in response.context
