"""How fast do the pages render on the demo data? Not a test: it prints figures.

Each page is run through the real app (app.py + st.navigation) with Streamlit's AppTest, on a
fresh copy of the demo database: once with empty caches (the first visit after a load: every
query runs) and then warm (a rerun after a click: cached results). The baseline, measured in the
same run, is an empty Streamlit script under AppTest: the framework's own cost per run.

    .venv/bin/python bench/page_speed.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("CCHC_TODAY", "2026-11-26")

import streamlit as st  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from etl.cli import demo_files  # noqa: E402
from etl.load import Options, load_path  # noqa: E402

PAGES = ["overview", "tasks", "scorecard", "timeline"]
BUDGET = 1.0  # seconds: "well under a second"


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="page-speed-"))
    db = work / "cchc.duckdb"
    for f in demo_files():
        assert load_path(f, Options(is_demo=True), db).status == "loaded", f
    os.environ["CCHC_DB"] = str(db)

    empty = work / "empty.py"
    empty.write_text("import streamlit as st\nst.write('')\n")
    blank = AppTest.from_file(str(empty))
    blank.run()  # imports
    baseline = statistics.median(timed(blank.run) for _ in range(args.repeat))

    print(f"Page render times on the demo data (median of {args.repeat}), AppTest, 2-core machine")
    print(f"baseline: an empty Streamlit script: {baseline * 1000:.0f} ms per run\n")
    print(f"{'page':<12}{'cold ms':>10}{'warm ms':>10}{'warm/baseline':>15}{'cold vs 1 s':>13}")
    for page in PAGES:
        cold, warm = [], []
        for _ in range(args.repeat):
            st.cache_data.clear()
            at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
            at.run()
            at.switch_page(f"pages/{page}.py")
            st.cache_data.clear()  # as after a new upload: every query of the page runs
            cold.append(timed(at.run))

            assert not at.exception, at.exception
            warm.append(timed(at.run))
        c, w = statistics.median(cold), statistics.median(warm)
        print(
            f"{page:<12}{c * 1000:>10.0f}{w * 1000:>10.0f}{w / baseline:>14.1f}x{c / BUDGET:>12.2f}"
        )
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
