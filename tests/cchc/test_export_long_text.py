"""Text over Excel's 32,767 characters per cell is cut with a visible note, never silently
(#16, finding 6)."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd

from cchc import export


def test_text_over_excels_limit_is_flagged_in_the_cell() -> None:
    long = "Kết quả " * 5000  # 40.000 characters
    data = export.to_xlsx(pd.DataFrame({"Ghi chú": [long, "ngắn"]}))
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    cell = ws.cell(2, 1).value
    assert len(cell) == export.EXCEL_CELL_CHARS
    assert cell.startswith("Kết quả Kết quả")
    assert cell.endswith(
        "… [đã cắt: văn bản dài 40.000 ký tự, một ô Excel chứa tối đa 32.767 ký tự; xem đầy đủ "
        "trên bảng điều khiển]"
    )
    assert ws.cell(3, 1).value == "ngắn"
