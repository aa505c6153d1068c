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
import io
import json
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import openpyxl
import python_calamine as pc
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
    def __init__(self, out: Path, xls: bool, xls_sources: Path | None = None) -> None:
        self.out = out
        self.xls = xls
        self.xls_sources = xls_sources
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

    def save(self, sheets: list[Sheet], path: Path) -> None:
        """Save with fixed metadata and zip dates, so the bytes do not depend on the clock."""
        buffer = io.BytesIO()
        self.workbook(sheets).save(buffer)
        stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
        with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w") as dst:
            for info in src.infolist():
                data = src.read(info.filename)
                if info.filename == "docProps/core.xml":
                    data = re.sub(
                        rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                        rb"\g<1>" + stamp + rb"\g<2>",
                        data,
                    )
                fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
                fixed.compress_type = zipfile.ZIP_DEFLATED
                dst.writestr(fixed, data)

    def xlsx(self, name: str, sheets: list[Sheet]) -> str:
        self.save(sheets, self.out / name)
        self.written.append(name)
        return name

    def xls_file(self, name: str, sheets: list[Sheet]) -> str:
        """An .xls converted by LibreOffice from the same sheets (committed; skipped without --xls)."""
        assert name.endswith(".xls")
        self.written.append(name)
        if self.xls_sources is not None:
            self.xls_sources.mkdir(parents=True, exist_ok=True)
            self.save(sheets, self.xls_sources / (name + ".xlsx"))
        if not self.xls:
            return name
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / (name[:-4] + ".xlsx")
            self.save(sheets, src)
            profile = Path(tmp) / "profile"
            converted = Path(tmp) / "out"
            subprocess.run(
                [
                    "soffice",
                    f"-env:UserInstallation=file://{profile}",
                    "--headless",
                    "--convert-to",
                    "xls",
                    "--outdir",
                    str(converted),
                    str(src),
                ],
                check=True,
                capture_output=True,
                timeout=180,
            )
            new = converted / name
            assert new.exists(), name
            # LibreOffice stamps every conversion: keep the committed bytes when the cells agree.
            if not (self.out / name).exists() or cell_values(new) != cell_values(self.out / name):
                shutil.copyfile(new, self.out / name)
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


def cell_values(path: Path) -> dict[str, list[list]]:
    """Every sheet's cell values as python-calamine reads them (.xlsx and .xls alike)."""
    wb = pc.CalamineWorkbook.from_path(str(path))
    return {name: wb.get_sheet_by_name(name).to_python() for name in wb.sheet_names}


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
    # fmt: off
    body = [
        ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH"],
        T(["1", "Ban hành Kế hoạch CCHC năm 2026", "Phòng Văn hóa – Xã hội",
           "Văn phòng HĐND và UBND", date(2026, 1, 31), "Kế hoạch"],
          "I.1", D, "VHXH", ["VP"], "2026-01-31"),
        T(["2", "Kiểm tra công tác CCHC tại các phòng, đơn vị", "Phòng Văn hóa – Xã hội",
           "Văn phòng HĐND và UBND", "Quý III/2026", "Báo cáo"],
          "I.2", D, "VHXH", ["VP"], "2026-09-30"),
        T(["3", "Tuyên truyền về CCHC trên Trang thông tin điện tử phường",
           "Phòng Văn hóa – Xã hội", "Trung tâm Cung ứng dịch vụ sự nghiệp công", "Thường xuyên",
           "Tin, bài"], "I.3", D, "VHXH", ["TTCU"], None),
        ["II", "CẢI CÁCH THỂ CHẾ"],
        T(["1", "Rà soát văn bản quy phạm pháp luật do HĐND, UBND phường ban hành",
           "Văn phòng HĐND và UBND", "Phòng Kinh tế, Hạ tầng và Đô thị", "Quý II/2026", "Báo cáo"],
          "II.1", INS, "VP", ["KTHTDT"], "2026-06-30"),
        ["III", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"],
        T(["1", "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
           "Trung tâm Phục vụ hành chính công", "Công an phường", "Tháng 6/2026",
           "Hồ sơ được số hóa"], "III.1", PRO, "TTPVHCC", ["CAP"], "2026-06-30"),
        T(["2", "Khảo sát sự hài lòng của người dân, tổ chức", "Phòng Văn hóa – Xã hội",
           "Trung tâm Phục vụ hành chính công", "Quý IV/2026", "Kết quả khảo sát"],
          "III.2", PRO, "VHXH", ["TTPVHCC"], "2026-12-31"),
        ["IV", "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ"],
        T(["1", "Đánh giá, xếp loại cán bộ, công chức năm 2026", "Văn phòng HĐND và UBND", None,
           "Tháng 12/2026", "Quyết định"], "IV.1", CS, "VP", [], "2026-12-31"),
        ["V", "CHUYỂN ĐỔI SỐ"],
        T(["1", "Vận hành Trang thông tin điện tử phường", "Phòng Văn hóa – Xã hội",
           "Văn phòng HĐND và UBND", "Cả năm", "Trang thông tin"],
          "V.1", DG, "VHXH", ["VP"], "2026-12-31"),
        T(["2", "Thanh toán trực tuyến phí, lệ phí thủ tục hành chính",
           "Trung tâm Phục vụ hành chính công", "Công an phường", "Trước ngày 15/12/2026",
           "Báo cáo"], "V.2", DG, "TTPVHCC", ["CAP"], "2026-12-15"),
    ]
    # fmt: on
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
    # fmt: off
    body = [
        ["I", "Công tác chỉ đạo, điều hành CCHC"],
        T(["1", "Ban hành Kế hoạch CCHC năm 2026 của xã", "Phòng Văn hóa - Xã hội",
           "Văn phòng HĐND và UBND xã", "31/01/2026", "Kế hoạch"],
          "I.1", D, "VHXH", ["VP"], "2026-01-31"),
        T(["2", "Họp giao ban, đánh giá tình hình CCHC hằng quý", "UBND xã",
           "Phòng Văn hóa - Xã hội", "Thường xuyên", "Thông báo kết luận"],
          "I.2", D, "UBND", ["VHXH"], None),
        ["II", "Cải cách thủ tục hành chính"],
        T(["1", "Tiếp nhận, giải quyết TTHC theo cơ chế một cửa, một cửa liên thông",
           "Trung tâm Phục vụ hành chính công xã", "Phòng Kinh tế, Công an xã", "Thường xuyên",
           "Hồ sơ"], "II.1", PRO, "TTPVHCC", ["KT", "CAX"], None),
        T(["2", "Rà soát, đơn giản hóa TTHC lĩnh vực nông nghiệp, đất đai", "Phòng Kinh tế",
           "Trung tâm Phục vụ hành chính công xã", "Quý II/2026", "Báo cáo"],
          "II.2", PRO, "KT", ["TTPVHCC"], "2026-06-30"),
        T(["3", "Cấp căn cước, định danh điện tử cho người dân", "Công an xã",
           "Trung tâm Phục vụ hành chính công xã và Văn phòng HĐND và UBND xã", "Tháng 9/2026",
           "Báo cáo"], "II.3", PRO, "CAX", ["TTPVHCC", "VP"], "2026-09-30"),
        ["III", "Cải cách chế độ công vụ"],
        T(["1", "Đánh giá, xếp loại cán bộ, công chức", "Văn phòng HĐND và UBND xã",
           "Phòng Văn hóa - Xã hội; Phòng Kinh tế", "Tháng 12/2026", "Quyết định"],
          "III.1", CS, "VP", ["VHXH", "KT"], "2026-12-31"),
        ["IV", "Cải cách tài chính công"],
        T(["1", "Quản lý, sử dụng ngân sách xã đúng quy định", "Phòng Kinh tế",
           "Văn phòng HĐND và UBND xã", "Cả năm", "Báo cáo quyết toán"],
          "IV.1", PF, "KT", ["VP"], "2026-12-31"),
        T(["2", "Giao quyền tự chủ tài chính cho đơn vị sự nghiệp công lập",
           "Trung tâm Cung ứng dịch vụ sự nghiệp công xã", "Phòng Kinh tế", "Quý III/2026",
           "Quyết định"], "IV.2", PF, "TTCU", ["KT"], "2026-09-30"),
    ]
    # fmt: on
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
    # fmt: off
    body = [
        ["I", "CAI CACH THE CHE"],
        T(["1", "Ra soat van ban QPPL do HDND, UBND xa ban hanh", "Van phong HDND va UBND xa",
           "Phong Kinh te", "Quy II/2026"], "I.1", INS, "VP", ["KT"], "2026-06-30"),
        T(["2", "Xay dung quy che phoi hop giua cac phong, don vi", "Van phong HDND va UBND",
           "Phong Van hoa - Xa hoi, Cong an xa", "Thang 5/2026"],
          "I.2", INS, "VP", ["VHXH", "CAX"], "2026-05-31"),
        ["II", "CAI CACH THU TUC HANH CHINH"],
        T(["1", "Cong khai TTHC tren Cong dich vu cong quoc gia", "TT PVHCC xa", "Phong Kinh te",
           "Thuong xuyen"], "II.1", PRO, "TTPVHCC", ["KT"], None),
        T(["2", "Giai quyet ho so dat dai dung han", "Phong Kinh te", "TT PVHCC", "Ca nam"],
          "II.2", PRO, "KT", ["TTPVHCC"], "2026-12-31"),
        ["III", "CHUYEN DOI SO"],
        T(["1", "Thanh toan truc tuyen phi, le phi", "TT PVHCC", "Cong an xa; Phong Kinh te",
           "6 thang dau nam"], "III.1", DG, "TTPVHCC", ["CAX", "KT"], "2026-06-30"),
        T(["2", "Tuyen truyen, huong dan su dung VNeID", "Cong an xa", "Phong Van hoa - Xa hoi",
           "Quy III/2026"], "III.2", DG, "CAX", ["VHXH"], "2026-09-30"),
        T(["3", "Duy tri Trang thong tin dien tu xa", "Phong Van hoa - Xa hoi",
           "Van phong HDND va UBND xa", "Nam 2026"], "III.3", DG, "VHXH", ["VP"], "2026-12-31"),
    ]
    # fmt: on
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
    # fmt: off
    body = [
        ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC"],
        T(["1", "Ban hành Kế hoạch CCHC năm 2026", "Phòng Văn hóa - Xã hội",
           "Văn phòng HĐND và UBND", "Tháng 1/2026"], "I.1", D, "VHXH", ["VP"], "2026-01-31"),
        T(["2", "Ban hành Kế hoạch tuyên truyền CCHC", "Phòng Văn hóa - Xã hội",
           "Trung tâm Cung ứng dịch vụ sự nghiệp công", "Quý I/2026"],
          "I.2", D, "VHXH", ["TTCU"], "2026-03-31"),
        T(["3", "Kiểm tra công tác CCHC tại các phòng, đơn vị", "Phòng Văn hóa - Xã hội",
           "Văn phòng HĐND và UBND", "Quý III/2026"], "I.3", D, "VHXH", ["VP"], "2026-09-30"),
        ["II", "CẢI CÁCH THỂ CHẾ"],
        T(["1", "Rà soát văn bản quy phạm pháp luật", "Văn phòng HĐND và UBND",
           "Phòng Kinh tế, Hạ tầng và Đô thị", "Quý II/2026"],
          "II.1", INS, "VP", ["KTHTDT"], "2026-06-30"),
        T(["2", "Theo dõi tình hình thi hành pháp luật", "Văn phòng HĐND và UBND",
           "Công an phường", "Năm 2026"], "II.2", INS, "VP", ["CAP"], "2026-12-31"),
        ["III", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"],
        T(["1", "Công khai thủ tục hành chính tại Trung tâm", "Trung tâm Phục vụ hành chính công",
           "Văn phòng HĐND và UBND", "Tháng 3/2026"],
          "III.1", PRO, "TTPVHCC", ["VP"], "2026-03-31"),
        T(["2", "Rà soát TTHC lĩnh vực đất đai, xây dựng", "Phòng Kinh tế, Hạ tầng và Đô thị",
           "Trung tâm Phục vụ hành chính công", "Quý III/2026"],
          "III.2", PRO, "KTHTDT", ["TTPVHCC"], "2026-09-30"),
        T(["3", "Khảo sát mức độ hài lòng của người dân", "Trung tâm Phục vụ hành chính công",
           "Phòng Văn hóa - Xã hội", "Quý IV/2026"],
          "III.3", PRO, "TTPVHCC", ["VHXH"], "2026-12-31"),
        ["IV", "CẢI CÁCH TÀI CHÍNH CÔNG"],
        T(["1", "Thực hiện cơ chế tự chủ tài chính", "Trung tâm Cung ứng dịch vụ sự nghiệp công",
           "Phòng Kinh tế, Hạ tầng và Đô thị", "Tháng 6/2026"],
          "IV.1", PF, "TTCU", ["KTHTDT"], "2026-06-30"),
        ["V", "CHUYỂN ĐỔI SỐ"],
        T(["1", "Số hóa hồ sơ, kết quả giải quyết TTHC", "Trung tâm Phục vụ hành chính công",
           "Công an phường", "Tháng 9/2026"], "V.1", DG, "TTPVHCC", ["CAP"], "2026-09-30"),
        T(["2", "Xử lý hồ sơ công việc trên môi trường mạng", "Văn phòng HĐND và UBND",
           "Phòng Văn hóa - Xã hội", "Cả năm"], "V.2", DG, "VP", ["VHXH"], "2026-12-31"),
        T(["3", "Làm sạch dữ liệu dân cư", "Công an phường", "Trung tâm Phục vụ hành chính công",
           "Thường xuyên"], "V.3", DG, "CAP", ["TTPVHCC"], None),
    ]
    # fmt: on
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
    # fmt: off
    body = [
        ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH"],
        T(["1", "Xây dựng, ban hành Kế hoạch CCHC năm 2026", "Phòng VH - XH",
           "Văn phòng HĐND và UBND, Trung tâm PVHCC", "Quý I/2026", "Kế hoạch"],
          "I.1", D, "VHXH", ["VP", "TTPVHCC"], "2026-03-31"),
        T(["2", "Tuyên truyền CCHC trên Trang thông tin điện tử phường", "Phòng VH-XH",
           "TTCUDVSNC", "Thường xuyên", "Tin, bài"], "I.2", D, "VHXH", ["TTCU"], None),
        ["II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"],
        T(["1", "Công khai đầy đủ TTHC tại Trung tâm", "Trung tâm PVHCC",
           "Công an phường Kinh Bắc; P. KT-HT&ĐT", "Tháng 3/2026", "Danh mục TTHC"],
          "II.1", PRO, "TTPVHCC", ["CAP", "KTHTDT"], "2026-03-31"),
        T(["2", "Rà soát, đơn giản hóa TTHC lĩnh vực đất đai, xây dựng", "P. KT-HT&ĐT",
           "Trung tâm PVHCC", "Quý III/2026", "Báo cáo"],
          "II.2", PRO, "KTHTDT", ["TTPVHCC"], "2026-09-30"),
        T(["3", "Giải quyết TTHC lĩnh vực cư trú đúng hạn", "Công an phường Kinh Bắc",
           "Trung tâm PVHCC", "Thường xuyên", "Hồ sơ"], "II.3", PRO, "CAP", ["TTPVHCC"], None),
        ["III", "CẢI CÁCH TỔ CHỨC BỘ MÁY HÀNH CHÍNH NHÀ NƯỚC"],
        T(["1", "Rà soát chức năng, nhiệm vụ của các phòng, đơn vị",
           "Văn phòng HĐND và UBND phường", "Phòng VH - XH", "Tháng 6/2026", "Báo cáo"],
          "III.1", APP, "VP", ["VHXH"], "2026-06-30"),
        ["IV", "CẢI CÁCH TÀI CHÍNH CÔNG"],
        T(["1", "Thực hiện tự chủ tài chính tại đơn vị sự nghiệp", "TTCUDVSNC", "P. KT-HT&ĐT",
           "Năm 2026", "Báo cáo"], "IV.1", PF, "TTCU", ["KTHTDT"], "2026-12-31"),
        ["V", "CHUYỂN ĐỔI SỐ"],
        T(["1", "Số hóa sổ hộ tịch", "TT PVHCC", "Phòng VH - XH\nCông an phường",
           "Trước ngày 30/11/2026", "Dữ liệu"],
          "V.1", DG, "TTPVHCC", ["VHXH", "CAP"], "2026-11-30"),
        T(["2", "Vận hành hệ thống quản lý văn bản và điều hành", "Văn phòng HĐND & UBND",
           "Phòng VH - XH và P. KT-HT&ĐT", "Cả năm", "Văn bản điện tử"],
          "V.2", DG, "VP", ["VHXH", "KTHTDT"], "2026-12-31"),
    ]
    # fmt: on
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
    # fmt: off
    body = [
        ["I", "CẢI CÁCH TÀI CHÍNH CÔNG"],
        T(["1", "Công khai dự toán ngân sách phường", "Văn phòng HĐND và UBND",
           "Phòng Văn hóa – Xã hội", "Quý I/2026", "Báo cáo"],
          "I.1", PF, "VP", ["VHXH"], "2026-03-31"),
        T(["2", "Quyết toán ngân sách năm 2025", "Phòng Tài chính - Kế hoạch",
           "Văn phòng HĐND và UBND", "Quý II/2026", "Báo cáo"], "I.2", PF, "?", None, "2026-06-30"),
        ["II", "CHUYỂN ĐỔI SỐ"],
        T(["1", "Thanh toán không dùng tiền mặt", "Trung tâm Phục vụ hành chính công",
           "Công an phường", "Cả năm", "Báo cáo"], "II.1", DG, "TTPVHCC", ["CAP"], "2026-12-31"),
    ]
    # fmt: on
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
    # fmt: off
    body = [
        ["I", "CẢI CÁCH THỂ CHẾ"],
        T(["1", "Rà soát, hệ thống hóa văn bản", "Văn phòng HĐND và UBND",
           "Phòng Văn hóa – Xã hội, Phòng Kinh tế, Hạ tầng và Đô thị và Công an phường",
           "Quý II/2026"], "I.1", INS, "VP", ["VHXH", "KTHTDT", "CAP"], "2026-06-30"),
        T(["2", "Kiểm tra việc thi hành pháp luật", "Chủ tịch UBND phường",
           "Văn phòng HĐND và UBND, Phòng Văn hóa – Xã hội và Công an phường", "Quý IV/2026"],
          "I.2", INS, "UBND", ["VP", "VHXH", "CAP"], "2026-12-31"),
        ["II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"],
        T(["1", "Rà soát quy trình nội bộ giải quyết TTHC", "Phòng Kinh tế, Hạ tầng & Đô thị",
           "Trung tâm Phục vụ hành chính công; Văn phòng HĐND và UBND", "Tháng 8/2026"],
          "II.1", PRO, "KTHTDT", ["TTPVHCC", "VP"], "2026-08-31"),
        T(["2", "Tiếp nhận hồ sơ ngoài giờ hành chính", "Trung tâm Phục vụ hành chính công",
           "Văn phòng HĐND và UBND\nPhòng Văn hóa – Xã hội\nCông an phường", "Cả năm"],
          "II.2", PRO, "TTPVHCC", ["VP", "VHXH", "CAP"], "2026-12-31"),
        ["III", "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ"],
        T(["1", "Tuyển dụng, bố trí công chức theo vị trí việc làm", "UBND phường",
           "P.VHXH, P.KTHTĐT", "Năm 2026"], "III.1", CS, "UBND", ["VHXH", "KTHTDT"], "2026-12-31"),
        ["IV", "CHUYỂN ĐỔI SỐ"],
        T(["1", "Kết nối dữ liệu dân cư với các hệ thống chuyên ngành", "Công an phường Võ Cường",
           "TTPVHCC; TTCU; VP", "Quý III/2026"],
          "IV.1", DG, "CAP", ["TTPVHCC", "TTCU", "VP"], "2026-09-30"),
    ]
    # fmt: on
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
    # fmt: off
    body = [
        ["CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH"],
        T(["1", "Ban hành Kế hoạch CCHC năm 2026", "Phòng Văn hóa - Xã hội",
           "Văn phòng HĐND và UBND xã", "Tháng 1/2026", "Kế hoạch"],
          "I.1", D, "VHXH", ["VP"], "2026-01-31"),
        T(["2", "Báo cáo CCHC định kỳ quý, 6 tháng, năm", "Phòng Văn hóa - Xã hội", None,
           "Thường xuyên", "Báo cáo"], "I.2", D, "VHXH", [], None),
        ["Cải cách thủ tục hành chính"],
        T(["1", "Công bố, công khai TTHC", "Trung tâm Phục vụ hành chính công", "Phòng Kinh tế",
           "Quý I/2026", "Danh mục"], "II.1", PRO, "TTPVHCC", ["KT"], "2026-03-31"),
        T(["2", "Giải quyết hồ sơ TTHC đúng và trước hạn", "Trung tâm Phục vụ hành chính công",
           "Công an xã", "Cả năm", "Báo cáo"], "II.2", PRO, "TTPVHCC", ["CAX"], "2026-12-31"),
        T(["3", "Rà soát thủ tục lĩnh vực đất đai", "Phòng Kinh tế",
           "Trung tâm Phục vụ hành chính công", "Quý III/2026", "Báo cáo"],
          "II.3", PRO, "KT", ["TTPVHCC"], "2026-09-30"),
        ["Cải cách chế độ công vụ"],
        T(["1", "Đánh giá, xếp loại chất lượng công chức", "Văn phòng HĐND và UBND xã",
           "Phòng Văn hóa - Xã hội", "Tháng 12/2026", "Quyết định"],
          "III.1", CS, "VP", ["VHXH"], "2026-12-31"),
        ["Chuyển đổi số, xây dựng chính quyền số"],
        T(["1", "Cập nhật dữ liệu đất đai vào cơ sở dữ liệu quốc gia", "Phòng Kinh tế",
           "Công an xã", "Quý IV/2026", "Dữ liệu"], "IV.1", DG, "KT", ["CAX"], "2026-12-31"),
        T(["2", "Tổ chức hội nghị trực tuyến", "Văn phòng HĐND và UBND xã",
           "Trung tâm Cung ứng dịch vụ sự nghiệp công", "Năm 2026", "Hội nghị"],
          "IV.2", DG, "VP", ["TTCU"], "2026-12-31"),
    ]
    # fmt: on
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
    # fmt: off
    body = [
        ["Cải cách thể chế"],
        T(["1", "Xây dựng, ban hành văn bản QPPL theo thẩm quyền", "Văn phòng HĐND và UBND",
           "Phòng Kinh tế, Hạ tầng và Đô thị", "Cả năm", "Văn bản"],
          "I.1", INS, "VP", ["KTHTDT"], "2026-12-31"),
        T(["2", "Tự kiểm tra văn bản QPPL", "Văn phòng HĐND và UBND", None, "Quý IV/2026",
           "Báo cáo"], "I.2", INS, "VP", [], "2026-12-31"),
        ["Cải cách thủ tục hành chính"],
        T(["1", "Niêm yết, công khai TTHC", "Trung tâm Phục vụ hành chính công", None,
           "Tháng 2/2026", "Danh mục"], "II.1", PRO, "TTPVHCC", [], "2026-02-28"),
        T(["2", "Đối thoại với người dân, doanh nghiệp về TTHC", "Phòng Văn hóa - Xã hội",
           "Trung tâm Phục vụ hành chính công", "Quý III/2026", "Biên bản"],
          "II.2", PRO, "VHXH", ["TTPVHCC"], "2026-09-30"),
        ["Cải cách tổ chức bộ máy hành chính nhà nước"],
        T(["1", "Xây dựng đề án vị trí việc làm", "Văn phòng HĐND và UBND", "Các phòng chuyên môn",
           "Tháng 6/2026", "Đề án"], "III.1", APP, "VP", None, "2026-06-30"),
        ["Cải cách tài chính công"],
        T(["1", "Công khai ngân sách theo quy định", "Phòng Kinh tế, Hạ tầng và Đô thị",
           "Văn phòng HĐND và UBND", "Quý I/2026", "Báo cáo"],
          "IV.1", PF, "KTHTDT", ["VP"], "2026-03-31"),
    ]
    # fmt: on
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
    # fmt: off
    body = [
        ["I.", "Công tác chỉ đạo, điều hành CCHC"],
        T(["1", "Ban hành kế hoạch kiểm tra CCHC", "Phòng Văn hóa – Xã hội",
           "Văn phòng HĐND và UBND", "Quý I/2026", "Kế hoạch"],
          "I.1", D, "VHXH", ["VP"], "2026-03-31"),
        T(["2", "Sơ kết 6 tháng công tác CCHC", "Phòng Văn hóa – Xã hội", None, "Tháng 6/2026",
           "Báo cáo"], "I.2", D, "VHXH", [], "2026-06-30"),
        ["II.", "Cải cách thủ tục hành chính"],
        T(["3", "Rà soát, đánh giá TTHC", "Trung tâm Phục vụ hành chính công",
           "Phòng Kinh tế, Hạ tầng và Đô thị", "Quý II/2026", "Báo cáo"],
          "II.3", PRO, "TTPVHCC", ["KTHTDT"], "2026-06-30"),
        T(["4", "Thực hiện dịch vụ công trực tuyến toàn trình",
           "Trung tâm Phục vụ hành chính công", "Công an phường", "Cả năm", "Hồ sơ"],
          "II.4", PRO, "TTPVHCC", ["CAP"], "2026-12-31"),
        ["III.", "Cải cách chế độ công vụ"],
        T(["5", "Bồi dưỡng kỹ năng cho công chức một cửa", "Văn phòng HĐND và UBND",
           "Trung tâm Phục vụ hành chính công", "Quý III/2026", "Lớp bồi dưỡng"],
          "III.5", CS, "VP", ["TTPVHCC"], "2026-09-30"),
        T(["6", "Kiểm tra kỷ luật, kỷ cương hành chính", "Văn phòng HĐND và UBND",
           "Phòng Văn hóa – Xã hội", "Thường xuyên", "Biên bản"],
          "III.6", CS, "VP", ["VHXH"], None),
        T(["7", "Đánh giá công chức theo kết quả công việc", "UBND phường", None, "Tháng 12/2026",
           "Quyết định"], "III.7", CS, "UBND", [], "2026-12-31"),
        ["IV.", "Chuyển đổi số"],
        T(["8", "Số hóa kết quả giải quyết TTHC còn hiệu lực", "Trung tâm Phục vụ hành chính công",
           "Phòng Văn hóa – Xã hội", "Trước ngày 15/12/2026", "Dữ liệu"],
          "IV.8", DG, "TTPVHCC", ["VHXH"], "2026-12-15"),
    ]
    # fmt: on
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
    # fmt: off
    body = [
        ["I", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"],
        T(["1", "Công khai thủ tục hành chính", "Trung tâm Phục vụ hành chính công",
           "Văn phòng HĐND và UBND", "6 tháng đầu năm", "Danh mục"],
          "I.1", PRO, "TTPVHCC", ["VP"], "2026-06-30"),
        T(["a)", "Niêm yết tại Trung tâm", "TT PVHCC", None, "Tháng 3/2026", None],
          "I.1.a", PRO, "TTPVHCC", [], "2026-03-31"),
        T(["b)", "Đăng tải trên Trang thông tin điện tử xã", "Phòng Văn hóa - Xã hội",
           "Trung tâm Phục vụ hành chính công", "Tháng 6/2026", None],
          "I.1.b", PRO, "VHXH", ["TTPVHCC"], "2026-06-30"),
        T(["2", "Số hóa hồ sơ thủ tục hành chính", "Trung tâm Phục vụ hành chính công", None,
           "Năm 2026", "Dữ liệu"], "I.2", PRO, "TTPVHCC", [], "2026-12-31"),
        T(["-", "Số hóa hồ sơ tiếp nhận mới", None, "Công an xã", "Quý II/2026", None],
          "I.2.1", PRO, "TTPVHCC", ["CAX"], "2026-06-30"),
        T(["-", "Số hóa kết quả giải quyết còn hiệu lực", "Phòng Kinh tế", None, "Quý IV/2026",
           None], "I.2.2", PRO, "KT", [], "2026-12-31"),
        ["II", "CHUYỂN ĐỔI SỐ"],
        T(["1", "Triển khai các nền tảng số dùng chung", "Văn phòng HĐND và UBND",
           "Phòng Kinh tế, Phòng Văn hóa - Xã hội", "Cả năm", "Báo cáo"],
          "II.1", DG, "VP", ["KT", "VHXH"], "2026-12-31"),
        T(["1.1", "Cấp chữ ký số cho cán bộ, công chức", "Văn phòng HĐND và UBND", None,
           "Quý I/2026", None], "II.1.1", DG, "VP", [], "2026-03-31"),
        T(["1.2", "Xử lý hồ sơ công việc trên môi trường mạng", "Văn phòng HĐND và UBND",
           "Phòng Kinh tế", "30/9/2026", None], "II.1.2", DG, "VP", ["KT"], "2026-09-30"),
    ]
    # fmt: on
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
    # fmt: off
    body = [
        ["I", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"],
        T(["1", "Rà soát TTHC quý I", "Trung tâm Phục vụ hành chính công", None, 46112, "Báo cáo"],
          "I.1", PRO, "TTPVHCC", [], "2026-03-31"),
        T(["2", "Rà soát TTHC quý II", "Trung tâm Phục vụ hành chính công", None, 46203,
           "Báo cáo"], "I.2", PRO, "TTPVHCC", [], "2026-06-30"),
        T(["3", "Niêm yết TTHC mới ban hành", "Trung tâm Phục vụ hành chính công", None,
           "15/3/2026", "Danh mục"], "I.3", PRO, "TTPVHCC", [], "2026-03-15"),
        T(["4", "Đối thoại doanh nghiệp", "Phòng Kinh tế, Hạ tầng và Đô thị", None,
           date(2026, 4, 30), "Biên bản"], "I.4", PRO, "KTHTDT", [], "2026-04-30"),
        ["II", "CHUYỂN ĐỔI SỐ"],
        T(["1", "Số hóa hồ sơ hộ tịch", "Phòng Văn hóa – Xã hội", None, 46295, "Dữ liệu"],
          "II.1", DG, "VHXH", [], "2026-09-30"),
        T(["2", "Cập nhật dữ liệu dân cư", "Công an phường", None, 46310.0, "Dữ liệu"],
          "II.2", DG, "CAP", [], "2026-10-15"),
        T(["3", "Triển khai ký số trên thiết bị di động", "Văn phòng HĐND và UBND", None,
           "05/6/2026", "Báo cáo"], "II.3", DG, "VP", [], "2026-06-05"),
        T(["4", "Báo cáo tổng kết chuyển đổi số", "Văn phòng HĐND và UBND", None,
           F(date(2026, 12, 20), "d/m/yyyy"), "Báo cáo"], "II.4", DG, "VP", [], "2026-12-20"),
    ]
    # fmt: on
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
    # fmt: off
    body = [
        ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC"],
        T(["1", "Kiểm tra CCHC đợt 1", "Phòng Văn hóa - Xã hội", None, "Quý III/2026"],
          "I.1", D, "VHXH", [], "2026-09-30"),
        T(["2", "Kiểm tra CCHC đợt 2", "Phòng Văn hóa - Xã hội", None, "Tháng 10/2026"],
          "I.2", D, "VHXH", [], "2026-10-31"),
        T(["3", "Theo dõi, đôn đốc thực hiện kế hoạch", "Phòng Văn hóa - Xã hội", None,
           "Thường xuyên"], "I.3", D, "VHXH", [], None),
        T(["4", "Tham gia hội thi CCHC của tỉnh", "Phòng Văn hóa - Xã hội", None,
           "Theo kế hoạch của tỉnh"], "I.4", D, "VHXH", [], None),
        ["II", "CẢI CÁCH THỂ CHẾ"],
        T(["1", "Rà soát văn bản 6 tháng", "Văn phòng HĐND và UBND", None, "6 tháng đầu năm"],
          "II.1", INS, "VP", [], "2026-06-30"),
        T(["2", "Theo dõi thi hành pháp luật", "Văn phòng HĐND và UBND", None, "Năm 2026"],
          "II.2", INS, "VP", [], "2026-12-31"),
        T(["3", "Phổ biến văn bản mới", "Văn phòng HĐND và UBND", None, "Cả năm"],
          "II.3", INS, "VP", [], "2026-12-31"),
        ["III", "CHUYỂN ĐỔI SỐ"],
        T(["1", "Số hóa hồ sơ lưu trữ", "Văn phòng HĐND và UBND", None, "Trước ngày 15/12/2026"],
          "III.1", DG, "VP", [], "2026-12-15"),
        T(["2", "Báo cáo chuyển đổi số năm", "Văn phòng HĐND và UBND", None, "Quý IV năm 2026"],
          "III.2", DG, "VP", [], "2026-12-31"),
        T(["3", "Đào tạo kỹ năng số cho người dân", "Trung tâm Cung ứng dịch vụ sự nghiệp công",
           None, "Tháng 11 năm 2026"], "III.3", DG, "TTCU", [], "2026-11-30"),
    ]
    # fmt: on
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
    # fmt: off
    body = [
        ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC"],
        T(["1", "Ban hành Kế hoạch CCHC năm 2026", "Phòng Văn hóa - Xã hội", None, "Tháng 1/2026",
           "Kế hoạch"], "I.1", D, "VHXH", [], "2026-01-31"),
        T(["2", "Tổ chức tuyên truyền CCHC", "Phòng Văn hóa - Xã hội", None, "Phòng VHXH chủ trì",
           "Tin bài"], "I.2", D, "VHXH", [], "?"),
        ["II", "CẢI CÁCH TÀI CHÍNH CÔNG"],
        T(["1", "Công khai tài chính", "Phòng Kinh tế", None, "Quý II/2026", "Báo cáo"],
          "II.1", PF, "KT", [], "2026-06-30"),
    ]
    # fmt: on
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
# 4. Progress reports (each case loads its plan first)
# =========================================================================================


def report_heading(
    unit_upper: str, dept_upper: str | None, lines: list[str], place_date: str
) -> list[list]:
    rows: list[list] = [[unit_upper, None, None, MOTTO], [dept_upper, None, None, MOTTO2]]
    rows.append([None, None, None, place_date])
    rows += [[line] for line in lines]
    rows.append([])
    return rows


REPORT_SIGN = [
    [],
    [None, "NGƯỜI LẬP BIỂU", None, "TRƯỞNG PHÒNG"],
    [],
    [None, None, None, "(đã ký)"],
]


@case
def report_narrative_and_status(b: Builder) -> None:
    plan = b.xlsx(PLAN_VC_FILE, plan_vo_cuong())
    heading = report_heading(
        "UBND PHƯỜNG VÕ CƯỜNG",
        "PHÒNG VĂN HÓA - XÃ HỘI",
        ["BÁO CÁO", "Kết quả thực hiện nhiệm vụ cải cách hành chính Quý III năm 2026"],
        "Võ Cường, ngày 05 tháng 10 năm 2026",
    )
    header = [["STT", "Nhiệm vụ", "Kết quả thực hiện", "Tình trạng", "Ghi chú"]]
    body = [
        ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH"],
        [
            "1",
            "Ban hành Kế hoạch CCHC năm 2026",
            "Đã ban hành Kế hoạch số 12/KH-UBND ngày 15/01/2026 và triển khai đến 100% các phòng, "
            "đơn vị, tổ dân phố; tổ chức hội nghị quán triệt ngày 20/01/2026.",
            "Đã hoàn thành",
        ],
        [
            "2",
            "Kiểm tra công tác CCHC tại các phòng, đơn vị",
            "Đã hoàn thành kiểm tra 3/5 phòng, đơn vị theo kế hoạch; 2 đơn vị còn lại chưa kiểm tra "
            "do trùng lịch tiếp công dân, sẽ hoàn thành trong tháng 10/2026.",
            "Đang thực hiện",
        ],
        [
            "3",
            "Tuyên truyền về CCHC trên Trang thông tin điện tử phường",
            "Đăng tải 24 tin, bài về cải cách hành chính; duy trì chuyên mục CCHC, hoàn thành chỉ "
            "tiêu quý III.",
            "Đang thực hiện",
        ],
        ["III", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"],
        [
            "2",
            "Khảo sát sự hài lòng của người dân, tổ chức",
            "Chưa triển khai; dự kiến thực hiện trong tháng 11/2026 sau khi có bộ phiếu khảo sát "
            "của tỉnh.",
            "Chưa thực hiện",
        ],
        ["V", "CHUYỂN ĐỔI SỐ"],
        [
            "1",
            "Vận hành Trang thông tin điện tử phường",
            "Trang thông tin điện tử hoạt động ổn định, cập nhật đầy đủ văn bản chỉ đạo, điều hành.",
            "Đang thực hiện",
        ],
    ]
    f = b.xlsx(
        "bao-cao-q3-2026-vhxh-phuong-vo-cuong-ket-qua-dien-giai.xlsx",
        [Sheet("Báo cáo", [*heading, *header, *body, *REPORT_SIGN])],
    )
    b.case(
        "report-narrative-beside-status",
        [plan, f],
        ["loaded", "loaded"],
        "Department report with a long 'Kết quả thực hiện' narrative (which itself says 'hoàn "
        "thành') beside the 'Tình trạng' column; the status column decides.",
        tasks=tasks_expect(VC, 2026, tasks_in(plan_vo_cuong())),
        reports={
            "period": "2026-Q3",
            "rows": {
                "I.1": ["done", None],
                "I.2": ["in_progress", None],
                "I.3": ["in_progress", None],
                "III.2": ["not_started", None],
                "V.1": ["in_progress", None],
            },
        },
    )


@case
def report_percent_only(b: Builder) -> None:
    plan = b.xlsx(PLAN_TC_FILE, plan_tan_chi())
    heading = report_heading(
        "UBND XÃ TÂN CHI",
        "PHÒNG VĂN HÓA - XÃ HỘI",
        ["BÁO CÁO", "Tiến độ thực hiện nhiệm vụ cải cách hành chính Quý II năm 2026"],
        "Tân Chi, ngày 15 tháng 6 năm 2026",
    )
    header = [
        [
            "STT",
            "Nội dung nhiệm vụ",
            "Đơn vị chủ trì",
            "Thời hạn",
            "Tiến độ thực hiện (%)",
            "Ghi chú",
        ]
    ]
    pct = "0%"
    body = [
        ["I", "Công tác chỉ đạo, điều hành CCHC"],
        [
            "1",
            "Ban hành Kế hoạch CCHC năm 2026 của xã",
            "Phòng Văn hóa - Xã hội",
            "31/01/2026",
            F(1, pct),
        ],
        [
            "2",
            "Họp giao ban, đánh giá tình hình CCHC hằng quý",
            "UBND xã",
            "Thường xuyên",
            F(0.5, pct),
        ],
        ["II", "Cải cách thủ tục hành chính"],
        [
            "1",
            "Tiếp nhận, giải quyết TTHC theo cơ chế một cửa, một cửa liên thông",
            "Trung tâm Phục vụ hành chính công xã",
            "Thường xuyên",
            F(0.75, pct),
        ],
        [
            "2",
            "Rà soát, đơn giản hóa TTHC lĩnh vực nông nghiệp, đất đai",
            "Phòng Kinh tế",
            "Quý II/2026",
            F(1, pct),
        ],
        [
            "3",
            "Cấp căn cước, định danh điện tử cho người dân",
            "Công an xã",
            "Tháng 9/2026",
            F(0.3, pct),
        ],
        ["III", "Cải cách chế độ công vụ"],
        [
            "1",
            "Đánh giá, xếp loại cán bộ, công chức",
            "Văn phòng HĐND và UBND xã",
            "Tháng 12/2026",
            F(0, pct),
        ],
        ["IV", "Cải cách tài chính công"],
        [
            "1",
            "Quản lý, sử dụng ngân sách xã đúng quy định",
            "Phòng Kinh tế",
            "Cả năm",
            F(0.5, pct),
        ],
        [
            "2",
            "Giao quyền tự chủ tài chính cho đơn vị sự nghiệp công lập",
            "Trung tâm Cung ứng dịch vụ sự nghiệp công xã",
            "Quý III/2026",
            F(0.2, pct),
        ],
    ]
    f = b.xlsx(
        "bao-cao-q2-2026-xa-tan-chi-chi-co-ty-le.xlsx",
        [Sheet("BC quý II", [*heading, *header, *body, *REPORT_SIGN])],
    )
    b.case(
        "report-status-only-in-percent",
        [plan, f],
        ["loaded", "loaded"],
        "Commune report with no status column: percent cells formatted '0%' holding 1 (shows "
        "100%: done), 0.5 (in progress), 0 (not started).",
        tasks=tasks_expect(TC, 2026, tasks_in(plan_tan_chi())),
        reports={
            "period": "2026-Q2",
            "rows": {
                "I.1": ["done", 100.0],
                "I.2": ["in_progress", 50.0],
                "II.1": ["in_progress", 75.0],
                "II.2": ["done", 100.0],
                "II.3": ["in_progress", 30.0],
                "III.1": ["not_started", 0.0],
                "IV.1": ["in_progress", 50.0],
                "IV.2": ["in_progress", 20.0],
            },
        },
    )


@case
def report_combined_with_summary(b: Builder) -> None:
    plan = b.xlsx(PLAN_KB_FILE, plan_kinh_bac())
    heading = [
        ["UBND PHƯỜNG KINH BẮC", None, None, MOTTO],
        [None, None, None, MOTTO2],
        [None, None, None, "Kinh Bắc, ngày 18 tháng 9 năm 2026"],
        ["BÁO CÁO TỔNG HỢP"],
        ["Kết quả thực hiện Kế hoạch cải cách hành chính Quý III năm 2026"],
        [],
    ]
    header = [
        [
            "STT",
            "Nội dung nhiệm vụ",
            "Đơn vị thực hiện",
            "Tình trạng",
            "Tỷ lệ hoàn thành (%)",
            "Ghi chú",
        ]
    ]
    done = "Hoàn thành"
    doing = "Đang thực hiện"
    body = [
        ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC"],
        ["1", "Ban hành Kế hoạch CCHC năm 2026", "Phòng VH-XH", done, 100],
        ["2", "Ban hành Kế hoạch tuyên truyền CCHC", "Phòng VH-XH", done, 100],
        ["3", "Kiểm tra công tác CCHC tại các phòng, đơn vị", "Phòng VH-XH", done, 100],
        ["II", "CẢI CÁCH THỂ CHẾ"],
        ["1", "Rà soát văn bản quy phạm pháp luật", "Văn phòng HĐND và UBND", done, 100],
        ["2", "Theo dõi tình hình thi hành pháp luật", "Văn phòng HĐND và UBND", doing, 70],
        ["III", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"],
        ["1", "Công khai thủ tục hành chính tại Trung tâm", "TT PVHCC", done, 100],
        ["2", "Rà soát TTHC lĩnh vực đất đai, xây dựng", "P. KT-HT&ĐT", doing, 80],
        ["3", "Khảo sát mức độ hài lòng của người dân", "TT PVHCC", "Chưa thực hiện", 0],
        ["IV", "CẢI CÁCH TÀI CHÍNH CÔNG"],
        ["1", "Thực hiện cơ chế tự chủ tài chính", "TTCU", done, 100],
        ["V", "CHUYỂN ĐỔI SỐ"],
        ["1", "Số hóa hồ sơ, kết quả giải quyết TTHC", "TT PVHCC", done, 100],
        ["2", "Xử lý hồ sơ công việc trên môi trường mạng", "Văn phòng HĐND và UBND", doing, 75],
        ["3", "Làm sạch dữ liệu dân cư", "Công an phường", doing, None],
        [None, "Tổng số: 12 nhiệm vụ, đã hoàn thành 7, đang thực hiện 4, chưa thực hiện 1"],
        [None, "Tỷ lệ hoàn thành: 58,3%"],
    ]
    f = b.xlsx(
        "bao-cao-tong-hop-q3-2026-phuong-kinh-bac.xlsx",
        [Sheet("Tổng hợp", [*heading, *header, *body, *REPORT_SIGN])],
    )
    b.case(
        "report-combined-with-summary-lines",
        [plan, f],
        ["loaded", "loaded"],
        "Unit-wide report with a 'Đơn vị thực hiện' column and summary lines under the table "
        "('Tổng số: 12 nhiệm vụ, đã hoàn thành 7 …') that are not tasks. Its plan has the "
        "header on row 9.",
        tasks=tasks_expect(KB, 2026, tasks_in(plan_kinh_bac())),
        reports={
            "period": "2026-Q3",
            "rows": {
                "I.1": ["done", 100.0],
                "I.2": ["done", 100.0],
                "I.3": ["done", 100.0],
                "II.1": ["done", 100.0],
                "II.2": ["in_progress", 70.0],
                "III.1": ["done", 100.0],
                "III.2": ["in_progress", 80.0],
                "III.3": ["not_started", 0.0],
                "IV.1": ["done", 100.0],
                "V.1": ["done", 100.0],
                "V.2": ["in_progress", 75.0],
                "V.3": ["in_progress", None],
            },
        },
    )


@case
def report_no_diacritics_xls(b: Builder) -> None:
    plan = b.xlsx(PLAN_DC_FILE, plan_dong_cuu_no_diacritics())
    heading = [
        ["UBND XA DONG CUU", None, None, "CONG HOA XA HOI CHU NGHIA VIET NAM"],
        ["VAN PHONG HDND VA UBND", None, None, "Doc lap - Tu do - Hanh phuc"],
        [None, None, None, "Dong Cuu, ngay 12 thang 6 nam 2026"],
        ["BAO CAO"],
        ["Tien do thuc hien nhiem vu cai cach hanh chinh 6 thang dau nam 2026"],
        [],
    ]
    header = [["STT", "Nhiem vu", "Don vi chu tri", "Tinh trang", "Ty le (%)", "Ghi chu"]]
    body = [
        ["I", "CAI CACH THE CHE"],
        [
            "1",
            "Ra soat van ban QPPL do HDND, UBND xa ban hanh",
            "Van phong HDND va UBND xa",
            "Da hoan thanh",
            100,
        ],
        [
            "2",
            "Xay dung quy che phoi hop giua cac phong, don vi",
            "Van phong HDND va UBND",
            "Dang thuc hien",
            60,
        ],
        ["II", "CAI CACH THU TUC HANH CHINH"],
        ["1", "Cong khai TTHC tren Cong dich vu cong quoc gia", "TT PVHCC xa", "Dang thuc hien"],
        ["2", "Giai quyet ho so dat dai dung han", "Phong Kinh te", "Dang trien khai", 50],
        ["III", "CHUYEN DOI SO"],
        ["1", "Thanh toan truc tuyen phi, le phi", "TT PVHCC", "Hoan thanh"],
        ["2", "Tuyen truyen, huong dan su dung VNeID", "Cong an xa", "Chua thuc hien"],
        ["3", "Duy tri Trang thong tin dien tu xa", "Phong Van hoa - Xa hoi", "Chua trien khai", 0],
    ]
    f = b.xls_file(
        "bao-cao-6-thang-2026-xa-dong-cuu-khong-dau.xls",
        [
            Sheet(
                "Bao cao",
                [*heading, *header, *body, [], [None, "NGUOI LAP", None, "CHANH VAN PHONG"]],
            )
        ],
    )
    b.case(
        "report-no-diacritics-xls",
        [plan, f],
        ["loaded", "loaded"],
        ".xls six-month report typed without diacritics: 'Da hoan thanh', 'Dang thuc hien', "
        "'Dang trien khai', 'Chua trien khai', '6 thang dau nam 2026'.",
        tasks=tasks_expect(DC, 2026, tasks_in(plan_dong_cuu_no_diacritics())),
        reports={
            "period": "2026-H1",
            "rows": {
                "I.1": ["done", 100.0],
                "I.2": ["in_progress", 60.0],
                "II.1": ["in_progress", None],
                "II.2": ["in_progress", 50.0],
                "III.1": ["done", None],
                "III.2": ["not_started", None],
                "III.3": ["not_started", 0.0],
            },
        },
    )


@case
def report_title_reworded(b: Builder) -> None:
    plan = b.xlsx(PLAN_TC_FILE, plan_tan_chi())
    heading = [
        ["UBND XÃ TÂN CHI", None, None, MOTTO],
        ["PHÒNG VĂN HÓA - XÃ HỘI", None, None, MOTTO2],
        ["Số: 31/BC-VHXH", None, None, "Tân Chi, ngày 05 tháng 10 năm 2026"],
        [],
        ["BÁO CÁO Kết quả thực hiện nhiệm vụ CCHC Quý III năm 2026"],
        [],
    ]
    header = [
        [
            "TT",
            "Nội dung nhiệm vụ",
            "Đơn vị chủ trì",
            "Thời hạn",
            "Tình trạng",
            "Tỷ lệ (%)",
            "Sản phẩm/Minh chứng",
        ]
    ]
    body = [
        ["I", "Công tác chỉ đạo, điều hành CCHC"],
        [
            "1",
            "Ban hành Kế hoạch CCHC năm 2026 của xã",
            "Phòng Văn hóa - Xã hội",
            "31/01/2026",
            "Hoàn thành",
            100,
            "KH 09/KH-UBND",
        ],
        [
            "2",
            "Họp giao ban, đánh giá tình hình CCHC hằng quý",
            "UBND xã",
            "Thường xuyên",
            "Đang thực hiện",
            "80%",
            "Thông báo kết luận",
        ],
        ["II", "Cải cách thủ tục hành chính"],
        [
            "1",
            "Tiếp nhận, giải quyết TTHC theo cơ chế một cửa, một cửa liên thông",
            "Trung tâm Phục vụ hành chính công xã",
            "Thường xuyên",
            "Đang triển khai",
            "60 %",
        ],
        [
            "2",
            "Rà soát, đơn giản hóa TTHC lĩnh vực nông nghiệp, đất đai",
            "Phòng Kinh tế",
            "Quý II/2026",
            "HT",
            None,
            "Báo cáo số 25/BC-KT",
        ],
        [
            "3",
            "Cấp căn cước, định danh điện tử cho người dân",
            "Công an xã",
            "Tháng 9/2026",
            "đang  thực hiện ",
            F(0.9, "0%"),
        ],
        ["III", "Cải cách chế độ công vụ"],
        [
            "1",
            "Đánh giá, xếp loại cán bộ, công chức",
            "Văn phòng HĐND và UBND xã",
            "Tháng 12/2026",
            "Chưa triển khai",
        ],
        ["IV", "Cải cách tài chính công"],
        [
            "1",
            "Quản lý, sử dụng ngân sách xã đúng quy định",
            "Phòng Kinh tế",
            "Cả năm",
            "Đang thực hiện",
            "75%",
        ],
        [
            "2",
            "Giao quyền tự chủ tài chính cho đơn vị sự nghiệp công lập",
            "Trung tâm Cung ứng dịch vụ sự nghiệp công xã",
            "Quý III/2026",
            "Đã hoàn thành",
            None,
            "Quyết định số 88/QĐ-UBND",
        ],
    ]
    f = b.xlsx(
        "bao-cao-quy-3-2026-xa-tan-chi.xlsx",
        [Sheet("Sheet1", [*heading, *header, *body, *REPORT_SIGN])],
    )
    b.case(
        "report-title-reworded-commune",
        [plan, f],
        ["loaded", "loaded"],
        "Commune report titled 'BÁO CÁO Kết quả thực hiện nhiệm vụ CCHC Quý III năm 2026' in one "
        "cell; statuses 'HT', 'đang  thực hiện ', percents '80%', '60 %', 0.9 shown as 90%.",
        tasks=tasks_expect(TC, 2026, tasks_in(plan_tan_chi())),
        reports={
            "period": "2026-Q3",
            "rows": {
                "I.1": ["done", 100.0],
                "I.2": ["in_progress", 80.0],
                "II.1": ["in_progress", 60.0],
                "II.2": ["done", None],
                "II.3": ["in_progress", 90.0],
                "III.1": ["not_started", None],
                "IV.1": ["in_progress", 75.0],
                "IV.2": ["done", None],
            },
        },
    )


# =========================================================================================
# Files that must be refused
# =========================================================================================


@case
def refuse_template_unfilled(b: Builder) -> None:
    plan = b.xlsx(PLAN_VC_FILE, plan_vo_cuong())
    heading = report_heading(
        "UBND PHƯỜNG VÕ CƯỜNG",
        "PHÒNG VĂN HÓA - XÃ HỘI",
        ["BÁO CÁO", "Tiến độ thực hiện nhiệm vụ cải cách hành chính Quý … năm 2026"],
        "Võ Cường, ngày … tháng … năm 2026",
    )
    title_row = 1 + next(i for i, r in enumerate(heading) if r and "Quý …" in str(r[0]))
    header = [["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Tình trạng", "Tỷ lệ (%)"]]
    body = [
        ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH"],
        [
            "1",
            "Ban hành Kế hoạch CCHC năm 2026",
            "Phòng Văn hóa – Xã hội",
            "31/01/2026",
            "Đã hoàn thành",
            100,
        ],
        [
            "2",
            "Kiểm tra công tác CCHC tại các phòng, đơn vị",
            "Phòng Văn hóa – Xã hội",
            "Quý III/2026",
            "Đang thực hiện",
            40,
        ],
    ]
    f = b.xlsx("bao-cao-mau-chua-dien-ky.xlsx", [Sheet("Báo cáo", [*heading, *header, *body])])
    b.case(
        "refuse-report-template-period-unfilled",
        [plan, f],
        ["loaded", "rejected"],
        "A report template sent back with 'Quý … năm 2026' and 'ngày … tháng …' still unfilled: "
        "the period cannot be known, so the report is refused at the title cell.",
        problems={f: [{"row": title_row, "column": "A", "contains": "quy nam 2026"}]},
        tasks=tasks_expect(VC, 2026, tasks_in(plan_vo_cuong())),
        reports={"period": None, "rows": {}},
    )


@case
def refuse_duplicate_task_number(b: Builder) -> None:
    title = appendix_title(
        "UBND PHƯỜNG KINH BẮC", "UBND phường Kinh Bắc", "35/KH-UBND ngày 23/01/2026"
    )
    body = [
        ["I", "CẢI CÁCH THỂ CHẾ"],
        ["1", "Rà soát văn bản QPPL", "Văn phòng HĐND và UBND", None, "Quý II/2026"],
        ["II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"],
        [
            "1",
            "Công khai thủ tục hành chính",
            "Trung tâm Phục vụ hành chính công",
            None,
            "Tháng 3/2026",
        ],
        [
            "2",
            "Rà soát quy trình nội bộ",
            "Trung tâm Phục vụ hành chính công",
            None,
            "Quý III/2026",
        ],
        [
            "2",
            "Đối thoại với doanh nghiệp về TTHC",
            "Phòng Kinh tế, Hạ tầng và Đô thị",
            None,
            "Quý IV/2026",
        ],
        ["3", "Khảo sát sự hài lòng", "Phòng Văn hóa - Xã hội", None, "Tháng 11/2026"],
    ]
    sheet = std_plan(title, body)
    row = 1 + max(i for i, r in enumerate(sheet.rows) if r and r[0] == "2")
    f = b.xlsx("ke-hoach-phuong-kinh-bac-trung-so-thu-tu.xlsx", [sheet])
    b.case(
        "refuse-duplicate-task-number",
        [f],
        ["rejected"],
        "Two tasks numbered 2 in area II: which one a report's 'II.2' means cannot be known; "
        "refused at the second.",
        problems={f: [{"row": row, "column": "A", "contains": "2"}]},
        tasks={"count": 0},
    )


@case
def refuse_future_report_date(b: Builder) -> None:
    plan = b.xlsx(PLAN_VC_FILE, plan_vo_cuong())
    heading = [
        ["UBND PHƯỜNG VÕ CƯỜNG"],
        ["PHÒNG VĂN HÓA - XÃ HỘI"],
        ["BÁO CÁO"],
        ["Tiến độ thực hiện nhiệm vụ cải cách hành chính Quý IV năm 2026"],
        ["Võ Cường, ngày 15 tháng 12 năm 2026"],
        [],
    ]
    header = [["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Tình trạng", "Tỷ lệ (%)"]]
    body = [
        ["III", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"],
        [
            "2",
            "Khảo sát sự hài lòng của người dân, tổ chức",
            "Phòng Văn hóa – Xã hội",
            "Quý IV/2026",
            "Đã hoàn thành",
            100,
        ],
        ["V", "CHUYỂN ĐỔI SỐ"],
        [
            "1",
            "Vận hành Trang thông tin điện tử phường",
            "Phòng Văn hóa – Xã hội",
            "Cả năm",
            "Đã hoàn thành",
            100,
        ],
    ]
    f = b.xlsx(
        "bao-cao-q4-2026-vhxh-ghi-ngay-tuong-lai.xlsx",
        [Sheet("Báo cáo", [*heading, *header, *body])],
    )
    b.case(
        "refuse-report-dated-in-the-future",
        [plan, f],
        ["loaded", "rejected"],
        "A Q4 report dated 15/12/2026, after today (2026-11-28): refused at the date line.",
        problems={f: [{"row": 5, "column": "A", "contains": "ngay 15 thang 12 nam 2026"}]},
        tasks=tasks_expect(VC, 2026, tasks_in(plan_vo_cuong())),
        reports={"period": None, "rows": {}},
    )


# =========================================================================================
# 5. Indices
# =========================================================================================


@dataclass
class Crit:
    """A criterion of a scored index; a parent's points are the sums of its children's."""

    number: str
    name: str
    max: float = 0.0
    self: float = 0.0
    appraised: float = 0.0
    children: list[Crit] = field(default_factory=list)

    def total(self) -> Crit:
        if self.children:
            for c in self.children:
                c.total()
            self.max = round(sum(c.max for c in self.children), 2)
            self.self = round(sum(c.self for c in self.children), 2)
            self.appraised = round(sum(c.appraised for c in self.children), 2)
        return self

    def flat(self) -> list[Crit]:
        return [self, *(x for c in self.children for x in c.flat())]


def C(number: str, name: str, *rest: object) -> Crit:
    if rest and isinstance(rest[0], Crit):
        return Crit(number, name, children=list(rest))  # type: ignore[arg-type]
    mx, sf, ap = rest
    return Crit(number, name, float(mx), float(sf), float(ap))  # type: ignore[arg-type]


def tree_total(areas: list[Crit]) -> tuple[list[Crit], float, float, float]:
    rows = [x for a in areas for x in a.total().flat()]
    return (
        rows,
        round(sum(a.max for a in areas), 2),
        round(sum(a.self for a in areas), 2),
        round(sum(a.appraised for a in areas), 2),
    )


@case
def par_index_nested_numbers(b: Builder) -> None:
    areas = [
        C(
            "1",
            "Công tác chỉ đạo, điều hành cải cách hành chính",
            C(
                "1.1",
                "Kế hoạch CCHC",
                C("1.1.1", "Ban hành kế hoạch CCHC năm kịp thời", 2, 2, 2),
                C("1.1.2", "Mức độ thực hiện kế hoạch CCHC", 2, 2, 1.5),
            ),
            C("1.2", "Công tác kiểm tra, tuyên truyền CCHC", 6, 5.5, 5),
        ),
        C(
            "2",
            "Cải cách thể chế",
            C("2.1", "Xây dựng, ban hành văn bản QPPL", 5, 5, 4.5),
            C("2.2", "Kiểm tra, rà soát văn bản QPPL", 5, 4.5, 4.25),
        ),
        C(
            "3",
            "Cải cách thủ tục hành chính",
            C("3.1", "Công khai, minh bạch TTHC", 7, 7, 6.5),
            C("3.2", "Tỷ lệ hồ sơ giải quyết đúng hạn", 8, 8, 7.25),
        ),
        C("4", "Cải cách tổ chức bộ máy hành chính nhà nước", 10, 9.5, 9),
        C("5", "Cải cách chế độ công vụ", 12, 11, 10.5),
        C("6", "Cải cách tài chính công", 8, 7.5, 7),
        C(
            "7",
            "Xây dựng, phát triển chính quyền điện tử, chính quyền số",
            C("7.1", "Ứng dụng công nghệ thông tin trong quản lý", 10, 9.5, 8.75),
            C("7.2", "Cung cấp dịch vụ công trực tuyến", 10, 9.5, 9.25),
        ),
        C("8", "Tác động của cải cách hành chính", 15, 13, 12.6),
    ]
    rows, mx, sf, ap = tree_total(areas)
    assert (mx, ap) == (100.0, 88.1)
    head = [
        ["UBND TỈNH BẮC NINH", None, MOTTO],
        ["HỘI ĐỒNG THẨM ĐỊNH", None, MOTTO2],
        [],
        ["KẾT QUẢ CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2025"],
        ["Đơn vị: UBND phường Võ Cường"],
        [],
        [
            "STT",
            "Lĩnh vực/Tiêu chí/Tiêu chí thành phần",
            "Điểm tối đa",
            "Điểm tự đánh giá",
            "Điểm thẩm định",
            "Điểm đạt được",
        ],
        NR[:6],
    ]
    body = [[c.number, c.name, c.max, c.self, c.appraised, c.appraised] for c in rows]
    body.append([None, "TỔNG ĐIỂM", mx, sf, ap, ap])
    f = b.xlsx("par-index-2025-phuong-vo-cuong.xlsx", [Sheet("Chấm điểm", [*head, *body])])
    b.case(
        "par-index-nested-1-1.1-1.1.1",
        [f],
        ["loaded"],
        "PAR INDEX scoring table for 2025 numbered 1 / 1.1 / 1.1.1 with max, self, appraised and "
        "achieved columns and a 'TỔNG ĐIỂM' row at the bottom; parents add up exactly.",
        index={
            "index": "PAR",
            "totals": {"2025": ap},
            "ranks": {},
            "criteria_count": {"2025": len(rows)},
        },
    )


@case
def par_index_roman_letters(b: Builder) -> None:
    areas = [
        C(
            "I",
            "Công tác chỉ đạo, điều hành CCHC",
            C(
                "1",
                "Kế hoạch CCHC",
                C("a", "Ban hành kế hoạch đúng thời hạn", 2, 2, 2),
                C("b", "Mức độ hoàn thành kế hoạch", 2, 2, 1.75),
            ),
            C("2", "Báo cáo CCHC đầy đủ, đúng hạn", 3, 3, 3),
            C("3", "Kiểm tra công tác CCHC", 3, 3, 2.5),
        ),
        C(
            "II",
            "Cải cách thể chế",
            C(
                "1",
                "Ban hành văn bản theo thẩm quyền",
                C("a", "Đúng thẩm quyền, đúng trình tự", 3, 3, 3),
                C("b", "Bảo đảm chất lượng", 3, 3, 2.5),
            ),
            C("2", "Rà soát, hệ thống hóa văn bản", 4, 4, 3.5),
        ),
        C("III", "Cải cách thủ tục hành chính", 20, 19, 17.75),
        C("IV", "Cải cách tổ chức bộ máy", 10, 9, 8.5),
        C("V", "Cải cách chế độ công vụ", 15, 14, 13.25),
        C("VI", "Cải cách tài chính công", 10, 9, 8.75),
        C("VII", "Chuyển đổi số", 20, 18.5, 17.4),
        C("VIII", "Tác động của cải cách hành chính", 5, 4.5, 4),
    ]
    rows, mx, sf, ap = tree_total(areas)
    assert (mx, ap) == (100.0, 87.9)
    head = [
        ["UBND XÃ TÂN CHI"],
        ["BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2025"],
        [],
        ["STT", "Lĩnh vực/Tiêu chí/Tiêu chí thành phần", "Điểm", None, None, "Ghi chú"],
        [None, None, "Tối đa", "Tự đánh giá", "Thẩm định", None],
    ]
    merges = ["A4:A5", "B4:B5", "C4:E4", "F4:F5"]
    body = [[None, "Chỉ số CCHC", mx, sf, ap]]
    body += [[c.number, c.name, c.max, c.self, c.appraised] for c in rows]
    f = b.xlsx("chi-so-cchc-2025-xa-tan-chi.xlsx", [Sheet("Sheet1", [*head, *body], merges)])
    b.case(
        "par-index-roman-numbered-two-row-header",
        [f],
        ["loaded"],
        "PAR INDEX self-assessment numbered I / 1 / a, b; score kinds under a merged 'Điểm'; the "
        "total 'Chỉ số CCHC' first, right under the header.",
        index={
            "index": "PAR",
            "totals": {"2025": ap},
            "ranks": {},
            "criteria_count": {"2025": len(rows)},
        },
    )


SIPAS_ELEMENTS = [
    "Tiếp cận dịch vụ",
    "Thủ tục hành chính",
    "Công chức giải quyết công việc",
    "Kết quả giải quyết công việc",
    "Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị",
]


@case
def sipas_wide(b: Builder) -> None:
    years = [2022, 2023, 2024, 2025]
    values = [
        [80.12, 83.00, 84.27, 88.10],
        [79.85, 83.02, 84.05, 87.64],
        [80.40, 83.12, 84.36, 88.92],
        [80.01, 83.03, 83.70, 87.35],
        [79.10, 82.27, 83.12, 86.05],
    ]
    totals = [80.08, 82.66, 83.94, 87.61]
    head = [
        ["UBND PHƯỜNG VÕ CƯỜNG"],
        ["KẾT QUẢ ĐO LƯỜNG SỰ HÀI LÒNG CỦA NGƯỜI DÂN, TỔ CHỨC (SIPAS)"],
        ["(Đơn vị tính: %)"],
        [],
        ["STT", "Yếu tố", *[f"Năm {y}" for y in years]],
    ]
    body = [[str(i + 1), name, *values[i]] for i, name in enumerate(SIPAS_ELEMENTS)]
    body.append([None, "Chỉ số hài lòng chung", *totals])
    f = b.xlsx("sipas-2022-2025-phuong-vo-cuong.xlsx", [Sheet("SIPAS", [*head, *body])])
    b.case(
        "sipas-wide-years",
        [f],
        ["loaded"],
        "SIPAS, one column per year 'Năm 2022' … 'Năm 2025', five elements and the total row "
        "'Chỉ số hài lòng chung'.",
        index={
            "index": "SIPAS",
            "totals": {str(y): t for y, t in zip(years, totals, strict=True)},
            "ranks": {},
            "criteria_count": {str(y): 5 for y in years},
        },
    )


@case
def sipas_text_percents_xls(b: Builder) -> None:
    values = [
        ["84,10%", "86,95%"],
        ["83,72%", "85,40%"],
        ["85,06%", "87,88%"],
        ["84,50%", "86,71%"],
        ["83,95%", "85,16%"],
    ]
    head = [
        ["UBND XÃ TÂN CHI"],
        ["KẾT QUẢ KHẢO SÁT MỨC ĐỘ HÀI LÒNG CỦA NGƯỜI DÂN, TỔ CHỨC"],
        ["đối với sự phục vụ của UBND xã Tân Chi năm 2024 - 2025"],
        [],
        ["STT", "Nội dung", "Năm 2024", "Năm 2025"],
    ]
    body = [
        [str(i + 1), f"Sự hài lòng về {n[0].lower()}{n[1:]}", *values[i]]
        for i, n in enumerate(SIPAS_ELEMENTS)
    ]
    body.append([None, "Chỉ số hài lòng chung", "84,35%", "86,42%"])
    f = b.xls_file("sipas-2024-2025-xa-tan-chi.xls", [Sheet("Kết quả", [*head, *body])])
    b.case(
        "sipas-text-percents-xls",
        [f],
        ["loaded"],
        ".xls SIPAS whose percents are text with a decimal comma ('86,42%').",
        index={
            "index": "SIPAS",
            "totals": {"2024": 84.35, "2025": 86.42},
            "ranks": {},
            "criteria_count": {"2024": 5, "2025": 5},
        },
    )


PCI_SUBINDICES = [
    "Gia nhập thị trường",
    "Tiếp cận đất đai",
    "Tính minh bạch",
    "Chi phí thời gian",
    "Chi phí không chính thức",
    "Cạnh tranh bình đẳng",
    "Tính năng động của chính quyền tỉnh",
    "Chính sách hỗ trợ doanh nghiệp",
    "Đào tạo lao động",
    "Thiết chế pháp lý và an ninh trật tự",
]


@case
def pci_wide_rank_group(b: Builder) -> None:
    # Bắc Ninh, real values (pcivietnam.vn): 2019 70.79 (#4), 2021 69.45 (#7).
    y2019 = [6.88, 7.55, 7.02, 7.23, 7.24, 7.51, 7.34, 6.62, 7.03, 7.91]
    y2021 = [6.53, 7.14, 6.39, 8.47, 7.27, 6.29, 7.27, 7.27, 6.74, 7.06]
    head = [
        ["CHỈ SỐ NĂNG LỰC CẠNH TRANH CẤP TỈNH (PCI) CỦA TỈNH BẮC NINH"],
        ["So sánh năm 2019 và năm 2021"],
        [],
        ["STT", "Chỉ số thành phần", "Năm 2019", "Năm 2021"],
    ]
    body = [[str(i + 1), n, y2019[i], y2021[i]] for i, n in enumerate(PCI_SUBINDICES)]
    body += [
        [None, "Chỉ số PCI", 70.79, 69.45],
        [None, "Xếp hạng", 4, 7],
        [None, "Nhóm xếp hạng", "Rất tốt", "Tốt"],
    ]
    f = b.xlsx("pci-bac-ninh-2019-2021.xlsx", [Sheet("PCI", [*head, *body])])
    b.case(
        "pci-wide-with-rank-and-group-rows",
        [f],
        ["loaded"],
        "PCI wide by year with 10 sub-indices, 'Chỉ số PCI', a 'Xếp hạng' row and a text row "
        "'Nhóm xếp hạng' (Rất tốt, Tốt) that is skipped, not refused.",
        index={
            "index": "PCI",
            "totals": {"2019": 70.79, "2021": 69.45},
            "ranks": {"2019": 4, "2021": 7},
            "criteria_count": {"2019": 10, "2021": 10},
        },
    )


@case
def pci_weighted_total(b: Builder) -> None:
    # Former Bắc Giang: 2022 72.80 (#2), 2023 69.75 (#4) [real]; sub-indices illustrative.
    y2022 = [7.45, 7.12, 6.98, 7.60, 6.85, 6.70, 7.30, 6.95, 6.88, 7.25]
    y2023 = [7.20, 6.95, 6.80, 7.35, 6.90, 6.55, 7.05, 6.70, 6.60, 7.10]
    head = [
        ["KẾT QUẢ CHỈ SỐ PCI TỈNH BẮC GIANG (CŨ)"],
        [],
        ["TT", "Chỉ số", 2022, 2023],
    ]
    body = [[i + 1, n, y2022[i], y2023[i]] for i, n in enumerate(PCI_SUBINDICES)]
    body += [
        [None, "PCI có trọng số", 72.80, 69.75],
        [None, "Nhóm xếp hạng", "Rất tốt", "Rất tốt"],
        [None, "Xếp hạng (trên 63 tỉnh, thành phố)", 2, 4],
    ]
    f = b.xlsx("pci-bac-giang-2022-2023.xlsx", [Sheet("Sheet1", [*head, *body])])
    b.case(
        "pci-weighted-total-numeric-year-headers",
        [f],
        ["loaded"],
        "PCI with year headers typed as numbers (2022, 2023), total 'PCI có trọng số', the "
        "ranking group row before the rank row.",
        index={
            "index": "PCI",
            "totals": {"2022": 72.80, "2023": 69.75},
            "ranks": {"2022": 2, "2023": 4},
            "criteria_count": {"2022": 10, "2023": 10},
        },
    )


DDCI_PARTS = [
    "Chi phí gia nhập thị trường",
    "Tiếp cận đất đai và địa điểm kinh doanh",
    "Dịch vụ công trong cấp phép, thanh tra, kiểm tra",
    "Tính năng động của lãnh đạo",
    "Đối thoại và trách nhiệm giải trình",
    "Minh bạch thông tin và đối xử công bằng",
    "Cải cách TTHC và bộ phận một cửa",
    "Hỗ trợ kinh doanh",
    "Chi phí không chính thức",
    "An ninh trật tự",
]


@case
def ddci_long(b: Builder) -> None:
    data = {
        2024: ([6.85, 6.40, 7.10, 7.35, 6.95, 6.70, 7.45, 6.60, 7.05, 7.80], 71.35, 5),
        2025: ([7.10, 6.75, 7.30, 7.60, 7.20, 7.05, 7.70, 6.95, 7.25, 7.95], 74.20, 3),
    }
    head = [
        ["KẾT QUẢ CHỈ SỐ NĂNG LỰC CẠNH TRANH CẤP SỞ, NGÀNH VÀ ĐỊA PHƯƠNG (DDCI)"],
        ["Đơn vị: phường Võ Cường"],
        [],
        ["Năm", "STT", "Chỉ số thành phần", "Điểm", "Xếp hạng"],
    ]
    body: list[list] = []
    merges: list[str] = []
    for year, (parts, total, rank) in data.items():
        first = len(head) + len(body) + 1
        body += [[year, str(i + 1), n, parts[i]] for i, n in enumerate(DDCI_PARTS)]
        body.append([year, None, "Chỉ số DDCI", total, rank])
        merges.append(f"A{first}:A{first + len(DDCI_PARTS)}")
    f = b.xlsx("ddci-2024-2025-phuong-vo-cuong.xlsx", [Sheet("DDCI", [*head, *body], merges)])
    b.case(
        "ddci-long-merged-year-column",
        [f],
        ["loaded"],
        "DDCI long: a 'Năm' column merged down each year's rows, ten components, the total "
        "'Chỉ số DDCI' with its rank.",
        index={
            "index": "DDCI",
            "totals": {"2024": 71.35, "2025": 74.20},
            "ranks": {"2024": 5, "2025": 3},
            "criteria_count": {"2024": 10, "2025": 10},
        },
    )


@case
def index_766_weeks(b: Builder) -> None:
    groups = [
        ("Công khai, minh bạch", 18),
        ("Tiến độ, kết quả giải quyết", 20),
        ("Số hóa hồ sơ", 22),
        ("Cung cấp dịch vụ trực tuyến", 12),
        ("Thanh toán trực tuyến", 10),
        ("Mức độ hài lòng", 18),
    ]
    weeks = {
        1: [15.82, 19.45, 21.17, 8.53, 10, 17.86],
        2: [15.90, 19.50, 21.20, 8.60, 10, 17.90],
        3: [16.05, 19.40, 21.30, 8.75, 9.8, 17.95],
    }
    head = [
        ["UBND PHƯỜNG VÕ CƯỜNG"],
        ["BỘ CHỈ SỐ 766 - KẾT QUẢ ĐÁNH GIÁ CHẤT LƯỢNG PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP NĂM 2026"],
        ["(Theo Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ)"],
        [],
        ["Kỳ đánh giá", "STT", "Nhóm chỉ số", "Điểm tối đa", "Điểm đạt"],
    ]
    body = []
    totals = {}
    for w, scores in weeks.items():
        body += [[f"Tuần {w}", str(i + 1), g, mx, scores[i]] for i, (g, mx) in enumerate(groups)]
        total = round(sum(scores), 2)
        totals[f"2026-W{w:02d}"] = total
        body.append([f"Tuần {w}", None, "Tổng điểm", 100, total])
    f = b.xlsx("chi-so-766-tuan-2026-phuong-vo-cuong.xlsx", [Sheet("766", [*head, *body])])
    b.case(
        "index-766-weeks-year-in-title",
        [f],
        ["loaded"],
        "Decision 766 scores, long, periods 'Tuần 1' … 'Tuần 3' with the year only in the title.",
        index={
            "index": "766",
            "totals": totals,
            "ranks": {},
            "criteria_count": dict.fromkeys(totals, 6),
        },
    )


# =========================================================================================
# 6. Other shapes
# =========================================================================================


@case
def header_on_row_9(b: Builder) -> None:
    sheets = plan_kinh_bac()
    f = b.xlsx(PLAN_KB_FILE, sheets)
    b.case(
        "header-on-row-9",
        [f],
        ["loaded"],
        "Plan whose header is on row 9 after the full heading (unit, motto, number, place and "
        "date, KẾ HOẠCH, subtitle).",
        tasks=tasks_expect(KB, 2026, tasks_in(sheets)),
    )


@case
def hidden_sheet_then_sheet1(b: Builder) -> None:
    lists = Sheet(
        "DanhMuc",
        [
            ["Đơn vị", "Thời hạn"],
            ["Phòng Văn hóa - Xã hội", "Quý I/2026"],
            ["Phòng Kinh tế", "Quý II/2026"],
            ["Văn phòng HĐND và UBND", "Quý III/2026"],
            ["Trung tâm Phục vụ hành chính công", "Quý IV/2026"],
            ["Công an xã", "Thường xuyên"],
        ],
        state="hidden",
    )
    # fmt: off
    rows = [
        ["UBND XÃ TÂN CHI"],
        ["NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026"],
        [],
        ["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn"],
        ["I", "CẢI CÁCH THỂ CHẾ"],
        T(["1", "Rà soát văn bản QPPL", "Văn phòng HĐND và UBND", "Phòng Kinh tế", "Quý II/2026"],
          "I.1", INS, "VP", ["KT"], "2026-06-30"),
        T(["2", "Tuyên truyền, phổ biến pháp luật", "Phòng Văn hóa - Xã hội", "Công an xã",
           "Cả năm"], "I.2", INS, "VHXH", ["CAX"], "2026-12-31"),
        ["II", "CẢI CÁCH TỔ CHỨC BỘ MÁY"],
        T(["1", "Sắp xếp, kiện toàn đơn vị sự nghiệp công lập", "Văn phòng HĐND và UBND",
           "Trung tâm Cung ứng dịch vụ sự nghiệp công", "Quý III/2026"],
          "II.1", APP, "VP", ["TTCU"], "2026-09-30"),
        ["III", "CHUYỂN ĐỔI SỐ"],
        T(["1", "Số hóa hồ sơ địa chính", "Phòng Kinh tế", "Trung tâm Phục vụ hành chính công",
           "Quý IV/2026"], "III.1", DG, "KT", ["TTPVHCC"], "2026-12-31"),
        T(["2", "Tăng tỷ lệ hồ sơ trực tuyến toàn trình", "Trung tâm Phục vụ hành chính công",
           "Công an xã", "Thường xuyên"], "III.2", DG, "TTPVHCC", ["CAX"], None),
        T(["3", "Tổ chức hội nghị truyền hình trực tuyến", "Văn phòng HĐND và UBND", None,
           "Năm 2026"], "III.3", DG, "VP", [], "2026-12-31"),
    ]
    # fmt: on
    sheets = [lists, Sheet("Sheet1", rows)]
    f = b.xlsx("ke-hoach-xa-tan-chi-sheet-an.xlsx", sheets)
    b.case(
        "hidden-list-sheet-then-sheet1",
        [f],
        ["loaded"],
        "First sheet hidden (drop-down lists of departments and deadlines); the plan is on "
        "'Sheet1'. The hidden lists are not tasks.",
        tasks=tasks_expect(TC, 2026, tasks_in(sheets)),
    )


@case
def hidden_stale_column(b: Builder) -> None:
    # fmt: off
    rows = [
        ["UBND PHƯỜNG VÕ CƯỜNG", None, None, None, None, MOTTO],
        [None, None, None, None, None, MOTTO2],
        [],
        ["PHỤ LỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026"],
        ["(Kèm theo Kế hoạch số 12/KH-UBND ngày 15/01/2026 của UBND phường Võ Cường)"],
        [],
        [
            "STT",
            "Nội dung nhiệm vụ",
            "Cơ quan chủ trì",
            "Cơ quan phối hợp",
            "Thời gian hoàn thành (KH 2025)",
            "Thời gian hoàn thành",
            "Ghi chú",
        ],
        ["I", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"],
        T(["1", "Rà soát, đơn giản hóa TTHC", "Trung tâm Phục vụ hành chính công",
           "Văn phòng HĐND và UBND", date(2025, 6, 30), "Quý III/2026"],
          "I.1", PRO, "TTPVHCC", ["VP"], "2026-09-30"),
        T(["2", "Công khai kết quả giải quyết hồ sơ", "Trung tâm Phục vụ hành chính công", None,
           "Quý IV/2025", "Tháng 4/2026"], "I.2", PRO, "TTPVHCC", [], "2026-04-30"),
        ["II", "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ"],
        T(["1", "Đánh giá công chức hằng tháng", "Văn phòng HĐND và UBND", None, "Thường xuyên",
           "Tháng 12/2026"], "II.1", CS, "VP", [], "2026-12-31"),
        ["III", "CHUYỂN ĐỔI SỐ"],
        T(["1", "Cập nhật dữ liệu hộ tịch", "Phòng Văn hóa – Xã hội", "Công an phường",
           date(2025, 12, 31), "Thường xuyên"], "III.1", DG, "VHXH", ["CAP"], None),
        T(["2", "Ký số văn bản đi", "Văn phòng HĐND và UBND", None, date(2025, 3, 31),
           "Quý I/2026"], "III.2", DG, "VP", [], "2026-03-31"),
    ]
    # fmt: on
    sheets = [Sheet("Phụ lục", [*rows, *SIGN], hidden_columns=["E"])]
    f = b.xlsx("ke-hoach-phuong-vo-cuong-cot-an.xlsx", sheets)
    b.case(
        "hidden-column-with-stale-deadlines",
        [f],
        ["loaded"],
        "A hidden column E 'Thời gian hoàn thành (KH 2025)' with last year's deadlines sits "
        "before the visible 'Thời gian hoàn thành': the visible one counts.",
        tasks=tasks_expect(VC, 2026, tasks_in(sheets)),
    )


@case
def notes_under_plan(b: Builder) -> None:
    title = appendix_title("UBND XÃ ĐÔNG CỨU", "UBND xã Đông Cứu", "23/KH-UBND ngày 26/01/2026")
    # fmt: off
    body = [
        ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC"],
        T(["1", "Ban hành Kế hoạch CCHC năm 2026 (*)", "Phòng Văn hóa - Xã hội",
           "Văn phòng HĐND và UBND", "Tháng 1/2026", "Kế hoạch"],
          "I.1", D, "VHXH", ["VP"], "2026-01-31"),
        T(["2", "Báo cáo CCHC định kỳ", "Phòng Văn hóa - Xã hội", None, "Thường xuyên", "Báo cáo"],
          "I.2", D, "VHXH", [], None),
        ["II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"],
        T(["1", "Số hóa hồ sơ TTHC (*)", "Trung tâm Phục vụ hành chính công", "Công an xã",
           "Quý III/2026", "Dữ liệu"], "II.1", PRO, "TTPVHCC", ["CAX"], "2026-09-30"),
        T(["2", "Rà soát TTHC lĩnh vực nông nghiệp", "Phòng Kinh tế", None, "Quý II/2026",
           "Báo cáo"], "II.2", PRO, "KT", [], "2026-06-30"),
        ["III", "CẢI CÁCH TÀI CHÍNH CÔNG"],
        T(["1", "Công khai ngân sách xã", "Phòng Kinh tế", "Văn phòng HĐND và UBND", "Cả năm",
           "Báo cáo"], "III.1", PF, "KT", ["VP"], "2026-12-31"),
    ]
    # fmt: on
    notes = [
        [],
        ["Ghi chú:"],
        [
            "- Các phòng, đơn vị báo cáo kết quả thực hiện trước ngày 15 của tháng cuối quý, gửi "
            "Phòng Văn hóa - Xã hội tổng hợp."
        ],
        ["- Nhiệm vụ có dấu (*) là nhiệm vụ trọng tâm của năm."],
        ["(1) Theo Kế hoạch số 167/KH-UBND ngày 17/12/2025 của UBND tỉnh Bắc Ninh."],
    ]
    sheet = std_plan(title, [*body, *notes])
    start = len(sheet.rows) - len(SIGN) - len(notes) + 1
    sheet.merges += [f"A{start + i}:G{start + i}" for i in range(2, 5)]
    f = b.xlsx("ke-hoach-xa-dong-cuu-co-ghi-chu.xlsx", [sheet])
    b.case(
        "notes-under-the-plan",
        [f],
        ["loaded"],
        "Notes under the table ('Ghi chú:', lines starting '- ' and '(1)'), then the signature "
        "block: none of them is a task.",
        tasks=tasks_expect(DC, 2026, tasks_in([sheet])),
    )


@case
def plan_2027(b: Builder) -> None:
    title = appendix_title(
        "UBND PHƯỜNG VÕ CƯỜNG", "UBND phường Võ Cường", "190/KH-UBND ngày 20/11/2026", 2027
    )
    # fmt: off
    body = [
        ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH"],
        T(["1", "Ban hành Kế hoạch CCHC năm 2027", "Phòng Văn hóa – Xã hội",
           "Văn phòng HĐND và UBND", "Quý I/2027", "Kế hoạch"],
          "I.1", D, "VHXH", ["VP"], "2027-03-31"),
        T(["2", "Sơ kết 6 tháng công tác CCHC", "Phòng Văn hóa – Xã hội", None, "6 tháng đầu năm",
           "Báo cáo"], "I.2", D, "VHXH", [], "2027-06-30"),
        ["II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"],
        T(["1", "Rà soát TTHC lĩnh vực đất đai", "Phòng Kinh tế, Hạ tầng và Đô thị",
           "Trung tâm Phục vụ hành chính công", "Tháng 6/2027", "Báo cáo"],
          "II.1", PRO, "KTHTDT", ["TTPVHCC"], "2027-06-30"),
        T(["2", "Giải quyết hồ sơ đúng hạn", "Trung tâm Phục vụ hành chính công", None,
           "Thường xuyên", "Hồ sơ"], "II.2", PRO, "TTPVHCC", [], None),
        ["III", "CHUYỂN ĐỔI SỐ"],
        T(["1", "Vận hành các nền tảng số", "Văn phòng HĐND và UBND", "Công an phường", "Cả năm",
           "Báo cáo"], "III.1", DG, "VP", ["CAP"], "2027-12-31"),
        T(["2", "Số hóa hồ sơ lưu trữ", "Văn phòng HĐND và UBND", None, "Trước ngày 15/12/2027",
           "Dữ liệu"], "III.2", DG, "VP", [], "2027-12-15"),
    ]
    # fmt: on
    sheets = [std_plan(title, body)]
    f = b.xlsx("ke-hoach-cchc-2027-phuong-vo-cuong.xlsx", sheets)
    b.case(
        "plan-for-2027",
        [f],
        ["loaded"],
        "Next year's plan, issued in November 2026: plan year 2027, 'Cả năm' and '6 tháng đầu "
        "năm' fall in 2027.",
        tasks=tasks_expect(VC, 2027, tasks_in(sheets)),
    )


@case
def plan_csv(b: Builder) -> None:
    # fmt: off
    rows = [
        ["UBND PHƯỜNG KINH BẮC"],
        ["NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026"],
        ["(Kèm theo Kế hoạch số 25/KH-UBND ngày 10/01/2026 của UBND phường Kinh Bắc)"],
        [],
        [
            "STT",
            "Nội dung nhiệm vụ",
            "Cơ quan chủ trì",
            "Cơ quan phối hợp",
            "Thời gian hoàn thành",
            "Sản phẩm",
        ],
        ["I", "CẢI CÁCH THỂ CHẾ"],
        T(["1", "Rà soát văn bản quy phạm pháp luật", "Văn phòng HĐND và UBND",
           "Phòng Kinh tế, Hạ tầng và Đô thị", "Quý II/2026", "Báo cáo"],
          "I.1", INS, "VP", ["KTHTDT"], "2026-06-30"),
        ["II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"],
        T(["1", "Công khai thủ tục hành chính", "Trung tâm Phục vụ hành chính công",
           "Văn phòng HĐND và UBND, Công an phường", "31/3/2026", "Danh mục"],
          "II.1", PRO, "TTPVHCC", ["VP", "CAP"], "2026-03-31"),
        T(["2", "Rà soát TTHC đất đai, xây dựng", "Phòng Kinh tế, Hạ tầng và Đô thị",
           "Trung tâm Phục vụ hành chính công", "Quý III/2026", "Báo cáo"],
          "II.2", PRO, "KTHTDT", ["TTPVHCC"], "2026-09-30"),
        ["III", "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ"],
        T(["1", "Đánh giá, xếp loại công chức", "Văn phòng HĐND và UBND", None, "Tháng 12/2026",
           "Quyết định"], "III.1", CS, "VP", [], "2026-12-31"),
        ["IV", "CHUYỂN ĐỔI SỐ"],
        T(["1", "Số hóa hồ sơ, kết quả giải quyết TTHC", "Trung tâm Phục vụ hành chính công",
           "Công an phường", "Thường xuyên", "Dữ liệu"], "IV.1", DG, "TTPVHCC", ["CAP"], None),
        T(["2", "Trang thông tin điện tử phường", "Phòng Văn hóa - Xã hội",
           "Văn phòng HĐND và UBND", "Cả năm", "Trang thông tin"],
          "IV.2", DG, "VHXH", ["VP"], "2026-12-31"),
    ]
    # fmt: on
    f = b.csv_file("ke-hoach-phuong-kinh-bac.csv", rows)
    b.case(
        "plan-csv-export",
        [f],
        ["loaded"],
        "A plan saved from Excel as 'CSV UTF-8 (comma delimited)': byte-order mark, title lines, "
        "quoted cells with commas, dates as text.",
        tasks=tasks_expect(KB, 2026, [r for r in rows if isinstance(r, T)]),
    )


# =========================================================================================
# Build
# =========================================================================================


def build(out: Path = DEFAULT_OUT, xls: bool = True, xls_sources: Path | None = None) -> list[dict]:
    """Write every workbook of the corpus and expected.json into `out`; return the cases.

    With `xls_sources`, the .xlsx each .xls is converted from is also written there (the
    determinism test compares those with the committed .xls)."""
    out.mkdir(parents=True, exist_ok=True)
    b = Builder(out, xls, xls_sources)
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
    xls = not args.no_xls and shutil.which("soffice") is not None
    before = set(args.out.iterdir()) if args.out.exists() else set()
    cases = build(args.out, xls=xls)
    names = {f for c in cases for f in c["files"]} | {"expected.json"}
    for p in before:  # files of cases since removed
        if p.name not in names and p.suffix in {".xlsx", ".xls", ".csv"}:
            p.unlink()
    print(f"{len(cases)} cases written to {args.out}")


if __name__ == "__main__":
    main()
