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

from cchc import db, ui

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
        st.Page("pages/procedures.py", title="Thủ tục hành chính", icon=":material/approval:"),
        st.Page("pages/present.py", title="Trình chiếu", icon=":material/slideshow:"),
        st.Page("pages/export.py", title="Xuất bản", icon=":material/ios_share:"),
        st.Page("pages/upload.py", title="Tải dữ liệu lên", icon=":material/upload_file:"),
        st.Page("pages/history.py", title="Lịch sử tải lên", icon=":material/history:"),
        st.Page("pages/catalog.py", title="Danh mục", icon=":material/list_alt:"),
    ]


def run_app() -> None:
    st.set_page_config(
        page_title="Theo dõi cải cách hành chính",
        page_icon="📊",
        layout="wide",
        initial_sidebar_state="auto",  # open on a screen, closed on a phone (it would cover)
    )
    navigation = st.navigation(_pages())
    _state.inside = True
    try:
        ui.remember_filters(ui.sidebar_filters())
        navigation.run()
    except (db.DatabaseBusy, db.DatabaseMissing) as exc:
        st.error(str(exc))
    except Exception:  # never show a stack trace to a user; the server log keeps it
        logging.getLogger("cchc").exception("page failed")
        st.error(ui.PAGE_FAILED)
    finally:
        _state.inside = False


def ensure_app() -> bool:
    """True when this page was started on its own and has just been shown inside the app."""
    if getattr(_state, "inside", False):
        return False
    run_app()
    return True
