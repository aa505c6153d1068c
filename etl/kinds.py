"""The kinds of file the loader reads and how to tell them apart.

Each kind has a table `Layout` (the roles its columns can have, which must be there, and how a
column's values show its role). The kind is taken from `--kind`, else from the title when it
names an index ("BỘ CHỈ SỐ 766", "CHỈ SỐ HÀI LÒNG … SIPAS"), else from the table's shape: a
status or percent column makes a progress report, a lead-department column a plan.
"""

from __future__ import annotations

import re

from cchc.text import clean_cell, fold
from cchc.vocab import match_reported_status
from etl.deadlines import BadDate, parse_deadline
from etl.table import PROCEDURE_ROLES, Layout, Table, find_table
from etl.values import is_number, parse_percent
from etl.workbook import Sheet

TASK_KINDS = ("plan", "progress")
INDEX_KINDS = ("par", "sipas", "pci", "ddci", "766")
INDEX_NAMES = {"par": "PAR", "sipas": "SIPAS", "pci": "PCI", "ddci": "DDCI", "766": "766"}


def _is_status(value: object) -> bool:
    text = clean_cell(value)
    return len(text) <= 40 and match_reported_status(text) is not None


def _is_percent(value: object) -> bool:
    try:
        p = parse_percent(value)
    except ValueError:
        return False
    return p is not None and 0 <= p <= 100


def _is_deadline(value: object) -> bool:
    try:
        d = parse_deadline(value, 2000)
    except BadDate:
        return False
    return d.date is not None or d.continuous


_TASK_ROLES = frozenset(
    {
        "number",
        "code",
        "title",
        "lead",
        "support",
        "deadline",
        "completed_on",
        "status",
        "percent",
        "result",
        "evidence",
        "difficulties",
        "note",
    }
)
_TASK_TESTS = {"status": _is_status, "percent": _is_percent, "deadline": _is_deadline}
_INDEX_ROLES = frozenset(
    {
        "number",
        "name",
        "max",
        "self",
        "appraised",
        "final",
        "survey",
        "evidence",
        "rank",
        "series",
        "year",
        "period",
        "value",
        "note",
    }
)
_SCORE_TESTS = {r: is_number for r in ("max", "self", "appraised", "final", "survey", "value")}

_COUNT_ROLES = PROCEDURE_ROLES - {"field", "procedure"}
PROCEDURE_KIND = "tthc"

LAYOUTS: dict[str, Layout] = {
    "plan": Layout(
        _TASK_ROLES - {"status", "percent", "result"},
        (("number", "title", "lead"), ("title", "lead")),
        _TASK_TESTS,
        ends_at_summary=True,
    ),
    "progress": Layout(
        _TASK_ROLES, (("title", "status"), ("title", "percent")), _TASK_TESTS, ends_at_summary=True
    ),
    "par": Layout(
        _INDEX_ROLES,
        (("name", "max", "self"), ("name", "max", "appraised"), ("name", "max", "final")),
        _SCORE_TESTS,
    ),
    "series": Layout(
        _INDEX_ROLES - {"self", "appraised", "final", "survey"},
        (("name", "value"), ("name", "years"), ("period", "value"), ("year", "value")),
        _SCORE_TESTS,
        wide_years=True,
    ),
    PROCEDURE_KIND: Layout(
        PROCEDURE_ROLES | {"number", "note"},
        tuple((name, count) for name in ("field", "procedure") for count in _COUNT_ROLES),
        {r: is_number for r in _COUNT_ROLES},
        header_depth=3,
    ),
}


def layout_for(kind: str) -> Layout:
    return LAYOUTS["par" if kind == "par" else "series" if kind in INDEX_KINDS else kind]


# Folded words naming an index in a title. An acronym ('DDCI', '766') beats a description
# ('năng lực cạnh tranh', 'mức độ hài lòng'); among equals, the one written first wins ('BỘ CHỈ
# SỐ 766 … mức độ hài lòng' is the 766 index, not SIPAS).
_KIND_WORDS = [
    (r"par ?index", "par", 0),
    (r"sipas", "sipas", 0),
    (r"ddci", "ddci", 0),
    (r"pci", "pci", 0),
    (r"766", "766", 0),
    (r"chi so cai cach hanh chinh", "par", 1),
    (r"chi so cchc", "par", 1),
    (r"chi so hai long", "sipas", 1),
    (r"muc do hai long", "sipas", 1),
    (r"su hai long", "sipas", 1),
    (r"nang luc canh tranh cap (xa|phuong|huyen|so|nganh|dia phuong)", "ddci", 1),
    (r"nang luc canh tranh", "pci", 1),
    (r"bo chi so (chi dao dieu hanh va danh gia )?chat luong phuc vu", "766", 1),
    # the one-stop system's statistics of procedures (TTHC): a title or a header word
    (r"(giai quyet|tiep nhan)( ho so)? (tthc|thu tuc hanh chinh)", PROCEDURE_KIND, 1),
    (r"so ho so (tiep nhan|nhan giai quyet|da giai quyet)", PROCEDURE_KIND, 2),
]
KIND_RES = [(re.compile(rf"\b{w}\b"), k) for w, k, _ in _KIND_WORDS]
_TIERS = [tier for _, _, tier in _KIND_WORDS]
TITLE_ROWS = 10


def title_text(sheet: Sheet, rows: int = TITLE_ROWS) -> str:
    return " ".join(clean_cell(v) for row in sheet.rows[:rows] for v in row if v not in (None, ""))


def kind_in_title(text: str) -> str | None:
    """The index a title names first, or None."""
    key = fold(text)
    found = [
        (tier, m.start(), k)
        for (pattern, k), tier in zip(KIND_RES, _TIERS, strict=True)
        if (m := pattern.search(key))
    ]
    return min(found)[2] if found else None


def index_kind(sheets: list[Sheet]) -> str | None:
    """The index named by the first sheet that names one in its sheet name or title rows."""
    for sheet in sheets:
        kind = kind_in_title(f"{title_text(sheet)} {sheet.name}")
        if kind:
            return kind
    return None


def best_table(sheets: list[Sheet], kind: str) -> Table | None:
    """The table of a kind: in the sheet where it names the most roles (a notes sheet first,
    a hidden sheet, a pivot beside it do not matter)."""
    layout = layout_for(kind)
    tables = [t for s in sheets if (t := find_table(s, layout)) is not None]
    return max(tables, key=lambda t: (len(t.columns), -sheets.index(t.sheet)), default=None)


def task_kind(table: Table) -> str:
    return "progress" if "status" in table.columns or "percent" in table.columns else "plan"


def is_task_table(table: Table) -> bool:
    """A table that is surely about tasks: it has a lead, status or deadline column."""
    return any(r in table.columns for r in ("lead", "status", "deadline", "support"))
