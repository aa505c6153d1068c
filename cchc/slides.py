"""The meeting deck: the charts of the other pages with the current filters, one per slide, each
with a short takeaway sentence computed from the data."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from cchc import charts, fmt, indexview
from cchc.queries import Scope
from cchc.vocab import AREA_SHORT, DEPARTMENT_LABELS, department_short


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
    dept, n = _most(by_department, "overdue", DEPARTMENT_LABELS)
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


def heatmap_takeaway(matrix: pd.DataFrame) -> str:
    """The lead departments with the highest and the lowest share of their tasks done."""
    per = matrix.groupby("department")[["done", "total"]].sum()
    per = per[per["total"] > 0]
    if per.empty:
        return ""
    per["rate"] = per["done"] / per["total"]

    def one(code: str) -> str:
        row = per.loc[code]
        return f"{department_short(code)} ({int(row['done'])}/{int(row['total'])})"

    best, worst = per["rate"].idxmax(), per["rate"].idxmin()
    if best == worst:
        return f"Đã hoàn thành: {one(best)}."
    return f"Hoàn thành cao nhất: {one(best)}; thấp nhất: {one(worst)}."


def timeline_takeaway(h: dict) -> str:
    return (
        f"{fmt.number(h['overdue'])} nhiệm vụ quá hạn; {fmt.number(h['due_30'])} nhiệm vụ đến hạn "
        f"trong 30 ngày tới ({fmt.number(h['due_7'])} trong 7 ngày)."
    )


def over_time_takeaway(counts: pd.DataFrame) -> str:
    """How the number of done tasks moved from the first checkpoint to the last."""
    if counts.empty:
        return ""
    done = counts[counts["status"].isin(["done_on_time", "done_late"])]
    per = done.groupby("label", sort=False)["n"].sum()
    labels = list(dict.fromkeys(counts["label"]))
    first, last = labels[0], labels[-1]
    overdue = counts[(counts["label"] == last) & (counts["status"] == "overdue")]["n"].sum()
    return (
        f"Nhiệm vụ đã hoàn thành: {fmt.number(per.get(first, 0))} ({first}) → "
        f"{fmt.number(per.get(last, 0))} ({last}); {fmt.number(overdue)} quá hạn ({last})."
    )


def parts_takeaway(info: indexview.IndexInfo, parts: pd.DataFrame, period: str) -> str:
    """The part of an index that lost the most points (or scored lowest) in a period."""
    if parts.empty:
        return ""
    when = indexview.period_text(period)
    if parts["max_score"].notna().all():
        lost = parts.assign(lost=parts["max_score"] - parts["score"])
        worst = lost.loc[lost["lost"].idxmax()]
        return (
            f"{info.code} {when}: mất nhiều điểm nhất ở “{worst['name']}” "
            f"({fmt.number(worst['lost'], 2)} điểm)."
        )
    worst = parts.loc[parts["score"].idxmin()]
    return (
        f"{info.code} {when}: thấp nhất là “{worst['name']}” "
        f"({fmt.number(worst['score'], 2)}{info.suffix})."
    )


@dataclass(frozen=True)
class Context:
    """What every slide is built from: the read side and the filters of the moment."""

    query: Callable[..., object]
    scope: Scope
    label: str
    unit: str


@dataclass(frozen=True)
class Choice:
    """A chart that can go into the deck, named as the chooser shows it."""

    key: str
    name: str
    page: str


def _area(c: Context) -> Slide:
    counts = c.query("status_counts", c.scope, "area")
    return Slide(
        "area",
        "Tiến độ theo lĩnh vực",
        charts.status_bars(counts, "area", f"Tiến độ theo lĩnh vực — {c.label}"),
        completion_takeaway(c.query("headline", c.scope), counts),
    )


def _department(c: Context) -> Slide:
    counts = c.query("status_counts", c.scope, "department")
    return Slide(
        "department",
        "Nhiệm vụ quá hạn theo phòng chủ trì",
        charts.status_bars(
            counts, "department", f"Tiến độ theo phòng chủ trì — {c.label}", unit=c.unit
        ),
        overdue_takeaway(counts),
    )


def _heatmap(c: Context) -> Slide:
    matrix = c.query("done_matrix", c.scope)
    title = f"Nhiệm vụ đã hoàn thành theo phòng chủ trì và lĩnh vực — {c.label}"
    return Slide(
        "heatmap",
        "Hoàn thành theo phòng chủ trì và lĩnh vực",
        charts.done_heatmap(matrix, title, c.unit),
        heatmap_takeaway(matrix),
    )


def _trend(c: Context) -> Slide:
    trend = c.query("completion_trend", c.scope, c.scope.as_of)
    return Slide(
        "trend",
        "Hoàn thành so với tiến độ lý tưởng",
        charts.completion_trend(trend, f"Hoàn thành so với tiến độ lý tưởng — năm {c.scope.year}"),
        trend_takeaway(trend),
    )


def _over_time(c: Context) -> Slide:
    counts = c.query("status_over_time", c.scope, c.scope.as_of)
    return Slide(
        "over_time",
        "Trạng thái nhiệm vụ qua các kỳ",
        charts.status_over_time(counts, f"Trạng thái qua các kỳ — năm {c.scope.year}"),
        over_time_takeaway(counts),
    )


def _timeline(c: Context) -> Slide:
    tasks = c.query("task_status", c.scope)
    title = f"Thời hạn các nhiệm vụ theo lĩnh vực — {c.label}"
    return Slide(
        "timeline",
        "Thời hạn các nhiệm vụ",
        charts.timeline(tasks, c.scope.as_of, c.scope.year, title),
        timeline_takeaway(c.query("headline", c.scope)),
    )


def index_series_label(info: indexview.IndexInfo, unit: str) -> str:
    """PCI is the province's own index, shown for context; the others are the unit's."""
    return "Tỉnh" if info.code == "PCI" else unit


def index_title(info: indexview.IndexInfo, unit: str) -> str:
    return info.title if info.code == "PCI" else f"{info.title} — {unit}"


def index_trend_figure(info: indexview.IndexInfo, scores: pd.DataFrame, unit: str) -> go.Figure:
    """An index's total over the periods with its target, reference series, bands and notes:
    the same figure on the Chỉ số page, on a slide and in the report."""
    return charts.index_trend(
        indexview.totals(scores),
        index_title(info, unit),
        index_series_label(info, unit),
        info.target,
        info.notes,
        info.suffix,
        info.bands,
    )


def _index_trend(info: indexview.IndexInfo) -> Callable[[Context], Slide]:
    def build(c: Context) -> Slide:
        scores = c.query("index_scores", c.unit, info.code)
        heads = c.query("index_headlines", c.unit).set_index("index")
        return Slide(
            f"index-{info.code}",
            info.title,
            index_trend_figure(info, scores, c.unit),
            index_takeaway(info, heads.loc[info.code]),
        )

    return build


def _index_parts(info: indexview.IndexInfo) -> Callable[[Context], Slide]:
    def build(c: Context) -> Slide:
        scores = c.query("index_scores", c.unit, info.code)
        period, parts = indexview.latest_parts(scores)
        what = "theo lĩnh vực" if info.code == "PAR" else "theo thành phần"
        return Slide(
            f"parts-{info.code}",
            f"{info.code}: nơi mất điểm",
            charts.index_breakdown(
                parts,
                f"{info.title} {what} — {indexview.period_text(period)}",
                info.target if info.code == "SIPAS" else None,
                info.suffix,
                indexview.reference_parts(scores, period),
            ),
            parts_takeaway(info, parts, period),
        )

    return build


PLAN_CHARTS: dict[str, tuple[str, str, Callable[[Context], Slide]]] = {
    "area": ("Tiến độ theo lĩnh vực", "Tổng quan", _area),
    "department": ("Tiến độ, quá hạn theo phòng chủ trì", "Tổng quan", _department),
    "heatmap": ("Hoàn thành theo phòng chủ trì và lĩnh vực", "Tổng quan", _heatmap),
    "trend": ("Hoàn thành so với tiến độ lý tưởng", "Tổng quan", _trend),
    "over_time": ("Trạng thái qua các kỳ", "Theo lĩnh vực, phòng", _over_time),
    "timeline": ("Thời hạn các nhiệm vụ", "Tiến độ theo thời gian", _timeline),
}
DEFAULT_PLAN = ["area", "department", "trend"]


def _builders(query: Callable[..., object], unit: str) -> dict[str, tuple[str, str, Callable]]:
    """Every chart that can go into the deck for a unit: the plan's, and each index's that has
    data."""
    found = {k: v for k, v in PLAN_CHARTS.items()}
    heads = query("index_headlines", unit)
    present = set(heads["index"]) if not heads.empty else set()
    for info in indexview.INDICES:
        if info.code not in present:
            continue
        short = "Chỉ số 766" if info.code == "766" else info.code
        found[f"index-{info.code}"] = (f"{short}: xu hướng", "Chỉ số", _index_trend(info))
        found[f"parts-{info.code}"] = (
            f"{short}: các thành phần kỳ gần nhất",
            "Chỉ số",
            _index_parts(info),
        )
    return found


def catalogue(query: Callable[..., object], unit: str) -> list[Choice]:
    """The charts a presenter can choose from, in the order of the pages they come from."""
    return [Choice(k, name, page) for k, (name, page, _) in _builders(query, unit).items()]


def default_keys(choices: list[Choice]) -> list[str]:
    """Plan completion, overdue by department, the trend, each index's trend."""
    return _default([c.key for c in choices])


def _default(keys: list[str]) -> list[str]:
    return [k for k in keys if k in DEFAULT_PLAN or k.startswith("index-")]


def parse_keys(text: str | None, choices: list[Choice]) -> list[str]:
    """The deck asked for in a URL ('area,trend,index-PAR'): known keys, in the order given,
    once each; the default deck when nothing usable is asked for."""
    known = {c.key for c in choices}
    keys = list(dict.fromkeys(k for k in (text or "").split(",") if k in known))
    return keys or default_keys(choices)


def deck(context: Context, keys: list[str] | None = None) -> list[Slide]:
    """The slides for the chosen charts (the default deck when none are chosen)."""
    builders = _builders(context.query, context.unit)
    chosen = keys if keys else _default(list(builders))
    return [builders[k][2](context) for k in chosen if k in builders]
