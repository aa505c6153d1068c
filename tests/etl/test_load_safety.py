"""A load never files one unit's data under another, and the upload page's settings fill only
what a file leaves unsaid."""

from __future__ import annotations

from pathlib import Path

from tests.etl.loading import load
from tests.workbooks import plan_xlsx, report_xlsx, xlsx_bytes

HEAD = ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn"]
ROW = ["1", "Ban hành Kế hoạch CCHC năm 2026", "VHXH", "31/01/2026", "Đang thực hiện", 50]


def other_ward_plan(unit_line: str) -> bytes:
    rows = [[unit_line], ["KE HOACH CCHC NAM 2026"], [], HEAD, ["I", "Cai cach the che"]]
    rows.append(["1", "Ra soat van ban", "Van phong HDND va UBND", None, "Ca nam"])
    return xlsx_bytes({"KH": rows})


def test_a_plan_of_another_ward_typed_without_diacritics_is_stopped(empty_db: Path) -> None:
    assert load(empty_db, plan_xlsx(), "vo-cuong.xlsx").status == "loaded"
    data = other_ward_plan("UBND PHUONG KINH BAC")
    check = load(empty_db, data, "kh.xlsx", dry_run=True, expected_unit="Phường Võ Cường")
    assert check.status == "rejected"
    assert [p.code for p in check.problems] == ["unit_mismatch"]
    assert check.problems[0].message == (
        "Tệp ghi đơn vị «Phuong Kinh Bac», khác đơn vị đang chọn «Phường Võ Cường»"
    )
    assert check.file_unit == "Phuong Kinh Bac"
    # confirmed: it loads as that unit, never as the selected one
    ok = load(empty_db, data, "kh.xlsx", unit=check.file_unit, expected_unit="Phường Võ Cường")
    assert (ok.status, ok.unit) == ("loaded", "Phuong Kinh Bac")


def test_a_spelling_variant_of_the_selected_unit_is_that_unit(empty_db: Path) -> None:
    assert load(empty_db, plan_xlsx(), "vo-cuong.xlsx").status == "loaded"
    data = other_ward_plan("UBND PHUONG VO CUONG")
    check = load(empty_db, data, "kh.xlsx", dry_run=True, expected_unit="Phường Võ Cường")
    assert (check.status, check.unit) == ("valid", "Phường Võ Cường")


def test_closest_known_units_are_offered(empty_db: Path) -> None:
    assert load(empty_db, plan_xlsx(), "vo-cuong.xlsx").status == "loaded"
    assert load(empty_db, other_ward_plan("UBND PHƯỜNG KINH BẮC"), "kb.xlsx").status == "loaded"
    typo = other_ward_plan("UBND PHƯỜNG KINH BẮT")
    check = load(empty_db, typo, "kh.xlsx", dry_run=True, expected_unit="Phường Võ Cường")
    assert check.unit_candidates[0] == "Phường Kinh Bắc"


def test_settings_fill_gaps_and_never_override_the_file(empty_db: Path) -> None:
    assert load(empty_db, plan_xlsx(), "plan.xlsx").status == "loaded"
    data = report_xlsx([ROW], period_text="Quý I năm 2026")  # the file says Q1 and VHXH
    same = load(empty_db, data, "q1.xlsx", dry_run=True, default_period="2026-Q1")
    assert (same.status, same.period) == ("valid", "2026-Q1")
    clash = load(empty_db, data, "q1.xlsx", dry_run=True, default_period="2026-Q2")
    assert [p.code for p in clash.problems] == ["setting_conflict"]
    assert "«Quý I/2026»" in clash.problems[0].message
    assert "«Quý II/2026»" in clash.problems[0].message
    other = load(empty_db, data, "q1.xlsx", dry_run=True, default_department="CAP")
    assert [p.code for p in other.problems] == ["setting_conflict"]
    bare = xlsx_bytes({"BC": [["STT", "Nhiệm vụ", "Tình trạng", "Tỷ lệ (%)"], ROW[:2] + ROW[4:]]})
    filled = load(
        empty_db, bare, "bc.xlsx", dry_run=True, default_period="2026-Q1", default_department="VP"
    )
    assert (filled.status, filled.period, filled.department) == ("valid", "2026-Q1", "VP")


def test_a_template_sent_back_unfilled_is_refused_at_its_cells(empty_db: Path) -> None:
    assert load(empty_db, plan_xlsx(), "plan.xlsx").status == "loaded"
    data = report_xlsx([ROW], period_text="Quý … năm 2026", day="ngày … tháng … năm 2026")
    result = load(empty_db, data, "mau.xlsx")
    assert result.status == "rejected"
    assert [(p.code, p.row) for p in result.problems] == [("placeholder", 4), ("placeholder", 6)]


def test_a_report_dated_after_today_is_refused(empty_db: Path) -> None:
    assert load(empty_db, plan_xlsx(), "plan.xlsx").status == "loaded"
    data = report_xlsx([ROW], period_text="Quý IV năm 2026", day="ngày 15 tháng 12 năm 2026")
    result = load(empty_db, data, "q4.xlsx")
    assert [(p.code, p.row, p.column) for p in result.problems] == [("future_date", 6, "A")]


def test_where_each_reading_came_from(empty_db: Path) -> None:
    assert load(empty_db, plan_xlsx(), "plan.xlsx").sources == {
        "kind": "bảng có cột Cơ quan chủ trì",
        "unit": "tiêu đề, dòng 3",
        "year": "tiêu đề, dòng 2",
    }
    check = load(empty_db, report_xlsx([ROW]), "q1.xlsx", dry_run=True)
    assert check.sources == {
        "kind": "bảng có cột Tình trạng hoặc Tỷ lệ (%)",
        "unit": "tiêu đề, dòng 1",
        "year": "theo kỳ báo cáo",
        "period": "tiêu đề, dòng 4",
        "department": "tiêu đề, dòng 5",
    }


def test_the_clerk_can_correct_the_column_map(empty_db: Path) -> None:
    assert load(empty_db, plan_xlsx(), "plan.xlsx").status == "loaded"
    head = ["STT", "Nhiệm vụ", "Đánh giá", "Tình trạng cũ (quý trước)"]
    rows = [["1", ROW[1], "Đã hoàn thành", "Đang thực hiện"]]
    data = xlsx_bytes(
        {"BC": [["UBND PHƯỜNG VÕ CƯỜNG"], ["BÁO CÁO CCHC Quý I năm 2026"], [], head, *rows]}
    )
    read = load(empty_db, data, "bc.xlsx", dry_run=True, default_department="VHXH")
    status = next(c for _, c in read.choices if c.role == "status")
    assert status.letter == "D"  # 'Tình trạng' names the role more strongly than 'Đánh giá'
    fixed = load(
        empty_db,
        data,
        "bc.xlsx",
        default_department="VHXH",
        column_roles={"status": "C"},
    )
    assert fixed.status == "loaded"
    assert [(c.role, c.letter, c.chosen) for _, c in fixed.choices if c.role == "status"] == [
        ("status", "C", True)
    ]
    assert fixed.changes.table == [("I.1", "(chưa có)", "Đã hoàn thành")]
    wrong = load(empty_db, data, "bc.xlsx", dry_run=True, column_roles={"status": "Z"})
    assert wrong.problems[0].message == "Không có cột Z trong bảng để làm cột 'Tình trạng'"


def test_period_and_department_from_the_file_name_when_the_title_is_silent(empty_db: Path) -> None:
    assert load(empty_db, plan_xlsx(), "plan.xlsx").status == "loaded"
    bare = xlsx_bytes({"BC": [["STT", "Nhiệm vụ", "Tình trạng", "Tỷ lệ (%)"], ROW[:2] + ROW[4:]]})
    check = load(empty_db, bare, "bao-cao-q1-2026-vhxh.xlsx", dry_run=True)
    assert (check.status, check.period, check.department) == ("valid", "2026-Q1", "VHXH")
    assert (check.sources["period"], check.sources["department"]) == ("tên tệp", "tên tệp")
    clash = load(
        empty_db, bare, "bao-cao-q1-2026-vhxh.xlsx", dry_run=True, default_period="2026-Q2"
    )
    assert [p.code for p in clash.problems] == ["setting_conflict"]
