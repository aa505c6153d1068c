"""Writes data/samples/: a demo report with three planted mistakes, for trying the upload page
(download it back with the mistakes marked, fix them in a spreadsheet program, upload, undo).

    .venv/bin/python scripts/make_samples.py
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "data" / "demo" / "bao-cao-q3-2026-vhxh.xlsx"
TARGET = ROOT / "data" / "samples" / "bao-cao-q3-2026-vhxh-3-loi.xlsx"


def main() -> None:
    wb = openpyxl.load_workbook(SOURCE)
    ws = wb["Báo cáo"]
    header = next(r for r in range(1, 20) if ws.cell(r, 1).value == "STT")
    first, second, third = header + 2, header + 4, header + 6
    ws.cell(first, 6).value = 150  # Tỷ lệ (%) over 100
    ws.cell(second, 5).value = "Xong rồi"  # a status the importer does not know
    ws.cell(third, 2).value = "Tổ chức hội thi tìm hiểu về cải cách hành chính cho đoàn viên"
    # (a task that is not in the plan)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    wb.save(TARGET)
    print(f"wrote {TARGET.relative_to(ROOT)} (mistakes on rows {first}, {second}, {third})")


if __name__ == "__main__":
    main()
