"""The Toàn tỉnh ranking as shown: a unit whose missing reports are unknown (NA, e.g. a plan
whose departments the report calendar does not know) shows an empty cell, not a failed page."""

from __future__ import annotations

from datetime import date

import pandas as pd

from cchc import province_view
from cchc.filters import Filters


def ranked(missing_departments: list[object]) -> pd.DataFrame:
    n = len(missing_departments)
    return pd.DataFrame(
        {
            "rank": [1, 2, 3][:n],
            "unit": ["Phường A", "Xã B", "Xã C"][:n],
            "level": ["phuong", "xa", "xa"][:n],
            "rate": [0.5, 0.4, 0.3][:n],
            "done": [5, 4, 3][:n],
            "with_deadline": [10] * n,
            "overdue": [1] * n,
            "due_30": [0] * n,
            "missing": pd.array([1, None, 0][:n], dtype="Int64").fillna(0),
            "missing_departments": missing_departments,
            "par": [90.0] * n,
            "par_rank": [1] * n,
            "par_of": [3] * n,
            "par_change": [1.5] * n,
            "sipas": [95.0] * n,
            "sipas_rank": [1] * n,
            "sipas_of": [3] * n,
            "sipas_change": [-0.5] * n,
        }
    )


def test_unknown_missing_reports_show_an_empty_cell():
    filters = Filters("Phường A", 2026, "today", date(2026, 11, 26), date(2026, 9, 30))
    shown = province_view.table(ranked([["VHXH"], pd.NA, None]), filters, "Quý III/2026")
    assert list(shown["Phòng chưa báo cáo Quý III/2026"]) == ["P. Văn hóa – Xã hội", "", ""]
    assert list(shown["PAR INDEX so với kỳ trước"]) == ["+1,50"] * 3


def test_only_the_selected_units_row_is_tinted_and_numbers_read_vietnamese():
    filters = Filters("Xã B", 2026, "today", date(2026, 11, 26), date(2026, 9, 30))
    shown = province_view.table(ranked([[], [], []]), filters, "Quý III/2026")
    html = province_view.styled(shown, "Xã B").to_html()
    assert html.count("#E3F2FD") == 1  # one rule, for the cells of Xã B's row only
    styled = province_view.styled(shown, "Xã B")
    styled._compute()
    rows = {r for (r, _c), css in styled.ctx.items() if css}
    assert rows == {1}
    assert "40,0" in html and "90,00" in html


def test_the_sidebar_groups_every_offered_unit_by_its_province():
    from cchc import ui

    units = ["Phường A", "Xã B", "Xã C", "Xã Lạ"]  # Xã Lạ: in no registry
    provinces = {"Phường A": "Hà Nội", "Xã B": "Bắc Ninh", "Xã C": "Hà Nội", "Xã D": "Huế"}
    grouped = ui._by_province(units, provinces)
    assert grouped == {"Bắc Ninh": ["Xã B"], "Hà Nội": ["Phường A", "Xã C"], None: ["Xã Lạ"]}
    assert list(grouped) == ["Bắc Ninh", "Hà Nội", None]
