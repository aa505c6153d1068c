"""Drill-down on the overview: a click on a bar segment or a heatmap cell reruns the page and
lists the tasks behind it, right under the charts, on the demo data seen on 26/11/2026.

Expected lists (from the demo workbooks): the 2 overdue 'Thủ tục hành chính' tasks are III.3
(due 30/09) and III.9 (due 30/06), both led by TT Phục vụ HCC, which has no other overdue task;
P. Văn hóa – Xã hội's 2 overdue tasks are IV.2 and V.1; the one overdue 'Chuyển đổi số' task is
VII.2.1. TT Phục vụ HCC leads 12 'Thủ tục hành chính' tasks with a deadline (plus continuous ones,
which the cell does not count), 6 of them done: the '6/12' cell.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.plotly_dom import bar_on_row, cell_label, click_centre

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

RESULTS = Path(__file__).resolve().parents[2] / "test-results"
CHARTS = ".js-plotly-plot"
OVERDUE_FILL = "rgb(211, 47, 47)"  # STATUS_COLORS["overdue"] = #D32F2F
OVERDUE = "Quá hạn, chưa hoàn thành"
DRILL_TITLE = re.compile(r"^Các nhiệm vụ: ")
AREA_CHART = "Tiến độ theo lĩnh vực"
DEPARTMENT_CHART = "Tiến độ theo phòng chủ trì"
HEATMAP = "Nhiệm vụ đã hoàn thành theo phòng chủ trì và lĩnh vực"


def chart(page: Page, title: str) -> Locator:
    """The plotly chart with this title, once drawn."""
    found = page.locator(CHARTS).filter(has_text=title)
    expect(found).to_have_count(1)
    found.locator(".main-svg").first.wait_for()
    return found


def drill_heading(page: Page) -> Locator:
    return page.locator('[data-testid="stMarkdownContainer"] p').filter(has_text=DRILL_TITLE)


def drill_grid(page: Page) -> Locator:
    """The data grid in the element right after the drill-down heading."""
    block = page.locator('[data-testid="stMain"] [data-testid="stElementContainer"]').filter(
        has=page.locator('[data-testid="stMarkdownContainer"] p').filter(has_text=DRILL_TITLE)
    )
    return block.locator("xpath=following-sibling::*[1]").locator(
        '[data-testid="stDataFrame"] [role="grid"]'
    )


def column(grid: Locator, number: int) -> Locator:
    return grid.locator(f'tbody [role="row"] [aria-colindex="{number}"]')


def below(upper: Locator, lower: Locator) -> bool:
    a, b = upper.bounding_box(), lower.bounding_box()
    assert a and b
    return b["y"] >= a["y"] + a["height"] - 1


@pytest.mark.parametrize(
    ("title", "row", "heading"),
    [
        (AREA_CHART, "Thủ tục hành chính", f"Các nhiệm vụ: Thủ tục hành chính — {OVERDUE} (2)"),
        (
            DEPARTMENT_CHART,
            "TT Phục vụ HCC",
            f"Các nhiệm vụ: TT Phục vụ HCC (chủ trì) — {OVERDUE} (2)",
        ),
    ],
    ids=["area", "department"],
)
def test_bar_segment_lists_its_tasks(
    open_app: Callable[..., Page], title: str, row: str, heading: str
) -> None:
    page = open_app("/")
    bars = chart(page, title)
    heatmap = chart(page, HEATMAP)
    expect(drill_heading(page)).to_have_count(0)

    segment = bar_on_row(bars, row, fill=OVERDUE_FILL)
    expect(segment).to_have_css("fill", OVERDUE_FILL)
    click_centre(page, segment)

    expect(drill_heading(page)).to_have_text([heading])
    grid = drill_grid(page)
    expect(grid).to_have_attribute("aria-rowcount", "3")  # header + 2 tasks
    expect(column(grid, 1)).to_have_text(["III.3", "III.9"])
    expect(column(grid, 3)).to_have_text([OVERDUE, OVERDUE])
    # right under the two bar charts, above the heatmap
    assert below(bars, drill_heading(page))
    assert below(drill_heading(page), heatmap)

    if title == AREA_CHART:  # the whole page with the list open, as on a tall screen
        page.mouse.move(5, 5)  # no hover label or chart toolbar in the picture
        page.set_viewport_size({"width": 1600, "height": 2400})
        page.wait_for_timeout(500)  # plotly redraws the charts at the new width
        RESULTS.mkdir(exist_ok=True)
        page.screenshot(path=str(RESULTS / "overview_drilldown_tall.png"))
        page.set_viewport_size({"width": 1600, "height": 1000})


def test_heatmap_cell_lists_its_tasks(open_app: Callable[..., Page]) -> None:
    page = open_app("/")
    heatmap = chart(page, HEATMAP)
    cell = cell_label(heatmap, "6/12")  # TT Phục vụ HCC × Thủ tục hành chính
    expect(cell).to_have_count(1)
    click_centre(page, cell)

    expect(drill_heading(page)).to_have_text(
        ["Các nhiệm vụ: TT Phục vụ HCC (chủ trì) — Thủ tục hành chính (12)"]
    )
    grid = drill_grid(page)
    expect(grid).to_have_attribute("aria-rowcount", "13")
    expect(column(grid, 3)).not_to_contain_text(["Thường xuyên"])
    assert below(heatmap, drill_heading(page))


def test_second_bar_chart_click_replaces_the_list(open_app: Callable[..., Page]) -> None:
    page = open_app("/")
    area = chart(page, AREA_CHART)
    department = chart(page, DEPARTMENT_CHART)
    click_centre(page, bar_on_row(area, "Thủ tục hành chính", fill=OVERDUE_FILL))
    expect(drill_heading(page)).to_have_text([f"Các nhiệm vụ: Thủ tục hành chính — {OVERDUE} (2)"])

    # both charts keep their selection: the list follows the chart clicked last
    click_centre(page, bar_on_row(department, "P. Văn hóa – Xã hội", fill=OVERDUE_FILL))
    expect(drill_heading(page)).to_have_text(
        [f"Các nhiệm vụ: P. Văn hóa – Xã hội (chủ trì) — {OVERDUE} (2)"]
    )
    expect(column(drill_grid(page), 1)).to_have_text(["IV.2", "V.1"])

    click_centre(page, bar_on_row(area, "Chuyển đổi số", fill=OVERDUE_FILL))
    expect(drill_heading(page)).to_have_text([f"Các nhiệm vụ: Chuyển đổi số — {OVERDUE} (1)"])
    expect(column(drill_grid(page), 1)).to_have_text(["VII.2.1"])
