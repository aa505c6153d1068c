"""The meeting deck: the charts of the other pages with the current filters, one per slide, each
with a short takeaway sentence computed from the data."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from cchc import charts, fmt, indexview
from cchc.periods import today
from cchc.queries import Scope
from cchc.vocab import AREA_SHORT, department_short


@dataclass(frozen=True)
class Slide:
    key: str
    title: str  # the finding, stated: '6 nhiệm vụ quá hạn, nhiều nhất ở Thủ tục hành chính'
    figure: go.Figure
    takeaway: str  # the sentence under the chart, with its numbers
    topic: str = ""  # what the chart shows ('Tiến độ theo lĩnh vực'), under the title


def joined(names: list[str]) -> str:
    """'A', 'A và B', 'A, B và C'."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " và " + names[-1]


@dataclass(frozen=True)
class Spread:
    """How the tasks in one status spread over groups (areas or departments)."""

    total: int  # tasks in the status, over every group
    groups: int  # groups holding at least one
    top: int  # the most any group holds
    leaders: list[str]  # the group(s) holding `top`, named


def spread(counts: pd.DataFrame, status: str, names: dict[str, str]) -> Spread:
    part = counts[(counts["status"] == status) & (counts["n"] > 0)]
    if part.empty:
        return Spread(0, 0, 0, [])
    top = int(part["n"].max())
    leaders = [names.get(g, g) for g in part[part["n"] == top]["grp"]]
    return Spread(int(part["n"].sum()), len(part), top, leaders)


def where_most(s: Spread, noun: str) -> str:
    """Where most of the tasks are, a tie said as a tie: 'nhiều nhất ở Thủ tục hành chính (2)',
    'đều ở Thể chế', 'mỗi lĩnh vực 1: Thể chế và Thủ tục hành chính', 'nhiều nhất ở Thể chế
    và Thủ tục hành chính (2 mỗi lĩnh vực)'."""
    if not s.total:
        return ""
    if s.groups == 1:
        return f"đều ở {s.leaders[0]}" if s.total > 1 else f"ở {s.leaders[0]}"
    if len(s.leaders) == 1:
        return f"nhiều nhất ở {s.leaders[0]} ({fmt.number(s.top)})"
    if len(s.leaders) == s.groups:
        return f"mỗi {noun} {fmt.number(s.top)}: {joined(s.leaders)}"
    return f"nhiều nhất ở {joined(s.leaders)} ({fmt.number(s.top)} mỗi {noun})"


def overdue_phrase(s: Spread, noun: str) -> str:
    """The overdue tasks for a title, never a long list of names: '6 nhiệm vụ quá hạn, nhiều
    nhất ở Thủ tục hành chính', '4 nhiệm vụ quá hạn ở 4 lĩnh vực', '2 nhiệm vụ quá hạn, đều ở
    Thể chế', '5 nhiệm vụ quá hạn, nhiều nhất ở Thể chế và Chế độ công vụ'."""
    text = f"{fmt.number(s.total)} nhiệm vụ quá hạn"
    if s.groups == 1:
        return text + (f", đều ở {s.leaders[0]}" if s.total > 1 else f" ở {s.leaders[0]}")
    if len(s.leaders) == s.groups:
        return text + f" ở {fmt.number(s.groups)} {noun}"
    if len(s.leaders) > 2:
        return text + f", nhiều nhất ở {fmt.number(len(s.leaders))} {noun}"
    return text + f", nhiều nhất ở {joined(s.leaders)}"


def completion_takeaway(h: dict, by_area: pd.DataFrame) -> str:
    """'29/64 nhiệm vụ đã hoàn thành (45,3%); 6 quá hạn, nhiều nhất ở Thủ tục hành chính (2).'
    A tie is said as one: '…; 4 quá hạn, mỗi lĩnh vực 1: Thể chế, …và Chế độ công vụ.'"""
    text = (
        f"{fmt.number(h['done'])}/{fmt.number(h['with_deadline'])} nhiệm vụ đã hoàn thành "
        f"({fmt.percent(h['done_rate'])})"
    )
    if h["overdue"]:
        where = where_most(spread(by_area, "overdue", AREA_SHORT), "lĩnh vực")
        text += f"; {fmt.number(h['overdue'])} quá hạn" + (f", {where}" if where else "")
    else:
        text += "; không có nhiệm vụ quá hạn"
    return text + "."


def completion_title(h: dict, by_area: pd.DataFrame) -> str:
    """'Hoàn thành 45,3%; 6 nhiệm vụ quá hạn, nhiều nhất ở Thủ tục hành chính'."""
    text = f"Hoàn thành {fmt.percent(h['done_rate'])}"
    if not h["overdue"]:
        return text + ", không có nhiệm vụ quá hạn"
    s = spread(by_area, "overdue", AREA_SHORT)
    s = Spread(int(h["overdue"]), s.groups, s.top, s.leaders)
    return text + "; " + overdue_phrase(s, "lĩnh vực")


def overdue_takeaway(by_department: pd.DataFrame, unit: str | None = None) -> str:
    """Which lead departments have the overdue tasks: 'Nhiều nhiệm vụ quá hạn nhất: P. Văn hóa –
    Xã hội (2).', a tie said as one."""
    s = spread(by_department, "overdue", _department_names(by_department, unit))
    if not s.total:
        return "Không phòng, đơn vị nào có nhiệm vụ quá hạn."
    if s.groups == 1:
        return f"Nhiệm vụ quá hạn {where_most(s, 'đơn vị')} ({fmt.number(s.total)})."
    if len(s.leaders) == 1:
        return f"Nhiều nhiệm vụ quá hạn nhất: {s.leaders[0]} ({fmt.number(s.top)})."
    if len(s.leaders) == s.groups:
        return (
            f"{fmt.number(s.groups)} phòng, đơn vị cùng có {fmt.number(s.top)} nhiệm vụ quá hạn: "
            f"{joined(s.leaders)}."
        )
    return f"Nhiều nhiệm vụ quá hạn nhất: {joined(s.leaders)} ({fmt.number(s.top)} mỗi đơn vị)."


def overdue_title(by_department: pd.DataFrame, unit: str | None = None) -> str:
    """'6 nhiệm vụ quá hạn, nhiều nhất ở P. Văn hóa – Xã hội'."""
    s = spread(by_department, "overdue", _department_names(by_department, unit))
    if not s.total:
        return "Không có nhiệm vụ quá hạn"
    return overdue_phrase(s, "đơn vị")


def _department_names(counts: pd.DataFrame, unit: str | None) -> dict[str, str]:
    return {g: department_short(g, unit) for g in counts["grp"].dropna().unique()}


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


def trend_title(trend: pd.DataFrame) -> str:
    """'Chậm hơn tiến độ lý tưởng 9,4 điểm phần trăm (Quý III)'."""
    if trend.empty:
        return "Chưa có kỳ nào để so với tiến độ lý tưởng"
    last = trend.iloc[-1]
    gap = (last["ideal"] - last["rate"]) * 100
    if abs(gap) < 0.05:
        return f"Đúng tiến độ lý tưởng ({last['label']})"
    side = "Chậm hơn" if gap > 0 else "Nhanh hơn"
    return f"{side} tiến độ lý tưởng {fmt.number(abs(gap), 1)} điểm phần trăm ({last['label']})"


def index_finding(info: indexview.IndexInfo, headline: pd.Series) -> str:
    """A slide title for an index: 'PAR 2025: 88,70, tăng 3,30 điểm, chưa đạt mục tiêu 90'.
    PCI is named as the province's."""
    value, _ = indexview.headline(headline)
    who = f"{info.code} của tỉnh" if info.code == "PCI" else info.code
    text = f"{who} {indexview.period_text(headline['period'])}: {value}{info.suffix}"
    if pd.notna(headline["previous_score"]):
        delta = headline["score"] - headline["previous_score"]
        if abs(delta) >= 0.005:
            verb = "tăng" if delta > 0 else "giảm"
            since = indexview.period_text(headline["previous_period"])
            text += f", {verb} {fmt.number(abs(delta), 2)} so với {since}"
    if info.target is not None:
        reached = headline["score"] >= info.target
        text += f", {'đạt' if reached else 'chưa đạt'} mục tiêu {fmt.number(info.target)}"
        text += info.suffix
    return text


def index_takeaway(info: indexview.IndexInfo, headline: pd.Series) -> str:
    value, change = indexview.headline(headline)
    text = (
        f"{info.code} {indexview.period_text(headline['period'])}: {value}{info.suffix} ({change})"
    )
    if info.target is not None:
        below = headline["score"] < info.target
        text += f", {'dưới' if below else 'đạt'} mục tiêu {fmt.number(info.target)}{info.suffix}"
    return text + "."


def _done_rates(matrix: pd.DataFrame) -> pd.DataFrame:
    """Per lead department: tasks done, tasks, and the share done."""
    per = matrix.groupby("department")[["done", "total"]].sum()
    per = per[per["total"] > 0]
    return per.assign(rate=per["done"] / per["total"])


def _ends(per: pd.DataFrame) -> tuple[list[str], list[str]]:
    """The departments sharing the highest share done, and those sharing the lowest."""
    best = per.index[per["rate"] == per["rate"].max()].tolist()
    worst = per.index[per["rate"] == per["rate"].min()].tolist()
    return best, worst


def heatmap_takeaway(matrix: pd.DataFrame) -> str:
    """The lead departments with the highest and the lowest share of their tasks done, all of
    them when tied: 'Hoàn thành cao nhất: A (11/22) và B (5/10); thấp nhất: C (0/3).'"""
    per = _done_rates(matrix)
    if per.empty:
        return ""

    def named(codes: list[str]) -> str:
        return joined(
            [
                f"{department_short(c)} ({int(per.loc[c, 'done'])}/{int(per.loc[c, 'total'])})"
                for c in codes
            ]
        )

    best, worst = _ends(per)
    if set(best) == set(worst):
        return f"Đã hoàn thành: {named(best)}."
    return f"Hoàn thành cao nhất: {named(best)}; thấp nhất: {named(worst)}."


def heatmap_title(matrix: pd.DataFrame) -> str:
    """'P. Kinh tế, HT và ĐT hoàn thành tỷ lệ cao nhất (50,0%), TT Cung ứng DVSNC thấp nhất
    (12,5%)'; a tie counted: '2 đơn vị cùng hoàn thành cao nhất (50,0%), 2 đơn vị chưa hoàn
    thành nhiệm vụ nào'."""
    per = _done_rates(matrix)
    if per.empty:
        return "Chưa có nhiệm vụ nào"
    best, worst = _ends(per)
    top, low = fmt.percent(per["rate"].max()), per["rate"].min()
    if set(best) == set(worst):
        return f"Các phòng, đơn vị cùng hoàn thành {top} nhiệm vụ chủ trì"

    def who(codes: list[str]) -> str:
        return department_short(codes[0]) if len(codes) == 1 else f"{len(codes)} đơn vị"

    high = f"{who(best)} {'cùng ' if len(best) > 1 else ''}hoàn thành tỷ lệ cao nhất ({top})"
    if low == 0:
        return f"{high}, {who(worst)} chưa hoàn thành nhiệm vụ nào"
    return f"{high}, {who(worst)} thấp nhất ({fmt.percent(low)})"


def timeline_title(h: dict) -> str:
    """'4 nhiệm vụ quá hạn, 2 nhiệm vụ đến hạn trong 30 ngày tới'."""
    return (
        f"{fmt.number(h['overdue'])} nhiệm vụ quá hạn, {fmt.number(h['due_30'])} nhiệm vụ đến "
        "hạn trong 30 ngày tới"
    )


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


def over_time_title(counts: pd.DataFrame) -> str:
    """'Đã hoàn thành 11 nhiệm vụ (Quý I) → 29 (Quý III)'."""
    if counts.empty:
        return "Chưa có kỳ nào"
    done = counts[counts["status"].isin(["done_on_time", "done_late"])]
    per = done.groupby("label", sort=False)["n"].sum()
    labels = list(dict.fromkeys(counts["label"]))
    first, last = labels[0], labels[-1]
    if first == last:
        return f"Đã hoàn thành {fmt.number(per.get(last, 0))} nhiệm vụ ({last})"
    return (
        f"Đã hoàn thành {fmt.number(per.get(first, 0))} nhiệm vụ ({first}) → "
        f"{fmt.number(per.get(last, 0))} ({last})"
    )


def _worst_part(parts: pd.DataFrame) -> tuple[pd.Series, bool]:
    """The part losing most points (True) or, without maxima, scoring lowest (False)."""
    if parts["max_score"].notna().all():
        lost = parts.assign(lost=parts["max_score"] - parts["score"])
        return lost.loc[lost["lost"].idxmax()], True
    return parts.loc[parts["score"].idxmin()], False


def parts_finding(info: indexview.IndexInfo, parts: pd.DataFrame, period: str) -> str:
    """A slide title: 'PAR 2025 mất nhiều điểm nhất ở Cải cách thủ tục hành chính'."""
    if parts.empty:
        return f"{info.code}: chưa có điểm thành phần"
    worst, has_max = _worst_part(parts)
    what = "mất nhiều điểm nhất ở" if has_max else "thấp nhất ở"
    return f"{info.code} {indexview.period_text(period)} {what} {worst['name']}"


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
    h = c.query("headline", c.scope)
    return Slide(
        "area",
        completion_title(h, counts),
        charts.status_bars(counts, "area", f"Tiến độ theo lĩnh vực — {c.label}"),
        completion_takeaway(h, counts),
        "Tiến độ theo lĩnh vực",
    )


def _department(c: Context) -> Slide:
    """Only the overdue tasks, per lead department: the slide is about them."""
    counts = c.query("status_counts", c.scope, "department")
    late = counts[(counts["status"] == "overdue") & (counts["n"] > 0)]
    return Slide(
        "department",
        overdue_title(counts, c.unit),
        charts.status_bars(
            late if len(late) else counts.iloc[0:0],
            "department",
            f"Nhiệm vụ quá hạn theo phòng chủ trì — {c.label}",
            unit=c.unit,
        ),
        overdue_takeaway(counts, c.unit),
        "Nhiệm vụ quá hạn theo phòng chủ trì",
    )


def _heatmap(c: Context) -> Slide:
    matrix = c.query("done_matrix", c.scope)
    title = f"Nhiệm vụ đã hoàn thành theo phòng chủ trì và lĩnh vực — {c.label}"
    return Slide(
        "heatmap",
        heatmap_title(matrix),
        charts.done_heatmap(matrix, title, c.unit),
        heatmap_takeaway(matrix),
        "Hoàn thành theo phòng chủ trì và lĩnh vực",
    )


def _trend(c: Context) -> Slide:
    trend = c.query("completion_trend", c.scope, c.scope.as_of)
    return Slide(
        "trend",
        trend_title(trend),
        charts.completion_trend(trend, f"Hoàn thành so với tiến độ lý tưởng — năm {c.scope.year}"),
        trend_takeaway(trend),
        "Hoàn thành so với tiến độ lý tưởng",
    )


def procedures_title(summary, targets: pd.DataFrame) -> str:
    """'Tháng 9/2026: đúng hạn 99,2%, trực tuyến 72,8% (mục tiêu 80%)'."""
    from cchc.procedure_queries import RATE_SHORT

    f = summary.current
    goals = {} if targets.empty else targets.set_index("rate")["target"].to_dict()
    parts = []
    for rate in ("on_time_rate", "online_rate"):
        value = f.rate(rate)
        if value is None:
            continue
        text = f"{RATE_SHORT[rate]} {fmt.percent(value)}"
        goal = goals.get(rate)
        if goal is not None and goal == goal and value * 100 < goal:
            text += f" (mục tiêu {fmt.number(goal)}%)"
        parts.append(text)
    return f"{f.label}: " + ", ".join(parts) if parts else f"Thủ tục hành chính — {f.label}"


def _procedures(c: Context) -> Slide:
    """The one-stop desk's rates month by month against the plan's targets (issue #15)."""
    from cchc import procedure_charts, procedure_queries

    year, as_of = c.scope.year, c.scope.as_of
    trend = c.query("procedure_queries.trend", c.unit, as_of, year)
    targets = c.query("procedure_queries.plan_targets", c.unit, year)
    summary = c.query("procedure_queries.procedure_summary", c.unit, as_of, as_of)
    sentences = procedure_queries.procedure_sentences(summary, targets)
    topic = f"Giải quyết thủ tục hành chính qua các tháng — năm {year}"
    return Slide(
        "procedures",
        procedures_title(summary, targets),
        procedure_charts.rates_trend(trend, targets, topic),
        sentences[min(2, len(sentences) - 1)],  # the online rate, the one plans push
        topic,
    )


def _criteria(c: Context) -> Slide:
    """The PAR INDEX points the late tasks put at risk, by area (issue #17)."""
    from cchc import criteria_view

    risk = c.query("criteria_queries.risk_total", c.scope)
    by_area = c.query("criteria_queries.risk_by_area", c.scope)
    first = c.query("criteria_queries.act_first", c.scope, 3)
    missing = c.query("criteria_queries.missing_evidence", c.unit, c.scope.year)
    topic = f"Điểm PAR INDEX có nguy cơ bị trừ theo lĩnh vực — {c.label}"
    return Slide(
        "criteria",
        criteria_view.slide_title(risk, by_area),
        criteria_view.risk_figure(by_area, topic),
        criteria_view.slide_takeaway(risk, first, len(missing)),
        topic,
    )


def _over_time(c: Context) -> Slide:
    counts = c.query("status_over_time", c.scope, c.scope.as_of)
    return Slide(
        "over_time",
        over_time_title(counts),
        charts.status_over_time(counts, f"Trạng thái qua các kỳ — năm {c.scope.year}"),
        over_time_takeaway(counts),
        "Trạng thái nhiệm vụ qua các kỳ",
    )


def _timeline(c: Context) -> Slide:
    tasks = c.query("task_status", c.scope)
    title = f"Thời hạn các nhiệm vụ theo lĩnh vực — {c.label}"
    h = c.query("headline", c.scope)
    return Slide(
        "timeline",
        timeline_title(h),
        charts.timeline(tasks, c.scope.as_of, c.scope.year, title),
        timeline_takeaway(h),
        "Thời hạn các nhiệm vụ",
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
        # only the periods that ended by the as-of date: a Q3 deck has no October score
        scores = c.query("index_scores", c.unit, info.code, c.scope.as_of)
        heads = c.query("index_headlines", c.unit, c.scope.as_of).set_index("index")
        return Slide(
            f"index-{info.code}",
            index_finding(info, heads.loc[info.code]),
            index_trend_figure(info, scores, c.unit),
            index_takeaway(info, heads.loc[info.code]),
            info.title,
        )

    return build


def _index_parts(info: indexview.IndexInfo) -> Callable[[Context], Slide]:
    def build(c: Context) -> Slide:
        scores = c.query("index_scores", c.unit, info.code, c.scope.as_of)
        period, parts = indexview.latest_parts(scores)
        what = "theo lĩnh vực" if info.code == "PAR" else "theo thành phần"
        return Slide(
            f"parts-{info.code}",
            parts_finding(info, parts, period),
            charts.index_breakdown(
                parts,
                f"{info.title} {what} — {indexview.period_text(period)}",
                info.target if info.code == "SIPAS" else None,
                info.suffix,
                indexview.reference_parts(scores, period),
            ),
            parts_takeaway(info, parts, period),
            f"{info.title} {what} — {indexview.period_text(period)}",
        )

    return build


PLAN_CHARTS: dict[str, tuple[str, str, Callable[[Context], Slide]]] = {
    "area": ("Tiến độ theo lĩnh vực", "Tổng quan", _area),
    "department": ("Nhiệm vụ quá hạn theo phòng chủ trì", "Tổng quan", _department),
    "heatmap": ("Hoàn thành theo phòng chủ trì và lĩnh vực", "Tổng quan", _heatmap),
    "trend": ("Hoàn thành so với tiến độ lý tưởng", "Tổng quan", _trend),
    "over_time": ("Trạng thái qua các kỳ", "Theo lĩnh vực, phòng", _over_time),
    "timeline": ("Thời hạn các nhiệm vụ", "Tiến độ theo thời gian", _timeline),
}
DEFAULT_PLAN = ["area", "department", "trend"]


def _builders(
    query: Callable[..., object], unit: str, as_of: date | None = None
) -> dict[str, tuple[str, str, Callable]]:
    """Every chart that can go into the deck for a unit: the plan's, and each index's that has
    data (a period that ended by `as_of`, when given)."""
    found = {k: v for k, v in PLAN_CHARTS.items()}
    heads = query("index_headlines", unit, as_of)
    present = set(heads["index"]) if not heads.empty else set()
    if query("procedure_queries.procedure_summary", unit, as_of or date.max, as_of) is not None:
        found["procedures"] = ("Giải quyết thủ tục hành chính", "Thủ tục hành chính", _procedures)
    if not query("criteria_queries.criteria", unit, (as_of or today()).year).empty:
        found["criteria"] = ("Điểm PAR INDEX có nguy cơ bị trừ", "Tiêu chí PAR INDEX", _criteria)
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


def catalogue(query: Callable[..., object], unit: str, as_of: date | None = None) -> list[Choice]:
    """The charts a presenter can choose from, in the order of the pages they come from (an
    index only when it has a period that ended by `as_of`)."""
    found = _builders(query, unit, as_of)
    return [Choice(k, name, page) for k, (name, page, _) in found.items()]


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


def _chosen(builders: dict, keys: list[str] | None) -> list[str]:
    return [k for k in (keys if keys else _default(list(builders))) if k in builders]


def deck_keys(context: Context, keys: list[str] | None = None) -> list[str]:
    """The chosen charts that can be built (the default deck when none are chosen)."""
    return _chosen(_builders(context.query, context.unit, context.scope.as_of), keys)


def slide(context: Context, key: str) -> Slide:
    """One slide of the deck (the projector shows one at a time: it builds only that one)."""
    return _builders(context.query, context.unit, context.scope.as_of)[key][2](context)


def deck(context: Context, keys: list[str] | None = None) -> list[Slide]:
    """The slides for the chosen charts (the default deck when none are chosen)."""
    builders = _builders(context.query, context.unit, context.scope.as_of)
    return [builders[k][2](context) for k in _chosen(builders, keys)]
