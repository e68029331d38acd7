import itertools

import pytest

from countries.charts import (
    LABEL_GAP,
    LABEL_WIDTH,
    ROW_HEIGHT,
    TRACK_WIDTH,
    bar_width,
    score_chart,
)

CHINA = {"pdi": 80, "idv": 20, "mas": 66, "uai": 30, "lto": 87, "ivr": 24}
ALBANIA = {"pdi": None, "idv": None, "mas": None, "uai": None, "lto": 61, "ivr": 15}


@pytest.mark.parametrize(
    ("value", "width"),
    [(0, 0.0), (25, 75.0), (50, 150.0), (87, 261.0), (100, 300.0), (None, 0.0)],
)
def test_bar_width_is_proportional_to_the_score(value, width):
    assert TRACK_WIDTH == 300
    assert bar_width(value) == pytest.approx(width)


@pytest.mark.parametrize(("value", "width"), [(120, 300.0), (-5, 0.0)])
def test_bar_width_stays_on_the_track_when_score_is_off_the_scale(value, width):
    assert bar_width(value) == width


def test_score_chart_has_one_bar_per_dimension_in_order():
    chart = score_chart(CHINA)

    assert [bar.code for bar in chart.bars] == ["pdi", "idv", "mas", "uai", "lto", "ivr"]
    assert chart.bars[0].label == "Power distance"
    assert [bar.value for bar in chart.bars] == [80, 20, 66, 30, 87, 24]
    assert [bar.width for bar in chart.bars] == [240.0, 60.0, 198.0, 90.0, 261.0, 72.0]


def test_score_chart_stacks_bars_one_row_apart_on_a_shared_left_edge():
    chart = score_chart(CHINA)

    ys = [bar.y for bar in chart.bars]
    assert [b - a for a, b in itertools.pairwise(ys)] == [ROW_HEIGHT] * 5
    assert {bar.x for bar in chart.bars} == {LABEL_WIDTH + LABEL_GAP}
    assert all(bar.track_width == TRACK_WIDTH for bar in chart.bars)


def test_score_chart_fits_every_bar_label_and_tick_inside_the_drawing():
    chart = score_chart(CHINA)

    for bar in chart.bars:
        assert bar.x + bar.track_width < bar.value_x < chart.width
        assert bar.y + bar.height <= chart.plot_bottom
    assert chart.plot_bottom < chart.tick_label_y <= chart.height


def test_score_chart_ticks_mark_quarters_of_the_scale():
    chart = score_chart(CHINA)

    assert [tick.value for tick in chart.ticks] == [0, 25, 50, 75, 100]
    x = LABEL_WIDTH + LABEL_GAP
    assert [tick.x for tick in chart.ticks] == [x, x + 75, x + 150, x + 225, x + 300]


def test_score_chart_leaves_an_empty_labelled_track_when_score_is_missing():
    chart = score_chart(ALBANIA)

    pdi, lto = chart.bars[0], chart.bars[4]
    assert pdi.missing
    assert pdi.width == 0
    assert pdi.value_label == "no score"
    assert pdi.track_width == TRACK_WIDTH
    assert not lto.missing
    assert lto.value_label == "61"


def test_score_chart_treats_an_absent_dimension_as_missing():
    chart = score_chart({"pdi": 40})

    assert [bar.missing for bar in chart.bars] == [False, True, True, True, True, True]


def test_score_chart_zero_is_a_score_not_a_missing_value():
    chart = score_chart({"pdi": 0})

    assert not chart.bars[0].missing
    assert chart.bars[0].value_label == "0"


def test_score_chart_description_names_each_dimension_with_its_score():
    description = score_chart(ALBANIA).description

    assert description.startswith("Horizontal bars on a scale from 0 to 100")
    assert "Power distance no score" in description
    assert "Long-term orientation 61" in description
    assert "Indulgence 15" in description
