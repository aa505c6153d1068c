"""A staff member's walk in a real browser: upload a report with mistakes, get the marked-up
copy, upload the fixed file, load it, then undo it from the history."""

from __future__ import annotations

import io
from collections.abc import Callable

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from tests.workbooks import REPORT_HEADER, xlsx_bytes

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TITLE = "Ban hành Kế hoạch tuyên truyền cải cách hành chính năm 2026"


def report(status: str, percent: object) -> bytes:
    top = [
        ["UBND PHƯỜNG VÕ CƯỜNG"],
        ["BÁO CÁO"],
        ["Tiến độ thực hiện nhiệm vụ cải cách hành chính Quý IV năm 2026"],
        ["Đơn vị báo cáo: Phòng Văn hóa – Xã hội"],
        ["Võ Cường, ngày 20 tháng 11 năm 2026"],
        [],
    ]
    return xlsx_bytes({"Báo cáo": [*top, REPORT_HEADER, ["1", TITLE, "", "", status, percent]]})


def upload(page: Page, name: str, data: bytes) -> None:
    page.locator("input[type=file]").set_input_files(
        {"name": name, "mimeType": XLSX, "buffer": data}
    )


def test_upload_error_fix_load_and_undo(open_app: Callable[..., Page], server: str) -> None:
    page = open_app("/upload", ready="upload")
    page.get_by_label("Người tải lên").fill("Nguyễn Văn A")
    page.get_by_label("Người tải lên").press("Enter")

    upload(page, "bao-cao-q4.xlsx", report("Làm được một nửa", 150))
    expect(page.get_by_text("2 lỗi cần sửa")).to_be_visible(timeout=20_000)
    with page.expect_download() as download:
        page.get_by_role("button", name="Tải tệp đã đánh dấu lỗi").click()
    marked = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()))

    sheet = marked["Báo cáo"]
    assert sheet["E8"].fill.start_color.rgb.endswith("FFC7CE")  # the unknown status
    assert sheet["F8"].fill.start_color.rgb.endswith("FFC7CE")  # the percent over 100
    assert "Cách sửa" in sheet["F8"].comment.text

    upload(page, "bao-cao-q4.xlsx", report("Đã hoàn thành", 100))
    expect(page.get_by_text("hợp lệ, sẽ nạp Báo cáo tiến độ")).to_be_visible(timeout=20_000)
    page.get_by_role("button", name="Nạp vào cơ sở dữ liệu").click()
    expect(page.get_by_text("đã nạp Báo cáo tiến độ — 1 nhiệm vụ")).to_be_visible(timeout=20_000)

    page.goto(server + "/history")
    expect(page.get_by_text("Tôi muốn hoàn tác lần nạp này")).to_be_visible(timeout=20_000)

    page.get_by_text("Tôi muốn hoàn tác lần nạp này").click()
    page.get_by_role("button", name="Hoàn tác").click()
    # the newest upload is the one chosen: the file just loaded
    expect(page.get_by_text("(bao-cao-q4.xlsx)")).to_be_visible(timeout=20_000)
    expect(page.get_by_text("Đã hoàn tác lần nạp số")).to_be_visible()
