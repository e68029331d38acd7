import importlib
from collections import Counter
from itertools import product

import pytest
from django.apps import apps

from countries.dimensions import DIMENSION_CODES
from plans.models import GapGuidance

seed = importlib.import_module("plans.migrations.0002_seed_gap_guidance")

CELLS = set(product(DIMENSION_CODES, GapGuidance.Direction.values, GapGuidance.Band.values))


@pytest.mark.django_db
def test_guidance_seed_covers_every_dimension_direction_and_band():
    rows = set(GapGuidance.objects.values_list("dimension", "direction", "band"))

    assert len(CELLS) == 24
    assert rows == CELLS


@pytest.mark.django_db
def test_guidance_seed_has_one_row_per_cell():
    counts = Counter(GapGuidance.objects.values_list("dimension", "direction", "band"))

    assert GapGuidance.objects.count() == 24
    assert max(counts.values()) == 1


@pytest.mark.django_db
def test_guidance_seed_texts_are_non_empty_and_distinct():
    meanings = [g.meaning.strip() for g in GapGuidance.objects.all()]
    advice = [g.advice.strip() for g in GapGuidance.objects.all()]

    assert all(meanings)
    assert all(advice)
    assert len(set(meanings)) == 24
    assert len(set(advice)) == 24


@pytest.mark.django_db
def test_guidance_seed_restores_texts_without_duplicates_when_run_again():
    GapGuidance.objects.filter(dimension="pdi", direction="higher", band="large").update(
        advice="Changed"
    )

    seed.seed_guidance(apps, None)

    assert GapGuidance.objects.count() == 24
    row = GapGuidance.objects.get(dimension="pdi", direction="higher", band="large")
    assert row.advice == seed.GUIDANCE[("pdi", "higher", "large")][1]


@pytest.mark.django_db
def test_guidance_unseed_keeps_only_rows_edited_by_a_trainer():
    GapGuidance.objects.filter(dimension="uai", direction="lower", band="moderate").update(
        meaning="A trainer's own wording."
    )

    seed.unseed_guidance(apps, None)

    remaining = GapGuidance.objects.get()
    assert (remaining.dimension, remaining.direction, remaining.band) == (
        "uai",
        "lower",
        "moderate",
    )
    assert remaining.meaning == "A trainer's own wording."
