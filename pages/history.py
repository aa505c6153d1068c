"""Lịch sử tải lên: every upload with who, when, what and its state; the original file; undo."""

from pathlib import Path

import streamlit as st

from cchc import db, export, shell, ui, uploads_view
from etl.history import undo

if shell.ensure_app():
    st.stop()

st.title("Lịch sử tải lên")
st.caption(
    "Mọi lần nạp dữ liệu, mới nhất trước. Bản 'Đã được thay thế' là báo cáo cũ đã có bản mới "
    "hơn cùng đơn vị, cùng kỳ; hoàn tác một lần nạp sẽ đưa dữ liệu về đúng như trước đó."
)

done = st.session_state.pop("h_done", None)  # what the last undo did, said after the rerun
if done is not None:
    ok, text = done
    (st.success if ok else st.error)(text)

table = ui.query("uploads")
if table.empty:
    st.info("Chưa có lần nạp nào.")
    st.stop()
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
if row["status"] == "loaded":
    confirm = right.checkbox("Tôi muốn hoàn tác lần nạp này", key="h_confirm")
    if right.button("Hoàn tác", key="h_undo", disabled=not confirm, type="primary"):
        result = undo(int(choice), db.db_path())
        text = result.message
        if result.ok:
            text = "Đã hoàn tác " + uploads_view.label_of(table, int(choice))
            if result.restored:
                again = "; ".join(uploads_view.label_of(table, i) for i in result.restored)
                text += f". Dùng lại bản nạp trước: {again}"
            text += "."
        st.session_state["h_done"] = (result.ok, text)
        # the table, the picker's label and the box are drawn again from the new state
        del st.session_state["h_confirm"]
        st.rerun()
else:
    right.caption(f"Trạng thái: {uploads_view.STATUS[row['status']]} — không hoàn tác được.")
