"""Points at risk at an as-of date and the evidence checklist (issue #17), on the demo with its
criteria, hand-made links and a few documents (etl.criteria.install_demo)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from cchc import criteria_queries as q
from cchc import criteria_view, db
from cchc.queries import Scope
from etl import criteria

UNIT, YEAR = "Phường Võ Cường", 2026


@pytest.fixture
def demo(demo_db: Path) -> Path:
    with db.writing(demo_db) as con:
        criteria.install_demo(con)
    return demo_db


def at(path: Path, fn, day: date, *args):
    with db.reading(path) as con:
        return fn(con, Scope(UNIT, YEAR, day), *args)


def test_a_share_is_the_maximum_split_among_the_tasks_serving_a_criterion(demo):
    st = at(demo, q.stakes, date(2026, 9, 30))
    v1 = st[st.task_code == "V.1"].iloc[0]  # alone on 5.1 (max 3)
    assert (v1.criterion, v1.n_tasks, v1.stake) == ("5.1", 1, 3.0)
    tt = st[st.criterion == "1.4"]  # four communication tasks share 1.4 (max 3)
    assert len(tt) == 4 and tt.stake.tolist() == [0.75] * 4
    for crit, rows in st.groupby("criterion"):  # the shares add up to the criterion's maximum
        assert rows.stake.sum() == pytest.approx(rows.max_score.iloc[0]), crit


@pytest.mark.parametrize(
    ("day", "expected", "tasks"),
    [
        # 30/06: V.1's deadline is that day, still within it; I.9 (UBND) has no report
        (date(2026, 6, 30), 0.5, {"I.9"}),
        # 30/09: V.1, III.9, IV.2, II.3.2 overdue since 30/06, I.9 unreported
        (
            date(2026, 9, 30),
            3.0 + 2.0 + 3.5 / 4 + 2.5 / 3 + 1.5 / 3,
            {"V.1", "III.9", "IV.2", "II.3.2", "I.9"},
        ),
    ],
)
def test_points_at_risk_at_several_as_of_dates(demo, day, expected, tasks):
    risk = at(demo, q.risk_total, day)
    assert risk["at_risk"] == pytest.approx(expected)
    assert risk["total"] == 100
    first = at(demo, q.act_first, day, 20)
    assert set(first.task_code) == tasks
    assert risk["tasks_at_risk"] == len(tasks)
    # most points first, then the nearest deadline
    pts = first.points.tolist()
    assert pts == sorted(pts, reverse=True)
    by_area = at(demo, q.risk_by_area, day)
    assert by_area.at_risk.sum() == pytest.approx(expected)
    assert by_area.code.tolist() == [str(i) for i in range(1, 9)]


def test_the_figure_for_30_09_does_not_move_when_later_reports_come(demo):
    before = at(demo, q.risk_total, date(2026, 9, 30))
    late = at(demo, q.risk_total, date(2026, 11, 26))
    with db.writing(demo) as con:  # V.1 reported done on 15/10 in a Q4 report
        upload = con.execute("SELECT max(upload_id) FROM task_reports").fetchone()[0]
        con.execute(
            "INSERT INTO task_reports (upload_id, unit, plan_year, code, period, period_start,"
            " period_end, department, reported_status, percent, report_date)"
            " VALUES (?, ?, 2026, 'V.1', '2026-Q4', DATE '2026-10-01', DATE '2026-12-31',"
            " 'VHXH', 'done', 100, DATE '2026-10-15')",
            [upload, UNIT],
        )
    assert at(demo, q.risk_total, date(2026, 9, 30)) == before
    after = at(demo, q.risk_total, date(2026, 11, 26))
    assert after["at_risk"] == pytest.approx(late["at_risk"] - 3.0)  # done late: no longer at risk


def test_proposals_and_rejected_links_stake_nothing(demo):
    with db.reading(demo) as con:
        links = q.links(con, UNIT, YEAR)
    assert links.state.iloc[0] == "proposed"  # proposals first, for review
    st = at(demo, q.stakes, date(2026, 9, 30))
    accepted = links[links.state == "accepted"]
    assert len(st) == len(accepted)


def test_the_checklist_progress_by_area_and_the_self_assessment(demo):
    with db.reading(demo) as con:
        progress = q.evidence_progress(con, UNIT, YEAR)
        missing = q.missing_evidence(con, UNIT, YEAR)
        items = q.evidence(con, UNIT, YEAR)
    assert progress["items"].sum() == len(items)
    assert progress["present"].sum() == len(criteria.DEMO_EVIDENCE) == len(items) - len(missing)
    direction = progress[progress.area == "direction"].iloc[0]
    assert direction.present == 2 and direction.share == pytest.approx(2 / direction["items"])
    table = at(demo, q.self_assessment, date(2026, 9, 30))
    row = table[table.code == "5.1"].iloc[0]
    assert (row.max_score, row.self_score, row.basis) == (3.0, 0.0, "dự kiến")
    assert "✓ Báo cáo CCHC quý I, 6 tháng, quý III năm 2026 (demo)" in (
        table[table.code == "1.2"].iloc[0].evidence
    )
    assert pd.isna(table[table.code == "1"].iloc[0].self_score)  # an area: left to staff


def test_the_self_assessment_excel_has_the_dossier_layout(demo):
    import io

    import openpyxl

    table = at(demo, q.self_assessment, date(2026, 9, 30))
    data = criteria_view.self_assessment_xlsx(table, UNIT, YEAR, date(2026, 9, 30))
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    assert ws.title == "Tự đánh giá"
    assert "NĂM 2026" in ws["A1"].value and "30/09/2026" in ws["A2"].value
    assert [c.value for c in ws[4]] == [
        "STT",
        "Lĩnh vực / tiêu chí / tiêu chí thành phần",
        "Điểm tối đa",
        "Điểm tự đánh giá",
        "Tài liệu kiểm chứng",
        "Ghi chú",
    ]
    rows = {r[0].value: r for r in ws.iter_rows(min_row=5)}
    assert len(rows) == len(table)
    assert rows["5.1"][2].value == 3 and rows["5.1"][3].value == 0
    assert rows["1"][0].font.b and not rows["1.2"][0].font.b
    assert "✗" in rows["1.1.1"][4].value and "Còn thiếu" in rows["1.1.1"][5].value


def test_the_headline_line_is_in_vietnamese_numbers():
    risk = {
        "at_risk": 6.5,
        "total": 100.0,
        "criteria_linked": 3,
        "criteria_at_risk": 2,
        "tasks_at_risk": 2,
    }
    assert criteria_view.risk_line(risk) == "Điểm có nguy cơ bị trừ: 6,5 / 100"
    assert criteria_view.points(7.208) == "7,2" and criteria_view.points(7.0) == "7"


def test_section_iv_of_the_report_says_the_points_at_risk_and_the_missing_evidence(demo):
    import io

    from docx import Document

    from cchc import queries, report
    from cchc.filters import Filters

    q3 = Filters(UNIT, YEAR, "Q3", date(2026, 9, 30), date(2026, 9, 30))
    data = report.build(queries.runner(demo), q3, date(2026, 11, 26), lambda *_: None)
    doc = Document(io.BytesIO(data))
    paragraphs = [p.text for p in doc.paragraphs]
    start = paragraphs.index("IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI")
    end = paragraphs.index("V. KIẾN NGHỊ, ĐỀ XUẤT")
    section = paragraphs[start:end]
    heading = [p for p in section if "PAR INDEX" in p and "có nguy cơ bị trừ" in p]
    assert heading and heading[0].startswith("3. ")  # after the due and the overdue tasks
    assert any(
        p.startswith(
            "Điểm có nguy cơ bị trừ: 7,2 / 100 (tính đến 30/09/2026); theo lĩnh vực: "
            "Chế độ công vụ 3; Thủ tục hành chính 2;"
        )
        for p in section
    )
    with db.reading(demo) as con:
        missing = len(q.missing_evidence(con, UNIT, YEAR))
    assert f"Tài liệu kiểm chứng còn thiếu: {missing} tài liệu." in section
    tables = {t.rows[0].cells[1].text: t for t in doc.tables if len(t.rows[0].cells) > 1}
    first = tables["Nhiệm vụ cần xử lý trước"]
    assert [r.cells[0].text for r in first.rows[1:3]] == ["V.1", "III.9"]
    assert len(tables["Tài liệu còn thiếu"].rows) == 1 + 30  # the first 30, the rest counted
    assert f"… và {missing - 30} tài liệu khác (xem trang Tiêu chí PAR INDEX)." in section


def test_the_deck_offers_a_criteria_slide_outside_the_default(demo):
    from cchc import queries, slides

    run = queries.runner(demo)
    scope = Scope(UNIT, YEAR, date(2026, 9, 30))
    choices = slides.catalogue(run, UNIT, scope.as_of)
    assert "criteria" in [c.key for c in choices]
    assert "criteria" not in slides.default_keys(choices)
    (slide,) = slides.deck(slides.Context(run, scope, "Quý III/2026", UNIT), ["criteria"])
    assert slide.title == ("Điểm có nguy cơ bị trừ: 7,2 / 100, nhiều nhất ở Chế độ công vụ (3)")
    assert slide.takeaway.startswith("7,2 điểm PAR INDEX có nguy cơ bị trừ; ưu tiên nhiệm vụ V.1")
    names = [t.name for t in slide.figure.data]
    assert names == ["Không có nguy cơ", "Có nguy cơ bị trừ"]
    assert sum(slide.figure.data[1].x) == pytest.approx(3.0 + 2.0 + 0.88 + 0.83 + 0.5, abs=0.02)
