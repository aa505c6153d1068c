"""What went wrong with the database file, said in Vietnamese: the cause, never a rollback's
echo of it, never a stack trace.

A write either committed or did not. Before the commit, the cause (disk full, read-only,
locked, damaged) is the answer; after it, the data is in and a failure (the checkpoint, the
journal, tidying the archive) is only a warning.
"""

from __future__ import annotations

import contextlib
import errno
import sys
import traceback

import duckdb

from cchc import db
from etl.errors import Problem, Rejected

DISK_FULL = "disk_full"
READ_ONLY = "read_only"
LOCKED = "locked"
DAMAGED = "damaged"
UNEXPECTED = "unexpected"

_CHECK = "python -m etl check"
_TEXT = {
    DISK_FULL: (
        "Ổ đĩa chứa cơ sở dữ liệu đã đầy",
        "giải phóng dung lượng (xóa tệp tạm, bản sao lưu cũ) rồi làm lại",
    ),
    READ_ONLY: (
        "Không ghi được vào cơ sở dữ liệu: tệp hoặc thư mục chỉ cho đọc (không có quyền ghi)",
        "kiểm tra quyền ghi của thư mục dữ liệu (hoặc ổ đĩa đang gắn chế độ chỉ đọc) rồi làm lại",
    ),
    DAMAGED: (
        "Tệp cơ sở dữ liệu bị hỏng",
        f"chạy {_CHECK} để xem chỗ hỏng; khôi phục bản sao lưu (python -m etl restore TỆP) hoặc "
        "dựng lại từ kho lưu trữ (python -m etl rebuild --from data/archive)",
    ),
}
_DAMAGE_WORDS = (
    "corrupt",
    "checksum",
    "not a valid duckdb",
    "invalid database",
    "malformed",
    "unexpected end of file",
    "serialization error",
    "failed to read database header",
)


class BackupFailed(Exception):
    """A backup or restore that did not happen; the message says why and what to do."""


def _errno(exc: BaseException) -> int | None:
    """The OS error number behind an exception, also when DuckDB only quotes the OS text."""
    if isinstance(exc, OSError) and exc.errno:
        return exc.errno
    text = str(exc).lower()
    if "no space left" in text or "disk is full" in text or "disk full" in text:
        return errno.ENOSPC
    if "read-only file system" in text:
        return errno.EROFS
    if "permission denied" in text:
        return errno.EACCES
    return None


def kind_of(exc: BaseException) -> str:
    """disk_full | read_only | locked | damaged | unexpected."""
    if isinstance(exc, db.DatabaseBusy):
        return LOCKED
    if isinstance(exc, BackupFailed):
        return kind_of(exc.__cause__) if exc.__cause__ is not None else UNEXPECTED
    number = _errno(exc)
    if number in (errno.ENOSPC, errno.EDQUOT):
        return DISK_FULL
    if number in (errno.EROFS, errno.EACCES, errno.EPERM):
        return READ_ONLY
    text = str(exc).lower()
    if isinstance(exc, duckdb.SerializationException) or any(w in text for w in _DAMAGE_WORDS):
        return DAMAGED
    return UNEXPECTED


def message(exc: BaseException) -> tuple[str, str]:
    """(what happened, how to fix it) in Vietnamese."""
    kind = kind_of(exc)
    if kind == LOCKED:
        return str(exc), "thử lại sau ít phút"
    if isinstance(exc, BackupFailed):  # already says what happened and what to do
        return str(exc).rstrip("."), "làm theo hướng dẫn trong thông báo"
    if kind in _TEXT:
        return _TEXT[kind]
    detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    return (
        f"Lỗi không mong đợi khi ghi cơ sở dữ liệu ({detail[:200]})",
        "báo cho quản trị hệ thống kèm thông báo này",
    )


def problem(exc: BaseException) -> Problem:
    """The cause of a write that did not commit: the database is as it was."""
    what, hint = message(exc)
    return Problem(
        message=f"{what}; cơ sở dữ liệu không thay đổi",
        hint=hint,
        code=kind_of(exc) if kind_of(exc) != UNEXPECTED else "",
    )


def after_commit(exc: BaseException, step: str) -> str:
    """The warning for a failure once the data is committed: it is in, and what to do."""
    what, hint = message(exc)
    return (
        f"Dữ liệu đã được ghi, nhưng bước {step} sau đó không thành công: {what}. "
        f"Cách sửa: {hint}; sau đó chạy {_CHECK}."
    )


def rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Undo an open transaction; its own failure (no transaction left, disk full) never
    replaces the error that led here."""
    with contextlib.suppress(Exception):  # the original error is the one to report
        con.execute("ROLLBACK")


def refused(exc: db.DatabaseBusy | db.DatabaseMissing | Rejected, headline: str) -> int:
    """A command that wrote nothing, said on stderr: the database's own message (busy,
    missing), or '✗ <headline>; cơ sở dữ liệu không thay đổi.' and each problem. Exit 1."""
    if isinstance(exc, Rejected):
        print(f"✗ {headline}; cơ sở dữ liệu không thay đổi.", file=sys.stderr)
        for p in exc.problems:
            print(f"  - {p}", file=sys.stderr)
    else:
        print(f"✗ {exc}", file=sys.stderr)
    return 1
