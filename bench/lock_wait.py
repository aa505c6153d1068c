"""How long does the dashboard wait while a big file loads? (issue #16, finding 7)

    .venv/bin/python bench/lock_wait.py [--rows N] [--repeat R]

A reader (this process) opens the database read-only and runs one dashboard-sized query every
20 ms, as the pages do, while `python -m etl load` loads a plan appendix of N tasks (into a
database that has an older plan) and then a progress report of N rows (into one holding the
plan), each in a fresh subprocess. It records how long each read took, from asking for the
connection to the result.

Four runs per file, each best of R (the run with the smallest longest wait):

* **baseline**: the reader alone, nothing loading: its longest read;
* **before**: the load with everything under the write lock (`CCHC_PARSE_IN_LOCK=1`, the
  way loads worked before issue #16) and no published copy: the reader opens the main file, so
  parsing, matching and writing all block it;
* **locked**: parse, then lock (matched against a snapshot taken under a short read lock, the
  write lock held only for the write), still with no published copy: the reader waits for the
  write itself;
* **after**: as it is now: the database has a published copy (cchc/snapshots.py, made at the
  end of every write), so the reader reads it while the load holds the main file.

Two figures per run: the reader's longest **wait** (asking for a connection → having it: what a
load costs a page) and its longest **read** (wait + query; on a loaded machine the query alone
varies, which the baseline shows). The ratio after/before of the wait is printed, and the target
is a longest wait of at most 0.2 s. Files go to bench/out/ (git-ignored). This
is not a test: it prints figures, and exits 1 only when a load fails.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from etl_speed import write_workbooks  # noqa: E402

from cchc import db  # noqa: E402

TARGET = 0.2  # seconds: the longest a reader may wait on a load
POLL = 0.02
QUERY = "SELECT area, count(*) FROM v_tasks GROUP BY area"


@dataclass
class Run:
    load_s: float
    longest: float  # the longest wait for a connection: what the load costs a reader
    slowest: float  # the longest read in all (wait + query), for comparison with the baseline
    reads: int

    def cells(self) -> str:
        return f"{self.load_s:8.2f} {self.longest:10.3f} {self.slowest:10.3f} {self.reads:6d}"


def child_env(parse_in_lock: bool) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("CCHC_DB", None)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("CCHC_PARSE_IN_LOCK", None)
    if parse_in_lock:
        env["CCHC_PARSE_IN_LOCK"] = "1"
    return env


def etl(args: list[str], parse_in_lock: bool = False) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "etl", *args],
        cwd=REPO,
        env=child_env(parse_in_lock),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def must(proc: subprocess.Popen[str], what: str) -> None:
    out, err = proc.communicate()
    if proc.returncode != 0:
        print(f"FAILED: {what}\n{out}\n{err}", file=sys.stderr)
        sys.exit(1)


def read_once(path: Path) -> tuple[float, float]:
    """(seconds until the connection was ours, seconds until the result)."""
    t0 = time.perf_counter()
    with db.reading(path, wait=120) as con:
        opened = time.perf_counter() - t0
        con.execute(QUERY).fetchall()
    return opened, time.perf_counter() - t0


def measure(
    seed: Path, work: Path, file: Path | None, parse_in_lock: bool, published: bool = True
) -> Run:
    """Copy the seed database (and publish it, or not), start the load (None: nothing), read
    until it ends."""
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    path = work / "cchc.duckdb"
    shutil.copy(seed, path)
    if published:
        with db.writing(path):  # a write that changes nothing still publishes the file
            pass
    read_once(path)  # warm: imports, page cache
    t0 = time.perf_counter()
    proc = etl(["load", str(file), "--db", str(path)], parse_in_lock) if file else None
    waits = []
    while True:
        waits.append(read_once(path))
        if proc is None and time.perf_counter() - t0 > 3:
            break
        if proc is not None and proc.poll() is not None:
            break
        time.sleep(POLL)
    load_s = time.perf_counter() - t0
    if proc is not None:
        must(proc, f"load {file.name}")
    return Run(
        load_s if proc else 0.0, max(w for w, _ in waits), max(r for _, r in waits), len(waits)
    )


def best(repeat: int, *args) -> Run:
    return min((measure(*args) for _ in range(repeat)), key=lambda r: r.longest)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "lock_wait")
    args = parser.parse_args(argv)
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    n = args.rows

    print(f"Generating a plan and a report of {n:,} rows…", flush=True)
    plan, report, _ = write_workbooks(n, out, "nested", 0.01)
    (out / "old").mkdir(exist_ok=True)
    old_plan, _, _ = write_workbooks(max(n // 10, 100), out / "old", "nested", 0.0)

    print("Seeding the databases…", flush=True)
    seeds = out / "seeds"
    shutil.rmtree(seeds, ignore_errors=True)
    seeds.mkdir()
    with_old = seeds / "old-plan" / "cchc.duckdb"
    must(etl(["load", str(old_plan), "--db", str(with_old)]), "seed: an older plan")
    with_plan = seeds / "plan" / "cchc.duckdb"
    must(etl(["load", str(plan), "--db", str(with_plan)]), "seed: the plan")

    print(f"\nReader: '{QUERY}' every {POLL * 1000:.0f} ms; longest wait and read in seconds.\n")
    print(f"{'file':<22} {'run':<9} {'load s':>8} {'wait':>10} {'read':>10} {'reads':>6}")
    verdicts = []
    for label, seed, file in (
        (f"plan {n:,} rows", with_old, plan),
        (f"report {n:,} rows", with_plan, report),
    ):
        base = best(args.repeat, seed, out / "run", None, False)
        before = best(args.repeat, seed, out / "run", file, True, False)
        locked = best(args.repeat, seed, out / "run", file, False, False)
        after = best(args.repeat, seed, out / "run", file, False)
        print(f"{label:<22} {'baseline':<9} {base.cells()}")
        print(f"{'':<22} {'before':<9} {before.cells()}")
        print(f"{'':<22} {'locked':<9} {locked.cells()}")
        print(f"{'':<22} {'after':<9} {after.cells()}")
        ratio = after.longest / before.longest if before.longest else float("nan")
        ok = after.longest <= TARGET
        verdicts.append(ok)
        print(
            f"{'':<22} after/before longest wait = {ratio:.2f}; "
            f"target ≤ {TARGET} s: {'met' if ok else 'NOT met'}\n"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
