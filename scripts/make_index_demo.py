"""Write the demo workbooks of the external index scores of phường Võ Cường into data/demo/:
PAR INDEX 2021-2025 (criteria tree), SIPAS 2021-2025 (long), PCI Bắc Ninh 2016-2024 (wide),
DDCI 2023-2025 (long) and the Decision 766 service index by month of 2026 (long), and add a
hand-count section to data/demo/README.md between the markers <!-- index-demo --> and
<!-- /index-demo --> (re-running replaces only that section).

Every sheet has the same frame: 2 title rows, a blank row, the header on row 4, data from row 5,
a blank row and a line "Nguồn: … (số liệu minh họa)". Sourced reference values (PCI Bắc Ninh)
are used where they exist; everything else is made up but plausible, and labelled demo.

All values are kept in hundredths (integers) so that sums are exact; the script checks the story
it tells before writing, and writes byte-identical files on every run (fixed timestamps).

    python scripts/make_index_demo.py [--out DIR]
"""

from __future__ import annotations

import argparse
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "data" / "demo"

PAR_FILE = "chi-so-par-index-2021-2025.xlsx"
SIPAS_FILE = "chi-so-sipas-2021-2025.xlsx"
PCI_FILE = "chi-so-pci-bac-ninh-2016-2024.xlsx"
DDCI_FILE = "chi-so-ddci-2023-2025.xlsx"
F766_FILE = "chi-so-766-2026.xlsx"

WARD = "Phường Võ Cường"
DEMO = "(số liệu minh họa)"
MARK_BEGIN = "<!-- index-demo -->"
MARK_END = "<!-- /index-demo -->"

FONT = "Times New Roman"
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
SCORE_FORMAT = "0.00"
WHEN = datetime(2026, 11, 20, 8, 0, 0)  # fixed workbook timestamps


def h(value: str) -> int:
    """'8.53' -> 853 (hundredths), exact."""
    whole, _, frac = value.partition(".")
    return int(whole) * 100 + int((frac + "00")[:2])


def num(hundredths: int) -> int | float:
    """Hundredths -> the number written to the cell (an int when whole)."""
    return hundredths // 100 if hundredths % 100 == 0 else round(hundredths / 100, 2)


def txt(hundredths: int) -> str:
    """Hundredths -> Vietnamese decimal text for the README: 7850 -> '78,5'."""
    return f"{num(hundredths)}".replace(".", ",")


# =============================================================================================
# 1. PAR INDEX — criteria tree (area -> criterion -> sub-criterion), maxima in hundredths
# =============================================================================================

PAR_YEARS = [2021, 2022, 2023, 2024, 2025]

# (code, name, max for leaves | None for parents, evidence template for leaves)
# Evidence templates take {n} (a document number varying by year) and {y} (the year).
PAR_TREE: list[tuple[str, str, str | None, str]] = [
    ("1", "Công tác chỉ đạo, điều hành CCHC", None, ""),
    ("1.1", "Kế hoạch cải cách hành chính năm", None, ""),
    ("1.1.1", "Ban hành kế hoạch CCHC năm kịp thời", "1", "Kế hoạch số {n}/KH-UBND ngày 10/01/{y}"),
    (
        "1.1.2",
        "Mức độ thực hiện kế hoạch CCHC năm",
        "1.5",
        "Báo cáo số {n}/BC-UBND ngày 12/12/{y}",
    ),
    ("1.2", "Thực hiện chế độ báo cáo CCHC định kỳ", "1.5", "Báo cáo quý, 6 tháng, năm {y}"),
    ("1.3", "Kiểm tra công tác cải cách hành chính", None, ""),
    (
        "1.3.1",
        "Thực hiện kế hoạch kiểm tra CCHC",
        "1",
        "Kế hoạch kiểm tra số {n}/KH-UBND ngày 20/02/{y}",
    ),
    (
        "1.3.2",
        "Xử lý các vấn đề phát hiện qua kiểm tra",
        "1",
        "Thông báo kết luận số {n}/TB-UBND",
    ),
    (
        "1.4",
        "Tuyên truyền CCHC; sáng kiến, giải pháp mới trong CCHC",
        "3",
        "Kế hoạch tuyên truyền số {n}/KH-UBND ngày 25/01/{y}",
    ),
    ("2", "Cải cách thể chế", None, ""),
    ("2.1", "Xây dựng, ban hành văn bản quy phạm pháp luật", None, ""),
    (
        "2.1.1",
        "Thực hiện quy trình xây dựng văn bản quy phạm pháp luật",
        "1.5",
        "Báo cáo số {n}/BC-UBND về công tác xây dựng VBQPPL",
    ),
    ("2.1.2", "Chất lượng văn bản được ban hành", "1.5", "Danh mục văn bản ban hành năm {y}"),
    (
        "2.2",
        "Rà soát, hệ thống hóa văn bản quy phạm pháp luật",
        "2.5",
        "Quyết định số {n}/QĐ-UBND công bố kết quả rà soát",
    ),
    (
        "2.3",
        "Tổ chức thi hành pháp luật và phổ biến, giáo dục pháp luật",
        "2.5",
        "Kế hoạch số {n}/KH-UBND ngày 18/01/{y}",
    ),
    ("3", "Cải cách thủ tục hành chính", None, ""),
    ("3.1", "Công khai thủ tục hành chính", None, ""),
    (
        "3.1.1",
        "Công khai TTHC tại Bộ phận Một cửa",
        "1.5",
        "Ảnh chụp bảng niêm yết; Quyết định số {n}/QĐ-UBND",
    ),
    (
        "3.1.2",
        "Công khai TTHC trên Cổng Dịch vụ công",
        "1.5",
        "Kết xuất Cổng Dịch vụ công quốc gia",
    ),
    ("3.2", "Thực hiện cơ chế một cửa, một cửa liên thông", None, ""),
    (
        "3.2.1",
        "Tỷ lệ hồ sơ TTHC giải quyết đúng hạn",
        "3",
        "Số liệu Hệ thống giải quyết TTHC tỉnh năm {y}",
    ),
    (
        "3.2.2",
        "Thực hiện xin lỗi khi giải quyết hồ sơ quá hạn",
        "1",
        "Thư xin lỗi kèm sổ theo dõi năm {y}",
    ),
    (
        "3.2.3",
        "Số hóa hồ sơ, kết quả giải quyết TTHC",
        "2",
        "Báo cáo số {n}/BC-UBND về số hóa hồ sơ",
    ),
    (
        "3.3",
        "Rà soát, đơn giản hóa thủ tục hành chính",
        "3",
        "Báo cáo số {n}/BC-UBND kết quả rà soát TTHC",
    ),
    (
        "3.4",
        "Tiếp nhận, xử lý phản ánh, kiến nghị về TTHC",
        "3",
        "Sổ theo dõi phản ánh, kiến nghị năm {y}",
    ),
    ("4", "Cải cách tổ chức bộ máy hành chính nhà nước", None, ""),
    (
        "4.1",
        "Sắp xếp, kiện toàn tổ chức bộ máy",
        "3.5",
        "Quyết định số {n}/QĐ-UBND về chức năng, nhiệm vụ",
    ),
    ("4.2", "Thực hiện quy định về biên chế", None, ""),
    ("4.2.1", "Sử dụng biên chế được giao", "1.5", "Báo cáo số {n}/BC-UBND về biên chế"),
    ("4.2.2", "Thực hiện tinh giản biên chế", "1.5", "Đề án tinh giản biên chế năm {y}"),
    ("4.3", "Thực hiện phân cấp, ủy quyền", "2.5", "Quyết định ủy quyền số {n}/QĐ-UBND"),
    ("5", "Cải cách chế độ công vụ", None, ""),
    (
        "5.1",
        "Vị trí việc làm và cơ cấu ngạch công chức",
        "3",
        "Quyết định số {n}/QĐ-UBND phê duyệt vị trí việc làm",
    ),
    ("5.2", "Tuyển dụng, sử dụng và quản lý công chức", None, ""),
    ("5.2.1", "Thực hiện quy định về tuyển dụng", "2", "Hồ sơ tuyển dụng năm {y}"),
    (
        "5.2.2",
        "Đánh giá, xếp loại công chức",
        "2",
        "Quyết định số {n}/QĐ-UBND xếp loại công chức",
    ),
    (
        "5.3",
        "Đào tạo, bồi dưỡng cán bộ, công chức",
        "3",
        "Kế hoạch đào tạo, bồi dưỡng số {n}/KH-UBND",
    ),
    (
        "5.4",
        "Chấp hành kỷ luật, kỷ cương hành chính",
        "3",
        "Báo cáo số {n}/BC-UBND về kỷ luật, kỷ cương",
    ),
    ("6", "Cải cách tài chính công", None, ""),
    ("6.1", "Quản lý, sử dụng ngân sách nhà nước", None, ""),
    ("6.1.1", "Tỷ lệ giải ngân vốn đầu tư công", "1.5", "Báo cáo số {n}/BC-UBND giải ngân vốn"),
    (
        "6.1.2",
        "Công khai ngân sách theo quy định",
        "1.5",
        "Quyết định công khai số {n}/QĐ-UBND",
    ),
    ("6.2", "Quản lý, sử dụng tài sản công", "2", "Báo cáo kê khai tài sản công năm {y}"),
    (
        "6.3",
        "Thực hiện cơ chế tự chủ của đơn vị sự nghiệp công lập",
        "2",
        "Quyết định giao tự chủ số {n}/QĐ-UBND",
    ),
    ("7", "Xây dựng, phát triển chính quyền điện tử, chính quyền số", None, ""),
    ("7.1", "Ứng dụng công nghệ thông tin trong hoạt động của cơ quan", None, ""),
    (
        "7.1.1",
        "Xử lý văn bản, hồ sơ công việc trên môi trường mạng",
        "2",
        "Kết xuất Hệ thống quản lý văn bản năm {y}",
    ),
    ("7.1.2", "Sử dụng chữ ký số", "2", "Thống kê chữ ký số năm {y}"),
    ("7.2", "Cung cấp dịch vụ công trực tuyến", None, ""),
    (
        "7.2.1",
        "Tỷ lệ hồ sơ trực tuyến toàn trình",
        "3",
        "Số liệu Cổng Dịch vụ công tỉnh năm {y}",
    ),
    ("7.2.2", "Tỷ lệ thanh toán trực tuyến", "3", "Số liệu thanh toán trực tuyến năm {y}"),
    (
        "7.3",
        "Chuyển đổi số; kết nối, chia sẻ dữ liệu",
        "5",
        "Kế hoạch số {n}/KH-UBND về chuyển đổi số",
    ),
    ("8", "Tác động của cải cách hành chính", None, ""),
    (
        "8.1",
        "Mức độ hài lòng của người dân, tổ chức",
        "10",
        "Kết quả khảo sát SIPAS năm {y}",
    ),
    ("8.2", "Tác động đến phát triển kinh tế – xã hội", None, ""),
    ("8.2.1", "Thu ngân sách trên địa bàn", "4", "Báo cáo số {n}/BC-UBND thu, chi ngân sách"),
    (
        "8.2.2",
        "Thu hút đầu tư, phát triển doanh nghiệp",
        "4",
        "Báo cáo số {n}/BC-UBND tình hình KT-XH",
    ),
    (
        "8.3",
        "Tác động đến chất lượng thực thi công vụ",
        "6",
        "Báo cáo tổng kết công tác CCHC năm {y}",
    ),
]
PAR_AREA_MAX = {"1": 9, "2": 8, "3": 15, "4": 9, "5": 13, "6": 7, "7": 15, "8": 24}

# Points lost at appraisal (area max - appraised), per area and year, in hundredths: the story.
PAR_AREA_LOSS: dict[int, dict[str, int]] = {
    2021: {"1": 175, "2": 150, "3": 350, "4": 150, "5": 225, "6": 125, "7": 425, "8": 550},
    2022: {"1": 150, "2": 125, "3": 330, "4": 125, "5": 200, "6": 100, "7": 350, "8": 500},
    2023: {"1": 125, "2": 100, "3": 310, "4": 100, "5": 175, "6": 75, "7": 275, "8": 450},
    2024: {"1": 100, "2": 100, "3": 320, "4": 75, "5": 150, "6": 75, "7": 240, "8": 400},
    2025: {"1": 75, "2": 50, "3": 350, "4": 50, "5": 100, "6": 50, "7": 175, "8": 280},
}
PAR_TOTAL_APPRAISED = {2021: 7850, 2022: 8120, 2023: 8390, 2024: 8540, 2025: 8870}
# self-assessed minus appraised, whole unit, per year (hundredths)
PAR_SELF_GAP = {2021: 350, 2022: 275, 2023: 225, 2024: 180, 2025: 150}
PAR_WORST_2025 = "3"
STEP = 5  # leaf losses are multiples of 0.05 points


@dataclass
class Node:
    code: str
    name: str
    evidence: str
    max: int = 0  # hundredths
    children: list[Node] = field(default_factory=list)
    appraised: dict[int, int] = field(default_factory=dict)
    self_score: dict[int, int] = field(default_factory=dict)

    @property
    def leaf(self) -> bool:
        return not self.children

    def leaves(self) -> list[Node]:
        return [self] if self.leaf else [x for c in self.children for x in c.leaves()]


def build_tree() -> list[Node]:
    nodes: dict[str, Node] = {}
    areas: list[Node] = []
    for code, name, maximum, evidence in PAR_TREE:
        node = Node(code, name, evidence, h(maximum) if maximum else 0)
        nodes[code] = node
        if "." in code:
            nodes[code.rsplit(".", 1)[0]].children.append(node)
        else:
            areas.append(node)

    def fill_max(n: Node) -> int:
        if not n.leaf:
            n.max = sum(fill_max(c) for c in n.children)
        return n.max

    for area in areas:
        fill_max(area)
    return areas


def spread(total: int, caps: list[int], weights: list[int]) -> list[int]:
    """Split `total` (a multiple of STEP) over slots in steps of STEP, roughly in proportion to
    `weights`, never above `caps`; deterministic."""
    if total % STEP:
        raise ValueError(f"{total} is not a multiple of {STEP}")
    wsum = sum(weights)
    alloc = [
        min(cap, (total * w // wsum) // STEP * STEP) for cap, w in zip(caps, weights, strict=True)
    ]
    order = sorted(range(len(caps)), key=lambda i: (-weights[i], i))
    rest = total - sum(alloc)
    while rest > 0:
        moved = False
        for i in order:
            if rest > 0 and alloc[i] + STEP <= caps[i]:
                alloc[i] += STEP
                rest -= STEP
                moved = True
        if not moved:
            raise ValueError("spread: not enough room under the caps")
    return alloc


def score_tree(areas: list[Node]) -> None:
    for year in PAR_YEARS:
        every_leaf: list[Node] = []
        losses: list[int] = []
        for area in areas:
            leaves = area.leaves()
            caps = [leaf.max * 6 // 10 // STEP * STEP for leaf in leaves]  # lose at most 60%
            weights = [
                leaf.max * (2 + (i * 7 + year * 3) % 5) for i, leaf in enumerate(leaves)
            ]  # a fixed wobble so that not every leaf loses the same share
            loss = spread(PAR_AREA_LOSS[year][area.code], caps, weights)
            every_leaf += leaves
            losses += loss
            for leaf, lost in zip(leaves, loss, strict=True):
                leaf.appraised[year] = leaf.max - lost
        # the unit's self-assessment was higher on the leaves that lost most at appraisal
        gaps = spread(PAR_SELF_GAP[year], losses, [x * x for x in losses])
        for leaf, gap in zip(every_leaf, gaps, strict=True):
            leaf.self_score[year] = leaf.appraised[year] + gap

    def roll_up(n: Node) -> None:
        if n.leaf:
            return
        for c in n.children:
            roll_up(c)
        for year in PAR_YEARS:
            n.appraised[year] = sum(c.appraised[year] for c in n.children)
            n.self_score[year] = sum(c.self_score[year] for c in n.children)

    for area in areas:
        roll_up(area)


def walk(nodes: list[Node]):
    for n in nodes:
        yield n
        yield from walk(n.children)


def evidence(node: Node, year: int, index: int) -> str:
    if not node.leaf or not node.evidence:
        return ""
    number = 5 + (index * 13 + (year - 2020) * 29) % 240
    return node.evidence.format(n=number, y=year)


def par_totals(areas: list[Node], year: int) -> tuple[int, int]:
    return sum(a.self_score[year] for a in areas), sum(a.appraised[year] for a in areas)


def check_par(areas: list[Node]) -> None:
    names = {a.code: a.name for a in areas}
    assert list(names) == [str(i) for i in range(1, 9)]
    assert {a.code: a.max for a in areas} == {k: v * 100 for k, v in PAR_AREA_MAX.items()}
    assert sum(a.max for a in areas) == 10000
    for area in areas:
        assert 2 <= len(area.children) <= 4, area.code
        for n in walk([area]):
            assert len(n.code.split(".")) <= 3
            if n.code.count(".") == 1 and not n.leaf:
                assert 2 <= len(n.children) <= 3, n.code
            if not n.leaf:
                assert n.max == sum(c.max for c in n.children), n.code
            for year in PAR_YEARS:
                assert 0 <= n.appraised[year] <= n.self_score[year] <= n.max, (n.code, year)
    for year in PAR_YEARS:
        self_total, appraised_total = par_totals(areas, year)
        assert appraised_total == PAR_TOTAL_APPRAISED[year], (year, appraised_total)
        assert 100 <= self_total - appraised_total <= 400, year
    lost = {a.code: a.max - a.appraised[2025] for a in areas}
    assert max(lost, key=lambda k: lost[k]) == PAR_WORST_2025
    assert sorted(lost.values())[-1] > sorted(lost.values())[-2]


# =============================================================================================
# 2. SIPAS — long: year, index, % satisfied, series
# =============================================================================================

SIPAS_YEARS = PAR_YEARS
SIPAS_TOTAL = "Chỉ số SIPAS"
SIPAS_ELEMENTS = [
    "Tiếp cận dịch vụ",
    "Thủ tục hành chính",
    "Công chức giải quyết công việc",
    "Kết quả giải quyết công việc",
    "Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị",
]
PROVINCE_AVG = "Trung bình tỉnh"
SIPAS_TARGET = 9500
# per year, the 5 elements in the order above (%)
SIPAS_WARD = {
    2021: ["87.4", "85.9", "87.8", "86.2", "82.7"],
    2022: ["88.6", "87.3", "89.1", "87.9", "84.1"],
    2023: ["90.2", "89.0", "90.8", "89.6", "86.4"],
    2024: ["92.1", "91.2", "92.7", "91.5", "88.5"],
    2025: ["94.6", "93.8", "94.9", "93.9", "90.3"],
}
SIPAS_PROVINCE = {
    2021: ["84.9", "84.1", "85.3", "84.6", "82.0"],
    2022: ["85.6", "84.8", "86.0", "85.3", "82.9"],
    2023: ["86.8", "86.1", "87.2", "86.5", "84.3"],
    2024: ["88.1", "87.4", "88.6", "87.9", "85.7"],
    2025: ["90.2", "89.5", "90.8", "90.0", "87.6"],
}
SIPAS_WORST_2025 = "Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị"


def sipas_values(table: dict[int, list[str]], year: int) -> dict[str, int]:
    """Element values and the overall index (their mean, exact in hundredths)."""
    elements = [h(v) for v in table[year]]
    assert sum(elements) % len(elements) == 0, year
    return {SIPAS_TOTAL: sum(elements) // len(elements)} | dict(
        zip(SIPAS_ELEMENTS, elements, strict=True)
    )


def sipas_gaps_2025() -> dict[str, int]:
    ward = sipas_values(SIPAS_WARD, 2025)
    return {e: SIPAS_TARGET - ward[e] for e in SIPAS_ELEMENTS}


def check_sipas() -> None:
    first = sipas_values(SIPAS_WARD, 2021)[SIPAS_TOTAL]
    last = sipas_values(SIPAS_WARD, 2025)[SIPAS_TOTAL]
    assert 8550 <= first <= 8650 and 9300 <= last <= 9400, (first, last)
    totals = [sipas_values(SIPAS_WARD, y)[SIPAS_TOTAL] for y in SIPAS_YEARS]
    assert totals == sorted(totals)
    gaps = sipas_gaps_2025()
    assert max(gaps, key=lambda k: gaps[k]) == SIPAS_WORST_2025
    for y in SIPAS_YEARS:
        sipas_values(SIPAS_PROVINCE, y)


# =============================================================================================
# 3. PCI Bắc Ninh (pre-merger province) — wide, 2016-2024
# =============================================================================================

PCI_YEARS = list(range(2016, 2025))
PCI_TOTAL = "PCI (điểm tổng)"
PCI_RANK = "Xếp hạng"
PCI_SUBS = [
    "Gia nhập thị trường",
    "Tiếp cận đất đai",
    "Tính minh bạch",
    "Chi phí thời gian",
    "Chi phí không chính thức",
    "Cạnh tranh bình đẳng",
    "Tính năng động của chính quyền tỉnh",
    "Dịch vụ hỗ trợ doanh nghiệp",
    "Đào tạo lao động",
    "Thiết chế pháp lý và an ninh trật tự",
]
# [S] = published (see docs reference, section 3); the others are demo fill-ins.
PCI_SCORE = {
    2016: "60.35",  # [S]
    2017: "62.88",
    2018: "64.42",
    2019: "70.79",  # [S]
    2020: "66.74",  # [S]
    2021: "69.45",  # [S]
    2022: "69.08",  # [S]
    2023: "67.96",
    2024: "68.73",
}
PCI_RANKS = {2016: 17, 2017: 16, 2018: 15, 2019: 4, 2020: 10, 2021: 7, 2022: 7, 2023: 11, 2024: 9}
PCI_SOURCED_SCORE = [2016, 2019, 2020, 2021, 2022]
PCI_SOURCED_RANK = [2016, 2018, 2019, 2020, 2021, 2022]
PCI_SOURCED_SUBS = [2019, 2021]
PCI_SUB_VALUES = {  # sub-indices 1..10 in the order of PCI_SUBS, 10-point scale
    2016: "8.35 5.62 6.05 6.48 5.21 5.37 4.89 6.12 6.45 5.38",
    2017: "8.41 5.80 6.28 6.71 5.55 5.49 5.36 6.34 6.52 5.71",
    2018: "8.12 6.13 6.47 6.89 5.98 5.62 5.80 6.41 6.61 6.30",
    2019: "6.88 7.55 7.02 7.23 7.24 7.51 7.34 6.62 7.03 7.91",  # [S]
    2020: "6.95 7.21 6.62 7.68 7.05 6.47 6.88 6.71 6.58 7.24",
    2021: "6.53 7.14 6.39 8.47 7.27 6.29 7.27 7.27 6.74 7.06",  # [S]
    2022: "6.71 6.96 6.48 8.12 7.10 6.35 7.02 7.05 6.41 7.18",
    2023: "6.84 6.88 6.57 7.91 7.02 6.42 6.95 6.93 6.27 7.33",
    2024: "7.06 6.91 6.72 7.85 7.14 6.58 7.12 6.98 6.19 7.45",
}
PCI_WEAKEST_2024 = "Đào tạo lao động"


def pci_subs(year: int) -> dict[str, int]:
    return dict(zip(PCI_SUBS, [h(v) for v in PCI_SUB_VALUES[year].split()], strict=True))


def check_pci() -> None:
    assert list(PCI_SCORE) == PCI_YEARS == list(PCI_RANKS) == list(PCI_SUB_VALUES)
    for year in PCI_YEARS:
        assert all(0 < v <= 1000 for v in pci_subs(year).values())
        assert 1 <= PCI_RANKS[year] <= 63
    subs = pci_subs(2024)
    ordered = sorted(subs.values())
    assert min(subs, key=lambda k: subs[k]) == PCI_WEAKEST_2024 and ordered[0] < ordered[1]


# =============================================================================================
# 4. DDCI — long: year, index, score, rank (rank on the total only, among 99 communes/wards)
# =============================================================================================

DDCI_YEARS = [2023, 2024, 2025]
DDCI_UNITS = 99
DDCI_TOTAL = "DDCI (điểm tổng)"
DDCI_SUBS = [
    "Chi phí gia nhập thị trường",
    "Tiếp cận đất đai và địa điểm kinh doanh",
    "Tính năng động của lãnh đạo",
    "Minh bạch thông tin và đối xử công bằng",
    "Cải cách thủ tục hành chính và bộ phận một cửa",
    "Hỗ trợ kinh doanh",
    "Chi phí không chính thức",
    "An ninh trật tự",
]
DDCI_SCORE = {2023: ("68.42", 31), 2024: ("71.15", 22), 2025: ("74.36", 14)}
DDCI_SUB_VALUES = {
    2023: "7.12 5.84 6.95 6.41 7.28 5.97 6.63 7.56",
    2024: "7.35 6.02 7.21 6.78 7.54 6.25 6.90 7.72",
    2025: "7.61 6.27 7.48 7.13 7.86 6.58 7.15 7.94",
}


def ddci_subs(year: int) -> dict[str, int]:
    return dict(zip(DDCI_SUBS, [h(v) for v in DDCI_SUB_VALUES[year].split()], strict=True))


def check_ddci() -> None:
    for year in DDCI_YEARS:
        assert all(0 < v <= 1000 for v in ddci_subs(year).values())
        assert 1 <= DDCI_SCORE[year][1] <= DDCI_UNITS


# =============================================================================================
# 5. Decision 766 service index — long: month, group, max, score
# =============================================================================================

F766_MONTHS = list(range(1, 11))
F766_TOTAL = "Tổng điểm"
F766_GROUPS = {  # group -> max (points)
    "Công khai, minh bạch": 18,
    "Tiến độ, kết quả giải quyết": 20,
    "Số hóa hồ sơ": 22,
    "Cung cấp dịch vụ trực tuyến": 12,
    "Thanh toán trực tuyến": 10,
    "Mức độ hài lòng": 18,
}
F766_VALUES = {  # month -> group scores in the order above
    1: "15.20 18.10 18.90 8.10 9.20 16.90",
    2: "15.45 18.35 19.20 8.05 9.35 16.80",
    3: "15.60 18.60 19.55 8.40 9.40 17.00",
    4: "15.80 18.45 19.90 8.55 9.50 17.10",
    5: "16.05 18.80 20.10 8.70 9.55 17.05",
    6: "16.20 18.95 20.25 8.60 9.60 17.20",
    7: "15.90 18.70 20.05 8.35 9.45 17.15",
    8: "16.40 19.05 20.40 8.80 9.65 17.30",
    9: "16.65 19.10 20.60 8.95 9.60 17.25",
    10: "16.90 19.20 20.80 9.10 9.60 17.30",
}
F766_WORST_OCT = "Cung cấp dịch vụ trực tuyến"


def period_766(month: int) -> str:
    return f"Tháng {month}/2026"


def scores_766(month: int) -> dict[str, int]:
    return dict(zip(F766_GROUPS, [h(v) for v in F766_VALUES[month].split()], strict=True))


def lost_766(month: int) -> dict[str, int]:
    got = scores_766(month)
    return {g: F766_GROUPS[g] * 100 - got[g] for g in F766_GROUPS}


def check_766() -> None:
    assert sum(F766_GROUPS.values()) == 100
    for month in F766_MONTHS:
        got = scores_766(month)
        assert all(0 <= got[g] <= F766_GROUPS[g] * 100 for g in got), month
        assert 8600 <= sum(got.values()) <= 9300, (month, sum(got.values()))
    lost = lost_766(10)
    ordered = sorted(lost.values())
    assert max(lost, key=lambda k: lost[k]) == F766_WORST_OCT and ordered[-1] > ordered[-2]


# =============================================================================================
# Writing
# =============================================================================================


def put(
    ws: Worksheet,
    row: int,
    col: int,
    value,
    *,
    bold=False,
    italic=False,
    fmt=None,
    border=False,
    wrap=False,
):
    cell = ws.cell(row=row, column=col, value=value)
    cell.font = Font(name=FONT, size=12, bold=bold, italic=italic)
    if fmt and isinstance(value, int | float):
        cell.number_format = fmt
    if border:
        cell.border = BORDER
    if wrap:
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    return cell


def frame(
    ws: Worksheet, title: str, subtitle: str, header: list[object], widths: list[float]
) -> None:
    """Rows 1-2 titles, row 3 blank, row 4 header."""
    last = get_column_letter(len(header))
    put(ws, 1, 1, title, bold=True)
    ws.merge_cells(f"A1:{last}1")
    put(ws, 2, 1, subtitle, italic=True)
    ws.merge_cells(f"A2:{last}2")
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws["A1"].alignment = center
    ws["A2"].alignment = center
    for col, text in enumerate(header, start=1):
        put(ws, 4, col, text, bold=True, border=True).alignment = center
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A5"


def source_line(ws: Worksheet, last_data_row: int, text: str) -> None:
    """A blank row after the data, then 'Nguồn: … (số liệu minh họa)' in column A."""
    assert text.startswith("Nguồn: ") and text.endswith(DEMO)
    put(ws, last_data_row + 2, 1, text, italic=True)


def row_values(
    ws: Worksheet, row: int, values: list[object], fmts: list[str | None], *, bold=False
) -> None:
    for col, (value, fmt) in enumerate(zip(values, fmts, strict=True), start=1):
        put(
            ws,
            row,
            col,
            value,
            bold=bold,
            fmt=fmt,
            border=True,
            wrap=col == 2 and isinstance(value, str),
        )


def save(wb: Workbook, path: Path) -> None:
    """Save with fixed metadata and zip dates so that the bytes do not depend on the clock."""
    wb.properties.created = WHEN
    wb.properties.modified = WHEN
    wb.properties.creator = "cchc-dashboard demo"
    buffer = io.BytesIO()
    wb.save(buffer)
    stamp = WHEN.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + stamp + rb"\g<2>",
                    data,
                )
            fixed = zipfile.ZipInfo(info.filename, date_time=WHEN.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, data)


def write_par(path: Path, areas: list[Node]) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    header = [
        "STT",
        "Lĩnh vực, tiêu chí, tiêu chí thành phần",
        "Điểm tối đa",
        "Điểm tự đánh giá",
        "Điểm thẩm định",
        "Tài liệu kiểm chứng",
    ]
    fmts = [None, None, SCORE_FORMAT, SCORE_FORMAT, SCORE_FORMAT, None]
    for year in PAR_YEARS:
        ws = wb.create_sheet(str(year))
        frame(
            ws,
            f"KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH (PAR INDEX) NĂM {year}",
            f"Đơn vị: {WARD}",
            header,
            [8, 62, 12, 14, 14, 46],
        )
        row = 5
        for index, n in enumerate(walk(areas)):
            values = [
                n.code,
                n.name,
                num(n.max),
                num(n.self_score[year]),
                num(n.appraised[year]),
                evidence(n, year, index),
            ]
            row_values(ws, row, values, fmts, bold="." not in n.code)
            row += 1
        self_total, appraised_total = par_totals(areas, year)
        row_values(
            ws,
            row,
            [None, "TỔNG ĐIỂM", 100, num(self_total), num(appraised_total), None],
            fmts,
            bold=True,
        )
        source_line(
            ws,
            row,
            "Nguồn: Kết quả tự đánh giá của UBND phường và kết quả thẩm định của Hội đồng thẩm "
            f"định Chỉ số CCHC tỉnh Bắc Ninh năm {year}; khung 8 lĩnh vực theo mô hình chỉ số CCHC "
            f"cấp xã (tham khảo QĐ 5666/QĐ-UBND Hà Nội) {DEMO}",
        )
    save(wb, path)


def write_sipas(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "SIPAS"
    frame(
        ws,
        "CHỈ SỐ HÀI LÒNG CỦA NGƯỜI DÂN, TỔ CHỨC ĐỐI VỚI SỰ PHỤC VỤ CỦA CƠ QUAN HÀNH CHÍNH "
        "NHÀ NƯỚC (SIPAS) NĂM 2021–2025",
        f"Đơn vị: {WARD}",
        ["Năm", "Chỉ số", "Tỷ lệ hài lòng (%)", "Đối tượng"],
        [8, 46, 20, 22],
    )
    row = 5
    fmts = [None, None, SCORE_FORMAT, None]
    for year in SIPAS_YEARS:
        ward = sipas_values(SIPAS_WARD, year)
        province = sipas_values(SIPAS_PROVINCE, year)
        for name in [SIPAS_TOTAL, *SIPAS_ELEMENTS]:
            for series, values in ((WARD, ward), (PROVINCE_AVG, province)):
                row_values(
                    ws, row, [year, name, num(values[name]), series], fmts, bold=name == SIPAS_TOTAL
                )
                row += 1
    source_line(
        ws,
        row - 1,
        "Nguồn: Kết quả khảo sát sự hài lòng của người dân, tổ chức theo phương pháp QĐ "
        f"1001/QĐ-BNV; chỉ tiêu tỉnh Bắc Ninh ≥ 95% {DEMO}",
    )
    save(wb, path)


def write_pci(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "PCI"
    frame(
        ws,
        "CHỈ SỐ NĂNG LỰC CẠNH TRANH CẤP TỈNH (PCI) CỦA TỈNH BẮC NINH NĂM 2016–2024",
        "Đơn vị: Tỉnh Bắc Ninh (trước sắp xếp); điểm tổng thang 100, chỉ số thành phần thang 10, "
        "xếp hạng trên 63 tỉnh, thành phố",
        ["Chỉ số", *PCI_YEARS],
        [40] + [10] * len(PCI_YEARS),
    )
    fmts_score = [None] + [SCORE_FORMAT] * len(PCI_YEARS)
    fmts_rank = [None] + ["0"] * len(PCI_YEARS)
    row_values(
        ws, 5, [PCI_TOTAL] + [num(h(PCI_SCORE[y])) for y in PCI_YEARS], fmts_score, bold=True
    )
    row_values(ws, 6, [PCI_RANK] + [PCI_RANKS[y] for y in PCI_YEARS], fmts_rank)
    row = 7
    for name in PCI_SUBS:
        row_values(ws, row, [name] + [num(pci_subs(y)[name]) for y in PCI_YEARS], fmts_score)
        row += 1

    def years(ys: list[int]) -> str:
        return ", ".join(str(y) for y in ys)

    source_line(
        ws,
        row - 1,
        "Nguồn: VCCI, pcivietnam.vn – số liệu đã công bố: điểm tổng các năm "
        f"{years(PCI_SOURCED_SCORE)}; xếp hạng các năm {years(PCI_SOURCED_RANK)}; chỉ số thành "
        f"phần các năm {years(PCI_SOURCED_SUBS)}; các ô còn lại là số liệu giả định {DEMO}",
    )
    save(wb, path)


def write_ddci(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "DDCI"
    frame(
        ws,
        "CHỈ SỐ NĂNG LỰC CẠNH TRANH CẤP XÃ, PHƯỜNG (DDCI) NĂM 2023–2025",
        f"Đơn vị: {WARD}; điểm tổng thang 100, chỉ số thành phần thang 10, xếp hạng trên "
        f"{DDCI_UNITS} xã, phường",
        ["Năm", "Chỉ số", "Điểm", "Xếp hạng"],
        [8, 50, 12, 12],
    )
    fmts = [None, None, SCORE_FORMAT, "0"]
    row = 5
    for year in DDCI_YEARS:
        score, rank = DDCI_SCORE[year]
        row_values(ws, row, [year, DDCI_TOTAL, num(h(score)), rank], fmts, bold=True)
        row += 1
        for name, value in ddci_subs(year).items():
            row_values(ws, row, [year, name, num(value), None], fmts)
            row += 1
    source_line(
        ws,
        row - 1,
        "Nguồn: Khảo sát doanh nghiệp đánh giá năng lực điều hành của xã, phường (DDCI) tỉnh "
        f"Bắc Ninh; bộ chỉ số thành phần theo ddci.org.vn {DEMO}",
    )
    save(wb, path)


def write_766(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "766"
    frame(
        ws,
        "KẾT QUẢ BỘ CHỈ SỐ CHỈ ĐẠO, ĐIỀU HÀNH VÀ ĐÁNH GIÁ CHẤT LƯỢNG PHỤC VỤ NGƯỜI DÂN, "
        "DOANH NGHIỆP (QĐ 766/QĐ-TTg) NĂM 2026",
        f"Đơn vị: {WARD}",
        ["Kỳ", "Nhóm chỉ số", "Điểm tối đa", "Điểm"],
        [16, 36, 14, 12],
    )
    fmts = [None, None, SCORE_FORMAT, SCORE_FORMAT]
    row = 5
    for month in F766_MONTHS:
        got = scores_766(month)
        for group, maximum in F766_GROUPS.items():
            row_values(ws, row, [period_766(month), group, maximum, num(got[group])], fmts)
            row += 1
        total = sum(got.values())
        row_values(ws, row, [period_766(month), F766_TOTAL, 100, num(total)], fmts, bold=True)
        row += 1
    source_line(
        ws,
        row - 1,
        "Nguồn: Cổng Dịch vụ công quốc gia – Bộ chỉ số phục vụ người dân, doanh nghiệp theo "
        f"QĐ 766/QĐ-TTg, số liệu chốt cuối tháng {DEMO}",
    )
    save(wb, path)


# =============================================================================================
# README section (hand-count reference)
# =============================================================================================


def readme_section(areas: list[Node]) -> str:
    lines: list[str] = []
    add = lines.append
    add(MARK_BEGIN)
    add("## 4. Chỉ số bên ngoài / External indices (demo)")
    add("")
    add(
        "Sinh tự động bởi `scripts/make_index_demo.py` (chỉ phần giữa hai dấu `index-demo`; chạy "
        "lại script để cập nhật). Generated by `scripts/make_index_demo.py`, which rewrites only "
        "this marked section. Mỗi sheet: 2 dòng tiêu đề, 1 dòng trống, header ở dòng 4, dữ liệu "
        "từ dòng 5, 1 dòng trống rồi dòng “Nguồn: … (số liệu minh họa)” ở cột A. Every sheet: 2 "
        "title rows, a blank row, header on row 4, data from row 5, a blank row, then the "
        "“Nguồn” line in column A."
    )
    add("")
    add("| File | Sheet | Bố cục / layout | Dòng dữ liệu / data rows |")
    add("|---|---|---|---|")
    par_rows = sum(1 for _ in walk(areas)) + 1
    add(
        f"| `{PAR_FILE}` | “2021” … “2025” | cây tiêu chí (STT 1 / 1.1 / 1.1.1) + dòng “TỔNG "
        f"ĐIỂM” | {par_rows} mỗi sheet |"
    )
    add(
        f"| `{SIPAS_FILE}` | “SIPAS” | dài / long: Năm, Chỉ số, Tỷ lệ hài lòng (%), Đối tượng | "
        f"{len(SIPAS_YEARS) * 6 * 2} |"
    )
    add(
        f"| `{PCI_FILE}` | “PCI” | rộng / wide: Chỉ số, 2016 … 2024 (năm là số) | "
        f"{2 + len(PCI_SUBS)} |"
    )
    add(
        f"| `{DDCI_FILE}` | “DDCI” | dài / long: Năm, Chỉ số, Điểm, Xếp hạng (chỉ dòng tổng) | "
        f"{len(DDCI_YEARS) * (1 + len(DDCI_SUBS))} |"
    )
    add(
        f"| `{F766_FILE}` | “766” | dài / long: Kỳ, Nhóm chỉ số, Điểm tối đa, Điểm | "
        f"{len(F766_MONTHS) * (len(F766_GROUPS) + 1)} |"
    )
    add("")

    add(
        "**PAR INDEX** — 8 lĩnh vực, tối đa "
        + "; ".join(f"{a.code}: {txt(a.max)}" for a in areas)
        + " (tổng 100)."
    )
    add("")
    add("| Năm | Tự đánh giá / self | Thẩm định / appraised | Chênh lệch / gap |")
    add("|---|---:|---:|---:|")
    for year in PAR_YEARS:
        s, a = par_totals(areas, year)
        add(f"| {year} | {txt(s)} | **{txt(a)}** | {txt(s - a)} |")
    add("")
    lost = {a.code: a.max - a.appraised[2025] for a in areas}
    worst = max(lost, key=lambda k: lost[k])
    name = next(a.name for a in areas if a.code == worst)
    add(
        "Điểm bị mất năm 2025 (tối đa − thẩm định) / points lost in 2025: "
        + "; ".join(f"{k}: {txt(v)}" for k, v in lost.items())
        + f". Mất nhiều nhất / most lost: **{worst}. {name}** ({txt(lost[worst])} điểm)."
    )
    add("")

    gaps = sipas_gaps_2025()
    worst_sipas = max(gaps, key=lambda k: gaps[k])
    ward_totals = "; ".join(
        f"{y}: {txt(sipas_values(SIPAS_WARD, y)[SIPAS_TOTAL])}%" for y in SIPAS_YEARS
    )
    add(
        f"**SIPAS** (Phường Võ Cường, Chỉ số SIPAS = trung bình 5 yếu tố): {ward_totals}. Năm 2025 "
        "thấp hơn mục tiêu 95% / below the 95% target: "
        + "; ".join(f"{e}: {txt(g)}" for e, g in gaps.items())
        + f". Xa mục tiêu nhất / furthest below: **{worst_sipas}** ({txt(gaps[worst_sipas])} điểm %)."
    )
    add("")

    subs = pci_subs(2024)
    weakest = min(subs, key=lambda k: subs[k])
    add(
        "**PCI Bắc Ninh** — điểm tổng / rank: "
        + "; ".join(f"{y}: {txt(h(PCI_SCORE[y]))} (#{PCI_RANKS[y]})" for y in PCI_YEARS)
        + f". Số liệu công bố / sourced: điểm tổng {', '.join(map(str, PCI_SOURCED_SCORE))}; xếp "
        f"hạng {', '.join(map(str, PCI_SOURCED_RANK))}; chỉ số thành phần "
        f"{', '.join(map(str, PCI_SOURCED_SUBS))}; còn lại là giả định / the rest is made up. "
        f"Chỉ số thành phần thấp nhất năm 2024 / weakest sub-index 2024: **{weakest}** "
        f"({txt(subs[weakest])})."
    )
    add("")
    add(
        "**DDCI** — điểm tổng, xếp hạng / 99: "
        + "; ".join(f"{y}: {txt(h(DDCI_SCORE[y][0]))} (#{DDCI_SCORE[y][1]})" for y in DDCI_YEARS)
        + f"; {len(DDCI_SUBS)} chỉ số thành phần thang 10, không xếp hạng."
    )
    add("")
    totals = "; ".join(f"T{m}: {txt(sum(scores_766(m).values()))}" for m in F766_MONTHS)
    lost10 = lost_766(10)
    worst766 = max(lost10, key=lambda k: lost10[k])
    add(
        f"**766** — tổng điểm theo tháng / monthly totals: {totals}. Điểm bị mất Tháng 10/2026 / "
        "points lost in October: "
        + "; ".join(f"{g}: {txt(v)}" for g, v in lost10.items())
        + f". Mất nhiều nhất / most lost: **{worst766}** ({txt(lost10[worst766])} điểm)."
    )
    add(MARK_END)
    return "\n".join(lines) + "\n"


def update_readme(path: Path, section: str) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    pattern = re.compile(re.escape(MARK_BEGIN) + r".*?" + re.escape(MARK_END) + r"\n?", re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: section, text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + section if text else section
    path.write_text(text, encoding="utf-8")


# =============================================================================================


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    out: Path = args.out
    areas = build_tree()
    score_tree(areas)
    check_par(areas)
    check_sipas()
    check_pci()
    check_ddci()
    check_766()
    out.mkdir(parents=True, exist_ok=True)
    write_par(out / PAR_FILE, areas)
    write_sipas(out / SIPAS_FILE)
    write_pci(out / PCI_FILE)
    write_ddci(out / DDCI_FILE)
    write_766(out / F766_FILE)
    update_readme(out / "README.md", readme_section(areas))
    print(f"wrote 5 index workbooks and the index section of README.md to {out}")


if __name__ == "__main__":
    main()
