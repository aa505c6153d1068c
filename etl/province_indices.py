"""Province-wide index tables: the province publishes an index (PAR INDEX, SIPAS…) for all its
units in one table, one row per unit: STT | Đơn vị | one column per area or component (its
maximum in the header or in a row of maxima) | Tổng điểm | Chỉ số (%) | Xếp hạng, under a title
that names the index and the year, with an average row ('Trung bình', 'Bình quân') that is no
unit. Each row is read into its unit's scores (`series='unit'`): the areas as criteria 1, 2…
with their maxima, the total (criterion '') with the rank.

Checks, each a Problem at its cell (all blocking: the file writes nothing until they are
fixed): a score that is not a number or looks like a date, a score above its maximum, a total
that is not the sum of the areas (PAR, within rounding), a percent above 100, a rank outside
1..n or out of step with the totals, a unit named twice, a unit the registry does not know
(with the closest registered names). Rows deliberately not read (the average row, a label row
with no score) are said in the load's notes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import duckdb
import pyarrow as pa
from rapidfuzz import fuzz, process

from cchc.fmt import number
from cchc.periods import period_label
from cchc.text import clean_cell, fold
from cchc.vocab import DEFAULT_UNIT
from etl.changes import Changes
from etl.errors import Problem, Rejected
from etl.indices import TOLERANCE, Score, cell_number, fraction_percent, percent_score
from etl.kinds import INDEX_KINDS, INDEX_NAMES, best_table, index_kind
from etl.meta import TitleBlock
from etl.table import ColumnChoice, Table, _headers_for
from etl.values import fraction_column, is_number, parse_number, parse_rank, year_of
from etl.workbook import Sheet

HEADER_SCAN_ROWS = 40
MIN_UNITS = 2  # fewer unit rows is no province table

_UNIT_HEADER = re.compile(
    r"^(ten )?(don vi|co quan|dia phuong|ubnd|uy ban nhan dan)\b"
    r"(?!.*\b(tinh|chu tri|phoi hop|thuc hien|so sanh|bao cao)\b)"
    r"|^(ten )?((cac )?(xa|phuong|dac khu|thi tran)\s*)+$"
)
_NUMBER_HEADER = re.compile(r"^(stt|tt|so tt|so thu tu|thu tu)$")
_RANK_HEADER = re.compile(r"\b(xep hang|thu hang|hang)\b")
_TOTAL_HEADER = re.compile(r"^(tong|diem tong|diem dat duoc|diem dat|diem so)\b")
_YEAR_HEADER = re.compile(r"^(nam|nam danh gia)$")
_INDEX_HEADER = re.compile(
    r"\b(chi so|sipas|par index|hai long chung|muc do hai long|ty le hai long|ket qua chung)\b"
)
_PART_WORDS = re.compile(r"\b(linh vuc|thanh phan|yeu to|tieu chi|noi dung|nhom)\b")
# a one-unit criteria tree or series, never a province table
_NOT_PROVINCE = re.compile(r"\b(diem toi da|tu danh gia|tu cham|tham dinh|doi tuong|so sanh)\b")
_SKIP_HEADER = re.compile(r"\b(ghi chu|xep loai|nhan xet|ma|ma don vi|cap|loai)\b")
_PART_NUMBER = re.compile(
    r"^(?:linh vuc|lv|thanh phan|tp|yeu to|yt|tieu chi|tc|noi dung|nhom)\s*(\d{1,2})\b"
    r"|^(\d{1,2})\s"
)
# a maximum written in a header: '(max 12)', '(tối đa 12 điểm)', '(12 điểm)', '(12đ)', '/12'
_MAX_IN_HEADER = re.compile(
    r"(?:\(\s*(?:max|toi da|diem toi da|td|thang diem)?\s*[:=]?\s*(\d+(?:[.,]\d+)?)\s*"
    r"(?:diem|d)?\s*\)|(?:max|toi da|diem toi da)\s*[:=]?\s*(\d+(?:[.,]\d+)?)|/\s*(\d+(?:[.,]\d+)?)\s*$)"
)
_SUMMARY_ROW = re.compile(
    r"^(trung binh|binh quan|tong cong|tong so|cong|toan tinh|chung toan tinh|diem trung binh|"
    r"gia tri trung binh|trung vi|cao nhat|thap nhat)\b"
)
_MAXIMA_ROW = re.compile(r"^(diem toi da|thang diem|diem chuan|toi da|max)\b")
_UBND = re.compile(r"^(ubnd|uy ban nhan dan)\s+")
_LEVEL_ABBR = [(re.compile(r"^p\s+"), "phuong "), (re.compile(r"^x\s+"), "xa ")]
_LEVEL_WORDS = ("phuong ", "xa ", "dac khu ", "thi tran ")


def _plain(text: str) -> str:
    """Lower case without diacritics, punctuation kept (a decimal comma survives)."""
    s = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in s if unicodedata.category(c) != "Mn").lower()


@dataclass
class Part:
    """An area (PAR) or component (SIPAS) column."""

    col: int
    number: str
    name: str
    max_score: float | None


@dataclass
class Shape:
    """Where a province table's columns are."""

    table: Table
    unit_col: int
    parts: list[Part]
    total_col: int | None = None
    index_col: int | None = None
    rank_col: int | None = None
    year_col: int | None = None  # a Năm column: several years in one table


@dataclass
class UnitRow:
    row: int  # 0-based
    text: str  # the unit as written
    sheet: str
    scores: list[Score]
    unit: str = ""  # the registry's name, once matched


@dataclass
class ProvinceParse:
    rows: list[UnitRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    shapes: list[Shape] = field(default_factory=list)

    @property
    def scores(self) -> list[Score]:
        return [s for r in self.rows for s in r.scores]


# --- Finding the table --------------------------------------------------------------------------


def _role(header: str) -> str | None:
    key = fold(header)
    if not key:
        return None
    if _NUMBER_HEADER.match(key):
        return "number"
    if _YEAR_HEADER.match(key):
        return "year"
    if _UNIT_HEADER.match(key) and len(key.split()) <= 8:
        return "unit"
    if _RANK_HEADER.search(key) and not _PART_WORDS.search(key):
        return "rank"
    if _TOTAL_HEADER.match(key):
        return "total"
    if _INDEX_HEADER.search(key) and not _PART_WORDS.search(key) and not _PART_NUMBER.match(key):
        return "index"
    if _SKIP_HEADER.search(key) and not _PART_WORDS.search(key):
        return "skip"
    return "part"


def _header_rows(sheet: Sheet, r: int, unit_col: int) -> tuple[int, ...]:
    """The header is row r, and the row under it when its unit cell is blank but it holds
    area names or maxima (under a merged group header)."""
    nxt = r + 1
    if nxt >= len(sheet.rows):
        return (r,)
    below = sheet.rows[nxt]
    merged_down = any(
        r0 <= r and r1 >= nxt and c0 <= unit_col <= c1 for (r0, c0), (r1, c1) in sheet.merged
    )
    filled = sum(1 for v in below if clean_cell(v))
    if (merged_down or not clean_cell(sheet.cell(nxt, unit_col))) and filled >= 2:
        return (r, nxt)  # (one filled cell is a group row, 'KHỐI PHƯỜNG', not a header)
    return (r,)


def find_for(sheets: list[Sheet], kind: str | None) -> tuple[str, list[Shape]] | None:
    """(kind, tables) when the workbook is a province-wide table of an index: the kind given
    (an index kind) or named by its title; None otherwise."""
    if kind is not None and kind not in INDEX_KINDS:
        return None
    if kind is None:
        kind = index_kind(sheets)
        task = best_table(sheets, "progress") or best_table(sheets, "plan")
        if kind is None or (task is not None and _about_tasks(task)):
            return None  # as `etl.load.detect`: a table plainly about tasks is no index table
    shapes = find(sheets)
    return (kind, shapes) if shapes else None


def _about_tasks(table: Table) -> bool:
    """A status, deadline or support column: the unit column ('Đơn vị') alone reads as a lead
    column, so a lead column says nothing here."""
    return any(r in table.columns for r in ("status", "deadline", "support"))


def find(sheets: list[Sheet]) -> list[Shape]:
    """The province tables of a workbook (at most one per sheet)."""
    found = []
    for sheet in sheets:
        shape = _find_in(sheet)
        if shape is not None:
            found.append(shape)
    return found


def _find_in(sheet: Sheet) -> Shape | None:
    for r in range(min(HEADER_SCAN_ROWS, len(sheet.rows))):
        texts = [clean_cell(v) for v in sheet.rows[r]]
        roles = {c: _role(t) for c, t in enumerate(texts) if t}
        unit_cols = [c for c, role in roles.items() if role == "unit"]
        if not unit_cols or len(roles) < 3 or sum(map(is_number, sheet.rows[r])) >= 2:
            continue  # no unit column, or a row of scores (a unit named 'UBND xã …')
        if any(_NOT_PROVINCE.search(fold(t)) for t in texts):
            return None  # a header with self-assessed/appraised columns: a one-unit tree
        unit_col = unit_cols[0]
        rows = _header_rows(sheet, r, unit_col)
        shape = _shape(sheet, rows, unit_col)
        if shape is not None:
            return shape
    return None


def _shape(sheet: Sheet, rows: tuple[int, ...], unit_col: int) -> Shape | None:
    headers = _headers_for(sheet, rows)
    lowest = {c: clean_cell(sheet.cell(max(rows), c)) for c in headers}
    columns: dict[str, int] = {"unit": unit_col}
    part_cols: list[int] = []
    for col, text in sorted(headers.items()):
        if col == unit_col:
            continue
        role = _role(text) if len(rows) == 1 or not lowest[col] else _role(lowest[col])
        if role == "part" and _role(text) in ("total", "index", "rank"):
            role = _role(text)  # 'Tổng điểm' merged over two rows, the maxima row under it
        if role in ("number", "rank", "total", "index", "year") and role not in columns:
            columns[role] = col
        elif role == "part" and col > unit_col:
            part_cols.append(col)
    probe = Table(sheet, rows, dict(columns), headers)
    body = [r for r in probe.data_rows() if clean_cell(sheet.cell(r, unit_col))]
    units = [r for r in body if not _is_special(sheet.cell(r, unit_col))]
    year_col = columns.get("year")
    names = {(fold(sheet.cell(r, unit_col)), _year_key(sheet, r, year_col)) for r in units}
    if len(names) < MIN_UNITS or len(names) < 0.8 * len(units):
        return None  # a long one-unit table names its unit on every row
    parts = [c for c in part_cols if _numeric_share(sheet, units, c) >= 0.5]
    scored = [c for k, c in columns.items() if k in ("total", "index")]
    if not parts and not scored:
        return None
    if not any(_numeric_share(sheet, units, c) >= 0.5 for c in [*parts, *scored]):
        return None
    for i, col in enumerate(parts, 1):
        columns[f"part:{i}"] = col
    table = Table(sheet, rows, columns, headers)
    maxima = _maxima_row(sheet, table, unit_col)
    shape = Shape(
        table,
        unit_col,
        [_part(headers, lowest, col, i, maxima, len(rows)) for i, col in enumerate(parts, 1)],
        columns.get("total"),
        columns.get("index"),
        columns.get("rank"),
        columns.get("year"),
    )
    table.choices = [
        ColumnChoice(_label(shape, role), col, headers.get(col, ""), 1.0, 0, None)
        for role, col in sorted(columns.items(), key=lambda kv: kv[1])
    ]
    return shape


def _year_key(sheet: Sheet, r: int, col: int | None) -> str:
    return "" if col is None else clean_cell(sheet.cell(r, col))


def _label(shape: Shape, role: str) -> str:
    if role.startswith("part:"):
        part = shape.parts[int(role[5:]) - 1]
        return f"Lĩnh vực/thành phần {part.number}"
    return {
        "number": "STT",
        "unit": "Đơn vị",
        "total": "Tổng điểm",
        "index": "Chỉ số",
        "rank": "Xếp hạng",
        "year": "Năm",
    }[role]


def _is_special(value: object) -> bool:
    key = fold(value)
    return bool(_SUMMARY_ROW.match(key) or _MAXIMA_ROW.match(key))


def _numeric_share(sheet: Sheet, rows: list[int], col: int) -> float:
    values = [sheet.cell(r, col) for r in rows]
    filled = [v for v in values if clean_cell(v)]
    if not filled:
        return 0.0
    return sum(1 for v in filled if is_number(v)) / len(filled)


def _maxima_row(sheet: Sheet, table: Table, unit_col: int) -> dict[int, float]:
    """A row of maxima under the header ('Điểm tối đa' in the unit column)."""
    for r in table.data_rows():
        if _MAXIMA_ROW.match(fold(sheet.cell(r, unit_col))):
            out = {}
            for col in table.columns.values():
                try:
                    value = parse_number(sheet.cell(r, col))
                except ValueError:
                    continue
                if value is not None:
                    out[col] = value
            return out
    return {}


def _number_in(text: str) -> float | None:
    try:
        return parse_number(text)
    except ValueError:
        return None


def _part(headers, lowest, col: int, position: int, maxima, depth: int) -> Part:
    """A part column's number ('Lĩnh vực 3' -> '3', else its place), name and maximum (in its
    header, in the header row under it, or in a row of maxima)."""
    text = headers.get(col, "")
    own = lowest.get(col, "") if depth > 1 else text
    plain = _plain(own or text)
    maximum = None
    m = _MAX_IN_HEADER.search(plain)
    if m:
        maximum = _number_in(next(g for g in m.groups() if g))
    elif depth > 1 and (bare := _number_in(own)) is not None:
        maximum = bare  # the second header row holds only the maximum
        own = clean_cell(sheet_text_above(headers, col, own))
    if maximum is None:
        maximum = maxima.get(col)
    name = own if own and _number_in(own) is None else text
    name = re.sub(r"\s*\((?:[^()]*\d[^()]*)\)\s*$", "", name).strip() or name
    name = re.sub(r"\s*/\s*\d+(?:[.,]\d+)?\s*$", "", name).strip() or name
    name = re.sub(r"\s*\(\s*%\s*\)\s*$|\s*%\s*$", "", name).strip() or name
    k = _PART_NUMBER.match(fold(name))
    numbered = next((g for g in k.groups() if g), None) if k else None
    code = str(int(numbered)) if numbered else str(position)
    name = re.sub(r"^\d{1,2}\s*[.)]\s*", "", name) if k and k.group(2) else name
    return Part(col, code, name, maximum)


def sheet_text_above(headers: dict[int, str], col: int, own: str) -> str:
    """A two-row header's upper text of a column whose lower cell is its maximum."""
    text = headers.get(col, "")
    return text[: -len(own)].strip() if own and text.endswith(own) else text


# --- Reading the rows ----------------------------------------------------------------------------


def parse(shapes: list[Shape], kind: str) -> ProvinceParse:
    out = ProvinceParse(shapes=shapes)
    index = INDEX_NAMES[kind]
    for shape in shapes:
        year = _year(shape.table)
        if year is None and shape.year_col is None:
            out.problems.append(
                Problem(
                    message="Không xác định được năm của bảng chỉ số toàn tỉnh",
                    hint="ghi năm ở dòng tiêu đề (ví dụ '… NĂM 2025') hoặc đặt tên sheet là năm",
                    sheet=shape.table.sheet.name,
                )
            )
            continue
        _read_rows(shape, kind, index, year, out)
    _check_ranks(out)
    return out


def _year(table: Table) -> int | None:
    name = table.sheet.name.strip()
    if re.fullmatch(r"(19|20)\d\d", name):
        return int(name)
    return TitleBlock.above(table.sheet, min(table.header_rows)).year()


def _parsers(shape: Shape, kind: str, rows: list[int]) -> dict[int, object]:
    """SIPAS parts and every table's index column are percents: a column of 0–1 fractions
    (cells formatted as percent) is read ×100."""
    cols = [shape.index_col] if shape.index_col is not None else []
    if kind == "sipas":
        cols += [p.col for p in shape.parts]
        if shape.total_col is not None:
            cols.append(shape.total_col)
    out: dict[int, object] = {}
    sheet = shape.table.sheet
    for col in cols:
        whole = fraction_column([sheet.cell(r, col) for r in rows])
        out[col] = fraction_percent if whole else percent_score
    return out


def _read_rows(shape: Shape, kind: str, index: str, year: int | None, out: ProvinceParse) -> None:
    table, sheet = shape.table, shape.table.sheet
    body = []
    cols = [p.col for p in shape.parts] + [
        c for c in (shape.total_col, shape.index_col) if c is not None
    ]
    for r in table.data_rows():
        text = clean_cell(sheet.cell(r, shape.unit_col))
        key = fold(text)
        if not text:
            if any(clean_cell(sheet.cell(r, c)) for c in cols):
                out.problems.append(
                    table.problem(
                        r, shape.unit_col, "", "Dòng có điểm nhưng không ghi tên đơn vị",
                        "ghi tên đơn vị (ví dụ UBND xã …) vào ô này", code="missing_unit",
                    )
                )  # fmt: skip
            continue
        if _SUMMARY_ROW.match(key) or _MAXIMA_ROW.match(key):
            out.notes.append(
                f"sheet '{sheet.name}', dòng {r + 1}: bỏ qua «{text}» vì là dòng tổng hợp, "
                "không phải một đơn vị"
            )
            continue
        if not any(clean_cell(sheet.cell(r, c)) for c in cols):
            out.notes.append(
                f"sheet '{sheet.name}', dòng {r + 1}: bỏ qua «{text}» vì không có điểm (dòng "
                "tên nhóm)"
            )
            continue
        body.append(r)
    parsers = _parsers(shape, kind, body)
    for r in body:
        row_year = year
        if shape.year_col is not None:
            raw = sheet.cell(r, shape.year_col)
            row_year = year_of(raw)
            if row_year is None:
                out.problems.append(
                    table.problem(
                        r, shape.year_col, raw, "Năm không đúng dạng",
                        "ghi năm bốn chữ số, ví dụ 2025", code="bad_year",
                    )
                )  # fmt: skip
                continue
        out.rows.append(_unit_row(shape, kind, index, row_year, r, parsers, out))


def _value(table: Table, r: int, col: int, out: ProvinceParse, parse=parse_number):
    return cell_number(table, r, col, out.problems, parse, code="not_a_number")


def _unit_row(shape, kind, index, year, r, parsers, out: ProvinceParse) -> UnitRow:
    table = shape.table
    text = clean_cell(table.sheet.cell(r, shape.unit_col))
    scores: list[Score] = []
    values: list[float | None] = []
    for part in shape.parts:
        value = _value(table, r, part.col, out, parsers.get(part.col, parse_number))
        values.append(value)
        limit = (
            part.max_score if part.max_score is not None else (100.0 if kind == "sipas" else None)
        )
        if value is not None and limit is not None and value > limit + TOLERANCE:
            out.problems.append(
                table.problem(
                    r,
                    part.col,
                    table.sheet.cell(r, part.col),
                    f"Điểm {_fmt(value)} của «{text}» vượt điểm tối đa {_fmt(limit)} của "
                    f"{part.name}",
                    "sửa điểm cho không lớn hơn điểm tối đa",
                    code="score_above_max",
                )
            )
        if value is not None and value < 0:
            out.problems.append(
                table.problem(
                    r, part.col, value, "Điểm âm", "ghi điểm từ 0 trở lên", code="negative_score"
                )
            )
        scores.append(
            Score(
                index, "unit", year, str(year), part.number, part.name, part.max_score,
                None, None, None, value, None, "", r + 1,
            )
        )  # fmt: skip
    total = _total(shape, kind, r, values, parsers, out, text)
    rank = None
    if shape.rank_col is not None:
        found = _value(table, r, shape.rank_col, out, parse_rank)
        rank = int(found) if found is not None and float(found).is_integer() else None
        if found is not None and rank is None:
            out.problems.append(
                table.problem(
                    r, shape.rank_col, found, "Xếp hạng phải là số nguyên", "ghi 1, 2, 3…",
                    code="bad_rank",
                )
            )  # fmt: skip
    maxima = [p.max_score for p in shape.parts]
    top = sum(maxima) if maxima and all(m is not None for m in maxima) else None
    name = "Tổng điểm" if kind != "sipas" else f"Chỉ số {index}"
    scores.append(
        Score(
            index, "unit", year, str(year), "", name, top if kind != "sipas" else None,
            None, None, None, total, rank, "", r + 1,
        )
    )  # fmt: skip
    return UnitRow(r, text, table.sheet.name, scores)


def _total(shape, kind, r, values, parsers, out: ProvinceParse, text: str) -> float | None:
    """The unit's index score: PAR and point indices its total (written, else the sum of the
    areas, else the index column); SIPAS the overall percent (the index column, else the
    total column)."""
    table = shape.table
    total = index_value = None
    if shape.total_col is not None:
        total = _value(table, r, shape.total_col, out, parsers.get(shape.total_col, parse_number))
    if shape.index_col is not None:
        index_value = _value(table, r, shape.index_col, out, parsers[shape.index_col])
        if index_value is not None and index_value > 100 + TOLERANCE:
            out.problems.append(
                table.problem(
                    r, shape.index_col, index_value,
                    f"Chỉ số {_fmt(index_value)}% của «{text}» lớn hơn 100%",
                    "ghi tỷ lệ phần trăm từ 0 đến 100", code="score_above_max",
                )
            )  # fmt: skip
    if kind == "sipas":
        return index_value if index_value is not None else total
    known = [v for v in values if v is not None]
    parts_sum = round(sum(known), 6) if values and len(known) == len(values) else None
    if total is not None and parts_sum is not None:
        slack = TOLERANCE + 0.005 * len(values)
        if abs(total - parts_sum) > slack:
            out.problems.append(
                table.problem(
                    r, shape.total_col, total,
                    f"Tổng điểm {_fmt(total)} của «{text}» khác tổng điểm các lĩnh vực "
                    f"({_fmt(round(parts_sum, 2))})",
                    "sửa tổng điểm hoặc điểm các lĩnh vực cho khớp", code="total_mismatch",
                )
            )  # fmt: skip
    score = total if total is not None else parts_sum
    maxima = [p.max_score for p in shape.parts]
    if score is not None and index_value is not None and maxima and None not in maxima:
        expected = score / sum(maxima) * 100
        if abs(expected - index_value) > 0.051:  # as written to one decimal, or more
            out.problems.append(
                table.problem(
                    r, shape.index_col, index_value,
                    f"Chỉ số {_fmt(index_value)}% của «{text}» không khớp tổng điểm: "
                    f"{_fmt(score)}/{_fmt(sum(maxima))} điểm là {_fmt(round(expected, 2))}%",
                    "sửa chỉ số (%) hoặc tổng điểm cho khớp", code="percent_mismatch",
                )
            )  # fmt: skip
    return score if score is not None else index_value


def _check_ranks(out: ProvinceParse) -> None:
    """Ranks are 1..n and follow the scores (ties share a rank, either 1, 2, 2, 4 or 1, 2, 2,
    3); checked per table and year."""
    groups: dict[tuple[str, int], list[tuple[UnitRow, Score]]] = {}
    for row in out.rows:
        total = row.scores[-1]
        groups.setdefault((row.sheet, total.year), []).append((row, total))
    shapes = {s.table.sheet.name: s for s in out.shapes}
    for (sheet, _), members in groups.items():
        shape = shapes[sheet]
        ranked = [(row, t) for row, t in members if t.rank is not None]
        if shape.rank_col is None or not ranked:
            continue
        n = len(members)
        scores = [t.score for _, t in members if t.score is not None]
        distinct = sorted(set(scores), reverse=True)
        for row, t in ranked:
            if not 1 <= t.rank <= n:
                out.problems.append(
                    shape.table.problem(
                        row.row, shape.rank_col, t.rank,
                        f"Xếp hạng {t.rank} của «{row.text}» nằm ngoài 1..{n} (bảng có {n} "
                        "đơn vị)",
                        "ghi lại xếp hạng từ 1 đến số đơn vị trong bảng", code="rank_out_of_range",
                    )
                )  # fmt: skip
                continue
            if t.score is None:
                continue
            competition = 1 + sum(1 for s in scores if s > t.score + 1e-9)
            dense = 1 + distinct.index(next(d for d in distinct if abs(d - t.score) < 1e-9))
            if t.rank not in (competition, dense):
                out.problems.append(
                    shape.table.problem(
                        row.row, shape.rank_col, t.rank,
                        f"Xếp hạng {t.rank} của «{row.text}» không khớp điểm: với "
                        f"{_fmt(t.score)} điểm, đơn vị này đứng thứ {competition}",
                        "sửa xếp hạng (hoặc điểm) cho khớp; đơn vị điểm cao hơn xếp trên",
                        code="rank_mismatch",
                    )
                )  # fmt: skip


def _fmt(x: float) -> str:
    return f"{x:g}".replace(".", ",")


def explain(shapes: list[Shape]) -> list[str]:
    lines = []
    for shape in shapes:
        t = shape.table
        rows = "–".join(str(r + 1) for r in sorted({min(t.header_rows), max(t.header_rows)}))
        lines.append(f"sheet '{t.sheet.name}', bảng toàn tỉnh, dòng tiêu đề {rows}:")
        lines += [f"  {c.describe()}" for c in t.choices]
        for p in shape.parts:
            top = f", tối đa {_fmt(p.max_score)}" if p.max_score is not None else ""
            lines.append(f"  {p.number}. {p.name}{top}")
    return lines


# --- The units -----------------------------------------------------------------------------------


def _key(text: str) -> str:
    key = _UBND.sub("", fold(text))
    for pattern, word in _LEVEL_ABBR:
        key = pattern.sub(word, key)
    return key


def _bare(key: str) -> str:
    for word in _LEVEL_WORDS:
        if key.startswith(word):
            return key[len(word) :]
    return key


def match_units(
    con: duckdb.DuckDBPyConnection, parse_: ProvinceParse, known: list[str]
) -> list[Problem]:
    """Each row's unit in the registry (its name or another name, compared without
    diacritics, case or a 'UBND' prefix; a name without 'Phường'/'Xã' when only one unit has
    it). A unit the registry does not know is a problem naming the closest registered names;
    when no registry is loaded, a name with its level ('Phường …', 'Xã …') is taken as a new
    unit, as a one-unit file's title would be. A unit twice is a problem."""
    registry = con.execute("SELECT name, aliases, source FROM units").fetchall()
    has_registry = any(source == "registry" for _, _, source in registry)
    names = list(dict.fromkeys([*known, *(n for n, _, _ in registry)]))
    exact: dict[str, str] = {}
    for name in names:
        exact.setdefault(_key(name), name)
    for name, aliases, _ in registry:
        for alias in aliases or []:
            exact.setdefault(_key(alias), name)
    bare: dict[str, list[str]] = {}
    for key, name in exact.items():
        bare.setdefault(_bare(key), [])
        if name not in bare[_bare(key)]:
            bare[_bare(key)].append(name)
    problems: list[Problem] = []
    seen: dict[str, UnitRow] = {}
    tables = {s.table.sheet.name: s for s in parse_.shapes}
    for row in parse_.rows:
        shape = tables[row.sheet]
        key = _key(row.text)
        unit = exact.get(key)
        if unit is None and len(bare.get(_bare(key), [])) == 1:
            unit = bare[_bare(key)][0]
        if unit is None and not has_registry and key.startswith(_LEVEL_WORDS):
            unit = TitleBlock([row.text]).unit() or row.text
        if unit is None:
            closest = _closest(row.text, [n for n, _, _ in registry] or names)
            hint = (
                f"sửa tên cho đúng danh mục đơn vị (gần nhất: {', '.join(closest)})"
                if closest
                else "sửa tên cho đúng danh mục đơn vị, hoặc nạp danh mục đơn vị của tỉnh "
                "(python -m etl units load)"
            )
            problems.append(
                shape.table.problem(
                    row.row,
                    shape.unit_col,
                    row.text,
                    f"Không có đơn vị «{row.text}» trong danh mục đơn vị",
                    hint,
                    code="unknown_unit",
                    subject="\n".join(closest),
                )
            )
            continue
        first = seen.get(f"{row.sheet}/{row.scores[-1].year}/{unit}")
        if first is not None:
            problems.append(
                shape.table.problem(
                    row.row,
                    shape.unit_col,
                    row.text,
                    f"Đơn vị «{unit}» có hai dòng: dòng {first.row + 1} và dòng {row.row + 1}",
                    "mỗi đơn vị chỉ ghi một dòng; xóa dòng trùng hoặc sửa tên đơn vị",
                    code="duplicate_unit",
                )
            )
            continue
        seen[f"{row.sheet}/{row.scores[-1].year}/{unit}"] = row
        row.unit = unit
        for score in row.scores:
            score.unit = unit
    return problems


def _closest(name: str, names: list[str], limit: int = 3) -> list[str]:
    if not names:
        return []
    keys = [_bare(_key(n)) for n in names]
    found = process.extract(_bare(_key(name)), keys, scorer=fuzz.WRatio, limit=limit)
    return [names[i] for _, score, i in found if score >= 60]


def settle(
    con: duckdb.DuckDBPyConnection, found: ProvinceParse, chosen: str | None, known: list[str]
) -> str:
    """Match every row to its unit and check the table; the unit the upload is filed under
    (the one chosen when the table holds it, else the default unit when it does, else the
    first row's). Raises Rejected with every problem of the file."""
    problems = [*found.problems, *match_units(con, found, known)]
    units = [r.unit for r in found.rows if r.unit]
    if not found.rows and not problems:
        problems.append(
            Problem(
                message="Bảng chỉ số toàn tỉnh không có dòng đơn vị nào có điểm",
                hint="mỗi đơn vị một dòng: tên đơn vị và điểm các lĩnh vực, tổng điểm",
                sheet=found.shapes[0].table.sheet.name if found.shapes else "",
            )
        )
    if chosen and units and not problems:
        mine = next((u for u in units if _key(u) == _key(chosen)), None)
        if mine is None:
            problems.append(
                Problem(
                    message=f"Bảng chỉ số toàn tỉnh không có dòng của đơn vị đang chọn «{chosen}»",
                    hint="chọn một đơn vị có trong bảng rồi tải lên lại, hoặc kiểm tra đúng "
                    "là bảng của tỉnh mình",
                    sheet=found.shapes[0].table.sheet.name,
                    code="unit_not_in_table",
                )
            )
        chosen = mine
    if problems:
        raise Rejected(problems)
    return chosen or next((u for u in units if u == DEFAULT_UNIT), units[0])


def replaced_keys(kind: str, found: ProvinceParse) -> tuple[str, list[object]]:
    """The uploads a province table may replace: those of its kind holding any of its units
    (which of them it wholly covers is decided as for any index upload)."""
    return (
        "kind = ? AND upload_id IN (SELECT upload_id FROM index_scores "
        "WHERE list_contains(?, unit))",
        [kind, sorted({r.unit for r in found.rows})],
    )


# --- What the load changes -----------------------------------------------------------------------


def changes(con: duckdb.DuckDBPyConnection, rows: pa.Table) -> Changes:
    """Per unit: its index total before → after, for each period the table holds."""
    new = [r for r in rows.to_pylist() if r["criterion"] == ""]
    out = Changes()
    if not new:
        return out
    index = new[0]["index"]
    con.register("province_new", pa.Table.from_pylist(new).select(["unit", "period"]))
    try:
        old = {
            (u, p): s
            for u, p, s in con.execute(
                "SELECT s.unit, s.period, s.score FROM current_index_scores s "
                "JOIN province_new n USING (unit, period) "
                "WHERE s.\"index\" = ? AND s.series = 'unit' AND s.criterion = ''",
                [index],
            ).fetchall()
        }
    finally:
        con.unregister("province_new")
    periods = sorted({r["period"] for r in new})
    replaced = sum(1 for r in new if (r["unit"], r["period"]) in old)
    out.lines.append(
        f"Bảng chỉ số {index} toàn tỉnh ({', '.join(period_label(p) for p in periods)}): "
        f"{len(new)} đơn vị — {len(new) - replaced} thêm mới, {replaced} thay số liệu."
    )
    for r in sorted(new, key=lambda r: (r["period"], r["rank"] or 10**6, r["unit"])):
        before = old.get((r["unit"], r["period"]))
        out.table.append(
            (
                f"{r['unit']} ({period_label(r['period'])})",
                "(chưa có)" if before is None else number(before, 2),
                "" if r["score"] is None else number(r["score"], 2),
            )
        )
    return out
