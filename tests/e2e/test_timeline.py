"""The 'Tiến độ theo thời gian' page in a real browser: every task's deadline across 2026 with
the as-of line at 26/11/2026, and a click on a task bar for its reports.

II.2 (Văn phòng HĐND-UBND) was due 28/02/2026 and reported done in the Quý I and Quý II
reports of the demo data, so it is 'Hoàn thành quá hạn'.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.plotly_dom import bar_on_row, click_centre

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

MAIN = '[data-testid="stMain"]'
MONTHS = [f"Th{m}" for m in range(1, 13)]
TASK = re.compile(r"^II\.2 · ")


def test_timeline_and_task_detail(open_app: Callable[..., Page]) -> None:
    page = open_app("/timeline")
    main = page.locator(MAIN)
    expect(page.locator("h1")).to_have_text("Tiến độ theo thời gian — Phường Võ Cường")

    charts = main.locator(".js-plotly-plot")
    expect(charts).to_have_count(1)
    chart = charts.first
    expect(chart.locator("text.gtitle")).to_have_text(
        "Thời hạn các nhiệm vụ theo lĩnh vực — năm 2026, tính đến 26/11/2026"
    )
    expect(chart.locator(".main-svg").nth(1)).to_contain_text("Ngày xem: 26/11/2026")
    expect(chart.locator("g.xtick text")).to_have_text(MONTHS)
    expect(chart.locator("g.ytick text").filter(has_text=TASK)).to_have_count(1)

    expect(main.locator("h4")).to_have_count(0)
    click_centre(page, bar_on_row(chart, "II.2 · ", prefix=True))

    dialog = page.get_by_role("dialog")  # the task's details open over the page
    expect(dialog).to_contain_text("Chi tiết nhiệm vụ")
    heading = dialog.locator("h4")
    expect(heading).to_have_count(1)
    expect(heading).to_have_text(
        "II.2 · Rà soát, sửa đổi, bổ sung Quy chế làm việc của UBND phường"
    )
    expect(dialog.get_by_text(re.compile(r"^Trạng thái: Hoàn thành quá hạn · "))).to_have_text(
        "Trạng thái: Hoàn thành quá hạn · Thời hạn: 28/02/2026 · Chủ trì: Văn phòng HĐND-UBND"
    )

    reports = dialog.locator('[data-testid="stDataFrame"] [role="grid"]').first
    expect(reports).to_contain_text("Kỳ báo cáo")
    periods = reports.locator('tbody [role="row"] [aria-colindex="1"]')
    expect(periods).to_have_text(["Quý II/2026", "Quý I/2026"])
    expect(reports.locator('tbody [role="row"] [aria-colindex="3"]')).to_have_text(
        ["Đã hoàn thành", "Đã hoàn thành"]
    )
    heading.scroll_into_view_if_needed()  # for the screenshot left in test-results/
