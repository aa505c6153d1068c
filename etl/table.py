"""The one table reader: finding a table inside a sheet as people lay it out, and deciding which
column holds what, for every kind of file (plan, progress report, index tables).

Real sheets have title rows above the table, a header spanning two rows with merged cells, a row
of column numbers "(1) (2) (3)…" under it, section rows inside it, and signatures or notes below
it. `find_table` scores every candidate header row (alone, or joined with the row under it, merged
cells filled in) by the roles its headers name, keeps the best one that names every required role,
then settles each column's role by its header words AND its values: a status column is one whose
values parse as statuses, a percent column holds numbers 0–1 or 0–100, a deadline column parses as
deadlines. The decision and its evidence (`Table.choices`) travel with the load result: the CLI
prints them with `--explain`, the upload page shows them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from cchc.text import clean_cell, fold
from etl.errors import Problem, cell_problem, column_index, column_letter
from etl.workbook import Sheet

HEADER_SCAN_ROWS = 40
MAX_HEADER_CHARS = 90  # a longer cell is a sentence (a note, a title), not a column header
VALUE_SAMPLE = 400  # distinct values looked at per column to weigh its role
SAMPLE_ROWS = 5000  # rows below the header looked at to weigh the columns' roles
WEAK_SHARE = 0.25  # below this share of parsed values, a weakly named column loses the role
SECOND_ROLE = 0.5  # a header naming a second role names it at most this strongly

# Procedure statistics: what a dossier count column is, by its (joined, folded) header. A
# resolved / pending context tells 'Quá hạn' under 'Đã giải quyết' from 'Quá hạn' under 'Đang
# giải quyết'; totals exclude their parts' words.
_DONE = r"(da giai quyet|da xu ly|giai quyet xong|da tra ket qua|da co ket qua)"
_OPEN = r"(dang giai quyet|chua giai quyet|dang xu ly|chua xu ly|chua co ket qua|con ton)"
_PARTS = r"(truoc han|som han|dung han|trong han|qua han|tre han|cham|chua den han|con han)"
_NEW = r"(moi tiep nhan|tiep nhan moi|moi phat sinh|tiep nhan trong ky|nhan moi)"
_PROCEDURE_HEADERS: list[tuple[str, str]] = [
    ("paid_online", r".*\bthanh toan\b"),
    ("digitised", r".*\bso hoa\b"),
    ("carried_over", r".*\b(ky truoc|ton ky truoc|ton truoc|chuyen qua|chuyen sang|ton dong)\b"),
    ("new_online", r".*\b(truc tuyen|qua mang|dich vu cong)\b"),
    ("new_offline", r".*\b(truc tiep|buu chinh|ho so giay)\b"),
    ("pending_late", rf".*\b{_OPEN}\b.*\b(qua han|tre han|cham)\b"),
    ("pending_within", rf".*\b{_OPEN}\b.*\b(trong han|chua den han|con han)\b|.*\bchua den han\b"),
    ("resolved_early", r".*\b(truoc han|truoc thoi han|som han)\b(?!.*\bdung han\b)"),
    ("resolved_on_time", rf".*\b(dung han|dung thoi han)\b|.*\b{_DONE}\b.*\btrong han\b"),
    ("resolved_late", r".*\b(qua han|tre han|cham han|tra cham)\b"),
    ("pending", rf"(?!.*\b{_PARTS}\b).*\b{_OPEN}\b"),
    ("resolved", rf"(?!.*\b{_PARTS}\b).*\b{_DONE}\b"),
    ("new", rf"(?!.*\b(truc tuyen|truc tiep|buu chinh)\b).*\b{_NEW}\b"),
    (
        "received",
        r"(?!.*\b(truc tuyen|truc tiep|buu chinh|ky truoc|chuyen qua|chuyen sang)\b)"
        r"(?!.*\b(moi tiep nhan|tiep nhan moi|tiep nhan trong ky)\b)"
        r".*\b(tiep nhan|nhan giai quyet|phai giai quyet|can giai quyet|can xu ly|thu ly|"
        r"tong so ho so|tong ho so)\b",
    ),
]
PROCEDURE_ROLES = frozenset({*(role for role, _ in _PROCEDURE_HEADERS), "field", "procedure"})

# Role -> [(folded-header pattern, strength)]. A header takes every role it names; the role it
# names first (in this order) at its strength, the others at most SECOND_ROLE.
ROLE_HEADERS: list[tuple[str, str, float]] = [
    ("number", r"^(stt|tt|so tt|so thu tu|thu tu|so)$", 1.0),
    ("code", r"\bma (nhiem vu|nv|so|tieu chi)\b|^ma$", 1.0),
    # procedure (TTHC) statistics: the one-stop system's counts of dossiers; listed before the
    # generic words ('kết quả', 'thời hạn', 'lĩnh vực') their headers also hold
    *[(role, rf"^(?!.*\b(ty le|phan tram)\b){p}", 1.0) for role, p in _PROCEDURE_HEADERS],
    ("lead", r"\bchu tri\b", 1.0),
    ("support", r"\bphoi hop\b", 1.0),
    ("completed_on", r"\bngay hoan thanh\b|\bthoi diem hoan thanh\b", 1.0),
    ("deadline", r"\bthoi gian hoan thanh\b|\bthoi han\b|\bhan hoan thanh\b|^han$", 1.0),
    (
        "deadline",
        r"\bthoi gian\b|\btien do hoan thanh\b|\btien do thuc hien\b|\bmoc thoi gian\b",
        0.8,
    ),
    ("percent", r"\bty le\b|\bphan tram\b|%", 1.0),
    ("status", r"\btinh trang\b|\btrang thai\b|\btinh hinh thuc hien\b", 1.0),
    ("status", r"\bmuc do hoan thanh\b|\bdanh gia\b|\bket qua thuc hien\b|\btinh hinh\b", 0.6),
    ("result", r"\bket qua thuc hien\b|\bket qua\b|\bda thuc hien\b|\bket qua dat duoc\b", 0.8),
    ("status", r"\bket qua\b|\btien do thuc hien\b|^tien do$", 0.6),
    ("evidence", r"\bminh chung\b|\bsan pham\b|\bkiem chung\b", 1.0),
    (
        "difficulties",
        r"\bkho khan\b|\bvuong mac\b|\bkien nghi\b|\bde xuat\b|\bton tai\b|\bhan che\b",
        1.0,
    ),
    ("note", r"\bghi chu\b", 1.0),
    (
        "lead",
        r"\bdon vi thuc hien\b|\bco quan thuc hien\b|\bphong ban\b|\bdon vi\b|\bphu trach\b|"
        r"\bchiu trach nhiem\b|\bbo phan thuc hien\b",
        0.7,
    ),
    ("title", r"\bnoi dung\b|\bnhiem vu\b|\bcong viec\b|\bten\b|\bhoat dong\b|\bgiai phap\b", 0.9),
    # index tables
    ("max", r"\bdiem toi da\b|\btoi da\b|\bdiem chuan\b|\bthang diem\b", 1.0),
    ("self", r"\btu danh gia\b|\btu cham\b", 1.0),
    ("appraised", r"\btham dinh\b", 1.0),
    ("final", r"\bdiem dat duoc\b|\bdiem chinh thuc\b|\bdiem dat\b|\bdiem cuoi cung\b", 1.0),
    ("survey", r"\bdieu tra\b|\bdtxhh\b|\bxa hoi hoc\b", 1.0),
    ("rank", r"\bxep hang\b|\bthu hang\b|^hang$", 1.0),
    ("series", r"\bdoi tuong\b|\bdon vi so sanh\b", 1.0),
    ("year", r"^nam$", 1.0),
    (
        "period",
        r"^(ky|thoi ky|ky danh gia|ky bao cao|dot|dot danh gia|tuan|thang|quy|thoi gian)$",
        1.0,
    ),
    (
        "name",
        r"\bnhom chi so\b|\bchi so\b|\btieu chi\b|\blinh vuc\b|\bnoi dung\b|\byeu to\b|\bten\b|"
        r"\bchi tieu\b|\bthanh phan\b|\bnhom\b",
        0.9,
    ),
    ("value", r"\bdiem\b|\bgia tri\b|\bty le\b|\bket qua\b|\bmuc do\b|\bdiem so\b", 0.7),
    # procedure statistics: one row per field (lĩnh vực) or per procedure
    ("procedure", r"\b(ten thu tuc|thu tuc hanh chinh|ten tthc|thu tuc)\b", 1.0),
    ("field", r"\blinh vuc\b", 1.0),
]
_COMPILED = [(role, re.compile(p), s) for role, p, s in ROLE_HEADERS]
# A header that is a year ('2025', 'Năm 2025', 'Điểm 2025'): one column per year, wide tables.
_YEAR_HEADER = re.compile(r"^(?:(?:nam|diem|ket qua|chi so|gia tri)\s+)?((?:19|20)\d\d)$")
# A header naming a month, quarter or week ('Tháng 1', 'T1', 'Quý II/2026', 'Tuần 12'): one
# column per period, as monthly 766 tables are laid out; the year may be in the title.
_PERIOD_HEADER = re.compile(
    r"^(?:ky\s+)?((?:thang|tuan|quy|t)\s*(?:\d{1,2}|iv|iii|ii|i)(?:\s+(?:nam\s+)?20\d\d)?)$"
)
YEAR_ROLE = "yr:"

FOOTER = re.compile(
    r"^(noi nhan|kt chu tich|tm ubnd|tm uy ban|chu tich|pho chu tich|nguoi lap|thu truong|"
    r"xac nhan|giam doc|truong phong|lanh dao|nguon|ghi chu|luu y)\b"
)
# 'Tổng số: 12 nhiệm vụ, đã hoàn thành 7', 'Cộng: 75 nhiệm vụ': a summary line, not a task
SUMMARY = re.compile(r"^(tổng số|tổng cộng|cộng|tong so|tong cong)\b[^\d]{0,40}\d", re.IGNORECASE)
_COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?$|^\(?[a-z]\)?$|^\(\d{1,2}\)\s*=")


def header_roles(header: str) -> dict[str, float]:
    """Every role a header names, with how strongly."""
    key = fold(header)
    out: dict[str, float] = {}
    if not key:
        return out
    year = _YEAR_HEADER.match(key) or _PERIOD_HEADER.match(key)
    if year:
        return {YEAR_ROLE + year.group(1): 1.0}
    first = True
    for role, pattern, strength in _COMPILED:
        if role in out:
            continue
        if role in PROCEDURE_ROLES and "%" in header:
            continue  # 'Đúng hạn (%)' is a rate, not a count of dossiers
        if pattern.search(key) or (role == "percent" and "%" in header):
            out[role] = strength if first else min(strength, SECOND_ROLE)
            first = False
    return out


@dataclass(frozen=True)
class ColumnChoice:
    """Why a column was given a role: its header as written, how strongly the header names the
    role, and the share of its values that parse as that role (None: the role has no test)."""

    role: str
    column: int
    header: str
    header_strength: float
    values: int  # non-empty distinct values looked at
    parsed_share: float | None
    chosen: bool = False  # set by the clerk rather than read

    @property
    def letter(self) -> str:
        return column_letter(self.column)

    def describe(self) -> str:
        share = "" if self.parsed_share is None else f", {self.parsed_share:.0%} giá trị hợp lệ"
        if self.chosen:
            share = ", do người tải lên chọn"
        return f"{role_name(self.role)} ← cột {self.letter} «{self.header}»{share}"


@dataclass
class Table:
    sheet: Sheet
    header_rows: tuple[int, ...]  # 0-based rows that hold the header
    columns: dict[str, int]  # role -> 0-based column
    headers: dict[int, str]  # column -> header text as written
    choices: list[ColumnChoice] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # ties between columns
    ends_at_summary: bool = False  # task tables: a 'Tổng số: …' line ends the table

    def header(self, role: str) -> str:
        col = self.columns.get(role)
        return "" if col is None else self.headers.get(col, "")

    def value(self, row: int, role: str) -> object:
        col = self.columns.get(role)
        return None if col is None else self.sheet.cell(row, col)

    def fields(self, row: int, names: tuple[str, ...]) -> list[object]:
        """The raw values of several roles of one row (None where the role or cell is
        missing): one call per row instead of one per cell, for large sheets."""
        cells = self.sheet.rows[row]
        n = len(cells)
        cols = [self.columns.get(f) for f in names]
        return [cells[c] if c is not None and c < n else None for c in cols]

    def problem(
        self,
        row: int,
        role: str | int,
        value: object,
        message: str,
        hint: str = "",
        code: str = "",
        subject: str = "",
    ) -> Problem:
        """A problem at a 0-based row of this table, in a role's column (or a column index),
        with the column's letter and header as written."""
        col = self.columns.get(role) if isinstance(role, str) else role
        header = self.headers.get(col, "") if col is not None else ""
        return cell_problem(self.sheet.name, row, col, header, value, message, hint, code, subject)

    def cell_problems(self, accept_external: bool = False) -> list[Problem]:
        """The cells of the table's columns that a reader would take as blank or as a stale
        number: a stored error value, a formula reading another workbook (unless its stored
        value is accepted), NOW()/TODAY(). Each is a problem at its cell."""
        sheet = self.sheet
        if not (sheet.errors or sheet.formulas):
            return []
        used = set(self.columns.values())
        rows = list(self.data_rows())
        if not rows:
            return []
        first, last = max(self.header_rows) + 1, rows[-1]
        problems = []
        for (r, c), value in sorted({**sheet.formulas, **sheet.errors}.items()):
            if c not in used or not first <= r <= last:
                continue
            if (r, c) in sheet.errors:
                what, hint = _error_value(value)
            elif _VOLATILE.search(value):
                what, hint = _volatile()
            elif accept_external:
                continue
            else:
                what, hint = _external()
            problems.append(self.problem(r, c, value, what, hint, _code(value, sheet, (r, c))))
        return problems

    def year_columns(self) -> dict[int, int]:
        """Wide tables: year -> column (the columns headed by a year)."""
        tokens = {r[len(YEAR_ROLE) :]: c for r, c in self.columns.items() if r[:3] == YEAR_ROLE}
        return {int(t): c for t, c in tokens.items() if t.isdigit()}

    def period_tokens(self) -> dict[str, int]:
        """Wide tables: each period column's header as read ('2021', 'thang 1', 't1')."""
        return {r[len(YEAR_ROLE) :]: c for r, c in self.columns.items() if r[:3] == YEAR_ROLE}

    def column_values(self, role: str) -> list[object]:
        col = self.columns.get(role)
        if col is None:
            return []
        return [self.sheet.cell(r, col) for r in self.data_rows()]

    def data_rows(self) -> Iterator[int]:
        """0-based rows below the header, skipping blanks and the column-number row, stopping
        at the signature block (and, for task tables, at a summary line)."""
        start = max(self.header_rows) + 1
        rows = self.sheet.rows
        number_col = self.columns.get("number")
        for r in range(start, len(rows)):
            # Cheap first: most rows are tasks whose first filled cell is a number or text.
            first = next((v for v in rows[r] if v != "" and v is not None), None)
            if first is None:
                continue
            if isinstance(first, str) and not first.strip():
                filled = [c for v in rows[r] if (c := clean_cell(v))]
                if not filled:
                    continue
                first = filled[0]
            if r <= start + 1:
                filled = [c for v in rows[r] if (c := clean_cell(v))]
                if len(filled) >= 3 and all(_COLUMN_NUMBER.match(fold(v) or v) for v in filled):
                    continue
            if isinstance(first, str) and not first.lstrip()[:1].isdigit():
                key = fold(first[:40])
                numbered = (
                    number_col is not None
                    and clean_cell(self.sheet.cell(r, number_col)).replace(".", "").isdigit()
                )
                if not numbered and (
                    FOOTER.match(key) or (self.ends_at_summary and SUMMARY.match(clean_cell(first)))
                ):
                    break
            yield r

    def override(self, roles: dict[str, str]) -> None:
        """The clerk's corrections: each role to the column of that letter ('' = not used);
        the column's other role, if any, is dropped. A letter outside the table is a problem."""
        for role, letter in roles.items():
            self.columns.pop(role, None)
            if not letter:
                continue
            col = column_index(letter)
            if col is None or col not in self.headers:
                self.problems.append(
                    Problem(
                        message=f"Không có cột {letter} trong bảng để làm cột '{role_name(role)}'",
                        hint="chọn một cột có tiêu đề trong bảng",
                        sheet=self.sheet.name,
                        row=max(self.header_rows) + 1,
                        column=letter,
                    )
                )
                continue
            for other, c in list(self.columns.items()):
                if c == col:
                    del self.columns[other]
            self.columns[role] = col
        self.choices = [
            next(
                (c for c in self.choices if c.role == role and c.column == col),
                ColumnChoice(role, col, self.headers.get(col, ""), 0.0, 0, None, chosen=True),
            )
            for role, col in sorted(self.columns.items(), key=lambda kv: kv[1])
        ]

    def explain(self) -> list[str]:
        rows = "–".join(str(r + 1) for r in sorted({min(self.header_rows), max(self.header_rows)}))
        lines = [f"sheet '{self.sheet.name}', dòng tiêu đề {rows}:"]
        lines += [f"  {c.describe()}" for c in self.choices]
        return lines


_VOLATILE = re.compile(r"\b(?:NOW|TODAY)\s*\(", re.I)
_ERROR_CAUSES = {
    "#DIV/0!": "công thức chia cho 0 hoặc cho ô trống",
    "#REF!": "công thức tham chiếu tới ô hoặc sheet đã bị xóa",
    "#N/A": "hàm tra cứu (VLOOKUP, MATCH…) không tìm thấy giá trị",
    "#VALUE!": "công thức dùng sai kiểu dữ liệu (cộng chữ với số…)",
    "#NAME?": "công thức gọi tên hàm hoặc tên vùng không tồn tại",
    "#NUM!": "công thức cho ra số không hợp lệ",
    "#NULL!": "công thức giao hai vùng không giao nhau",
}


def _error_value(value: str) -> tuple[str, str]:
    cause = _ERROR_CAUSES.get(value.upper(), "công thức bị lỗi")
    return (
        f"Ô chứa lỗi {value} ({cause}), Excel không tính được giá trị nên ô này không đọc được",
        "sửa công thức trong Excel hoặc ghi giá trị trực tiếp vào ô, lưu lại rồi tải lên",
    )


def _volatile() -> tuple[str, str]:
    return (
        "Ô chứa công thức ngày giờ hiện tại (NOW, TODAY): giá trị đổi mỗi lần mở tệp, không "
        "phải số liệu báo cáo",
        "ghi giá trị cố định vào ô (ví dụ 80 hoặc 80%), lưu lại rồi tải lên",
    )


def _external() -> tuple[str, str]:
    return (
        "Ô lấy giá trị từ một tệp Excel khác (công thức liên kết ngoài); giá trị đang lưu trong "
        "tệp có thể đã cũ",
        "mở tệp trong Excel, cập nhật liên kết (Dữ liệu > Sửa liên kết > Cập nhật giá trị) rồi "
        "dán giá trị (Paste Values) vào ô; hoặc, nếu giá trị đang lưu là đúng, nạp với tùy chọn "
        "chấp nhận giá trị của liên kết ngoài (--accept-external-links)",
    )


def _code(value: str, sheet: Sheet, at: tuple[int, int]) -> str:
    if at in sheet.errors:
        return "error_value"
    return "volatile_formula" if _VOLATILE.search(value) else "external_link"


def _headers_for(sheet: Sheet, rows: tuple[int, ...]) -> dict[int, str]:
    width = max((len(sheet.rows[r]) for r in rows), default=0)
    filled = _fill_merged(sheet, rows)
    out = {}
    for c in range(width):
        parts = []
        for r in rows:
            text = filled.get((r, c), clean_cell(sheet.cell(r, c)))
            if text and text not in parts:
                parts.append(text)
        if parts:
            out[c] = " ".join(parts)
    return out


def _fill_merged(sheet: Sheet, rows: tuple[int, ...]) -> dict[tuple[int, int], str]:
    """Header cells covered by a merged range take the range's (top-left) text."""
    filled: dict[tuple[int, int], str] = {}
    for (r0, c0), (r1, c1) in sheet.merged:
        if r0 > max(rows) or r1 < min(rows):
            continue
        text = clean_cell(sheet.cell(r0, c0))
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if r in rows and (r, c) != (r0, c0):
                    # Vertically merged header ('STT' over two rows) is said once, not twice.
                    filled[(r, c)] = text if r == r0 or c != c0 else ""
    return filled


def _fill_vertical_merges(sheet: Sheet, header_row: int) -> None:
    """Below the header, a cell merged down over several rows (one lead department, year or
    deadline for a block of tasks) holds its value for each of them."""
    for (r0, c0), (r1, c1) in sheet.merged:
        if c0 != c1 or r1 <= r0 or r0 <= header_row:
            continue
        value = sheet.cell(r0, c0)
        for r in range(r0 + 1, min(r1, len(sheet.rows) - 1) + 1):
            row = sheet.rows[r]
            if c0 < len(row) and row[c0] in (None, ""):
                row[c0] = value


@dataclass(frozen=True)
class Layout:
    """What a kind of table needs: roles it can hold, the sets of roles one of which must all
    be present, and the tests that weigh a column's values for a role."""

    roles: frozenset[str]
    required: tuple[tuple[str, ...], ...]
    tests: dict[str, Callable[[object], bool]] = field(default_factory=dict)
    wide_years: bool = False  # whether year headers make year columns
    ends_at_summary: bool = False
    header_depth: int = 2  # rows a header may span (procedure statistics: three)

    def allows(self, role: str) -> bool:
        return role in self.roles or (self.wide_years and role.startswith(YEAR_ROLE))

    def satisfied(self, columns: dict[str, int]) -> bool:
        return any(all(self._has(columns, r) for r in req) for req in self.required)

    @staticmethod
    def _has(columns: dict[str, int], role: str) -> bool:
        if role == "years":
            return any(r.startswith(YEAR_ROLE) for r in columns)
        return role in columns


def _assign_by_header(
    headers: dict[int, str], layout: Layout, hidden: frozenset[int]
) -> tuple[dict[str, int], dict[tuple[str, int], float]]:
    """Role -> column from the header words alone (best strength; a visible column before a
    hidden one; leftmost on a tie), and every (role, column) strength seen."""
    strengths: dict[tuple[str, int], float] = {}
    counts: dict[str, int] = {}
    for text in headers.values():
        counts[text] = counts.get(text, 0) + 1
    for col, text in headers.items():
        if len(text) > MAX_HEADER_CHARS or counts[text] >= 3:
            continue  # a sentence, or a banner merged across the table, names no column
        for role, s in header_roles(text).items():
            if layout.allows(role):
                strengths[(role, col)] = s
    columns: dict[str, int] = {}
    ranked = sorted(strengths.items(), key=lambda kv: (-kv[1], kv[0][1] in hidden, kv[0][1]))
    taken: set[int] = set()
    for (role, col), _s in ranked:
        if role not in columns and col not in taken:
            columns[role] = col
            taken.add(col)
    return columns, strengths


def _candidates(sheet: Sheet, depth: int = 2) -> Iterator[tuple[int, ...]]:
    limit = min(HEADER_SCAN_ROWS, len(sheet.rows))
    for r in range(limit):
        for n in range(1, depth + 1):
            if r + n <= len(sheet.rows):
                yield tuple(range(r, r + n))


def find_table(sheet: Sheet, layout: Layout) -> Table | None:
    """The best header in the sheet that names the layout's required roles, with each column's
    role settled by its header and its values; None when no header fits."""
    best: tuple[float, tuple[int, ...], dict[int, str]] | None = None
    for rows in _candidates(sheet, layout.header_depth):
        headers = _headers_for(sheet, rows)
        columns, strengths = _assign_by_header(headers, layout, sheet.hidden_columns)
        if not layout.satisfied(columns):
            continue
        score = sum(strengths[(role, col)] for role, col in columns.items())
        # a three-row header wins only by naming more: on a tie, the title line above a
        # two-row header is no part of it
        longer = best is not None and len(best[1]) == 3 and len(rows) < 3
        if best is None or score > best[0] + 1e-9 or (longer and score > best[0] - 1e-9):
            best = (score, rows, headers)
    if best is None:
        return None
    _, rows, headers = best
    table = _settle(sheet, rows, headers, layout)
    return table if layout.satisfied(table.columns) else None


def _settle(sheet: Sheet, rows: tuple[int, ...], headers: dict[int, str], layout: Layout) -> Table:
    """Give each role the column with the best evidence: header strength, plus how well its
    values parse as that role where the role has a test. Two columns equally good for a
    required role is a Problem naming both."""
    _fill_vertical_merges(sheet, max(rows))
    by_header, strengths = _assign_by_header(headers, layout, sheet.hidden_columns)
    probe = Table(sheet, rows, by_header, headers, ends_at_summary=layout.ends_at_summary)
    body = list(islice(probe.data_rows(), SAMPLE_ROWS))
    shares: dict[tuple[str, int], tuple[int, float | None]] = {}
    for role, col in strengths:
        test = layout.tests.get(role)
        if test is None:
            shares[(role, col)] = (0, None)
            continue
        values = _distinct([sheet.cell(r, col) for r in body])
        ok = sum(1 for v in values if test(v))
        shares[(role, col)] = (len(values), ok / len(values) if values else None)

    def evidence(key: tuple[str, int]) -> float:
        n, share = shares[key]
        bonus = 0.0 if share is None else (share - 0.5) * (1.0 if n >= 2 else 0.5)
        return strengths[key] + bonus

    ranked = sorted(
        strengths, key=lambda k: (-evidence(k), k[1] in sheet.hidden_columns, k[1], k[0])
    )
    columns: dict[str, int] = {}
    taken: set[int] = set()
    for role, col in ranked:
        if (
            role in columns
            or col in taken
            or _refuted(strengths[(role, col)], *shares[(role, col)])
        ):
            continue
        columns[role] = col
        taken.add(col)
    table = Table(sheet, rows, columns, headers, ends_at_summary=layout.ends_at_summary)
    table.choices = [
        ColumnChoice(role, col, headers.get(col, ""), strengths[(role, col)], *shares[(role, col)])
        for role, col in sorted(columns.items(), key=lambda kv: kv[1])
    ]
    table.problems = _ties(table, ranked, evidence, taken)
    return table


def _refuted(strength: float, values: int, share: float | None) -> bool:
    """A column whose header only hints at a role and whose values mostly are not of it
    ('Tiến độ thực hiện' holding 'Quý II/2026' is no status column)."""
    return strength < 1.0 and share is not None and values >= 3 and share < WEAK_SHARE


def _ties(table, ranked, evidence, taken) -> list[Problem]:
    """A role whose runner-up column (not used for anything else) has as good evidence."""
    problems = []
    hidden = table.sheet.hidden_columns
    for role, col in table.columns.items():
        mine = evidence((role, col))
        rival = next(
            (
                c
                for r, c in ranked
                if r == role and c != col and c not in taken and (c in hidden) == (col in hidden)
            ),
            None,
        )
        if rival is not None and abs(evidence((role, rival)) - mine) < 1e-9:
            problems.append(
                Problem(
                    message=f"Hai cột cùng có thể là cột '{role_name(role)}': cột "
                    f"{column_letter(col)} «{table.headers.get(col, '')}» và cột "
                    f"{column_letter(rival)} «{table.headers.get(rival, '')}»",
                    hint="đổi tên tiêu đề một trong hai cột cho rõ nghĩa (hoặc xóa cột thừa)",
                    sheet=table.sheet.name,
                    row=max(table.header_rows) + 1,
                    column=column_letter(rival),
                )
            )
    return problems


def _distinct(values: list[object]) -> list[object]:
    seen: dict[object, None] = {}
    for v in values:
        if v is None or v == "" or (isinstance(v, str) and not v.strip()):
            continue
        key = (type(v).__name__, v)
        if key not in seen:
            seen[key] = None
            if len(seen) >= VALUE_SAMPLE:
                break
    return [k[1] for k in seen]


ROLE_NAMES = {
    "number": "STT",
    "code": "Mã nhiệm vụ",
    "title": "Nội dung nhiệm vụ",
    "lead": "Cơ quan chủ trì",
    "support": "Cơ quan phối hợp",
    "deadline": "Thời gian hoàn thành",
    "completed_on": "Ngày hoàn thành",
    "status": "Tình trạng",
    "percent": "Tỷ lệ (%)",
    "result": "Kết quả thực hiện",
    "evidence": "Sản phẩm, minh chứng",
    "difficulties": "Khó khăn, kiến nghị",
    "note": "Ghi chú",
    "name": "Tên tiêu chí, chỉ số",
    "max": "Điểm tối đa",
    "self": "Điểm tự đánh giá",
    "appraised": "Điểm thẩm định",
    "final": "Điểm đạt được",
    "survey": "Điểm điều tra xã hội học",
    "rank": "Xếp hạng",
    "series": "Đối tượng so sánh",
    "year": "Năm",
    "period": "Kỳ",
    "value": "Điểm / giá trị",
    "years": "một cột cho mỗi năm",
    "field": "Lĩnh vực",
    "procedure": "Tên thủ tục hành chính",
    "received": "Tổng số hồ sơ tiếp nhận",
    "carried_over": "Số kỳ trước chuyển qua",
    "new": "Số mới tiếp nhận",
    "new_online": "Mới tiếp nhận trực tuyến",
    "new_offline": "Mới tiếp nhận trực tiếp, bưu chính",
    "resolved": "Số hồ sơ đã giải quyết",
    "resolved_early": "Đã giải quyết trước hạn",
    "resolved_on_time": "Đã giải quyết đúng hạn",
    "resolved_late": "Đã giải quyết quá hạn",
    "pending": "Số hồ sơ đang giải quyết",
    "pending_within": "Đang giải quyết trong hạn",
    "pending_late": "Đang giải quyết quá hạn",
    "paid_online": "Số hồ sơ thanh toán trực tuyến",
    "digitised": "Số hồ sơ được số hóa",
}


def role_name(role: str) -> str:
    """A role as the reader's messages name it: 'Tình trạng', 'Năm 2021'."""
    if role.startswith(YEAR_ROLE):
        token = role[len(YEAR_ROLE) :]
        return f"Năm {token}" if token.isdigit() else f"Kỳ «{token}»"
    return ROLE_NAMES.get(role, role)


def best_partial_header(sheet: Sheet, layout: Layout) -> tuple[int, dict[str, int]] | None:
    """The row whose headers name most roles: used to say which required column is missing."""
    best: tuple[int, dict[str, int]] | None = None
    for rows in _candidates(sheet, layout.header_depth):
        columns, _ = _assign_by_header(_headers_for(sheet, rows), layout, sheet.hidden_columns)
        if len(columns) >= 2 and (best is None or len(columns) > len(best[1])):
            best = (max(rows), columns)
    return best
