"""The periodic CCHC report (.docx): its outline, that its numbers are the dashboard's, and that
LibreOffice renders it with its charts and Vietnamese text intact."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm

from cchc import fmt, queries, report, tasklist
from cchc.ui import Filters
from tests.pdfpages import rendered

UNIT = "Phường Võ Cường"
TODAY = date(2026, 11, 26)
Q3 = Filters(UNIT, 2026, "Q3", date(2026, 9, 30), date(2026, 9, 30))
Q2 = Filters(UNIT, 2026, "Q2", date(2026, 6, 30), date(2026, 6, 30))


@pytest.fixture(scope="module")
def run(demo_db_master: Path):
    # the report only reads, so the session's demo database is shared (no private copy needed)
    return queries.runner(demo_db_master)


@pytest.fixture(scope="module")
def built(run) -> tuple[bytes, list[tuple[float, str]]]:
    calls: list[tuple[float, str]] = []
    data = report.build(run, Q3, TODAY, lambda f, m: calls.append((f, m)))
    return data, calls


@pytest.fixture(scope="module")
def doc(built):
    return Document(io.BytesIO(built[0]))


def _paragraphs(doc) -> list[str]:
    return [p.text for p in doc.paragraphs]


def _all_text(doc) -> str:
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join(_paragraphs(doc) + cells)


def _table(doc, first_header: str, last_header: str):
    for t in doc.tables:
        header = [c.text for c in t.rows[0].cells]
        if header[0] == first_header and header[-1] == last_header:
            return t
    raise AssertionError(f"no table {first_header} … {last_header}")


def _rows(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows[1:]]


def test_outline_header_and_title(doc):
    paragraphs = _paragraphs(doc)
    positions = [paragraphs.index(h) for h in report.HEADINGS]
    assert positions == sorted(positions)
    assert report.HEADINGS[0] == "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"
    left, right = (c.text for c in doc.tables[0].rows[0].cells)
    assert left.startswith("UBND PHƯỜNG VÕ CƯỜNG") and "/BC-UBND" in left
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right
    assert "Độc lập – Tự do – Hạnh phúc" in right
    assert "Võ Cường, ngày" in right and "năm 2026" in right
    assert "BÁO CÁO" in paragraphs
    assert "Kết quả thực hiện công tác cải cách hành chính quý III năm 2026" in paragraphs
    assert "Số liệu tính đến ngày 30/09/2026" in _all_text(doc)
    text = _all_text(doc)
    assert "Nơi nhận:" in text and "TM. ỦY BAN NHÂN DÂN" in text and "CHỦ TỊCH" in text
    # area subsections under II, named as the plan names them
    assert "2. Cải cách thủ tục hành chính" in paragraphs


def test_page_and_font_follow_the_administrative_norm(doc):
    section = doc.sections[0]
    assert abs(section.page_width - Cm(21)) < Cm(0.01)
    assert abs(section.left_margin - Cm(3)) < Cm(0.01)
    for name in ("Normal", "Heading 1", "Heading 2"):
        fonts = doc.styles[name].element.rPr.find(qn("w:rFonts"))
        assert {fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "eastAsia", "cs")} == {
            report.FONT
        }
        assert fonts.get(qn("w:asciiTheme")) is None


def test_overall_numbers_are_the_dashboards(doc, run):
    h = run("headline", Q3.scope)
    assert (h["done"], h["with_deadline"]) == (28, 64)  # VII.2.3 was done 02/10
    text = _all_text(doc)
    assert (
        f"{h['done']}/{h['with_deadline']} nhiệm vụ đã hoàn thành ({fmt.percent(h['done_rate'])})"
        in text
    )
    assert fmt.percent(h["done_rate"]) == "43,8%"
    assert f"gồm {h['tasks']} nhiệm vụ cụ thể" in text


def test_area_table_adds_up_to_the_headline(doc, run):
    h = run("headline", Q3.scope)
    table = _table(doc, "Lĩnh vực", "Tỷ lệ hoàn thành")
    rows = _rows(table)
    total = rows[-1]
    assert total == [
        "Tổng cộng",
        str(h["tasks"]),
        str(h["done"]),
        str(h["tasks"] - h["done"] - h["overdue"] - h["continuous"]),
        str(h["overdue"]),
        str(h["continuous"]),
        fmt.percent(h["done_rate"]),
    ]
    areas = rows[:-1]
    for col in range(1, 6):
        assert sum(int(r[col]) for r in areas) == int(total[col])
    by_area = run("status_counts", Q3.scope, "area")
    procedures = by_area[by_area["grp"] == "procedures"].set_index("status")["n"]
    done = procedures["done_on_time"] + procedures["done_late"]
    rate = done / (procedures.sum() - procedures["continuous"])
    row = next(r for r in areas if r[0] == "Thủ tục hành chính")
    assert row[:3] == ["Thủ tục hành chính", str(procedures.sum()), str(done)]
    assert row[-1] == fmt.percent(rate)


def test_overdue_tasks_are_the_task_lists(doc, run):
    tasks = run("task_status", Q3.scope)
    expected = list(tasklist.overdue(tasks, Q3.as_of)["code"])
    assert expected  # the demo has overdue tasks at the end of Q3
    table = _table(doc, "Mã", "Số ngày quá hạn")
    assert [r[0] for r in _rows(table)] == expected
    text = _all_text(doc)
    assert f"Còn {len(expected)} nhiệm vụ quá hạn chưa hoàn thành ({', '.join(expected)})" in text


def test_next_period_lists_open_tasks_due_in_q4(doc, run):
    tasks = run("task_status", Q3.scope)
    deadline = pd.to_datetime(tasks["deadline"]).dt.date
    due = tasks[
        ~tasks["status"].isin(["done_on_time", "done_late", "continuous"])
        & deadline.notna()
        & (deadline >= date(2026, 10, 1))
        & (deadline <= date(2026, 12, 31))
    ]
    table = _table(doc, "Mã", "Tình trạng")
    assert sorted(r[0] for r in _rows(table)) == sorted(due["code"])
    assert any(
        p.startswith("1. Các nhiệm vụ đến hạn trong quý IV năm 2026") for p in _paragraphs(doc)
    )
    assert "[Bổ sung các nhiệm vụ trọng tâm khác]" in _paragraphs(doc)


def test_demo_label_charts_and_progress(doc, built):
    demo = [p for p in doc.paragraphs if p.text == report.DEMO_LINE]
    assert demo and str(demo[0].runs[0].font.color.rgb) == "C00000"
    assert len(doc.inline_shapes) >= 3
    fractions = [f for f, _ in built[1]]
    assert fractions == sorted(fractions) and len(set(fractions)) >= 5
    assert fractions[-1] == 1.0 and 0 <= fractions[0] < 0.5
    assert any(m.startswith("Đang vẽ biểu đồ 1/") for _, m in built[1])


def test_half_year_report_and_period_texts(run):
    data = report.build(run, Q2, TODAY)
    paragraphs = _paragraphs(Document(io.BytesIO(data)))
    assert "Kết quả thực hiện công tác cải cách hành chính 6 tháng đầu năm 2026" in paragraphs
    assert any(p.startswith("1. Các nhiệm vụ đến hạn trong quý III năm 2026") for p in paragraphs)

    def text(period: str, as_of: date = date(2026, 9, 30)) -> str:
        return report.period_text(Filters(UNIT, 2026, period, as_of, as_of))

    assert text("Q1") == "quý I năm 2026"
    assert text("Q4") == text("year") == "năm 2026"
    assert text("date", date(2026, 11, 26)) == "năm 2026 (tính đến ngày 26/11/2026)"
    year = report.next_period(Filters(UNIT, 2026, "year", TODAY, TODAY))
    assert year.start is None and year.label == "năm 2027"
    until = report.next_period(Filters(UNIT, 2026, "today", TODAY, date(2026, 9, 30)))
    assert (until.start, until.end) == (date(2026, 11, 27), date(2026, 12, 31))


def test_renders_to_pdf_with_charts_and_vietnamese_text(built, tmp_path: Path):
    pages = rendered(built[0], ".docx", tmp_path)
    assert len(pages.pngs) >= 2
    flat = " ".join(pages.text.split())
    assert "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH" in flat
    assert "Thủ tục hành chính" in flat
    assert "ĐÁNH GIÁ CHUNG" in flat
    assert "Độc lập – Tự do – Hạnh phúc" in flat
    assert pages.images >= 3
    # Times New Roman's stand-in holds every Vietnamese letter: no fallback font mixed in
    assert pages.fonts == {"LiberationSerif"}
