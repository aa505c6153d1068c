"""Numbers and dates as Vietnamese readers write them: 1.234,5 · 85,3% · 26/11/2026."""

from __future__ import annotations

import math
from datetime import date, datetime

import pandas as pd


def number(value: float | int | None, decimals: int = 0) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def percent(ratio: float | None, decimals: int = 1) -> str:
    """A ratio in [0, 1] as '85,3%'."""
    if ratio is None or (isinstance(ratio, float) and math.isnan(ratio)):
        return "–"
    return f"{number(ratio * 100, decimals)}%"


def day(value: date | datetime | pd.Timestamp | None) -> str:
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, str):
        return value
    return value.strftime("%d/%m/%Y")


def timestamp(value: datetime | pd.Timestamp | None) -> str:
    if value is None or value is pd.NaT:
        return ""
    return value.strftime("%H:%M %d/%m/%Y")
