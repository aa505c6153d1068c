"""Text from uploaded cells is shown as text, never run: a plan whose task titles hold
`<script>alert(1)</script>` and `[x](javascript:alert(1))` is loaded, then a new version of it is
checked on the upload page, where the old and new titles appear (what the load removes, what it
changes). The words must be on the screen as written, with no script, no javascript: link and
no dialog."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from etl.load import Options, load_bytes
from tests.e2e.conftest import FIRST_RENDER_MS, ROOT, streamlit_on
from tests.workbooks import PLAN_FOOTER, PLAN_HEADER, PLAN_MERGES, xlsx_bytes

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

UNIT = "Xã Thử Nghiệm"
SCRIPT = "<script>alert(1)</script>"
LINK = "[x](javascript:alert(1))"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _plan(*titles: str) -> bytes:
    body = [["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH"]]
    body += [[str(i), t, "Văn phòng HĐND và UBND", None, None, None, None]
             for i, t in enumerate(titles, start=1)]  # fmt: skip
    title = [
        ["PHỤ LỤC"],
        ["NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026"],
        ["(Kèm theo Kế hoạch số 3/KH-UBND ngày 15/01/2026 của UBND xã Thử Nghiệm)"],
        [],
    ]
    rows = [*title, *PLAN_HEADER, *body, *PLAN_FOOTER]
    return xlsx_bytes({"Phụ lục": rows}, merges={"Phụ lục": PLAN_MERGES})


@pytest.fixture(scope="module")
def hostile(demo_db_master: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    workdir = tmp_path_factory.mktemp("hostile")
    database = workdir / "cchc.duckdb"
    shutil.copy(demo_db_master, database)
    old = _plan("Một việc bình thường", f"Rà soát {LINK}", f"Tuyên truyền {SCRIPT}")
    loaded = load_bytes(old, "ke-hoach.xlsx", Options(unit=UNIT), database)
    assert loaded.status == "loaded", loaded.problems
    with streamlit_on(database, workdir) as base:
        yield base


def test_hostile_cell_text_shows_as_text(hostile: str, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(20_000)
    dialogs: list[str] = []
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        page.goto(f"{hostile}/upload?don_vi={UNIT}")
        page.locator('[data-testid="stFileUploader"]').wait_for(timeout=FIRST_RENDER_MS)
        new = _plan(f"Tuyên truyền mới {SCRIPT}", f"Rà soát mới {LINK}")
        page.locator("input[type=file]").set_input_files(
            [{"name": f"{LINK}.xlsx", "mimeType": XLSX, "buffer": new}]
        )
        main = page.locator('[data-testid="stMain"]')
        consent = main.get_by_text("Tôi hiểu và đồng ý", exact=False).first
        expect(consent).to_be_visible(timeout=30_000)
        expect(consent).to_contain_text(f"«Tuyên truyền {SCRIPT}»")  # the task removed, as written
        expect(main.get_by_text(f"Tuyên truyền mới {SCRIPT}").first).to_be_visible()
        expect(main.get_by_text(f"Rà soát mới {LINK}").first).to_be_visible()
        expect(main.get_by_text(f"{LINK}.xlsx").first).to_be_visible()  # the file's name
        assert main.locator("script").count() == 0
        assert main.locator('a[href^="javascript"]').count() == 0
        hrefs = main.locator("a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
        assert not [h for h in hrefs if h and "alert" in h]
        page.screenshot(path=str(ROOT / "test-results" / "text-safety.png"), full_page=True)
        assert dialogs == []
    finally:
        context.close()
