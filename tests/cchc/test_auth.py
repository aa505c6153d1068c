"""Who sees what: with a provider configured, a visitor without a session sees only the login
(even on a deep link), a login without a role sees no data, a leader gets no upload page and a
department editor no Người dùng page; without a provider, the one-machine line on every page."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from cchc import auth
from cchc.auth import LOCAL_LINE, Session
from etl import roles
from etl.audit import Actor
from etl.roles import Grant

ROOT = Path(__file__).resolve().parents[2]
UNIT = "Phường Võ Cường"
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-test-secret-that-is-long-enough-0123456789",
    "client_id": "cchc",
    "client_secret": "secret",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}


def _app(user: dict, script: str = "app.py") -> AppTest:
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / script), default_timeout=60)
    at.secrets["auth"] = AUTH
    at.user = user
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def with_roles(demo_db: Path) -> Path:
    from cchc import db

    with db.writing(demo_db) as con:
        for grant in (
            Grant("ld@vocuong.gov.vn", "viewer", UNIT, name="Lãnh Đạo"),
            Grant("vhxh@vocuong.gov.vn", "department_editor", UNIT, department="VHXH"),
            Grant("qt@vocuong.gov.vn", "unit_admin", UNIT),
            Grant("qt@tanchi.gov.vn", "unit_admin", "Xã Tân Chi"),
        ):
            roles.set_role(con, grant, Actor("test"))
    return demo_db


@pytest.mark.parametrize("script", ["app.py", "pages/history.py", "pages/upload.py"])
def test_a_page_without_a_session_shows_only_the_login(with_roles: Path, script: str) -> None:
    at = _app({"is_logged_in": False}, script)
    assert [t.value for t in at.title] == ["Theo dõi cải cách hành chính"]
    assert [b.label for b in at.button] == ["Đăng nhập"]
    assert not at.dataframe and not at.metric and not at.selectbox and not at.get("plotly_chart")
    assert not at.sidebar.selectbox


def test_a_login_without_a_role_sees_no_data(with_roles: Path) -> None:
    at = _app({"is_logged_in": True, "email": "la@example.com"})
    assert [t.value for t in at.title] == ["Chưa được phân quyền"]
    assert "la@example.com" in at.warning[0].value
    assert not at.dataframe and not at.metric and not at.sidebar.selectbox


def _pages_offered(at: AppTest) -> list[str]:
    """The pages the app registered in its navigation for this run."""
    pages = at._registered_pages.values()  # what st.navigation was given (AppTest's record)
    return sorted(Path(str(p["script_path"])).stem for p in pages if p.get("script_path"))


def test_each_role_is_offered_its_pages(with_roles: Path) -> None:
    leader = _app({"is_logged_in": True, "email": "LD@vocuong.gov.vn", "name": "Lãnh Đạo"})
    assert leader.title[0].value.endswith(UNIT)  # the unit's overview
    assert "upload" not in _pages_offered(leader) and "users" not in _pages_offered(leader)
    assert "Lãnh Đạo · Lãnh đạo — Phường Võ Cường" in leader.sidebar.caption[0].value
    editor = _app({"is_logged_in": True, "email": "vhxh@vocuong.gov.vn"})
    assert "upload" in _pages_offered(editor) and "users" not in _pages_offered(editor)
    admin = _app({"is_logged_in": True, "email": "qt@vocuong.gov.vn"})
    assert {"upload", "users", "audit", "history"} <= set(_pages_offered(admin))
    assert "province" not in _pages_offered(admin)  # a unit's login: its own unit only


def test_a_province_login_gets_the_province_page(with_roles: Path) -> None:
    from cchc import db
    from etl import units

    with db.writing(with_roles) as con:
        con.execute(
            "INSERT INTO units (name, level, source, added_at) VALUES "
            "('Xã Tân Chi', 'xa', 'registry', now())"
        )
        con.execute("UPDATE units SET province = 'Bắc Ninh'")
        units.clone(con, UNIT, [units.Variation("Xã Tân Chi", keep_done=50)])
        roles.set_role(con, Grant("so@bacninh.gov.vn", "viewer", province="Bắc Ninh"), Actor("t"))
    at = _app({"is_logged_in": True, "email": "so@bacninh.gov.vn"})
    assert "province" in _pages_offered(at) and "upload" not in _pages_offered(at)
    place = [c.value for c in at.caption if c.value.startswith("Xếp thứ")]
    assert len(place) == 1 and "(trang Toàn tỉnh)" in place[0]
    unit_admin = _app({"is_logged_in": True, "email": "qt@vocuong.gov.vn"})
    place = [c.value for c in unit_admin.caption if c.value.startswith("Xếp thứ")]
    assert len(place) == 1 and "Toàn tỉnh" not in place[0]  # no pointer to a page not offered


def test_a_unit_with_no_data_gets_only_the_pages_that_make_some(with_roles: Path) -> None:
    other = _app({"is_logged_in": True, "email": "qt@tanchi.gov.vn"})
    assert _pages_offered(other) == ["audit", "upload", "users"]
    assert not other.metric  # Phường Võ Cường's numbers are not shown to Xã Tân Chi


def test_the_sidebar_unit_stays_in_the_login_scope(with_roles: Path) -> None:
    from cchc import db
    from etl import units

    with db.writing(with_roles) as con:  # a second unit with data, outside the leader's scope
        con.execute(
            "INSERT INTO units (name, level, source, added_at) VALUES "
            "('Xã Tân Chi', 'xa', 'registry', now())"
        )
        made = units.clone(con, UNIT, [units.Variation("Xã Tân Chi")])
        assert made > 0
        trail = con.execute("SELECT action, actor, detail FROM audit_log").fetchall()[-1]
        assert trail == (  # a bulk copy is a write too: it is in the trail
            "load",
            units.DEMO_BY,
            f"dữ liệu mẫu: {made} lần nạp cho 1 đơn vị, chép từ {UNIT}",
        )
    at = _app({"is_logged_in": True, "email": "ld@vocuong.gov.vn"})
    at.query_params["don_vi"] = "Xã Tân Chi"
    at.run()
    picker = at.sidebar.selectbox(key="f_unit")
    assert picker.value == UNIT and picker.options == [UNIT]  # other units are not even named
    admin = _app({"is_logged_in": True, "email": "qt@tanchi.gov.vn"})
    assert admin.sidebar.selectbox(key="f_unit").options == ["Xã Tân Chi"]


@pytest.mark.parametrize("page", ["overview", "upload", "history", "users", "audit"])
def test_local_mode_says_so_on_every_page(demo_db: Path, page: str) -> None:
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception and not at.error
    lines = [c.value for c in at.sidebar.caption if LOCAL_LINE in c.value]
    assert len(lines) == 1
    assert not [b for b in at.button if b.label in ("Đăng nhập", "Đăng xuất")]


def test_session_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(auth, "unit_provinces", lambda: {UNIT: "Tỉnh A", "Xã B": "Tỉnh A"})
    editor = Session("B", "b@x.vn", Grant("b@x.vn", "department_editor", UNIT, department="VP"))
    assert editor.can(roles.LOAD_PROGRESS, UNIT, "VP")
    assert not editor.can(roles.LOAD_PROGRESS, UNIT, "VHXH")
    assert not editor.can(roles.LOAD_PROGRESS, "Xã B", "VP")
    assert not editor.can(roles.UNDO, UNIT)
    province = Session("T", "t@x.vn", Grant("t@x.vn", "province_admin", province="Tỉnh A"))
    assert province.can(roles.UNDO, "Xã B") and province.is_admin
    assert province.visible_units([UNIT, "Xã B", "Xã C"]) == [UNIT, "Xã B"]
    nobody = Session("N", "n@x.vn", None)
    assert nobody.why_not(roles.LOAD, UNIT) == "Tài khoản chưa được phân quyền"
    assert auth.LOCAL_SESSION.can(roles.USERS, "bất kỳ") and auth.LOCAL_SESSION.local


def test_without_secrets_the_provider_is_not_configured() -> None:
    assert auth.provider_configured() is False  # the suite runs with no secrets file


def test_an_editor_is_not_offered_another_units_file(with_roles: Path) -> None:
    from cchc import db
    from tests.pages.test_upload import plan, texts

    with db.reading(with_roles) as con:
        before = con.execute("SELECT count(*) FROM uploads").fetchone()
    at = _app({"is_logged_in": True, "email": "vhxh@vocuong.gov.vn", "name": "Cao Cán Bộ"})
    at.switch_page("pages/upload.py").run()
    assert [b.label for b in at.get("download_button")] == ["Mẫu báo cáo tiến độ (.xlsx)"]
    assert not [t for t in at.text_input if t.label == "Người tải lên"]
    XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    files = [("kh-kinh-bac.xlsx", plan("PHƯỜNG KINH BẮC"), XLSX)]
    at.file_uploader(key="u_files").set_value(files).run()
    assert not at.exception
    said = texts(at)
    assert "không nạp được số liệu của Phường Kinh Bắc" in said
    assert not [b for b in at.button if b.label.startswith("Nạp")]
    with db.reading(with_roles) as con:
        assert con.execute("SELECT count(*) FROM uploads").fetchone() == before


def test_a_proxy_header_marks_a_request_from_the_network() -> None:
    assert auth.through_proxy({"X-Forwarded-For": "192.168.1.20", "Host": "cchc"})
    assert auth.through_proxy({"x-real-ip": "10.0.0.7"})
    assert auth.through_proxy({"Forwarded": "for=10.0.0.7"})
    assert not auth.through_proxy({"Host": "localhost:8501", "User-Agent": "Chromium"})


@pytest.mark.parametrize("script", ["app.py", "pages/history.py"])
def test_a_one_machine_install_reached_through_a_proxy_shows_no_data(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch, script: str
) -> None:
    monkeypatch.setattr(auth, "request_headers", lambda: {"X-Forwarded-For": "192.168.1.20"})
    monkeypatch.delenv(auth.OPEN_LAN, raising=False)
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / script), default_timeout=60)
    at.run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Chưa cấu hình đăng nhập"]
    assert "CCHC_OPEN_LAN=1" in at.warning[0].value
    assert not at.sidebar.selectbox and not at.dataframe and not at.metric
    monkeypatch.setenv(auth.OPEN_LAN, "1")  # a trusted office network: as before
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception and "Chưa cấu hình đăng nhập" not in [t.value for t in at.title]
    assert at.sidebar.selectbox(key="f_unit").value == UNIT
    assert [c.value for c in at.sidebar.caption if LOCAL_LINE in c.value]
