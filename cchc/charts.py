"""Plotly figure builders with one theme and one colour per status across the whole app.

Every figure says what it shows and for which unit and period in its title; text is set in
Noto Sans (installed by the set-up) so screens, PNGs and slides look the same.
"""

from __future__ import annotations

import math
import textwrap
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from cchc.vocab import AREA_SHORT, STATUS_COLORS, STATUSES, department_codes, department_short

FONT = "Noto Sans, Open Sans, DejaVu Sans, sans-serif"
TEXT_COLOR = "#1F2933"
GRID_COLOR = "#E4E7EB"


def _wrap(text: str, width: int = 14) -> str:
    """Break a label over lines (plotly's <br>) so narrow columns keep it readable."""
    return "<br>".join(textwrap.wrap(text, width)) or text


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
        modebar={"orientation": "v"},  # the chart's toolbar on the side, never over the title
        barmode="stack",
    )
    fig.update_xaxes(gridcolor=GRID_COLOR, zeroline=False, automargin=True)
    fig.update_yaxes(gridcolor=GRID_COLOR, zeroline=False, automargin=True)
    return fig


def _line_layout(fig: go.Figure, title: str, height: int, margin: dict) -> go.Figure:
    """The app's layout for line charts: no stacking, legend entries at their natural width."""
    fig = _layout(fig, title, height=height)
    fig.update_layout(
        barmode=None, margin=margin, legend={"entrywidth": 0, "entrywidthmode": "pixels"}
    )
    return fig


# On a projector, a slide or an exported image every text is at least this size: 20 px is
# 16 pt on a deck slide (charts drawn 1100 px wide across 12,3 inches) and 15 pt at 96 dpi.
PRESENT_FONT = 20
PRESENT_TITLE = 26
STATUS_ENTRY_PX = 300  # a status in the legend at 20 px: 3 a row on a slide, 5 in a PNG


def present_style(fig: go.Figure, height: int, deck: bool = False) -> go.Figure:
    """Large type for a projector, a slide or a PNG: the same style everywhere it is shown.
    With `deck`, the chart's own title is left out: the slide above it says what it shows.
    A builder that draws notes above the plot says how much room they need in
    `layout.meta["top_room"]`."""
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    fig.update_layout(
        height=height,
        font={"size": PRESENT_FONT},
        title={"font": {"size": PRESENT_TITLE}, "x": 0.012},
        legend={"font": {"size": PRESENT_FONT}, "x": 0.012},
        margin={
            "l": 30,
            "r": 40 + meta.get("right_room", 0),
            "t": (16 if deck else 70) + meta.get("top_room", 0),
        },
        uniformtext={"minsize": PRESENT_FONT - 4, "mode": "hide"},
    )
    if deck:
        fig.update_layout(title={"text": ""})
    if meta.get("short_ticks"):  # one code every few rows, as many as the height holds
        labels, codes = meta["short_ticks"]
        row_px = max(height - 280, 60) / max(len(labels), 1)
        step = max(math.ceil(PRESENT_FONT * 1.4 / row_px), 1)
        fig.update_yaxes(tickvals=labels[::step], ticktext=codes[::step])
    if fig.layout.legend.entrywidthmode == "fraction":  # the statuses: 3 or more a row
        fig.update_layout(legend={"entrywidth": STATUS_ENTRY_PX, "entrywidthmode": "pixels"})
    fig.update_xaxes(tickfont={"size": PRESENT_FONT}, title={"font": {"size": PRESENT_FONT}})
    fig.update_yaxes(tickfont={"size": PRESENT_FONT}, title={"font": {"size": PRESENT_FONT}})
    for note in fig.layout.annotations:
        note.font.size = max(note.font.size or 0, PRESENT_FONT)
    for kind in ("scatter", "heatmap", "bar"):
        fig.update_traces(textfont={"size": PRESENT_FONT}, selector={"type": kind})
    return fig


def own_legend(fig: go.Figure) -> go.Figure:
    """The figure with its own legend, where a page shows one shared legend beside its charts
    (`ui.status_legend`): for an image, a slide or the projector. Room is made under the plot
    at presentation size (20 px type, at least 3 statuses a row)."""
    named = [t for t in fig.data if t.name and t.showlegend is not False]
    if named:
        columns = 3 if fig.layout.legend.entrywidth == STATUS_ENTRY_PX else 2
        rows = -(-len(named) // columns)
        fig.update_layout(
            showlegend=True, margin={"b": max(fig.layout.margin.b or 0, 70 + 30 * rows)}
        )
    return fig


def colour_scale(fig: go.Figure) -> go.Figure:
    """A heatmap's colour scale shown, for an image read without the page."""
    for trace in fig.data:
        if trace.type == "heatmap":
            trace.update(
                showscale=True,
                colorbar={
                    "title": {"text": "% hoàn thành", "side": "right"},
                    "ticksuffix": "%",
                    "thickness": 14,
                },
            )
    return fig


def status_bars(
    counts: pd.DataFrame, by: str, title: str, legend: bool = True, unit: str | None = None
) -> go.Figure:
    """Horizontal bars, one per area or department, stacked by status (counts of leaf tasks).
    Without `legend`, the page shows one shared legend instead (see `ui.status_legend`).
    Departments are named as in `unit` when given."""
    groups = list(dict.fromkeys(counts["grp"]))
    labels = AREA_SHORT if by == "area" else {g: department_short(g, unit) for g in groups if g}
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
    fig.update_yaxes(autorange="reversed", ticklabelstandoff=8)
    fig.update_xaxes(title="Số nhiệm vụ", dtick=5 if counts["n"].sum() > 30 else 1)
    fig = _layout(fig, title, height=(190 if legend else 110) + 44 * max(len(groups), 1))
    if not legend:
        fig.update_layout(showlegend=False, margin={"b": 30})
    return fig


def completion_trend(trend: pd.DataFrame, title: str) -> go.Figure:
    """Completion rate at each checkpoint against the ideal pace (deadlines come due)."""
    fig = go.Figure()
    fig.add_scatter(
        x=list(trend["label"]),
        y=[round(v * 100, 1) for v in trend["ideal"]],
        name="Tiến độ lý tưởng (theo thời hạn)",
        mode="lines+markers",
        line={"color": "#90A4AE", "dash": "dash", "width": 2},
        hovertemplate="%{x}: %{y:.1f}% nhiệm vụ đã đến hạn<extra></extra>",
    )
    fig.add_scatter(
        x=list(trend["label"]),
        y=[round(v * 100, 1) for v in trend["rate"]],
        name="Thực tế (đã hoàn thành)",
        mode="lines+markers+text",
        line={"color": STATUS_COLORS["done_on_time"], "width": 3},
        marker={"size": 9},
        text=[f"{v * 100:.1f}%".replace(".", ",") for v in trend["rate"]],
        # below the line where it is free (the ideal pace usually runs above it)
        textposition=label_positions(
            [v * 100 for v in trend["rate"]], "bottom", [[v * 100 for v in trend["ideal"]]], 12
        ),
        cliponaxis=False,
        customdata=list(zip(trend["done"], trend["total"], strict=True)),
        hovertemplate="%{x}: %{customdata[0]}/%{customdata[1]} nhiệm vụ (%{y:.1f}%)<extra></extra>",
    )
    fig.update_yaxes(
        title="% nhiệm vụ (trừ thường xuyên)",
        range=[-8, 105],
        ticksuffix="%",
        tickvals=[0, 20, 40, 60, 80, 100],
        ticktext=[f"{v}%" for v in (0, 20, 40, 60, 80, 100)],
    )

    fig.update_xaxes(range=[-0.3, len(trend) - 0.7])  # room for the labels at both ends
    return _line_layout(fig, title, 380, {"b": 60})


def done_heatmap(matrix: pd.DataFrame, title: str, unit: str | None = None) -> go.Figure:
    """Lead department x area, coloured by the share of tasks done; each cell says done/total.
    Departments in `unit`'s order and names when given; a code of no known unit keeps a row."""
    areas = [a for a in AREA_SHORT if a in set(matrix["area"])]
    present = set(matrix["department"].dropna())
    depts = [d for d in department_codes(unit, present) if d in present]
    names = {d: department_short(d, unit) for d in depts}
    cell = {(r.department, r.area): r for r in matrix.itertuples(index=False)}
    z, text, custom = [], [], []
    for d in depts:
        z.append([round(cell[(d, a)].rate * 100, 1) if (d, a) in cell else None for a in areas])
        text.append(
            [f"{cell[(d, a)].done}/{cell[(d, a)].total}" if (d, a) in cell else "" for a in areas]
        )
        custom.append([[d, a] for a in areas])
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[_wrap(AREA_SHORT[a], 10) for a in areas],
            y=[names[d] for d in depts],
            text=text,
            texttemplate="%{text}",
            customdata=custom,
            zmin=0,
            zmax=100,
            colorscale=[[0, "#FDECEA"], [0.5, "#A5D6A7"], [1, STATUS_COLORS["done_on_time"]]],
            showscale=False,
            hovertemplate="%{y} — %{x}: %{text} nhiệm vụ đã hoàn thành (%{z:.0f}%)<extra></extra>",
            xgap=3,
            ygap=3,
        )
    )
    # Heatmaps cannot be selected in plotly: an invisible marker on each filled cell carries the
    # click (and its [department, area]) to the drill-down.
    cells = [(d, a) for d in depts for a in areas if (d, a) in cell]
    fig.add_scatter(
        x=[_wrap(AREA_SHORT[a], 10) for _, a in cells],
        y=[names[d] for d, _ in cells],
        customdata=[[d, a] for d, a in cells],
        mode="markers",
        showlegend=False,
        marker={"symbol": "square", "size": 40, "opacity": 0.01, "color": "#FFFFFF"},
        text=[f"{cell[c].done}/{cell[c].total} nhiệm vụ đã hoàn thành" for c in cells],
        hovertemplate="%{y} — %{x}: %{text}<extra></extra>",
    )
    fig.update_yaxes(autorange="reversed", showgrid=False, ticks="", ticklabelstandoff=6)
    fig.update_xaxes(showgrid=False, side="top", tickangle=0, tickfont={"size": 12})

    fig = _layout(fig, title, height=170 + 44 * max(len(depts), 1))
    # the area names over the columns: two lines of 20 px type above the plot in presentation
    fig.update_layout(margin={"t": 110, "b": 10}, meta={"top_room": 70})
    return fig


def status_over_time(counts: pd.DataFrame, title: str) -> go.Figure:
    """Stacked columns: the status of the tasks at each checkpoint of the year."""
    labels = list(dict.fromkeys(counts["label"]))
    fig = go.Figure()
    for status, name in STATUSES.items():
        part = counts[counts["status"] == status].set_index("label")["n"].reindex(labels)
        values = [int(v) if v == v else 0 for v in part]
        if not any(values):
            continue
        fig.add_bar(
            name=name,
            x=labels,
            y=values,
            marker_color=STATUS_COLORS[status],
            text=[str(v) if v else "" for v in values],
            textposition="inside",
            textangle=0,
            hovertemplate="%{x}<br>" + name + ": %{y} nhiệm vụ<extra></extra>",
        )
    fig.update_yaxes(title="Số nhiệm vụ")
    fig = _layout(fig, title, height=380)
    fig.update_layout(showlegend=False, margin={"b": 30})
    return fig


def timeline(tasks: pd.DataFrame, as_of: date, year: int, title: str) -> go.Figure:
    """One row per task, grouped by area: a line from the start of the year to the deadline,
    a marker at the deadline in the task's status colour, a line for the as-of date.
    Continuous tasks span the whole year in their own colour; tasks with no date are left out."""
    order = {a: i for i, a in enumerate(AREA_SHORT)}
    rows = tasks.assign(_area=tasks["area"].map(order)).sort_values(["_area", "deadline", "seq"])
    rows = rows[rows["continuous"] | rows["deadline"].notna()]
    start = pd.Timestamp(year, 1, 1)
    year_end = pd.Timestamp(year, 12, 31)
    labels = [
        f"{c} · {textwrap.shorten(t, 48, placeholder='…')}"
        for c, t in zip(rows["code"], rows["title"], strict=True)
    ]
    fig = go.Figure()
    for status, name in STATUSES.items():
        part = rows["status"] == status
        if not part.any():
            continue
        sub = rows[part]
        ends = [
            year_end if c else pd.Timestamp(d)
            for c, d in zip(sub["continuous"], sub["deadline"], strict=True)
        ]
        fig.add_bar(
            name=name,
            orientation="h",
            base=[start] * len(sub),
            x=[(e - start).total_seconds() * 1000 for e in ends],
            y=[lab for lab, keep in zip(labels, part, strict=True) if keep],
            marker={
                "color": STATUS_COLORS[status],
                "opacity": 0.35 if status == "continuous" else 0.85,
            },
            customdata=[
                [c, t or "Thường xuyên"]
                for c, t in zip(sub["code"], sub["deadline_text"], strict=True)
            ],
            hovertemplate="%{y}<br>" + name + "<br>Thời hạn: %{customdata[1]}<extra></extra>",
            width=0.55,
        )
    fig.add_vline(
        x=pd.Timestamp(as_of).timestamp() * 1000, line={"color": "#37474F", "dash": "dot"}
    )
    fig.add_annotation(
        x=pd.Timestamp(as_of).timestamp() * 1000,
        y=0,
        yref="paper",
        text=f"Ngày xem: {as_of:%d/%m/%Y}",
        showarrow=False,
        yanchor="top",
        # near either end of the year the label lies inward, never cut at the image's edge
        xanchor="right" if as_of.month >= 10 else "left" if as_of.month <= 2 else "center",
        font={"size": 12},
    )
    fig.update_xaxes(
        type="date",
        range=[start, year_end + pd.Timedelta(days=5)],
        tickvals=[pd.Timestamp(year, m, 1) for m in range(1, 13)],
        ticktext=[f"Th{m}" for m in range(1, 13)],
        ticklabelmode="period",
        side="top",
        ticklabelstandoff=12,
    )
    fig.update_yaxes(
        autorange="reversed", categoryorder="array", categoryarray=labels, tickfont={"size": 12}
    )
    fig = _layout(fig, title, height=140 + 22 * max(len(rows), 1))
    fig.update_layout(
        barmode="overlay",
        showlegend=False,
        margin={"t": 90, "b": 40},
        # in presentation the rows are named by their code alone: the bars get the width
        meta={"top_room": 40, "short_ticks": [labels, list(rows["code"])]},
    )

    return fig


SERIES_NAMES = {
    "unit": "Đơn vị",
    "province_avg": "Trung bình tỉnh",
    "best": "Cao nhất",
    "national_avg": "Trung bình toàn quốc",
}
SERIES_STYLE = {
    "unit": {"color": "#1E5AA8", "width": 3},
    "province_avg": {"color": "#90A4AE", "width": 2, "dash": "dash"},
    "best": {"color": "#2E7D32", "width": 2, "dash": "dot"},
    "national_avg": {"color": "#B0BEC5", "width": 2, "dash": "dashdot"},
}


def label_positions(
    ys: list[float],
    prefer: str = "top",
    obstacles: list[list[float | None]] = (),
    reach: float = 0.0,
    beside: set[int] = frozenset(),
) -> list[str]:
    """Where to put each point's value label so the line through the points never crosses it.

    The line leaves a point into two quadrants (rising: lower left and upper right); the label
    goes into one of the other two, or straight above a peak / below a trough. A label is moved
    to the other side when another line (a target, a reference series: `obstacles`, one value
    per point or None) passes within `reach` (in y units) on its side; a point in `beside` (a
    vertical note line runs through it) never takes a centred label."""
    out = []
    for i, y in enumerate(ys):
        left = ys[i - 1] if i > 0 else None
        right = ys[i + 1] if i + 1 < len(ys) else None
        up_left, up_right = left is not None and left > y, right is not None and right > y
        down_left, down_right = left is not None and left < y, right is not None and right < y
        free = {"top": None, "bottom": None}
        for side, left_in, right_in in (
            ("top", up_left, up_right),
            ("bottom", down_left, down_right),
        ):
            if not left_in and not right_in:
                free[side] = f"{side} center"
            elif not left_in:
                free[side] = f"{side} left"
            elif not right_in:
                free[side] = f"{side} right"
            if free[side] and i in beside:
                free[side] = free[side].replace("center", "left" if right is None else "right")
        order = ["top", "bottom"] if prefer == "top" else ["bottom", "top"]
        candidates = [free[side] for side in order if free[side]]

        def blocked(place: str, i: int = i, y: float = y) -> bool:
            side = place.split()[0]
            for line in obstacles:
                other = line[i]
                if other is None:
                    continue
                if side == "top" and y <= other <= y + reach:
                    return True
                if side == "bottom" and y - reach <= other <= y:
                    return True
            return False

        # a label never reaches past the first or the last point unless nothing else is free
        edge = "left" if i == 0 else "right" if i == len(ys) - 1 else "-"
        ranked = sorted(candidates, key=lambda c: (blocked(c), edge in c))
        out.append(ranked[0])
    return out


def _wrap_note(text: str) -> str:
    return "<br>".join(textwrap.wrap(text, 22)) or text


def index_trend(
    totals: pd.DataFrame,
    title: str,
    unit_label: str,
    target: float | None = None,
    notes: dict[str, str] | None = None,
    suffix: str = "",
    bands: tuple[tuple[float, float, str], ...] = (),
) -> go.Figure:
    """The index total over the periods, the unit's series against the reference series, the
    target as a dotted line in the legend, the classification bands named in the right margin,
    and notes above the plot where the method changed. Value labels sit where no line crosses
    them (`label_positions`)."""
    fig = go.Figure()
    # Years go on a numeric axis as numbers: left as text, newer plotly.js takes them for dates.
    years = bool(totals["label"].str.fullmatch(r"\d{4}").all())
    # Months of one year are named 'T3' with the year under the axis, so the ticks stay short.
    same_year = totals["label"].str.extract(r"^(T\d+)/(\d{4})$")
    one_year = not years and same_year[1].notna().all() and same_year[1].nunique() == 1
    labels = same_year[0] if one_year else totals["label"]
    totals = totals.assign(label=labels.to_numpy())

    def at(label: str) -> str | int:
        return int(label) if years else label

    axis = list(dict.fromkeys(totals.sort_values("period")["label"]))
    lines = {}
    for series in sorted(totals["series"].unique(), key=lambda s: (s != "unit", s)):
        part = totals[totals["series"] == series].sort_values("period")
        lines[series] = dict(zip(part["label"], part["score"], strict=True))
    values = [v for line in lines.values() for v in line.values()]
    low = min(values + ([target] if target is not None else []))
    high = max(values + ([target] if target is not None else []))
    pad = max((high - low) * 0.12, 1.0)
    y_range = [low - pad, high + pad]
    shown_bands = [b for b in bands if b[1] > y_range[0] and b[0] < y_range[1]]
    if shown_bands:
        y_range = [min(y_range[0], min(b[0] for b in shown_bands)), y_range[1]]
    reach = (y_range[1] - y_range[0]) * 0.15  # a label and its gap on a 260 px high plot

    ranked: dict[str, float] = {}
    for series in lines:
        part = totals[totals["series"] == series].sort_values("period")
        name = unit_label if series == "unit" else SERIES_NAMES.get(series, series)
        ranks = ["" if pd.isna(r) else f" · hạng {int(r)}" for r in part["rank"]]
        trace = {
            "x": [at(label) for label in part["label"]],
            "y": [round(v, 2) for v in part["score"]],
            "name": name,
            "mode": "lines+markers",
            "line": SERIES_STYLE.get(series, {}),
            "marker": {"size": 8},
            "customdata": ranks,
            "hovertemplate": "%{x}: %{y:.2f}" + suffix + "%{customdata}<extra>" + name + "</extra>",
        }
        if series == "unit":
            others = [
                [other.get(label) for label in part["label"]]
                for s, other in lines.items()
                if s != "unit"
            ]
            if target is not None:
                others.append([target] * len(part))
            notes_at = {i for i, label in enumerate(part["label"]) if label in (notes or {})}
            trace["mode"] = "lines+markers+text"
            trace["text"] = [f"{v:.2f}".replace(".", ",") + suffix for v in part["score"]]
            ranked = dict(zip(part["label"], part["rank"], strict=True))
            trace["textposition"] = label_positions(
                list(part["score"]), "top", others, reach, notes_at
            )
            trace["cliponaxis"] = False
        fig.add_scatter(**trace)
    if target is not None:
        fig.add_scatter(
            x=[at(axis[0]), at(axis[-1])],
            y=[target, target],
            name=f"Mục tiêu {target:g}{suffix}".replace(".", ","),
            mode="lines",
            line={"color": STATUS_COLORS["overdue"], "dash": "dot", "width": 2},
            hoverinfo="skip",
        )
    for k, (start, end, name) in enumerate(shown_bands):
        fig.add_hrect(
            y0=max(start, y_range[0]),
            y1=min(end, y_range[1]),
            line_width=0,
            layer="below",
            fillcolor=["#E8F5E9", "#F1F8E9", "#FFFDE7"][k % 3],
        )
        fig.add_annotation(  # in the right margin, beside its band: never on a value
            x=1,
            xref="paper",
            xanchor="left",
            xshift=6,
            y=(max(start, y_range[0]) + min(end, y_range[1])) / 2,
            text=name,
            showarrow=False,
            font={"size": 12, "color": "#546E7A"},
        )
    shown_notes = [label for label in (notes or {}) if label in set(totals["label"])]
    for label in shown_notes:
        place = axis.index(label) / max(len(axis) - 1, 1)
        fig.add_vline(x=at(label), line={"color": "#7E57C2", "dash": "dot"})
        fig.add_annotation(
            x=at(label),
            y=1.01,
            yref="paper",
            text=_wrap_note(notes[label]),
            showarrow=False,
            font={"size": 12, "color": "#5E35B1"},
            yanchor="bottom",
            xanchor="right" if place > 0.75 else "left" if place < 0.25 else "center",
        )
    if years:  # whole numbers, one tick each
        fig.update_xaxes(type="linear", tickformat="d", dtick=1)
    if any(pd.notna(r) for r in ranked.values()):
        # the rank where the file gives one, under its period: 'hạng 7' never crowds a value
        fig.update_xaxes(
            tickvals=[at(label) for label in axis],
            ticktext=[
                label + ("" if pd.isna(ranked.get(label)) else f"<br>hạng {int(ranked[label])}")
                for label in axis
            ],
        )
    first, last = (int(axis[0]), int(axis[-1])) if years else (0, len(axis) - 1)
    fig.update_xaxes(range=[first - 0.45, last + 0.45])  # room for the end labels
    if one_year:
        fig.update_xaxes(title=f"Năm {same_year[1].iloc[0]}")
    fig.update_yaxes(range=y_range, title="%" if suffix == "%" else "Điểm")
    margin = {"t": 90 if shown_notes else 50, "b": 60, "r": 70 if shown_bands else 20}
    fig = _line_layout(fig, title, 400, margin)
    # room at presentation size (20 px type): two lines of notes above, band names at the right
    fig.update_layout(
        meta={"top_room": 64 if shown_notes else 0, "right_room": 90 if shown_bands else 0}
    )
    return fig


def index_breakdown(
    items: pd.DataFrame,
    title: str,
    target: float | None = None,
    suffix: str = "",
    reference: pd.DataFrame | None = None,
) -> go.Figure:
    """The parts of an index in one period. With maxima: points achieved and points lost,
    most lost first; without: the score of each part, lowest first, against the target."""
    has_max = items["max_score"].notna().all() and len(items) > 0
    if has_max:
        items = items.assign(lost=items["max_score"] - items["score"]).sort_values(
            "lost", ascending=False
        )
    else:
        items = items.sort_values("score")
    labels = [_wrap(n, 34).replace("<br>", " ") if len(n) > 34 else n for n in items["name"]]
    fig = go.Figure()
    fig.add_bar(
        y=labels,
        x=[round(v, 2) for v in items["score"]],
        orientation="h",
        name="Đạt",
        marker_color=STATUS_COLORS["done_on_time"] if has_max else "#1E5AA8",
        text=[f"{v:.2f}".replace(".", ",") + suffix for v in items["score"]],
        textposition="inside",
        insidetextanchor="middle",
        textangle=0,
        hovertemplate="%{y}: %{x:.2f}" + suffix + "<extra></extra>",
    )
    if has_max:
        fig.add_bar(
            y=labels,
            x=[round(v, 2) for v in items["lost"]],
            orientation="h",
            name="Bị trừ (mất điểm)",
            marker_color="#EF9A9A",
            text=[f"−{v:.2f}".replace(".", ",") if v > 0.005 else "" for v in items["lost"]],
            textposition="inside",
            textangle=0,
            hovertemplate="%{y}: mất %{x:.2f} điểm<extra></extra>",
        )
    if target is not None:
        fig.add_vline(
            x=target,
            line={"color": STATUS_COLORS["overdue"], "dash": "dot"},
            annotation_text=f"Mục tiêu {target:g}{suffix}".replace(".", ","),
        )
    if reference is not None and not reference.empty:  # e.g. the province average, as markers
        ref = reference.set_index("name")["score"]
        names = [n for n in items["name"] if n in ref.index]
        fig.add_scatter(
            y=[labels[list(items["name"]).index(n)] for n in names],
            x=[ref[n] for n in names],
            mode="markers",
            name="Trung bình tỉnh",
            marker={
                "symbol": "diamond",
                "size": 13,
                "color": "#37474F",
                "line": {"color": "white", "width": 1},
            },
            hovertemplate="%{y}: trung bình tỉnh %{x:.2f}" + suffix + "<extra></extra>",
        )
    fig.update_yaxes(autorange="reversed", ticklabelstandoff=8)
    fig = _layout(fig, title, height=140 + 40 * max(len(items), 1))
    fig.update_layout(
        margin={"t": 60, "b": 60}, legend={"entrywidth": 0, "entrywidthmode": "pixels"}
    )
    return fig


def parts_over_time(parts: pd.DataFrame, title: str) -> go.Figure:
    """Each part of an index (with a maximum) as the share of its maximum reached, period by
    period: where points are lost, and whether that is new."""
    fig = go.Figure()
    palette = ["#1E5AA8", "#2E7D32", "#7E57C2", "#F9A825", "#D32F2F", "#00897B", "#6D4C41"]
    for k, (name, part) in enumerate(parts.groupby("name", sort=False)):
        part = part.sort_values("period")
        share = (part["score"] / part["max_score"] * 100).round(1)
        fig.add_scatter(
            x=list(part["label"]),
            y=list(share),
            name=name,
            mode="lines+markers",
            line={"color": palette[k % len(palette)], "width": 2},
            customdata=list(zip(part["score"], part["max_score"], strict=True)),
            hovertemplate=name + " %{x}: %{customdata[0]:.2f}/%{customdata[1]:.0f} "
            "điểm (%{y:.1f}%)<extra></extra>",
        )
    fig.update_yaxes(title="% điểm tối đa", ticksuffix="%")
    fig = _line_layout(fig, title, 420, {"t": 60, "b": 90})
    return fig
