"""The upload history as people read it."""

from __future__ import annotations

import pandas as pd

from cchc import fmt
from cchc.periods import period_label
from cchc.vocab import ALL_DEPARTMENTS, KINDS, department_name

STATUS = {"loaded": "Đang dùng", "superseded": "Đã được thay thế", "rolled_back": "Đã hoàn tác"}


def _covers(row: pd.Series) -> str:
    parts = []
    if isinstance(row["period"], str):
        parts.append(period_label(row["period"]))
    elif not pd.isna(row["plan_year"]):
        parts.append(f"Năm {int(row['plan_year'])}")
    if isinstance(row["department"], str):
        code = row["department"]
        unit = row["unit"] if isinstance(row.get("unit"), str) else None
        if code == ALL_DEPARTMENTS:
            parts.append("Tổng hợp các phòng")
        else:
            parts.append(department_name(code, unit))
    return ", ".join(parts)


def display(table: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Số": table["upload_id"],
            "Tệp": table["file_name"],
            "Loại": table["kind"].map(KINDS),
            "Đơn vị": table["unit"],
            "Phạm vi": table.apply(_covers, axis=1) if len(table) else [],
            "Số dòng": table["rows"],
            "Thời điểm": table["uploaded_at"].map(fmt.timestamp),
            "Người tải lên": table["uploaded_by"].fillna(""),
            "Trạng thái": table["status"].map(STATUS)
            + table["superseded_by"].map(lambda s: "" if pd.isna(s) else f" (bởi số {int(s)})"),
        }
    )


def describe(table: pd.DataFrame, upload_id: int) -> str:
    row = table.set_index("upload_id").loc[upload_id]
    return f"Số {upload_id} — {row['file_name']} — {STATUS[row['status']]}"
