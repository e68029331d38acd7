"""A save that writes several rows and meets a database error midway leaves nothing behind.

Each test lets the first row through, then makes the next write fail as a dropped
connection would, and checks that the rows written before the failure were rolled back.
"""

import json

import pytest
from django.db import DatabaseError
from django.urls import reverse

from counterparties.models import Counterparty, CultureAdjustment, Person
from counterparties.services import counterparty_set_adjustments
from plans.exchange import plan_import
from plans.models import (
    GoalAssessment,
    KeepItem,
    LearnItem,
    Occasion,
    Plan,
    PlanQuestion,
    RoadmapStep,
    TellItem,
)
from tests.factories import CounterpartyFactory, PlanFactory
from tests.plans.fullplan import full_plan
from tests.plans.stage_post import goals_data, relationship_data


def fail_after(monkeypatch, model, allowed: int) -> dict:
    """Let `allowed` saves of `model` through, then raise DatabaseError on the next one."""
    original = model.save
    calls = {"count": 0}

    def save(self, *args, **kwargs):
        calls["count"] += 1
        if calls["count"] > allowed:
            raise DatabaseError("simulated: the database went away")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(model, "save", save)
    return calls


@pytest.fixture
def plan(user, hofstede):
    return PlanFactory(owner=user, first_order_value=1000, total_deal_value=10000)


def test_goals_save_leaves_no_rows_when_second_roadmap_step_fails(client_user, plan, monkeypatch):
    url = reverse("plans:goals", args=[plan.pk])
    data = goals_data(client_user.get(url))
    data.update(
        {
            "goals-repeats": "yes",
            "steps-TOTAL_FORMS": "2",
            "steps-0-position": "1",
            "steps-0-title": "Test order",
            "steps-0-value": "1000",
            "steps-1-position": "2",
            "steps-1-title": "Full order",
            "steps-1-value": "9000",
        }
    )
    calls = fail_after(monkeypatch, RoadmapStep, allowed=1)
    client_user.raise_request_exception = False

    response = client_user.post(url, data)

    assert calls["count"] == 2  # the first step was written before the failure
    assert response.status_code == 500
    assert not RoadmapStep.objects.filter(plan=plan).exists()
    assert not GoalAssessment.objects.filter(plan=plan).exists()
    plan.refresh_from_db()
    assert plan.goals_version == 0
    assert plan.goals_saved_at is None


def test_relationship_save_leaves_no_rows_when_a_later_item_fails(client_user, plan, monkeypatch):
    url = reverse("plans:relationship", args=[plan.pk])
    data = relationship_data(client_user.get(url))
    data.update(
        {
            "learn-TOTAL_FORMS": "2",
            "learn-0-topic": "How their orders are approved",
            "learn-0-status": "open",
            "learn-1-topic": "Their busy season",
            "learn-1-status": "open",
            "tell-TOTAL_FORMS": "1",
            "tell-0-topic": "Our delivery record",
        }
    )
    calls = fail_after(monkeypatch, TellItem, allowed=0)
    client_user.raise_request_exception = False

    response = client_user.post(url, data)

    assert calls["count"] == 1
    assert response.status_code == 500
    assert not LearnItem.objects.filter(plan=plan).exists()
    assert not TellItem.objects.filter(plan=plan).exists()
    plan.refresh_from_db()
    assert plan.relationship_version == 0


def test_set_adjustments_saves_none_when_second_row_fails(user, hofstede, monkeypatch):
    counterparty = CounterpartyFactory(owner=user)
    calls = fail_after(monkeypatch, CultureAdjustment, allowed=1)

    with pytest.raises(DatabaseError):
        counterparty_set_adjustments(
            counterparty=counterparty,
            adjustments={
                "pdi": (40, "Founder trained abroad"),
                "idv": (60, "Founder trained abroad"),
                "uai": (30, "Young team"),
            },
        )

    assert calls["count"] == 2
    assert not CultureAdjustment.objects.filter(counterparty=counterparty).exists()


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            Counterparty,
            Person,
            CultureAdjustment,
            Plan,
            GoalAssessment,
            RoadmapStep,
            LearnItem,
            KeepItem,
            PlanQuestion,
            Occasion,
        )
    }


def test_plan_import_writes_nothing_when_a_late_row_fails(client_user, user, hofstede, monkeypatch):
    plan = full_plan(user)
    exported = client_user.get(reverse("plans:export", args=[plan.pk]))
    assert exported.status_code == 200
    raw = json.dumps(json.loads(exported.content)).encode()
    before = _counts()
    calls = fail_after(monkeypatch, PlanQuestion, allowed=3)

    with pytest.raises(DatabaseError):
        plan_import(owner=user, raw=raw)

    assert calls["count"] == 4  # counterparty, people, plan and three questions came first
    assert _counts() == before
