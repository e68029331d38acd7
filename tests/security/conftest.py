"""A world for the security tests: two negotiators with a full plan each, and a trainer."""

from dataclasses import dataclass

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from accounts.services import profile_for
from counterparties.models import Counterparty, CultureAdjustment, Person
from countries.models import Country
from plans.models import Occasion, Plan
from plans.pending_imports import pending_import_store
from tests.plans.fullplan import full_plan


def stage_models() -> list:
    """Every plans model whose rows belong to one plan (stages 2 and 3), found by its `plan` key."""
    found = []
    for model in apps.get_app_config("plans").get_models():
        field = next((f for f in model._meta.concrete_fields if f.name == "plan"), None)
        if field is not None and field.related_model is Plan:
            found.append(model)
    return found


def owned_rows(user: User) -> dict[str, list[dict]]:
    """Everything `user` owns, as plain values: compared before and after a request."""
    querysets = {
        "counterparty": Counterparty.objects.filter(owner=user),
        "adjustment": CultureAdjustment.objects.filter(counterparty__owner=user),
        "person": Person.objects.filter(counterparty__owner=user),
        "plan": Plan.objects.filter(owner=user),
        "occasion attendees": Occasion.their_attendees.through.objects.filter(
            occasion__plan__owner=user
        ),
        "profile": type(profile_for(user)).objects.filter(user=user),
    }
    for model in stage_models():
        querysets[model._meta.label] = model.objects.filter(plan__owner=user)
    return {name: list(qs.order_by("pk").values()) for name, qs in querysets.items()}


@dataclass
class World:
    owner: User
    other: User
    trainer: User
    counterparty: Counterparty
    person: Person
    plan: Plan
    other_counterparty: Counterparty
    other_person: Person
    other_plan: Plan


def signed_in(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def world(hofstede, user, other_user, trainer) -> World:
    plan = full_plan(user, one_each=True)
    other_plan = full_plan(other_user, one_each=True)
    profile = profile_for(trainer)
    profile.home_country = Country.objects.get(code="GBR")
    profile.save()
    return World(
        owner=user,
        other=other_user,
        trainer=trainer,
        counterparty=plan.counterparty,
        person=plan.counterparty.people.get(),
        plan=plan,
        other_counterparty=other_plan.counterparty,
        other_person=other_plan.counterparty.people.get(),
        other_plan=other_plan,
    )


def pending_import_key(world: World) -> str:
    """The owner's own plan as an uploaded file, waiting for the import's confirm."""
    raw = signed_in(world.owner).get(reverse("plans:export", args=[world.plan.pk])).content
    return pending_import_store(owner=world.owner, raw=raw)
