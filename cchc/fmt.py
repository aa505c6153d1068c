"""Numbers and dates as Vietnamese readers write them: 1.234,5 · 85,3% · 26/11/2026."""

from __future__ import annotations

from datetime import date, datetime


def number(value: float | int | None, decimals: int = 0) -> str:
    if _missing(value):
        return "–"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def percent(ratio: float | None, decimals: int = 1) -> str:
    """A ratio in [0, 1] as '85,3%'."""
    if _missing(ratio):
        return "–"
    return f"{number(ratio * 100, decimals)}%"


def _missing(value: object) -> bool:
    """None, NaN or NaT (the only values that differ from themselves)."""
    return value is None or value != value


def day(value: date | datetime | None) -> str:
    """dd/mm/yyyy for a date, datetime or pandas Timestamp; '' when missing."""
    if _missing(value):
        return ""
    if isinstance(value, str):
        return value
    return value.strftime("%d/%m/%Y")


def timestamp(value: datetime | None) -> str:
    if _missing(value):
        return ""
    return value.strftime("%H:%M %d/%m/%Y")
