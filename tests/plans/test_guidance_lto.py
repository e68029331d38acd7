"""Lower long-term orientation: the guidance keeps the article's 'trust first' point."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from plans.models import GapGuidance
from tests.factories import CounterpartyFactory, PlanFactory

seed = importlib.import_module("plans.migrations.0002_seed_gap_guidance")
revision = importlib.import_module("plans.migrations.0010_lto_lower_trust_first")
CELLS = [("lto", "lower", "moderate"), ("lto", "lower", "large")]


def _row(cell) -> GapGuidance:
    dimension, direction, band = cell
    return GapGuidance.objects.get(dimension=dimension, direction=direction, band=band)


def _set(cell, meaning: str, advice: str) -> None:
    dimension, direction, band = cell
    GapGuidance.objects.filter(dimension=dimension, direction=direction, band=band).update(
        meaning=meaning, advice=advice
    )


@pytest.mark.django_db
@pytest.mark.parametrize("cell", CELLS)
def test_fresh_database_has_the_revised_lto_texts(cell):
    row = _row(cell)
    _, new = revision.REVISIONS[cell]

    assert (row.meaning, row.advice) == new
    assert seed.GUIDANCE[cell] == new
    assert "trust" in row.meaning


@pytest.mark.django_db
@pytest.mark.parametrize("cell", CELLS)
def test_revision_replaces_the_shipped_text_and_records_it(cell):
    old, new = revision.REVISIONS[cell]
    _set(cell, *old)

    revision.forwards(apps, None)

    row = _row(cell)
    assert (row.meaning, row.advice) == new
    latest = row.history.first()
    assert (latest.history_type, latest.meaning) == ("~", new[0])
    assert latest.history_change_reason == revision.REASON


@pytest.mark.django_db
def test_revision_keeps_a_trainers_own_wording():
    old, _ = revision.REVISIONS[CELLS[1]]
    _set(CELLS[1], "A trainer's own meaning.", old[1])  # the advice is still the original
    history_before = _row(CELLS[1]).history.count()

    revision.forwards(apps, None)

    row = _row(CELLS[1])
    assert (row.meaning, row.advice) == ("A trainer's own meaning.", old[1])
    assert row.history.count() == history_before


@pytest.mark.django_db
def test_revision_reversed_restores_the_shipped_text_only_where_unchanged():
    _set(CELLS[0], "Edited after the revision.", "Edited too.")

    revision.backwards(apps, None)

    assert (_row(CELLS[1]).meaning, _row(CELLS[1]).advice) == revision.REVISIONS[CELLS[1]][0]
    assert _row(CELLS[0]).meaning == "Edited after the revision."


@pytest.mark.django_db
def test_revision_run_twice_changes_nothing_the_second_time():
    _set(CELLS[0], *revision.REVISIONS[CELLS[0]][0])
    revision.forwards(apps, None)
    count = _row(CELLS[0]).history.count()

    revision.forwards(apps, None)

    assert _row(CELLS[0]).history.count() == count


def test_stage_one_explains_quick_results_and_patience_together(client_user, user, country):
    # Japan's LTO is 88, the Philippines' 27: a large gap, they score lower.
    plan = PlanFactory(
        owner=user,
        counterparty=CounterpartyFactory(owner=user, country=country("PHL")),
        our_country=country("JPN"),
        edition=country("JPN").scores.get().edition,
    )

    html = client_user.get(reverse("plans:gap", args=[plan.pk])).text

    assert "A short horizon for the deal is not a short road to trust" in html
    assert "treat early socialising as their check on you" in html
