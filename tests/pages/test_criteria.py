"""The Tiêu chí PAR INDEX page under AppTest (issue #17): points at risk, links to accept,
the evidence checklist and its Excel export."""

from __future__ import annotations

import duckdb
import pytest

from cchc import db
from etl import criteria
from tests.pages.apptest import run_app


@pytest.fixture
def demo(demo_db):
    with db.writing(demo_db) as con:
        criteria.install_demo(con)
    return demo_db


def test_the_page_shows_the_points_at_risk_and_the_tasks_first(demo):
    at = run_app("criteria", ky="Q3")
    assert at.title[0].value == "Tiêu chí PAR INDEX năm 2026 — Phường Võ Cường"
    m = at.metric[0]
    assert m.label == "Điểm có nguy cơ bị trừ" and m.value == "7,2 / 100"
    first = at.dataframe[1].value
    assert list(first["Mã"])[:2] == ["V.1", "III.9"]
    assert list(first["Điểm có nguy cơ"])[:2] == ["3", "2"]
    stakes = at.dataframe[2].value  # every criterion with its tasks (in the expander)
    v1 = stakes[stakes["Nhiệm vụ"].str.startswith("V.1 — ")].iloc[0]
    assert (v1["Tiêu chí"], v1["Điểm phụ thuộc nhiệm vụ"], v1["Có nguy cơ"]) == (
        "5.1 — Vị trí việc làm và cơ cấu ngạch công chức",
        "3",
        "Có",
    )
    assert v1["Trạng thái"] == "Quá hạn, chưa hoàn thành"
    progress = [p.proto.text for p in at.get("progress")]
    assert progress[0] == "Chỉ đạo, điều hành: 2/12 tài liệu (16,7%)"


def test_accepting_a_proposal_is_saved_with_who(demo):
    at = run_app("criteria", ky="Q3")
    at.text_input(key="cr_by").input("Nguyễn Thị Lan").run()
    with duckdb.connect(str(demo), read_only=True) as con:
        task, crit = con.execute(
            "SELECT task_code, criterion FROM criterion_links WHERE state = 'proposed'"
            " ORDER BY score DESC, task_code LIMIT 1"
        ).fetchone()
    # the add form accepts a pair directly
    at.selectbox[0].set_value(task)
    at.selectbox[1].set_value(crit)
    at.button(key="FormSubmitter:cr_add-Thêm").click().run()
    assert any(f"Đã liên kết {task} với tiêu chí {crit}." in s.value for s in at.success)
    with duckdb.connect(str(demo), read_only=True) as con:
        row = con.execute(
            "SELECT state, decided_by FROM criterion_links WHERE task_code = ? AND criterion = ?",
            [task, crit],
        ).fetchone()
    assert row == ("accepted", "Nguyễn Thị Lan")


def test_without_criteria_the_page_takes_them_from_the_par_file_and_proposes(demo_db):
    at = run_app("criteria", ky="Q3")
    assert "Chưa có bộ tiêu chí PAR INDEX năm 2026" in at.info[0].value
    button = at.button[0]
    assert button.label == "Lấy bộ tiêu chí và đề xuất liên kết" and button.disabled
    at.text_input(key="cr_by").input("Lan").run()
    at.button[0].click().run()
    assert at.success[0].value.startswith("Đã lấy bộ tiêu chí và đề xuất ")
    assert "bảng điểm PAR INDEX năm 2025" in " ".join(c.value for c in at.caption)
    # nothing accepted yet: no point is at risk, and the page says why
    assert at.metric[0].value == "0 / 100"
    assert at.metric[0].delta == "Chưa có liên kết nhiệm vụ – tiêu chí nào được duyệt."


@pytest.mark.parametrize("page", [None, "indices"])
def test_overview_and_indices_say_the_points_at_risk_in_one_line(demo, page):
    at = run_app(page, ky="Q3")
    lines = [m.value for m in at.markdown if "Điểm có nguy cơ bị trừ" in m.value]
    assert lines == [
        "**Điểm có nguy cơ bị trừ: 7,2 / 100** (PAR INDEX 2026, đến 30/09/2026) — theo lĩnh "
        "vực: Chế độ công vụ 3; Thủ tục hành chính 2; Tổ chức bộ máy 0,9. Xử lý trước: V.1 (3 "
        "điểm, hạn 30/06/2026), III.9 (2 điểm, hạn 30/06/2026), IV.2 (0,9 điểm, hạn 30/06/2026)."
    ]


def test_without_criteria_the_overview_has_no_such_line(demo_db):
    at = run_app(None, ky="Q3")
    assert not [m for m in at.markdown if "Điểm có nguy cơ bị trừ" in m.value]
