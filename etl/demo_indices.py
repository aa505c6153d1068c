"""The demo province's province-wide index tables: PAR INDEX 2025 and SIPAS 2025 of every unit
of the demo registry, one row per unit, laid out as provinces publish them (the national motto,
a title naming the index and the year, a two-row header with the areas' maxima, units as
'UBND phường …', sorted by rank, an average row at the bottom). Each unit's figures are the
demo ward's 2025 figures scaled by the unit's factor in the demo figures file (the same factors
the rest of the demo province uses), so the Toàn tỉnh page's PAR INDEX and SIPAS columns come
from a real load of that shape.

    .venv/bin/python -m etl.demo_indices [--out data/demo/tinh]   # write the two workbooks

`python -m etl demo --province` loads them (etl/units.py) after the units' other demo data.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from cchc import db
from etl import indices, kinds
from etl.table import find_table
from etl.units import DEMO_DIR, DEMO_FIGURES, DEMO_SOURCE, Variation, read_variations
from etl.workbook import read_workbook

YEAR = 2025
WARD_PAR = db.ROOT / "data" / "demo" / "chi-so-par-index-2021-2025.xlsx"
WARD_SIPAS = db.ROOT / "data" / "demo" / "chi-so-sipas-2021-2025.xlsx"
PAR_NAME = "chi-so-par-index-2025-toan-tinh-mau.xlsx"
SIPAS_NAME = "chi-so-sipas-2025-toan-tinh-mau.xlsx"
MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


@dataclass(frozen=True)
class Part:
    number: str
    name: str
    max_score: float | None
    score: float


def ward_parts(kind: str) -> list[Part]:
    """The demo ward's 2025 areas (PAR) or components (SIPAS), and its total last."""
    path = WARD_PAR if kind == "par" else WARD_SIPAS
    sheets = read_workbook(path.read_bytes(), path.name)
    tables = [t for s in sheets if (t := find_table(s, kinds.layout_for(kind))) is not None]
    parse = (
        indices.parse_par(tables, DEMO_SOURCE)
        if kind == "par"
        else indices.parse_series(tables, kind, DEMO_SOURCE)
    )
    scores = [
        s
        for s in parse.scores
        if s.period == str(YEAR) and s.series == "unit" and "." not in s.criterion
    ]
    scores.sort(key=lambda s: (s.criterion == "", int(s.criterion or 0)))
    return [Part(s.criterion, s.name, s.max_score, s.score) for s in scores]


def unit_rows(kind: str, variations: list[Variation]) -> list[tuple[str, list[float], float]]:
    """(unit, part scores, index score) of every unit: the ward's scaled by the unit's factor,
    each at most its maximum, rounded to 2 decimals; PAR's total is the sum of its areas."""
    parts = ward_parts(kind)
    areas, total = parts[:-1], parts[-1]
    rows = []
    for v in variations:
        factor = v.par if kind == "par" else v.sipas
        scores = [round(min(p.score * factor, p.max_score or 100.0), 2) for p in areas]
        index = round(sum(scores), 2) if kind == "par" else round(min(total.score * factor, 100), 2)
        rows.append((v.unit, scores, index))
    return sorted(rows, key=lambda r: (-r[2], r[0]))


def _ranks(values: list[float]) -> list[int]:
    return [1 + sum(1 for w in values if w > v) for v in values]


def _written(unit: str) -> str:
    """'Phường Võ Cường' as the province writes it: 'UBND phường Võ Cường'."""
    level, rest = unit.split(" ", 1)
    if level == "Đặc":
        return f"UBND đặc {rest}"
    return f"UBND {level.lower()} {rest}"


def write_par(path: Path, variations: list[Variation]) -> Path:
    areas = ward_parts("par")[:-1]
    rows = unit_rows("par", variations)
    wb = Workbook()
    ws = wb.active
    ws.title = f"PAR INDEX {YEAR}"
    ws.append([MOTTO[0]])
    ws.append([MOTTO[1]])
    ws.append([])
    ws.append(
        [
            f"KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH (PAR INDEX) NĂM {YEAR} CỦA UBND CÁC XÃ, "
            "PHƯỜNG — TỈNH BẮC NINH (DỮ LIỆU MẪU, DEMO)"
        ]
    )
    ws.append([])
    first = 6
    ws.append(["STT", "Đơn vị", "Điểm các lĩnh vực", *[None] * (len(areas) - 1)])
    ws.cell(first, 3 + len(areas), "Tổng điểm")
    ws.cell(first, 4 + len(areas), "Chỉ số (%)")
    ws.cell(first, 5 + len(areas), "Xếp hạng")
    ws.append([None, None, *[f"{a.number}. {a.name} (tối đa {a.max_score:g})" for a in areas]])
    for c in (1, 2, 3 + len(areas), 4 + len(areas), 5 + len(areas)):
        ws.merge_cells(start_row=first, start_column=c, end_row=first + 1, end_column=c)
    ws.merge_cells(start_row=first, start_column=3, end_row=first, end_column=2 + len(areas))
    ranks = _ranks([r[2] for r in rows])
    top = sum(a.max_score for a in areas)
    for i, ((unit, scores, total), rank) in enumerate(zip(rows, ranks, strict=True), 1):
        ws.append([i, _written(unit), *scores, total, round(total / top * 100, 2), rank])
    ws.append([])
    n = len(rows)
    means = [round(sum(r[1][k] for r in rows) / n, 2) for k in range(len(areas))]
    mean_total = round(sum(r[2] for r in rows) / n, 2)
    ws.append([None, "Trung bình", *means, mean_total, round(mean_total / top * 100, 2), None])
    _style(ws, first, first + 1)
    ws.column_dimensions["B"].width = 28
    wb.save(path)
    return path


def write_sipas(path: Path, variations: list[Variation]) -> Path:
    components = ward_parts("sipas")[:-1]
    rows = unit_rows("sipas", variations)
    wb = Workbook()
    ws = wb.active
    ws.title = f"SIPAS {YEAR}"
    ws.append([MOTTO[0]])
    ws.append([MOTTO[1]])
    ws.append([])
    ws.append(
        [
            f"CHỈ SỐ HÀI LÒNG CỦA NGƯỜI DÂN, TỔ CHỨC (SIPAS) NĂM {YEAR} ĐỐI VỚI SỰ PHỤC VỤ CỦA "
            "UBND CÁC XÃ, PHƯỜNG — TỈNH BẮC NINH (DỮ LIỆU MẪU, DEMO)"
        ]
    )
    ws.append([])
    first = 6
    ws.append(
        ["STT", "Đơn vị", *[f"{c.name} (%)" for c in components], "Chỉ số hài lòng (%)", "Xếp hạng"]
    )
    ranks = _ranks([r[2] for r in rows])
    for i, ((unit, scores, index), rank) in enumerate(zip(rows, ranks, strict=True), 1):
        ws.append([i, _written(unit), *scores, index, rank])
    n = len(rows)
    means = [round(sum(r[1][k] for r in rows) / n, 2) for k in range(len(components))]
    ws.append([None, "Bình quân", *means, round(sum(r[2] for r in rows) / n, 2), None])
    _style(ws, first, first)
    ws.column_dimensions["B"].width = 28
    wb.save(path)
    return path


def _style(ws, first: int, last_header: int) -> None:
    ws["A4"].font = Font(bold=True)
    for row in ws.iter_rows(min_row=first, max_row=last_header):
        for cell in row:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")


def write(out: Path = DEMO_DIR, figures: Path = DEMO_FIGURES) -> list[Path]:
    """Both workbooks, for the units of the demo figures file."""
    variations = read_variations(figures)
    out.mkdir(parents=True, exist_ok=True)
    return [write_par(out / PAR_NAME, variations), write_sipas(out / SIPAS_NAME, variations)]


def load(database: Path | None = None) -> list[str]:
    """Load both workbooks (as demo uploads, filed under the demo ward): one line each."""
    from etl.load import Options, load_path  # etl.load imports etl.units, which calls this

    options = Options(unit=DEMO_SOURCE, uploaded_by="Dữ liệu mẫu (demo)", is_demo=True)
    lines = []
    for name in (PAR_NAME, SIPAS_NAME):
        result = load_path(DEMO_DIR / name, options, database)
        lines.append(result.summary())
        if result.status == "rejected":
            lines += [f"  - {p}" for p in result.problems]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="bảng chỉ số toàn tỉnh mẫu (PAR INDEX, SIPAS)")
    parser.add_argument("--out", type=Path, default=DEMO_DIR)
    args = parser.parse_args(argv)
    for path in write(args.out):
        print(f"✓ {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
