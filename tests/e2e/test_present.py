"""The presentation mode on a 1920x1080 projector: no sidebar, large takeaway, next slide."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
RESULTS = Path(__file__).resolve().parents[2] / "test-results"


def test_presentation_on_a_projector(open_app: Callable[..., Page]) -> None:
    page = open_app("/present")
    page.set_viewport_size({"width": 1920, "height": 1080})
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
    expect(page.locator("h1")).to_have_text("Tiến độ theo lĩnh vực")
    expect(page.locator(".slide-takeaway")).to_contain_text("29/64 nhiệm vụ đã hoàn thành (45,3%)")
    expect(page.locator(".slide-footer")).to_contain_text("trang 1/8")
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / "present_1920x1080.png"))
    page.get_by_role("button", name="Sau ▶").click()
    expect(page.locator(".slide-footer")).to_contain_text("trang 2/8", timeout=15_000)
    expect(page.locator("h1")).to_have_text("Nhiệm vụ quá hạn theo phòng chủ trì")
    assert "trang=2" in page.url
