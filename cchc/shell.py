"""The app around the pages: page config, navigation, the shared sidebar filters, and one
place that turns an unexpected error into a calm message.

Streamlit also discovers `pages/` on its own: on a freshly started server, a deep link such as
/history can run pages/history.py by itself, without app.py. Every page therefore starts with
`if shell.ensure_app(): st.stop()`, which runs the whole app around it in that case, so a link
sent to a leader always opens the real app.
"""

from __future__ import annotations

import logging
import threading

import streamlit as st

from cchc import auth, db, ui

_state = threading.local()  # Streamlit runs each session's script in its own thread


def _pages() -> list:
    return [
        st.Page("pages/overview.py", title="Tổng quan", icon=":material/dashboard:", default=True),
        st.Page("pages/province.py", title="Toàn tỉnh", icon=":material/location_city:"),
        st.Page("pages/tasks.py", title="Nhiệm vụ", icon=":material/checklist:"),
        st.Page(
            "pages/scorecard.py", title="Theo lĩnh vực, theo phòng", icon=":material/leaderboard:"
        ),
        st.Page("pages/timeline.py", title="Tiến độ theo thời gian", icon=":material/timeline:"),
        st.Page("pages/indices.py", title="Chỉ số", icon=":material/monitoring:"),
        st.Page("pages/criteria.py", title="Tiêu chí PAR INDEX", icon=":material/fact_check:"),
        st.Page("pages/procedures.py", title="Thủ tục hành chính", icon=":material/approval:"),
        st.Page("pages/present.py", title="Trình chiếu", icon=":material/slideshow:"),
        st.Page("pages/export.py", title="Xuất bản", icon=":material/ios_share:"),
        st.Page("pages/upload.py", title="Tải dữ liệu lên", icon=":material/upload_file:"),
        st.Page("pages/history.py", title="Lịch sử tải lên", icon=":material/history:"),
        st.Page("pages/catalog.py", title="Danh mục", icon=":material/list_alt:"),
        st.Page("pages/users.py", title="Người dùng", icon=":material/manage_accounts:"),
        st.Page("pages/audit.py", title="Nhật ký", icon=":material/policy:"),
    ]


def run_app() -> None:
    st.set_page_config(
        page_title="Theo dõi cải cách hành chính",
        page_icon="📊",
        layout="wide",
        initial_sidebar_state="auto",  # open on a screen, closed on a phone (it would cover)
    )
    if auth.network_refused():  # a one-machine install reached from the network
        page = st.Page(auth.network_refused_page, title="Đăng nhập", url_path="dang-nhap")
        st.navigation([page]).run()
        return
    session = auth.current()
    if not session.logged_in or session.grant is None:  # only the way in: no data, no pages
        st.navigation([st.Page(_gate, title="Đăng nhập", url_path="dang-nhap")]).run()
        return
    units = None if session.local else _units_in_scope(session)
    navigation = st.navigation(_for_role(_pages(), session, units))
    _state.inside = True
    try:
        auth.sidebar(session)
        ui.remember_filters(ui.sidebar_filters(units) if units != [] else None)
        navigation.run()
    except (db.DatabaseBusy, db.DatabaseMissing) as exc:
        st.error(str(exc))
    except Exception:  # never show a stack trace to a user; the server log keeps it
        logging.getLogger("cchc").exception("page failed")
        st.error(ui.PAGE_FAILED)
    finally:
        _state.inside = False


def _gate() -> None:
    session = auth.current()
    if session.logged_in:
        auth.no_role_page(session)
    else:
        auth.login_page()


WRITE_PAGES = {"upload"}  # not shown to a leader (who only reads)
ADMIN_PAGES = {"users"}  # unit and province admins, and the local administrator
NEEDS_NO_DATA = {"upload", "users", "audit"}  # usable before the unit has any data
PROVINCE_PAGES = {"province"}  # every unit side by side: for a login whose scope is a province


def _for_role(pages: list, session: auth.Session, units: list[str] | None) -> list:
    """The pages this person may open: a leader gets no upload page, only admins get Người
    dùng, only a province's logins get Toàn tỉnh (a unit's own overview still gives its
    place among its peers), and a scope with no data yet gets only the pages that make some."""
    if session.local:
        return pages
    role = session.grant.role if session.grant else ""
    kept = [
        p
        for p in pages
        if not (p.url_path in WRITE_PAGES and role == "viewer")
        and not (p.url_path in ADMIN_PAGES and not session.is_admin)
        and not (p.url_path in PROVINCE_PAGES and not session.province_wide)
        and (units or p.url_path in NEEDS_NO_DATA)
    ]
    return kept or [st.Page(_gate, title="Đăng nhập", url_path="dang-nhap")]


def _units_in_scope(session: auth.Session) -> list[str]:
    """The units this person may read; the sidebar's unit is kept among them (a choice or a
    link naming another unit falls back to the first of theirs)."""
    try:
        units = session.visible_units(list(ui.query("units")))
    except (db.DatabaseBusy, db.DatabaseMissing):
        return []
    chosen = st.session_state.get("f_unit") or st.query_params.get("don_vi")
    if units and chosen not in units:
        st.session_state.pop("f_unit", None)
        st.query_params["don_vi"] = units[0]
    return units


def ensure_app() -> bool:
    """True when this page was started on its own and has just been shown inside the app."""
    if getattr(_state, "inside", False):
        return False
    run_app()
    return True
