"""Streamlit glue of the procedure (TTHC) figures: cached queries of cchc/procedure_queries.py
that refresh when new data is loaded, the summary the sidebar's period asks for, and the
overview's cards for the on-time and online rates."""

from __future__ import annotations

import streamlit as st

from cchc import fmt, ui
from cchc import procedure_queries as pq
from cchc.filters import Filters


def query(name: str, *args: object) -> object:
    """`procedure_queries.<name>(con, *args)` through the dashboard's cached `ui.query`."""
    return ui.query(f"procedure_queries.{name}", *args)


def summary_for(filters: Filters) -> pq.Summary | None:
    """The figures the sidebar asks for: a quarter's ('Hết Quý III': July–September), the
    year's, else the latest period that ended by the as-of date; with the period before."""
    wanted = {"Q1": "Q1", "Q2": "Q2", "Q3": "Q3", "Q4": "Q4", "year": ""}.get(filters.period)
    if wanted is not None:
        code = f"{filters.year}-{wanted}" if wanted else str(filters.year)
        found = query("procedure_summary", filters.unit, code, filters.as_of)
        if found is not None:
            return found
    return query("procedure_summary", filters.unit, filters.as_of)


def delta_text(summary: pq.Summary, rate: str) -> str:
    """'+3,2 điểm % so với T9/2026', or the period when there is nothing to compare."""
    change = summary.change(rate)
    if change is None or summary.previous is None:
        return "chưa có kỳ trước để so sánh"
    sign = "+" if change >= 0 else "−"
    return f"{sign}{fmt.number(abs(change), 1)} điểm % so với {pq.short_label(summary.previous)}"


def period_line(summary: pq.Summary) -> str:
    """'Tháng 10/2026, so với Tháng 9/2026' (what the cards under it compare)."""
    if summary.previous is None:
        return f"{summary.label} (chưa có kỳ trước để so sánh)"
    return f"{summary.label}, so với {summary.previous.label}"


def rate_card(col, summary: pq.Summary, rate: str, label: str) -> None:
    value = summary.current.rate(rate)
    delta = delta_text(summary, rate)
    col.metric(
        f"{label} {pq.short_label(summary.current)}",
        fmt.percent(value, 1),
        delta,
        border=True,
        help=pq.RATES[rate] + ": " + RATE_HELP[rate],
        **ui.change_style(delta),
    )


RATE_HELP = {
    "on_time_rate": "số hồ sơ đã giải quyết trước hạn và đúng hạn chia cho số hồ sơ đã giải quyết.",
    "online_rate": "số hồ sơ mới tiếp nhận trực tuyến chia cho số hồ sơ mới tiếp nhận.",
    "digitised_rate": "số hồ sơ được số hóa chia cho tổng số hồ sơ tiếp nhận.",
}


def overview_cards(filters: Filters) -> None:
    """The overview's cards: the on-time and the online rate of the latest period, with the
    change from the previous one; nothing when the unit has no procedure statistics."""
    summary = summary_for(filters)
    if summary is None:
        return
    c1, c2 = st.columns(2)
    rate_card(c1, summary, "on_time_rate", "TTHC đúng hạn")
    rate_card(c2, summary, "online_rate", "TTHC trực tuyến")
