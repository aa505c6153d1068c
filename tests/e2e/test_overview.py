"""The 'Tổng quan' page in a real browser, on the demo data seen on 26/11/2026.

The expected numbers were checked against the demo workbooks independently of cchc.queries
(75 leaf tasks, 11 of them 'thường xuyên', so rates are over 64 tasks):
- today (26/11/2026): 29 done -> 45,3%; 6 overdue (4 due 30/06, 2 due 30/09); 6 due by 26/12;
  Quý III/2026 reports missing from VP and TTCU (their last reports are for Quý II);
- end of Quý II (30/06/2026): 23 done -> 35,9%; 0 overdue (a deadline on the as-of day is
  still in time); 4 tasks due 30/06 still open; every department sent its Quý II report.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

METRICS = '[data-testid="stMetricValue"]'
CHARTS = ".js-plotly-plot"
TODAY_HEADLINE = ["75", "45,3%", "6", "6"]
Q2_HEADLINE = ["75", "35,9%", "0", "4"]
STATUS_NAMES = [
    "Hoàn thành đúng hạn",
    "Hoàn thành quá hạn",
    "Đang thực hiện, trong hạn",
    "Chưa thực hiện, trong hạn",
    "Thường xuyên",
    "Quá hạn, chưa hoàn thành",
    "Chưa có báo cáo",
]
MISSING_Q3 = [
    "Chưa gửi báo cáo Quý III/2026 (tính đến ngày 26/11/2026):",
    "Văn phòng HĐND và UBND",
    "Trung tâm Cung ứng dịch vụ sự nghiệp công",
]


def query_of(url: str) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlsplit(url).query).items()}


def test_overview_today(open_app: Callable[..., Page]) -> None:
    page = open_app("/")
    # by area, by department, the done heatmap, the trend against the ideal pace
    expect(page.locator(CHARTS)).to_have_count(4)
    expect(page.locator(f"{CHARTS} .main-svg").first).to_be_visible()

    expect(page.locator("h1")).to_have_text("Tổng quan tiến độ CCHC — Phường Võ Cường")
    expect(page.get_by_text("DỮ LIỆU MẪU (DEMO)")).to_be_visible()
    for i, value in enumerate(TODAY_HEADLINE):  # the plan's four cards come first
        expect(page.locator(METRICS).nth(i)).to_have_text(value)

    warning = page.locator('[data-testid="stAlert"]').filter(has_text="Chưa gửi báo cáo")
    expect(warning).to_have_count(1)
    for text in MISSING_Q3:
        expect(warning).to_contain_text(text)
    # departments that did send their Quý III report are not named
    expect(warning).not_to_contain_text("Công an phường")

    area_chart, department_chart, heatmap, trend = page.locator(CHARTS).all()
    expect(area_chart).to_contain_text("Tiến độ theo lĩnh vực — năm 2026, tính đến 26/11/2026")
    for area in ("Thủ tục hành chính", "Chuyển đổi số", "Chỉ đạo, điều hành"):
        expect(area_chart.locator(".main-svg").first).to_contain_text(area)
    # the status legend: one shared legend above the charts (or the charts' own SVG legend)
    main = page.locator('[data-testid="stMain"]')
    for status in STATUS_NAMES:
        expect(main.get_by_text(status, exact=True).first).to_be_visible()
    expect(department_chart).to_contain_text("Tiến độ theo phòng chủ trì")
    expect(heatmap).to_contain_text("Nhiệm vụ đã hoàn thành theo phòng chủ trì và lĩnh vực")
    expect(trend).to_contain_text("Hoàn thành so với tiến độ lý tưởng — năm 2026")

    # the overdue list is the first of three tabs, open by default
    expect(page.get_by_role("tab", name="Quá hạn (6)")).to_have_attribute("aria-selected", "true")
    grid = page.get_by_role("tabpanel", name="Quá hạn (6)").locator(
        '[data-testid="stDataFrame"] [role="grid"]'
    )
    expect(grid).to_have_count(1)
    expect(grid).to_have_attribute("aria-rowcount", "7")  # header + 6 overdue tasks
    expect(grid).to_contain_text("III.9")  # 149 days late: deadline 30/06/2026


def test_url_carries_filters(open_app: Callable[..., Page]) -> None:
    page = open_app("/")
    expect(page).to_have_url(re.compile(r"[?&]nam=2026(&|$)"))
    expect(page).to_have_url(re.compile(r"[?&]ky=today(&|$)"))
    assert query_of(page.url)["don_vi"] == "Phường Võ Cường"

    # choosing another period in the sidebar rewrites the URL and the view
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').filter(
        has_text="Kỳ xem"
    ).click()
    page.get_by_role("option", name="Hết Quý III", exact=True).click()
    expect(page).to_have_url(re.compile(r"[?&]ky=Q3(&|$)"))
    expect(page.locator(CHARTS).first).to_contain_text("Tiến độ theo lĩnh vực — Quý III/2026")
    # at 30/09/2026 the 4 tasks due 30/06 are overdue; the 9 due 30/09 are still in time
    expect(page.locator(METRICS).nth(2)).to_have_text("4")


def test_url_opens_second_quarter(open_app: Callable[..., Page]) -> None:
    page = open_app("/?ky=Q2&nam=2026")
    expect(page.locator(CHARTS)).to_have_count(4)
    expect(page.locator(CHARTS).first).to_contain_text("Tiến độ theo lĩnh vực — Quý II/2026")
    expect(page.locator(CHARTS).nth(1)).to_contain_text("Quý II/2026")
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text(
        "Số liệu tính đến ngày 30/06/2026."
    )

    for i, value in enumerate(Q2_HEADLINE):  # the plan's four cards come first
        expect(page.locator(METRICS).nth(i)).to_have_text(value)
    assert Q2_HEADLINE != TODAY_HEADLINE
    # TTCU's Quý II report is dated 03/07: on 30/06 it had not come yet (the as-of rule)
    q2_warning = page.locator('[data-testid="stAlert"]').filter(has_text="Chưa gửi báo cáo")
    expect(q2_warning).to_contain_text("Chưa gửi báo cáo Quý II/2026 (tính đến ngày 30/06/2026):")
    expect(q2_warning).to_contain_text("Trung tâm Cung ứng dịch vụ sự nghiệp công")
    expect(q2_warning).not_to_contain_text("Văn phòng")
    expect(page.get_by_text("Không có nhiệm vụ nào quá hạn.")).to_be_visible()

    query = query_of(page.url)
    assert (query["ky"], query["nam"]) == ("Q2", "2026")
