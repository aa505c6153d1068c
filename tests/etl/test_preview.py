"""The upload page's write-side helpers: the dry run and what it reads, the problems as cards
and as a table, the consent sentence for removals, the marked-up copy."""

import io

import openpyxl

from etl import preview
from etl.annotate import annotated_copy
from etl.errors import Problem
from etl.load import Options
from tests.pages.test_upload import BAD, GOOD, I1, report
from tests.workbooks import REPORT_HEADER, xlsx_bytes


def test_annotated_copy_marks_the_problem_cells():
    data = report(BAD)
    marked = annotated_copy(data, [Problem("Tỷ lệ sai", "ghi 0–100", "Báo cáo", 8, "F", "", "150")])
    ws = openpyxl.load_workbook(io.BytesIO(marked))["Báo cáo"]
    assert ws["F8"].fill.start_color.rgb.endswith("FFC7CE")
    assert "Tỷ lệ sai" in ws["F8"].comment.text and "Cách sửa: ghi 0–100" in ws["F8"].comment.text
    assert ws["E8"].comment is None


def test_preview_shows_columns_and_flags_uncertain_matches(demo_db):
    reworded = "Tự đánh giá, chấm điểm Chỉ số CCHC (PAR INDEX) năm 2026 của phường"
    rows = [
        ["1", I1, "", "", "Đã hoàn thành", 100],
        ["2", reworded, "", "", "Đang thực hiện", 50],
    ]
    check = preview.validate(report(rows), "bao-cao-q4.xlsx", Options())
    assert check.status == "valid", [str(p) for p in check.problems]
    columns = preview.columns_frame(check).set_index("Vai trò")
    assert columns.loc["Tình trạng"].to_dict() == {
        "Cột": "E",
        "Tiêu đề trong tệp": "Tình trạng",
        "Giá trị": "100% đọc được",
    }
    assert columns.loc["Tỷ lệ (%)", "Tiêu đề trong tệp"] == "Tỷ lệ (%)"
    reading = preview.reading_frame(check).set_index("Mục")
    assert reading.loc["Kỳ báo cáo"].to_dict() == {
        "Đọc được": "Quý IV/2026",
        "Lấy từ": "tiêu đề, dòng 3",
    }
    assert reading.loc["Đơn vị", "Lấy từ"] == "tiêu đề, dòng 1"
    matches = preview.matches_frame(check)
    assert list(matches["Cách khớp"]) == ["Tên gần giống — nên kiểm tra", "Đúng tên"]
    assert list(matches["Mã nhiệm vụ"]) == ["I.5", "I.1"]  # the uncertain one first


def test_department_and_period_can_be_given_when_the_file_does_not_say(demo_db):
    bare = xlsx_bytes({"BC": [REPORT_HEADER, GOOD[0]]})  # no title block at all
    check = preview.validate(bare, "bc.xlsx", Options())
    assert check.status == "rejected"
    assert "Không xác định được kỳ báo cáo" in check.problems[0].message
    check = preview.validate(
        bare, "bc.xlsx", Options(default_period="2026-Q4", default_department="VHXH")
    )
    assert (check.status, check.period, check.department) == ("valid", "2026-Q4", "VHXH")


def test_problem_places_and_removal_consent_read_as_sentences():
    p = Problem("Sai", "sửa", "Báo cáo", 8, "F", "Tỷ lệ (%)", "150")
    assert preview.problem_place(p) == "Sheet «Báo cáo» · dòng 8 · cột F «Tỷ lệ (%)»"
    assert preview.problem_place(Problem("Tệp rỗng")) == "Cả tệp"
    assert preview.removal_consent(["a", "b"]) == "Tôi hiểu và đồng ý: nạp tệp này sẽ bỏ a; b."
    many = preview.removal_consent(list("abcdefgh"))
    assert many.endswith("bỏ a; b; c; d; e và 3 mục khác (xem bảng thay đổi).")
    reports = [f"báo cáo Quý III/2026 của nhiệm vụ I.{i}" for i in range(1, 15)]
    assert preview.removal_consent(reports) == (
        "Tôi hiểu và đồng ý: nạp tệp này sẽ bỏ báo cáo Quý III/2026 của nhiệm vụ I.1, I.2, I.3, "
        "I.4, I.5, I.6, I.7, I.8, I.9, I.10, I.11, I.12 và 2 mục khác (xem bảng thay đổi)."
    )
    tasks = ["nhiệm vụ I.3 «Lập kế hoạch» và 2 báo cáo của nó", "nhiệm vụ I.4 «Kiểm tra»"]
    assert preview.removal_consent(tasks).endswith(
        "bỏ nhiệm vụ I.3 «Lập kế hoạch» và 2 báo cáo của nó; I.4 «Kiểm tra»."
    )
