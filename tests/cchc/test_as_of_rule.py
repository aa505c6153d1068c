"""The as-of rule (cchc/queries.py's docstring): a figure for an as-of date D uses only what was
known by D. Property: adding any data dated after D (reports of later periods, completions after
D, index periods ending after D) changes no figure, table or sentence for D — in the queries the
pages read, the deck's takeaways and the report's text (issue #12)."""

from __future__ import annotations

import io
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc import db, indexview, queries, report, slides
from cchc.filters import Filters
from cchc.report import findings
from cchc.report.data import gather

UNIT = "Phường Võ Cường"
D = date(2026, 9, 30)
TODAY = date(2026, 11, 26)
Q3 = Filters(UNIT, 2026, "Q3", D, D)
H1 = Filters(UNIT, 2026, "Q2", date(2026, 6, 30), date(2026, 6, 30))


def snapshot(path: Path, f: Filters) -> dict[str, object]:
    """Every figure, table and sentence the pages, the deck and the report show for `f`."""
    with db.reading(path) as con:
        return _snapshot(lambda name, *args: queries.resolve(name)(con, *args), f)


def _snapshot(run, f: Filters) -> dict[str, object]:
    scope = f.scope
    out: dict[str, object] = {
        "headline": run("headline", scope),
        "by_area": run("status_counts", scope, "area"),
        "by_dept": run("status_counts", scope, "department"),
        "tasks": run("task_status", scope),
        "trend": run("completion_trend", scope, f.as_of),
        "over_time": run("status_over_time", scope, f.as_of),
        "matrix": run("done_matrix", scope),
        "missing": run("missing_reports", scope, f.report_period_end),
        "calendar": run("report_calendar", f.unit, f.year, f.as_of),
        "heads": run("index_headlines", f.unit, f.as_of),
    }
    for info in indexview.INDICES:
        out[f"index-{info.code}"] = run("index_scores", f.unit, info.code, f.as_of)
    context = slides.Context(run, scope, f.label(), f.unit)
    choices = slides.catalogue(run, f.unit, f.as_of)
    out["slides"] = [
        (s.key, s.title, s.takeaway) for s in slides.deck(context, [c.key for c in choices])
    ]
    data = gather(run, f, TODAY, lambda *_: None)
    out["report"] = (
        findings.reports_sentence(data),
        findings.strengths(data),
        findings.weaknesses(data),
        findings.focus(data),
        findings.recommendations(data),
        [findings.index_line(i, r) for i, r in data.heads("unit") + data.heads("province")],
        list(data.due_next(report.next_period(f))["code"]),
        data.procedures,
    )
    return out


def assert_same(before: dict[str, object], after: dict[str, object]) -> None:
    assert before.keys() == after.keys()
    for key, value in before.items():
        other = after[key]
        if isinstance(value, pd.DataFrame):
            pd.testing.assert_frame_equal(
                value.reset_index(drop=True), other.reset_index(drop=True), obj=key
            )
        else:
            assert value == other, key


# --- Later data ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    code: str
    status: str
    percent: float | None
    completed_after: int | None  # days after the period start, for a 'done' row


@dataclass(frozen=True)
class LaterReport:
    period: str  # a period starting after D, or '2026-Q3' for completions after D
    days_after: int  # the report's date, days after D
    rows: tuple[Row, ...]


PERIODS = {
    "2026-Q4": (date(2026, 10, 1), date(2026, 12, 31)),
    "2026-10": (date(2026, 10, 1), date(2026, 10, 31)),
    "2026-11": (date(2026, 11, 1), date(2026, 11, 30)),
    "2026-Q3": (date(2026, 7, 1), date(2026, 9, 30)),
}


def _codes(path: Path) -> list[str]:
    with duckdb.connect(str(path), read_only=True) as con:
        return [r[0] for r in con.execute("SELECT code FROM tasks ORDER BY seq").fetchall()]


@st.composite
def later_reports(draw, codes: list[str]) -> LaterReport:
    period = draw(st.sampled_from(sorted(PERIODS)))
    code_list = draw(st.lists(st.sampled_from(codes), min_size=1, max_size=12, unique=True))
    rows = []
    for code in code_list:
        # in the Q3 period only completions after D are "later" data; later periods anything
        status = (
            "done"
            if period == "2026-Q3"
            else draw(st.sampled_from(["done", "in_progress", "not_started"]))
        )
        percent = 100.0 if status == "done" else draw(st.none() | st.floats(0, 95).map(round))
        after = draw(st.integers(0, 60)) if status == "done" else None
        rows.append(Row(code, status, percent, after))
    return LaterReport(period, draw(st.integers(1, 80)), tuple(rows))


LATER_INDICES = st.lists(
    st.tuples(
        st.sampled_from(["766", "PAR", "SIPAS", "DDCI", "PCI"]),
        st.floats(40, 100).map(lambda x: round(x, 2)),
    ),
    max_size=6,
)


def add_later(path: Path, reports: list[LaterReport], indices: list[tuple[str, float]]) -> None:
    with duckdb.connect(str(path)) as con:
        next_id = con.execute("SELECT max(upload_id) FROM uploads").fetchone()[0] + 1
        for k, rep in enumerate(reports):
            start, end = PERIODS[rep.period]
            report_date = D + timedelta(days=rep.days_after)
            uid = next_id + k
            _upload(con, uid, "progress", rep.period, report_date)
            for row in rep.rows:
                completed = None
                if row.status == "done":
                    completed = max(start, D + timedelta(days=1)) + timedelta(
                        days=row.completed_after
                    )
                    report_date = max(report_date, completed)
                con.execute(
                    "INSERT INTO task_reports (upload_id, unit, plan_year, code, period, "
                    "period_start, period_end, department, reported_status, percent, "
                    "report_date, completed_on) VALUES (?, ?, 2026, ?, ?, ?, ?, NULL, ?, ?, ?, ?)",
                    [
                        uid,
                        UNIT,
                        row.code,
                        rep.period,
                        start,
                        end,
                        row.status,
                        row.percent,
                        report_date,
                        completed,
                    ],
                )
        uid = next_id + len(reports)
        for k, (index, score) in enumerate(indices):
            # a period ending after D: the 766 index monthly, the others for the year 2026
            period = f"2026-{10 + k % 3:02d}" if index == "766" else "2026"
            _upload(con, uid + k, index.lower(), period, None)
            con.execute(
                'INSERT INTO index_scores (upload_id, unit, "index", series, year, period, '
                "criterion, name, max_score, score) VALUES (?, ?, ?, 'unit', 2026, ?, '', "
                "'Tổng', 100, ?)",
                [uid + k, UNIT, index, period, score],
            )


def _upload(con, uid: int, kind: str, period: str, report_date: date | None) -> None:
    con.execute(
        "INSERT INTO uploads (upload_id, file_name, sha256, kind, unit, plan_year, period, "
        "report_date, rows, uploaded_at, status, is_demo) "
        "VALUES (?, ?, ?, ?, ?, 2026, ?, ?, 1, now(), 'loaded', true)",
        [uid, f"later-{uid}.xlsx", f"later-{uid}", kind, UNIT, period, report_date],
    )


# --- Tests -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def baseline(demo_db_master: Path) -> dict[str, dict[str, object]]:
    return {"Q3": snapshot(demo_db_master, Q3), "H1": snapshot(demo_db_master, H1)}


@pytest.fixture(scope="module")
def codes(demo_db_master: Path) -> list[str]:
    return _codes(demo_db_master)


def test_the_demo_has_later_data_that_the_rule_leaves_out(baseline):
    """The rule is not vacuous on the demo: T10's 766 figure and VII.2.3's completion on
    02/10 exist, and the figures for 30/09 leave them out."""
    heads = baseline["Q3"]["heads"].set_index("index")
    assert heads.loc["766", "period"] == "2026-09"
    tasks = baseline["Q3"]["tasks"].set_index("code")
    assert tasks.loc["VII.2.3", "status"] not in ("done_on_time", "done_late")


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_data_dated_after_the_as_of_date_changes_nothing(demo_db_master, baseline, codes, data):
    reports = data.draw(st.lists(later_reports(codes), min_size=1, max_size=4), label="reports")
    indices = data.draw(LATER_INDICES, label="indices")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cchc.duckdb"
        shutil.copy(demo_db_master, path)
        add_later(path, reports, indices)
        assert_same(baseline["Q3"], snapshot(path, Q3))
        assert_same(baseline["H1"], snapshot(path, H1))


def test_later_data_does_change_today_and_the_whole_report_for_q3_does_not(
    demo_db_master: Path, codes, tmp_path: Path
):
    """The same later data moves today's figures (so the property above is not vacuous) and
    leaves every paragraph of the Q3 report as it was."""
    path = tmp_path / "cchc.duckdb"
    shutil.copy(demo_db_master, path)
    before = report.build(queries.runner(path), Q3, TODAY)
    today = Filters(UNIT, 2026, "today", TODAY, D)
    before_today = queries.runner(path)("headline", today.scope)
    done = tuple(Row(c, "done", 100.0, 5) for c in codes[:20])
    add_later(path, [LaterReport("2026-10", 10, done)], [("766", 55.0), ("PAR", 60.0)])
    assert queries.runner(path)("headline", today.scope) != before_today
    after = report.build(queries.runner(path), Q3, TODAY)

    def text(data: bytes) -> list[str]:
        doc = Document(io.BytesIO(data))
        cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
        return [p.text for p in doc.paragraphs] + cells

    assert text(after) == text(before)
