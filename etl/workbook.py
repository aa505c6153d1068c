"""Reading spreadsheet files into plain grids, safely.

Files are checked before they are parsed: the size, the signature (a PDF or CSV renamed to
.xlsx is caught here), the zip container (truncated, encrypted, or a 'zip bomb' whose sheets
unpack to far more than the file size), then read with python-calamine (fast, .xlsx and .xls)
into lists of rows whose indices are Excel's (row 0 = Excel row 1, column 0 = A).
"""

from __future__ import annotations

import csv
import html
import io
import itertools
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine as pc

from cchc.fmt import number
from etl import xls_cells
from etl.errors import Problem, Rejected, column_index

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 400 * 1024 * 1024
MAX_ROWS = 250_000
MAX_CELLS = 5_000_000

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".csv")
ENCRYPTED = "Tệp Excel đang được đặt mật khẩu (mã hóa) nên không đọc được"
ENCRYPTED_HINT = (
    "mở tệp trong Excel, gỡ mật khẩu (Tệp > Thông tin > Bảo vệ sổ làm việc), lưu lại rồi tải lên"
)


@dataclass
class Sheet:
    name: str
    rows: list[list[object]]
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    hidden_columns: frozenset[int] = frozenset()  # 0-based
    # Cells the reader gets as blank or as a bare number but which say more in the file: a
    # stored error value ('#DIV/0!'; .xlsx, and .xls through etl/xls_cells.py), and a formula
    # whose stored result may be stale (a link to another workbook, NOW()/TODAY(); .xlsx), by
    # 0-based (row, column).
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    # (rows, columns) as far as the sheet's last cell, when beyond the limits: only the first
    # MAX_ROWS rows are read; a table on this sheet is refused, another sheet's is not
    oversize: tuple[int, int] | None = None

    def cell(self, row: int, col: int) -> object:
        if 0 <= row < len(self.rows) and 0 <= col < len(self.rows[row]):
            return self.rows[row][col]
        return None


def _reject(file_name: str, message: str, hint: str) -> Rejected:
    return Rejected([Problem(message=message, hint=hint, sheet="", value=file_name)])


def read_workbook(data: bytes, file_name: str) -> list[Sheet]:
    """All visible worksheets of a file, or Rejected with a precise reason."""
    if len(data) > MAX_FILE_BYTES:
        raise _reject(
            file_name,
            f"Tệp quá lớn ({_mb(len(data))}), giới hạn là {_mb(MAX_FILE_BYTES)}",
            "tách tệp thành nhiều tệp nhỏ hơn hoặc xóa các sheet không cần thiết",
        )
    if not data.strip():
        raise _reject(file_name, "Tệp rỗng, không có dữ liệu", "chọn đúng tệp Excel cần tải lên")
    suffix = Path(file_name).suffix.lower()
    if data.startswith(ZIP_MAGIC):
        _check_zip(data, file_name)
    elif data.startswith(OLE_MAGIC):
        if _is_encrypted_ole(data):
            raise _reject(file_name, ENCRYPTED, ENCRYPTED_HINT)
    elif suffix == ".csv":
        return [_read_csv(data, file_name)]
    else:
        kind = "PDF" if data.startswith(b"%PDF") else _text_kind(data) or "không phải Excel"
        hint = "mở tệp bằng Excel và lưu lại dưới dạng .xlsx rồi tải lên"
        if kind.startswith("CSV"):
            hint = f"đổi đuôi tệp thành .csv rồi tải lên lại, hoặc {hint}"
        raise _reject(file_name, f"Tệp không phải bảng tính Excel (nội dung là tệp {kind})", hint)
    try:
        wb = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except pc.PasswordError as exc:
        raise _reject(
            file_name,
            "Tệp Excel đang được đặt mật khẩu nên không đọc được",
            "gỡ mật khẩu trong Excel, lưu lại rồi tải lên",
        ) from exc
    except (pc.CalamineError, pc.ZipError, pc.XmlError, ValueError, OSError) as exc:
        if data.startswith(OLE_MAGIC) and suffix in (".xlsx", ".xlsm"):
            # An .xlsx saved with a password is an OLE container, not a zip; an OLE file that
            # is not a readable .xls either is, in practice, exactly that.
            raise _reject(file_name, ENCRYPTED, ENCRYPTED_HINT) from exc
        raise _reject(
            file_name,
            f"Tệp Excel bị hỏng, không đọc được ({_short(exc)})",
            "mở tệp bằng Excel hoặc LibreOffice, lưu lại dưới dạng .xlsx rồi tải lên",
        ) from exc
    hidden = _hidden_columns(data) if data.startswith(ZIP_MAGIC) else {}
    if data.startswith(ZIP_MAGIC):
        marks = _cell_marks(data)
    elif data.startswith(OLE_MAGIC):
        marks = {name: (errors, {}) for name, errors in xls_cells.error_cells(data).items()}
    else:
        marks = {}
    sheets: list[Sheet] = []
    for meta in wb.sheets_metadata:
        if str(meta.visible) != str(pc.SheetVisibleEnum.Visible) or str(meta.typ) != str(
            pc.SheetTypeEnum.WorkSheet
        ):
            continue
        try:
            sheet = wb.get_sheet_by_name(meta.name)
            extent = _extent(sheet)
            oversize = extent if extent[0] > MAX_ROWS or extent[0] * extent[1] > MAX_CELLS else None
            rows = _first_rows(sheet) if oversize else sheet.to_python(skip_empty_area=False)
            merged = list(sheet.merged_cell_ranges or [])
        except (pc.CalamineError, pc.XmlError, pc.ZipError, ValueError) as exc:
            raise Rejected(
                [
                    Problem(
                        message=f"Sheet bị hỏng, không đọc được ({_short(exc)})",
                        hint="mở tệp bằng Excel, lưu lại rồi tải lên",
                        sheet=meta.name,
                    )
                ]
            ) from exc
        errors, formulas = marks.get(meta.name, ({}, {}))
        sheets.append(
            Sheet(
                meta.name,
                rows,
                merged,
                hidden.get(meta.name, frozenset()),
                errors,
                formulas,
                oversize,
            )
        )
    if not sheets or all(not any(str(v).strip() for row in s.rows for v in row) for s in sheets):
        raise _reject(
            file_name,
            "Tệp Excel không có dữ liệu (mọi sheet đều trống)",
            "kiểm tra lại đã chọn đúng tệp và đã lưu dữ liệu trước khi tải lên",
        )
    return sheets


def _extent(sheet: pc.CalamineSheet) -> tuple[int, int]:
    """(rows, columns) from A1 to the sheet's last cell (calamine's `total_height` is the last
    row's 0-based index, one short of the count)."""
    if sheet.end is None:
        return (0, 0)
    return (sheet.end[0] + 1, sheet.end[1] + 1)


def _first_rows(sheet: pc.CalamineSheet) -> list[list[object]]:
    """The first MAX_ROWS rows of an oversized sheet, indexed like `to_python` (from A1)."""
    pad = [""] * (sheet.start[1] if sheet.start else 0)
    return [pad + list(row) for row in itertools.islice(sheet.iter_rows(), MAX_ROWS)]


def too_big(sheet: Sheet) -> Problem:
    """The problem of a table on an oversized sheet, with its true size."""
    rows, cols = sheet.oversize or (0, 0)
    return Problem(
        message=f"Sheet quá lớn ({number(rows)} dòng × {number(cols)} cột, tính đến ô cuối cùng "
        f"có dữ liệu); giới hạn {number(MAX_ROWS)} dòng và {number(MAX_CELLS)} ô",
        hint="xóa các dòng, cột thừa ở cuối sheet (Ctrl+End cho biết ô cuối cùng; một dấu cách "
        "cũng tính) hoặc tách dữ liệu thành nhiều tệp",
        sheet=sheet.name,
    )


def _text_kind(data: bytes) -> str | None:
    """'CSV (…)' when the bytes are text laid out in delimited columns, else None."""
    head = data[:65536]
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            text = head.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        return None
    if re.search(r"<\s*(html|table|!doctype)", text[:4096], re.IGNORECASE):
        return "HTML (trang web, thường do phần mềm xuất ra với đuôi Excel)"
    lines = [line for line in text.splitlines() if line.strip()][:20]
    for delimiter, name in ((",", "dấu phẩy"), (";", "dấu chấm phẩy"), ("\t", "dấu tab")):
        if lines and all(delimiter in line for line in lines):
            return f"CSV, văn bản phân cột bằng {name}"
    return "văn bản" if text.isprintable() or "\n" in text else None


def _mb(size: int) -> str:
    """A size in MB as Vietnamese readers write it: '52,4 MB'."""
    mb = size / (1024 * 1024)
    return f"{number(mb, 0 if mb >= 10 else 1)} MB"


def _short(exc: Exception) -> str:

    return str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__


def _check_zip(data: bytes, file_name: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            if "[Content_Types].xml" not in names:
                raise _reject(
                    file_name,
                    "Tệp nén không phải bảng tính Excel (.xlsx)",
                    "mở tệp bằng Excel và lưu lại dưới dạng .xlsx",
                )
            if any(i.flag_bits & 0x1 for i in infos):
                raise _reject(
                    file_name,
                    "Tệp Excel đang được đặt mật khẩu nên không đọc được",
                    "gỡ mật khẩu trong Excel, lưu lại rồi tải lên",
                )
            unpacked = sum(i.file_size for i in infos)
            if unpacked > MAX_UNPACKED_BYTES:
                raise _reject(
                    file_name,
                    f"Tệp giải nén ra quá lớn ({number(unpacked / 1e6)} MB, giới hạn "
                    f"{MAX_UNPACKED_BYTES // (1024 * 1024)} MB) — có thể là tệp độc hại hoặc có "
                    "sheet chứa quá nhiều ô",
                    "xóa các dòng, cột thừa hoặc tách dữ liệu thành nhiều tệp nhỏ hơn",
                )
            bad = _first_bad_member(zf)
            if bad is not None:
                raise _reject(
                    file_name,
                    f"Tệp Excel bị hỏng (phần '{bad}' không đọc được)",
                    "mở tệp bằng Excel hoặc LibreOffice, lưu lại rồi tải lên",
                )
    except zipfile.BadZipFile as exc:
        raise _reject(
            file_name,
            "Tệp Excel bị hỏng hoặc tải lên chưa hết (cấu trúc nén không hợp lệ)",
            "tải lại tệp gốc, mở bằng Excel, lưu lại rồi tải lên",
        ) from exc
    except (EOFError, OSError, NotImplementedError, zlib.error) as exc:
        raise _reject(
            file_name,
            f"Tệp Excel bị hỏng ({_short(exc)})",
            "mở tệp bằng Excel hoặc LibreOffice, lưu lại rồi tải lên",
        ) from exc


def _first_bad_member(zf: zipfile.ZipFile) -> str | None:
    """The first part of the archive that does not unpack: a wrong checksum, or compressed
    data that does not decompress (`ZipFile.testzip` lets the latter escape as zlib.error)."""
    for info in zf.infolist():
        try:
            with zf.open(info) as member:
                while member.read(1 << 20):
                    pass
        except (zipfile.BadZipFile, zlib.error, EOFError):
            return info.filename
    return None


def _is_encrypted_ole(data: bytes) -> bool:
    head = data[:65536]
    return "EncryptionInfo".encode("utf-16-le") in head or b"E\x00n\x00c\x00r\x00y" in head


def _read_csv(data: bytes, file_name: str) -> Sheet:
    for encoding in ("utf-8-sig", "cp1258", "latin-1"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    header = next((line for line in text.splitlines() if line.strip()), "")
    # Titles are full of commas; a tab or semicolon in the first line is the real separator.
    delimiter = "\t" if "\t" in header else ";" if ";" in header else ","
    rows: list[list[object]] = []
    for row in csv.reader(io.StringIO(text), delimiter=delimiter):
        rows.append(list(row))
        if len(rows) > MAX_ROWS:
            raise _reject(
                file_name,
                f"Tệp CSV quá nhiều dòng (giới hạn {number(MAX_ROWS)})",
                "tách dữ liệu thành nhiều tệp",
            )
    return Sheet(Path(file_name).stem[:31] or "CSV", rows)


_TAG = r"<(?:\w+:)?{name}\b([^>]*)>"
_ATTR = re.compile(r'([\w:]+)="([^"]*)"')


def _tags(xml: str, name: str) -> list[dict[str, str]]:
    """The attributes of every <name …> tag, in any attribute order."""
    return [dict(_ATTR.findall(attrs)) for attrs in re.findall(_TAG.format(name=name), xml)]


def _sheet_parts(zf: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, path of its XML part) for every sheet of an .xlsx."""
    book = zf.read("xl/workbook.xml").decode("utf-8", "replace")
    rels = zf.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    targets = {t.get("Id"): t.get("Target", "") for t in _tags(rels, "Relationship")}
    parts = []
    for sheet in _tags(book, "sheet"):
        target = targets.get(sheet.get("r:id"), "").lstrip("/")
        path = target if target.startswith("xl/") else f"xl/{target}"
        parts.append((html.unescape(sheet.get("name", "")), path))
    return parts


_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.S)
_REF = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')
_FORMULA = re.compile(rb"<f\b[^>]*>([^<]*)</f>")
_VALUE = re.compile(rb"<v>([^<]*)</v>")
# a link to another workbook ('[1]Sheet1'!A1, [Book2.xlsx]Sheet1!A1), a volatile date
_SUSPECT = re.compile(r"\[[^\]]+\][^!]*!|\b(?:NOW|TODAY)\s*\(", re.I)


def _cell_marks(
    data: bytes,
) -> dict[str, tuple[dict[tuple[int, int], str], dict[tuple[int, int], str]]]:
    """Per sheet of an .xlsx: its error cells (value as stored) and its suspect formulas
    (text as written, with '='), which calamine reads as blank or as their stored result.
    Best effort: {} when unsure."""
    out = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for name, path in _sheet_parts(zf):
                xml = zf.read(path)
                if b't="e"' not in xml and not (
                    b"<f" in xml and _SUSPECT.search(xml.decode("utf-8", "replace"))
                ):
                    continue
                errors: dict[tuple[int, int], str] = {}
                formulas: dict[tuple[int, int], str] = {}
                for m in _CELL.finditer(xml):
                    attrs, inner = m[1], m[2] or b""
                    ref = _REF.search(attrs)
                    if ref is None:
                        continue
                    at = (int(ref[2]) - 1, column_index(ref[1].decode()) or 0)
                    if b't="e"' in attrs and (v := _VALUE.search(inner)):
                        errors[at] = html.unescape(v[1].decode("utf-8", "replace"))
                    f = _FORMULA.search(inner)
                    if f is not None:
                        text = html.unescape(f[1].decode("utf-8", "replace"))
                        if _SUSPECT.search(text):
                            formulas[at] = "=" + text
                out[name] = (errors, formulas)
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, zlib.error):
        return {}
    return out


def _hidden_columns(data: bytes) -> dict[str, frozenset[int]]:
    """Hidden columns per sheet of an .xlsx, read from each sheet's <cols> (before its data),
    so a hidden column never stands in for a visible one. Best effort: {} when unsure."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            out: dict[str, frozenset[int]] = {}
            for name, path in _sheet_parts(zf):
                with zf.open(path) as f:
                    head = f.read(256 * 1024).decode("utf-8", "replace").split("<sheetData")[0]
                cols = {
                    c - 1
                    for col in _tags(head, "col")
                    if col.get("hidden") in ("1", "true")
                    for c in range(int(col["min"]), min(int(col["max"]), 16384) + 1)
                }
                if cols:
                    out[name] = frozenset(cols)
            return out
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, zlib.error):
        return {}
