"""Tổng quan: where the plan stands: headline numbers, completion by area and department, the
overdue list."""

import streamlit as st

from cchc import charts, fmt, ui
from cchc.vocab import AREA_SHORT, DEPARTMENT_SHORT, DEPARTMENTS

filters = ui.current_filters()
if filters is None:
    st.stop()
scope = filters.scope

st.title(f"Tổng quan tiến độ CCHC — {filters.unit}")
st.caption(f"Kế hoạch cải cách hành chính {filters.label()}.")
ui.demo_banner(filters.unit)

h = ui.query("headline", scope)
c1, c2, c3, c4 = st.columns(4)
c1.metric(
    "Nhiệm vụ",
    fmt.number(h["tasks"]),
    help=f"Số nhiệm vụ cấp cuối (không tính nhiệm vụ cha), trong đó {h['continuous']} nhiệm "
    "vụ thường xuyên.",
    border=True,
)
c2.metric(
    "Tỷ lệ hoàn thành",
    fmt.percent(h["done_rate"]),
    f"{fmt.number(h['done'])}/{fmt.number(h['with_deadline'])} nhiệm vụ (trừ thường xuyên)",
    delta_color="off",
    delta_arrow="off",
    border=True,
    help="Số nhiệm vụ cấp cuối đã hoàn thành (đúng hạn hoặc quá hạn) chia cho số nhiệm vụ "
    "cấp cuối không phải thường xuyên. Mỗi nhiệm vụ con tính một lần; nhiệm vụ cha "
    "không tính riêng.",
)
c3.metric(
    "Quá hạn",
    fmt.number(h["overdue"]),
    "đã quá thời hạn, chưa hoàn thành",
    delta_color="off",
    delta_arrow="off",
    border=True,
)
c4.metric(
    "Đến hạn trong 30 ngày",
    fmt.number(h["due_30"]),
    f"{fmt.number(h['due_7'])} trong 7 ngày tới",
    delta_color="off",
    delta_arrow="off",
    border=True,
)

missing = ui.query("missing_reports", scope, filters.report_period_end)
if missing:
    names = ", ".join(DEPARTMENTS[d] for d in missing)
    st.warning(
        f"**Chưa gửi báo cáo {ui.quarter_label(filters.report_period_end)}:** {names}. "
        "Nhiệm vụ của các đơn vị này đang được tính theo báo cáo gần nhất trước đó.",
        icon=":material/warning:",
    )

ui.status_legend()
left, right = st.columns(2)
with left:
    counts = ui.query("status_counts", scope, "area")
    ui.chart(
        charts.status_bars(
            counts, "area", f"Tiến độ theo lĩnh vực — {filters.label()}", legend=False
        ),
        key="chart_area",
    )
with right:
    counts = ui.query("status_counts", scope, "department")
    ui.chart(
        charts.status_bars(
            counts, "department", f"Tiến độ theo phòng chủ trì — {filters.label()}", legend=False
        ),
        key="chart_department",
    )

st.subheader(f"Nhiệm vụ quá hạn ({fmt.number(h['overdue'])})")
overdue = ui.query("overdue_tasks", scope)
if overdue.empty:
    st.success("Không có nhiệm vụ nào quá hạn.")
else:
    overdue = overdue.assign(
        area_name=overdue["area"].map(AREA_SHORT),
        lead=overdue["lead_department"].map(DEPARTMENT_SHORT).fillna(overdue["lead_department"]),
        reported=overdue["percent"].map(lambda p: "" if p != p else f"{fmt.number(p)}%"),
    )
    ui.show_table(
        overdue,
        {
            "code": "Mã",
            "title": "Nhiệm vụ",
            "area_name": "Lĩnh vực",
            "lead": "Chủ trì",
            "deadline": "Thời hạn",
            "days_late": "Số ngày quá hạn",
            "reported": "Tỷ lệ báo cáo",
        },
    )
