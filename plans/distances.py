"""Distances people can read: where a counterparty stands among all countries, and the
Mahalanobis distance as a second composite.

Plain functions over plain values (score dicts keyed by dimension code); no ORM.

Covariance. The covariance of two dimensions is the *population* covariance (divided by
n, not n - 1) over the rows of the edition that have scores on both ("pairwise
complete"), each pair with its own means. Population, to match the variances of the
Kogut–Singh index in plans.gaps (statistics.pvariance): the diagonal of the matrix is
exactly those variances, so with no covariance between dimensions the Mahalanobis distance
equals the page's standardised Euclidean distance. Regions and sub-national groups count,
as they do for the variances.

Mahalanobis distance. D = sqrt(dᵀ S⁻¹ d), where d holds their score minus ours on the
dimensions both sides have (and that vary in the edition) and S is the covariance matrix
of just those dimensions. It is solved through a Cholesky factorisation, S = L Lᵀ, so
D² = |L⁻¹ d|². Cholesky rather than a general solver because D only means something when
S is positive definite, and the factorisation finds out as it goes: a pivot that falls to
(nearly) zero means one dimension is a combination of the ones before it (S is singular),
a negative pivot that the pairwise-complete covariances do not fit together (which can
happen when different countries miss different dimensions). Either way the result says
so in words instead of giving a number.

Rank. Over every other row of the edition that has scores on all the dimensions the two
sides are compared on, the Kogut–Singh index from our scores to that row, on exactly those
dimensions, against the index from our scores to theirs.
"""

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from statistics import pvariance

from countries.dimensions import BY_CODE, DIMENSION_CODES
from plans.gaps import composite_distance

Scores = Mapping[str, int | float | None]

# A pivot is taken as zero when what is left of a dimension's variance after the
# dimensions before it is at most this share of its variance (R² above 1 - 1e-9).
SINGULAR_TOLERANCE = 1e-9

MAHALANOBIS_EXPLAINED = (
    "Like the Kogut–Singh index it scales each gap by how much that dimension varies "
    "across countries, but it also discounts dimensions that move together, so one "
    "underlying difference that shows on two related dimensions is not counted twice."
)


def _abbreviations(codes: Iterable[str]) -> str:
    names = [BY_CODE[code].abbreviation for code in codes]
    if len(names) <= 2:
        return " and ".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


# --- covariance -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Covariance:
    """Pairwise-complete population covariances of an edition's dimensions."""

    codes: tuple[str, ...]
    # (a, b) and (b, a) both present; None when fewer than two rows have both scores.
    values: Mapping[tuple[str, str], float | None]
    counts: Mapping[tuple[str, str], int]

    def get(self, a: str, b: str) -> float | None:
        return self.values[(a, b)]

    def variance(self, code: str) -> float | None:
        """The dimension's population variance; None when it cannot be estimated or is 0."""
        value = self.values[(code, code)]
        return value if value else None


def covariance_matrix(rows: Iterable[Scores], codes: Sequence[str] = DIMENSION_CODES) -> Covariance:
    """Population covariance of every pair of `codes`, each over the rows having both."""
    rows = list(rows)
    values: dict[tuple[str, str], float | None] = {}
    counts: dict[tuple[str, str], int] = {}
    for i, a in enumerate(codes):
        for b in codes[i:]:
            pairs = [
                (row[a], row[b])
                for row in rows
                if row.get(a) is not None and row.get(b) is not None
            ]
            n = len(pairs)
            if n < 2:
                value = None
            elif a == b:
                value = float(pvariance([x for x, _ in pairs]))  # as plans.gaps computes it
            else:
                mean_a = math.fsum(x for x, _ in pairs) / n
                mean_b = math.fsum(y for _, y in pairs) / n
                value = math.fsum((x - mean_a) * (y - mean_b) for x, y in pairs) / n
            values[(a, b)] = values[(b, a)] = value
            counts[(a, b)] = counts[(b, a)] = n
    return Covariance(codes=tuple(codes), values=values, counts=counts)


# --- Mahalanobis ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mahalanobis:
    """The distance, or why there is none (then `value` is None)."""

    value: float | None
    dimensions: tuple[str, ...]
    explanation: str | None = None

    @property
    def dimensions_used(self) -> int:
        return len(self.dimensions) if self.value is not None else 0

    @property
    def what_it_adds(self) -> str:
        return MAHALANOBIS_EXPLAINED


class _NotPositiveDefinite(Exception):
    def __init__(self, index: int, singular: bool, partners: tuple[int, ...]):
        self.index = index
        self.singular = singular
        self.partners = partners


def _cholesky(matrix: list[list[float]]) -> list[list[float]]:
    """Lower-triangular L with L Lᵀ = matrix; raises _NotPositiveDefinite at the failing
    column, naming the earlier columns it depends on when the matrix is singular there."""
    size = len(matrix)
    lower = [[0.0] * size for _ in range(size)]
    for k in range(size):
        for i in range(k):
            lower[k][i] = (
                matrix[k][i] - math.fsum(lower[k][j] * lower[i][j] for j in range(i))
            ) / lower[i][i]
        remainder = matrix[k][k] - math.fsum(lower[k][j] ** 2 for j in range(k))
        if remainder <= SINGULAR_TOLERANCE * matrix[k][k]:
            singular = remainder >= -SINGULAR_TOLERANCE * matrix[k][k]
            partners = _regressors(lower, k) if singular else ()
            raise _NotPositiveDefinite(k, singular, partners)
        lower[k][k] = math.sqrt(remainder)
    return lower


def _regressors(lower: list[list[float]], k: int) -> tuple[int, ...]:
    """The earlier columns with a real weight when column k is written as their combination.

    With L₀ the factor of the first k columns and l row k of L left of the diagonal, the
    weights β of column k regressed on columns 0..k-1 solve L₀ᵀ β = l.
    """
    row = lower[k][:k]
    beta = [0.0] * k
    for i in reversed(range(k)):
        beta[i] = (row[i] - math.fsum(lower[j][i] * beta[j] for j in range(i + 1, k))) / lower[i][i]
    scale = max((abs(b) for b in beta), default=0.0)
    return tuple(i for i, b in enumerate(beta) if scale and abs(b) > 1e-6 * scale)


def mahalanobis(ours: Scores, theirs: Scores, covariance: Covariance) -> Mahalanobis:
    """Mahalanobis distance over the dimensions both sides have and the edition varies on."""
    dims = tuple(
        code
        for code in covariance.codes
        if ours.get(code) is not None and theirs.get(code) is not None and covariance.variance(code)
    )
    if not dims:
        return Mahalanobis(None, (), "The two sides have no dimension with a score on both sides.")
    for i, a in enumerate(dims):
        for b in dims[i + 1 :]:
            if covariance.get(a, b) is None:
                return Mahalanobis(
                    None,
                    dims,
                    f"Too few rows of this edition have scores on both {_abbreviations((a, b))} "
                    "to tell how the two move together, so no Mahalanobis distance is given.",
                )
    matrix = [[covariance.get(a, b) for b in dims] for a in dims]
    try:
        lower = _cholesky(matrix)
    except _NotPositiveDefinite as failure:
        return Mahalanobis(None, dims, _explain(failure, dims))
    gaps = [theirs[code] - ours[code] for code in dims]
    solved: list[float] = []
    for k, gap in enumerate(gaps):
        solved.append((gap - math.fsum(lower[k][j] * solved[j] for j in range(k))) / lower[k][k])
    return Mahalanobis(math.sqrt(math.fsum(y * y for y in solved)), dims)


def _explain(failure: _NotPositiveDefinite, dims: tuple[str, ...]) -> str:
    name = _abbreviations((dims[failure.index],))
    if failure.singular:
        partners = tuple(dims[i] for i in failure.partners) or dims[: failure.index]
        verb = "moves in lockstep with" if len(partners) == 1 else "is fully determined by"
        return (
            f"The covariance matrix of {_abbreviations(dims)} is singular: in this edition "
            f"{name} {verb} {_abbreviations(partners)}, so their gaps cannot be told apart "
            "and no Mahalanobis distance is given. The Kogut–Singh index still applies."
        )
    return (
        f"The covariances of {_abbreviations(dims)}, each estimated from the countries that "
        "have both scores, do not fit together as one covariance matrix (it is not positive "
        f"definite; the check fails at {name}), so no Mahalanobis distance is given. The "
        "Kogut–Singh index still applies."
    )


# --- rank among the edition's rows -----------------------------------------------------------


@dataclass(frozen=True)
class EditionRow:
    code: str
    name: str
    scores: Scores


@dataclass(frozen=True)
class RowDistance:
    code: str
    name: str
    distance: float


@dataclass(frozen=True)
class DistanceRank:
    """Where their distance from us falls among every other comparable row's."""

    theirs: float | None  # Kogut–Singh index, ours to theirs, over `dimensions`
    dimensions: tuple[str, ...]
    others: tuple[RowDistance, ...] = field(default=())  # nearest first
    closer: int = 0  # rows nearer to ours than theirs is
    tied: int = 0
    farther: int = 0
    left_out: int = 0  # rows without a score on one of `dimensions`

    @property
    def compared(self) -> int:
        return len(self.others)


def _restricted(scores: Scores, dims: Iterable[str]) -> dict[str, int | float | None]:
    return {code: scores.get(code) for code in dims}


def distance_rank(
    ours: Scores,
    theirs: Scores,
    rows: Iterable[EditionRow],
    variances: Mapping[str, float | None],
    *,
    exclude: Iterable[str] = (),
) -> DistanceRank:
    """Rank the ours–theirs Kogut–Singh index among the indices from ours to every row.

    Rows in `exclude` (our country and theirs) are left out; so is a row without a score on
    one of the dimensions the two sides are compared on. Ties within a relative 1e-9 count
    as ties.
    """
    dims = tuple(
        code
        for code in DIMENSION_CODES
        if ours.get(code) is not None and theirs.get(code) is not None and variances.get(code)
    )
    if not dims:
        return DistanceRank(theirs=None, dimensions=())
    our_scores = _restricted(ours, dims)
    theirs_ksi, _, _ = composite_distance(our_scores, _restricted(theirs, dims), variances)
    excluded = set(exclude)
    others: list[RowDistance] = []
    left_out = 0
    for row in rows:
        if row.code in excluded:
            continue
        if any(row.scores.get(code) is None for code in dims):
            left_out += 1
            continue
        ksi, _, _ = composite_distance(our_scores, _restricted(row.scores, dims), variances)
        others.append(RowDistance(row.code, row.name, ksi))
    others.sort(key=lambda other: (other.distance, other.name))
    ties = [math.isclose(o.distance, theirs_ksi, rel_tol=1e-9) for o in others]
    tied = sum(ties)
    closer = sum(o.distance < theirs_ksi and not tie for o, tie in zip(others, ties, strict=True))
    return DistanceRank(
        theirs=theirs_ksi,
        dimensions=dims,
        others=tuple(others),
        closer=closer,
        tied=tied,
        farther=len(others) - closer - tied,
        left_out=left_out,
    )


def rank_sentence(rank: DistanceRank, *, ours_name: str, theirs_name: str) -> str:
    """The rank in one plain sentence, e.g. 'Vietnam is farther from Germany than 78 of
    the 107 other countries and regions in this edition.'"""
    if rank.theirs is None:
        return (
            f"{theirs_name} cannot be placed among the other countries: the two sides have "
            "no dimension with a score on both sides."
        )
    n = len(rank.dimensions)
    same = f" with scores on the same {n} dimensions" if rank.left_out else ""
    if rank.compared == 0:
        return (
            f"No other country or region in this edition has scores on the same {n} "
            f"dimensions, so {theirs_name} cannot be placed among them."
        )
    others = f"the {rank.compared} other countries and regions in this edition{same}"
    if rank.compared == 1:
        others = f"the one other country or region in this edition{same}"
    if rank.closer == 0 and rank.tied == 0:
        sentence = f"{theirs_name} is closer to {ours_name} than any of {others}"
    elif rank.closer == rank.compared:
        sentence = f"{theirs_name} is farther from {ours_name} than all {others}"
    else:
        sentence = f"{theirs_name} is farther from {ours_name} than {rank.closer} of {others}"
    if rank.tied == 1:
        sentence += ", and exactly as far as one of them"
    elif rank.tied > 1:
        sentence += f", and exactly as far as {rank.tied} of them"
    return sentence + "."


# --- strip chart ------------------------------------------------------------------------------

STRIP_WIDTH = 560
STRIP_LEFT = 16
STRIP_RIGHT = 24
DOT_RADIUS = 3.5
MAX_LEVELS = 8
MARKER_SPACE = 34  # above the dots: their marker's label
AXIS_SPACE = 34  # below the axis: tick labels and our side's label


@dataclass(frozen=True)
class StripDot:
    x: float
    y: float
    code: str
    name: str
    distance: float


@dataclass(frozen=True)
class StripTick:
    x: float
    label: str


@dataclass(frozen=True)
class StripChart:
    width: int
    height: int
    axis_y: float
    axis_x0: float
    axis_x1: float
    ticks: tuple[StripTick, ...]
    dots: tuple[StripDot, ...]
    dot_radius: float
    marker_x: float
    marker_top: float  # the triangle's base; its tip and the line start below it
    marker_points: str  # the triangle, as SVG polygon points
    marker_label: str
    marker_label_y: float
    marker_anchor: str  # where the label sits against the line: start, middle or end
    ours_label: str
    title: str
    description: str


def _tick_step(top: float) -> float:
    for step in (0.25, 0.5, 1, 2, 5, 10, 20, 50):
        if top / step <= 8:
            return step
    return 100.0


def strip_chart(rank: DistanceRank, *, ours_name: str, theirs_name: str) -> StripChart | None:
    """Every compared row's distance from ours on one axis, theirs marked with a labelled
    line and a filled triangle, the others as open circles stacked where they crowd; our
    side is the axis' zero. None when there is no distance to show."""
    if rank.theirs is None:
        return None
    distances = [o.distance for o in rank.others] + [rank.theirs]
    step = _tick_step(max(distances) or 1.0)
    top = step * max(1, math.ceil(max(distances) / step - 1e-9))
    x0, x1 = float(STRIP_LEFT), float(STRIP_WIDTH - STRIP_RIGHT)

    def x_of(distance: float) -> float:
        return round(x0 + (x1 - x0) * distance / top, 1)

    spacing = 2 * DOT_RADIUS + 1
    placed: list[list[float]] = []  # x positions per level, bottom level first
    levels: list[int] = []
    for other in rank.others:
        x = x_of(other.distance)
        level = next(
            (
                index
                for index, xs in enumerate(placed)
                if all(abs(x - taken) >= spacing for taken in xs)
            ),
            len(placed),
        )
        level = min(level, MAX_LEVELS - 1)
        if level == len(placed):
            placed.append([])
        placed[level].append(x)
        levels.append(level)
    level_count = max(1, len(placed))
    axis_y = MARKER_SPACE + level_count * spacing + 4
    dots = tuple(
        StripDot(
            x=x_of(other.distance),
            y=round(axis_y - DOT_RADIUS - 2 - level * spacing, 1),
            code=other.code,
            name=other.name,
            distance=other.distance,
        )
        for other, level in zip(rank.others, levels, strict=True)
    )
    ticks = []
    value = 0.0
    while value <= top + 1e-9:
        ticks.append(StripTick(x=x_of(value), label=f"{value:g}"))
        value += step
    nearest = rank.others[0] if rank.others else None
    farthest = rank.others[-1] if rank.others else None
    description = (
        f"Kogut–Singh index from {ours_name} (at 0) to {rank.compared} other countries and "
        f"regions, one circle each"
    )
    if nearest and farthest:
        description += (
            f", from {nearest.distance:.2f} ({nearest.name}) to {farthest.distance:.2f} "
            f"({farthest.name})"
        )
    description += (
        f". {theirs_name}, marked with a triangle, is at {rank.theirs:.2f}; "
        f"{rank.closer} are closer to {ours_name}."
    )
    marker_x = x_of(rank.theirs)
    marker_top = MARKER_SPACE - 16
    if marker_x < x0 + 60:
        anchor = "start"
    elif marker_x > x1 - 60:
        anchor = "end"
    else:
        anchor = "middle"
    return StripChart(
        width=STRIP_WIDTH,
        height=int(axis_y + AXIS_SPACE),
        axis_y=axis_y,
        axis_x0=x0,
        axis_x1=x1,
        ticks=tuple(ticks),
        dots=dots,
        dot_radius=DOT_RADIUS,
        marker_x=marker_x,
        marker_top=marker_top,
        marker_points=(
            f"{marker_x - 6:g},{marker_top:g} {marker_x + 6:g},{marker_top:g} "
            f"{marker_x:g},{marker_top + 10:g}"
        ),
        marker_label=f"{theirs_name} {rank.theirs:.2f}",
        marker_label_y=marker_top - 4,
        marker_anchor=anchor,
        ours_label=f"{ours_name} = 0",
        title=f"Distance from {ours_name} of every country and region in the edition",
        description=description,
    )
