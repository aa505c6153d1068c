"""Write the real-shape corpus in tests/data/real-shapes/: small workbooks laid out the way other
ward and commune offices write them, and expected.json, the hand-written reading of each case.

Every case is one or more files loaded in order, in one CLI call, into a fresh database. The
expectations are what a careful person reading the file would count, not what today's reader
does; tests/etl/test_real_shapes.py checks them through the public views.

Plan rows carry their expected reading beside them (`T(row, code, area, lead, support,
deadline)`), so the counts in expected.json are tallied from those hand-written readings.

Deterministic: no randomness, fixed workbook timestamps. The .xls files are converted from an
.xlsx with LibreOffice (`soffice`), only when asked (`--xls`, the default for the script), and
committed, so tests never need LibreOffice.

    python scripts/make_real_shapes.py [--out DIR] [--no-xls]
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import subprocess
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "tests" / "data" / "real-shapes"
FIXED_TIME = datetime(2026, 1, 5, 8, 0, 0)

# Areas
D = "direction"
INS = "institutions"
PRO = "procedures"
APP = "apparatus"
CS = "civil_service"
PF = "public_finance"
DG = "digital"

VC = "Phường Võ Cường"
KB = "Phường Kinh Bắc"
TC = "Xã Tân Chi"
DC = "Xã Đông Cứu"

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO2 = "Độc lập - Tự do - Hạnh phúc"
NR = ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"]
SIGN = [
    [],
    ["Nơi nhận:", None, None, None, "KT. CHỦ TỊCH"],
    ["- UBND tỉnh (b/c);", None, None, None, "PHÓ CHỦ TỊCH"],
    ["- Các phòng, đơn vị;", None, None, None, None],
    ["- Lưu: VT, VHXH.", None, None, None, "(đã ký)"],
]


@dataclass(frozen=True)
class F:
    """A cell value with an Excel number format."""

    value: object
    fmt: str


@dataclass
class T:
    """A plan task row and its expected reading (code, area, lead, support, deadline ISO)."""

    row: list
    code: str
    area: str
    lead: str
    support: list[str] | None
    deadline: str | None


@dataclass
class Sheet:
    name: str
    rows: list
    merges: list[str] = field(default_factory=list)
    hidden_columns: list[str] = field(default_factory=list)
    state: str = "visible"


def raw(row: object) -> list:
    return row.row if isinstance(row, T) else list(row)  # type: ignore[arg-type]


def tasks_in(sheets: list[Sheet]) -> list[T]:
    return [r for s in sheets for r in s.rows if isinstance(r, T)]


def tasks_expect(unit: str, year: int, tasks: list[T]) -> dict:
    codes = [t.code for t in tasks]
    assert len(codes) == len(set(codes)), codes
    return {
        "unit": unit,
        "plan_year": year,
        "count": len(tasks),
        "by_area": dict(sorted(Counter(t.area for t in tasks).items())),
        "by_lead": dict(sorted(Counter(t.lead for t in tasks).items())),
        "deadlines": {t.code: t.deadline for t in tasks},
        "support": {t.code: sorted(t.support) for t in tasks if t.support is not None},
    }


def header_merges(top: int, spec: list[str]) -> list[str]:
    """Merges given as 'A{0}:A{1}' templates, {0} the first header row, {1} the second."""
    return [m.format(top, top + 1) for m in spec]


class Builder:
    def __init__(self, out: Path, xls: bool) -> None:
        self.out = out
        self.xls = xls
        self.cases: list[dict] = []
        self.written: list[str] = []

    # --- writers -------------------------------------------------------------------------
    def workbook(self, sheets: list[Sheet]) -> openpyxl.Workbook:
        wb = openpyxl.Workbook()
        wb.remove(wb.active)
        for s in sheets:
            ws = wb.create_sheet(s.name)
            width = 0
            for r, row in enumerate(s.rows, start=1):
                values = raw(row)
                width = max(width, len(values))
                for c, value in enumerate(values, start=1):
                    if value is None:
                        continue
                    cell = ws.cell(r, c)
                    if isinstance(value, F):
                        cell.value = value.value
                        cell.number_format = value.fmt
                    else:
                        cell.value = value
                        if isinstance(value, date):
                            cell.number_format = "dd/mm/yyyy"
                    if isinstance(cell.value, str) and "\n" in cell.value:
                        cell.alignment = Alignment(wrap_text=True, vertical="top")
            for rng in s.merges:
                ws.merge_cells(rng)
            ws.column_dimensions["B"].width = 48
            for col in s.hidden_columns:
                ws.column_dimensions[col].hidden = True
            ws.sheet_state = s.state
        wb.properties.creator = "Văn phòng HĐND và UBND"
        wb.properties.lastModifiedBy = "Văn phòng HĐND và UBND"
        wb.properties.created = FIXED_TIME
        wb.properties.modified = FIXED_TIME
        return wb

    def xlsx(self, name: str, sheets: list[Sheet]) -> str:
        self.workbook(sheets).save(self.out / name)
        self.written.append(name)
        return name

    def xls_file(self, name: str, sheets: list[Sheet]) -> str:
        """An .xls converted by LibreOffice from the same sheets (committed; skipped without --xls)."""
        assert name.endswith(".xls")
        self.written.append(name)
        if not self.xls:
            return name
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / (name[:-4] + ".xlsx")
            self.workbook(sheets).save(src)
            profile = Path(tmp) / "profile"
            subprocess.run(
                [
                    "soffice",
                    f"-env:UserInstallation=file://{profile}",
                    "--headless",
                    "--convert-to",
                    "xls",
                    "--outdir",
                    str(self.out),
                    str(src),
                ],
                check=True,
                capture_output=True,
                timeout=180,
            )
        assert (self.out / name).exists(), name
        return name

    def csv_file(self, name: str, rows: list) -> str:
        """Excel's "CSV UTF-8 (comma delimited)": a byte-order mark, rows padded to the width."""
        values = [raw(r) for r in rows]
        width = max(len(v) for v in values)
        with open(self.out / name, "w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh, lineterminator="\r\n")
            for v in values:
                w.writerow([_csv_cell(x) for x in v] + [""] * (width - len(v)))
        self.written.append(name)
        return name

    def case(
        self, id: str, files: list[str], status: list[str], note: str, **expect: object
    ) -> None:
        assert len(files) == len(status), id
        case: dict = {"id": id, "note": note, "files": files, "args": [], "status": status}
        case.update(expect)
        self.cases.append(case)


def _csv_cell(x: object) -> str:
    if x is None:
        return ""
    if isinstance(x, F):
        x = x.value
    if isinstance(x, date):
        return x.strftime("%d/%m/%Y")
    return str(x)


CASES: list[Callable[[Builder], None]] = []


def case(fn: Callable[[Builder], None]) -> Callable[[Builder], None]:
    CASES.append(fn)
    return fn


def std_header(top: int) -> tuple[list[list], list[str]]:
    """The two-row merged header most appendices use, with the (1) (2) … row under it."""
    rows = [
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
        NR,
    ]
    merges = header_merges(
        top, ["A{0}:A{1}", "B{0}:B{1}", "C{0}:D{0}", "E{0}:E{1}", "F{0}:F{1}", "G{0}:G{1}"]
    )
    return rows, merges


def appendix_title(unit_upper: str, unit_of: str, number: str, year: int = 2026) -> list[list]:
    return [
        [unit_upper, None, None, MOTTO],
        [None, None, None, MOTTO2],
        [],
        ["PHỤ LỤC"],
        [f"NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM {year}"],
        [f"(Kèm theo Kế hoạch số {number} của {unit_of})"],
        [],
    ]


def std_plan(title: list[list], body: list, footer: list | None = None) -> Sheet:
    top = len(title) + 1
    header, merges = std_header(top)
    rows = [*title, *header, *body, *(SIGN if footer is None else footer)]
    return Sheet("Phụ lục", rows, merges)


# =========================================================================================
# Shared plans (used by the report cases)
# =========================================================================================

PLAN_VC_FILE = "ke-hoach-cchc-2026-phuong-vo-cuong.xlsx"


def plan_vo_cuong() -> list[Sheet]:
    title = appendix_title(
        "UBND PHƯỜNG VÕ CƯỜNG", "UBND phường Võ Cường", "12/KH-UBND ngày 15/01/2026"
    )
    body = [
        ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH"],
        T(
            [
                "1",
                "Ban hành Kế hoạch CCHC năm 2026",
                "Phòng Văn hóa – Xã hội",
                "Văn phòng HĐND và UBND",
                date(2026, 1, 31),
                "Kế hoạch",
            ],
            "I.1",
            D,
            "VHXH",
            ["VP"],
            "2026-01-31",
        ),
        T(
            [
                "2",
                "Kiểm tra công tác CCHC tại các phòng, đơn vị",
                "Phòng Văn hóa – Xã hội",
                "Văn phòng HĐND và UBND",
                "Quý III/2026",
                "Báo cáo",
            ],
            "I.2",
            D,
            "VHXH",
            ["VP"],
            "2026-09-30",
        ),
        T(
            [
                "3",
                "Tuyên truyền về CCHC trên Trang thông tin điện tử phường",
                "Phòng Văn hóa – Xã hội",
                "Trung tâm Cung ứng dịch vụ sự nghiệp công",
                "Thường xuyên",
                "Tin, bài",
            ],
            "I.3",
            D,
            "VHXH",
            ["TTCU"],
            None,
        ),
        ["II", "CẢI CÁCH THỂ CHẾ"],
        T(
            [
                "1",
                "Rà soát văn bản quy phạm pháp luật do HĐND, UBND phường ban hành",
                "Văn phòng HĐND và UBND",
                "Phòng Kinh tế, Hạ tầng và Đô thị",
                "Quý II/2026",
                "Báo cáo",
            ],
            "II.1",
            INS,
            "VP",
            ["KTHTDT"],
            "2026-06-30",
        ),
        ["III", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"],
        T(
            [
                "1",
                "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
                "Trung tâm Phục vụ hành chính công",
                "Công an phường",
                "Tháng 6/2026",
                "Hồ sơ được số hóa",
            ],
            "III.1",
            PRO,
            "TTPVHCC",
            ["CAP"],
            "2026-06-30",
        ),
        T(
            [
                "2",
                "Khảo sát sự hài lòng của người dân, tổ chức",
                "Phòng Văn hóa – Xã hội",
                "Trung tâm Phục vụ hành chính công",
                "Quý IV/2026",
                "Kết quả khảo sát",
            ],
            "III.2",
            PRO,
            "VHXH",
            ["TTPVHCC"],
            "2026-12-31",
        ),
        ["IV", "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ"],
        T(
            [
                "1",
                "Đánh giá, xếp loại cán bộ, công chức năm 2026",
                "Văn phòng HĐND và UBND",
                None,
                "Tháng 12/2026",
                "Quyết định",
            ],
            "IV.1",
            CS,
            "VP",
            [],
            "2026-12-31",
        ),
        ["V", "CHUYỂN ĐỔI SỐ"],
        T(
            [
                "1",
                "Vận hành Trang thông tin điện tử phường",
                "Phòng Văn hóa – Xã hội",
                "Văn phòng HĐND và UBND",
                "Cả năm",
                "Trang thông tin",
            ],
            "V.1",
            DG,
            "VHXH",
            ["VP"],
            "2026-12-31",
        ),
        T(
            [
                "2",
                "Thanh toán trực tuyến phí, lệ phí thủ tục hành chính",
                "Trung tâm Phục vụ hành chính công",
                "Công an phường",
                "Trước ngày 15/12/2026",
                "Báo cáo",
            ],
            "V.2",
            DG,
            "TTPVHCC",
            ["CAP"],
            "2026-12-15",
        ),
    ]
    return [Sheet("Ghi chú", [["Bản chính thức, đã ký ngày 15/01/2026"]]), std_plan(title, body)]


PLAN_TC_FILE = "ke-hoach-cchc-2026-xa-tan-chi.xlsx"


def plan_tan_chi() -> list[Sheet]:
    """Commune plan: the commune's own department names, one-row header, no column numbers."""
    title = [
        ["UBND XÃ TÂN CHI", None, None, MOTTO],
        [None, None, None, MOTTO2],
        [],
        ["PHỤ LỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026"],
        ["(Kèm theo Kế hoạch số 09/KH-UBND ngày 12/01/2026 của UBND xã Tân Chi)"],
        [],
    ]
    header = [
        ["TT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn hoàn thành", "Sản phẩm"],
    ]
    body = [
        ["I", "Công tác chỉ đạo, điều hành CCHC"],
        T(
            [
                "1",
                "Ban hành Kế hoạch CCHC năm 2026 của xã",
                "Phòng Văn hóa - Xã hội",
                "Văn phòng HĐND và UBND xã",
                "31/01/2026",
                "Kế hoạch",
            ],
            "I.1",
            D,
            "VHXH",
            ["VP"],
            "2026-01-31",
        ),
        T(
            [
                "2",
                "Họp giao ban, đánh giá tình hình CCHC hằng quý",
                "UBND xã",
                "Phòng Văn hóa - Xã hội",
                "Thường xuyên",
                "Thông báo kết luận",
            ],
            "I.2",
            D,
            "UBND",
            ["VHXH"],
            None,
        ),
        ["II", "Cải cách thủ tục hành chính"],
        T(
            [
                "1",
                "Tiếp nhận, giải quyết TTHC theo cơ chế một cửa, một cửa liên thông",
                "Trung tâm Phục vụ hành chính công xã",
                "Phòng Kinh tế, Công an xã",
                "Thường xuyên",
                "Hồ sơ",
            ],
            "II.1",
            PRO,
            "TTPVHCC",
            ["KT", "CAX"],
            None,
        ),
        T(
            [
                "2",
                "Rà soát, đơn giản hóa TTHC lĩnh vực nông nghiệp, đất đai",
                "Phòng Kinh tế",
                "Trung tâm Phục vụ hành chính công xã",
                "Quý II/2026",
                "Báo cáo",
            ],
            "II.2",
            PRO,
            "KT",
            ["TTPVHCC"],
            "2026-06-30",
        ),
        T(
            [
                "3",
                "Cấp căn cước, định danh điện tử cho người dân",
                "Công an xã",
                "Trung tâm Phục vụ hành chính công xã và Văn phòng HĐND và UBND xã",
                "Tháng 9/2026",
                "Báo cáo",
            ],
            "II.3",
            PRO,
            "CAX",
            ["TTPVHCC", "VP"],
            "2026-09-30",
        ),
        ["III", "Cải cách chế độ công vụ"],
        T(
            [
                "1",
                "Đánh giá, xếp loại cán bộ, công chức",
                "Văn phòng HĐND và UBND xã",
                "Phòng Văn hóa - Xã hội; Phòng Kinh tế",
                "Tháng 12/2026",
                "Quyết định",
            ],
            "III.1",
            CS,
            "VP",
            ["VHXH", "KT"],
            "2026-12-31",
        ),
        ["IV", "Cải cách tài chính công"],
        T(
            [
                "1",
                "Quản lý, sử dụng ngân sách xã đúng quy định",
                "Phòng Kinh tế",
                "Văn phòng HĐND và UBND xã",
                "Cả năm",
                "Báo cáo quyết toán",
            ],
            "IV.1",
            PF,
            "KT",
            ["VP"],
            "2026-12-31",
        ),
        T(
            [
                "2",
                "Giao quyền tự chủ tài chính cho đơn vị sự nghiệp công lập",
                "Trung tâm Cung ứng dịch vụ sự nghiệp công xã",
                "Phòng Kinh tế",
                "Quý III/2026",
                "Quyết định",
            ],
            "IV.2",
            PF,
            "TTCU",
            ["KT"],
            "2026-09-30",
        ),
    ]
    footer = [
        [],
        [None, None, None, None, "TM. ỦY BAN NHÂN DÂN"],
        [None, None, None, None, "CHỦ TỊCH"],
    ]
    return [Sheet("KH CCHC 2026", [*title, *header, *body, *footer])]


PLAN_DC_FILE = "ke-hoach-cchc-2026-xa-dong-cuu-khong-dau.xlsx"


def plan_dong_cuu_no_diacritics() -> list[Sheet]:
    title = [
        ["UBND XA DONG CUU", None, None, "CONG HOA XA HOI CHU NGHIA VIET NAM"],
        [None, None, None, "Doc lap - Tu do - Hanh phuc"],
        [],
        ["PHU LUC"],
        ["NHIEM VU CAI CACH HANH CHINH NAM 2026"],
        ["(Kem theo Ke hoach so 20/KH-UBND ngay 16/01/2026 cua UBND xa Dong Cuu)"],
        [],
    ]
    header = [
        [
            "STT",
            "Noi dung cong viec",
            "Don vi chu tri",
            "Don vi phoi hop",
            "Thoi gian thuc hien",
            "Ghi chu",
        ],
    ]
    body = [
        ["I", "CAI CACH THE CHE"],
        T(
            [
                "1",
                "Ra soat van ban QPPL do HDND, UBND xa ban hanh",
                "Van phong HDND va UBND xa",
                "Phong Kinh te",
                "Quy II/2026",
            ],
            "I.1",
            INS,
            "VP",
            ["KT"],
            "2026-06-30",
        ),
        T(
            [
                "2",
                "Xay dung quy che phoi hop giua cac phong, don vi",
                "Van phong HDND va UBND",
                "Phong Van hoa - Xa hoi, Cong an xa",
                "Thang 5/2026",
            ],
            "I.2",
            INS,
            "VP",
            ["VHXH", "CAX"],
            "2026-05-31",
        ),
        ["II", "CAI CACH THU TUC HANH CHINH"],
        T(
            [
                "1",
                "Cong khai TTHC tren Cong dich vu cong quoc gia",
                "TT PVHCC xa",
                "Phong Kinh te",
                "Thuong xuyen",
            ],
            "II.1",
            PRO,
            "TTPVHCC",
            ["KT"],
            None,
        ),
        T(
            ["2", "Giai quyet ho so dat dai dung han", "Phong Kinh te", "TT PVHCC", "Ca nam"],
            "II.2",
            PRO,
            "KT",
            ["TTPVHCC"],
            "2026-12-31",
        ),
        ["III", "CHUYEN DOI SO"],
        T(
            [
                "1",
                "Thanh toan truc tuyen phi, le phi",
                "TT PVHCC",
                "Cong an xa; Phong Kinh te",
                "6 thang dau nam",
            ],
            "III.1",
            DG,
            "TTPVHCC",
            ["CAX", "KT"],
            "2026-06-30",
        ),
        T(
            [
                "2",
                "Tuyen truyen, huong dan su dung VNeID",
                "Cong an xa",
                "Phong Van hoa - Xa hoi",
                "Quy III/2026",
            ],
            "III.2",
            DG,
            "CAX",
            ["VHXH"],
            "2026-09-30",
        ),
        T(
            [
                "3",
                "Duy tri Trang thong tin dien tu xa",
                "Phong Van hoa - Xa hoi",
                "Van phong HDND va UBND xa",
                "Nam 2026",
            ],
            "III.3",
            DG,
            "VHXH",
            ["VP"],
            "2026-12-31",
        ),
    ]
    footer = [
        [],
        ["Noi nhan:", None, None, None, "KT. CHU TICH"],
        [None, None, None, None, "PHO CHU TICH"],
    ]
    return [Sheet("Phu luc", [*title, *header, *body, *footer])]


PLAN_KB_FILE = "ke-hoach-cchc-2026-phuong-kinh-bac.xlsx"


def plan_kinh_bac() -> list[Sheet]:
    """Header on row 9, after the full heading of a plan (number, place and date, title)."""
    title = [
        ["UBND PHƯỜNG KINH BẮC", None, None, MOTTO],
        [None, None, None, MOTTO2],
        ["Số: 25/KH-UBND", None, None, "Kinh Bắc, ngày 10 tháng 01 năm 2026"],
        [],
        ["KẾ HOẠCH"],
        ["Cải cách hành chính năm 2026 của UBND phường Kinh Bắc"],
        ["(Danh mục nhiệm vụ kèm theo)"],
        [],
    ]
    assert len(title) == 8  # the header is on row 9
    body = [
        ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC"],
        T(
            [
                "1",
                "Ban hành Kế hoạch CCHC năm 2026",
                "Phòng Văn hóa - Xã hội",
                "Văn phòng HĐND và UBND",
                "Tháng 1/2026",
            ],
            "I.1",
            D,
            "VHXH",
            ["VP"],
            "2026-01-31",
        ),
        T(
            [
                "2",
                "Ban hành Kế hoạch tuyên truyền CCHC",
                "Phòng Văn hóa - Xã hội",
                "Trung tâm Cung ứng dịch vụ sự nghiệp công",
                "Quý I/2026",
            ],
            "I.2",
            D,
            "VHXH",
            ["TTCU"],
            "2026-03-31",
        ),
        T(
            [
                "3",
                "Kiểm tra công tác CCHC tại các phòng, đơn vị",
                "Phòng Văn hóa - Xã hội",
                "Văn phòng HĐND và UBND",
                "Quý III/2026",
            ],
            "I.3",
            D,
            "VHXH",
            ["VP"],
            "2026-09-30",
        ),
        ["II", "CẢI CÁCH THỂ CHẾ"],
        T(
            [
                "1",
                "Rà soát văn bản quy phạm pháp luật",
                "Văn phòng HĐND và UBND",
                "Phòng Kinh tế, Hạ tầng và Đô thị",
                "Quý II/2026",
            ],
            "II.1",
            INS,
            "VP",
            ["KTHTDT"],
            "2026-06-30",
        ),
        T(
            [
                "2",
                "Theo dõi tình hình thi hành pháp luật",
                "Văn phòng HĐND và UBND",
                "Công an phường",
                "Năm 2026",
            ],
            "II.2",
            INS,
            "VP",
            ["CAP"],
            "2026-12-31",
        ),
        ["III", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"],
        T(
            [
                "1",
                "Công khai thủ tục hành chính tại Trung tâm",
                "Trung tâm Phục vụ hành chính công",
                "Văn phòng HĐND và UBND",
                "Tháng 3/2026",
            ],
            "III.1",
            PRO,
            "TTPVHCC",
            ["VP"],
            "2026-03-31",
        ),
        T(
            [
                "2",
                "Rà soát TTHC lĩnh vực đất đai, xây dựng",
                "Phòng Kinh tế, Hạ tầng và Đô thị",
                "Trung tâm Phục vụ hành chính công",
                "Quý III/2026",
            ],
            "III.2",
            PRO,
            "KTHTDT",
            ["TTPVHCC"],
            "2026-09-30",
        ),
        T(
            [
                "3",
                "Khảo sát mức độ hài lòng của người dân",
                "Trung tâm Phục vụ hành chính công",
                "Phòng Văn hóa - Xã hội",
                "Quý IV/2026",
            ],
            "III.3",
            PRO,
            "TTPVHCC",
            ["VHXH"],
            "2026-12-31",
        ),
        ["IV", "CẢI CÁCH TÀI CHÍNH CÔNG"],
        T(
            [
                "1",
                "Thực hiện cơ chế tự chủ tài chính",
                "Trung tâm Cung ứng dịch vụ sự nghiệp công",
                "Phòng Kinh tế, Hạ tầng và Đô thị",
                "Tháng 6/2026",
            ],
            "IV.1",
            PF,
            "TTCU",
            ["KTHTDT"],
            "2026-06-30",
        ),
        ["V", "CHUYỂN ĐỔI SỐ"],
        T(
            [
                "1",
                "Số hóa hồ sơ, kết quả giải quyết TTHC",
                "Trung tâm Phục vụ hành chính công",
                "Công an phường",
                "Tháng 9/2026",
            ],
            "V.1",
            DG,
            "TTPVHCC",
            ["CAP"],
            "2026-09-30",
        ),
        T(
            [
                "2",
                "Xử lý hồ sơ công việc trên môi trường mạng",
                "Văn phòng HĐND và UBND",
                "Phòng Văn hóa - Xã hội",
                "Cả năm",
            ],
            "V.2",
            DG,
            "VP",
            ["VHXH"],
            "2026-12-31",
        ),
        T(
            [
                "3",
                "Làm sạch dữ liệu dân cư",
                "Công an phường",
                "Trung tâm Phục vụ hành chính công",
                "Thường xuyên",
            ],
            "V.3",
            DG,
            "CAP",
            ["TTPVHCC"],
            None,
        ),
    ]
    header = [["STT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời hạn", "Ghi chú"]]
    return [Sheet("Kế hoạch", [*title, *header, *body, *SIGN])]


# =========================================================================================
# 1. Department names
# =========================================================================================


@case
def ward_department_short_names(b: Builder) -> None:
    title = appendix_title(
        "UBND PHƯỜNG KINH BẮC", "UBND phường Kinh Bắc", "31/KH-UBND ngày 20/01/2026"
    )
    body = [
        ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH"],
        T(
            [
                "1",
                "Xây dựng, ban hành Kế hoạch CCHC năm 2026",
                "Phòng VH - XH",
                "Văn phòng HĐND và UBND, Trung tâm PVHCC",
                "Quý I/2026",
                "Kế hoạch",
            ],
            "I.1",
            D,
            "VHXH",
            ["VP", "TTPVHCC"],
            "2026-03-31",
        ),
        T(
            [
                "2",
                "Tuyên truyền CCHC trên Trang thông tin điện tử phường",
                "Phòng VH-XH",
                "TTCUDVSNC",
                "Thường xuyên",
                "Tin, bài",
            ],
            "I.2",
            D,
            "VHXH",
            ["TTCU"],
            None,
        ),
        ["II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"],
        T(
            [
                "1",
                "Công khai đầy đủ TTHC tại Trung tâm",
                "Trung tâm PVHCC",
                "Công an phường Kinh Bắc; P. KT-HT&ĐT",
                "Tháng 3/2026",
                "Danh mục TTHC",
            ],
            "II.1",
            PRO,
            "TTPVHCC",
            ["CAP", "KTHTDT"],
            "2026-03-31",
        ),
        T(
            [
                "2",
                "Rà soát, đơn giản hóa TTHC lĩnh vực đất đai, xây dựng",
                "P. KT-HT&ĐT",
                "Trung tâm PVHCC",
                "Quý III/2026",
                "Báo cáo",
            ],
            "II.2",
            PRO,
            "KTHTDT",
            ["TTPVHCC"],
            "2026-09-30",
        ),
        T(
            [
                "3",
                "Giải quyết TTHC lĩnh vực cư trú đúng hạn",
                "Công an phường Kinh Bắc",
                "Trung tâm PVHCC",
                "Thường xuyên",
                "Hồ sơ",
            ],
            "II.3",
            PRO,
            "CAP",
            ["TTPVHCC"],
            None,
        ),
        ["III", "CẢI CÁCH TỔ CHỨC BỘ MÁY HÀNH CHÍNH NHÀ NƯỚC"],
        T(
            [
                "1",
                "Rà soát chức năng, nhiệm vụ của các phòng, đơn vị",
                "Văn phòng HĐND và UBND phường",
                "Phòng VH - XH",
                "Tháng 6/2026",
                "Báo cáo",
            ],
            "III.1",
            APP,
            "VP",
            ["VHXH"],
            "2026-06-30",
        ),
        ["IV", "CẢI CÁCH TÀI CHÍNH CÔNG"],
        T(
            [
                "1",
                "Thực hiện tự chủ tài chính tại đơn vị sự nghiệp",
                "TTCUDVSNC",
                "P. KT-HT&ĐT",
                "Năm 2026",
                "Báo cáo",
            ],
            "IV.1",
            PF,
            "TTCU",
            ["KTHTDT"],
            "2026-12-31",
        ),
        ["V", "CHUYỂN ĐỔI SỐ"],
        T(
            [
                "1",
                "Số hóa sổ hộ tịch",
                "TT PVHCC",
                "Phòng VH - XH\nCông an phường",
                "Trước ngày 30/11/2026",
                "Dữ liệu",
            ],
            "V.1",
            DG,
            "TTPVHCC",
            ["VHXH", "CAP"],
            "2026-11-30",
        ),
        T(
            [
                "2",
                "Vận hành hệ thống quản lý văn bản và điều hành",
                "Văn phòng HĐND & UBND",
                "Phòng VH - XH và P. KT-HT&ĐT",
                "Cả năm",
                "Văn bản điện tử",
            ],
            "V.2",
            DG,
            "VP",
            ["VHXH", "KTHTDT"],
            "2026-12-31",
        ),
    ]
    sheets = [
        Sheet("Hướng dẫn", [["Các phòng, đơn vị cập nhật tiến độ vào sheet Phụ lục"], []]),
        std_plan(title, body),
    ]
    f = b.xlsx("ke-hoach-phuong-kinh-bac-ten-viet-tat.xlsx", sheets)
    b.case(
        "ward-department-short-names",
        [f],
        ["loaded"],
        "Ward plan naming departments the short way: Phòng VH - XH, Trung tâm PVHCC, TTCUDVSNC, "
        "P. KT-HT&ĐT, Công an phường Kinh Bắc; several per cell split by , ; line break and 'và'.",
        tasks=tasks_expect(KB, 2026, tasks_in(sheets)),
    )


@case
def commune_department_names(b: Builder) -> None:
    sheets = plan_tan_chi()
    f = b.xlsx(PLAN_TC_FILE, sheets)
    b.case(
        "commune-department-names",
        [f],
        ["loaded"],
        "Commune plan: Phòng Kinh tế (KT), Công an xã (CAX), '… xã' after names, UBND xã as lead, "
        "'A và B' where B itself contains 'và'.",
        tasks=tasks_expect(TC, 2026, tasks_in(sheets)),
    )


@case
def commune_no_diacritics(b: Builder) -> None:
    sheets = plan_dong_cuu_no_diacritics()
    f = b.xlsx(PLAN_DC_FILE, sheets)
    b.case(
        "commune-plan-no-diacritics",
        [f],
        ["loaded"],
        "Commune plan typed entirely without diacritics: headers, areas, departments, deadlines.",
        tasks=tasks_expect(DC, 2026, tasks_in(sheets)),
    )


@case
def ward_unknown_department(b: Builder) -> None:
    title = appendix_title(
        "UBND PHƯỜNG VÕ CƯỜNG", "UBND phường Võ Cường", "14/KH-UBND ngày 18/01/2026"
    )
    body = [
        ["I", "CẢI CÁCH TÀI CHÍNH CÔNG"],
        T(
            [
                "1",
                "Công khai dự toán ngân sách phường",
                "Văn phòng HĐND và UBND",
                "Phòng Văn hóa – Xã hội",
                "Quý I/2026",
                "Báo cáo",
            ],
            "I.1",
            PF,
            "VP",
            ["VHXH"],
            "2026-03-31",
        ),
        T(
            [
                "2",
                "Quyết toán ngân sách năm 2025",
                "Phòng Tài chính - Kế hoạch",
                "Văn phòng HĐND và UBND",
                "Quý II/2026",
                "Báo cáo",
            ],
            "I.2",
            PF,
            "?",
            None,
            "2026-06-30",
        ),
        ["II", "CHUYỂN ĐỔI SỐ"],
        T(
            [
                "1",
                "Thanh toán không dùng tiền mặt",
                "Trung tâm Phục vụ hành chính công",
                "Công an phường",
                "Cả năm",
                "Báo cáo",
            ],
            "II.1",
            DG,
            "TTPVHCC",
            ["CAP"],
            "2026-12-31",
        ),
    ]
    sheet = std_plan(title, body)
    row = 1 + next(i for i, r in enumerate(sheet.rows) if isinstance(r, T) and r.code == "I.2")
    f = b.xlsx("ke-hoach-phuong-vo-cuong-phong-khong-co.xlsx", [sheet])
    b.case(
        "ward-unknown-department-rejected",
        [f],
        ["rejected"],
        "Ward plan leading a task with the pre-2025 district office 'Phòng Tài chính - Kế hoạch', "
        "which the ward does not have: refused at that cell.",
        problems={f: [{"row": row, "column": "C", "contains": "phong tai chinh ke hoach"}]},
        tasks={"count": 0},
    )


@case
def ward_departments_in_one_cell(b: Builder) -> None:
    title = [
        ["UBND PHƯỜNG VÕ CƯỜNG"],
        ["DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026"],
        ["(Kèm theo Kế hoạch số 12/KH-UBND ngày 15/01/2026 của UBND phường Võ Cường)"],
        [],
    ]
    header = [["STT", "Nội dung", "Chủ trì", "Phối hợp", "Thời gian thực hiện", "Ghi chú"]]
    body = [
        ["I", "CẢI CÁCH THỂ CHẾ"],
        T(
            [
                "1",
                "Rà soát, hệ thống hóa văn bản",
                "Văn phòng HĐND và UBND",
                "Phòng Văn hóa – Xã hội, Phòng Kinh tế, Hạ tầng và Đô thị và Công an phường",
                "Quý II/2026",
            ],
            "I.1",
            INS,
            "VP",
            ["VHXH", "KTHTDT", "CAP"],
            "2026-06-30",
        ),
        T(
            [
                "2",
                "Kiểm tra việc thi hành pháp luật",
                "Chủ tịch UBND phường",
                "Văn phòng HĐND và UBND, Phòng Văn hóa – Xã hội và Công an phường",
                "Quý IV/2026",
            ],
            "I.2",
            INS,
            "UBND",
            ["VP", "VHXH", "CAP"],
            "2026-12-31",
        ),
        ["II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"],
        T(
            [
                "1",
                "Rà soát quy trình nội bộ giải quyết TTHC",
                "Phòng Kinh tế, Hạ tầng & Đô thị",
                "Trung tâm Phục vụ hành chính công; Văn phòng HĐND và UBND",
                "Tháng 8/2026",
            ],
            "II.1",
            PRO,
            "KTHTDT",
            ["TTPVHCC", "VP"],
            "2026-08-31",
        ),
        T(
            [
                "2",
                "Tiếp nhận hồ sơ ngoài giờ hành chính",
                "Trung tâm Phục vụ hành chính công",
                "Văn phòng HĐND và UBND\nPhòng Văn hóa – Xã hội\nCông an phường",
                "Cả năm",
            ],
            "II.2",
            PRO,
            "TTPVHCC",
            ["VP", "VHXH", "CAP"],
            "2026-12-31",
        ),
        ["III", "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ"],
        T(
            [
                "1",
                "Tuyển dụng, bố trí công chức theo vị trí việc làm",
                "UBND phường",
                "P.VHXH, P.KTHTĐT",
                "Năm 2026",
            ],
            "III.1",
            CS,
            "UBND",
            ["VHXH", "KTHTDT"],
            "2026-12-31",
        ),
        ["IV", "CHUYỂN ĐỔI SỐ"],
        T(
            [
                "1",
                "Kết nối dữ liệu dân cư với các hệ thống chuyên ngành",
                "Công an phường Võ Cường",
                "TTPVHCC; TTCU; VP",
                "Quý III/2026",
            ],
            "IV.1",
            DG,
            "CAP",
            ["TTPVHCC", "TTCU", "VP"],
            "2026-09-30",
        ),
    ]
    sheets = [Sheet("Sheet1", [*title, *header, *body, *SIGN])]
    f = b.xlsx("ke-hoach-phuong-vo-cuong-nhieu-don-vi.xlsx", sheets)
    b.case(
        "ward-several-departments-per-cell",
        [f],
        ["loaded"],
        "Lists of departments whose names themselves contain commas and 'và' ('Phòng Kinh tế, Hạ "
        "tầng và Đô thị', 'Văn phòng HĐND và UBND'), '&', line breaks, 'Chủ tịch UBND phường'.",
        tasks=tasks_expect(VC, 2026, tasks_in(sheets)),
    )


# =========================================================================================
# 2. Plan structure
# =========================================================================================


@case
def area_name_merged_row(b: Builder) -> None:
    title = [
        ["UBND XÃ TÂN CHI", None, None, MOTTO],
        [None, None, None, MOTTO2],
        [],
        ["PHỤ LỤC"],
        ["Danh mục nhiệm vụ cải cách hành chính năm 2026"],
        ["(Kèm theo Kế hoạch số 10/KH-UBND ngày 14/01/2026 của UBND xã Tân Chi)"],
        [],
    ]
    header = [
        [
            "STT",
            "Nội dung nhiệm vụ",
            "Cơ quan chủ trì",
            "Cơ quan phối hợp",
            "Thời hạn",
            "Sản phẩm",
            "Ghi chú",
        ],
        NR,
    ]
    top = len(title) + len(header) + 1
    body = [
        ["CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH"],
        T(
            [
                "1",
                "Ban hành Kế hoạch CCHC năm 2026",
                "Phòng Văn hóa - Xã hội",
                "Văn phòng HĐND và UBND xã",
                "Tháng 1/2026",
                "Kế hoạch",
            ],
            "I.1",
            D,
            "VHXH",
            ["VP"],
            "2026-01-31",
        ),
        T(
            [
                "2",
                "Báo cáo CCHC định kỳ quý, 6 tháng, năm",
                "Phòng Văn hóa - Xã hội",
                None,
                "Thường xuyên",
                "Báo cáo",
            ],
            "I.2",
            D,
            "VHXH",
            [],
            None,
        ),
        ["Cải cách thủ tục hành chính"],
        T(
            [
                "1",
                "Công bố, công khai TTHC",
                "Trung tâm Phục vụ hành chính công",
                "Phòng Kinh tế",
                "Quý I/2026",
                "Danh mục",
            ],
            "II.1",
            PRO,
            "TTPVHCC",
            ["KT"],
            "2026-03-31",
        ),
        T(
            [
                "2",
                "Giải quyết hồ sơ TTHC đúng và trước hạn",
                "Trung tâm Phục vụ hành chính công",
                "Công an xã",
                "Cả năm",
                "Báo cáo",
            ],
            "II.2",
            PRO,
            "TTPVHCC",
            ["CAX"],
            "2026-12-31",
        ),
        T(
            [
                "3",
                "Rà soát thủ tục lĩnh vực đất đai",
                "Phòng Kinh tế",
                "Trung tâm Phục vụ hành chính công",
                "Quý III/2026",
                "Báo cáo",
            ],
            "II.3",
            PRO,
            "KT",
            ["TTPVHCC"],
            "2026-09-30",
        ),
        ["Cải cách chế độ công vụ"],
        T(
            [
                "1",
                "Đánh giá, xếp loại chất lượng công chức",
                "Văn phòng HĐND và UBND xã",
                "Phòng Văn hóa - Xã hội",
                "Tháng 12/2026",
                "Quyết định",
            ],
            "III.1",
            CS,
            "VP",
            ["VHXH"],
            "2026-12-31",
        ),
        ["Chuyển đổi số, xây dựng chính quyền số"],
        T(
            [
                "1",
                "Cập nhật dữ liệu đất đai vào cơ sở dữ liệu quốc gia",
                "Phòng Kinh tế",
                "Công an xã",
                "Quý IV/2026",
                "Dữ liệu",
            ],
            "IV.1",
            DG,
            "KT",
            ["CAX"],
            "2026-12-31",
        ),
        T(
            [
                "2",
                "Tổ chức hội nghị trực tuyến",
                "Văn phòng HĐND và UBND xã",
                "Trung tâm Cung ứng dịch vụ sự nghiệp công",
                "Năm 2026",
                "Hội nghị",
            ],
            "IV.2",
            DG,
            "VP",
            ["TTCU"],
            "2026-12-31",
        ),
    ]
    merges = ["A1:C1", "D1:G1", "D2:G2", "A4:G4", "A5:G5", "A6:G6"]
    merges += [f"A{top + i}:G{top + i}" for i, r in enumerate(body) if not isinstance(r, T)]
    sheets = [Sheet("Phụ lục", [*title, *header, *body, *SIGN], merges)]
    f = b.xlsx("ke-hoach-xa-tan-chi-linh-vuc-gop-o.xlsx", sheets)
    b.case(
        "area-name-only-merged-row",
        [f],
        ["loaded"],
        "Area rows carry only the area's name, merged across the table, no Roman numeral; task "
        "numbers restart in each area.",
        tasks=tasks_expect(TC, 2026, tasks_in(sheets)),
    )


@case
def area_name_in_stt_column(b: Builder) -> None:
    title = [
        ["ỦY BAN NHÂN DÂN PHƯỜNG KINH BẮC"],
        ["KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2026 - PHỤ LỤC NHIỆM VỤ"],
        [],
    ]
    header = [
        [
            "STT",
            "Tên nhiệm vụ",
            "Đơn vị chủ trì",
            "Đơn vị phối hợp",
            "Thời gian hoàn thành",
            "Kết quả, sản phẩm",
        ]
    ]
    body = [
        ["Cải cách thể chế"],
        T(
            [
                "1",
                "Xây dựng, ban hành văn bản QPPL theo thẩm quyền",
                "Văn phòng HĐND và UBND",
                "Phòng Kinh tế, Hạ tầng và Đô thị",
                "Cả năm",
                "Văn bản",
            ],
            "I.1",
            INS,
            "VP",
            ["KTHTDT"],
            "2026-12-31",
        ),
        T(
            [
                "2",
                "Tự kiểm tra văn bản QPPL",
                "Văn phòng HĐND và UBND",
                None,
                "Quý IV/2026",
                "Báo cáo",
            ],
            "I.2",
            INS,
            "VP",
            [],
            "2026-12-31",
        ),
        ["Cải cách thủ tục hành chính"],
        T(
            [
                "1",
                "Niêm yết, công khai TTHC",
                "Trung tâm Phục vụ hành chính công",
                None,
                "Tháng 2/2026",
                "Danh mục",
            ],
            "II.1",
            PRO,
            "TTPVHCC",
            [],
            "2026-02-28",
        ),
        T(
            [
                "2",
                "Đối thoại với người dân, doanh nghiệp về TTHC",
                "Phòng Văn hóa - Xã hội",
                "Trung tâm Phục vụ hành chính công",
                "Quý III/2026",
                "Biên bản",
            ],
            "II.2",
            PRO,
            "VHXH",
            ["TTPVHCC"],
            "2026-09-30",
        ),
        ["Cải cách tổ chức bộ máy hành chính nhà nước"],
        T(
            [
                "1",
                "Xây dựng đề án vị trí việc làm",
                "Văn phòng HĐND và UBND",
                "Các phòng chuyên môn",
                "Tháng 6/2026",
                "Đề án",
            ],
            "III.1",
            APP,
            "VP",
            None,
            "2026-06-30",
        ),
        ["Cải cách tài chính công"],
        T(
            [
                "1",
                "Công khai ngân sách theo quy định",
                "Phòng Kinh tế, Hạ tầng và Đô thị",
                "Văn phòng HĐND và UBND",
                "Quý I/2026",
                "Báo cáo",
            ],
            "IV.1",
            PF,
            "KTHTDT",
            ["VP"],
            "2026-03-31",
        ),
    ]
    sheets = [Sheet("Sheet1", [*title, *header, *body, *SIGN])]
    f = b.xls_file("ke-hoach-phuong-kinh-bac-ten-linh-vuc-o-cot-stt.xls", sheets)
    b.case(
        "area-name-in-stt-column-xls",
        [f],
        ["loaded"],
        ".xls (LibreOffice) plan whose area rows are the area's name typed in the STT column, "
        "no numeral; numbers restart per area; 'Các phòng chuyên môn' as support.",
        tasks=tasks_expect(KB, 2026, tasks_in(sheets)),
    )


@case
def task_numbers_run_on(b: Builder) -> None:
    title = appendix_title(
        "UBND PHƯỜNG VÕ CƯỜNG", "UBND phường Võ Cường", "16/KH-UBND ngày 22/01/2026"
    )
    body = [
        ["I.", "Công tác chỉ đạo, điều hành CCHC"],
        T(
            [
                "1",
                "Ban hành kế hoạch kiểm tra CCHC",
                "Phòng Văn hóa – Xã hội",
                "Văn phòng HĐND và UBND",
                "Quý I/2026",
                "Kế hoạch",
            ],
            "I.1",
            D,
            "VHXH",
            ["VP"],
            "2026-03-31",
        ),
        T(
            [
                "2",
                "Sơ kết 6 tháng công tác CCHC",
                "Phòng Văn hóa – Xã hội",
                None,
                "Tháng 6/2026",
                "Báo cáo",
            ],
            "I.2",
            D,
            "VHXH",
            [],
            "2026-06-30",
        ),
        ["II.", "Cải cách thủ tục hành chính"],
        T(
            [
                "3",
                "Rà soát, đánh giá TTHC",
                "Trung tâm Phục vụ hành chính công",
                "Phòng Kinh tế, Hạ tầng và Đô thị",
                "Quý II/2026",
                "Báo cáo",
            ],
            "II.3",
            PRO,
            "TTPVHCC",
            ["KTHTDT"],
            "2026-06-30",
        ),
        T(
            [
                "4",
                "Thực hiện dịch vụ công trực tuyến toàn trình",
                "Trung tâm Phục vụ hành chính công",
                "Công an phường",
                "Cả năm",
                "Hồ sơ",
            ],
            "II.4",
            PRO,
            "TTPVHCC",
            ["CAP"],
            "2026-12-31",
        ),
        ["III.", "Cải cách chế độ công vụ"],
        T(
            [
                "5",
                "Bồi dưỡng kỹ năng cho công chức một cửa",
                "Văn phòng HĐND và UBND",
                "Trung tâm Phục vụ hành chính công",
                "Quý III/2026",
                "Lớp bồi dưỡng",
            ],
            "III.5",
            CS,
            "VP",
            ["TTPVHCC"],
            "2026-09-30",
        ),
        T(
            [
                "6",
                "Kiểm tra kỷ luật, kỷ cương hành chính",
                "Văn phòng HĐND và UBND",
                "Phòng Văn hóa – Xã hội",
                "Thường xuyên",
                "Biên bản",
            ],
            "III.6",
            CS,
            "VP",
            ["VHXH"],
            None,
        ),
        T(
            [
                "7",
                "Đánh giá công chức theo kết quả công việc",
                "UBND phường",
                None,
                "Tháng 12/2026",
                "Quyết định",
            ],
            "III.7",
            CS,
            "UBND",
            [],
            "2026-12-31",
        ),
        ["IV.", "Chuyển đổi số"],
        T(
            [
                "8",
                "Số hóa kết quả giải quyết TTHC còn hiệu lực",
                "Trung tâm Phục vụ hành chính công",
                "Phòng Văn hóa – Xã hội",
                "Trước ngày 15/12/2026",
                "Dữ liệu",
            ],
            "IV.8",
            DG,
            "TTPVHCC",
            ["VHXH"],
            "2026-12-15",
        ),
    ]
    sheets = [std_plan(title, body)]
    f = b.xlsx("ke-hoach-phuong-vo-cuong-so-thu-tu-lien-tuc.xlsx", sheets)
    b.case(
        "task-numbers-run-on",
        [f],
        ["loaded"],
        "Areas 'I.' … 'IV.' with task numbers running 1..8 across areas: codes keep the number "
        "as written (II.3, IV.8).",
        tasks=tasks_expect(VC, 2026, tasks_in(sheets)),
    )


@case
def subtasks_mixed(b: Builder) -> None:
    title = appendix_title("UBND XÃ ĐÔNG CỨU", "UBND xã Đông Cứu", "21/KH-UBND ngày 19/01/2026")
    body = [
        ["I", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"],
        T(
            [
                "1",
                "Công khai thủ tục hành chính",
                "Trung tâm Phục vụ hành chính công",
                "Văn phòng HĐND và UBND",
                "6 tháng đầu năm",
                "Danh mục",
            ],
            "I.1",
            PRO,
            "TTPVHCC",
            ["VP"],
            "2026-06-30",
        ),
        T(
            ["a)", "Niêm yết tại Trung tâm", "TT PVHCC", None, "Tháng 3/2026", None],
            "I.1.a",
            PRO,
            "TTPVHCC",
            [],
            "2026-03-31",
        ),
        T(
            [
                "b)",
                "Đăng tải trên Trang thông tin điện tử xã",
                "Phòng Văn hóa - Xã hội",
                "Trung tâm Phục vụ hành chính công",
                "Tháng 6/2026",
                None,
            ],
            "I.1.b",
            PRO,
            "VHXH",
            ["TTPVHCC"],
            "2026-06-30",
        ),
        T(
            [
                "2",
                "Số hóa hồ sơ thủ tục hành chính",
                "Trung tâm Phục vụ hành chính công",
                None,
                "Năm 2026",
                "Dữ liệu",
            ],
            "I.2",
            PRO,
            "TTPVHCC",
            [],
            "2026-12-31",
        ),
        T(
            ["-", "Số hóa hồ sơ tiếp nhận mới", None, "Công an xã", "Quý II/2026", None],
            "I.2.1",
            PRO,
            "TTPVHCC",
            ["CAX"],
            "2026-06-30",
        ),
        T(
            [
                "-",
                "Số hóa kết quả giải quyết còn hiệu lực",
                "Phòng Kinh tế",
                None,
                "Quý IV/2026",
                None,
            ],
            "I.2.2",
            PRO,
            "KT",
            [],
            "2026-12-31",
        ),
        ["II", "CHUYỂN ĐỔI SỐ"],
        T(
            [
                "1",
                "Triển khai các nền tảng số dùng chung",
                "Văn phòng HĐND và UBND",
                "Phòng Kinh tế, Phòng Văn hóa - Xã hội",
                "Cả năm",
                "Báo cáo",
            ],
            "II.1",
            DG,
            "VP",
            ["KT", "VHXH"],
            "2026-12-31",
        ),
        T(
            [
                "1.1",
                "Cấp chữ ký số cho cán bộ, công chức",
                "Văn phòng HĐND và UBND",
                None,
                "Quý I/2026",
                None,
            ],
            "II.1.1",
            DG,
            "VP",
            [],
            "2026-03-31",
        ),
        T(
            [
                "1.2",
                "Xử lý hồ sơ công việc trên môi trường mạng",
                "Văn phòng HĐND và UBND",
                "Phòng Kinh tế",
                "30/9/2026",
                None,
            ],
            "II.1.2",
            DG,
            "VP",
            ["KT"],
            "2026-09-30",
        ),
    ]
    sheets = [std_plan(title, body)]
    f = b.xlsx("ke-hoach-xa-dong-cuu-nhiem-vu-con.xlsx", sheets)
    b.case(
        "subtasks-lettered-bulleted-numbered",
        [f],
        ["loaded"],
        "Sub-tasks 'a)', '-' and '1.1' under tasks; a bullet without a lead takes its parent's.",
        tasks=tasks_expect(DC, 2026, tasks_in(sheets)),
    )


# =========================================================================================
# 3. Deadlines
# =========================================================================================


@case
def deadline_serials_and_dates(b: Builder) -> None:
    title = appendix_title(
        "UBND PHƯỜNG VÕ CƯỜNG", "UBND phường Võ Cường", "18/KH-UBND ngày 25/01/2026"
    )
    body = [
        ["I", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"],
        T(
            [
                "1",
                "Rà soát TTHC quý I",
                "Trung tâm Phục vụ hành chính công",
                None,
                46112,
                "Báo cáo",
            ],
            "I.1",
            PRO,
            "TTPVHCC",
            [],
            "2026-03-31",
        ),
        T(
            [
                "2",
                "Rà soát TTHC quý II",
                "Trung tâm Phục vụ hành chính công",
                None,
                46203,
                "Báo cáo",
            ],
            "I.2",
            PRO,
            "TTPVHCC",
            [],
            "2026-06-30",
        ),
        T(
            [
                "3",
                "Niêm yết TTHC mới ban hành",
                "Trung tâm Phục vụ hành chính công",
                None,
                "15/3/2026",
                "Danh mục",
            ],
            "I.3",
            PRO,
            "TTPVHCC",
            [],
            "2026-03-15",
        ),
        T(
            [
                "4",
                "Đối thoại doanh nghiệp",
                "Phòng Kinh tế, Hạ tầng và Đô thị",
                None,
                date(2026, 4, 30),
                "Biên bản",
            ],
            "I.4",
            PRO,
            "KTHTDT",
            [],
            "2026-04-30",
        ),
        ["II", "CHUYỂN ĐỔI SỐ"],
        T(
            ["1", "Số hóa hồ sơ hộ tịch", "Phòng Văn hóa – Xã hội", None, 46295, "Dữ liệu"],
            "II.1",
            DG,
            "VHXH",
            [],
            "2026-09-30",
        ),
        T(
            ["2", "Cập nhật dữ liệu dân cư", "Công an phường", None, 46310.0, "Dữ liệu"],
            "II.2",
            DG,
            "CAP",
            [],
            "2026-10-15",
        ),
        T(
            [
                "3",
                "Triển khai ký số trên thiết bị di động",
                "Văn phòng HĐND và UBND",
                None,
                "05/6/2026",
                "Báo cáo",
            ],
            "II.3",
            DG,
            "VP",
            [],
            "2026-06-05",
        ),
        T(
            [
                "4",
                "Báo cáo tổng kết chuyển đổi số",
                "Văn phòng HĐND và UBND",
                None,
                F(date(2026, 12, 20), "d/m/yyyy"),
                "Báo cáo",
            ],
            "II.4",
            DG,
            "VP",
            [],
            "2026-12-20",
        ),
    ]
    sheets = [std_plan(title, body)]
    f = b.xlsx("ke-hoach-phuong-vo-cuong-thoi-han-so-seri.xlsx", sheets)
    b.case(
        "deadline-serials-text-dates-date-cells",
        [f],
        ["loaded"],
        "Deadlines as Excel serial numbers in General cells (46112, 46203.0 …), dates typed as "
        "text d/m/yyyy, and real date cells in two formats.",
        tasks=tasks_expect(VC, 2026, tasks_in(sheets)),
    )


@case
def deadline_words(b: Builder) -> None:
    title = appendix_title(
        "UBND PHƯỜNG KINH BẮC", "UBND phường Kinh Bắc", "33/KH-UBND ngày 21/01/2026"
    )
    body = [
        ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC"],
        T(
            ["1", "Kiểm tra CCHC đợt 1", "Phòng Văn hóa - Xã hội", None, "Quý III/2026"],
            "I.1",
            D,
            "VHXH",
            [],
            "2026-09-30",
        ),
        T(
            ["2", "Kiểm tra CCHC đợt 2", "Phòng Văn hóa - Xã hội", None, "Tháng 10/2026"],
            "I.2",
            D,
            "VHXH",
            [],
            "2026-10-31",
        ),
        T(
            [
                "3",
                "Theo dõi, đôn đốc thực hiện kế hoạch",
                "Phòng Văn hóa - Xã hội",
                None,
                "Thường xuyên",
            ],
            "I.3",
            D,
            "VHXH",
            [],
            None,
        ),
        T(
            [
                "4",
                "Tham gia hội thi CCHC của tỉnh",
                "Phòng Văn hóa - Xã hội",
                None,
                "Theo kế hoạch của tỉnh",
            ],
            "I.4",
            D,
            "VHXH",
            [],
            None,
        ),
        ["II", "CẢI CÁCH THỂ CHẾ"],
        T(
            ["1", "Rà soát văn bản 6 tháng", "Văn phòng HĐND và UBND", None, "6 tháng đầu năm"],
            "II.1",
            INS,
            "VP",
            [],
            "2026-06-30",
        ),
        T(
            ["2", "Theo dõi thi hành pháp luật", "Văn phòng HĐND và UBND", None, "Năm 2026"],
            "II.2",
            INS,
            "VP",
            [],
            "2026-12-31",
        ),
        T(
            ["3", "Phổ biến văn bản mới", "Văn phòng HĐND và UBND", None, "Cả năm"],
            "II.3",
            INS,
            "VP",
            [],
            "2026-12-31",
        ),
        ["III", "CHUYỂN ĐỔI SỐ"],
        T(
            ["1", "Số hóa hồ sơ lưu trữ", "Văn phòng HĐND và UBND", None, "Trước ngày 15/12/2026"],
            "III.1",
            DG,
            "VP",
            [],
            "2026-12-15",
        ),
        T(
            ["2", "Báo cáo chuyển đổi số năm", "Văn phòng HĐND và UBND", None, "Quý IV năm 2026"],
            "III.2",
            DG,
            "VP",
            [],
            "2026-12-31",
        ),
        T(
            [
                "3",
                "Đào tạo kỹ năng số cho người dân",
                "Trung tâm Cung ứng dịch vụ sự nghiệp công",
                None,
                "Tháng 11 năm 2026",
            ],
            "III.3",
            DG,
            "TTCU",
            [],
            "2026-11-30",
        ),
    ]
    header = [
        [
            "STT",
            "Nội dung công việc",
            "Cơ quan chủ trì",
            "Cơ quan phối hợp",
            "Thời gian\nhoàn thành",
        ],
        ["(1)", "(2)", "(3)", "(4)", "(5)"],
    ]
    sheets = [Sheet("PL", [*title, *header, *body, *SIGN])]
    f = b.xlsx("ke-hoach-phuong-kinh-bac-thoi-han-bang-chu.xlsx", sheets)
    b.case(
        "deadline-words",
        [f],
        ["loaded"],
        "Deadlines in words: Quý III/2026, Tháng 10/2026, Thường xuyên, Theo kế hoạch của tỉnh "
        "(no date, still loads), 6 tháng đầu năm, Năm 2026, Cả năm, Quý IV năm 2026.",
        tasks=tasks_expect(KB, 2026, tasks_in(sheets)),
    )


@case
def deadline_holds_department(b: Builder) -> None:
    title = appendix_title("UBND XÃ ĐÔNG CỨU", "UBND xã Đông Cứu", "22/KH-UBND ngày 20/01/2026")
    body = [
        ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC"],
        T(
            [
                "1",
                "Ban hành Kế hoạch CCHC năm 2026",
                "Phòng Văn hóa - Xã hội",
                None,
                "Tháng 1/2026",
                "Kế hoạch",
            ],
            "I.1",
            D,
            "VHXH",
            [],
            "2026-01-31",
        ),
        T(
            [
                "2",
                "Tổ chức tuyên truyền CCHC",
                "Phòng Văn hóa - Xã hội",
                None,
                "Phòng VHXH chủ trì",
                "Tin bài",
            ],
            "I.2",
            D,
            "VHXH",
            [],
            "?",
        ),
        ["II", "CẢI CÁCH TÀI CHÍNH CÔNG"],
        T(
            ["1", "Công khai tài chính", "Phòng Kinh tế", None, "Quý II/2026", "Báo cáo"],
            "II.1",
            PF,
            "KT",
            [],
            "2026-06-30",
        ),
    ]
    sheet = std_plan(title, body)
    row = 1 + next(i for i, r in enumerate(sheet.rows) if isinstance(r, T) and r.code == "I.2")
    f = b.xlsx("ke-hoach-xa-dong-cuu-thoi-han-ghi-nham.xlsx", [sheet])
    b.case(
        "deadline-cell-holds-department-rejected",
        [f],
        ["rejected"],
        "A deadline cell that says 'Phòng VHXH chủ trì' (typed in the wrong column): refused at "
        "that cell.",
        problems={f: [{"row": row, "column": "E", "contains": "phong vhxh chu tri"}]},
        tasks={"count": 0},
    )


# =========================================================================================
# Build
# =========================================================================================


def build(out: Path = DEFAULT_OUT, xls: bool = True) -> list[dict]:
    """Write every workbook of the corpus and expected.json into `out`; return the cases."""
    out.mkdir(parents=True, exist_ok=True)
    b = Builder(out, xls)
    for fn in CASES:
        fn(b)
    ids = [c["id"] for c in b.cases]
    assert len(ids) == len(set(ids)), ids
    (out / "expected.json").write_text(
        json.dumps(b.cases, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return b.cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--no-xls", action="store_true", help="do not convert the .xls cases")
    args = parser.parse_args()
    if args.out.exists() and not args.no_xls:
        for p in args.out.iterdir():
            if p.suffix in {".xlsx", ".xls", ".csv", ".json"}:
                p.unlink()
    cases = build(args.out, xls=not args.no_xls and shutil.which("soffice") is not None)
    print(f"{len(cases)} cases written to {args.out}")


if __name__ == "__main__":
    main()
