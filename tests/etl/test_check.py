"""`python -m etl check`, `init` on a damaged file, and the archive's leftovers (#16, findings 3
and 5)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from cchc import db
from etl import archive, check, cli, journal
from etl.load import sha256
from tests.etl.loading import load
from tests.workbooks import plan_xlsx, report_xlsx

ROW_I1 = ["1", "Ban hành Kế hoạch CCHC năm 2026", "VHXH", "31/01/2026"]
HEADER = 3 * 4096  # DuckDB's file header and its two database headers


@pytest.fixture
def loaded_db(empty_db: Path) -> Path:
    assert load(empty_db, plan_xlsx(), "plan.xlsx").status == "loaded"
    report = report_xlsx([[*ROW_I1, "Đang thực hiện", 40]])
    assert load(empty_db, report, "q1.xlsx").status == "loaded"
    return empty_db


def flip_table_block(path: Path, table: str) -> None:
    """Invert bytes at the start of the first data block of `table` (its checksum no longer
    agrees)."""
    with duckdb.connect(str(path), read_only=True) as con:
        [(block,)] = con.execute(
            f"SELECT min(block_id) FROM pragma_storage_info('{table}') WHERE block_id >= 0"
        ).fetchall()
        block_size = con.execute("PRAGMA database_size").fetchone()[2]
    with path.open("r+b") as f:
        f.seek(HEADER + block * block_size + 16)
        data = f.read(64)
        f.seek(HEADER + block * block_size + 16)
        f.write(bytes(b ^ 0xFF for b in data))


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "etl", *args],
        capture_output=True,
        text=True,
        cwd=db.ROOT,
        env={"PYTHONIOENCODING": "utf-8", "PATH": "/usr/bin:/bin", "CCHC_TODAY": "2026-11-26"},
    )


def test_a_healthy_database_passes(loaded_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = check.check(loaded_db)
    assert report.ok and report.findings == []
    assert report.uploads == 2
    assert cli.main(["check", "--db", str(loaded_db)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"✓ Cơ sở dữ liệu {loaded_db}: không thấy lỗi (")


def test_flipped_bytes_in_a_data_block_are_found_and_init_never_says_fine(
    loaded_db: Path,
) -> None:
    flip_table_block(loaded_db, "tasks")
    report = check.check(loaded_db)
    assert not report.ok
    whats = [f.what for f in report.findings]
    assert any(w.startswith("Bảng tasks không đọc được: Tệp cơ sở dữ liệu bị hỏng") for w in whats)
    assert any(w.startswith("View v_tasks không đọc được") for w in whats)
    for finding in report.findings:
        assert finding.fix.startswith("dựng lại từ kho lưu trữ: python -m etl rebuild --from")
    for command in ("check", "init"):
        done = run_cli(command, "--db", str(loaded_db))
        assert done.returncode == 1, command
        assert "✓" not in done.stdout + done.stderr and "Traceback" not in done.stderr
        assert "Bảng tasks không đọc được" in done.stderr


def test_a_damaged_header_is_said_without_a_traceback(loaded_db: Path) -> None:
    with loaded_db.open("r+b") as f:
        f.write(b"\xff" * 64)
    for command in ("check", "init"):
        done = run_cli(command, "--db", str(loaded_db))
        assert (done.returncode, done.stdout) == (1, ""), command
        assert "Traceback" not in done.stderr
        assert "Không mở được tệp: tệp không phải cơ sở dữ liệu DuckDB hợp lệ hoặc bị hỏng" in (
            done.stderr
        )


def test_the_newest_backup_is_offered_for_a_damaged_file(loaded_db: Path) -> None:
    assert cli.main(["backup", "--db", str(loaded_db)]) == 0
    flip_table_block(loaded_db, "uploads")
    finding = check.check(loaded_db).findings[0]
    assert finding.fix.startswith("khôi phục bản sao lưu mới nhất: python -m etl restore ")


def test_rows_missing_from_an_upload_are_an_error(loaded_db: Path) -> None:
    with duckdb.connect(str(loaded_db)) as con:
        con.execute("DELETE FROM tasks WHERE code = 'I.1'")
    [finding] = check.check(loaded_db).findings
    assert finding.level == check.ERROR
    assert finding.what.startswith("Lần nạp #1 (plan.xlsx) ghi ")


def test_the_database_is_compared_with_the_journal(loaded_db: Path) -> None:
    journal.undone(loaded_db, 2, [], "Lan")  # the journal says undone; the database disagrees
    with duckdb.connect(str(loaded_db)) as con:
        con.execute("UPDATE uploads SET sha256 = 'x' WHERE upload_id = 1")
    whats = [f.what for f in check.check(loaded_db).findings]
    assert whats[:2] == [
        "Lần nạp #1 trong cơ sở dữ liệu (plan.xlsx) khác tệp ghi trong nhật ký (plan.xlsx)",
        "Nhật ký ghi đã hoàn tác lần nạp #2 (q1.xlsx) nhưng cơ sở dữ liệu vẫn dùng nó",
    ]


def test_uploads_before_the_journal_are_a_warning(loaded_db: Path) -> None:
    journal.journal_path(loaded_db).unlink()
    report = check.check(loaded_db)
    assert report.ok
    [finding] = report.findings
    assert finding.what.startswith("2 lần nạp không có trong nhật ký tải lên (#1, #2)")


def test_orphans_and_parts_are_listed_then_cleaned(
    loaded_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = archive.archive_dir(loaded_db)
    stray = root / "ab" / ("ab" + "0" * 62 + ".xlsx")
    stray.parent.mkdir(exist_ok=True)
    stray.write_bytes(b"left by a crash")
    part = root / "cd" / "cdef.xlsx.123.part"
    part.parent.mkdir(exist_ok=True)
    part.write_bytes(b"half")
    [finding] = check.check(loaded_db).findings
    assert finding.what.startswith("Kho lưu trữ có 2 tệp không thuộc lần nạp nào (")
    assert finding.fix == "xóa bằng python -m etl archive --clean"
    assert cli.main(["archive", "--db", str(loaded_db)]) == 0
    assert capsys.readouterr().out.endswith("2 tệp thừa trong kho lưu trữ (xóa bằng --clean).\n")
    assert cli.main(["archive", "--clean", "--db", str(loaded_db)]) == 0
    assert not stray.exists() and not part.exists()
    assert len(archive.archived_files(loaded_db)) == 2  # the two uploads' originals stay
    assert check.check(loaded_db).findings == []


def test_a_broken_file_already_at_the_archive_target_is_replaced(empty_db: Path) -> None:
    data = plan_xlsx()
    digest = sha256(data)
    target = archive.archive_dir(empty_db) / digest[:2] / f"{digest}.xlsx"
    target.parent.mkdir(parents=True)
    target.write_bytes(b"")  # a 0-byte file left by a crash
    assert load(empty_db, data, "plan.xlsx").status == "loaded"
    assert target.read_bytes() == data
    target.write_bytes(b"something else")
    assert [f.what for f in check.check(empty_db).findings] == [
        "Tệp gốc của lần nạp #1 (plan.xlsx) trong kho lưu trữ đã bị thay đổi"
    ]
