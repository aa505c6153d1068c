"""Nhật ký: every write (load, undo, names taught, roles given) with who, when, what, the unit
and the uploads it touched; filtered here and downloaded as Excel. The trail is append-only."""

import streamlit as st

from cchc import accounts_view, auth, fmt, shell, ui
from etl.audit import ACTIONS

if shell.ensure_app():
    st.stop()

st.title("Nhật ký")
st.caption(
    "Mọi thao tác ghi dữ liệu — nạp tệp, hoàn tác, dạy tên gọi, phân quyền — với người thực "
    "hiện, thời điểm, đơn vị và các lần nạp liên quan, mới nhất trước. Nhật ký chỉ được ghi "
    "thêm, không sửa, không xóa."
)

session = auth.current()
# a login reads the rows of its own units (the machine's administrator reads every row)
scope = None if session.local else tuple(session.visible_units(list(ui.query("units"))))

left, middle, right = st.columns([2, 2, 2])
actions = left.multiselect(
    "Việc", list(ACTIONS), format_func=ACTIONS.get, placeholder="Mọi việc", key="a_actions"
)
text = middle.text_input(
    "Tìm", placeholder="Người thực hiện, tên tệp hoặc số lần nạp (#12)", key="a_text"
).strip()
days = right.date_input(
    "Từ ngày – đến ngày",
    value=[],  # empty: every day
    format="DD/MM/YYYY",
    help="Để trống: mọi ngày.",
    key="a_days",
)
since, until = (days[0], days[-1]) if isinstance(days, tuple) and days else (None, None)

args = (scope, tuple(actions), text or None, since, until)
total = auth.query("audit_count", *args)
trail = auth.query("audit_trail", *args, 1000)
if trail.empty:
    st.info("Không có thao tác nào khớp bộ lọc.")
    st.stop()
shown = accounts_view.trail_frame(trail)
st.caption(
    f"{fmt.number(len(shown))} thao tác"
    + (f" mới nhất trong {fmt.number(total)}" if total > len(shown) else "")
    + "."
)
st.dataframe(shown, hide_index=True, width="stretch", height=min(600, 38 + 35 * len(shown)))
ui.xlsx_button(shown, "Nhật ký thao tác dữ liệu CCHC", "a_trail")
