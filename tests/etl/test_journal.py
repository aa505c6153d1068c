"""The upload journal beside the archive (#16, finding 4): one synced line per committed load and
undo, with what a replay needs."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from etl import journal
from etl.history import undo
from tests.etl.faults import DISK_FULL, disk_full_os
from tests.etl.loading import load
from tests.workbooks import plan_xlsx, report_xlsx

ROW_I1 = ["1", "Ban hành Kế hoạch CCHC năm 2026", "VHXH", "31/01/2026"]


def lines(path: Path) -> list[dict]:
    return journal.read(journal.journal_path(path)).entries


def test_each_load_and_undo_is_one_line_in_order(empty_db: Path) -> None:
    plan_data = plan_xlsx()
    plan = load(empty_db, plan_data, "plan.xlsx", uploaded_by="Lan")
    data = report_xlsx([[*ROW_I1, "Đang thực hiện", 40]], period_text="Quý … năm 2026")
    report = load(empty_db, data, "bc.xlsx", period="2026-Q1", uploaded_by="Hà")
    assert report.status == "loaded"
    assert load(empty_db, plan_data, "again.xlsx").status == "duplicate"  # nothing changed
    assert undo(report.upload_id, empty_db, user="Lan").ok
    first, second, third = lines(empty_db)
    assert (first["action"], first["upload_id"], first["user"]) == ("load", plan.upload_id, "Lan")
    assert first["kind"] == "plan" and first["result"] == "loaded"
    assert first["sha256"] == plan_sha(empty_db, plan.upload_id)
    assert (empty_db.parent / "archive" / first["archive"]).is_file()
    assert second["options"]["period"] == "2026-Q1"
    assert second["resolved"] == {
        "unit": "Phường Võ Cường",
        "plan_year": 2026,
        "period": "2026-Q1",
        "department": "VHXH",
    }
    assert "dry_run" not in second["options"]
    assert third == {
        "v": 1,
        "action": "undo",
        "time": third["time"],
        "user": "Lan",
        "upload_id": report.upload_id,
        "result": "undone",
        "restored": [],
    }
    with duckdb.connect(str(empty_db), read_only=True) as con:
        [(at,)] = con.execute(
            "SELECT uploaded_at FROM uploads WHERE upload_id = ?", [plan.upload_id]
        ).fetchall()
    assert first["uploaded_at"] == at.isoformat()


def plan_sha(path: Path, upload_id: int) -> str:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(
            "SELECT sha256 FROM uploads WHERE upload_id = ?", [upload_id]
        ).fetchone()[0]


def test_a_journal_that_cannot_be_written_is_a_warning_on_a_committed_load(
    empty_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(fd: int) -> None:
        raise disk_full_os()

    real_append = journal.append

    def append(database, entry):
        monkeypatch.setattr(os, "fsync", full)
        try:
            real_append(database, entry)
        finally:
            monkeypatch.undo()

    monkeypatch.setattr(journal, "append", append)
    result = load(empty_db, plan_xlsx(), "plan.xlsx")
    assert result.status == "loaded"
    [warning] = result.warnings
    assert "bước ghi nhật ký tải lên" in warning and DISK_FULL in warning


def test_a_torn_last_line_is_reported_not_fatal(empty_db: Path) -> None:
    assert load(empty_db, plan_xlsx(), "plan.xlsx").status == "loaded"
    path = journal.journal_path(empty_db)
    with path.open("a", encoding="utf-8") as f:
        f.write('{"action": "load", "upl')
    read = journal.read(path)
    assert len(read.entries) == 1 and read.bad_lines == [2]
