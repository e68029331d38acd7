"""The volume command fills a database with consistent data and refuses to run twice."""

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.db.models import F

from counterparties.models import Counterparty, Person
from plans.models import DecisionMakerBelief, Occasion, Plan, PlanQuestion, RoadmapStep


def _fill(*args: str) -> None:
    call_command("fill_volume", "--scale", "0.002", *args, stdout=None)


def test_fill_volume_creates_the_scaled_counts_when_db_is_empty(hofstede):
    _fill()  # 200/5000/20000 x 0.002 = 1 user (rounded up from 0.4), 10, 40

    assert User.objects.filter(username__startswith="volume-").count() == 1
    assert Counterparty.objects.count() == 10
    assert Plan.objects.count() == 40
    assert Person.objects.count() >= 10
    assert RoadmapStep.objects.count() >= 40
    assert PlanQuestion.objects.count() >= 3 * 40
    assert Occasion.objects.count() >= 40


def test_fill_volume_keeps_every_plan_within_its_owner_data(hofstede):
    _fill()

    assert not Plan.objects.exclude(counterparty__owner=F("owner")).exists()
    assert (
        not DecisionMakerBelief.objects.exclude(person__isnull=True)
        .exclude(person__counterparty=F("plan__counterparty"))
        .exists()
    )
    assert not Occasion.their_attendees.through.objects.exclude(
        person__counterparty=F("occasion__plan__counterparty")
    ).exists()


def test_fill_volume_refuses_a_non_empty_db_unless_append(hofstede):
    _fill()

    with pytest.raises(CommandError, match="already has"):
        _fill()
    _fill("--append")

    assert Plan.objects.count() == 80
    assert User.objects.filter(username__startswith="volume-").count() == 2


def test_fill_volume_refuses_when_no_scores_are_loaded(db):
    with pytest.raises(CommandError, match="load_hofstede"):
        _fill()

    assert not Counterparty.objects.exists()


def test_fill_volume_fills_the_search_columns_so_the_list_search_finds_its_rows(hofstede):
    _fill()

    person = Person.objects.select_related("counterparty").order_by("pk").first()
    assert not Counterparty.objects.filter(search_text="").exists()
    assert not Person.objects.filter(search_text="").exists()
    found = Counterparty.objects.search(person.name.upper()).search(person.counterparty.name)
    assert list(found) == [person.counterparty]
