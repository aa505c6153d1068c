"""`python -m cchc export`: the meeting deck and the periodic report from the command line, built
by the same code as the Xuất bản page, so a report can be scheduled (cron, systemd timer).

    python -m cchc export deck|report --unit NAME --period P --out FILE [--pdf] [--db PATH]
                                      [--slides KEYS] [--json]

P is a plan period (2026-Q3, 2026-H1, 2026) or a date (2026-11-26: the year so far). A file
named *.pdf, or `--pdf`, is converted with LibreOffice. Exit 0 when the file was written, 1 when
it could not be (no data, no LibreOffice, charts failed), 2 on wrong usage; messages go to stderr
in Vietnamese, and `--json` prints one JSON object on stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cchc import db, deck, fmt, images, office, queries, report, slides
from cchc.filters import Filters, resolve_dates
from cchc.periods import parse_period, today
from cchc.settings import SettingsError


class ExportError(Exception):
    """The file could not be made; the message says why and what to do, in Vietnamese."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # exit 2, in Vietnamese, without a stack trace
        self.print_usage(sys.stderr)
        print(f"Lỗi cú pháp lệnh: {message}", file=sys.stderr)
        sys.exit(2)


@dataclass(frozen=True)
class Period:
    """A command-line period as the sidebar's choice: (year, choice key, chosen date)."""

    year: int
    key: str
    chosen: date | None = None


def parse_export_period(value: str) -> Period:
    """'2026-Q3' -> Q3, '2026-H1' -> 6 months (Q2), '2026' / '2026-H2' -> the year,
    '2026-11-26' -> the year up to that date, '2026-10' -> up to the month's end."""
    text = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            day = date.fromisoformat(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"ngày '{value}' không có thật") from None
        return Period(day.year, "date", day)
    p = parse_period(text)
    if p is None or p.kind == "week":
        raise argparse.ArgumentTypeError(
            f"kỳ '{value}' không đúng dạng; dùng 2026-Q3, 2026-H1, 2026, 2026-10 hoặc một ngày "
            "2026-11-26"
        )
    if p.kind == "quarter":
        return Period(p.year, p.code[-2:])
    if p.kind == "half":
        return Period(p.year, "Q2") if p.code.endswith("H1") else Period(p.year, "year")
    if p.kind == "month":
        return Period(p.year, "date", p.end)
    return Period(p.year, "year")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m cchc", description="Xuất bộ trình chiếu và báo cáo CCHC từ dòng lệnh."
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    p = sub.add_parser("export", help="xuất bộ trình chiếu (.pptx) hoặc báo cáo (.docx), có PDF")
    p.add_argument("what", choices=["deck", "report"], help="deck: trình chiếu; report: báo cáo")
    p.add_argument("--unit", required=True, help="đơn vị, như trên bảng điều khiển")
    p.add_argument(
        "--period", required=True, type=parse_export_period, help="2026-Q3, 2026-H1, 2026…"
    )
    p.add_argument("--out", required=True, type=Path, help="tệp kết quả (.pptx, .docx, .pdf)")
    p.add_argument("--pdf", action="store_true", help="chuyển sang PDF bằng LibreOffice")
    p.add_argument("--db", type=Path, help="tệp DuckDB (mặc định $CCHC_DB hoặc data/cchc.duckdb)")
    p.add_argument("--slides", help="các biểu đồ của bộ trình chiếu, như tham số bo= của trang")
    p.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    return parser


def filters_for(query, unit: str, period: Period, now: date) -> Filters:
    units = list(query("units"))
    if unit not in units:
        known = ", ".join(units) or "chưa có đơn vị nào"
        raise ExportError(
            f"Không có số liệu của đơn vị '{unit}'. Các đơn vị đã có: {known}. Ghi đúng tên "
            "đơn vị như trên bảng điều khiển."
        )
    years = list(query("plan_years", unit))
    if period.year not in years:
        raise ExportError(
            f"{unit} chưa có kế hoạch CCHC năm {period.year} (đã có: "
            f"{', '.join(map(str, years)) or 'không có'}). Nạp kế hoạch năm {period.year} trước."
        )
    if period.chosen is not None and period.chosen > now:
        raise ExportError(f"Ngày {fmt.day(period.chosen)} chưa đến: chọn một ngày đã qua.")
    as_of, report_end = resolve_dates(period.year, period.key, now, period.chosen)
    return Filters(unit, period.year, period.key, as_of, report_end)


def make(what: str, query, filters: Filters, now: date, wanted: str | None) -> tuple[bytes, str]:
    """The file's bytes and suffix (.pptx / .docx)."""
    if what == "report":
        return report.build(query, filters, now), ".docx"
    context = slides.Context(query, filters.scope, filters.label(), filters.unit)
    choices = slides.catalogue(query, filters.unit, filters.as_of)
    keys = slides.parse_keys(wanted, choices)
    return deck.build(context, keys), ".pptx"


def _write(path: Path, data: bytes) -> None:
    """Write through a temporary name, so a half-written file never takes the name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".part")
    part.write_bytes(data)
    os.replace(part, path)


def export(args: argparse.Namespace) -> dict[str, object]:
    now = today()
    path = db.db_path(args.db)
    if not path.exists():
        raise ExportError(
            f"Chưa có cơ sở dữ liệu {path}. Chạy `python -m etl init` rồi nạp dữ liệu, hoặc "
            "chỉ đúng tệp bằng --db."
        )
    query = queries.runner(path)
    filters = filters_for(query, args.unit, args.period, now)
    data, suffix = make(args.what, query, filters, now, args.slides)
    pdf = args.pdf or args.out.suffix.lower() == ".pdf"
    if pdf:
        data = office.to_pdf(data, suffix)
        suffix = ".pdf"
    out = args.out if args.out.suffix.lower() == suffix else args.out.with_suffix(suffix)
    _write(out, data)
    return {
        "status": "ok",
        "what": args.what,
        "unit": filters.unit,
        "period": filters.when(),
        "as_of": filters.as_of.isoformat(),
        "file": str(out),
        "bytes": len(data),
    }


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        result = export(args)
    except (
        ExportError,
        SettingsError,
        office.OfficeError,
        images.ImageError,
        db.DatabaseMissing,
        db.DatabaseBusy,
    ) as exc:
        if args.json:
            print(json.dumps({"status": "failed", "message": str(exc)}, ensure_ascii=False))
        print(f"✗ Không tạo được tệp: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        name = "bộ trình chiếu" if args.what == "deck" else "báo cáo"
        print(
            f"✓ Đã tạo {name} {result['period']} của {result['unit']} (số liệu đến "
            f"{fmt.day(date.fromisoformat(str(result['as_of'])))}): {result['file']} "
            f"({fmt.number(int(result['bytes']) / 1024)} KB)"
        )
    return 0
