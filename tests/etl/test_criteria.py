"""PAR INDEX criteria of a year, task -> criterion links and evidence: the write side (#17)."""

from __future__ import annotations

import io
from pathlib import Path

import duckdb
import openpyxl
import pytest

from cchc import db
from etl import criteria
from etl.errors import Rejected

UNIT, YEAR = "Phường Võ Cường", 2026


@pytest.fixture
def con(demo_db: Path):
    with db.writing(demo_db) as c:
        yield c


def test_criteria_of_the_year_come_from_the_latest_par_file_up_to_the_plan_year(con):
    year, tree = criteria.from_par_file(con, UNIT, YEAR)
    assert year == 2025
    codes = {c.code: c for c in tree}
    assert codes["1.1.1"].name == "Ban hành kế hoạch CCHC năm kịp thời"
    assert codes["1.1.1"].max_score == 1.0 and codes["1.1.1"].parent == "1.1"
    assert codes["3.2.1"].area == "procedures" and codes["8.1"].area == "impact"
    assert criteria.from_par_file(con, UNIT, 2020) == (None, [])  # no PAR year up to 2020
    done = criteria.install(con, UNIT, YEAR, "Kiểm thử")
    assert (done.source, done.source_year, done.criteria) == ("par_file", 2025, 58)
    # every leaf gets the documents its wording calls for, once: installing again adds none
    assert done.documents >= len(criteria.leaves(tree))
    assert criteria.install(con, UNIT, YEAR, "Kiểm thử").documents == 0


def test_without_a_par_file_the_default_set_sums_to_100(con):
    done = criteria.install(con, "Xã Không Có Tệp", YEAR)
    assert done.source == "default" and done.source_year is None
    tops = [c for c in criteria.default_criteria() if c.parent is None]
    assert sum(c.max_score for c in tops) == 100
    for top in tops:  # each area's criteria add up to the area's maximum
        kids = [c for c in criteria.default_criteria() if c.parent == top.code]
        assert sum(c.max_score for c in kids) == pytest.approx(top.max_score), top.code
    assert all(c.area for c in criteria.default_criteria())


def test_expected_documents_follow_the_wording():
    assert "Các báo cáo định kỳ đã gửi (quý, 6 tháng, năm) và văn bản gửi" in (
        criteria.expected_documents("Thực hiện chế độ báo cáo CCHC định kỳ")
    )
    assert criteria.expected_documents("Điều gì đó khác") == [criteria.GENERAL_DOCUMENT]


def test_link_score_prefers_the_right_criterion_and_the_same_area():
    right = criteria.link_score(
        "Xây dựng Đề án vị trí việc làm, cơ cấu ngạch công chức",
        "civil_service",
        "Vị trí việc làm và cơ cấu ngạch công chức",
        "Cải cách chế độ công vụ",
        "civil_service",
    )
    wrong = criteria.link_score(
        "Xây dựng Đề án vị trí việc làm, cơ cấu ngạch công chức",
        "civil_service",
        "Công khai TTHC tại Bộ phận Một cửa",
        "Cải cách thủ tục hành chính",
        "procedures",
    )
    assert right > 0.8 > 0.2 > wrong
    other_area = criteria.link_score(
        "Xây dựng Đề án vị trí việc làm, cơ cấu ngạch công chức",
        "procedures",
        "Vị trí việc làm và cơ cấu ngạch công chức",
        "Cải cách chế độ công vụ",
        "civil_service",
    )
    assert other_area < right


def test_proposals_on_the_demo_and_decisions_are_kept(con):
    criteria.install(con, UNIT, YEAR)
    n = criteria.propose(con, UNIT, YEAR, "Kiểm thử")
    rows = con.execute(
        "SELECT task_code, criterion, score FROM criterion_links WHERE state = 'proposed'"
    ).fetchall()
    assert len(rows) == n > 40
    assert ("V.1", "5.1", 1.0) in rows  # "Đề án vị trí việc làm" -> 5.1, certain
    assert all(criteria.MIN_SCORE <= s <= 1 for _, _, s in rows)
    criteria.decide(con, UNIT, YEAR, [("V.1", "5.1", "accepted")], "Lan")
    criteria.change_link(con, UNIT, YEAR, "V.4", "5.2.2", "5.2.1", "Lan")
    criteria.propose(con, UNIT, YEAR)  # again: decided pairs stay as decided
    states = dict(
        ((t, c), s)
        for t, c, s in con.execute(
            "SELECT task_code, criterion, state FROM criterion_links"
        ).fetchall()
    )
    assert states[("V.1", "5.1")] == "accepted"
    assert states[("V.4", "5.2.2")] == "rejected" and states[("V.4", "5.2.1")] == "accepted"


def test_a_link_to_an_unknown_task_or_criterion_is_rejected_with_both_problems(con):
    criteria.install(con, UNIT, YEAR)
    with pytest.raises(Rejected) as exc:
        criteria.add_link(con, UNIT, YEAR, "IX.9", "9.9", "Lan")
    assert [p.code for p in exc.value.problems] == ["unknown_task", "unknown_criterion"]
    with pytest.raises(Rejected):  # a parent task or an area is not linked
        criteria.add_link(con, UNIT, YEAR, "VII.2", "7", "Lan")
    assert con.execute("SELECT count(*) FROM criterion_links").fetchone()[0] == 0


def _sheet(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Liên kết"
    ws.append(["Bảng liên kết nhiệm vụ với tiêu chí"])  # a title row above the header
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def test_a_links_sheet_imports_all_or_nothing_with_rows_named(con):
    criteria.install(con, UNIT, YEAR)
    good = _sheet(
        [
            ["Ma nhiem vu", "Mã tiêu chí", "Trạng thái"],
            ["V.1", "5.1", "Đồng ý"],
            ["I.3", "1.2", ""],
            ["V.4", "5.2.2", "Không liên kết"],
        ]
    )
    assert criteria.import_sheet(con, UNIT, YEAR, "lk.xlsx", good, "Lan") == 3
    bad = _sheet(
        [
            ["Mã nhiệm vụ", "Mã tiêu chí", "Trạng thái"],
            ["V.1", "5.1", "Đồng ý"],
            ["V.2", "99.1", "Đồng ý"],
            ["V.3", "5.3", "có lẽ"],
        ]
    )
    with pytest.raises(Rejected) as exc:
        criteria.import_sheet(con, UNIT, YEAR, "lk.xlsx", bad, "Lan")
    assert [(p.row, p.code) for p in exc.value.problems] == [(5, "state")]
    bad = _sheet([["Mã nhiệm vụ", "Mã tiêu chí"], ["V.2", "99.1"]])
    with pytest.raises(Rejected) as exc:
        criteria.import_sheet(con, UNIT, YEAR, "lk.xlsx", bad, "Lan")
    assert [(p.row, p.code, p.sheet) for p in exc.value.problems] == [
        (3, "unknown_criterion", "Liên kết")
    ]
    states = con.execute(
        "SELECT task_code, criterion, state FROM criterion_links ORDER BY 1"
    ).fetchall()
    assert states == [
        ("I.3", "1.2", "accepted"),
        ("V.1", "5.1", "accepted"),
        ("V.4", "5.2.2", "rejected"),
    ]
    with pytest.raises(Rejected) as exc:
        criteria.import_sheet(con, UNIT, YEAR, "lk.xlsx", b"not a workbook", "Lan")
    assert exc.value.problems[0].code == "unreadable"


def test_the_exported_sheet_reads_back(con):
    from cchc import criteria_queries, criteria_view

    criteria.install(con, UNIT, YEAR)
    criteria.propose(con, UNIT, YEAR)
    links = criteria_queries.links(con, UNIT, YEAR)
    data = criteria_view.links_sheet(links)
    changes, _, _ = criteria.read_sheet("x.xlsx", data)
    assert len(changes) == len(links)
    assert {(t, c) for t, c, s in changes} == set(
        zip(links.task_code, links.criterion, strict=True)
    )
    assert {s for _, _, s in changes} == {"proposed"}


def test_evidence_files_are_archived_by_hash_and_marked(con, demo_db):
    criteria.install(con, UNIT, YEAR)
    name, digest, path = criteria.archive_evidence(demo_db, "Kế hoạch.pdf", b"%PDF-1.4 demo")
    assert Path(path) == demo_db.parent / "archive" / "evidence" / digest[:2] / f"{digest}.pdf"
    assert Path(path).read_bytes() == b"%PDF-1.4 demo"
    from etl import archive  # `etl archive --clean` leaves evidence alone: no upload names it

    assert Path(path) not in archive.orphans(demo_db, set())
    new = criteria.add_evidence(
        con, UNIT, YEAR, "1.2", "Báo cáo quý III", "Lan", file=(name, digest, path)
    )
    row = con.execute(
        "SELECT present, file_name, sha256, added_by, source FROM criterion_evidence"
        " WHERE evidence_id = ?",
        [new],
    ).fetchone()
    assert row == (True, "Kế hoạch.pdf", digest, "Lan", "unit")
    wording = con.execute(
        "SELECT evidence_id FROM criterion_evidence WHERE source = 'wording' LIMIT 1"
    ).fetchone()[0]
    criteria.set_evidence(con, wording, True, "Hà", url="https://example.org/x")
    assert con.execute(
        "SELECT present, url, added_by FROM criterion_evidence WHERE evidence_id = ?", [wording]
    ).fetchone() == (True, "https://example.org/x", "Hà")
    with pytest.raises(Rejected) as exc:
        criteria.add_evidence(con, UNIT, YEAR, "1", "", "Lan", url="ftp://x")
    assert {p.code for p in exc.value.problems} == {"bad_url", "missing_title", "unknown_criterion"}


def test_the_demo_gets_criteria_accepted_links_proposals_and_some_evidence(con):
    said = criteria.install_demo(con)
    assert "58 tiêu chí" in said
    counts = dict(
        con.execute("SELECT state, count(*) FROM criterion_links GROUP BY state").fetchall()
    )
    assert counts["accepted"] == 56 and counts["proposed"] > 0
    assert con.execute(
        "SELECT count(*) FROM criterion_evidence WHERE present AND is_demo"
    ).fetchone()[0] == len(criteria.DEMO_EVIDENCE)
    vias = con.execute(  # the demo is set up by a command, not on the page
        "SELECT DISTINCT via, actor FROM audit_log WHERE action LIKE 'criteria%'"
    ).fetchall()
    assert vias == [("cli", criteria.DEMO_BY)]


def test_migration_6_makes_the_tables():
    from etl import schema

    c = duckdb.connect(":memory:")
    schema.migrate(c)
    rows = c.execute("SELECT table_name FROM information_schema.tables").fetchall()
    names = {r[0] for r in rows}
    assert {"par_criteria", "criterion_links", "criterion_evidence"} <= names
    assert [m[0] for m in schema.MIGRATIONS if m[1].startswith("criteria")] == [6]


def test_writes_go_to_the_audit_trail(con):
    criteria.install(con, UNIT, YEAR, "Lan")
    criteria.add_link(con, UNIT, YEAR, "V.2", "5.3", "Lan")
    new = criteria.add_evidence(con, UNIT, YEAR, "5.3", "Danh sách cử đi học", "Hà")
    criteria.set_evidence(con, new, True, "Hà", url="https://example.org/ds")
    rows = con.execute(
        "SELECT actor, via, action, unit, detail FROM audit_log ORDER BY audit_id"
    ).fetchall()
    assert rows[-4:] == [
        ("Lan", "web", "criteria_install", UNIT, "2026: 58 tiêu chí (par_file)"),
        ("Lan", "web", "criteria_links", UNIT, "2026: 1 liên kết"),
        ("Hà", "web", "evidence_add", UNIT, "2026 5.3: Danh sách cử đi học"),
        ("Hà", "web", "evidence_set", UNIT, "2026 5.3: Danh sách cử đi học — có"),
    ]


def test_the_page_saves_only_the_states_changed_in_its_editor():
    import pandas as pd

    from cchc import criteria_view

    links = pd.DataFrame(
        {
            "task_code": ["V.1", "V.2", "V.3"],
            "title": ["a", "b", None],
            "criterion": ["5.1", "5.3", "5.3"],
            "criterion_name": ["x", "y", "y"],
            "score": [1.0, 0.5, None],
            "state": ["proposed", "proposed", "accepted"],
        }
    )
    before = criteria_view.links_frame(links)
    assert before["Nhiệm vụ"].tolist()[2] == "(không còn trong kế hoạch)"
    after = before.copy()
    after.loc[0, "Trạng thái"] = "Đồng ý"
    after.loc[2, "Trạng thái"] = "Không liên kết"
    assert criteria_view.changed_states(before, after) == [
        ("V.1", "5.1", "accepted"),
        ("V.3", "5.3", "rejected"),
    ]
