"""The transaction-vs-relationship rule and the roadmap sums (plans.goals), hand-checked."""

from decimal import Decimal

import pytest

from plans.goals import SIGNAL_KEYS, assess, band_for, roadmap_totals, spectrum_geometry

ALL_NO = dict.fromkeys(SIGNAL_KEYS, "no")


@pytest.mark.parametrize(
    ("yes", "position", "key"),
    [
        ((), 0, "balanced"),
        (("repeats",), 33, "lean_relationship"),  # 100 * 1/3
        (("repeats", "best_efforts"), 67, "relationship"),  # 100 * 2/3
        (("commodity",), -25, "lean_transaction"),  # -100 * 1/4
        (("commodity", "marketplace"), -50, "lean_transaction"),
        (("unique_asset", "switch_suppliers", "commodity"), -75, "transaction"),
        (("repeats", "commodity"), 8, "balanced"),  # 33.3 - 25
        (("repeats", "best_efforts", "commodity", "marketplace"), 17, "balanced"),
    ],
)
def test_assess_places_the_deal_on_the_spectrum(yes, position, key):
    stance = assess({**ALL_NO, **dict.fromkeys(yes, "yes")})
    assert (stance.position, stance.key) == (position, key)
    assert not stance.relationship_required


@pytest.mark.parametrize(
    "others",
    [
        (),
        ("commodity", "marketplace"),
        ("unique_asset", "switch_suppliers", "commodity", "marketplace"),
    ],
)
def test_assess_makes_relationship_required_when_they_hold_our_assets(others):
    stance = assess({**ALL_NO, "holds_our_assets": "yes", **dict.fromkeys(others, "yes")})
    assert stance.relationship_required
    assert stance.key == "relationship"
    assert stance.position >= 60


def test_assess_lists_reasons_each_way_and_what_is_unsure():
    stance = assess(
        {"repeats": "yes", "commodity": "yes", "marketplace": "not_sure", "unique_asset": "no"},
        {"repeats": "Every spring"},
    )
    assert [r.signal.key for r in stance.towards_relationship] == ["repeats"]
    assert stance.towards_relationship[0].note == "Every spring"
    assert [r.signal.key for r in stance.towards_transaction] == ["commodity"]
    assert [r.signal.key for r in stance.unsure] == ["marketplace"]
    assert stance.answered == 4


def test_assess_without_answers_is_not_assessed():
    stance = assess({})
    assert stance.key == "not_assessed"
    assert not stance.assessed


def test_assess_not_sure_does_not_move_the_position():
    stance = assess(dict.fromkeys(SIGNAL_KEYS, "not_sure"))
    assert (stance.position, stance.key, stance.answered) == (0, "balanced", 7)


@pytest.mark.parametrize(
    ("position", "key"),
    [
        (100, "relationship"),
        (60, "relationship"),
        (59, "lean_relationship"),
        (20, "lean_relationship"),
        (19, "balanced"),
        (-19, "balanced"),
        (-20, "lean_transaction"),
        (-59, "lean_transaction"),
        (-60, "transaction"),
        (-100, "transaction"),
    ],
)
def test_band_for_edges(position, key):
    assert band_for(position)[0] == key


@pytest.mark.parametrize(
    ("position", "marker_x"),
    [(-100, 20.0), (0, 200.0), (100, 380.0), (50, 290.0), (-250, 20.0)],
)
def test_spectrum_geometry_places_the_marker(position, marker_x):
    assert spectrum_geometry(position).marker_x == marker_x


D = Decimal


@pytest.mark.parametrize(
    ("values", "deal", "first", "running", "difference", "warnings"),
    [
        ([D(10), D(40), D(50)], D(100), D(10), (D(10), D(50), D(100)), D(0), 0),
        ([D(10), D(40)], D(100), D(10), (D(10), D(50)), D(-50), 1),
        ([D(10), D(140)], D(100), D(10), (D(10), D(150)), D(50), 1),
        ([D(20), D(80)], D(100), D(10), (D(20), D(100)), D(0), 1),
        ([D(20), D(30)], None, None, (D(20), D(50)), None, 0),
        ([], D(100), D(10), (), None, 0),
    ],
)
def test_roadmap_totals(values, deal, first, running, difference, warnings):
    totals = roadmap_totals(values, deal_total=deal, first_order=first, currency="USD")
    assert totals.running == running
    assert totals.difference == difference
    assert len(totals.warnings) == warnings


def test_roadmap_totals_words_the_shortfall():
    totals = roadmap_totals([D(10), D(40)], deal_total=D(100), first_order=D(10), currency="EUR")
    assert totals.warnings == (
        "The steps add up to €50, €50 short of the total deal of €100. "
        "Add a step or adjust the values.",
    )


def test_roadmap_totals_flags_a_first_step_that_is_not_the_test_order():
    totals = roadmap_totals([D(25)], deal_total=None, first_order=D(10), currency="USD")
    assert totals.first_differs
    assert "plan's test order is $10" in totals.warnings[0]
