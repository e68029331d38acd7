"""Stage 2 (goals) and stage 3 (relationship) pages: access, saving, validation, conflicts."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from plans.models import (
    DecisionMakerBelief,
    GoalAssessment,
    LearnItem,
    Occasion,
    Plan,
    PlanQuestion,
    RoadmapStep,
    SayEarlyItem,
)
from plans.services import StageConflict, plan_stage_claim
from tests.factories import (
    CounterpartyFactory,
    PersonFactory,
    PlanFactory,
    QuestionTemplateFactory,
    RoadmapStepFactory,
)
from tests.plans.stage_post import goals_data, relationship_data

STAGES = ["plans:goals", "plans:relationship"]


@pytest.fixture
def plan(user):
    return PlanFactory(
        owner=user,
        title="Fabric supply",
        currency="USD",
        total_deal_value=Decimal("100000.00"),
        first_order_value=Decimal("10000.00"),
    )


def _url(name, plan):
    return reverse(name, args=[plan.pk])


# Access ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", STAGES)
def test_stage_page_redirects_anonymous_users_to_sign_in(client, plan, name):
    response = client.get(_url(name, plan))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name", STAGES)
def test_stage_page_opens_for_the_owner(client_user, plan, name):
    response = client_user.get(_url(name, plan))
    assert response.status_code == 200
    assert "Not saved yet" in response.content.decode()


@pytest.mark.parametrize("name", STAGES)
def test_stage_page_is_not_found_for_another_user(client_other, plan, name):
    assert client_other.get(_url(name, plan)).status_code == 404


@pytest.mark.parametrize("name", STAGES)
def test_stage_save_is_not_found_for_another_user_and_saves_nothing(client, user, plan, name):
    client.force_login(user)
    page = client.get(_url(name, plan))
    data = goals_data(page) if name == "plans:goals" else relationship_data(page)
    data.update({"steps-0-title": "Sneaky step", "learn-0-topic": "Sneaky topic"})
    other = PlanFactory(title="Someone else's").owner
    client.force_login(other)
    assert client.post(_url(name, plan), data).status_code == 404
    plan.refresh_from_db()
    assert plan.goals_version == 0
    assert plan.relationship_version == 0
    assert not RoadmapStep.objects.exists()
    assert not LearnItem.objects.exists()


@pytest.mark.parametrize("name", STAGES)
def test_stage_page_rejects_other_methods(client_user, plan, name):
    assert client_user.put(_url(name, plan)).status_code == 405


# Stage 2: goals -------------------------------------------------------------------------


def test_goals_save_stores_answers_roadmap_say_early_and_positions(client_user, plan):
    data = goals_data(client_user.get(_url("plans:goals", plan)))
    data.update(
        {
            "goals-repeats": "yes",
            "goals-repeats_note": "Three seasons a year",
            "goals-holds_our_assets": "yes",
            "goals-commodity": "no",
            "goals-marketplace": "not_sure",
            "goals-our_target": "95000",
            "goals-our_walk_away": "80000",
            "steps-0-title": "Test order",
            "steps-0-value": "10000",
            "steps-0-target_on": "2027-03-01",
            "say-ip_protection-what_we_will_say": "Our print designs stay ours.",
            "say-ip_protection-said": "on",
        }
    )
    response = client_user.post(_url("plans:goals", plan), data)
    assert response.status_code == 302
    assert response.url == _url("plans:goals", plan)
    assessment = GoalAssessment.objects.get(plan=plan)
    assert assessment.repeats == "yes"
    assert assessment.repeats_note == "Three seasons a year"
    assert assessment.marketplace == "not_sure"
    assert assessment.unique_asset == ""
    assert assessment.our_walk_away == Decimal("80000")
    step = RoadmapStep.objects.get(plan=plan)
    assert (step.title, step.value, step.target_on) == (
        "Test order",
        Decimal("10000"),
        datetime.date(2027, 3, 1),
    )
    ip = SayEarlyItem.objects.get(plan=plan, topic="ip_protection")
    assert ip.said
    assert SayEarlyItem.objects.filter(plan=plan).count() == 1  # untouched topics not stored
    plan.refresh_from_db()
    assert plan.goals_version == 1
    assert plan.goals_saved_at is not None


def test_goals_page_shows_recommendation_and_required_relationship(client_user, plan):
    data = goals_data(client_user.get(_url("plans:goals", plan)))
    data.update({"goals-holds_our_assets": "yes", "goals-commodity": "yes"})
    client_user.post(_url("plans:goals", plan), data)
    page = client_user.get(_url("plans:goals", plan)).content.decode()
    assert "Recommendation: Relationship" in page
    assert "A relationship is not optional here." in page
    assert 'role="img"' in page
    assert "Last saved" in page


def test_goals_page_prefills_first_step_with_the_test_order(client_user, plan):
    response = client_user.get(_url("plans:goals", plan))
    assert response.context["steps"].forms[0]["value"].value() == Decimal("10000.00")


def test_goals_page_warns_when_roadmap_does_not_add_up(client_user, plan):
    RoadmapStepFactory(plan=plan, title="Test order", value=Decimal("10000"), position=1)
    RoadmapStepFactory(plan=plan, title="Season one", value=Decimal("40000"), position=2)
    page = client_user.get(_url("plans:goals", plan)).content.decode()
    assert "Check the roadmap:" in page
    assert "$50,000 short of the total deal of $100,000" in page


def test_goals_save_deletes_a_ticked_step(client_user, plan):
    RoadmapStepFactory(plan=plan, title="Old step")
    data = goals_data(client_user.get(_url("plans:goals", plan)))
    data["steps-0-DELETE"] = "on"
    assert client_user.post(_url("plans:goals", plan), data).status_code == 302
    assert not RoadmapStep.objects.filter(plan=plan).exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("goals-our_target", "-5", "greater than or equal to 0"),
        ("goals-our_walk_away", "lots", "Enter an amount such as 1500 or 1500.50."),
        ("steps-0-value", "-1", "greater than or equal to 0"),
        ("say-test_order-said", "on", "Write down what was said"),
    ],
)
def test_goals_invalid_post_is_redisplayed_and_saves_nothing(
    client_user, plan, field, value, message
):
    data = goals_data(client_user.get(_url("plans:goals", plan)))
    data.update({"goals-repeats": "yes", "steps-0-title": "Test order", field: value})
    response = client_user.post(_url("plans:goals", plan), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "Nothing was saved" in page
    assert 'value="Test order"' in page  # the user's input is kept
    assert not GoalAssessment.objects.exists()
    assert not RoadmapStep.objects.exists()
    plan.refresh_from_db()
    assert plan.goals_version == 0


def test_goals_step_without_a_title_is_refused(client_user, plan):
    data = goals_data(client_user.get(_url("plans:goals", plan)))
    data.update({"steps-0-title": "   ", "steps-0-value": "5"})
    response = client_user.post(_url("plans:goals", plan), data)
    assert response.status_code == 200
    assert "Give the step a title" in response.content.decode()
    assert not RoadmapStep.objects.exists()


def test_goals_step_of_another_plan_cannot_be_edited_through_this_plan(client_user, user, plan):
    foreign = RoadmapStepFactory(title="Theirs", value=Decimal("7"))
    data = goals_data(client_user.get(_url("plans:goals", plan)))
    data.update(
        {
            "steps-TOTAL_FORMS": "1",
            "steps-INITIAL_FORMS": "1",
            "steps-0-id": str(foreign.pk),
            "steps-0-plan": str(plan.pk),
            "steps-0-title": "Hijacked",
            "steps-0-value": "1",
        }
    )
    client_user.post(_url("plans:goals", plan), data)
    foreign.refresh_from_db()
    assert foreign.title == "Theirs"
    assert foreign.plan_id != plan.pk


# Conflicts ------------------------------------------------------------------------------


def test_goals_second_tab_save_is_held_back_as_a_conflict(client_user, plan):
    first_tab = goals_data(client_user.get(_url("plans:goals", plan)))
    second_tab = dict(first_tab)
    first_tab.update({"goals-repeats": "yes", "goals-our_target": "90000"})
    assert client_user.post(_url("plans:goals", plan), first_tab).status_code == 302
    second_tab.update({"goals-repeats": "no", "goals-our_target": "70000"})
    response = client_user.post(_url("plans:goals", plan), second_tab)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone saved this stage after you opened it" in page
    assert "Save mine anyway" in page
    assert "Discard mine and reload" in page
    assert 'value="70000"' in page  # my input is still in the form
    assert "Our target: $90,000" in page  # the other save's values are shown
    assessment = GoalAssessment.objects.get(plan=plan)
    assert (assessment.repeats, assessment.our_target) == ("yes", Decimal("90000"))
    plan.refresh_from_db()
    assert plan.goals_version == 1


def test_goals_save_mine_anyway_overwrites_after_a_conflict(client_user, plan):
    first_tab = goals_data(client_user.get(_url("plans:goals", plan)))
    second_tab = dict(first_tab)
    first_tab["goals-repeats"] = "yes"
    client_user.post(_url("plans:goals", plan), first_tab)
    second_tab.update({"goals-repeats": "no", "overwrite": "1"})
    assert client_user.post(_url("plans:goals", plan), second_tab).status_code == 302
    assert GoalAssessment.objects.get(plan=plan).repeats == "no"
    plan.refresh_from_db()
    assert plan.goals_version == 2


def test_goals_save_without_version_is_refused(client_user, plan):
    data = goals_data(client_user.get(_url("plans:goals", plan)))
    del data["version"]
    data["goals-repeats"] = "yes"
    assert client_user.post(_url("plans:goals", plan), data).status_code == 200
    assert not GoalAssessment.objects.exists()


def test_relationship_second_tab_save_is_held_back_as_a_conflict(client_user, plan):
    first_tab = relationship_data(client_user.get(_url("plans:relationship", plan)))
    second_tab = dict(first_tab)
    first_tab["learn-0-topic"] = "Their export markets"
    assert client_user.post(_url("plans:relationship", plan), first_tab).status_code == 302
    second_tab["learn-0-topic"] = "Their owners"
    response = client_user.post(_url("plans:relationship", plan), second_tab)
    assert response.status_code == 409
    page = response.content.decode()
    assert 'value="Their owners"' in page
    assert "Their export markets (open)" in page
    assert list(LearnItem.objects.values_list("topic", flat=True)) == ["Their export markets"]


def test_goals_and_relationship_versions_are_independent(client_user, plan):
    goals = goals_data(client_user.get(_url("plans:goals", plan)))
    relationship = relationship_data(client_user.get(_url("plans:relationship", plan)))
    goals["goals-repeats"] = "yes"
    relationship["tell-0-topic"] = "Our quality record"
    assert client_user.post(_url("plans:goals", plan), goals).status_code == 302
    assert client_user.post(_url("plans:relationship", plan), relationship).status_code == 302


# Stage 3: relationship ------------------------------------------------------------------


@pytest.fixture
def people(plan):
    return [
        PersonFactory(counterparty=plan.counterparty, name="Mr Tran"),
        PersonFactory(counterparty=plan.counterparty, name="Ms Le"),
    ]


def test_relationship_save_stores_every_part(client_user, plan, people):
    template = QuestionTemplateFactory(text="What do you look for in a partner?")
    data = relationship_data(client_user.get(_url("plans:relationship", plan)))
    data.update(
        {
            "learn-0-topic": "Their export markets",
            "learn-0-status": "in_progress",
            "learn-0-due_on": "2027-02-01",
            "tell-0-topic": "Our quality record",
            "keep-0-topic": "Dye recipes",
            "questions-0-text": "How did the company start?",
            "questions-0-position": "1",
            "pick-library": [str(template.pk)],
            "occasions-0-kind": "dinner",
            "occasions-0-held_on": "2027-02-10",
            "occasions-0-place": "Hanoi",
            "occasions-0-their_attendees": [str(people[0].pk)],
            "person": str(people[1].pk),
            "confidence": "medium",
            "evidence": "Everyone looked at her before answering.",
        }
    )
    response = client_user.post(_url("plans:relationship", plan), data)
    assert response.status_code == 302
    assert LearnItem.objects.get(plan=plan).status == "in_progress"
    assert plan.tell_items.get().topic == "Our quality record"
    assert plan.keep_items.get().topic == "Dye recipes"
    assert list(plan.questions.values_list("text", "position", "source")) == [
        ("How did the company start?", 1, None),
        ("What do you look for in a partner?", 2, template.pk),
    ]
    occasion = Occasion.objects.get(plan=plan)
    assert list(occasion.their_attendees.all()) == [people[0]]
    belief = DecisionMakerBelief.objects.get(plan=plan)
    assert (belief.person, belief.confidence) == (people[1], "medium")
    plan.refresh_from_db()
    assert plan.relationship_version == 1


def test_relationship_picking_a_library_question_twice_adds_it_once(client_user, plan):
    template = QuestionTemplateFactory()
    for _ in range(2):
        data = relationship_data(client_user.get(_url("plans:relationship", plan)))
        data["pick-library"] = [str(template.pk)]
        assert client_user.post(_url("plans:relationship", plan), data).status_code == 302
    assert PlanQuestion.objects.filter(plan=plan).count() == 1


def test_relationship_questions_are_reordered_by_their_number(client_user, plan):
    data = relationship_data(client_user.get(_url("plans:relationship", plan)))
    data.update({"questions-0-text": "First written", "questions-0-position": "2"})
    client_user.post(_url("plans:relationship", plan), data)
    data = relationship_data(client_user.get(_url("plans:relationship", plan)))
    data.update({"questions-1-text": "Second written", "questions-1-position": "1"})
    client_user.post(_url("plans:relationship", plan), data)
    assert list(plan.questions.values_list("text", flat=True)) == [
        "Second written",
        "First written",
    ]


def test_relationship_question_answered_and_marked_asked(client_user, plan):
    data = relationship_data(client_user.get(_url("plans:relationship", plan)))
    data.update({"questions-0-text": "Plans abroad?", "questions-0-position": "1"})
    client_user.post(_url("plans:relationship", plan), data)
    data = relationship_data(client_user.get(_url("plans:relationship", plan)))
    data.update({"questions-0-asked": "on", "questions-0-answer": "Japan next year."})
    assert client_user.post(_url("plans:relationship", plan), data).status_code == 302
    question = plan.questions.get()
    assert question.asked
    assert question.answer == "Japan next year."


def test_relationship_attendee_from_another_counterparty_is_refused(
    client_user, user, plan, people
):
    stranger = PersonFactory(counterparty=CounterpartyFactory(owner=user), name="Stranger")
    data = relationship_data(client_user.get(_url("plans:relationship", plan)))
    data.update({"occasions-0-place": "Hanoi", "occasions-0-their_attendees": [str(stranger.pk)]})
    response = client_user.post(_url("plans:relationship", plan), data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Occasion.objects.exists()


def test_relationship_attendees_are_hidden_when_the_counterparty_has_no_people(client_user, plan):
    page = client_user.get(_url("plans:relationship", plan)).content.decode()
    assert "occasions-0-their_attendees" not in page
    assert "first <a" in page


def test_relationship_decision_maker_from_another_counterparty_is_refused(
    client_user, other_user, plan
):
    stranger = PersonFactory(counterparty=CounterpartyFactory(owner=other_user))
    data = relationship_data(client_user.get(_url("plans:relationship", plan)))
    data["person"] = str(stranger.pk)
    response = client_user.post(_url("plans:relationship", plan), data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not DecisionMakerBelief.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("learn-0-status", "learned", "Write down what you learned"),
        ("learn-0-due_on", "not a date", "Enter a valid date."),
        ("questions-0-answer", "Yes", "Tick “asked”"),
        ("occasions-0-kind", "party", "Select a valid choice"),
        ("confidence", "certain", "Select a valid choice"),
    ],
)
def test_relationship_invalid_post_is_redisplayed_and_saves_nothing(
    client_user, plan, field, value, message
):
    data = relationship_data(client_user.get(_url("plans:relationship", plan)))
    data.update(
        {
            "learn-0-topic": "Their owners",
            "questions-0-text": "Who founded the firm?",
            "questions-0-position": "1",
            "occasions-0-place": "Da Nang",
            field: value,
        }
    )
    response = client_user.post(_url("plans:relationship", plan), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert 'value="Their owners"' in page
    assert not LearnItem.objects.exists()
    assert not PlanQuestion.objects.exists()
    assert not Occasion.objects.exists()
    assert Plan.objects.get(pk=plan.pk).relationship_version == 0


def test_relationship_page_says_occasions_are_due_diligence_both_ways(client_user, plan):
    page = client_user.get(_url("plans:relationship", plan)).content.decode()
    assert "due diligence in both directions" in page


# The version check itself ----------------------------------------------------------------


def test_stage_claim_bumps_the_version_and_sets_saved_at(plan):
    assert plan_stage_claim(plan=plan, stage="goals", expected_version=0, overwrite=False) == 1
    plan.refresh_from_db()
    assert (plan.goals_version, plan.relationship_version) == (1, 0)
    assert plan.goals_saved_at is not None


def test_stage_claim_with_a_stale_version_raises_and_changes_nothing(plan):
    plan_stage_claim(plan=plan, stage="relationship", expected_version=0, overwrite=False)
    with pytest.raises(StageConflict):
        plan_stage_claim(plan=plan, stage="relationship", expected_version=0, overwrite=False)
    assert Plan.objects.get(pk=plan.pk).relationship_version == 1


def test_stage_claim_refuses_an_unknown_stage(plan):
    with pytest.raises(ValueError, match="unknown stage"):
        plan_stage_claim(plan=plan, stage="gap", expected_version=0, overwrite=False)
