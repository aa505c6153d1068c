"""Bad containers: each gives one precise Vietnamese problem, never an exception, and writes nothing."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest

import etl.workbook as workbook
from cchc import db
from etl.errors import Rejected
from etl.load import Options, load_bytes
from etl.workbook import read_workbook
from tests.workbooks import plan_rows, plan_xlsx

NOT_EXCEL_HINT = "mở tệp bằng Excel và lưu lại dưới dạng .xlsx rồi tải lên"


def _empty_workbook() -> bytes:
    buf = io.BytesIO()
    openpyxl.Workbook().save(buf)
    return buf.getvalue()


def _zip_without_workbook() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("readme.txt", "hello")
    return buf.getvalue()


def _corrupt_member(data: bytes, member: str, offset: int) -> bytes:
    """Flip one byte inside a member's compressed data (a disk or transfer error)."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(member)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    out = bytearray(data)
    out[start + offset] ^= 0xFF
    return bytes(out)


GOOD = plan_xlsx()
CSV_TEXT = "STT,Nội dung nhiệm vụ,Cơ quan chủ trì\n1,Rà soát,VP\n".encode()

CASES = {
    "csv-renamed": (
        CSV_TEXT,
        "Tệp không phải bảng tính Excel (nội dung là tệp CSV, văn bản phân cột bằng dấu phẩy)",
        "đổi đuôi tệp thành .csv rồi tải lên lại, hoặc " + NOT_EXCEL_HINT,
    ),
    "pdf-renamed": (
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
        "Tệp không phải bảng tính Excel (nội dung là tệp PDF)",
        NOT_EXCEL_HINT,
    ),
    "html-renamed": (
        b"<html><body><table><tr><td>1</td></tr></table></body></html>",
        "Tệp không phải bảng tính Excel (nội dung là tệp HTML (trang web, thường do phần mềm "
        "xuất ra với đuôi Excel))",
        NOT_EXCEL_HINT,
    ),
    "truncated": (
        GOOD[: len(GOOD) // 2],
        "Tệp Excel bị hỏng hoặc tải lên chưa hết (cấu trúc nén không hợp lệ)",
        "tải lại tệp gốc, mở bằng Excel, lưu lại rồi tải lên",
    ),
    "empty-file": (b"", "Tệp rỗng, không có dữ liệu", "chọn đúng tệp Excel cần tải lên"),
    "blank-file": (b"  \r\n ", "Tệp rỗng, không có dữ liệu", "chọn đúng tệp Excel cần tải lên"),
    "empty-workbook": (
        _empty_workbook(),
        "Tệp Excel không có dữ liệu (mọi sheet đều trống)",
        "kiểm tra lại đã chọn đúng tệp và đã lưu dữ liệu trước khi tải lên",
    ),
    "plain-zip": (
        _zip_without_workbook(),
        "Tệp nén không phải bảng tính Excel (.xlsx)",
        "mở tệp bằng Excel và lưu lại dưới dạng .xlsx",
    ),
    "encrypted": (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
        "Tệp Excel đang được đặt mật khẩu (mã hóa) nên không đọc được",
        "mở tệp trong Excel, gỡ mật khẩu (Tệp > Thông tin > Bảo vệ sổ làm việc), lưu lại rồi tải lên",
    ),
    "bad-crc": (
        _corrupt_member(GOOD, "xl/worksheets/sheet2.xml", 1300),
        "Tệp Excel bị hỏng (phần 'xl/worksheets/sheet2.xml' không đọc được)",
        "mở tệp bằng Excel hoặc LibreOffice, lưu lại rồi tải lên",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_read_workbook_rejects_with_one_problem(case: str) -> None:
    data, message, hint = CASES[case]
    with pytest.raises(Rejected) as info:
        read_workbook(data, "ke-hoach.xlsx")
    assert [
        (p.sheet, p.row, p.column, p.value, p.message, p.hint) for p in info.value.problems
    ] == [("", None, "", "ke-hoach.xlsx", message, hint)]


@pytest.mark.parametrize("case", CASES)
def test_load_bytes_rejects_and_writes_nothing(case: str, tmp_path: Path) -> None:
    data, message, _ = CASES[case]
    path = tmp_path / "cchc.duckdb"
    result = load_bytes(data, "ke-hoach.xlsx", Options(), path)
    assert (result.status, result.rows, result.kind) == ("rejected", 0, None)
    assert [p.message for p in result.problems] == [message]
    assert str(result.problems[0]).startswith(message + " (giá trị: 'ke-hoach.xlsx'). Cách sửa: ")
    assert not path.exists()  # a file that cannot be read never opens the database
    assert not (tmp_path / "archive").exists()


@pytest.mark.parametrize("offset", [10, 200])
def test_damaged_compressed_data_is_a_broken_file(offset: int, tmp_path: Path) -> None:
    data = _corrupt_member(GOOD, "xl/worksheets/sheet2.xml", offset)
    result = load_bytes(data, "ke-hoach.xlsx", Options(), tmp_path / "cchc.duckdb")
    assert result.status == "rejected"
    assert [p.message.startswith("Tệp Excel bị hỏng") for p in result.problems] == [True]


def test_damaged_compressed_data_never_raises(tmp_path: Path) -> None:
    data = _corrupt_member(GOOD, "xl/worksheets/sheet2.xml", 10)
    result = load_bytes(data, "ke-hoach.xlsx", Options(), tmp_path / "cchc.duckdb")
    assert result.status == "rejected"
    assert len(result.problems) == 1
    assert not (tmp_path / "cchc.duckdb").exists()


def test_file_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workbook, "MAX_FILE_BYTES", 1024)
    with pytest.raises(Rejected) as info:
        read_workbook(GOOD, "ke-hoach.xlsx")
    [problem] = info.value.problems
    assert problem.message.startswith("Tệp quá lớn (")
    assert problem.message.endswith("MB), giới hạn là 0,0 MB")


def test_unpacked_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workbook, "MAX_UNPACKED_BYTES", 1000)
    with pytest.raises(Rejected) as info:
        read_workbook(GOOD, "ke-hoach.xlsx")
    [problem] = info.value.problems
    assert problem.message.startswith("Tệp giải nén ra quá lớn (")
    assert "có thể là tệp độc hại" in problem.message


def test_unpacked_size_message_punctuation(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workbook, "MAX_UNPACKED_BYTES", 1000)
    with pytest.raises(Rejected) as info:
        read_workbook(GOOD, "ke-hoach.xlsx")
    assert "MB, giới hạn" in info.value.problems[0].message


def test_sheet_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    """An oversized sheet is read only as far as the limit and marked with its true size (to
    its last cell); the load refuses it only when it holds the table (#16, finding 6)."""
    monkeypatch.setattr(workbook, "MAX_ROWS", 5)
    sheets = read_workbook(GOOD, "ke-hoach.xlsx")
    assert sheets[1].oversize == (19, 7) and len(sheets[1].rows) == 5
    assert sheets[0].oversize is None
    problem = workbook.too_big(sheets[1])
    assert (problem.sheet, problem.message) == (
        "Phụ lục",
        "Sheet quá lớn (19 dòng × 7 cột, tính đến ô cuối cùng có dữ liệu); giới hạn 5 dòng và "
        "5.000.000 ô",
    )


def test_sheets_read_with_excel_coordinates() -> None:
    sheets = read_workbook(GOOD, "ke-hoach.xlsx")
    assert [s.name for s in sheets] == ["Ghi chú", "Phụ lục"]
    table = sheets[1]
    assert table.cell(0, 0) == "PHỤ LỤC"  # A1
    assert table.cell(4, 2) == "Phân công thực hiện"  # C5
    assert table.cell(999, 999) is None
    assert ((4, 2), (4, 3)) in table.merged  # C5:D5


def test_a_real_csv_loads(tmp_path: Path) -> None:
    """The appendix saved as CSV by Excel: every row padded to the table's width, dates as text."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";")
    for r in plan_rows():
        cells = [
            v.strftime("%d/%m/%Y") if isinstance(v, date) else "" if v is None else v for v in r
        ]
        writer.writerow([*cells, *[""] * (7 - len(cells))])
    result = load_bytes(
        buf.getvalue().encode("utf-8-sig"), "ke-hoach.csv", Options(), tmp_path / "c.duckdb"
    )
    assert (result.status, result.rows, result.problems) == ("loaded", 6, [])
    xlsx = load_bytes(GOOD, "ke-hoach.xlsx", Options(), tmp_path / "x.duckdb")
    assert xlsx.status == "loaded"
    query = "SELECT * EXCLUDE (upload_id) FROM tasks ORDER BY code"
    with db.reading(tmp_path / "c.duckdb") as a, db.reading(tmp_path / "x.duckdb") as b:
        assert a.execute(query).fetchall() == b.execute(query).fetchall()


def test_xls_with_xlsx_name_is_not_called_encrypted(tmp_path: Path) -> None:
    data = (
        Path(__file__).resolve().parents[1] / "data" / "plan-saved-by-libreoffice.xls"
    ).read_bytes()
    result = load_bytes(data, "plan.xlsx", Options(), tmp_path / "cchc.duckdb")
    assert (result.status, result.rows) == ("loaded", 6)
