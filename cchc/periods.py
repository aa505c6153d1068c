"""Reporting periods: codes ('2026', '2026-H1', '2026-Q3', '2026-03', '2026-W49'), their date
ranges, their Vietnamese labels, and how they are written in report titles."""

from __future__ import annotations

import calendar
import os
import re
from dataclasses import dataclass
from datetime import date, timedelta

from cchc.text import fold

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
ROMAN_UP = {1: "I", 2: "II", 3: "III", 4: "IV"}

_CODE = re.compile(r"^(\d{4})(?:-(H[12]|Q[1-4]|\d{2}|W\d{2}))?$")


@dataclass(frozen=True)
class Period:
    code: str
    start: date
    end: date
    kind: str  # year | half | quarter | month | week

    @property
    def year(self) -> int:
        return self.start.year


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_period(code: str) -> Period | None:
    """A period from its code, or None when the code is not one."""
    m = _CODE.match(code.strip().upper()) if code else None
    if not m:
        return None
    year, part = int(m.group(1)), m.group(2)
    if part is None:
        return Period(str(year), date(year, 1, 1), date(year, 12, 31), "year")
    if part.startswith("H"):
        h = int(part[1])
        return Period(f"{year}-{part}", date(year, 6 * h - 5, 1), month_end(year, 6 * h), "half")
    if part.startswith("Q"):
        q = int(part[1])
        return Period(f"{year}-{part}", date(year, 3 * q - 2, 1), month_end(year, 3 * q), "quarter")
    if part.startswith("W"):
        w = int(part[1:])
        if not 1 <= w <= 53:
            return None
        try:
            start = date.fromisocalendar(year, w, 1)
        except ValueError:
            return None
        return Period(f"{year}-{part}", start, start + timedelta(days=6), "week")
    month = int(part)
    if not 1 <= month <= 12:
        return None
    return Period(f"{year}-{month:02d}", date(year, month, 1), month_end(year, month), "month")


def period_label(code: str) -> str:
    """Vietnamese label: 'Quý III/2026', '6 tháng đầu năm 2026', 'Tháng 3/2026', 'Năm 2026'."""
    p = parse_period(code)
    if p is None:
        return code
    if p.kind == "year":
        return f"Năm {p.year}"
    if p.kind == "half":
        return f"6 tháng {'đầu' if p.code.endswith('H1') else 'cuối'} năm {p.year}"
    if p.kind == "quarter":
        return f"Quý {ROMAN_UP[int(p.code[-1])]}/{p.year}"
    if p.kind == "week":
        return f"Tuần {int(p.code[-2:])}/{p.year}"
    return f"Tháng {p.start.month}/{p.year}"


def detect_period(text: object, default_year: int | None = None) -> str | None:
    """The period a report title names.

    'Quý III năm 2026', 'quy 3/2026', '6 tháng đầu năm 2026', 'tháng 9 năm 2026', 'năm 2026'.
    """
    key = fold(text)
    if not key:
        return None
    ym = re.search(r"\b(20\d\d)\b", key)
    year = int(ym.group(1)) if ym else default_year
    if year is None:
        return None
    m = re.search(r"\bquy\s+(iv|iii|ii|i|[1-4])\b", key)
    if m:
        q = ROMAN.get(m.group(1)) or int(m.group(1))
        return f"{year}-Q{q}"
    if re.search(r"\b6 thang dau\b|\bsau thang dau\b", key):
        return f"{year}-H1"
    if re.search(r"\b6 thang cuoi\b|\bsau thang cuoi\b", key):
        return f"{year}-H2"
    # '9 tháng đầu năm' is reported with the third quarter, '3 tháng đầu năm' with the first
    if re.search(r"\b(9|chin) thang( dau)?\b", key):
        return f"{year}-Q3"
    if re.search(r"\b(3|ba) thang dau\b", key):
        return f"{year}-Q1"
    m = re.search(r"\bthang\s+(\d{1,2})\b", key)
    if m and 1 <= int(m.group(1)) <= 12:
        return f"{year}-{int(m.group(1)):02d}"
    if re.search(r"\bnam\s+20\d\d\b|\bca nam\b", key):
        return str(year)
    return None


def plan_periods(year: int) -> list[str]:
    """The standard reporting periods of a plan year, in time order (for trend charts)."""
    return [f"{year}-Q1", f"{year}-H1", f"{year}-Q3", str(year)]


def today() -> date:
    """Today, or $CCHC_TODAY (YYYY-MM-DD) so tests and screenshots see a fixed date."""
    fixed = os.environ.get("CCHC_TODAY")
    return date.fromisoformat(fixed) if fixed else date.today()


def last_quarter_end(on: date) -> date:
    """The end of the latest quarter that has ended on or before `on`."""
    q = (on.month - 1) // 3
    if month_end(on.year, 3 * (q + 1)) == on:
        return on
    return month_end(on.year, 3 * q) if q else date(on.year - 1, 12, 31)
