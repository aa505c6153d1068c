"""Write the demo province: a units registry of generated wards and communes of Bắc Ninh
(with the demo ward, Phường Võ Cường) and, for each unit, how its demo figures are derived from
the demo ward's (the plan and its reports with a different completion, a department that sent
no Q3 report, PAR INDEX and SIPAS scaled), so the rankings of the Toàn tỉnh page differ.

    .venv/bin/python scripts/make_province_demo.py [--units 30] [--out data/demo/tinh]

Loaded by `python -m etl demo --province` (etl/units.py): the registry first, then the demo
ward's uploads copied to each unit as demo uploads. The names are made up: every page marks
these units as demo data.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

ROOT = Path(__file__).resolve().parents[1]
PROVINCE = "Bắc Ninh"
SOURCE = "Phường Võ Cường"
FIRST = [
    "Đông", "Tây", "Nam", "Bắc", "Tân", "Hòa", "Phú", "Yên", "Thái", "Vĩnh", "Quang",
    "Minh", "Hưng", "Thuận", "Kim", "Ngọc", "Đại", "Hồng", "Lạc", "Xuân",
]  # fmt: skip
SECOND = [
    "Sơn", "Lâm", "Phong", "Thịnh", "An", "Bình", "Lộc", "Hà", "Tiến", "Thành", "Mỹ",
    "Trung", "Đức", "Khê", "Liễu", "Giang", "Điền", "Phúc", "Lợi", "Hải",
]  # fmt: skip
DEPARTMENTS = ["", "", "VHXH", "CAP", "KTHTDT", "TTPVHCC"]  # who else sent no Q3 report


def unit_names(count: int, rng: random.Random) -> list[tuple[str, str]]:
    """(name, level) of `count` generated units, a third wards, the rest communes."""
    out, seen = [], {SOURCE}
    while len(out) < count:
        level = "Phường" if len(out) % 3 == 0 else "Xã"
        name = f"{level} {rng.choice(FIRST)} {rng.choice(SECOND)}"
        if name.split(" ", 1)[1] not in {n.split(" ", 1)[1] for n in seen}:
            seen.add(name)
            out.append((name, level))
    return out


def write(out: Path, count: int, seed: int = 13) -> tuple[Path, Path]:
    rng = random.Random(seed)
    units = [(SOURCE, "Phường"), *unit_names(count - 1, rng)]
    out.mkdir(parents=True, exist_ok=True)

    wb = Workbook()
    ws = wb.active
    ws.title = "Danh mục"
    ws.append(["DANH MỤC ĐƠN VỊ HÀNH CHÍNH CẤP XÃ — TỈNH BẮC NINH (DỮ LIỆU MẪU, DEMO)"])
    ws["A1"].font = Font(bold=True)
    ws.append([])
    ws.append(["STT", "Tên đơn vị", "Cấp", "Tỉnh", "Mã", "Tên gọi khác"])
    for cell in ws[3]:
        cell.font = Font(bold=True)
    for i, (name, level) in enumerate(units, 1):
        bare = name.split(" ", 1)[1]
        alias = f"{'P.' if level == 'Phường' else 'X.'} {bare}"
        ws.append([i, name, level, PROVINCE, None, alias])
    for col, width in zip("ABCDEF", (6, 28, 10, 12, 8, 22), strict=True):
        ws.column_dimensions[col].width = width
    registry = out / "danh-muc-don-vi-tinh-mau.xlsx"
    wb.save(registry)

    figures = out / "so-lieu-mau.csv"
    with figures.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(
            [
                "Tên đơn vị",
                "Giữ hoàn thành (%)",
                "Thêm hoàn thành (%)",
                "Phòng không gửi báo cáo quý III",
                "Hệ số PAR INDEX",
                "Hệ số SIPAS",
            ]
        )
        for name, _ in units:
            if name == SOURCE:
                w.writerow([name, 100, 0, "", 1.0, 1.0])
                continue
            keep = rng.choice([45, 60, 70, 80, 90, 100, 100])
            add = rng.choice([0, 0, 5, 10, 20, 35])
            w.writerow(
                [
                    name,
                    keep,
                    add,
                    rng.choice(DEPARTMENTS),
                    round(rng.uniform(0.86, 1.08), 3),
                    round(rng.uniform(0.9, 1.06), 3),
                ]
            )
    return registry, figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=30, help="số đơn vị (ít nhất 20)")
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "demo" / "tinh")
    args = parser.parse_args()
    if args.units < 20:
        parser.error("tỉnh mẫu cần ít nhất 20 đơn vị")
    registry, figures = write(args.out, args.units)
    sys.path.insert(0, str(ROOT))
    from etl import demo_indices  # the province-wide PAR INDEX and SIPAS tables of these units

    for path in [registry, figures, *demo_indices.write(args.out, figures)]:
        print(f"✓ {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
