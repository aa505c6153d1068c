"""A staff member's walk in a real browser: upload a report with mistakes, get the marked-up
copy, upload the fixed file, load it, then undo it from the history. And what only a browser
shows: the drop zone in Vietnamese, a pick with the same content twice, and problems and
changes that fit a desk screen and a phone."""

from __future__ import annotations

import io
from collections.abc import Callable

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import RESULTS
from tests.workbooks import REPORT_HEADER, xlsx_bytes

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TITLE = "Ban hành Kế hoạch tuyên truyền cải cách hành chính năm 2026"
I3 = (
    "Tổng hợp, xây dựng báo cáo định kỳ (quý, 6 tháng, năm) về công tác cải cách hành chính gửi "
    "Sở Nội vụ"
)
INSTRUCTIONS = '[data-testid="stFileUploaderDropzoneInstructions"]'


def report(status: str, percent: object, quarter: str = "IV", day: str = "20 tháng 11") -> bytes:
    top = [
        ["UBND PHƯỜNG VÕ CƯỜNG"],
        ["BÁO CÁO"],
        [f"Tiến độ thực hiện nhiệm vụ cải cách hành chính Quý {quarter} năm 2026"],
        ["Đơn vị báo cáo: Phòng Văn hóa – Xã hội"],
        [f"Võ Cường, ngày {day} năm 2026"],
        [],
    ]
    return xlsx_bytes({"Báo cáo": [*top, REPORT_HEADER, ["1", TITLE, "", "", status, percent]]})


def upload(page: Page, *files: tuple[str, bytes]) -> None:
    page.locator("input[type=file]").set_input_files(
        [{"name": name, "mimeType": XLSX, "buffer": data} for name, data in files]
    )


def test_upload_error_fix_load_and_undo(open_app: Callable[..., Page], server: str) -> None:
    page = open_app("/upload", ready="upload")
    page.get_by_role("textbox", name="Người tải lên").fill("Nguyễn Văn A")
    page.get_by_role("textbox", name="Người tải lên").press("Enter")

    upload(page, ("bao-cao-q4.xlsx", report("Làm được một nửa", 150)))
    expect(page.get_by_text("2 lỗi cần sửa")).to_be_visible(timeout=20_000)
    with page.expect_download() as download:
        page.get_by_role("button", name="Tải tệp đã đánh dấu lỗi").click()
    marked = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()))

    sheet = marked["Báo cáo"]
    assert sheet["E8"].fill.start_color.rgb.endswith("FFC7CE")  # the unknown status
    assert sheet["F8"].fill.start_color.rgb.endswith("FFC7CE")  # the percent over 100
    assert "Cách sửa" in sheet["F8"].comment.text

    upload(page, ("bao-cao-q4.xlsx", report("Đã hoàn thành", 100)))
    expect(page.get_by_text("hợp lệ, sẽ nạp Báo cáo tiến độ")).to_be_visible(timeout=20_000)
    expect(page.get_by_text("Sẽ thay đổi khi nạp")).to_be_visible()
    page.get_by_role("button", name="Nạp vào cơ sở dữ liệu").click()
    expect(page.get_by_text("đã nạp Báo cáo tiến độ — 1 nhiệm vụ")).to_be_visible(timeout=20_000)

    page.goto(server + "/history")
    expect(page.get_by_text("Tôi muốn hoàn tác lần nạp này")).to_be_visible(timeout=20_000)

    page.get_by_label("Người hoàn tác").fill("Trần Thị Hoa")
    page.get_by_label("Người hoàn tác").press("Enter")
    page.get_by_text("Tôi muốn hoàn tác lần nạp này").click()
    page.get_by_role("button", name="Hoàn tác").click()
    # the newest upload is the one chosen: the file just loaded, named as the history names it
    done = page.get_by_text("Đã hoàn tác lần nạp #")
    expect(done).to_be_visible(timeout=20_000)
    expect(done).to_contain_text(" · bao-cao-q4.xlsx · ")
    expect(done).to_contain_text(" · Nguyễn Văn A.")
    # at once: the box is gone and the upload reads as undone
    expect(page.get_by_text("Tôi muốn hoàn tác lần nạp này")).to_have_count(0)
    expect(page.get_by_text("Đã hoàn tác — không hoàn tác được.")).to_be_visible()


def test_the_drop_zone_speaks_vietnamese(open_app: Callable[..., Page]) -> None:
    """Streamlit's own words in the drop zone cannot be set by its API: CSS replaces them."""
    page = open_app("/upload", ready="upload")
    zone = page.locator(INSTRUCTIONS)
    expect(zone).to_be_visible()
    assert "per file" not in zone.inner_text()  # the English is hidden from view
    shown = zone.evaluate(
        "z => getComputedStyle(z.querySelector(':scope > div'), '::after').content"
    )
    assert shown == '"Kéo thả tệp vào đây · tối đa 50 MB mỗi tệp"'
    hidden = zone.evaluate("z => [...z.querySelectorAll('span')].map(s => s.offsetWidth)")
    assert hidden and not any(hidden)
    button = page.locator('[data-testid="stFileUploaderDropzone"] button')
    label = button.evaluate(
        "b => getComputedStyle(b.querySelector('[data-testid=stMarkdownContainer]'), '::after')"
        ".content"
    )
    assert label == '"Chọn tệp"'
    assert "Upload" not in button.inner_text()
    expect(button).to_have_accessible_name("Chọn tệp")


def test_the_same_content_twice_in_one_pick_is_shown_once(open_app: Callable[..., Page]) -> None:
    page = open_app("/upload", ready="upload")
    same = report("Đã hoàn thành", 100)
    upload(page, ("a.xlsx", same), ("b.xlsx", same), ("c.xlsx", report("Đã hoàn thành", 150)))
    expect(page.get_by_text("Trùng nội dung với tệp «a.xlsx» ở trên — bỏ qua")).to_be_visible(
        timeout=20_000
    )
    expect(page.get_by_text("lỗi cần sửa")).to_be_visible()  # the file after the copy
    expect(page.get_by_role("button", name="Nạp vào cơ sở dữ liệu")).to_have_count(1)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def _whole_page(page: Page, width: int, name: str) -> None:
    """A screenshot of the whole page: Streamlit scrolls inside its own container, so the
    window is made as tall as the content first."""
    height = page.evaluate(
        "Math.max(...[...document.querySelectorAll('*')].map(e => e.scrollHeight))"
    )
    page.set_viewport_size({"width": width, "height": min(height + 40, 12_000)})
    page.wait_for_timeout(300)  # one layout pass at the new size
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / name), full_page=True)


@pytest.mark.parametrize("width", [1280, 390])
def test_problems_and_changes_fit_the_screen(
    open_app: Callable[..., Page], page: Page, width: int
) -> None:
    """Problems as cards and the before → after table wrap within a desk screen and a phone;
    a load that removes reports waits until the clerk agrees."""
    page.set_viewport_size({"width": width, "height": 900})
    open_app("/upload", ready="upload")
    sidebar = page.locator('[data-testid="stSidebar"]')
    if width < 600:  # a phone opens with the sidebar closed: it would cover the page
        expect(sidebar).to_have_attribute("data-collapsed", "true")
    else:
        expect(sidebar).to_have_attribute("data-collapsed", "false")
    long_value = "Đang làm, còn chờ ý kiến của " + "Sở Nội vụ và các sở, ngành liên quan " * 4
    rows = [["1", TITLE, "", "", long_value, 150], ["2", "Một việc không có", "", "", "", 5]]
    bad = xlsx_bytes({"Báo cáo": [["Quý IV năm 2026"], [], REPORT_HEADER, *rows]})
    # the demo's Quý III report of the office names 23 tasks: this one keeps two
    fewer = xlsx_bytes(
        {
            "Báo cáo": [
                ["UBND PHƯỜNG VÕ CƯỜNG"],
                ["Tiến độ thực hiện nhiệm vụ cải cách hành chính Quý III năm 2026"],
                ["Đơn vị báo cáo: Phòng Văn hóa – Xã hội"],
                ["Võ Cường, ngày 20 tháng 9 năm 2026"],
                [],
                REPORT_HEADER,
                ["1", TITLE, "", "", "Đã hoàn thành", 100],
                ["2", I3, "", "", "Đã hoàn thành", 100],
            ]
        }
    )
    upload(page, ("bao-cao-loi.xlsx", bad), ("bao-cao-q3-vhxh.xlsx", fewer))
    consent = page.get_by_text("Tôi hiểu và đồng ý: nạp tệp này sẽ bỏ")
    expect(consent).to_be_visible(timeout=20_000)
    expect(page.locator(".u-card").first).to_be_visible()
    expect(page.get_by_text("Trước", exact=True)).to_be_visible()  # the before → after table
    load = page.get_by_role("button", name="Nạp vào cơ sở dữ liệu")
    expect(load).to_be_disabled()
    _whole_page(page, width, f"upload-{width}.png")

    overflow = page.evaluate(
        """() => [...document.querySelectorAll('.u-card, [data-testid="stTable"]')]
            .filter(e => e.scrollWidth > e.clientWidth + 1
                      || e.getBoundingClientRect().right > window.innerWidth)
            .map(e => e.className || e.dataset.testid)"""
    )
    assert overflow == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.set_viewport_size({"width": width, "height": 900})
    page.get_by_role("textbox", name="Người tải lên").fill("Nguyễn Văn A")
    page.get_by_role("textbox", name="Người tải lên").press("Enter")
    expect(page.get_by_text("cần đánh dấu ô «Tôi hiểu và đồng ý»")).to_be_visible()
    consent.click()
    expect(load).to_be_enabled()  # not clicked: the shared demo data stays as it is
