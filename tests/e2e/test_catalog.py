"""The Danh mục page in a real browser: the unit's departments, teaching a name, and the name
then listed with who taught it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

MAIN = '[data-testid="stMain"]'


def test_teach_a_department_name(open_app: Callable[..., Page]) -> None:
    page = open_app("/catalog", ready="grid")
    main = page.locator(MAIN)
    expect(page.locator("h1")).to_have_text("Danh mục phòng, đơn vị — Phường Võ Cường")
    expect(main.get_by_text("Chưa có tên gọi nào. Khi một tệp dùng tên lạ")).to_be_visible()

    main.get_by_label("Người thực hiện").fill("Trần Thị B")
    main.get_by_label("Người thực hiện").press("Enter")
    main.get_by_label("Tên như trong tệp").fill("Bộ phận Một cửa")
    choose = main.get_by_role("combobox", name="Là phòng, đơn vị")
    choose.fill("Trung tâm Phục vụ")
    choose.press("Enter")
    main.get_by_role("button", name="Thêm").click()
    expect(
        main.get_by_text("Đã học: «Bộ phận Một cửa» là Trung tâm Phục vụ hành chính công.")
    ).to_be_visible()
    expect(main.locator('[data-testid="stDataFrame"]')).to_have_count(2)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path="test-results/catalog.png", full_page=True)
