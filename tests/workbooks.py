"""Tiny workbooks built in code for the tests, in the shapes ward staff produce."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

import openpyxl

Row = Sequence[object]

PLAN_TITLE: list[Row] = [
    ["PHỤ LỤC"],
    ["NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026"],
    ["(Kèm theo Kế hoạch số 12/KH-UBND ngày 15/01/2026 của UBND phường Võ Cường)"],
    [],
]
PLAN_HEADER: list[Row] = [
    [
        "STT",
        "Nội dung nhiệm vụ",
        "Phân công thực hiện",
        None,
        "Thời gian hoàn thành",
        "Sản phẩm",
        "Ghi chú",
    ],
    [None, None, "Cơ quan chủ trì", "Cơ quan phối hợp", None, None, None],
    ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"],
]
PLAN_MERGES = ["A5:A6", "B5:B6", "C5:D5", "E5:E6", "F5:F6", "G5:G6"]
PLAN_BODY: list[Row] = [
    ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH"],
    [
        "1",
        "Ban hành Kế hoạch CCHC năm 2026",
        "Phòng Văn hóa – Xã hội",
        "Các phòng, đơn vị",
        date(2026, 1, 31),
        "Kế hoạch",
        None,
    ],
    [
        "2",
        "Kiểm tra công tác CCHC tại các phòng, đơn vị",
        "P. VHXH",
        "VP HĐND-UBND",
        "Quý III/2026",
        "Báo cáo",
        None,
    ],
    ["II", "CẢI CÁCH THỂ CHẾ"],
    [
        "1",
        "Rà soát văn bản quy phạm pháp luật",
        "Văn phòng HĐND và UBND",
        "Phòng Kinh tế, Hạ tầng và Đô thị; Công an phường",
        "Thường xuyên",
        "Văn bản",
        None,
    ],
    ["III", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"],
    [
        "1",
        "Số hóa hồ sơ, kết quả giải quyết TTHC",
        "Trung tâm Phục vụ hành chính công",
        None,
        None,
        None,
        None,
    ],
    ["1.1", "Số hóa 100% hồ sơ tiếp nhận mới", None, "Công an phường", "Tháng 6/2026", None, None],
    [
        "1.2",
        "Số hóa kết quả giải quyết còn hiệu lực",
        "TTPVHCC",
        None,
        "Trước ngày 15/12/2026",
        None,
        None,
    ],
]
PLAN_FOOTER: list[Row] = [
    [],
    ["Nơi nhận:", None, None, None, "KT. CHỦ TỊCH"],
    [None, None, None, None, "PHÓ CHỦ TỊCH"],
]


def xlsx_bytes(
    sheets: dict[str, list[Row]],
    merges: dict[str, list[str]] | None = None,
    hidden_columns: dict[str, list[str]] | None = None,
) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    ws.cell(r, c, value)
        for rng in (merges or {}).get(name, []):
            ws.merge_cells(rng)
        for col in (hidden_columns or {}).get(name, []):
            ws.column_dimensions[col].hidden = True
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def plan_rows(body: list[Row] | None = None) -> list[Row]:
    return [*PLAN_TITLE, *PLAN_HEADER, *(PLAN_BODY if body is None else body), *PLAN_FOOTER]


def plan_xlsx(body: list[Row] | None = None) -> bytes:
    return xlsx_bytes(
        {"Ghi chú": [["Bản dự thảo"]], "Phụ lục": plan_rows(body)}, merges={"Phụ lục": PLAN_MERGES}
    )


REPORT_HEADER: Row = [
    "STT",
    "Nhiệm vụ",
    "Đơn vị chủ trì",
    "Thời hạn",
    "Tình trạng",
    "Tỷ lệ (%)",
    "Sản phẩm/Minh chứng",
    "Khó khăn, vướng mắc",
    "Ghi chú",
]


def report_xlsx(
    rows: list[Row],
    *,
    period_text: str = "Quý I năm 2026",
    department: str = "Phòng Văn hóa – Xã hội",
    day: str = "ngày 16 tháng 3 năm 2026",
) -> bytes:
    title: list[Row] = [
        ["UBND PHƯỜNG VÕ CƯỜNG"],
        [department.upper()],
        ["BÁO CÁO"],
        [f"Tiến độ thực hiện nhiệm vụ cải cách hành chính {period_text}"],
        [f"Đơn vị báo cáo: {department}"],
        [f"Võ Cường, {day}"],
        [],
    ]
    return xlsx_bytes(
        {
            "Báo cáo": [
                *title,
                REPORT_HEADER,
                *rows,
                [],
                ["Người lập biểu", None, "THỦ TRƯỞNG ĐƠN VỊ"],
            ]
        }
    )
