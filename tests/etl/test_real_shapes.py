"""The real-shape corpus: workbooks written the way other ward and commune offices write them.

Each case in tests/data/real-shapes/expected.json is loaded through the command line
(`python -m etl load FILE... --json`) into a fresh database, and the public views are compared
with the hand-written reading of the files. The workbooks and expected.json are made by
scripts/make_real_shapes.py and committed.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import duckdb
import openpyxl
import pytest

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data" / "real-shapes"
CASES: list[dict] = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))
BY_ID = {c["id"]: c for c in CASES}
TODAY = "2026-11-28"


def fold(text: object) -> str:
    """Lowercase, no diacritics, every run of punctuation and spaces as one space."""
    s = unicodedata.normalize("NFKD", str(text or "")).replace("đ", "d").replace("Đ", "d")
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", s).split())


@dataclass
class Loaded:
    db: Path
    results: list[dict] | None
    returncode: int
    stdout: str
    stderr: str


def _run_case(case: dict, root: Path) -> Loaded:
    db = root / case["id"] / "cchc.duckdb"
    db.parent.mkdir(parents=True)
    paths = [str(DATA / f) for f in case["files"]]
    proc = subprocess.run(
        [sys.executable, "-m", "etl", "load", *paths, "--db", str(db), "--json", *case["args"]],
        env={**os.environ, "CCHC_TODAY": TODAY},
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
    )
    try:
        results = json.loads(proc.stdout)
    except json.JSONDecodeError:
        results = None
    return Loaded(db, results, proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Loaded]:
    """Every case loaded once, a few command lines at a time."""
    root = tmp_path_factory.mktemp("real-shapes")
    with ThreadPoolExecutor(max_workers=8) as pool:
        futures = {c["id"]: pool.submit(_run_case, c, root) for c in CASES}
        return {cid: f.result() for cid, f in futures.items()}


def _query(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    if not db.exists():
        return []
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def _close(a: object, b: object) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) < 0.005  # type: ignore[arg-type]


def _check_statuses(cid: str, case: dict, run: Loaded, failures: list[str]) -> None:
    if run.results is None:
        failures.append(
            f"[{cid}] no JSON array on stdout (exit {run.returncode}): {run.stderr.strip()[:600]}"
        )
        return
    got = [r.get("status") for r in run.results]
    if got != case["status"]:
        problems = "; ".join(
            f"{r.get('file')}: {e.get('row')}{e.get('column')} {e.get('message')} [{e.get('value')}]"
            for r in run.results
            for e in r.get("errors", [])
        )
        failures.append(f"[{cid}] status: expected {case['status']}, got {got}. {problems[:900]}")
    for name, expected in case.get("problems", {}).items():
        result = next((r for r in run.results if Path(r.get("file", "")).name == name), None)
        errors = result.get("errors", []) if result else []
        for p in expected:
            hit = [
                e
                for e in errors
                if e.get("row") == p["row"]
                and e.get("column") == p["column"]
                and p["contains"] in fold(f"{e.get('message')} {e.get('value')}")
            ]
            if not hit:
                seen = [(e.get("row"), e.get("column"), e.get("message")) for e in errors]
                failures.append(
                    f"[{cid}] problems[{name}]: no problem at row {p['row']} column "
                    f"{p['column']} containing '{p['contains']}'; got {seen[:5]}"
                )


def _check_tasks(cid: str, exp: dict, db: Path, failures: list[str]) -> None:
    rows = _query(
        db,
        "SELECT unit, plan_year, area, code, lead_department, support_departments, deadline"
        " FROM v_tasks",
    )
    if len(rows) != exp["count"]:
        failures.append(f"[{cid}] tasks.count: expected {exp['count']}, got {len(rows)}")
    if not rows or exp["count"] == 0:
        return
    units = sorted({fold(r[0]) for r in rows})
    if units != [fold(exp["unit"])]:
        failures.append(f"[{cid}] tasks.unit: expected {exp['unit']!r}, got {units}")
    years = sorted({r[1] for r in rows})
    if years != [exp["plan_year"]]:
        failures.append(f"[{cid}] tasks.plan_year: expected {exp['plan_year']}, got {years}")
    for key, col in (("by_area", 2), ("by_lead", 4)):
        got: dict[str, int] = {}
        for r in rows:
            got[str(r[col])] = got.get(str(r[col]), 0) + 1
        if got != exp[key]:
            failures.append(
                f"[{cid}] tasks.{key}: expected {exp[key]}, got {dict(sorted(got.items()))}"
            )
    by_code = {r[3]: r for r in rows}
    for code, deadline in exp["deadlines"].items():
        if code not in by_code:
            failures.append(
                f"[{cid}] tasks.deadlines[{code}]: no task {code}; codes {sorted(by_code)}"
            )
            continue
        got_d = by_code[code][6]
        got_s = got_d.isoformat() if got_d is not None else None
        if got_s != deadline:
            failures.append(f"[{cid}] tasks.deadlines[{code}]: expected {deadline}, got {got_s}")
    for code, support in exp["support"].items():
        if code in by_code:
            got_sup = sorted(by_code[code][5] or [])
            if got_sup != sorted(support):
                failures.append(
                    f"[{cid}] tasks.support[{code}]: expected {sorted(support)}, got {got_sup}"
                )


def _check_reports(cid: str, exp: dict, db: Path, failures: list[str]) -> None:
    if exp.get("period") is None:
        rows = _query(db, "SELECT code, period FROM v_task_reports")
        if rows:
            failures.append(f"[{cid}] reports: expected none, got {rows[:5]}")
        return
    rows = _query(
        db,
        "SELECT code, reported_status, percent FROM v_task_reports WHERE period = ?",
        [exp["period"]],
    )
    got = {r[0]: [r[1], r[2]] for r in rows}
    if set(got) != set(exp["rows"]):
        periods = sorted({r[0] for r in _query(db, "SELECT period FROM v_task_reports")})
        failures.append(
            f"[{cid}] reports.rows codes for {exp['period']}: expected {sorted(exp['rows'])}, "
            f"got {sorted(got)} (periods in the view: {periods})"
        )
    for code, (status, percent) in exp["rows"].items():
        if code not in got:
            continue
        g_status, g_percent = got[code]
        if g_status != status or not _close(g_percent, percent):
            failures.append(
                f"[{cid}] reports.rows[{code}]: expected [{status}, {percent}], "
                f"got [{g_status}, {g_percent}]"
            )


def _check_index(cid: str, exp: dict, db: Path, failures: list[str]) -> None:
    rows = _query(
        db,
        'SELECT period, criterion, score, rank FROM v_index_scores WHERE "index" = ?',
        [exp["index"]],
    )
    if not rows:
        indices = _query(db, 'SELECT DISTINCT "index" FROM v_index_scores')
        failures.append(f"[{cid}] index {exp['index']}: no rows (indices present: {indices})")
        return
    totals = {r[0]: r[2] for r in rows if r[1] == ""}
    if set(totals) != set(exp["totals"]) or not all(
        _close(totals[p], v) for p, v in exp["totals"].items()
    ):
        failures.append(
            f"[{cid}] index.totals: expected {exp['totals']}, got {dict(sorted(totals.items()))}"
        )
    ranks = {r[0]: r[3] for r in rows if r[1] == "" and r[3] is not None}
    if ranks != exp.get("ranks", {}):
        failures.append(f"[{cid}] index.ranks: expected {exp.get('ranks', {})}, got {ranks}")
    counts: dict[str, int] = {}
    for r in rows:
        if r[1] != "":
            counts[r[0]] = counts.get(r[0], 0) + 1
    if counts != exp["criteria_count"]:
        failures.append(
            f"[{cid}] index.criteria_count: expected {exp['criteria_count']}, "
            f"got {dict(sorted(counts.items()))}"
        )


@pytest.mark.parametrize("cid", list(BY_ID))
def test_real_shape(cid: str, loaded: dict[str, Loaded]) -> None:
    case = BY_ID[cid]
    run = loaded[cid]
    failures: list[str] = []
    _check_statuses(cid, case, run, failures)
    if "tasks" in case:
        _check_tasks(cid, case["tasks"], run.db, failures)
    if "reports" in case:
        _check_reports(cid, case["reports"], run.db, failures)
    if "index" in case:
        _check_index(cid, case["index"], run.db, failures)
    assert not failures, "\n".join(failures)


def test_no_silent_null(loaded: dict[str, Loaded]) -> None:
    """Across every case: a deadline is NULL only where the file says none, every task has a
    lead, every report row a status, every index total a score."""
    failures: list[str] = []
    for case in CASES:
        cid = case["id"]
        db = loaded[cid].db
        expected_null = {
            code for code, d in case.get("tasks", {}).get("deadlines", {}).items() if d is None
        }
        for code, lead, deadline in _query(
            db, "SELECT code, lead_department, deadline FROM v_tasks"
        ):
            if lead is None:
                failures.append(f"[{cid}] task {code}: lead_department is NULL")
            if deadline is None and code not in expected_null:
                failures.append(f"[{cid}] task {code}: deadline is NULL")
        for code, period in _query(
            db, "SELECT code, period FROM v_task_reports WHERE reported_status IS NULL"
        ):
            failures.append(f"[{cid}] report {period} {code}: reported_status is NULL")
        for index, period in _query(
            db,
            "SELECT \"index\", period FROM v_index_scores WHERE criterion = '' AND score IS NULL",
        ):
            failures.append(f"[{cid}] index {index} {period}: total score is NULL")
    assert not failures, "\n".join(failures)


def _cells(path: Path) -> dict[str, list[tuple]]:
    wb = openpyxl.load_workbook(path)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}


def test_generator_is_deterministic(tmp_path: Path) -> None:
    """The committed corpus is what scripts/make_real_shapes.py writes: the cell values of every
    .xlsx, the .csv bytes, expected.json, and each .xls holds the cells it was converted from."""
    spec = importlib.util.spec_from_file_location(
        "make_real_shapes", REPO / "scripts" / "make_real_shapes.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_real_shapes"] = module
    spec.loader.exec_module(module)
    sources = tmp_path / "xls-sources"
    cases = module.build(tmp_path, xls=False, xls_sources=sources)
    assert cases == CASES, "expected.json differs from what the generator writes"
    listed = sorted({f for c in CASES for f in c["files"]})
    committed = sorted(p.name for p in DATA.iterdir() if p.name != "expected.json")
    assert committed == listed, "files in tests/data/real-shapes that no case loads, or missing"
    for name in sorted(p.name for p in tmp_path.glob("*.xlsx")):
        assert _cells(tmp_path / name) == _cells(DATA / name), name
    for name in sorted(p.name for p in tmp_path.glob("*.csv")):
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), name
    for name in [f for f in listed if f.endswith(".xls")]:
        source = module.cell_values(sources / f"{name}.xlsx")
        assert module.cell_values(DATA / name) == source, name
