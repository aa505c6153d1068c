"""Honest outcomes (#16, findings 1 and 2): a load's and an undo's result is decided by the
commit. A failure before it is reported by its cause in Vietnamese and leaves the database as it
was; a failure after it (the checkpoint) is `loaded` with a warning."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import uuid
from pathlib import Path

import duckdb
import pytest

from etl import archive, cli
from etl.history import undo
from tests.etl.faults import (
    DISK_FULL,
    NO_ROLLBACK,
    disk_full_duckdb,
    disk_full_os,
    fail_at,
)
from tests.etl.loading import load, snapshot
from tests.workbooks import plan_xlsx, report_xlsx

ROW_I1 = ["1", "Ban hành Kế hoạch CCHC năm 2026", "VHXH", "31/01/2026"]
BEFORE_COMMIT = ["BEGIN", "SELECT NEXTVAL", "INSERT INTO UPLOADS", "INSERT INTO TASKS", "COMMIT"]


def archived(path: Path) -> list[Path]:
    return archive.archived_files(path) + archive.part_files(path)


@pytest.mark.parametrize("step", BEFORE_COMMIT)
@pytest.mark.parametrize("error", [disk_full_os(), disk_full_duckdb()], ids=["os", "duckdb"])
def test_a_failure_before_the_commit_is_reported_by_its_cause(
    empty_db: Path, monkeypatch: pytest.MonkeyPatch, step: str, error: BaseException
) -> None:
    before, files = snapshot(empty_db), archived(empty_db)
    fail_at(monkeypatch, step, error)
    result = load(empty_db, plan_xlsx(), "plan.xlsx")
    assert result.status == "rejected"
    [problem] = result.problems
    assert problem.message == f"{DISK_FULL}; cơ sở dữ liệu không thay đổi"
    assert problem.code == "disk_full"
    assert NO_ROLLBACK not in str(problem)
    monkeypatch.undo()
    assert snapshot(empty_db) == before
    assert archived(empty_db) == files  # the original written for it is taken back


def test_a_checkpoint_failing_after_the_commit_is_loaded_with_a_warning(
    empty_db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fail_at(monkeypatch, "CHECKPOINT", disk_full_duckdb())
    plan = plan_xlsx()  # the same bytes twice (openpyxl stamps the second it saves)
    result = load(empty_db, plan, "plan.xlsx")
    assert (result.status, result.problems) == ("loaded", [])
    [warning] = result.warnings
    assert warning.startswith("Dữ liệu đã được ghi, nhưng bước ghi xuống đĩa (checkpoint)")
    assert DISK_FULL in warning
    assert result.to_json()["warnings"] == [warning]
    monkeypatch.undo()
    assert len(snapshot(empty_db)["tasks"]) > 0
    assert load(empty_db, plan, "plan.xlsx").status == "duplicate"


def test_the_command_line_says_loaded_with_a_warning_and_exits_0(
    empty_db: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    plan = tmp_path / "plan.xlsx"
    plan.write_bytes(plan_xlsx())
    fail_at(monkeypatch, "CHECKPOINT", disk_full_os())
    assert cli.main(["load", "--db", str(empty_db), str(plan)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("✓ plan.xlsx: đã nạp Phụ lục kế hoạch")
    assert "  ! Cảnh báo: Dữ liệu đã được ghi" in out
    assert "KHÔNG nạp" not in out


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (OSError(errno.EROFS, "Read-only file system"), "chỉ cho đọc"),
        (duckdb.IOException("IO Error: Cannot open file: Permission denied"), "chỉ cho đọc"),
        (
            duckdb.IOException("IO Error: Corrupt database file: computed checksum 1 != 2"),
            "Tệp cơ sở dữ liệu bị hỏng",
        ),
    ],
)
def test_other_causes_are_named(
    empty_db: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException, message: str
) -> None:
    fail_at(monkeypatch, "INSERT INTO TASKS", error)
    [problem] = load(empty_db, plan_xlsx(), "plan.xlsx").problems
    assert message in problem.message and "Traceback" not in problem.message


def test_a_failing_archive_write_is_the_cause(
    empty_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(fd: int) -> None:
        raise disk_full_os()

    monkeypatch.setattr(os, "fsync", full)
    before = snapshot(empty_db)
    result = load(empty_db, plan_xlsx(), "plan.xlsx")
    assert [p.code for p in result.problems] == ["disk_full"]
    monkeypatch.undo()
    assert snapshot(empty_db) == before
    assert archived(empty_db) == []  # no '.part' left behind


def _two_reports(path: Path) -> tuple[int, int]:
    assert load(path, plan_xlsx(), "plan.xlsx").status == "loaded"
    first = load(path, report_xlsx([[*ROW_I1, "Đang thực hiện", 40]]), "q1.xlsx")
    second = load(path, report_xlsx([[*ROW_I1, "Đã hoàn thành", 100]]), "q1-bis.xlsx")
    return first.upload_id, second.upload_id


@pytest.mark.parametrize("step", ["BEGIN", "UPDATE UPLOADS", "COMMIT"])
def test_an_undo_failing_before_its_commit_names_the_cause(
    empty_db: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    _, second = _two_reports(empty_db)
    before = snapshot(empty_db)
    fail_at(monkeypatch, step, disk_full_duckdb())
    result = undo(second, empty_db)
    assert not result.ok
    assert result.message == (
        f"Chưa hoàn tác được lần nạp số {second}: {DISK_FULL}; cơ sở dữ liệu không thay đổi. "
        "Cách sửa: giải phóng dung lượng (xóa tệp tạm, bản sao lưu cũ) rồi làm lại."
    )
    monkeypatch.undo()
    assert snapshot(empty_db) == before


def test_an_undo_whose_checkpoint_fails_is_done_with_a_warning(
    empty_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = _two_reports(empty_db)
    fail_at(monkeypatch, "CHECKPOINT", disk_full_os())
    result = undo(second, empty_db)
    assert result.ok and result.restored == [first]
    assert DISK_FULL in result.warning


# --- a real full disk ------------------------------------------------------------------------


def _big_plan(tasks: int) -> bytes:
    body: list[list[object]] = [["I", "CẢI CÁCH THỂ CHẾ"]]
    body += [
        [str(i), f"Nhiệm vụ số {i} {uuid.uuid4().hex * 3}", "VHXH", None, "31/12/2026"]
        for i in range(1, tasks + 1)
    ]
    return plan_xlsx(body)


@pytest.fixture
def small_disk(tmp_path: Path):
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root")
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace')}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_real_full_disk_never_reports_a_commit_as_rejected(small_disk: Path) -> None:
    """The same load with less and less room: every outcome agrees with the database, and
    both a refusal by its cause and a commit with a warning occur."""
    big = _big_plan(1500)
    seen = set()
    for free_kb in (3072, 1024, 512, 64):
        folder = small_disk / f"free-{free_kb}"
        folder.mkdir()
        path = folder / "cchc.duckdb"
        assert load(path, plan_xlsx(), "plan.xlsx").status == "loaded"
        filler = small_disk / "filler"
        stat = os.statvfs(small_disk)
        filler.write_bytes(b"\0" * max(0, stat.f_bavail * stat.f_frsize - free_kb * 1024))
        result = load(path, big, "big.xlsx")
        messages = " ".join(str(p) for p in result.problems)
        assert NO_ROLLBACK not in messages and "Traceback" not in messages
        filler.unlink()
        with duckdb.connect(str(path), read_only=True) as con:
            [(committed,)] = con.execute(
                "SELECT count(*) FROM uploads WHERE file_name = 'big.xlsx'"
            ).fetchall()
        if committed:
            assert result.status == "loaded", messages
            seen.add("loaded, warned" if result.warnings else "loaded")
        else:
            assert result.status == "rejected"
            assert [p.code for p in result.problems] == ["disk_full"], messages
            seen.add("rejected")
        shutil.rmtree(folder)
    assert {"rejected", "loaded, warned"} <= seen, seen
