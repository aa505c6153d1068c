"""The meeting deck: the charts of the other pages with the current filters, one per slide, each
with a short takeaway sentence computed from the data."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from cchc import charts, fmt, indexview
from cchc.vocab import AREA_SHORT, DEPARTMENT_SHORT


@dataclass(frozen=True)
class Slide:
    key: str
    title: str
    figure: go.Figure
    takeaway: str


def _most(counts: pd.DataFrame, status: str, names: dict[str, str]) -> tuple[str, int]:
    """The group(s) with the most tasks in a status: ('A, B', 2) when tied."""
    part = counts[counts["status"] == status]
    top = int(part["n"].max()) if len(part) else 0
    if not top:
        return "", 0
    tied = [names.get(g, g) for g in part[part["n"] == top]["grp"]]
    return ", ".join(tied), top


def completion_takeaway(h: dict, by_area: pd.DataFrame) -> str:
    """'29/64 nhiệm vụ đã hoàn thành (45,3%); 6 quá hạn, nhiều nhất ở Thủ tục hành chính (2).'"""
    text = (
        f"{fmt.number(h['done'])}/{fmt.number(h['with_deadline'])} nhiệm vụ đã hoàn thành "
        f"({fmt.percent(h['done_rate'])})"
    )
    area, n = _most(by_area, "overdue", AREA_SHORT)
    if h["overdue"]:
        text += f"; {fmt.number(h['overdue'])} quá hạn, nhiều nhất ở {area} ({n})"
    else:
        text += "; không có nhiệm vụ quá hạn"
    return text + "."


def overdue_takeaway(by_department: pd.DataFrame) -> str:
    dept, n = _most(by_department, "overdue", DEPARTMENT_SHORT)
    if not n:
        return "Không phòng, đơn vị nào có nhiệm vụ quá hạn."
    each = " mỗi đơn vị" if "," in dept else ""
    return f"Nhiều nhiệm vụ quá hạn nhất: {dept} ({n}{each})."


def trend_takeaway(trend: pd.DataFrame) -> str:
    if trend.empty:
        return ""
    last = trend.iloc[-1]
    gap = (last["ideal"] - last["rate"]) * 100
    side = "chậm hơn" if gap > 0 else "nhanh hơn"
    return (
        f"{last['label']}: hoàn thành {fmt.percent(last['rate'])}, {side} tiến độ lý tưởng "
        f"{fmt.number(abs(gap), 1)} điểm phần trăm."
    )


def index_takeaway(info: indexview.IndexInfo, headline: pd.Series) -> str:
    value, change = indexview.headline(headline)
    text = (
        f"{info.code} {indexview.period_text(headline['period'])}: {value}{info.suffix} ({change})"
    )
    if info.target is not None:
        below = headline["score"] < info.target
        text += f", {'dưới' if below else 'đạt'} mục tiêu {fmt.number(info.target)}{info.suffix}"
    return text + "."


def deck(query: Callable[..., object], scope, label: str, unit: str, today) -> list[Slide]:
    """The default deck: plan completion, overdue by department, the trend, each index."""
    h = query("headline", scope)
    by_area = query("status_counts", scope, "area")
    by_dept = query("status_counts", scope, "department")
    trend = query("completion_trend", scope, today)
    slides = [
        Slide(
            "completion",
            "Tiến độ theo lĩnh vực",
            charts.status_bars(by_area, "area", f"Tiến độ theo lĩnh vực — {label}"),
            completion_takeaway(h, by_area),
        ),
        Slide(
            "overdue",
            "Nhiệm vụ quá hạn theo phòng chủ trì",
            charts.status_bars(by_dept, "department", f"Tiến độ theo phòng chủ trì — {label}"),
            overdue_takeaway(by_dept),
        ),
        Slide(
            "trend",
            "Hoàn thành so với tiến độ lý tưởng",
            charts.completion_trend(trend, f"Hoàn thành so với tiến độ lý tưởng — {label}"),
            trend_takeaway(trend),
        ),
    ]
    heads = query("index_headlines", unit)
    by_code = heads.set_index("index") if not heads.empty else heads
    for info in indexview.INDICES:
        if heads.empty or info.code not in by_code.index:
            continue
        totals = indexview.totals(query("index_scores", unit, info.code))
        slides.append(
            Slide(
                f"index-{info.code}",
                info.title,
                charts.index_trend(
                    totals, info.title, unit, info.target, info.notes, info.suffix, info.bands
                ),
                index_takeaway(info, by_code.loc[info.code]),
            )
        )
    return slides
