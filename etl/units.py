"""The units registry: every ward, commune and special zone the database knows, with its level,
province, official code and other names, and the demo province.

    python -m etl units load FILE [--db PATH] [--demo]   # a registry file (.xlsx or .csv)
    python -m etl units list [--province NAME] [--db PATH]
    python -m etl demo --province [--db PATH]            # the demo ward + its demo province

A registry file has one row per unit under a header with the columns Tên đơn vị, Cấp (Phường,
Xã, Đặc khu), Tỉnh and optionally Mã (the official 5-digit code) and Tên gọi khác (other
names, separated by ';'). It is all-or-nothing: every problem is reported at its row and the
database is left as it was. A unit first seen in a load is added too (province unknown until a
registry names it).
"""

from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from cchc import db
from cchc.departments import LEVEL_NAMES, unit_level
from cchc.text import fold
from etl import audit, failures, journal
from etl.errors import Problem, Rejected, cell_problem
from etl.workbook import read_workbook

LEVEL_CODES = {"phuong": "phuong", "xa": "xa", "dac khu": "dac_khu"}
LEVEL_TITLES = {"phuong": "Phường", "xa": "Xã", "dac_khu": "Đặc khu"}
COLUMNS = {  # role -> folded header words that name it
    "name": ("ten don vi", "don vi", "ten"),
    "level": ("cap", "cap hanh chinh", "loai"),
    "province": ("tinh", "tinh thanh pho", "tinh thanh", "thuoc tinh"),
    "code": ("ma", "ma don vi", "ma don vi hanh chinh", "ma so"),
    "aliases": ("ten goi khac", "ten khac", "bi danh"),
}
HEADERS = {
    "name": "Tên đơn vị",
    "level": "Cấp",
    "province": "Tỉnh",
    "code": "Mã",
    "aliases": "Tên gọi khác",
}
REQUIRED = ("name", "level", "province")
DEMO_DIR = db.ROOT / "data" / "demo" / "tinh"
DEMO_BY = "Dữ liệu mẫu (demo)"  # who the demo's uploads are by
DEMO_REGISTRY = DEMO_DIR / "danh-muc-don-vi-tinh-mau.xlsx"
DEMO_FIGURES = DEMO_DIR / "so-lieu-mau.csv"
DEMO_SOURCE = "Phường Võ Cường"


@dataclass(frozen=True)
class Unit:
    name: str
    level: str
    province: str
    code: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass
class Registry:
    units: list[Unit] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


# --- Reading a registry file ------------------------------------------------------------------


def _header(rows: list[list[object]]) -> tuple[int, dict[str, int]] | None:
    """(row index, role -> column) of the first row naming the required columns."""
    for r, row in enumerate(rows[:30]):
        found: dict[str, int] = {}
        for c, value in enumerate(row):
            key = fold(value)
            for role, words in COLUMNS.items():
                if role not in found and key in words:
                    found[role] = c
                    break
        if all(role in found for role in REQUIRED):
            return r, found
    return None


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _code(value: object) -> str | None:
    """'26881', 26881, 4 (a number cell that lost its zeros) -> '26881', '00004'; None if blank;
    '' when it is no code."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value).is_integer() and 0 < value < 100_000:
            return f"{int(value):05d}"
        return ""
    text = _text(value)
    if not text:
        return None
    return text if text.isdigit() and len(text) == 5 else ""


def read_registry(data: bytes, file_name: str) -> Registry:
    """The units a registry file lists, and every problem at its row (nothing is dropped)."""
    out = Registry()
    sheets = read_workbook(data, file_name)
    for sheet in sheets:
        found = _header(sheet.rows)
        if found is not None:
            break
    else:
        first = sheets[0].name if sheets else ""
        out.problems.append(
            Problem(
                message="Không tìm thấy dòng tiêu đề của danh mục đơn vị",
                hint="dòng tiêu đề cần có các cột: Tên đơn vị, Cấp, Tỉnh (và nếu có: Mã, "
                "Tên gọi khác)",
                sheet=first,
            )
        )
        return out
    head, cols = found
    seen_names: dict[str, int] = {}
    seen_codes: dict[str, int] = {}

    def problem(r: int, role: str, value: object, message: str, hint: str) -> None:
        header = _text(sheet.cell(head, cols[role]))
        out.problems.append(cell_problem(sheet.name, r, cols[role], header, value, message, hint))

    for r in range(head + 1, len(sheet.rows)):
        raw = {role: sheet.cell(r, c) for role, c in cols.items()}
        if not any(_text(v) for v in raw.values()):
            continue
        name, level_text, province = (_text(raw[k]) for k in REQUIRED)
        bad = len(out.problems)
        level = LEVEL_CODES.get(fold(level_text))
        if not name:
            problem(r, "name", "", "Thiếu tên đơn vị", "ghi tên đơn vị, ví dụ Phường Võ Cường")
        if level is None:
            problem(
                r,
                "level",
                level_text,
                "Không nhận ra cấp đơn vị",
                "ghi một trong: Phường, Xã, Đặc khu",
            )
        if not province:
            problem(r, "province", "", "Thiếu tên tỉnh", "ghi tỉnh của đơn vị, ví dụ Bắc Ninh")
        if name and level is not None:
            key = fold(name)
            if not key.startswith(("phuong ", "xa ", "dac khu ")):
                name = f"{LEVEL_TITLES[level]} {name}"
            elif unit_level(name) != level:
                problem(
                    r,
                    "level",
                    level_text,
                    f"Cấp «{level_text}» khác cấp trong tên «{name}»",
                    f"sửa cột Cấp thành {LEVEL_TITLES[unit_level(name)]} hoặc sửa tên đơn vị",
                )
        key = fold(name)
        if name and key in seen_names:
            problem(
                r,
                "name",
                name,
                f"Đơn vị này đã có ở dòng {seen_names[key] + 1}",
                "mỗi đơn vị chỉ ghi một dòng; xóa dòng trùng",
            )
        code = _code(raw["code"]) if "code" in cols else None
        if code == "":
            problem(
                r,
                "code",
                raw["code"],
                "Mã đơn vị hành chính phải gồm đúng 5 chữ số",
                "ghi mã theo danh mục đơn vị hành chính (ví dụ 09187), hoặc để trống nếu chưa biết",
            )
        elif code and code in seen_codes:
            problem(
                r,
                "code",
                code,
                f"Mã này đã dùng cho đơn vị ở dòng {seen_codes[code] + 1}",
                "kiểm tra lại mã; mỗi đơn vị có một mã riêng",
            )
        aliases = ()
        if "aliases" in cols:
            aliases = tuple(a.strip() for a in _text(raw["aliases"]).split(";") if a.strip())
        if name:
            seen_names.setdefault(key, r)
        if code:
            seen_codes.setdefault(code, r)
        if len(out.problems) == bad:
            out.units.append(Unit(name, level, province, code or None, aliases))
    if not out.units and not out.problems:
        out.problems.append(
            Problem(
                message="Danh mục không có đơn vị nào dưới dòng tiêu đề",
                hint="ghi mỗi đơn vị một dòng dưới dòng tiêu đề",
                sheet=sheet.name,
                row=head + 1,
            )
        )
    return out


# --- Writing ------------------------------------------------------------------------------------


def remember(con: duckdb.DuckDBPyConnection, unit: str, is_demo: bool = False) -> None:
    """A unit seen in a load joins the registry (its province unknown until a registry says)."""
    con.execute(
        "INSERT INTO units (name, level, source, is_demo, added_at) "
        "SELECT $name, $level, 'load', $demo, current_localtimestamp() "
        "WHERE NOT EXISTS (SELECT 1 FROM units WHERE name = $name)",
        {"name": unit, "level": unit_level(unit), "demo": is_demo},
    )


def known(con: duckdb.DuckDBPyConnection, names: list[str]) -> list[str]:
    """`names` and every registered unit: the names a file's unit is compared with."""
    registered = [r[0] for r in con.execute("SELECT name FROM units ORDER BY name").fetchall()]
    return [*names, *(n for n in registered if n not in names)]


def by_alias(con: duckdb.DuckDBPyConnection, name: str) -> str:
    """The registered unit one of whose other names `name` is (folded), else `name`."""
    key = fold(name)
    for unit, aliases in con.execute("SELECT name, aliases FROM units").fetchall():
        if any(fold(a) == key for a in aliases or []):
            return unit
    return name


def save(
    con: duckdb.DuckDBPyConnection,
    units: list[Unit],
    is_demo: bool = False,
    actor: audit.Actor | None = None,
    source: str = "",
) -> tuple[int, int]:
    """Add or update the units (a name already known, compared without diacritics, keeps its
    spelling); (added, updated), with a row in the audit trail when an actor is given.
    Problems (a code another unit holds) raise Rejected."""
    existing = {fold(n): n for (n,) in con.execute("SELECT name FROM units").fetchall()}
    codes = dict(con.execute("SELECT code, name FROM units WHERE code IS NOT NULL").fetchall())
    problems, rows = [], []
    for u in units:
        name = existing.get(fold(u.name), u.name)
        holder = codes.get(u.code) if u.code else None
        if holder is not None and fold(holder) != fold(name):
            problems.append(
                Problem(
                    message=f"Mã {u.code} của «{u.name}» đã là mã của đơn vị «{holder}»",
                    hint="kiểm tra lại mã trong tệp; mỗi đơn vị có một mã riêng",
                    value=u.code,
                )
            )
        rows.append((name, u.level, u.province, u.code, list(u.aliases), name in existing.values()))
    if problems:
        raise Rejected(problems)
    now = datetime.now()
    con.execute("BEGIN TRANSACTION")
    try:
        for name, level, province, code, aliases, _ in rows:
            con.execute(
                "INSERT INTO units (name, level, province, code, aliases, source, is_demo, added_at)"
                " VALUES (?, ?, ?, ?, ?, 'registry', ?, ?) ON CONFLICT (name) DO UPDATE SET"
                " level = excluded.level, province = excluded.province,"
                " code = coalesce(excluded.code, units.code), aliases = excluded.aliases,"
                " source = 'registry', is_demo = units.is_demo AND excluded.is_demo",
                [name, level, province, code, aliases, is_demo, now],
            )
        updated = sum(1 for r in rows if r[5])
        if actor is not None:
            provinces = ", ".join(sorted({u.province for u in units if u.province}))
            detail = f"{source}: {len(rows) - updated} mới, {updated} cập nhật ({provinces})"
            audit.record(con, actor, "units_load", detail=detail)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    saved = {"units": [asdict(u) for u in units], "is_demo": is_demo}
    journal.changed(con, "units", saved, actor.name if actor else None)
    return len(rows) - updated, updated


def load_registry(
    path: Path,
    database: Path | None = None,
    is_demo: bool = False,
    actor: audit.Actor | None = None,
) -> str:
    """Read and save a registry file; the message to print. Raises Rejected with every problem."""
    from etl.schema import migrate

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise Rejected(
            [
                Problem(
                    message=f"Không đọc được tệp ({exc.strerror or exc})",
                    value=str(path),
                    hint="kiểm tra đường dẫn và quyền đọc tệp",
                )
            ]
        ) from exc
    registry = read_registry(data, path.name)
    if registry.problems:
        raise Rejected(registry.problems)
    with db.writing(db.db_path(database)) as con:
        migrate(con)
        added, updated = save(
            con, registry.units, is_demo, actor or audit.command_line(), path.name
        )
    provinces = sorted({u.province for u in registry.units})
    return (
        f"{path.name}: đã nạp danh mục {len(registry.units)} đơn vị ({added} mới, {updated} cập "
        f"nhật), tỉnh {', '.join(provinces)}."
    )


def listing(con: duckdb.DuckDBPyConnection, province: str | None = None) -> pd.DataFrame:
    return con.execute(
        "SELECT name, level, province, code, aliases, source, is_demo FROM units"
        " WHERE $province IS NULL OR province = $province ORDER BY province NULLS LAST, name",
        {"province": province},
    ).df()


# --- The demo province: the demo ward's data derived for every unit of a registry -----------


@dataclass(frozen=True)
class Variation:
    """How a unit's demo figures differ from the ward's: of its tasks (hashed on the unit and
    the task), those under `keep_done`% keep a 'done' report and those under `add_done`% are
    reported done; `missing` (a department code of the ward) sent no report for `missing_period`;
    PAR and SIPAS scores are multiplied by their factor (at most the maximum)."""

    unit: str
    keep_done: int = 100
    add_done: int = 0
    missing: str = ""
    par: float = 1.0
    sipas: float = 1.0


DEMO_KINDS = ("plan", "progress", "par", "sipas")
_COMMUNE_DEPT = "CASE {x} WHEN 'KTHTDT' THEN 'KT' WHEN 'CAP' THEN 'CAX' ELSE {x} END"


def _dept(expr: str) -> str:
    """A ward's department code as a commune's (its economic office and police differ)."""
    return f"CASE WHEN v.level = 'phuong' THEN {expr} ELSE {_COMMUNE_DEPT.format(x=expr)} END"


def clone(
    con: duckdb.DuckDBPyConnection,
    source: str,
    variations: list[Variation],
    kinds: tuple[str, ...] = DEMO_KINDS,
    missing_period: str = "2026-Q3",
    uploaded_by: str = DEMO_BY,
) -> int:
    """Copy the loaded uploads of `source` of these kinds to each unit (by bulk SQL, in the
    caller's transaction), as demo uploads with their own numbers, varied as each Variation
    says, with one row in the audit trail. The units must be registered (their level decides
    the departments). Returns the number of uploads made."""
    frame = pd.DataFrame([v.__dict__ for v in variations])
    con.register("clone_variations", frame)
    try:
        con.execute(
            """
            CREATE OR REPLACE TEMP TABLE v AS
            SELECT c.*, coalesce(u.level, 'phuong') AS level
            FROM clone_variations c LEFT JOIN units u ON u.name = c.unit
            """
        )
    finally:
        con.unregister("clone_variations")
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE clone_map AS
        SELECT nextval('upload_id_seq')::INTEGER AS new_id, u.upload_id AS old_id, v.unit
        FROM uploads u CROSS JOIN v
        WHERE u.unit = $source AND u.status = 'loaded' AND list_contains($kinds, u.kind)
          AND NOT (u.kind = 'progress' AND u.period = $period
                   AND u.department IS NOT DISTINCT FROM nullif(v.missing, ''))
        """,
        {"source": source, "kinds": list(kinds), "period": missing_period},
    )
    con.execute(
        f"""
        INSERT INTO uploads BY NAME
        SELECT u.* REPLACE (m.new_id AS upload_id, m.unit AS unit,
                            sha256(u.sha256 || m.unit) AS sha256,
                            {_dept("u.department")} AS department,
                            NULL::VARCHAR AS archive_path, $who AS uploaded_by,
                            true AS is_demo, NULL::INTEGER AS superseded_by)
        FROM uploads u JOIN clone_map m ON m.old_id = u.upload_id JOIN v ON v.unit = m.unit
        """,
        {"who": uploaded_by},
    )
    con.execute(
        f"""
        INSERT INTO tasks BY NAME
        SELECT t.* REPLACE (m.new_id AS upload_id, m.unit AS unit,
                            {_dept("t.lead_department")} AS lead_department,
                            list_transform(t.support_departments,
                                           lambda d: {_dept("d")}) AS support_departments)
        FROM tasks t JOIN clone_map m ON m.old_id = t.upload_id JOIN v ON v.unit = m.unit
        """
    )
    con.execute(
        f"""
        INSERT INTO task_reports BY NAME
        WITH varied AS (
            SELECT r.*, m.new_id, m.unit AS new_unit, {_dept("r.department")} AS new_department,
                   CASE WHEN r.reported_status = 'done' AND hash(m.unit, r.code) % 100 >= v.keep_done
                        THEN 'in_progress'
                        WHEN r.reported_status <> 'done' AND hash(m.unit, r.code) % 100 < v.add_done
                        THEN 'done'
                        ELSE r.reported_status END AS new_status
            FROM task_reports r JOIN clone_map m ON m.old_id = r.upload_id
            JOIN v ON v.unit = m.unit
        )
        SELECT r.* EXCLUDE (new_id, new_unit, new_department, new_status)
                   REPLACE (r.new_id AS upload_id, r.new_unit AS unit,
                            r.new_department AS department,
                            r.new_status AS reported_status,
                            CASE WHEN r.new_status = 'done' THEN 100.0
                                 WHEN r.reported_status = 'done' THEN 70.0
                                 ELSE r.percent END AS percent,
                            CASE WHEN r.new_status = r.reported_status THEN r.completed_on END
                                AS completed_on)
        FROM varied r
        """
    )
    scaled = (
        "CASE WHEN s.series <> 'unit' OR {x} IS NULL THEN {x} ELSE round(least({x} * "
        "CASE s.\"index\" WHEN 'PAR' THEN v.par WHEN 'SIPAS' THEN v.sipas ELSE 1 END, "
        "coalesce(s.max_score, 100)), 2) END"
    )
    con.execute(
        f"""
        INSERT INTO index_scores BY NAME
        SELECT s.* REPLACE (m.new_id AS upload_id, m.unit AS unit,
                            {scaled.format(x="s.score")} AS score,
                            {scaled.format(x="s.self_score")} AS self_score,
                            {scaled.format(x="s.appraised_score")} AS appraised_score,
                            CASE WHEN s.series = 'unit' THEN NULL ELSE s.rank END AS rank)
        FROM index_scores s JOIN clone_map m ON m.old_id = s.upload_id JOIN v ON v.unit = m.unit
        """
    )
    con.execute(
        """
        INSERT INTO procedure_stats BY NAME
        SELECT s.* REPLACE (m.new_id AS upload_id, m.unit AS unit)
        FROM procedure_stats s JOIN clone_map m ON m.old_id = s.upload_id
        """
    )
    made = con.execute("SELECT count(*) FROM clone_map").fetchone()[0]
    if made:
        detail = f"dữ liệu mẫu: {made} lần nạp cho {len(variations)} đơn vị, chép từ {source}"
        audit.record(con, audit.command_line(uploaded_by), "load", detail=detail)
    con.execute("DROP TABLE clone_map")
    con.execute("DROP TABLE v")
    return int(made)


def read_variations(path: Path) -> list[Variation]:
    """The demo figures file scripts/make_province_demo.py writes (one row per unit)."""
    with path.open(encoding="utf-8", newline="") as f:
        return [
            Variation(
                r["Tên đơn vị"],
                int(r["Giữ hoàn thành (%)"]),
                int(r["Thêm hoàn thành (%)"]),
                r["Phòng không gửi báo cáo quý III"],
                float(r["Hệ số PAR INDEX"]),
                float(r["Hệ số SIPAS"]),
            )
            for r in csv.DictReader(f)
        ]


def load_demo_province(database: Path | None = None) -> str:
    """The demo province's registry, then the demo ward's data derived for each of its units
    that has none yet (so running it twice changes nothing). The ward must be loaded first."""
    if not DEMO_REGISTRY.exists() or not DEMO_FIGURES.exists():
        raise Rejected(
            [
                Problem(
                    message=f"Chưa có tệp tỉnh mẫu trong {DEMO_DIR}",
                    hint="tạo bằng: python scripts/make_province_demo.py",
                )
            ]
        )
    message = load_registry(DEMO_REGISTRY, database, is_demo=True)
    variations = read_variations(DEMO_FIGURES)
    with db.writing(db.db_path(database)) as con:
        have = {r[0] for r in con.execute("SELECT DISTINCT unit FROM uploads").fetchall()}
        todo = [v for v in variations if v.unit not in have and v.unit != DEMO_SOURCE]
        con.execute("BEGIN TRANSACTION")
        try:
            made = clone(con, DEMO_SOURCE, todo) if todo else 0
            if made:
                detail = (
                    f"dữ liệu mẫu: {made} lần nạp cho {len(todo)} đơn vị, chép từ {DEMO_SOURCE}"
                )
                audit.record(con, audit.command_line(DEMO_BY), "load", detail=detail)
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
    from etl import demo_indices  # it loads through etl.load, which imports this module

    tables = "".join(f"\n  · {line}" for line in demo_indices.load(database))
    return (
        f"{message}\n  · dữ liệu mẫu cho {len(todo)} đơn vị ({made} lần nạp, đánh dấu demo)."
        + tables
    )


# --- Command line -------------------------------------------------------------------------------


def add_parser(sub: argparse._SubParsersAction, db_help: str) -> None:
    p_units = sub.add_parser("units", help="danh mục đơn vị (phường, xã, đặc khu) theo tỉnh")
    units_sub = p_units.add_subparsers(
        dest="units_command", required=True, parser_class=type(p_units)
    )
    p_load = units_sub.add_parser("load", help="nạp danh mục đơn vị từ tệp .xlsx hoặc .csv")
    p_load.add_argument("file", type=Path, metavar="FILE")
    p_load.add_argument("--demo", action="store_true", help="đánh dấu là dữ liệu mẫu (demo)")
    p_list = units_sub.add_parser("list", help="liệt kê các đơn vị")
    p_list.add_argument("--province", help="chỉ các đơn vị của tỉnh này")
    for p in (p_load, p_list):
        p.add_argument("--db", type=Path, help=db_help)


def main(args: argparse.Namespace) -> int:
    try:
        if args.units_command == "load":
            actor = audit.command_line(getattr(args, "as_name", None))
            print(f"✓ {load_registry(args.file, args.db, args.demo, actor)}")
            return 0
        with db.reading(db.db_path(args.db)) as con:
            table = listing(con, args.province)
    except (db.DatabaseBusy, db.DatabaseMissing, Rejected) as exc:
        what = f"{args.file.name}: KHÔNG nạp — {len(getattr(exc, 'problems', []))} lỗi cần sửa"
        return failures.refused(exc, what)
    except duckdb.CatalogException:
        print("Chưa có danh mục đơn vị (chạy python -m etl init).", file=sys.stderr)
        return 1
    if table.empty:
        print("Chưa có đơn vị nào" + (f" của tỉnh {args.province}." if args.province else "."))
        return 0
    print(_table(table))
    return 0


def _table(table: pd.DataFrame) -> str:
    header = ("Tên đơn vị", "Cấp", "Tỉnh", "Mã", "Tên gọi khác", "Nguồn")
    lines = [
        (
            r.name,
            LEVEL_NAMES.get(r.level, r.level),
            r.province or "(chưa rõ)",
            r.code or "",
            "; ".join(r.aliases) if r.aliases is not None else "",
            ("danh mục" if r.source == "registry" else "lần nạp")
            + (" · demo" if r.is_demo else ""),
        )
        for r in table.itertuples(index=False)
    ]
    widths = [max(len(str(x)) for x in col) for col in zip(header, *lines, strict=False)]
    out = []
    for line in [header, tuple("-" * w for w in widths), *lines]:
        out.append("  ".join(str(x).ljust(w) for x, w in zip(line, widths, strict=True)).rstrip())
    out.append(f"{len(lines)} đơn vị.")
    return "\n".join(out)


def main_demo(database: Path | None = None) -> int:
    """`python -m etl demo --province`, after the demo ward is loaded."""
    try:
        print(f"✓ {load_demo_province(database)}")
    except (db.DatabaseBusy, db.DatabaseMissing, Rejected) as exc:
        return failures.refused(exc, "Không nạp được tỉnh mẫu")
    return 0
