"""The Toàn tỉnh page in a real browser on the demo province (30 units of Bắc Ninh, demo): the
ranking, the three charts, and a unit opened from the page (the chooser, a click on its bar, a
click on its row) onto its own overview, whose caption then says its place."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from etl import units
from tests.e2e.conftest import FIRST_RENDER_MS, streamlit_on
from tests.e2e.plotly_dom import bar_on_row, click_centre

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture(scope="module")
def province_server(
    demo_db_master: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """Streamlit on a copy of the demo database with the demo province added (bulk copies:
    a second or two, not a load per file)."""
    workdir = tmp_path_factory.mktemp("e2e-province")
    db_file = workdir / "cchc.duckdb"
    shutil.copy(demo_db_master, db_file)
    units.load_demo_province(db_file)
    with streamlit_on(db_file, workdir) as base:
        yield base


def test_the_province_ranks_every_unit_and_opens_one(page: Page, province_server: str):
    page.goto(province_server + "/province")
    page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=FIRST_RENDER_MS)
    expect(page.get_by_role("heading", name="Toàn tỉnh — tỉnh Bắc Ninh")).to_be_visible()
    expect(page.get_by_text("DỮ LIỆU MẪU (DEMO)")).to_be_visible()
    expect(page.locator(".js-plotly-plot")).to_have_count(3)
    expect(page.locator('[data-testid="stDataFrame"]')).to_have_count(1)
    card = page.locator('[data-testid="stMetric"]').filter(has_text="Xếp hạng của Phường Võ Cường")
    expect(card.locator('[data-testid="stMetricValue"]')).to_have_text("9/30")
    # the bars: one per unit, the demo ward's in the 'in progress' blue
    bars = page.locator(".js-plotly-plot").first.locator("g.point path")
    expect(bars).to_have_count(30)
    expect(page.get_by_role("button", name="Tải bảng Excel")).to_be_visible()

    chooser = page.locator('[data-testid="stSelectbox"]').filter(has_text="Mở trang Tổng quan")
    chooser.click()
    page.keyboard.type("Tân Hải")  # the list shows only the options near the chosen one
    page.get_by_role("option", name="Xã Tân Hải").click()
    # the choice reaches the server (its rerun ends) before the button is pressed
    expect(chooser.locator("input")).to_have_value("Xã Tân Hải")
    page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')")
    page.get_by_role("button", name="Mở Tổng quan").click()
    expect(page.get_by_role("heading", name="Tổng quan tiến độ CCHC — Xã Tân Hải")).to_be_visible(
        timeout=30_000
    )
    expect(page.get_by_text("Xếp thứ 1/30 về tỷ lệ hoàn thành")).to_be_visible()
    query = parse_qs(urlsplit(page.url).query)
    assert query["don_vi"] == ["Xã Tân Hải"], page.url


def open_province(page: Page, base: str) -> None:
    page.goto(base + "/province")
    page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=FIRST_RENDER_MS)
    expect(page.get_by_role("heading", name="Toàn tỉnh — tỉnh Bắc Ninh")).to_be_visible()


def expect_overview_of(page: Page, unit: str, place: str) -> None:
    expect(page.get_by_role("heading", name=f"Tổng quan tiến độ CCHC — {unit}")).to_be_visible(
        timeout=30_000
    )
    expect(page.get_by_text(f"Xếp thứ {place} về tỷ lệ hoàn thành")).to_be_visible()
    sidebar = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]')
    expect(sidebar.filter(has_text="Đơn vị").first.locator("input")).to_have_value(unit)
    assert parse_qs(urlsplit(page.url).query)["don_vi"] == [unit], page.url


def test_a_click_on_a_units_bar_opens_its_overview(page: Page, province_server: str):
    open_province(page, province_server)
    bars = page.locator(".js-plotly-plot").first
    click_centre(page, bar_on_row(bars, "3. Xã Nam Phúc"))
    expect_overview_of(page, "Xã Nam Phúc", "3/30")


def test_a_click_on_a_units_row_opens_its_overview(page: Page, province_server: str):
    open_province(page, province_server)
    grid = page.locator('[data-testid="stDataFrame"]')
    # rows by rank: 1 Phường Tân Phong, 1 Xã Tân Hải, 3 Xã Nam Phúc, 3 Xã Thái Đức
    expect(grid.locator('[role="row"]').nth(4)).to_contain_text("Xã Thái Đức")
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    assert box
    header, row = 35, 35  # the grid's header and row heights (px)
    page.mouse.click(box["x"] + 17, box["y"] + header + 3 * row + row / 2)  # its row's tick box
    expect_overview_of(page, "Xã Thái Đức", "3/30")
