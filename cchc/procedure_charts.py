"""Plotly figures of the procedure (TTHC) statistics, in the app's theme (cchc/charts.py) and
with its colour meanings (cchc/vocab.py): resolved on time is the green of 'done on time',
resolved late the light green of 'done late', pending within the deadline the blue of 'in
progress', past the deadline the red of 'overdue'."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from cchc import fmt
from cchc.charts import _layout, _line_layout
from cchc.procedure_queries import RATE_SHORT, RATES
from cchc.vocab import STATUS_COLORS

RATE_COLORS = {
    "on_time_rate": STATUS_COLORS["done_on_time"],
    "online_rate": STATUS_COLORS["in_progress"],
    "digitised_rate": STATUS_COLORS["continuous"],
}
RATE_NAMES = {
    "on_time_rate": "Đúng hạn, trước hạn",
    "online_rate": "Tiếp nhận trực tuyến",
    "digitised_rate": "Số hóa hồ sơ",
}
# (column, name, colour) of the stacked dossier bars, bottom to top
DOSSIER_PARTS = [
    ("in_time", "Đã giải quyết đúng hạn, trước hạn", STATUS_COLORS["done_on_time"]),
    ("resolved_late", "Đã giải quyết quá hạn", STATUS_COLORS["done_late"]),
    ("pending_within", "Đang giải quyết, trong hạn", STATUS_COLORS["in_progress"]),
    ("pending_late", "Đang giải quyết, quá hạn", STATUS_COLORS["overdue"]),
]


def _pct_text(value: float | None) -> str:
    return "" if value is None or value != value else fmt.percent(value, 1)


def rates_trend(trend: pd.DataFrame, targets: pd.DataFrame, title: str) -> go.Figure:
    """Each rate period by period (a line in its colour), and the plan's target for it as a
    dotted line in the same colour, named after the task that sets it."""
    fig = go.Figure()
    labels = list(trend["label"])
    goals = {} if targets.empty else targets.set_index("rate").to_dict("index")
    for rate in RATES:
        values = [None if v != v else v for v in trend[rate]]
        if all(v is None for v in values):
            continue
        fig.add_scatter(
            x=labels,
            y=[None if v is None else round(v * 100, 1) for v in values],
            name=RATE_NAMES[rate],
            mode="lines+markers",
            line={"color": RATE_COLORS[rate], "width": 3},
            marker={"size": 8},
            hovertemplate="%{x}: %{y:.1f}%<extra>" + RATE_NAMES[rate] + "</extra>",
        )
        goal = goals.get(rate)
        if goal and goal["target"] is not None and labels:
            fig.add_scatter(
                x=labels,
                y=[goal["target"]] * len(labels),
                name=f"Mục tiêu {RATE_SHORT[rate]} {fmt.number(goal['target'], 0)}% "
                f"(nhiệm vụ {goal['code']})",
                mode="lines",
                line={"color": RATE_COLORS[rate], "dash": "dot", "width": 2},
                hoverinfo="skip",
            )
    fig.update_yaxes(
        title="%",
        range=[0, 105],
        tickvals=[0, 20, 40, 60, 80, 100],
        ticktext=[f"{v}%" for v in (0, 20, 40, 60, 80, 100)],
    )
    return _line_layout(fig, title, 420, {"b": 90})


def dossier_bars(trend: pd.DataFrame, title: str) -> go.Figure:
    """Dossiers of each period stacked by what became of them: resolved on time, resolved
    late, pending within the deadline, pending past it."""
    fig = go.Figure()
    labels = list(trend["label"])
    for column, name, colour in DOSSIER_PARTS:
        values = [0 if v is None or v != v else int(v) for v in trend[column]]
        if not any(values):
            continue
        fig.add_bar(
            name=name,
            x=labels,
            y=values,
            marker_color=colour,
            text=[fmt.number(v) if v else "" for v in values],
            textposition="inside",
            hovertemplate="%{x}: %{y} hồ sơ<extra>" + name + "</extra>",
        )
    fig.update_yaxes(title="Số hồ sơ")
    return _layout(fig, title, 420)


def late_fields(late: pd.DataFrame, title: str) -> go.Figure:
    """Fields by their late dossiers, most first: resolved late and still pending past the
    deadline, stacked."""
    fig = go.Figure()
    names = list(late["field"])
    for column, name, colour in (
        ("resolved_late", "Đã giải quyết quá hạn", STATUS_COLORS["done_late"]),
        ("pending_late", "Đang giải quyết, quá hạn", STATUS_COLORS["overdue"]),
    ):
        values = [int(v) for v in late[column]]
        if not any(values):
            continue
        fig.add_bar(
            name=name,
            y=names,
            x=values,
            orientation="h",
            marker_color=colour,
            text=[str(v) if v else "" for v in values],
            textposition="inside",
            hovertemplate="%{y}: %{x} hồ sơ<extra>" + name + "</extra>",
        )
    fig.update_yaxes(autorange="reversed", ticklabelstandoff=8)
    fig.update_xaxes(title="Số hồ sơ trễ hạn", dtick=1 if late["late"].max() <= 10 else None)
    return _layout(fig, title, 190 + 44 * max(len(names), 1))
