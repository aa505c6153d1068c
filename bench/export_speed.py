"""How long does a presenter wait for the deck and the report? Not a test: it prints figures.

On a fresh copy of the demo database, for Q3 2026 with the default deck:
- baseline (same run): each of the deck's charts exported the naive way, `plotly.io.to_image`
  with no warm renderer, which starts a new Chromium per image;
- the deck (.pptx) through `cchc.deck.build`: the first build (the renderer starts) and warm
  builds (the renderer is kept, as in the running app);
- the report (.docx) through `cchc.report.build`, warm;
- the PDF of each through LibreOffice, when it is installed.

    .venv/bin/python bench/export_speed.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import warnings
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("CCHC_TODAY", "2026-11-26")

import plotly.io as pio  # noqa: E402

from cchc import deck, images, office, queries, report, slides  # noqa: E402
from cchc.ui import Filters  # noqa: E402
from etl.cli import demo_files  # noqa: E402
from etl.load import Options, load_path  # noqa: E402

TARGET_S = 10.0  # "exports take seconds": a warm deck or report within 10 s on 2 cores


def timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    warnings.filterwarnings("ignore")

    db = Path(tempfile.mkdtemp(prefix="export-speed-")) / "cchc.duckdb"
    for f in demo_files():
        assert load_path(f, Options(is_demo=True), db).status == "loaded", f
    query = queries.runner(db)
    unit = query("units")[0]
    filters = Filters(unit, 2026, "Q3", date(2026, 9, 30), date(2026, 9, 30))
    today = date(2026, 11, 26)
    context = slides.Context(query, filters.scope, filters.label(), unit)
    figures = [s.figure for s in slides.deck(context)]

    print(f"Export times, demo data, {filters.label()}, default deck of {len(figures)} charts")
    cold_each = []
    for fig in figures:
        styled = images.presentation(fig, deck.IMAGE_H, deck=True)
        seconds, _ = timed(
            lambda s=styled: pio.to_image(
                s, format="png", width=deck.IMAGE_W, height=deck.IMAGE_H, scale=2
            )
        )
        cold_each.append(seconds)
    baseline = sum(cold_each)
    print(
        f"baseline: {len(figures)} charts, one-shot plotly.io.to_image each (a new Chromium per "
        f"image): {baseline:.2f} s ({statistics.mean(cold_each):.2f} s per chart)\n"
    )

    first, data = timed(lambda: deck.build(context))
    warm = [timed(lambda: deck.build(context))[0] for _ in range(args.repeat)]
    report_times = [timed(lambda: report.build(query, filters, today))[0]]
    report_times += [
        timed(lambda: report.build(query, filters, today))[0] for _ in range(args.repeat - 1)
    ]
    rows = [
        ("deck .pptx, first build (renderer starts)", first),
        ("deck .pptx, warm renderer (median)", statistics.median(warm)),
        ("report .docx, warm renderer (median)", statistics.median(report_times)),
    ]
    if office.available():
        docx = report.build(query, filters, today)
        rows.append(("deck → PDF (LibreOffice)", timed(lambda: office.to_pdf(data, ".pptx"))[0]))
        rows.append(("report → PDF (LibreOffice)", timed(lambda: office.to_pdf(docx, ".docx"))[0]))
    else:
        print("LibreOffice is not installed: the PDF conversions are not measured.")
    width = max(len(name) for name, _ in rows)
    print(f"{'what':<{width}}  seconds  vs baseline  target ≤ {TARGET_S:.0f} s")
    for name, seconds in rows:
        verdict = "met" if seconds <= TARGET_S else "NOT met"
        # only the deck renders the baseline's charts; the others have no like-for-like baseline
        ratio = f"{baseline / seconds:9.1f}x" if name.startswith("deck .pptx") else f"{'–':>10}"
        print(f"{name:<{width}}  {seconds:7.2f}  {ratio}  {verdict}")
    print(f"\ndeck size: {len(data) / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
