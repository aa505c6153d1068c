"""The 'Nhiệm vụ' page in a real browser: the task grid, the text search, the Excel download,
and getting there from the overview with the sidebar filters kept."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import openpyxl
import pytest
from playwright.sync_api import Locator, Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

GRID = '[data-testid="stDataFrame"] [role="grid"]'
COUNT = re.compile(r"^\d+ / 75 nhiệm vụ$")


def count_line(page: Page) -> Locator:
    return page.get_by_text(COUNT)


def test_tasks_search_and_download(open_app: Callable[..., Page], tmp_path: Path) -> None:
    page = open_app("/tasks", ready="grid")
    expect(page.locator("h1")).to_have_text("Danh sách nhiệm vụ — Phường Võ Cường")
    expect(count_line(page)).to_have_text("75 / 75 nhiệm vụ")
    expect(page.locator(GRID)).to_have_attribute("aria-rowcount", "76")

    search = page.get_by_label("Tìm theo mã hoặc nội dung")
    search.fill("số hóa")
    search.press("Enter")
    expect(count_line(page)).not_to_have_text("75 / 75 nhiệm vụ")
    shown = int(count_line(page).inner_text().split("/")[0])
    assert 0 < shown < 75
    expect(page.locator(GRID)).to_have_attribute("aria-rowcount", str(shown + 1))
    expect(page.locator(GRID)).to_contain_text("Số hóa")

    with page.expect_download() as info:
        page.get_by_role("button", name="Tải danh sách (Excel)").click()
    download = info.value
    assert download.suggested_filename.endswith(".xlsx"), download.suggested_filename
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)

    sheet = openpyxl.load_workbook(saved, read_only=True).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    header_at = next(i for i, r in enumerate(rows[:10]) if "Mã" in r)
    header = rows[header_at]
    assert {"Mã", "Nhiệm vụ"} <= set(header), header
    body = [r for r in rows[header_at + 1 :] if any(v not in (None, "") for v in r)]
    assert len(body) == shown  # the download is the filtered list
    titles = [str(r[header.index("Nhiệm vụ")]).lower() for r in body]
    assert all("số hóa" in t or "số hoá" in t for t in titles), titles


def test_sidebar_navigation_keeps_filters(open_app: Callable[..., Page]) -> None:
    page = open_app("/?ky=Q2&nam=2026")
    expect(page.locator('[data-testid="stMetricValue"]').nth(1)).to_have_text("35,9%")

    page.locator('[data-testid="stSidebarNavLink"]').filter(has_text="Nhiệm vụ").click()
    expect(page).to_have_url(re.compile(r"^http://127\.0\.0\.1:\d+/tasks(\?|$)"))
    expect(page.locator(GRID)).to_have_attribute("aria-rowcount", "76")
    expect(page.locator("h1")).to_have_text("Danh sách nhiệm vụ — Phường Võ Cường")
    expect(page.get_by_text("Trạng thái của từng nhiệm vụ cấp cuối, Quý II/2026.")).to_be_visible()
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text(
        "Số liệu tính đến ngày 30/06/2026."
    )
    expect(count_line(page)).to_have_text("75 / 75 nhiệm vụ")

    assert urlsplit(page.url).path == "/tasks"
    query = {k: v[-1] for k, v in parse_qs(urlsplit(page.url).query).items()}
    assert (query.get("ky"), query.get("nam"), query.get("don_vi")) == (
        "Q2",
        "2026",
        "Phường Võ Cường",
    )
