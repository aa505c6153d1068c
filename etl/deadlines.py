"""Deadlines as people write them in a plan appendix, turned into dates.

"Quý II/2026" is 30/06/2026, "Tháng 6/2026" is 30/06/2026, "Trước ngày 15/12/2026" is
15/12/2026, "6 tháng đầu năm" is 30/06, "Năm 2026" and "Cả năm" are 31/12 of the plan year;
"Thường xuyên" is continuous (no single deadline); free text such as "Theo kế hoạch của tỉnh"
has no date. A date that does not exist (31/02/2026) is an error, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from cchc.periods import ROMAN, month_end
from cchc.text import clean_cell, fold
from etl.values import serial_date

DATE_HINT = "ghi ngày có thật theo dạng ngày/tháng/năm, ví dụ 30/06/2026"
TEXT_HINT = (
    "ghi thời hạn như 30/06/2026, Quý II/2026, Tháng 6/2026, 6 tháng đầu năm, Năm 2026, "
    "Thường xuyên hoặc Theo kế hoạch của tỉnh"
)
# Words that say a text is about time, even when it names no date ('Theo kế hoạch của tỉnh',
# 'Khi có văn bản hướng dẫn'): such a text is a deadline without a date. Text with none of
# them ('Phòng VHXH chủ trì') is not a deadline at all.
_TIME_WORDS = re.compile(
    r"\b(theo|khi|sau|truoc|trong|dinh ky|hang|dot xuat|kip thoi|lien tuc|chua xac dinh|tuy|"
    r"ngay|thang|quy|nam|tuan|han|tien do|lo trinh|giai doan|ke hoach|chi dao|yeu cau|"
    r"quy dinh|huong dan|thoi gian|som|ngay khi|cuoi|dau|giua|20\d\d)\b"
)


class BadDate(ValueError):
    """A deadline cell that is not one: a date that does not exist, or text naming no time."""

    def __init__(self, message: str, hint: str = DATE_HINT) -> None:
        super().__init__(message)
        self.hint = hint


@dataclass(frozen=True)
class Deadline:
    date: date | None
    text: str
    continuous: bool = False


_DMY = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{2,4})(?!\d)")
_DM = re.compile(r"(?<![\d/])(\d{1,2})\s*/\s*(\d{1,2})(?![\d/])")
_MY = re.compile(r"(?<![\d/])(\d{1,2})\s*[/.-]\s*(20\d\d)(?![\d/])")
_WORDS_DATE = re.compile(r"\bngay (\d{1,2}) thang (\d{1,2}) nam (\d{4})\b")
_YEAR = re.compile(r"\b(20\d\d)\b")
_ISO = re.compile(r"(?<!\d)(20\d\d)-(\d{1,2})-(\d{1,2})(?!\d)")
# 'Quý I, II/2026' folds to 'quy i ii 2026': the run of numerals after 'quy'
_QUARTERS = re.compile(r"\bquy\s+((?:(?:iv|iii|ii|i|v|vi|\d)\b\s*)+)")


def _make_date(day: int, month: int, year: int, raw: str) -> date:
    if year < 100:
        year += 2000
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise BadDate(f"Ngày '{raw}' không tồn tại") from exc


@lru_cache(maxsize=8192)
def parse_deadline(value: object, plan_year: int) -> Deadline:
    """Parse one deadline cell. Raises BadDate for impossible dates."""
    if isinstance(value, datetime):
        return Deadline(value.date(), value.strftime("%d/%m/%Y"))
    if isinstance(value, date):
        return Deadline(value, value.strftime("%d/%m/%Y"))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _numeric_deadline(value)
    text = clean_cell(value)
    if not text:
        return Deadline(None, "")
    key = fold(text)
    raw_lower = text.lower()
    year_match = _YEAR.search(key)
    year = int(year_match.group(1)) if year_match else plan_year

    if re.search(r"\b(thuong xuyen|lien tuc|hang (tuan|thang|quy|nam)|dinh ky)\b", key):
        return Deadline(None, text, continuous=True)
    m = _WORDS_DATE.search(key)
    if m:
        return Deadline(_make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)), text), text)
    iso = _ISO.search(raw_lower)
    if iso:
        return Deadline(
            _make_date(int(iso.group(3)), int(iso.group(2)), int(iso.group(1)), iso.group(0)), text
        )
    dates = list(_DMY.finditer(raw_lower))
    if dates:
        last = dates[-1]
        return Deadline(
            _make_date(int(last.group(1)), int(last.group(2)), int(last.group(3)), last.group(0)),
            text,
        )
    quarters = [t for run in _QUARTERS.findall(key) for t in run.split()]
    if quarters:
        numbers = [ROMAN.get(x) or (int(x) if x.isdigit() else 0) for x in quarters]
        if not all(1 <= q <= 4 for q in numbers):
            raise BadDate(f"Quý '{text}' không tồn tại (chỉ có Quý I đến Quý IV)")
        return Deadline(month_end(year, 3 * max(numbers)), text)
    if re.search(r"\b(6|sau) thang dau\b", key):
        return Deadline(date(year, 6, 30), text)
    if re.search(r"\b(6|sau) thang cuoi\b", key):
        return Deadline(date(year, 12, 31), text)
    if m := re.search(r"\b(3|9|ba|chin) thang dau\b", key):
        return Deadline(month_end(year, 3 if m.group(1) in ("3", "ba") else 9), text)
    months = re.findall(r"\bthang\s+(\d{1,2})((?:\s+\d{1,2}\b(?!\d))*)", key)
    if months:
        numbers = [int(n) for first, rest in months for n in [first, *rest.split()]]
        if not all(1 <= n <= 12 for n in numbers):
            raise BadDate(f"Tháng '{text}' không tồn tại (chỉ có tháng 1 đến tháng 12)")
        return Deadline(month_end(year, max(numbers)), text)
    my = _MY.search(raw_lower)  # '06/2026': the end of that month
    if my:
        month = int(my.group(1))
        if not 1 <= month <= 12:
            raise BadDate(f"Tháng '{text}' không tồn tại (chỉ có tháng 1 đến tháng 12)")
        return Deadline(month_end(int(my.group(2)), month), text)
    dm = _DM.search(raw_lower)
    if dm:
        return Deadline(_make_date(int(dm.group(1)), int(dm.group(2)), year, dm.group(0)), text)
    if re.search(r"\bca nam\b|\btrong nam\b|^nam\b|\bnam 20\d\d\b|\bcuoi nam\b", key) or (
        re.fullmatch(r"20\d\d", key)
    ):
        return Deadline(date(year, 12, 31), text)
    if re.fullmatch(r"\d+([.,]\d+)?", text):
        return _numeric_deadline(float(text.replace(",", ".")), text)
    if not _TIME_WORDS.search(key):
        raise BadDate(
            f"Không hiểu thời hạn '{text}' (không phải ngày, tháng, quý hay năm)", TEXT_HINT
        )
    return Deadline(None, text)


def _numeric_deadline(value: float, text: str | None = None) -> Deadline:
    """A number in a deadline cell: an Excel date serial whose format was lost (46203 is
    30/06/2026), or a year (2026 is 31/12/2026); any other number is not a deadline."""
    shown = text or (str(int(value)) if float(value).is_integer() else str(value))
    if float(value).is_integer() and 2000 <= value <= 2100:
        return Deadline(date(int(value), 12, 31), shown)
    found = serial_date(value)
    if found is not None:
        return Deadline(found, text or found.strftime("%d/%m/%Y"))
    raise BadDate(f"Thời hạn '{shown}' là một con số, không phải ngày tháng", TEXT_HINT)
