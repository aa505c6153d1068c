"""Plotly figures of the Toàn tỉnh page, in the app's theme (cchc/charts.py) and colours
(cchc/vocab.py): completion is the green of 'done on time'; the selected unit is marked in the
blue of 'in progress' wherever it appears."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from cchc import fmt
from cchc.charts import _layout, _wrap
from cchc.vocab import AREA_SHORT, PLAN_AREAS, STATUS_COLORS

ALL_UNITS_UP_TO = 120  # above this many units, the charts show the top and bottom ten
ENDS = 10
DONE = STATUS_COLORS["done_on_time"]
SELECTED = STATUS_COLORS["in_progress"]
BAND = STATUS_COLORS["not_started"]


def shown_units(ranked: pd.DataFrame) -> list[str]:
    """The units a chart shows, best first: all of them up to ALL_UNITS_UP_TO, else the top and
    bottom ten (the ranking table always has all)."""
    units = list(ranked.loc[ranked["rate"].notna(), "unit"])
    if len(units) <= ALL_UNITS_UP_TO:
        return units
    return units[:ENDS] + units[-ENDS:]


def _pct(value: float) -> str:
    return fmt.percent(value, 1)


def completion_bars(ranked: pd.DataFrame, selected: str, title: str) -> go.Figure:
    """One horizontal bar per unit: its completion rate, best at the top, the selected unit
    in blue; with more than ALL_UNITS_UP_TO units, the top and bottom ten."""
    units = shown_units(ranked)
    rows = ranked.set_index("unit").loc[units]
    cut = len(units) < int(ranked["rate"].notna().sum())
    labels = [f"{int(rows.loc[u, 'rank'])}. {u}" for u in units]
    fig = go.Figure(
        go.Bar(
            y=labels,
            x=[round(v * 100, 1) for v in rows["rate"]],
            orientation="h",
            marker_color=[SELECTED if u == selected else DONE for u in units],
            text=[_pct(v) for v in rows["rate"]],
            textposition="outside",
            cliponaxis=False,
            customdata=list(zip(units, rows["done"], rows["with_deadline"], strict=True)),
            hovertemplate="%{customdata[0]}: %{customdata[1]}/%{customdata[2]} nhiệm vụ "
            "(%{x:.1f}%)<extra></extra>",
        )
    )
    if cut:  # a gap between the top ten and the bottom ten
        fig.add_hline(y=ENDS - 0.5, line={"color": "#90A4AE", "dash": "dot", "width": 1})
    fig.update_yaxes(autorange="reversed", ticklabelstandoff=6, tickfont={"size": 12})
    fig.update_xaxes(title="% nhiệm vụ đã hoàn thành (trừ thường xuyên)", range=[0, 112])
    fig = _layout(fig, title, height=110 + 22 * max(len(units), 1))
    fig.update_layout(showlegend=False, margin={"b": 40}, bargap=0.25)
    return fig


def area_heatmap(
    matrix: pd.DataFrame, ranked: pd.DataFrame, selected: str, title: str
) -> go.Figure:
    """Unit x area, coloured by the share of tasks done; each cell says done/total. Units in
    ranking order (top and bottom ten beyond ALL_UNITS_UP_TO), the selected one in bold."""
    units = shown_units(ranked)
    areas = [a for a in PLAN_AREAS if a in set(matrix["area"])]
    cell = {(r.unit, r.area): r for r in matrix.itertuples(index=False)}
    z = [
        [round(cell[(u, a)].rate * 100, 1) if (u, a) in cell else None for a in areas]
        for u in units
    ]
    text = [
        [f"{cell[(u, a)].done}/{cell[(u, a)].total}" if (u, a) in cell else "" for a in areas]
        for u in units
    ]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[_wrap(AREA_SHORT[a], 10) for a in areas],
            y=[f"<b>{u}</b>" if u == selected else u for u in units],
            text=text,
            texttemplate="%{text}",
            zmin=0,
            zmax=100,
            colorscale=[[0, "#FDECEA"], [0.5, "#A5D6A7"], [1, DONE]],
            showscale=False,
            hovertemplate="%{y} — %{x}: %{text} nhiệm vụ đã hoàn thành (%{z:.0f}%)<extra></extra>",
            xgap=2,
            ygap=2,
        )
    )
    fig.update_yaxes(autorange="reversed", showgrid=False, ticks="", tickfont={"size": 12})
    fig.update_xaxes(showgrid=False, side="top", tickangle=0, tickfont={"size": 12})
    fig = _layout(fig, title, height=150 + 24 * max(len(units), 1))
    fig.update_layout(margin={"t": 110, "b": 10})
    return fig


def distribution(ranked: pd.DataFrame, selected: str, title: str) -> go.Figure:
    """How many units have each completion rate (5-point bins), the selected unit's bin in
    blue with a line and its name at its rate."""
    rates = ranked["rate"].dropna() * 100
    bins = list(range(0, 100, 5))
    counts = [
        int(((rates >= b) & ((rates < b + 5) | ((b == 95) & (rates <= 100)))).sum()) for b in bins
    ]
    mine = ranked.loc[ranked["unit"] == selected, "rate"]
    mine_rate = None if mine.empty or pd.isna(mine.iloc[0]) else float(mine.iloc[0]) * 100
    mine_bin = None if mine_rate is None else min(int(mine_rate // 5) * 5, 95)
    fig = go.Figure(
        go.Bar(
            x=[b + 2.5 for b in bins],
            y=counts,
            width=4.6,
            marker_color=[SELECTED if b == mine_bin else DONE for b in bins],
            text=[str(c) if c else "" for c in counts],
            textposition="outside",
            cliponaxis=False,
            customdata=[f"{b}–{b + 5}%" for b in bins],
            hovertemplate="%{customdata}: %{y} đơn vị<extra></extra>",
        )
    )
    if mine_rate is not None:
        fig.add_vline(x=mine_rate, line={"color": SELECTED, "width": 2, "dash": "dash"})
        fig.add_annotation(
            x=mine_rate,
            y=1,
            yref="paper",
            yanchor="top",
            text=f"{selected}: {_pct(mine_rate / 100)}",
            showarrow=False,
            xanchor="left" if mine_rate < 60 else "right",
            xshift=6 if mine_rate < 60 else -6,
            font={"color": SELECTED, "size": 13},
            bgcolor="rgba(255,255,255,0.85)",
        )
    fig.update_xaxes(
        title="Tỷ lệ hoàn thành", range=[0, 100], tickvals=list(range(0, 101, 10)),
        ticktext=[f"{v}%" for v in range(0, 101, 10)],
    )  # fmt: skip
    fig.update_yaxes(title="Số đơn vị", range=[0, max(counts or [1]) * 1.3 + 0.5])
    fig = _layout(fig, title, height=360)
    fig.update_layout(showlegend=False, margin={"b": 40}, bargap=0)
    return fig
