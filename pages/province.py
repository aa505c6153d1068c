"""Toàn tỉnh: every unit of the selected unit's province side by side at the as-of date: the
ranking (completion, overdue, due soon, missing reports, PAR INDEX and SIPAS), completion by
unit, units x areas, the distribution with the selected unit marked; a click on a unit's bar or
row (or the chooser under the table) opens that unit's Tổng quan."""

from functools import partial

import streamlit as st

from cchc import fmt, province_charts, province_view, shell, ui

if shell.ensure_app():
    st.stop()
if province_view.opening():  # a bar or row was clicked: the sidebar already has the unit
    st.switch_page("pages/overview.py")

filters = ui.current_filters()
if filters is None:
    st.stop()

province = province_view.query("province_of", filters.unit)
size = province_view.query("province_size", province) if province else 0
st.title(f"Toàn tỉnh — {'tỉnh ' + province if province else filters.unit}")
if size < 2:
    where = f"tỉnh {province}" if province else "tỉnh của đơn vị"
    st.info(
        f"Mới có {fmt.number(size or 1)} đơn vị của {where} trong cơ sở dữ liệu, nên chưa so "
        "sánh được. Nạp danh mục đơn vị của tỉnh (cột Tên đơn vị, Cấp, Tỉnh, Mã) bằng `python -m "
        "etl units load TỆP`, rồi tải kế hoạch, báo cáo của từng đơn vị; hoặc xem tỉnh mẫu: "
        "`python -m etl demo --province`.",
        icon=":material/info:",
    )
    st.stop()

period = ui.quarter_label(filters.report_period_end)
ranked, matrix = province_view.query(
    "page", province, filters.year, filters.as_of, filters.report_period_end
)
st.caption(
    f"{fmt.number(size)} đơn vị cấp xã của tỉnh {province} — kế hoạch CCHC {filters.when()}. "
    + (
        "Bấm tiêu đề cột để sắp xếp; "
        if size <= province_view.PAGE_ROWS
        else "Sắp xếp theo một cột ở dưới; "
    )
    + "bấm vào một dòng của bảng hoặc thanh của biểu đồ để mở trang Tổng quan của đơn vị đó."
    + (
        " Bộ lọc lĩnh vực, phòng không áp dụng cho trang này."
        if filters.area or filters.department
        else ""
    )
)
if ranked["is_demo"].fillna(False).astype(bool).any():
    st.warning(
        "**DỮ LIỆU MẪU (DEMO)** — Các đơn vị, kế hoạch, báo cáo và điểm chỉ số trên trang này "
        "là dữ liệu minh họa (tỉnh mẫu), không phải số liệu thật.",
        icon=":material/science:",
    )

rated = ranked[ranked["rate"].notna()]
mine = ranked[ranked["unit"] == filters.unit]
c1, c2, c3, c4 = st.columns(4)
quiet = {"delta_color": "off", "delta_arrow": "off", "border": True}
c1.metric(
    "Đơn vị có kế hoạch",
    f"{fmt.number(len(rated))}/{fmt.number(size)}",
    f"năm {filters.year}",
    **quiet,
)
c2.metric(
    "Tỷ lệ hoàn thành trung vị",
    fmt.percent(rated["rate"].median()),
    f"từ {fmt.percent(rated['rate'].min())} đến {fmt.percent(rated['rate'].max())}",
    **quiet,
)
if not mine.empty and mine["rank"].notna().iloc[0]:
    c3.metric(
        f"Xếp hạng của {filters.unit}",
        f"{fmt.number(mine['rank'].iloc[0])}/{fmt.number(mine['ranked_units'].iloc[0])}",
        f"tỷ lệ hoàn thành {fmt.percent(mine['rate'].iloc[0])}",
        **quiet,
    )
else:
    c3.metric(f"Xếp hạng của {filters.unit}", "–", "chưa có kế hoạch năm này", **quiet)
c4.metric(
    f"Đơn vị chưa đủ báo cáo {period}",
    fmt.number(int((ranked["missing"] > 0).sum())),
    f"{fmt.number(int((ranked['overdue'] > 0).sum()))} đơn vị có nhiệm vụ quá hạn",
    **quiet,
)

st.subheader("Bảng xếp hạng")
shown = province_view.shown_table(ranked, filters, period, province)
rows = shown
if len(shown) > province_view.PAGE_ROWS:  # a whole country: sorted here, shown a page at a time
    c1, c2, c3 = st.columns([3, 1, 1], vertical_alignment="bottom")
    by = c1.selectbox("Sắp xếp theo", province_view.SORTABLE, key="p_sort")
    descending = c2.toggle("Giảm dần", value=False, key="p_desc")
    rows = province_view.sort(shown, by, descending)
    pages = -(-len(rows) // province_view.PAGE_ROWS)
    mine_page = province_view.page_of(rows, filters.unit)
    number = c3.number_input(f"Trang (trên {pages})", 1, pages, mine_page, key="p_page")
    rows = province_view.page(rows, int(number))
    st.caption(
        f"Đơn vị {fmt.number(province_view.PAGE_ROWS * (int(number) - 1) + 1)}–"
        f"{fmt.number(province_view.PAGE_ROWS * (int(number) - 1) + len(rows))} trong "
        f"{fmt.number(len(shown))}; {filters.unit} ở trang {mine_page}. Tệp Excel có đủ mọi đơn vị."
    )
st.dataframe(
    province_view.styled(rows, filters.unit),
    hide_index=True,
    width="stretch",
    height=min(600, 38 + 35 * len(rows)),
    placeholder="–",
    column_config={
        "Hạng": st.column_config.NumberColumn(pinned=True, width="small"),
        "Đơn vị": st.column_config.TextColumn(pinned=True),
        "Mở": st.column_config.LinkColumn("Mở", display_text="Tổng quan", width="small"),
    },
    key="p_table",
    on_select=partial(province_view.open_clicked_row, "p_table", list(rows["Đơn vị"])),
    selection_mode="single-row",
)
ui.xlsx_button(
    shown.drop(columns=["Mở"]),
    f"Xếp hạng các đơn vị tỉnh {province} — {filters.when()}",
    "p_ranking",
)

left, right = st.columns([3, 1], vertical_alignment="bottom")
units = list(ranked["unit"])
pick = left.selectbox(
    "Mở trang Tổng quan của đơn vị",
    units,
    index=units.index(filters.unit) if filters.unit in units else 0,
    key="p_pick",
)


def _open(unit: str) -> None:
    st.session_state["f_unit"] = unit  # the sidebar's unit, before it is drawn again


if right.button("Mở Tổng quan", key="p_open", on_click=_open, args=(pick,), type="primary"):
    st.switch_page("pages/overview.py")

more = len(rated) > province_charts.ALL_UNITS_UP_TO
# the charts are made once per ranking: the page query's arguments and the selected unit
same = (province, filters.year, filters.as_of, filters.report_period_end, filters.unit)
which = " (10 đầu, 10 cuối)" if more else ""
left, right = st.columns([3, 2])
with left:
    title = f"Tỷ lệ hoàn thành theo đơn vị{which} — {filters.when()}"
    ui.chart(
        ui.figure(province_charts.completion_bars, ranked, filters.unit, title, key=(same, title)),
        "p_bars",
        on_click=partial(province_view.open_clicked_bar, "p_bars"),
    )
with right:
    title = f"Phân bố tỷ lệ hoàn thành — {fmt.number(len(rated))} đơn vị"
    dist = ui.figure(province_charts.distribution, ranked, filters.unit, title, key=(same, title))
    ui.chart(dist, "p_dist")

title = f"Tỷ lệ hoàn thành theo đơn vị và lĩnh vực{which} — {filters.when()}"
heatmap = ui.figure(
    province_charts.area_heatmap, matrix, ranked, filters.unit, title, key=(same, title)
)
ui.chart(heatmap, "p_heatmap")
