"""The presentation mode on a 1920x1080 projector: no sidebar, large takeaway, walking the deck
forward and back, auto-advance; and the Xuất bản page handing over the files."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
RESULTS = Path(__file__).resolve().parents[2] / "test-results"
FOOTER = ".slide-footer"


def test_walking_the_presentation_on_a_projector(open_app: Callable[..., Page]) -> None:
    page = open_app("/present")
    page.set_viewport_size({"width": 1920, "height": 1080})
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
    expect(page.locator("h1")).to_have_text("Tiến độ theo lĩnh vực")
    expect(page.locator(".slide-takeaway")).to_contain_text("29/64 nhiệm vụ đã hoàn thành (45,3%)")
    expect(page.locator(FOOTER)).to_contain_text("DỮ LIỆU MẪU (DEMO) · Phường Võ Cường")
    expect(page.locator(FOOTER)).to_contain_text("trang 1/8")
    expect(page.get_by_role("button", name="◀ Trước")).to_be_disabled()
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / "present_1920x1080.png"))
    titles = ["Tiến độ theo lĩnh vực"]
    for n in range(2, 9):
        page.get_by_role("button", name="Sau ▶").click()
        expect(page.locator(FOOTER)).to_contain_text(f"trang {n}/8", timeout=15_000)
        titles.append(page.locator("h1").inner_text())
        assert f"trang={n}" in page.url
    assert titles[1:4] == [
        "Nhiệm vụ quá hạn theo phòng chủ trì",
        "Hoàn thành so với tiến độ lý tưởng",
        "Chỉ số cải cách hành chính (PAR INDEX)",
    ]
    page.locator(".js-plotly-plot .main-svg").first.wait_for()
    page.screenshot(path=str(RESULTS / "present_index_1920x1080.png"))
    expect(page.get_by_role("button", name="Sau ▶")).to_be_disabled()
    page.get_by_role("button", name="◀ Trước").click()
    expect(page.locator(FOOTER)).to_contain_text("trang 7/8")


def test_auto_advance_moves_on_by_itself(open_app: Callable[..., Page]) -> None:
    page = open_app("/present?bo=area,trend&tu_dong=3")
    expect(page.locator(FOOTER)).to_contain_text("trang 1/2 · tự chuyển sau 3 giây")
    expect(page.locator(FOOTER)).to_contain_text("trang 2/2", timeout=20_000)
    expect(page.locator("h1")).to_have_text("Hoàn thành so với tiến độ lý tưởng")
    expect(page.locator(FOOTER)).to_contain_text("trang 1/2", timeout=20_000)  # loops


def test_export_page_hands_over_the_deck(open_app: Callable[..., Page]) -> None:
    page = open_app("/export?ky=Q3&bo=area,department", ready="checkbox")
    page.get_by_role("button", name="Tạo tệp PowerPoint (.pptx)").click()
    expect(page.get_by_text("Đã tạo xong bộ trình chiếu")).to_be_visible(timeout=60_000)
    with page.expect_download() as info:
        page.get_by_role("button", name="Tải trinh-chieu-phuong-vo-cuong-quy-iii-2026.pptx").click()
    data = Path(info.value.path()).read_bytes()
    assert info.value.suggested_filename == "trinh-chieu-phuong-vo-cuong-quy-iii-2026.pptx"
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert sum(n.startswith("ppt/slides/slide") and n.endswith(".xml") for n in names) == 4


def test_any_chart_downloads_as_a_presentation_size_png(open_app: Callable[..., Page]) -> None:
    page = open_app("/timeline")
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Tải ảnh PNG").first.click()
    assert info.value.suggested_filename.startswith("thoi-han-cac-nhiem-vu-theo-linh-vuc")
    picture = Image.open(info.value.path())
    assert picture.size == (1600, 900)
