"""Importers for the external indices: PAR INDEX (`par`, a criteria tree with maximum,
self-assessed and appraised points), and the series of SIPAS, PCI, DDCI and the Decision 766
service index (`sipas`, `pci`, `ddci`, `766`), long (a year or period column) or wide (one
column per year). Every problem is reported with its cell, as for the plan and the reports."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from cchc.periods import detect_period
from cchc.text import clean_cell, clean_repeated, fold
from etl.errors import Problem
from etl.kinds import INDEX_NAMES, kind_in_title
from etl.kinds import KIND_RES as KIND_PATTERNS
from etl.meta import TitleBlock
from etl.table import Table
from etl.values import (
    EXCEL_EPOCH,
    SERIAL_MAX,
    SERIAL_MIN,
    fraction_column,
    is_number,
    parse_number,
    parse_rank,
    year_of,
)

TOLERANCE = 0.011
_YEAR = re.compile(r"^(19|20)\d\d$")
_MONTH = re.compile(r"\bthang (\d{1,2})\D+(20\d\d)\b")
_NUMBERED = re.compile(r"^\d{1,2}(\.\d{1,2}){0,3}$")
_SERIES = [
    ("trung binh tinh", "province_avg"),
    ("trung binh toan quoc", "national_avg"),
    ("toan quoc", "national_avg"),
    ("cao nhat", "best"),
    ("tot nhat", "best"),
]
# What is left of a row name that names the index itself ('Chỉ số PCI', 'PCI có trọng số',
# 'Chỉ số hài lòng chung', 'Mức độ hài lòng chung', 'TỔNG ĐIỂM') once these words are gone.
_TOTAL_WORDS = re.compile(
    r"\b(chi so|chung|co trong so|trong so|tong hop|tong diem|tong cong|tong|diem|muc do|"
    r"ket qua|cua|phuong|xa|don vi|nam|index|bo)\b"
)
_NUMBER_IN_NAME = re.compile(r"^((?:\d{1,2}\.){0,3}\d{1,2}|[IVX]{1,4}|[a-zđ])[.)]\s+(\S.*)$")
_RANK_ROW = re.compile(r"^(xep hang|thu hang|hang)\b")


@dataclass
class Score:
    index: str
    series: str
    year: int
    period: str
    criterion: str
    name: str
    max_score: float | None
    self_score: float | None
    appraised_score: float | None
    survey_score: float | None
    score: float | None
    rank: int | None
    evidence: str
    source_row: int
    unit: str = ""  # a province-wide table's row: its unit ('' = the file's unit)


@dataclass
class IndexParse:
    scores: list[Score] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # rows deliberately not read, and why


def is_total_name(name: str, kind: str) -> bool:
    """Whether a row's name is the index's total: 'Tổng điểm', or the index's own name."""
    key = fold(name)
    if re.search(r"\btong\b", key) and not re.search(r"\btong ket\b|\btong hop\b", key):
        return True
    if kind_in_title(name) != kind:
        return False
    rest = key
    for pattern, _ in KIND_PATTERNS:
        rest = pattern.sub(" ", rest)
    return len(_TOTAL_WORDS.sub(" ", rest).split()) <= 1


def _number(
    table: Table, r: int, role_or_col: str | int, out: IndexParse, parse=parse_number
) -> float | None:
    col = table.columns.get(role_or_col) if isinstance(role_or_col, str) else role_or_col
    return None if col is None else cell_number(table, r, col, out.problems, parse)


def cell_number(
    table: Table, r: int, col: int, problems: list, parse=parse_number, code: str = ""
) -> float | None:
    """A score cell read by `parse`; a date or a text that is no number is a problem at the
    cell (then None)."""
    value = table.sheet.cell(r, col)
    date_problem = date_like_problem(table, r, col, value)
    if date_problem is not None:
        problems.append(date_problem)
        return None
    try:
        return parse(value)
    except ValueError:
        problems.append(
            table.problem(
                r,
                col,
                value,
                "Điểm không phải là số",
                "ghi một số, ví dụ 8,5 (hoặc 86,42%)",
                code=code,
            )
        )
        return None


_DATE_TEXT = re.compile(r"^\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*(\d{2}|\d{4})$")


def date_like_problem(table: Table, r: int, col: int, value: object) -> Problem | None:
    """A date where a score or percent is expected, as a Problem at its cell, never a silent
    number: a cell formatted as a date or time (read as a date), a date typed as text, or a
    bare number in the range of Excel's date serials (46353,9 is what =NOW() leaves once its
    date format is lost; no index score comes near it)."""
    if isinstance(value, datetime | date | time | timedelta):
        shown = value.strftime("%d/%m/%Y %H:%M") if isinstance(value, datetime) else value
        if isinstance(value, date) and not isinstance(value, datetime):
            shown = value.strftime("%d/%m/%Y")
        return table.problem(
            r,
            col,
            str(shown),
            "Ô điểm đang chứa ngày giờ (ô định dạng kiểu ngày, hoặc công thức ngày giờ đã dán "
            "thành giá trị), không phải điểm số",
            "định dạng ô là Số (Format Cells > Number) rồi ghi lại điểm, ví dụ 86,42",
            code="date_in_score",
        )
    if isinstance(value, int | float) and not isinstance(value, bool):
        if SERIAL_MIN <= value <= SERIAL_MAX:
            day = EXCEL_EPOCH + timedelta(days=int(value))
            return table.problem(
                r,
                col,
                value,
                f"Giá trị {_fmt(float(value))} là số seri ngày tháng của Excel (ngày "
                f"{day:%d/%m/%Y}), không phải điểm số",
                "ghi lại điểm vào ô (ví dụ 86,42); nếu ô có công thức NOW()/TODAY() hoặc "
                "được dán từ một ô ngày tháng, thay bằng điểm",
                code="date_in_score",
            )
        return None
    if isinstance(value, str) and _DATE_TEXT.match(value.strip()):
        return table.problem(
            r,
            col,
            value,
            "Ô điểm đang ghi một ngày tháng, không phải điểm số",
            "ghi điểm bằng số, ví dụ 86,42",
            code="date_in_score",
        )
    return None


def _year_of(table: Table) -> int | None:
    """The year of a one-year table: its sheet name ('2025') or its title ('… NĂM 2025')."""
    sheet = table.sheet
    if _YEAR.match(sheet.name.strip()):
        return int(sheet.name.strip())
    return TitleBlock.above(sheet, min(table.header_rows)).year()


def _series_of(text: object, unit: str) -> str:
    key = fold(text)
    if not key or key == fold(unit):
        return "unit"
    return next((s for words, s in _SERIES if words in key), "unit")


def parse_par(tables: list[Table], unit: str) -> IndexParse:
    """The criteria tree of each year's table, checked: maxima add up, scores within maxima,
    totals written in the file equal the sum of their parts."""
    out = IndexParse()
    for table in tables:
        if "max" not in table.columns:
            continue
        if "year" in table.columns:  # several years in one sheet, a 'Năm' column
            by_year: dict[int, list[int]] = {}
            for r in table.data_rows():
                raw = table.value(r, "year")
                year = year_of(raw)
                if year is not None:
                    by_year.setdefault(year, []).append(r)
                elif clean_cell(raw):
                    _flag(
                        out,
                        table,
                        r,
                        "year",
                        raw,
                        "Năm không đúng dạng",
                        "ghi năm bốn chữ số, ví dụ 2025",
                    )
            for year, rows in by_year.items():
                _parse_tree(table, year, rows, out)
            continue
        year = _year_of(table)
        if year is None:
            out.problems.append(
                Problem(
                    message="Không xác định được năm của bảng điểm",
                    hint="đặt tên sheet là năm (ví dụ 2025) hoặc ghi 'năm 2025' ở dòng tiêu đề",
                    sheet=table.sheet.name,
                )
            )
            continue
        _parse_tree(table, year, list(table.data_rows()), out)
    return out


def _final(values: dict[str, float | None]) -> float | None:
    """The score that counts: the file's own final column, else appraised, else self-assessed
    (plus the survey points where they are a separate column)."""
    if values["final"] is not None:
        return values["final"]
    final = values["appraised"] if values["appraised"] is not None else values["self"]
    if values["survey"] is not None and final is not None:
        final += values["survey"]
    return final


def _parse_tree(table: Table, year: int, rows: list[int], out: IndexParse) -> None:
    """One year's criteria tree, from the given rows of a table."""
    nodes: dict[str, Score] = {}
    total: Score | None = None
    total_last = False  # whether the total row came under the tree (it may head it)
    tree = _TreeNumbers()
    for r in rows:
        number = clean_repeated(table.value(r, "number"))
        name = clean_cell(table.value(r, "name"))
        if not number and (m := _NUMBER_IN_NAME.match(name)):
            number, name = m.group(1), m.group(2)  # '1.1. Kế hoạch CCHC' in one cell
        if not number and not name:
            continue
        if total is not None and total_last:
            break  # the notes and signatures below a total written under the tree
        is_total = not _NUMBERED.match(number.rstrip(".)")) and is_total_name(name or number, "par")
        if not is_total:
            number = tree.code(number) or number
        if not is_total and not _NUMBERED.match(number):
            _flag(
                out,
                table,
                r,
                "number",
                number or name,
                "Số thứ tự tiêu chí không đúng dạng",
                "đánh số 1, 1.1, 1.1.1 (hoặc I, 1, a) theo cây tiêu chí",
            )
            continue
        values = {
            f: _number(table, r, f, out) for f in ("max", "self", "appraised", "final", "survey")
        }
        final = _final(values)
        score = Score(
            "PAR",
            "unit",
            year,
            str(year),
            "" if is_total else number,
            name or number,
            values["max"],
            values["self"],
            values["appraised"],
            values["survey"],
            final,
            None,
            clean_cell(table.value(r, "evidence")),
            r + 1,
        )
        if values["max"] is not None and final is not None and final > values["max"] + TOLERANCE:
            role = next(f for f in ("final", "appraised", "self") if f in table.columns)
            _flag(
                out,
                table,
                r,
                role,
                final,
                f"Điểm {_fmt(final)} vượt điểm tối đa {_fmt(values['max'])}",
                "sửa điểm cho không lớn hơn điểm tối đa của tiêu chí",
            )
        if is_total:
            total, total_last = score, bool(nodes)
        else:
            nodes[number] = score
    _check_tree(table, nodes, total, out)
    out.scores += list(nodes.values()) + ([total] if total else [])


_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}


def _roman(text: str) -> int | None:
    if not text or not re.fullmatch(r"[IVX]+", text):
        return None
    values = [_ROMAN_VALUES[c] for c in text]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


class _TreeNumbers:
    """Criteria numbered the other common way, 'I' / '1' / 'a)', become 1 / 1.1 / 1.1.1, so one
    tree check serves both."""

    def __init__(self) -> None:
        self.area: str | None = None
        self.criterion: str | None = None
        self.roman = False

    def code(self, number: str) -> str | None:
        raw = number.strip().rstrip(".)")
        if raw.isdigit() and self.roman and self.area:  # '1' under 'I' is a criterion
            self.criterion = f"{self.area}.{int(raw)}"
            return self.criterion
        if _NUMBERED.match(raw):
            self.roman = False
            parts = raw.split(".")
            self.area = parts[0]
            self.criterion = ".".join(parts[:2]) if len(parts) > 1 else None
            return raw
        roman = _roman(raw.upper()) if raw.isupper() else None
        if roman:
            self.area, self.criterion, self.roman = str(roman), None, True
            return self.area
        if raw.isdigit() and self.area:
            self.criterion = f"{self.area}.{int(raw)}"
            return self.criterion
        if len(raw) == 1 and raw.isalpha() and raw.islower() and self.criterion:
            return f"{self.criterion}.{ord(raw) - ord('a') + 1}"
        return None


def _flag(
    out: IndexParse, table: Table, row: int, role: str | int, value: object, message: str, hint: str
) -> None:
    """Record a problem at a cell of the table (a role's column, or a column)."""
    out.problems.append(table.problem(row, role, value, message, hint))


def _fmt(x: float) -> str:
    return f"{x:g}".replace(".", ",")


_TREE_SUMS = (
    ("max", "max_score", "điểm tối đa"),
    ("appraised", "appraised_score", "điểm thẩm định"),
    ("self", "self_score", "điểm tự đánh giá"),
    ("final", "score", "điểm đạt được"),
)


def _check_tree(table: Table, nodes: dict[str, Score], total: Score | None, out) -> None:
    children: dict[str, list[Score]] = {}
    for code, node in nodes.items():
        parent = code.rsplit(".", 1)[0] if "." in code else ""
        children.setdefault(parent, []).append(node)
    parents = [(nodes.get(p), kids) for p, kids in children.items() if p in nodes]
    if total is not None:
        parents.append((total, children.get("", [])))
    for parent, kids in parents:
        for role, attr, label in _TREE_SUMS:
            if role not in table.columns or (role == "final" and "appraised" in table.columns):
                continue
            mine = getattr(parent, attr)
            parts = [getattr(k, attr) for k in kids]
            if mine is None or any(p is None for p in parts) or not parts:
                continue
            if abs(mine - sum(parts)) > TOLERANCE:
                name = parent.criterion or "tổng"
                _flag(
                    out,
                    table,
                    parent.source_row - 1,
                    role,
                    mine,
                    f"Tổng {label} của {name} là {_fmt(mine)} nhưng cộng các tiêu chí con "
                    f"được {_fmt(round(sum(parts), 2))}",
                    "sửa điểm của mục này hoặc của các tiêu chí con cho khớp",
                )


def parse_series(tables: list[Table], kind: str, unit: str) -> IndexParse:
    """SIPAS, PCI, DDCI, 766: long (a year or period column) or wide (a column per year)."""
    out = IndexParse()
    index = INDEX_NAMES[kind]
    for table in tables:
        title_year = TitleBlock.above(table.sheet, min(table.header_rows)).year()
        years = _period_columns(table, title_year, out)
        parsers = _score_parsers(table, kind, [*years.values(), table.columns.get("value")])
        order: dict[str, str] = {}
        for r in table.data_rows():
            name = clean_cell(table.value(r, "name")) if "name" in table.columns else ""
            if "name" in table.columns and not name:
                continue
            is_rank_row = bool(_RANK_ROW.match(fold(name)))
            is_total = not name or is_total_name(name, kind)
            criterion = (
                "" if is_total or is_rank_row else order.setdefault(name, str(len(order) + 1))
            )
            series = (
                _series_of(table.value(r, "series"), unit) if "series" in table.columns else "unit"
            )
            if years or table.period_tokens():
                _wide_row(
                    table, r, name, years, index, series, criterion, is_rank_row, parsers, out
                )
                continue
            period, year = _period(table, r, title_year, out)
            if period is None:
                continue
            value = _number(
                table, r, "value", out, parsers.get(table.columns.get("value"), parse_number)
            )
            maximum = _number(table, r, "max", out)
            rank = _number(table, r, "rank", out, parse_rank)
            if maximum is not None and value is not None and value > maximum + TOLERANCE:
                _flag(
                    out,
                    table,
                    r,
                    "value",
                    value,
                    f"Điểm {_fmt(value)} vượt điểm tối đa {_fmt(maximum)}",
                    "sửa điểm cho không lớn hơn điểm tối đa",
                )
            out.scores.append(
                _score(index, series, year, period, criterion, name, value, r, maximum, rank)
            )
    _merge_rank_rows(out)
    return out


def _score(index, series, year, period, criterion, name, value, r, maximum=None, rank=None):
    return Score(
        index,
        series,
        year,
        period,
        criterion,
        name,
        maximum,
        None,
        None,
        None,
        value,
        int(rank) if rank is not None else None,
        "",
        r + 1,
    )


def _score_parsers(table: Table, kind: str, cols: list[int | None]) -> dict[int, object]:
    """SIPAS is a percent: a column of 0–1 numbers (cells formatted as percent, Excel shows
    0,859 as 85,9%) is read ×100. Other indices are points, read as written."""
    if kind != "sipas":
        return {}
    rows = [r for r in table.data_rows() if not _RANK_ROW.match(fold(table.value(r, "name")))]
    out: dict[int, object] = {}
    for col in cols:
        if col is not None:
            whole = fraction_column([table.sheet.cell(r, col) for r in rows])
            out[col] = fraction_percent if whole else percent_score
    return out


def fraction_percent(value: object) -> float | None:
    """A score in a column of fractions: 0,859 is 85,9%, 1 is 100%."""
    number = parse_number(value)
    if number is None or (isinstance(value, str) and "%" in value):
        return number
    return round(number * 100, 10)


def percent_score(value: object) -> float | None:
    """A percent score: 0,859 (a cell formatted as percent) is 85,9%; 86 is 86%."""
    number = parse_number(value)
    if number is not None and 0 < number < 1 and not (isinstance(value, str) and "%" in value):
        return round(number * 100, 10)
    return number


def _period_columns(table: Table, title_year: int | None, out: IndexParse) -> dict[str, int]:
    """A wide table's period columns: period code -> column. A year heads a year; 'Tháng 3',
    'T3', 'Quý II', 'Tuần 12' head a month, quarter or week of the year the header or the
    title names; without any year it is a problem at the header."""
    found: dict[str, int] = {}
    for token, col in table.period_tokens().items():
        if token.isdigit():
            found[token] = col
            continue
        text = re.sub(r"^t\s*(?=\d)", "thang ", token)
        code = period_code(text, title_year)
        if code is None:
            _flag(
                out,
                table,
                max(table.header_rows),
                col,
                token,
                "Không xác định được năm của cột kỳ này",
                "ghi năm ở tiêu đề (ví dụ '… năm 2026') hoặc trong tiêu đề cột ('Tháng 1/2026')",
            )
            continue
        found[code] = col
    return found


def _wide_row(table, r, name, years, index, series, criterion, is_rank_row, parsers, out) -> None:
    """One row of a table with a column per year. A row of words in every year ('Nhóm xếp
    hạng': Rất tốt, Tốt…) is a label row: skipped, and said so in the load's notes."""
    cells = {year: table.sheet.cell(r, col) for year, col in years.items()}
    filled = {y: v for y, v in cells.items() if clean_cell(v)}
    if filled and not any(is_number(v) for v in filled.values()):
        shown = ", ".join(clean_cell(v) for v in list(filled.values())[:3])
        out.notes.append(
            f"sheet '{table.sheet.name}', dòng {r + 1}: bỏ qua «{name}» vì không phải điểm số "
            f"({shown}…)"
        )
        return
    for period, col in years.items():
        parse = parse_rank if is_rank_row else parsers.get(col, parse_number)
        value = _number(table, r, col, out, parse)
        if value is None:
            continue
        year = int(period[:4])
        if is_rank_row:
            out.scores.append(_score(index, series, year, period, "", "", None, r, rank=value))
        else:
            out.scores.append(_score(index, series, year, period, criterion, name, value, r))


def _period(table: Table, r: int, title_year: int | None, out) -> tuple[str | None, int]:
    if "year" in table.columns:
        raw = table.value(r, "year")
        year = year_of(raw)
        if year is not None:
            return str(year), year
        _flag(out, table, r, "year", raw, "Năm không đúng dạng", "ghi năm bốn chữ số, ví dụ 2025")
        return None, 0
    if "period" in table.columns:
        raw = table.value(r, "period")
        code = period_code(raw, title_year)
        unit_word = fold(table.header("period"))
        if code is None and unit_word in ("tuan", "thang", "quy") and year_of(raw) is None:
            code = period_code(f"{unit_word} {clean_cell(raw)}", title_year)  # 'Tháng' | 3
        if code is not None:
            return code, int(code[:4])
        _flag(
            out,
            table,
            r,
            "period",
            raw,
            "Kỳ không đúng dạng",
            "ghi 'Tuần 49/2026', 'Tháng 3/2026', 'Quý III/2026' hoặc 'Năm 2026' (hoặc ghi năm "
            "ở dòng tiêu đề, ví dụ '… năm 2026', rồi 'Tuần 1', 'Tháng 3' trong bảng)",
        )
        return None, 0
    out.problems.append(
        Problem(
            message="Bảng không có cột Năm hoặc Kỳ",
            hint="thêm cột 'Năm' (hoặc 'Kỳ') hoặc một cột cho mỗi năm",
            sheet=table.sheet.name,
        )
    )
    return None, 0


def period_code(value: object, default_year: int | None = None) -> str | None:
    """'Tuần 49/2026' -> '2026-W49', 'Tháng 3/2026' -> '2026-03', 'Quý III/2026' -> '2026-Q3',
    'Năm 2026' or 2026 -> '2026'; 'Tuần 1' or 'Tháng 3' take `default_year` (the title's);
    None when the text names no period."""
    key = fold(clean_cell(value))
    year = re.search(r"\b(20\d\d)\b", key)
    y = year.group(1) if year else (str(default_year) if default_year else None)
    week = re.fullmatch(r"(?:tuan|t|w)\s*(\d{1,2})(?:\D+20\d\d)?", key)
    if week and y and 1 <= int(week.group(1)) <= 53:
        return f"{y}-W{int(week.group(1)):02d}"
    month = re.fullmatch(r"(?:thang)\s*(\d{1,2})(?:\D+20\d\d)?", key)
    if month and y and 1 <= int(month.group(1)) <= 12:
        return f"{y}-{int(month.group(1)):02d}"
    if re.search(r"\b(quy|tuan|thang)\b", key):
        found = detect_period(key, int(y) if y else None)
        return found if found and "-" in found else None
    only_year = re.fullmatch(r"(?:nam )?(20\d\d)", key)
    return only_year.group(1) if only_year else None


def _merge_rank_rows(out: IndexParse) -> None:
    """A 'Xếp hạng' row of a wide table gives the rank of that year's total."""
    ranks = [s for s in out.scores if s.rank is not None and not s.name]
    totals = {(s.series, s.period): s for s in out.scores if s.criterion == "" and s.name}
    for r in ranks:
        if (r.series, r.period) in totals:
            totals[(r.series, r.period)].rank = r.rank
            out.scores.remove(r)
