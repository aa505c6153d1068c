"""The procedure (TTHC) statistics importer: the shapes the one-stop system exports (fixtures
written by scripts/make_tthc_demo.py into tests/data/tthc), each sum it checks, the period
from the title, the demo files, and the shape fuzzer on a demo file."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import openpyxl
import pytest

from cchc import db
from cchc.text import fold
from etl.history import undo
from tests.etl.loading import load

ROOT = Path(__file__).resolve().parents[2]
SHAPES = ROOT / "tests" / "data" / "tthc"
DEMO = ROOT / "data" / "demo"
# the team's shared checkers live beside the project, not in it: found there when present
TOOLS = next(
    (
        d
        for d in (
            Path(os.environ.get("CCHC_SHARED_TOOLS", "/nonexistent")),
            ROOT.parent / "shared" / "tools",
            Path("/work/shared/tools"),
        )
        if (d / "shape_fuzz.py").exists()
    ),
    None,
)
needs_tools = pytest.mark.skipif(
    TOOLS is None, reason="../shared/tools is not beside this checkout"
)
COUNTS = (
    "received, carried_over, new_online, new_offline, resolved_early, resolved_on_time, "
    "resolved_late, pending_within, pending_late, paid_online, digitised"
)
HEADER = [
    "STT",
    "Lĩnh vực",
    "Tổng số hồ sơ tiếp nhận",
    "Số kỳ trước chuyển qua",
    "Số mới tiếp nhận",
    "Tiếp nhận trực tuyến",
    "Tiếp nhận trực tiếp",
    "Số hồ sơ đã giải quyết",
    "Giải quyết trước hạn",
    "Giải quyết đúng hạn",
    "Giải quyết quá hạn",
    "Số hồ sơ đang giải quyết",
    "Đang giải quyết trong hạn",
    "Đang giải quyết quá hạn",
]
#         received carried new online offline resolved early on_time late pending within p_late
GOOD = [1, "Hộ tịch", 30, 2, 28, 20, 8, 27, 20, 6, 1, 3, 2, 1]


def workbook(*rows: list[object], title: str = "TÌNH HÌNH GIẢI QUYẾT TTHC THÁNG 10/2026") -> bytes:
    """A one-header-row statistics table under a title, with the given data rows."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "TK"
    ws.append(["UBND PHƯỜNG VÕ CƯỜNG"])
    ws.append([title])
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def rows_of(path: Path, where: str = "TRUE") -> list[tuple]:
    with db.reading(path) as con:
        return con.execute(
            f"SELECT period, field, procedure, {COUNTS} FROM v_procedure_stats WHERE {where} "
            "ORDER BY period, field, procedure"
        ).fetchall()


def codes_at(result) -> list[tuple[str, int | None, str]]:
    return [(p.code, p.row, p.column) for p in result.problems]


# --- shapes ----------------------------------------------------------------------------------


def test_form_06a_with_a_three_row_header_and_a_date_span(tmp_path):
    path = tmp_path / "db.duckdb"
    data = (SHAPES / "06a-quy-3-tu-ngay-den-ngay.xlsx").read_bytes()
    result = load(path, data, "06a.xlsx")
    assert result.status == "loaded", [str(p) for p in result.problems]
    assert (result.kind, result.period, result.rows) == ("tthc", "2026-Q3", 8)
    assert result.sources["period"] == "tiêu đề, dòng 3"
    rows = rows_of(path)
    assert [r[1] for r in rows][:3] == ["Bảo trợ xã hội", "Chứng thực", "Hộ tịch"]
    with db.reading(path) as con:
        total = con.execute(
            "SELECT sum(received), sum(resolved_late), sum(pending_late), sum(digitised) "
            "FROM v_procedure_stats"
        ).fetchone()
    # hand counts: data/demo/README.md section 5, July–September (carried over from July,
    # pending at the end of September)
    assert total == (20 + 260 + 129 + 273 + 118 + 286 + 107, 1 + 0 + 3, 1, 340 + 352 + 362)


def test_one_row_per_procedure_under_field_headings(tmp_path):
    path = tmp_path / "db.duckdb"
    data = (SHAPES / "theo-thu-tuc-hai-dong-tieu-de.xlsx").read_bytes()
    result = load(path, data, "theo-thu-tuc.xlsx")
    assert result.status == "loaded", [str(p) for p in result.problems]
    assert result.period == "2026-Q3"
    assert "Dòng 6 «Lĩnh vực Hộ tịch» không có số liệu: đọc là dòng tiêu đề nhóm" in result.notes
    rows = rows_of(path)
    assert [(r[1], r[2]) for r in rows] == [
        ("Hộ tịch", "Trích lục hộ tịch"),
        ("Hộ tịch", "Đăng ký khai sinh"),
        ("Hộ tịch", "Đăng ký kết hôn"),
        ("Đất đai", "Cấp đổi giấy chứng nhận"),
        ("Đất đai", "Đăng ký biến động đất đai"),
    ]
    # no paid-online or digitised column: NULL, never 0
    assert rows[1][3:] == (152, 2, 98, 52, 120, 28, 0, 4, 0, None, None)


def test_one_header_row_without_diacritics_and_no_total_row(tmp_path):
    path = tmp_path / "db.duckdb"
    data = (SHAPES / "thang-10-khong-dau-mot-dong-tieu-de.xlsx").read_bytes()
    result = load(path, data, "tk.xlsx")
    assert result.status == "loaded", [str(p) for p in result.problems]
    assert (result.unit, result.period, result.rows) == ("Phuong Kinh Bac", "2026-10", 3)
    assert rows_of(path)[1][1:] == ("Dat dai", "", 25, 6, 9, 10, 5, 10, 2, 7, 1, None, 20)


def test_a_table_of_totals_only_over_nine_months(tmp_path):
    path = tmp_path / "db.duckdb"
    data = (SHAPES / "chi-dong-tong-9-thang.xlsx").read_bytes()
    result = load(path, data, "tong.xlsx")
    assert result.status == "loaded", [str(p) for p in result.problems]
    assert result.period == "2026-01-01..2026-09-30"  # January to September, not Q3
    with db.reading(path) as con:
        row = con.execute(
            "SELECT field, received, resolved, pending, period_start, period_end "
            "FROM v_procedure_stats"
        ).fetchone()
    assert row[:4] == ("", 3000, 2886, 114)
    assert (str(row[4]), str(row[5])) == ("2026-01-01", "2026-09-30")


def test_every_planted_mistake_is_a_problem_at_its_cell_with_both_numbers(tmp_path):
    path = tmp_path / "db.duckdb"
    data = (SHAPES / "06a-thang-10-cong-sai.xlsx").read_bytes()
    result = load(path, data, "sai.xlsx")
    assert result.status == "rejected"
    assert codes_at(result) == [
        ("received_mismatch", 10, "C"),
        ("balance_mismatch", 10, "C"),
        ("resolved_mismatch", 11, "G"),
        ("balance_mismatch", 11, "C"),
        ("pending_mismatch", 12, "K"),
        ("total_mismatch", 18, "C"),
        ("total_mismatch", 18, "G"),
        ("total_mismatch", 18, "M"),
        ("total_mismatch", 18, "O"),
    ]
    first = result.problems[0]
    assert first.message == (
        "Tổng số hồ sơ tiếp nhận (126) khác kỳ trước + mới tiếp nhận (6 + 119 = 125)"
    )
    assert first.header == "Số hồ sơ nhận giải quyết Tổng số"
    assert result.problems[-1].message == "Dòng tổng ghi 375 nhưng cộng 8 dòng phía trên được 370"
    assert not path.exists()  # refused before the database is even opened


# --- each check, alone -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "delta", "code", "letter"),
    [
        (2, 1, "received_mismatch", "C"),  # received ≠ carried over + new
        (4, 1, "new_mismatch", "E"),  # new ≠ online + offline
        (7, -1, "resolved_mismatch", "H"),  # resolved ≠ early + on time + late
        (11, 1, "pending_mismatch", "L"),  # pending ≠ within + late
    ],
)
def test_each_sum_is_checked_at_the_total_cell(tmp_path, column, delta, code, letter):
    row = list(GOOD)
    row[column] += delta
    result = load(tmp_path / "db.duckdb", workbook(row), "tk.xlsx")
    assert code in [p.code for p in result.problems]
    problem = next(p for p in result.problems if p.code == code)
    assert (problem.row, problem.column) == (4, letter)


def test_received_must_equal_resolved_plus_pending(tmp_path):
    row = list(GOOD)
    row[2:5] = [31, 3, 28]  # received and carried over both one more: their own sum holds
    result = load(tmp_path / "db.duckdb", workbook(row), "tk.xlsx")
    assert codes_at(result) == [("balance_mismatch", 4, "C")]
    assert result.problems[0].message == (
        "Tổng số hồ sơ tiếp nhận (31) khác đã giải quyết + đang giải quyết (27 + 3 = 30)"
    )


def test_the_total_row_is_the_sum_of_the_fields(tmp_path):
    other = [2, "Chứng thực", 10, 0, 10, 5, 5, 10, 10, 0, 0, 0, 0, 0]
    total = [None, "Tổng cộng", 40, 2, 38, 25, 13, 37, 30, 6, 1, 3, 2, 1]
    ok = load(tmp_path / "a.duckdb", workbook(GOOD, other, total), "tk.xlsx")
    assert ok.status == "loaded", [str(p) for p in ok.problems]
    assert ok.rows == 2  # the total row is checked, not stored
    total[8] = 29  # early: 20 + 10 = 30
    bad = load(tmp_path / "b.duckdb", workbook(GOOD, other, total), "tk.xlsx")
    assert codes_at(bad) == [("resolved_mismatch", 6, "H"), ("total_mismatch", 6, "I")]


def test_a_count_that_is_no_whole_number_is_a_problem_at_its_cell(tmp_path):
    row = list(GOOD)
    row[5] = "hai mươi"
    row2 = [2, "Chứng thực", 10, 0, 10, 5, 5, 10, 10, 0, 0, -1, 0, 0]
    result = load(tmp_path / "db.duckdb", workbook(row, row2), "tk.xlsx")
    found = [(p.code, p.row, p.column, p.value) for p in result.problems if p.code == "not_a_count"]
    assert found == [("not_a_count", 4, "F", "hai mươi"), ("not_a_count", 5, "L", "-1")]


def test_blank_counts_are_zero_and_said_so(tmp_path):
    path = tmp_path / "db.duckdb"
    row = [1, "Hộ tịch", 30, None, 30, 20, 10, 30, 20, 10, None, None, None, None]
    result = load(path, workbook(row), "tk.xlsx")
    assert result.status == "loaded", [str(p) for p in result.problems]
    assert "5 ô số liệu để trống được tính là 0" in result.notes
    assert rows_of(path)[0][3:] == (30, 0, 20, 10, 20, 10, 0, 0, 0, None, None)


def test_a_row_with_counts_but_no_name_is_a_problem(tmp_path):
    row = list(GOOD)
    row[0:2] = [3, None]
    other = [2, "Chứng thực", 10, 0, 10, 5, 5, 10, 10, 0, 0, 0, 0, 0]
    result = load(tmp_path / "db.duckdb", workbook(GOOD, other, row), "tk.xlsx")
    assert codes_at(result) == [("missing_name", 6, "B")]


# --- the period --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "period"),
    [
        ("TÌNH HÌNH GIẢI QUYẾT TTHC Từ ngày 01/07/2026 đến ngày 30/09/2026", "2026-Q3"),
        ("TÌNH HÌNH GIẢI QUYẾT TTHC từ 01/10/2026 đến 31/10/2026", "2026-10"),
        (
            "TÌNH HÌNH GIẢI QUYẾT TTHC Từ ngày 15/09/2026 đến ngày 14/10/2026",
            "2026-09-15..2026-10-14",
        ),
        ("KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH QUÝ III NĂM 2026", "2026-Q3"),
        ("TÌNH HÌNH GIẢI QUYẾT TTHC Tháng 10/2026", "2026-10"),
        ("TÌNH HÌNH GIẢI QUYẾT TTHC 6 tháng đầu năm 2026", "2026-H1"),
        ("TÌNH HÌNH GIẢI QUYẾT TTHC 9 tháng đầu năm 2026", "2026-01-01..2026-09-30"),
        ("TÌNH HÌNH GIẢI QUYẾT TTHC NĂM 2026", "2026"),
    ],
)
def test_the_period_from_the_title(tmp_path, title, period):
    result = load(tmp_path / "db.duckdb", workbook(GOOD, title=title), "tk.xlsx")
    assert result.status == "loaded", [str(p) for p in result.problems]
    assert result.period == period


def test_no_period_is_a_problem_unless_given(tmp_path):
    data = workbook(GOOD, title="TÌNH HÌNH GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH")
    refused = load(tmp_path / "a.duckdb", data, "tk.xlsx")
    assert codes_at(refused) == [("missing_period", None, "")]
    given = load(tmp_path / "b.duckdb", data, "tk.xlsx", period="2026-10")
    assert (given.status, given.period, given.sources["period"]) == (
        "loaded",
        "2026-10",
        "chọn khi nạp",
    )
    named = load(tmp_path / "c.duckdb", data, "thong-ke-tthc-thang-9-2026.xlsx")
    assert (named.period, named.sources["period"]) == ("2026-09", "tên tệp")


# --- the database -----------------------------------------------------------------------------


def test_a_newer_file_for_the_same_period_replaces_the_older_and_undo_puts_it_back(tmp_path):
    path = tmp_path / "db.duckdb"
    first = load(path, workbook(GOOD), "a.xlsx")
    row = list(GOOD)
    row[2:5] = [31, 3, 28]
    row[11:13] = [4, 3]
    second = load(path, workbook(row), "b.xlsx")
    assert second.status == "loaded", [str(p) for p in second.problems]
    assert second.replaced_upload_ids == [first.upload_id]
    assert [r[3] for r in rows_of(path)] == [31]
    assert undo(second.upload_id, path).ok
    assert [r[3] for r in rows_of(path)] == [30]


def test_a_rejected_file_leaves_the_database_as_it_was(tmp_path):
    path = tmp_path / "db.duckdb"
    load(path, workbook(GOOD), "a.xlsx")
    with db.reading(path) as con:
        before = con.execute("SELECT * FROM procedure_stats ORDER BY ALL").fetchall()
    row = list(GOOD)
    row[2] += 5
    assert load(
        path, workbook(row, title="TTHC Tháng 11/2026 giải quyết TTHC"), "c.xlsx"
    ).status == ("rejected")
    with db.reading(path) as con:
        assert con.execute("SELECT * FROM procedure_stats ORDER BY ALL").fetchall() == before
        assert con.execute("SELECT count(*) FROM uploads").fetchone()[0] == 1


def test_the_demo_months_are_loaded_with_the_readme_hand_counts(demo_db_master):
    with db.reading(demo_db_master) as con:
        months = con.execute(
            "SELECT period, sum(received), sum(resolved), sum(resolved_late), sum(pending_late),"
            " sum(digitised) FROM v_procedure_stats GROUP BY period ORDER BY period"
        ).fetchall()
        demo = con.execute(
            "SELECT bool_and(is_demo) FROM uploads WHERE kind = 'tthc' AND status = 'loaded'"
        ).fetchone()[0]
    assert [m[0] for m in months] == [f"2026-{m:02d}" for m in range(1, 11)]
    assert months[0][1:] == (416, 393, 0, 0, 296)  # README: 1/2026
    assert months[9][1:] == (416, 390, 1, 2, 370)  # README: 10/2026
    assert sum(m[3] for m in months) == 2 + 1 + 1 + 3 + 1  # the planted late dossiers
    assert demo is True


def test_a_fresh_database_keeps_the_data_contract(tmp_path, env):
    path = tmp_path / "cchc.duckdb"
    init = subprocess.run(
        [sys.executable, "-m", "etl", "init", "--db", str(path)], env=env, capture_output=True
    )
    assert init.returncode == 0, init.stderr
    if TOOLS is not None:  # the shared contract checker, when it is beside the checkout
        check = subprocess.run(
            [sys.executable, str(TOOLS / "check_contract.py"), str(path)],
            capture_output=True,
            text=True,
        )
        assert check.stdout.strip() == "contract ok", check.stdout
    con = duckdb.connect(str(path), read_only=True)
    columns = [d[0] for d in con.execute("SELECT * FROM v_procedure_stats LIMIT 0").description]
    con.close()
    assert columns[:14] == [
        "unit",
        "period",
        "field",
        *[c.strip() for c in COUNTS.split(",")],
    ]


@needs_tools
def test_the_shape_fuzzer_keeps_the_figures_of_a_demo_file(tmp_path, env):
    """12/12 mutations load; each copy then holds exactly the same procedure figures (the fuzzer
    itself compares only the task and index views)."""
    demo = DEMO / "thong-ke-tthc-2026-10.xlsx"
    kept = tmp_path / "kept"
    fuzz = subprocess.run(
        [sys.executable, str(TOOLS / "shape_fuzz.py"), str(demo), "--keep", str(kept)],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=900,
    )
    assert "12/12 mutations keep the figures" in fuzz.stdout, fuzz.stdout + fuzz.stderr
    base = load(tmp_path / "base.duckdb", demo.read_bytes(), demo.name)
    assert base.status == "loaded"
    want = sorted((r[0], fold(r[1]), *r[3:]) for r in rows_of(tmp_path / "base.duckdb"))
    copies = sorted(kept.glob("*.xlsx"))
    assert len(copies) == 12
    for copy in copies:
        path = tmp_path / f"{copy.stem}.duckdb"
        result = load(path, copy.read_bytes(), demo.name)
        assert result.status == "loaded", (copy.name, [str(p) for p in result.problems])
        got = sorted((r[0], fold(r[1]), *r[3:]) for r in rows_of(path))
        assert got == want, copy.name


def test_rate_columns_are_left_aside(tmp_path):
    """'Tỷ lệ đúng hạn (%)' beside 'Đúng hạn' is a rate, not a second on-time count column."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["TÌNH HÌNH GIẢI QUYẾT TTHC THÁNG 10/2026"])
    ws.append([*HEADER, "Tỷ lệ giải quyết đúng hạn (%)", "Tỷ lệ hồ sơ trực tuyến"])
    ws.append([*GOOD, 96.3, "71,4%"])
    buffer = io.BytesIO()
    wb.save(buffer)
    path = tmp_path / "db.duckdb"
    result = load(path, buffer.getvalue(), "tk.xlsx")
    assert result.status == "loaded", [str(p) for p in result.problems]
    assert {c.role for _, c in result.choices if c.letter in ("O", "P")} == set()
    assert rows_of(path)[0][3:] == (30, 2, 20, 8, 20, 6, 1, 2, 1, None, None)
