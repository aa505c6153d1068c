"""Every chart a deck can hold, drawn by kaleido as SVG through cchc/images.py's warm server and
measured in Chromium (tests/chartgeom.py says how, and its tolerance): no two texts overlap, no
line of a trace or a target / note line runs through a text, nothing is cut at the image's
edge, and no text is under 20 px (16 pt on a slide) — on a deck slide and in a 1600x900 PNG."""

from __future__ import annotations

from datetime import date

import plotly.graph_objects as go
import pytest

from cchc import charts, images, queries, slides
from tests.chartgeom import Measurer

pytestmark = pytest.mark.xdist_group("kaleido")
UNIT = "Phường Võ Cường"
Q3 = date(2026, 9, 30)
SIZES = {
    "deck": {"width": 1100, "height": 400, "deck": True},
    "png": {"width": 1600, "height": 900, "stamp": images.Stamp(UNIT, "Quý III/2026", Q3, True)},
}


@pytest.fixture(scope="module")
def measurer():
    with Measurer() as m:
        yield m


@pytest.fixture(scope="module", params=[Q3, date(2026, 11, 26)], ids=["q3", "year"])
def every_slide(demo_db_master, request):
    """Every chart of the Q3 deck, and of the deck of the year as of today (one more trend
    point, the 766 index of October)."""
    query = queries.runner(demo_db_master)
    context = slides.Context(query, queries.Scope(UNIT, 2026, request.param), "kỳ", UNIT)
    keys = [c.key for c in slides.catalogue(query, UNIT, request.param)]
    return slides.deck(context, keys)


@pytest.mark.parametrize("size", SIZES)
def test_no_label_overlaps_or_is_crossed_on_any_chart(every_slide, measurer, size):
    assert len(every_slide) == 17  # 6 plan charts, procedures, trend and parts of 5 indices
    problems = {}
    for item in every_slide:
        drawing = measurer.measure(images.svg(item.figure, **SIZES[size]))
        assert len(drawing.texts) > 5, item.key
        found = {
            "overlap": drawing.overlapping_texts(),
            "crossed": drawing.crossed_texts(),
            "cut": drawing.outside(),
            "small": sorted({(b.text, b.size) for b in drawing.texts if b.size < 20}),
        }
        if any(found.values()):
            problems[item.key] = found
    assert problems == {}


def test_the_measure_sees_a_label_on_its_line_and_two_labels_on_each_other(measurer):
    """The check above can fail: a value drawn on its own line, and a target label on a value
    (the '88,70' under 'Mục tiêu 90' of the issue), are both found."""
    fig = go.Figure(
        go.Scatter(
            x=[0, 1, 2],
            y=[1, 2, 3],
            mode="lines+text",
            text=["một", "hai", "ba"],
            textposition="middle center",
        )
    )
    fig.add_annotation(x=2, y=3, text="Mục tiêu 90", showarrow=False)
    drawing = measurer.measure(images.svg(fig, 800, 450))
    assert ("hai", "js-line") in drawing.crossed_texts()
    assert ("ba", "Mục tiêu 90") in drawing.overlapping_texts()


@pytest.mark.parametrize(
    ("ys", "expected"),
    [
        ([1, 2, 3], ["bottom center", "top left", "top center"]),  # rising: above on the left
        ([3, 2, 1], ["top center", "top right", "bottom center"]),  # falling: above on the right
        ([1, 3, 1], ["bottom center", "top center", "bottom center"]),  # a peak: straight above
        ([3, 1, 3], ["top center", "bottom center", "top center"]),  # a trough: straight below
    ],
)
def test_a_label_goes_where_the_line_does_not(ys, expected):
    assert charts.label_positions(ys) == expected


def test_a_label_leaves_the_side_where_the_target_runs_and_a_note_line_for_the_side():
    # 88,70 under a target of 90: below its point, not on the target line
    assert charts.label_positions([85.4, 88.7], "top", [[90, 90]], reach=3)[1] == "bottom right"
    # a note line through a peak: the label beside it, never centred on it
    assert charts.label_positions([1, 3, 1], beside={1})[1] == "top right"
