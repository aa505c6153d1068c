"""Streamlit glue shared by the pages: the sidebar filters kept in the URL, cached queries that
refresh when new data is loaded, and small display pieces (demo banner, tables)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from cchc import db, export, fmt, images, queries, tasklist
from cchc.filters import PERIOD_CHOICES, Filters, resolve_dates
from cchc.periods import ROMAN_UP, today
from cchc.text import fold
from cchc.upload_view import shown
from cchc.vocab import (
    AREA_SHORT,
    DEFAULT_UNIT,
    PLAN_AREAS,
    STATUS_COLORS,
    STATUSES,
    department_short,
)

PAGE_FAILED = (
    "Đã xảy ra lỗi khi hiển thị trang này. Hãy tải lại trang; nếu lỗi còn, báo cho "
    "quản trị hệ thống (chi tiết đã được ghi vào nhật ký máy chủ)."
)


@st.cache_data(show_spinner=False, max_entries=512)
def _run(name: str, version: str, path: str, args: tuple[object, ...]) -> object:
    with db.reading(Path(path)) as con:
        return queries.resolve(name)(con, *args)


def query(name: str, *args: object) -> object:
    """Run `queries.<name>(con, *args)` (or `<module>.<name>` of a read module beside it),
    cached until the database changes."""
    path = db.db_path()
    return _run(name, db.data_version(path), str(path), args)


def _param(key: str, default: str) -> str:
    value = st.query_params.get(key)
    return value if value else default


def _param_date(key: str, default: date) -> date:
    try:
        return date.fromisoformat(_param(key, ""))
    except ValueError:
        return default


def _choice(
    label: str, param: str, codes: list[str], names: dict[str, str], key: str
) -> str | None:
    """An optional filter ('Tất cả' = None) whose value is kept in the URL parameter `param`."""
    options: list[str | None] = [None, *codes]
    wanted = _param(param, "")
    return st.selectbox(
        label,
        options,
        format_func=lambda c: "Tất cả" if c is None else names[c],
        index=options.index(wanted) if wanted in codes else 0,
        key=key,
    )


def default_year(years: list[int], this_year: int) -> int:
    """The plan year shown first: the unit's plan that contains today, else its latest earlier
    plan; a plan for a later year (loaded ahead of time) is never the default while an
    earlier one exists. With only later plans, the nearest of them."""
    if not years:
        return this_year
    earlier = [y for y in years if y <= this_year]
    return max(earlier) if earlier else min(years)


def _by_province(units: list[str], provinces: dict[str, str]) -> dict[str | None, list[str]]:
    """The units (in their order) by province, provinces by name, unknown (None) last."""
    grouped: dict[str | None, list[str]] = {}
    for unit in units:
        grouped.setdefault(provinces.get(unit), []).append(unit)
    return dict(sorted(grouped.items(), key=lambda kv: (kv[0] is None, fold(kv[0] or ""))))


def _unit_picker(units: list[str], by_province: dict[str | None, list[str]]) -> str:
    """The sidebar's unit (URL `don_vi`). With units of two or more provinces in the registry,
    the province first ('Tỉnh, thành phố', following the unit), then a unit of it; else one
    list. The unit a page set in the session (Toàn tỉnh's click) wins over the URL."""
    wanted = _param("don_vi", DEFAULT_UNIT)
    chosen = st.session_state.get("f_unit")
    provinces = [p for p in by_province if p is not None]
    if len(provinces) < 2:
        options = units
    else:
        province_of = {u: p for p, names in by_province.items() for u in names}
        unit = chosen if chosen in province_of else wanted if wanted in province_of else units[0]
        if chosen not in province_of or st.session_state.get("f_province") != province_of[unit]:
            st.session_state["f_province"] = province_of[unit]  # the unit's own province
        wanted = unit
        province = st.selectbox(
            "Tỉnh, thành phố",
            list(by_province),
            format_func=lambda p: f"{p or 'Chưa rõ tỉnh'} ({len(by_province[p])} đơn vị)",
            key="f_province",
            on_change=_province_changed,
            args=(by_province,),
        )
        options = by_province[province]
    if chosen in options:  # the widget keeps (or a page has set) its value
        return st.selectbox("Đơn vị", options, key="f_unit")
    st.session_state.pop("f_unit", None)
    index = options.index(wanted) if wanted in options else 0
    return st.selectbox("Đơn vị", options, index=index, key="f_unit")


def _province_changed(by_province: dict[str | None, list[str]]) -> None:
    """Another province picked: its first unit becomes the sidebar's unit."""
    st.session_state["f_unit"] = by_province[st.session_state["f_province"]][0]


def sidebar_filters(units: list[str] | None = None) -> Filters | None:
    """Unit / year / period in the sidebar, mirrored in the URL so a link reopens the view;
    `units`: those the login may see (None: every unit with data). Returns None (after saying
    why) when there is no data to show."""
    try:
        units = query("units") if units is None else units
    except (db.DatabaseMissing, db.DatabaseBusy) as exc:
        st.error(str(exc))
        return None
    if not units:
        st.info(
            "Chưa có dữ liệu. Hãy tải phụ lục kế hoạch lên (hoặc chạy `python -m etl demo` "
            "để nạp dữ liệu mẫu)."
        )
        return None
    with st.sidebar:
        st.markdown("### Bộ lọc")
        unit = _unit_picker(units, _by_province(units, query("province_queries.unit_provinces")))
        years = query("plan_years", unit) or [today().year]
        wanted_year = _param("nam", str(default_year(years, today().year)))
        year = st.selectbox(
            "Năm kế hoạch",
            years,
            index=years.index(int(wanted_year))
            if wanted_year.isdigit() and int(wanted_year) in years
            else 0,
            key="f_year",
        )
        keys = list(PERIOD_CHOICES)
        wanted_period = _param("ky", "today")
        period = st.selectbox(
            "Kỳ xem",
            keys,
            format_func=PERIOD_CHOICES.get,
            index=keys.index(wanted_period) if wanted_period in keys else 0,
            key="f_period",
        )
        chosen = None
        if period == "date":
            chosen = st.date_input(
                "Tính đến ngày",
                value=_param_date("ngay", today()),
                format="DD/MM/YYYY",
                key="f_date",
            )
        area = _choice("Lĩnh vực", "linh_vuc", PLAN_AREAS, AREA_SHORT, "f_area")
        codes = query("departments", unit, int(year))
        names = {c: department_short(c, unit) for c in codes}
        department = _choice("Phòng, đơn vị", "phong", codes, names, "f_dept")
    as_of, report_end = resolve_dates(int(year), period, today(), chosen)
    filters = Filters(unit, int(year), period, as_of, report_end, area, department)
    params = filters.url_params()
    for key in ("ngay", "linh_vuc", "phong"):
        if key not in params and key in st.query_params:
            del st.query_params[key]
    st.query_params.update(params)
    with st.sidebar:
        st.caption(f"Số liệu tính đến ngày **{fmt.day(as_of)}**.")
    return filters


def remember_filters(filters: Filters | None) -> None:
    st.session_state["_filters"] = filters


def current_filters() -> Filters | None:
    """The filters app.py read this run (a page run on its own reads them itself)."""
    if "_filters" not in st.session_state:
        remember_filters(sidebar_filters())
    return st.session_state["_filters"]


def headline_cards(h: dict, tasks_label: str = "Nhiệm vụ") -> None:
    """The four headline numbers of a plan (or of one area or department) as metric cards."""
    c1, c2, c3, c4 = st.columns(4)
    quiet = {"delta_color": "off", "delta_arrow": "off", "border": True}
    c1.metric(
        tasks_label,
        fmt.number(h["tasks"]),
        f"trong đó {fmt.number(h['continuous'])} thường xuyên",
        help="Số nhiệm vụ cấp cuối: nhiệm vụ cha không tính riêng, mỗi nhiệm vụ con tính một lần.",
        **quiet,
    )
    c2.metric(
        "Tỷ lệ hoàn thành",
        fmt.percent(h["done_rate"]),
        f"{fmt.number(h['done'])}/{fmt.number(h['with_deadline'])} nhiệm vụ (trừ thường xuyên)",
        help="Số nhiệm vụ cấp cuối đã hoàn thành (đúng hạn hoặc quá hạn) chia cho số nhiệm vụ "
        "cấp cuối không phải thường xuyên.",
        **quiet,
    )
    c3.metric("Quá hạn", fmt.number(h["overdue"]), "đã quá thời hạn, chưa hoàn thành", **quiet)
    c4.metric(
        "Đến hạn trong 30 ngày",
        fmt.number(h["due_30"]),
        f"{fmt.number(h['due_7'])} trong 7 ngày tới",
        **quiet,
    )


TASK_KINDS = ("plan", "progress")


def demo_parts(
    uploads: pd.DataFrame,
    unit: str,
    year: int | None,
    shows: tuple[str, ...] = ("tasks", "indices"),
) -> list[str]:
    """Which of what a page shows for a unit comes from demo uploads (`queries.uploads`, the
    loaded ones): 'tasks' = the plan and reports of `year` (any year when None), 'indices' =
    the index scores, whatever their year. Empty when every row shown is real."""
    rows = uploads[(uploads["status"] == "loaded") & (uploads["unit"] == unit)]
    rows = rows[rows["is_demo"].fillna(False).astype(bool)]
    tasks = rows[rows["kind"].isin(TASK_KINDS)]
    if year is not None:
        tasks = tasks[tasks["plan_year"] == year]
    parts = []
    if "tasks" in shows and not tasks.empty:
        parts.append("kế hoạch, báo cáo" + (f" năm {year}" if year is not None else ""))
    if "indices" in shows and not rows[~rows["kind"].isin(TASK_KINDS)].empty:
        parts.append("điểm các chỉ số")
    return parts


def demo_banner(
    unit: str, year: int | None = None, shows: tuple[str, ...] = ("tasks", "indices")
) -> None:
    """The DEMO warning, only where demo rows are shown, naming them. The year is the
    sidebar's when not given: a real plan for another year of a unit with demo data shows no
    banner for its plan (a page that shows no index scores passes shows=("tasks",))."""
    if year is None:
        filters = st.session_state.get("_filters")
        year = filters.year if filters is not None and filters.unit == unit else None
    parts = demo_parts(query("uploads", unit), unit, year, shows)
    if not parts:
        return
    what = " và ".join(parts)
    st.warning(
        f"**DỮ LIỆU MẪU (DEMO)** — {what[0].upper()}{what[1:]} trên trang này là dữ liệu "
        "minh họa, không phải số liệu thật của đơn vị.",
        icon=":material/science:",
    )


def file_stem(title: str) -> str:
    """A file name from a title: 'Tiến độ theo lĩnh vực — Quý III/2026' -> 'tien-do-theo-linh-
    vuc-quy-iii-2026'."""
    return "-".join(fold(title).split())[:90] or "bang-dieu-khien-cchc"


def xlsx_button(
    table: pd.DataFrame, title: str, key: str, label: str = "Tải bảng Excel", where=st
) -> None:
    """The table as an Excel file (formula-looking text neutralised), made only when clicked."""
    where.download_button(
        label,
        data=lambda: export.to_xlsx(table, title=title),
        file_name=f"{file_stem(title)}.xlsx",
        mime=export.XLSX_MIME,
        key=f"{key}_xlsx",
        on_click="ignore",
        type="tertiary",
        icon=":material/download:",
    )


def png_button(fig: object, key: str) -> None:
    """The chart as a presentation-size PNG rendered on the server, made only when clicked.
    Not offered when the server has no Chromium to render with."""
    if images.chromium_path() is None:
        return
    title = re.sub(r"<[^>]+>", "", fig.layout.title.text or "bieu-do")
    filters = st.session_state.get("_filters")
    stamp = None  # the unit, period, data date and DEMO mark, so the image stands alone
    if filters is not None:
        demo = bool(query("is_demo", filters.unit))
        stamp = images.Stamp(filters.unit, filters.label(), filters.as_of, demo)
    st.download_button(
        "Tải ảnh PNG",
        data=lambda: images.png(fig, stamp=stamp),
        file_name=f"{file_stem(title)}.png",
        mime="image/png",
        key=f"{key}_png",
        on_click="ignore",
        type="tertiary",
        icon=":material/image:",
    )


@st.cache_resource(max_entries=256, show_spinner=False)
def _figure(name: str, key: object, _build, _args: tuple, _kwargs: dict[str, object]) -> object:
    return _build(*_args, **_kwargs)


def figure(build, *args: object, key: object = None, **kwargs: object) -> object:
    """`build(*args, **kwargs)` (a chart module's figure function) made once and shared by
    every rerun and session: building a plotly figure costs more Python than a warm page may
    spend. Made again when the arguments differ (frames compared by content), or, with `key`
    (the query arguments the frames came from), when the key or the database's data differ:
    hashing a country's frames on every rerun would cost what the cache saves. The figure is
    shared, so it must not be changed afterwards (ui.chart and images.png only read it)."""
    name = f"{build.__module__}.{build.__qualname__}"
    if key is None:
        key = (args, kwargs)
    else:
        path = db.db_path()
        key = (db.data_version(path), str(path), key)
    return _figure(name, key, build, args, kwargs)


def chart(
    fig: object, key: str, selectable: bool = False, png: bool = True, on_click=None
) -> list[dict]:
    """A plotly chart in the app's own theme (the same look as exported images), with a PNG
    download under it. With `selectable`, a click on a bar or cell reruns the page and the
    clicked points (with their customdata) are returned, for the drill-down; `on_click` (a
    callable) is instead run before the next rerun, the clicked points in
    st.session_state[key].selection.points (it may then set other widgets' state)."""
    event = st.plotly_chart(
        fig,
        key=key,
        theme=None,
        on_select=on_click if on_click is not None else "rerun" if selectable else "ignore",
        selection_mode="points",
        config={
            "displaylogo": False,
            "modeBarButtonsToRemove": ["lasso2d", "select2d"],
            "toImageButtonOptions": {"format": "png", "scale": 2},
        },
    )
    if png:
        png_button(fig, key)
    if not selectable or not event:
        return []
    return list(event.selection.points)


def status_legend() -> None:
    """One legend for all the status charts of a page: the same colour always means the same."""
    items = "".join(
        f'<span style="display:inline-flex;align-items:center;margin:0 18px 4px 0">'
        f'<span style="width:14px;height:14px;border-radius:3px;background:{STATUS_COLORS[k]};'
        f'display:inline-block;margin-right:6px"></span>{name}</span>'
        for k, name in STATUSES.items()
    )
    st.markdown(
        f'<div style="font-size:0.95rem;line-height:1.6">{items}</div>', unsafe_allow_html=True
    )


def quarter_label(end: date) -> str:
    return f"Quý {ROMAN_UP[(end.month - 1) // 3 + 1]}/{end.year}"


TINTED_ROWS = 1000  # a longer task list is sent without its status tints (see tinted)


def tinted(table: pd.DataFrame) -> object:
    """The task list with each status cell tinted, up to TINTED_ROWS rows; a longer one (a
    10,000-task plan) as it is: pandas' Styler costs about 0.1 ms a cell on every rerun, a
    second for 5,000 rows. Give the deadline column `DEADLINE_COLUMN` (dates shown alike)."""
    return tasklist.styled(table) if len(table) <= TINTED_ROWS else table


DEADLINE_COLUMN = st.column_config.DateColumn(format="DD/MM/YYYY")


def task_table(df: pd.DataFrame, empty: str, key: str, title: str, days_late: bool = False) -> None:
    """A compact task list (code, title, status, deadline, lead, latest report), with its
    Excel download."""
    if df.empty:
        st.success(empty, icon=":material/check_circle:")
        return
    table = tasklist.display(df)[list(tasklist.COLUMNS.values())[:6]]
    if days_late:
        table.insert(4, "Số ngày quá hạn", df["days_late"].to_numpy())
    st.dataframe(
        tinted(table),
        placeholder="–",
        hide_index=True,
        width="stretch",
        height=min(420, 38 + 35 * len(table)),
        column_config={
            "Nhiệm vụ": st.column_config.TextColumn(width="large"),
            "Thời hạn": DEADLINE_COLUMN,
        },
    )
    xlsx_button(table, title, key)


def drill_down(tasks: pd.DataFrame, drill: tasklist.Drill | None, key: str) -> None:
    """The tasks behind a clicked bar or cell, right under the chart."""
    if drill is None:
        return
    rows = tasklist.apply(tasks, drill.filter)
    st.markdown(f"**Các nhiệm vụ: {shown(drill.title)}** ({len(rows)})")
    task_table(rows, "Không có nhiệm vụ nào.", key, f"Các nhiệm vụ: {drill.title}")


REPORT_STATE_TINTS = {"on_time": "#DCEFDC", "late": "#FDF0CC", "missing": "#FBDADA"}


def report_calendar(calendar: pd.DataFrame, key: str, title: str) -> None:
    """Departments x quarters: when each report came, late ones and missing ones coloured."""
    if calendar.empty:
        st.info("Chưa hết quý nào của năm kế hoạch.")
        return
    text = calendar.assign(
        cell=[
            "Chưa gửi" if s == "missing" else f"{fmt.day(d)[:5]}{' (trễ)' if s == 'late' else ''}"
            for d, s in zip(calendar["report_date"], calendar["state"], strict=True)
        ],
        name=calendar["department"].map(department_short),
    )
    grid = text.pivot(index="name", columns="period", values="cell").rename_axis(
        index="Phòng, đơn vị", columns=None
    )
    grid = grid.reindex(
        index=list(dict.fromkeys(text["name"])), columns=list(dict.fromkeys(text["period"]))
    )
    states = text.pivot(index="name", columns="period", values="state")
    states = states.rename_axis(index="Phòng, đơn vị", columns=None).reindex_like(grid)

    tints = states.map(lambda s: f"background-color: {REPORT_STATE_TINTS[s]}")
    grid, tints = grid.reset_index(), tints.reset_index()
    tints.iloc[:, 0] = ""  # the department names stay plain, in full contrast
    styled = grid.style.apply(lambda _: tints, axis=None)
    st.dataframe(styled, width="stretch", height=38 + 35 * len(grid), hide_index=True)
    xlsx_button(grid, title, key)
    st.caption("Hạn gửi báo cáo quý: ngày 20 của tháng cuối quý (Công văn 581/BNV-CCHC).")


@st.dialog("Chi tiết nhiệm vụ", width="large")
def task_detail(tasks: pd.DataFrame, history: pd.DataFrame, code: str) -> None:
    """One task: what the plan says, its status, and every report on it."""
    row = tasks[tasks["code"] == code]
    if row.empty:
        return
    task = row.iloc[0]
    st.markdown(f"#### {shown(code)} · {shown(str(task['title']))}")  # cells: shown as written
    lead = department_short(task["lead_department"]) or task["lead_department"] or ""
    st.markdown(
        f"**Trạng thái:** {STATUSES[task['status']]} · **Thời hạn:** "
        f"{shown(str(task['deadline_text'] or 'không ghi'))} · **Chủ trì:** {shown(str(lead))}"
    )
    if history.empty:
        st.info("Chưa có báo cáo nào về nhiệm vụ này.")
    else:
        table = tasklist.history_display(history)
        st.dataframe(table, hide_index=True, width="stretch", placeholder="–")
        xlsx_button(table, f"Các lần báo cáo nhiệm vụ {code}", "detail")


def latest_points(selections: dict[str, list[dict]]) -> list[dict]:
    """Of several charts sharing one drill-down list, the points of the one clicked last (a
    selection stays on a chart until cleared, so the newest click is the one that changed)."""
    previous = st.session_state.get("_drill_previous", {})
    active = st.session_state.get("_drill_active")
    for name, points in selections.items():
        if points and points != previous.get(name):
            active = name
    st.session_state["_drill_previous"] = selections
    st.session_state["_drill_active"] = active
    if active and selections.get(active):
        return selections[active]
    return next((p for p in selections.values() if p), [])


def index_criteria(scores: pd.DataFrame, period: str, area: str, title: str) -> None:
    """The criteria of one PAR INDEX area: maximum, self-assessed, appraised, points lost."""
    rows = scores[
        (scores["period"] == period)
        & (scores["series"] == "unit")
        & scores["criterion"].str.startswith(f"{area}.")
    ]

    def points(values: pd.Series) -> pd.Series:
        return values.map(lambda v: fmt.number(v, 2))

    table = pd.DataFrame(
        {
            "Tiêu chí": rows["criterion"],
            "Nội dung": rows["name"],
            "Điểm tối đa": points(rows["max_score"]),
            "Tự đánh giá": points(rows["self_score"]),
            "Thẩm định": points(rows["appraised_score"]),
            "Mất điểm": points(rows["max_score"] - rows["score"]),
            "Thẩm định trừ": points(rows["self_score"] - rows["appraised_score"]),
        }
    )
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        placeholder="–",
        column_config={"Nội dung": st.column_config.TextColumn(width="large")},
    )
    xlsx_button(table, title, "i_criteria")


def change_style(delta: str) -> dict[str, str]:
    """st.metric's colour and arrow for a change as fmt writes it ('+3,2 …', '−0,8 …' with a
    true minus sign, which Streamlit would read as a rise): up and green, down and red, or
    neither when the text states no change ('chưa có kỳ trước…')."""
    if not delta or delta[0] not in "+−-":
        return {"delta_color": "off", "delta_arrow": "off"}
    down = delta[0] in "−-"
    return {"delta_color": "red" if down else "green", "delta_arrow": "down" if down else "up"}


def index_cards(headlines: pd.DataFrame) -> None:
    """The latest value of each external index with its change from the previous period."""
    if headlines.empty:
        return
    from cchc import indexview

    by_code = headlines.set_index("index")
    shown = [i for i in indexview.INDICES if i.code in by_code.index]
    for col, info in zip(st.columns(len(shown)), shown, strict=True):
        value, change = indexview.headline(by_code.loc[info.code])
        col.metric(
            f"{info.code} {indexview.period_text(by_code.loc[info.code, 'period'])}",
            value + info.suffix,
            change,
            border=True,
            help=info.title,
            **change_style(change),
        )


AUTO_ADVANCE_CHOICES = [0, 15, 30, 60, 120]  # seconds; 0 = off


def auto_advance_seconds(text: str | None) -> int:
    """The `tu_dong` URL value as seconds between slides: 3–600, anything else is off."""
    value = int(text) if text and text.isdigit() else 0
    return value if 3 <= value <= 600 else 0


def auto_advance(seconds: int, next_slide: int) -> None:
    """Go to `next_slide` after `seconds`, unless the presenter moves first (a full rerun
    starts the count again)."""
    st.session_state["_p_ticks"] = 0

    @st.fragment(run_every=seconds)
    def tick() -> None:
        st.session_state["_p_ticks"] += 1
        if st.session_state["_p_ticks"] > 1:  # the first run is the page's own
            st.query_params["trang"] = str(next_slide)
            st.rerun(scope="app")

    tick()


PRESENT_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header,
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding-top: 1.2rem; max-width: 100%; }
h1 { font-size: 2.4rem !important; padding-top: 0 !important; }
.slide-takeaway { font-size: 1.9rem; font-weight: 600; color: #0B3D91; text-align: center;
                  margin: .4rem 0 1rem 0; }
.slide-footer { font-size: 1.15rem; color: #37474F; text-align: center; padding-top: .4rem; }
[data-testid="stButton"] button p { font-size: 1.2rem; }
</style>
"""
