"""Plotly figure builders with one theme and one colour per status across the whole app.

Every figure says what it shows and for which unit and period in its title; text is set in
Noto Sans (installed by the set-up) so screens, PNGs and slides look the same.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from cchc.vocab import AREA_SHORT, DEPARTMENT_SHORT, STATUS_COLORS, STATUSES

FONT = "Noto Sans, Open Sans, DejaVu Sans, sans-serif"
TEXT_COLOR = "#1F2933"
GRID_COLOR = "#E4E7EB"


def _layout(fig: go.Figure, title: str, height: int) -> go.Figure:
    fig.update_layout(
        title={
            "text": f"<b>{title}</b>",
            "x": 0,
            "xanchor": "left",
            "y": 0.98,
            "yanchor": "top",
            "font": {"size": 17},
        },
        font={"family": FONT, "size": 13, "color": TEXT_COLOR},
        height=height,
        margin={"l": 10, "r": 20, "t": 50, "b": 110},
        plot_bgcolor="white",
        paper_bgcolor="white",
        legend={
            "orientation": "h",
            "xref": "container",
            "yref": "container",
            "x": 0.01,
            "y": 0.01,
            "xanchor": "left",
            "yanchor": "bottom",
            "title": None,
            "traceorder": "normal",
            "font": {"size": 12},
            "entrywidth": 0.5,
            "entrywidthmode": "fraction",
        },
        hoverlabel={"font": {"family": FONT}},
        separators=",.",
        barmode="stack",
    )
    fig.update_xaxes(gridcolor=GRID_COLOR, zeroline=False, automargin=True)
    fig.update_yaxes(gridcolor=GRID_COLOR, zeroline=False, automargin=True)
    return fig


def status_bars(counts: pd.DataFrame, by: str, title: str, legend: bool = True) -> go.Figure:
    """Horizontal bars, one per area or department, stacked by status (counts of leaf tasks).
    Without `legend`, the page shows one shared legend instead (see `ui.status_legend`)."""
    labels = AREA_SHORT if by == "area" else {**DEPARTMENT_SHORT, "ALL": "Các phòng, đơn vị"}
    groups = list(dict.fromkeys(counts["grp"]))
    fig = go.Figure()
    for status, name in STATUSES.items():
        part = counts[counts["status"] == status].set_index("grp").reindex(groups)
        if part["n"].sum() == 0:
            continue
        fig.add_bar(
            name=name,
            y=[labels.get(g, g) for g in groups],
            x=[int(v) for v in part["n"]],
            orientation="h",
            marker_color=STATUS_COLORS[status],
            customdata=list(zip(groups, [status] * len(groups), part["share"] * 100, strict=True)),
            hovertemplate="%{y}<br>"
            + name
            + ": %{x} nhiệm vụ (%{customdata[2]:.0f}%)<extra></extra>",
            text=[str(int(v)) if v else "" for v in part["n"]],
            textposition="inside",
            textangle=0,
            insidetextanchor="middle",
        )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title="Số nhiệm vụ", dtick=5 if counts["n"].sum() > 30 else 1)
    fig = _layout(fig, title, height=(190 if legend else 110) + 44 * max(len(groups), 1))
    if not legend:
        fig.update_layout(showlegend=False, margin={"b": 30})
    return fig
