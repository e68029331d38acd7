"""Geometry for the grouped bar chart of two sides' scores, drawn as server-side SVG.

Values in, shapes out: the template only draws what these functions return.
Our bars are solid, theirs are outlined and hatched, so the chart reads in black
and white; every bar also carries its number as text.
"""

from dataclasses import dataclass

from countries.dimensions import SCORE_MAX
from plans.gaps import GapAnalysis

LABEL_WIDTH = 190
BAR_AREA = 400
VALUE_GAP = 6
BAR_HEIGHT = 14
ROW_HEIGHT = 46
TOP = 34


@dataclass(frozen=True)
class Bar:
    y: int
    width: float
    value: int | None
    value_x: float
    css_class: str

    @property
    def missing(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class ChartRow:
    label: str
    label_y: int
    ours: Bar
    theirs: Bar
    highlighted: bool


@dataclass(frozen=True)
class GroupedChart:
    width: int
    height: int
    label_width: int
    bar_area: int
    rows: tuple[ChartRow, ...]
    ticks: tuple[tuple[float, int], ...]  # (x, value)
    legend_y: int


def _bar(value: int | None, y: int, css_class: str) -> Bar:
    width = 0.0 if value is None else BAR_AREA * value / SCORE_MAX
    return Bar(
        y=y,
        width=width,
        value=value,
        value_x=LABEL_WIDTH + width + VALUE_GAP,
        css_class=css_class,
    )


def grouped_chart(analysis: GapAnalysis) -> GroupedChart:
    largest = {g.dimension.code for g in analysis.largest}
    rows = []
    for index, gap in enumerate(analysis.gaps):
        top = TOP + index * ROW_HEIGHT
        rows.append(
            ChartRow(
                label=gap.dimension.name,
                label_y=top + BAR_HEIGHT + 2,
                ours=_bar(gap.ours, top, "bar-ours"),
                theirs=_bar(gap.theirs, top + BAR_HEIGHT + 2, "bar-theirs"),
                highlighted=gap.dimension.code in largest,
            )
        )
    ticks = tuple((LABEL_WIDTH + BAR_AREA * v / SCORE_MAX, v) for v in range(0, SCORE_MAX + 1, 25))
    height = TOP + len(rows) * ROW_HEIGHT + 10
    return GroupedChart(
        width=LABEL_WIDTH + BAR_AREA + 50,
        height=height,
        label_width=LABEL_WIDTH,
        bar_area=BAR_AREA,
        rows=tuple(rows),
        ticks=ticks,
        legend_y=12,
    )
