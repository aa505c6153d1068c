"""Queries against a small database built by hand, where every expected count is worked out in
the test itself."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from cchc import queries as q
from cchc import tasklist
from etl.schema import migrate

UNIT = "Phường Thử"
AS_OF = date(2026, 9, 30)

# code, parent, area, lead, deadline, continuous
TASKS = [
    ("I.1", None, "direction", "VHXH", date(2026, 3, 31), False),  # done in Q1 -> on time
    ("I.2", None, "direction", "VHXH", date(2026, 3, 31), False),  # done only in Q2 -> late
    ("I.3", None, "direction", "VP", date(2026, 9, 30), False),  # deadline == as-of -> in progress
    ("II.1", None, "institutions", "VP", date(2026, 6, 30), False),  # in progress, past -> overdue
    ("II.2", None, "institutions", "VP", None, True),  # Thường xuyên -> continuous
    ("II.3", None, "institutions", "KTHTDT", date(2026, 12, 31), False),  # no report -> no_report
    ("III.1", None, "procedures", "TTPVHCC", None, False),  # parent: not counted itself
    ("III.1.1", "III.1", "procedures", "TTPVHCC", date(2026, 12, 31), False),  # parent done
    ("III.1.2", "III.1", "procedures", "TTPVHCC", date(2026, 10, 15), False),  # own: not started
    ("III.2", None, "procedures", "TTPVHCC", date(2026, 10, 20), False),  # done only in Q4 report
]
# upload, code, period, period_start, period_end, status, percent, report_date
REPORTS = [
    (2, "I.1", "2026-Q1", date(2026, 1, 1), date(2026, 3, 31), "done", 100.0, date(2026, 3, 16)),
    (
        2,
        "I.2",
        "2026-Q1",
        date(2026, 1, 1),
        date(2026, 3, 31),
        "in_progress",
        50.0,
        date(2026, 3, 16),
    ),
    (3, "I.2", "2026-Q2", date(2026, 4, 1), date(2026, 6, 30), "done", 100.0, date(2026, 6, 15)),
    (
        3,
        "I.3",
        "2026-Q2",
        date(2026, 4, 1),
        date(2026, 6, 30),
        "in_progress",
        40.0,
        date(2026, 6, 15),
    ),
    (
        3,
        "II.1",
        "2026-Q2",
        date(2026, 4, 1),
        date(2026, 6, 30),
        "in_progress",
        60.0,
        date(2026, 6, 15),
    ),
    (3, "III.1", "2026-Q2", date(2026, 4, 1), date(2026, 6, 30), "done", 100.0, date(2026, 6, 15)),
    (
        3,
        "III.1.2",
        "2026-Q2",
        date(2026, 4, 1),
        date(2026, 6, 30),
        "not_started",
        0.0,
        date(2026, 6, 15),
    ),
    (
        5,
        "III.2",
        "2026-Q4",
        date(2026, 10, 1),
        date(2026, 12, 31),
        "done",
        100.0,
        date(2026, 10, 10),
    ),
    # a superseded upload: its report must be ignored
    (4, "II.3", "2026-Q2", date(2026, 4, 1), date(2026, 6, 30), "done", 100.0, date(2026, 6, 1)),
]
# upload_id, kind, department, period, status
UPLOADS = [
    (1, "plan", None, None, "loaded"),
    (2, "progress", "VHXH", "2026-Q1", "loaded"),
    (3, "progress", "ALL", "2026-Q2", "loaded"),
    (4, "progress", "KTHTDT", "2026-Q2", "superseded"),
    (5, "progress", "TTPVHCC", "2026-Q4", "loaded"),
]


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    c = duckdb.connect(":memory:")
    migrate(c)
    for upload_id, kind, dept, period, status in UPLOADS:
        c.execute(
            "INSERT INTO uploads (upload_id, file_name, sha256, kind, unit, plan_year, period,"
            " department, rows, uploaded_at, status) VALUES (?, ?, ?, ?, ?, 2026, ?, ?, 1,"
            " TIMESTAMP '2026-10-01 08:00:00', ?)",
            [upload_id, f"f{upload_id}.xlsx", f"h{upload_id}", kind, UNIT, period, dept, status],
        )
    for seq, (code, parent, area, lead, deadline, continuous) in enumerate(TASKS):
        c.execute(
            "INSERT INTO tasks (upload_id, unit, plan_year, seq, area, code, parent_code, title,"
            " lead_department, support_departments, deadline, deadline_text, continuous)"
            " VALUES (1, ?, 2026, ?, ?, ?, ?, ?, ?, [], ?, '', ?)",
            [UNIT, seq, area, code, parent, f"Nhiệm vụ {code}", lead, deadline, continuous],
        )
    for upload_id, code, period, start, end, status, percent, report_date in REPORTS:
        c.execute(
            "INSERT INTO task_reports (upload_id, unit, plan_year, code, period, period_start,"
            " period_end, department, reported_status, percent, report_date)"
            " VALUES (?, ?, 2026, ?, ?, ?, ?, NULL, ?, ?, ?)",
            [upload_id, UNIT, code, period, start, end, status, percent, report_date],
        )
    return c


def statuses(con: duckdb.DuckDBPyConnection, as_of: date) -> dict[str, str]:
    df = q.task_status(con, q.Scope(UNIT, 2026, as_of))
    return dict(zip(df["code"], df["status"], strict=True))


def test_status_rules_at_end_of_q3(con):
    assert statuses(con, AS_OF) == {
        "I.1": "done_on_time",  # done 16/03, deadline 31/03
        "I.2": "done_late",  # first 'done' is the Q2 report of 15/06, deadline 31/03
        "I.3": "in_progress",  # deadline is the as-of date itself: still within the deadline
        "II.1": "overdue",  # 60% on 15/06, deadline 30/06 passed
        "II.2": "continuous",
        "II.3": "no_report",  # its only report belongs to a superseded upload
        "III.1.1": "done_on_time",  # no report of its own: takes the parent's 'done'
        "III.1.2": "not_started",  # its own report wins over the parent's
        "III.2": "no_report",  # the Q4 report starts after the as-of date: ignored
    }


def test_parent_tasks_are_not_counted(con):
    df = q.task_status(con, q.Scope(UNIT, 2026, AS_OF))
    assert "III.1" not in set(df["code"])
    assert len(df) == 9


def test_a_later_report_counts_once_its_period_has_started(con):
    assert statuses(con, date(2026, 10, 25))["III.2"] == "done_on_time"  # done 10/10, due 20/10
    assert statuses(con, date(2026, 10, 25))["III.1.2"] == "overdue"  # due 15/10, not started


def test_headline_counts(con):
    h = q.headline(con, q.Scope(UNIT, 2026, AS_OF))
    # 9 leaf tasks; 1 continuous; done: I.1, I.2, III.1.1 = 3 of the 8 non-continuous
    assert (h["tasks"], h["continuous"], h["done"], h["done_late"]) == (9, 1, 3, 1)
    assert (h["overdue"], h["no_report"]) == (1, 2)
    assert h["done_rate"] == pytest.approx(3 / 8)
    # open tasks due within 30 days of 30/09: I.3 (30/09), III.1.2 (15/10), III.2 (20/10)
    assert h["due_30"] == 3
    # within 7 days: I.3 only
    assert h["due_7"] == 1


def test_status_counts_by_area_include_every_status(con):
    counts = q.status_counts(con, q.Scope(UNIT, 2026, AS_OF), "area")
    assert list(dict.fromkeys(counts["grp"])) == ["direction", "institutions", "procedures"]
    got = {
        (g, s): n
        for g, s, n in counts[counts["n"] > 0][["grp", "status", "n"]].itertuples(index=False)
    }
    assert got == {
        ("direction", "done_on_time"): 1,
        ("direction", "done_late"): 1,
        ("direction", "in_progress"): 1,
        ("institutions", "overdue"): 1,
        ("institutions", "continuous"): 1,
        ("institutions", "no_report"): 1,
        ("procedures", "done_on_time"): 1,
        ("procedures", "not_started"): 1,
        ("procedures", "no_report"): 1,
    }
    assert len(counts) == 3 * 7  # zero rows too, so every chart has the same legend order
    direction = counts[counts["grp"] == "direction"]
    assert direction["share"].sum() == pytest.approx(1.0)


def test_status_counts_by_department(con):
    counts = q.status_counts(con, q.Scope(UNIT, 2026, AS_OF), "department")
    totals = counts.groupby("grp")["n"].sum().to_dict()
    assert totals == {"VHXH": 2, "VP": 3, "KTHTDT": 1, "TTPVHCC": 3}
    assert list(dict.fromkeys(counts["grp"])) == ["VHXH", "VP", "KTHTDT", "TTPVHCC"]


def test_overdue_list_says_how_late(con):
    late = tasklist.overdue(q.task_status(con, q.Scope(UNIT, 2026, AS_OF)), AS_OF)
    assert list(late["code"]) == ["II.1"]
    assert list(late["days_late"]) == [92]  # 30/06 -> 30/09


def test_due_soon(con):
    soon = tasklist.due_soon(q.task_status(con, q.Scope(UNIT, 2026, AS_OF)), AS_OF, 30)
    assert list(soon["code"]) == ["I.3", "III.1.2", "III.2"]


def test_missing_reports_per_period(con):
    scope = q.Scope(UNIT, 2026, AS_OF)
    # Q1: only VHXH reported (its own upload)
    assert q.missing_reports(con, scope, date(2026, 3, 31)) == ["VP", "KTHTDT", "TTPVHCC"]
    # Q2: the combined report covers VHXH, VP and TTPVHCC tasks; KTHTDT's own report was
    # superseded, so KTHTDT has not reported
    assert q.missing_reports(con, scope, date(2026, 6, 30)) == ["KTHTDT"]
    # Q3: nobody
    assert q.missing_reports(con, scope, date(2026, 9, 30)) == ["VHXH", "VP", "KTHTDT", "TTPVHCC"]


def test_what_is_loaded(con):
    assert q.units(con) == [UNIT]
    assert q.plan_years(con, UNIT) == [2026]
    assert q.reported_periods(con, UNIT, 2026) == ["2026-Q1", "2026-Q2", "2026-Q4"]
    assert q.is_demo(con, UNIT) is False


def test_narrowing_by_area_and_department(con):
    scope = q.Scope(UNIT, 2026, AS_OF)
    assert q.headline(con, scope.narrowed(area="procedures"))["tasks"] == 3
    # VP leads I.3, II.1, II.2; nobody lists VP as support in this plan
    assert q.headline(con, scope.narrowed(department="VP"))["tasks"] == 3
    assert q.headline(con, scope.narrowed(department="VP", lead_only=True))["tasks"] == 3


def test_checkpoints_and_trend_against_the_ideal_pace(con):
    assert q.checkpoints(2026, date(2026, 11, 26)) == [
        ("Quý I", date(2026, 3, 31)),
        ("6 tháng", date(2026, 6, 30)),
        ("Quý III", date(2026, 9, 30)),
        ("Đến 26/11", date(2026, 11, 26)),
    ]
    trend = q.completion_trend(con, q.Scope(UNIT, 2026, AS_OF), date(2026, 9, 30))
    assert list(trend["label"]) == ["Quý I", "6 tháng", "Quý III"]
    # 8 non-continuous leaf tasks; done by 31/03: I.1; by 30/06: I.1, I.2, III.1.1; 30/09 same
    assert list(trend["done"]) == [1, 3, 3]
    # due by 31/03: I.1, I.2; by 30/06: + II.1; by 30/09: + I.3
    assert list(trend["due"]) == [2, 3, 4]
    assert trend["ideal"].iloc[-1] == pytest.approx(4 / 8)


def test_done_matrix(con):
    m = q.done_matrix(con, q.Scope(UNIT, 2026, AS_OF))
    got = {(r.department, r.area): (r.done, r.total) for r in m.itertuples()}
    assert got == {
        ("VHXH", "direction"): (2, 2),
        ("VP", "direction"): (0, 1),
        ("VP", "institutions"): (0, 1),  # II.2 is continuous: not counted
        ("KTHTDT", "institutions"): (0, 1),
        ("TTPVHCC", "procedures"): (1, 3),
    }


def test_report_calendar_marks_late_and_missing_reports(con):
    cal = q.report_calendar(con, UNIT, 2026, date(2026, 9, 30))
    got = {(r.department, r.period): (r.state, r.report_date) for r in cal.itertuples()}
    assert got[("VHXH", "Quý I")] == ("on_time", date(2026, 3, 16))
    assert got[("VP", "Quý I")] == ("missing", None)
    assert got[("VP", "Quý II")] == ("on_time", date(2026, 6, 15))  # via the combined report
    assert got[("KTHTDT", "Quý II")] == ("missing", None)  # its own report was superseded
    assert got[("TTPVHCC", "Quý III")] == ("missing", None)
    assert len(cal) == 4 * 3


def test_late_reports(con):
    con.execute("UPDATE uploads SET report_date = DATE '2026-07-02' WHERE upload_id = 3")
    late = q.late_reports(con, UNIT, 2026)
    assert list(late["period"]) == ["2026-Q2"]
    assert late["due_date"].iloc[0].date() == date(2026, 6, 20)


def test_status_over_time_and_task_history(con):
    over = q.status_over_time(con, q.Scope(UNIT, 2026, AS_OF), date(2026, 9, 30))
    q1 = over[over["label"] == "Quý I"].set_index("status")["n"].to_dict()
    # at 31/03: I.1 done on time; I.2 due 31/03 in progress; II.2 continuous; rest no report
    assert q1 == {"done_on_time": 1, "in_progress": 1, "continuous": 1, "no_report": 6}
    history = q.task_history(con, UNIT, 2026, "I.2")
    assert list(history["period"]) == ["2026-Q2", "2026-Q1"]


def test_index_scores_and_headlines(con):
    con.execute(
        "INSERT INTO uploads (upload_id, file_name, sha256, kind, unit, rows, uploaded_at, status)"
        " VALUES (10, 'par.xlsx', 'p', 'par', ?, 4, TIMESTAMP '2026-01-01', 'loaded'),"
        " (11, 'old.xlsx', 'o', 'par', ?, 1, TIMESTAMP '2025-01-01', 'superseded')",
        [UNIT, UNIT],
    )
    rows = [
        (10, "unit", 2024, "2024", "", "Tổng", 100.0, 85.4),
        (10, "unit", 2025, "2025", "", "Tổng", 100.0, 88.7),
        (10, "province_avg", 2025, "2025", "", "Tổng", 100.0, 86.0),
        (10, "unit", 2025, "2025", "1", "Chỉ đạo", 10.0, 9.5),
        (11, "unit", 2026, "2026", "", "Tổng", 100.0, 50.0),  # superseded: never shown
    ]
    for upload, series, year, period, crit, name, mx, score in rows:
        con.execute(
            'INSERT INTO index_scores (upload_id, unit, "index", series, year, period, criterion,'
            " name, max_score, score) VALUES (?, ?, 'PAR', ?, ?, ?, ?, ?, ?, ?)",
            [upload, UNIT, series, year, period, crit, name, mx, score],
        )
    scores = q.index_scores(con, UNIT, "PAR")
    assert len(scores) == 4 and 50.0 not in set(scores["score"])
    head = q.index_headlines(con, UNIT).iloc[0]
    assert (head["index"], head["period"], head["score"]) == ("PAR", "2025", 88.7)
    assert (head["previous_period"], head["previous_score"]) == ("2024", 85.4)
    # the contract view shows the unit's own series only
    own = con.execute("SELECT count(*) FROM v_index_scores WHERE \"index\" = 'PAR'").fetchone()[0]
    assert own == 3


def test_uploads_are_scoped_paged_and_searched(demo_db_master):
    from cchc import db

    with db.reading(demo_db_master) as con:
        every = q.uploads(con)
        assert list(every["upload_id"]) == sorted(every["upload_id"], reverse=True)
        assert q.upload_count(con) == len(every)
        page = q.uploads(con, None, None, 5, 5)
        assert list(page["upload_id"]) == list(every["upload_id"].iloc[5:10])
        assert q.upload_count(con, "Xã Khác") == 0
        q3 = q.uploads(con, "Phường Võ Cường", "Q3-2026")
        assert len(q3) == q.upload_count(con, "Phường Võ Cường", "q3-2026") >= 3
        assert q3["file_name"].str.contains("q3-2026").all()
        assert list(q.uploads_by_id(con, (2, 3))["upload_id"]) == [3, 2]
