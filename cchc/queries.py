"""Every read query of the dashboard. Each function takes a connection and filters and returns
a DataFrame (or plain values); pages never write SQL.

Status of a task at an as-of date (the rules the README documents):
- only leaf tasks count (a parent rolls up from its sub-tasks); a sub-task without a report of
  its own takes its parent's report;
- a report counts when its period starts on or before the as-of date; the latest one (by
  report date, then period) is the task's state;
- 'Thường xuyên' (continuous) tasks are `continuous`, whatever their reports say;
- reported done (or 100%) -> `done_on_time` when the completion date is on or before the
  deadline, else `done_late`; the completion date is that of the first counted report saying
  done (its row's completion date when given, else the report's date);
- a report row saying done with a completion date after the as-of date does not count at that
  date (it had not happened yet): the task's state is its report before;
- an index period counts when it ended on or before the as-of date (the 766 index for T10 is
  not part of a figure as of 30/09).
- not done and the deadline is before the as-of date -> `overdue` (a deadline on the as-of date
  is still within the deadline);
- no report at all -> `no_report`; otherwise `in_progress` or `not_started` as reported.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from cchc import db
from cchc.vocab import PLAN_AREAS, STATUSES, department_codes

Con = duckdb.DuckDBPyConnection


def status_sql(units: str = "= $unit") -> str:
    """The status CTEs for the units `unit <units>` selects: one ('= $unit', what every page
    uses) or many at once ("IN (SELECT name FROM units WHERE province = $province)", the
    province page); each unit's tasks and reports are matched within that unit."""
    return f"""
WITH plan AS (
    SELECT t.* FROM tasks t JOIN uploads u USING (upload_id)
    WHERE u.status = 'loaded' AND t.unit {units} AND t.plan_year = $year
),
leaf AS (
    SELECT p.* FROM plan p
    WHERE NOT EXISTS (SELECT 1 FROM plan c WHERE c.unit = p.unit AND c.parent_code = p.code)
      AND ($area IS NULL OR p.area = $area)
      AND ($department IS NULL OR p.lead_department = $department
           OR (NOT $lead_only AND list_contains(p.support_departments, $department)))
),
latest AS (
    SELECT r.*,
           min(CASE WHEN r.reported_status = 'done' THEN coalesce(r.completed_on, r.report_date) END)
               OVER (PARTITION BY r.unit, r.code) AS first_done_on
    FROM task_reports r JOIN uploads u USING (upload_id)
    WHERE u.status = 'loaded' AND r.unit {units} AND r.plan_year = $year
      AND r.period_start <= $as_of
      -- a completion after the as-of date had not happened yet: the task's state at that date
      -- is its report before
      AND NOT (r.reported_status = 'done' AND coalesce(r.completed_on, r.report_date) > $as_of)
    QUALIFY row_number() OVER (
        PARTITION BY r.unit, r.code ORDER BY r.report_date DESC, r.period_end DESC, r.upload_id DESC) = 1
),
effective AS (
    SELECT l.*,
           coalesce(own.code, par.code) AS report_code,
           CASE WHEN own.code IS NOT NULL THEN own.period ELSE par.period END AS report_period,
           CASE WHEN own.code IS NOT NULL THEN own.reported_status ELSE par.reported_status END
               AS reported_status,
           CASE WHEN own.code IS NOT NULL THEN own.percent ELSE par.percent END AS percent,
           CASE WHEN own.code IS NOT NULL THEN own.report_date ELSE par.report_date END
               AS report_date,
           CASE WHEN own.code IS NOT NULL THEN own.first_done_on ELSE par.first_done_on END
               AS completed_on,
           CASE WHEN own.code IS NOT NULL THEN own.note ELSE par.note END AS report_note,
           CASE WHEN own.code IS NOT NULL THEN own.evidence ELSE par.evidence END AS evidence,
           CASE WHEN own.code IS NOT NULL THEN own.difficulties ELSE par.difficulties END
               AS difficulties
    FROM leaf l
    LEFT JOIN latest own ON own.unit = l.unit AND own.code = l.code
    LEFT JOIN latest par ON par.unit = l.unit AND par.code = l.parent_code
),
status AS (
    SELECT *,
        CASE
            WHEN continuous THEN 'continuous'
            WHEN reported_status = 'done' THEN
                CASE WHEN deadline IS NULL OR completed_on <= deadline
                     THEN 'done_on_time' ELSE 'done_late' END
            WHEN deadline IS NOT NULL AND deadline < $as_of THEN 'overdue'
            WHEN reported_status IS NULL THEN 'no_report'
            WHEN reported_status = 'in_progress' THEN 'in_progress'
            ELSE 'not_started'
        END AS status
    FROM effective
)
"""


_STATUS_SQL = status_sql()


@dataclass(frozen=True)
class Scope:
    """The filters every plan query takes. `area` and `department` narrow the tasks counted (a
    department's tasks are those it leads or supports)."""

    unit: str
    year: int
    as_of: date
    area: str | None = None
    department: str | None = None
    lead_only: bool = False  # with `department`: only the tasks it leads

    def params(self) -> dict[str, object]:
        return {
            "unit": self.unit,
            "year": self.year,
            "as_of": self.as_of,
            "area": self.area,
            "department": self.department,
            "lead_only": self.lead_only,
        }

    def at(self, as_of: date) -> Scope:
        return replace(self, as_of=as_of)

    def narrowed(self, **changes: object) -> Scope:
        return replace(self, **changes)


# --- What is loaded -----------------------------------------------------------------------------


def units(con: Con) -> list[str]:
    """Units with data: those loads were filed under, and those a province-wide index table
    wrote rows into (filed under one unit, it holds every unit's scores)."""
    rows = con.execute(
        "SELECT unit FROM uploads WHERE status = 'loaded'"
        " UNION SELECT s.unit FROM index_scores s JOIN uploads u USING (upload_id)"
        " WHERE u.status = 'loaded' AND s.unit <> u.unit ORDER BY unit"
    ).fetchall()
    return [r[0] for r in rows]


def plan_years(con: Con, unit: str) -> list[int]:
    rows = con.execute(
        "SELECT DISTINCT plan_year FROM v_tasks WHERE unit = ? ORDER BY plan_year DESC", [unit]
    ).fetchall()
    return [int(r[0]) for r in rows]


def departments(con: Con, unit: str, year: int) -> list[str]:
    """The unit's departments to offer in filters: its standard ones in order, then any other
    code its plan of that year names (lead or support), never 'ALL'."""
    rows = con.execute(
        "SELECT DISTINCT d FROM (SELECT lead_department AS d FROM v_tasks"
        " WHERE unit = $unit AND plan_year = $year"
        " UNION ALL SELECT unnest(support_departments) FROM v_tasks"
        " WHERE unit = $unit AND plan_year = $year) WHERE d IS NOT NULL",
        {"unit": unit, "year": year},
    ).fetchall()
    return department_codes(unit, [r[0] for r in rows])


def department_aliases(con: Con) -> pd.DataFrame:
    """Every learned department name: unit ('' = every unit), the name as typed, its key, the
    department's code, who added it and when."""
    return con.execute(
        "SELECT unit, alias, alias_key, code, added_by, added_at FROM department_aliases"
        " ORDER BY unit, alias_key"
    ).df()


def added_departments(con: Con, unit: str) -> pd.DataFrame:
    """Departments added to (or renamed in) a unit beyond its standard structure."""
    return con.execute(
        "SELECT code, name, short_name, added_by, added_at FROM departments WHERE unit = ?"
        " ORDER BY code",
        [unit],
    ).df()


def is_demo(con: Con, unit: str) -> bool:
    row = con.execute(
        "SELECT bool_or(is_demo) FROM uploads WHERE status = 'loaded' AND unit = ?", [unit]
    ).fetchone()
    return bool(row and row[0])


def last_loaded_at(con: Con, unit: str) -> pd.Timestamp | None:
    row = con.execute(
        "SELECT max(uploaded_at) FROM uploads WHERE status = 'loaded' AND unit = ?", [unit]
    ).fetchone()
    return row[0] if row else None


# --- Task status --------------------------------------------------------------------------------


def task_status(con: Con, scope: Scope) -> pd.DataFrame:
    """One row per leaf task with its status at the as-of date and its latest report."""
    return con.execute(
        _STATUS_SQL
        + """
        SELECT seq, code, area, title, lead_department, support_departments, deadline,
               deadline_text, continuous, parent_code, status, report_period, reported_status,
               percent, report_date, completed_on, report_note, evidence, difficulties, product
        FROM status ORDER BY seq
        """,
        scope.params(),
    ).df()


def headline(con: Con, scope: Scope) -> dict[str, float | int]:
    """The overview's numbers: tasks, done, rate, overdue, due within 7 and 30 days."""
    row = con.execute(
        _STATUS_SQL
        + """
        SELECT count(*) AS tasks,
               count(*) FILTER (WHERE status = 'continuous') AS continuous,
               count(*) FILTER (WHERE status IN ('done_on_time', 'done_late')) AS done,
               count(*) FILTER (WHERE status = 'done_late') AS done_late,
               count(*) FILTER (WHERE status = 'overdue') AS overdue,
               count(*) FILTER (WHERE status = 'no_report') AS no_report,
               count(*) FILTER (WHERE status NOT IN ('done_on_time', 'done_late', 'continuous')
                   AND deadline BETWEEN $as_of AND $as_of + INTERVAL 7 DAY) AS due_7,
               count(*) FILTER (WHERE status NOT IN ('done_on_time', 'done_late', 'continuous')
                   AND deadline BETWEEN $as_of AND $as_of + INTERVAL 30 DAY) AS due_30
        FROM status
        """,
        scope.params(),
    ).fetchone()
    keys = ["tasks", "continuous", "done", "done_late", "overdue", "no_report", "due_7", "due_30"]
    out: dict[str, float | int] = dict(zip(keys, (int(v or 0) for v in row), strict=True))
    with_deadline = out["tasks"] - out["continuous"]
    out["with_deadline"] = with_deadline
    out["done_rate"] = out["done"] / with_deadline if with_deadline else 0.0
    return out


def status_counts(con: Con, scope: Scope, by: str) -> pd.DataFrame:
    """Counts of leaf tasks per (area | lead department) and status, with every status present
    for every group (zeros included) so stacked charts keep one order and one colour each."""
    column = {"area": "area", "department": "lead_department"}[by]
    counts = con.execute(
        _STATUS_SQL + f"SELECT {column} AS grp, status, count(*) AS n FROM status GROUP BY ALL",
        scope.params(),
    ).df()
    groups = PLAN_AREAS if by == "area" else [*department_codes(scope.unit), "ALL"]
    present = [g for g in groups if g in set(counts["grp"])] + sorted(
        set(counts["grp"].dropna()) - set(groups)
    )
    grid = pd.MultiIndex.from_product([present, list(STATUSES)], names=["grp", "status"])
    full = counts.set_index(["grp", "status"])["n"].reindex(grid, fill_value=0).reset_index()
    totals = full.groupby("grp")["n"].transform("sum")
    full["share"] = (full["n"] / totals.where(totals > 0)).fillna(0.0)
    return full


def missing_reports(con: Con, scope: Scope, period_end: date) -> list[str]:
    """Departments that lead tasks and have sent no report whose period ends on `period_end`
    (a department's own report, or rows for its tasks in a combined report) dated by the
    as-of date."""
    rows = con.execute(
        """
        WITH leads AS (
            SELECT DISTINCT lead_department AS d FROM v_tasks
            WHERE unit = $unit AND plan_year = $year
              AND lead_department IS NOT NULL AND lead_department NOT IN ('UBND', 'ALL')
        ),
        reported AS (
            SELECT DISTINCT u.department AS d FROM uploads u
            JOIN task_reports r USING (upload_id)
            WHERE u.status = 'loaded' AND u.kind = 'progress' AND u.unit = $unit
              AND u.plan_year = $year AND r.period_end = $period_end AND r.report_date <= $as_of
            UNION
            SELECT DISTINCT t.lead_department FROM task_reports r
            JOIN uploads u USING (upload_id)
            JOIN v_tasks t ON t.unit = r.unit AND t.plan_year = r.plan_year AND t.code = r.code
            WHERE u.status = 'loaded' AND r.unit = $unit AND r.plan_year = $year
              AND r.period_end = $period_end AND r.report_date <= $as_of
        )
        SELECT d FROM leads WHERE d NOT IN (SELECT d FROM reported WHERE d IS NOT NULL)
        """,
        {"unit": scope.unit, "year": scope.year, "period_end": period_end, "as_of": scope.as_of},
    ).fetchall()
    found = [r[0] for r in rows]
    order = department_codes(scope.unit, found)
    return sorted(found, key=order.index)


def reported_periods(con: Con, unit: str, year: int) -> list[str]:
    rows = con.execute(
        "SELECT r.period FROM task_reports r JOIN uploads u USING (upload_id) "
        "WHERE u.status = 'loaded' AND r.unit = ? AND r.plan_year = ? "
        "GROUP BY r.period ORDER BY min(r.period_end), r.period",
        [unit, year],
    ).fetchall()
    return [r[0] for r in rows]


# --- Over time and across groups ----------------------------------------------------------------


def checkpoints(year: int, today: date) -> list[tuple[str, date]]:
    """The reporting checkpoints of a plan year that have been reached (Q1, H1, Q3, year), plus
    today when the year is still running: (label, as-of date)."""
    from cchc.periods import parse_period, plan_periods

    short = {"Q1": "Quý I", "H1": "6 tháng", "Q3": "Quý III"}
    points = []
    for code in plan_periods(year):
        end = parse_period(code).end
        if end <= today:
            points.append((short.get(code[5:], "Cả năm"), end))

    if date(year, 1, 1) <= today < date(year, 12, 31) and (not points or points[-1][1] != today):
        points.append((f"Đến {today:%d/%m}", today))
    return points


def completion_trend(con: Con, scope: Scope, today: date) -> pd.DataFrame:
    """Completion at each checkpoint against the ideal pace: the share of tasks whose deadline
    has come by then (what would be done if every task finished exactly on its deadline)."""
    rows = []
    for label, as_of in checkpoints(scope.year, today):
        at = scope.at(as_of)
        h = headline(con, at)
        due = con.execute(
            _STATUS_SQL
            + "SELECT count(*) FILTER (WHERE NOT continuous AND deadline <= $as_of) FROM status",
            at.params(),
        ).fetchone()[0]
        total = h["with_deadline"]
        rows.append(
            {
                "label": label,
                "as_of": as_of,
                "done": h["done"],
                "total": total,
                "rate": h["done_rate"],
                "ideal": due / total if total else 0.0,
                "due": int(due),
            }
        )
    return pd.DataFrame(rows, columns=["label", "as_of", "done", "total", "rate", "ideal", "due"])


def done_matrix(con: Con, scope: Scope) -> pd.DataFrame:
    """Lead department x area: done and total non-continuous leaf tasks, and the share done."""
    df = con.execute(
        _STATUS_SQL
        + """
        SELECT lead_department AS department, area,
               count(*) FILTER (WHERE status IN ('done_on_time', 'done_late')) AS done,
               count(*) AS total
        FROM status WHERE NOT continuous
        GROUP BY ALL ORDER BY department, area
        """,
        scope.params(),
    ).df()
    df["rate"] = df["done"] / df["total"]
    return df


def late_reports(con: Con, unit: str, year: int) -> pd.DataFrame:
    """Progress reports dated after the 20th of their period's last month (the reporting
    deadline of Công văn 581/BNV-CCHC), superseded ones included: lateness is history."""
    return con.execute(
        """
        WITH reports AS (
            SELECT u.department, u.period, u.report_date, u.file_name,
                   (SELECT max(r.period_end) FROM task_reports r
                    WHERE r.upload_id = u.upload_id) AS period_end
            FROM uploads u
            WHERE u.kind = 'progress' AND u.status <> 'rolled_back' AND u.unit = ?
              AND u.plan_year = ?
        )
        SELECT department, period, report_date,
               make_date(year(period_end), month(period_end), 20) AS due_date, file_name
        FROM reports
        WHERE report_date > make_date(year(period_end), month(period_end), 20)
        ORDER BY report_date
        """,
        [unit, year],
    ).df()


def report_calendar(con: Con, unit: str, year: int, as_of: date) -> pd.DataFrame:
    """For each department that leads tasks and each quarter that has ended: the date of its
    report (its own, or rows for its tasks in a combined report) and whether it came on time
    (by the 20th of the quarter's last month), late, or not at all, as known on `as_of`: a
    report dated after it had not come yet."""
    from cchc.periods import ROMAN_UP, month_end

    ends = [month_end(year, 3 * q) for q in range(1, 5) if month_end(year, 3 * q) <= as_of]
    if not ends:
        return pd.DataFrame(
            columns=["department", "period", "period_end", "report_date", "due_date", "state"]
        )
    sent = con.execute(
        """
        WITH sent AS (
            SELECT u.department AS d, r.period_end, r.report_date
            FROM uploads u JOIN task_reports r USING (upload_id)
            WHERE u.status = 'loaded' AND u.kind = 'progress' AND u.unit = $unit
              AND u.plan_year = $year AND r.report_date <= $as_of
            UNION ALL
            SELECT t.lead_department, r.period_end, r.report_date
            FROM uploads u JOIN task_reports r USING (upload_id)
            JOIN v_tasks t ON t.unit = r.unit AND t.plan_year = r.plan_year AND t.code = r.code
            WHERE u.status = 'loaded' AND u.kind = 'progress' AND u.unit = $unit
              AND u.plan_year = $year AND r.report_date <= $as_of
        )
        SELECT d, period_end, min(report_date) AS report_date FROM sent GROUP BY ALL
        """,
        {"unit": unit, "year": year, "as_of": as_of},
    ).df()
    leads = [
        r[0]
        for r in con.execute(
            "SELECT DISTINCT lead_department FROM v_tasks WHERE unit = ? AND plan_year = ? "
            "AND lead_department NOT IN ('UBND', 'ALL')",
            [unit, year],
        ).fetchall()
    ]
    found = {(r.d, pd.Timestamp(r.period_end).date()): r.report_date for r in sent.itertuples()}
    rows = []
    order = department_codes(unit, leads)
    for d in sorted(leads, key=order.index):
        for end in ends:
            due = date(end.year, end.month, 20)
            got = found.get((d, end))
            got = None if got is None or pd.isna(got) else pd.Timestamp(got).date()
            state = "missing" if got is None else "late" if got > due else "on_time"
            rows.append(
                {
                    "department": d,
                    "period": f"Quý {ROMAN_UP[end.month // 3]}",
                    "period_end": end,
                    "report_date": got,
                    "due_date": due,
                    "state": state,
                }
            )
    return pd.DataFrame(rows)


def status_over_time(con: Con, scope: Scope, today: date) -> pd.DataFrame:
    """Status counts at each checkpoint of the year (Q1, H1, Q3, year, today)."""
    frames = []
    for label, as_of in checkpoints(scope.year, today):
        counts = con.execute(
            _STATUS_SQL + "SELECT status, count(*) AS n FROM status GROUP BY ALL ORDER BY status",
            scope.at(as_of).params(),
        ).df()
        frames.append(counts.assign(label=label, as_of=as_of))
    if not frames:
        return pd.DataFrame(columns=["status", "n", "label", "as_of"])
    return pd.concat(frames, ignore_index=True)


def task_history(con: Con, unit: str, year: int, code: str) -> pd.DataFrame:
    """Every report on one task, superseded ones included, newest first."""
    return con.execute(
        """
        SELECT r.period, r.report_date, r.reported_status, r.percent, r.evidence,
               r.difficulties, r.note, u.file_name, u.department, u.status AS upload_status
        FROM task_reports r JOIN uploads u USING (upload_id)
        WHERE r.unit = ? AND r.plan_year = ? AND r.code = ? AND u.status <> 'rolled_back'
        ORDER BY r.report_date DESC, r.upload_id DESC
        """,
        [unit, year, code],
    ).df()


# --- Uploads ------------------------------------------------------------------------------------


_UPLOAD_COLUMNS = """
    upload_id, file_name, kind, unit, plan_year, period, department, rows, uploaded_at,
    uploaded_by, status, superseded_by, archive_path, is_demo, sha256
"""


def _folded(expr: str) -> str:
    """Text without case or diacritics in SQL ('Đỗ Thị Hà' -> 'do thi ha'), as cchc.text.fold."""
    return f"replace(strip_accents(lower({expr})), 'đ', 'd')"


_UPLOAD_FILTER = f"""
    ($unit IS NULL OR unit = $unit)
    AND ($text IS NULL
         OR {_folded("file_name")} LIKE '%' || {_folded("$text")} || '%'
         OR {_folded("coalesce(uploaded_by, '')")} LIKE '%' || {_folded("$text")} || '%'
         OR '#' || upload_id::VARCHAR = $text OR upload_id::VARCHAR = $text)
"""


def uploads(
    con: Con,
    unit: str | None = None,
    text: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> pd.DataFrame:
    """Uploads newest first, with what they cover: of one unit (every unit when None), whose
    file name, uploader or number matches `text` (diacritics and case ignored), one page of
    `limit` rows from `offset` (all when None). Pages never load every upload of a province."""
    return con.execute(
        f"SELECT {_UPLOAD_COLUMNS} FROM uploads WHERE {_UPLOAD_FILTER} "
        "ORDER BY upload_id DESC LIMIT $limit OFFSET $offset",
        {"unit": unit, "text": text or None, "limit": limit, "offset": offset},
    ).df()


def upload_count(con: Con, unit: str | None = None, text: str | None = None) -> int:
    """How many uploads `uploads` would list without a page limit."""
    row = con.execute(
        f"SELECT count(*) FROM uploads WHERE {_UPLOAD_FILTER}",
        {"unit": unit, "text": text or None},
    ).fetchone()
    return int(row[0]) if row else 0


def uploads_by_id(con: Con, ids: tuple[int, ...]) -> pd.DataFrame:
    """The uploads with these numbers (to name them the way the history does)."""
    return con.execute(
        f"SELECT {_UPLOAD_COLUMNS} FROM uploads WHERE list_contains($ids, upload_id) "
        "ORDER BY upload_id DESC",
        {"ids": list(ids)},
    ).df()


# --- External indices -----------------------------------------------------------------------


def _period_end_sql(column: str) -> str:
    """The last day of a period code ('2025', '2026-H1', '2026-Q3', '2026-10') in SQL."""
    year = f"CAST({column}[1:4] AS INTEGER)"
    return f"""CASE
        WHEN length({column}) = 4 THEN make_date({year}, 12, 31)
        WHEN {column}[6] = 'Q' THEN last_day(make_date({year}, 3 * CAST({column}[7] AS INTEGER), 1))
        WHEN {column}[6] = 'H' THEN last_day(make_date({year}, 6 * CAST({column}[7] AS INTEGER), 1))
        ELSE last_day(make_date({year}, CAST({column}[6:7] AS INTEGER), 1))
    END"""


_INDEX_KNOWN = f"($as_of IS NULL OR {_period_end_sql('s.period')} <= $as_of)"


def index_scores(con: Con, unit: str, index: str, as_of: date | None = None) -> pd.DataFrame:
    """Every score of one index for a unit (its own series and the reference series), with the
    latest loaded upload only; with `as_of`, only the periods that ended by then."""
    return con.execute(
        f"""
        SELECT s.series, s.year, s.period, s.criterion, s.name, s.max_score, s.self_score,
               s.appraised_score, s.score, s.rank
        FROM current_index_scores s
        WHERE s.unit = $unit AND s."index" = $index AND {_INDEX_KNOWN}
        ORDER BY s.period, s.series, s.source_row
        """,
        {"unit": unit, "index": index, "as_of": as_of},
    ).df()


def index_headlines(con: Con, unit: str, as_of: date | None = None) -> pd.DataFrame:
    """For each index: the latest and the previous total of the unit's own series (with `as_of`,
    among the periods that ended by then)."""
    return con.execute(
        f"""
        WITH totals AS (
            SELECT s."index", s.period, s.score, s.max_score, s.rank,
                   row_number() OVER (PARTITION BY s."index" ORDER BY s.period DESC) AS k
            FROM current_index_scores s
            WHERE s.unit = $unit AND s.series = 'unit' AND s.criterion = '' AND {_INDEX_KNOWN}
        )
        SELECT cur."index", cur.period, cur.score, cur.max_score, cur.rank,
               prev.period AS previous_period, prev.score AS previous_score
        FROM totals cur LEFT JOIN totals prev ON prev."index" = cur."index" AND prev.k = 2
        WHERE cur.k = 1
        ORDER BY cur."index"
        """,
        {"unit": unit, "as_of": as_of},
    ).df()


# --- Procedure statistics (the report's words; the SQL lives in procedure_queries.py) ----------


def procedure_sentences(con: Con, unit: str, period: str, year: int, as_of: date) -> list[str]:
    """The sentences on the one-stop desk's figures for a period (a code or a span) as known on
    `as_of`, with the previous period and the plan's targets; none when the unit has no
    statistics at all."""
    from cchc import procedure_queries

    if not procedure_queries.has_procedures(con, unit):
        return []
    return procedure_queries.period_sentences(con, unit, period, year, as_of)


QUERY_MODULES = (
    "procedure_queries",
    "province_queries",
    "criteria_queries",
)  # read modules beside this one


def resolve(name: str) -> Callable[..., object]:
    """The read function a query name stands for: `headline` here, `procedure_queries.trend`
    in a read module of its own."""
    if "." in name:
        module, attr = name.split(".", 1)
        if module not in QUERY_MODULES:
            raise KeyError(name)
        return getattr(importlib.import_module(f"cchc.{module}"), attr)
    return globals()[name]


def runner(path: Path) -> Callable[..., object]:
    """`run(name, *args)` = `<name>(con, *args)` on a short read-only connection: the same call
    shape as the dashboard's cached `ui.query`, for exports built outside Streamlit."""

    def run(name: str, *args: object) -> object:
        with db.reading(path) as con:
            return resolve(name)(con, *args)

    return run
