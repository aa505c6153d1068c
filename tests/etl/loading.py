"""Helpers the ETL tests share: load a workbook built in code, and read problems as triples."""

from __future__ import annotations

from pathlib import Path

from cchc import db
from etl.load import LoadResult, Options, load_bytes


def load(path: Path, data: bytes, name: str = "tep.xlsx", **options: object) -> LoadResult:
    return load_bytes(data, name, Options(**options), path)  # type: ignore[arg-type]


def triples(result: LoadResult) -> list[tuple[str, int | None, str, str]]:
    """(sheet, Excel row, column letter, message) of every problem, in order."""
    return [(p.sheet, p.row, p.column, p.message) for p in result.problems]


def snapshot(path: Path) -> dict[str, list[tuple]]:
    """Every row of the task tables and uploads: compared before and after a rejected load."""
    with db.reading(path) as con:
        return {
            t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall()
            for t in ("uploads", "tasks", "task_reports")
        }
