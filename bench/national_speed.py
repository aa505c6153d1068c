"""How fast are the pages when the database holds every unit of the country? Not a test: it
prints figures (bench/README.md records them).

Three databases, built in a child process (so the page process's peak RSS is its own):
- one ward: the demo workbooks loaded through the real ETL (the baseline of the same run);
- national: the one-ward database, a registry of 3,321 units (99 in Bắc Ninh, the demo ward
  among them, the rest in 33 other provinces) and the demo ward's uploads of every kind copied
  to each unit by bulk SQL (`etl.units.clone`: the same tables and views, varied completion);
- national as one province: the same with every unit in one province (the Toàn tỉnh page
  over 3,321 units).

Then, under AppTest through app.py, for the demo ward: Tổng quan, Chỉ số and Lịch sử tải lên
on the one-ward and the national database, and the Toàn tỉnh page for 99 and for 3,321 units;
each cold (caches cleared, as after a load: every query runs) and warm (a rerun), median of
--repeat runs, with the ratio to the one-ward figure.

    .venv/bin/python bench/national_speed.py [--units 3321] [--repeat 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("CCHC_TODAY", "2026-11-26")

WARD = "Phường Võ Cường"
PROVINCE = "Bắc Ninh"
PROVINCE_UNITS = 99
KINDS = ("plan", "progress", "par", "sipas", "pci", "ddci", "766", "tthc")


# --- Building the databases (child process) ---------------------------------------------------


def build(work: Path, count: int) -> None:
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


def hash_of(name: str) -> int:
    import hashlib

    return int(hashlib.sha256(name.encode()).hexdigest()[:8], 16)


# --- Timing the pages (this process) -----------------------------------------------------------


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def page_times(database: Path, page: str, repeat: int) -> tuple[float, float]:
    import logging

    import streamlit as st
    from streamlit.testing.v1 import AppTest

    for name in (
        "streamlit",
        "streamlit.runtime.caching.cache_data_api",
        "streamlit.runtime.scriptrunner_utils.script_run_context",
    ):
        logging.getLogger(name).setLevel(logging.ERROR)

    os.environ["CCHC_DB"] = str(database)
    cold, warm = [], []
    for _ in range(repeat):
        st.cache_data.clear()
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
        at.query_params["don_vi"] = WARD
        at.run()
        at.switch_page(f"pages/{page}.py")
        st.cache_data.clear()
        cold.append(timed(at.run))
        assert not at.exception, at.exception
        assert not [e.value for e in at.error], [e.value for e in at.error]
        warm.append(timed(at.run))
    return statistics.median(cold), statistics.median(warm)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=3321)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="build into (and reuse) this folder")
    parser.add_argument("--build", type=Path, help=argparse.SUPPRESS)  # the child's job
    args = parser.parse_args()
    if args.build:
        build(args.build, args.units)
        return 0

    work = args.keep or Path(tempfile.mkdtemp(prefix="national-speed-"))
    work.mkdir(parents=True, exist_ok=True)
    if not (work / "one-province.duckdb").exists():
        print(f"Building the databases in {work} (child process):")
        subprocess.run(
            [sys.executable, __file__, "--build", str(work), "--units", str(args.units)],
            check=True,
        )
    ward, national, one = (
        work / f for f in ("ward.duckdb", "national.duckdb", "one-province.duckdb")
    )

    print(f"\nPage times (median of {args.repeat}), AppTest through app.py, unit {WARD}, "
          f"as of {os.environ['CCHC_TODAY']}; ratio = national ÷ one ward")  # fmt: skip
    print(f"{'page':<34}{'cold s':>9}{'warm s':>9}{'cold ×':>9}{'warm ×':>9}")
    rows = []
    for page, name in (
        ("overview", "Tổng quan"),
        ("indices", "Chỉ số"),
        ("history", "Lịch sử tải lên"),
    ):
        c1, w1 = page_times(ward, page, args.repeat)
        c2, w2 = page_times(national, page, args.repeat)
        rows.append((f"{name} — one ward", c1, w1, None, None))
        rows.append((f"{name} — {args.units:,} units", c2, w2, c2 / c1, w2 / w1))
    base_c, base_w = rows[0][1], rows[0][2]  # Tổng quan on the one-ward database
    for label, database in ((f"99 units ({PROVINCE})", national), (f"{args.units:,} units", one)):
        c, w = page_times(database, "province", args.repeat)
        rows.append((f"Toàn tỉnh — {label}", c, w, c / base_c, w / base_w))
    for label, c, w, rc, rw in rows:
        ratios = f"{rc:>8.2f}×{rw:>8.2f}×" if rc is not None else f"{'':>9}{'':>9}"
        print(f"{label:<34}{c:>9.2f}{w:>9.2f}{ratios}")
    print("(Toàn tỉnh ratios are to Tổng quan on the one-ward database.)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nPeak RSS of the page process: {peak:,.0f} MB")
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
