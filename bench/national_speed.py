"""How fast are the pages when the database holds every unit of the country? Not a test: it
prints figures and, for each, its target and a verdict (bench/README.md records them).

Four databases, built in a child process (so the page process's peak RSS is its own):
- one ward: the demo workbooks loaded through the real ETL (the baseline of the same run);
- national: the one-ward database, a registry of 3,321 units (99 in Bắc Ninh, the demo ward
  among them, the rest in 33 other provinces) and the demo ward's uploads of every kind copied
  to each unit by bulk SQL (`etl.units.clone`: the same tables and views, varied completion);
- national as one province: the same with every unit in one province (the Toàn tỉnh page
  over 3,321 units);
- national + a big plan: the national database and one more unit of Bắc Ninh whose plan has
  10,000 tasks, loaded through the real ETL (`etl.load.load_path`) with a progress report on
  every task (the workbooks of bench/etl_speed.py).

Then, under AppTest through app.py, EVERY page of the navigation (read from cchc/shell.py
`_pages()`), for the demo ward on the one-ward and the national database, and for the big
plan's unit on its database; the Toàn tỉnh page also for 3,321 units in one province. Each cold
(caches cleared, as after a load: every query runs) and warm (a rerun), median of --repeat
runs, with the ratio to the one-ward figure and a verdict against the issue's targets (every
page ≤ 1 s cold and ≤ 0.3 s warm at 3,321 units; Toàn tỉnh ≤ 1 s cold for 99 units and ≤ 2 s
for 3,321; every page ≤ 2 s cold for a 10,000-task plan; peak RSS < 1 GB). For each figure that
misses its target, one profiled run names the project's functions that take the time.

    .venv/bin/python bench/national_speed.py [--units 3321] [--repeat 3] [--keep DIR] [--quick]
        [--pages overview,indices]

`--quick`: 300 units, a 2,000-task plan, one run each (a smoke run of the whole script).
"""

from __future__ import annotations

import argparse
import ast
import cProfile
import os
import pstats
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("CCHC_TODAY", "2026-11-26")

WARD = "Phường Võ Cường"
BIG = "Phường Mười Nghìn"  # the unit of the 10,000-task plan
PROVINCE = "Bắc Ninh"
PROVINCE_UNITS = 99
KINDS = ("plan", "progress", "par", "sipas", "pci", "ddci", "766", "tthc")

COLD, WARM = 1.0, 0.3  # every page at 3,321 units
PROVINCE_COLD = {PROVINCE_UNITS: 1.0, "all": 2.0}  # Toàn tỉnh for 99 units, for 3,321
BIG_COLD = 2.0  # every page of a unit with a 10,000-task plan
RSS_MB = 1024


# --- The pages ----------------------------------------------------------------------------------


def app_pages() -> list[tuple[str, str]]:
    """(file stem, title) of every st.Page in cchc/shell.py `_pages()`, in menu order: read from
    the source, so a page added there is timed without touching this script."""
    tree = ast.parse((ROOT / "cchc" / "shell.py").read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == "_pages":
            for call in ast.walk(node):
                if (
                    isinstance(call, ast.Call)
                    and getattr(call.func, "attr", "") == "Page"
                    and call.args
                    and isinstance(call.args[0], ast.Constant)
                ):
                    title = next(
                        (k.value.value for k in call.keywords if k.arg == "title"),
                        Path(call.args[0].value).stem,
                    )
                    found.append((Path(call.args[0].value).stem, title, call.lineno))
    return [(stem, title) for stem, title, _ in sorted(found, key=lambda f: f[2])]


# --- Building the databases (child process) -----------------------------------------------------


def build(work: Path, count: int, big_tasks: int) -> None:
    import duckdb

    from cchc import db
    from etl.cli import demo_files
    from etl.load import Options, load_path
    from etl.units import Variation, clone

    ward = work / "ward.duckdb"
    start = time.perf_counter()
    for f in demo_files():
        assert load_path(f, Options(is_demo=True), ward).status == "loaded", f
    print(f"  one ward: {len(demo_files())} demo files through the ETL in "
          f"{time.perf_counter() - start:.1f} s")  # fmt: skip

    national = work / "national.duckdb"
    shutil.copy(ward, national)
    start = time.perf_counter()
    with db.writing(national) as con:
        con.execute("UPDATE units SET province = $p WHERE name = $w", {"p": PROVINCE, "w": WARD})
        con.execute(
            """
            INSERT INTO units (name, level, province, source, is_demo, added_at)
            SELECT CASE WHEN i % 3 = 0 THEN 'Phường ' ELSE 'Xã ' END || 'Số ' || i,
                   CASE WHEN i % 3 = 0 THEN 'phuong' ELSE 'xa' END,
                   CASE WHEN i < $n THEN $p ELSE 'Tỉnh ' || (2 + (i - $n) % 33) END,
                   'registry', true, current_localtimestamp()
            FROM range(1, $count) t(i)
            """,
            {"n": PROVINCE_UNITS, "p": PROVINCE, "count": count},
        )
        names = [
            r[0] for r in con.execute("SELECT name FROM units WHERE name <> ?", [WARD]).fetchall()
        ]
        variations = [
            Variation(
                name,
                keep_done=40 + (h % 61),
                add_done=(h // 61) % 30,
                missing=["", "VHXH", "CAP", "KTHTDT", "TTPVHCC"][h % 5],
                par=0.86 + (h % 23) / 100,
                sipas=0.90 + (h % 17) / 100,
            )
            for name, h in ((n, hash_of(n)) for n in names)
        ]
        con.execute("BEGIN TRANSACTION")
        made = clone(con, WARD, variations, KINDS)
        con.execute("COMMIT")
        counts = con.execute(
            "SELECT (SELECT count(*) FROM units), (SELECT count(*) FROM uploads),"
            " (SELECT count(*) FROM tasks), (SELECT count(*) FROM task_reports),"
            " (SELECT count(*) FROM index_scores), (SELECT count(*) FROM procedure_stats)"
        ).fetchone()
    size = national.stat().st_size / 1e6
    print(
        f"  national: {made:,} uploads copied in {time.perf_counter() - start:.1f} s — units "
        f"{counts[0]:,}, uploads {counts[1]:,}, tasks {counts[2]:,}, report rows {counts[3]:,}, "
        f"index rows {counts[4]:,}, TTHC rows {counts[5]:,}; {size:.0f} MB"
    )
    one = work / "one-province.duckdb"
    shutil.copy(national, one)
    with duckdb.connect(str(one)) as con:
        con.execute("UPDATE units SET province = $p", {"p": PROVINCE})

    build_big(work, national, big_tasks)


def build_big(work: Path, national: Path, tasks: int) -> None:
    """The national database plus BIG, a unit of Bắc Ninh whose plan has `tasks` tasks and a
    Quý III progress report on every one of them, both through the real ETL."""
    from etl_speed import write_workbooks

    from cchc import db
    from etl.load import Options, load_path

    big = work / "big-plan.duckdb"
    shutil.copy(national, big)
    start = time.perf_counter()
    plan, report, _ = write_workbooks(tasks, work, "nested", 0.01)
    made = time.perf_counter() - start
    timings = []
    for path, kind in ((plan, "plan"), (report, "progress")):
        start = time.perf_counter()
        result = load_path(path, Options(unit=BIG, kind=kind, is_demo=True), big)
        assert result.status == "loaded", (path.name, [str(p) for p in result.problems])
        timings.append(time.perf_counter() - start)
    with db.writing(big) as con:
        con.execute("UPDATE units SET province = $p WHERE name = $u", {"p": PROVINCE, "u": BIG})
        held = con.execute(
            "SELECT (SELECT count(*) FROM v_tasks WHERE unit = $u),"
            " (SELECT count(*) FROM task_reports r JOIN uploads u ON u.upload_id = r.upload_id"
            "  WHERE u.unit = $u AND u.status = 'loaded')",
            {"u": BIG},
        ).fetchone()
    print(
        f"  big plan: {BIG} — workbooks of {tasks:,} tasks written in {made:.1f} s, the plan "
        f"loaded in {timings[0]:.1f} s and its progress report in {timings[1]:.1f} s through the "
        f"ETL; the unit holds {held[0]:,} tasks and {held[1]:,} report rows"
    )


def built_sizes(national: Path, big: Path) -> tuple[int, int]:
    """The national database's units and the big plan's tasks."""
    import duckdb

    with duckdb.connect(str(national), read_only=True) as con:
        units = con.execute("SELECT count(*) FROM units").fetchone()[0]
    with duckdb.connect(str(big), read_only=True) as con:
        tasks = con.execute("SELECT count(*) FROM v_tasks WHERE unit = ?", [BIG]).fetchone()[0]
    return int(units), int(tasks)


def hash_of(name: str) -> int:
    import hashlib

    return int(hashlib.sha256(name.encode()).hexdigest()[:8], 16)


# --- Timing the pages (this process) ------------------------------------------------------------


def quiet_streamlit() -> None:
    import logging

    for name in (
        "streamlit",
        "streamlit.runtime.caching.cache_data_api",
        "streamlit.runtime.scriptrunner_utils.script_run_context",
    ):
        logging.getLogger(name).setLevel(logging.ERROR)


def opened(database: Path, page: str, unit: str):
    """An AppTest of app.py on `database`, the unit chosen, switched to pages/<page>.py, not
    yet run there."""
    from streamlit.testing.v1 import AppTest

    os.environ["CCHC_DB"] = str(database)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    at.query_params["don_vi"] = unit
    at.run()
    at.switch_page(f"pages/{page}.py")
    return at


class PageFailed(Exception):
    pass


def checked(at) -> None:
    problems = [str(e.value)[:160] for e in at.exception] + [str(e.value)[:160] for e in at.error]
    if problems:
        raise PageFailed("; ".join(problems))


def page_times(database: Path, page: str, repeat: int, unit: str = WARD) -> tuple[float, ...]:
    """Median cold and warm wall seconds, and the CPU seconds of this process (every thread:
    the page's Python and DuckDB's) for the same runs: on a shared, loaded machine the wall
    time grows with the others' work, the CPU time much less."""
    import streamlit as st

    cold, warm, cold_cpu, warm_cpu = [], [], [], []
    for _ in range(repeat):
        at = opened(database, page, unit)
        st.cache_data.clear()
        st.cache_resource.clear()  # ui.figure's figures too: after a load they are rebuilt
        for wall, cpu in ((cold, cold_cpu), (warm, warm_cpu)):
            start, start_cpu = time.perf_counter(), time.process_time()
            at.run()
            wall.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
            checked(at)
    return tuple(statistics.median(v) for v in (cold, warm, cold_cpu, warm_cpu))


def timed_page(database: Path, page: str, repeat: int, unit: str = WARD):
    """page_times, or (nan, nan) and the message when the page fails (it is reported, the
    run goes on: other pages are still timed)."""
    try:
        return (*page_times(database, page, repeat, unit), "")
    except PageFailed as exc:
        return (float("nan"),) * 4 + (str(exc),)


def what_takes_the_time(database: Path, page: str, unit: str, warm: bool, top: int = 6) -> str:
    """One profiled run: the project's functions (cchc/, etl/, pages/) with the most time
    under them, e.g. 'queries.tasks 0.41 s; charts.status_bars 0.12 s'."""
    import streamlit as st

    at = opened(database, page, unit)
    st.cache_data.clear()
    st.cache_resource.clear()
    if warm:
        at.run()
    profile = cProfile.Profile()

    def start_in_the_script_thread(*_: object) -> None:  # AppTest runs the page in a thread
        sys.setprofile(None)
        profile.enable()

    threading.setprofile(start_in_the_script_thread)
    try:
        at.run()
    finally:
        threading.setprofile(None)
    profile.create_stats()
    stats = pstats.Stats(profile).stats  # {(file, line, name): (cc, nc, tt, ct, callers)}
    own = []
    for (file, _, name), (_, _, _, cumulative, _) in stats.items():
        path = Path(file)
        if not path.is_relative_to(ROOT) or path.parts[-2] not in ("cchc", "etl", "pages"):
            continue
        if name == "<module>" or name.startswith("<"):
            continue
        own.append((cumulative, f"{path.stem}.{name}"))
    own.sort(reverse=True)
    shown, seen = [], set()
    for cumulative, name in own:
        if name in seen or name.startswith(("shell.", "ui._run", "ui.query")):
            continue
        seen.add(name)
        shown.append(f"{name} {cumulative:.2f} s")
        if len(shown) == top:
            break
    return "; ".join(shown)


@dataclass
class Row:
    label: str
    cold: float
    warm: float
    cold_target: float | None = None
    warm_target: float | None = None
    base: tuple[float, float] | None = None  # the one-ward figures it is compared with
    page: str = ""
    database: Path | None = None
    unit: str = WARD
    failed: str = ""  # the page's error, when it failed
    cpu: tuple[float, float] = (float("nan"), float("nan"))  # CPU seconds, cold and warm

    def verdict(self) -> str:
        if self.failed:
            return f"FAILED: {self.failed}"
        misses = []
        if self.cold_target is not None and self.cold > self.cold_target:
            misses.append(f"cold > {self.cold_target:g} s")
        if self.warm_target is not None and self.warm > self.warm_target:
            misses.append(f"warm > {self.warm_target:g} s")
        if self.cold_target is None and self.warm_target is None:
            return "(baseline)"
        return "not met: " + ", ".join(misses) if misses else "met"


def print_rows(rows: list[Row], header: bool = False) -> None:
    if header:
        print(f"{'page':<50}{'cold s':>7}{'warm s':>7}{'CPU c/w s':>12}{'cold ×':>8}"
              f"{'warm ×':>8}  target → verdict")  # fmt: skip
    for r in rows:
        ratios = (
            f"{r.cold / r.base[0]:>7.2f}×{r.warm / r.base[1]:>7.2f}×"
            if r.base
            else f"{'':>8}{'':>8}"
        )
        target = " / ".join(
            t
            for t in (
                f"≤ {r.cold_target:g} s cold" if r.cold_target is not None else "",
                f"≤ {r.warm_target:g} s warm" if r.warm_target is not None else "",
            )
            if t
        )
        print(
            f"{r.label:<50}{r.cold:>7.2f}{r.warm:>7.2f}{r.cpu[0]:>7.2f}/{r.cpu[1]:<4.2f}{ratios}  "
            f"{target + ' → ' if target else ''}{r.verdict()}",
            flush=True,
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=3321)
    parser.add_argument("--tasks", type=int, default=10_000, help="the big plan's tasks")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="build into (and reuse) this folder")
    parser.add_argument("--quick", action="store_true", help="300 units, 2,000 tasks, 1 run")
    parser.add_argument("--pages", help="only these pages (file stems, comma-separated)")
    parser.add_argument("--no-profile", action="store_true", help="no profile of the misses")
    parser.add_argument("--build", type=Path, help=argparse.SUPPRESS)  # the child's job
    args = parser.parse_args()
    if args.quick:
        args.units, args.tasks, args.repeat = 300, 2_000, 1
    if args.build:
        build(args.build, args.units, args.tasks)
        return 0

    work = args.keep or Path(tempfile.mkdtemp(prefix="national-speed-"))
    work.mkdir(parents=True, exist_ok=True)
    if not (work / "big-plan.duckdb").exists():
        print(f"Building the databases in {work} (child process):", flush=True)
        subprocess.run(
            [sys.executable, __file__, "--build", str(work), "--units", str(args.units),
             "--tasks", str(args.tasks)],
            check=True,
        )  # fmt: skip
    ward, national, one, big = (
        work / f
        for f in ("ward.duckdb", "national.duckdb", "one-province.duckdb", "big-plan.duckdb")
    )
    args.units, args.tasks = built_sizes(national, big)  # a kept folder says what it holds
    quiet_streamlit()
    pages = app_pages()
    if args.pages:
        pages = [p for p in pages if p[0] in args.pages.split(",")]
    load = os.getloadavg()
    print(
        f"\nPage times (median of {args.repeat}), AppTest through app.py, as of "
        f"{os.environ['CCHC_TODAY']}; {len(pages)} pages; ratio = this ÷ the one-ward figure; "
        f"{os.cpu_count()} CPUs, load average {load[0]:.1f} at the start",
        flush=True,
    )
    rows: list[Row] = []
    units = f"{args.units:,}"
    print(f"\nEvery page for {WARD}: one ward, then {units} units")
    for stem, title in pages:
        c1, w1, *cpu1, f1 = timed_page(ward, stem, args.repeat)
        c2, w2, *cpu2, f2 = timed_page(national, stem, args.repeat)
        cold_target = PROVINCE_COLD[PROVINCE_UNITS] if stem == "province" else COLD
        where = f" (Toàn tỉnh: {PROVINCE_UNITS} units)" if stem == "province" else ""
        base = None if stem == "province" else (c1, w1)  # one ward: the page says 'add units'
        pair = [
            Row(f"{title} — one ward", c1, w1, page=stem, database=ward, failed=f1,
                cpu=tuple(cpu1)),
            Row(f"{title} — {units} units{where}", c2, w2, cold_target, WARM, base, stem,
                national, failed=f2, cpu=tuple(cpu2)),
        ]  # fmt: skip
        print_rows(pair, header=not rows)
        rows += pair

    if not args.pages or "province" in args.pages.split(","):
        c, w, *cpu, failed = timed_page(one, "province", args.repeat)
        row = Row(f"Toàn tỉnh — {units} units in one province", c, w, PROVINCE_COLD["all"],
                  WARM, None, "province", one, failed=failed, cpu=tuple(cpu))  # fmt: skip
        print_rows([row])
        rows.append(row)

    print(f"\nEvery page for {BIG} ({args.tasks:,}-task plan, on the {units}-unit database)")
    for i, (stem, title) in enumerate(pages):
        c, w, *cpu, failed = timed_page(big, stem, args.repeat, BIG)
        base = next((r for r in rows if r.page == stem and r.database == ward), None)
        row = Row(f"{title} — {args.tasks:,} tasks", c, w, BIG_COLD, None,
                  (base.cold, base.warm) if base else None, stem, big, BIG, failed,
                  tuple(cpu))  # fmt: skip
        print_rows([row], header=i == 0)
        rows.append(row)

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"\nPeak RSS of the page process: {peak:,.0f} MB (target < {RSS_MB:,} MB → "
        f"{'met' if peak < RSS_MB else 'not met'}); load average at the end "
        f"{os.getloadavg()[0]:.1f}"
    )
    misses = [r for r in rows if r.verdict().startswith("not met")]
    met = sum(1 for r in rows if r.verdict() == "met")
    failed = sum(1 for r in rows if r.failed)
    print(f"\nTargets: {met} figures met, {len(misses)} not met, {failed} pages failed.")
    if misses and not args.no_profile:
        print("What stands in the way (one profiled run; time under the project's functions):")
        for r in misses:
            warm_only = r.cold_target is None or r.cold <= r.cold_target
            taken = what_takes_the_time(r.database, r.page, r.unit, warm_only)
            print(f"  {r.label} ({'warm' if warm_only else 'cold'}): {taken}", flush=True)
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
