"""Blank templates staff fill in by hand: the header the importers expect, an instructions
sheet, drop-down lists for departments, statuses and areas, and checks on percents and dates.
A template filled in by hand loads without errors (tested)."""

from __future__ import annotations

import io

import openpyxl
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.datavalidation import DataValidation

from cchc.vocab import AREAS, DEPARTMENTS, PLAN_AREAS, REPORTED_STATUSES

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII"]
HEADER_FILL = PatternFill(start_color="DDEBF7", end_color="DDEBF7", fill_type="solid")
THIN = Side(style="thin", color="999999")

PLAN_COLUMNS = [
    ("STT", 7),
    ("Nội dung nhiệm vụ", 60),
    ("Cơ quan chủ trì", 30),
    ("Cơ quan phối hợp", 30),
    ("Thời gian hoàn thành", 20),
    ("Sản phẩm", 18),
    ("Ghi chú", 18),
]
REPORT_COLUMNS = [
    ("STT", 7),
    ("Nhiệm vụ", 60),
    ("Đơn vị chủ trì", 30),
    ("Thời hạn", 16),
    ("Tình trạng", 18),
    ("Tỷ lệ (%)", 10),
    ("Sản phẩm/Minh chứng", 30),
    ("Khó khăn, vướng mắc", 30),
    ("Ghi chú", 18),
]

PLAN_HELP = [
    "HƯỚNG DẪN ĐIỀN PHỤ LỤC KẾ HOẠCH CCHC",
    "1. Mỗi lĩnh vực là một dòng mục: cột STT ghi số La Mã (I, II…), cột Nội dung ghi tên "
    "lĩnh vực (đã điền sẵn, có thể xóa lĩnh vực không dùng).",
    "2. Mỗi nhiệm vụ một dòng: STT 1, 2, 3… (đánh lại từ 1 trong mỗi lĩnh vực); nhiệm vụ con "
    "ghi 1.1, 1.2 hoặc a), b).",
    "3. Cơ quan chủ trì: chọn trong danh sách. Cơ quan phối hợp: ghi một hoặc nhiều đơn vị, "
    "cách nhau bằng dấu phẩy; 'Các phòng, đơn vị' nghĩa là tất cả.",
    "4. Thời gian hoàn thành: một ngày (30/06/2026), hoặc 'Quý II/2026', 'Tháng 6/2026', "
    "'Trước ngày 15/12/2026', 'Năm 2026', 'Thường xuyên'.",
    "5. Không đổi tên các cột của dòng tiêu đề; có thể thêm dòng tiêu đề, chữ ký phía trên "
    "hoặc phía dưới bảng.",
]
REPORT_HELP = [
    "HƯỚNG DẪN ĐIỀN BÁO CÁO TIẾN ĐỘ",
    "1. Sửa dòng 'Tiến độ thực hiện… Quý … năm …' cho đúng kỳ báo cáo (Quý I, 6 tháng đầu năm, "
    "Quý III, năm) và dòng 'Đơn vị báo cáo'.",
    "2. Mỗi nhiệm vụ một dòng; tên nhiệm vụ ghi như trong phụ lục kế hoạch (có thể chép từ "
    "phụ lục).",
    "3. Tình trạng: chọn trong danh sách. Tỷ lệ: số từ 0 đến 100; 100 nghĩa là đã hoàn thành.",
]


def _sheet_with_header(ws, title_rows: list[str], columns: list[tuple[str, int]]) -> int:
    for i, text in enumerate(title_rows, start=1):
        ws.cell(i, 1, text).font = Font(bold=i <= 2, size=12 if i <= 2 else 11)
    header_row = len(title_rows) + 2
    for c, (name, width) in enumerate(columns, start=1):
        cell = ws.cell(header_row, c, name)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = Border(top=THIN, bottom=THIN, left=THIN, right=THIN)
        ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width = width
    ws.freeze_panes = ws.cell(header_row + 1, 1)
    return header_row


def _lists_sheet(wb) -> None:
    ws = wb.create_sheet("Danh mục")
    ws.append(["Phòng, đơn vị", "Tình trạng", "Lĩnh vực"])
    depts, statuses, areas = (
        list(DEPARTMENTS.values()),
        list(REPORTED_STATUSES.values()),
        [AREAS[a] for a in PLAN_AREAS],
    )
    for i in range(max(len(depts), len(statuses), len(areas))):
        ws.append(
            [
                depts[i] if i < len(depts) else None,
                statuses[i] if i < len(statuses) else None,
                areas[i] if i < len(areas) else None,
            ]
        )
    ws.sheet_state = "hidden"


def _list_validation(ws, column: str, source: str, first: int, last: int, allow_other: bool):
    dv = DataValidation(
        type="list",
        formula1=source,
        allow_blank=True,
        showErrorMessage=not allow_other,
        errorTitle="Giá trị không có trong danh sách",
        error="Hãy chọn một giá trị trong danh sách.",
    )
    dv.add(f"{column}{first}:{column}{last}")
    ws.add_data_validation(dv)


def plan_template(year: int, unit: str = "phường Võ Cường") -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Phụ lục"
    header = _sheet_with_header(
        ws,
        [
            "PHỤ LỤC",
            f"NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM {year}",
            f"(Kèm theo Kế hoạch số …/KH-UBND của UBND {unit})",
        ],
        PLAN_COLUMNS,
    )
    row = header + 1
    for roman, area in zip(ROMAN, PLAN_AREAS, strict=True):
        ws.cell(row, 1, roman).font = Font(bold=True)
        ws.cell(row, 2, AREAS[area].upper()).font = Font(bold=True)
        row += 4  # room for tasks
    last = row + 200
    n = len(DEPARTMENTS)
    _list_validation(ws, "C", f"'Danh mục'!$A$2:$A${n + 1}", header + 1, last, allow_other=True)
    _lists_sheet(wb)
    _help_sheet(wb, PLAN_HELP)
    return _save(wb)


def report_template(year: int, unit: str = "PHƯỜNG VÕ CƯỜNG") -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Báo cáo"
    header = _sheet_with_header(
        ws,
        [
            f"UBND {unit}",
            "BÁO CÁO",
            f"Tiến độ thực hiện nhiệm vụ cải cách hành chính Quý … năm {year}",
            "Đơn vị báo cáo: ",
            f"Võ Cường, ngày … tháng … năm {year}",
        ],
        REPORT_COLUMNS,
    )
    last = header + 300
    n = len(DEPARTMENTS)
    _list_validation(ws, "C", f"'Danh mục'!$A$2:$A${n + 1}", header + 1, last, allow_other=True)
    _list_validation(
        ws,
        "E",
        f"'Danh mục'!$B$2:$B${len(REPORTED_STATUSES) + 1}",
        header + 1,
        last,
        allow_other=False,
    )
    pct = DataValidation(
        type="decimal",
        operator="between",
        formula1="0",
        formula2="100",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Tỷ lệ không hợp lệ",
        error="Tỷ lệ là số từ 0 đến 100.",
    )
    pct.add(f"F{header + 1}:F{last}")
    ws.add_data_validation(pct)
    _lists_sheet(wb)
    _help_sheet(wb, REPORT_HELP)
    return _save(wb)


def _help_sheet(wb, lines: list[str]) -> None:
    ws = wb.create_sheet("Hướng dẫn", 0)
    ws.column_dimensions["A"].width = 110
    for i, text in enumerate(lines, start=1):
        cell = ws.cell(i, 1, text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.font = Font(bold=i == 1)


def _save(wb) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
