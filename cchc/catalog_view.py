"""The Danh mục page's tables: a unit's departments (standard and added) and the names learned
for them, as a clerk reads them."""

from __future__ import annotations

import pandas as pd

from cchc.departments import standard_departments, unit_key
from cchc.fmt import timestamp

EVERY_UNIT = "mọi đơn vị"


def departments_frame(unit: str, added: pd.DataFrame) -> pd.DataFrame:
    """The unit's departments: its standard structure, then any added or renamed one."""
    rows = {
        d.code: [d.code, d.name, d.short, "Cơ cấu chuẩn", "", ""]
        for d in standard_departments(unit)
    }
    for r in added.itertuples(index=False):
        rows[r.code] = [
            r.code,
            r.name,
            r.short_name or "",
            "Thêm cho đơn vị" if r.code not in rows else "Đổi tên",
            r.added_by or "",
            timestamp(r.added_at),
        ]
    return pd.DataFrame(
        rows.values(), columns=["Mã", "Tên", "Tên ngắn", "Nguồn", "Người thêm", "Thời điểm"]
    )


def aliases_frame(unit: str, aliases: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """The names learned for the unit's departments (its own, and those for every unit)."""
    mine = aliases[(aliases["unit"] == "") | (aliases["unit"].map(unit_key) == unit_key(unit))]
    return pd.DataFrame(
        {
            "Tên gọi trong tệp": mine["alias"],
            "Mã": mine["code"],
            "Phòng, đơn vị": mine["code"].map(lambda c: names.get(c, c)),
            "Áp dụng cho": mine["unit"].map(lambda u: u or EVERY_UNIT),
            "Người thêm": mine["added_by"].fillna(""),
            "Thời điểm": mine["added_at"].map(timestamp),
        }
    ).reset_index(drop=True)
