"""Danh mục: the selected unit's departments and the names learned for them (from the upload
page or `python -m etl alias add`); add a name, or remove one that was learned wrongly."""

import streamlit as st

from cchc import auth, catalog_view, db, shell, ui
from etl.aliases import add_alias, remove_alias
from etl.audit import Actor
from etl.errors import Rejected
from etl.roles import CATALOG

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

session = auth.current()
refused = session.why_not(CATALOG, unit)
if refused:  # a leader or a department editor reads the catalog; the unit admin changes it
    st.caption(f"{refused}: chỉ quản trị đơn vị thêm, xóa tên gọi.")
    st.stop()
if session.local:
    who = st.text_input("Người thực hiện", key="c_by", value=st.session_state.get("_u_by", ""))
else:
    who = session.name
    st.caption(f"Người thực hiện: **{auth.ui_text(who)}**")
actor = Actor(who.strip(), via="web") if session.local else session.actor()
left, right = st.columns(2)
with left.form("c_add", border=True):
    st.markdown("**Thêm tên gọi**")
    text = st.text_input("Tên như trong tệp", placeholder="ví dụ: Tổ Một cửa liên thông")
    code = st.selectbox(
        "Là phòng, đơn vị", list(departments["Mã"]), format_func=lambda c: names.get(c, c)
    )
    scope = st.radio(
        "Áp dụng cho",
        [unit, ""] if session.local else [unit],  # every unit: only the machine's own admin
        format_func=lambda u: u or "mọi đơn vị",
        horizontal=True,
    )
    if st.form_submit_button("Thêm", type="primary", disabled=not who.strip()):
        try:
            with db.writing(db.db_path()) as con:
                learned = add_alias(con, text, code, scope or None, who.strip(), actor)
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
        shared = aliases.at[pick, "Áp dụng cho"] == catalog_view.EVERY_UNIT
        if shared and not session.local:
            st.caption("Tên gọi dùng cho mọi đơn vị: chỉ quản trị máy chủ xóa được.")
        sure = st.checkbox("Tôi muốn xóa tên gọi này", key="c_sure")
        allowed = sure and bool(who.strip()) and (session.local or not shared)
        if st.button("Xóa", disabled=not allowed, key="c_remove"):
            scope_of = aliases.at[pick, "Áp dụng cho"]
            with db.writing(db.db_path()) as con:
                removed = remove_alias(
                    con,
                    aliases.at[pick, "Tên gọi trong tệp"],
                    None if scope_of == catalog_view.EVERY_UNIT else scope_of,
                    actor,
                )
            alias = aliases.at[pick, "Tên gọi trong tệp"]
            st.session_state["c_done"] = (removed, f"Đã xóa tên gọi «{alias}».")
            del st.session_state["c_sure"]
            st.rerun()
if not who.strip():
    st.caption("Ghi tên người thực hiện để thêm hoặc xóa tên gọi.")
