"""Cells the reader used to misread (#16, finding 6): stored error values, formulas reading
another workbook, NOW() in a percent column, and the size guard on an unrelated sheet."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from etl import cli
from tests.etl.cellxml import with_cell
from tests.etl.loading import load, triples
from tests.workbooks import plan_xlsx, report_xlsx

ROW = ["1", "Ban hành Kế hoạch CCHC năm 2026", "VHXH", "31/01/2026", "Đang thực hiện", 40]
SIPAS = Path(__file__).resolve().parents[2] / "data" / "demo" / "chi-so-sipas-2021-2025.xlsx"


@pytest.fixture
def planned(empty_db: Path) -> Path:
    assert load(empty_db, plan_xlsx(), "plan.xlsx").status == "loaded"
    return empty_db


@pytest.mark.parametrize(
    ("error", "cause"),
    [
        ("#DIV/0!", "công thức chia cho 0 hoặc cho ô trống"),
        ("#REF!", "công thức tham chiếu tới ô hoặc sheet đã bị xóa"),
        ("#N/A", "hàm tra cứu (VLOOKUP, MATCH…) không tìm thấy giá trị"),
        ("#VALUE!", "công thức dùng sai kiểu dữ liệu (cộng chữ với số…)"),
        ("#NAME?", "công thức gọi tên hàm hoặc tên vùng không tồn tại"),
    ],
)
def test_a_stored_error_is_a_problem_at_its_cell_not_a_blank(
    planned: Path, error: str, cause: str
) -> None:
    data = with_cell(report_xlsx([ROW]), 1, "E9", f"<f>X1/0</f><v>{error}</v>", "e")
    result = load(planned, data, "bc.xlsx", dry_run=True)
    assert triples(result) == [
        (
            "Báo cáo",
            9,
            "E",
            f"Ô chứa lỗi {error} ({cause}), Excel không tính được giá trị nên ô này không đọc được",
        )
    ]
    assert result.problems[0].value == error and result.problems[0].code == "error_value"


def test_an_error_in_an_unused_column_or_outside_the_table_is_no_problem(planned: Path) -> None:
    data = with_cell(report_xlsx([ROW]), 1, "K9", "<v>#REF!</v>", "e")  # no header: unused
    data = with_cell(data, 1, "E30", "<v>#DIV/0!</v>", "e")  # below the signatures
    assert load(planned, data, "bc.xlsx", dry_run=True).status == "valid"


def test_an_external_link_is_a_problem_unless_accepted(planned: Path, tmp_path: Path) -> None:
    data = with_cell(report_xlsx([ROW]), 1, "F9", "<f>'[1]Tổng hợp'!F9</f><v>75</v>")
    result = load(planned, data, "bc.xlsx", dry_run=True)
    [problem] = result.problems
    assert (problem.row, problem.column, problem.code) == (9, "F", "external_link")
    assert problem.value == "='[1]Tổng hợp'!F9"
    assert "--accept-external-links" in problem.hint
    accepted = load(planned, data, "bc.xlsx", dry_run=True, accept_external_links=True)
    assert accepted.status == "valid"
    path = tmp_path / "bc.xlsx"
    path.write_bytes(data)
    assert cli.main(["load", "--db", str(planned), str(path)]) == 1
    assert cli.main(["load", "--db", str(planned), "--accept-external-links", str(path)]) == 0


def test_now_in_a_percent_column_is_a_problem_not_46353_percent(planned: Path) -> None:
    data = with_cell(report_xlsx([ROW]), 1, "F9", "<f>NOW()</f><v>46353.9</v>")
    [problem] = load(planned, data, "bc.xlsx", dry_run=True).problems
    assert (problem.column, problem.code) == ("F", "volatile_formula")
    sipas = with_cell(SIPAS.read_bytes(), 1, "C5", "<f>NOW()</f><v>46353.9</v>")
    result = load(planned, sipas, "sipas.xlsx", dry_run=True)
    assert [(p.sheet, p.row, p.column, p.code) for p in result.problems] == [
        ("SIPAS", 5, "C", "volatile_formula")
    ]
    accepted = load(planned, sipas, "sipas.xlsx", dry_run=True, accept_external_links=True)
    assert accepted.status == "rejected"  # NOW() is never accepted


def test_a_stray_space_far_down_an_unrelated_sheet_does_not_reject_the_file(
    planned: Path,
) -> None:
    wb = openpyxl.load_workbook(io.BytesIO(report_xlsx([ROW])))
    wb.create_sheet("Nháp")["A1048576"] = " "
    buf = io.BytesIO()
    wb.save(buf)
    assert load(planned, buf.getvalue(), "bc.xlsx", dry_run=True).status == "valid"
    wb["Báo cáo"]["C1048576"] = " "  # on the table's own sheet it counts, and counts right
    buf = io.BytesIO()
    wb.save(buf)
    [problem] = load(planned, buf.getvalue(), "bc.xlsx", dry_run=True).problems
    assert problem.sheet == "Báo cáo"
    assert problem.message.startswith("Sheet quá lớn (1.048.576 dòng × 9 cột, tính đến ô cuối")


def test_an_error_stored_in_a_legacy_xls_is_a_problem_at_its_cell(planned: Path) -> None:
    # Saved by LibreOffice as .xls from a report whose E9 was =1/0 and F9 =NA(): calamine reads
    # both as blank, which used to become "Thiếu tình trạng" and a missing percent.
    data = (Path(__file__).resolve().parents[1] / "data" / "bao-cao-o-loi-div0.xls").read_bytes()
    result = load(planned, data, "bao-cao-o-loi-div0.xls", dry_run=True)
    assert [(p.sheet, p.row, p.column, p.code, p.value) for p in result.problems] == [
        ("Báo cáo", 9, "E", "error_value", "#DIV/0!"),
        ("Báo cáo", 9, "F", "error_value", "#N/A"),
    ]
    assert result.status == "rejected"
