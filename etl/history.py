"""Undoing an upload: the database goes back to exactly the state before it.

An upload's rows stay in their tables; what shows in the views is decided by the upload's
status. Undo marks the upload `rolled_back` and gives back `loaded` to the uploads it had
superseded, in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from cchc import db
from etl import audit, failures, journal, roles


@dataclass
class UndoResult:
    upload_id: int
    ok: bool
    message: str
    restored: list[int] = field(default_factory=list)
    warning: str = ""  # what failed after the commit (the undo is done)


def undo(
    upload_id: int,
    database: Path | None = None,
    user: str | None = None,
    *,
    actor: audit.Actor | None = None,
    grant: roles.Grant | None = None,
) -> UndoResult:
    """Undo one upload; never raises: the result says what happened, in Vietnamese. `grant`
    (the login's role) must allow undo in the upload's unit; `actor` goes in the audit trail
    (by default `user` on the command line)."""
    result = UndoResult(upload_id, False, "")
    path = db.db_path(database)
    who = actor or audit.Actor(user or audit.os_user(), os_user=audit.os_user())
    try:
        with db.writing(path) as con:
            _undo(con, result, who, grant)
            if result.ok:
                _journal(path, result, user)
    except Exception as exc:  # said in Vietnamese, never a stack trace
        if result.ok:  # committed: what failed after it is only a warning
            result.warning = failures.after_commit(exc, "ghi xuống đĩa (checkpoint)")
        else:
            what, hint = failures.message(exc)
            result.message = (
                f"Chưa hoàn tác được lần nạp số {upload_id}: {what}; cơ sở dữ liệu không thay "
                f"đổi. Cách sửa: {hint}."
            )
    return result


def _journal(path: Path, result: UndoResult, user: str | None) -> None:
    """The undo's journal line, synced before the caller hears it is done."""
    try:
        journal.undone(path, result.upload_id, result.restored, user)
    except Exception as exc:
        result.warning = failures.after_commit(exc, "ghi nhật ký tải lên")


def _undo(
    con: duckdb.DuckDBPyConnection,
    result: UndoResult,
    actor: audit.Actor,
    grant: roles.Grant | None,
) -> None:
    upload_id = result.upload_id
    row = con.execute(
        "SELECT file_name, status, unit FROM uploads WHERE upload_id = ?", [upload_id]
    ).fetchone()
    if row is None:
        result.message = f"Không có lần nạp số {upload_id}."
        return
    name, status, unit = row
    if grant is not None:
        why = roles.refusal(grant, roles.UNDO, unit, roles.unit_province(con, unit))
        if why:
            result.message = f"Không hoàn tác lần nạp số {upload_id} ({name}): {why}."
            return
    if status != "loaded":
        state = {"superseded": "đã được thay thế", "rolled_back": "đã được hoàn tác"}[status]
        result.message = (
            f"Lần nạp số {upload_id} ({name}) {state}; chỉ hoàn tác được bản đang dùng."
        )
        return
    try:
        con.execute("BEGIN TRANSACTION")
        con.execute("UPDATE uploads SET status = 'rolled_back' WHERE upload_id = ?", [upload_id])
        restored = [
            r[0]
            for r in con.execute(
                "UPDATE uploads SET status = 'loaded', superseded_by = NULL "
                "WHERE superseded_by = ? AND status = 'superseded' RETURNING upload_id",
                [upload_id],
            ).fetchall()
        ]
        audit.record(
            con,
            actor,
            "undo",
            unit=unit,
            upload_ids=[upload_id, *sorted(restored)],
            detail=f"{name}" + (f"; dùng lại lần nạp {sorted(restored)}" if restored else ""),
        )
        con.execute("COMMIT")
    except Exception:
        failures.rollback(con)  # its own failure must not hide the cause
        raise
    text = f"Đã hoàn tác lần nạp số {upload_id} ({name})"
    if restored:
        text += f"; dùng lại bản nạp trước (số {', '.join(map(str, sorted(restored)))})"
    result.ok, result.message, result.restored = True, text + ".", sorted(restored)
