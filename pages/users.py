"""Người dùng: who may do what, by e-mail (or the provider's subject) — give a role, change it,
take it away. A unit admin manages its unit's people; a province admin its province's; every
change goes into the Nhật ký."""

import streamlit as st

from cchc import accounts_view, auth, db, shell, ui
from cchc.vocab import department_codes, department_name
from etl import roles
from etl.audit import Actor
from etl.errors import Rejected
from etl.roles import ROLES, Grant

if shell.ensure_app():
    st.stop()

st.title("Người dùng")
session = auth.current()
if session.local:
    st.caption(
        "Vai trò có hiệu lực khi máy chủ bật đăng nhập (mục [auth] trong "
        ".streamlit/secrets.toml). Ở chế độ một máy, mọi người là quản trị."
    )
granter = session.grant or roles.LOCAL_ADMIN
if not session.is_admin:
    st.info("Chỉ quản trị đơn vị, quản trị tỉnh xem và phân quyền người dùng.")
    st.stop()

done = st.session_state.pop("us_done", None)
if done:
    (st.success if done[0] else st.error)(done[1])

units = ui.query("units") if session.local else session.visible_units(ui.query("units"))
granted = [
    g
    for g in accounts_view.grants(auth.query("user_roles"))
    if session.local
    or (g.unit and session.sees(g.unit))
    or (not g.unit and granter.role == "province_admin" and g.province == granter.province)
]
if granted:
    table = accounts_view.roles_frame(granted)
    st.dataframe(table, hide_index=True, width="stretch")
    ui.xlsx_button(table, "Người dùng và vai trò", "us_table")
else:
    st.info("Chưa có ai được phân quyền trong phạm vi này.")

actor = Actor("Quản trị (một máy)", via="web") if session.local else session.actor()
offered = [r for r in ROLES if roles.RANK[r] <= roles.RANK[granter.role]]
add, remove = st.columns([3, 2])
with add.container(border=True):
    st.markdown("**Cấp hoặc đổi vai trò**")
    login = st.text_input(
        "E-mail đăng nhập", key="us_login", placeholder="ví dụ: an.nv@vocuong.gov.vn"
    )
    name = st.text_input("Họ tên", key="us_name")
    role = st.selectbox("Vai trò", offered, format_func=ROLES.get, key="us_role")
    unit = province = department = None
    province_wide = role == "province_admin" or (
        role == "viewer"
        and granter.role in ("province_admin", roles.LOCAL)  # a unit admin: its unit only
        and st.checkbox("Lãnh đạo cấp tỉnh (xem mọi đơn vị)", key="us_wide")
    )
    if province_wide:
        province = (
            granter.province
            if granter.role == "province_admin"
            else st.text_input("Tỉnh", key="us_province", placeholder="ví dụ: Tỉnh Quảng Trị")
        )
        st.caption(f"Phạm vi: mọi đơn vị của {province or '…'}.")
    else:
        unit = st.selectbox("Đơn vị", units, key="us_unit")
        if role == "department_editor" and unit:
            department = st.selectbox(
                "Phòng",
                department_codes(unit),
                format_func=lambda c: department_name(c, unit),
                key="us_dept",
            )
    if st.button("Lưu vai trò", type="primary", key="us_save", disabled=not login.strip()):
        grant = Grant(login, role, unit, province, department, name)
        try:
            with db.writing(db.db_path()) as con:
                saved = roles.set_role(con, grant, actor, granter)
            st.session_state["us_done"] = (True, f"Đã lưu: {saved.login} — {saved.label}.")
        except Rejected as exc:
            st.session_state["us_done"] = (False, " ".join(str(p) for p in exc.problems))
        st.rerun()

with remove.container(border=True):
    st.markdown("**Thu hồi vai trò**")
    if not granted:
        st.caption("Chưa có ai để thu hồi.")
    else:
        pick = st.selectbox(
            "Người dùng",
            [g.login for g in granted],
            format_func=lambda x: next(f"{g.login} — {g.label}" for g in granted if g.login == x),
            key="us_pick",
        )
        sure = st.checkbox("Tôi muốn thu hồi vai trò này", key="us_sure")
        if st.button("Thu hồi", disabled=not sure, key="us_remove"):
            try:
                with db.writing(db.db_path()) as con:
                    roles.remove_role(con, pick, actor, granter)
                st.session_state["us_done"] = (True, f"Đã thu hồi vai trò của {pick}.")
            except Rejected as exc:
                st.session_state["us_done"] = (False, " ".join(str(p) for p in exc.problems))
            del st.session_state["us_sure"]
            st.rerun()
