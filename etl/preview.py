"""What the upload page shows before anything is written: a dry run of the real pipeline, and
the problems as a table staff can read (and download)."""

from __future__ import annotations

import pandas as pd

from cchc.periods import period_label
from etl.errors import Problem
from etl.load import LoadResult, Options, load_bytes

PROBLEM_COLUMNS = ["Sheet", "Dòng", "Cột", "Tiêu đề cột", "Giá trị", "Lỗi", "Cách sửa"]


def validate(data: bytes, file_name: str, options: Options) -> LoadResult:
    """Everything a load does (reading, matching, checking), rolled back: status 'valid',
    'duplicate' or 'rejected', with what would change."""
    return load_bytes(data, file_name, Options(**{**options.__dict__, "dry_run": True}))


def problems_frame(problems: list[Problem]) -> pd.DataFrame:
    return pd.DataFrame(
        [[p.sheet, p.row, p.column, p.header, p.value, p.message, p.hint] for p in problems],
        columns=PROBLEM_COLUMNS,
    ).astype({"Dòng": "Int64"})


def period_options(year: int) -> list[str]:
    """'' (read it from the file) and the usual reporting periods of a year."""
    return ["", f"{year}-Q1", f"{year}-H1", f"{year}-Q2", f"{year}-Q3", f"{year}-Q4", str(year)]


def period_option_label(code: str) -> str:
    return "Đọc từ tệp" if not code else period_label(code)
