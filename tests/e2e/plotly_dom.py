"""Finding and clicking things in a drawn plotly chart, as a user does.

Plotly lays a transparent drag layer (`rect.nsewdrag`) over the plot area; it takes every pointer
event and does the hit-testing itself. So `locator.click()` on a bar never becomes actionable
("... intercepts pointer events") and `dispatch_event("click")` on the bar's path is ignored:
the way that works is the mouse at the element's position (`click_centre`), which plotly turns
into `plotly_click` + `plotly_selected`, and Streamlit (`on_select="rerun"`) into a rerun.
"""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page

# [trace number, point number] of the bar on the row of a y tick label, optionally of one fill
_BAR_ON_ROW = """(chart, [label, prefix, fill]) => {
    const text = (t) => t.textContent.trim();
    const tick = [...chart.querySelectorAll('g.ytick text')].find(
        (t) => (prefix ? text(t).startsWith(label) : text(t) === label));
    if (!tick) return null;
    const r = tick.getBoundingClientRect();
    const middle = r.top + r.height / 2;
    const traces = [...chart.querySelectorAll('g.trace.bars')];
    for (const [t, trace] of traces.entries()) {
        const paths = [...trace.querySelectorAll('g.point path')];
        for (const [p, path] of paths.entries()) {
            const b = path.getBoundingClientRect();
            if (b.width < 1 || b.height < 1) continue;  // a zero count draws an empty path
            if (fill && getComputedStyle(path).fill !== fill) continue;
            if (b.top <= middle && middle <= b.bottom) return [t, p];
        }
    }
    return null;
}"""


def bar_on_row(
    chart: Locator, label: str, fill: str | None = None, prefix: bool = False
) -> Locator:
    """The `g.trace.bars path` drawn on the row whose y tick reads `label` (or starts with it,
    with `prefix`), of the given fill (`"rgb(211, 47, 47)"`) when the bars are stacked."""
    found = chart.evaluate(_BAR_ON_ROW, [label, prefix, fill])
    assert found, f"no bar{' of ' + fill if fill else ''} on the row {label!r}"
    trace, point = found
    return chart.locator("g.trace.bars").nth(trace).locator("g.point path").nth(point)


def cell_label(chart: Locator, text: str) -> Locator:
    """The text drawn in a heatmap cell (`texttemplate`), e.g. '6/12'."""
    return chart.locator("text").filter(has_text=re.compile(rf"^{re.escape(text)}$"))


def click_centre(page: Page, target: Locator) -> None:
    """Scroll `target` into view and click the middle of it with the mouse."""
    target.scroll_into_view_if_needed()
    box = target.bounding_box()
    assert box, "the element is not drawn"
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)  # plotly hit-tests on hover first
    page.mouse.click(x, y)
