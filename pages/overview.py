"""Tổng quan: where the plan stands: headline numbers, completion by area and department (click
a bar or a cell for its tasks), the trend against the ideal pace, overdue and due-soon lists."""

import streamlit as st

from cchc import (
    auth,
    charts,
    criteria_view,
    fmt,
    procedure_view,
    province_view,
    shell,
    tasklist,
    ui,
)
from cchc.vocab import department_name

if shell.ensure_app():
    st.stop()

filters = ui.current_filters()
if filters is None:
    st.stop()
scope = filters.scope

st.title(f"Tổng quan tiến độ CCHC — {filters.unit}")
st.caption(f"Kế hoạch cải cách hành chính {filters.label()}.")
province_view.peer_caption(filters, auth.current().province_wide)  # "Xếp thứ 9/30 …"
ui.demo_banner(filters.unit)

ui.headline_cards(ui.query("headline", scope))

ui.index_cards(ui.query("index_headlines", filters.unit, filters.as_of))
procedure_view.overview_cards(filters)
criteria_view.risk_element(filters)  # PAR INDEX points the late tasks put at risk

missing = ui.query("missing_reports", scope, filters.report_period_end)

if missing:
    names = ", ".join(department_name(d, filters.unit) for d in missing)
    st.warning(
        f"**Chưa gửi báo cáo {ui.quarter_label(filters.report_period_end)}** (tính đến ngày "
        f"{fmt.day(filters.as_of)}): {names}. Nhiệm vụ của các đơn vị này được tính theo báo "
        "cáo gần nhất của đơn vị.",
        icon=":material/warning:",
    )

tasks = ui.query("task_status", scope)
st.caption("Bấm vào một đoạn của biểu đồ để xem các nhiệm vụ tương ứng.")
ui.status_legend()
left, right = st.columns(2)
with left:
    title = f"Tiến độ theo lĩnh vực — {filters.label()}"
    counts = ui.query("status_counts", scope, "area")
    bars = ui.figure(charts.status_bars, counts, "area", title, legend=False, key=(scope, title))
    by_area = ui.chart(bars, "chart_area", True)
with right:
    title = f"Tiến độ theo phòng chủ trì — {filters.label()}"
    counts = ui.query("status_counts", scope, "department")
    by_dept = ui.chart(
        ui.figure(
            charts.status_bars,
            counts,
            "department",
            title,
            legend=False,
            unit=filters.unit,
            key=(scope, title),
        ),
        "chart_department",
        True,
    )
latest = ui.latest_points({"area": by_area, "department": by_dept})
ui.drill_down(tasks, tasklist.drill_from_points(latest), "ov_drill")


matrix = ui.query("done_matrix", scope)
title = f"Nhiệm vụ đã hoàn thành theo phòng chủ trì và lĩnh vực — {filters.label()}"
heatmap = ui.figure(charts.done_heatmap, matrix, title, filters.unit, key=(scope, title))
cell = ui.chart(heatmap, "chart_heatmap", True)
ui.drill_down(tasks, tasklist.drill_from_points(cell), "ov_cell")

left, right = st.columns(2)
with left:
    trend = ui.query("completion_trend", scope, scope.as_of)
    title = f"Hoàn thành so với tiến độ lý tưởng — năm {filters.year}"

    ui.chart(ui.figure(charts.completion_trend, trend, title, key=(scope, title)), "chart_trend")
with right:
    st.markdown(f"**Báo cáo định kỳ của các phòng, đơn vị — năm {filters.year}**")
    ui.report_calendar(
        ui.query("report_calendar", filters.unit, filters.year, filters.as_of),
        "ov_calendar",
        f"Báo cáo định kỳ của các phòng, đơn vị — năm {filters.year}",
    )

overdue = tasklist.overdue(tasks, filters.as_of)
soon_7 = tasklist.due_soon(tasks, filters.as_of, 7)
soon_30 = tasklist.due_soon(tasks, filters.as_of, 30)
tab1, tab2, tab3 = st.tabs(
    [
        f"Quá hạn ({len(overdue)})",
        f"Đến hạn trong 7 ngày ({len(soon_7)})",
        f"Đến hạn trong 30 ngày ({len(soon_30)})",
    ]
)
with tab1:
    ui.task_table(
        overdue,
        "Không có nhiệm vụ nào quá hạn.",
        "ov_overdue",
        f"Nhiệm vụ quá hạn — {filters.label()}",
        days_late=True,
    )
with tab2:
    ui.task_table(
        soon_7,
        "Không có nhiệm vụ nào đến hạn trong 7 ngày tới.",
        "ov_soon7",
        f"Nhiệm vụ đến hạn trong 7 ngày — từ {fmt.day(filters.as_of)}",
    )
with tab3:
    ui.task_table(
        soon_30,
        "Không có nhiệm vụ nào đến hạn trong 30 ngày tới.",
        "ov_soon30",
        f"Nhiệm vụ đến hạn trong 30 ngày — từ {fmt.day(filters.as_of)}",
    )
