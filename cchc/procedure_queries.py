"""Every read query about procedures (TTHC): the one-stop system's statistics as loaded
(`v_procedure_stats`), their rates, the plan's targets for them, and the sentences the page,
the periodic report and the deck say about them.

Rates (each None when its denominator is 0 or unknown):
- on-time rate = (resolved early + on time) / resolved;
- online rate = new online / new (online + in person or by post);
- digitisation rate = digitised / received;
- late = resolved late + pending past the deadline.

The as-of rule: a figure for as-of D uses only periods that ended on or before D. A span with
no file of its own (a quarter when the unit sends monthly files) is summed from the files of
the shorter periods that tile it: flows add up, the carried-over count is the first one's, the
pending counts the last one's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

import duckdb
import pandas as pd

from cchc import fmt
from cchc.period_spans import previous_span, span_code, span_label, span_of
from cchc.periods import today
from cchc.text import fold

Con = duckdb.DuckDBPyConnection

COUNTS = (
    "received",
    "carried_over",
    "new_online",
    "new_offline",
    "resolved",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "pending",
    "pending_within",
    "pending_late",
    "paid_online",
    "digitised",
)
FLOWS = ("new_online", "new_offline", "resolved", "resolved_early", "resolved_on_time")
FLOWS += ("resolved_late", "paid_online", "digitised")
STOCK_END = ("pending", "pending_within", "pending_late")
# What each rate is called, and the words of a plan task whose percentage is its target.
RATES = {
    "on_time_rate": "Tỷ lệ giải quyết đúng hạn, trước hạn",
    "online_rate": "Tỷ lệ hồ sơ tiếp nhận trực tuyến",
    "digitised_rate": "Tỷ lệ hồ sơ được số hóa",
}
RATE_SHORT = {"on_time_rate": "đúng hạn", "online_rate": "trực tuyến", "digitised_rate": "số hóa"}
TARGET_AREAS = ("procedures", "digital")
_PERCENT = re.compile(r"(\d{1,3}(?:[.,]\d+)?)\s*%")


@dataclass
class Figures:
    """The counts of one unit for one period, with its rates."""

    period: str
    start: date
    end: date
    counts: dict[str, int | None] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return span_label(self.period)

    def get(self, name: str) -> int | None:
        return self.counts.get(name)

    @property
    def new(self) -> int | None:
        a, b = self.get("new_online"), self.get("new_offline")
        return None if a is None or b is None else a + b

    @property
    def in_time(self) -> int | None:
        early, on_time = self.get("resolved_early"), self.get("resolved_on_time")
        if early is not None and on_time is not None:
            return early + on_time
        resolved, late = self.get("resolved"), self.get("resolved_late")
        return None if resolved is None or late is None else resolved - late

    @property
    def late(self) -> int | None:
        parts = [self.get("resolved_late"), self.get("pending_late")]
        return None if all(p is None for p in parts) else sum(p or 0 for p in parts)

    def rate(self, name: str) -> float | None:
        num, den = {
            "on_time_rate": (self.in_time, self.get("resolved")),
            "online_rate": (self.get("new_online"), self.new),
            "digitised_rate": (self.get("digitised"), self.get("received")),
        }[name]
        return None if num is None or not den else num / den


# --- reading ---------------------------------------------------------------------------------


def procedure_rows(con: Con, unit: str, as_of: date | None = None) -> pd.DataFrame:
    """Every loaded row of a unit's statistics (one per field or procedure and period) whose
    period ended by `as_of` (every one when None), oldest period first."""
    return con.execute(
        f"""
        SELECT period, period_start, period_end, field, procedure, {", ".join(COUNTS)}
        FROM v_procedure_stats
        WHERE unit = $unit AND ($as_of IS NULL OR period_end <= $as_of)
        ORDER BY period_end, period_start DESC, field, procedure
        """,
        {"unit": unit, "as_of": as_of},
    ).df()


def has_procedures(con: Con, unit: str) -> bool:
    row = con.execute("SELECT count(*) FROM v_procedure_stats WHERE unit = ?", [unit]).fetchone()
    return bool(row and row[0])


def _period_totals(rows: pd.DataFrame) -> dict[str, Figures]:
    """Each period's figures: its rows summed (a column the file lacks stays None)."""
    out: dict[str, Figures] = {}
    for period, part in rows.groupby("period", sort=False):
        counts = {c: (None if part[c].isna().all() else int(part[c].sum())) for c in COUNTS}
        start, end = part["period_start"].iloc[0], part["period_end"].iloc[0]
        out[str(period)] = Figures(str(period), _day(start), _day(end), counts)
    return out


def _day(value: object) -> date:
    return value.date() if hasattr(value, "date") else value  # type: ignore[return-value]


def _tiled(totals: dict[str, Figures], start: date, end: date) -> list[Figures] | None:
    """Files of shorter periods that cover [start, end] exactly, one after another."""
    inside = sorted(
        (f for f in totals.values() if f.start >= start and f.end <= end),
        key=lambda f: (f.start, f.end),
    )
    chain, at = [], start
    for f in inside:
        if f.start == at:
            chain.append(f)
            at = f.end + timedelta(days=1)
    return chain if chain and at == end + timedelta(days=1) else None


def _combined(code: str, parts: list[Figures]) -> Figures:
    counts: dict[str, int | None] = {}
    for c in COUNTS:
        values = [p.get(c) for p in parts]
        if c in FLOWS:
            counts[c] = None if any(v is None for v in values) else sum(values)  # type: ignore[arg-type]
        elif c == "carried_over":
            counts[c] = values[0]
        elif c in STOCK_END:
            counts[c] = values[-1]
    carried, new = counts["carried_over"], None
    if all(p.new is not None for p in parts):
        new = sum(p.new for p in parts)  # type: ignore[misc]
    counts["received"] = None if carried is None or new is None else carried + new
    return Figures(code, parts[0].start, parts[-1].end, counts)


def figures_for(totals: dict[str, Figures], code: str) -> Figures | None:
    """A period's figures: its own file's, else summed from the files that tile it."""
    if code in totals:
        return totals[code]
    span = span_of(code)
    if span is None:
        return None
    parts = _tiled(totals, *span)
    return _combined(code, parts) if parts else None


def period_figures(con: Con, unit: str, as_of: date | None = None) -> list[Figures]:
    """The figures of every loaded period that ended by `as_of`, oldest first."""
    totals = _period_totals(procedure_rows(con, unit, as_of))
    return sorted(totals.values(), key=lambda f: (f.end, f.start))


def trend(con: Con, unit: str, as_of: date, year: int | None = None) -> pd.DataFrame:
    """Month by month (else period by period, when the unit sends no monthly files): the
    counts and the three rates, for the periods that ended by `as_of` (of `year` when given).
    Columns: period, label, start, end, the counts, in_time, late, the rates."""
    figures = [f for f in period_figures(con, unit, as_of) if year is None or f.end.year == year]
    months = [
        f for f in figures if len(f.period) == 7 and f.period[4] == "-" and "Q" not in f.period
    ]
    months = [f for f in months if f.period[5:].isdigit()]
    chosen = months or figures
    rows = []
    for f in chosen:
        row = {"period": f.period, "label": short_label(f), "start": f.start, "end": f.end}
        row.update(f.counts)
        row.update({"in_time": f.in_time, "late": f.late})
        row.update({r: f.rate(r) for r in RATES})
        rows.append(row)
    columns = ["period", "label", "start", "end", *COUNTS, "in_time", "late", *RATES]
    return pd.DataFrame(rows, columns=columns)


def short_label(f: Figures) -> str:
    """'T10/2026' for a month (an axis label), else the period's label."""
    if f.period[5:].isdigit() and len(f.period) == 7:
        return f"T{int(f.period[5:])}/{f.period[:4]}"
    return f.label


def late_by_field(con: Con, unit: str, start: date, end: date, as_of: date) -> pd.DataFrame:
    """Fields by their late dossiers (resolved late + pending past the deadline, each
    period's own) over the periods inside [start, end] that ended by `as_of`, most first;
    one grain only (months when the unit sends them), so no dossier is counted twice.
    Columns: field, resolved_late, pending_late, late, resolved."""
    rows = procedure_rows(con, unit, as_of)
    rows = rows[
        (rows["period_start"] >= pd.Timestamp(start)) & (rows["period_end"] <= pd.Timestamp(end))
    ]
    columns = ["field", "resolved_late", "pending_late", "late", "resolved"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    months = rows[rows["period"].str.fullmatch(r"\d{4}-\d{2}")]
    rows = months if not months.empty else rows
    last = rows["period_end"].max()
    name = (
        rows["field"].where(rows["field"] != "", rows["procedure"]).replace("", "Tất cả lĩnh vực")
    )
    frame = pd.DataFrame(
        {
            "field": name,
            "resolved_late": rows["resolved_late"].fillna(0),
            # pending past the deadline is a stock: the latest period's, not a sum
            "pending_late": rows["pending_late"].where(rows["period_end"] == last, 0).fillna(0),
            "resolved": rows["resolved"].fillna(0),
        }
    )
    out = frame.groupby("field", as_index=False, sort=False).sum()
    out["late"] = out["resolved_late"] + out["pending_late"]
    out = out[out["late"] > 0].sort_values(["late", "field"], ascending=[False, True])
    return out[columns].astype({c: int for c in columns[1:]}).reset_index(drop=True)


# --- the plan's targets ----------------------------------------------------------------------


def target_rate(title: str) -> str | None:
    """Which rate a plan task's title sets a target for, by its words: dossiers resolved on
    time ('100% hồ sơ được giải quyết đúng hạn, trước hạn'), received online ('tỷ lệ hồ sơ …
    trực tuyến toàn trình đạt trên 80%'), digitised ('100% hồ sơ được số hóa'). Procedures
    provided online ('100% thủ tục … dịch vụ công trực tuyến') and online payment are not
    dossiers received online."""
    key = fold(title)
    if not _PERCENT.search(title) or not re.search(r"\bho so\b", key):
        return None
    if re.search(r"\bso hoa\b", key):
        return "digitised_rate"
    if re.search(r"\b(dung han|truoc han)\b", key):
        return "on_time_rate"
    if re.search(r"\btruc tuyen\b", key) and not re.search(r"\bthanh toan\b", key):
        return "online_rate"
    return None


def target_percent(title: str) -> float | None:
    """The percentage a title sets ('đạt trên 80%' -> 80.0)."""
    m = _PERCENT.search(title)
    return float(m.group(1).replace(",", ".")) if m else None


def plan_targets(con: Con, unit: str, year: int) -> pd.DataFrame:
    """The plan's tasks (areas: procedures, digital government) whose title sets a target for
    one of the rates, one per rate (the first in the plan). Columns: rate, code, title,
    target (percent), lead_department, deadline."""
    tasks = con.execute(
        """
        SELECT code, title, lead_department, deadline, area FROM v_tasks
        WHERE unit = ? AND plan_year = ? AND area IN ('procedures', 'digital')
        """,
        [unit, year],
    ).fetchall()
    found: dict[str, dict] = {}
    for code, title, lead, deadline, _area in sorted(tasks, key=lambda t: _code_key(t[0])):
        rate = target_rate(title)
        if rate and rate not in found:
            found[rate] = {
                "rate": rate,
                "code": code,
                "title": title,
                "target": target_percent(title),
                "lead_department": lead,
                "deadline": deadline,
            }
    columns = ["rate", "code", "title", "target", "lead_department", "deadline"]
    return pd.DataFrame([found[r] for r in RATES if r in found], columns=columns)


def _code_key(code: str) -> tuple:
    roman = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8}
    parts = code.split(".")
    return (roman.get(parts[0], 99), *[(int(p) if p.isdigit() else 0, p) for p in parts[1:]])


# --- the summary the overview, the report and the deck use ------------------------------------


@dataclass
class Summary:
    unit: str
    current: Figures
    previous: Figures | None

    @property
    def label(self) -> str:
        return self.current.label

    def change(self, rate: str) -> float | None:
        """The rate's change from the previous period, in percentage points."""
        if self.previous is None:
            return None
        now, before = self.current.rate(rate), self.previous.rate(rate)
        return None if now is None or before is None else (now - before) * 100


def procedure_summary(
    con: Con, unit: str, period_end_or_as_of: str | date, as_of: date | None = None
) -> Summary | None:
    """The unit's figures for a period and the period before it, or None when there are none.

    `period_end_or_as_of` is a period code ('2026-Q3', '2026-10') — its own file's figures, or
    summed from the files of shorter periods tiling it — or a date D: the latest loaded period
    that ended by D (a month before a quarter ending the same day). Only periods that ended by
    the as-of date count (`as_of`, else the period's end or D, never after today)."""
    if isinstance(period_end_or_as_of, str):
        span = span_of(period_end_or_as_of)
        if span is None:
            return None
        limit = min(as_of or span[1], today())
        totals = _period_totals(procedure_rows(con, unit, limit))
        current = figures_for(totals, span_code(*span))
    else:
        limit = min(as_of or period_end_or_as_of, period_end_or_as_of, today())
        totals = _period_totals(procedure_rows(con, unit, limit))
        latest = sorted(totals.values(), key=lambda f: (f.end, f.start), reverse=True)
        current = latest[0] if latest else None
    if current is None:
        return None
    before = previous_span(current.period)
    previous = figures_for(totals, before) if before else None
    return Summary(unit, current, previous)


def _pct(value: float | None) -> str:
    return fmt.percent(value, 1)


def _points(delta: float) -> str:
    sign = "tăng" if delta > 0 else "giảm"
    return f"{sign} {fmt.number(abs(delta), 1)} điểm %" if round(delta, 1) else "không đổi"


def procedure_sentences(
    summary: Summary | None, targets: pd.DataFrame | None = None, late: pd.DataFrame | None = None
) -> list[str]:
    """What the figures say, as Vietnamese sentences for the report and the slide:
    received and resolved, on time (with the late ones), online, digitised, each against the
    previous period and the plan's target where there is one; the fields with most late."""
    if summary is None:
        return ["Chưa có số liệu thống kê giải quyết thủ tục hành chính của kỳ này."]
    f, p = summary.current, summary.previous
    out = []
    received, resolved = f.get("received"), f.get("resolved")
    head = f"{f.label}: tiếp nhận {fmt.number(received)} hồ sơ"
    if f.get("carried_over") is not None and f.new is not None:
        head += (
            f" ({fmt.number(f.get('carried_over'))} kỳ trước chuyển qua, "
            f"{fmt.number(f.new)} mới tiếp nhận)"
        )
    head += f"; đã giải quyết {fmt.number(resolved)}"
    if f.get("pending") is not None:
        head += f", đang giải quyết {fmt.number(f.get('pending'))}"
        if f.get("pending_late"):
            head += f" (trong đó {fmt.number(f.get('pending_late'))} quá hạn)"
    out.append(head + ".")
    goals = {} if targets is None or targets.empty else targets.set_index("rate").to_dict("index")
    for rate in RATES:
        value = f.rate(rate)
        if value is None:
            continue
        text = _rate_sentence(rate, f, value)
        delta = summary.change(rate)
        if delta is not None and p is not None:
            text += f", {_points(delta)} so với {p.label} ({_pct(p.rate(rate))})"
        goal = goals.get(rate)
        if goal and goal["target"] is not None:
            gap = goal["target"] - value * 100
            verdict = (
                "đạt mục tiêu"
                if gap <= 0
                else f"còn thiếu {fmt.number(gap, 1)} điểm % so với mục tiêu"
            )
            text += (
                f"; {verdict} {fmt.number(goal['target'], 0)}% của kế hoạch "
                f"(nhiệm vụ {goal['code']})"
            )
        out.append(text + ".")
    if late is not None and not late.empty:
        top = ", ".join(
            f"{r.field} ({fmt.number(r.late)})" for r in late.head(3).itertuples(index=False)
        )
        out.append(f"Lĩnh vực có nhiều hồ sơ trễ hạn nhất: {top}.")
    return out


def period_sentences(
    con: Con, unit: str, period_end_or_as_of: str | date, year: int, as_of: date | None = None
) -> list[str]:
    """`procedure_sentences` for a period in one call (the report's and the deck's): the
    figures and the previous period's, the plan's targets of `year`, the late fields."""
    summary = procedure_summary(con, unit, period_end_or_as_of, as_of)
    if summary is None:
        return procedure_sentences(None)
    f = summary.current
    late = late_by_field(con, unit, f.start, f.end, min(as_of or f.end, today()))
    return procedure_sentences(summary, plan_targets(con, unit, year), late)


def _rate_sentence(rate: str, f: Figures, value: float) -> str:
    if rate == "on_time_rate":
        text = (
            f"Giải quyết đúng hạn, trước hạn {fmt.number(f.in_time)}/"
            f"{fmt.number(f.get('resolved'))} hồ sơ ({_pct(value)})"
        )
        late = f.get("resolved_late")
        return text + (f", quá hạn {fmt.number(late)}" if late else ", không có hồ sơ quá hạn")
    if rate == "online_rate":
        return (
            f"Tiếp nhận trực tuyến {fmt.number(f.get('new_online'))}/{fmt.number(f.new)} hồ sơ "
            f"mới ({_pct(value)})"
        )
    return (
        f"Số hóa {fmt.number(f.get('digitised'))}/{fmt.number(f.get('received'))} hồ sơ "
        f"({_pct(value)})"
    )


def period_sources(con: Con, unit: str) -> pd.DataFrame:
    """The loaded file behind each period of a unit's statistics: period, upload_id,
    file_name, uploaded_at, uploaded_by, is_demo."""
    return con.execute(
        """
        SELECT DISTINCT s.period, u.upload_id, u.file_name, u.uploaded_at, u.uploaded_by, u.is_demo
        FROM procedure_stats s JOIN uploads u USING (upload_id)
        WHERE u.status = 'loaded' AND s.unit = ?
        ORDER BY s.period
        """,
        [unit],
    ).df()
