"""Who is using the app, and what they may do.

With an identity provider configured (an `[auth]` section in `.streamlit/secrets.toml`, see
deploy/secrets.example.toml) people log in through `st.login` (OpenID Connect) and their role
comes from the database (`user_roles`, set on the Người dùng page or by `python -m etl users`).
Without one, the app is a one-machine install bound to localhost: nobody logs in and everyone
is the local administrator, which one calm line on every page says. A reverse proxy on the same
machine would hand that to the whole network, so in that mode a request that came through a
proxy (it carries X-Forwarded-For, X-Real-IP or Forwarded) gets only a page saying how to set up
logins, unless the installation declares its network trusted (CCHC_OPEN_LAN=1).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from cchc import audit_queries, db
from cchc.text import md_literal
from etl import audit, roles
from etl.roles import LOCAL_ADMIN, Grant

LOCAL_LINE = "Chế độ một máy — không đăng nhập"
PROXY_HEADERS = frozenset({"x-forwarded-for", "x-real-ip", "forwarded"})
OPEN_LAN = "CCHC_OPEN_LAN"  # =1: without a provider, people on the network are administrators too


def query(name: str, *args: object) -> object:
    """`audit_queries.<name>(con, *args)`, cached until the database changes (like ui.query)."""
    path = db.db_path()
    return _run(name, db.data_version(path), str(path), args)


@st.cache_data(show_spinner=False, max_entries=256)
def _run(name: str, version: str, path: str, args: tuple[object, ...]) -> object:
    with db.reading(Path(path)) as con:
        return getattr(audit_queries, name)(con, *args)


def provider_configured() -> bool:
    """True when `.streamlit/secrets.toml` has an `[auth]` section (st.login can be used)."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all, or one that cannot be read: local mode
        return False


def request_headers() -> Mapping[str, str]:
    """The headers of the request that opened this session (empty outside a server)."""
    try:
        return st.context.headers
    except Exception:
        return {}


def through_proxy(headers: Mapping[str, str]) -> bool:
    return any(str(name).lower() in PROXY_HEADERS for name in headers)


def network_refused() -> bool:
    """True for a request from the network (through a reverse proxy) to an install without an
    identity provider, unless CCHC_OPEN_LAN=1 says its network is trusted."""
    return (
        not provider_configured()
        and os.environ.get(OPEN_LAN, "").strip() != "1"
        and through_proxy(request_headers())
    )


def network_refused_page() -> None:
    """What a person on the network sees of a one-machine install: why, and what to set up."""
    st.title("Chưa cấu hình đăng nhập")
    st.warning(
        "Máy chủ này đang ở chế độ một máy (chưa cấu hình đăng nhập), nên chỉ dùng được ngay "
        "trên máy chủ. Để cán bộ dùng qua mạng, quản trị hệ thống cần cấu hình đăng nhập: mục "
        "[auth] trong .streamlit/secrets.toml (mẫu: deploy/secrets.example.toml). Nếu mạng nội "
        f"bộ là tin cậy và mọi người đều được quyền quản trị, đặt {OPEN_LAN}=1 trong "
        "/etc/cchc/cchc.env rồi chạy systemctl restart cchc.",
        icon=":material/lock:",
    )


def _identity() -> dict:
    """The claims of the logged-in person (empty when nobody is)."""
    try:
        return st.user.to_dict() if st.user.is_logged_in else {}
    except Exception:
        return {}


@dataclass(frozen=True)
class Session:
    """The person at the screen: their name, their login (e-mail or subject) and their role
    (None: logged in but given no role yet, or not logged in)."""

    name: str
    login: str | None
    grant: Grant | None
    local: bool = False

    @property
    def logged_in(self) -> bool:
        return self.local or self.login is not None

    def actor(self) -> audit.Actor:
        return audit.Actor(self.name, login=self.login, via="web")

    def why_not(self, action: str, unit: str | None, department: str | None = None) -> str | None:
        """Why this person may not do `action` in `unit`; None when they may."""
        if self.grant is None:
            return "Tài khoản chưa được phân quyền"
        province = unit_provinces().get(unit or "")
        return roles.refusal(self.grant, action, unit, province, department)

    def can(self, action: str, unit: str | None, department: str | None = None) -> bool:
        return self.why_not(action, unit, department) is None

    def sees(self, unit: str | None) -> bool:
        """Whether `unit` is within this person's scope (what they may read)."""
        if self.grant is None:
            return False
        return self.grant.covers(unit, unit_provinces().get(unit or ""))

    def visible_units(self, units: list[str]) -> list[str]:
        return [u for u in units if self.sees(u)]

    @property
    def province_wide(self) -> bool:
        """Sees every unit of a province side by side (Toàn tỉnh): the local administrator, or
        a login whose scope is a province rather than one unit."""
        grant = self.grant
        return self.local or (grant is not None and grant.unit is None and bool(grant.province))

    @property
    def is_admin(self) -> bool:
        """May manage users and read the audit trail of its scope (a unit or province admin,
        or the local administrator)."""
        return (
            self.grant is not None
            and roles.RANK.get(self.grant.role, 0) >= roles.RANK["unit_admin"]
        )


LOCAL_SESSION = Session(LOCAL_ADMIN.name or "Quản trị", None, LOCAL_ADMIN, local=True)


def unit_provinces() -> dict[str, str]:
    try:
        return query("unit_provinces")
    except Exception:  # no database yet: no unit has a province
        return {}


def current() -> Session:
    """The session's person: the local administrator without a provider; else from st.user
    (e-mail, then subject) and the roles table."""
    if not provider_configured():
        return LOCAL_SESSION
    claims = _identity()
    email = str(claims.get("email") or "").strip() or None
    sub = str(claims.get("sub") or "").strip() or None
    login = roles.normalize_login(email or sub) or None
    if login is None:
        return Session("", None, None)
    name = str(claims.get("name") or email or sub)
    try:
        row = query("role_of", tuple(x for x in (email, sub) if x))
    except Exception:  # an older database without the roles table: nobody has a role
        row = None
    grant = Grant(*row) if row else None
    return Session(name, login, grant)


def login_page() -> None:
    """All a visitor without a session sees: what this is, and the way in."""
    st.title("Theo dõi cải cách hành chính")
    st.write("Đăng nhập bằng tài khoản của cơ quan để xem và cập nhật số liệu.")
    if st.button("Đăng nhập", type="primary", icon=":material/login:", key="a_login"):
        st.login()


def no_role_page(session: Session) -> None:
    """A person logged in whom no administrator has given a role yet: no data, a way out."""
    st.title("Chưa được phân quyền")
    st.warning(
        f"Tài khoản {session.login} đã đăng nhập nhưng chưa được giao vai trò nào, nên chưa xem "
        "được số liệu. Hãy nhờ quản trị đơn vị cấp quyền ở trang Người dùng.",
        icon=":material/lock:",
    )
    if st.button("Đăng xuất", key="a_logout_norole"):
        st.logout()


def sidebar(session: Session) -> None:
    """One line saying who is at the screen: the local mode, or the login with its role."""
    with st.sidebar:
        if session.local:
            st.caption(f":material/computer: {LOCAL_LINE}")
            return
        role = session.grant.label if session.grant else "chưa được phân quyền"
        st.caption(f":material/person: {ui_text(session.name)} · {ui_text(role)}")
        if st.button("Đăng xuất", key="a_logout", type="tertiary", icon=":material/logout:"):
            st.logout()


ui_text = md_literal  # a name shown as itself inside markdown (a claim is text from outside)
