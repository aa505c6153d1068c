"""Tiến độ theo thời gian: every task's deadline across the year, in its status colour, with the
as-of date; click a task to see its reports."""

import streamlit as st

from cchc import charts, shell, tasklist, ui

if shell.ensure_app():
    st.stop()

filters = ui.current_filters()
if filters is None:
    st.stop()

st.title(f"Tiến độ theo thời gian — {filters.unit}")
st.caption(
    f"Thời hạn của từng nhiệm vụ trong năm {filters.year}, màu theo trạng thái "
    f"({filters.label()}). Nhiệm vụ thường xuyên trải cả năm; bấm vào một nhiệm vụ để xem các "
    "lần báo cáo."
)
ui.demo_banner(filters.unit)
ui.status_legend()

tasks = ui.query("task_status", filters.scope)
undated = tasks[~tasks["continuous"] & tasks["deadline"].isna()]
title = f"Thời hạn các nhiệm vụ theo lĩnh vực — {filters.label()}"
clicked = ui.chart(
    charts.timeline(tasks, filters.as_of, filters.year, title), "chart_timeline", True
)
code = tasklist.code_from_points(clicked)
if code:
    ui.task_detail(tasks, ui.query("task_history", filters.unit, filters.year, code), code)
if len(undated):
    with st.expander(f"{len(undated)} nhiệm vụ không có thời hạn cụ thể (không hiện trên biểu đồ)"):
        ui.task_table(
            undated, "", "t_undated", f"Nhiệm vụ không có thời hạn cụ thể — năm {filters.year}"
        )
