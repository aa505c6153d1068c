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


FIELD_LABELS = {
    "number": "STT",
    "title": "Nội dung nhiệm vụ",
    "lead": "Cơ quan chủ trì",
    "support": "Cơ quan phối hợp",
    "deadline": "Thời hạn",
    "evidence": "Sản phẩm/Minh chứng",
    "note": "Ghi chú",
    "status": "Tình trạng",
    "percent": "Tỷ lệ (%)",
    "code": "Mã nhiệm vụ",
    "completed_on": "Ngày hoàn thành",
    "difficulties": "Khó khăn, vướng mắc",
}
HOW = {
    "exact": "Đúng tên",
    "title": "Tên gần giống — nên kiểm tra",
    "number": "Theo số thứ tự — nên kiểm tra",
}


def columns_frame(result: LoadResult) -> pd.DataFrame:
    """Which column of the file was read as which field."""
    return pd.DataFrame(
        [(FIELD_LABELS.get(f, f), header) for f, header in result.columns.items()],
        columns=["Trường dữ liệu", "Cột trong tệp"],
    )


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
