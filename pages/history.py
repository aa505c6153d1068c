"""Lịch sử tải lên: every upload with who, when, what and its state; the original file; undo."""

from pathlib import Path

import streamlit as st

from cchc import auth, db, export, fmt, shell, ui, uploads_view
from cchc.upload_view import shown
from etl.audit import Actor
from etl.history import undo
from etl.roles import UNDO

if shell.ensure_app():
    st.stop()

st.title("Lịch sử tải lên")
st.caption(
    "Mọi lần nạp dữ liệu, mới nhất trước. Bản 'Đã được thay thế' là báo cáo cũ đã có bản mới "
    "hơn cùng đơn vị, cùng kỳ; hoàn tác một lần nạp sẽ đưa dữ liệu về đúng như trước đó."
)

done = st.session_state.pop("h_done", None)  # what the last undo did, said after the rerun
if done is not None:
    ok, text, warning = done
    (st.success if ok else st.error)(shown(text))
    if warning:  # the undo is done; what failed after it
        st.warning(warning, icon=":material/warning:")

PAGE_SIZE = 50
filters = ui.current_filters()
session = auth.current()
units = ui.query("units") if session.local else session.visible_units(ui.query("units"))
scope_col, text_col, page_col = st.columns([2, 3, 1])
ALL_UNITS = "Tất cả đơn vị"
choices = [ALL_UNITS, *units] if session.local else list(units)
unit = scope_col.selectbox(
    "Đơn vị",
    choices,
    index=choices.index(filters.unit) if filters and filters.unit in units else 0,
    key="h_unit",
)
unit = None if unit == ALL_UNITS else unit
if unit is None and not session.local:  # a login reads only its own units' history
    st.info("Chưa có dữ liệu của đơn vị nào trong phạm vi của tài khoản này.")
    st.stop()
text = text_col.text_input(
    "Tìm", placeholder="Tên tệp, người tải lên hoặc số lần nạp (#12)", key="h_text"
).strip()
total = ui.query("upload_count", unit, text or None)
pages = max(1, -(-total // PAGE_SIZE))
page = int(page_col.number_input(f"Trang (trên {pages})", 1, pages, 1, key="h_page"))
table = ui.query("uploads", unit, text or None, PAGE_SIZE, (page - 1) * PAGE_SIZE)
if table.empty:
    st.info("Chưa có lần nạp nào." if not text else f"Không có lần nạp nào khớp “{text}”.")
    st.stop()
first = (page - 1) * PAGE_SIZE + 1
st.caption(
    f"Lần nạp {fmt.number(first)}–{fmt.number(first + len(table) - 1)} trong "
    f"{fmt.number(total)}, mới nhất trước."
)
shown = uploads_view.display(table)
st.dataframe(
    shown, hide_index=True, width="stretch", placeholder="", height=min(560, 38 + 35 * len(table))
)
ui.xlsx_button(shown, "Lịch sử tải lên dữ liệu CCHC", "h_table")

choice = st.selectbox(
    "Chọn một lần nạp",
    list(table["upload_id"]),
    key="h_pick",
    format_func=lambda i: uploads_view.describe(table, i),
)
row = table.set_index("upload_id").loc[choice]
left, right = st.columns(2)
archive = Path(row["archive_path"]) if isinstance(row["archive_path"], str) else None
if archive is not None and archive.exists():
    left.download_button(
        "Tải tệp gốc",
        archive.read_bytes(),
        row["file_name"],
        mime=export.XLSX_MIME,
        icon=":material/download:",
        on_click="ignore",
        key="h_original",
    )
else:
    left.caption("Không còn tệp gốc trong kho lưu trữ.")
refused = session.why_not(UNDO, row["unit"])
if row["status"] == "loaded" and refused:  # the page offers only what the role allows
    right.caption(f"{refused}.")
elif row["status"] == "loaded":
    if session.local:
        # who undoes goes into the upload journal; the upload page's name is remembered
        if "h_by" not in st.session_state and st.session_state.get("_u_by"):
            st.session_state["h_by"] = st.session_state["_u_by"]
        who = right.text_input(
            "Người hoàn tác", key="h_by", placeholder="Họ tên, phòng — bắt buộc"
        ).strip()
        st.session_state["_u_by"] = who or st.session_state.get("_u_by", "")
    else:  # from the login
        who = session.name
        right.caption(f"Người hoàn tác: **{auth.ui_text(who)}**")
    confirm = right.checkbox("Tôi muốn hoàn tác lần nạp này", key="h_confirm")
    if not who:
        right.caption("Điền «Người hoàn tác» để hoàn tác: tên được ghi vào nhật ký tải lên.")
    ready = confirm and bool(who)
    if right.button("Hoàn tác", key="h_undo", disabled=not ready, type="primary"):
        result = undo(
            int(choice),
            db.db_path(),
            user=who,
            actor=Actor(who, via="web") if session.local else session.actor(),
            grant=None if session.local else session.grant,
        )
        text = result.message
        if result.ok:
            text = "Đã hoàn tác " + uploads_view.label_of(table, int(choice))
            if result.restored:
                again = "; ".join(uploads_view.label_of(table, i) for i in result.restored)
                text += f". Dùng lại bản nạp trước: {again}"
            text += "."
        st.session_state["h_done"] = (result.ok, text, result.warning)
        # the table, the picker's label and the box are drawn again from the new state
        del st.session_state["h_confirm"]
        st.rerun()
else:
    right.caption(f"Trạng thái: {uploads_view.STATUS[row['status']]} — không hoàn tác được.")
