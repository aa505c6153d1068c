"""How good are the automatic task -> PAR INDEX criterion proposals? (issue #17)

Builds the demo database (the ward's 2026 plan, the demo PAR INDEX file's criteria tree), runs
the matcher of etl/criteria.py on every leaf task, and compares its proposals with the
hand-made mapping in data/demo/lien-ket-tieu-chi-par-2026.csv (one row per task -> criterion
pair a person would accept). Only the tasks of the mapping are scored:

- precision: the share of proposals (for those tasks) that the mapping holds;
- recall: the share of the mapping's pairs that were proposed;
- top-1: the share of tasks whose best proposal is one of its pairs.

    .venv/bin/python bench/criteria_links.py [--db PATH] [--min-score 0.34] [--per-task 2] [-v]
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402

from etl import criteria  # noqa: E402

MAPPING = ROOT / "data" / "demo" / "lien-ket-tieu-chi-par-2026.csv"
UNIT, YEAR = "Phường Võ Cường", 2026


def mapping(path: Path = MAPPING) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    with path.open(encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            out[row["Mã nhiệm vụ"]].add(row["Mã tiêu chí"])
    return dict(out)


def measure(con: duckdb.DuckDBPyConnection, truth: dict[str, set[str]]) -> dict[str, object]:
    tasks = [t for t in criteria.leaf_tasks(con, UNIT, YEAR) if t[0] in truth]
    tree = criteria._criteria(con, UNIT, YEAR)
    proposed: dict[str, list[criteria.Proposal]] = defaultdict(list)
    for p in criteria.propose_for(tasks, tree):
        proposed[p.task_code].append(p)
    hits = sum(1 for code, ps in proposed.items() for p in ps if p.criterion in truth[code])
    n_prop = sum(len(ps) for ps in proposed.values())
    pairs = sum(len(v) for v in truth.values())
    top1 = sum(
        1 for code in truth if proposed.get(code) and proposed[code][0].criterion in truth[code]
    )
    return {
        "tasks": len(truth),
        "pairs": pairs,
        "proposals": n_prop,
        "correct": hits,
        "precision": hits / n_prop if n_prop else 0.0,
        "recall": hits / pairs if pairs else 0.0,
        "top1": top1 / len(truth),
        "without": sorted(code for code in truth if not proposed.get(code)),
        "detail": {c: [(p.criterion, p.score) for p in proposed.get(c, [])] for c in truth},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, help="a demo database (default: built in a temp folder)")
    ap.add_argument("--min-score", type=float, default=criteria.MIN_SCORE)
    ap.add_argument("--per-task", type=int, default=criteria.PER_TASK)
    ap.add_argument("-v", "--verbose", action="store_true", help="each task's proposals")
    args = ap.parse_args(argv)
    criteria.MIN_SCORE, criteria.PER_TASK = args.min_score, args.per_task
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "demo.duckdb"
        if args.db is None:
            subprocess.run(
                [sys.executable, "-m", "etl", "demo", "--db", str(db)],
                cwd=ROOT,
                check=True,
                capture_output=True,
            )
        with duckdb.connect(str(db), read_only=True) as con:
            truth = mapping()
            m = measure(con, truth)
    print(f"Hand-made mapping: {m['tasks']} tasks, {m['pairs']} pairs ({MAPPING.name})")
    print(
        f"Proposals (min score {args.min_score}, at most {args.per_task} per task): "
        f"{m['proposals']}, correct {m['correct']}"
    )
    print(f"precision {m['precision']:.1%}  recall {m['recall']:.1%}  top-1 {m['top1']:.1%}")
    print(f"tasks without a proposal: {len(m['without'])} {' '.join(m['without'])}")
    if args.verbose:
        for code, props in m["detail"].items():
            mark = " ".join(f"{c}{'✓' if c in truth[code] else '✗'}({s:.2f})" for c, s in props)
            print(f"  {code:8} want {','.join(sorted(truth[code])):12} got {mark}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
