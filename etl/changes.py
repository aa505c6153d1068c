"""What a load changes, said before it changes: a plan's tasks added, removed, retitled, with
a new deadline or lead (and the reports a removal orphans); a report's status and percent per
task, before → after; an index's periods added and replaced, with old → new totals. Anything
that removes data is listed in `removals`, which the upload page asks the clerk to confirm."""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb
import pyarrow as pa

from cchc.fmt import number
from cchc.periods import period_label
from cchc.text import fold
from cchc.vocab import REPORTED_STATUSES, department_name

MAX_ROWS = 200  # rows of the before → after table


@dataclass
class Changes:
    lines: list[str] = field(default_factory=list)  # Vietnamese sentences
    table: list[tuple[str, str, str]] = field(default_factory=list)  # (what, before, after)
    removals: list[str] = field(default_factory=list)  # what goes, to be confirmed


def changes_for(con: duckdb.DuckDBPyConnection, parsed, rows: pa.Table, department=None):
    if parsed.kind == "plan":
        return _plan(con, parsed, rows)
    if parsed.kind == "progress":
        return _report(con, parsed, rows, department)
    return _index(con, parsed, rows)


def _deadline(d) -> str:
    return d.strftime("%d/%m/%Y") if d else "không có"


def _columns(rows: pa.Table, names: list[str]) -> dict[str, dict]:
    """Rows by their code, with only the columns compared (fast on a national-scale plan)."""
    cols = rows.select(["code", *names]).to_pydict()
    return {code: {n: cols[n][i] for n in names} for i, code in enumerate(cols["code"])}


def _plan(con, parsed, rows: pa.Table) -> Changes:
    old = {
        r[0]: {"title": r[1], "lead_department": r[2], "deadline": r[3]}
        for r in con.execute(
            "SELECT code, title, lead_department, deadline FROM v_tasks "
            "WHERE unit = ? AND plan_year = ?",
            [parsed.unit, parsed.plan_year],
        ).fetchall()
    }
    out = Changes()
    scope = f"Kế hoạch năm {parsed.plan_year} của {parsed.unit}"
    if not old:
        out.lines.append(f"{scope}: kế hoạch mới, {rows.num_rows} nhiệm vụ.")
        return out
    new = _columns(rows, ["title", "lead_department", "deadline"])
    added = [c for c in new if c not in old]
    removed = [c for c in old if c not in new]
    kept = [c for c in new if c in old]
    retitled = [c for c in kept if fold(new[c]["title"]) != fold(old[c]["title"])]
    moved = [c for c in kept if new[c]["deadline"] != old[c]["deadline"]]
    relead = [c for c in kept if new[c]["lead_department"] != old[c]["lead_department"]]
    reports = dict(
        con.execute(
            "SELECT code, count(*) FROM v_task_reports WHERE unit = ? AND plan_year = ? "
            "GROUP BY code",
            [parsed.unit, parsed.plan_year],
        ).fetchall()
    )
    counts = [
        (len(added), "thêm"),
        (len(removed), "bỏ"),
        (len(retitled), "đổi nội dung"),
        (len(moved), "đổi thời hạn"),
        (len(relead), "đổi cơ quan chủ trì"),
    ]
    said = ", ".join(f"{w} {n}" for n, w in counts if n) or "không đổi nhiệm vụ nào"
    out.lines.append(f"{scope}: {len(old)} → {len(new)} nhiệm vụ ({said}).")
    orphaned = sum(reports.get(c, 0) for c in removed)
    if orphaned:
        out.lines.append(f"{orphaned} báo cáo của các nhiệm vụ bị bỏ sẽ không còn được tính.")
    for c in added:
        out.table.append((f"{c} (mới)", "", new[c]["title"]))
    for c in removed:
        out.table.append((f"{c} (bỏ)", old[c]["title"], ""))
        n = reports.get(c, 0)
        out.removals.append(
            f"nhiệm vụ {c} «{old[c]['title'][:60]}»" + (f" và {n} báo cáo của nó" if n else "")
        )
    for c in retitled:
        out.table.append((f"{c} nội dung", old[c]["title"], new[c]["title"]))
    for c in moved:
        before, after = _deadline(old[c]["deadline"]), _deadline(new[c]["deadline"])
        out.table.append((f"{c} thời hạn", before, after))
    for c in relead:
        before = department_name(old[c]["lead_department"], parsed.unit)
        after = department_name(new[c]["lead_department"], parsed.unit)
        out.table.append((f"{c} chủ trì", before, after))
    out.table = out.table[:MAX_ROWS]
    return out


def _status(status: str | None, percent: float | None) -> str:
    if status is None:
        return ""
    text = REPORTED_STATUSES.get(status, status)
    return f"{text} ({number(percent, 0)}%)" if percent is not None else text


def _report(con, parsed, rows: pa.Table, department: str | None) -> Changes:
    new = _columns(rows, ["reported_status", "percent"])
    period = rows.column("period")[0].as_py() if rows.num_rows else ""
    old = {
        r[0]: (r[1], r[2])
        for r in con.execute(
            "SELECT r.code, r.reported_status, r.percent FROM task_reports r "
            "JOIN uploads u USING (upload_id) WHERE u.status = 'loaded' AND r.unit = ? "
            "AND r.plan_year = ? AND r.period = ? AND r.department IS NOT DISTINCT FROM ?",
            [parsed.unit, parsed.plan_year, period, department],
        ).fetchall()
    }
    who = department_name(department, parsed.unit) if department else ""
    scope = f"Báo cáo {period_label(period)}" + (f" của {who}" if who else "")
    out = Changes()
    if not old:
        out.lines.append(f"{scope}: báo cáo mới, {len(new)} nhiệm vụ.")
    changed = 0
    for code, r in new.items():
        after = _status(r["reported_status"], r["percent"])
        before = _status(*old[code]) if code in old else ""
        if before != after:
            changed += 1
            out.table.append((code, before or "(chưa có)", after))
    gone = [c for c in old if c not in new]
    for c in gone:
        out.table.append((c, _status(*old[c]), "(không còn trong báo cáo)"))
        out.removals.append(f"báo cáo {period_label(period)} của nhiệm vụ {c}")
    if old:
        out.lines.append(
            f"{scope}: thay bản đang dùng — {changed} nhiệm vụ đổi tình trạng hoặc tỷ lệ"
            + (f", {len(gone)} nhiệm vụ không còn trong báo cáo" if gone else "")
            + "."
        )
    out.table = out.table[:MAX_ROWS]
    return out


def _total(value: float | None) -> str:
    return "" if value is None else number(value, 2)


def _index(con, parsed, rows: pa.Table) -> Changes:
    index = rows.column("index")[0].as_py() if rows.num_rows else ""
    new = {
        r["period"]: r["score"]
        for r in rows.to_pylist()
        if r["series"] == "unit" and r["criterion"] == ""
    }
    new_periods = sorted({r["period"] for r in rows.to_pylist() if r["series"] == "unit"})
    old = dict(
        con.execute(
            'SELECT period, score FROM current_index_scores WHERE unit = ? AND "index" = ? '
            "AND series = 'unit' AND criterion = ''",
            [parsed.unit, index],
        ).fetchall()
    )
    old_periods = {
        r[0]
        for r in con.execute(
            'SELECT DISTINCT period FROM current_index_scores WHERE unit = ? AND "index" = ? '
            "AND series = 'unit'",
            [parsed.unit, index],
        ).fetchall()
    }
    added = [p for p in new_periods if p not in old_periods]
    replaced = [p for p in new_periods if p in old_periods]
    kept = sorted(old_periods - set(new_periods))
    out = Changes()
    parts = []
    if added:
        parts.append("thêm " + ", ".join(period_label(p) for p in added))
    if replaced:
        parts.append("thay số liệu " + ", ".join(period_label(p) for p in replaced))
    if kept:
        parts.append(
            f"giữ nguyên {len(kept)} kỳ khác ({period_label(kept[0])}–{period_label(kept[-1])})"
        )
    out.lines.append(f"Chỉ số {index} của {parsed.unit}: " + "; ".join(parts) + ".")
    for p in new_periods:
        before = _total(old.get(p)) if p in old_periods else "(chưa có)"
        out.table.append((period_label(p), before, _total(new.get(p))))
    out.table = out.table[:MAX_ROWS]
    return out
