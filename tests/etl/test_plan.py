"""The plan appendix importer, end to end: workbooks built in code -> etl.load.load_bytes -> v_tasks.

Row numbers in the expected problems are Excel's. `plan_xlsx` puts 4 title rows, a two-row
merged header (rows 5-6) and the "(1) (2) …" row (7) above the body, so its body starts on row 8.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from cchc import db
from etl.load import LoadResult
from tests.etl import loading
from tests.etl.loading import snapshot, triples
from tests.workbooks import PLAN_HEADER, PLAN_MERGES, plan_xlsx, report_xlsx, xlsx_bytes

UNIT = "Phường Võ Cường"
SHEET = "Phụ lục"
BODY_ROW = 8  # the Excel row of the first body row in plan_xlsx
ALL_BUT = ["VHXH", "VP", "KTHTDT", "TTPVHCC", "TTCU", "CAP"]  # every department but UBND


def load(path: Path, data: bytes, name: str = "ke-hoach.xlsx", **options: object) -> LoadResult:
    return loading.load(path, data, name, **options)


def tasks(path: Path) -> list[tuple]:
    with db.reading(path) as con:
        return con.execute(
            "SELECT area, code, title, lead_department, support_departments, deadline, deadline_text"
            " FROM v_tasks ORDER BY unit, plan_year, code"
        ).fetchall()


def simple_plan(rows: list[list[object]], header: list[object] | None = None) -> bytes:
    """One sheet: a title naming the year, a one-row header, the rows."""
    head = header or [
        "STT",
        "Nội dung nhiệm vụ",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Thời gian hoàn thành",
    ]
    return xlsx_bytes({"KH": [["KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2026"], [], head, *rows]})


# --- Files that load ----------------------------------------------------------------------------


def test_standard_appendix_loads_every_task(empty_db: Path) -> None:
    """Title rows, merged two-row header, column-number row, a first sheet without the table,
    Roman sections, sub-tasks, several departments in one cell, signature block below."""
    result = load(empty_db, plan_xlsx())
    assert (result.status, result.kind, result.rows, result.problems) == ("loaded", "plan", 6, [])
    assert (result.unit, result.plan_year) == (UNIT, 2026)
    assert tasks(empty_db) == [
        (
            "direction",
            "I.1",
            "Ban hành Kế hoạch CCHC năm 2026",
            "VHXH",
            ["VP", "KTHTDT", "TTPVHCC", "TTCU", "CAP"],
            date(2026, 1, 31),
            "31/01/2026",
        ),
        (
            "direction",
            "I.2",
            "Kiểm tra công tác CCHC tại các phòng, đơn vị",
            "VHXH",
            ["VP"],
            date(2026, 9, 30),
            "Quý III/2026",
        ),
        (
            "institutions",
            "II.1",
            "Rà soát văn bản quy phạm pháp luật",
            "VP",
            ["KTHTDT", "CAP"],
            None,
            "Thường xuyên",
        ),
        ("procedures", "III.1", "Số hóa hồ sơ, kết quả giải quyết TTHC", "TTPVHCC", [], None, ""),
        # Sub-tasks without a lead take their parent's.
        (
            "procedures",
            "III.1.1",
            "Số hóa 100% hồ sơ tiếp nhận mới",
            "TTPVHCC",
            ["CAP"],
            date(2026, 6, 30),
            "Tháng 6/2026",
        ),
        (
            "procedures",
            "III.1.2",
            "Số hóa kết quả giải quyết còn hiệu lực",
            "TTPVHCC",
            [],
            date(2026, 12, 15),
            "Trước ngày 15/12/2026",
        ),
    ]
    with db.reading(empty_db) as con:
        assert con.execute("SELECT kind, rows, status FROM v_uploads").fetchall() == [
            ("plan", 6, "loaded")
        ]
        # "Thường xuyên" is continuous; the other deadlines are not.
        assert con.execute("SELECT code FROM tasks WHERE continuous").fetchall() == [("II.1",)]
        assert con.execute(
            "SELECT code, parent_code, number, source_row FROM tasks WHERE parent_code IS NOT NULL ORDER BY code"
        ).fetchall() == [("III.1.1", "III.1", "1.1", 15), ("III.1.2", "III.1", "1.2", 16)]


def test_file_typed_without_diacritics(empty_db: Path) -> None:
    rows = [
        ["PHU LUC"],
        ["NHIEM VU CAI CACH HANH CHINH NAM 2026"],
        [],
        [
            "TT",
            "Noi dung cong viec",
            "Don vi chu tri",
            "Don vi phoi hop",
            "Thoi gian thuc hien",
            "Ghi chu",
        ],
        ["I", "Cai cach the che"],
        [
            "1",
            "Ra soat van ban QPPL",
            "Van phong HDND va UBND",
            "Phong Kinh te, Ha tang va Do thi; Cong an phuong",
            "Thuong xuyen",
        ],
        ["2", "Xay dung quy che lam viec", "P. VHXH", "", "Quy II/2026"],
        ["II", "CAI CACH THU TUC HANH CHINH"],
        ["1", "Cong khai TTHC", "Trung tam Phuc vu hanh chinh cong", "VP\nCAP", "6 thang dau nam"],
    ]
    result = load(empty_db, xlsx_bytes({"Sheet1": rows}))
    assert (result.status, result.rows, result.plan_year) == ("loaded", 3, 2026)
    assert tasks(empty_db) == [
        (
            "institutions",
            "I.1",
            "Ra soat van ban QPPL",
            "VP",
            ["KTHTDT", "CAP"],
            None,
            "Thuong xuyen",
        ),
        (
            "institutions",
            "I.2",
            "Xay dung quy che lam viec",
            "VHXH",
            [],
            date(2026, 6, 30),
            "Quy II/2026",
        ),
        (
            "procedures",
            "II.1",
            "Cong khai TTHC",
            "TTPVHCC",
            ["VP", "CAP"],
            date(2026, 6, 30),
            "6 thang dau nam",
        ),
    ]


@pytest.mark.parametrize(
    "header",
    [
        ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn"],
        ["TT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian thực hiện"],
        [
            "Số TT",
            "NỘI DUNG CÔNG VIỆC",
            "CƠ QUAN\nCHỦ TRÌ",
            "CƠ QUAN\nPHỐI HỢP",
            "THỜI GIAN\nHOÀN THÀNH",
        ],
        ["stt", "Noi dung", "Co quan chu tri", "Co quan phoi hop", "Thoi han hoan thanh"],
    ],
)
def test_header_words_vary(empty_db: Path, header: list[object]) -> None:
    rows = [["I", "Cải cách thể chế"], ["1", "Rà soát văn bản", "VP", "CAP", "Quý II/2026"]]
    result = load(empty_db, simple_plan(rows, header))
    assert (result.status, result.problems) == ("loaded", [])
    assert tasks(empty_db) == [
        ("institutions", "I.1", "Rà soát văn bản", "VP", ["CAP"], date(2026, 6, 30), "Quý II/2026")
    ]


def test_sub_tasks_numbered_nested_lettered_and_bulleted(empty_db: Path) -> None:
    rows = [
        ["II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"],
        ["1", "Công khai thủ tục hành chính", "TTPVHCC", "VP", "6 tháng đầu năm"],
        ["a)", "Niêm yết tại trụ sở", None, None, None],
        ["b)", "Đăng trên Cổng thông tin", "CAP", None, "Cả năm"],
        ["2", "Số hóa hồ sơ", "TTPVHCC", None, "Năm 2026"],
        ["-", "Số hóa hồ sơ mới", None, None, None],
        ["-", "Số hóa hồ sơ cũ", "VHXH", None, "Tháng 9/2026"],
        ["3", "Kiểm soát thủ tục", "TTPVHCC", None, "Quý IV/2026"],
        ["3.1", "Rà soát quy trình nội bộ", None, "VP", None],
        ["3.2", "Đơn giản hóa thủ tục", "KTHTDT", None, "31/10/2026"],
    ]
    result = load(empty_db, simple_plan(rows))
    assert (result.status, result.rows) == ("loaded", 9)
    # A sub-task without lead or deadline takes its parent's; its support is its own.
    assert tasks(empty_db) == [
        (
            "procedures",
            "II.1",
            "Công khai thủ tục hành chính",
            "TTPVHCC",
            ["VP"],
            date(2026, 6, 30),
            "6 tháng đầu năm",
        ),
        (
            "procedures",
            "II.1.a",
            "Niêm yết tại trụ sở",
            "TTPVHCC",
            [],
            date(2026, 6, 30),
            "6 tháng đầu năm",
        ),
        (
            "procedures",
            "II.1.b",
            "Đăng trên Cổng thông tin",
            "CAP",
            [],
            date(2026, 12, 31),
            "Cả năm",
        ),
        ("procedures", "II.2", "Số hóa hồ sơ", "TTPVHCC", [], date(2026, 12, 31), "Năm 2026"),
        ("procedures", "II.2.1", "Số hóa hồ sơ mới", "TTPVHCC", [], date(2026, 12, 31), "Năm 2026"),
        ("procedures", "II.2.2", "Số hóa hồ sơ cũ", "VHXH", [], date(2026, 9, 30), "Tháng 9/2026"),
        (
            "procedures",
            "II.3",
            "Kiểm soát thủ tục",
            "TTPVHCC",
            [],
            date(2026, 12, 31),
            "Quý IV/2026",
        ),
        (
            "procedures",
            "II.3.1",
            "Rà soát quy trình nội bộ",
            "TTPVHCC",
            ["VP"],
            date(2026, 12, 31),
            "Quý IV/2026",
        ),
        (
            "procedures",
            "II.3.2",
            "Đơn giản hóa thủ tục",
            "KTHTDT",
            [],
            date(2026, 10, 31),
            "31/10/2026",
        ),
    ]


def test_section_written_in_one_merged_cell(empty_db: Path) -> None:
    body = [
        ["I. Cải cách thể chế"],
        ["1", "Rà soát văn bản", "VP", None, "31/12/2026"],
        ["II. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH"],
        ["1", "Ban hành kế hoạch", "VHXH", None, "31/01/2026"],
    ]
    data = xlsx_bytes(
        {"Phụ lục": [["PHỤ LỤC NĂM 2026"], [], [], [], *PLAN_HEADER, *body]},
        merges={"Phụ lục": [*PLAN_MERGES, "A8:G8", "A10:G10"]},
    )
    result = load(empty_db, data)
    assert (result.status, result.problems) == ("loaded", [])
    assert [(a, c) for a, c, *_ in tasks(empty_db)] == [
        ("institutions", "I.1"),
        ("direction", "II.1"),
    ]


def test_several_departments_in_one_cell(empty_db: Path) -> None:
    rows = [
        ["I", "Cải cách thể chế"],
        ["1", "Hai chủ trì", "VHXH, VP", "CAP; VHXH", "Cả năm"],  # the lead's own name is dropped
        ["2", "Xuống dòng", "KTHTDT", "Văn phòng HĐND và UBND\nCông an phường", "Cả năm"],
        [
            "3",
            "Chữ và",
            "CAP",
            "Phòng Kinh tế, Hạ tầng và Đô thị và Trung tâm Phục vụ hành chính công",
            "Cả năm",
        ],
        ["4", "Tất cả", "Chủ tịch UBND phường", "Các phòng, đơn vị", "Cả năm"],
        ["5", "Tất cả trừ chủ trì", "TTCU", "các cơ quan, đơn vị liên quan", "Cả năm"],
    ]
    result = load(empty_db, simple_plan(rows))
    assert result.status == "loaded"
    assert [(c, lead, sup) for _, c, _, lead, sup, _, _ in tasks(empty_db)] == [
        ("I.1", "VHXH", ["VP", "CAP"]),
        ("I.2", "KTHTDT", ["VP", "CAP"]),
        ("I.3", "CAP", ["KTHTDT", "TTPVHCC"]),
        ("I.4", "UBND", ALL_BUT),
        ("I.5", "TTCU", ["VHXH", "VP", "KTHTDT", "TTPVHCC", "CAP"]),
    ]


def test_hidden_and_extra_columns_are_ignored(empty_db: Path) -> None:
    header = [
        "STT",
        "Nội dung nhiệm vụ",
        "Mã cũ",
        "Chủ trì",
        "Phối hợp",
        "Thời hạn",
        "Sản phẩm",
        "Ghi chú",
    ]
    rows = [
        ["I", "Cải cách thể chế"],
        ["1", "Rà soát văn bản", "X-17", "VP", "CAP", "Quý II/2026", "Báo cáo", "ưu tiên"],
    ]
    data = xlsx_bytes(
        {"KH": [["KẾ HOẠCH NĂM 2026"], [], header, *rows]}, hidden_columns={"KH": ["C"]}
    )
    result = load(empty_db, data)
    assert (result.status, result.problems) == ("loaded", [])
    assert tasks(empty_db) == [
        ("institutions", "I.1", "Rà soát văn bản", "VP", ["CAP"], date(2026, 6, 30), "Quý II/2026")
    ]
    with db.reading(empty_db) as con:
        assert con.execute("SELECT product, note FROM tasks").fetchall() == [("Báo cáo", "ưu tiên")]


def test_hidden_column_does_not_shadow_the_visible_one(empty_db: Path) -> None:
    header = ["STT", "Nội dung", "Chủ trì (cũ)", "Chủ trì", "Phối hợp", "Thời hạn"]
    rows = [["I", "Cải cách thể chế"], ["1", "Rà soát", "Phòng Nội vụ", "VP", "CAP", "Quý II/2026"]]
    data = xlsx_bytes(
        {"KH": [["KẾ HOẠCH NĂM 2026"], [], header, *rows]}, hidden_columns={"KH": ["C"]}
    )
    result = load(empty_db, data)
    assert triples(result) == []
    assert tasks(empty_db)[0][3] == "VP"


def test_table_found_by_header_not_position(empty_db: Path) -> None:
    plan = [
        ["KẾ HOẠCH NĂM 2026"],
        [],
        ["STT", "Nội dung", "Chủ trì", "Thời hạn"],
        ["I", "Cải cách thể chế"],
        ["1", "Rà soát văn bản", "VP", "Cả năm"],
    ]
    data = xlsx_bytes(
        {
            "Hướng dẫn": [["Điền bảng ở sheet Phụ lục"], ["Liên hệ Phòng Văn hóa – Xã hội"]],
            "Tổng hợp": [["Tổng số nhiệm vụ", 1], ["Ghi chú", "bản dự thảo"]],
            "Phụ lục": plan,
        }
    )
    result = load(empty_db, data)
    assert (result.status, result.rows) == ("loaded", 1)
    assert tasks(empty_db)[0][:4] == ("institutions", "I.1", "Rà soát văn bản", "VP")


def test_hidden_sheet_is_not_read(empty_db: Path) -> None:
    """An old plan kept on a hidden sheet must not be loaded instead of the visible one."""
    old = [
        ["KẾ HOẠCH NĂM 2026"],
        [],
        ["STT", "Nội dung", "Chủ trì", "Phối hợp", "Thời hạn", "Sản phẩm", "Ghi chú"],
        ["I", "Cải cách thể chế"],
        ["1", "Bản cũ", "Phòng Nội vụ", None, "Cả năm"],
    ]
    new = [
        ["KẾ HOẠCH NĂM 2026"],
        [],
        ["STT", "Nội dung", "Chủ trì", "Thời hạn"],
        ["I", "Cải cách thể chế"],
        ["1", "Bản mới", "VP", "Cả năm"],
    ]
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_bytes({"Cũ": old, "Mới": new})))
    wb["Cũ"].sheet_state = "hidden"
    buf = io.BytesIO()
    wb.save(buf)
    result = load(empty_db, buf.getvalue())
    assert (result.status, result.problems) == ("loaded", [])
    assert [t[2] for t in tasks(empty_db)] == ["Bản mới"]


def test_options_unit_overrides_the_title(empty_db: Path) -> None:
    result = load(empty_db, plan_xlsx(), unit="Phường Kinh Bắc")
    assert (result.status, result.unit) == ("loaded", "Phường Kinh Bắc")
    with db.reading(empty_db) as con:
        assert con.execute("SELECT DISTINCT unit, plan_year FROM v_tasks").fetchall() == [
            ("Phường Kinh Bắc", 2026)
        ]


def test_revised_plan_replaces_the_previous_one(empty_db: Path) -> None:
    first = load(empty_db, plan_xlsx(), "v1.xlsx")
    revised = load(
        empty_db,
        simple_plan([["I", "Cải cách thể chế"], ["1", "Nhiệm vụ mới", "VP", None, "Cả năm"]]),
        "v2.xlsx",
    )
    assert (first.status, revised.status) == ("loaded", "loaded")
    assert revised.replaced_upload_ids == [first.upload_id]
    assert [t[1:3] for t in tasks(empty_db)] == [("I.1", "Nhiệm vụ mới")]
    with db.reading(empty_db) as con:
        assert con.execute(
            "SELECT file_name, status FROM v_uploads ORDER BY upload_id"
        ).fetchall() == [("v1.xlsx", "superseded"), ("v2.xlsx", "loaded")]


def test_plan_year_is_not_the_signing_date(empty_db: Path) -> None:
    title = [
        ["UBND PHƯỜNG VÕ CƯỜNG", None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        ["Số: 12/KH-UBND", None, None, "Võ Cường, ngày 25 tháng 12 năm 2025"],
        ["KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2026"],
        [],
    ]
    body = [["I", "Cải cách thể chế"], ["1", "Rà soát", "VP", None, "Cả năm"]]
    result = load(
        empty_db, xlsx_bytes({"KH": [*title, *PLAN_HEADER, *body]}, merges={"KH": PLAN_MERGES})
    )
    assert (result.status, result.plan_year) == ("loaded", 2026)
    assert tasks(empty_db)[0][5] == date(2026, 12, 31)


def test_tasks_numbered_with_their_section(empty_db: Path) -> None:
    rows = [
        ["I", "Cải cách thể chế"],
        ["I.1", "Rà soát", "VP", None, "Cả năm"],
        ["I.2", "Kiểm tra", "VHXH", None, "Cả năm"],
    ]
    result = load(empty_db, simple_plan(rows))
    assert triples(result) == []
    assert [t[1] for t in tasks(empty_db)] == ["I.1", "I.2"]


def test_unnumbered_sections_are_counted(empty_db: Path) -> None:
    rows = [
        [None, "CẢI CÁCH THỂ CHẾ"],
        ["1", "A1", "VP", None, "Cả năm"],
        ["2", "A2", "VP", None, "Cả năm"],
        [None, "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"],
        ["1", "B1", "VP", None, "Cả năm"],
        [None, "CHUYỂN ĐỔI SỐ"],
        ["1", "C1", "VP", None, "Cả năm"],
    ]
    result = load(empty_db, simple_plan(rows))
    assert result.status == "loaded"
    assert [(a, c) for a, c, *_ in tasks(empty_db)] == [
        ("institutions", "I.1"),
        ("institutions", "I.2"),
        ("procedures", "II.1"),
        ("digital", "III.1"),
    ]


# --- Files that are rejected --------------------------------------------------------------------

BROKEN_BODY = [
    ["1", "Nhiệm vụ trước mọi mục", "VHXH", None, "31/12/2026"],  # row 8
    ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH"],  # row 9
    ["1", "Ban hành kế hoạch", "Phòng Tài chính", None, "31/12/2026"],  # row 10
    ["2", "Kiểm tra", "VHXH", "Phòng Nội vụ; Công an phường", "31/02/2026"],  # row 11
    ["2", "Trùng số thứ tự", "VHXH", None, "Quý II/2026"],  # row 12
    ["3", "Thiếu chủ trì", None, None, "Quý II/2026"],  # row 13
    ["4", None, "VP", None, "Cả năm"],  # row 14
    ["III. CÔNG TÁC THI ĐUA KHEN THƯỞNG"],  # row 15
    ["1", "Khen thưởng", "VP", None, None],  # row 16
]
LEAD = "Phân công thực hiện Cơ quan chủ trì"


def test_every_problem_is_reported_with_its_cell(empty_db: Path) -> None:
    result = load(empty_db, plan_xlsx(BROKEN_BODY))
    assert (result.status, result.rows, result.kind) == ("rejected", 0, "plan")
    assert triples(result) == [
        (SHEET, 8, "A", "Nhiệm vụ nằm ngoài mọi mục lĩnh vực"),
        (SHEET, 10, "C", "Không nhận ra phòng, đơn vị 'Phòng Tài chính'"),
        (SHEET, 11, "D", "Không nhận ra phòng, đơn vị 'Phòng Nội vụ'"),
        (SHEET, 11, "E", "Ngày '31/02/2026' không tồn tại"),
        (SHEET, 12, "A", "Số thứ tự trùng với dòng 11 trong cùng mục I"),
        (SHEET, 14, "B", "Thiếu nội dung nhiệm vụ"),
        (SHEET, 15, "A", "Không nhận ra lĩnh vực cải cách của mục này"),
        # Missing leads are checked once every row is read (a parent may give its lead).
        (SHEET, 13, "C", "Thiếu cơ quan chủ trì"),
    ]
    # Headers and values as written, for the upload page and the JSON output.
    assert [(p.header, p.value) for p in result.problems] == [
        ("STT", "1"),
        (LEAD, "Phòng Tài chính"),
        ("Phân công thực hiện Cơ quan phối hợp", "Phòng Nội vụ; Công an phường"),
        ("Thời gian hoàn thành", "31/02/2026"),
        ("STT", "2"),
        ("Nội dung nhiệm vụ", ""),
        ("STT", "CÔNG TÁC THI ĐUA KHEN THƯỞNG"),
        (LEAD, ""),
    ]
    assert all(p.hint for p in result.problems)


def test_full_message_text(empty_db: Path) -> None:
    result = load(empty_db, plan_xlsx(BROKEN_BODY))
    assert str(result.problems[3]) == (
        "sheet 'Phụ lục', dòng 11, cột E (Thời gian hoàn thành): Ngày '31/02/2026' không tồn tại "
        "(giá trị: '31/02/2026'). Cách sửa: ghi ngày có thật theo dạng ngày/tháng/năm, ví dụ 30/06/2026"
    )
    assert str(result.problems[1]) == (
        "sheet 'Phụ lục', dòng 10, cột C (Phân công thực hiện Cơ quan chủ trì): Không nhận ra phòng, "
        "đơn vị 'Phòng Tài chính' (giá trị: 'Phòng Tài chính'). Cách sửa: ghi tên (hoặc viết tắt) "
        "một trong các phòng, đơn vị của Phường Võ Cường: Phòng Văn hóa – Xã hội (VHXH); Văn phòng "
        "HĐND và UBND (VP); Phòng Kinh tế, Hạ tầng và Đô thị (KTHTDT); Trung tâm Phục vụ hành chính "
        "công (TTPVHCC); Trung tâm Cung ứng dịch vụ sự nghiệp công (TTCU); Công an phường (CAP); "
        "UBND phường (UBND); tên riêng của đơn vị thì dạy một lần bằng lệnh: python -m etl alias "
        "add 'TÊN' MÃ --unit 'ĐƠN VỊ'"
    )


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            [["I", "Cải cách thể chế"], ["1", "A", "VP", None, "31/02/2026"]],
            [(SHEET, 9, "E", "Ngày '31/02/2026' không tồn tại")],
        ),
        (
            [["I", "Cải cách thể chế"], ["1", "A", "Phòng Tư pháp", None, "Cả năm"]],
            [(SHEET, 9, "C", "Không nhận ra phòng, đơn vị 'Phòng Tư pháp'")],
        ),
        (
            [["I", "Cải cách thể chế"], ["1", "A", None, None, "Cả năm"]],
            [(SHEET, 9, "C", "Thiếu cơ quan chủ trì")],
        ),
        (
            [["I", "Cải cách thể chế"], ["1", "A", "VP", None, None], ["1", "B", "VP", None, None]],
            [(SHEET, 10, "A", "Số thứ tự trùng với dòng 9 trong cùng mục I")],
        ),
        ([["1", "A", "VP", None, None]], [(SHEET, 8, "A", "Nhiệm vụ nằm ngoài mọi mục lĩnh vực")]),
        (
            [["I", "Cải cách thể chế"], ["a)", "A", "VP", None, None]],
            [(SHEET, 9, "A", "Nhiệm vụ con nằm trước mọi nhiệm vụ chính")],
        ),
        (
            [["I", "Cải cách thể chế"], ["1/2", "A", "VP", None, None]],
            [(SHEET, 9, "A", "Số thứ tự không đúng dạng")],
        ),
        ([["I", "Cải cách thể chế"]], [(SHEET, None, "", "Bảng phụ lục không có nhiệm vụ nào")]),
    ],
    ids=[
        "impossible-date",
        "unknown-lead",
        "missing-lead",
        "duplicate-number",
        "before-section",
        "subtask-first",
        "bad-number",
        "no-tasks",
    ],
)
def test_single_problem(empty_db: Path, body: list[list[object]], expected: list[tuple]) -> None:
    result = load(empty_db, plan_xlsx(body))
    assert result.status == "rejected"
    assert triples(result) == expected


def test_parent_lead_satisfies_its_sub_tasks(empty_db: Path) -> None:
    body = [
        ["I", "Cải cách thể chế"],
        ["1", "Cha không có chủ trì", None, None, None],
        ["1.1", "Con", "VP", None, "Cả năm"],
        ["1.2", "Con không chủ trì", None, None, "Cả năm"],
    ]
    result = load(empty_db, plan_xlsx(body))
    # The parent has no lead but its children say who leads; the child without one has none.
    assert triples(result) == [(SHEET, 11, "C", "Thiếu cơ quan chủ trì")]


def test_unknown_area_points_at_the_title_cell(empty_db: Path) -> None:
    body = [["II", "CÔNG TÁC THI ĐUA KHEN THƯỞNG"], ["1", "Khen thưởng", "VP", None, None]]
    result = load(empty_db, plan_xlsx(body))
    assert triples(result) == [(SHEET, 8, "B", "Không nhận ra lĩnh vực cải cách của mục này")]


def test_missing_header_column(empty_db: Path) -> None:
    rows = [["I", "Cải cách thể chế"], ["1", "x", "VP", "Cả năm"]]
    data = simple_plan(rows, ["STT", "Nội dung nhiệm vụ", "Cơ quan phối hợp", "Thời hạn"])
    result = load(empty_db, data)
    assert result.status == "rejected"
    assert triples(result) == [("KH", 3, "", "Dòng tiêu đề thiếu cột: Cơ quan chủ trì")]


def test_no_table_at_all(empty_db: Path) -> None:
    result = load(empty_db, xlsx_bytes({"S": [["Xin chào"], ["abc", "def"]]}))
    assert triples(result) == [
        ("", None, "", "Không tìm thấy bảng dữ liệu trong tệp (không có dòng tiêu đề nào)")
    ]


def test_rejected_file_changes_nothing(empty_db: Path) -> None:
    assert load(empty_db, plan_xlsx(), "ke-hoach.xlsx").status == "loaded"
    report = report_xlsx(
        [[1, "Ban hành Kế hoạch CCHC năm 2026", "VHXH", None, "Đang thực hiện", 50]]
    )
    assert load(empty_db, report, "bao-cao.xlsx").status == "loaded"
    before = snapshot(empty_db)
    assert all(before[t] for t in ("uploads", "tasks", "task_reports"))
    archive = sorted(p.name for p in (empty_db.parent / "archive").rglob("*") if p.is_file())

    result = load(empty_db, plan_xlsx(BROKEN_BODY), "ke-hoach-sua.xlsx")
    assert result.status == "rejected"
    assert len(result.problems) == 8
    assert snapshot(empty_db) == before
    # The rejected original is not archived either.
    assert (
        sorted(p.name for p in (empty_db.parent / "archive").rglob("*") if p.is_file()) == archive
    )


def test_rejected_file_on_a_new_database_creates_no_rows(tmp_path: Path) -> None:
    path = tmp_path / "new.duckdb"
    result = load(path, plan_xlsx(BROKEN_BODY))
    assert result.status == "rejected"
    if path.exists():
        assert snapshot(path) == {"uploads": [], "tasks": [], "task_reports": []}


def test_a_learned_alias_is_used_by_every_later_load(empty_db: Path) -> None:
    from etl.aliases import add_alias

    rows = [["I", "CẢI CÁCH THỂ CHẾ"], ["1", "A", "Bộ phận Tư pháp - Hộ tịch", None, "Cả năm"]]
    refused = load(empty_db, simple_plan(rows))
    assert triples(refused) == [
        ("KH", 5, "C", "Không nhận ra phòng, đơn vị 'Bộ phận Tư pháp - Hộ tịch'")
    ]
    assert "(VHXH)" in refused.problems[0].hint  # the unit's departments, with their codes
    with db.writing(empty_db) as con:
        add_alias(con, "Bộ phận Tư pháp - Hộ tịch", "VHXH", unit="Phường Võ Cường")
    assert load(empty_db, simple_plan(rows)).status == "loaded"
    assert [t[3] for t in tasks(empty_db)] == ["VHXH"]


def test_a_commune_reads_its_own_departments(empty_db: Path) -> None:
    rows = [
        ["I", "CẢI CÁCH THỂ CHẾ"],
        ["1", "A", "Phòng Kinh tế", "Công an xã; Văn phòng HĐND và UBND xã", "Cả năm"],
        ["2", "B", "Trung tâm Phục vụ hành chính công xã", "Phòng VH - XH", "Cả năm"],
    ]
    head = ["STT", "Nội dung", "Chủ trì", "Phối hợp", "Thời hạn"]
    data = xlsx_bytes({"KH": [["UBND XÃ TÂN CHI"], ["KẾ HOẠCH CCHC NĂM 2026"], [], head, *rows]})
    result = load(empty_db, data)
    assert (result.status, result.unit) == ("loaded", "Xã Tân Chi")
    assert [(t[1], t[3], t[4]) for t in tasks(empty_db)] == [
        ("I.1", "KT", ["CAX", "VP"]),
        ("I.2", "TTPVHCC", ["VHXH"]),
    ]


def test_areas_lettered_a_b_with_their_names(empty_db: Path) -> None:
    rows = [
        ["A", "CẢI CÁCH THỂ CHẾ"],
        ["1", "A1", "VP", None, "06/2026"],
        ["B.", "CHUYỂN ĐỔI SỐ"],
        ["1", "B1", "VP", None, "Cả năm"],
    ]
    result = load(empty_db, simple_plan(rows))
    assert result.status == "loaded", [str(p) for p in result.problems]
    assert [(a, c, d) for a, c, *_, d, _ in tasks(empty_db)] == [
        ("institutions", "I.1", date(2026, 6, 30)),
        ("digital", "II.1", date(2026, 12, 31)),
    ]
