"""The 'Thủ tục hành chính' page in a real browser: the cards, the rates against the plan's
targets month by month, the late fields, and the way there from the sidebar."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

MAIN = '[data-testid="stMain"]'


def test_procedures_page_rates_targets_and_late_fields(open_app: Callable[..., Page]) -> None:
    page = open_app("/")
    page.get_by_role("link", name="Thủ tục hành chính").click()
    expect(page).to_have_url(re.compile(r"/procedures"))
    main = page.locator(MAIN)
    expect(page.locator("h1")).to_have_text("Thủ tục hành chính — Phường Võ Cường")
    expect(main.get_by_text("Tháng 10/2026, so với Tháng 9/2026")).to_be_visible()
    expect(main.locator('[data-testid="stMetric"]').first).to_contain_text("99,7%")

    charts = main.locator(".js-plotly-plot")
    expect(charts).to_have_count(3)
    rates = charts.nth(0)
    expect(rates.locator("text.gtitle")).to_contain_text("so với mục tiêu — Phường Võ Cường")
    expect(rates).to_contain_text("Mục tiêu trực tuyến 80% (nhiệm vụ VII.3.1)")
    expect(rates.locator("g.xtick text").last).to_have_text("T10/2026")
    late = charts.nth(2)
    ticks = late.locator("g.ytick text")
    expect(ticks).to_have_count(2)
    top = ticks.filter(has_text="Đất đai").bounding_box()
    below = ticks.filter(has_text="Xây dựng").bounding_box()
    assert top["y"] < below["y"]  # the field with most late dossiers first, at the top
    page.screenshot(path="test-results/procedures.png", full_page=True)
