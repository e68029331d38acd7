"""The gap calculations, on numbers worked out by hand in the comments."""

import math

import pytest

from plans.gaps import (
    LARGE_FROM,
    MODERATE_FROM,
    Band,
    Direction,
    analyse_gap,
    band_for,
    composite_distance,
    merge_scores,
    population_variances,
)

USA = {"pdi": 40, "idv": 91, "mas": 62, "uai": 46, "lto": 26, "ivr": 68}
CHINA = {"pdi": 80, "idv": 20, "mas": 66, "uai": 30, "lto": 87, "ivr": 24}
ALBANIA = {"pdi": None, "idv": None, "mas": None, "uai": None, "lto": 61, "ivr": 15}
COSTA_RICA = {"pdi": 35, "idv": 15, "mas": 21, "uai": 86, "lto": None, "ivr": None}
EQUAL_VARIANCES = dict.fromkeys(USA, 100.0)


def test_kogut_singh_uses_all_six_dimensions_when_both_sides_have_them():
    # Gaps (China - USA): 40, -71, 4, -16, 61, -44.
    # Squares: 1600 + 5041 + 16 + 256 + 3721 + 1936 = 12570; / 100 = 125.7; / 6 = 20.95.
    ksi, euclid, used = composite_distance(USA, CHINA, EQUAL_VARIANCES)
    assert used == 6
    assert ksi == pytest.approx(20.95)
    assert euclid == pytest.approx(math.sqrt(125.7))  # 11.2116...


def test_kogut_singh_divides_each_dimension_by_its_own_variance():
    variances = {"pdi": 400.0, "idv": 100.0, "mas": 4.0, "uai": 64.0, "lto": 100.0, "ivr": 16.0}
    # 1600/400 + 5041/100 + 16/4 + 256/64 + 3721/100 + 1936/16
    # = 4 + 50.41 + 4 + 4 + 37.21 + 121 = 220.62; / 6 = 36.77
    ksi, euclid, used = composite_distance(USA, CHINA, variances)
    assert ksi == pytest.approx(36.77)
    assert euclid == pytest.approx(math.sqrt(220.62))
    assert used == 6


def test_kogut_singh_uses_only_the_shared_dimensions_when_one_side_is_partial():
    variances = {**EQUAL_VARIANCES, "lto": 400.0, "ivr": 500.0}
    # Albania - USA on LTO: 61 - 26 = 35 -> 1225 / 400 = 3.0625
    # on IVR: 15 - 68 = -53 -> 2809 / 500 = 5.618; sum 8.6805; / 2 = 4.34025
    ksi, euclid, used = composite_distance(USA, ALBANIA, variances)
    assert used == 2
    assert ksi == pytest.approx(4.34025)
    assert euclid == pytest.approx(math.sqrt(8.6805))


def test_composite_distance_is_none_when_no_dimension_is_shared():
    assert composite_distance(COSTA_RICA, ALBANIA, EQUAL_VARIANCES) == (None, None, 0)


def test_composite_distance_skips_a_dimension_without_variance():
    variances = {**EQUAL_VARIANCES, "pdi": None}
    ksi, _, used = composite_distance(USA, CHINA, variances)
    # Without PDI: (12570 - 1600) / 100 / 5 = 21.94
    assert used == 5
    assert ksi == pytest.approx(21.94)


def test_missing_score_is_never_treated_as_zero():
    analysis = analyse_gap(USA, ALBANIA, EQUAL_VARIANCES)
    pdi = analysis.gaps[0]
    assert pdi.ours == 40
    assert pdi.theirs is None
    assert pdi.gap is None
    assert pdi.band is None
    assert "missing" in pdi.in_words


def test_population_variance_divides_by_n_and_skips_missing_values():
    rows = [{"pdi": 1}, {"pdi": 2}, {"pdi": 3}, {"pdi": 4}, {"pdi": None}, {}]
    # mean 2.5; squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5; / 4 = 1.25 (sample would be 1.67)
    variances = population_variances(rows)
    assert variances["pdi"] == pytest.approx(1.25)
    assert variances["idv"] is None  # no values at all


def test_population_variance_is_none_when_every_value_is_equal():
    assert population_variances([{"mas": 50}, {"mas": 50}])["mas"] is None


@pytest.mark.parametrize(
    ("gap", "band"),
    [
        (0, Band.SMALL),
        (MODERATE_FROM - 1, Band.SMALL),
        (-(MODERATE_FROM - 1), Band.SMALL),
        (MODERATE_FROM, Band.MODERATE),
        (-(LARGE_FROM - 1), Band.MODERATE),
        (LARGE_FROM, Band.LARGE),
        (-LARGE_FROM, Band.LARGE),
        (100, Band.LARGE),
    ],
)
def test_band_for_uses_the_absolute_gap(gap, band):
    assert band_for(gap) is band


def test_gap_is_theirs_minus_ours_with_direction_in_words():
    analysis = analyse_gap(USA, CHINA, EQUAL_VARIANCES)
    pdi, idv = analysis.gaps[0], analysis.gaps[1]
    assert pdi.gap == 40
    assert pdi.direction is Direction.HIGHER
    assert pdi.in_words == "they accept hierarchy more than you do"
    assert idv.gap == -71
    assert idv.direction is Direction.LOWER
    assert idv.in_words == "they act more as a group than you do"


def test_largest_gap_and_ranking():
    analysis = analyse_gap(USA, CHINA, EQUAL_VARIANCES)
    assert [g.dimension.code for g in analysis.largest] == ["idv"]
    assert [g.dimension.code for g in analysis.ranked()] == [
        "idv",
        "lto",
        "ivr",
        "pdi",
        "uai",
        "mas",
    ]
    assert [g.dimension.code for g in analysis.needing_guidance()] == [
        "idv",
        "lto",
        "ivr",
        "pdi",
        "uai",
    ]


def test_overrides_replace_single_scores_and_are_flagged():
    analysis = analyse_gap(
        USA,
        CHINA,
        EQUAL_VARIANCES,
        ours_override={"pdi": 70, "idv": None},
        theirs_override={"uai": 60},
    )
    pdi, idv, _, uai, *_ = analysis.gaps
    assert (pdi.ours, pdi.ours_adjusted) == (70, True)
    assert (idv.ours, idv.ours_adjusted) == (91, False)
    assert (uai.theirs, uai.theirs_adjusted) == (60, True)
    assert analysis.any_adjusted


def test_merge_scores_ignores_empty_overrides_and_unknown_keys():
    assert merge_scores(USA, {"pdi": None, "xyz": 5}) == USA
