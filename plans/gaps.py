"""The cultural gap between two sides: per-dimension gaps, bands and composite distances.

Plain functions over plain values (score dicts keyed by dimension code); no ORM.

Kogut–Singh index (Kogut & Singh, 1988):
    KSI = (1/n) * sum_i (S_i,them - S_i,us)^2 / V_i
over the n dimensions both sides have, where V_i is the *population* variance
of dimension i over every row of the score edition that has a value for it
(regions and sub-national groups included). The standardised Euclidean
distance is sqrt(sum_i (S_i,them - S_i,us)^2 / V_i) over the same dimensions.
"""

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from statistics import pvariance

from countries.dimensions import BY_CODE, DIMENSION_CODES, Dimension

Scores = Mapping[str, int | None]

# Absolute gap (points on the 0-100 scale) at which a band starts. Defined once here
# and shown on the page.
MODERATE_FROM = 15
LARGE_FROM = 30


class Band(StrEnum):
    SMALL = "small"
    MODERATE = "moderate"
    LARGE = "large"


class Direction(StrEnum):
    HIGHER = "higher"  # they score higher than us
    LOWER = "lower"
    SAME = "same"


def band_for(gap: int) -> Band:
    size = abs(gap)
    if size >= LARGE_FROM:
        return Band.LARGE
    if size >= MODERATE_FROM:
        return Band.MODERATE
    return Band.SMALL


def band_thresholds() -> list[tuple[Band, str]]:
    """The bands in words, for display next to the table."""
    return [
        (Band.SMALL, f"under {MODERATE_FROM} points"),
        (Band.MODERATE, f"{MODERATE_FROM} to {LARGE_FROM - 1} points"),
        (Band.LARGE, f"{LARGE_FROM} points or more"),
    ]


def direction_for(gap: int) -> Direction:
    if gap > 0:
        return Direction.HIGHER
    if gap < 0:
        return Direction.LOWER
    return Direction.SAME


def population_variances(rows: Iterable[Scores]) -> dict[str, float | None]:
    """Population variance per dimension over the rows that have a value for it.

    None where fewer than two rows have a value or every value is equal (no spread:
    the dimension cannot be standardised).
    """
    columns: dict[str, list[int]] = {code: [] for code in DIMENSION_CODES}
    for row in rows:
        for code in DIMENSION_CODES:
            value = row.get(code)
            if value is not None:
                columns[code].append(value)
    variances: dict[str, float | None] = {}
    for code, values in columns.items():
        variance = pvariance(values) if len(values) >= 2 else 0.0
        variances[code] = variance if variance > 0 else None
    return variances


def merge_scores(base: Scores, override: Mapping[str, int | None] | None) -> dict[str, int | None]:
    """`base` with every non-empty value of `override` put in its place."""
    merged = {code: base.get(code) for code in DIMENSION_CODES}
    for code, value in (override or {}).items():
        if value is not None and code in merged:
            merged[code] = value
    return merged


@dataclass(frozen=True)
class DimensionGap:
    dimension: Dimension
    ours: int | None
    theirs: int | None
    ours_adjusted: bool = False
    theirs_adjusted: bool = False

    @property
    def comparable(self) -> bool:
        return self.ours is not None and self.theirs is not None

    @property
    def gap(self) -> int | None:
        """Them minus us; None when either score is missing."""
        if not self.comparable:
            return None
        return self.theirs - self.ours

    @property
    def size(self) -> int | None:
        return None if self.gap is None else abs(self.gap)

    @property
    def band(self) -> Band | None:
        return None if self.gap is None else band_for(self.gap)

    @property
    def direction(self) -> Direction | None:
        return None if self.gap is None else direction_for(self.gap)

    @property
    def in_words(self) -> str:
        """The direction in plain words, e.g. 'they accept hierarchy more than you do'."""
        if self.gap is None:
            missing = "your side's" if self.ours is None else "their"
            return f"no comparison: {missing} score is missing"
        if self.gap == 0:
            return "you score the same"
        phrase = self.dimension.more_phrase if self.gap > 0 else self.dimension.less_phrase
        return f"they {phrase}"

    @property
    def needs_guidance(self) -> bool:
        return self.band in (Band.MODERATE, Band.LARGE)


@dataclass(frozen=True)
class GapAnalysis:
    gaps: tuple[DimensionGap, ...]
    kogut_singh: float | None
    euclidean: float | None
    dimensions_used: int
    variances: Mapping[str, float | None]

    @property
    def dimensions_total(self) -> int:
        return len(self.gaps)

    @property
    def largest(self) -> tuple[DimensionGap, ...]:
        """The comparable gaps with the greatest size (ties all count); empty if none."""
        sizes = [g.size for g in self.gaps if g.size is not None]
        if not sizes or max(sizes) == 0:
            return ()
        top = max(sizes)
        return tuple(g for g in self.gaps if g.size == top)

    def ranked(self) -> list[DimensionGap]:
        """Comparable gaps, largest first."""
        return sorted((g for g in self.gaps if g.size is not None), key=lambda g: -g.size)

    def needing_guidance(self) -> list[DimensionGap]:
        """Moderate and large gaps, largest first."""
        return [g for g in self.ranked() if g.needs_guidance]

    @property
    def any_adjusted(self) -> bool:
        return any(g.ours_adjusted or g.theirs_adjusted for g in self.gaps)


def analyse_gap(
    ours: Scores,
    theirs: Scores,
    variances: Mapping[str, float | None],
    *,
    ours_override: Mapping[str, int | None] | None = None,
    theirs_override: Mapping[str, int | None] | None = None,
) -> GapAnalysis:
    """Compare two score sets; overrides (personal or adjusted scores) replace single values."""
    our_final = merge_scores(ours, ours_override)
    their_final = merge_scores(theirs, theirs_override)
    gaps = tuple(
        DimensionGap(
            dimension=BY_CODE[code],
            ours=our_final[code],
            theirs=their_final[code],
            ours_adjusted=(ours_override or {}).get(code) is not None,
            theirs_adjusted=(theirs_override or {}).get(code) is not None,
        )
        for code in DIMENSION_CODES
    )
    ksi, euclid, used = composite_distance(our_final, their_final, variances)
    return GapAnalysis(
        gaps=gaps, kogut_singh=ksi, euclidean=euclid, dimensions_used=used, variances=variances
    )


def composite_distance(
    ours: Scores, theirs: Scores, variances: Mapping[str, float | None]
) -> tuple[float | None, float | None, int]:
    """(Kogut–Singh index, standardised Euclidean distance, dimensions used).

    A dimension counts only when both sides have a score and it has a variance.
    With no such dimension both distances are None.
    """
    terms = []
    for code in DIMENSION_CODES:
        a, b, variance = ours.get(code), theirs.get(code), variances.get(code)
        if a is None or b is None or not variance:
            continue
        terms.append((b - a) ** 2 / variance)
    if not terms:
        return None, None, 0
    total = sum(terms)
    return total / len(terms), math.sqrt(total), len(terms)
