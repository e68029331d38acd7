"""The readiness checklist (plans.readiness), the overview that shows it, and query counts."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.services import profile_for
from plans.readiness import PlanFacts, next_occasion, readiness_checklist
from tests.factories import (
    CounterpartyFactory,
    DecisionMakerBeliefFactory,
    GoalAssessmentFactory,
    KeepItemFactory,
    LearnItemFactory,
    OccasionFactory,
    PersonFactory,
    PlanFactory,
    PlanQuestionFactory,
    RoadmapStepFactory,
    SayEarlyItemFactory,
    TellItemFactory,
)
from tests.plans.stage_post import goals_data

URLS = {"gap": "/g/", "goals": "/2/", "relationship": "/3/"}
COMPLETE = PlanFacts(
    gap_saved=True,
    signals_answered=7,
    ip_position_stated=True,
    test_order_explained=True,
    roadmap_steps=3,
    roadmap_adds_up=True,
    positions_set=True,
    learn_items=2,
    tell_items=1,
    questions=4,
    occasions=1,
    decision_maker_known=True,
)


def _items(facts):
    return {item.key: item for item in readiness_checklist(facts, URLS)}


def test_readiness_of_an_empty_plan_lists_every_missing_piece_with_its_link():
    items = _items(PlanFacts())
    assert not any(item.done for item in items.values())
    assert items["questions"].label == "No questions prepared"
    assert items["questions"].url == "/3/#questions"
    assert items["ip"].label == "IP position not stated"
    assert items["ip"].url == "/2/#say-early"
    assert items["decides"].label == "Decision-maker unknown"
    assert items["decides"].url == "/3/#decides"
    assert items["signals"].label == "Deal signals answered: 0 of 7"
    assert items["roadmap"].label == "No roadmap from the test order to the total deal"
    assert items["gap"].url == "/g/"


def test_readiness_of_a_complete_plan_is_all_done():
    assert all(item.done for item in readiness_checklist(COMPLETE, URLS))


@pytest.mark.parametrize(
    ("change", "key", "label"),
    [
        ({"signals_answered": 5}, "signals", "Deal signals answered: 5 of 7"),
        ({"roadmap_adds_up": False}, "roadmap", "Roadmap does not add up to the total deal"),
        ({"positions_set": False}, "positions", "Target or walk-away point not set"),
        ({"learn_items": 0}, "learn", "Nothing listed to learn about them"),
        ({"occasions": 0}, "occasions", "No meeting or other occasion planned"),
        (
            {"test_order_explained": False},
            "test_order",
            "How to present the test order not written",
        ),
    ],
)
def test_readiness_flags_one_missing_piece(change, key, label):
    facts = PlanFacts(**{**COMPLETE.__dict__, **change})
    items = _items(facts)
    assert (items[key].done, items[key].label) == (False, label)
    assert [k for k, item in items.items() if not item.done] == [key]


class _Occasion:
    def __init__(self, held_on):
        self.held_on = held_on


def test_next_occasion_is_the_first_from_today_on():
    today = datetime.date(2027, 3, 10)
    past, same_day, later = (
        _Occasion(datetime.date(2027, 3, 1)),
        _Occasion(today),
        _Occasion(datetime.date(2027, 4, 1)),
    )
    assert next_occasion([past, same_day, later, _Occasion(None)], today) is same_day
    assert next_occasion([past, _Occasion(None)], today) is None


# The overview ---------------------------------------------------------------------------


@pytest.fixture
def plan(user, hofstede, country):
    profile = profile_for(user)
    profile.home_country = country("USA")
    profile.save()
    counterparty = CounterpartyFactory(owner=user, country=country("VNM"), name="Saigon Textiles")
    return PlanFactory(
        owner=user,
        counterparty=counterparty,
        our_country=country("USA"),
        edition=hofstede,
        total_deal_value=Decimal("100"),
        first_order_value=Decimal("10"),
    )


def _overview(client, plan):
    return client.get(reverse("plans:detail", args=[plan.pk]))


def test_overview_shows_missing_pieces_as_links(client_user, plan):
    page = _overview(client_user, plan).content.decode()
    url = reverse("plans:relationship", args=[plan.pk])
    assert f'<a href="{url}#questions">No questions prepared</a>' in page
    assert "Decision-maker unknown" in page
    assert "Not assessed yet." in page


def test_overview_summarises_stance_roadmap_information_occasion_and_decider(client_user, plan):
    GoalAssessmentFactory(plan=plan, repeats="yes", best_efforts="yes")
    RoadmapStepFactory(plan=plan, title="Trial order", value=Decimal("10"), position=1)
    LearnItemFactory(plan=plan, topic="Their export markets")
    LearnItemFactory(plan=plan, topic="Known already", status="learned", learned="Yes")
    person = PersonFactory(counterparty=plan.counterparty, name="Ms Le")
    OccasionFactory(
        plan=plan,
        kind="banquet",
        held_on=datetime.date.today() + datetime.timedelta(days=3),
        place="Hanoi",
        their_attendees=[person],
    )
    DecisionMakerBeliefFactory(plan=plan, person=person, confidence="medium")
    page = _overview(client_user, plan).content.decode()
    assert "Recommendation: Relationship" in page
    assert "Trial order" in page
    assert "$90 short of the total deal" in page
    assert "Their export markets" in page
    assert "Known already" not in page
    assert "<strong>Banquet</strong>" in page
    assert "From their side: Ms Le." in page
    assert "<strong>Ms Le</strong>" in page
    assert "medium confidence" in page


def test_overview_readiness_changes_when_stage_2_is_saved(client_user, plan):
    assert "IP position not stated" in _overview(client_user, plan).content.decode()
    goals = reverse("plans:goals", args=[plan.pk])
    data = goals_data(client_user.get(goals))
    data["say-ip_protection-what_we_will_say"] = "Our dye recipes stay with us."
    assert client_user.post(goals, data).status_code == 302
    page = _overview(client_user, plan).content.decode()
    assert "IP position stated" in page
    assert "IP position not stated" not in page


def test_overview_ignores_a_decider_from_a_previous_counterparty(client_user, user, plan):
    old = PersonFactory(counterparty=CounterpartyFactory(owner=user), name="Old Contact")
    DecisionMakerBeliefFactory(plan=plan, person=old)
    page = _overview(client_user, plan).content.decode()
    assert "Old Contact" not in page
    assert "Decision-maker unknown" in page


# Query counts: 1 item vs 50 ------------------------------------------------------------


def _fill(plan, n):
    people = [PersonFactory(counterparty=plan.counterparty) for _ in range(n)]
    GoalAssessmentFactory(plan=plan, repeats="yes")
    for i in range(n):
        RoadmapStepFactory(plan=plan, position=i + 1)
        LearnItemFactory(plan=plan)
        TellItemFactory(plan=plan)
        KeepItemFactory(plan=plan)
        PlanQuestionFactory(plan=plan)
        OccasionFactory(
            plan=plan,
            held_on=datetime.date.today() + datetime.timedelta(days=i),
            their_attendees=people[:3],
        )
    for topic in ("test_order", "ip_protection"):
        SayEarlyItemFactory(plan=plan, topic=topic)
    DecisionMakerBeliefFactory(plan=plan, person=people[0])


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("name", ["plans:detail", "plans:goals", "plans:relationship"])
def test_stage_pages_run_the_same_queries_for_1_and_50_items(
    client_user, user, plan, name, django_assert_num_queries
):
    _fill(plan, 1)
    few = _queries(client_user, reverse(name, args=[plan.pk]))
    many_plan = PlanFactory(
        owner=user,
        counterparty=CounterpartyFactory(owner=user, country=plan.counterparty.country),
        our_country=plan.our_country,
        edition=plan.edition,
    )
    _fill(many_plan, 50)
    with django_assert_num_queries(few):
        client_user.get(reverse(name, args=[many_plan.pk]))
