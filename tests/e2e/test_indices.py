"""The 'Chỉ số' page in a real browser: each index's trend and breakdown are drawn."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_indices_page_trends_and_points_lost(open_app: Callable[..., Page]) -> None:
    page = open_app("/indices")
    expect(page.locator("h1")).to_have_text("Chỉ số đánh giá từ bên ngoài")
    par = page.locator(".js-plotly-plot").filter(has_text="Chỉ số cải cách hành chính (PAR INDEX)")
    expect(par.first).to_contain_text("88,70")  # the 2025 total, written the Vietnamese way
    expect(page.locator(".js-plotly-plot").filter(has_text="theo lĩnh vực — 2025")).to_contain_text(
        "Cải cách thủ tục hành chính"
    )
    page.get_by_role("tab", name="SIPAS").click()
    sipas = page.locator(".js-plotly-plot").filter(has_text="Chỉ số hài lòng (SIPAS) — Phường")
    expect(sipas).to_contain_text("93,50%")
    expect(sipas).to_contain_text("Trung bình tỉnh")
    expect(sipas).to_contain_text("Mục tiêu 95%")
