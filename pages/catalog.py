"""Danh mục: the selected unit's departments and the names learned for them (from the upload
page or `python -m etl alias add`); add a name, or remove one that was learned wrongly."""

import streamlit as st

from cchc import catalog_view, db, shell, ui
from etl.aliases import add_alias, remove_alias
from etl.errors import Rejected

if shell.ensure_app():
    st.stop()

filters = ui.current_filters()
unit = filters.unit if filters else ui.DEFAULT_UNIT
st.title(f"Danh mục phòng, đơn vị — {unit}")
st.caption(
    "Các phòng, đơn vị của đơn vị đang chọn và những tên gọi khác mà các tệp đã dùng cho chúng. "
    "Mỗi tên gọi được dạy một lần và dùng cho mọi lần nạp sau (cả trên trang Tải dữ liệu lên "
    "và dòng lệnh)."
)

added = ui.query("added_departments", unit)
departments = catalog_view.departments_frame(unit, added)
st.subheader("Phòng, đơn vị")
st.dataframe(departments, hide_index=True, width="stretch")
names = dict(zip(departments["Mã"], departments["Tên"], strict=True))

st.subheader("Tên gọi đã học")
aliases = catalog_view.aliases_frame(unit, ui.query("department_aliases"), names)
if aliases.empty:
    st.info("Chưa có tên gọi nào. Khi một tệp dùng tên lạ, trang Tải dữ liệu lên hỏi một lần.")
else:
    st.dataframe(aliases, hide_index=True, width="stretch")
    ui.xlsx_button(aliases, f"Tên gọi phòng, đơn vị — {unit}", "c_aliases")

done = st.session_state.pop("c_done", None)
if done:
    (st.success if done[0] else st.error)(done[1])

who = st.text_input("Người thực hiện", key="c_by", value=st.session_state.get("_u_by", ""))
left, right = st.columns(2)
with left.form("c_add", border=True):
    st.markdown("**Thêm tên gọi**")
    text = st.text_input("Tên như trong tệp", placeholder="ví dụ: Tổ Một cửa liên thông")
    code = st.selectbox(
        "Là phòng, đơn vị", list(departments["Mã"]), format_func=lambda c: names.get(c, c)
    )
    scope = st.radio(
        "Áp dụng cho", [unit, ""], format_func=lambda u: u or "mọi đơn vị", horizontal=True
    )
    if st.form_submit_button("Thêm", type="primary", disabled=not who.strip()):
        try:
            with db.writing(db.db_path()) as con:
                learned = add_alias(con, text, code, scope or None, who.strip())
            st.session_state["c_done"] = (True, f"Đã học: «{learned.alias}» là {learned.name}.")
        except Rejected as exc:
            st.session_state["c_done"] = (False, " ".join(str(p) for p in exc.problems))
        st.rerun()
with right.container(border=True):
    st.markdown("**Xóa tên gọi học sai**")
    if aliases.empty:
        st.caption("Chưa có tên gọi nào để xóa.")
    else:
        pick = st.selectbox(
            "Tên gọi",
            aliases.index,
            format_func=lambda i: (
                f"{aliases.at[i, 'Tên gọi trong tệp']} → {aliases.at[i, 'Mã']} "
                f"({aliases.at[i, 'Áp dụng cho']})"
            ),
            key="c_pick",
        )
        sure = st.checkbox("Tôi muốn xóa tên gọi này", key="c_sure")
        if st.button("Xóa", disabled=not (sure and who.strip()), key="c_remove"):
            scope_of = aliases.at[pick, "Áp dụng cho"]
            with db.writing(db.db_path()) as con:
                removed = remove_alias(
                    con,
                    aliases.at[pick, "Tên gọi trong tệp"],
                    None if scope_of == catalog_view.EVERY_UNIT else scope_of,
                )
            alias = aliases.at[pick, "Tên gọi trong tệp"]
            st.session_state["c_done"] = (removed, f"Đã xóa tên gọi «{alias}».")
            del st.session_state["c_sure"]
            st.rerun()
if not who.strip():
    st.caption("Ghi tên người thực hiện để thêm hoặc xóa tên gọi.")
