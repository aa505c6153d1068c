"""Người dùng on one machine (the local administrator): give a role, see it listed, take it
away; each change is a row of the audit trail."""

from pathlib import Path

from cchc import db
from tests.pages.apptest import run_app


def _roles(path: Path) -> list[tuple]:
    with db.reading(path) as con:
        return con.execute("SELECT login, role, unit, department FROM user_roles").fetchall()


def test_give_a_role_then_take_it_away(demo_db: Path) -> None:
    at = run_app("users")
    assert at.title[0].value == "Người dùng"
    assert any("Chưa có ai được phân quyền" in i.value for i in at.info)
    at.text_input(key="us_login").input("VHXH@VoCuong.gov.vn")
    at.text_input(key="us_name").input("Cao Cán Bộ")
    at.selectbox(key="us_role").set_value("department_editor").run()
    at.selectbox(key="us_dept").set_value("VHXH")
    at.button(key="us_save").click().run()
    assert not at.exception
    assert any("Đã lưu: vhxh@vocuong.gov.vn — Cán bộ phòng" in s.value for s in at.success)
    assert _roles(demo_db) == [
        ("vhxh@vocuong.gov.vn", "department_editor", "Phường Võ Cường", "VHXH")
    ]
    table = at.dataframe[0].value
    assert list(table["Vai trò"]) == ["Cán bộ phòng"]
    assert list(table["Phạm vi"]) == ["Phòng Văn hóa – Xã hội, Phường Võ Cường"]

    at.checkbox(key="us_sure").check().run()
    at.button(key="us_remove").click().run()
    assert any("Đã thu hồi vai trò của vhxh@vocuong.gov.vn" in s.value for s in at.success)
    assert _roles(demo_db) == []
    with db.reading(demo_db) as con:
        trail = con.execute(
            "SELECT action, actor, via FROM audit_log WHERE action LIKE 'role%' ORDER BY audit_id"
        ).fetchall()
    assert trail == [
        ("role_set", "Quản trị (một máy)", "web"),
        ("role_remove", "Quản trị (một máy)", "web"),
    ]


def test_a_role_without_its_scope_is_refused_and_nothing_saved(demo_db: Path) -> None:
    at = run_app("users")
    at.text_input(key="us_login").input("ai@x.vn")
    at.selectbox(key="us_role").set_value("province_admin").run()
    at.text_input(key="us_province").input("")
    at.button(key="us_save").click().run()
    assert any("Thiếu phạm vi" in e.value for e in at.error)
    assert _roles(demo_db) == []
