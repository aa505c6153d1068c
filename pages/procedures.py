"""Thủ tục hành chính: the one-stop system's figures: on-time, online and digitisation rates
period by period against the plan's targets (with the gap), the fields with most late
dossiers, the month-by-month trend, and the files each figure comes from."""

from datetime import date

import pandas as pd
import streamlit as st

from cchc import fmt, shell, ui
from cchc import procedure_charts as charts
from cchc import procedure_queries as pq
from cchc import procedure_view as view
from cchc.period_spans import span_label
from cchc.text import md_literal

if shell.ensure_app():
    st.stop()

filters = ui.current_filters()
if filters is None:
    st.stop()
unit = filters.unit

st.title(f"Thủ tục hành chính — {unit}")
st.caption(
    "Số liệu giải quyết thủ tục hành chính xuất từ Hệ thống thông tin giải quyết TTHC (biểu "
    f"06a/VPCP/KSTT), {filters.when()}: chỉ tính các kỳ đã kết thúc đến {fmt.day(filters.as_of)}."
)
sources = view.query("period_sources", unit)
if sources.empty:
    st.info(
        "Chưa có số liệu thống kê giải quyết thủ tục hành chính của đơn vị. Tải bảng xuất từ "
        "Hệ thống một cửa (tình hình, kết quả giải quyết TTHC) lên ở trang Tải dữ liệu lên."
    )
    st.stop()
if sources["is_demo"].fillna(False).astype(bool).any():
    st.warning(
        "**DỮ LIỆU MẪU (DEMO)** — Số liệu thủ tục hành chính trên trang này là dữ liệu minh "
        "họa, không phải số liệu thật của đơn vị.",
        icon=":material/science:",
    )

CARD_NAMES = {"on_time_rate": "Đúng hạn", "online_rate": "Trực tuyến", "digitised_rate": "Số hóa"}
summary = view.summary_for(filters)
targets = view.query("plan_targets", unit, filters.year)
if summary is None:
    st.info(f"Chưa có kỳ thống kê nào kết thúc đến {fmt.day(filters.as_of)}.")
    st.stop()

current = summary.current
goals = {} if targets.empty else targets.set_index("rate").to_dict("index")
st.markdown(f"**{view.period_line(summary)}**")
cols = st.columns(4)
for col, rate in zip(cols, pq.RATES, strict=False):
    view.rate_card(col, summary, rate, CARD_NAMES[rate])
cols[3].metric(
    f"Hồ sơ trễ hạn {pq.short_label(current)}",
    fmt.number(current.late),
    f"{fmt.number(current.get('resolved_late'))} đã xong · {fmt.number(current.get('pending_late'))} đang",
    help="Hồ sơ đã giải quyết quá hạn cộng hồ sơ đang giải quyết đã quá hạn.",
    delta_color="off",
    delta_arrow="off",
    border=True,
)

st.markdown("**Kết quả so với mục tiêu của kế hoạch**")
target_rows = []
for rate, name in pq.RATES.items():
    value = current.rate(rate)
    goal = goals.get(rate)
    gap = None if not goal or value is None else goal["target"] - value * 100
    target_rows.append(
        {
            "Chỉ tiêu": name,
            summary.label: fmt.percent(value, 1),
            "Mục tiêu": "–" if not goal else f"{fmt.number(goal['target'], 0)}%",
            "Chênh lệch": "–"
            if gap is None
            else "đạt mục tiêu"
            if gap <= 0
            else f"còn thiếu {fmt.number(gap, 1)} điểm %",
            "Nhiệm vụ của kế hoạch": "không có nhiệm vụ nêu tỷ lệ này"
            if not goal
            else f"{goal['code']}. {goal['title']}",
        }
    )
st.dataframe(pd.DataFrame(target_rows), hide_index=True, width="stretch")
for sentence in pq.procedure_sentences(summary, targets):
    st.markdown(f"- {md_literal(sentence)}")  # field names come from the file

trend = view.query("trend", unit, filters.as_of, filters.year)
grain = "theo tháng" if trend["period"].str.fullmatch(r"\d{4}-\d{2}").all() else "theo kỳ"
title = f"Tỷ lệ đúng hạn, trực tuyến, số hóa {grain} so với mục tiêu — {unit}, năm {filters.year}"
ui.chart(charts.rates_trend(trend, targets, title), "tthc_rates")
title = f"Hồ sơ {grain}: đã giải quyết và đang giải quyết — {unit}, năm {filters.year}"
ui.chart(charts.dossier_bars(trend, title), "tthc_dossiers")

late = view.query("late_by_field", unit, date(filters.year, 1, 1), filters.as_of, filters.as_of)
title = f"Lĩnh vực có hồ sơ trễ hạn — {unit}, {filters.when()}"
if late.empty:
    st.success(f"Không có hồ sơ trễ hạn nào {filters.when()}.", icon=":material/check_circle:")
else:
    ui.chart(charts.late_fields(late, title), "tthc_late")

st.markdown(f"**Số liệu {grain} và tệp nguồn**")
files = sources.set_index("period")
table = pd.DataFrame(
    {
        "Kỳ": [span_label(p) for p in trend["period"]],
        "Tiếp nhận": trend["received"],
        "Kỳ trước chuyển qua": trend["carried_over"],
        "Trực tuyến": trend["new_online"],
        "Trực tiếp, bưu chính": trend["new_offline"],
        "Đã giải quyết": trend["resolved"],
        "Quá hạn": trend["resolved_late"],
        "Đang giải quyết": trend["pending"],
        "Đang quá hạn": trend["pending_late"],
        "Số hóa": trend["digitised"],
        "Đúng hạn (%)": [fmt.percent(v, 1) for v in trend["on_time_rate"]],
        "Trực tuyến (%)": [fmt.percent(v, 1) for v in trend["online_rate"]],
        "Số hóa (%)": [fmt.percent(v, 1) for v in trend["digitised_rate"]],
        "Tệp nguồn": [
            f"lần nạp #{files.loc[p, 'upload_id']} · {files.loc[p, 'file_name']}"
            if p in files.index
            else ""
            for p in trend["period"]
        ],
    }
)
st.dataframe(table, hide_index=True, width="stretch")
ui.xlsx_button(table, f"Số liệu giải quyết TTHC {grain} — {unit}, năm {filters.year}", "tthc")
