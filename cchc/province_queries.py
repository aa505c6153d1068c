"""Every read query of the Toàn tỉnh page: all the units of a province side by side at an as-of
date, in set-based SQL over every unit at once (never a query per unit).

The figures follow the rules of cchc/queries.py, by the same SQL: a task's status is
`queries.status_sql` for the province's units; an index period counts when it ended by the
as-of date; a report counts as sent when dated by it. A unit's PAR INDEX and SIPAS rank is
its place among the province's units that have a score for the same period.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from cchc.queries import _INDEX_KNOWN, status_sql

Con = duckdb.DuckDBPyConnection

IN_PROVINCE = "IN (SELECT name FROM units WHERE province = $province)"
RANKED_INDICES = ("PAR", "SIPAS")
DONE = "('done_on_time', 'done_late')"


def _params(province: str, year: int, as_of: date, **more: object) -> dict[str, object]:
    return {
        "province": province,
        "year": year,
        "as_of": as_of,
        "area": None,
        "department": None,
        "lead_only": False,
        **more,
    }


def province_of(con: Con, unit: str) -> str | None:
    """The province the registry gives the unit, None when no registry names it."""
    row = con.execute("SELECT province FROM units WHERE name = ?", [unit]).fetchone()
    return row[0] if row else None


def unit_provinces(con: Con) -> dict[str, str]:
    """Every registered unit's province, where the registry gives one."""
    rows = con.execute("SELECT name, province FROM units WHERE province IS NOT NULL").fetchall()
    return dict(rows)


def province_size(con: Con, province: str) -> int:
    row = con.execute("SELECT count(*) FROM units WHERE province = ?", [province]).fetchone()
    return int(row[0]) if row else 0


def _materialise(con: Con, province: str, year: int, as_of: date) -> None:
    """Every leaf task of the province's units with its status at the as-of date, computed once
    into a temporary table of this connection (the ranking and the heatmap both read it)."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE province_status AS "
        + status_sql(IN_PROVINCE)
        + "SELECT unit, area, status, deadline, continuous FROM status",
        _params(province, year, as_of),
    )


_COUNTS = f"""
WITH counts AS (
    SELECT unit,
           count(*) AS tasks,
           count(*) FILTER (WHERE status = 'continuous') AS continuous,
           count(*) FILTER (WHERE status IN {DONE}) AS done,
           count(*) FILTER (WHERE status = 'overdue') AS overdue,
           count(*) FILTER (WHERE status = 'no_report') AS no_report,
           count(*) FILTER (WHERE status NOT IN ('done_on_time', 'done_late', 'continuous')
               AND deadline BETWEEN $as_of AND $as_of + INTERVAL 30 DAY) AS due_30
    FROM province_status GROUP BY unit
),
rates AS (
    SELECT u.name AS unit, u.level, coalesce(c.tasks, 0) AS tasks,
           coalesce(c.tasks - c.continuous, 0) AS with_deadline, coalesce(c.done, 0) AS done,
           coalesce(c.overdue, 0) AS overdue, coalesce(c.no_report, 0) AS no_report,
           coalesce(c.due_30, 0) AS due_30,
           c.done / nullif(c.tasks - c.continuous, 0) AS rate
    FROM units u LEFT JOIN counts c ON c.unit = u.name
    WHERE u.province = $province
),
ranked AS (
    SELECT *,
           CASE WHEN rate IS NOT NULL THEN rank() OVER (
               PARTITION BY rate IS NULL ORDER BY rate DESC) END AS rank,
           count(rate) OVER () AS ranked_units
    FROM rates
)
"""


def completion(con: Con, province: str, year: int, as_of: date) -> pd.DataFrame:
    """Per unit of the province: its leaf tasks, done, overdue, due within 30 days, the
    completion rate (done ÷ tasks that are not continuous; NULL without a plan for the year)
    and its rank by it (ties share a rank), with how many units are ranked."""
    _materialise(con, province, year, as_of)
    return con.execute(
        _COUNTS + "SELECT * FROM ranked ORDER BY rank NULLS LAST, unit",
        {"province": province, "as_of": as_of},
    ).df()


def peer_rank(con: Con, unit: str, year: int, as_of: date) -> dict[str, object] | None:
    """The unit's place among its province's units by completion rate: {'rank', 'of',
    'province'}; None when no registry gives its province, it has no rate, or it has no peer."""
    province = province_of(con, unit)
    if province is None:
        return None
    table = completion(con, province, year, as_of)
    row = table[table["unit"] == unit]
    if row.empty or pd.isna(row["rank"].iloc[0]) or int(row["ranked_units"].iloc[0]) < 2:
        return None
    return {
        "rank": int(row["rank"].iloc[0]),
        "of": int(row["ranked_units"].iloc[0]),
        "province": province,
    }


def ranking(
    con: Con, province: str, year: int, as_of: date, period_end: date, fresh: bool = True
) -> pd.DataFrame:
    """The ranking table: `completion`'s columns, the number of departments that lead tasks
    and sent no report for the period ending `period_end` (dated by the as-of date) and which,
    and for PAR INDEX and SIPAS the latest score that ended by the as-of date, its period,
    its rank among the province's units for that period (of how many) and the change from the
    unit's previous score. `fresh=False` reuses the statuses `_materialise` computed on this
    connection."""
    if fresh:
        _materialise(con, province, year, as_of)
    index_cols = ", ".join(
        f"""{i.lower()}.score AS {i.lower()}, {i.lower()}.period AS {i.lower()}_period,
        {i.lower()}.rank AS {i.lower()}_rank, {i.lower()}.of AS {i.lower()}_of,
        {i.lower()}.score - {i.lower()}.previous AS {i.lower()}_change"""
        for i in RANKED_INDICES
    )
    index_joins = " ".join(
        f"LEFT JOIN latest_index {i.lower()} ON {i.lower()}.unit = r.unit "
        f"AND {i.lower()}.\"index\" = '{i}'"
        for i in RANKED_INDICES
    )
    return con.execute(
        _COUNTS
        + f""",
        leads AS (
            SELECT DISTINCT t.unit, t.lead_department AS d
            FROM tasks t JOIN uploads u USING (upload_id)
            WHERE u.status = 'loaded' AND t.unit {IN_PROVINCE} AND t.plan_year = $year
              AND t.lead_department IS NOT NULL AND t.lead_department NOT IN ('UBND', 'ALL')
        ),
        sent AS (
            SELECT u.unit, u.department AS d FROM uploads u JOIN task_reports r USING (upload_id)
            WHERE u.status = 'loaded' AND u.kind = 'progress' AND u.unit {IN_PROVINCE}
              AND u.plan_year = $year AND r.period_end = $period_end AND r.report_date <= $as_of
            UNION
            SELECT t.unit, t.lead_department FROM task_reports r
            JOIN uploads u USING (upload_id)
            JOIN tasks t ON t.unit = r.unit AND t.plan_year = r.plan_year AND t.code = r.code
            JOIN uploads tu ON tu.upload_id = t.upload_id AND tu.status = 'loaded'
            WHERE u.status = 'loaded' AND r.unit {IN_PROVINCE} AND r.plan_year = $year
              AND r.period_end = $period_end AND r.report_date <= $as_of
        ),
        missing AS (
            SELECT l.unit, count(*) AS missing, list(l.d ORDER BY l.d) AS missing_departments
            FROM leads l ANTI JOIN sent s ON s.unit = l.unit AND s.d = l.d
            GROUP BY l.unit
        ),
        -- current_index_scores' rule (each period from the newest loaded upload holding it),
        -- by a grouped maximum over the two indices rather than the view's window over all
        newest AS (
            SELECT s.unit, s."index", s.period, max(s.upload_id) AS upload_id
            FROM index_scores s JOIN uploads u USING (upload_id)
            WHERE u.status = 'loaded' AND s.series = 'unit' AND s."index" IN {RANKED_INDICES}
              AND s.unit {IN_PROVINCE}
            GROUP BY ALL
        ),
        scores AS (
            SELECT s.unit, s."index", s.period, s.score,
                   rank() OVER (PARTITION BY s."index", s.period ORDER BY s.score DESC) AS rank,
                   count(*) OVER (PARTITION BY s."index", s.period) AS of,
                   row_number() OVER (PARTITION BY s.unit, s."index" ORDER BY s.period DESC) AS k
            FROM index_scores s JOIN newest n USING (unit, "index", period, upload_id)
            WHERE s.series = 'unit' AND s.criterion = '' AND s.score IS NOT NULL
              AND {_INDEX_KNOWN}
        ),
        latest_index AS (
            SELECT cur.unit, cur."index", cur.period, cur.score, cur.rank, cur.of,
                   prev.score AS previous
            FROM scores cur LEFT JOIN scores prev
              ON prev.unit = cur.unit AND prev."index" = cur."index" AND prev.k = 2
            WHERE cur.k = 1
        ),
        demo AS (
            SELECT unit, bool_or(is_demo) AS is_demo FROM uploads
            WHERE status = 'loaded' AND unit {IN_PROVINCE} GROUP BY unit
        )
        SELECT r.*, coalesce(m.missing, 0) AS missing, m.missing_departments,
               {index_cols},
               coalesce(d.is_demo, u.is_demo) AS is_demo
        FROM ranked r
        JOIN units u ON u.name = r.unit
        LEFT JOIN missing m ON m.unit = r.unit
        LEFT JOIN demo d ON d.unit = r.unit
        {index_joins}
        ORDER BY r.rank NULLS LAST, r.unit
        """,
        {"province": province, "year": year, "as_of": as_of, "period_end": period_end},
    ).df()


def area_matrix(
    con: Con, province: str, year: int, as_of: date, fresh: bool = True
) -> pd.DataFrame:
    """Unit x area: done and total leaf tasks that are not continuous, and the share done."""
    if fresh:
        _materialise(con, province, year, as_of)
    df = con.execute(
        f"""
        SELECT unit, area, count(*) FILTER (WHERE status IN {DONE}) AS done, count(*) AS total
        FROM province_status WHERE NOT continuous GROUP BY ALL ORDER BY unit, area
        """
    ).df()
    df["rate"] = df["done"] / df["total"]
    return df


def page(
    con: Con, province: str, year: int, as_of: date, period_end: date
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(ranking, area_matrix) from one computation of the statuses: what the page shows."""
    _materialise(con, province, year, as_of)
    return (
        ranking(con, province, year, as_of, period_end, fresh=False),
        area_matrix(con, province, year, as_of, fresh=False),
    )
