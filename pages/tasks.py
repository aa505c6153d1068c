"""Nhiệm vụ: the task table with filters, each task's latest report, Excel download."""

import streamlit as st

from cchc import export, shell, tasklist, ui
from cchc.vocab import AREA_SHORT, STATUSES, department_short

if shell.ensure_app():
    st.stop()

filters = ui.current_filters()
if filters is None:
    st.stop()

st.title(f"Danh sách nhiệm vụ — {filters.unit}")
st.caption(f"Trạng thái của từng nhiệm vụ cấp cuối, {filters.label()}.")
ui.demo_banner(filters.unit)

tasks = ui.query("task_status", filters.scope)

c1, c2, c3 = st.columns(3)
areas = c1.multiselect(
    "Lĩnh vực",
    list(AREA_SHORT)[:-1],
    format_func=AREA_SHORT.get,
    key="t_area",
    placeholder="Tất cả",
)
departments = c2.multiselect(
    "Phòng, đơn vị (chủ trì hoặc phối hợp)",
    ui.query("departments", filters.unit, filters.year),
    format_func=lambda d: department_short(d, filters.unit),
    key="t_dept",
    placeholder="Tất cả",
)
statuses = c3.multiselect(
    "Trạng thái", list(STATUSES), format_func=STATUSES.get, key="t_status", placeholder="Tất cả"
)
c4, c5, c6 = st.columns([1, 1, 2])
start = c4.date_input("Thời hạn từ ngày", value=None, format="DD/MM/YYYY", key="t_from")
end = c5.date_input("đến ngày", value=None, format="DD/MM/YYYY", key="t_to")
text = c6.text_input("Tìm theo mã hoặc nội dung", key="t_text", placeholder="ví dụ: số hóa")

chosen = tasklist.apply(
    tasks,
    tasklist.TaskFilter(
        areas=tuple(areas),
        departments=tuple(departments),
        statuses=tuple(statuses),
        deadline_from=start,
        deadline_to=end,
        text=text,
    ),
)
table = tasklist.display(chosen)

st.markdown(f"**{len(chosen)}** / {len(tasks)} nhiệm vụ")
st.dataframe(
    ui.tinted(table),
    placeholder="–",
    hide_index=True,
    width="stretch",
    height=min(600, 38 + 35 * max(len(table), 1)),
    key="t_table",
    column_config={
        "Thời hạn": ui.DEADLINE_COLUMN,
        "Nhiệm vụ": st.column_config.TextColumn(width="large"),
    },
)
title = f"Danh sách nhiệm vụ CCHC — {filters.unit} — {filters.label()}"
st.download_button(
    "Tải danh sách (Excel)",
    # a long list's file is made when clicked (10,000 tasks: 2 s of every rerun); a short
    # one's with the page, which never misses a click made right after a rerun
    data=(lambda: export.to_xlsx(table, "Nhiệm vụ", title))
    if len(table) > ui.TINTED_ROWS
    else export.to_xlsx(table, "Nhiệm vụ", title),
    file_name=f"nhiem-vu-cchc-{filters.year}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/download:",
    on_click="ignore",
)
