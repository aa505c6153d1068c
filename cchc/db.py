"""Where the database is and how to open it without fighting over DuckDB's file lock.

DuckDB lets one process hold a file read-write, and a read-only holder blocks writers too.
So nobody keeps a connection open: the dashboard opens a short read-only connection per query
batch, the loader a short read-write one per file, and each waits a bounded time for the other.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = ROOT / "data" / "cchc.duckdb"
READ_WAIT_SECONDS = 20.0
WRITE_WAIT_SECONDS = 30.0


class DatabaseBusy(Exception):
    """The database stayed locked by another process longer than we wait."""

    def __init__(self, path: Path, waited: float, detail: str):
        self.path, self.waited, self.detail = path, waited, detail
        super().__init__(
            f"Cơ sở dữ liệu {path} đang được một tiến trình khác sử dụng; đã chờ {waited:.0f} giây "
            "mà chưa được. Hãy thử lại sau ít phút (một lần nạp dữ liệu khác có thể đang chạy)."
        )


class DatabaseMissing(Exception):
    def __init__(self, path: Path):
        self.path = path
        super().__init__(
            f"Chưa có cơ sở dữ liệu {path}. Tạo bằng: python -m etl init (hoặc python -m etl demo "
            "để nạp dữ liệu mẫu)."
        )


def db_path(path: str | os.PathLike[str] | None = None) -> Path:
    """The database file: the argument, else $CCHC_DB, else data/cchc.duckdb."""
    chosen = path or os.environ.get("CCHC_DB") or DEFAULT_DB
    return Path(chosen).expanduser().resolve()


def _is_lock_error(exc: Exception) -> bool:
    text = str(exc)
    return "lock" in text.lower() and ("Conflicting" in text or "Could not set lock" in text)


def connect(path: Path, *, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    """Open the file, retrying while another process holds the lock, for at most `wait` s."""
    if read_only and not path.exists():
        raise DatabaseMissing(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait
    delay = 0.01  # polled often: a writer holds the lock only for its write (parse, then lock)
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            if not _is_lock_error(exc):
                raise
            if time.monotonic() >= deadline:
                raise DatabaseBusy(path, wait, str(exc)) from exc
            time.sleep(delay)
            delay = min(delay * 2, 0.05)


# Within one process (the dashboard serves every session from one), DuckDB refuses to open a
# file read-write while a read-only connection to it is open, and the reverse. Connections of
# this process therefore take turns; other processes are handled by the file lock above.
_IN_PROCESS = threading.RLock()


@contextmanager
def reading(
    path: Path | None = None, wait: float = READ_WAIT_SECONDS
) -> Iterator[duckdb.DuckDBPyConnection]:
    with _IN_PROCESS:
        con = connect(db_path(path), read_only=True, wait=wait)
        try:
            yield con
        finally:
            con.close()


@contextmanager
def writing(
    path: Path | None = None, wait: float = WRITE_WAIT_SECONDS
) -> Iterator[duckdb.DuckDBPyConnection]:
    with _IN_PROCESS:
        con = connect(db_path(path), read_only=False, wait=wait)
        try:
            yield con
            con.execute("CHECKPOINT")
        finally:
            con.close()


def data_version(path: Path | None = None) -> tuple[int, int]:
    """Changes whenever a load commits: the key that invalidates cached query results."""
    p = db_path(path)
    version = (0, 0)
    for f in (p, p.with_name(p.name + ".wal")):
        if f.exists():
            st = f.stat()
            version = (max(version[0], st.st_mtime_ns), version[1] + st.st_size)
    return version
