"""Switching a plan's counterparty: confirmed first, then the old company's people detached.

The invariant the switch keeps: nothing in a plan refers to a person of another
counterparty. `person_relations()` finds every relation from the plan's models to a
Person by introspection, so a relation added later is checked too.
"""

import datetime
import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.models import ForeignKey, ManyToManyField, OneToOneField
from django.urls import reverse

from counterparties.models import Person
from plans.models import DecisionMakerBelief, Occasion, Plan
from plans.services import SwitchNeedsConfirmation, plan_details_save
from tests.factories import (
    CounterpartyFactory,
    DecisionMakerBeliefFactory,
    OccasionFactory,
    PersonFactory,
    PlanFactory,
)
from tests.operations.test_atomic_writes import fail_after
from tests.plans.stage_post import form_data, switch_confirm_data

EVIDENCE = "Signs every purchase order herself; the others wait for her nod."
# The one-page brief with the relationship section (an incomplete query prints the full plan).
BRIEF = "?layout=brief&paper=a4&sections=relationship"


@pytest.fixture
def old_company(user, country):
    return CounterpartyFactory(owner=user, name="Saigon Textiles", country=country("VNM"))


@pytest.fixture
def new_company(user, country):
    company = CounterpartyFactory(owner=user, name="Hanoi Weaving", country=country("VNM"))
    PersonFactory(counterparty=company, name="Lê Văn Chí")
    return company


@pytest.fixture
def plan(user, hofstede, country, old_company):
    plan = PlanFactory(
        owner=user,
        counterparty=old_company,
        our_country=country("USA"),
        edition=hofstede,
        title="Fabric supply",
    )
    an = PersonFactory(counterparty=old_company, name="Nguyễn Văn An")
    binh = PersonFactory(counterparty=old_company, name="Trần Thị Bình")
    OccasionFactory(
        plan=plan,
        kind=Occasion.Kind.DINNER,
        held_on=datetime.date(2027, 3, 1),
        place="Quận 1",
        their_attendees=[an, binh],
    )
    OccasionFactory(plan=plan, kind=Occasion.Kind.CALL, held_on=datetime.date(2027, 4, 2))
    DecisionMakerBeliefFactory(plan=plan, person=binh, confidence="high", evidence=EVIDENCE)
    return plan


def _edit_url(plan) -> str:
    return reverse("plans:update", args=[plan.pk])


def _form_post(client, plan, **changes) -> dict:
    data = form_data(client.get(_edit_url(plan)).context["form"])
    return {**data, **changes}


def _snapshot(plan) -> dict:
    """What a switch may change: the plan row, its attendees and its belief."""
    return {
        "plan": Plan.objects.filter(pk=plan.pk).values().get(),
        "attendees": sorted(
            Occasion.their_attendees.through.objects.filter(occasion__plan=plan).values_list(
                "occasion_id", "person_id"
            )
        ),
        "belief": list(DecisionMakerBelief.objects.filter(plan=plan).values()),
    }


def _confirm_data(response) -> dict:
    """The confirmation page's form, as the browser sends it on "Switch and detach"."""
    return switch_confirm_data(response)


def _switch(client, plan, counterparty) -> None:
    """Switch as a user would: post the form, then confirm if asked."""
    response = client.post(_edit_url(plan), _form_post(client, plan, counterparty=counterparty.pk))
    if response.status_code == 200 and "fingerprint" in response.context:
        response = client.post(_edit_url(plan), _confirm_data(response))
    assert response.status_code == 302


# --- The introspected invariant ------------------------------------------------------------


def person_relations() -> list:
    """Every FK, one-to-one and M2M to Person from Plan or from a model with a FK to Plan."""
    found = []
    for model in apps.get_app_config("plans").get_models():
        forward = [f for f in model._meta.get_fields() if f.is_relation and not f.auto_created]
        belongs_to_plan = model is Plan or any(
            f.related_model is Plan and isinstance(f, ForeignKey | OneToOneField) for f in forward
        )
        if belongs_to_plan:
            found += [f for f in forward if f.related_model is Person]
    if not found:
        raise AssertionError(
            "No relation from the plan's models to Person found: is the walk broken?"
        )
    return found


def _plan_filter(model) -> str:
    if model is Plan:
        return "pk"
    return next(
        f.name
        for f in model._meta.get_fields()
        if f.related_model is Plan and isinstance(f, ForeignKey | OneToOneField)
    )


def referenced_counterparties(plan) -> dict[str, set[int]]:
    """Per relation to Person: the counterparties of the people the plan refers to."""
    result = {}
    for relation in person_relations():
        model = relation.model
        rows = model.objects.filter(**{_plan_filter(model): plan.pk})
        values = rows.filter(**{f"{relation.name}__isnull": False}).values_list(
            f"{relation.name}__counterparty_id", flat=True
        )
        result[f"{model.__name__}.{relation.name}"] = set(values)
    return result


def assert_only_people_of_its_counterparty(plan) -> None:
    plan.refresh_from_db()
    strays = {
        name: ids - {plan.counterparty_id}
        for name, ids in referenced_counterparties(plan).items()
        if ids - {plan.counterparty_id}
    }
    assert strays == {}, f"plan refers to people of other counterparties: {strays}"


def test_person_relations_are_found_by_introspection():
    names = {f"{r.model.__name__}.{r.name}" for r in person_relations()}
    # A new relation shows up here first: the switch (plans.services.plan_details_save)
    # and migration 0007 must detach it, and the fixture above must fill it.
    assert names == {"Occasion.their_attendees", "DecisionMakerBelief.person"}
    kinds = {type(r) for r in person_relations()}
    assert kinds <= {ForeignKey, OneToOneField, ManyToManyField}


def test_the_fixture_plan_refers_to_the_old_company_through_every_relation(plan, old_company):
    found = referenced_counterparties(plan)
    assert found, "no relations checked"
    assert all(ids == {old_company.pk} for ids in found.values()), found


def test_every_person_a_plan_refers_to_is_of_its_counterparty_after_a_switch(
    client_user, plan, new_company
):
    _switch(client_user, plan, new_company)

    assert_only_people_of_its_counterparty(plan)
    assert plan.counterparty == new_company


# --- Confirmation first ----------------------------------------------------------------------


def test_switch_with_attendees_and_decision_maker_asks_first_and_changes_nothing(
    client_user, plan, new_company
):
    before = _snapshot(plan)
    data = _form_post(client_user, plan, counterparty=new_company.pk, title="Fabric supply 2028")

    response = client_user.post(_edit_url(plan), data)

    assert response.status_code == 200
    assert response.templates[0].name == "plans/plan_confirm_switch.html"
    page = response.content.decode()
    assert "from “Saigon Textiles” to “Hanoi Weaving”?" in page
    assert "Dinner, 1 Mar 2027, Quận 1" in page
    assert "Nguyễn Văn An (Saigon Textiles), Trần Thị Bình (Saigon Textiles)" in page
    assert "<strong>Trần Thị Bình</strong> (Saigon Textiles) decides, with high confidence" in page
    assert "Signs every purchase order herself" in page
    assert "Call, 2 Apr 2027" not in page  # nothing of theirs attends the call
    assert "Switch and detach" in page
    assert "Go back to the form" in page
    assert _snapshot(plan) == before


def test_switch_confirmation_carries_the_whole_form_input_forward(client_user, plan, new_company):
    data = _form_post(
        client_user,
        plan,
        counterparty=new_company.pk,
        title="Fabric supply 2028",
        deal_summary="Typed on the form: keep me.",
        total_deal_value="2000000.00",
    )
    data.pop("use_personal_scores", None)  # unticked

    response = client_user.post(_edit_url(plan), data)

    carried = _confirm_data(response)
    assert carried["title"] == "Fabric supply 2028"
    assert carried["deal_summary"] == "Typed on the form: keep me."
    assert carried["total_deal_value"] == "2000000.00"
    assert carried["counterparty"] == str(new_company.pk)
    assert carried["use_personal_scores"] == "False"
    assert 'type="hidden" name="deal_summary" value="Typed on the form: keep me."' in (
        response.content.decode()
    )


def test_switch_go_back_shows_the_form_with_the_input_and_saves_nothing(
    client_user, plan, new_company
):
    before = _snapshot(plan)
    data = _form_post(client_user, plan, counterparty=new_company.pk, title="Fabric supply 2028")
    confirm = client_user.post(_edit_url(plan), data)

    response = client_user.post(_edit_url(plan), switch_confirm_data(confirm, "back"))

    assert response.status_code == 200
    assert response.templates[0].name == "plans/plan_form.html"
    form = response.context["form"]
    assert form["title"].value() == "Fabric supply 2028"
    assert str(form["counterparty"].value()) == str(new_company.pk)
    assert not form.errors
    assert _snapshot(plan) == before


def test_switch_confirmed_detaches_exactly_what_was_listed(client_user, plan, new_company):
    keep = PersonFactory(counterparty=new_company, name="Phạm Minh Đức")
    call = plan.occasions.get(kind=Occasion.Kind.CALL)
    call.their_attendees.add(keep)  # already of the new company: not detached
    data = _form_post(client_user, plan, counterparty=new_company.pk, title="Fabric supply 2028")
    confirm = client_user.post(_edit_url(plan), data)
    assert "Phạm Minh Đức" not in confirm.content.decode()  # of the new company: stays

    response = client_user.post(_edit_url(plan), _confirm_data(confirm), follow=True)

    assert response.redirect_chain[-1][0] == plan.get_absolute_url()
    plan.refresh_from_db()
    assert (plan.counterparty, plan.title) == (new_company, "Fabric supply 2028")
    dinner = plan.occasions.get(kind=Occasion.Kind.DINNER)
    assert list(dinner.their_attendees.all()) == []
    assert list(call.their_attendees.all()) == [keep]
    belief = DecisionMakerBelief.objects.get(plan=plan)
    assert (belief.person, belief.evidence, belief.confidence) == (None, "", "low")
    # The people themselves stay with their own company.
    assert set(
        Person.objects.filter(counterparty__name="Saigon Textiles").values_list("name", flat=True)
    ) == {
        "Nguyễn Văn An",
        "Trần Thị Bình",
    }
    assert (
        "Plan details saved, now with “Hanoi Weaving”: 2 attendees of another counterparty came "
        "off its occasions, and the belief about who decides was cleared, with its evidence."
    ) in response.content.decode()


def test_switch_confirmed_is_one_transaction(client_user, plan, new_company, monkeypatch):
    before = _snapshot(plan)
    confirm = client_user.post(
        _edit_url(plan), _form_post(client_user, plan, counterparty=new_company.pk)
    )
    # The plan and the attendees are written first; the belief's save then fails.
    calls = fail_after(monkeypatch, DecisionMakerBelief, allowed=0)
    client_user.raise_request_exception = False

    response = client_user.post(_edit_url(plan), _confirm_data(confirm))

    assert calls["count"] == 1
    assert response.status_code == 500
    assert _snapshot(plan) == before


def test_stale_switch_confirmation_detaches_nothing_and_shows_the_new_list(
    client_user, plan, new_company
):
    confirm = client_user.post(
        _edit_url(plan), _form_post(client_user, plan, counterparty=new_company.pk)
    )
    # Meanwhile, in another tab: a third person is added to the call.
    late = PersonFactory(counterparty=plan.counterparty, name="Võ Thị Cúc")
    plan.occasions.get(kind=Occasion.Kind.CALL).their_attendees.add(late)
    before = _snapshot(plan)

    response = client_user.post(_edit_url(plan), _confirm_data(confirm))

    assert response.status_code == 409
    page = response.content.decode()
    assert "nothing was saved or detached" in page
    assert "Võ Thị Cúc (Saigon Textiles)" in page
    assert _snapshot(plan) == before
    # Confirming the list as it is now goes through.
    assert client_user.post(_edit_url(plan), _confirm_data(response)).status_code == 302
    assert_only_people_of_its_counterparty(plan)


def test_switch_service_refuses_an_unconfirmed_or_forged_confirmation(plan, new_company):
    before = _snapshot(plan)
    for confirmed in ("", "0" * 64):
        plan.counterparty = new_company
        with pytest.raises(SwitchNeedsConfirmation) as raised:
            plan_details_save(plan=plan, confirmed=confirmed)
        assert raised.value.detachments.attendee_count == 2
        assert _snapshot(plan) == before


def test_switch_with_nothing_to_detach_saves_directly(
    client_user, user, hofstede, country, new_company
):
    bare = PlanFactory(owner=user, counterparty=CounterpartyFactory(owner=user), edition=hofstede)
    OccasionFactory(plan=bare)
    DecisionMakerBeliefFactory(plan=bare, evidence="Nobody named yet.")

    response = client_user.post(
        _edit_url(bare), _form_post(client_user, bare, counterparty=new_company.pk)
    )

    assert response.status_code == 302
    bare.refresh_from_db()
    assert bare.counterparty == new_company
    assert bare.decision_belief.evidence == "Nobody named yet."


def test_plan_update_refuses_someone_elses_counterparty(client_user, plan, other_user):
    theirs = CounterpartyFactory(owner=other_user)
    before = _snapshot(plan)

    response = client_user.post(
        _edit_url(plan), _form_post(client_user, plan, counterparty=theirs.pk)
    )

    assert response.status_code == 200
    assert "counterparty" in response.context["form"].errors
    assert _snapshot(plan) == before


# --- What the pages show afterwards ------------------------------------------------------------


def test_overview_and_print_after_a_switch_show_no_old_company_person(
    client_user, plan, new_company
):
    OccasionFactory(plan=plan, kind=Occasion.Kind.MEETING, held_on=datetime.date.today())
    plan.occasions.get(kind=Occasion.Kind.MEETING).their_attendees.set(
        plan.counterparty.people.all()
    )
    _switch(client_user, plan, new_company)

    pages = {
        "overview": client_user.get(plan.get_absolute_url()),
        "print": client_user.get(reverse("plans:print", args=[plan.pk])),
        "brief": client_user.get(reverse("plans:print", args=[plan.pk]) + BRIEF),
        "stage 3": client_user.get(reverse("plans:relationship", args=[plan.pk])),
    }

    for name, response in pages.items():
        page = response.content.decode()
        assert response.status_code == 200, name
        assert "Nguyễn Văn An" not in page, name
        assert "Trần Thị Bình" not in page, name
        assert "Signs every purchase order" not in page, name
    assert "Lê Văn Chí" in pages["print"].content.decode()
    assert pages["brief"].context["options"].is_brief


# --- Old data: the migration -------------------------------------------------------------------


def test_data_migration_detaches_people_of_other_counterparties(plan, new_company):
    # The state an old switch left behind: the plan moved on, the references did not.
    Plan.objects.filter(pk=plan.pk).update(counterparty=new_company)
    chi = new_company.people.get()
    plan.occasions.get(kind=Occasion.Kind.CALL).their_attendees.add(chi)
    untouched = PlanFactory(owner=plan.owner, counterparty=plan.counterparty, edition=plan.edition)
    an = Person.objects.get(name="Nguyễn Văn An")
    OccasionFactory(plan=untouched, their_attendees=[an])
    DecisionMakerBeliefFactory(plan=untouched, person=an, evidence="Kept")
    migration = importlib.import_module(
        "plans.migrations.0007_detach_people_of_other_counterparties"
    )
    state = MigrationLoader(connection).project_state(("plans", "0006_history_baseline"))

    migration.detach_people_of_other_counterparties(state.apps, None)

    assert_only_people_of_its_counterparty(plan)
    assert list(plan.occasions.get(kind=Occasion.Kind.CALL).their_attendees.all()) == [chi]
    belief = DecisionMakerBelief.objects.get(plan=plan)
    assert (belief.person, belief.evidence, belief.confidence) == (None, EVIDENCE, "high")
    # A plan whose references were right is left alone.
    assert list(untouched.occasions.get().their_attendees.all()) == [an]
    assert DecisionMakerBelief.objects.get(plan=untouched).person == an


def test_data_migration_is_wired_to_run_forwards():
    migration = importlib.import_module(
        "plans.migrations.0007_detach_people_of_other_counterparties"
    )
    operation = migration.Migration.operations[0]
    assert operation.code is migration.detach_people_of_other_counterparties
