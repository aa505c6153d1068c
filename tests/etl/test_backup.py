"""`python -m etl backup` / `restore` and the copy before a schema migration (#16, finding 3)."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from cchc import snapshots
from etl import backup, cli, schema
from tests.etl.loading import load
from tests.workbooks import plan_xlsx, report_xlsx

ROW_I1 = ["1", "Ban hành Kế hoạch CCHC năm 2026", "VHXH", "31/01/2026"]
DAY1 = datetime(2026, 11, 28, 9, 30, 0)
DAY2 = datetime(2026, 11, 29, 8, 0, 0)


def views(path: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(path), read_only=True) as con:
        return {
            v: con.execute(f"SELECT * FROM {v} ORDER BY ALL").fetchall()
            for v in ("v_uploads", "v_tasks", "v_task_reports", "v_index_scores")
        }


def names(folder: Path) -> list[str]:
    return [p.name for p in backup.backups(folder)]


def test_a_backup_is_a_consistent_copy_named_by_its_date(empty_db: Path) -> None:
    assert load(empty_db, plan_xlsx(), "plan.xlsx").status == "loaded"
    made = backup.backup(empty_db, reason="Trước đợt nạp quý 4", now=DAY1)
    assert (
        made.path == empty_db.parent / "backups" / "cchc-20261128-093000-truoc-dot-nap-quy-4.duckdb"
    )
    assert views(made.path) == views(empty_db)
    assert made.message.startswith(f"Đã sao lưu cchc.duckdb vào {made.path} (")
    again = backup.backup(empty_db, reason="Trước đợt nạp quý 4", now=DAY1)
    assert again.path.name == "cchc-20261128-093000-truoc-dot-nap-quy-4-2.duckdb"


def test_auto_makes_one_a_day_and_keeps_the_newest_automatic_ones(empty_db: Path) -> None:
    folder = empty_db.parent / "backups"
    manual = backup.backup(empty_db, now=datetime(2026, 11, 1, 7, 0, 0)).path
    first = backup.backup(empty_db, auto=True, keep=2, now=DAY1)
    assert first.path is not None and backup.is_auto(first.path)
    same_day = backup.backup(empty_db, auto=True, keep=2, now=DAY1.replace(hour=17))
    assert same_day.path is None
    assert same_day.message == (
        f"Đã có bản sao lưu tự động hôm nay ({first.path.name}); không sao lưu lại."
    )
    backup.backup(empty_db, auto=True, keep=2, now=DAY2)
    third = backup.backup(empty_db, auto=True, keep=2, now=datetime(2026, 11, 30, 8, 0, 0))
    assert third.removed == [first.path]
    assert names(folder) == [
        manual.name,
        "cchc-20261129-080000-auto.duckdb",
        "cchc-20261130-080000-auto.duckdb",
    ]


def test_restore_puts_a_backup_back_and_keeps_the_current_file(empty_db: Path) -> None:
    assert load(empty_db, plan_xlsx(), "plan.xlsx").status == "loaded"
    before = views(empty_db)
    saved = backup.backup(empty_db, now=DAY1).path
    report = report_xlsx([[*ROW_I1, "Đang thực hiện", 40]])
    assert load(empty_db, report, "q1.xlsx").status == "loaded"
    later = views(empty_db)
    done = backup.restore(saved, empty_db, now=DAY2)
    assert views(empty_db) == before
    copy = snapshots.newest(empty_db)  # the pages read the restored file's published copy
    assert copy is not None and snapshots.is_fresh(copy, empty_db) and views(copy) == before
    assert done.path is not None and "truoc-khoi-phuc" in done.path.name
    assert views(done.path) == later
    assert done.message == (
        f"Đã khôi phục {empty_db} từ {saved.name}. Bản đang dùng trước đó được giữ ở {done.path}."
    )


def test_restore_over_a_damaged_file_keeps_the_damaged_one(empty_db: Path) -> None:
    assert load(empty_db, plan_xlsx(), "plan.xlsx").status == "loaded"
    saved = backup.backup(empty_db, now=DAY1).path
    empty_db.write_bytes(b"\x00" * 4096 + b"garbage")
    done = backup.restore(saved, empty_db, now=DAY2)
    assert done.path.name == "cchc-20261129-080000-truoc-khoi-phuc-hong.duckdb"
    assert done.path.read_bytes().endswith(b"garbage")
    assert views(empty_db) == views(saved)


def test_restore_refuses_a_file_that_is_no_backup(empty_db: Path, tmp_path: Path) -> None:
    assert load(empty_db, plan_xlsx(), "plan.xlsx").status == "loaded"
    before = views(empty_db)
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"not a database")
    with pytest.raises(backup.BackupFailed, match="không phải bản sao lưu dùng được"):
        backup.restore(junk, empty_db)
    assert views(empty_db) == before


def test_a_migration_keeps_an_automatic_copy_of_the_older_database(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute(
            "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
            " applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)"
        )
        version, name, sql = schema.MIGRATIONS[0]
        con.execute(sql)
        con.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [version, name])
    with duckdb.connect(str(path)) as con:
        assert schema.migrate(con)[0] == 2
    [copy] = backup.backups(tmp_path / "backups")
    assert re.fullmatch(r"cchc-\d{8}-\d{6}-auto-truoc-nang-cap-v2\.duckdb", copy.name)
    with duckdb.connect(str(copy), read_only=True) as con:
        assert schema.current_version(con) == 1
    with duckdb.connect(str(path)) as con:  # up to date: no copy
        assert schema.migrate(con) == []
    assert len(backup.backups(tmp_path / "backups")) == 1
    # the copy before the migration is not the day's automatic copy
    daily = backup.backup(path, auto=True)
    assert daily.path is not None and daily.path.name.endswith("-auto.duckdb")


def test_the_command_line_interface_the_makefile_calls(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cchc.duckdb"
    assert cli.main(["backup", "--auto", "--keep", "7", "--db", str(path)]) == 0
    assert capsys.readouterr().out == f"✓ Chưa có cơ sở dữ liệu {path}: chưa cần sao lưu.\n"
    assert cli.main(["init", "--db", str(path)]) == 0
    capsys.readouterr()
    assert cli.main(["backup", "--auto", "--keep", "7", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("✓ Đã sao lưu cchc.duckdb vào ") and "-auto.duckdb" in out
    assert cli.main(["backup", "--auto", "--keep", "7", "--db", str(path)]) == 0
    assert "không sao lưu lại" in capsys.readouterr().out
    target = tmp_path / "elsewhere"
    assert cli.main(["backup", "--db", str(path), "--dir", str(target), "--reason", "x"]) == 0
    [copy] = backup.backups(target)
    assert copy.name.endswith("-x.duckdb")
    assert cli.main(["restore", str(copy), "--db", str(path)]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("✓ Đã khôi phục")
    assert cli.main(["restore", str(tmp_path / "none.duckdb"), "--db", str(path)]) == 1
    assert "Không có tệp" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        cli.main(["backup", "--keep", "0"])
    assert exit_.value.code == 2


def test_no_migration_without_its_backup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute(
            "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
            " applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)"
        )
        version, name, sql = schema.MIGRATIONS[0]
        con.execute(sql)
        con.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [version, name])

    def full(source: Path, target: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup, "durable_copy", full)
    with duckdb.connect(str(path)) as con:
        with pytest.raises(backup.BackupFailed) as info:
            schema.migrate(con)
        assert schema.current_version(con) == 1
    assert str(info.value) == (
        "Không sao lưu được cơ sở dữ liệu trước khi nâng cấp lên phiên bản 2: Ổ đĩa chứa cơ sở "
        "dữ liệu đã đầy. Chưa nâng cấp gì. Cách sửa: giải phóng dung lượng (xóa tệp tạm, bản "
        "sao lưu cũ) rồi làm lại."
    )
    assert cli.main(["init", "--db", str(path)]) == 1
