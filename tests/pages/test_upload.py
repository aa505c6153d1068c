"""The upload page: a broken file is rejected with every problem and changes nothing; a clean
file is checked, then loaded on request; the same file again is recognised."""

import duckdb

from etl.annotate import annotated_copy
from tests.pages.apptest import run_app
from tests.workbooks import REPORT_HEADER, xlsx_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TITLE = "Tiến độ thực hiện nhiệm vụ cải cách hành chính Quý IV năm 2026"


def report(rows):
    top = [
        ["UBND PHƯỜNG VÕ CƯỜNG"],
        ["BÁO CÁO"],
        [TITLE],
        ["Đơn vị báo cáo: Phòng Văn hóa – Xã hội"],
        ["Võ Cường, ngày 20 tháng 11 năm 2026"],
        [],
    ]
    return xlsx_bytes({"Báo cáo": [*top, REPORT_HEADER, *rows]})


GOOD = [
    [
        "1",
        "Ban hành Kế hoạch tuyên truyền cải cách hành chính năm 2026",
        "",
        "",
        "Đã hoàn thành",
        100,
    ]
]
BAD = [
    ["1", "Ban hành Kế hoạch tuyên truyền cải cách hành chính năm 2026", "", "", "Đang làm", 150],
    ["2", "Một việc không có trong kế hoạch", "", "", "Đang thực hiện", 20],
]


def uploads(path) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("SELECT upload_id, status FROM v_uploads ORDER BY upload_id").fetchall()
    finally:
        con.close()


def test_a_broken_file_is_rejected_with_every_problem_and_nothing_changes(demo_db):
    before = uploads(demo_db)
    at = run_app("upload")
    at.file_uploader(key="u_files").set_value([("bao-cao-q4.xlsx", report(BAD), XLSX)]).run()
    assert not at.exception
    assert any("2 lỗi cần sửa" in e.value for e in at.error)
    problems = at.dataframe[0].value
    assert list(problems["Dòng"]) == [8, 9]
    assert list(problems["Cột"]) == ["F", "B"]
    assert problems["Lỗi"].iloc[0] == "Tỷ lệ phải nằm trong khoảng 0–100%"
    assert problems["Lỗi"].iloc[1].startswith("Không tìm thấy nhiệm vụ này trong kế hoạch")
    assert not [b for b in at.button if b.label == "Nạp vào cơ sở dữ liệu"]
    assert uploads(demo_db) == before


def test_a_clean_file_is_checked_then_loaded_on_request(demo_db):
    before = uploads(demo_db)
    at = run_app("upload")
    at.text_input(key="u_by").set_value("Nguyễn Văn A, P. VHXH").run()
    at.file_uploader(key="u_files").set_value([("bao-cao-q4.xlsx", report(GOOD), XLSX)]).run()
    assert any("hợp lệ, sẽ nạp Báo cáo tiến độ — 1 nhiệm vụ" in s.value for s in at.success)
    assert uploads(demo_db) == before  # checking writes nothing
    next(b for b in at.button if b.label == "Nạp vào cơ sở dữ liệu").click().run()
    assert any("đã nạp Báo cáo tiến độ — 1 nhiệm vụ" in s.value for s in at.success)
    after = uploads(demo_db)
    assert len(after) == len(before) + 1 and after[-1][1] == "loaded"


def test_annotated_copy_marks_the_problem_cells():
    import io

    import openpyxl

    from etl.errors import Problem

    data = report(BAD)
    marked = annotated_copy(data, [Problem("Tỷ lệ sai", "ghi 0–100", "Báo cáo", 8, "F", "", "150")])
    ws = openpyxl.load_workbook(io.BytesIO(marked))["Báo cáo"]
    assert ws["F8"].fill.start_color.rgb.endswith("FFC7CE")
    assert "Tỷ lệ sai" in ws["F8"].comment.text and "Cách sửa: ghi 0–100" in ws["F8"].comment.text
    assert ws["E8"].comment is None


def test_preview_shows_columns_and_flags_uncertain_matches(demo_db):
    from etl import preview
    from etl.load import Options

    exact = "Ban hành Kế hoạch tuyên truyền cải cách hành chính năm 2026 của UBND phường"
    reworded = "Tự đánh giá, chấm điểm Chỉ số CCHC (PAR INDEX) năm 2026 của phường"
    rows = [
        ["1", exact, "", "", "Đã hoàn thành", 100],
        ["2", reworded, "", "", "Đang thực hiện", 50],
    ]
    check = preview.validate(report(rows), "bao-cao-q4.xlsx", Options())
    assert check.status == "valid", [str(p) for p in check.problems]
    columns = preview.columns_frame(check).set_index("Trường dữ liệu")["Cột trong tệp"]
    assert columns["Tình trạng"] == "Tình trạng" and columns["Tỷ lệ (%)"] == "Tỷ lệ (%)"
    matches = preview.matches_frame(check)
    assert list(matches["Cách khớp"]) == ["Tên gần giống — nên kiểm tra", "Đúng tên"]
    assert list(matches["Mã nhiệm vụ"]) == ["I.5", "I.1"]  # the uncertain one first


def test_department_and_period_can_be_given_when_the_file_does_not_say(demo_db):
    from etl import preview
    from etl.load import Options

    bare = xlsx_bytes({"BC": [REPORT_HEADER, GOOD[0]]})  # no title block at all
    check = preview.validate(bare, "bc.xlsx", Options())
    assert check.status == "rejected"
    assert "Không xác định được kỳ báo cáo" in check.problems[0].message
    check = preview.validate(bare, "bc.xlsx", Options(period="2026-Q4", department="VHXH"))
    assert (check.status, check.period, check.department) == ("valid", "2026-Q4", "VHXH")
