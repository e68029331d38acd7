"""Stage 2 rules: where a deal sits between transaction and relationship, and the roadmap sums.

Plain values in, plain values out; no database. The signals come from the article's
list: three point towards a relationship, four towards a transaction. A "yes" pushes
the position its way; "no" and "not sure" do not push, and "not sure" is reported
as something to find out. When they will hold our moulds, designs, IP or credit data,
the relationship is not optional: the position is lifted to the relationship band.
"""

from dataclasses import dataclass
from decimal import Decimal

from core.money import format_money

RELATIONSHIP = "relationship"
TRANSACTION = "transaction"

YES = "yes"
NO = "no"
NOT_SURE = "not_sure"


@dataclass(frozen=True)
class Signal:
    key: str
    question: str
    pushes: str  # RELATIONSHIP or TRANSACTION
    reason: str  # why a "yes" pushes that way, in plain words
    required: bool = False  # a "yes" makes a relationship unavoidable


SIGNALS: tuple[Signal, ...] = (
    Signal(
        "repeats",
        "Will the same deal repeat with this counterparty?",
        RELATIONSHIP,
        "The deal repeats with the same partner, so goodwill pays back every time.",
    ),
    Signal(
        "best_efforts",
        "Do we need their best efforts on service or quality?",
        RELATIONSHIP,
        "We depend on their best efforts, which a contract alone rarely buys.",
    ),
    Signal(
        "holds_our_assets",
        "Will they hold our moulds, designs, intellectual property or credit information?",
        RELATIONSHIP,
        "They will hold things of ours that we cannot easily take back.",
        required=True,
    ),
    Signal(
        "unique_asset",
        "Is this a unique asset we buy once?",
        TRANSACTION,
        "It is a one-off purchase, so there is no next deal to invest in.",
    ),
    Signal(
        "switch_suppliers",
        "Do we intend to switch suppliers often?",
        TRANSACTION,
        "We plan to change suppliers often, so a long courtship will not pay back.",
    ),
    Signal(
        "commodity",
        "Is it a commodity?",
        TRANSACTION,
        "It is a commodity: price and delivery terms matter more than the partner.",
    ),
    Signal(
        "marketplace",
        "Is it bought by bidding in an automated marketplace?",
        TRANSACTION,
        "It is bought through bidding on a marketplace, where the rules set the terms.",
    ),
)
SIGNAL_KEYS: tuple[str, ...] = tuple(s.key for s in SIGNALS)
RELATIONSHIP_FLOOR = 60  # where "relationship" starts; a required relationship is lifted here

# (lowest position, key, label); the first band whose lower bound the position reaches wins.
BANDS: tuple[tuple[int, str, str], ...] = (
    (RELATIONSHIP_FLOOR, "relationship", "Relationship"),
    (20, "lean_relationship", "Lean towards a relationship"),
    (-19, "balanced", "Balanced"),
    (-59, "lean_transaction", "Lean towards a transaction"),
    (-100, "transaction", "Transaction"),
)


@dataclass(frozen=True)
class Reason:
    signal: Signal
    answer: str
    note: str

    @property
    def text(self) -> str:
        return self.signal.reason


@dataclass(frozen=True)
class Stance:
    position: int  # -100 (transaction) .. +100 (relationship)
    key: str  # a BANDS key, or "not_assessed"
    label: str
    answered: int
    relationship_required: bool
    towards_relationship: tuple[Reason, ...]
    towards_transaction: tuple[Reason, ...]
    unsure: tuple[Reason, ...]

    @property
    def assessed(self) -> bool:
        return self.answered > 0


def band_for(position: int) -> tuple[str, str]:
    for lowest, key, label in BANDS:
        if position >= lowest:
            return key, label
    raise ValueError(f"position {position} is below -100")


def assess(answers: dict[str, str], notes: dict[str, str] | None = None) -> Stance:
    """The stance that follows from the answers (signal key -> "yes"/"no"/"not_sure"/"")."""
    notes = notes or {}
    relationship_total = sum(1 for s in SIGNALS if s.pushes == RELATIONSHIP)
    transaction_total = len(SIGNALS) - relationship_total
    towards_r, towards_t, unsure = [], [], []
    required = False
    for signal in SIGNALS:
        answer = answers.get(signal.key, "")
        reason = Reason(signal, answer, notes.get(signal.key, ""))
        if answer == YES:
            (towards_r if signal.pushes == RELATIONSHIP else towards_t).append(reason)
            required = required or signal.required
        elif answer == NOT_SURE:
            unsure.append(reason)
    answered = sum(1 for s in SIGNALS if answers.get(s.key, "") in (YES, NO, NOT_SURE))
    # Each side is scaled to 100 on its own, so three relationship signals weigh as much
    # as four transaction signals in total.
    position = round(
        100 * len(towards_r) / relationship_total - 100 * len(towards_t) / transaction_total
    )
    if required:
        position = max(position, RELATIONSHIP_FLOOR)
    if answered == 0:
        key, label = "not_assessed", "Not assessed yet"
    else:
        key, label = band_for(position)
    return Stance(
        position=position,
        key=key,
        label=label,
        answered=answered,
        relationship_required=required,
        towards_relationship=tuple(towards_r),
        towards_transaction=tuple(towards_t),
        unsure=tuple(unsure),
    )


# The spectrum drawn as a small SVG scale --------------------------------------------

SCALE_LEFT = 20
SCALE_WIDTH = 360
SCALE_Y = 40


@dataclass(frozen=True)
class Spectrum:
    width: int
    height: int
    left: int
    right: int
    y: int
    marker_x: float
    ticks: tuple[tuple[float, int], ...]  # (x, position)


def spectrum_geometry(position: int) -> Spectrum:
    """Where to draw the scale and the marker for `position` (-100..100)."""
    clamped = max(-100, min(100, position))

    def x(p: int) -> float:
        return SCALE_LEFT + SCALE_WIDTH * (p + 100) / 200

    return Spectrum(
        width=SCALE_LEFT * 2 + SCALE_WIDTH,
        height=80,
        left=SCALE_LEFT,
        right=SCALE_LEFT + SCALE_WIDTH,
        y=SCALE_Y,
        marker_x=x(clamped),
        ticks=tuple((x(p), p) for p in (-100, -50, 0, 50, 100)),
    )


# Roadmap sums ------------------------------------------------------------------------


@dataclass(frozen=True)
class RoadmapTotals:
    running: tuple[Decimal, ...]  # the running total after each step
    total: Decimal
    deal_total: Decimal | None
    difference: Decimal | None  # steps' total minus the deal total
    first_differs: bool  # the first step is not the plan's test order value
    warnings: tuple[str, ...]


def roadmap_totals(
    values: list[Decimal],
    *,
    deal_total: Decimal | None,
    first_order: Decimal | None,
    currency: str,
) -> RoadmapTotals:
    """Running totals of the steps' values, checked against the plan's deal and test order."""
    running, total = [], Decimal("0")
    for value in values:
        total += value
        running.append(total)

    def money(amount: Decimal) -> str:
        return format_money(amount, currency)

    warnings = []
    difference = None
    if values and deal_total is not None:
        difference = total - deal_total
        if difference > 0:
            warnings.append(
                f"The steps add up to {money(total)}, {money(difference)} more than the total "
                f"deal of {money(deal_total)}. Trim a step or raise the deal value."
            )
        elif difference < 0:
            warnings.append(
                f"The steps add up to {money(total)}, {money(-difference)} short of the total "
                f"deal of {money(deal_total)}. Add a step or adjust the values."
            )
    first_differs = bool(values) and first_order is not None and values[0] != first_order
    if first_differs:
        warnings.append(
            f"The first step is {money(values[0])}, but the plan's test order is "
            f"{money(first_order)}. Make them match so you tell one story."
        )
    return RoadmapTotals(
        running=tuple(running),
        total=total,
        deal_total=deal_total,
        difference=difference,
        first_differs=first_differs,
        warnings=tuple(warnings),
    )
