"""Backups of the database file, and putting one back.

A backup is a consistent copy: the file is checkpointed (everything in the main file, nothing
left in the write-ahead log) and copied while this process holds the write lock, so no load can
change it half-way. Copies live in `<db dir>/backups/cchc-YYYYMMDD-HHMMSS[-reason].duckdb`;
automatic ones (one a day from `make run`, one before every schema migration) carry `auto` in
their reason and only they are pruned to the newest N. Restoring keeps a copy of the current
file first, even a damaged one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb

from cchc import db, files
from cchc.files import durable_copy
from cchc.text import fold
from etl import audit, failures
from etl.failures import BackupFailed

AUTO = "auto"
PREFIX = "cchc-"
_NAME = re.compile(r"^cchc-(\d{8})-(\d{6})(?:-(.+))?\.duckdb$")


@dataclass
class BackupResult:
    path: Path | None  # the copy made (None when none was needed)
    message: str
    removed: list[Path] = field(default_factory=list)  # automatic copies pruned


def backup_dir(database: Path) -> Path:
    return database.parent / "backups"


def slug(reason: str) -> str:
    """A reason as it goes into a file name: 'Trước nâng cấp v3' -> 'truoc-nang-cap-v3'."""
    text = re.sub(r"[^a-z0-9]+", "-", fold(reason).lower()).strip("-")
    return text[:40].rstrip("-")


def backup_name(when: datetime, reason: str | None = None) -> str:
    tail = f"-{slug(reason)}" if reason and slug(reason) else ""
    return f"{PREFIX}{when:%Y%m%d-%H%M%S}{tail}.duckdb"


def _when(path: Path) -> datetime | None:
    m = _NAME.match(path.name)
    return datetime.strptime(m[1] + m[2], "%Y%m%d%H%M%S") if m else None


def _reason(path: Path) -> str:
    m = _NAME.match(path.name)
    return (m[3] or "") if m else ""


def is_auto(path: Path) -> bool:
    m = _NAME.match(path.name)
    return bool(m and m[3] and m[3].split("-")[0] == AUTO)


def backups(folder: Path) -> list[Path]:
    """The backups in a folder, oldest first."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.glob(f"{PREFIX}*.duckdb") if _when(p) is not None]
    return sorted(found, key=lambda p: (_when(p), p.name))


def _size(path: Path) -> str:
    mb = path.stat().st_size / 1_000_000
    return f"{mb:.1f}".replace(".", ",") + " MB"


def _unique(folder: Path, when: datetime, reason: str | None) -> Path:
    target = folder / backup_name(when, reason)
    n = 2
    while target.exists():
        target = folder / backup_name(when, f"{reason or ''} {n}")
        n += 1
    return target


def copy_open(
    con: duckdb.DuckDBPyConnection,
    reason: str | None,
    folder: Path | None = None,
    now: datetime | None = None,
) -> Path | None:
    """Back up the file `con` holds read-write: checkpoint, then copy (the lock is ours)."""
    path = db.database_file(con)
    if path is None or not path.exists():
        return None
    con.execute("CHECKPOINT")
    target = _unique(folder or backup_dir(path), now or datetime.now(), reason)
    durable_copy(path, target)
    return target


def before_migration(con: duckdb.DuckDBPyConnection, version: int) -> Path | None:
    """The automatic copy taken before a schema migration changes an existing database."""
    try:
        return copy_open(con, f"{AUTO} truoc nang cap v{version}")
    except Exception as exc:
        what, hint = failures.message(exc)
        raise BackupFailed(
            f"Không sao lưu được cơ sở dữ liệu trước khi nâng cấp lên phiên bản {version}: "
            f"{what}. Chưa nâng cấp gì. Cách sửa: {hint}."
        ) from exc


def prune(folder: Path, keep: int) -> list[Path]:
    """Keep the newest `keep` automatic backups; manual ones are never removed."""
    autos = [p for p in backups(folder) if is_auto(p)]
    removed = []
    for p in autos[: max(0, len(autos) - keep)]:
        p.unlink(missing_ok=True)
        removed.append(p)
    return removed


def backup(
    database: Path | None = None,
    folder: Path | None = None,
    *,
    auto: bool = False,
    keep: int | None = None,
    reason: str | None = None,
    now: datetime | None = None,
) -> BackupResult:
    """Make a backup (with `auto`: only when none was made automatically today)."""
    path = db.db_path(database)
    folder = (folder or backup_dir(path)).resolve()
    now = now or datetime.now()
    if not path.exists():
        if auto:
            return BackupResult(None, f"Chưa có cơ sở dữ liệu {path}: chưa cần sao lưu.")
        raise BackupFailed(str(db.DatabaseMissing(path)))
    if auto:
        reason = f"{AUTO} {reason}" if reason else AUTO
        today = [
            p
            for p in backups(folder)
            if _reason(p) == slug(reason) and _when(p).date() == now.date()
        ]  # the daily copy: one before a migration does not count
        if today:
            removed = prune(folder, keep) if keep is not None else []
            return BackupResult(
                None,
                f"Đã có bản sao lưu tự động hôm nay ({today[-1].name}); không sao lưu lại.",
                removed,
            )
    try:
        with db.writing(path) as con:
            target = copy_open(con, reason, folder, now)
    except db.DatabaseBusy as exc:
        raise BackupFailed(f"{exc}") from exc
    except Exception as exc:
        what, hint = failures.message(exc)
        raise BackupFailed(f"Không sao lưu được {path}: {what}. Cách sửa: {hint}.") from exc
    assert target is not None
    removed = prune(folder, keep) if keep is not None else []
    return BackupResult(target, f"Đã sao lưu {path.name} vào {target} ({_size(target)}).", removed)


def _verify(file: Path) -> None:
    """A backup to restore must open and hold the uploads table."""
    if not file.is_file():
        raise BackupFailed(f"Không có tệp {file}. Cách sửa: xem các bản sao lưu trong backups/.")
    try:
        con = duckdb.connect(str(file), read_only=True)
        try:
            con.execute("SELECT count(*) FROM uploads").fetchone()
        finally:
            con.close()
    except Exception as exc:
        what, _ = failures.message(exc)
        raise BackupFailed(
            f"Tệp {file.name} không phải bản sao lưu dùng được ({what}). Cách sửa: chọn một bản "
            "sao lưu khác trong backups/, hoặc dựng lại: python -m etl rebuild --from "
            "data/archive."
        ) from exc


def restore(
    file: Path,
    database: Path | None = None,
    now: datetime | None = None,
    actor: audit.Actor | None = None,
) -> BackupResult:
    """Put `file` in place of the database, after keeping a copy of the current one. The
    current file's write lock is held from that copy until the swap, so no load falls between
    them; the restored file is then published for the pages."""
    path = db.db_path(database)
    file = file.resolve()
    _verify(file)
    if file == path:
        raise BackupFailed("Tệp cần khôi phục chính là cơ sở dữ liệu đang dùng.")
    now = now or datetime.now()
    kept = None
    tmp = path.with_name(path.name + ".restore" + files.PART)
    try:
        durable_copy(file, tmp)
        if path.exists():
            kept = _swap_keeping_current(tmp, path, now)
        else:
            _swap(tmp, path)
        with db.writing(path) as con:  # the trail of the restored file says so; it is published
            _record_restore(con, actor or audit.command_line(), file, kept)
    except BackupFailed:
        raise
    except Exception as exc:
        what, hint = failures.message(exc)
        raise BackupFailed(
            f"Không khôi phục được: {what}; cơ sở dữ liệu không thay đổi. Cách sửa: {hint}."
        ) from exc
    finally:
        tmp.unlink(missing_ok=True)
    text = f"Đã khôi phục {path} từ {file.name}."
    if kept is not None:
        text += f" Bản đang dùng trước đó được giữ ở {kept}."
    return BackupResult(kept, text)


def _record_restore(con, actor: audit.Actor, file: Path, kept: Path | None) -> None:
    """A row in the restored file's audit trail (an older backup may have none: then none)."""
    has_trail = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'audit_log'"
    ).fetchone()
    if has_trail and has_trail[0]:
        detail = f"từ {file.name}" + (f"; bản trước đó giữ ở {kept.name}" if kept else "")
        audit.record(con, actor, "restore", detail=detail)


def _swap(tmp: Path, path: Path) -> None:
    tmp.replace(path)
    path.with_name(path.name + ".wal").unlink(missing_ok=True)  # the old file's log
    files.fsync_dir(path.parent)


def _swap_keeping_current(tmp: Path, path: Path, now: datetime) -> Path:
    """Copy the current file (consistent when it opens, else as it is: a damaged file is kept
    for inspection), then swap in `tmp`, all under the current file's write lock."""
    kept = None
    try:
        with db.writing(path, publish=False) as con:
            kept = copy_open(con, "truoc khoi phuc", now=now)
            assert kept is not None
            _swap(tmp, path)  # the lock stays on the old file until this connection closes
    except db.DatabaseBusy as exc:
        raise BackupFailed(f"{exc} Hãy dừng bảng điều khiển rồi khôi phục lại.") from exc
    except BackupFailed:
        raise
    except Exception as exc:
        if kept is not None and not tmp.exists():
            return kept  # swapped: only closing the old, replaced file failed
        if failures.kind_of(exc) in (failures.DISK_FULL, failures.READ_ONLY):
            raise
        kept = _unique(backup_dir(path), now, "truoc khoi phuc hong")
        durable_copy(path, kept)
        _swap(tmp, path)
    assert kept is not None
    return kept
