"""Write the demo workbooks in data/demo/: the 2026 plan appendix of phường Võ Cường and the
quarterly progress reports of its departments (Q1-Q3 2026), plus data/demo/README.md.

The files imitate what ward staff produce in Excel: title rows, a two-row merged header, a row of
column numbers, Roman-numeral section rows, sub-tasks "1.1" / "a)", mixed deadline formats, a
hidden column, a signature block, reworded titles in the reports, statuses and percents typed in
several ways, one report typed without diacritics, late and missing reports.

Everything is declared as data below and written deterministically: running the script twice gives
byte-identical files (fixed workbook timestamps, fixed zip entry dates).

    python scripts/make_demo.py [--out DIR]
"""

from __future__ import annotations

import argparse
import calendar
import io
import re
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "data" / "demo"

PLAN_FILE = "ke-hoach-cchc-2026-phu-luc.xlsx"
AS_OF = date(2026, 11, 26)  # the date the README's "overdue" facts refer to
YEAR = 2026

TX = "Thường xuyên"  # continuous task: no single deadline
BY_PROVINCE = "Theo kế hoạch của tỉnh"  # deadline set later by the province

# ---------------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------------

AREAS = [  # (roman numeral, section title as written in the appendix, canonical code)
    ("I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH", "direction"),
    ("II", "CẢI CÁCH THỂ CHẾ", "institutions"),
    ("III", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "procedures"),
    ("IV", "CẢI CÁCH TỔ CHỨC BỘ MÁY HÀNH CHÍNH NHÀ NƯỚC", "apparatus"),
    ("V", "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ", "civil_service"),
    ("VI", "CẢI CÁCH TÀI CHÍNH CÔNG", "public_finance"),
    ("VII", "CHUYỂN ĐỔI SỐ (CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ)", "digital"),
]
AREA_BY_ROMAN = {roman: code for roman, _, code in AREAS}
MIN_LEAVES = {  # the brief's minimum number of leaf tasks per area
    "direction": 6,
    "institutions": 6,
    "procedures": 10,
    "apparatus": 5,
    "civil_service": 7,
    "public_finance": 5,
    "digital": 10,
}

DEPARTMENTS = {  # code -> (file slug, full name); UBND is the committee and files no report
    "VHXH": ("vhxh", "Phòng Văn hóa – Xã hội"),
    "VP": ("vp", "Văn phòng HĐND và UBND"),
    "KTHTDT": ("kthtdt", "Phòng Kinh tế, Hạ tầng và Đô thị"),
    "TTPVHCC": ("ttpvhcc", "Trung tâm Phục vụ hành chính công"),
    "TTCU": ("ttcu", "Trung tâm Cung ứng dịch vụ sự nghiệp công"),
    "CAP": ("cap", "Công an phường"),
    "UBND": (None, "UBND phường"),
}
REPORTING_DEPARTMENTS = ["VHXH", "VP", "KTHTDT", "TTPVHCC", "TTCU", "CAP"]

QUARTERS = {"q1": "I", "q2": "II", "q3": "III"}

# Report dates per quarter and department. A department absent from a quarter filed no report.
REPORT_DATES = {
    "q1": {
        "VHXH": date(2026, 3, 16),
        "VP": date(2026, 3, 16),
        "KTHTDT": date(2026, 3, 18),
        "TTPVHCC": date(2026, 3, 13),
        "TTCU": date(2026, 3, 19),
        # CAP: no Q1 report
    },
    "q2": {
        "VHXH": date(2026, 6, 15),
        "VP": date(2026, 6, 18),
        "KTHTDT": date(2026, 6, 15),
        "TTPVHCC": date(2026, 6, 12),
        "TTCU": date(2026, 7, 3),  # late
        "CAP": date(2026, 6, 16),
    },
    "q3": {
        "VHXH": date(2026, 9, 16),
        "KTHTDT": date(2026, 9, 17),
        "TTPVHCC": date(2026, 9, 15),
        "CAP": date(2026, 10, 2),  # late
        # VP, TTCU: no Q3 report
    },
}
NO_DIACRITICS = {("q2", "KTHTDT")}  # typed on an old machine without a Vietnamese keyboard

STATUS_TEXT = {
    "done": "Đã hoàn thành",
    "in_progress": "Đang thực hiện",
    "not_started": "Chưa thực hiện",
}

# ---------------------------------------------------------------------------------------------
# The plan: tasks in appendix order
# ---------------------------------------------------------------------------------------------


@dataclass
class Task:
    code: str  # internal identity: roman section + number, e.g. "III.4.2" or "I.2.a"
    title: str
    lead: str  # department code
    support: str = ""  # the support cell exactly as typed
    deadline: object = ""  # date or text, as in column E
    product: str = ""
    story: tuple | None = None  # percent reported in Q1, Q2, Q3 (None: no report that quarter)
    alias: str | None = None  # how the department rewords the title in its reports
    evidence: str = ""  # "Sản phẩm/Minh chứng" once done
    progress: dict = field(default_factory=dict)  # quarter -> "Sản phẩm/Minh chứng" while open
    issue: str | dict = ""  # "Khó khăn, vướng mắc" while not done (str: every such quarter)
    note: str = ""  # "Ghi chú" column of the plan
    report_note: dict = field(default_factory=dict)  # quarter -> "Ghi chú" column of a report
    lead_text: str | None = None  # lead cell when not the full department name
    old_code: str = ""  # hidden column H of the plan
    parent: bool = False  # has sub-tasks; reported through them

    @property
    def area(self) -> str:
        return AREA_BY_ROMAN[self.code.split(".")[0]]

    @property
    def number(self) -> str:
        """STT as typed in the appendix: "3", "3.1", "a)"."""
        parts = self.code.split(".")[1:]
        if parts[-1].isalpha():
            return parts[-1] + ")"
        return ".".join(parts)

    @property
    def continuous(self) -> bool:
        return self.deadline == TX


def P(code, title, lead="", deadline="", **kw) -> Task:
    """A parent task: its row carries the title, reporting happens through its sub-tasks."""
    return Task(code, title, lead, deadline=deadline, parent=True, **kw)


T = Task

TASKS: list[Task] = [
    # I. Công tác chỉ đạo, điều hành -------------------------------------------------------
    T(
        "I.1",
        "Ban hành Kế hoạch tuyên truyền cải cách hành chính năm 2026 của UBND phường",
        "VHXH",
        "Trung tâm Cung ứng dịch vụ sự nghiệp công",
        "Quý I/2026",
        "Kế hoạch",
        (100, 100, 100),
        alias="Ban hành Kế hoạch tuyên truyền CCHC năm 2026",
        evidence="Kế hoạch số 25/KH-UBND ngày 20/02/2026",
        old_code="CĐ-01",
    ),
    P(
        "I.2",
        "Đẩy mạnh thông tin, tuyên truyền về công tác cải cách hành chính",
        "Trung tâm Cung ứng dịch vụ sự nghiệp công",
    ),
    T(
        "I.2.a",
        "Duy trì chuyên mục “Cải cách hành chính” trên Trang thông tin điện tử phường, "
        "cập nhật tin, bài hằng tháng",
        "TTCU",
        "P. VHXH",
        TX,
        "Tin, bài",
    ),
    T(
        "I.2.b",
        "Tuyên truyền trên hệ thống truyền thanh cơ sở về thủ tục hành chính, dịch vụ "
        "công trực tuyến và Đề án 06",
        "TTCU",
        "Công an phường; Trung tâm Phục vụ hành chính công",
        "Cả năm",
        "Chương trình phát thanh",
        (25, 50, None),
        progress={"q2": "48 chương trình phát thanh"},
    ),
    T(
        "I.2.c",
        "Biểu dương, giới thiệu các mô hình, sáng kiến, cách làm hay trong cải cách hành chính",
        "TTCU",
        "Các phòng, đơn vị",
        "Quý IV/2026",
        "Tin, bài",
        (0, 10, None),
    ),
    T(
        "I.3",
        "Tổng hợp, xây dựng báo cáo định kỳ (quý, 6 tháng, năm) về công tác cải cách "
        "hành chính gửi Sở Nội vụ",
        "VHXH",
        "Các phòng, đơn vị",
        BY_PROVINCE,
        "Báo cáo",
        (25, 50, 75),
        progress={
            "q1": "Báo cáo số 35/BC-UBND ngày 14/3/2026",
            "q2": "Báo cáo số 88/BC-UBND ngày 12/6/2026",
            "q3": "Báo cáo số 121/BC-UBND ngày 14/9/2026",
        },
    ),
    T(
        "I.4",
        "Xây dựng kế hoạch và tổ chức kiểm tra công tác cải cách hành chính tại các phòng, "
        "đơn vị thuộc UBND phường",
        "VHXH",
        "VP HĐND-UBND",
        "Quý III/2026",
        "Kế hoạch, Thông báo kết luận",
        (0, 40, 100),
        progress={"q2": "Kế hoạch số 70/KH-UBND ngày 06/5/2026"},
        evidence="Thông báo số 118/TB-UBND ngày 10/09/2026",
    ),
    T(
        "I.5",
        "Tự đánh giá, chấm điểm Chỉ số cải cách hành chính (PAR INDEX) năm 2026 của "
        "phường; cung cấp tài liệu kiểm chứng theo hướng dẫn của tỉnh",
        "VHXH",
        "Các phòng, đơn vị",
        "Trước ngày 15/12/2026",
        "Báo cáo tự đánh giá",
        (0, 0, 10),
        alias="Tự đánh giá, chấm điểm Chỉ số CCHC (PAR INDEX) năm 2026; cung cấp tài liệu "
        "kiểm chứng",
        note="PAR INDEX",
    ),
    T(
        "I.6",
        "Triển khai các giải pháp cải thiện môi trường đầu tư, kinh doanh, nâng cao Chỉ số "
        "năng lực cạnh tranh (PCI) trên địa bàn phường",
        "KTHTDT",
        "TTPVHCC, Công an phường",
        "Cả năm",
        "Kế hoạch, Báo cáo",
        (20, 50, 70),
        alias="Triển khai giải pháp cải thiện môi trường đầu tư, kinh doanh, nâng cao chỉ số PCI",
        note="PCI",
    ),
    T(
        "I.7",
        "Tiếp nhận, xử lý phản ánh, kiến nghị của người dân, doanh nghiệp về quy định hành "
        "chính và công tác cải cách hành chính",
        "VP",
        "Trung tâm Phục vụ hành chính công\nPhòng Kinh tế, Hạ tầng và Đô thị",
        TX,
        "Báo cáo",
    ),
    T(
        "I.8",
        "Theo dõi, đôn đốc, đánh giá tình hình thực hiện nhiệm vụ do UBND, Chủ tịch UBND "
        "phường giao trên Hệ thống quản lý nhiệm vụ",
        "VP",
        "Các phòng, đơn vị",
        TX,
        "Báo cáo",
    ),
    T(
        "I.9",
        "Tổ chức Hội nghị tổng kết công tác cải cách hành chính năm 2026, triển khai nhiệm "
        "vụ năm 2027",
        "UBND",
        "P. VHXH; VP HĐND-UBND",
        "Tháng 12/2026",
        "Báo cáo tổng kết",
    ),
    T(
        "I.10",
        "Quán triệt người đứng đầu các phòng, đơn vị về trách nhiệm thực hiện nhiệm vụ "
        "cải cách hành chính; gắn kết quả CCHC với bình xét thi đua, khen thưởng",
        "UBND",
        "Các phòng, đơn vị",
        TX,
        "Văn bản chỉ đạo",
    ),
    # II. Cải cách thể chế ------------------------------------------------------------------
    T(
        "II.1",
        "Xây dựng, ban hành Kế hoạch rà soát, hệ thống hóa văn bản quy phạm pháp luật năm 2026",
        "VP",
        "Các phòng, đơn vị",
        "Quý I/2026",
        "Kế hoạch",
        (100, 100, None),
        evidence="Kế hoạch số 31/KH-UBND ngày 02/03/2026",
        old_code="TC-01",
    ),
    T(
        "II.2",
        "Rà soát, sửa đổi, bổ sung Quy chế làm việc của UBND phường",
        "VP",
        "P. VHXH",
        date(2026, 2, 28),
        "Quyết định",
        (100, 100, None),
        evidence="Quyết định số 45/QĐ-UBND ngày 05/03/2026",
        report_note={"q1": "Chậm so với kế hoạch do chờ ý kiến góp ý của các phòng"},
        lead_text="Văn phòng HĐND-UBND",
    ),
    P(
        "II.3",
        "Rà soát, hệ thống hóa văn bản quy phạm pháp luật do HĐND, UBND phường ban hành",
        "Văn phòng HĐND và UBND",
        "Năm 2026",
    ),
    T(
        "II.3.1",
        "Công bố danh mục văn bản quy phạm pháp luật hết hiệu lực, ngưng hiệu lực "
        "toàn bộ hoặc một phần năm 2025",
        "VP",
        "Các phòng, đơn vị",
        date(2026, 3, 31),
        "Quyết định",
        (100, 100, None),
        evidence="Quyết định số 52/QĐ-UBND ngày 11/03/2026",
    ),
    T(
        "II.3.2",
        "Rà soát văn bản do HĐND, UBND phường (trước sắp xếp) ban hành để sửa đổi, bổ "
        "sung, thay thế, bãi bỏ phù hợp với mô hình chính quyền địa phương 02 cấp",
        "VP",
        "Phòng Kinh tế, Hạ tầng và Đô thị, Phòng Văn hóa – Xã hội",
        "Quý II/2026",
        "Báo cáo",
        (30, 70, None),
        alias="Rà soát văn bản do HĐND, UBND phường ban hành để sửa đổi, bổ sung, thay thế, "
        "bãi bỏ phù hợp với mô hình chính quyền địa phương 02 cấp",
        issue={
            "q2": "Số lượng văn bản của các xã, phường cũ lớn; một số văn bản chưa được bàn "
            "giao đầy đủ"
        },
    ),
    T(
        "II.4",
        "Thực hiện tự kiểm tra văn bản quy phạm pháp luật do UBND phường ban hành",
        "VP",
        "",
        TX,
        "Báo cáo",
    ),
    T(
        "II.5",
        "Tổ chức phổ biến, giáo dục pháp luật; hưởng ứng Ngày Pháp luật nước Cộng hòa xã "
        "hội chủ nghĩa Việt Nam (09/11)",
        "VP",
        "Trung tâm Cung ứng dịch vụ sự nghiệp công và Phòng Văn hóa – Xã hội",
        "Tháng 11/2026",
        "Kế hoạch, Báo cáo",
        (10, 30, None),
    ),
    T(
        "II.6",
        "Theo dõi tình hình thi hành pháp luật trên địa bàn phường năm 2026",
        "VP",
        "P. KTHTĐT; Công an phường",
        "Năm 2026",
        "Báo cáo",
        (10, 40, None),
        lead_text="Văn phòng HĐND-UBND",
    ),
    T(
        "II.7",
        "Thực hiện lấy ý kiến Nhân dân đối với dự thảo văn bản, chính sách; công khai văn "
        "bản theo quy định",
        "VP",
        "Các phòng, đơn vị",
        "Năm 2026",
        "Văn bản",
        (20, 50, None),
    ),
    # III. Cải cách thủ tục hành chính ------------------------------------------------------
    T(
        "III.1",
        "Xây dựng, ban hành Kế hoạch kiểm soát thủ tục hành chính năm 2026",
        "TTPVHCC",
        "Các phòng, đơn vị",
        "Quý I/2026",
        "Kế hoạch",
        (70, 100, 100),
        alias="Xây dựng Kế hoạch kiểm soát TTHC năm 2026",
        progress={"q1": "Đã trình dự thảo Kế hoạch"},
        evidence="Kế hoạch số 40/KH-UBND ngày 08/04/2026",
        old_code="TT-01",
    ),
    P("III.2", "Công khai, minh bạch thủ tục hành chính"),
    T(
        "III.2.1",
        "Niêm yết, công khai đầy đủ, kịp thời danh mục thủ tục hành chính thuộc thẩm "
        "quyền giải quyết của phường tại Trung tâm Phục vụ hành chính công và Trang thông tin "
        "điện tử phường",
        "TTPVHCC",
        "VP HĐND-UBND",
        TX,
        "Danh mục TTHC",
    ),
    T(
        "III.2.2",
        "Cập nhật, công khai quy trình nội bộ giải quyết thủ tục hành chính trên Hệ "
        "thống thông tin giải quyết thủ tục hành chính của tỉnh",
        "TTPVHCC",
        "Văn phòng HĐND và UBND",
        "Quý II/2026",
        "Quy trình nội bộ",
        (40, 100, 100),
        evidence="Quyết định số 97/QĐ-UBND ngày 29/05/2026",
    ),
    T(
        "III.3",
        "Rà soát, đề xuất phương án đơn giản hóa thủ tục hành chính, cắt giảm ít nhất 50% "
        "thời gian giải quyết và chi phí tuân thủ",
        "TTPVHCC",
        "Các phòng, đơn vị",
        date(2026, 9, 30),
        "Báo cáo, Phương án đơn giản hóa",
        (10, 40, 70),
        alias="Rà soát, đề xuất phương án đơn giản hóa TTHC, cắt giảm 50% thời gian giải quyết "
        "và chi phí tuân thủ",
        issue={"q3": "Một số TTHC thuộc thẩm quyền của cơ quan cấp trên, phường chỉ đề xuất"},
        note="Chỉ tiêu tỉnh giao",
    ),
    P(
        "III.4",
        "Thực hiện cơ chế một cửa, một cửa liên thông theo Nghị định số 118/2025/NĐ-CP",
        "Trung tâm Phục vụ hành chính công",
        "Năm 2026",
    ),
    T(
        "III.4.1",
        "Ban hành Quy chế tổ chức và hoạt động của Trung tâm Phục vụ hành chính công phường",
        "TTPVHCC",
        "VP HĐND-UBND",
        "Quý I/2026",
        "Quyết định",
        (100, 100, 100),
        evidence="Quyết định số 28/QĐ-UBND ngày 10/02/2026",
    ),
    T(
        "III.4.2",
        "Bố trí công chức làm việc tại Trung tâm Phục vụ hành chính công; bảo đảm 100% "
        "hồ sơ được giải quyết đúng hạn, trước hạn",
        "TTPVHCC",
        "Các phòng, đơn vị",
        TX,
        "Báo cáo",
    ),
    T(
        "III.4.3",
        "Tổ chức tiếp nhận hồ sơ thủ tục hành chính không phụ thuộc vào địa giới hành "
        "chính trong phạm vi tỉnh",
        "TTPVHCC",
        "Công an phường, Phòng Kinh tế, Hạ tầng và Đô thị",
        "Quý III/2026",
        "Báo cáo",
        (20, 60, 100),
        evidence="Báo cáo số 112/BC-TTPVHCC ngày 08/09/2026",
    ),
    T(
        "III.5",
        "Tổ chức đo lường sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ "
        "quan hành chính nhà nước (SIPAS), phấn đấu đạt từ 95% trở lên",
        "TTPVHCC",
        "P. VHXH",
        date(2026, 11, 30),
        "Kết quả khảo sát",
        (0, 30, 60),
        note="Chỉ tiêu tỉnh giao ≥ 95%",
    ),
    T(
        "III.6",
        "Bảo đảm 100% thủ tục hành chính liên quan đến hoạt động sản xuất, kinh doanh "
        "được cung cấp dưới hình thức dịch vụ công trực tuyến",
        "KTHTDT",
        "Trung tâm Phục vụ hành chính công",
        "31/12/2026",
        "Báo cáo",
        (30, 60, 80),
        note="Chỉ tiêu tỉnh giao",
    ),
    T(
        "III.7",
        "Triển khai thanh toán trực tuyến phí, lệ phí trong giải quyết thủ tục hành chính",
        "TTPVHCC",
        "Phòng Kinh tế, Hạ tầng và Đô thị",
        "Năm 2026",
        "Báo cáo",
        (30, 55, 75),
    ),
    T(
        "III.8",
        "Thực hiện liên thông điện tử 02 nhóm thủ tục hành chính: đăng ký khai sinh – "
        "đăng ký thường trú – cấp thẻ BHYT cho trẻ em dưới 6 tuổi; đăng ký khai tử – xóa đăng ký "
        "thường trú – hỗ trợ chi phí mai táng",
        "CAP",
        "Phòng Văn hóa – Xã hội; Trung tâm Phục vụ hành chính công",
        "6 tháng đầu năm",
        "Báo cáo",
        (None, 100, 100),
        evidence="Báo cáo số 15/BC-CAP ngày 12/06/2026",
        note="Đề án 06",
    ),
    T(
        "III.9",
        "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính; tái sử dụng dữ liệu đã được số hóa",
        "TTPVHCC",
        "Các phòng, đơn vị",
        date(2026, 6, 30),
        "Hồ sơ được số hóa",
        (50, 80, 90),
        alias="Số hóa hồ sơ, kết quả giải quyết TTHC; tái sử dụng dữ liệu số hóa",
        progress={"q3": "Đã số hóa 90% hồ sơ"},
        issue="Hồ sơ tồn của các xã, phường cũ nhiều; thiếu máy quét",
    ),
    T(
        "III.10",
        "Tập huấn nghiệp vụ kiểm soát thủ tục hành chính cho công chức đầu mối các phòng, đơn vị",
        "TTPVHCC",
        "P. VHXH",
        "Quý II/2026",
        "Kế hoạch, Danh sách học viên",
        (0, 100, 100),
        evidence="Thông báo số 74/TB-TTPVHCC ngày 22/05/2026",
    ),
    T(
        "III.11",
        "Báo cáo tình hình, kết quả thực hiện kiểm soát thủ tục hành chính định kỳ",
        "TTPVHCC",
        "",
        BY_PROVINCE,
        "Báo cáo",
        (25, 50, 75),
        lead_text="TTPVHCC",
    ),
    T(
        "III.12",
        "Duy trì Tổ hỗ trợ, hướng dẫn người dân, doanh nghiệp nộp hồ sơ trực tuyến tại "
        "Trung tâm Phục vụ hành chính công",
        "TTPVHCC",
        "Công an phường và Trung tâm Cung ứng dịch vụ sự nghiệp công",
        "Cả năm",
        "Quyết định thành lập Tổ",
        (30, 60, 80),
    ),
    T(
        "III.13",
        "Rà soát, công bố danh mục thủ tục hành chính thực hiện dịch vụ công trực tuyến "
        "toàn trình, một phần",
        "TTPVHCC",
        "Các phòng, đơn vị",
        "Quý II/2026",
        "Quyết định",
        (50, 100, 100),
        alias="Rà soát, công bố danh mục TTHC thực hiện dịch vụ công trực tuyến toàn trình, "
        "một phần",
        evidence="Quyết định số 88/QĐ-UBND ngày 15/05/2026",
    ),
    T(
        "III.14",
        "Đẩy mạnh tiếp nhận hồ sơ đăng ký cư trú trực tuyến qua Cổng Dịch vụ công quốc "
        "gia và ứng dụng VNeID",
        "CAP",
        "TTPVHCC",
        "Năm 2026",
        "Báo cáo",
        (None, 60, 80),
    ),
    # IV. Cải cách tổ chức bộ máy -----------------------------------------------------------
    T(
        "IV.1",
        "Rà soát, tham mưu ban hành quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ "
        "chức của các phòng chuyên môn, đơn vị thuộc UBND phường",
        "VHXH",
        "Các phòng, đơn vị",
        "Quý I/2026",
        "Quyết định",
        (100, 100, 100),
        evidence="Quyết định số 20/QĐ-UBND ngày 28/01/2026",
    ),
    T(
        "IV.2",
        "Xây dựng, ban hành Quy chế phối hợp giữa các phòng chuyên môn, đơn vị thuộc UBND phường",
        "VHXH",
        "VP HĐND-UBND",
        date(2026, 6, 30),
        "Quy chế",
        (0, 0, 0),
        issue={"q2": "Chờ hướng dẫn của Sở Nội vụ", "q3": "Chờ hướng dẫn của Sở Nội vụ"},
        lead_text="Phòng Văn hóa - Xã hội",
    ),
    T(
        "IV.3",
        "Kiện toàn Ban Chỉ đạo cải cách hành chính và Tổ giúp việc của phường",
        "VHXH",
        "Các phòng, đơn vị",
        "Quý I/2026",
        "Quyết định",
        (100, 100, 100),
        evidence="Quyết định số 18/QĐ-UBND ngày 26/01/2026",
    ),
    T(
        "IV.4",
        "Báo cáo thống kê số lượng, chất lượng cán bộ, công chức; quản lý biên chế được "
        "giao năm 2026",
        "VHXH",
        "",
        "Tháng 6/2026",
        "Báo cáo",
        (20, 100, 100),
        evidence="Báo cáo số 84/BC-UBND ngày 05/06/2026",
    ),
    T(
        "IV.5",
        "Đánh giá tình hình tổ chức, hoạt động của chính quyền địa phương 02 cấp tại "
        "phường sau 01 năm vận hành",
        "VHXH",
        "Các phòng, đơn vị",
        "Quý III/2026",
        "Báo cáo",
        (0, 30, 100),
        evidence="Báo cáo số 115/BC-UBND ngày 04/09/2026",
    ),
    T(
        "IV.6",
        "Kiện toàn tổ chức, hoạt động của Trung tâm Cung ứng dịch vụ sự nghiệp công phường",
        "VHXH",
        "TTCU; P. KTHTĐT",
        "Quý IV/2026",
        "Quyết định",
        (10, 30, 60),
        alias="Kiện toàn tổ chức, hoạt động của Trung tâm Cung ứng dịch vụ sự nghiệp công",
    ),
    # V. Cải cách chế độ công vụ -------------------------------------------------------------
    T(
        "V.1",
        "Xây dựng Đề án vị trí việc làm, cơ cấu ngạch công chức của UBND phường",
        "VHXH",
        "Các phòng, đơn vị",
        "Quý II/2026",
        "Đề án",
        (30, 60, 80),
        issue={"q3": "Chờ hướng dẫn khung vị trí việc làm cấp xã của tỉnh"},
        old_code="CV-02",
    ),
    T(
        "V.2",
        "Xây dựng, triển khai Kế hoạch đào tạo, bồi dưỡng cán bộ, công chức năm 2026",
        "VHXH",
        "Các phòng, đơn vị",
        "Quý I/2026",
        "Kế hoạch",
        (100, 100, 100),
        alias="Xây dựng, triển khai Kế hoạch đào tạo, bồi dưỡng cán bộ, công chức",
        evidence="Kế hoạch số 27/KH-UBND ngày 25/02/2026",
    ),
    T(
        "V.3",
        "Cử cán bộ, công chức tham gia các lớp bồi dưỡng kiến thức, kỹ năng về cải cách "
        "hành chính, chuyển đổi số do tỉnh tổ chức",
        "VHXH",
        "Các phòng, đơn vị",
        "Cả năm",
        "Danh sách cử đi học",
        (20, 50, 70),
        progress={"q3": "Đã cử 14 lượt CBCC"},
    ),
    T(
        "V.4",
        "Đánh giá, xếp loại chất lượng cán bộ, công chức năm 2026",
        "VHXH",
        "Các phòng, đơn vị",
        "Trước ngày 15/12/2026",
        "Quyết định",
        (0, 0, 0),
    ),
    T(
        "V.5",
        "Tăng cường kỷ luật, kỷ cương hành chính; kiểm tra công vụ đột xuất việc chấp hành "
        "giờ giấc, thái độ phục vụ tại Trung tâm Phục vụ hành chính công",
        "VHXH",
        "VP HĐND-UBND",
        TX,
        "Thông báo kết quả kiểm tra",
    ),
    T(
        "V.6",
        "Tham mưu khen thưởng tập thể, cá nhân có thành tích xuất sắc trong công tác cải "
        "cách hành chính năm 2026",
        "VHXH",
        "Các phòng, đơn vị",
        "31/12/2026",
        "Quyết định khen thưởng",
        (0, 0, 0),
        alias="Tham mưu khen thưởng tập thể, cá nhân có thành tích trong công tác CCHC năm 2026",
    ),
    T(
        "V.7",
        "Thực hiện chính sách đối với cán bộ, công chức nghỉ việc theo Nghị định số 178/2024/NĐ-CP",
        "VHXH",
        "Phòng Kinh tế, Hạ tầng và Đô thị",
        "Quý II/2026",
        "Quyết định",
        (50, 100, 100),
        evidence="Quyết định số 91/QĐ-UBND ngày 20/05/2026",
    ),
    T(
        "V.8",
        "Đánh giá, xếp loại mức độ hoàn thành nhiệm vụ hằng tháng của cán bộ, công chức "
        "trên phần mềm của tỉnh",
        "VHXH",
        "Các phòng, đơn vị",
        "Năm 2026",
        "Kết quả đánh giá",
        (25, 50, 75),
        lead_text="Phòng VH-XH",
    ),
    T(
        "V.9",
        "Rà soát, bổ sung quy hoạch chức danh lãnh đạo, quản lý các phòng, đơn vị thuộc "
        "UBND phường",
        "VHXH",
        "",
        "Quý II/2026",
        "Quyết định",
        (20, 100, 100),
        evidence="Quyết định số 99/QĐ-UBND ngày 02/06/2026",
    ),
    # VI. Cải cách tài chính công ------------------------------------------------------------
    T(
        "VI.1",
        "Tổng hợp, trình giao dự toán kinh phí thực hiện nhiệm vụ cải cách hành chính năm 2026",
        "KTHTDT",
        "P. VHXH",
        "Quý I/2026",
        "Quyết định",
        (100, 100, 100),
        evidence="Quyết định số 36/QĐ-UBND ngày 06/03/2026",
    ),
    T(
        "VI.2",
        "Ban hành Quy chế chi tiêu nội bộ năm 2026 của UBND phường",
        "KTHTDT",
        "Các phòng, đơn vị",
        date(2026, 3, 31),
        "Quy chế",
        (100, 100, 100),
        alias="Ban hành Quy chế chi tiêu nội bộ của UBND phường",
        evidence="Quyết định số 33/QĐ-UBND ngày 27/02/2026",
    ),
    T(
        "VI.3",
        "Công khai dự toán, quyết toán ngân sách phường theo quy định",
        "KTHTDT",
        "Văn phòng HĐND và UBND",
        TX,
        "Văn bản công khai",
    ),
    T(
        "VI.4",
        "Thực hiện cơ chế tự chủ tài chính đối với Trung tâm Cung ứng dịch vụ sự nghiệp công",
        "KTHTDT",
        "TTCU",
        "6 tháng đầu năm",
        "Quyết định",
        (30, 100, 100),
        evidence="Quyết định số 95/QĐ-UBND ngày 27/05/2026",
    ),
    T(
        "VI.5",
        "Xét duyệt, tổng hợp quyết toán ngân sách phường năm 2025",
        "KTHTDT",
        "Các phòng, đơn vị",
        "Quý III/2026",
        "Báo cáo",
        (40, 80, 100),
        evidence="Báo cáo số 109/BC-UBND ngày 28/08/2026",
    ),
    T(
        "VI.6",
        "Rà soát, sắp xếp, xử lý trụ sở làm việc, tài sản công dôi dư sau sắp xếp đơn vị "
        "hành chính",
        "KTHTDT",
        "VP HĐND-UBND",
        date(2026, 12, 15),
        "Phương án sắp xếp",
        (20, 40, 60),
    ),
    T(
        "VI.7",
        "Đẩy mạnh thanh toán không dùng tiền mặt trong thu ngân sách, chi trả chế độ an "
        "sinh xã hội",
        "KTHTDT",
        "Trung tâm Phục vụ hành chính công và Phòng Văn hóa – Xã hội",
        "Cả năm",
        "Báo cáo",
        (30, 50, 70),
        alias="Thanh toán không dùng tiền mặt trong thu ngân sách, chi trả chế độ an sinh xã hội",
    ),
    T(
        "VI.8",
        "Hướng dẫn các phòng, đơn vị lập dự toán kinh phí thực hiện nhiệm vụ cải cách hành "
        "chính năm 2027",
        "KTHTDT",
        "Các phòng, đơn vị",
        "Quý III/2026",
        "Văn bản",
        (0, 20, 100),
        evidence="Công văn số 410/UBND-KTHTĐT ngày 15/07/2026",
    ),
    # VII. Chuyển đổi số --------------------------------------------------------------------
    T(
        "VII.1",
        "Xây dựng, ban hành Kế hoạch chuyển đổi số năm 2026 của phường",
        "VHXH",
        "Các phòng, đơn vị",
        "Quý I/2026",
        "Kế hoạch",
        (100, 100, 100),
        alias="Ban hành Kế hoạch chuyển đổi số năm 2026",
        evidence="Kế hoạch số 22/KH-UBND ngày 12/02/2026",
        old_code="CĐS-01",
    ),
    P(
        "VII.2",
        "Triển khai Đề án 06 về phát triển ứng dụng dữ liệu về dân cư, định danh và xác "
        "thực điện tử",
        "Công an phường",
        "Năm 2026",
        note="Đề án 06",
    ),
    T(
        "VII.2.1",
        "Làm sạch, cập nhật dữ liệu dân cư bảo đảm “đúng, đủ, sạch, sống”",
        "CAP",
        "TTPVHCC, P. VHXH",
        "Quý III/2026",
        "Báo cáo",
        (None, 60, 85),
        alias="Làm sạch, cập nhật dữ liệu dân cư đảm bảo “đúng, đủ, sạch, sống”",
        issue={"q3": "Nhiều trường hợp biến động cư trú sau sắp xếp chưa cập nhật kịp"},
    ),
    T(
        "VII.2.2",
        "Hướng dẫn người dân kích hoạt, sử dụng tài khoản định danh điện tử mức độ 2 "
        "trên ứng dụng VNeID",
        "CAP",
        "Trung tâm Cung ứng dịch vụ sự nghiệp công",
        TX,
        "Báo cáo",
    ),
    T(
        "VII.2.3",
        "Kết nối, chia sẻ dữ liệu dân cư với cơ sở dữ liệu hộ tịch, bảo hiểm xã hội, "
        "an sinh xã hội",
        "CAP",
        "P. VHXH và TTPVHCC",
        date(2026, 9, 30),
        "Báo cáo",
        (None, 50, 100),
        evidence="Báo cáo số 41/BC-CAP ngày 01/10/2026",
    ),
    P("VII.3", "Nâng cao chất lượng cung cấp dịch vụ công trực tuyến"),
    T(
        "VII.3.1",
        "Phấn đấu tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận, giải quyết trực tuyến "
        "toàn trình đạt trên 80%",
        "TTPVHCC",
        "Các phòng, đơn vị",
        "Quý IV/2026",
        "Báo cáo",
        (40, 60, 70),
        progress={"q3": "Tỷ lệ toàn trình 9 tháng đạt 71,4%"},
    ),
    T(
        "VII.3.2",
        "Duy trì điểm Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người "
        "dân, doanh nghiệp (Bộ chỉ số 766) đạt từ 90 điểm trở lên",
        "TTPVHCC",
        "Công an phường",
        TX,
        "Báo cáo",
        note="QĐ 766/QĐ-TTg",
    ),
    T(
        "VII.4",
        "Sử dụng Hệ thống quản lý văn bản và điều hành; bảo đảm 100% văn bản đi (trừ văn "
        "bản mật) được ký số và gửi, nhận trên môi trường điện tử",
        "VP",
        "Các phòng, đơn vị",
        "Cả năm",
        "Báo cáo",
        (60, 80, None),
    ),
    T(
        "VII.5",
        "Rà soát, đề nghị cấp chứng thư chữ ký số chuyên dùng cho lãnh đạo UBND phường và "
        "công chức",
        "VP",
        "P. VHXH",
        "Quý II/2026",
        "Danh sách đề nghị cấp",
        (50, 100, None),
        evidence="Công văn số 215/UBND-VP ngày 10/04/2026",
    ),
    T(
        "VII.6",
        "Duy trì, vận hành Trang thông tin điện tử phường và các hệ thống thông tin, phần "
        "mềm dùng chung của tỉnh",
        "VP",
        "TTCU",
        "Cả năm",
        "Báo cáo",
        (25, 50, None),
    ),
    T(
        "VII.7",
        "Triển khai phương án bảo đảm an toàn thông tin mạng cho các hệ thống thông tin của phường",
        "VHXH",
        "Công an phường",
        date(2026, 12, 5),
        "Phương án",
        (0, 20, 50),
    ),
    T(
        "VII.8",
        "Tổ chức tập huấn kỹ năng số cho cán bộ, công chức và thành viên Tổ công nghệ số cộng đồng",
        "VHXH",
        "Trung tâm Cung ứng dịch vụ sự nghiệp công",
        "Quý II/2026",
        "Kế hoạch, Danh sách",
        (0, 100, 100),
        evidence="Kế hoạch số 60/KH-UBND ngày 15/04/2026",
    ),
    T(
        "VII.9",
        "Số hóa tài liệu lưu trữ, hồ sơ công việc của các phòng, đơn vị; lập hồ sơ điện tử",
        "VHXH",
        "Các phòng, đơn vị",
        "Năm 2026",
        "Hồ sơ được số hóa",
        (20, 40, 60),
        alias="Số hóa tài liệu lưu trữ, hồ sơ công việc của các phòng, đơn vị",
    ),
    T(
        "VII.10",
        "Cập nhật, chỉnh lý, làm sạch cơ sở dữ liệu đất đai trên địa bàn phường",
        "KTHTDT",
        "Công an phường",
        "Quý IV/2026",
        "Cơ sở dữ liệu",
        (10, 30, 50),
        lead_text="Phòng KTHT&ĐT",
    ),
    T(
        "VII.11",
        "Triển khai phong trào “Bình dân học vụ số”, phổ cập kỹ năng số cho người dân",
        "TTCU",
        "P. VHXH; Công an phường",
        "Cả năm",
        "Báo cáo",
        (20, 40, None),
    ),
    T(
        "VII.12",
        "Triển khai phòng họp không giấy phục vụ các cuộc họp, hội nghị của UBND phường",
        "VP",
        "Phòng Văn hóa – Xã hội",
        "Quý III/2026",
        "Hệ thống phòng họp không giấy",
        (30, 100, None),
        evidence="Đưa vào sử dụng từ ngày 01/06/2026",
    ),
]

# Typing variations in the reports, keyed by (quarter, task code) -----------------------------
BLANK = object()  # leave the cell empty
STATUS_TEXT_VARIANTS = {
    ("q1", "III.7"): "Đang  thực hiện",
    ("q2", "V.3"): "đang thực hiện",
    ("q2", "III.14"): "ĐANG THỰC HIỆN",
    ("q3", "IV.5"): "Đã hoàn thành ",
    ("q3", "VI.6"): "Đang thực hiện ",
    ("q1", "VI.2"): "Đã hoàn thành ",
}
PERCENT_VARIANTS = {
    ("q1", "V.3"): "20%",
    ("q1", "VII.4"): "60%",
    ("q2", "I.6"): 0.5,
    ("q2", "III.7"): 0.55,
    ("q2", "VII.8"): "100%",
    ("q3", "III.12"): "80%",
    ("q3", "VII.9"): "60 %",
    ("q3", "V.6"): BLANK,
}

# What the story plants (checked against the data when the script runs) ------------------------
EXPECTED_OVERDUE = {"II.3.2", "III.3", "III.9", "IV.2", "V.1", "VII.2.1"}
EXPECTED_DONE_LATE = {"II.2", "III.1", "VII.2.3"}

# ---------------------------------------------------------------------------------------------
# Derived facts
# ---------------------------------------------------------------------------------------------

QUARTER_END = {"I": (3, 31), "II": (6, 30), "III": (9, 30), "IV": (12, 31)}


def deadline_date(value: object) -> date | None:
    """The last day a deadline allows; None for continuous or province-set deadlines."""
    if isinstance(value, date):
        return value
    text = str(value)
    if m := re.search(r"(\d{1,2})/(\d{1,2})/(\d{4})", text):
        return date(int(m[3]), int(m[2]), int(m[1]))
    if m := re.fullmatch(r"Tháng (\d{1,2})/(\d{4})", text):
        month, year = int(m[1]), int(m[2])
        return date(year, month, calendar.monthrange(year, month)[1])
    if m := re.fullmatch(r"Quý (I|II|III|IV)/(\d{4})", text):
        return date(int(m[2]), *QUARTER_END[m[1]])
    if text == "6 tháng đầu năm":
        return date(YEAR, 6, 30)
    if text in (f"Năm {YEAR}", "Cả năm"):
        return date(YEAR, 12, 31)
    if text in (TX, BY_PROVINCE):
        return None
    raise ValueError(f"unknown deadline {value!r}")


def status_of(percent: int | None) -> str:
    if percent is None or 0 < percent < 100:
        return "in_progress"
    return "done" if percent == 100 else "not_started"


def leaves() -> list[Task]:
    return [t for t in TASKS if not t.parent]


def reports_of(task: Task) -> dict[str, tuple[date, str, int | None]]:
    """quarter -> (report date, canonical status, percent) for every report covering the task."""
    out = {}
    for i, quarter in enumerate(QUARTERS):
        report_date = REPORT_DATES[quarter].get(task.lead)
        if report_date is None:
            continue
        percent = None if task.continuous else task.story[i]
        out[quarter] = (report_date, status_of(percent), percent)
    return out


def overdue_tasks(as_of: date = AS_OF) -> list[Task]:
    """Deadline passed and the latest report does not say done (tasks with a report at all)."""
    result = []
    for task in leaves():
        due, reports = deadline_date(task.deadline), reports_of(task)
        if due is None or due >= as_of or not reports:
            continue
        if list(reports.values())[-1][1] != "done":
            result.append(task)
    return result


def first_done(task: Task) -> tuple[str, date] | None:
    for quarter, (report_date, status, _) in reports_of(task).items():
        if status == "done":
            return quarter, report_date
    return None


def done_late_tasks() -> list[tuple[Task, str, date]]:
    result = []
    for task in leaves():
        due, done = deadline_date(task.deadline), first_done(task)
        if due and done and done[1] > due:
            result.append((task, *done))
    return result


def is_late_report(quarter: str, report_date: date) -> bool:
    last_month = 3 * int(quarter[1])
    return report_date > date(YEAR, last_month, 20)


def validate() -> None:
    """Fail loudly when the data stops telling the story the README describes."""
    codes = [t.code for t in TASKS]
    assert len(codes) == len(set(codes)), "duplicate task codes"
    per_area = Counter(t.area for t in leaves())
    for area, minimum in MIN_LEAVES.items():
        assert per_area[area] >= minimum, (area, per_area[area])
    assert len(leaves()) >= 56
    for task in leaves():
        assert task.lead in DEPARTMENTS, task.code
        deadline_date(task.deadline)  # parses
        if task.lead == "UBND" or task.continuous:
            assert task.story is None, f"{task.code}: no story expected"
            continue
        assert task.story is not None and len(task.story) == 3, task.code
        previous = -1
        for quarter, percent in zip(QUARTERS, task.story, strict=True):
            filed = task.lead in REPORT_DATES[quarter]
            assert (percent is not None) == filed, f"{task.code} {quarter}: story vs. report"
            if percent is not None:
                assert percent >= previous, f"{task.code}: progress goes backwards"
                previous = percent
    kinds = {t.deadline if isinstance(t.deadline, str) else "date" for t in leaves()}
    for needed in (
        "date",
        "31/12/2026",
        "Trước ngày 15/12/2026",
        "Tháng 6/2026",
        "Quý I/2026",
        "Quý II/2026",
        "Quý III/2026",
        "Quý IV/2026",
        "6 tháng đầu năm",
        "Năm 2026",
        "Cả năm",
        TX,
        BY_PROVINCE,
    ):
        assert needed in kinds, f"no deadline of kind {needed!r}"
    assert {t.code for t in overdue_tasks()} == EXPECTED_OVERDUE, overdue_tasks()
    assert {t.code for t, *_ in done_late_tasks()} == EXPECTED_DONE_LATE, done_late_tasks()
    share = done_share()
    assert 0.45 <= share[0] / share[1] <= 0.55, share
    for task in leaves():  # evidence dated no later than the report announcing it, and
        done = first_done(task)  # after the deadline exactly for the tasks done late
        m = re.search(r"(\d{2})/(\d{2})/(\d{4})", task.evidence)
        if done and m:
            evidence_date = date(int(m[3]), int(m[2]), int(m[1]))
            assert evidence_date <= done[1], f"{task.code}: evidence after the report"
            late = evidence_date > deadline_date(task.deadline)
            assert late == (task.code in EXPECTED_DONE_LATE), f"{task.code}: evidence date"


def done_share() -> tuple[int, int]:
    """(done in the latest report, all) over leaf tasks with a fixed deadline."""
    fixed = [t for t in leaves() if deadline_date(t.deadline) is not None]
    done = sum(1 for t in fixed if (r := reports_of(t)) and list(r.values())[-1][1] == "done")
    return done, len(fixed)


# ---------------------------------------------------------------------------------------------
# Excel helpers
# ---------------------------------------------------------------------------------------------

THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
FONT = "Times New Roman"
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT_WRAP = Alignment(horizontal="left", vertical="center", wrap_text=True)
DATE_FORMAT = "dd/mm/yyyy"
FIXED_TIME = datetime(2026, 1, 1, 8, 0, 0)


def strip_diacritics(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    )


def put(
    ws: Worksheet,
    ref: str,
    value,
    *,
    bold=False,
    italic=False,
    size=12,
    align=None,
    border=False,
    merge_to: str | None = None,
):
    cell = ws[ref]
    cell.value = value
    cell.font = Font(name=FONT, size=size, bold=bold, italic=italic)
    if align is not None:
        cell.alignment = align
    if isinstance(value, date):
        cell.number_format = DATE_FORMAT
    if merge_to:
        ws.merge_cells(f"{ref}:{merge_to}")
    if border:
        for row in ws[f"{ref}:{merge_to or ref}"]:
            for c in row:
                c.border = BORDER
    return cell


def set_widths(ws: Worksheet, widths: list[float]) -> None:
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width


def vn_date_line(d: date) -> str:
    """'Võ Cường, ngày 05 tháng 3 năm 2026': days below 10 and months 1-2 take a leading zero."""
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"Võ Cường, ngày {d.day:02d} tháng {month} năm {d.year}"


def save(wb: Workbook, path: Path, when: datetime) -> None:
    """Save with fixed metadata and zip dates so that the bytes do not depend on the clock."""
    wb.properties.created = when
    buffer = io.BytesIO()
    wb.save(buffer)
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + stamp.encode() + rb"\g<2>",
                    data,
                )
            fixed = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, data)


# ---------------------------------------------------------------------------------------------
# Plan appendix
# ---------------------------------------------------------------------------------------------

PLAN_COLUMNS = 8  # A..G visible, H hidden ("Mã cũ")


def lead_cell(task: Task) -> str:
    if task.parent:
        return task.lead  # parents carry the lead as text, or nothing
    return task.lead_text or DEPARTMENTS[task.lead][1]


def write_plan(path: Path) -> None:
    wb = Workbook()
    notes = wb.active
    notes.title = "Ghi chú"
    notes["A1"] = "Ghi chú:"
    notes["A1"].font = Font(name=FONT, size=12, bold=True)
    notes["A2"] = (
        "Phụ lục nhiệm vụ kèm theo Kế hoạch cải cách hành chính năm 2026 của UBND "
        "phường Võ Cường, xem sheet “Phụ lục”."
    )
    notes["A3"] = (
        "Các phòng, đơn vị báo cáo tiến độ định kỳ hằng quý trước ngày 20 của tháng "
        "cuối quý, gửi về Phòng Văn hóa – Xã hội để tổng hợp."
    )
    notes["A4"] = "Bản cập nhật ngày 15/01/2026."
    for ref in ("A2", "A3", "A4"):
        notes[ref].font = Font(name=FONT, size=12)
    notes.column_dimensions["A"].width = 110

    ws = wb.create_sheet("Phụ lục")
    set_widths(ws, [6, 58, 22, 26, 16, 18, 16, 10])
    ws.column_dimensions["H"].hidden = True

    put(ws, "A1", "PHỤ LỤC", bold=True, size=13, align=CENTER, merge_to="G1")
    put(
        ws,
        "A2",
        f"NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM {YEAR}",
        bold=True,
        size=13,
        align=CENTER,
        merge_to="G2",
    )
    put(
        ws,
        "A3",
        "(Kèm theo Kế hoạch số 12/KH-UBND ngày 15/01/2026 của UBND phường Võ Cường)",
        italic=True,
        align=CENTER,
        merge_to="G3",
    )

    hdr = {"bold": True, "align": CENTER, "border": True}
    put(ws, "A5", "STT", merge_to="A6", **hdr)
    put(ws, "B5", "Nội dung nhiệm vụ", merge_to="B6", **hdr)
    put(ws, "C5", "Phân công thực hiện", merge_to="D5", **hdr)
    put(ws, "C6", "Cơ quan chủ trì", **hdr)
    put(ws, "D6", "Cơ quan phối hợp", **hdr)
    put(ws, "E5", "Thời gian hoàn thành", merge_to="E6", **hdr)
    put(ws, "F5", "Sản phẩm", merge_to="F6", **hdr)
    put(ws, "G5", "Ghi chú", merge_to="G6", **hdr)
    put(ws, "H5", "Mã cũ", merge_to="H6", **hdr)
    for col in range(1, 8):
        put(ws, f"{get_column_letter(col)}7", f"({col})", italic=True, align=CENTER, border=True)
    put(ws, "H7", None, border=True)

    row = 8
    for roman, title, area in AREAS:
        put(ws, f"A{row}", roman, bold=True, align=CENTER)
        put(ws, f"B{row}", title, bold=True, align=LEFT_WRAP)
        for col in range(1, PLAN_COLUMNS + 1):
            ws.cell(row, col).border = BORDER
        row += 1
        for task in (t for t in TASKS if t.area == area):
            values = [
                task.number,
                task.title,
                lead_cell(task),
                task.support,
                task.deadline,
                task.product,
                task.note,
                task.old_code,
            ]
            for col, value in enumerate(values, start=1):
                align = CENTER if col in (1, 5, 6) else LEFT_WRAP
                put(ws, f"{get_column_letter(col)}{row}", value or None, align=align, border=True)
            row += 1

    row += 2  # two blank rows, then the signature block
    put(ws, f"A{row}", "Nơi nhận:", bold=True, italic=True)
    put(ws, f"E{row}", "KT. CHỦ TỊCH", bold=True, align=CENTER, merge_to=f"F{row}")
    recipients = [
        "- Sở Nội vụ (b/c);",
        "- TT Đảng ủy - HĐND phường (b/c);",
        "- Chủ tịch, các Phó CT UBND;",
        "- Các phòng, đơn vị thuộc UBND phường;",
        "- Lưu: VT, VHXH.",
    ]
    put(ws, f"E{row + 1}", "PHÓ CHỦ TỊCH", bold=True, align=CENTER, merge_to=f"F{row + 1}")
    for i, line in enumerate(recipients, start=1):
        put(ws, f"A{row + i}", line, size=11)
    put(ws, f"E{row + 6}", "Trần Thu Hà", bold=True, align=CENTER, merge_to=f"F{row + 6}")

    ws.freeze_panes = "C8"
    ws.print_title_rows = "5:7"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    wb.active = 1
    wb.properties.creator = "Phòng Văn hóa – Xã hội"
    save(wb, path, datetime(2026, 1, 15, 8, 0, 0))


# ---------------------------------------------------------------------------------------------
# Progress reports
# ---------------------------------------------------------------------------------------------

REPORT_HEADER = [
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


@dataclass
class ReportRow:
    task: Task
    status: str  # canonical
    values: list  # cell values B..I after the STT


def report_rows(quarter: str, dept: str) -> list[ReportRow]:
    rows = []
    for task in (t for t in leaves() if t.lead == dept):
        _, status, percent = reports_of(task)[quarter]
        status_text = STATUS_TEXT_VARIANTS.get((quarter, task.code), STATUS_TEXT[status])
        percent_cell = PERCENT_VARIANTS.get((quarter, task.code), percent)
        if percent_cell is BLANK:
            percent_cell = None
        evidence = task.evidence if status == "done" else task.progress.get(quarter, "")
        issue = ""
        if status != "done":
            issue = task.issue.get(quarter, "") if isinstance(task.issue, dict) else task.issue
        values = [
            task.alias or task.title,
            DEPARTMENTS[dept][1],
            task.deadline,
            status_text,
            percent_cell,
            evidence,
            issue,
            task.report_note.get(quarter, ""),
        ]
        rows.append(ReportRow(task, status, values))
    return rows


def report_path(out: Path, quarter: str, dept: str) -> Path:
    return out / f"bao-cao-{quarter}-{YEAR}-{DEPARTMENTS[dept][0]}.xlsx"


def write_report(path: Path, quarter: str, dept: str) -> list[ReportRow]:
    plain = (quarter, dept) in NO_DIACRITICS

    def tx(value):
        """Cell value as this department types it."""
        if plain and isinstance(value, date):
            return value.strftime("%d/%m/%Y")
        if plain and isinstance(value, str):
            return strip_diacritics(value)
        return value

    report_date = REPORT_DATES[quarter][dept]
    dept_name = DEPARTMENTS[dept][1]
    wb = Workbook()
    ws = wb.active
    ws.title = tx("Báo cáo")
    set_widths(ws, [6, 55, 22, 16, 17, 10, 32, 30, 16])

    put(ws, "A1", tx("UBND PHƯỜNG VÕ CƯỜNG"), align=CENTER, merge_to="C1")
    put(ws, "A2", tx(dept_name.upper()), bold=True, align=CENTER, merge_to="C2")
    put(ws, "A3", tx("BÁO CÁO"), bold=True, size=14, align=CENTER, merge_to="I3")
    put(
        ws,
        "A4",
        tx(f"Tiến độ thực hiện nhiệm vụ cải cách hành chính Quý {QUARTERS[quarter]} năm {YEAR}"),
        bold=True,
        align=CENTER,
        merge_to="I4",
    )
    put(ws, "A5", tx(f"Đơn vị báo cáo: {dept_name}"), align=LEFT_WRAP, merge_to="I5")
    put(
        ws,
        "A6",
        tx(vn_date_line(report_date)),
        italic=True,
        align=Alignment(horizontal="right", vertical="center"),
        merge_to="I6",
    )

    for col, header in enumerate(REPORT_HEADER, start=1):
        put(ws, f"{get_column_letter(col)}8", tx(header), bold=True, align=CENTER, border=True)

    rows = report_rows(quarter, dept)
    r = 9
    for stt, row in enumerate(rows, start=1):
        cells = [stt, *row.values]
        for col, value in enumerate(cells, start=1):
            align = CENTER if col in (1, 4, 5, 6) else LEFT_WRAP
            put(
                ws,
                f"{get_column_letter(col)}{r}",
                tx(value) if value != "" else None,
                align=align,
                border=True,
            )
        r += 1

    r += 1
    put(ws, f"B{r}", tx("Người lập biểu"), bold=True, align=CENTER)
    put(ws, f"G{r}", tx("THỦ TRƯỞNG ĐƠN VỊ"), bold=True, align=CENTER, merge_to=f"I{r}")
    put(ws, f"B{r + 1}", tx("(Ký, ghi rõ họ tên)"), italic=True, align=CENTER)
    put(
        ws,
        f"G{r + 1}",
        tx("(Ký, ghi rõ họ tên, đóng dấu)"),
        italic=True,
        align=CENTER,
        merge_to=f"I{r + 1}",
    )

    ws.freeze_panes = "C9"
    ws.page_setup.orientation = "landscape"
    wb.properties.creator = tx(dept_name)
    save(wb, path, datetime.combine(report_date, datetime.min.time()).replace(hour=16))
    return rows


# ---------------------------------------------------------------------------------------------
# README (the hand-count reference, generated from the same data)
# ---------------------------------------------------------------------------------------------


def fmt_deadline(value) -> str:
    return value.strftime("%d/%m/%Y") if isinstance(value, date) else str(value)


def write_readme(path: Path, written: dict[tuple[str, str], list[ReportRow]]) -> None:
    lines: list[str] = []
    add = lines.append
    add("# Dữ liệu demo / Demo data — phường Võ Cường, CCHC 2026")
    add("")
    add(
        "Sinh tự động bởi `scripts/make_demo.py` (không sửa tay; chạy lại script để cập nhật). "
        "Generated by `scripts/make_demo.py` — do not edit by hand; rerun the script."
    )
    add("")
    add(
        "Tất cả số liệu dưới đây được tính từ cùng dữ liệu trong script, dùng làm chuẩn đếm tay "
        "khi kiểm thử. All counts below come from the same data as the workbooks and serve as "
        f"the hand-count reference. Reference date for “overdue”: **{AS_OF:%d/%m/%Y}**."
    )
    add("")

    add("## 1. Kế hoạch / Plan appendix")
    add("")
    add(
        f"`{PLAN_FILE}` — sheet đầu “Ghi chú” là văn bản tự do; bảng nằm ở sheet “Phụ lục” "
        "(tiêu đề 3 dòng, header 2 dòng gộp ô, dòng số cột (1)…(7), dòng mục La Mã, nhiệm vụ "
        "con “1.1” và “a)”, cột H “Mã cũ” bị ẩn, khối chữ ký ở cuối). "
        "First sheet is free text; the table is on “Phụ lục” (3 title rows, merged two-row "
        "header, column-number row, Roman section rows, sub-tasks “1.1” and “a)”, hidden "
        "column H, signature block)."
    )
    add("")
    add(
        "| Lĩnh vực / area | Nhiệm vụ lá / leaf tasks | Có sub-task (dòng cha) / parent rows "
        "| Thường xuyên | Theo KH tỉnh |"
    )
    add("|---|---:|---:|---:|---:|")
    for roman, title, area in AREAS:
        in_area = [t for t in TASKS if t.area == area]
        leaf = [t for t in in_area if not t.parent]
        add(
            f"| {roman}. {title} (`{area}`) | {len(leaf)} | {sum(t.parent for t in in_area)} "
            f"| {sum(t.continuous for t in leaf)} "
            f"| {sum(t.deadline == BY_PROVINCE for t in leaf)} |"
        )
    add(
        f"| **Tổng / total** | **{len(leaves())}** | **{sum(t.parent for t in TASKS)}** "
        f"| **{sum(t.continuous for t in leaves())}** "
        f"| **{sum(t.deadline == BY_PROVINCE for t in leaves())}** |"
    )
    add("")
    by_lead = Counter(t.lead for t in leaves())
    add(
        "Nhiệm vụ lá theo đơn vị chủ trì / leaf tasks by lead: "
        + ", ".join(f"{code} {by_lead[code]}" for code in DEPARTMENTS)
        + ". "
        "Nhiệm vụ do UBND phường chủ trì không có báo cáo của phòng nào / UBND-led tasks are "
        "covered by no department report: "
        + ", ".join(t.code for t in leaves() if t.lead == "UBND")
        + "."
    )
    add("")
    n_dates = sum(isinstance(t.deadline, date) for t in leaves())
    add(
        f"Thời hạn / deadlines: {n_dates} ô ngày Excel thật (dd/mm/yyyy), còn lại là chữ "
        "(“31/12/2026”, “Trước ngày 15/12/2026”, “Tháng 6/2026”, “Quý I/2026”…“Quý IV/2026”, "
        "“6 tháng đầu năm”, “Năm 2026”, “Cả năm”, “Thường xuyên”, “Theo kế hoạch của tỉnh”). "
        f"{n_dates} real Excel date cells, the rest text."
    )
    add("")

    add("## 2. Báo cáo tiến độ / Progress reports")
    add("")
    add(
        "`bao-cao-{q1|q2|q3}-2026-{đơn vị}.xlsx`, sheet “Báo cáo”: 7 dòng tiêu đề, header ở "
        "dòng 8, STT đánh lại 1, 2, 3…, mỗi phòng chỉ báo cáo nhiệm vụ lá mình chủ trì. "
        "Header on row 8, rows renumbered, each department reports only the leaf tasks it "
        "leads. Tình trạng đếm theo chuẩn hóa (done / in progress / not started) — counts are "
        "by canonical status."
    )
    add("")
    add(
        "| File | Ngày báo cáo / report date | Dòng / rows | Đã hoàn thành | Đang thực hiện "
        "(trong đó Thường xuyên) | Chưa thực hiện | Dòng đổi tên / reworded rows (STT: mã) |"
    )
    add("|---|---|---:|---:|---:|---:|---|")
    for (quarter, dept), rows in written.items():
        counts = Counter(r.status for r in rows)
        n_tx = sum(r.task.continuous for r in rows)
        reworded = ", ".join(
            f"{i}: {r.task.code}" for i, r in enumerate(rows, start=1) if r.task.alias
        )
        report_date = REPORT_DATES[quarter][dept]
        late = " **(muộn / late)**" if is_late_report(quarter, report_date) else ""
        add(
            f"| `{report_path(Path(), quarter, dept).name}` | {report_date:%d/%m/%Y}{late} "
            f"| {len(rows)} | {counts['done']} | {counts['in_progress']} ({n_tx}) "
            f"| {counts['not_started']} | {reworded or '—'} |"
        )
    add("")

    add("## 3. Các điểm được cài sẵn / Planted facts")
    add("")
    add(
        "**Thiếu báo cáo / missing reports:** "
        + "; ".join(
            f"Quý {QUARTERS[q]} (`{q}`): "
            + ", ".join(
                DEPARTMENTS[d][0] for d in REPORTING_DEPARTMENTS if d not in REPORT_DATES[q]
            )
            for q in QUARTERS
            if any(d not in REPORT_DATES[q] for d in REPORTING_DEPARTMENTS)
        )
        + "."
    )
    add("")
    add(
        "**Báo cáo muộn (sau ngày 20 tháng cuối quý) / late reports:** "
        + "; ".join(
            f"`{q}` {DEPARTMENTS[d][0]} ngày {rd:%d/%m/%Y}"
            for q in QUARTERS
            for d, rd in REPORT_DATES[q].items()
            if is_late_report(q, rd)
        )
        + "."
    )
    add("")
    add(
        "**File không dấu / no-diacritics file:** "
        + ", ".join(f"`{report_path(Path(), q, d).name}`" for q, d in sorted(NO_DIACRITICS))
        + " — toàn bộ tiêu đề, header và giá trị gõ không dấu (“Nhiem vu”, “Dang thuc hien”, "
        "“Quy II/2026”); thời hạn dạng ngày được gõ thành chữ “dd/mm/yyyy”. Whole file typed "
        "without diacritics; date deadlines typed as text."
    )
    add("")
    add(
        f"**Quá hạn tại {AS_OF:%d/%m/%Y} / overdue at {AS_OF:%d/%m/%Y}** (hạn đã qua, báo cáo "
        "gần nhất chưa hoàn thành / deadline passed, latest report not done):"
    )
    add("")
    add("| Mã / code | Nhiệm vụ | Chủ trì | Thời hạn | Báo cáo gần nhất / latest report |")
    add("|---|---|---|---|---|")
    for task in overdue_tasks():
        quarter, (rd, status, percent) = list(reports_of(task).items())[-1]
        missing = "" if quarter == "q3" else " (không có báo cáo Quý III / no Q3 report)"
        add(
            f"| {task.code} | {task.title} | {task.lead} | {fmt_deadline(task.deadline)} "
            f"| `{quarter}` {rd:%d/%m/%Y}: {STATUS_TEXT[status]} {percent}%{missing} |"
        )
    add("")
    add(
        "**Hoàn thành muộn / done late** (ngày báo cáo hoàn thành đầu tiên sau thời hạn / first "
        "“done” report dated after the deadline):"
    )
    add("")
    add("| Mã / code | Nhiệm vụ | Chủ trì | Thời hạn | Báo cáo hoàn thành / done in | Minh chứng |")
    add("|---|---|---|---|---|---|")
    for task, quarter, rd in done_late_tasks():
        add(
            f"| {task.code} | {task.title} | {task.lead} | {fmt_deadline(task.deadline)} "
            f"| `{quarter}` {rd:%d/%m/%Y} | {task.evidence} |"
        )
    add("")
    done, fixed = done_share()
    add(
        f"**Tỷ lệ hoàn thành / completion:** {done}/{fixed} nhiệm vụ lá có thời hạn cụ thể "
        f"({100 * done / fixed:.1f}%) đã hoàn thành theo báo cáo gần nhất / leaf tasks with a "
        "fixed deadline are done in their latest report."
    )
    add("")
    soon = [t for t in leaves() if (d := deadline_date(t.deadline)) and d >= AS_OF]
    for label, days in (("7 ngày tới / next 7 days", 7), ("30 ngày tới / next 30 days", 30)):
        due = [t for t in soon if (deadline_date(t.deadline) - AS_OF).days <= days]
        add(
            f"**Đến hạn trong {label}** (từ {AS_OF:%d/%m/%Y}): "
            + ", ".join(f"{t.code} ({fmt_deadline(t.deadline)})" for t in due)
            + "."
        )
        add("")
    add("**Tên nhiệm vụ bị viết lại trong báo cáo / reworded titles** (plan → report):")
    add("")
    for task in (t for t in leaves() if t.alias):
        add(f"- {task.code}: “{task.title}” → “{task.alias}”")
    add("")
    add(
        "**Biến thể gõ / typing variants:** Tình trạng: "
        + ", ".join(f"`{q}` {c} “{v}”" for (q, c), v in STATUS_TEXT_VARIANTS.items())
        + ". Tỷ lệ: "
        + ", ".join(
            f"`{q}` {c} {'(trống / blank)' if v is BLANK else repr(v)}"
            for (q, c), v in PERCENT_VARIANTS.items()
        )
        + ". Nhiệm vụ “Thường xuyên” luôn “Đang thực hiện”, không ghi tỷ lệ / continuous tasks "
        "are always in progress with no percent."
    )
    add("")
    path.write_text("\n".join(lines), encoding="utf-8")


# ---------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    validate()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)

    write_plan(out / PLAN_FILE)
    written: dict[tuple[str, str], list[ReportRow]] = {}
    for quarter in QUARTERS:
        for dept in REPORTING_DEPARTMENTS:
            if dept in REPORT_DATES[quarter]:
                path = report_path(out, quarter, dept)
                written[(quarter, dept)] = write_report(path, quarter, dept)
    write_readme(out / "README.md", written)
    print(f"wrote {1 + len(written)} workbooks and README.md to {out}")


if __name__ == "__main__":
    main()
