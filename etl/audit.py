"""The audit trail: every write (a load, an undo, a name taught, a role given…) as one row of
`audit_log` with who, when, what, the unit and the uploads it touched.

`record` is called inside the write's own transaction, so the row and the write commit or fail
together. This module is the only writer of the table and it only ever INSERTs: the trail is
append-only (tests/etl/test_audit.py looks for any UPDATE or DELETE of it in the code).
"""

from __future__ import annotations

import getpass
from collections.abc import Iterable
from dataclasses import dataclass

import duckdb

# action -> what the Nhật ký page calls it
ACTIONS = {
    "load": "Nạp tệp",
    "undo": "Hoàn tác lần nạp",
    "alias_add": "Thêm tên gọi",
    "alias_remove": "Xóa tên gọi",
    "department_add": "Thêm phòng, đơn vị",
    "role_set": "Phân quyền",
    "role_remove": "Thu hồi quyền",
    "criteria_install": "Lấy tiêu chí PAR INDEX của năm",
    "criteria_propose": "Đề xuất liên kết nhiệm vụ – tiêu chí",
    "criteria_links": "Duyệt, sửa, thêm liên kết nhiệm vụ – tiêu chí",
    "evidence_add": "Thêm tài liệu kiểm chứng",
    "evidence_set": "Cập nhật tài liệu kiểm chứng",
    "units_load": "Nạp danh mục đơn vị",
    "restore": "Khôi phục từ bản sao lưu",
}
VIA = {"web": "Trang web", "cli": "Dòng lệnh"}


@dataclass(frozen=True)
class Actor:
    """Who writes: a person logged in on the web (name and login), the local administrator of
    a one-machine install, or a command run by an operating-system user (`--as NAME`)."""

    name: str
    login: str | None = None
    via: str = "cli"  # web | cli
    os_user: str | None = None

    def label(self) -> str:
        """'Nguyễn Văn A (dòng lệnh, root)' — the name with where it came from."""
        if self.via == "cli":
            extra = [p for p in ("dòng lệnh", self.os_user) if p]
            return f"{self.name} ({', '.join(extra)})"
        return self.name


def os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (a container without one): still recorded
        return "?"


def command_line(as_name: str | None = None) -> Actor:
    """The actor of a command: `--as NAME` when given, else the operating-system user; the OS
    user is recorded either way."""
    user = os_user()
    name = (as_name or "").strip() or user
    return Actor(name, via="cli", os_user=user)


def record(
    con: duckdb.DuckDBPyConnection,
    actor: Actor,
    action: str,
    *,
    unit: str | None = None,
    upload_ids: Iterable[int] = (),
    detail: str = "",
) -> None:
    """Append one row; call it inside the write's transaction."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    con.execute(
        "INSERT INTO audit_log (done_at, actor, login, via, os_user, action, unit, upload_ids, detail)"
        " VALUES (current_localtimestamp(), ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            actor.name or "?",
            actor.login,
            actor.via,
            actor.os_user,
            action,
            unit,
            [int(i) for i in upload_ids],
            detail,
        ],
    )
