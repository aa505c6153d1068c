"""Entry point: page config, navigation over pages/, the shared sidebar filters."""

import logging

import streamlit as st

from cchc import db, ui

st.set_page_config(
    page_title="Theo dõi cải cách hành chính",
    page_icon="📊",
    layout="wide",
    initial_sidebar_state="expanded",
)

PAGES = [
    st.Page(
        "pages/overview.py",
        title="Tổng quan",
        icon=":material/dashboard:",
        default=True,
        url_path="tong-quan",
    ),
    st.Page("pages/tasks.py", title="Nhiệm vụ", icon=":material/checklist:", url_path="nhiem-vu"),
    st.Page(
        "pages/scorecard.py",
        title="Theo lĩnh vực, theo phòng",
        icon=":material/leaderboard:",
        url_path="theo-linh-vuc-phong",
    ),
    st.Page(
        "pages/timeline.py",
        title="Tiến độ theo thời gian",
        icon=":material/timeline:",
        url_path="thoi-gian",
    ),
    st.Page(
        "pages/upload.py",
        title="Tải dữ liệu lên",
        icon=":material/upload_file:",
        url_path="tai-len",
    ),
    st.Page(
        "pages/history.py", title="Lịch sử tải lên", icon=":material/history:", url_path="lich-su"
    ),
]

navigation = st.navigation(PAGES)
try:
    ui.remember_filters(ui.sidebar_filters())
    navigation.run()
except (db.DatabaseBusy, db.DatabaseMissing) as exc:
    st.error(str(exc))
except Exception:  # never show a stack trace to a user; the server log keeps it
    logging.getLogger("cchc").exception("page failed")
    st.error(ui.PAGE_FAILED)
