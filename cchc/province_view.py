"""Streamlit glue of the Toàn tỉnh page: cached queries of cchc/province_queries.py that
refresh when new data is loaded, the ranking table as shown, and the overview's line that says
where a unit stands among its province's units; a unit clicked (its bar, its row, or chosen and
opened) becomes the sidebar's unit and its Tổng quan opens."""

from __future__ import annotations

from urllib.parse import urlencode

import numpy as np
import pandas as pd
import streamlit as st

from cchc import db, fmt, ui
from cchc.departments import LEVEL_NAMES
from cchc.filters import Filters
from cchc.vocab import department_short


def query(name: str, *args: object) -> object:
    """`province_queries.<name>(con, *args)` through the dashboard's cached `ui.query`."""
    return ui.query(f"province_queries.{name}", *args)


def peer_caption(filters: Filters, with_page: bool = True) -> None:
    """'Xếp thứ 9/30 về tỷ lệ hoàn thành …' under the overview's title, when the unit's
    province has at least two units with a rate; `with_page`: point to Toàn tỉnh (only for
    those who are offered it)."""
    place = query("peer_rank", filters.unit, filters.year, filters.as_of)
    if place:
        page = " (trang Toàn tỉnh)" if with_page else ""
        st.caption(
            f"Xếp thứ **{fmt.number(place['rank'])}/{fmt.number(place['of'])}** về tỷ lệ hoàn "
            f"thành trong các đơn vị của tỉnh {place['province']}{page}, tính đến ngày "
            f"{fmt.day(filters.as_of)}."
        )


def overview_link(unit: str, filters: Filters) -> str:
    """The link that opens a unit's overview with the same year and period."""
    params = {**filters.url_params(), "don_vi": unit}
    params.pop("linh_vuc", None)
    params.pop("phong", None)
    return "/?" + urlencode(params)


def _signed(value: float) -> str:
    if value is None or pd.isna(value):
        return ""
    sign = "+" if value >= 0 else "−"
    return f"{sign}{fmt.number(abs(value), 2)}"


def _place(rank: object, of: object) -> str:
    if rank is None or pd.isna(rank):
        return ""
    return f"{int(rank)}/{int(of)}"


def table(ranked: pd.DataFrame, filters: Filters, period: str) -> pd.DataFrame:
    """The ranking as shown and downloaded: numbers stay numbers (so a column sorts by value),
    ranks as '3/30', a missing report's departments by their short names."""

    def missing(row: pd.Series) -> str:
        names = row["missing_departments"]
        if not isinstance(names, list | tuple | np.ndarray) or not len(names):  # None, NA
            return ""
        return ", ".join(department_short(d, row["unit"]) for d in names)

    return pd.DataFrame(
        {
            "Hạng": ranked["rank"].astype("Int64"),
            "Đơn vị": ranked["unit"],
            "Cấp": ranked["level"].map(lambda lv: LEVEL_NAMES.get(lv, lv).capitalize()),
            "Tỷ lệ hoàn thành (%)": (ranked["rate"] * 100).round(1),
            "Đã hoàn thành": ranked["done"].astype(int),
            "Nhiệm vụ (trừ thường xuyên)": ranked["with_deadline"].astype(int),
            "Quá hạn": ranked["overdue"].astype(int),
            "Đến hạn trong 30 ngày": ranked["due_30"].astype(int),
            f"Số phòng chưa báo cáo {period}": ranked["missing"].astype(int),
            f"Phòng chưa báo cáo {period}": ranked.apply(missing, axis=1),
            "PAR INDEX": ranked["par"],
            "Xếp hạng PAR INDEX": [
                _place(r, o) for r, o in zip(ranked["par_rank"], ranked["par_of"], strict=True)
            ],
            "PAR INDEX so với kỳ trước": ranked["par_change"].map(_signed),
            "SIPAS (%)": ranked["sipas"],
            "Xếp hạng SIPAS": [
                _place(r, o) for r, o in zip(ranked["sipas_rank"], ranked["sipas_of"], strict=True)
            ],
            "SIPAS so với kỳ trước": ranked["sipas_change"].map(_signed),
            "Mở": [overview_link(u, filters) for u in ranked["unit"]],
        }
    )


def shown_table(ranked: pd.DataFrame, filters: Filters, period: str, province: str) -> pd.DataFrame:
    """`table`, made once for the same ranking (the page's query arguments and the database's
    data): a rerun of the page (a sort, a page of the table, a unit chosen) neither rebuilds
    nor hashes a country's 3,321 rows."""
    path = db.db_path()
    return _shown_table(db.data_version(path), str(path), province, filters, period, ranked)


@st.cache_data(max_entries=16, show_spinner=False)
def _shown_table(
    version: object, path: str, province: str, filters: Filters, period: str, _ranked: pd.DataFrame
) -> pd.DataFrame:
    return table(_ranked, filters, period)


PAGE_ROWS = 200  # the table's rows at a time when a province (or the country) has more units
SORTABLE = [
    "Hạng",
    "Tỷ lệ hoàn thành (%)",
    "Quá hạn",
    "Đến hạn trong 30 ngày",
    "PAR INDEX",
    "SIPAS (%)",
    "Đơn vị",
]


def sort(shown: pd.DataFrame, by: str, descending: bool) -> pd.DataFrame:
    """The table by one column (units without a figure last), the unit's name breaking ties."""
    return shown.sort_values(
        [by, "Đơn vị"], ascending=[not descending, True], na_position="last", kind="stable"
    ).reset_index(drop=True)


def page_of(shown: pd.DataFrame, unit: str) -> int:
    """The page (from 1) of PAGE_ROWS rows that holds the unit, 1 when it is not there."""
    found = shown.index[shown["Đơn vị"] == unit]
    return int(found[0]) // PAGE_ROWS + 1 if len(found) else 1


def page(shown: pd.DataFrame, number: int) -> pd.DataFrame:
    return shown.iloc[(number - 1) * PAGE_ROWS : number * PAGE_ROWS]


def styled(shown: pd.DataFrame, selected: str) -> object:
    """Vietnamese number formats (1.234,5), the selected unit's row tinted."""
    numbers = {
        "Tỷ lệ hoàn thành (%)": 1,
        "PAR INDEX": 2,
        "SIPAS (%)": 2,
    }
    style = shown.style.format(
        {c: (lambda v, d=d: "" if pd.isna(v) else fmt.number(v, d)) for c, d in numbers.items()}
    )
    tint = "background-color: #E3F2FD; font-weight: 600"
    mine = shown.index[shown["Đơn vị"] == selected]  # only its row is styled: 200 rows cost
    return style.apply(lambda row: [tint] * len(row), axis=1, subset=pd.IndexSlice[mine, :])


OPENING = "_p_opening"  # set by a click's callback: the next run of the page opens Tổng quan


def open_unit(unit: str) -> None:
    """Make `unit` the sidebar's unit (callbacks run before the sidebar is drawn again) and
    ask the page to open its Tổng quan."""
    st.session_state["f_unit"] = unit
    st.session_state[OPENING] = unit


def clicked_bar(key: str) -> str | None:
    """The unit of the bar clicked in the completion chart `key` (its customdata[0])."""
    event = st.session_state.get(key)
    points = event.selection.points if event else []
    data = points[0].get("customdata") if points else None
    return str(data[0]) if data else None


def open_clicked_bar(key: str) -> None:
    """on_select callback of the completion chart."""
    unit = clicked_bar(key)
    if unit:
        open_unit(unit)


def open_clicked_row(key: str, units: list[str]) -> None:
    """on_select callback of the ranking table: `units` are the table's rows as shown."""
    event = st.session_state.get(key)
    rows = event.selection.rows if event else []
    if rows and 0 <= rows[0] < len(units):
        open_unit(units[rows[0]])


def opening() -> bool:
    """True (once) when a click asked to open a unit's Tổng quan."""
    return st.session_state.pop(OPENING, None) is not None
