"""Theo lĩnh vực / phòng: the scorecard of one area or one department: its numbers, its
statuses over the year, its reports, what it leads and what it supports."""

import streamlit as st

from cchc import charts, shell, tasklist, ui
from cchc.vocab import AREA_SHORT, AREAS, PLAN_AREAS, department_name

if shell.ensure_app():
    st.stop()

filters = ui.current_filters()
if filters is None:
    st.stop()

st.title(f"Theo lĩnh vực, theo phòng — {filters.unit}")
ui.demo_banner(filters.unit)

kind = (
    st.segmented_control(
        "Xem theo",
        ["area", "department"],
        key="s_kind",
        default="department" if filters.department else "area",
        format_func={"area": "Lĩnh vực", "department": "Phòng, đơn vị"}.get,
    )
    or "area"
)
if kind == "area":
    chosen = st.selectbox(
        "Lĩnh vực",
        PLAN_AREAS,
        format_func=AREAS.get,
        key="s_area",
        index=PLAN_AREAS.index(filters.area) if filters.area else 0,
    )
    scope = filters.scope.narrowed(area=chosen, department=None)
    name = AREAS[chosen]
else:
    codes = [d for d in ui.query("departments", filters.unit, filters.year) if d != "UBND"]
    chosen = st.selectbox(
        "Phòng, đơn vị",
        codes,
        format_func=lambda d: department_name(d, filters.unit),
        key="s_dept",
        index=codes.index(filters.department) if filters.department in codes else 0,
    )
    scope = filters.scope.narrowed(department=chosen, lead_only=True, area=None)
    name = department_name(chosen, filters.unit)

st.subheader(f"{name} — {filters.when()}")
ui.headline_cards(
    ui.query("headline", scope), "Nhiệm vụ chủ trì" if kind == "department" else "Nhiệm vụ"
)

ui.status_legend()
left, right = st.columns(2)
with left:
    over_time = ui.query("status_over_time", scope, scope.as_of)
    ui.chart(charts.status_over_time(over_time, f"Trạng thái qua các kỳ — {name}"), "s_over_time")
with right:
    by = "department" if kind == "area" else "area"
    counts = ui.query("status_counts", scope, by)
    title = f"{name} — theo {'phòng chủ trì' if by == 'department' else 'lĩnh vực'}"
    figure = charts.status_bars(counts, by, title, legend=False, unit=filters.unit)
    clicked = ui.chart(figure, "s_breakdown", True)
tasks = ui.query("task_status", scope)
ui.drill_down(tasks, tasklist.drill_from_points(clicked), "s_drill")

if kind == "department":
    calendar = ui.query("report_calendar", filters.unit, filters.year, filters.as_of)
    mine = calendar[calendar["department"] == chosen]
    st.markdown("**Báo cáo định kỳ**")
    ui.report_calendar(mine, "s_calendar", f"Báo cáo định kỳ — {name} — năm {filters.year}")
    st.markdown(f"**Nhiệm vụ chủ trì ({len(tasks)})**")
    ui.task_table(
        tasks,
        "Không chủ trì nhiệm vụ nào.",
        "s_lead",
        f"Nhiệm vụ chủ trì — {name} — {filters.when()}",
    )
    supported = ui.query("task_status", filters.scope.narrowed(department=chosen, area=None))
    supported = supported[supported["lead_department"] != chosen]
    st.markdown(f"**Nhiệm vụ phối hợp ({len(supported)})**")
    ui.task_table(
        supported,
        "Không phối hợp nhiệm vụ nào.",
        "s_support",
        f"Nhiệm vụ phối hợp — {name} — {filters.when()}",
    )
else:
    st.markdown(f"**Các nhiệm vụ của lĩnh vực ({len(tasks)})** — {AREA_SHORT[chosen]}")
    ui.task_table(
        tasks,
        "Lĩnh vực này không có nhiệm vụ nào.",
        "s_area",
        f"Nhiệm vụ lĩnh vực {name} — {filters.when()}",
    )
