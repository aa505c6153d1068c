"""The task list behind the 'Nhiệm vụ' page: filtering and the Vietnamese display frame."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from cchc import fmt
from cchc.periods import period_label
from cchc.text import fold
from cchc.vocab import AREA_SHORT, DEPARTMENT_SHORT, REPORTED_STATUSES, STATUSES

COLUMNS = {
    "code": "Mã",
    "title": "Nhiệm vụ",
    "area": "Lĩnh vực",
    "lead": "Chủ trì",
    "support": "Phối hợp",
    "deadline": "Thời hạn",
    "deadline_text": "Thời hạn (như kế hoạch ghi)",
    "status": "Trạng thái",
    "latest_report": "Báo cáo gần nhất",
    "evidence": "Sản phẩm/Minh chứng",
}


@dataclass(frozen=True)
class TaskFilter:
    areas: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()  # lead or support
    statuses: tuple[str, ...] = ()
    deadline_from: date | None = None
    deadline_to: date | None = None
    text: str = ""


def apply(df: pd.DataFrame, f: TaskFilter) -> pd.DataFrame:
    keep = pd.Series(True, index=df.index)
    if f.areas:
        keep &= df["area"].isin(f.areas)
    if f.departments:
        wanted = set(f.departments)
        keep &= df["lead_department"].isin(wanted) | df["support_departments"].map(
            lambda s: bool(wanted & set(s if s is not None else ())))
    if f.statuses:
        keep &= df["status"].isin(f.statuses)
    deadline = pd.to_datetime(df["deadline"]).dt.date
    if f.deadline_from:
        keep &= deadline.notna() & (deadline >= f.deadline_from)
    if f.deadline_to:
        keep &= deadline.notna() & (deadline <= f.deadline_to)
    if f.text.strip():
        needle = fold(f.text)
        haystack = (df["code"].astype(str) + " " + df["title"].astype(str)).map(fold)
        keep &= haystack.str.contains(needle, regex=False)
    return df[keep]


def _latest_report(row: pd.Series) -> str:
    if not isinstance(row["report_period"], str):
        return "Chưa có báo cáo"
    text = f"{period_label(row['report_period'])}: {REPORTED_STATUSES[row['reported_status']]}"
    if row["percent"] == row["percent"] and row["percent"] is not None:
        text += f" ({fmt.number(row['percent'])}%)"
    return text


def display(df: pd.DataFrame) -> pd.DataFrame:
    """Vietnamese columns for the table and the Excel download."""
    out = pd.DataFrame({
        "code": df["code"],
        "title": df["title"],
        "area": df["area"].map(AREA_SHORT),
        "lead": df["lead_department"].map(DEPARTMENT_SHORT).fillna(df["lead_department"]),
        "support": df["support_departments"].map(
            lambda s: ", ".join(DEPARTMENT_SHORT.get(d, d) for d in (s if s is not None else ()))),
        "deadline": pd.to_datetime(df["deadline"]),
        "deadline_text": df["deadline_text"],
        "status": df["status"].map(STATUSES),
        "latest_report": df.apply(_latest_report, axis=1) if len(df) else pd.Series(dtype=str),
        "evidence": df["evidence"].fillna(""),
    })
    return out.rename(columns=COLUMNS)
