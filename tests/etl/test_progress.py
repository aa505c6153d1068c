"""The progress report importer, end to end against a loaded plan.

The plan is `plan_xlsx()`: I.1, I.2 (direction), II.1 (institutions), III.1 with III.1.1 and
III.1.2 (procedures). `report_xlsx` puts 7 title rows above the header (row 8), so the first
report row is Excel row 9; its columns are A STT, B Nhiệm vụ, C Đơn vị chủ trì, D Thời hạn,
E Tình trạng, F Tỷ lệ (%), G Sản phẩm/Minh chứng, H Khó khăn, I Ghi chú.
"""

from __future__ import annotations

import io
import shutil
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from cchc import db
from etl.load import LoadResult, Options, load_bytes
from etl.values import parse_percent
from tests.etl import loading
from tests.etl.loading import snapshot, triples
from tests.workbooks import plan_xlsx, report_xlsx

SHEET = "Báo cáo"
I1 = "Ban hành Kế hoạch CCHC năm 2026"
I2 = "Kiểm tra công tác CCHC tại các phòng, đơn vị"
II1 = "Rà soát văn bản quy phạm pháp luật"
III11 = "Số hóa 100% hồ sơ tiếp nhận mới"
III12 = "Số hóa kết quả giải quyết còn hiệu lực"


@pytest.fixture(scope="module")
def plan_db_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("plan") / "cchc.duckdb"
    result = load_bytes(plan_xlsx(), "ke-hoach.xlsx", Options(), path)
    assert result.status == "loaded", [str(p) for p in result.problems]
    return path


@pytest.fixture
def plan_db(plan_db_master: Path, tmp_path: Path) -> Path:
    path = tmp_path / "cchc.duckdb"
    shutil.copy(plan_db_master, path)
    return path


def load(path: Path, data: bytes, name: str = "bao-cao.xlsx", **options: object) -> LoadResult:
    return loading.load(path, data, name, **options)


def reports(path: Path) -> list[tuple]:
    with db.reading(path) as con:
        return con.execute(
            "SELECT code, period, reported_status, percent, report_date FROM v_task_reports ORDER BY code, period"
        ).fetchall()


def uploads(path: Path) -> list[tuple]:
    with db.reading(path) as con:
        return con.execute(
            "SELECT file_name, kind, rows, status FROM v_uploads ORDER BY upload_id"
        ).fetchall()


def row(
    number: object, title: str, status: object, percent: object, note: str | None = None
) -> list[object]:
    return [number, title, "VHXH", None, status, percent, None, None, note]


# --- Matching -----------------------------------------------------------------------------------


def test_renumbered_and_reworded_rows_match_the_plan(plan_db: Path) -> None:
    rows = [
        row(1, "Số hóa toàn bộ kết quả giải quyết còn hiệu lực", "Đang thực hiện", 40),  # III.1.2
        row(2, "ban hanh ke hoach cai cach hanh chinh nam 2026", "Đã hoàn thành", 100),  # I.1
        row(3, "Rà soát các văn bản QPPL", "Đang thực hiện", 30, "định kỳ"),  # II.1
        row(4, "Kiểm tra công tác cải cách hành chính tại các phòng, đơn vị", "Chưa thực hiện", 0),
    ]
    result = load(plan_db, report_xlsx(rows))
    assert (result.status, result.kind, result.rows, result.problems) == (
        "loaded",
        "progress",
        4,
        [],
    )
    assert (result.period, result.department, result.plan_year) == ("2026-Q1", "VHXH", 2026)
    day = date(2026, 3, 16)
    assert reports(plan_db) == [
        ("I.1", "2026-Q1", "done", 100.0, day),
        ("I.2", "2026-Q1", "not_started", 0.0, day),
        ("II.1", "2026-Q1", "in_progress", 30.0, day),
        ("III.1.2", "2026-Q1", "in_progress", 40.0, day),
    ]
    with db.reading(plan_db) as con:
        assert con.execute("SELECT note FROM v_task_reports WHERE code = 'II.1'").fetchone() == (
            "định kỳ",
        )
        assert con.execute(
            "SELECT DISTINCT department, period_start, period_end FROM task_reports"
        ).fetchall() == [("VHXH", date(2026, 1, 1), date(2026, 3, 31))]


def test_title_decides_when_the_number_points_elsewhere(plan_db: Path) -> None:
    # "1.1" is III.1.1's number in the plan, but the title is I.2's.
    result = load(plan_db, report_xlsx([row("1.1", I2, "Đang thực hiện", 50)]))
    assert result.status == "loaded"
    assert [r[0] for r in reports(plan_db)] == ["I.2"]


def test_demo_reports_match_their_reworded_rows(demo_db: Path) -> None:
    """The demo README lists reworded rows (STT -> code); STT n is Excel row 8 + n."""
    expected = {
        "bao-cao-q1-2026-vhxh.xlsx": {
            9: "I.1",
            12: "I.5",
            18: "IV.6",
            20: "V.2",
            24: "V.6",
            28: "VII.1",
            31: "VII.9",
        },
        "bao-cao-q2-2026-vp.xlsx": {14: "II.3.2"},
        "bao-cao-q2-2026-kthtdt.xlsx": {
            9: "I.6",
            12: "VI.2",
            17: "VI.7",
        },  # typed without diacritics
        "bao-cao-q3-2026-cap.xlsx": {11: "VII.2.1"},
    }
    with db.reading(demo_db) as con:
        for file_name, rows in expected.items():
            got = dict(
                con.execute(
                    "SELECT r.source_row, r.code FROM task_reports r JOIN uploads u USING (upload_id) "
                    "WHERE u.file_name = ?",
                    [file_name],
                ).fetchall()
            )
            assert {r: got.get(r) for r in rows} == rows, file_name
        counts = con.execute(
            "SELECT period, count(*) FROM v_task_reports GROUP BY ALL ORDER BY 1"
        ).fetchall()
    assert counts == [("2026-Q1", 68), ("2026-Q2", 73), ("2026-Q3", 55)]


# --- Percent and status -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "percent"),
    [
        (0.8, 80.0),
        (80, 80.0),
        ("80%", 80.0),
        ("80 %", 80.0),
        ("80,5", 80.5),
        ("80.5%", 80.5),
        ("0,5", 50.0),
        (0, 0.0),
        (None, None),
        ("", None),
    ],
)
def test_parse_percent(value: object, percent: float | None) -> None:
    assert parse_percent(value) == percent


@pytest.mark.parametrize("value", ["abc", "80 phần trăm", True])
def test_parse_percent_rejects_text(value: object) -> None:
    with pytest.raises(ValueError):
        parse_percent(value)


@pytest.mark.parametrize(
    ("value", "percent"), [(0.8, 80.0), (80, 80.0), ("80%", 80.0), ("80 %", 80.0), ("80,5", 80.5)]
)
def test_percent_formats_load(plan_db: Path, value: object, percent: float) -> None:
    result = load(plan_db, report_xlsx([row(1, I1, "Đang thực hiện", value)]))
    assert (result.status, result.problems) == ("loaded", [])
    assert reports(plan_db) == [("I.1", "2026-Q1", "in_progress", percent, date(2026, 3, 16))]


@pytest.mark.parametrize(
    ("status", "percent", "expected"),
    [
        ("Đang thực hiện", 100, ("done", 100.0)),  # 100% means done
        ("Đang thực hiện", "100%", ("done", 100.0)),
        (None, 100, ("done", 100.0)),
        (None, 60, ("in_progress", 60.0)),
        (None, 0, ("not_started", 0.0)),
        ("Đã hoàn thành", None, ("done", None)),
        ("HT", 100, ("done", 100.0)),
        ("  ĐANG   thực HIỆN ", 20, ("in_progress", 20.0)),
        ("dang trien khai", None, ("in_progress", None)),
        ("hoan  thanh", "100 %", ("done", 100.0)),
        ("chưa  triển khai", None, ("not_started", None)),
        ("CHUA THUC HIEN", 0, ("not_started", 0.0)),
    ],
)
def test_status_and_percent(
    plan_db: Path, status: object, percent: object, expected: tuple
) -> None:
    result = load(plan_db, report_xlsx([row(1, I1, status, percent)]))
    assert (result.status, result.problems) == ("loaded", [])
    assert [r[2:4] for r in reports(plan_db)] == [expected]


def test_percent_formatted_cells(plan_db: Path) -> None:
    data = report_xlsx([row(1, I1, "Đã hoàn thành", 1.0), row(2, I2, "Đang thực hiện", 0.8)])
    wb = openpyxl.load_workbook(io.BytesIO(data))
    for r in (9, 10):
        wb.active.cell(r, 6).number_format = "0%"
    buf = io.BytesIO()
    wb.save(buf)
    result = load(plan_db, buf.getvalue())
    assert triples(result) == []
    assert [r[2:4] for r in reports(plan_db)] == [("done", 100.0), ("in_progress", 80.0)]


# --- Problems -----------------------------------------------------------------------------------

BROKEN = [
    row(1, "Tổ chức hội nghị tổng kết công tác CCHC", "Đang thực hiện", 50),  # row 9: no such task
    row(2, I2, "Đang thực hiện", 150),  # row 10
    row(3, II1, "Đang thực hiện", -5),  # row 11
    row(4, III11, "Đã hoàn thành", "50%"),  # row 12
    row(5, III12, "Tạm dừng", None),  # row 13
    row(6, I1, "Đang thực hiện", 10),  # row 14
    row(7, "Ban hành kế hoạch CCHC", "Đang thực hiện", 20),  # row 15: I.1 again, reworded
    row(8, "Số hóa hồ sơ, kết quả giải quyết TTHC", None, None),  # row 16: III.1, no status
    row(9, "Số hóa hồ sơ, kết quả giải quyết TTHC", "Đang thực hiện", "nhiều"),  # row 17
    [10, None, "VHXH", None, "Đang thực hiện", 30],  # row 18: no title
]


def test_every_problem_is_reported_with_its_cell(plan_db: Path) -> None:
    before = snapshot(plan_db)
    result = load(plan_db, report_xlsx(BROKEN))
    assert (result.status, result.rows, result.kind) == ("rejected", 0, "progress")
    assert triples(result) == [
        (
            SHEET,
            9,
            "B",
            "Không tìm thấy nhiệm vụ này trong kế hoạch; gần nhất: "
            "I.2 «Kiểm tra công tác CCHC tại các phòng, đơn vị» (53%); "
            "I.1 «Ban hành Kế hoạch CCHC năm 2026» (50%); "
            "III.1 «Số hóa hồ sơ, kết quả giải quyết TTHC» (42%)",
        ),
        (SHEET, 10, "F", "Tỷ lệ phải nằm trong khoảng 0–100%"),
        (SHEET, 11, "F", "Tỷ lệ phải nằm trong khoảng 0–100%"),
        (SHEET, 12, "F", "Tình trạng là 'Đã hoàn thành' nhưng tỷ lệ chỉ 50%"),
        (SHEET, 13, "E", "Không nhận ra tình trạng"),
        (SHEET, 15, "B", "Nhiệm vụ I.1 đã được báo cáo ở dòng 14"),
        (SHEET, 16, "E", "Thiếu tình trạng thực hiện"),
        (SHEET, 17, "B", "Nhiệm vụ III.1 đã được báo cáo ở dòng 16"),
        (SHEET, 18, "B", "Thiếu tên nhiệm vụ nên không đối chiếu được với kế hoạch"),
    ]
    assert [p.header for p in result.problems] == [
        "Nhiệm vụ",
        "Tỷ lệ (%)",
        "Tỷ lệ (%)",
        "Tỷ lệ (%)",
        "Tình trạng",
        "Nhiệm vụ",
        "Tình trạng",
        "Nhiệm vụ",
        "Nhiệm vụ",
    ]
    assert all(p.hint for p in result.problems)
    assert snapshot(plan_db) == before


def test_full_message_text(plan_db: Path) -> None:
    result = load(plan_db, report_xlsx([row(1, III11, "Đã hoàn thành", "50%")]))
    assert [str(p) for p in result.problems] == [
        "sheet 'Báo cáo', dòng 9, cột F (Tỷ lệ (%)): Tình trạng là 'Đã hoàn thành' nhưng tỷ lệ chỉ 50% "
        "(giá trị: '50%'). Cách sửa: sửa tỷ lệ thành 100% hoặc sửa tình trạng thành 'Đang thực hiện'"
    ]


@pytest.mark.parametrize(
    ("percent", "message"),
    [
        (150, "Tỷ lệ phải nằm trong khoảng 0–100%"),
        (-5, "Tỷ lệ phải nằm trong khoảng 0–100%"),
        ("150%", "Tỷ lệ phải nằm trong khoảng 0–100%"),
        ("abc", "Tỷ lệ không phải là số"),
    ],
)
def test_bad_percent(plan_db: Path, percent: object, message: str) -> None:
    result = load(plan_db, report_xlsx([row(1, I1, "Đang thực hiện", percent)]))
    assert triples(result) == [(SHEET, 9, "F", message)]


def test_value_shown_as_typed(plan_db: Path) -> None:
    result = load(plan_db, report_xlsx([row(1, I1, "Đang thực hiện", 150)]))
    assert [p.value for p in result.problems] == ["150"]


def test_report_for_a_plan_year_not_loaded(plan_db: Path) -> None:
    data = report_xlsx(
        [row(1, I1, "Đang thực hiện", 50)],
        period_text="Quý I năm 2025",
        day="ngày 16 tháng 3 năm 2025",
    )
    result = load(plan_db, data)
    assert triples(result) == [
        (
            SHEET,
            None,
            "",
            "Chưa có phụ lục kế hoạch năm 2025 của Phường Võ Cường nên không đối chiếu "
            "được báo cáo",
        )
    ]
    assert result.problems[0].hint == "nạp phụ lục kế hoạch của năm này trước, rồi nạp lại báo cáo"


def test_report_for_another_unit(plan_db: Path) -> None:
    result = load(plan_db, report_xlsx([row(1, I1, "Đang thực hiện", 50)]), unit="Phường Kinh Bắc")
    assert triples(result) == [
        (
            SHEET,
            None,
            "",
            "Chưa có phụ lục kế hoạch năm 2026 của Phường Kinh Bắc nên không đối chiếu "
            "được báo cáo",
        )
    ]


def test_report_without_period_and_the_period_option(plan_db: Path) -> None:
    data = report_xlsx([row(1, I1, "Đang thực hiện", 50)], period_text="")
    result = load(plan_db, data)
    assert triples(result) == [
        (SHEET, None, "", "Không xác định được kỳ báo cáo (quý, 6 tháng, năm…) của báo cáo")
    ]
    assert "--period" in result.problems[0].hint
    assert uploads(plan_db) == [("ke-hoach.xlsx", "plan", 6, "loaded")]

    fixed = load(plan_db, data, period="2026-Q2")
    assert (fixed.status, fixed.period, fixed.department) == ("loaded", "2026-Q2", "VHXH")
    with db.reading(plan_db) as con:
        assert con.execute("SELECT code, period, percent FROM v_task_reports").fetchall() == [
            ("I.1", "2026-Q2", 50.0)
        ]
        assert con.execute("SELECT period_start, period_end FROM task_reports").fetchall() == [
            (date(2026, 4, 1), date(2026, 6, 30))
        ]


def test_period_option_wins_over_the_title(plan_db: Path) -> None:
    result = load(plan_db, report_xlsx([row(1, I1, "Đang thực hiện", 50)]), period="2026-H1")
    assert (result.status, result.period) == ("loaded", "2026-H1")
    assert [r[1] for r in reports(plan_db)] == ["2026-H1"]


def test_periods_named_in_titles(plan_db: Path) -> None:
    for text, day in [
        ("6 tháng đầu năm 2026", "ngày 15 tháng 6 năm 2026"),
        ("năm 2026", "ngày 20 tháng 11 năm 2026"),
        ("Quy III nam 2026", "ngay 16 thang 9 nam 2026"),
    ]:
        result = load(
            plan_db,
            report_xlsx([row(1, I1, "Đang thực hiện", 50)], period_text=text, day=day),
            f"{text}.xlsx",
        )
        assert result.status == "loaded", [str(p) for p in result.problems]
    assert reports(plan_db) == [
        ("I.1", "2026", "in_progress", 50.0, date(2026, 11, 20)),
        ("I.1", "2026-H1", "in_progress", 50.0, date(2026, 6, 15)),
        ("I.1", "2026-Q3", "in_progress", 50.0, date(2026, 9, 16)),
    ]


def test_rows_lettered_i_and_v_are_not_dropped(plan_db: Path) -> None:
    rows = [
        row("a)", I1, "Đang thực hiện", 50),
        row("i)", I2, "Đang thực hiện", 50),
        row("v", II1, "Đang thực hiện", 50),
    ]
    result = load(plan_db, report_xlsx(rows))
    assert (result.status, result.rows) == ("loaded", 3)


def test_section_rows_in_a_report_are_skipped(plan_db: Path) -> None:
    rows = [
        ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC"],
        row(1, I1, "Đang thực hiện", 50),
        ["II", "CẢI CÁCH THỂ CHẾ"],
        row(1, II1, "Đã hoàn thành", 100),
        [None, "Cải cách thủ tục hành chính"],
        row(1, III11, "Chưa thực hiện", 0),
    ]
    result = load(plan_db, report_xlsx(rows))
    assert (result.status, result.rows) == ("loaded", 3)
    assert [r[0] for r in reports(plan_db)] == ["I.1", "II.1", "III.1.1"]


# --- Supersede and duplicates ---------------------------------------------------------------------


def test_second_report_for_same_department_and_period_replaces_the_first(plan_db: Path) -> None:
    first = load(
        plan_db,
        report_xlsx([row(1, I1, "Đang thực hiện", 50), row(2, I2, "Đang thực hiện", 20)]),
        "vhxh-q1.xlsx",
    )
    other_dept = load(
        plan_db,
        report_xlsx([row(1, II1, "Đang thực hiện", 10)], department="Văn phòng HĐND và UBND"),
        "vp-q1.xlsx",
    )
    other_period = load(
        plan_db,
        report_xlsx(
            [row(1, I1, "Đang thực hiện", 70)],
            period_text="Quý II năm 2026",
            day="ngày 15 tháng 6 năm 2026",
        ),
        "vhxh-q2.xlsx",
    )
    second = load(
        plan_db,
        report_xlsx([row(1, I1, "Đã hoàn thành", 100)], day="ngày 20 tháng 3 năm 2026"),
        "vhxh-q1-sua.xlsx",
    )
    assert [r.status for r in (first, other_dept, other_period, second)] == ["loaded"] * 4
    assert second.replaced_upload_ids == [first.upload_id]
    assert "thay bản nạp trước (lần nạp #2)" in second.summary()
    # I.2 was only in the replaced report: it is gone from the view.
    assert reports(plan_db) == [
        ("I.1", "2026-Q1", "done", 100.0, date(2026, 3, 20)),
        ("I.1", "2026-Q2", "in_progress", 70.0, date(2026, 6, 15)),
        ("II.1", "2026-Q1", "in_progress", 10.0, date(2026, 3, 16)),
    ]
    assert uploads(plan_db) == [
        ("ke-hoach.xlsx", "plan", 6, "loaded"),
        ("vhxh-q1.xlsx", "progress", 2, "superseded"),
        ("vp-q1.xlsx", "progress", 1, "loaded"),
        ("vhxh-q2.xlsx", "progress", 1, "loaded"),
        ("vhxh-q1-sua.xlsx", "progress", 1, "loaded"),
    ]


def test_same_file_twice_is_a_duplicate_and_changes_nothing(plan_db: Path) -> None:
    data = report_xlsx([row(1, I1, "Đang thực hiện", 50)])
    first = load(plan_db, data, "bao-cao.xlsx")
    before = snapshot(plan_db)
    again = load(plan_db, data, "bao-cao-ban-sao.xlsx")
    assert (again.status, again.rows, again.problems) == ("duplicate", 0, [])
    assert again.upload_id == first.upload_id
    assert "nội dung giống hệt tệp đã nạp lúc" in again.summary()
    assert "không có gì thay đổi" in again.summary()
    assert snapshot(plan_db) == before


def test_duplicate_plan_file(plan_db: Path) -> None:
    """The plan in plan_db was loaded from other bytes; loading those exact bytes twice is a no-op."""
    data = plan_xlsx()
    assert load(plan_db, data, "a.xlsx").status == "loaded"
    before = snapshot(plan_db)
    assert load(plan_db, data, "a.xlsx").status == "duplicate"
    assert snapshot(plan_db) == before


def test_a_status_column_holding_percents_is_read_as_percents(plan_db: Path) -> None:
    rows = [row(1, I1, "100%", None), row(2, I2, 0.5, None)]
    result = load(plan_db, report_xlsx(rows))
    assert result.status == "loaded", [str(p) for p in result.problems]
    assert [(r[0], r[2], r[3]) for r in reports(plan_db)] == [
        ("I.1", "done", 100.0),
        ("I.2", "in_progress", 50.0),
    ]
