"""Cell values as people type them: percents (0.8, 80, '80%', '80,5 %'), numbers with a decimal
comma ('8,5', '86,42%'), years, and Excel serial dates whose date format was lost."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from cchc.text import clean_cell

_PERCENT_TEXT = re.compile(r"^(-?\d+(?:[.,]\d+)?)\s*%?$")
# 'Đạt 80%', 'Hoàn thành 100 %': words around one number that carries its percent sign
_ONE_PERCENT = re.compile(r"[^\d%]*?(\d+(?:[.,]\d+)?)\s*%[^\d%]*")
_NUMBER_TEXT = re.compile(r"^[-+]?\d{1,3}(?:[.\s]\d{3})*(?:,\d+)?$|^[-+]?\d+(?:[.,]\d+)?$")
_YEAR = re.compile(r"^(19|20)\d\d$")
EXCEL_EPOCH = date(1899, 12, 30)
# Serial numbers of 01/01/2000 and 31/12/2100: a five-digit number in that range in a date
# column is a date whose cell format was lost.
SERIAL_MIN, SERIAL_MAX = 36526, 73415


def parse_percent(value: object, fractions: bool = False) -> float | None:
    """0.8, 80, '80%', '80 %', '80,5' -> percent in [0, 100] units; None when empty.
    With `fractions` (a column whose numbers all lie in 0–1, as cells formatted as percent
    are stored), 1 is 100%. Raises ValueError for text that is not a number."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        v = float(value)
        return round(v * 100, 10) if fractions or 0 < v < 1 else v
    text = clean_cell(value)
    if not text:
        return None
    m = _PERCENT_TEXT.match(text) or _ONE_PERCENT.fullmatch(text)
    if not m:
        raise ValueError(text)
    v = float(m.group(1).replace(",", "."))
    if "%" not in text and 0 < v < 1:
        return round(v * 100, 10)
    return v


def fraction_column(values: list[object], alone: bool = True) -> bool:
    """Whether a percent column holds fractions (cells formatted as percent: Excel shows 100%
    for a stored 1): every number in 0–1, and one strictly between (0,5 is 50%) — or, when the
    percent column is `alone` (no status column to say otherwise), a column of only 0 and 1."""
    numbers = [float(v) for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
    if not numbers or not all(0 <= v <= 1 for v in numbers):
        return False
    return any(0 < v < 1 for v in numbers) or (alone and any(v == 1 for v in numbers))


def parse_number(value: object) -> float | None:
    """A score: 8.5, '8,5', '86,42%', '1.234,5'; None when empty; ValueError for other text."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        return float(value)
    text = clean_cell(value).rstrip("%").strip()
    if not text:
        return None
    if not _NUMBER_TEXT.match(text):
        raise ValueError(text)
    if "," in text:
        text = text.replace(".", "").replace(" ", "").replace(",", ".")
    elif re.search(r"\d[.\s]\d{3}$", text) and text.count(".") + text.count(" ") > 1:
        text = text.replace(".", "").replace(" ", "")
    return float(text.replace(" ", ""))


def parse_rank(value: object) -> float | None:
    """A rank as written: 12, '12', '12/99' (12th of 99), 'Hạng 12', 'thứ 12'."""
    if isinstance(value, str):
        m = re.fullmatch(
            r"(?:hạng|hang|thứ|thu)?\s*(\d{1,4})\s*(?:/\s*\d{1,4})?", value.strip().lower()
        )
        if m:
            return float(m.group(1))
    return parse_number(value)


def is_number(value: object) -> bool:
    try:
        return parse_number(value) is not None
    except ValueError:
        return False


def year_of(value: object) -> int | None:
    text = clean_cell(value)
    return int(text) if _YEAR.match(text) else None


def serial_date(value: object) -> date | None:
    """An Excel serial number (46203 or 46203.0) as the date it stands for, else None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if not SERIAL_MIN <= value <= SERIAL_MAX or float(value) != int(value):
        return None
    return EXCEL_EPOCH + timedelta(days=int(value))


def as_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return None
