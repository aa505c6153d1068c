"""Helpers the ETL tests share: load a workbook built in code, and read problems as triples."""

from __future__ import annotations

from pathlib import Path

from etl.load import LoadResult, Options, load_bytes


def load(path: Path, data: bytes, name: str = "tep.xlsx", **options: object) -> LoadResult:
    return load_bytes(data, name, Options(**options), path)  # type: ignore[arg-type]


def triples(result: LoadResult) -> list[tuple[str, int | None, str, str]]:
    """(sheet, Excel row, column letter, message) of every problem, in order."""
    return [(p.sheet, p.row, p.column, p.message) for p in result.problems]
