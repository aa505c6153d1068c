"""A copy of a rejected workbook with every problem cell highlighted and commented, so staff fix
the file in Excel and upload it again."""

from __future__ import annotations

import io
import zipfile

import openpyxl
from openpyxl.cell.cell import MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

from etl.errors import Problem

PROBLEM_FILL = PatternFill(start_color="FFC7CE", end_color="FFC7CE", fill_type="solid")


def annotated_copy(data: bytes, problems: list[Problem]) -> bytes | None:
    """The workbook with problem cells filled red and a comment saying what to fix; None when
    the file is not an .xlsx that can be opened (an .xls, a .csv, a broken file)."""
    located = [p for p in problems if p.sheet and p.row]
    if not located or not data.startswith(b"PK"):
        return None
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        return None
    for p in located:
        if p.sheet not in wb.sheetnames:
            continue
        cell = wb[p.sheet][f"{p.column or 'A'}{p.row}"]
        if isinstance(cell, MergedCell):  # inside a merged range: mark its top-left cell
            ws = wb[p.sheet]
            rng = next(r for r in ws.merged_cells.ranges if cell.coordinate in r)
            cell = ws.cell(rng.min_row, rng.min_col)
        cell.fill = PROBLEM_FILL
        text = p.message + (f"\nCách sửa: {p.hint}" if p.hint else "")
        if cell.comment is not None:
            text = f"{cell.comment.text}\n---\n{text}"
        cell.comment = Comment(text, "Kiểm tra dữ liệu CCHC", width=320, height=140)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
