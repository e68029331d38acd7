"""Geometry for one country's six scores as a horizontal bar chart, drawn as server-side SVG.

Values in, shapes out: the template only draws what ``score_chart`` returns. Every
dimension gets a track from 0 to 100; a score fills part of it and carries its number
as text, a missing score leaves the track empty (dashed) and says "no score", so the
chart reads the same in black and white.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from countries.dimensions import DIMENSIONS, SCORE_MAX, SCORE_MIN

LABEL_WIDTH = 180  # dimension names, right-aligned, left of the tracks
LABEL_GAP = 10
TRACK_WIDTH = 300
VALUE_GAP = 8
VALUE_WIDTH = 60  # the number or "no score", right of the tracks
TOP = 8
ROW_HEIGHT = 32
BAR_HEIGHT = 18
AXIS_HEIGHT = 22  # tick labels under the last track
TICK_STEP = 25
MISSING_TEXT = "no score"


@dataclass(frozen=True)
class Bar:
    code: str
    label: str  # the dimension's name
    value: int | None
    x: int  # left edge of the track and of the bar
    y: int  # top edge of the track and of the bar
    width: float  # 0 when the score is missing
    height: int
    track_width: int
    text_x: int  # where the label (right-aligned) and the value (left-aligned) sit
    value_x: int
    text_y: int  # baseline that centres 12px text on the bar

    @property
    def missing(self) -> bool:
        return self.value is None

    @property
    def value_label(self) -> str:
        return MISSING_TEXT if self.value is None else str(self.value)


@dataclass(frozen=True)
class Tick:
    x: float
    value: int


@dataclass(frozen=True)
class ScoreChart:
    width: int
    height: int
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]
    plot_top: int
    plot_bottom: int
    tick_label_y: int

    @property
    def description(self) -> str:
        """The chart in words, for <desc>: each dimension and its score or 'no score'."""
        parts = [f"{bar.label} {bar.value_label}" for bar in self.bars]
        return (
            f"Horizontal bars on a scale from {SCORE_MIN} to {SCORE_MAX}, one per dimension: "
            + "; ".join(parts)
            + "."
        )


def bar_width(value: int | None) -> float:
    """Length of the bar for `value`; scores outside the scale are clipped to the track."""
    if value is None:
        return 0.0
    clipped = min(max(value, SCORE_MIN), SCORE_MAX)
    return TRACK_WIDTH * (clipped - SCORE_MIN) / (SCORE_MAX - SCORE_MIN)


def score_chart(scores: Mapping[str, int | None]) -> ScoreChart:
    """One bar per dimension, in the order of DIMENSIONS; a code absent from `scores` is missing."""
    x = LABEL_WIDTH + LABEL_GAP
    bars = []
    for index, dimension in enumerate(DIMENSIONS):
        value = scores.get(dimension.code)
        y = TOP + index * ROW_HEIGHT
        bars.append(
            Bar(
                code=dimension.code,
                label=dimension.name,
                value=value,
                x=x,
                y=y,
                width=bar_width(value),
                height=BAR_HEIGHT,
                track_width=TRACK_WIDTH,
                text_x=LABEL_WIDTH,
                value_x=x + TRACK_WIDTH + VALUE_GAP,
                text_y=y + BAR_HEIGHT // 2 + 4,
            )
        )
    plot_bottom = TOP + len(DIMENSIONS) * ROW_HEIGHT - (ROW_HEIGHT - BAR_HEIGHT)
    ticks = tuple(
        Tick(x=x + bar_width(value), value=value)
        for value in range(SCORE_MIN, SCORE_MAX + 1, TICK_STEP)
    )
    return ScoreChart(
        width=x + TRACK_WIDTH + VALUE_GAP + VALUE_WIDTH,
        height=plot_bottom + AXIS_HEIGHT,
        bars=tuple(bars),
        ticks=ticks,
        plot_top=TOP - 4,
        plot_bottom=plot_bottom + 4,
        tick_label_y=plot_bottom + AXIS_HEIGHT - 4,
    )
