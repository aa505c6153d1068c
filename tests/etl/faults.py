"""Fault injection for the durability tests: a connection that fails at a chosen statement."""

from __future__ import annotations

import errno
from collections.abc import Callable

import duckdb
import pytest

from cchc import db

DISK_FULL = "Ổ đĩa chứa cơ sở dữ liệu đã đầy"
NO_ROLLBACK = "cannot rollback - no transaction is active"


def disk_full_os() -> OSError:
    return OSError(errno.ENOSPC, "No space left on device")


def disk_full_duckdb() -> duckdb.Error:
    return duckdb.IOException('IO Error: Could not write file "x.wal": No space left on device')


class FailingConnection:
    """Forwards to a real connection; the first statement starting with `prefix` raises, and
    so does every ROLLBACK when `rollback_fails` (as DuckDB does once a write failed)."""

    def __init__(self, con, prefix: str, error: BaseException, rollback_fails: bool) -> None:
        self._con, self._prefix, self._error = con, prefix, error
        self._rollback_fails = rollback_fails

    def execute(self, sql: str, *args):
        text = sql.strip().upper()
        if self._prefix and text.startswith(self._prefix):
            self._prefix = ""
            raise self._error
        if self._rollback_fails and text.startswith("ROLLBACK"):
            self._con.execute("ROLLBACK")  # the real state goes back; the caller sees an error
            raise duckdb.TransactionException(f"TransactionContext Error: {NO_ROLLBACK}")
        return self._con.execute(sql, *args)

    def __getattr__(self, name: str):
        return getattr(self._con, name)


def fail_at(
    monkeypatch: pytest.MonkeyPatch,
    prefix: str,
    error: BaseException,
    rollback_fails: bool = True,
) -> None:
    """Every read-write connection opened from now on fails at `prefix` (once)."""
    real: Callable = db.connect

    def connect(path, *, read_only: bool, wait: float):
        con = real(path, read_only=read_only, wait=wait)
        return con if read_only else FailingConnection(con, prefix, error, rollback_fails)

    monkeypatch.setattr(db, "connect", connect)
