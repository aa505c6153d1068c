"""Periods as date spans, for statistics that cover any stretch of days (the one-stop system
exports 'Từ ngày 01/07/2026 đến ngày 30/09/2026'): a span that is a month, quarter, half or
year has that period's code ('2026-Q3'); any other is 'YYYY-MM-DD..YYYY-MM-DD'."""

from __future__ import annotations

from datetime import date, timedelta

from cchc.periods import month_end, parse_period, period_label


def span_code(start: date, end: date) -> str:
    """The period code of a date span: '2026-10', '2026-Q3', '2026-H1', '2026', else
    '2026-01-01..2026-09-30'."""
    if start.day == 1 and start.year == end.year and end == month_end(end.year, end.month):
        months = end.month - start.month + 1
        if months == 1:
            return f"{start.year}-{start.month:02d}"
        if months == 3 and start.month % 3 == 1:
            return f"{start.year}-Q{(start.month + 2) // 3}"
        if months == 6 and start.month in (1, 7):
            return f"{start.year}-H{1 if start.month == 1 else 2}"
        if months == 12:
            return str(start.year)
    return f"{start.isoformat()}..{end.isoformat()}"


def span_of(code: str) -> tuple[date, date] | None:
    """The first and last day of a period code, the 'YYYY-MM-DD..YYYY-MM-DD' form included."""
    if ".." in code:
        a, b = code.split("..", 1)
        try:
            start, end = date.fromisoformat(a), date.fromisoformat(b)
        except ValueError:
            return None
        return (start, end) if start <= end else None
    p = parse_period(code)
    return (p.start, p.end) if p else None


def span_label(code: str) -> str:
    """'Tháng 10/2026', 'Quý III/2026', '01/01/2026–30/09/2026'."""
    if ".." in code and (span := span_of(code)):
        return f"{span[0]:%d/%m/%Y}–{span[1]:%d/%m/%Y}"
    return period_label(code)


def previous_span(code: str) -> str | None:
    """The period of the same length just before: Q3 -> Q2, '2026-01' -> '2025-12', a span of
    N days -> the N days before it."""
    span = span_of(code)
    if span is None:
        return None
    start, end = span
    p = parse_period(code) if ".." not in code else None
    if p is None:
        days = (end - start).days
        new_end = start - timedelta(days=1)
        return span_code(new_end - timedelta(days=days), new_end)
    months = {"month": 1, "quarter": 3, "half": 6, "year": 12}.get(p.kind)
    if months is None:  # a week
        new_end = start - timedelta(days=1)
        return span_code(new_end - timedelta(days=6), new_end)
    m = start.month - months
    y = start.year + (m - 1) // 12
    m = (m - 1) % 12 + 1
    return span_code(date(y, m, 1), start - timedelta(days=1))
