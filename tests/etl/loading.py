"""Helpers the ETL tests share: load a workbook built in code, read problems as triples, and hold
the database's write lock from another process."""

from __future__ import annotations

from pathlib import Path

from cchc import db
from etl.load import LoadResult, Options, load_bytes

BUSY = "đang được một tiến trình khác sử dụng"  # the message when the lock is held
# A holder of the read-write lock: prints 'ready' once it holds it, releases after argv[2] s.
HOLDER = (
    "import sys, time, duckdb\n"
    "con = duckdb.connect(sys.argv[1])\n"
    "print('ready', flush=True)\n"
    "time.sleep(float(sys.argv[2]))\n"
    "con.close()\n"
)


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
