"""The periodic CCHC report (.docx): its outline, that its numbers are the dashboard's as known on
its as-of date, its format, and that LibreOffice renders it with its charts and Vietnamese text
intact (issue #12)."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm
from PIL import Image

from cchc import fmt, queries, report, settings, tasklist
from cchc.filters import Filters
from tests.pdfpages import rendered

UNIT = "Phường Võ Cường"
TODAY = date(2026, 11, 26)
Q3 = Filters(UNIT, 2026, "Q3", date(2026, 9, 30), date(2026, 9, 30))
Q2 = Filters(UNIT, 2026, "Q2", date(2026, 6, 30), date(2026, 6, 30))
YEAR = Filters(UNIT, 2026, "year", TODAY, date(2026, 9, 30))
# an event's date (done on, sent on, updated at); deadlines may well lie after the period
EVENT_DATE = re.compile(r"(?:hoàn thành|ngày|lúc)\s+(\d{2})/(\d{2})/(\d{4})")


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


@pytest.fixture(scope="module")
def q3_pages(built, tmp_path_factory):
    return rendered(built[0], ".docx", tmp_path_factory.mktemp("q3"))


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


def _section(doc, start: str, end: str) -> list[str]:
    paragraphs = _paragraphs(doc)
    return paragraphs[paragraphs.index(start) : paragraphs.index(end)]


def test_outline_header_and_title(doc):
    paragraphs = _paragraphs(doc)
    positions = [paragraphs.index(h) for h in (*report.HEADINGS, report.APPENDIX)]
    assert positions == sorted(positions)
    assert report.HEADINGS[0] == "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"
    assert report.HEADINGS[-1] == "V. KIẾN NGHỊ, ĐỀ XUẤT"
    left, right = (c.text for c in doc.tables[0].rows[0].cells)
    # the issuing body in full, on two lines (Nghị định 30), never "UBND PHƯỜNG …"
    assert left.startswith("ỦY BAN NHÂN DÂN\nPHƯỜNG VÕ CƯỜNG") and "/BC-UBND" in left
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right
    assert "Độc lập – Tự do – Hạnh phúc" in right
    assert "Võ Cường, ngày" in right and "năm 2026" in right
    assert "BÁO CÁO" in paragraphs
    assert "Kết quả thực hiện công tác cải cách hành chính quý III năm 2026" in paragraphs
    text = _all_text(doc)
    assert "Nơi nhận:" in text and "TM. ỦY BAN NHÂN DÂN" in text and "CHỦ TỊCH" in text
    # area subsections under II, named as the plan names them
    assert "2. Cải cách thủ tục hành chính" in paragraphs


def test_the_data_line_is_a_marked_note_after_the_signature(doc):
    paragraphs = _paragraphs(doc)
    opening = next(p for p in paragraphs if p.startswith("Thực hiện Kế hoạch"))
    assert opening.endswith("như sau(*):")
    [note] = [p for p in paragraphs if p.startswith("(*) ")]
    assert note.startswith("(*) Số liệu tính đến ngày 30/09/2026")
    # after the closing sentence, not in the body under the title
    closing = next(k for k, p in enumerate(paragraphs) if p.startswith("Trên đây là báo cáo"))
    assert paragraphs.index(note) > closing
    assert not any(p.startswith("Số liệu tính đến") for p in paragraphs)


def test_page_numbers_font_and_page_follow_the_administrative_norm(doc, q3_pages):
    section = doc.sections[0]
    assert abs(section.page_width - Cm(21)) < Cm(0.01)
    assert abs(section.left_margin - Cm(3)) < Cm(0.01)
    assert section.different_first_page_header_footer
    fields = section.header._element.findall(".//" + qn("w:instrText"))
    assert [f.text for f in fields] == ["PAGE"]
    for name in ("Normal", "Heading 1", "Heading 2"):
        fonts = doc.styles[name].element.rPr.find(qn("w:rFonts"))
        assert {fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "eastAsia", "cs")} == {
            report.FONT
        }
        assert fonts.get(qn("w:asciiTheme")) is None
    pages = q3_pages.text.split("\f")
    assert pages[1].strip().startswith("2") and pages[2].strip().startswith("3")
    assert not pages[0].strip().startswith("1")


def test_page_one_is_full(q3_pages):
    """A chart kept with its heading once left a quarter of page 1 empty (finding 6)."""
    page = Image.open(q3_pages.pngs[0]).convert("L")
    ink = page.point(lambda v: 255 if v < 128 else 0).getbbox()  # the box of dark pixels
    assert ink is not None and ink[3] > 0.85 * page.height


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


def test_a_q3_report_holds_nothing_dated_after_the_end_of_q3(doc, q3_pages):
    """Finding 1: no 766 figure for T10, no task 'done' on 02/10, no date after 30/09."""
    for text in (_all_text(doc), q3_pages.text):
        for d, m, y in EVENT_DATE.findall(text):
            assert date(int(y), int(m), int(d)) <= date(2026, 9, 30), f"{d}/{m}/{y}"
        assert "tháng 10/2026" not in text and "T10/2026" not in text
    done = _section(doc, "II. KẾT QUẢ THỰC HIỆN THEO TỪNG LĨNH VỰC", "III. ĐÁNH GIÁ CHUNG")
    assert not any(p.startswith("- VII.2.3") and "hoàn thành" in p for p in done)
    assert "tháng 9/2026: 92,15 điểm" in _all_text(doc)  # the 766 index known on 30/09


def test_area_table_adds_up_to_the_headline(doc, run):
    h = run("headline", Q3.scope)
    rows = _rows(_table(doc, "Lĩnh vực", "Tỷ lệ hoàn thành"))
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


def test_tasks_in_progress_are_listed_with_their_progress(doc, run):
    tasks = run("task_status", Q3.scope)
    running = tasks[(tasks["status"] == "in_progress") & tasks["percent"].notna()]
    assert len(running)
    text = "\n".join(_paragraphs(doc))
    row = running[running["code"] == "III.3"].iloc[0]
    assert f"- III.3: {row['title']}" in text
    assert f"đạt {fmt.number(row['percent'])}%)." in text


def test_overdue_tasks_are_the_task_lists(doc, run):
    tasks = run("task_status", Q3.scope)
    expected = list(tasklist.overdue(tasks, Q3.as_of)["code"])
    assert expected  # the demo has overdue tasks at the end of Q3
    table = _table(doc, "Mã", "Số ngày quá hạn")
    assert [r[0] for r in _rows(table)] == expected
    text = _all_text(doc)
    assert f"Còn {len(expected)} nhiệm vụ quá hạn chưa hoàn thành ({', '.join(expected)})" in text


def test_next_period_keeps_every_unfinished_task_due_by_its_end(doc, run):
    """Finding 2: III.3 and VII.2.1 were due on 30/09 itself and not done: not overdue yet on
    30/09, and not due in Q4 either; section IV must still list them."""
    tasks = run("task_status", Q3.scope)
    deadline = pd.to_datetime(tasks["deadline"]).dt.date
    due = tasks[
        tasks["status"].isin(["in_progress", "not_started", "no_report"])
        & deadline.notna()
        & (deadline <= date(2026, 12, 31))
    ]
    table = _table(doc, "Mã", "Tình trạng")
    codes = [r[0] for r in _rows(table)]
    assert sorted(codes) == sorted(due["code"])
    assert {"III.3", "VII.2.1"} <= set(codes)
    assert any(
        p.startswith("1. Các nhiệm vụ chưa hoàn thành, đến hạn trong quý IV năm 2026")
        for p in _paragraphs(doc)
    )
    assert "[Bổ sung các nhiệm vụ trọng tâm khác]" in _paragraphs(doc)


def test_indices_compare_like_with_like_and_pci_is_the_provinces(doc):
    """Finding 4: each index against its own previous period; PCI never a ward strength."""
    strengths = _section(doc, "1. Ưu điểm", "2. Hạn chế")
    assert not any("PCI" in p for p in strengths)
    text = "\n".join(_paragraphs(doc))
    assert (
        "- Bối cảnh của tỉnh: Năng lực cạnh tranh cấp tỉnh (PCI) — Bắc Ninh năm 2024: 68,73 "
        "điểm, tăng 0,77 điểm so với năm 2023, xếp hạng 9 — chỉ số của tỉnh" in text
    )
    assert (
        "Chỉ số cải cách hành chính (PAR INDEX) năm 2025: 88,70 điểm, tăng 3,30 điểm so với năm 2024"
        in text
    )
    own = _rows(_table(doc, "Chỉ số", "Xếp hạng"))
    assert not any("PCI" in r[0] for r in own)
    assert "Cung cấp dịch vụ trực tuyến 8,95/12,00" in text


def test_the_procedure_section_states_the_one_stop_figures_of_the_quarter(doc):
    """Issue #15: the report's procedure subsection states the quarter's figures with the
    previous quarter and the plan's targets."""
    section = _section(
        doc, "2. Cải cách thủ tục hành chính", "3. Cải cách tổ chức bộ máy hành chính nhà nước"
    )
    text = "\n".join(section)
    assert (
        "- Quý III/2026: tiếp nhận 1.193 hồ sơ (20 kỳ trước chuyển qua, 1.173 mới tiếp nhận)"
        in text
    )
    assert (
        "Tiếp nhận trực tuyến 819/1.173 hồ sơ mới (69,8%), tăng 9,0 điểm % so với Quý II/2026"
        in text
    )
    assert "mục tiêu 80% của kế hoạch (nhiệm vụ VII.3.1)" in text
    assert "Tháng 10" not in text


def test_recommendations_and_the_appendix_of_every_task(doc, run):
    section = _section(doc, "V. KIẾN NGHỊ, ĐỀ XUẤT", report.APPENDIX)
    assert any("IV.2 (P. Văn hóa – Xã hội): Chờ hướng dẫn của Sở Nội vụ." in p for p in section)
    tasks = run("task_status", Q3.scope)
    rows = _rows(_table(doc, "STT", "Sản phẩm, kết quả"))
    assert [r[1] for r in rows] == list(tasks.sort_values("seq")["code"])
    by_code = {r[1]: r for r in rows}
    assert by_code["III.3"][5] == "Đang thực hiện, trong hạn" and by_code["III.3"][6] == "70%"
    assert doc.sections[-1].page_width > doc.sections[-1].page_height  # landscape


def test_filing_and_recipients_come_from_the_settings(run, tmp_path, monkeypatch):
    custom = settings.ReportSettings(filing="VT, VHXH (Nguyễn Văn A)", recipients=("Sở Nội vụ",))
    doc = Document(io.BytesIO(report.build(run, Q2, TODAY, settings=custom)))
    text = _all_text(doc)
    assert "- Lưu: VT, VHXH (Nguyễn Văn A)." in text and "- Sở Nội vụ;" in text
    assert "TT Đảng ủy" not in text

    file = tmp_path / "cai-dat.toml"
    file.write_text('[bao_cao]\nluu = ["VT", "VP"]\n', encoding="utf-8")
    monkeypatch.setenv("CCHC_SETTINGS", str(file))
    assert settings.report_settings().filing == "VT, VP"
    assert settings.report_settings().recipients == settings.DEFAULT_RECIPIENTS
    file.write_text("[bao_cao\nluu = 1", encoding="utf-8")
    with pytest.raises(settings.SettingsError, match=r"cai-dat\.toml không đọc được"):
        settings.report_settings()
    file.write_text("[bao_cao]\nnoi_nhan = 3\n", encoding="utf-8")
    with pytest.raises(settings.SettingsError, match="noi_nhan phải là một danh sách chữ"):
        settings.report_settings()


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
    assert any("đến hạn trong quý III năm 2026" in p for p in paragraphs)

    def text(period: str, as_of: date = date(2026, 9, 30)) -> str:
        return report.period_text(Filters(UNIT, 2026, period, as_of, as_of))

    assert text("Q1") == "quý I năm 2026"
    assert text("Q4") == text("year") == "năm 2026"
    assert text("date", date(2026, 11, 26)) == "năm 2026 (tính đến ngày 26/11/2026)"
    year = report.next_period(Filters(UNIT, 2026, "year", TODAY, TODAY))
    assert year.start is None and year.label == "năm 2027"
    until = report.next_period(Filters(UNIT, 2026, "today", TODAY, date(2026, 9, 30)))
    assert (until.start, until.end) == (date(2026, 11, 27), date(2026, 12, 31))


def test_renders_to_pdf_with_charts_and_vietnamese_text(q3_pages):
    assert len(q3_pages.pngs) >= 2
    flat = " ".join(q3_pages.text.split())
    assert "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH" in flat
    assert "Thủ tục hành chính" in flat
    assert "ĐÁNH GIÁ CHUNG" in flat and "KIẾN NGHỊ, ĐỀ XUẤT" in flat and "PHỤ LỤC" in flat
    assert "Độc lập – Tự do – Hạnh phúc" in flat
    assert q3_pages.images >= 3
    # Times New Roman's stand-in holds every Vietnamese letter: no fallback font mixed in
    assert q3_pages.fonts == {"LiberationSerif"}


def test_year_end_report_carries_on_every_unfinished_task(run, tmp_path):
    pages = rendered(report.build(run, YEAR, TODAY), ".docx", tmp_path)
    flat = " ".join(pages.text.split())
    assert "Kết quả thực hiện công tác cải cách hành chính năm 2026" in flat
    assert "tiếp tục thực hiện trong năm 2027" in flat
    assert "tháng 10/2026: 92,90 điểm" in flat  # the 766 index of T10 is known by 26/11
    assert pages.fonts == {"LiberationSerif"}
