"""`python -m etl rebuild --from data/archive` (#16, finding 4): the journal replayed in order,
with its options and undos, gives views identical to the original's."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from etl import cli, journal, rebuild
from etl.cli import demo_files
from etl.history import undo
from etl.load import Options, load_path
from tests.etl.loading import load
from tests.workbooks import plan_xlsx, report_xlsx

ROW_I1 = [
    "1",
    "Ban hành Kế hoạch tuyên truyền cải cách hành chính năm 2026 của UBND phường",
    "VHXH",
    "31/01/2026",
]


def every_view(path: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(path), read_only=True) as con:
        views = [
            r[0]
            for r in con.execute(
                "SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY view_name"
            ).fetchall()
        ]
        return {v: con.execute(f'SELECT * FROM "{v}" ORDER BY ALL').fetchall() for v in views}


@pytest.fixture(scope="module")
def history_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo loaded; a report given its period explicitly, undone, and loaded again; an
    index file and a report undone (the replaced ones come back)."""
    path = tmp_path_factory.mktemp("history") / "data" / "cchc.duckdb"
    for f in demo_files():
        assert load_path(f, Options(uploaded_by="demo", is_demo=True), path).status == "loaded"
    blank_period = report_xlsx([[*ROW_I1, "Đã hoàn thành", 100]], period_text="Quý … năm 2026")
    q4 = load(path, blank_period, "bc-q4.xlsx", period="2026-Q4", uploaded_by="Lan")
    assert q4.status == "loaded", [str(p) for p in q4.problems]
    assert undo(q4.upload_id, path, user="Lan").ok
    with duckdb.connect(str(path), read_only=True) as con:
        index_upload, report_upload = con.execute(
            "SELECT max(upload_id) FILTER (kind NOT IN ('plan', 'progress')),"
            " max(upload_id) FILTER (kind = 'progress' AND status = 'loaded') FROM uploads"
        ).fetchone()
    assert undo(index_upload, path).ok
    assert undo(report_upload, path).ok
    again = load(path, blank_period, "bc-q4-lai.xlsx", period="2026-Q4", uploaded_by="Hà")
    assert again.status == "loaded"  # the undone content, loaded again
    return path


@pytest.fixture
def history(history_master: Path, tmp_path: Path) -> Path:
    """A private copy of the database with its archive and journal."""
    shutil.copytree(history_master.parent, tmp_path / "data")
    return tmp_path / "data" / history_master.name


def test_rebuild_gives_every_view_identical(
    history: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = tmp_path / "new" / "cchc.duckdb"
    source = history.parent / "archive"
    assert cli.main(["rebuild", "--from", str(source), "--db", str(new)]) == 0
    out = capsys.readouterr().out
    loads = sum(e["action"] == "load" for e in journal.read(source / "journal.jsonl").entries)
    assert out.startswith(f"✓ Đã dựng lại {new}: {loads} lần nạp, 3 lần hoàn tác, theo đúng thứ tự")
    original, rebuilt = every_view(history), every_view(new)
    assert {"v_tasks", "v_task_reports", "v_index_scores", "v_uploads"} <= set(original)
    assert rebuilt == original
    with duckdb.connect(str(new), read_only=True) as con:  # undone uploads stay undone
        undone = con.execute("SELECT count(*) FROM uploads WHERE status = 'rolled_back'")
        assert undone.fetchone()[0] == 3
    # the new database has its own copy of the journal and the originals: it can be rebuilt too
    again = tmp_path / "again" / "cchc.duckdb"
    rebuild.rebuild(new.parent / "archive", again)
    assert every_view(again) == original


def test_rebuild_never_overwrites_and_says_what_is_missing(
    history: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = history.parent / "archive"
    assert cli.main(["rebuild", "--from", str(source), "--db", str(history)]) == 1
    assert "không ghi đè" in capsys.readouterr().err
    first = journal.read(source / "journal.jsonl").entries[0]
    (source / first["archive"]).unlink()
    target = history.parent / "rebuilt.duckdb"
    assert cli.main(["rebuild", "--from", str(source), "--db", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(
        f"✗ Không dựng lại được: dòng 1 của nhật ký (lần nạp #1, {first['file_name']})"
    )
    assert "không có tệp gốc" in err and "Traceback" not in err
    assert not target.exists()


def test_a_name_taught_before_a_load_is_replayed_with_it(empty_db: Path, tmp_path: Path) -> None:
    """A plan naming a department by a taught name rebuilds although no alias command is in
    the journal: the load's line carries the unit's taught names."""
    assert cli.main(["alias", "add", "Tổ một cửa", "TTPVHCC", "--db", str(empty_db)]) == 0
    body = [
        ["I", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"],
        ["1", "Niêm yết TTHC", "Tổ một cửa", None, "Năm 2026"],
    ]
    assert load(empty_db, plan_xlsx(body), "plan.xlsx").status == "loaded"
    assert cli.main(["alias", "remove", "Tổ một cửa", "--db", str(empty_db)]) == 0
    new = tmp_path / "new" / "cchc.duckdb"
    rebuild.rebuild(empty_db.parent / "archive", new)
    assert every_view(new) == every_view(empty_db)


def test_roles_and_the_units_registry_are_rebuilt_in_order(empty_db: Path, tmp_path: Path) -> None:
    """Without them a rebuilt database would let nobody log in: each role given or taken and
    each registry saved has its journal line, replayed in its place among the loads."""
    from cchc import db
    from etl import audit, roles, units

    admin = audit.Actor("Quản trị", via="cli", os_user="qt")
    assert load(empty_db, plan_xlsx(), "plan.xlsx").status == "loaded"
    with db.writing(empty_db) as con:
        units.save(con, [units.Unit("Phường Võ Cường", "phuong", "Bắc Ninh", "09187", ("P. VC",))])
        roles.set_role(con, roles.Grant("ld@vc.gov.vn", "viewer", "Phường Võ Cường"), admin)
        roles.set_role(con, roles.Grant("qt@vc.gov.vn", "unit_admin", "Phường Võ Cường"), admin)
        roles.set_role(con, roles.Grant("ld@vc.gov.vn", "unit_admin", "Phường Võ Cường"), admin)
        roles.remove_role(con, "qt@vc.gov.vn", admin)

    def state(path: Path) -> tuple[list[tuple], list[tuple]]:
        with duckdb.connect(str(path), read_only=True) as con:
            return (
                con.execute(
                    "SELECT login, role, unit, province, department, name FROM user_roles"
                ).fetchall(),
                con.execute("SELECT name, level, province, code, aliases FROM units").fetchall(),
            )

    new = tmp_path / "new" / "cchc.duckdb"
    done = rebuild.rebuild(empty_db.parent / "archive", new)
    assert (done.loads, done.undos, done.others) == (1, 0, 5)
    assert state(new) == state(empty_db)
    assert state(new)[0] == [("ld@vc.gov.vn", "unit_admin", "Phường Võ Cường", None, None, None)]
    assert every_view(new) == every_view(empty_db)


def test_criteria_links_and_evidence_are_rebuilt(history: Path, tmp_path: Path) -> None:
    """The demo's criteria, its links (proposed and decided) and its documents, then a link
    changed, a document with a file added and one marked missing: all come back."""
    from cchc import db
    from etl import criteria

    unit, year = "Phường Võ Cường", 2026
    with db.writing(history) as con:
        if not con.execute("SELECT count(*) FROM par_criteria").fetchone()[0]:
            criteria.install_demo(con)
        task, crit = con.execute(
            "SELECT task_code, criterion FROM criterion_links WHERE state = 'accepted' LIMIT 1"
        ).fetchone()
        criteria.decide(con, unit, year, [(task, crit, "rejected")], "Lan")
        file = criteria.archive_evidence(history, "bien-ban.pdf", b"%PDF-1.4 bien ban")
        criteria.add_evidence(con, unit, year, crit, "Biên bản kiểm tra", "Hà", file=file)
        first = con.execute("SELECT min(evidence_id) FROM criterion_evidence").fetchone()[0]
        criteria.set_evidence(con, first, False, "Hà")

    def state(path: Path) -> dict[str, list[tuple]]:
        with duckdb.connect(str(path), read_only=True) as con:
            return {
                "criteria": con.execute(
                    "SELECT unit, year, code, name, max_score FROM par_criteria ORDER BY ALL"
                ).fetchall(),
                "links": con.execute(
                    "SELECT unit, year, task_code, criterion, state FROM criterion_links"
                    " ORDER BY ALL"
                ).fetchall(),
                "evidence": con.execute(
                    "SELECT unit, year, criterion, title, present, url, sha256, added_by"
                    " FROM criterion_evidence ORDER BY ALL"
                ).fetchall(),
            }

    new = tmp_path / "new" / "cchc.duckdb"
    rebuild.rebuild(history.parent / "archive", new)
    assert state(new) == state(history)
    assert ("Biên bản kiểm tra", "Hà") in {(r[3], r[7]) for r in state(new)["evidence"]}
    kept = criteria._evidence_file(new.parent / "archive", "bien-ban.pdf", file[1])
    assert kept.read_bytes() == b"%PDF-1.4 bien ban"
