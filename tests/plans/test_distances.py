"""plans.distances: covariance, Mahalanobis distance, the rank among an edition's rows and
its strip chart, on values worked out by hand (each test shows the arithmetic)."""

import math
import re

import pytest
from django.template.loader import render_to_string

from countries.dimensions import DIMENSION_CODES
from plans.distances import (
    MAHALANOBIS_EXPLAINED,
    Covariance,
    DistanceRank,
    EditionRow,
    RowDistance,
    covariance_matrix,
    distance_rank,
    mahalanobis,
    rank_sentence,
    strip_chart,
)
from plans.gaps import composite_distance, population_variances

# pdi: 0, 2, 2, 4 (mean 2) and idv: 0, 2, 0, 2 (mean 1).
# var(pdi) = (4 + 0 + 0 + 4) / 4 = 2; var(idv) = (1 + 1 + 1 + 1) / 4 = 1;
# cov = ((-2)(-1) + 0·1 + 0·(-1) + 2·1) / 4 = 1.  S = [[2, 1], [1, 1]], det 1,
# S⁻¹ = [[1, -1], [-1, 2]].
CORRELATED = [
    {"pdi": 0, "idv": 0},
    {"pdi": 2, "idv": 2},
    {"pdi": 2, "idv": 0},
    {"pdi": 4, "idv": 2},
]
# Every combination of 0 and 2: var 1 on both, covariance 0.
UNCORRELATED = [
    {"pdi": 0, "idv": 0},
    {"pdi": 2, "idv": 0},
    {"pdi": 0, "idv": 2},
    {"pdi": 2, "idv": 2},
]


def _covariance(rows) -> Covariance:
    return covariance_matrix(rows, codes=("pdi", "idv"))


# --- covariance -------------------------------------------------------------------------------


def test_covariance_of_two_dimensions_by_hand():
    covariance = _covariance(CORRELATED)

    assert covariance.get("pdi", "pdi") == 2
    assert covariance.get("idv", "idv") == 1
    assert covariance.get("pdi", "idv") == covariance.get("idv", "pdi") == 1


def test_covariance_is_pairwise_complete_with_each_pairs_own_means():
    rows = [
        {"pdi": 0, "idv": 0},
        {"pdi": 2, "idv": 2},
        {"pdi": 4, "idv": None},
        {"pdi": None, "idv": 5},
    ]

    covariance = _covariance(rows)

    # pdi over 0, 2, 4: mean 2, var (4 + 0 + 4) / 3 = 8/3.
    assert covariance.get("pdi", "pdi") == pytest.approx(8 / 3)
    # idv over 0, 2, 5: mean 7/3, var (49 + 1 + 64) / 9 / 3 = 38/9.
    assert covariance.get("idv", "idv") == pytest.approx(38 / 9)
    # The pair over the two rows with both: means 1 and 1, cov ((-1)(-1) + 1·1) / 2 = 1.
    assert covariance.get("pdi", "idv") == pytest.approx(1)
    assert covariance.counts[("pdi", "idv")] == 2
    assert covariance.counts[("pdi", "pdi")] == 3


def test_covariance_diagonal_is_exactly_the_kogut_singh_variances():
    rows = [
        {"pdi": 80, "idv": 20, "mas": 66, "uai": 30, "lto": 87, "ivr": 24},
        {"pdi": 35, "idv": 67, "mas": 66, "uai": 65, "lto": 83, "ivr": 40},
        {"pdi": 70, "idv": 20, "mas": 40, "uai": 30, "lto": 57, "ivr": 35},
        {"pdi": None, "idv": None, "mas": None, "uai": None, "lto": 61, "ivr": 15},
    ]

    covariance = covariance_matrix(rows)
    variances = population_variances(rows)

    for code in DIMENSION_CODES:
        assert covariance.variance(code) == variances[code]


def test_covariance_is_none_where_fewer_than_two_rows_share_a_pair():
    covariance = _covariance([{"pdi": 1, "idv": None}, {"pdi": None, "idv": 3}])

    assert covariance.get("pdi", "idv") is None
    assert covariance.variance("pdi") is None


# --- Mahalanobis ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("theirs", "expected"),
    [
        # d = (1, 1): dᵀS⁻¹d = 1 - 1 - 1 + 2 = 1. The dimensions move together, so this
        # gap counts for less than the standardised Euclidean √(1/2 + 1/1) ≈ 1.22.
        ({"pdi": 1, "idv": 1}, 1.0),
        # d = (1, -1): 1 + 1 + 1 + 2 = 5. Against the grain: √5.
        ({"pdi": 1, "idv": -1}, math.sqrt(5)),
        # d = (2, 0): 4·1 = 4, so 2.
        ({"pdi": 2, "idv": 0}, 2.0),
    ],
)
def test_mahalanobis_of_two_correlated_dimensions_by_hand(theirs, expected):
    result = mahalanobis({"pdi": 0, "idv": 0}, theirs, _covariance(CORRELATED))

    assert result.value == pytest.approx(expected)
    assert result.dimensions == ("pdi", "idv")
    assert result.dimensions_used == 2
    assert result.explanation is None


def test_mahalanobis_of_three_dimensions_by_hand():
    # S = [[4, 2, 0], [2, 3, 1], [0, 1, 2]] (leading minors 4, 8, 12: positive definite),
    # d = (1, 2, 3). Solving S x = d: z = (3 - y) / 2 and x = (1 - 2y) / 4 turn the middle
    # row into (4 - 3y) / 2 + 3y = 2, so y = 0, x = 1/4, z = 3/2, and
    # dᵀx = 1/4 + 0 + 9/2 = 4.75.
    codes = ("pdi", "idv", "mas")
    matrix = [[4, 2, 0], [2, 3, 1], [0, 1, 2]]
    values = {(a, b): float(matrix[i][j]) for i, a in enumerate(codes) for j, b in enumerate(codes)}
    covariance = Covariance(codes=codes, values=values, counts=dict.fromkeys(values, 10))

    result = mahalanobis(dict.fromkeys(codes, 0), {"pdi": 1, "idv": 2, "mas": 3}, covariance)

    assert result.value == pytest.approx(math.sqrt(4.75))


def test_mahalanobis_equals_the_standardised_euclidean_when_covariance_is_diagonal():
    ours, theirs = {"pdi": 0, "idv": 0}, {"pdi": 2, "idv": 1}

    result = mahalanobis(ours, theirs, _covariance(UNCORRELATED))
    _, euclidean, _ = composite_distance(ours, theirs, population_variances(UNCORRELATED))

    # var 1 and 1, no covariance: √(2² + 1²) = √5 both ways.
    assert result.value == pytest.approx(math.sqrt(5))
    assert result.value == pytest.approx(euclidean)


def test_mahalanobis_uses_only_the_dimensions_both_sides_have():
    covariance = _covariance(CORRELATED)

    result = mahalanobis({"pdi": 0, "idv": None}, {"pdi": 1, "idv": 2}, covariance)

    # Only pdi: |1| / √2.
    assert result.dimensions == ("pdi",)
    assert result.value == pytest.approx(1 / math.sqrt(2))


def test_mahalanobis_explains_a_singular_matrix_instead_of_failing():
    # idv = 2 × pdi in every row: var(pdi) = 2/3, var(idv) = 8/3, cov = 4/3, det 0.
    rows = [{"pdi": 0, "idv": 0}, {"pdi": 1, "idv": 2}, {"pdi": 2, "idv": 4}]

    result = mahalanobis({"pdi": 0, "idv": 0}, {"pdi": 1, "idv": 1}, _covariance(rows))

    assert result.value is None
    assert result.dimensions_used == 0
    assert result.explanation == (
        "The covariance matrix of PDI and IDV is singular: in this edition IDV moves in "
        "lockstep with PDI, so their gaps cannot be told apart and no Mahalanobis distance "
        "is given. The Kogut–Singh index still applies."
    )


def test_mahalanobis_names_every_dimension_a_dependent_one_is_made_of():
    # mas = pdi + idv; pdi and idv vary independently.
    rows = [
        {"pdi": p, "idv": i, "mas": p + i, "uai": u}
        for p, i, u in [(0, 0, 5), (2, 0, 1), (0, 2, 9), (2, 2, 3), (1, 3, 4)]
    ]
    covariance = covariance_matrix(rows, codes=("pdi", "idv", "mas", "uai"))
    ours = {"pdi": 0, "idv": 0, "mas": 0, "uai": 0}
    theirs = {"pdi": 1, "idv": 1, "mas": 1, "uai": 1}

    result = mahalanobis(ours, theirs, covariance)

    assert result.value is None
    assert "in this edition MAS is fully determined by PDI and IDV" in result.explanation


def test_mahalanobis_explains_pairwise_covariances_that_do_not_fit_together():
    # Variances 1; a and b, a and c move together (0.9), b and c against each other (-0.9):
    # no set of countries can have all three, and the Cholesky pivot of c goes negative
    # (1 - 0.81 - (-1.71)² / 0.19 < 0).
    codes = ("pdi", "idv", "mas")
    values = {(a, a): 1.0 for a in codes}
    for a, b, value in [("pdi", "idv", 0.9), ("pdi", "mas", 0.9), ("idv", "mas", -0.9)]:
        values[(a, b)] = values[(b, a)] = value
    covariance = Covariance(codes=codes, values=values, counts=dict.fromkeys(values, 10))

    result = mahalanobis(dict.fromkeys(codes, 0), dict.fromkeys(codes, 1), covariance)

    assert result.value is None
    assert "not positive definite" in result.explanation
    assert "fails at MAS" in result.explanation


def test_mahalanobis_explains_a_pair_too_few_rows_share():
    rows = [
        {"pdi": 1, "idv": None},
        {"pdi": 3, "idv": None},
        {"pdi": None, "idv": 2},
        {"pdi": None, "idv": 6},
    ]

    result = mahalanobis({"pdi": 0, "idv": 0}, {"pdi": 1, "idv": 1}, _covariance(rows))

    assert result.value is None
    assert result.explanation.startswith(
        "Too few rows of this edition have scores on both PDI and IDV"
    )


def test_mahalanobis_without_a_shared_dimension_says_so():
    result = mahalanobis({"pdi": 1}, {"idv": 2}, _covariance(CORRELATED))

    assert result.value is None
    assert result.explanation == "The two sides have no dimension with a score on both sides."


def test_mahalanobis_says_what_it_adds_in_one_line():
    result = mahalanobis({"pdi": 0, "idv": 0}, {"pdi": 1, "idv": 1}, _covariance(CORRELATED))

    assert result.what_it_adds == MAHALANOBIS_EXPLAINED
    assert "discounts dimensions that move together" in MAHALANOBIS_EXPLAINED


def test_mahalanobis_on_the_bundled_dataset_is_smaller_than_the_plain_sum_for_correlated_gaps():
    from countries.loader import HOFSTEDE_CSV, parse_score_csv

    rows = [row.scores for row in parse_score_csv(HOFSTEDE_CSV.read_text(encoding="utf-8"))]
    covariance = covariance_matrix(rows)
    by_code = {
        row.code: row.scores for row in parse_score_csv(HOFSTEDE_CSV.read_text(encoding="utf-8"))
    }

    result = mahalanobis(by_code["DEU"], by_code["VNM"], covariance)

    assert result.dimensions == DIMENSION_CODES
    assert result.value is not None
    assert result.value > 0


# --- rank -------------------------------------------------------------------------------------

# Variances 1 on both dimensions, so KSI = mean of the squared gaps from ours at (0, 0).
UNIT = {"pdi": 1.0, "idv": 1.0}
OURS = {"pdi": 0, "idv": 0}
THEIRS = {"pdi": 2, "idv": 0}  # KSI (4 + 0) / 2 = 2
TINY_EDITION = [
    EditionRow("OUR", "Usland", OURS),
    EditionRow("THR", "Themland", THEIRS),
    EditionRow("AAA", "Alpha", {"pdi": 1, "idv": 0}),  # (1 + 0) / 2 = 0.5: closer
    EditionRow("BBB", "Beta", {"pdi": 0, "idv": 2}),  # (0 + 4) / 2 = 2: as far
    EditionRow("CCC", "Gamma", {"pdi": 3, "idv": 3}),  # (9 + 9) / 2 = 9: farther
    EditionRow("DDD", "Delta", {"pdi": None, "idv": 1}),  # no pdi: left out
]


def test_rank_on_a_tiny_edition_by_hand():
    rank = distance_rank(OURS, THEIRS, TINY_EDITION, UNIT, exclude={"OUR", "THR"})

    assert rank.theirs == pytest.approx(2)
    assert rank.dimensions == ("pdi", "idv")
    assert [(o.code, o.distance) for o in rank.others] == [
        ("AAA", 0.5),
        ("BBB", 2.0),
        ("CCC", 9.0),
    ]
    assert (rank.closer, rank.tied, rank.farther, rank.left_out) == (1, 1, 1, 1)
    assert rank.compared == 3


def test_rank_sentence_reads_like_the_issue_asks():
    rank = distance_rank(OURS, THEIRS, TINY_EDITION, UNIT, exclude={"OUR", "THR"})

    assert rank_sentence(rank, ours_name="Usland", theirs_name="Themland") == (
        "Themland is farther from Usland than 1 of the 3 other countries and regions in "
        "this edition with scores on the same 2 dimensions, and exactly as far as one of them."
    )


def test_rank_compares_on_the_dimensions_the_two_sides_share_only():
    # They have no idv: only pdi counts, and Delta (no pdi) is still left out while a row
    # without idv is compared. KSI on pdi alone: theirs 4, Alpha 1, Beta 0, Gamma 9.
    theirs = {"pdi": 2, "idv": None}
    rows = [*TINY_EDITION, EditionRow("EEE", "Epsilon", {"pdi": 5, "idv": None})]

    rank = distance_rank(OURS, theirs, rows, UNIT, exclude={"OUR", "THR"})

    assert rank.dimensions == ("pdi",)
    assert rank.theirs == pytest.approx(4)
    assert [(o.code, o.distance) for o in rank.others] == [
        ("BBB", 0.0),
        ("AAA", 1.0),
        ("CCC", 9.0),
        ("EEE", 25.0),
    ]
    assert (rank.closer, rank.tied, rank.farther, rank.left_out) == (2, 0, 2, 1)


def test_rank_uses_the_same_index_as_the_page():
    variances = population_variances(row.scores for row in TINY_EDITION)

    rank = distance_rank(OURS, THEIRS, TINY_EDITION, variances, exclude={"OUR", "THR"})

    page_ksi, _, _ = composite_distance(OURS, THEIRS, variances)
    assert rank.theirs == pytest.approx(page_ksi)
    gamma = composite_distance(OURS, {"pdi": 3, "idv": 3}, variances)[0]
    assert rank.others[-1].distance == pytest.approx(gamma)


@pytest.mark.parametrize(
    ("closer", "tied", "expected"),
    [
        (
            0,
            0,
            "Themland is closer to Usland than any of the 3 other countries and regions in "
            "this edition.",
        ),
        (
            3,
            0,
            "Themland is farther from Usland than all the 3 other countries and regions in "
            "this edition.",
        ),
        (
            1,
            2,
            "Themland is farther from Usland than 1 of the 3 other countries and regions in "
            "this edition, and exactly as far as 2 of them.",
        ),
    ],
)
def test_rank_sentence_at_the_ends_and_with_ties(closer, tied, expected):
    others = tuple(RowDistance(f"R{i}", f"Row {i}", float(i)) for i in range(3))
    rank = DistanceRank(
        theirs=1.0,
        dimensions=("pdi",),
        others=others,
        closer=closer,
        tied=tied,
        farther=3 - closer - tied,
    )

    assert rank_sentence(rank, ours_name="Usland", theirs_name="Themland") == expected


def test_rank_without_shared_dimensions_or_comparable_rows_says_so():
    none_shared = distance_rank({"pdi": 1}, {"idv": 1}, TINY_EDITION, UNIT)
    nobody_else = distance_rank(OURS, THEIRS, TINY_EDITION[:2], UNIT, exclude={"OUR", "THR"})

    assert none_shared.theirs is None
    assert "no dimension with a score on both sides" in rank_sentence(
        none_shared, ours_name="Usland", theirs_name="Themland"
    )
    assert rank_sentence(nobody_else, ours_name="Usland", theirs_name="Themland") == (
        "No other country or region in this edition has scores on the same 2 dimensions, so "
        "Themland cannot be placed among them."
    )
    assert strip_chart(none_shared, ours_name="Usland", theirs_name="Themland") is None


# --- strip chart ------------------------------------------------------------------------------


def test_strip_chart_places_every_row_on_one_axis_with_theirs_marked():
    rank = distance_rank(OURS, THEIRS, TINY_EDITION, UNIT, exclude={"OUR", "THR"})

    chart = strip_chart(rank, ours_name="Usland", theirs_name="Themland")

    # Farthest 9: ticks every 2 up to 10, over x 16..536 (52 px per unit).
    assert [t.label for t in chart.ticks] == ["0", "2", "4", "6", "8", "10"]
    assert [t.x for t in chart.ticks] == [16.0, 120.0, 224.0, 328.0, 432.0, 536.0]
    assert [(d.code, d.x) for d in chart.dots] == [("AAA", 42.0), ("BBB", 120.0), ("CCC", 484.0)]
    assert chart.marker_x == 120.0
    assert chart.marker_label == "Themland 2.00"
    assert chart.ours_label == "Usland = 0"
    assert "Themland, marked with a triangle, is at 2.00; 1 are closer" in chart.description
    assert all(d.y < chart.axis_y for d in chart.dots)


def test_strip_chart_stacks_rows_at_the_same_distance_instead_of_hiding_one():
    others = (
        *(RowDistance(f"R{i}", f"Row {i}", 1.0) for i in range(3)),
        RowDistance("FAR", "Far", 4.0),
    )
    rank = DistanceRank(theirs=2.0, dimensions=("pdi",), others=others, closer=3, farther=1)

    chart = strip_chart(rank, ours_name="Usland", theirs_name="Themland")

    same = [d for d in chart.dots if d.code.startswith("R")]
    assert len({d.x for d in same}) == 1
    assert len({d.y for d in same}) == 3  # three levels, one circle each
    assert chart.height > chart.axis_y


def test_strip_chart_include_renders_the_sentence_the_svg_and_mahalanobis():
    rank = distance_rank(OURS, THEIRS, TINY_EDITION, UNIT, exclude={"OUR", "THR"})
    context = {
        "rank_sentence": rank_sentence(rank, ours_name="Usland", theirs_name="Themland"),
        "strip": strip_chart(rank, ours_name="Usland", theirs_name="<b>Themland</b>"),
        "mahalanobis": mahalanobis(OURS, {"pdi": 1, "idv": 1}, _covariance(CORRELATED)),
    }

    html = render_to_string("includes/distance_rank.html", context)

    assert "Themland is farther from Usland than 1 of the 3 other" in html
    svg = re.search(r"<svg .*?</svg>", html, re.S).group(0)
    assert 'role="img"' in svg
    assert "<desc" in svg
    assert svg.count('<circle class="strip-dot"') == 3
    assert svg.count('<polygon class="strip-marker"') == 1
    assert "&lt;b&gt;Themland&lt;/b&gt; 2.00" in svg
    assert "<b>" not in html
    assert "Mahalanobis distance:</strong>\n    1.00 (over 2 dimensions)" in html
    assert MAHALANOBIS_EXPLAINED in html


def test_strip_chart_include_gives_the_reason_when_there_is_no_mahalanobis_distance():
    singular = [{"pdi": 0, "idv": 0}, {"pdi": 1, "idv": 2}, {"pdi": 2, "idv": 4}]
    context = {
        "rank_sentence": "Some sentence.",
        "strip": None,
        "mahalanobis": mahalanobis(OURS, {"pdi": 1, "idv": 1}, _covariance(singular)),
    }

    html = render_to_string("includes/distance_rank.html", context)

    assert "<svg" not in html
    assert "not given. The covariance matrix of PDI and IDV is singular" in html
