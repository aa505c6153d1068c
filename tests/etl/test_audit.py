"""The audit trail: every write leaves exactly one row, in the write's own transaction, with who,
where from and the uploads it touched; nothing in the code updates or deletes it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from cchc import db
from etl import aliases, audit
from etl.history import undo
from etl.load import Options, load_bytes
from tests.workbooks import plan_xlsx, report_xlsx

ROOT = Path(__file__).resolve().parents[2]
ROW_I1 = ["1", "Ban hành Kế hoạch CCHC năm 2026", "VHXH", "31/01/2026"]


def _trail(path: Path) -> list[tuple]:
    with db.reading(path) as con:
        return con.execute(
            "SELECT action, actor, via, os_user, unit, upload_ids FROM audit_log ORDER BY audit_id"
        ).fetchall()


def test_load_undo_and_names_each_write_one_row(tmp_path: Path) -> None:
    path = tmp_path / "db.duckdb"
    web = audit.Actor("Trần Thị B", login="b@x.vn", via="web")
    plan = load_bytes(plan_xlsx(), "plan.xlsx", Options(actor=web, uploaded_by="Trần Thị B"), path)
    first = load_bytes(report_xlsx([[*ROW_I1, "Đang thực hiện", 40]]), "a.xlsx", Options(), path)
    second = load_bytes(
        report_xlsx([[*ROW_I1, "Đã hoàn thành", 100]]), "b.xlsx", Options(actor=web), path
    )
    assert second.replaced_upload_ids == [first.upload_id]
    undo(second.upload_id, path, actor=web)
    aliases.teach(path, "Phường Võ Cường", {"Tổ Một cửa": "TTPVHCC"}, "B", actor=web)
    with db.writing(path) as con:
        aliases.remove_alias(con, "Tổ Một cửa", "Phường Võ Cường", actor=web)
    trail = _trail(path)
    assert [t[0] for t in trail] == ["load", "load", "load", "undo", "alias_add", "alias_remove"]
    assert trail[0][:3] == ("load", "Trần Thị B", "web")
    assert trail[1][2] == "cli" and trail[1][3]  # a load with no actor: the OS user is kept
    assert trail[2][5] == [second.upload_id, first.upload_id]  # the load and what it replaced
    assert trail[3][5] == [second.upload_id, first.upload_id]  # the undo and what it restored
    assert {t[4] for t in trail} == {"Phường Võ Cường"}
    assert plan.status == "loaded"


def test_a_write_that_fails_leaves_no_audit_row(tmp_path: Path) -> None:
    path = tmp_path / "db.duckdb"
    load_bytes(plan_xlsx(), "plan.xlsx", Options(), path)
    before = _trail(path)
    bad = load_bytes(report_xlsx([[*ROW_I1, "Không rõ", 40]]), "x.xlsx", Options(), path)
    assert bad.status == "rejected"
    assert undo(999, path).ok is False
    assert _trail(path) == before


def test_the_audit_row_commits_with_the_write_or_not_at_all(tmp_path: Path) -> None:
    con = duckdb.connect(str(tmp_path / "t.duckdb"))
    from etl.schema import migrate

    migrate(con)
    con.execute("BEGIN TRANSACTION")
    audit.record(con, audit.Actor("A"), "load", unit="U", upload_ids=[1])
    con.execute("ROLLBACK")
    assert con.execute("SELECT count(*) FROM audit_log").fetchone() == (0,)
    with pytest.raises(ValueError):
        audit.record(con, audit.Actor("A"), "drop everything")


def test_nothing_in_the_code_updates_or_deletes_the_audit_trail() -> None:
    pattern = re.compile(r"(UPDATE\s+audit_log|DELETE\s+FROM\s+audit_log|TRUNCATE\s+audit_log|"
                         r"DROP\s+TABLE\s+(IF\s+EXISTS\s+)?audit_log)", re.IGNORECASE)  # fmt: skip
    offenders = [
        str(p.relative_to(ROOT))
        for folder in ("etl", "cchc", "pages", "scripts")
        for p in (ROOT / folder).rglob("*")
        if p.suffix in (".py", ".sh", ".sql") and pattern.search(p.read_text(encoding="utf-8"))
    ]
    offenders += ["app.py"] if pattern.search((ROOT / "app.py").read_text()) else []
    assert offenders == []


def test_command_line_records_the_os_user_and_as_name(tmp_path: Path, env) -> None:
    path = tmp_path / "cchc.duckdb"
    plan = tmp_path / "plan.xlsx"
    plan.write_bytes(plan_xlsx())
    run = [sys.executable, "-m", "etl"]
    done = subprocess.run(
        [*run, "--as", "Lê Văn C", "load", str(plan), "--db", str(path)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    actor, via, os_user = _trail(path)[0][1:4]
    assert (actor, via) == ("Lê Văn C", "cli") and os_user == audit.os_user()
    with db.reading(path) as con:
        by = con.execute("SELECT uploaded_by FROM uploads").fetchone()[0]
    assert by == f"Lê Văn C (dòng lệnh, {audit.os_user()})"


def test_a_registry_load_and_a_restore_are_in_the_trail(tmp_path: Path) -> None:
    from etl import backup, units

    path = tmp_path / "db.duckdb"
    assert load_bytes(plan_xlsx(), "plan.xlsx", Options(), path).status == "loaded"
    saved = backup.backup(path).path
    units.load_registry(
        units.DEMO_REGISTRY, path, actor=audit.Actor("Sở Nội vụ", via="cli", os_user="sv")
    )
    assert _trail(path)[-1][:3] == ("units_load", "Sở Nội vụ", "cli")
    backup.restore(saved, path, actor=audit.Actor("Quản trị", via="cli", os_user="qt"))
    trail = _trail(path)  # the restored file's trail: its own rows, then the restore
    assert [row[0] for row in trail] == ["load", "restore"]
    assert trail[-1][1:4] == ("Quản trị", "cli", "qt")
