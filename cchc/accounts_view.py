"""The Người dùng and Nhật ký pages' tables, as an administrator reads them: roles with their
scope, and the audit trail with who, when, what, where and the uploads touched."""

from __future__ import annotations

import pandas as pd

from cchc.fmt import timestamp
from etl.audit import ACTIONS, VIA
from etl.roles import Grant


def grants(frame: pd.DataFrame) -> list[Grant]:
    """The rows of `audit_queries.user_roles` as grants."""
    return [Grant(*r) for r in frame.itertuples(index=False, name=None)]


def roles_frame(granted: list[Grant]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "E-mail / mã đăng nhập": [g.login for g in granted],
            "Họ tên": [g.name or "" for g in granted],
            "Vai trò": [g.label.split(" — ")[0] for g in granted],
            "Phạm vi": [g.scope for g in granted],
            "Người cấp": [g.added_by or "" for g in granted],
            "Thời điểm": [timestamp(g.added_at) for g in granted],
        }
    )


def _uploads(ids: object) -> str:
    if ids is None:
        return ""
    return ", ".join(f"#{int(i)}" for i in list(ids))


def trail_frame(trail: pd.DataFrame) -> pd.DataFrame:
    """The audit rows, newest first, in Vietnamese."""
    who = [
        actor + (f" ({login})" if isinstance(login, str) and login else "")
        for actor, login in zip(trail["actor"], trail["login"], strict=True)
    ]
    via = [
        VIA.get(v, v) + (f", {u}" if isinstance(u, str) and u else "")
        for v, u in zip(trail["via"], trail["os_user"], strict=True)
    ]
    return pd.DataFrame(
        {
            "Số": trail["audit_id"].astype(int),
            "Thời điểm": trail["done_at"].map(timestamp),
            "Người thực hiện": who,
            "Qua": via,
            "Việc": trail["action"].map(lambda a: ACTIONS.get(a, a)),
            "Đơn vị": trail["unit"].fillna(""),
            "Lần nạp liên quan": trail["upload_ids"].map(_uploads),
            "Chi tiết": trail["detail"].fillna(""),
        }
    )
