"""Migrations: a fresh database gets the contract's views; an older one upgrades in place."""

import duckdb
import pytest

from etl import schema

CONTRACT = {
    "v_tasks": [
        "unit",
        "plan_year",
        "area",
        "code",
        "title",
        "lead_department",
        "support_departments",
        "deadline",
        "deadline_text",
    ],
    "v_task_reports": [
        "unit",
        "plan_year",
        "code",
        "period",
        "reported_status",
        "percent",
        "report_date",
        "note",
    ],
    "v_index_scores": [
        "unit",
        "index",
        "year",
        "period",
        "criterion",
        "name",
        "max_score",
        "score",
        "rank",
    ],
    "v_uploads": [
        "upload_id",
        "file_name",
        "sha256",
        "kind",
        "rows",
        "uploaded_at",
        "uploaded_by",
        "status",
    ],
}


def test_fresh_database_has_exactly_the_contract_views():
    con = duckdb.connect(":memory:")
    assert schema.migrate(con) == [m[0] for m in schema.MIGRATIONS]
    for view, columns in CONTRACT.items():
        got = [d[0] for d in con.execute(f"SELECT * FROM {view} LIMIT 0").description]
        assert got == columns, view


def test_migrate_is_idempotent():
    con = duckdb.connect(":memory:")
    schema.migrate(con)
    assert schema.migrate(con) == []
    assert schema.current_version(con) == schema.LATEST_VERSION


def test_an_older_database_upgrades_in_place_keeping_its_rows(tmp_path, monkeypatch):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    schema.migrate(con)  # today's version stands in for "the old one"
    con.execute(
        "INSERT INTO uploads (upload_id, file_name, sha256, kind, unit, rows, uploaded_at, status)"
        " VALUES (1, 'a.xlsx', 'h', 'plan', 'Phường A', 0, TIMESTAMP '2026-01-01', 'loaded')"
    )
    con.close()
    newer = (
        schema.LATEST_VERSION + 1,
        "add a column",
        "ALTER TABLE uploads ADD COLUMN comment VARCHAR DEFAULT 'none'",
    )
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, newer])
    con = duckdb.connect(str(path))
    assert schema.migrate(con) == [newer[0]]
    assert con.execute("SELECT file_name, comment FROM uploads").fetchall() == [("a.xlsx", "none")]
    assert schema.current_version(con) == newer[0]


def test_a_failing_migration_changes_nothing(tmp_path, monkeypatch):
    con = duckdb.connect(str(tmp_path / "db.duckdb"))
    schema.migrate(con)
    broken = (
        schema.LATEST_VERSION + 1,
        "broken",
        "CREATE TABLE extra (x INT); ALTER TABLE no_such_table ADD COLUMN y INT",
    )
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, broken])
    with pytest.raises(duckdb.Error):
        schema.migrate(con)
    tables = {
        r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    }
    assert "extra" not in tables
    assert schema.current_version(con) == schema.LATEST_VERSION
