"""Reads of the accounts tables: the roles (who may do what) and the audit trail (who did
what), for cchc/auth.py, the Người dùng page and the Nhật ký page. Called through
`ui.query("audit_queries.<name>", ...)`."""

from __future__ import annotations

from datetime import date, timedelta

import duckdb
import pandas as pd

ROLE_COLUMNS = "login, role, unit, province, department, name, added_by, added_at"


def role_of(con: duckdb.DuckDBPyConnection, logins: tuple[str, ...]) -> tuple | None:
    """The role row of the first login (an e-mail compared without case, then the subject)
    that has one."""
    for login in logins:
        key = login.strip().lower() if "@" in login else login.strip()
        row = con.execute(
            f"SELECT {ROLE_COLUMNS} FROM user_roles WHERE login = ?", [key]
        ).fetchone()
        if row:
            return tuple(row)
    return None


def user_roles(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute(
        f"SELECT {ROLE_COLUMNS} FROM user_roles ORDER BY unit NULLS FIRST, role DESC, login"
    ).df()


def unit_provinces(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """unit -> its province, for the units the registry places in one."""
    rows = con.execute("SELECT name, province FROM units WHERE province IS NOT NULL").fetchall()
    return {name: province for name, province in rows}


def _where(
    units: tuple[str, ...] | None,
    actions: tuple[str, ...],
    text: str | None,
    since: date | None,
    until: date | None,
) -> tuple[str, list[object]]:
    clauses, args = [], []
    if units is not None:  # a scope: its units' rows only
        clauses.append(f"unit IN ({', '.join('?' * len(units))})" if units else "false")
        args += list(units)
    if actions:
        clauses.append(f"action IN ({', '.join('?' * len(actions))})")
        args += list(actions)
    if text:
        clauses.append(
            "(actor ILIKE ? OR coalesce(login, '') ILIKE ? OR detail ILIKE ?"
            " OR list_contains(upload_ids, TRY_CAST(ltrim(?, '#') AS INTEGER)))"
        )
        like = f"%{text}%"
        args += [like, like, like, text]
    if since:
        clauses.append("done_at >= ?")
        args.append(since)
    if until:
        clauses.append("done_at < ?")
        args.append(until + timedelta(days=1))
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", args


def audit_trail(
    con: duckdb.DuckDBPyConnection,
    units: tuple[str, ...] | None = None,
    actions: tuple[str, ...] = (),
    text: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int = 500,
) -> pd.DataFrame:
    """The newest rows of the trail matching the filters (`units` None: every row)."""
    where, args = _where(units, actions, text, since, until)
    return con.execute(
        "SELECT audit_id, done_at, actor, login, via, os_user, action, unit, upload_ids, detail"
        f" FROM audit_log{where} ORDER BY audit_id DESC LIMIT ?",
        [*args, limit],
    ).df()


def audit_count(
    con: duckdb.DuckDBPyConnection,
    units: tuple[str, ...] | None = None,
    actions: tuple[str, ...] = (),
    text: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> int:
    where, args = _where(units, actions, text, since, until)
    row = con.execute(f"SELECT count(*) FROM audit_log{where}", args).fetchone()
    return int(row[0]) if row else 0
