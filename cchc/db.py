"""Where the database is and how to open it without fighting over DuckDB's file lock.

DuckDB lets one process hold a file read-write, and a read-only holder blocks writers too.
So nobody keeps a connection open: the loader opens a short read-write connection per file and
waits a bounded time for the lock; at the end of every write it publishes a copy of the file
(cchc/snapshots.py), and the dashboard reads that copy, so pages never wait for a load. Only
when no fresh copy exists (an older database, a writer that stopped before publishing) does a
reader open the main file, waiting a bounded time for its lock as before.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TypeVar

import duckdb

from cchc import snapshots

T = TypeVar("T")

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
_writing: set[Path] = set()  # main files a writer of this process holds


class _Held:
    """One open read-only connection to a published copy, shared by this process's readers
    through cursors. A copy never changes, so it can stay open until a newer one replaces it
    (then it is closed when its last reader is done)."""

    def __init__(self, copy: Path):
        self.copy = copy
        self.con = duckdb.connect(str(copy), read_only=True)
        self.users = 0
        self.retired = False

    def retire(self) -> None:
        self.retired = True
        if self.users == 0:
            self.con.close()


HELD_DATABASES = 4  # databases whose copy stays open (a server has one; tests have many)
_held: dict[Path, _Held] = {}  # by main file, most recently used last
_held_lock = threading.Lock()


def _cursor_on(main: Path, copy: Path) -> tuple[duckdb.DuckDBPyConnection, _Held] | None:
    with _held_lock:
        held = _held.pop(main, None)
        if held is not None and held.copy != copy:
            held.retire()
            held = None
        if held is None:
            try:
                held = _Held(copy)
            except duckdb.Error:  # pruned since it was listed, or unreadable: the main file
                return None
        _held[main] = held
        while len(_held) > HELD_DATABASES:
            _held.pop(next(iter(_held))).retire()
        held.users += 1
        return held.con.cursor(), held


def _done_with(held: _Held) -> None:
    with _held_lock:
        held.users -= 1
        if held.retired and held.users == 0:
            held.con.close()


def _open_for_reading(path: Path, wait: float) -> tuple[duckdb.DuckDBPyConnection, Callable]:
    """A read-only connection and what to do when it is closed."""
    copy = snapshots.newest(path)
    if copy is not None and (snapshots.is_fresh(copy, path) or path in _writing):
        found = _cursor_on(path, copy)
        if found is not None:
            return found[0], partial(_done_with, found[1])
    _IN_PROCESS.acquire()
    try:
        if copy is not None:
            try:  # the copy is stale: the main file, unless a writer is at work on it
                return connect(path, read_only=True, wait=0), _IN_PROCESS.release
            except DatabaseBusy:
                found = _cursor_on(path, copy)
                if found is not None:
                    _IN_PROCESS.release()
                    return found[0], partial(_done_with, found[1])
        return connect(path, read_only=True, wait=wait), _IN_PROCESS.release
    except BaseException:
        _IN_PROCESS.release()
        raise


@contextmanager
def reading(
    path: Path | None = None, wait: float = READ_WAIT_SECONDS
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Read the published copy when it is fresh (or a writer is at work), else the file."""
    main = db_path(path)
    if not main.exists():
        raise DatabaseMissing(main)
    con, done = _open_for_reading(main, wait)
    try:
        yield con
    finally:
        con.close()
        done()


@contextmanager
def reading_file(
    path: Path | None = None, wait: float = READ_WAIT_SECONDS
) -> Iterator[duckdb.DuckDBPyConnection]:
    """The main file itself, never a copy (checks, backups: what is on disk)."""
    with _IN_PROCESS:
        con = connect(db_path(path), read_only=True, wait=wait)
        try:
            yield con
        finally:
            con.close()


@contextmanager
def writing(
    path: Path | None = None, wait: float = WRITE_WAIT_SECONDS, *, publish: bool = True
) -> Iterator[duckdb.DuckDBPyConnection]:
    """The main file read-write; on success it is checkpointed and published for readers
    (`publish=False`: only for a restore, which swaps the file under this lock)."""
    main = db_path(path)
    with _IN_PROCESS:
        _writing.add(main)  # from now on this process's readers keep to the published copy
        try:
            con = connect(main, read_only=False, wait=wait)
        except BaseException:
            _writing.discard(main)
            raise
        try:
            yield con
            con.execute("CHECKPOINT")
            if publish:
                snapshots.publish(main)
        finally:
            _writing.discard(main)
            con.close()


def database_file(con: duckdb.DuckDBPyConnection) -> Path | None:
    """The file an open connection works on (None in memory)."""
    row = con.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchone()
    return Path(row[0]) if row and row[0] else None


def in_transaction(con: duckdb.DuckDBPyConnection, work: Callable[[], T]) -> T:
    """`work()` in one transaction of `con`: committed when it returns, rolled back when it
    raises."""
    con.execute("BEGIN TRANSACTION")
    try:
        out = work()
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
    return out


def data_version(path: Path | None = None) -> str:
    """Changes whenever a load commits and when it is published: the key that invalidates
    cached query results."""
    return snapshots.version(db_path(path))
