"""PAR INDEX criteria of a plan year, the tasks that serve them, the points those tasks put at
risk at an as-of date, and the evidence checklist (issue #17). Every SQL of those lives here.

Points at stake: a leaf criterion's maximum, shared equally among the accepted tasks that serve
it. A task that is overdue or has no report at the as-of date (the status rules of
cchc/queries.py) puts its share at risk; a criterion with such a task is "at risk". Proposals
nobody accepted yet do not count. The evidence checklist is as it stands now (documents are
not dated by period).
"""

from __future__ import annotations

import duckdb
import pandas as pd

from cchc.queries import Scope, status_sql
from cchc.vocab import AREAS, PLAN_AREAS

Con = duckdb.DuckDBPyConnection

AT_RISK = ("overdue", "no_report")
AREA_ORDER = [*PLAN_AREAS, "impact"]


def _code_key(code: str) -> tuple[int, ...]:
    """'1.10' after '1.9': criterion codes in tree order."""
    return tuple(int(p) if p.isdigit() else 0 for p in str(code).split("."))


def criteria(con: Con, unit: str, year: int) -> pd.DataFrame:
    """The criteria of the year in tree order: code, parent, area, name, maximum, whether it is
    a leaf, where the tree comes from."""
    df = con.execute(
        """
        SELECT c.code, c.parent_code, c.area, c.name, c.max_score, c.source, c.source_year,
               NOT EXISTS (SELECT 1 FROM par_criteria k WHERE k.unit = c.unit
                           AND k.year = c.year AND k.parent_code = c.code)
               AND c.parent_code IS NOT NULL AS leaf
        FROM par_criteria c WHERE c.unit = ? AND c.year = ?
        """,
        [unit, year],
    ).df()
    if df.empty:
        return df
    return df.sort_values("code", key=lambda c: c.map(_code_key)).reset_index(drop=True)


def links(con: Con, unit: str, year: int) -> pd.DataFrame:
    """Every link of the year with the task's title, area and lead and the criterion's name;
    proposals first (best score first), then accepted, then rejected."""
    return con.execute(
        """
        SELECT l.task_code, t.title, t.area AS task_area, t.lead_department, l.criterion,
               c.name AS criterion_name, c.max_score, l.score, l.state, l.decided_by,
               l.updated_at
        FROM criterion_links l
        LEFT JOIN v_tasks t ON t.unit = l.unit AND t.plan_year = l.year AND t.code = l.task_code
        LEFT JOIN par_criteria c ON c.unit = l.unit AND c.year = l.year AND c.code = l.criterion
        WHERE l.unit = ? AND l.year = ?
        ORDER BY CASE l.state WHEN 'proposed' THEN 0 WHEN 'accepted' THEN 1 ELSE 2 END,
                 l.score DESC NULLS LAST, l.task_code, l.criterion
        """,
        [unit, year],
    ).df()


def _whole_unit(scope: Scope) -> Scope:
    return scope.narrowed(area=None, department=None, lead_only=False)


_STAKES = """
, served AS (
    SELECT l.criterion, l.task_code,
           count(*) OVER (PARTITION BY l.criterion) AS n_tasks
    FROM criterion_links l
    WHERE l.unit = $unit AND l.year = $year AND l.state = 'accepted'
),
stakes AS (
    SELECT c.code AS criterion, c.name AS criterion_name, c.area, c.max_score,
           s.task_code, s.n_tasks, c.max_score / s.n_tasks AS stake,
           st.title, st.lead_department, st.deadline, st.status,
           st.status IN ('overdue', 'no_report') AS at_risk
    FROM served s
    JOIN par_criteria c ON c.unit = $unit AND c.year = $year AND c.code = s.criterion
    JOIN status st ON st.code = s.task_code
)
"""


def stakes(con: Con, scope: Scope) -> pd.DataFrame:
    """One row per (criterion, accepted task serving it): the task's status at the as-of date,
    its share of the criterion's points and whether that share is at risk."""
    return con.execute(
        status_sql()
        + _STAKES
        + "SELECT * FROM stakes ORDER BY area, criterion, deadline NULLS LAST, task_code",
        _whole_unit(scope).params(),
    ).df()


def risk_total(con: Con, scope: Scope) -> dict[str, float]:
    """Points at risk, out of the tree's total (the top-level maxima): the headline figure."""
    row = con.execute(
        status_sql()
        + _STAKES
        + """
        SELECT (SELECT coalesce(sum(stake) FILTER (WHERE at_risk), 0) FROM stakes),
               (SELECT coalesce(sum(max_score), 0) FROM par_criteria
                WHERE unit = $unit AND year = $year AND parent_code IS NULL),
               (SELECT count(DISTINCT criterion) FILTER (WHERE at_risk) FROM stakes),
               (SELECT count(DISTINCT criterion) FROM stakes),
               (SELECT count(DISTINCT task_code) FILTER (WHERE at_risk) FROM stakes)
        """,
        _whole_unit(scope).params(),
    ).fetchone()
    keys = ("at_risk", "total", "criteria_at_risk", "criteria_linked", "tasks_at_risk")
    return {k: float(v or 0) for k, v in zip(keys, row, strict=True)}


def risk_by_area(con: Con, scope: Scope) -> pd.DataFrame:
    """Per area of the tree: its maximum, the points its linked criteria stake, those at risk."""
    df = con.execute(
        status_sql()
        + _STAKES
        + """
        , areas AS (
            SELECT area, code, name, max_score FROM par_criteria
            WHERE unit = $unit AND year = $year AND parent_code IS NULL
        )
        SELECT a.code, a.area, a.name, a.max_score,
               coalesce(sum(s.stake), 0) AS linked,
               coalesce(sum(s.stake) FILTER (WHERE s.at_risk), 0) AS at_risk,
               count(DISTINCT s.criterion) FILTER (WHERE s.at_risk) AS criteria_at_risk
        FROM areas a LEFT JOIN stakes s ON s.area IS NOT DISTINCT FROM a.area
        GROUP BY ALL
        """,
        _whole_unit(scope).params(),
    ).df()
    return df.sort_values("code", key=lambda c: c.map(_code_key)).reset_index(drop=True)


def act_first(con: Con, scope: Scope, limit: int = 10) -> pd.DataFrame:
    """The tasks at risk to act on first: most points at stake, then the nearest deadline."""
    return con.execute(
        status_sql()
        + _STAKES
        + """
        SELECT task_code, any_value(title) AS title, any_value(lead_department) AS lead_department,
               any_value(deadline) AS deadline, any_value(status) AS status,
               sum(stake) AS points, string_agg(criterion, ', ' ORDER BY criterion) AS criteria
        FROM stakes WHERE at_risk GROUP BY task_code
        ORDER BY points DESC, deadline NULLS LAST, task_code LIMIT $limit
        """,
        {**_whole_unit(scope).params(), "limit": limit},
    ).df()


# --- Evidence -------------------------------------------------------------------------------


def evidence(con: Con, unit: str, year: int) -> pd.DataFrame:
    """Every evidence item of the year with its criterion's name and area, in tree order."""
    df = con.execute(
        """
        SELECT e.evidence_id, e.criterion, c.name AS criterion_name, c.area, e.title,
               e.source, e.present, e.url, e.file_name, e.sha256, e.archive_path,
               e.added_by, e.added_at
        FROM criterion_evidence e
        JOIN par_criteria c ON c.unit = e.unit AND c.year = e.year AND c.code = e.criterion
        WHERE e.unit = ? AND e.year = ?
        ORDER BY e.criterion, e.evidence_id
        """,
        [unit, year],
    ).df()
    if df.empty:
        return df
    df = df.sort_values("evidence_id", kind="stable")
    return df.sort_values("criterion", key=lambda c: c.map(_code_key), kind="stable").reset_index(
        drop=True
    )


def evidence_progress(con: Con, unit: str, year: int) -> pd.DataFrame:
    """Per area of the tree: evidence items, how many are there, the share."""
    df = con.execute(
        """
        SELECT c.area, count(*) AS items, count(*) FILTER (WHERE e.present) AS present
        FROM criterion_evidence e
        JOIN par_criteria c ON c.unit = e.unit AND c.year = e.year AND c.code = e.criterion
        WHERE e.unit = ? AND e.year = ? GROUP BY c.area
        """,
        [unit, year],
    ).df()
    df["share"] = (df["present"] / df["items"]).fillna(0.0)
    order = {a: i for i, a in enumerate(AREA_ORDER)}
    df = df.assign(_k=df["area"].map(lambda a: order.get(a, len(order)))).sort_values("_k")
    return df.drop(columns="_k").reset_index(drop=True)


def missing_evidence(con: Con, unit: str, year: int) -> pd.DataFrame:
    """The items still missing, with their criterion, in tree order."""
    df = evidence(con, unit, year)
    return df[~df["present"].astype(bool)].reset_index(drop=True) if not df.empty else df


def self_assessment(con: Con, scope: Scope) -> pd.DataFrame:
    """The self-assessment table: every criterion of the tree with its maximum, the self score
    (the year's PAR file where it gives one, else the maximum less the points at risk for a
    linked leaf), and its evidence ('✓' present, '✗' missing, with the link or file)."""
    tree = criteria(con, scope.unit, scope.year)
    if tree.empty:
        return tree
    given = con.execute(
        "SELECT criterion, self_score FROM current_index_scores WHERE unit = ? AND year = ?"
        " AND \"index\" = 'PAR' AND series = 'unit' AND criterion <> ''",
        [scope.unit, scope.year],
    ).df()
    given = dict(zip(given["criterion"], given["self_score"], strict=True))
    st = stakes(con, scope)
    risk = st[st["at_risk"]].groupby("criterion")["stake"].sum().to_dict()
    linked = set(st["criterion"])
    items = evidence(con, scope.unit, scope.year)
    listed: dict[str, list[str]] = {}
    for r in items.itertuples():
        where = r.url or r.file_name or ""
        text = f"{'✓' if r.present else '✗'} {r.title}" + (f" ({where})" if where else "")
        listed.setdefault(r.criterion, []).append(text)
    rows = []
    for c in tree.itertuples():
        if c.code in given and pd.notna(given[c.code]):
            score, basis = float(given[c.code]), "tệp PAR INDEX"
        elif c.leaf and c.code in linked and pd.notna(c.max_score):
            score, basis = float(c.max_score) - risk.get(c.code, 0.0), "dự kiến"
        else:
            score, basis = None, ""
        rows.append(
            {
                "code": c.code,
                "name": c.name,
                "level": c.code.count("."),
                "max_score": c.max_score,
                "self_score": score,
                "basis": basis,
                "evidence": "\n".join(listed.get(c.code, [])),
                "missing": sum(1 for t in listed.get(c.code, []) if t.startswith("✗")),
            }
        )
    return pd.DataFrame(rows)


def area_name(area: str | None) -> str:
    return AREAS.get(area or "", area or "Khác")
