"""Finding the table inside a sheet as people lay it out.

Real sheets have title rows above the table, a header spanning two rows with merged cells, a row
of column numbers "(1) (2) (3)…" under it, and signatures below it. `find_table` scores every
candidate header row (alone, or joined with the row under it) by how many known fields its
headers name, and returns where the data starts and which column holds which field.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from cchc.text import clean_cell, fold
from etl.workbook import Sheet

HEADER_SCAN_ROWS = 40

# Field -> folded-header patterns. Order matters: a header takes the first field it matches.
FIELD_PATTERNS: list[tuple[str, str]] = [
    ("number", r"^(stt|tt|so tt|so thu tu|thu tu)$"),
    ("code", r"\bma (nhiem vu|nv|so)\b|^ma$"),
    ("lead", r"\bchu tri\b"),
    ("support", r"\bphoi hop\b"),
    ("percent", r"\bty le\b|\bphan tram\b|\b%"),
    ("completed_on", r"\bngay hoan thanh\b"),
    ("deadline", r"\bthoi gian\b|\bthoi han\b|\bhan hoan thanh\b|^han$|\btien do hoan thanh\b"),
    ("status", r"\btinh trang\b|\btrang thai\b|\bket qua thuc hien\b|\bmuc do hoan thanh\b"),
    ("evidence", r"\bminh chung\b|\bsan pham\b|\bket qua\b"),
    ("difficulties", r"\bkho khan\b|\bvuong mac\b|\bkien nghi\b"),
    ("note", r"\bghi chu\b"),
    ("title", r"\bnoi dung\b|\bnhiem vu\b|\bcong viec\b|\bten\b"),
]

FOOTER = re.compile(
    r"^(noi nhan|kt chu tich|tm ubnd|tm uy ban|chu tich|pho chu tich|nguoi lap|thu truong|"
    r"xac nhan|giam doc|truong phong|lanh dao)\b"
)
_COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?$")


def header_field(header: str) -> str | None:
    key = fold(header)
    raw = header.lower()
    for name, pattern in FIELD_PATTERNS:
        if re.search(pattern, key) or (name == "percent" and "%" in raw):
            return name
    return None


@dataclass
class Table:
    sheet: Sheet
    header_rows: tuple[int, ...]  # 0-based rows that hold the header
    columns: dict[str, int]  # field -> 0-based column
    headers: dict[int, str]  # column -> header text as written

    def header(self, field: str) -> str:
        col = self.columns.get(field)
        return "" if col is None else self.headers.get(col, "")

    def value(self, row: int, field: str) -> object:
        col = self.columns.get(field)
        return None if col is None else self.sheet.cell(row, col)

    def fields(self, row: int, names: tuple[str, ...]) -> list[object]:
        """The raw values of several fields of one row (None where the field or cell is
        missing): one call per row instead of one per cell, for large sheets."""
        cells = self.sheet.rows[row]
        n = len(cells)
        cols = [self.columns.get(f) for f in names]
        return [cells[c] if c is not None and c < n else None for c in cols]

    def data_rows(self) -> Iterator[int]:
        """0-based rows below the header, skipping blanks and the column-number row, stopping
        at the signature block."""
        start = max(self.header_rows) + 1
        rows = self.sheet.rows
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
                if len(filled) >= 3 and all(_COLUMN_NUMBER.match(v) for v in filled):
                    continue
            if (
                isinstance(first, str)
                and FOOTER.match(fold(first[:40]))
                and not clean_cell(self.value(r, "number")).isdigit()
            ):
                break
            yield r


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


def _score(
    headers: dict[int, str], hidden: frozenset[int] = frozenset()
) -> tuple[dict[str, int], int]:
    """Which column holds which field: the first visible column naming it, else a hidden one."""
    columns: dict[str, int] = {}
    ordered = sorted(headers.items(), key=lambda item: (item[0] in hidden, item[0]))
    for col, text in ordered:
        name = header_field(text)
        if name and name not in columns:
            columns[name] = col
    return columns, len(columns)


def find_table(sheet: Sheet, required: tuple[str, ...]) -> Table | None:
    """The best header in the sheet that names every required field, or None."""
    best: Table | None = None
    best_score = 0
    limit = min(HEADER_SCAN_ROWS, len(sheet.rows))
    for r in range(limit):
        candidates = [(r,)] + ([(r, r + 1)] if r + 1 < len(sheet.rows) else [])
        for rows in candidates:
            headers = _headers_for(sheet, rows)
            columns, score = _score(headers, sheet.hidden_columns)
            if not all(f in columns for f in required):
                continue
            if score > best_score:
                best, best_score = Table(sheet, rows, columns, headers), score
    return best


def best_partial_header(sheet: Sheet) -> tuple[int, dict[str, int]] | None:
    """The row whose headers name most fields: used to say which required column is missing."""
    best: tuple[int, dict[str, int]] | None = None
    for r in range(min(HEADER_SCAN_ROWS, len(sheet.rows))):
        for rows in [(r,)] + ([(r, r + 1)] if r + 1 < len(sheet.rows) else []):
            columns, score = _score(_headers_for(sheet, rows), sheet.hidden_columns)
            if score >= 2 and (best is None or score > len(best[1])):
                best = (max(rows), columns)
    return best
