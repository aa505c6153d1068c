"""What the upload page shows before anything is written: a dry run of the real pipeline, what
it would change, and the problems as cards staff can read (and as a table to download)."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from cchc.periods import period_label
from cchc.vocab import KINDS, department_name
from etl.errors import Problem
from etl.load import LoadResult, Options, load_bytes
from etl.table import role_name

PROBLEM_COLUMNS = ["Sheet", "Dòng", "Cột", "Tiêu đề cột", "Giá trị", "Lỗi", "Cách sửa"]


def validate(data: bytes, file_name: str, options: Options) -> LoadResult:
    """Everything a load does (reading, matching, checking), rolled back: status 'valid',
    'duplicate' or 'rejected', with what would change."""
    return load_bytes(data, file_name, replace(options, dry_run=True))


def problems_frame(problems: list[Problem]) -> pd.DataFrame:
    return pd.DataFrame(
        [[p.sheet, p.row, p.column, p.header, p.value, p.message, p.hint] for p in problems],
        columns=PROBLEM_COLUMNS,
    ).astype({"Dòng": "Int64"})


def problem_place(p: Problem) -> str:
    """Where a problem is, as a clerk looks for it: 'Sheet «Báo cáo» · dòng 8 · cột F «Tỷ lệ
    (%)»'; 'Cả tệp' for a problem with the file itself."""
    parts = []
    if p.sheet:
        parts.append(f"Sheet «{p.sheet}»")
    if p.row is not None:
        parts.append(f"dòng {p.row}")
    if p.column:
        parts.append(f"cột {p.column}" + (f" «{p.header}»" if p.header else ""))
    return " · ".join(parts) or "Cả tệp"


def problem_cards(problems: list[Problem]) -> list[dict[str, str]]:
    """Each problem as the four parts of its card: where, the value found, what is wrong, how
    to fix it (empty parts are left out when shown)."""
    return [
        {"where": problem_place(p), "value": p.value, "message": p.message, "hint": p.hint}
        for p in problems
    ]


CHANGE_COLUMNS = ["Nội dung", "Trước", "Sau"]


def changes_frame(changes: object) -> pd.DataFrame:
    """The before → after table of `LoadResult.changes`."""
    rows = list(getattr(changes, "table", None) or [])
    return pd.DataFrame(rows, columns=CHANGE_COLUMNS)


def _shared_words(texts: list[str]) -> str:
    """The words all the texts start with (and go on after), with the space after them."""
    split = [t.split(" ") for t in texts]
    shared = []
    for words in zip(*split, strict=False):
        if len(set(words)) > 1:
            break
        shared.append(words[0])
    if any(len(w) <= len(shared) for w in split):
        shared = shared[: min(len(w) for w in split) - 1]
    return " ".join(shared) + " " if shared else ""


def removal_consent(removals: list[str], shown: int = 5) -> str:
    """The box a clerk ticks before a load that removes data, naming what goes; phrases that
    differ only at the end are said once ('báo cáo Quý III/2026 của nhiệm vụ I.4, I.5, …')."""
    prefix = _shared_words(removals) if len(removals) > 1 else ""
    if prefix:
        ends = [r[len(prefix) :] for r in removals]
        shown = 12
        glue = "; " if any(" " in e for e in ends) else ", "
        named = prefix + glue.join(ends[:shown])
    else:
        named = "; ".join(removals[:shown])
    if len(removals) > shown:
        named += f" và {len(removals) - shown} mục khác (xem bảng thay đổi)"
    return f"Tôi hiểu và đồng ý: nạp tệp này sẽ bỏ {named}."


def period_options(year: int) -> list[str]:
    """'' (read it from the file) and the usual reporting periods of a year."""
    return ["", f"{year}-Q1", f"{year}-H1", f"{year}-Q2", f"{year}-Q3", f"{year}-Q4", str(year)]


def period_option_label(code: str) -> str:
    return "Đọc từ tệp" if not code else period_label(code)


HOW = {
    "exact": "Đúng tên",
    "title": "Tên gần giống — nên kiểm tra",
    "number": "Theo số thứ tự — nên kiểm tra",
}


def columns_frame(result: LoadResult) -> pd.DataFrame:
    """The reader's column map: each role, its column (letter and header as written), the share
    of its values understood, and whether the clerk chose it."""
    return pd.DataFrame(
        [
            (
                role_name(c.role),
                c.letter,
                c.header,
                "do bạn chọn"
                if c.chosen
                else ""
                if c.parsed_share is None
                else f"{round(c.parsed_share * 100)}% đọc được",
            )
            for _, c in result.choices
        ],
        columns=["Vai trò", "Cột", "Tiêu đề trong tệp", "Giá trị"],
    )


SOURCE_LABELS = {
    "kind": "Loại tệp",
    "unit": "Đơn vị",
    "year": "Năm",
    "period": "Kỳ báo cáo",
    "department": "Phòng gửi báo cáo",
}


def reading_frame(result: LoadResult) -> pd.DataFrame:
    """What the file was read as (kind, unit, year, period, department) and where each came
    from: a title row, the file's settings, the selected unit."""
    values = {
        "kind": KINDS.get(result.kind or "", ""),
        "unit": result.unit or result.file_unit or "",
        "year": str(result.plan_year or ""),
        "period": period_label(result.period) if result.period else "",
        "department": department_name(result.department, result.unit) if result.department else "",
    }
    return pd.DataFrame(
        [
            (label, values[key], result.sources[key])
            for key, label in SOURCE_LABELS.items()
            if key in result.sources and values[key]
        ],
        columns=["Mục", "Đọc được", "Lấy từ"],
    )


def role_options(result: LoadResult) -> list[str]:
    """The columns a role can be moved to: '' (not used) and every column with a header."""
    return ["", *result.headers]


def role_option_label(result: LoadResult, letter: str) -> str:
    return "— không dùng —" if not letter else f"{letter} «{result.headers.get(letter, '')}»"


def matches_frame(result: LoadResult) -> pd.DataFrame:
    """Each report line and the plan task it was matched to; uncertain ones first."""
    df = pd.DataFrame(
        [
            (row, code, title, HOW[how], round(score * 100))
            for row, code, title, how, score in result.matches
        ],
        columns=["Dòng", "Mã nhiệm vụ", "Nhiệm vụ trong kế hoạch", "Cách khớp", "Độ giống (%)"],
    )
    return df.sort_values(["Độ giống (%)", "Dòng"]).reset_index(drop=True)


def styled_matches(matches: pd.DataFrame):
    """The uncertain matches tinted amber."""
    exact = HOW["exact"]
    return matches.style.apply(
        lambda row: ["background-color: #FDF0CC" if row["Cách khớp"] != exact else ""] * len(row),
        axis=1,
    )
