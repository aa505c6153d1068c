"""`python -m etl rebuild --from data/archive [--db NEW]`: a fresh database from the archive
and its journal, for when the database file is lost or damaged.

The journal is replayed in its order: each load from its archived original with the options it
was asked with (what they resolved to made explicit: unit, kind, period, department), under its
own upload number and time, with the unit's learned department names as they were; each undo
at its place. The result's public views equal the original's.
"""

from __future__ import annotations

import contextlib
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from cchc import db
from etl import archive, audit, criteria, journal, roles, units
from etl.errors import Rejected
from etl.history import undo
from etl.load import LoadResult, Options, load_bytes
from etl.schema import migrate


class RebuildFailed(Exception):
    """The replay stopped; the message says at which line and why."""


@dataclass
class RebuildResult:
    database: Path
    loads: int
    undos: int
    others: int = 0  # roles given or taken, units registries saved

    def message(self) -> str:
        others = (
            f", {self.others} thao tác khác (phân quyền, danh mục, tiêu chí)" if self.others else ""
        )
        return (
            f"Đã dựng lại {self.database}: {self.loads} lần nạp, {self.undos} lần hoàn tác"
            f"{others}, theo đúng thứ tự trong nhật ký."
        )


def _options(entry: dict[str, Any]) -> Options:
    known = set(Options.__dataclass_fields__)
    given = {k: v for k, v in entry.get("options", {}).items() if k in known}
    resolved = entry.get("resolved", {})
    given.update(
        kind=entry.get("kind") or given.get("kind"),
        unit=resolved.get("unit") or given.get("unit"),
        period=resolved.get("period") or given.get("period"),
        department=resolved.get("department") or given.get("department"),
        expected_unit=None,  # the unit was settled when it was loaded
    )
    return Options(**given)


def _prepare(path: Path, entry: dict[str, Any]) -> None:
    """The upload number comes next, and the learned names are those of that moment."""
    with db.writing(path) as con:
        migrate(con)
        con.execute("DROP SEQUENCE IF EXISTS upload_id_seq")
        con.execute(f"CREATE SEQUENCE upload_id_seq START {int(entry['upload_id'])}")
        for table, rows in (
            ("department_aliases", entry.get("aliases", [])),
            ("departments", entry.get("departments", [])),
        ):
            for row in rows:
                cols = ", ".join(f'"{c}"' for c in row)
                marks = ", ".join("?" * len(row))
                con.execute(
                    f"INSERT OR IGNORE INTO {table} ({cols}) VALUES ({marks})", list(row.values())
                )


def _replay_change(source: Path, target: Path, n: int, entry: dict[str, Any]) -> None:
    """A role given or taken, a units registry saved, or a PAR criteria write, by the one who
    did it."""
    actor = audit.Actor(entry.get("user") or "?", via="cli", os_user=audit.os_user())
    try:
        with db.writing(target) as con:
            migrate(con)
            if entry["action"] == "role_set":
                roles.set_role(con, roles.Grant(**entry["grant"]), actor)
            elif entry["action"] == "role_remove":
                roles.remove_role(con, entry["login"], actor)
            elif entry["action"] == "criteria":
                criteria.replay(con, entry, source, target)
            else:
                saved = [
                    units.Unit(**{**u, "aliases": tuple(u["aliases"])}) for u in entry["units"]
                ]
                units.save(con, saved, bool(entry.get("is_demo")), actor, "dựng lại")
    except (Rejected, KeyError, TypeError, OSError) as exc:
        raise RebuildFailed(f"{_where(n, entry)}: dòng nhật ký không dùng được ({exc})") from exc


def _stamp(path: Path, entry: dict[str, Any]) -> None:
    with db.writing(path) as con:
        con.execute(
            "UPDATE uploads SET uploaded_at = ? WHERE upload_id = ?",
            [datetime.fromisoformat(entry["uploaded_at"]), entry["upload_id"]],
        )


def _where(n: int, entry: dict[str, Any]) -> str:
    if entry.get("action") not in ("load", "undo"):
        return f"dòng {n} của nhật ký ({entry.get('action')}, {entry.get('time')})"
    return f"dòng {n} của nhật ký (lần nạp #{entry.get('upload_id')}, {entry.get('file_name')})"


def _replay_load(source: Path, target: Path, n: int, entry: dict[str, Any]) -> None:
    original = source / str(entry.get("archive", ""))
    if not original.is_file():
        raise RebuildFailed(
            f"{_where(n, entry)}: không có tệp gốc {original} trong kho lưu trữ. Cách sửa: chép "
            "tệp gốc vào đúng chỗ đó (tên tệp là mã băm SHA-256 của nội dung) rồi chạy lại"
        )
    if archive.file_hash(original) != entry.get("sha256"):
        raise RebuildFailed(
            f"{_where(n, entry)}: tệp gốc {original} đã bị thay đổi (mã băm khác). Cách sửa: "
            "chép lại tệp gốc đúng rồi chạy lại"
        )
    _prepare(target, entry)
    result: LoadResult = load_bytes(
        original.read_bytes(), entry["file_name"], _options(entry), target
    )
    if result.status != "loaded" or result.upload_id != entry["upload_id"]:
        why = "; ".join(str(p) for p in result.problems) or result.summary()
        raise RebuildFailed(f"{_where(n, entry)}: không nạp lại được ({why})")
    _stamp(target, entry)


def rebuild(source: Path, target: Path | None = None) -> RebuildResult:
    """Replay `source`/journal.jsonl into `target`, a database that must not exist yet."""
    source = source.resolve()
    target = db.db_path(target)
    log = source / archive.JOURNAL
    if not log.is_file():
        raise RebuildFailed(
            f"Không có nhật ký tải lên {log}. Cách sửa: chỉ --from tới thư mục archive nằm cạnh "
            "cơ sở dữ liệu (có tệp journal.jsonl)"
        )
    if target.exists():
        raise RebuildFailed(
            f"Đã có tệp {target}; không ghi đè. Cách sửa: chọn một tệp mới với --db (ví dụ "
            "data/cchc-dung-lai.duckdb), hoặc đổi tên tệp cũ trước"
        )
    read = journal.read(log)
    loads = undos = others = 0
    try:
        with journal.suspended():  # the replay adds no lines; the journal is copied at the end
            for n, entry in enumerate(read.entries, start=1):
                if entry["action"] == "load":
                    _replay_load(source, target, n, entry)
                    loads += 1
                elif entry["action"] != "undo":
                    _replay_change(source, target, n, entry)
                    others += 1
                else:
                    done = undo(int(entry["upload_id"]), target, user=entry.get("user"))
                    if not done.ok:
                        raise RebuildFailed(f"{_where(n, entry)}: {done.message}")
                    undos += 1
        if not target.exists():
            with db.writing(target) as con:
                migrate(con)
    except BaseException:
        for leftover in (target, target.with_name(target.name + ".wal")):
            with contextlib.suppress(OSError):
                leftover.unlink()
        raise
    copy = journal.journal_path(target)
    if copy.resolve() != log:
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(log, copy)
    return RebuildResult(target, loads, undos, others)
