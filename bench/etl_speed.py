"""How fast is `python -m etl load` on a national-scale plan and progress report?

    .venv/bin/python bench/etl_speed.py [--rows N] [--repeat R] [--profile [plan|report]]

One run generates a plan appendix with N task rows and a progress report with one row per plan
task (in the layouts the importer accepts, see tests/workbooks.py and data/demo/), then times,
each in a fresh subprocess and best of R:

* `pandas.read_excel(engine="openpyxl", header=None)` alone: the baseline to beat;
* `pandas.read_excel(engine="calamine", header=None)` alone: a second reference;
* `python -m etl load PLAN --db fresh.duckdb` (read, validate, write), and
  `python -m etl load REPORT --db db-with-the-plan.duckdb` (only the report load is timed).

After every load it checks the exit code and that the database holds N tasks / N reports. The
target is a whole load at most 2x the calamine read alone. `--profile` runs one load
in-process under cProfile and prints the top functions by cumulative time.

Generation is not measured. Files go to bench/out/ (git-ignored). This is not a test: it prints
figures (and exits 1 only when a load fails or the database does not hold what was loaded).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import random
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import xlsxwriter

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "bench" / "out"
TARGET = 4.0  # the earlier target: the load this many times faster than the openpyxl read
TARGET_CALAMINE = 2.0  # the load at most this many times the calamine read alone (issue #10)
YEAR = 2026
SEED = 2026

# --- Vocabulary (as in data/demo/ke-hoach-cchc-2026-phu-luc.xlsx) ------------------------------

AREAS = [
    ("I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH"),
    ("II", "CẢI CÁCH THỂ CHẾ"),
    ("III", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"),
    ("IV", "CẢI CÁCH TỔ CHỨC BỘ MÁY HÀNH CHÍNH NHÀ NƯỚC"),
    ("V", "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ"),
    ("VI", "CẢI CÁCH TÀI CHÍNH CÔNG"),
    ("VII", "CHUYỂN ĐỔI SỐ (CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ)"),
]
# Lead departments as written in real appendices: full names mostly, some abbreviations.
LEADS = [
    "Phòng Văn hóa – Xã hội",
    "Văn phòng HĐND và UBND",
    "Phòng Kinh tế, Hạ tầng và Đô thị",
    "Trung tâm Phục vụ hành chính công",
    "Trung tâm Cung ứng dịch vụ sự nghiệp công",
    "Công an phường",
    "UBND phường",
    "Phòng Văn hóa - Xã hội",
    "Văn phòng HĐND-UBND",
    "P. VHXH",
    "TTPVHCC",
    "Phòng KTHT&ĐT",
]
SUPPORTS = [
    "Các phòng, đơn vị",
    "",
    "Công an phường",
    "P. VHXH",
    "VP HĐND-UBND",
    "Trung tâm Cung ứng dịch vụ sự nghiệp công",
    "Công an phường; Trung tâm Phục vụ hành chính công",
    "TTPVHCC, P. VHXH",
    "Phòng Kinh tế, Hạ tầng và Đô thị, Phòng Văn hóa – Xã hội",
    "Trung tâm Phục vụ hành chính công\nPhòng Kinh tế, Hạ tầng và Đô thị",
    "Công an phường và Trung tâm Cung ứng dịch vụ sự nghiệp công",
    "P. KTHTĐT; Công an phường",
    "TTCU; P. KTHTĐT",
]
DEADLINES: list[object] = [
    date(2026, 3, 31),
    "Quý II/2026",
    "Tháng 6/2026",
    "Thường xuyên",
    "Trước ngày 15/12/2026",
    date(2026, 6, 30),
    "Quý III/2026",
    "Cả năm",
    "31/12/2026",
    "Quý I/2026",
    "6 tháng đầu năm",
    "Năm 2026",
    "Tháng 11/2026",
    date(2026, 9, 30),
    "Quý IV/2026",
    "Theo kế hoạch của tỉnh",
]
PRODUCTS = [
    "Kế hoạch",
    "Báo cáo",
    "Quyết định",
    "Văn bản",
    "Kế hoạch, Báo cáo",
    "Quy chế",
    "Danh mục TTHC",
    "Hồ sơ được số hóa",
    "Kết quả khảo sát",
    "Thông báo kết luận",
    "",
]
NOTES = [""] * 12 + ["PAR INDEX", "Đề án 06", "Chỉ tiêu tỉnh giao", "PCI"]
TEMPLATES = [
    "Rà soát, đánh giá quy định, thủ tục hành chính lĩnh vực {f}",
    "Niêm yết, công khai thủ tục hành chính lĩnh vực {f} tại Trung tâm Phục vụ hành chính công",
    "Tuyên truyền, phổ biến văn bản quy phạm pháp luật về {f}",
    "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính lĩnh vực {f}",
    "Kiểm tra công tác cải cách hành chính trong lĩnh vực {f}",
    "Cung cấp dịch vụ công trực tuyến toàn trình lĩnh vực {f}",
    "Đào tạo, bồi dưỡng kỹ năng cho công chức làm công tác {f}",
    "Xây dựng, cập nhật cơ sở dữ liệu chuyên ngành {f}",
    "Làm sạch, đồng bộ dữ liệu {f} với Cơ sở dữ liệu quốc gia về dân cư",
    "Tổng hợp, báo cáo định kỳ kết quả thực hiện nhiệm vụ về {f}",
    "Đơn giản hóa thủ tục hành chính, cắt giảm thời gian giải quyết lĩnh vực {f}",
    "Tiếp nhận, xử lý phản ánh, kiến nghị của người dân, doanh nghiệp về {f}",
    "Lập dự toán, quyết toán kinh phí thực hiện nhiệm vụ {f}",
    "Khảo sát mức độ hài lòng của người dân đối với dịch vụ {f}",
    "Ứng dụng công nghệ thông tin, chữ ký số trong giải quyết hồ sơ {f}",
    "Ban hành quy trình nội bộ giải quyết thủ tục hành chính lĩnh vực {f}",
    "Triển khai thanh toán trực tuyến phí, lệ phí lĩnh vực {f}",
    "Hướng dẫn người dân nộp hồ sơ {f} trên Cổng Dịch vụ công quốc gia",
    "Rà soát, kiện toàn nhân sự đầu mối phụ trách {f}",
    "Công khai kết quả giải quyết hồ sơ {f} trên Trang thông tin điện tử phường",
]
FIELDS = [
    "hộ tịch",
    "chứng thực",
    "đất đai",
    "xây dựng",
    "đăng ký kinh doanh",
    "bảo trợ xã hội",
    "người có công",
    "giáo dục và đào tạo",
    "y tế",
    "văn hóa, thể thao",
    "môi trường",
    "giao thông",
    "cư trú",
    "an toàn thực phẩm",
    "lao động, việc làm",
    "thi đua, khen thưởng",
    "tôn giáo, tín ngưỡng",
    "phòng cháy, chữa cháy",
    "nội vụ",
    "tư pháp",
]
PLACES = [f"tổ dân phố {n}" for n in range(1, 31)] + [
    "khu phố Hòa Bình",
    "khu phố Phú Lợi",
    "khu phố Thống Nhất",
    "khu phố Tân Thành",
    "khu phố Quyết Tiến",
    "khu phố Độc Lập",
    "khu phố Đoàn Kết",
    "khu phố Hưng Phú",
]
STATUSES = ["Đã hoàn thành", "Đang thực hiện", "Chưa thực hiện"]
DIFFICULTIES = [""] * 8 + [
    "Chờ hướng dẫn của Sở Nội vụ",
    "Thiếu kinh phí, nhân lực",
    "Phần mềm của tỉnh chưa kết nối",
]


# --- Generation -------------------------------------------------------------------------------


@dataclass
class Task:
    number: object  # int for top tasks, text for sub-tasks ('12.3'), as people type them
    title: str
    lead: str  # as written in the plan ('' for a sub-task that inherits its parent's)
    lead_name: str  # the lead a report repeats (the parent's when inherited)
    support: str
    deadline: object  # as written in the plan ('' for a sub-task that inherits its parent's)
    deadline_shown: object  # the deadline a report repeats
    product: str
    note: str


def group_size(per_section: int, layout: str) -> int:
    """Tasks per top-level task: 1 is the brief's flat '1, 2, 3…' numbering. The importer reads
    at most three digits per level (etl/plan.py: _TOP, _NESTED), so above 999 tasks per section
    the 'nested' layout groups them as '1', '1.1', '1.2'…, the way large plans do."""
    if layout == "flat":
        return 1
    return max(1, -(-per_section // 900))


def plan_tasks(n: int, layout: str) -> Iterator[tuple[int, Task | None]]:
    """(section index, task) in sheet order; a None task is the section row itself."""
    rng = random.Random(SEED)
    per = [n // len(AREAS) + (1 if i < n % len(AREAS) else 0) for i in range(len(AREAS))]
    k = 0
    for s, count in enumerate(per):
        yield s, None
        size = group_size(count, layout)
        parent_lead = parent_deadline = ""
        for i in range(count):
            top, sub = divmod(i, size)
            k += 1
            template = TEMPLATES[rng.randrange(len(TEMPLATES))]
            title = (
                f"{template.format(f=FIELDS[rng.randrange(len(FIELDS))])} tại "
                f"{PLACES[rng.randrange(len(PLACES))]}, đợt {k}"
            )
            lead = LEADS[rng.randrange(len(LEADS))]
            deadline = DEADLINES[rng.randrange(len(DEADLINES))]
            if sub == 0:
                number: object = top + 1
                parent_lead, parent_deadline = lead, deadline
            else:
                number = f"{top + 1}.{sub}"
                if rng.random() < 0.1:  # sub-tasks often leave lead / deadline to the parent
                    lead = ""
                if rng.random() < 0.1:
                    deadline = ""
            yield (
                s,
                Task(
                    number=number,
                    title=title,
                    lead=lead,
                    lead_name=lead or parent_lead,
                    support=SUPPORTS[rng.randrange(len(SUPPORTS))],
                    deadline=deadline,
                    deadline_shown=deadline if deadline != "" else parent_deadline,
                    product=PRODUCTS[rng.randrange(len(PRODUCTS))],
                    note=NOTES[rng.randrange(len(NOTES))],
                ),
            )


def reword(title: str, i: int) -> str:
    """A slightly different wording, as departments type it (the matcher's fuzzy path)."""
    style = i % 3
    if style == 0:
        return "Tiếp tục " + title[0].lower() + title[1:]
    if style == 1:
        return title.replace(" tại ", " trên địa bàn ", 1)
    return title + " theo kế hoạch"


def write_workbooks(n: int, out: Path, layout: str, reword_share: float) -> tuple[Path, Path, int]:
    """Write the plan appendix and the progress report; returns their paths and the number of
    reworded report titles."""
    plan_path = out / f"plan-{n}.xlsx"
    report_path = out / f"report-{n}.xlsx"
    tasks = [(s, t) for s, t in plan_tasks(n, layout)]
    _write_plan(plan_path, tasks)
    reworded = _write_report(report_path, [t for _, t in tasks if t is not None], reword_share)
    return plan_path, report_path, reworded


def _formats(wb: xlsxwriter.Workbook) -> dict[str, object]:
    return {
        "title": wb.add_format({"bold": True, "align": "center", "font_name": "Times New Roman"}),
        "header": wb.add_format(
            {"bold": True, "align": "center", "valign": "vcenter", "text_wrap": True, "border": 1}
        ),
        "cell": wb.add_format({"text_wrap": True, "valign": "top", "border": 1}),
        "date": wb.add_format({"num_format": "dd/mm/yyyy", "valign": "top", "border": 1}),
        "section": wb.add_format({"bold": True, "border": 1}),
    }


def _write_cell(ws, r: int, c: int, value: object, fmt: dict[str, object]) -> None:
    if isinstance(value, date):
        ws.write_datetime(r, c, datetime(value.year, value.month, value.day), fmt["date"])
    elif value is None or value == "":
        ws.write_blank(r, c, None, fmt["cell"])
    else:
        ws.write(r, c, value, fmt["cell"])


def _write_plan(path: Path, tasks: list[tuple[int, Task | None]]) -> None:
    wb = xlsxwriter.Workbook(str(path))
    fmt = _formats(wb)
    notes = wb.add_worksheet("Ghi chú")
    notes.write(0, 0, "Ghi chú:")
    notes.write(
        1,
        0,
        "Phụ lục nhiệm vụ kèm theo Kế hoạch cải cách hành chính năm 2026, xem sheet “Phụ lục”.",
    )
    ws = wb.add_worksheet("Phụ lục")
    ws.set_column(0, 0, 6)
    ws.set_column(1, 1, 60)
    ws.set_column(2, 3, 28)
    ws.set_column(4, 6, 16)
    # Title rows and the two-row merged header, exactly as tests/workbooks.py PLAN_TITLE,
    # PLAN_HEADER, PLAN_MERGES and the demo appendix.
    ws.merge_range(0, 0, 0, 6, "PHỤ LỤC", fmt["title"])
    ws.merge_range(1, 0, 1, 6, "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026", fmt["title"])
    ws.merge_range(
        2,
        0,
        2,
        6,
        "(Kèm theo Kế hoạch số 12/KH-UBND ngày 15/01/2026 của UBND phường Võ Cường)",
        fmt["title"],
    )
    h = fmt["header"]
    ws.merge_range("A5:A6", "STT", h)
    ws.merge_range("B5:B6", "Nội dung nhiệm vụ", h)
    ws.merge_range("C5:D5", "Phân công thực hiện", h)
    ws.write(5, 2, "Cơ quan chủ trì", h)
    ws.write(5, 3, "Cơ quan phối hợp", h)
    ws.merge_range("E5:E6", "Thời gian hoàn thành", h)
    ws.merge_range("F5:F6", "Sản phẩm", h)
    ws.merge_range("G5:G6", "Ghi chú", h)
    ws.write_row(6, 0, [f"({i})" for i in range(1, 8)], h)
    r = 7
    for s, t in tasks:
        if t is None:
            roman, name = AREAS[s]
            ws.write(r, 0, roman, fmt["section"])
            ws.write(r, 1, name, fmt["section"])
        else:
            for c, v in enumerate(
                (t.number, t.title, t.lead, t.support, t.deadline, t.product, t.note)
            ):
                _write_cell(ws, r, c, v, fmt)
        r += 1
    r += 1
    ws.write(r, 0, "Nơi nhận:")
    ws.write(r, 4, "KT. CHỦ TỊCH", fmt["title"])
    ws.write(r + 1, 0, "- Sở Nội vụ (b/c);")
    ws.write(r + 1, 4, "PHÓ CHỦ TỊCH", fmt["title"])
    ws.write(r + 2, 0, "- Lưu: VT, VHXH.")
    wb.close()


def _write_report(path: Path, tasks: list[Task], reword_share: float) -> int:
    rng = random.Random(SEED + 1)
    every = round(1 / reword_share) if reword_share > 0 else 0
    wb = xlsxwriter.Workbook(str(path))
    fmt = _formats(wb)
    ws = wb.add_worksheet("Báo cáo")
    ws.set_column(1, 1, 60)
    ws.set_column(2, 8, 18)
    ws.merge_range(0, 0, 0, 2, "UBND PHƯỜNG VÕ CƯỜNG", fmt["title"])
    ws.merge_range(1, 0, 1, 2, "PHÒNG VĂN HÓA – XÃ HỘI", fmt["title"])
    ws.merge_range(2, 0, 2, 8, "BÁO CÁO", fmt["title"])
    ws.merge_range(
        3, 0, 3, 8, "Tiến độ thực hiện nhiệm vụ cải cách hành chính Quý III năm 2026", fmt["title"]
    )
    ws.merge_range(4, 0, 4, 8, "Đơn vị báo cáo: Phòng Văn hóa – Xã hội", fmt["title"])
    ws.merge_range(5, 0, 5, 8, "Võ Cường, ngày 16 tháng 9 năm 2026", fmt["title"])
    ws.write_row(
        7,
        0,
        [
            "STT",
            "Nhiệm vụ",
            "Đơn vị chủ trì",
            "Thời hạn",
            "Tình trạng",
            "Tỷ lệ (%)",
            "Sản phẩm/Minh chứng",
            "Khó khăn, vướng mắc",
            "Ghi chú",
        ],
        fmt["header"],
    )
    reworded = 0
    r = 8
    for i, t in enumerate(tasks):
        title = t.title
        if every and i % every == every // 2:
            title, reworded = reword(title, i // every), reworded + 1
        status = STATUSES[rng.randrange(3)]
        if status == "Đã hoàn thành":
            percent = 100
            evidence = f"{t.product or 'Văn bản'} số {rng.randrange(1, 400)}/UBND ngày 10/9/2026"
        elif status == "Đang thực hiện":
            percent, evidence = rng.choice((10, 25, 50, 60, 75, 80, 90)), ""
        else:
            percent, evidence = 0, ""
        row = (
            i + 1,
            title,
            t.lead_name,
            t.deadline_shown,
            status,
            percent,
            evidence,
            DIFFICULTIES[rng.randrange(len(DIFFICULTIES))],
            "",
        )
        for c, v in enumerate(row):
            _write_cell(ws, r, c, v, fmt)
        r += 1
    r += 1
    ws.write(r, 0, "Người lập biểu")
    ws.write(r, 6, "THỦ TRƯỞNG ĐƠN VỊ", fmt["title"])
    wb.close()
    return reworded


# --- Measurement ------------------------------------------------------------------------------

READ_CHILD = """
import json, sys, time
t0 = time.perf_counter()
import pandas as pd
t1, c1 = time.perf_counter(), time.process_time()
frames = pd.read_excel(sys.argv[1], engine=sys.argv[2], header=None, sheet_name=None)
t2, c2 = time.perf_counter(), time.process_time()
print(json.dumps({"import": t1 - t0, "read": t2 - t1, "read_cpu": c2 - c1,
                  "rows": max(len(f) for f in frames.values())}))
"""


@dataclass
class Timing:
    """Seconds per run: wall clock and CPU (user + system) of the whole process, and for the
    baseline reads the read_excel call alone (without interpreter start and imports)."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    call_wall: list[float] = field(default_factory=list)
    call_cpu: list[float] = field(default_factory=list)

    def best(self, what: str = "wall") -> float:
        runs = getattr(self, what)
        return min(runs) if runs else min(self.wall if what.endswith("wall") else self.cpu)


def fail(message: str) -> None:
    print(f"\nFAILED: {message}", file=sys.stderr)
    raise SystemExit(1)


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("CCHC_DB", None)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def run_child(cmd: list[str], timing: Timing) -> subprocess.CompletedProcess[str]:
    """Run a fresh process; add its wall and CPU time to `timing`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=REPO, env=child_env(), capture_output=True, text=True)
    timing.wall.append(time.perf_counter() - t0)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    timing.cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return proc


def time_read(path: Path, engine: str, repeat: int, min_rows: int) -> Timing:
    timing = Timing()
    for _ in range(repeat):
        proc = run_child([sys.executable, "-c", READ_CHILD, str(path), engine], timing)
        if proc.returncode != 0:
            fail(f"read_excel({engine}) of {path.name} exited {proc.returncode}:\n{proc.stderr}")
        out = json.loads(proc.stdout.strip().splitlines()[-1])
        if out["rows"] < min_rows:
            fail(
                f"read_excel({engine}) of {path.name} read {out['rows']} rows, "
                f"expected at least {min_rows}"
            )
        timing.call_wall.append(out["read"])
        timing.call_cpu.append(out["read_cpu"])
    return timing


def etl_load(path: Path, database: Path, timing: Timing) -> None:
    cmd = [sys.executable, "-m", "etl", "load", str(path), "--db", str(database)]
    proc = run_child(cmd, timing)
    if proc.returncode != 0:
        problems = (proc.stderr or proc.stdout).splitlines()
        shown = "\n".join(problems[:15]) + (
            f"\n… {len(problems) - 15} more lines" if len(problems) > 15 else ""
        )
        fail(f"`python -m etl load {path.name}` exited {proc.returncode}:\n{shown}")


def counts(database: Path) -> dict[str, int]:
    import duckdb

    con = duckdb.connect(str(database), read_only=True)
    try:
        return {
            "tasks": con.execute("SELECT count(*) FROM v_tasks").fetchone()[0],
            "reports": con.execute("SELECT count(*) FROM v_task_reports").fetchone()[0],
        }
    finally:
        con.close()


def expect(database: Path, tasks: int, reports: int, what: str) -> None:
    got = counts(database)
    if got != {"tasks": tasks, "reports": reports}:
        fail(
            f"after {what} the database holds {got['tasks']} tasks and {got['reports']} "
            f"reports; expected {tasks} and {reports}"
        )


def fresh_dir(work: Path, name: str) -> Path:
    d = work / name
    shutil.rmtree(d, ignore_errors=True)
    d.mkdir(parents=True)
    return d


def time_loads(
    plan: Path, report: Path, n: int, repeat: int, work: Path
) -> tuple[Timing, Timing, Path]:
    plan_load, report_load = Timing(), Timing()
    seeded: Path | None = None
    for i in range(repeat):
        database = fresh_dir(work, f"plan-{i}") / "cchc.duckdb"
        etl_load(plan, database, plan_load)
        expect(database, n, 0, f"loading {plan.name}")
        seeded = seeded or database
        print(
            f"  etl load {plan.name} #{i + 1}: {plan_load.wall[-1]:7.2f} s wall, "
            f"{plan_load.cpu[-1]:7.2f} s CPU",
            flush=True,
        )
    assert seeded is not None
    for i in range(repeat):
        database = fresh_dir(work, f"report-{i}") / "cchc.duckdb"
        shutil.copyfile(seeded, database)  # the plan, already loaded (not timed)
        etl_load(report, database, report_load)
        expect(database, n, n, f"loading {report.name}")
        print(
            f"  etl load {report.name} #{i + 1}: {report_load.wall[-1]:7.2f} s wall, "
            f"{report_load.cpu[-1]:7.2f} s CPU",
            flush=True,
        )
    return plan_load, report_load, seeded


# --- Profiling --------------------------------------------------------------------------------


def _stage(label: str, fn: Callable[[], object], rows: list[tuple[str, float]]) -> object:
    t0 = time.perf_counter()
    value = fn()
    rows.append((label, time.perf_counter() - t0))
    return value


def stage_breakdown(kind: str, path: Path, database: Path) -> None:
    """Wall time of each step of one load, in-process and without the profiler's overhead:
    the steps are re-run one by one, then the whole `load_path` is timed on its own."""
    from cchc import db
    from etl.load import LoadResult, Options, _read, load_path
    from etl.matching import PlanRef
    from etl.plan import parse_plan
    from etl.progress import parse_report
    from etl.workbook import read_workbook

    rows: list[tuple[str, float]] = []
    data = _stage("read bytes", path.read_bytes, rows)
    _stage("read_workbook (checks + calamine)", lambda: read_workbook(data, path.name), rows)
    parsed = _stage(
        "_read (the above + find_table + title)",
        lambda: _read(data, path.name, Options(), LoadResult(path.name)),
        rows,
    )
    if kind == "plan":
        _stage("parse_plan", lambda: parse_plan(parsed.table, parsed.plan_year), rows)
    else:
        with db.reading(database) as con:
            plan = [
                PlanRef(code, title)
                for code, title in con.execute(
                    "SELECT code, title FROM v_tasks ORDER BY code"
                ).fetchall()
            ]
        _stage(
            "parse_report (matching included)",
            lambda: parse_report(parsed.table, plan, plan_year=parsed.plan_year),
            rows,
        )
    t0 = time.perf_counter()
    result = load_path(path, Options(uploaded_by="bench"), database)
    total = time.perf_counter() - t0
    if result.status != "loaded":
        fail(f"in-process load of {path.name}: {result.summary()}")
    print(f"\nSteps of one {kind} load, in-process, no profiler (wall seconds):")
    for label, seconds in rows:
        print(f"  {label:<42} {seconds:7.2f}")
    print(f"  {'whole load_path (read, validate, write)':<42} {total:7.2f}")


def profile(kind: str, plan: Path, report: Path, seeded: Path, work: Path, top: int) -> None:
    sys.path.insert(0, str(REPO))
    from etl.load import Options, load_path

    path = plan if kind == "plan" else report
    d = fresh_dir(work, "profile")
    if kind == "report":
        shutil.copyfile(seeded, d / "stages.duckdb")
        shutil.copyfile(seeded, d / "cchc.duckdb")
    stage_breakdown(kind, path, d / "stages.duckdb")
    database = d / "cchc.duckdb"
    profiler = cProfile.Profile()
    profiler.enable()
    result = load_path(path, Options(uploaded_by="bench"), database)
    profiler.disable()
    if result.status != "loaded":
        fail(f"profiled load of {path.name}: {result.summary()}")
    buf = io.StringIO()
    stats = pstats.Stats(profiler, stream=buf)
    stats.strip_dirs().sort_stats("cumulative").print_stats(top)
    print(
        f"\ncProfile of one in-process {kind} load ({path.name}), top {top} by cumulative "
        "time (the profiler roughly doubles pure-Python costs):"
    )
    print(buf.getvalue().strip())


# --- Main -------------------------------------------------------------------------------------


def ratio(baseline: float, load: float) -> str:
    return f"{baseline / load:.1f}x"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000, help="task rows (default 100000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement, best kept")
    parser.add_argument(
        "--profile",
        nargs="?",
        const="plan",
        choices=["plan", "report", "both"],
        help="also time the steps of one in-process load and cProfile it (default: the plan)",
    )
    parser.add_argument("--top", type=int, default=25, help="functions shown by --profile")
    parser.add_argument(
        "--reword",
        type=float,
        default=0.01,
        help="share of report titles slightly reworded (default 0.01)",
    )
    parser.add_argument(
        "--layout",
        choices=["nested", "flat"],
        default="nested",
        help="nested: '1', '1.1'… when a section has more than 999 tasks "
        "(the importer reads at most 3 digits); flat: 1…N/7 in every section",
    )
    parser.add_argument("--no-baseline", action="store_true", help="skip the pandas reads")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="work folder (bench/out)")
    args = parser.parse_args(argv)
    n, repeat = args.rows, max(1, args.repeat)

    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    print(
        f"ETL speed benchmark — {datetime.now():%Y-%m-%d %H:%M}, {platform.node()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.machine()}"
    )
    t0 = time.perf_counter()
    plan, report, reworded = write_workbooks(n, out, args.layout, args.reword)
    per_section = -(-n // len(AREAS))
    size = group_size(per_section, args.layout)
    print(
        f"Generated in {time.perf_counter() - t0:.1f} s (not measured): {plan.name} "
        f"({plan.stat().st_size / 1e6:.1f} MB, {n} tasks in {len(AREAS)} sections, "
        f"{'flat numbering' if size == 1 else f'top tasks with {size - 1} sub-tasks each'}), "
        f"{report.name} ({report.stat().st_size / 1e6:.1f} MB, {n} rows, {reworded} titles "
        f"reworded = {reworded / n:.1%})."
    )

    work = out / "db"
    shutil.rmtree(work, ignore_errors=True)  # databases and archives of an earlier run
    print(f"\nMeasuring, each in a fresh subprocess, best of {repeat}:", flush=True)
    plan_load, report_load, seeded = time_loads(plan, report, n, repeat, work)
    reads: dict[tuple[str, str], Timing] = {}
    if not args.no_baseline:
        for path, rows_min in ((plan, n), (report, n)):
            for engine in ("calamine", "openpyxl"):
                reads[(path.name, engine)] = t = time_read(path, engine, repeat, rows_min)
                print(
                    f"  read_excel({engine:<8}) {path.name}: read {t.best('call_wall'):7.2f} s "
                    f"wall, {t.best('call_cpu'):7.2f} s CPU; process {t.best('wall'):7.2f} s wall",
                    flush=True,
                )

    print(f"\nResults, best of {repeat}. Wall-clock seconds, then CPU seconds (user + system;")
    print("less disturbed by other work on the machine). 'read' is the read_excel call alone")
    print("(pandas import excluded), 'process' the whole fresh python process like the etl load.")
    print("'x faster' = openpyxl read / etl load: below 1x the load is slower than the read.")
    print("'x calamine' = etl load / calamine read: what the whole load costs over the read alone.")
    verdicts: dict[str, list[bool]] = {"wall": [], "cpu": []}
    for what in ("wall", "cpu"):
        head = (
            f"{what + ' s':<8} {'file':<18} {'rows':>7} {'openpyxl':>9} {'(process)':>10} "
            f"{'calamine':>9} {'etl load':>9} {'x faster':>9} {'(process)':>10} "
            f"{'x calamine':>11}  ≤{TARGET_CALAMINE:g}x?"
        )
        print("\n" + head)
        print("-" * len(head))
        for path, load in ((plan, plan_load), (report, report_load)):
            lead = f"{'':<8} {path.name:<18} {n:>7}"
            if args.no_baseline:
                print(f"{lead} {'-':>9} {'-':>10} {'-':>9} {load.best(what):>9.2f}")
                continue
            op, cal = reads[(path.name, "openpyxl")], reads[(path.name, "calamine")]
            call, proc, mine = op.best("call_" + what), op.best(what), load.best(what)
            cal_call = cal.best("call_" + what)
            met = mine / cal_call <= TARGET_CALAMINE
            verdicts[what].append(met)
            print(
                f"{lead} {call:>9.2f} {proc:>10.2f} {cal_call:>9.2f} "
                f"{mine:>9.2f} {ratio(call, mine):>9} {ratio(proc, mine):>10} "
                f"{mine / cal_call:>10.1f}x  {'MET' if met else 'NOT MET'}"
            )
    print(
        f"\nAll etl load runs, wall s: plan {[round(x, 2) for x in plan_load.wall]}, "
        f"report {[round(x, 2) for x in report_load.wall]}"
    )
    print(
        f"Verified: every load exited 0; each database held {n} tasks, and {n} reports after "
        "the report load."
    )
    if verdicts["wall"]:
        print(
            f"Target (the whole etl load ≤ {TARGET_CALAMINE:g}x the calamine read alone, judged "
            "on the read call without the pandas import): "
            + "; ".join(
                f"{what}: {'MET' if all(v) else 'NOT MET'} ({sum(v)} of {len(v)} files)"
                for what, v in verdicts.items()
            )
            + "."
        )

    for kind in ("plan", "report"):
        if args.profile in (kind, "both"):
            profile(kind, plan, report, seeded, work, args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
