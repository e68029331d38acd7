"""Deleting the person a plan believed decides: the plan says so and keeps the evidence."""

import pytest
from django.db import DatabaseError
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from counterparties.models import Person
from counterparties.services import person_delete
from plans.models import DecisionMakerBelief
from tests.factories import (
    CounterpartyFactory,
    DecisionMakerBeliefFactory,
    OccasionFactory,
    PersonFactory,
    PlanFactory,
)
from tests.plans.stage_post import form_data, relationship_data

EVIDENCE = "Everyone waited for her before answering; she signed the sample order."
# The one-page brief with the relationship section (an incomplete query prints the full plan).
BRIEF = "?layout=brief&paper=a4&sections=relationship"


@pytest.fixture
def company(user):
    return CounterpartyFactory(owner=user, name="Saigon Textiles")


@pytest.fixture
def decider(company):
    return PersonFactory(counterparty=company, name="Trần Thị B", title="Owner")


@pytest.fixture
def plan(user, hofstede, country, company, decider):
    plan = PlanFactory(
        owner=user, counterparty=company, our_country=country("USA"), edition=hofstede
    )
    OccasionFactory(plan=plan, their_attendees=[decider])
    DecisionMakerBeliefFactory(plan=plan, person=decider, confidence="high", evidence=EVIDENCE)
    return plan


def _removal_sentence(company) -> str:
    day = date_format(timezone.localdate(), "j M Y")
    return (
        "The person you believed decides, <strong>Trần Thị B</strong>, was removed from "
        f"{company.name} on {day}."
    )


def _delete_through_the_page(client, company, decider):
    url = reverse("counterparties:person_delete", args=[company.pk, decider.pk])
    assert client.post(url).status_code == 302


def test_person_delete_keeps_the_evidence_and_notes_who_was_removed(plan, decider):
    person_delete(person=decider)

    belief = DecisionMakerBelief.objects.get(plan=plan)
    assert belief.person is None
    assert (belief.evidence, belief.confidence) == (EVIDENCE, "high")
    assert belief.removed_person_name == "Trần Thị B"
    assert belief.person_removed_at is not None
    assert belief.person_was_removed
    assert not plan.occasions.get().their_attendees.exists()


def test_person_delete_writes_nothing_when_the_delete_fails(plan, decider, monkeypatch):
    def fail(self, *args, **kwargs):
        raise DatabaseError("simulated: the database went away")

    monkeypatch.setattr(Person, "delete", fail)

    with pytest.raises(DatabaseError):
        person_delete(person=decider)

    belief = DecisionMakerBelief.objects.get(plan=plan)
    assert (belief.person, belief.removed_person_name) == (decider, "")


def test_after_the_delete_overview_stage_3_and_print_say_so_and_show_the_evidence(
    client_user, plan, company, decider
):
    _delete_through_the_page(client_user, company, decider)
    print_url = reverse("plans:print", args=[plan.pk])
    pages = {
        "overview": client_user.get(plan.get_absolute_url()),
        "stage 3": client_user.get(reverse("plans:relationship", args=[plan.pk])),
        "print": client_user.get(print_url),
        "brief": client_user.get(print_url + BRIEF),
    }

    for name, response in pages.items():
        page = response.content.decode()
        assert response.status_code == 200, name
        assert _removal_sentence(company) in page, name
        assert EVIDENCE in page, name
    assert "Choose who decides now." in pages["overview"].content.decode()
    assert "Find out who decides now." in pages["print"].content.decode()
    assert pages["brief"].context["options"].is_brief
    stage_3 = pages["stage 3"]
    assert stage_3.context["decision"]["evidence"].value() == EVIDENCE


def test_readiness_treats_a_removed_decision_maker_as_unknown(client_user, plan, company, decider):
    _delete_through_the_page(client_user, company, decider)

    readiness = client_user.get(plan.get_absolute_url()).context["readiness"]

    decides = next(item for item in readiness if item.key == "decides")
    assert not decides.done
    assert decides.label == "Decision-maker unknown"


def test_choosing_someone_again_on_stage_3_clears_the_removal_note(
    client_user, plan, company, decider
):
    successor = PersonFactory(counterparty=company, name="Lê Văn C")
    _delete_through_the_page(client_user, company, decider)
    url = reverse("plans:relationship", args=[plan.pk])
    data = {**relationship_data(client_user.get(url)), "person": str(successor.pk)}

    assert client_user.post(url, data).status_code == 302

    belief = DecisionMakerBelief.objects.get(plan=plan)
    assert (belief.person, belief.removed_person_name, belief.person_removed_at) == (
        successor,
        "",
        None,
    )
    assert belief.evidence == EVIDENCE
    assert "was removed from" not in client_user.get(plan.get_absolute_url()).content.decode()


def test_saving_stage_3_without_choosing_keeps_the_removal_note(
    client_user, plan, company, decider
):
    _delete_through_the_page(client_user, company, decider)
    url = reverse("plans:relationship", args=[plan.pk])

    assert client_user.post(url, relationship_data(client_user.get(url))).status_code == 302

    assert _removal_sentence(company) in client_user.get(plan.get_absolute_url()).content.decode()


def test_switching_counterparty_lists_and_clears_the_removal_note(
    client_user, user, plan, company, decider
):
    _delete_through_the_page(client_user, company, decider)
    other = CounterpartyFactory(owner=user, name="Hanoi Weaving")
    url = reverse("plans:update", args=[plan.pk])
    data = {**form_data(client_user.get(url).context["form"]), "counterparty": str(other.pk)}

    confirm = client_user.post(url, data)

    page = confirm.content.decode()
    assert "The note that <strong>Trần Thị B</strong>, whom you believed decides" in page
    assert EVIDENCE in page
    response = client_user.post(
        url, {**data, "switch": "confirm", "detach": confirm.context["fingerprint"]}
    )
    assert response.status_code == 302
    belief = DecisionMakerBelief.objects.get(plan=plan)
    assert (belief.removed_person_name, belief.evidence) == ("", "")


def test_removal_note_shows_a_hostile_name_as_text(client_user, plan, company, decider):
    decider.name = "<script>alert(1)</script>"
    decider.save()
    _delete_through_the_page(client_user, company, decider)

    page = client_user.get(plan.get_absolute_url()).content.decode()

    assert "<strong>&lt;script&gt;alert(1)&lt;/script&gt;</strong>, was removed" in page
    assert "<script>alert(1)" not in page
