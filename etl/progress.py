"""The progress report importer (kind `progress`).

One department's report (or the standing office's combined report) for a period: one row per
plan task with its status, percent, evidence and difficulties. Rows are matched to the plan's
tasks (see `etl.matching`); a row that matches nothing is an error naming the closest tasks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from cchc.text import clean_cell, clean_repeated
from cchc.vocab import REPORTED_STATUSES, match_area, match_reported_status
from etl.deadlines import BadDate, parse_deadline
from etl.errors import Problem
from etl.matching import PlanRef, TaskMatcher
from etl.table import Table
from etl.values import fraction_column, parse_percent

_ROMAN_ONLY = re.compile(r"^(X{0,3}(?:IX|IV|V?I{0,3}))\s*[.):-]?$", re.IGNORECASE)
FIELDS = (
    "number",
    "title",
    "status",
    "percent",
    "code",
    "completed_on",
    "note",
    "evidence",
    "difficulties",
    "result",
)
STATUS_HINT = "ghi một trong: " + ", ".join(REPORTED_STATUSES.values()) + " (hoặc tỷ lệ 0–100%)"


@dataclass
class ReportRow:
    code: str
    reported_status: str
    percent: float | None
    completed_on: date | None
    note: str
    evidence: str
    difficulties: str
    source_row: int
    match_how: str
    match_score: float


@dataclass
class ProgressParse:
    rows: list[ReportRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _is_percent(value: object) -> bool:
    try:
        return parse_percent(value) is not None
    except ValueError:
        return False


def parse_report(table: Table, plan: list[PlanRef], *, plan_year: int) -> ProgressParse:
    out = ProgressParse()
    matcher = TaskMatcher(plan)
    seen: dict[str, int] = {}
    # a column of fractions (cells formatted as percent, Excel shows 1 as 100%)
    fractions = fraction_column(table.column_values("percent"), alone="status" not in table.columns)

    section: str | None = None

    def problem(row: int, fld: str, value: object, message: str, hint: str = "") -> None:
        out.problems.append(table.problem(row, fld, value, message, hint))

    for r in table.data_rows():
        raw = dict(zip(FIELDS, table.fields(r, FIELDS), strict=True))
        number = clean_repeated(raw["number"])
        title = clean_cell(raw["title"])
        status_raw = raw["status"]
        percent_raw = raw["percent"]
        # A section heading has no status and no percent; 'i)' or 'v' with a status is a row.
        heading = not clean_repeated(status_raw) and not clean_repeated(percent_raw)

        roman = _ROMAN_ONLY.match(number) if number and heading else None
        if (roman and roman.group(1)) or (not number and heading and match_area(title)):
            section = roman.group(1).upper() if roman and roman.group(1) else section
            continue

        if not title:
            if clean_cell(status_raw) or clean_cell(percent_raw):
                problem(
                    r,
                    "title",
                    "",
                    "Thiếu tên nhiệm vụ nên không đối chiếu được với kế hoạch",
                    "ghi tên nhiệm vụ như trong phụ lục kế hoạch",
                )
            continue

        code_cell = clean_repeated(raw["code"])
        found = matcher.match(title, code_cell or number, section)
        if found.how == "ambiguous":
            codes = ", ".join(c for c, _, _ in found.closest)
            problem(
                r,
                "title",
                title,
                f"Có {len(found.closest)} nhiệm vụ cùng tên này trong kế hoạch ({codes})",
                "ghi mã nhiệm vụ của kế hoạch (ví dụ II.1) vào cột STT để chỉ rõ nhiệm vụ nào",
            )
            continue
        if found.code is None:
            near = "; ".join(f"{c} «{t[:60]}» ({s:.0%})" for c, t, s in found.closest)
            problem(
                r,
                "title",
                title,
                "Không tìm thấy nhiệm vụ này trong kế hoạch"
                + (f"; gần nhất: {near}" if near else ""),
                "sửa tên nhiệm vụ cho giống phụ lục kế hoạch (hoặc kiểm tra đã tải đúng "
                "kế hoạch năm)",
            )
            continue
        if found.code in seen:
            problem(
                r,
                "title",
                title,
                f"Nhiệm vụ {found.code} đã được báo cáo ở dòng {seen[found.code] + 1}",
                "mỗi nhiệm vụ chỉ báo cáo một dòng; xóa hoặc gộp dòng trùng",
            )
            continue
        seen[found.code] = r

        # the status and the percent are checked independently, so a row with both wrong
        # gets both messages at once
        status = match_reported_status(status_raw)
        if status is None and percent_raw in (None, "") and _is_percent(status_raw):
            percent_raw, status_raw = status_raw, None  # a status column holding percents
        bad_status = status is None and bool(clean_repeated(status_raw))
        if bad_status:
            problem(r, "status", status_raw, "Không nhận ra tình trạng", STATUS_HINT)
        try:
            percent = parse_percent(percent_raw, fractions)
        except ValueError:
            problem(
                r,
                "percent",
                percent_raw,
                "Tỷ lệ không phải là số",
                "ghi số từ 0 đến 100, ví dụ 80 hoặc 80%",
            )
            continue
        if percent is not None and not 0 <= percent <= 100:
            problem(
                r,
                "percent",
                percent_raw,
                "Tỷ lệ phải nằm trong khoảng 0–100%",
                "ghi số từ 0 đến 100, ví dụ 80 hoặc 80%",
            )
            continue
        if bad_status:
            continue

        if status is None:
            if percent is None:
                problem(r, "status", "", "Thiếu tình trạng thực hiện", STATUS_HINT)
                continue
            status = "done" if percent >= 100 else "not_started" if percent == 0 else "in_progress"
        elif percent is not None and percent >= 100:
            status = "done"
        elif status == "done" and percent == 1 and isinstance(percent_raw, float | int):
            percent = 100.0  # 100% formatted as percent is stored as 1
        elif status == "done" and percent is not None and percent < 100:
            problem(
                r,
                "percent",
                percent_raw,
                f"Tình trạng là 'Đã hoàn thành' nhưng tỷ lệ chỉ {percent:g}%",
                "sửa tỷ lệ thành 100% hoặc sửa tình trạng thành 'Đang thực hiện'",
            )
            continue

        completed_on = None
        completed_raw = raw["completed_on"]
        if clean_repeated(completed_raw):
            if isinstance(completed_raw, datetime):
                completed_on = completed_raw.date()
            elif isinstance(completed_raw, date):
                completed_on = completed_raw
            else:
                try:
                    completed_on = parse_deadline(completed_raw, plan_year).date
                except BadDate as exc:
                    problem(
                        r,
                        "completed_on",
                        completed_raw,
                        str(exc),
                        "ghi ngày có thật theo dạng ngày/tháng/năm, ví dụ 30/06/2026",
                    )
                    continue

        out.rows.append(
            ReportRow(
                code=found.code,
                reported_status=status,
                percent=percent,
                completed_on=completed_on,
                note="; ".join(
                    t for t in (clean_cell(raw["result"]), clean_repeated(raw["note"])) if t
                ),
                evidence=clean_repeated(raw["evidence"]),
                difficulties=clean_repeated(raw["difficulties"]),
                source_row=r + 1,
                match_how=found.how,
                match_score=found.score,
            )
        )
    return out
