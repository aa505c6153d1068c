"""Procedure (TTHC) statistics as the one-stop information system exports them (kind `tthc`).

The table follows the Government Office's form for the results of handling administrative
procedures at the office that handles them (Thông tư 01/2020/TT-VPCP, biểu 06a/VPCP/KSTT;
README, "Procedure statistics"): one row per field (lĩnh vực) or per procedure, a total row, and
the counts under a two- or three-row header: dossiers received (carried over from the previous
period, new online, new in person or by post), resolved (early, on time, late), pending (within
or past the deadline), paid online, digitised. The period comes from the title ("Từ ngày
01/07/2026 đến ngày 30/09/2026", "Quý III năm 2026", "Tháng 10/2026").

Every sum the table implies is checked, and each disagreement is a Problem at the cell that
holds the total, with both numbers: received = carried over + new; new = online + offline;
resolved = early + on time + late; pending = within + late; received = resolved + pending; the
total row = the sum of the rows above it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import duckdb
import pyarrow as pa

from cchc.fmt import number
from cchc.period_spans import span_code, span_label, span_of
from cchc.periods import detect_period
from cchc.text import clean_cell, fold
from etl.changes import Changes
from etl.errors import Problem
from etl.meta import TitleBlock, period_in_name
from etl.table import ROLE_NAMES, Table
from etl.values import parse_number

COUNTS = (
    "received",
    "carried_over",
    "received_new",
    "new_online",
    "new_offline",
    "resolved",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "pending",
    "pending_within",
    "pending_late",
    "paid_online",
    "digitised",
)
# the table's role for each stored count ('new' is the role of a 'Số mới tiếp nhận' column)
ROLE_OF = {c: ("new" if c == "received_new" else c) for c in COUNTS}
# (total, parts, code, what the parts are called): the sums a table implies
SUMS = [
    ("received_new", ("new_online", "new_offline"), "new_mismatch", "trực tuyến + trực tiếp"),
    ("received", ("carried_over", "received_new"), "received_mismatch", "kỳ trước + mới tiếp nhận"),
    (
        "resolved",
        ("resolved_early", "resolved_on_time", "resolved_late"),
        "resolved_mismatch",
        "trước hạn + đúng hạn + quá hạn",
    ),
    ("pending", ("pending_within", "pending_late"), "pending_mismatch", "trong hạn + quá hạn"),
    ("received", ("resolved", "pending"), "balance_mismatch", "đã giải quyết + đang giải quyết"),
]
TOTALS = frozenset(total for total, *_ in SUMS)
HINT = (
    "xuất lại bảng từ Hệ thống thông tin giải quyết TTHC, hoặc sửa số cho khớp; các cột con "
    "phải cộng lại bằng cột tổng"
)
_TOTAL = re.compile(r"^(tong cong|tong so|tong|cong|toan (phuong|xa|don vi|dac khu))\b")
_ROMAN = re.compile(r"^([ivx]{1,4}|[a-z]|\d{1,2})[.)]?\s+")
_FIELD_WORD = re.compile(r"^(lĩnh vực|linh vuc)\s*:?\s*", re.IGNORECASE)
_RANGE = re.compile(
    r"\btu(?: ngay)? (\d{1,2}) (\d{1,2}) (20\d\d) (?:den|toi)(?: het)?(?: ngay)? "
    r"(\d{1,2}) (\d{1,2}) (20\d\d)\b"
)
_NINE_MONTHS = re.compile(r"\b(9|chin) thang( dau nam)?\b.*\b(20\d\d)\b")
_REPORT_DATE = re.compile(r"\bngay \d{1,2} thang \d{1,2} nam 20\d\d\b")


@dataclass
class ProcedureRow:
    field: str
    procedure: str
    counts: dict[str, int | None]
    source_row: int  # Excel row


@dataclass
class ProcedureParse:
    rows: list[ProcedureRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    period: str | None = None
    start: date | None = None
    end: date | None = None


# --- periods ---------------------------------------------------------------------------------


def title_period(title: TitleBlock) -> tuple[str, int] | None:
    """The period a title names, with the index of its line: a date span first ('Từ ngày
    01/07/2026 đến ngày 30/09/2026'), then '9 tháng đầu năm 2026' (January to September),
    then a month, quarter, half or year. The report's signing date is no period."""
    for n, line in enumerate(title.lines):
        key = fold(line)
        if m := _RANGE.search(key):
            d1, m1, y1, d2, m2, y2 = map(int, m.groups())
            try:
                return span_code(date(y1, m1, d1), date(y2, m2, d2)), n
            except ValueError:
                continue
    for n, line in enumerate(title.lines):
        key = fold(line)
        if _REPORT_DATE.search(key) or line in title.placeholders():
            continue
        if m := _NINE_MONTHS.search(key):
            y = int(m.group(3))
            return span_code(date(y, 1, 1), date(y, 9, 30)), n
        if re.search(r"\b(quy|thang|nam|ky)\b", key) and (found := detect_period(line)):
            return found, n
    return None


# --- reading the table -----------------------------------------------------------------------


def parse_table(table: Table) -> ProcedureParse:
    """Every field or procedure row with its counts, the total row checked against them, and
    every sum checked within each row."""
    out = ProcedureParse()
    present = [c for c in COUNTS if ROLE_OF[c] in table.columns]
    blanks = 0
    heading = ""
    total: ProcedureRow | None = None
    for r in table.data_rows():
        field_text = clean_cell(table.value(r, "field"))
        proc_text = clean_cell(table.value(r, "procedure"))
        number_text = fold(table.value(r, "number"))
        name = proc_text or field_text
        counts, filled, row_blanks = {}, 0, 0
        for c in present:
            value = table.value(r, ROLE_OF[c])
            n = _count(table, r, ROLE_OF[c], value, out)
            if value is None or clean_cell(value) == "":
                row_blanks += 1
            else:
                filled += 1
            counts[c] = n
        is_total = bool(_TOTAL.match(fold(name)) or _TOTAL.match(number_text))
        if not filled:
            if name and not is_total:
                if "procedure" in table.columns:  # 'I. Lĩnh vực Hộ tịch' heads its procedures
                    heading = _FIELD_WORD.sub("", _ROMAN.sub("", name))
                out.notes.append(
                    f"Dòng {r + 1} «{name}» không có số liệu: đọc là dòng tiêu đề nhóm"
                )
            continue
        if not name:
            col = "procedure" if "procedure" in table.columns else "field"
            out.problems.append(
                table.problem(
                    r,
                    col,
                    "",
                    "Dòng có số liệu nhưng không ghi tên lĩnh vực (hoặc thủ tục)",
                    "ghi tên lĩnh vực (hoặc thủ tục) vào ô này, hoặc xóa dòng nếu thừa",
                    code="missing_name",
                )
            )
            continue
        blanks += row_blanks
        # a blank part is 0; a blank total is filled from its parts (below), else 0
        counts = {c: (0 if v is None and c not in TOTALS else v) for c, v in counts.items()}
        row = ProcedureRow(
            field=field_text or heading if "procedure" in table.columns else field_text,
            procedure=proc_text if "procedure" in table.columns else "",
            counts={c: counts.get(c) for c in COUNTS},
            source_row=r + 1,
        )
        _derive_and_check(table, r, row, out)
        row.counts.update({c: 0 for c in present if row.counts[c] is None})
        if is_total:
            if total is None:
                total = row
            continue
        out.rows.append(row)
    if total is not None:
        if out.rows:
            _check_total(table, total, out)
        else:
            total.field, total.procedure = "", ""
            out.rows.append(total)  # a table of totals only: the unit's figures
    if blanks:
        out.notes.append(f"{blanks} ô số liệu để trống được tính là 0")
    return out


def _count(table: Table, r: int, role: str, value: object, out: ProcedureParse) -> int | None:
    try:
        n = parse_number(value)
    except ValueError:
        n = -1.0
    if n is None:
        return None
    if n < 0 or n != int(n):
        out.problems.append(
            table.problem(
                r,
                role,
                value,
                "Số hồ sơ phải là số nguyên không âm",
                "ghi số hồ sơ, ví dụ 125 (hoặc để trống nếu là 0)",
                code="not_a_count",
            )
        )
        return None
    return int(n)


def _derive_and_check(table: Table, r: int, row: ProcedureRow, out: ProcedureParse) -> None:
    """Fill a total the file leaves out from its parts; where both are written, they must
    agree (a Problem at the total's cell, or the first part's, with both numbers)."""
    c = row.counts
    for total, parts, code, words in SUMS:
        values = [c[p] for p in parts]
        if any(v is None for v in values):
            continue
        got = sum(values)  # type: ignore[arg-type]
        if c[total] is None:
            c[total] = got
            continue
        if c[total] != got:
            role = ROLE_OF[total] if ROLE_OF[total] in table.columns else ROLE_OF[parts[0]]
            shown = " + ".join(number(v) for v in values)
            out.problems.append(
                table.problem(
                    r,
                    role,
                    table.value(r, role),
                    f"{ROLE_NAMES[ROLE_OF[total]]} ({number(c[total])}) khác {words} "
                    f"({shown} = {number(got)})",
                    HINT,
                    code=code,
                )
            )


def _check_total(table: Table, total: ProcedureRow, out: ProcedureParse) -> None:
    for c in COUNTS:
        role = ROLE_OF[c]
        if role not in table.columns or total.counts[c] is None:
            continue
        got = sum(row.counts[c] or 0 for row in out.rows)
        if got != total.counts[c]:
            r = total.source_row - 1
            out.problems.append(
                table.problem(
                    r,
                    role,
                    table.value(r, role),
                    f"Dòng tổng ghi {number(total.counts[c])} nhưng cộng {len(out.rows)} dòng "
                    f"phía trên được {number(got)}",
                    HINT,
                    code="total_mismatch",
                )
            )


# --- the load --------------------------------------------------------------------------------


def read(
    table: Table,
    title: TitleBlock,
    file_name: str,
    given_period: str | None,
    default_period: str | None,
    sources: dict[str, str],
) -> ProcedureParse:
    """The table's rows and the period they cover; raises nothing (problems are listed)."""
    out = parse_table(table)
    out.problems[:0] = title.placeholder_problems(skip_period=bool(given_period))
    found = title_period(title)
    if given_period:
        out.period, sources["period"] = given_period, "chọn khi nạp"
    elif found:
        out.period = found[0]
        row = title.cells[found[1]][0] + 1 if found[1] < len(title.cells) else None
        sources["period"] = f"tiêu đề, dòng {row}" if row else "tiêu đề"
    elif in_name := period_in_name(file_name):
        out.period, sources["period"] = in_name, "tên tệp"
    elif default_period:
        out.period, sources["period"] = default_period, "cài đặt của tệp (tệp không ghi kỳ)"
    span = span_of(out.period) if out.period else None
    if span is None:
        out.problems.append(
            Problem(
                message="Không xác định được kỳ thống kê (tháng, quý, năm hoặc từ ngày … đến "
                "ngày …) của bảng",
                hint="thêm dòng tiêu đề như 'Từ ngày 01/07/2026 đến ngày 30/09/2026' hoặc "
                "'Tháng 10/2026' phía trên bảng, hoặc chỉ rõ kỳ khi nạp (--period 2026-10)",
                sheet=table.sheet.name,
                code="missing_period",
            )
        )
    else:
        out.start, out.end = span
    if not out.rows and not out.problems:
        out.problems.append(
            Problem(
                message="Bảng thống kê không có dòng số liệu nào",
                hint="kiểm tra các dòng lĩnh vực (hoặc thủ tục) nằm dưới dòng tiêu đề",
                sheet=table.sheet.name,
            )
        )
    return out


def arrow_rows(unit: str, parse: ProcedureParse) -> pa.Table:
    rows = parse.rows
    n = len(rows)
    columns: dict[str, pa.Array] = {
        "unit": pa.array([unit] * n, pa.string()),
        "period": pa.array([parse.period] * n, pa.string()),
        "period_start": pa.array([parse.start] * n, pa.date32()),
        "period_end": pa.array([parse.end] * n, pa.date32()),
        "field": pa.array([x.field for x in rows], pa.string()),
        "procedure": pa.array([x.procedure for x in rows], pa.string()),
    }
    for c in COUNTS:
        columns[c] = pa.array([x.counts[c] for x in rows], pa.int64())
    columns["source_row"] = pa.array([x.source_row for x in rows], pa.int32())
    return pa.table(columns)


def changes(con: duckdb.DuckDBPyConnection, unit: str, parse: ProcedureParse) -> Changes:
    """What loading the statistics changes: new for the period, or the totals before → after."""
    out = Changes()
    label = span_label(parse.period or "")
    new = _totals([r.counts for r in parse.rows])
    old_rows = con.execute(
        f"SELECT {', '.join(COUNTS)} FROM procedure_stats s JOIN uploads u USING (upload_id) "
        "WHERE u.status = 'loaded' AND s.unit = ? AND s.period = ?",
        [unit, parse.period],
    ).fetchall()
    scope = f"Thống kê giải quyết TTHC {label} của {unit}"
    if not old_rows:
        out.lines.append(
            f"{scope}: kỳ mới, {len(parse.rows)} dòng (tiếp nhận {number(new['received'])}, "
            f"đã giải quyết {number(new['resolved'])})."
        )
        return out
    old = _totals([dict(zip(COUNTS, r, strict=True)) for r in old_rows])
    out.lines.append(f"{scope}: thay số liệu đã nạp của kỳ này.")
    for c in ("received", "resolved", "resolved_late", "pending", "new_online", "digitised"):
        if old[c] != new[c]:
            out.table.append((ROLE_NAMES[c], number(old[c]), number(new[c])))
    return out


def _totals(rows: list[dict[str, int | None]]) -> dict[str, int | None]:
    return {
        c: (sum(r[c] or 0 for r in rows) if any(r[c] is not None for r in rows) else None)
        for c in COUNTS
    }
