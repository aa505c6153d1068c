"""Write the procedure (TTHC) statistics of the demo ward and the importer's test fixtures.

- data/demo/thong-ke-tthc-2026-MM.xlsx: the one-stop system's monthly export for phường Võ
  Cường, January to October 2026, one row per field (lĩnh vực) and a total row, under the
  three-row header of form 06a/VPCP/KSTT (Thông tư 01/2020/TT-VPCP); a few late dossiers.
  Labelled demo in the title. A hand-count section goes to data/demo/README.md between the
  markers <!-- tthc-demo --> and <!-- /tthc-demo --> (re-running replaces only that section).
- tests/data/tthc/*.xlsx: the other shapes the importer takes (one row per procedure under
  field headings, one header row without diacritics, totals only, a date span) and one file with
  every arithmetic mistake planted, each at a known cell.

The numbers are made up but plausible; the script checks the sums it writes, and writes
byte-identical files on every run (fixed timestamps).

    python scripts/make_tthc_demo.py [--out DIR] [--fixtures DIR]
"""

from __future__ import annotations

import argparse
import io
import re
import zipfile
from calendar import monthrange
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

REPO = Path(__file__).resolve().parents[1]
DEMO_OUT = REPO / "data" / "demo"
FIXTURES_OUT = REPO / "tests" / "data" / "tthc"
MARK_BEGIN = "<!-- tthc-demo -->"
MARK_END = "<!-- /tthc-demo -->"
WHEN = datetime(2026, 11, 20, 8, 0, 0)
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BOLD = Font(name="Times New Roman", bold=True)
PLAIN = Font(name="Times New Roman")

FIELDS = [
    "Hộ tịch",
    "Chứng thực",
    "Đất đai",
    "Xây dựng",
    "Bảo trợ xã hội",
    "Người có công",
    "Thành lập và hoạt động của hộ kinh doanh",
    "Văn hóa cơ sở",
]
# new dossiers a month per field (before the month's own swing)
BASE = [120, 210, 18, 9, 14, 6, 11, 3]
# planted late dossiers: (month, field index) -> resolved late; pending past the deadline
LATE = {(3, 2): 2, (6, 2): 1, (7, 3): 1, (9, 2): 3, (10, 2): 1}
PENDING_LATE = {(9, 3): 1, (10, 2): 2}
CARRIED_JAN = [4, 0, 6, 3, 2, 1, 1, 0]


@dataclass
class Counts:
    carried_over: int
    new_online: int
    new_offline: int
    resolved_early: int
    resolved_on_time: int
    resolved_late: int
    pending_within: int
    pending_late: int
    paid_online: int
    digitised: int

    @property
    def new(self) -> int:
        return self.new_online + self.new_offline

    @property
    def received(self) -> int:
        return self.carried_over + self.new

    @property
    def resolved(self) -> int:
        return self.resolved_early + self.resolved_on_time + self.resolved_late

    @property
    def pending(self) -> int:
        return self.pending_within + self.pending_late

    def row(self) -> list[int]:
        """The 13 counts in the form's column order (C … O)."""
        return [
            self.received,
            self.carried_over,
            self.new_online,
            self.new_offline,
            self.resolved,
            self.resolved_early,
            self.resolved_on_time,
            self.resolved_late,
            self.pending,
            self.pending_within,
            self.pending_late,
            self.paid_online,
            self.digitised,
        ]


def month_counts() -> dict[int, list[Counts]]:
    """Each month's counts per field: what is pending at a month's end is carried into the
    next; the online share climbs from about 45% to about 75%, digitisation to about 90%."""
    out: dict[int, list[Counts]] = {}
    carried = list(CARRIED_JAN)
    for m in range(1, 11):
        rows = []
        for f, base in enumerate(BASE):
            new = base + (m * 7 + f * 3) % 11 - 5 if base > 10 else base + (m + f) % 3
            online = round(new * (45 + 3 * m + (f % 3)) / 100)
            offline = new - online
            received = carried[f] + new
            late = LATE.get((m, f), 0)
            p_late = PENDING_LATE.get((m, f), 0)
            p_within = 0 if base < 10 else (received // 20) + (m + f) % 3
            p_within = min(p_within, received - late - p_late)
            done = received - late - p_late - p_within
            early = done * (60 + m) // 100
            rows.append(
                Counts(
                    carried_over=carried[f],
                    new_online=online,
                    new_offline=offline,
                    resolved_early=early,
                    resolved_on_time=done - early,
                    resolved_late=late,
                    pending_within=p_within,
                    pending_late=p_late,
                    paid_online=online * (30 + 4 * m) // 100,
                    digitised=received * (70 + 2 * m) // 100,
                )
            )
        carried = [c.pending for c in rows]
        out[m] = rows
    return out


def check(months: dict[int, list[Counts]]) -> None:
    """Fail loudly when the data stop telling the story the README tells."""
    for m, rows in months.items():
        for c in rows:
            assert min(c.row()) >= 0, (m, c)
            assert c.received == c.resolved + c.pending, (m, c)
        if m > 1:
            assert [c.carried_over for c in rows] == [c.pending for c in months[m - 1]]
    assert sum(c.resolved_late for rows in months.values() for c in rows) == sum(LATE.values())


# --- writing ---------------------------------------------------------------------------------

HEADER_06A = [
    # row 1 of the header: (column, text, merge to (row offset, column))
    [
        (1, "STT", (2, 1)),
        (2, "Lĩnh vực giải quyết", (2, 2)),
        (3, "Số hồ sơ nhận giải quyết", (0, 6)),
        (7, "Kết quả giải quyết", (0, 13)),
        (14, "Số hồ sơ thanh toán trực tuyến", (2, 14)),
        (15, "Số hồ sơ được số hóa", (2, 15)),
    ],
    [
        (3, "Tổng số", (1, 3)),
        (4, "Trong đó", (0, 6)),
        (7, "Số hồ sơ đã giải quyết", (0, 10)),
        (11, "Số hồ sơ đang giải quyết", (0, 13)),
    ],
    [
        (4, "Số kỳ trước chuyển qua", None),
        (5, "Số mới tiếp nhận trực tuyến", None),
        (6, "Số mới tiếp nhận trực tiếp, qua bưu chính", None),
        (7, "Tổng số", None),
        (8, "Trước hạn", None),
        (9, "Đúng hạn", None),
        (10, "Quá hạn", None),
        (11, "Tổng số", None),
        (12, "Trong hạn", None),
        (13, "Quá hạn", None),
    ],
]


def save(wb: Workbook, path: Path) -> None:
    """Save with fixed metadata and zip dates so that the bytes do not depend on the clock."""
    wb.properties.created = WHEN
    wb.properties.modified = WHEN
    wb.properties.creator = "cchc-dashboard demo"
    buffer = io.BytesIO()
    wb.save(buffer)
    stamp = WHEN.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", stamp, data)
            fixed = zipfile.ZipInfo(info.filename, date_time=WHEN.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, data)


def form_06a(
    title: list[str], names: list[str], rows: list[list[int]], total: list[int] | None
) -> Workbook:
    """The standard form: title lines, the three-row header, a '(1) (2) …' row, the rows, the
    total row, the signature block."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Biểu 06a"
    for i, line in enumerate(title, start=1):
        ws.cell(i, 1, line).font = BOLD if i <= 3 else PLAIN
    top = len(title) + 2
    for offset, cells in enumerate(HEADER_06A):
        for col, text, merge in cells:
            cell = ws.cell(top + offset, col, text)
            cell.font, cell.border = BOLD, BORDER
            cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
            if merge is not None and merge != (0, col):
                ws.merge_cells(
                    start_row=top + offset,
                    start_column=col,
                    end_row=top + offset + merge[0],
                    end_column=merge[1],
                )
    numbers = top + 3
    for col in range(1, 16):
        ws.cell(numbers, col, f"({col})").alignment = Alignment(horizontal="center")
    r = numbers + 1
    for i, (name, values) in enumerate(zip(names, rows, strict=True), start=1):
        ws.cell(r, 1, i)
        ws.cell(r, 2, name)
        for col, v in enumerate(values, start=3):
            ws.cell(r, col, v).border = BORDER
        r += 1
    if total is not None:
        ws.cell(r, 2, "Tổng cộng").font = BOLD
        for col, v in enumerate(total, start=3):
            ws.cell(r, col, v).font = BOLD
        r += 1
    ws.cell(r + 1, 2, "Người lập biểu")
    ws.cell(r + 1, 10, "KT. CHỦ TỊCH")
    ws.cell(r + 2, 10, "PHÓ CHỦ TỊCH")
    ws.column_dimensions["B"].width = 38
    for col in range(3, 16):
        ws.column_dimensions[get_column_letter(col)].width = 11
    return wb


def demo_title(m: int) -> list[str]:
    last = monthrange(2026, m)[1]
    span = (
        f"Tháng {m}/2026" if m % 2 == 0 else f"Từ ngày 01/{m:02d}/2026 đến ngày {last}/{m:02d}/2026"
    )
    return [
        "UBND PHƯỜNG VÕ CƯỜNG",
        "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
        f"Kỳ báo cáo: {span}",
        "(Số liệu xuất từ Hệ thống thông tin giải quyết TTHC — DỮ LIỆU MẪU, minh họa)",
    ]


def column_sums(rows: list[list[int]]) -> list[int]:
    return [sum(col) for col in zip(*rows, strict=True)]


def write_demo(out: Path, months: dict[int, list[Counts]]) -> list[Path]:
    written = []
    for m, counts in months.items():
        rows = [c.row() for c in counts]
        wb = form_06a(demo_title(m), FIELDS, rows, column_sums(rows))
        path = out / f"thong-ke-tthc-2026-{m:02d}.xlsx"
        save(wb, path)
        written.append(path)
    return written


# --- fixtures ----------------------------------------------------------------------------------


def q3_counts(months: dict[int, list[Counts]]) -> list[list[int]]:
    """Q3 per field from the monthly figures: carried over from July, pending at September."""
    out = []
    for f in range(len(FIELDS)):
        jul, sep = months[7][f], months[9][f]
        part = [months[m][f] for m in (7, 8, 9)]
        c = Counts(
            carried_over=jul.carried_over,
            new_online=sum(x.new_online for x in part),
            new_offline=sum(x.new_offline for x in part),
            resolved_early=sum(x.resolved_early for x in part),
            resolved_on_time=sum(x.resolved_on_time for x in part),
            resolved_late=sum(x.resolved_late for x in part),
            pending_within=sep.pending_within,
            pending_late=sep.pending_late,
            paid_online=sum(x.paid_online for x in part),
            digitised=sum(x.digitised for x in part),
        )
        out.append(c.row())
    return out


def by_procedure() -> Workbook:
    """One row per procedure under field headings ('I. Lĩnh vực Hộ tịch'), a two-row header
    with no resolved or pending totals, no paid-online or digitised columns, 'Quý III năm 2026'."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Theo thủ tục"
    ws.append(["ỦY BAN NHÂN DÂN PHƯỜNG VÕ CƯỜNG"])
    ws.append(["BÁO CÁO TÌNH HÌNH GIẢI QUYẾT TTHC THEO TỪNG THỦ TỤC QUÝ III NĂM 2026"])
    ws.append([])
    ws.append(
        [
            "STT",
            "Tên thủ tục hành chính",
            "Tổng số hồ sơ tiếp nhận",
            "Tồn kỳ trước",
            "Tiếp nhận mới",
            None,
            "Đã giải quyết",
            None,
            None,
            "Đang giải quyết",
            None,
        ]
    )
    ws.append(
        [
            None,
            None,
            None,
            None,
            "Trực tuyến",
            "Trực tiếp",
            "Trước hạn",
            "Đúng hạn",
            "Quá hạn",
            "Trong hạn",
            "Quá hạn",
        ]
    )
    for rng in ("A4:A5", "B4:B5", "C4:C5", "D4:D5", "E4:F4", "G4:I4", "J4:K4"):
        ws.merge_cells(rng)
    body = [
        ["I", "Lĩnh vực Hộ tịch"],
        [1, "Đăng ký khai sinh", 152, 2, 98, 52, 120, 28, 0, 4, 0],
        [2, "Đăng ký kết hôn", 41, 0, 20, 21, 30, 10, 0, 1, 0],
        [3, "Trích lục hộ tịch", 96, 1, 70, 25, 90, 6, 0, 0, 0],
        ["II", "Lĩnh vực Đất đai"],
        [1, "Đăng ký biến động đất đai", 33, 5, 10, 18, 12, 14, 3, 3, 1],
        [2, "Cấp đổi giấy chứng nhận", 12, 2, 3, 7, 5, 4, 0, 3, 0],
        [None, "Tổng cộng", 334, 10, 201, 123, 257, 62, 3, 11, 1],
    ]
    for row in body:
        ws.append(row)
    ws.append([])
    ws.append(["Nơi nhận:"])
    return wb


def no_diacritics() -> Workbook:
    """One header row typed without diacritics, 'Thang 10/2026', no total row."""
    wb = Workbook()
    ws = wb.active
    ws.title = "TK"
    ws.append(["UBND PHUONG KINH BAC"])
    ws.append(["THONG KE TINH HINH GIAI QUYET TTHC THANG 10/2026"])
    ws.append(
        [
            "TT",
            "Linh vuc",
            "So ho so tiep nhan",
            "Ky truoc chuyen sang",
            "Tiep nhan truc tuyen",
            "Tiep nhan truc tiep",
            "Da giai quyet",
            "Giai quyet truoc han",
            "Giai quyet dung han",
            "Giai quyet qua han",
            "Dang giai quyet",
            "Dang giai quyet trong han",
            "Dang giai quyet qua han",
            "So hoa ho so",
        ]
    )
    ws.append([1, "Ho tich", 130, 5, 80, 45, 120, 90, 30, 0, 10, 10, 0, 118])
    ws.append([2, "Chung thuc", 220, 0, 60, 160, 220, 220, 0, 0, 0, 0, 0, 150])
    ws.append([3, "Dat dai", 25, 6, 9, 10, 17, 5, 10, 2, 8, 7, 1, 20])
    return wb


def totals_only() -> Workbook:
    """The unit's totals only (no field rows), '9 tháng đầu năm 2026', a two-row header."""
    wb = Workbook()
    ws = wb.active
    ws.append(["UBND PHƯỜNG VÕ CƯỜNG"])
    ws.append(["KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH 9 THÁNG ĐẦU NĂM 2026"])
    ws.append(
        [
            "Lĩnh vực",
            "Số hồ sơ tiếp nhận",
            "Số hồ sơ đã giải quyết",
            None,
            None,
            "Số hồ sơ đang giải quyết",
        ]
    )
    ws.append([None, None, "Trước hạn", "Đúng hạn", "Quá hạn", None])
    ws.merge_cells("C3:E3")
    ws.append(["Tổng số", 3000, 2500, 380, 6, 114])
    return wb


def planted_mistakes(months: dict[int, list[Counts]]) -> Workbook:
    """The October demo file with one mistake per check, each at a known cell (README of the
    fixtures: tests/etl/test_tthc.py names them)."""
    rows = [c.row() for c in months[10]]
    total = column_sums(rows)
    rows[0][0] += 1  # C10: received ≠ carried over + new, and ≠ resolved + pending
    rows[1][4] += 2  # G11: resolved ≠ early + on time + late; C11: ≠ received - pending
    rows[2][10] += 1  # K12: pending ≠ within + late
    total[12] += 5  # O18: digitised total ≠ the sum of the fields (and C, G, M of the above)
    title = [*demo_title(10)]
    title[2] = "Kỳ báo cáo: Tháng 10/2026"
    return form_06a(title, FIELDS, rows, total)


def date_span_q3(months: dict[int, list[Counts]]) -> Workbook:
    rows = q3_counts(months)
    title = [
        "UBND PHƯỜNG VÕ CƯỜNG",
        "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
        "Từ ngày 01/07/2026 đến ngày 30/09/2026",
        "Võ Cường, ngày 05 tháng 10 năm 2026",
    ]
    return form_06a(title, FIELDS, rows, column_sums(rows))


def write_fixtures(out: Path, months: dict[int, list[Counts]]) -> list[Path]:
    shapes = {
        "06a-quy-3-tu-ngay-den-ngay.xlsx": date_span_q3(months),
        "theo-thu-tuc-hai-dong-tieu-de.xlsx": by_procedure(),
        "thang-10-khong-dau-mot-dong-tieu-de.xlsx": no_diacritics(),
        "chi-dong-tong-9-thang.xlsx": totals_only(),
        "06a-thang-10-cong-sai.xlsx": planted_mistakes(months),
    }
    for name, wb in shapes.items():
        save(wb, out / name)
    return [out / n for n in shapes]


# --- README ----------------------------------------------------------------------------------


def readme_section(months: dict[int, list[Counts]]) -> str:
    lines = [
        MARK_BEGIN,
        "## 5. Thống kê giải quyết TTHC / Procedure statistics (demo)",
        "",
        "Sinh bởi `scripts/make_tthc_demo.py`. `thong-ke-tthc-2026-01.xlsx` … `-10.xlsx`: bản "
        "xuất hằng tháng của Hệ thống thông tin giải quyết TTHC cho phường Võ Cường, biểu "
        "06a/VPCP/KSTT (tiêu đề 3 dòng, dòng số cột, 8 lĩnh vực + dòng Tổng cộng); tháng lẻ ghi "
        "kỳ “Từ ngày … đến ngày …”, tháng chẵn “Tháng M/2026”. Monthly exports, form 06a, "
        "8 fields and a total row.",
        "",
        "| Tháng | Tiếp nhận | Kỳ trước | Trực tuyến | Trực tiếp | Đã giải quyết | Trước hạn "
        "| Đúng hạn | Quá hạn | Đang GQ | trong hạn | quá hạn | TT trực tuyến | Số hóa |",
        "|---|" + "---:|" * 13,
    ]
    for m, rows in months.items():
        t = column_sums([c.row() for c in rows])
        lines.append(f"| {m}/2026 | " + " | ".join(str(v) for v in t) + " |")
    late = ", ".join(f"{FIELDS[f]} tháng {m}: {n}" for (m, f), n in sorted(LATE.items()))
    p_late = ", ".join(f"{FIELDS[f]} tháng {m}: {n}" for (m, f), n in sorted(PENDING_LATE.items()))
    oct_rows = months[10]
    oct_total = column_sums([c.row() for c in oct_rows])
    on_time = oct_total[5] + oct_total[6]
    lines += [
        "",
        f"**Hồ sơ giải quyết quá hạn / resolved late:** {late}.",
        f"**Đang giải quyết quá hạn / pending past the deadline:** {p_late}.",
        f"**Tháng 10/2026:** đúng và trước hạn {on_time}/{oct_total[4]} hồ sơ đã giải quyết; "
        f"trực tuyến {oct_total[2]}/{oct_total[2] + oct_total[3]} hồ sơ mới tiếp nhận; "
        f"số hóa {oct_total[12]}/{oct_total[0]} hồ sơ tiếp nhận.",
        "",
        "Mục tiêu trong kế hoạch (nhiệm vụ III.4.2, VII.3.1): 100% hồ sơ giải quyết đúng hạn, "
        "trước hạn; trên 80% hồ sơ trực tuyến toàn trình. Targets are tasks of the plan.",
        MARK_END,
        "",
    ]
    return "\n".join(lines)


def update_readme(path: Path, section: str) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    pattern = re.compile(re.escape(MARK_BEGIN) + r".*?" + re.escape(MARK_END) + r"\n?", re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: section, text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + section if text else section
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEMO_OUT)
    parser.add_argument("--fixtures", type=Path, default=FIXTURES_OUT)
    args = parser.parse_args(argv)
    months = month_counts()
    check(months)
    demo = write_demo(args.out, months)
    update_readme(args.out / "README.md", readme_section(months))
    fixtures = write_fixtures(args.fixtures, months)
    print(f"wrote {len(demo)} demo workbooks to {args.out}, {len(fixtures)} to {args.fixtures}")


if __name__ == "__main__":
    main()
