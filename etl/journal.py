"""The upload journal: `<db dir>/archive/journal.jsonl`, one JSON line per committed load and
undo, appended and synced before the caller hears the result, so the history (what was loaded,
in which order, with which settings, and what was undone) survives the database file. The
writes a rebuild also needs that are not loads have their line too: a role given or taken
(`role_set`, `role_remove`), a units registry saved (`units`) and a PAR criteria write
(`criteria`: the criteria of a year, link proposals and decisions, evidence items).

`python -m etl rebuild` replays it; `python -m etl check` compares it with the database.
A line per load holds the time, the user, the file's hash and name, the kind, the options the
load was asked with and what they resolved to (unit, year, period, department), the upload
number and its time, and the unit's learned department names at that moment (a replay needs
them to read the file the same way).
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb

from cchc import db, files
from etl import archive

VERSION = 1
REPLAYED = ("load", "undo", "role_set", "role_remove", "units", "criteria")  # rebuild replays
_SKIP_OPTIONS = {"dry_run", "confirm_removal"}  # never part of a committed load's meaning


def journal_path(database: Path) -> Path:
    return archive.archive_dir(database) / archive.JOURNAL


def _plain(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


_suspended = threading.local()


@contextmanager
def suspended() -> Iterator[None]:
    """No lines from this thread meanwhile (a rebuild replays the journal it copies)."""
    _suspended.on = True
    try:
        yield
    finally:
        _suspended.on = False


def append(database: Path, entry: Mapping[str, Any]) -> None:
    """Append one line and sync it to disk (the folder too, when the file is new)."""
    if getattr(_suspended, "on", False):
        return
    path = journal_path(database)
    path.parent.mkdir(parents=True, exist_ok=True)
    new = not path.exists()
    line = json.dumps(entry, ensure_ascii=False, default=_plain, sort_keys=True) + "\n"
    with path.open("a", encoding="utf-8") as f:
        f.write(line)
        f.flush()
        os.fsync(f.fileno())
    if new:
        files.fsync_dir(path.parent)


def _rows(con: duckdb.DuckDBPyConnection, sql: str, args: list[object]) -> list[dict]:
    cur = con.execute(sql, args)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, (_plain(v) for v in r), strict=True)) for r in cur.fetchall()]


def changed(
    con: duckdb.DuckDBPyConnection, action: str, payload: Mapping[str, Any], user: str | None
) -> None:
    """The line of a committed write that is not a load (a role, the units registry), for the
    database `con` works on (none in memory). It follows the commit: a line that could not be
    written leaves the write done, and is said in the server log."""
    database = db.database_file(con)
    if database is None:
        return
    entry = {"v": VERSION, "action": action, "time": datetime.now().isoformat(timespec="seconds")}
    try:
        append(database, {**entry, "user": user, **payload})
    except OSError:
        logging.getLogger("etl").warning("journal line of %s not written", action, exc_info=True)


def loaded(
    con: duckdb.DuckDBPyConnection,
    database: Path,
    result: Any,
    options: Mapping[str, Any],
    digest: str,
    kept: Path,
) -> None:
    """The line for a committed load (`result` is the LoadResult, `options` the Options)."""
    uploaded_at = con.execute(
        "SELECT uploaded_at FROM uploads WHERE upload_id = ?", [result.upload_id]
    ).fetchone()[0]
    append(
        database,
        {
            "v": VERSION,
            "action": "load",
            "time": datetime.now().isoformat(timespec="seconds"),
            "uploaded_at": uploaded_at,
            "user": options.get("uploaded_by"),
            "sha256": digest,
            "file_name": result.file,
            "archive": str(kept.relative_to(archive.archive_dir(database))),
            "kind": result.kind,
            "options": {k: v for k, v in options.items() if k not in _SKIP_OPTIONS},
            "resolved": {
                "unit": result.unit,
                "plan_year": result.plan_year,
                "period": result.period,
                "department": result.department,
            },
            "result": result.status,
            "upload_id": result.upload_id,
            "rows": result.rows,
            "replaced": result.replaced_upload_ids,
            "aliases": _rows(
                con,
                "SELECT * FROM department_aliases WHERE unit IN ('', ?) ORDER BY ALL",
                [result.unit],
            ),
            "departments": _rows(
                con, "SELECT * FROM departments WHERE unit = ? ORDER BY ALL", [result.unit]
            ),
        },
    )


def undone(database: Path, upload_id: int, restored: list[int], user: str | None) -> None:
    append(
        database,
        {
            "v": VERSION,
            "action": "undo",
            "time": datetime.now().isoformat(timespec="seconds"),
            "user": user,
            "upload_id": upload_id,
            "result": "undone",
            "restored": restored,
        },
    )


@dataclass
class Journal:
    entries: list[dict] = field(default_factory=list)
    bad_lines: list[int] = field(default_factory=list)  # line numbers that are not JSON

    def loads(self) -> dict[int, dict]:
        return {e["upload_id"]: e for e in self.entries if e.get("action") == "load"}

    def undos(self) -> set[int]:
        return {e["upload_id"] for e in self.entries if e.get("action") == "undo"}


def read(path: Path) -> Journal:
    """Every line of a journal file (a torn last line, from a crash, is reported, not fatal)."""
    out = Journal()
    if not path.exists():
        return out
    with path.open(encoding="utf-8", errors="replace") as f:
        for n, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
            except json.JSONDecodeError:
                out.bad_lines.append(n)
                continue
            if isinstance(entry, dict) and entry.get("action") in REPLAYED:
                out.entries.append(entry)
            else:
                out.bad_lines.append(n)
    return out
