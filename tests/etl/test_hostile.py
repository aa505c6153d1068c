"""The hostile and broken corpus: every file is rejected with a precise Vietnamese message and
the database is unchanged, compared byte for byte through an export of every table."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import duckdb
import pytest

from etl import workbook
from etl.load import Options, load_bytes
from tests.workbooks import PLAN_BODY, REPORT_HEADER, plan_xlsx, report_xlsx, xlsx_bytes

I1 = "Ban hành Kế hoạch tuyên truyền cải cách hành chính năm 2026 của phường"


def export_all(path: Path) -> str:
    """A digest of every row of every table, in a stable order."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        digest = hashlib.sha256()
        tables = [
            r[0]
            for r in con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' "
                "ORDER BY table_name"
            ).fetchall()
        ]
        for table in tables:
            for row in con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall():
                digest.update(repr((table, row)).encode())
        return digest.hexdigest()
    finally:
        con.close()


def zip_bomb() -> bytes:
    """A small .xlsx whose sheet XML unpacks to far more than the limit."""
    good = zipfile.ZipFile(io.BytesIO(plan_xlsx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in good.infolist():
            data = good.read(info.filename)
            if info.filename.endswith("sheet2.xml"):
                data = data.replace(
                    b"</sheetData>", b"<row r='99'>" + b" " * 450_000_000 + b"</row></sheetData>"
                )
            z.writestr(info.filename, data)
    return out.getvalue()


def report(rows, **kw) -> bytes:
    return report_xlsx(rows, **kw)


CORPUS = {
    "csv-named-xlsx": (
        b"STT,Noi dung\n1,abc\n",
        "nội dung là tệp CSV, văn bản phân cột bằng dấu phẩy",
    ),
    "pdf-named-xlsx": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "nội dung là tệp PDF"),
    "truncated-zip": (plan_xlsx()[:3000], "Tệp Excel bị hỏng"),
    "password": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2048, "đặt mật khẩu"),
    "empty-file": (b"", "Tệp rỗng"),
    "empty-workbook": (xlsx_bytes({"Sheet1": []}), "không có dữ liệu"),
    "no-header": (xlsx_bytes({"Dữ liệu": [["a", "b"], ["c", "d"]]}), "Không tìm thấy bảng dữ liệu"),
    "impossible-date": (
        plan_xlsx([PLAN_BODY[0], ["1", "Ban hành kế hoạch", "VHXH", "", "31/02/2026"]]),
        "Ngày '31/02/2026' không tồn tại",
    ),
    "unknown-department": (
        plan_xlsx([PLAN_BODY[0], ["1", "Ban hành kế hoạch", "Phòng Nội vụ", "", "Quý I/2026"]]),
        "Không nhận ra phòng, đơn vị 'Phòng Nội vụ'",
    ),
    "duplicate-numbers": (
        plan_xlsx([PLAN_BODY[0], ["1", "Việc A", "VHXH"], ["1", "Việc B", "VHXH"]]),
        "Số thứ tự trùng",
    ),
    "percent-over-100": (
        report([["1", I1, "", "", "Đang thực hiện", 150]]),
        "Tỷ lệ phải nằm trong khoảng 0–100%",
    ),
    "percent-below-0": (
        report([["1", I1, "", "", "Đang thực hiện", -5]]),
        "Tỷ lệ phải nằm trong khoảng 0–100%",
    ),
    "task-matching-nothing": (
        report([["1", "Xây dựng sân bóng đá mini", "", "", "Đang thực hiện", 10]]),
        "Không tìm thấy nhiệm vụ này trong kế hoạch",
    ),
    "plan-year-not-loaded": (
        report([["1", I1, "", "", "Đang thực hiện", 10]], period_text="Quý I năm 2031"),
        "Chưa có phụ lục kế hoạch năm 2031",
    ),
}


@pytest.mark.parametrize("case", sorted(CORPUS))
def test_hostile_file_is_rejected_and_changes_nothing(case: str, demo_db: Path) -> None:
    data, expected = CORPUS[case]
    before = export_all(demo_db)
    result = load_bytes(data, f"{case}.xlsx", Options(), demo_db)
    assert result.status == "rejected"
    assert any(expected in p.message for p in result.problems), [str(p) for p in result.problems]
    assert export_all(demo_db) == before


def test_zip_bomb_is_refused_before_it_is_unpacked(demo_db: Path) -> None:
    data = zip_bomb()
    assert len(data) < 2_000_000  # small on disk…
    before = export_all(demo_db)
    result = load_bytes(data, "bomb.xlsx", Options(), demo_db)
    assert result.status == "rejected"
    assert "giải nén ra quá lớn" in result.problems[0].message  # …huge unpacked
    assert "giới hạn 400 MB" in result.problems[0].message
    assert export_all(demo_db) == before


def test_file_over_the_size_limit_says_the_limit(demo_db: Path, monkeypatch) -> None:
    monkeypatch.setattr(workbook, "MAX_FILE_BYTES", 10_000)
    result = load_bytes(plan_xlsx() + b"\0" * 20_000, "big.xlsx", Options(), demo_db)
    assert result.problems[0].message == "Tệp quá lớn (0,0 MB), giới hạn là 0,0 MB"


def test_control_characters_and_formula_text_are_kept_as_plain_text(empty_db: Path) -> None:
    # Excel writers refuse control characters, so they come in through a CSV
    text = "STT;Nội dung nhiệm vụ;Cơ quan chủ trì;Thời gian hoàn thành\nI;CẢI CÁCH THỂ CHẾ;;\n"
    text += "1;Rà soát\x07 văn bản\x00 +cmd|' /C calc'!A0;VHXH;Quý I/2026\n"
    result = load_bytes(text.encode(), "plan.csv", Options(), empty_db)
    assert result.status == "loaded", [str(p) for p in result.problems]
    con = duckdb.connect(str(empty_db), read_only=True)
    title = con.execute("SELECT title FROM v_tasks").fetchone()[0]
    con.close()
    assert title == "Rà soát văn bản +cmd|' /C calc'!A0"  # no control characters, text as typed


def test_report_without_header_row_names_the_missing_columns(demo_db: Path) -> None:
    header = [h for h in REPORT_HEADER if h not in ("Tình trạng", "Tỷ lệ (%)")]
    data = xlsx_bytes({"Báo cáo": [["BÁO CÁO Quý I năm 2026"], header, ["1", I1]]})
    result = load_bytes(data, "r.xlsx", Options(kind="progress"), demo_db)
    assert result.status == "rejected"
    assert "Dòng tiêu đề thiếu cột: Tình trạng" in result.problems[0].message


def test_the_sample_with_three_planted_mistakes(demo_db: Path) -> None:
    sample = Path(__file__).resolve().parents[2] / "data/samples/bao-cao-q3-2026-vhxh-3-loi.xlsx"
    result = load_bytes(sample.read_bytes(), sample.name, Options(), demo_db)
    assert result.status == "rejected"
    assert [(p.row, p.column) for p in result.problems] == [(10, "F"), (12, "E"), (14, "B")]
