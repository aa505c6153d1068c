"""The 'Theo lĩnh vực, theo phòng' page in a real browser, opened on one department from a link.

Công an phường (CAP) in the demo data, seen on 26/11/2026: it leads 5 tasks (III.8, III.14,
VII.2.1, VII.2.2, VII.2.3); VII.2.2 is 'thường xuyên', III.8 and VII.2.3 are done -> 2/4 = 50,0%;
VII.2.1 (due 30/09) is overdue; nothing is due by 26/12. Its quarterly reports: none for Quý I,
Quý II on 16/06, Quý III on 02/10 (after the 20/09 deadline).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

MAIN = '[data-testid="stMain"]'
GRID = '[data-testid="stDataFrame"] [role="grid"]'


def test_department_scorecard_from_link(open_app: Callable[..., Page]) -> None:
    page = open_app("/scorecard?phong=CAP")
    main = page.locator(MAIN)
    expect(page.locator("h1")).to_have_text("Theo lĩnh vực, theo phòng — Phường Võ Cường")
    expect(page).to_have_url(re.compile(r"[?&]phong=CAP(&|$)"))

    # the link chose the department view and the department, in the page and in the sidebar
    view = page.get_by_role("radiogroup", name="Xem theo")
    expect(view.get_by_role("radio", name="Phòng, đơn vị")).to_have_attribute(
        "aria-checked", "true"
    )
    expect(view.get_by_role("radio", name="Lĩnh vực")).to_have_attribute("aria-checked", "false")
    expect(main.locator('[data-testid="stSelectbox"]')).to_have_count(1)
    expect(main.get_by_role("combobox", name="Phòng, đơn vị")).to_have_value("Công an phường")
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar.get_by_role("combobox", name="Phòng, đơn vị")).to_have_value("Công an phường")
    expect(main.locator("h3")).to_have_text(["Công an phường — năm 2026, tính đến 26/11/2026"])

    expect(main.locator('[data-testid="stMetricLabel"]')).to_have_text(
        ["Nhiệm vụ chủ trì", "Tỷ lệ hoàn thành", "Quá hạn", "Đến hạn trong 30 ngày"]
    )
    expect(main.locator('[data-testid="stMetricValue"]')).to_have_text(["5", "50,0%", "1", "0"])

    charts = main.locator(".js-plotly-plot")
    expect(charts).to_have_count(2)
    for chart, title in zip(
        charts.all(),
        ["Trạng thái qua các kỳ — Công an phường", "Công an phường — theo lĩnh vực"],
        strict=True,
    ):
        expect(chart.locator(".main-svg").first).to_be_visible()
        expect(chart.locator("text.gtitle")).to_have_text(title)
        expect(chart.locator("g.trace.bars path").first).to_be_attached()

    reports = main.locator(GRID).filter(has_text="Quý III").first
    expect(reports.locator('thead [role="columnheader"]')).to_have_text(
        ["Phòng, đơn vị", "Quý I", "Quý II", "Quý III"]
    )
    expect(reports.locator('tbody [role="row"]')).to_have_count(1)
    expect(reports.locator('tbody [role="gridcell"]')).to_have_text(
        ["Công an phường", "Chưa gửi", "16/06", "02/10 (trễ)"]
    )

    expect(main.get_by_text("Nhiệm vụ chủ trì (5)", exact=True)).to_be_visible()
    led = main.locator(GRID).filter(has_text="III.14")
    expect(led).to_have_count(1)
    expect(led.locator('tbody [role="row"] [aria-colindex="1"]')).to_have_text(
        ["III.8", "III.14", "VII.2.1", "VII.2.2", "VII.2.3"]
    )


def test_scorecard_breakdown_bar_lists_its_tasks(open_app: Callable[..., Page]) -> None:
    from tests.e2e.plotly_dom import bar_on_row, click_centre

    page = open_app("/scorecard?phong=CAP")
    chart = page.locator(".js-plotly-plot").filter(has_text="Công an phường — theo lĩnh vực")
    expect(chart).to_have_count(1)
    # the red (overdue) segment of 'Chuyển đổi số': VII.2.1
    click_centre(page, bar_on_row(chart, "Chuyển đổi số", fill="rgb(211, 47, 47)"))
    heading = page.locator(f'{MAIN} [data-testid="stMarkdownContainer"] p').filter(
        has_text=re.compile(r"^Các nhiệm vụ: ")
    )
    expect(heading).to_have_text("Các nhiệm vụ: Chuyển đổi số — Quá hạn, chưa hoàn thành (1)")
