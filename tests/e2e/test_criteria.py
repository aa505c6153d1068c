"""The Tiêu chí PAR INDEX page in a real browser on the demo with its criteria (issue #17): the
points at risk at 30/09, the chart by area, the tasks to act on first, a document marked as
present in the checklist, and the self-assessment table downloaded as Excel."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from cchc import db
from etl import criteria
from tests.e2e.conftest import FIRST_RENDER_MS, RESULTS, streamlit_on

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture(scope="module")
def criteria_server(
    demo_db_master: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Path]]:
    workdir = tmp_path_factory.mktemp("e2e-criteria")
    db_file = workdir / "cchc.duckdb"
    shutil.copy(demo_db_master, db_file)
    with db.writing(db_file) as con:
        criteria.install_demo(con)
    with streamlit_on(db_file, workdir) as base:
        yield base, db_file


def test_points_at_risk_checklist_and_self_assessment(
    page: Page, criteria_server: tuple[str, Path]
):
    base, _ = criteria_server
    page.goto(base + "/criteria?nam=2026&ky=Q3")
    page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=FIRST_RENDER_MS)
    expect(
        page.get_by_role("heading", name="Tiêu chí PAR INDEX năm 2026 — Phường Võ Cường")
    ).to_be_visible()
    card = page.locator('[data-testid="stMetric"]').filter(has_text="Điểm có nguy cơ bị trừ")
    expect(card.locator('[data-testid="stMetricValue"]')).to_have_text("7,2 / 100")
    expect(page.get_by_text("DỮ LIỆU MẪU (DEMO)")).to_be_visible()
    expect(page.locator(".js-plotly-plot .gtitle")).to_contain_text(
        "Điểm PAR INDEX có nguy cơ bị trừ theo lĩnh vực"
    )
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / "criteria_risk.png"), full_page=True)

    page.get_by_role("tab", name="Tài liệu kiểm chứng").click()
    expect(page.get_by_text("Chỉ đạo, điều hành: 2/12 tài liệu (16,7%)")).to_be_visible()
    who = page.get_by_role("textbox", name="Người thực hiện")
    who.fill("Nguyễn Thị Lan")
    who.press("Enter")
    page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')")
    form = page.locator('[data-testid="stForm"]').filter(has_text="Thêm tài liệu kiểm chứng")
    form.get_by_label("Tên tài liệu").fill("Kế hoạch kiểm tra CCHC năm 2026")
    form.get_by_label("Đường dẫn (nếu có)").fill("https://example.org/kh-kiem-tra")
    form.get_by_role("button", name="Thêm tài liệu").click()
    expect(page.get_by_text("Đã thêm tài liệu.")).to_be_visible(timeout=30_000)
    page.get_by_role("tab", name="Tài liệu kiểm chứng").click()
    expect(page.get_by_text("Chỉ đạo, điều hành: 3/13 tài liệu (23,1%)")).to_be_visible()
    page.screenshot(path=str(RESULTS / "criteria_evidence.png"), full_page=True)

    with page.expect_download() as info:
        page.get_by_role("button", name="Tải bảng tự đánh giá (Excel)").click()
    data = Path(info.value.path()).read_bytes()
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    rows = {r[0].value: r for r in ws.iter_rows(min_row=5)}
    assert "✓ Kế hoạch kiểm tra CCHC năm 2026 (https://example.org/kh-kiem-tra)" in (
        rows["1.1.1"][4].value
    )
    assert rows["5.1"][2].value == 3 and rows["5.1"][3].value == 0
