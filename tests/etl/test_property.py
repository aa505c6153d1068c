"""Property tests: generated plans round-trip into v_tasks; one corrupted cell gives exactly one
problem, at that cell."""

from __future__ import annotations

import calendar
import string
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc import db
from cchc.text import expand_abbreviations, fold, strip_accents
from cchc.vocab import AREAS, DEPARTMENTS, PLAN_AREAS
from etl.errors import column_letter
from etl.load import Options, load_bytes
from tests.workbooks import PLAN_HEADER, PLAN_MERGES, report_xlsx, xlsx_bytes

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Three loads per example (plan, broken report, good report): fewer examples keep it fast.
REPORT_SETTINGS = settings(SETTINGS, max_examples=15)
YEAR = 2026
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII"]
QUARTER = {1: "I", 2: "II", 3: "III", 4: "IV"}
# Fixed columns: A STT, B title, C lead, D support, E deadline.
NUMBER, TITLE, LEAD, SUPPORT, DEADLINE = range(5)

# --- Strategies -----------------------------------------------------------------------------------

# Printable Vietnamese-ish text: precomposed letters with diacritics, ASCII letters, digits and
# a little punctuation; no control characters, no leading '=' (a formula), single spaces.
VIET = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
LETTERS = string.ascii_letters + VIET + VIET.upper()
word = st.text(
    alphabet=LETTERS + string.digits + "%()/-,.:;'\"“”–", min_size=1, max_size=10
).filter(lambda w: any(c.isalpha() for c in w))
title = st.lists(word, min_size=1, max_size=8).map(" ".join)


def department_forms(code: str) -> list[str]:
    name = DEPARTMENTS[code]
    forms = [name, code, strip_accents(name), name.upper()]
    if code not in ("UBND", "CAP"):
        forms.append(f"P. {code}")
    return forms


def department(code: str) -> st.SearchStrategy[str]:
    return st.sampled_from(department_forms(code))


SUPPORT_CODES = list(DEPARTMENTS)

SEPARATORS = [", ", "; ", "\n", " và "]  # never a dash: names contain dashes ("VH - XH")


@st.composite
def deadline(draw: st.DrawFn) -> tuple[object, date | None, str]:
    """(cell value, expected date, expected deadline_text)."""
    kind = draw(
        st.sampled_from(
            [
                "excel",
                "dmy",
                "before",
                "month",
                "quarter",
                "quarter_ascii",
                "half",
                "year",
                "whole_year",
                "continuous",
                "free",
                "empty",
            ]
        )
    )
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, calendar.monthrange(YEAR, month)[1]))
    quarter = draw(st.integers(1, 4))
    end = date(YEAR, month, calendar.monthrange(YEAR, month)[1])
    q_end = date(YEAR, 3 * quarter, calendar.monthrange(YEAR, 3 * quarter)[1])
    text = {
        "dmy": f"{day:02d}/{month:02d}/{YEAR}",
        "before": f"Trước ngày {day}/{month}/{YEAR}",
        "month": f"Tháng {month}/{YEAR}",
        "quarter": f"Quý {QUARTER[quarter]}/{YEAR}",
        "quarter_ascii": f"Quy {QUARTER[quarter]}/{YEAR}",
        "half": "6 tháng đầu năm",
        "year": f"Năm {YEAR}",
        "whole_year": "Cả năm",
        "continuous": draw(st.sampled_from(["Thường xuyên", "Thuong xuyen"])),
        "free": "Theo kế hoạch của tỉnh",
        "empty": "",
    }.get(kind, "")
    if kind == "excel":
        return datetime(YEAR, month, day), date(YEAR, month, day), f"{day:02d}/{month:02d}/{YEAR}"
    expected = {
        "dmy": date(YEAR, month, day),
        "before": date(YEAR, month, day),
        "month": end,
        "quarter": q_end,
        "quarter_ascii": q_end,
        "half": date(YEAR, 6, 30),
        "year": date(YEAR, 12, 31),
        "whole_year": date(YEAR, 12, 31),
    }.get(kind)
    return text or None, expected, text


@dataclass
class Task:
    area: str
    code: str
    number: object
    title: str
    lead: str
    lead_text: str
    support: list[str]
    support_text: str | None
    deadline_cell: object
    deadline: date | None
    deadline_text: str


@dataclass
class Plan:
    sections: list[tuple[str, list[object]]]  # (area, section row)
    tasks: list[Task]
    merged_header: bool

    def rows(self) -> tuple[list[list[object]], dict[int, int]]:
        """The sheet's rows and the Excel row of each task (by index in self.tasks)."""
        title = [["PHỤ LỤC"], [f"NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM {YEAR}"], [], []]
        header = (
            PLAN_HEADER
            if self.merged_header
            else [["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn"]]
        )
        out: list[list[object]] = [*title, *header]
        where: dict[int, int] = {}
        i = 0
        for area, section_row in self.sections:
            out.append(section_row)
            while i < len(self.tasks) and self.tasks[i].area == area:
                t = self.tasks[i]
                where[i] = len(out) + 1
                out.append([t.number, t.title, t.lead_text, t.support_text, t.deadline_cell])
                i += 1
        out += [
            [],
            ["Nơi nhận:", None, None, None, "KT. CHỦ TỊCH"],
            [None, None, None, None, "PHÓ CHỦ TỊCH"],
        ]
        return out, where

    def xlsx(self, rows: list[list[object]]) -> bytes:
        merges = {"Phụ lục": PLAN_MERGES} if self.merged_header else None
        return xlsx_bytes({"Ghi chú": [["Bản dự thảo"]], "Phụ lục": rows}, merges=merges)


def _key(text: str) -> str:
    return expand_abbreviations(fold(text))


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    areas = draw(st.lists(st.sampled_from(PLAN_AREAS), min_size=1, max_size=3, unique=True))
    titles = iter(
        draw(st.lists(title, min_size=len(areas) * 4, max_size=len(areas) * 4, unique_by=_key))
    )
    sections, tasks = [], []
    for s, area in enumerate(areas):
        roman = ROMAN[s]
        name = draw(st.sampled_from([AREAS[area], AREAS[area].upper(), strip_accents(AREAS[area])]))
        sections.append((area, draw(st.sampled_from([[roman, name], [f"{roman}. {name}"]]))))
        for n in range(1, draw(st.integers(1, 4)) + 1):
            lead = draw(st.sampled_from(list(DEPARTMENTS)))
            support = draw(st.lists(st.sampled_from(SUPPORT_CODES), max_size=3, unique=True))
            forms = [draw(department(c)) for c in support]
            sep = draw(st.sampled_from(SEPARATORS))
            cell, when, text = draw(deadline())
            tasks.append(
                Task(
                    area=area,
                    code=f"{roman}.{n}",
                    number=draw(st.sampled_from([n, str(n), f"{n}."])),
                    title=next(titles),
                    lead=lead,
                    lead_text=draw(department(lead)),
                    support=[c for c in support if c != lead],
                    support_text=sep.join(forms) or None,
                    deadline_cell=cell,
                    deadline=when,
                    deadline_text=text,
                )
            )
    return Plan(sections, tasks, draw(st.booleans()))


def v_tasks(path: Path) -> list[tuple]:
    # Codes sort in plan order here: sections I < II < III, at most 4 tasks each.
    with db.reading(path) as con:
        return con.execute(
            "SELECT area, code, title, lead_department, support_departments, deadline, deadline_text"
            " FROM v_tasks ORDER BY code"
        ).fetchall()


def expected_rows(plan: Plan) -> list[tuple]:
    return [
        (t.area, t.code, t.title, t.lead, t.support, t.deadline, t.deadline_text)
        for t in plan.tasks
    ]


# --- (a) Round trips ------------------------------------------------------------------------------


@SETTINGS
@given(plan=plans())
def test_valid_plan_round_trips(plan: Plan) -> None:
    rows, _ = plan.rows()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cchc.duckdb"
        result = load_bytes(plan.xlsx(rows), "ke-hoach.xlsx", Options(), path)
        assert [str(p) for p in result.problems] == []
        assert (result.status, result.rows, result.plan_year) == ("loaded", len(plan.tasks), YEAR)
        assert v_tasks(path) == expected_rows(plan)


# --- (b) One corrupted cell, one problem ----------------------------------------------------------

CORRUPTIONS = {
    "deadline": (DEADLINE, ["31/02/2026", "30/02/2026", "Trước ngày 31/04/2026", "32/12/2026"]),
    "lead": (LEAD, ["Phòng Tài chính", "Sở Nội vụ", "Ban Quản lý dự án"]),
    "support": (SUPPORT, ["Phòng Tư pháp", "Phòng Nội vụ", "Hội Nông dân"]),
}


@SETTINGS
@given(plan=plans(), data=st.data())
def test_one_corrupted_plan_cell_gives_one_problem(plan: Plan, data: st.DataObject) -> None:
    rows, where = plan.rows()
    target = data.draw(st.integers(0, len(plan.tasks) - 1), label="task")
    what = data.draw(st.sampled_from(sorted(CORRUPTIONS)), label="field")
    col, values = CORRUPTIONS[what]
    bad = data.draw(st.sampled_from(values), label="value")
    excel_row = where[target]
    rows[excel_row - 1] = list(rows[excel_row - 1])
    rows[excel_row - 1][col] = bad
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cchc.duckdb"
        result = load_bytes(plan.xlsx(rows), "ke-hoach.xlsx", Options(), path)
        assert result.status == "rejected"
        assert [(p.sheet, p.row, p.column, p.value) for p in result.problems] == [
            ("Phụ lục", excel_row, column_letter(col), bad)
        ]
        if path.exists():
            with db.reading(path) as con:
                assert con.execute("SELECT count(*) FROM uploads").fetchone() == (0,)


# --- Progress reports: round trip and one corrupted cell -------------------------------------------

REPORT_FIRST_ROW = 9  # report_xlsx: 7 title rows, the header on row 8
STATUS_COL, PERCENT_COL = "E", "F"


@st.composite
def progress(draw: st.DrawFn) -> tuple[object, object, str, float | None]:
    """(status cell, percent cell, expected status, expected percent)."""
    p = draw(st.integers(1, 99))
    return draw(
        st.sampled_from(
            [
                ("Đã hoàn thành", 100, "done", 100.0),
                ("Hoàn thành", None, "done", None),
                ("HT", "100%", "done", 100.0),
                ("Đang thực hiện", p, "in_progress", float(p)),
                ("dang thuc hien", f"{p}%", "in_progress", float(p)),
                ("  Đang  triển khai ", f"{p} %", "in_progress", float(p)),
                ("Đang thực hiện", 100, "done", 100.0),
                ("Chưa thực hiện", 0, "not_started", 0.0),
                ("chua trien khai", None, "not_started", None),
                (None, p, "in_progress", float(p)),
                (None, 100, "done", 100.0),
                (None, 0, "not_started", 0.0),
            ]
        )
    )


@REPORT_SETTINGS
@given(plan=plans(), data=st.data())
def test_report_round_trips_and_one_corrupted_cell_gives_one_problem(
    plan: Plan, data: st.DataObject
) -> None:
    rows, _ = plan.rows()
    order = data.draw(st.permutations(range(len(plan.tasks))), label="order")
    chosen = order[: data.draw(st.integers(1, len(order)), label="count")]
    statuses = [data.draw(progress(), label="progress") for _ in chosen]
    report = [
        [n, plan.tasks[i].title, plan.tasks[i].lead_text, None, s, p]  # renumbered 1, 2, 3…
        for n, (i, (s, p, _, _)) in enumerate(zip(chosen, statuses, strict=True), start=1)
    ]
    target = data.draw(st.integers(0, len(report) - 1), label="row")
    broken = [list(r) for r in report]
    column, bad = data.draw(
        st.sampled_from(
            [
                (PERCENT_COL, 150),
                (PERCENT_COL, -5),
                (PERCENT_COL, "150%"),
                (PERCENT_COL, "nhiều"),
                (STATUS_COL, "Tạm dừng"),
            ]
        ),
        label="corruption",
    )
    broken[target][4 if column == STATUS_COL else 5] = bad

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cchc.duckdb"
        assert load_bytes(plan.xlsx(rows), "ke-hoach.xlsx", Options(), path).status == "loaded"

        rejected = load_bytes(
            report_xlsx(broken, period_text="Quý II năm 2026"), "loi.xlsx", Options(), path
        )
        assert rejected.status == "rejected"
        assert [(p.sheet, p.row, p.column) for p in rejected.problems] == [
            ("Báo cáo", REPORT_FIRST_ROW + target, column)
        ]

        loaded = load_bytes(
            report_xlsx(report, period_text="Quý II năm 2026"), "bc.xlsx", Options(), path
        )
        assert [str(p) for p in loaded.problems] == []
        assert (loaded.status, loaded.rows) == ("loaded", len(report))
        with db.reading(path) as con:
            got = con.execute(
                "SELECT code, period, reported_status, percent FROM v_task_reports"
            ).fetchall()
        expected = [
            (plan.tasks[i].code, "2026-Q2", status, percent)
            for i, (_, _, status, percent) in zip(chosen, statuses, strict=True)
        ]
        assert sorted(got, key=str) == sorted(expected, key=str)
