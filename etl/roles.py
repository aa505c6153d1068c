"""Roles, stored in the database (`user_roles`), and what each may do.

- Lãnh đạo (viewer): reads every page of their unit, or of every unit of their province;
- Cán bộ phòng (department_editor): loads progress reports of their own department of their
  own unit only; reads the unit;
- Quản trị đơn vị (unit_admin): every write of their unit (plans, indices, procedures,
  reports, undo, department names, the unit's users);
- Quản trị tỉnh (province_admin): all of that for every unit of their province.

A one-machine install (no identity provider) has no roles: everyone is `LOCAL_ADMIN`, who may
do everything. The same checks serve the pages and the command line; every change of a role
writes an audit row in its own transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import duckdb

from cchc.departments import ALL
from cchc.text import fold
from cchc.vocab import department_name
from etl import audit, journal
from etl.errors import Problem, Rejected

ROLES = {
    "viewer": "Lãnh đạo",
    "department_editor": "Cán bộ phòng",
    "unit_admin": "Quản trị đơn vị",
    "province_admin": "Quản trị tỉnh",
}
LOCAL = "local_admin"
RANK = {"viewer": 0, "department_editor": 1, "unit_admin": 2, "province_admin": 3, LOCAL: 4}

# what each write needs: the smallest role allowed to do it
LOAD_PROGRESS, LOAD, UNDO, CATALOG, USERS = "load_progress", "load", "undo", "catalog", "users"


@dataclass(frozen=True)
class Grant:
    """One login's role and its scope (a unit, or every unit of a province)."""

    login: str
    role: str
    unit: str | None = None
    province: str | None = None
    department: str | None = None
    name: str | None = None
    added_by: str | None = None
    added_at: datetime | None = None

    @property
    def label(self) -> str:
        """'Cán bộ phòng — Văn phòng HĐND và UBND, Phường Võ Cường'."""
        if self.role == LOCAL:
            return "Quản trị (một máy)"
        return f"{ROLES.get(self.role, self.role)} — {self.scope}"

    @property
    def scope(self) -> str:
        parts = []
        if self.role == "department_editor" and self.department:
            parts.append(department_name(self.department, self.unit))
        if self.unit:
            parts.append(self.unit)
        elif self.province:
            parts.append(f"mọi đơn vị của {self.province}")
        else:
            parts.append("mọi đơn vị")
        return ", ".join(parts)

    def covers(self, unit: str | None, province: str | None) -> bool:
        """Whether `unit` (of `province`, as the units registry says) is in this scope."""
        if self.role == LOCAL:
            return True
        if self.unit:
            return unit is not None and fold(unit) == fold(self.unit)
        if self.province:
            return province is not None and fold(province) == fold(self.province)
        return False


LOCAL_ADMIN = Grant(login="", role=LOCAL, name="Quản trị (một máy)")


def unit_province(con: duckdb.DuckDBPyConnection, unit: str | None) -> str | None:
    if not unit:
        return None
    row = con.execute("SELECT province FROM units WHERE name = ?", [unit]).fetchone()
    return row[0] if row else None


def refusal(
    grant: Grant,
    action: str,
    unit: str | None,
    province: str | None = None,
    department: str | None = None,
) -> str | None:
    """Why `grant` may not do `action` on `unit` (and `department`), in Vietnamese; None when
    it may."""
    if grant.role == LOCAL:
        return None
    who = f"Tài khoản {grant.login} ({grant.label})"
    if not grant.covers(unit, province):
        return f"{who} không có quyền với đơn vị {unit or '(chưa rõ)'}"
    if grant.role == "viewer":
        return f"{who} chỉ được xem, không được tải lên hay sửa dữ liệu"
    if grant.role == "department_editor":
        if action != LOAD_PROGRESS:
            return f"{who} chỉ được nạp báo cáo tiến độ của phòng mình"
        if not department or department == ALL or department != grant.department:
            other = (
                "báo cáo tổng hợp các phòng"
                if not department or department == ALL
                else f"báo cáo của {department_name(department, unit)}"
            )
            mine = department_name(grant.department or "", unit)
            return f"{who} chỉ được nạp báo cáo của {mine}, không nạp {other}"
    return None


def load_refusal(
    con: duckdb.DuckDBPyConnection,
    grant: Grant | None,
    kind: str | None,
    unit: str | None,
    department: str | None,
    also: Iterable[str] = (),
) -> Problem | None:
    """A load the login may not make, as the problem that refuses it (nothing is written).
    `also`: the other units the file writes into (a province-wide index table): each must be
    within the login's scope too."""
    if grant is None:
        return None
    action = LOAD_PROGRESS if kind == "progress" else LOAD
    why = None
    for target in dict.fromkeys([unit, *also]):
        why = refusal(grant, action, target, unit_province(con, target), department)
        if why is not None:
            break
    if why is None:
        return None
    return Problem(
        message=why,
        hint="nhờ quản trị đơn vị nạp tệp này, hoặc xin cấp quyền ở trang Người dùng",
        code="not_allowed",
    )


def _row(r: tuple) -> Grant:
    return Grant(*r)


COLUMNS = "login, role, unit, province, department, name, added_by, added_at"


def get(con: duckdb.DuckDBPyConnection, login: str | None) -> Grant | None:
    """The role of a login (an e-mail, compared without case, or a subject)."""
    key = normalize_login(login)
    if not key:
        return None
    row = con.execute(f"SELECT {COLUMNS} FROM user_roles WHERE login = ?", [key]).fetchone()
    return _row(row) if row else None


def find(con: duckdb.DuckDBPyConnection, *logins: str | None) -> Grant | None:
    """The first of several identities (e-mail, then subject) that has a role."""
    for login in logins:
        grant = get(con, login)
        if grant is not None:
            return grant
    return None


def list_roles(con: duckdb.DuckDBPyConnection) -> list[Grant]:
    rows = con.execute(f"SELECT {COLUMNS} FROM user_roles ORDER BY unit NULLS FIRST, login")
    return [_row(r) for r in rows.fetchall()]


def normalize_login(login: str | None) -> str:
    text = (login or "").strip()
    return text.lower() if "@" in text else text


def _problems(grant: Grant) -> list[Problem]:
    problems = []
    if not grant.login:
        problems.append(
            Problem("Thiếu e-mail hoặc mã đăng nhập", "ghi e-mail, ví dụ: an.nv@vocuong.gov.vn")
        )
    if grant.role not in ROLES:
        problems.append(
            Problem(
                f"Vai trò '{grant.role}' không có",
                "dùng một trong: " + ", ".join(f"{k} ({v})" for k, v in ROLES.items()),
            )
        )
    if grant.role in ("department_editor", "unit_admin") and not grant.unit:
        problems.append(Problem("Thiếu đơn vị", "ghi đơn vị, ví dụ: Phường Võ Cường"))
    if grant.role == "department_editor" and not grant.department:
        problems.append(Problem("Thiếu phòng của cán bộ", "chọn phòng, ví dụ: VHXH"))
    if grant.role in ("viewer", "province_admin") and not (grant.unit or grant.province):
        problems.append(
            Problem("Thiếu phạm vi", "ghi đơn vị, hoặc tỉnh (cho lãnh đạo, quản trị cấp tỉnh)")
        )
    if grant.role == "province_admin" and grant.unit:
        problems.append(Problem("Quản trị tỉnh không gắn với một đơn vị", "chỉ ghi tỉnh"))
    return problems


def may_assign(
    con: duckdb.DuckDBPyConnection, granter: Grant, grant: Grant, existing: Grant | None
) -> str | None:
    """Why `granter` may not give (or take) `grant`; None when it may. A unit admin manages
    the roles of its unit up to unit admin; a province admin any role within its province."""
    if granter.role == LOCAL:
        return None
    if RANK.get(granter.role, -1) < RANK["unit_admin"]:
        return f"Tài khoản {granter.login} ({granter.label}) không quản lý người dùng"
    for target in (grant, existing):
        if target is None:
            continue
        if RANK.get(target.role, 0) > RANK[granter.role]:
            return f"{granter.label} không cấp, không thu hồi vai trò {ROLES[target.role]}"
        if target.unit:
            inside = granter.covers(target.unit, unit_province(con, target.unit))
        else:  # a province-wide role: only its own province's admin
            inside = granter.role == "province_admin" and fold(target.province or "") == fold(
                granter.province or ""
            )
        if not inside:
            return f"{granter.label} không quản lý người dùng của {target.scope}"
    return None


def set_role(
    con: duckdb.DuckDBPyConnection, grant: Grant, actor: audit.Actor, granter: Grant = LOCAL_ADMIN
) -> Grant:
    """Give a login its role (replacing the one it had), with an audit row, in one
    transaction; Rejected says why nothing was written."""
    grant = Grant(
        normalize_login(grant.login),
        grant.role,
        (grant.unit or "").strip() or None,
        (grant.province or "").strip() or None,
        (grant.department or "").strip().upper() or None
        if grant.role == "department_editor"
        else None,
        (grant.name or "").strip() or None,
    )
    problems = _problems(grant)
    if problems:
        raise Rejected(problems)
    con.execute("BEGIN TRANSACTION")
    try:
        existing = get(con, grant.login)
        why = may_assign(con, granter, grant, existing)
        if why:
            raise Rejected([Problem(why, "nhờ quản trị cấp trên phân quyền")])
        con.execute("DELETE FROM user_roles WHERE login = ?", [grant.login])
        con.execute(
            f"INSERT INTO user_roles ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, "
            "current_localtimestamp())",
            [
                grant.login,
                grant.role,
                grant.unit,
                grant.province,
                grant.department,
                grant.name,
                actor.name,
            ],
        )
        before = f" (trước: {existing.label})" if existing else ""
        audit.record(
            con,
            actor,
            "role_set",
            unit=grant.unit,
            detail=f"{grant.login}: {grant.label}{before}",
        )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    fields = ("login", "role", "unit", "province", "department", "name")
    journal.changed(con, "role_set", {"grant": {f: getattr(grant, f) for f in fields}}, actor.name)
    saved = get(con, grant.login)
    assert saved is not None
    return saved


def remove_role(
    con: duckdb.DuckDBPyConnection, login: str, actor: audit.Actor, granter: Grant = LOCAL_ADMIN
) -> bool:
    """Take a login's role away (it then reaches no data); False when it had none."""
    con.execute("BEGIN TRANSACTION")
    try:
        existing = get(con, login)
        if existing is None:
            con.execute("ROLLBACK")
            return False
        why = may_assign(con, granter, existing, existing)
        if why:
            raise Rejected([Problem(why, "nhờ quản trị cấp trên thu hồi quyền")])
        con.execute("DELETE FROM user_roles WHERE login = ?", [existing.login])
        audit.record(
            con,
            actor,
            "role_remove",
            unit=existing.unit,
            detail=f"{existing.login}: {existing.label}",
        )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    journal.changed(con, "role_remove", {"login": existing.login}, actor.name)
    return True
