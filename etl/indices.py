"""Importers for the external indices: PAR INDEX (`par`, a criteria tree with maximum,
self-assessed and appraised points), and the series of SIPAS, PCI, DDCI and the Decision 766
service index (`sipas`, `pci`, `ddci`, `766`), long (a year or period column) or wide (one
column per year). Every problem is reported with its cell, as for the plan and the reports."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cchc.periods import detect_period
from cchc.text import clean_cell, clean_repeated, fold
from etl.errors import Problem, cell_problem
from etl.workbook import Sheet

INDEX_KINDS = ("par", "sipas", "pci", "ddci", "766")
INDEX_NAMES = {"par": "PAR", "sipas": "SIPAS", "pci": "PCI", "ddci": "DDCI", "766": "766"}
TOLERANCE = 0.011

# folded header -> field; the first match wins
_HEADERS: list[tuple[str, str]] = [
    ("number", r"^(stt|tt|so tt)$"),
    ("max", r"\bdiem toi da\b|\btoi da\b"),
    ("self", r"\btu danh gia\b|\btu cham\b"),
    ("appraised", r"\btham dinh\b"),
    ("survey", r"\bdieu tra\b|\bdtxhh\b"),
    ("evidence", r"\bkiem chung\b"),
    ("rank", r"\bxep hang\b|\bthu hang\b"),
    ("series", r"\bdoi tuong\b|\bdon vi so sanh\b"),
    ("year", r"^nam$"),
    ("period", r"^ky$|^ky bao cao$|^thang$"),
    ("name", r"\bnhom chi so\b|\bchi so\b|\btieu chi\b|\blinh vuc\b|\bnoi dung\b|\byeu to\b"),
    ("value", r"\bdiem\b|\bgia tri\b|\bty le\b|\bket qua\b"),
]
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
_KIND_WORDS = [
    ("par index", "par"),
    ("chi so cai cach hanh chinh", "par"),
    ("sipas", "sipas"),
    ("hai long", "sipas"),
    ("ddci", "ddci"),
    ("pci", "pci"),
    ("nang luc canh tranh", "pci"),
    ("766", "766"),
]


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


@dataclass
class IndexParse:
    scores: list[Score] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def header_fields(row: list[object]) -> dict[str, int]:
    out: dict[str, int] = {}
    for col, value in enumerate(row):
        key = clean_cell(value) if isinstance(value, float) else fold(value)
        if not key:
            continue
        if _YEAR.match(key):
            out.setdefault(f"yr:{key}", col)
            continue
        for name, pattern in _HEADERS:
            if re.search(pattern, key) and name not in out:
                out[name] = col
                break
    return out


def find_header(sheet: Sheet) -> tuple[int, dict[str, int]] | None:
    """The first row (of the first 15) naming an index table's columns."""
    for r in range(min(15, len(sheet.rows))):
        cols = header_fields(sheet.rows[r])
        years = [k for k in cols if k.startswith("yr:")]
        if "name" in cols and (
            ("max" in cols and ("self" in cols or "appraised" in cols))
            or "value" in cols
            or len(years) >= 2
        ):
            return r, cols
    return None


def detect_kind(sheets: list[Sheet]) -> str | None:
    """The index a workbook holds, from its titles and sheet names."""
    for sheet in sheets:
        text = fold(" ".join([sheet.name] + [clean_cell(v) for row in sheet.rows[:4] for v in row]))
        for words, kind in _KIND_WORDS:
            if re.search(rf"\b{words}\b", text):
                return kind
    return None


def _number(sheet: Sheet, r: int, col: int | None, header: str, out: IndexParse) -> float | None:
    if col is None:
        return None
    value = sheet.cell(r, col)
    if value is None or value == "":
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    text = clean_cell(value).replace(",", ".").rstrip("%").strip()
    try:
        return float(text)
    except ValueError:
        out.problems.append(
            cell_problem(
                sheet.name, r, col, header, value, "Điểm không phải là số", "ghi một số, ví dụ 8,5"
            )
        )
        return None


def _year_of(sheet: Sheet, header_row: int) -> int | None:
    if _YEAR.match(sheet.name.strip()):
        return int(sheet.name.strip())
    for row in sheet.rows[:header_row]:
        for v in row:
            m = re.search(r"\bnam (20\d\d)\b", fold(v))
            if m:
                return int(m.group(1))
    return None


def _series_of(text: object, unit: str) -> str:
    key = fold(text)
    if not key or key == fold(unit):
        return "unit"
    return next((s for words, s in _SERIES if words in key), "unit")


def parse_par(sheets: list[Sheet], unit: str) -> IndexParse:
    """The criteria tree of each year's sheet, checked: maxima add up, scores within maxima,
    totals written in the file equal the sum of their parts."""
    out = IndexParse()
    for sheet in sheets:
        found = find_header(sheet)
        if found is None or "max" not in found[1]:
            continue
        header_row, cols = found
        headers = {c: clean_cell(sheet.cell(header_row, c)) for c in cols.values()}
        if "year" in cols:  # several years in one sheet, a 'Năm' column
            by_year: dict[int, list[int]] = {}
            for r in range(header_row + 1, len(sheet.rows)):
                text = clean_repeated(sheet.cell(r, cols["year"]))
                if _YEAR.match(text):
                    by_year.setdefault(int(text), []).append(r)
            for year, rows in by_year.items():
                _parse_tree(sheet, cols, headers, year, rows, out)
            continue
        year = _year_of(sheet, header_row)
        if year is None:
            out.problems.append(
                Problem(
                    message="Không xác định được năm của bảng điểm",
                    hint="đặt tên sheet là năm (ví dụ 2025) hoặc ghi 'năm 2025' ở dòng tiêu đề",
                    sheet=sheet.name,
                )
            )
            continue
        _parse_tree(sheet, cols, headers, year, range(header_row + 1, len(sheet.rows)), out)
    return out


def _parse_tree(sheet, cols, headers, year, rows, out: IndexParse) -> None:
    """One year's criteria tree, from the given rows of a sheet."""
    nodes: dict[str, Score] = {}
    total: Score | None = None
    tree = _TreeNumbers()
    for r in rows:
        number = clean_repeated(sheet.cell(r, cols.get("number", -1)))
        name = clean_cell(sheet.cell(r, cols["name"]))
        if not number and not name:
            continue
        if total is not None or re.match(r"(nguon|ghi chu|luu y)\b", fold(number or name)):
            break  # the notes and signatures below the table
        is_total = not number and "tong" in fold(name)
        if not is_total:
            number = tree.code(number) or number

        if not is_total and not _NUMBERED.match(number):
            if number or name:
                _flag(
                    out,
                    sheet,
                    r,
                    cols.get("number"),
                    headers,
                    number or name,
                    "Số thứ tự tiêu chí không đúng dạng",
                    "đánh số 1, 1.1, 1.1.1 theo cây tiêu chí",
                )
            continue
        values = {
            f: _number(sheet, r, cols.get(f), headers.get(cols.get(f), ""), out)
            for f in ("max", "self", "appraised", "survey")
        }
        final = values["appraised"] if values["appraised"] is not None else values["self"]
        if values["survey"] is not None and final is not None:
            final += values["survey"]
        score = Score(
            "PAR",
            "unit",
            year,
            str(year),
            "" if is_total else number,
            name,
            values["max"],
            values["self"],
            values["appraised"],
            values["survey"],
            final,
            None,
            clean_cell(sheet.cell(r, cols.get("evidence", -1))),
            r + 1,
        )
        if values["max"] is not None and final is not None and final > values["max"] + TOLERANCE:
            col = cols.get("appraised", cols.get("self"))
            _flag(
                out,
                sheet,
                r,
                col,
                headers,
                final,
                f"Điểm {_fmt(final)} vượt điểm tối đa {_fmt(values['max'])}",
                "sửa điểm cho không lớn hơn điểm tối đa của tiêu chí",
            )
        if is_total:
            total = score
        else:
            nodes[number] = score
    _check_tree(sheet, cols, headers, nodes, total, out)
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
    out: IndexParse,
    sheet: Sheet,
    row: int,
    col: int | None,
    headers: dict[int, str],
    value: object,
    message: str,
    hint: str,
) -> None:
    """Record a problem at a cell of the table (its header text taken from `headers`)."""
    out.problems.append(
        cell_problem(sheet.name, row, col, headers.get(col, ""), value, message, hint)
    )


def _fmt(x: float) -> str:
    return f"{x:g}".replace(".", ",")


def _check_tree(sheet, cols, headers, nodes, total, out) -> None:
    children: dict[str, list[Score]] = {}
    for code, node in nodes.items():
        parent = code.rsplit(".", 1)[0] if "." in code else ""
        children.setdefault(parent, []).append(node)
    parents = [(nodes.get(p), kids) for p, kids in children.items() if p in nodes]
    if total is not None:
        parents.append((total, children.get("", [])))
    for parent, kids in parents:
        for f, label in (
            ("max", "điểm tối đa"),
            ("appraised", "điểm thẩm định"),
            ("self", "điểm tự đánh giá"),
        ):
            attr = {"max": "max_score", "appraised": "appraised_score", "self": "self_score"}[f]
            mine = getattr(parent, attr)
            parts = [getattr(k, attr) for k in kids]
            if mine is None or any(p is None for p in parts) or not parts:
                continue
            if abs(mine - sum(parts)) > TOLERANCE:
                name = parent.criterion or "tổng"
                _flag(
                    out,
                    sheet,
                    parent.source_row - 1,
                    cols.get(f),
                    headers,
                    mine,
                    f"Tổng {label} của {name} là {_fmt(mine)} nhưng cộng các tiêu chí con "
                    f"được {_fmt(round(sum(parts), 2))}",
                    "sửa điểm của mục này hoặc của các tiêu chí con cho khớp",
                )


def parse_series(sheets: list[Sheet], kind: str, unit: str) -> IndexParse:
    """SIPAS, PCI, DDCI, 766: long (a year or period column) or wide (a column per year)."""
    out = IndexParse()
    index = INDEX_NAMES[kind]
    for sheet in sheets:
        found = find_header(sheet)
        if found is None:
            continue
        header_row, cols = found
        headers = {c: clean_cell(sheet.cell(header_row, c)) for c in cols.values()}
        years = {int(k[3:]): c for k, c in cols.items() if k.startswith("yr:")}
        order: dict[str, str] = {}
        for r in range(header_row + 1, len(sheet.rows)):
            name = clean_cell(sheet.cell(r, cols["name"]))
            if not name:
                continue
            if re.match(r"(nguon|ghi chu|luu y)\b", fold(name)):
                break
            is_rank_row = fold(name).startswith("xep hang")
            is_total = bool(re.search(r"\btong\b|\bchi so sipas\b|^sipas$", fold(name)))
            criterion = (
                "" if is_total or is_rank_row else order.setdefault(name, str(len(order) + 1))
            )
            series = _series_of(sheet.cell(r, cols["series"]), unit) if "series" in cols else "unit"
            if years:  # wide
                for year, col in years.items():
                    value = _number(sheet, r, col, headers.get(col, ""), out)
                    if value is None:
                        continue
                    if is_rank_row:
                        out.scores.append(
                            Score(
                                index,
                                series,
                                year,
                                str(year),
                                "",
                                "",
                                None,
                                None,
                                None,
                                None,
                                None,
                                int(value),
                                "",
                                r + 1,
                            )
                        )
                    else:
                        out.scores.append(
                            Score(
                                index,
                                series,
                                year,
                                str(year),
                                criterion,
                                name,
                                None,
                                None,
                                None,
                                None,
                                value,
                                None,
                                "",
                                r + 1,
                            )
                        )
                continue
            period, year = _period(sheet, r, cols, headers, out)
            if period is None:
                continue
            value = _number(sheet, r, cols.get("value"), headers.get(cols.get("value"), ""), out)
            maximum = _number(sheet, r, cols.get("max"), headers.get(cols.get("max"), ""), out)
            rank = _number(sheet, r, cols.get("rank"), headers.get(cols.get("rank"), ""), out)
            if maximum is not None and value is not None and value > maximum + TOLERANCE:
                col = cols.get("value")
                _flag(
                    out,
                    sheet,
                    r,
                    col,
                    headers,
                    value,
                    f"Điểm {_fmt(value)} vượt điểm tối đa {_fmt(maximum)}",
                    "sửa điểm cho không lớn hơn điểm tối đa",
                )
            out.scores.append(
                Score(
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
            )
    _merge_rank_rows(out)
    return out


def _period(sheet, r, cols, headers, out) -> tuple[str | None, int]:
    if "year" in cols:
        raw = sheet.cell(r, cols["year"])
        text = clean_repeated(raw)
        if _YEAR.match(text):
            return text, int(text)
        _flag(
            out,
            sheet,
            r,
            cols["year"],
            headers,
            raw,
            "Năm không đúng dạng",
            "ghi năm bốn chữ số, ví dụ 2025",
        )
        return None, 0
    if "period" in cols:
        raw = sheet.cell(r, cols["period"])
        code = period_code(raw)
        if code is not None:
            return code, int(code[:4])
        _flag(
            out,
            sheet,
            r,
            cols["period"],
            headers,
            raw,
            "Kỳ không đúng dạng",
            "ghi 'Tuần 49/2026', 'Tháng 3/2026', 'Quý III/2026' hoặc 'Năm 2026'",
        )
        return None, 0
    out.problems.append(
        Problem(
            message="Bảng không có cột Năm hoặc Kỳ",
            hint="thêm cột 'Năm' (hoặc 'Kỳ') hoặc một cột cho mỗi năm",
            sheet=sheet.name,
        )
    )
    return None, 0


def period_code(value: object) -> str | None:
    """'Tuần 49/2026' -> '2026-W49', 'Tháng 3/2026' -> '2026-03', 'Quý III/2026' -> '2026-Q3',
    'Năm 2026' or 2026 -> '2026'; None when the text names no period."""
    key = fold(clean_cell(value))
    week = re.search(r"\btuan (\d{1,2})\D+(20\d\d)\b", key)
    if week and 1 <= int(week.group(1)) <= 53:
        return f"{week.group(2)}-W{int(week.group(1)):02d}"
    month = _MONTH.search(key)
    if month and 1 <= int(month.group(1)) <= 12:
        return f"{month.group(2)}-{int(month.group(1)):02d}"
    if re.search(r"\b(quy|tuan|thang)\b", key):
        found = detect_period(key)
        return found if found and "-" in found else None
    year = re.fullmatch(r"(?:nam )?(20\d\d)", key)
    return year.group(1) if year else None


def _merge_rank_rows(out: IndexParse) -> None:
    """A 'Xếp hạng' row of a wide table gives the rank of that year's total."""
    ranks = [s for s in out.scores if s.rank is not None and not s.name]
    totals = {(s.series, s.period): s for s in out.scores if s.criterion == "" and s.name}
    for r in ranks:
        if (r.series, r.period) in totals:
            totals[(r.series, r.period)].rank = r.rank
            out.scores.remove(r)
