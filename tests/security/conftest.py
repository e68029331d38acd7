"""A world for the security tests: two negotiators with a full plan each, and a trainer.

The owner is also the admin of a shared team, with a second admin, a member, a viewer
and an open invitation; the other negotiator and the trainer are outside it.
"""

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
from teams.models import Invitation, Membership, Team
from teams.services import team_create, team_create_personal
from tests.factories import InvitationFactory, MembershipFactory, UserFactory
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
        # The teams the user is in, with all their members and invitations.
        "team": Team.objects.filter(memberships__user=user),
        "team membership": Membership.objects.filter(team__memberships__user=user),
        "team invitation": Invitation.objects.filter(team__memberships__user=user),
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
    team: Team
    # In `team`: a second admin (whom the owner can demote or remove), a member, a viewer.
    co_admin: Membership
    team_member: User
    team_viewer: User
    invitation: Invitation


def signed_in(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def world(hofstede, user, other_user, trainer) -> World:
    plan = full_plan(user, one_each=True)
    other_plan = full_plan(other_user, one_each=True)
    team_member = UserFactory(username="mona")
    team_viewer = UserFactory(username="victor")
    # Home countries set, so that no page sends them to the profile form first.
    for person in (trainer, team_member, team_viewer):
        profile = profile_for(person)
        profile.home_country = Country.objects.get(code="GBR")
        profile.save()
    for negotiator in (user, other_user):
        team_create_personal(user=negotiator)
    team = team_create(user=user, name="Mekong deal team")
    co_admin = MembershipFactory(
        team=team, user=UserFactory(username="bianca"), role=Membership.Role.ADMIN
    )
    MembershipFactory(team=team, user=team_member, role=Membership.Role.MEMBER)
    MembershipFactory(team=team, user=team_viewer, role=Membership.Role.VIEWER)
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
        team=team,
        co_admin=co_admin,
        team_member=team_member,
        team_viewer=team_viewer,
        invitation=InvitationFactory(team=team, invited_by=user, email="newcomer@example.com"),
    )


def pending_import_key(world: World) -> str:
    """The owner's own plan as an uploaded file, waiting for the import's confirm."""
    raw = signed_in(world.owner).get(reverse("plans:export", args=[world.plan.pk])).content
    return pending_import_store(owner=world.owner, raw=raw)
