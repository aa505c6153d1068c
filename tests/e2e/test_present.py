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
    """The same screens as the deck (title, 8 charts, the overdue list), each filling a
    1920x1080 projector: no blank band under the chart, a legend of at least 18 px, titles in
    the charts' font (issue #12, finding 9)."""
    page = open_app("/present?ky=Q3&trang=2")
    page.set_viewport_size({"width": 1920, "height": 1080})
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
    expect(page.locator("h1")).to_have_text("Hoàn thành 43,8%; 4 nhiệm vụ quá hạn ở 4 lĩnh vực")
    expect(page.locator(".slide-takeaway")).to_contain_text("28/64 nhiệm vụ đã hoàn thành (43,8%)")
    expect(page.locator(FOOTER)).to_contain_text("DỮ LIỆU MẪU (DEMO) · Phường Võ Cường")
    expect(page.locator(FOOTER)).to_contain_text("trang 2/10")
    page.wait_for_timeout(500)  # plotly follows its box after the resize
    chart = page.locator(".js-plotly-plot").first.bounding_box()
    footer = page.locator(FOOTER).bounding_box()
    assert footer["y"] + footer["height"] > 1080 * 0.93, footer  # the footer at the bottom
    assert chart["height"] > 1080 * 0.6, chart  # the chart takes what the texts leave
    sizes = page.locator(".legendtext").evaluate_all(
        "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))"
    )
    assert sizes and min(sizes) >= 18, sizes
    title_font = page.locator("h1").evaluate("e => getComputedStyle(e).fontFamily")
    chart_font = page.locator(".legendtext").first.evaluate("e => getComputedStyle(e).fontFamily")
    assert title_font.split(",")[0].strip("\"' ") == chart_font.split(",")[0].strip("\"' ")
    assert page.locator(".gtitle").count() == 0  # the slide's title only, not the chart's too
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / "present_1920x1080.png"))

    page.get_by_role("button", name="◀ Trước").click()
    expect(page.locator(FOOTER)).to_contain_text("trang 1/10", timeout=15_000)
    expect(page.locator("h1")).to_have_text("Tiến độ cải cách hành chính")
    expect(page.locator(".slide-cover")).to_contain_text("Số liệu đến ngày 30/09/2026 · 8 biểu đồ")
    expect(page.get_by_role("button", name="◀ Trước")).to_be_disabled()
    titles = []
    for n in range(2, 11):
        page.get_by_role("button", name="Sau ▶").click()
        expect(page.locator(FOOTER)).to_contain_text(f"trang {n}/10", timeout=15_000)
        titles.append(page.locator("h1").inner_text())
        assert f"trang={n}" in page.url
    assert titles[1:3] == [
        "4 nhiệm vụ quá hạn, nhiều nhất ở P. Văn hóa – Xã hội",
        "Chậm hơn tiến độ lý tưởng 10,9 điểm phần trăm (Quý III)",
    ]
    assert titles[3].startswith("PAR 2025: 88,70")
    assert titles[-1] == "Nhiệm vụ quá hạn (4)"
    expect(page.locator(".slide-table")).to_contain_text("chính quyền địa phương 02 cấp")
    page.screenshot(path=str(RESULTS / "present_overdue_1920x1080.png"))
    expect(page.get_by_role("button", name="Sau ▶")).to_be_disabled()
    page.get_by_role("button", name="◀ Trước").click()
    expect(page.locator(FOOTER)).to_contain_text("trang 9/10")
    page.locator(".js-plotly-plot .main-svg").first.wait_for()
    page.screenshot(path=str(RESULTS / "present_index_1920x1080.png"))


def test_auto_advance_moves_on_by_itself(open_app: Callable[..., Page]) -> None:
    page = open_app("/present?ky=Q3&bo=area,trend&tu_dong=3&trang=2")
    # while a screen replaces the last, both footers may be in the page for a moment
    footer = page.locator(FOOTER).last
    expect(footer).to_contain_text("trang 2/4 · tự chuyển sau 3 giây")
    expect(footer).to_contain_text("trang 3/4", timeout=20_000)
    expect(page.locator("h1")).to_have_text(
        "Chậm hơn tiến độ lý tưởng 10,9 điểm phần trăm (Quý III)"
    )
    expect(footer).to_contain_text("trang 1/4", timeout=30_000)  # loops


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


def test_any_chart_downloads_as_a_png_that_stands_alone(open_app: Callable[..., Page]) -> None:
    """The overview's charts share one legend on the page; the PNG has its own, and the unit,
    period, data date and DEMO mark under its title (issue #12, finding 3)."""
    page = open_app("/?ky=Q3")
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Tải ảnh PNG").first.click()
    assert info.value.suggested_filename.startswith("tien-do-theo-linh-vuc")
    RESULTS.mkdir(exist_ok=True)
    saved = RESULTS / "png_export_area.png"
    info.value.save_as(saved)
    picture = Image.open(saved).convert("RGB")
    assert picture.size == (1600, 900)
    colours = picture.crop((0, 40, 500, 110)).getcolors(maxcolors=1_000_000)
    assert sum(n for n, (r, g, _) in colours if r > 150 > g) > 50  # the DEMO mark, in red
    legend = picture.crop((0, 760, 1600, 900)).getcolors(maxcolors=1_000_000)
    done_green = (0x2E, 0x7D, 0x32)
    assert any(c == done_green and n > 60 for n, c in legend)  # a legend swatch at the bottom
