"""Undoing an upload: the database goes back to exactly the state before it.

An upload's rows stay in their tables; what shows in the views is decided by the upload's
status. Undo marks the upload `rolled_back` and gives back `loaded` to the uploads it had
superseded, in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cchc import db


@dataclass
class UndoResult:
    upload_id: int
    ok: bool
    message: str
    restored: list[int] = field(default_factory=list)


def undo(upload_id: int, database: Path | None = None) -> UndoResult:
    with db.writing(db.db_path(database)) as con:
        row = con.execute(
            "SELECT file_name, status FROM uploads WHERE upload_id = ?", [upload_id]
        ).fetchone()
        if row is None:
            return UndoResult(upload_id, False, f"Không có lần nạp số {upload_id}.")
        name, status = row
        if status != "loaded":
            state = {"superseded": "đã được thay thế", "rolled_back": "đã được hoàn tác"}[status]
            return UndoResult(
                upload_id,
                False,
                f"Lần nạp số {upload_id} ({name}) {state}; chỉ hoàn tác được bản đang dùng.",
            )
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(
                "UPDATE uploads SET status = 'rolled_back' WHERE upload_id = ?", [upload_id]
            )
            restored = [
                r[0]
                for r in con.execute(
                    "UPDATE uploads SET status = 'loaded', superseded_by = NULL "
                    "WHERE superseded_by = ? AND status = 'superseded' RETURNING upload_id",
                    [upload_id],
                ).fetchall()
            ]
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
    text = f"Đã hoàn tác lần nạp số {upload_id} ({name})"
    if restored:
        text += f"; dùng lại bản nạp trước (số {', '.join(map(str, sorted(restored)))})"
    return UndoResult(upload_id, True, text + ".", sorted(restored))
