"""The upload history as people read it: an upload is named by its number with the file, the
time and the person ('lần nạp #21 · bao-cao-q4.xlsx · 20/11/2026 09:15 · Nguyễn Văn A'), never
by a bare id."""

from __future__ import annotations

import pandas as pd

from cchc.periods import period_label
from cchc.vocab import ALL_DEPARTMENTS, KINDS, department_name

STATUS = {"loaded": "Đang dùng", "superseded": "Đã được thay thế", "rolled_back": "Đã hoàn tác"}


def _when(value: object) -> str:
    if value is None or pd.isna(value):
        return ""
    return pd.Timestamp(value).strftime("%d/%m/%Y %H:%M")


def label(row: pd.Series | dict, upload_id: int | None = None) -> str:
    """'lần nạp #N · tệp · dd/mm/yyyy HH:MM · người nạp' for one row of `queries.uploads`
    (the parts the row does not have are left out)."""
    number = upload_id if upload_id is not None else row["upload_id"]
    who = row.get("uploaded_by")
    parts = [
        f"lần nạp #{int(number)}",
        str(row.get("file_name") or ""),
        _when(row.get("uploaded_at")),
        who if isinstance(who, str) else "",
    ]
    return " · ".join(p for p in parts if p)


def label_of(table: pd.DataFrame, upload_id: int) -> str:
    """`label` of an upload looked up in the table of uploads; just 'lần nạp #N' when absent."""
    rows = table[table["upload_id"] == upload_id]
    if rows.empty:
        return f"lần nạp #{int(upload_id)}"
    return label(rows.iloc[0])


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
            "Lần nạp": table["upload_id"].map(lambda i: f"#{int(i)}"),
            "Tệp": table["file_name"],
            "Loại": table["kind"].map(KINDS),
            "Đơn vị": table["unit"],
            "Phạm vi": table.apply(_covers, axis=1) if len(table) else [],
            "Số dòng": table["rows"],
            "Thời điểm": table["uploaded_at"].map(_when),
            "Người tải lên": table["uploaded_by"].fillna(""),
            "Trạng thái": table["status"].map(STATUS)
            + table["superseded_by"].map(
                lambda s: "" if pd.isna(s) else f" (bởi lần nạp #{int(s)})"
            ),
        }
    )


def describe(table: pd.DataFrame, upload_id: int) -> str:
    """The choice in the history's picker: the upload's label and its state."""
    row = table[table["upload_id"] == upload_id].iloc[0]
    text = label(row)
    return text[0].upper() + text[1:] + f" — {STATUS[row['status']]}"
