"""Parse, then lock (#16, finding 7): a load is matched and built with no write lock held; a
database that changed meanwhile is matched again under the lock."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from etl import load as loader
from tests.etl.loading import load
from tests.workbooks import plan_xlsx, report_xlsx

ROW_I1 = ["1", "Ban hành Kế hoạch CCHC năm 2026", "VHXH", "31/01/2026"]
READER = (
    "import sys, duckdb\n"
    "con = duckdb.connect(sys.argv[1], read_only=True)\n"
    "print(con.execute('SELECT count(*) FROM uploads').fetchone()[0])\n"
)


def _read_elsewhere(path: Path) -> int:
    """Another process opens the file read-only, without waiting: 0 when it could."""
    return subprocess.run([sys.executable, "-c", READER, str(path)], capture_output=True).returncode


@pytest.mark.parametrize("before_lock", [True, False], ids=["now", "before-16"])
def test_readers_are_not_locked_out_while_a_plan_is_parsed(
    empty_db: Path, monkeypatch: pytest.MonkeyPatch, before_lock: bool
) -> None:
    assert load(empty_db, plan_xlsx(), "old.xlsx").status == "loaded"
    monkeypatch.setattr(loader, "PARSE_BEFORE_LOCK", before_lock)
    seen = []
    real = loader.parse_plan

    def parse_plan(*args, **kwargs):
        seen.append(_read_elsewhere(empty_db))
        return real(*args, **kwargs)

    monkeypatch.setattr(loader, "parse_plan", parse_plan)
    new_plan = plan_xlsx(
        [["I", "CẢI CÁCH THỂ CHẾ"], ["1", "Rà soát văn bản", "VP", None, "Quý II/2026"]]
    )
    assert load(empty_db, new_plan, "new.xlsx").status == "loaded"
    assert seen == ([0] if before_lock else [1])


def test_a_load_committed_meanwhile_is_taken_into_account(
    empty_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert load(empty_db, plan_xlsx(), "plan.xlsx").status == "loaded"
    first = report_xlsx([[*ROW_I1, "Đang thực hiện", 40]])
    second = report_xlsx([[*ROW_I1, "Đã hoàn thành", 100]])
    real = loader._prepare_unlocked
    meanwhile = []

    def prepare(*args, **kwargs):
        ready = real(*args, **kwargs)
        if not meanwhile:  # between the snapshot and the write, another report commits
            monkeypatch.setattr(loader, "_prepare_unlocked", real)
            meanwhile.append(load(empty_db, first, "q1.xlsx"))
        return ready

    monkeypatch.setattr(loader, "_prepare_unlocked", prepare)
    result = load(empty_db, second, "q1-bis.xlsx")
    [other] = meanwhile
    assert (other.status, result.status) == ("loaded", "loaded")
    assert result.replaced_upload_ids == [other.upload_id]  # matched again under the lock


def test_a_dry_run_and_a_duplicate_take_no_write_lock(
    empty_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = plan_xlsx()
    assert load(empty_db, plan, "plan.xlsx").status == "loaded"

    def no_writing(*args, **kwargs):
        raise AssertionError("a dry run took the write lock")

    monkeypatch.setattr(loader.db, "writing", no_writing)
    check = load(empty_db, report_xlsx([[*ROW_I1, "Đang thực hiện", 40]]), "q.xlsx", dry_run=True)
    assert check.status == "valid"
    assert load(empty_db, plan, "again.xlsx").status == "duplicate"
