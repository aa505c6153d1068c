"""Chỉ số: PAR INDEX, SIPAS, PCI, DDCI and the 766 service index: their trend against the
target and the reference series, and where the points are lost."""

import streamlit as st

from cchc import charts, criteria_view, indexview, shell, slides, ui

if shell.ensure_app():
    st.stop()

filters = ui.current_filters()
unit = filters.unit if filters else None
st.title("Chỉ số đánh giá từ bên ngoài")
st.caption(
    "Kết quả các chỉ số do cấp trên và người dân đánh giá: xu hướng qua các năm, so với "
    "mục tiêu và mức trung bình của tỉnh; phần mất điểm nhiều nhất đứng đầu."
)
if unit is None:
    st.stop()
ui.demo_banner(unit)
criteria_view.risk_element(filters)  # PAR INDEX points the late tasks put at risk

tabs = st.tabs([i.code for i in indexview.INDICES])
for tab, info in zip(tabs, indexview.INDICES, strict=True):
    with tab:
        scores = ui.query("index_scores", unit, info.code, filters.as_of)
        if scores.empty:
            st.info(f"Chưa có số liệu {info.title}. Tải bảng điểm lên ở trang Tải dữ liệu lên.")
            continue
        st.caption(info.about)
        trend = ui.figure(slides.index_trend_figure, info, scores, unit)
        ui.chart(trend, f"i_trend_{info.code}")
        period, parts = indexview.latest_parts(scores)
        if not parts.empty:
            label = indexview.period_text(period)
            what = "theo lĩnh vực" if info.code == "PAR" else "theo thành phần"
            ui.chart(
                ui.figure(
                    charts.index_breakdown,
                    parts,
                    f"{info.title} {what} — {label}",
                    info.target if info.code == "SIPAS" else None,
                    info.suffix,
                    indexview.reference_parts(scores, period),
                ),
                f"i_parts_{info.code}",
            )
            history = indexview.parts_over_time(scores)
            if info.code == "766" and history["period"].nunique() > 1:
                ui.chart(
                    ui.figure(
                        charts.parts_over_time,
                        history,
                        f"{info.title}: các nhóm qua các kỳ — % điểm tối đa",
                    ),
                    f"i_history_{info.code}",
                )
            if info.code == "PAR":
                names = dict(zip(parts["criterion"], parts["name"], strict=True))
                area = st.selectbox(
                    "Xem các tiêu chí của lĩnh vực",
                    list(parts["criterion"]),
                    format_func=names.get,
                    key="i_par_area",
                )
                ui.index_criteria(
                    scores,
                    period,
                    area,
                    f"PAR INDEX {label} — {names[area]}",
                )
