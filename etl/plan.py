"""The plan appendix importer (kind `plan`).

Reads the appendix table as wards lay it out: Roman-numeral section rows name the reform area,
Arabic numbers are tasks, '1.1' / 'a)' / '-' are sub-tasks. Every row becomes a task with its
area, lead and support departments and deadline; every problem is collected with its cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from cchc.departments import ALL, DepartmentList, Directory
from cchc.periods import ROMAN_UP
from cchc.text import clean_cell, clean_repeated, fold
from cchc.vocab import AREAS, DEFAULT_UNIT, match_area
from etl.deadlines import BadDate, parse_deadline
from etl.errors import Problem
from etl.table import Table

_ROMAN = re.compile(r"^(X{0,3}(?:IX|IV|V?I{0,3}))(?:\s*[.):-]\s*|\s+|$)(.*)$", re.IGNORECASE)
FIELDS = ("number", "title", "lead", "support", "deadline", "evidence", "note")
_TOP = re.compile(r"^(\d{1,5})\s*[.)]?$")
_NESTED = re.compile(r"^(\d{1,5}(?:\.\d{1,5})+)\s*[.)]?$")
_SECTIONED = re.compile(r"^([IVX]+)\.(\d{1,5}(?:\.\d{1,5})*)\.?$", re.IGNORECASE)

_SECTION_LETTER = re.compile(r"^(?:phan\s+|phần\s+)?[A-H][.:]?$", re.IGNORECASE)
_LETTER = re.compile(r"^([a-zđ])\s*[).]$|^([a-zđ])$", re.IGNORECASE)
_BULLET = re.compile(r"^[-+•*–]$")


def unknown_department(pieces: tuple[str, ...]) -> str:
    names = ", ".join(f"'{p}'" for p in pieces)
    return f"Không nhận ra phòng, đơn vị {names}"


def departments_hint(departments: Directory) -> str:
    return (
        f"ghi tên (hoặc viết tắt) một trong {departments.hint()}; tên riêng của đơn vị thì dạy "
        "một lần bằng lệnh: python -m etl alias add 'TÊN' MÃ --unit 'ĐƠN VỊ'"
    )


AREA_HINT = "ghi tên lĩnh vực như trong kế hoạch, ví dụ: " + "; ".join(
    v for k, v in AREAS.items() if k != "impact"
)


@dataclass
class PlanTask:
    seq: int
    area: str
    code: str
    parent_code: str | None
    number: str
    title: str
    lead_department: str | None
    support_departments: list[str]
    deadline: date | None
    deadline_text: str
    continuous: bool
    product: str
    note: str
    source_row: int


@dataclass
class PlanParse:
    tasks: list[PlanTask] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _to_roman(n: int) -> str:
    out = ""
    for value, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


_AREA_START = re.compile(
    r"^(cai cach|cong tac chi dao|chi dao dieu hanh|chuyen doi so|xay dung chinh quyen|"
    r"hien dai hoa|linh vuc|nang cao)\b"
)


def _heading(number: str, title: str) -> tuple[str | None, str, str] | None:
    """An area row: (its Roman numeral if it has one, the area's name, the role of the cell
    holding the name), or None. Written 'II' + name, 'II. CẢI CÁCH THỂ CHẾ' in one cell, the
    name alone (in the title cell, or in the STT cell of a row merged across), or '2' + a name
    that reads as an area heading (upper case, or starting like one)."""
    if not number:
        return (None, title, "title") if match_area(title) else None
    if _SECTION_LETTER.match(number) and match_area(title):
        return None, title, "title"  # 'A', 'B.' heading an area, as some plans letter them
    roman = _roman_section(number)
    if roman:
        return (roman[0], roman[1], "number") if roman[1] else (roman[0], title, "title")
    if not _TOP.match(number) and not _NESTED.match(number) and not _BULLET.match(number):
        return (None, number, "number") if match_area(number) and not title else None
    area_like = title.isupper() or _AREA_START.match(fold(title))
    if _TOP.match(number) and match_area(title) and area_like:
        return None, title, "title"
    return None


def _roman_section(number: str) -> tuple[str, str] | None:
    """('II', 'CẢI CÁCH THỂ CHẾ') for 'II. CẢI CÁCH THỂ CHẾ', ('II', '') for 'II'."""
    m = _ROMAN.match(number)
    if not m or not m.group(1) or (m.group(2) and m.group(2)[0].isdigit()):
        return None
    return m.group(1).upper(), m.group(2)


def parse_plan(table: Table, plan_year: int, departments: Directory | None = None) -> PlanParse:
    """Every task of a plan table, with every problem at its cell. Department names are read
    with the unit's own directory (its departments and learned aliases)."""
    departments = departments or Directory(DEFAULT_UNIT)
    out = PlanParse()
    section: str | None = None
    area: str | None = None
    last_top: PlanTask | None = None
    bullets: dict[str, int] = {}
    seen: dict[str, int] = {}
    auto_number = 0
    sections = 0
    arabic: str | None = None  # the Arabic number of the current area row ('2'), when it has one

    flagged: set[tuple[int, str]] = set()

    def problem(
        row: int,
        fld: str,
        value: object,
        message: str,
        hint: str = "",
        code: str = "",
        subject: str = "",
    ) -> None:
        if (row, fld) in flagged and fld == "lead":
            return  # one message per lead cell: an unknown name already says it
        flagged.add((row, fld))
        out.problems.append(table.problem(row, fld, value, message, hint, code, subject))

    for r in table.data_rows():
        raw = dict(zip(FIELDS, table.fields(r, FIELDS), strict=True))
        number = clean_repeated(raw["number"])
        title = clean_cell(raw["title"])
        others = [clean_repeated(raw[f]) for f in ("lead", "support", "deadline")]

        lettered = bool(number) and number.endswith(")") and _LETTER.match(number) is not None
        sectioned = _SECTIONED.match(number) if number else None
        heading = None if lettered or sectioned or any(others) else _heading(number, title)
        if heading is not None:
            numeral, section_title, cell = heading
            found = match_area(section_title)
            if found is None:
                problem(
                    r, cell, section_title, "Không nhận ra lĩnh vực cải cách của mục này", AREA_HINT
                )
            sections += 1
            section = numeral or ROMAN_UP.get(sections) or _to_roman(sections)
            arabic = number if number and _TOP.match(number) else None
            area, last_top, auto_number = found, None, 0
            continue
        if arabic and number.startswith(f"{arabic.rstrip('.)')}.") and _NESTED.match(number):
            number_local = number[len(arabic.rstrip(".)")) + 1 :]  # '2.3' under area '2' is task 3
        else:
            number_local = number

        if not number and not title and not any(others):
            continue
        parent: PlanTask | None = None
        if sectioned:
            if section is not None and sectioned.group(1).upper() != section:
                problem(
                    r,
                    "number",
                    number,
                    f"Số thứ tự {number} không thuộc mục {section} đang xét",
                    f"đánh số theo mục của nó ({section}.1, {section}.2…) hoặc chuyển dòng này "
                    f"về đúng mục {sectioned.group(1).upper()}",
                )
                continue
            local = sectioned.group(2)
            if "." in local:
                parent_local = local.rsplit(".", 1)[0]
                parent = next(
                    (t for t in reversed(out.tasks) if t.code == f"{section}.{parent_local}"), None
                )
            else:
                auto_number = int(local)
        elif _TOP.match(number_local) or not number:
            auto_number = int(_TOP.match(number_local).group(1)) if number else auto_number + 1
            local = str(auto_number)
        elif _NESTED.match(number_local):
            local = _NESTED.match(number_local).group(1)
            parent_local = local.rsplit(".", 1)[0]
            parent = next(
                (t for t in reversed(out.tasks) if t.code == f"{section}.{parent_local}"), None
            )
        elif _LETTER.match(number) or _BULLET.match(number):
            parent = last_top
            if parent is None:
                problem(
                    r,
                    "number",
                    number,
                    "Nhiệm vụ con nằm trước mọi nhiệm vụ chính",
                    "đặt dòng này ngay dưới nhiệm vụ chính của nó",
                )
                continue
            if _BULLET.match(number):
                bullets[parent.code] = bullets.get(parent.code, 0) + 1
                suffix = str(bullets[parent.code])
            else:
                m = _LETTER.match(number)
                suffix = (m.group(1) or m.group(2)).lower()
            local = f"{parent.code.split('.', 1)[1]}.{suffix}"
        else:
            problem(
                r,
                "number",
                number,
                "Số thứ tự không đúng dạng",
                "dùng I, II… cho lĩnh vực; 1, 2… cho nhiệm vụ; 1.1, a), - cho nhiệm vụ con",
            )
            continue

        if section is None or area is None:
            if section is None:
                problem(
                    r,
                    "number",
                    number,
                    "Nhiệm vụ nằm ngoài mọi mục lĩnh vực",
                    "thêm dòng mục (I, II…) ghi tên lĩnh vực phía trên các nhiệm vụ",
                )
                section, area = "?", None
            continue

        code = f"{section}.{local}"
        if code in seen:
            problem(
                r,
                "number",
                number,
                f"Số thứ tự trùng với dòng {seen[code] + 1} trong cùng mục {section}",
                "đánh lại số thứ tự để mỗi nhiệm vụ có một số riêng",
            )
            continue
        seen[code] = r
        if not title:
            problem(r, "title", "", "Thiếu nội dung nhiệm vụ", "ghi nội dung nhiệm vụ vào ô này")

        task = _build_task(
            raw,
            departments,
            plan_year,
            r,
            code,
            number,
            title,
            area,
            parent,
            len(out.tasks),
            problem,
        )
        if task is None:
            continue
        out.tasks.append(task)
        if parent is None:
            last_top = task
    _check_leads(out, problem, departments_hint(departments))
    return out


def _build_task(raw, departments, plan_year, r, code, number, title, area, parent, seq, problem):
    found: dict[str, DepartmentList] = {}
    for role in ("lead", "support"):
        found[role] = departments.split(raw[role])
        if found[role].unknown:
            problem(
                r,
                role,
                raw[role],
                unknown_department(found[role].unknown),
                departments_hint(departments),
                "unknown_department",
                "\n".join(found[role].unknown),
            )
    leads, supports = found["lead"], found["support"]
    lead = leads.codes[0] if leads.codes else (parent.lead_department if parent else None)
    support = list(dict.fromkeys(leads.codes[1:] + supports.codes))
    if ALL in support:
        support = [d for d in departments.codes() if d != "UBND"]
    if lead in support:
        support.remove(lead)

    deadline_raw = raw["deadline"]
    try:
        deadline = parse_deadline(deadline_raw, plan_year)
    except BadDate as exc:
        problem(
            r,
            "deadline",
            deadline_raw,
            str(exc),
            exc.hint,
        )
        return None
    if not deadline.text and parent is not None:
        deadline = (
            parse_deadline(parent.deadline_text, plan_year) if parent.deadline_text else deadline
        )

    return PlanTask(
        seq=seq,
        area=area,
        code=code,
        parent_code=parent.code if parent else None,
        number=number,
        title=title,
        lead_department=lead,
        support_departments=support,
        deadline=deadline.date,
        deadline_text=deadline.text,
        continuous=deadline.continuous,
        product=clean_repeated(raw["evidence"]),
        note=clean_repeated(raw["note"]),
        source_row=r + 1,
    )


def _check_leads(out: PlanParse, problem, hint: str) -> None:
    """A leaf task must have a lead department (its own or its parent's)."""
    parents = {t.parent_code for t in out.tasks if t.parent_code}
    for t in out.tasks:
        if t.lead_department is None and t.code not in parents:
            problem(t.source_row - 1, "lead", "", "Thiếu cơ quan chủ trì", hint)
