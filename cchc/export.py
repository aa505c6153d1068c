"""Files the app writes for people to open in Excel. Text that Excel would take for a formula
('=HYPERLINK(…)', '+cmd', '-1+1', '@SUM') is written with a leading apostrophe-like guard so a
downloaded file can never run anything."""

from __future__ import annotations

import io

import pandas as pd

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


EXCEL_CELL_CHARS = 32_767  # the most text one Excel cell holds


def fit_cell(value: object) -> object:
    """Text longer than a cell holds is cut with a note saying so, never silently."""
    if not isinstance(value, str) or len(value) <= EXCEL_CELL_CHARS:
        return value
    size, limit = (f"{n:,}".replace(",", ".") for n in (len(value), EXCEL_CELL_CHARS))
    note = (
        f" … [đã cắt: văn bản dài {size} ký tự, một ô Excel chứa tối đa {limit} ký tự; xem "
        "đầy đủ trên bảng điều khiển]"
    )
    return value[: EXCEL_CELL_CHARS - len(note)] + note


def to_xlsx(df: pd.DataFrame, sheet: str = "Dữ liệu", title: str | None = None) -> bytes:
    """One sheet with a bold header, dates as dd/mm/yyyy, sensible widths, frozen header."""
    safe = df.map(lambda v: fit_cell(neutralise(v))) if len(df) else df
    buf = io.BytesIO()
    with pd.ExcelWriter(
        buf,
        engine="xlsxwriter",
        datetime_format="dd/mm/yyyy",
        date_format="dd/mm/yyyy",
        engine_kwargs={"options": {"strings_to_formulas": False, "strings_to_urls": False}},
    ) as writer:
        start = 2 if title else 0
        safe.to_excel(writer, sheet_name=sheet[:31], index=False, startrow=start)
        ws = writer.sheets[sheet[:31]]
        book = writer.book
        ws.set_default_row(18)
        if title:
            ws.write(0, 0, neutralise(title), book.add_format({"bold": True, "font_size": 13}))
        wrap = book.add_format({"text_wrap": True, "valign": "top"})
        for i, col in enumerate(safe.columns):
            longest = max([len(str(col))] + [len(str(v)) for v in safe[col].head(200)])
            ws.set_column(i, i, min(max(10, longest + 2), 60), wrap if longest > 60 else None)
        ws.freeze_panes(start + 1, 0)
        ws.autofilter(start, 0, start + len(safe), max(len(safe.columns) - 1, 0))
    return buf.getvalue()
