"""What the periodic report shows, read once through `query` (the dashboard's queries, so the
report says exactly what the pages say), and the periods it names."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

import pandas as pd

from cchc import fmt, indexview, tasklist
from cchc.filters import Filters
from cchc.periods import ROMAN_UP, month_end
from cchc.vocab import STATUSES

DONE = ("done_on_time", "done_late")
OPEN_IN_TIME = ("in_progress", "not_started", "no_report")  # not done, deadline not passed

Progress = Callable[[float, str], None]


# --- Periods ---------------------------------------------------------------------------------


def period_text(filters: Filters) -> str:
    """How the report's title names its period: 'quý III năm 2026', '6 tháng đầu năm 2026'."""
    year = filters.year
    if filters.period == "Q1":
        return f"quý I năm {year}"
    if filters.period == "Q2":
        return f"6 tháng đầu năm {year}"
    if filters.period == "Q3":
        return f"quý III năm {year}"
    if filters.period in ("Q4", "year"):
        return f"năm {year}"
    return f"năm {year} (tính đến ngày {fmt.day(filters.as_of)})"


def period_start(filters: Filters) -> date:
    """The first day of the period the report covers (what counts as done 'in the period')."""
    if filters.period == "Q3":
        return date(filters.year, 7, 1)
    return date(filters.year, 1, 1)  # quý I, 6 months, the year, or the year so far


@dataclass(frozen=True)
class NextPeriod:
    """The window whose deadlines the next period must meet; `start` None = all unfinished."""

    label: str
    start: date | None
    end: date


def next_period(filters: Filters) -> NextPeriod:
    """Q1 -> quý II, Q2 -> quý III, Q3 -> quý IV; a year report carries on the unfinished tasks;
    a report to a date looks to the end of the quarter after it."""
    year = filters.year
    if filters.period in ("Q1", "Q2", "Q3"):
        q = int(filters.period[1]) + 1
        return NextPeriod(
            f"quý {ROMAN_UP[q]} năm {year}",
            month_end(year, 3 * q - 3) + timedelta(days=1),
            month_end(year, 3 * q),
        )
    start = filters.as_of + timedelta(days=1)
    if filters.period in ("Q4", "year") or start.year > year:
        return NextPeriod(f"năm {year + 1}", None, date(year, 12, 31))
    end = month_end(year, 3 * ((start.month - 1) // 3 + 1))
    return NextPeriod(f"thời gian từ {fmt.day(start)} đến {fmt.day(end)}", start, end)


# --- Data ------------------------------------------------------------------------------------


@dataclass
class CriteriaRisk:
    """The PAR INDEX points the late tasks put at risk and the evidence still missing."""

    risk: dict
    by_area: pd.DataFrame
    first: pd.DataFrame  # the tasks to act on first
    missing: pd.DataFrame  # evidence items still missing


@dataclass
class Data:
    """Everything the report shows, read once through `query`."""

    filters: Filters
    today: date
    demo: bool
    loaded_at: object
    headline: dict
    by_area: pd.DataFrame
    by_dept: pd.DataFrame
    tasks: pd.DataFrame
    trend: pd.DataFrame
    calendar: pd.DataFrame
    missing: list[str]
    index_heads: pd.DataFrame
    index_scores: dict[str, pd.DataFrame] = field(default_factory=dict)
    procedures: list[str] = field(default_factory=list)  # the one-stop desk's figures
    criteria: CriteriaRisk | None = None  # PAR INDEX points at risk (issue #17), when set up

    @property
    def when(self) -> str:
        return period_text(self.filters)

    def _in(self, frame: pd.DataFrame, area: str | None) -> pd.DataFrame:
        return frame if area is None else frame[frame["area"] == area]

    def done_in_period(self, area: str | None = None) -> pd.DataFrame:
        """Tasks done within the report's period (the as-of rule: by its as-of date)."""
        t = self.tasks
        done = t[t["status"].isin(DONE)]
        completed = pd.to_datetime(done["completed_on"]).dt.date
        done = done[completed.notna() & (completed >= period_start(self.filters))]
        return self._in(done, area)

    def overdue(self, area: str | None = None) -> pd.DataFrame:
        return self._in(tasklist.overdue(self.tasks, self.filters.as_of), area)

    def open_in_time(self, area: str | None = None) -> pd.DataFrame:
        """Tasks with a deadline not passed yet and not done: in progress, not started or not
        reported, nearest deadline first."""
        t = self.tasks
        rows = t[t["status"].isin(OPEN_IN_TIME) & ~t["continuous"].astype(bool)]
        return self._in(rows.sort_values(["deadline", "seq"], na_position="last"), area)

    def due_next(self, nxt: NextPeriod) -> pd.DataFrame:
        """Unfinished tasks the next period must finish: every open task whose deadline comes
        by its end (a task due on the as-of date itself included: it is not overdue yet, and
        not done either)."""
        rows = self.open_in_time()
        deadline = pd.to_datetime(rows["deadline"]).dt.date
        return rows[deadline.notna() & (deadline <= nxt.end)]

    def period_reports(self) -> pd.DataFrame:
        """The calendar rows of the reporting period the filters check."""
        cal = self.calendar
        if cal.empty:
            return cal
        return cal[cal["period_end"] == self.filters.report_period_end]

    def heads(self, level: str = "unit") -> list[tuple[indexview.IndexInfo, pd.Series]]:
        """The latest figure of each index measured at `level` ('unit' or 'province')."""
        if self.index_heads.empty:
            return []
        by_code = self.index_heads.set_index("index")
        return [
            (i, by_code.loc[i.code])
            for i in indexview.INDICES
            if i.code in by_code.index and i.level == level
        ]

    def parts(self, code: str) -> tuple[str, pd.DataFrame]:
        """The latest period's top-level parts of an index (areas, groups) with their maxima."""
        scores = self.index_scores.get(code)
        if scores is None or scores.empty:
            return "", pd.DataFrame()
        period, parts = indexview.latest_parts(scores)
        return period, parts[parts["score"].notna()]

    def weakest_part(self) -> tuple[indexview.IndexInfo, str, pd.Series] | None:
        """The part of the first index (PAR INDEX first) with maxima that lost the most points."""
        for info in indexview.INDICES:
            period, parts = self.parts(info.code)
            parts = parts[parts["max_score"].notna()] if len(parts) else parts
            if parts.empty:
                continue
            lost = parts["max_score"] - parts["score"]
            return info, period, parts.loc[lost.idxmax()]
        return None


def gather(query: Callable[..., object], filters: Filters, today: date, step: Progress) -> Data:
    """Every figure of the report, as known on the report's as-of date."""
    scope = filters.scope
    step(0.05, "Đang đọc số liệu kế hoạch…")
    data = Data(
        filters=filters,
        today=today,
        demo=bool(query("is_demo", filters.unit)),
        loaded_at=query("last_loaded_at", filters.unit),
        headline=query("headline", scope),
        by_area=query("status_counts", scope, "area"),
        by_dept=query("status_counts", scope, "department"),
        tasks=query("task_status", scope),
        # the checkpoints up to the report's own date: Q1, 6 tháng, Q3… (not beyond it)
        trend=query("completion_trend", scope, filters.as_of),
        calendar=pd.DataFrame(),
        missing=[],
        index_heads=pd.DataFrame(),
    )
    step(0.2, "Đang đọc tình hình báo cáo của các phòng, đơn vị…")
    data.calendar = query("report_calendar", filters.unit, filters.year, filters.as_of)
    if filters.report_period_end.year == filters.year:  # else no period of this plan has ended
        data.missing = list(query("missing_reports", scope, filters.report_period_end))
    step(0.3, "Đang đọc kết quả các chỉ số…")
    data.index_heads = query("index_headlines", filters.unit, filters.as_of)
    for code in data.index_heads["index"] if not data.index_heads.empty else []:
        data.index_scores[code] = query("index_scores", filters.unit, code, filters.as_of)
    if not query("criteria_queries.criteria", filters.unit, filters.year).empty:
        data.criteria = CriteriaRisk(
            query("criteria_queries.risk_total", scope),
            query("criteria_queries.risk_by_area", scope),
            query("criteria_queries.act_first", scope, 10),
            query("criteria_queries.missing_evidence", filters.unit, filters.year),
        )
    period = procedure_period(filters)
    if period is not None:
        data.procedures = list(
            query("procedure_sentences", filters.unit, period, filters.year, filters.as_of)
        )
    return data


def procedure_period(filters: Filters) -> str | None:
    """The procedure statistics a report states: its quarter (6 months for the half-year
    report), else the year from January to the last month ended by the as-of date."""
    year = filters.year
    if filters.period in ("Q1", "Q3"):
        return f"{year}-{filters.period}"
    if filters.period == "Q2":
        return f"{year}-H1"
    as_of = filters.as_of
    end = (
        as_of
        if as_of == month_end(as_of.year, as_of.month)
        else as_of.replace(day=1) - timedelta(1)
    )
    if end.year != year:
        return None
    return str(year) if end == date(year, 12, 31) else f"{year}-01-01..{end.isoformat()}"


def area_rows(by_area: pd.DataFrame) -> pd.DataFrame:
    """Per area: tasks, done, open within the deadline, overdue, continuous and the completion
    rate (done over the tasks that are not continuous — the rule of `queries.headline`)."""
    wide = by_area.pivot_table(index="grp", columns="status", values="n", aggfunc="sum")
    wide = wide.reindex(columns=list(STATUSES), fill_value=0).fillna(0).astype(int)
    order = list(dict.fromkeys(by_area["grp"]))
    wide = wide.reindex(order)
    out = pd.DataFrame(
        {
            "tasks": wide.sum(axis=1),
            "done": wide[list(DONE)].sum(axis=1),
            "open": wide[list(OPEN_IN_TIME)].sum(axis=1),
            "overdue": wide["overdue"],
            "continuous": wide["continuous"],
        }
    )
    out = out[out["tasks"] > 0]
    with_deadline = out["tasks"] - out["continuous"]
    out["with_deadline"] = with_deadline
    out["rate"] = (out["done"] / with_deadline.where(with_deadline > 0)).astype(float)
    return out
