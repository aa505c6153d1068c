"""The load pipeline shared by the command line and the upload page.

read bytes -> check and read the workbook -> find the table and detect the kind -> parse and
validate every row (collecting every problem) -> in one transaction: record the upload, write
the rows, supersede what they replace. A file with any problem writes nothing. The original is
kept in an archive beside the database, by content hash; the same content twice is a no-op.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import traceback
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path

import duckdb
import pyarrow as pa
from rapidfuzz import fuzz, process

from cchc import db, departments
from cchc.departments import ALL, Directory
from cchc.periods import parse_period, period_label, today
from cchc.text import fold
from cchc.vocab import DEFAULT_UNIT, KINDS, department_name
from etl import archive, audit, failures, indices, journal, kinds, roles, tthc, units
from etl import province_indices as province
from etl.changes import Changes, changes_for
from etl.errors import Problem, Rejected, cell_problem, column_letter
from etl.kinds import INDEX_KINDS, TASK_KINDS
from etl.matching import PlanRef
from etl.meta import TitleBlock, canonical_unit, department_in_name, period_in_name
from etl.plan import parse_plan
from etl.progress import ProgressParse, parse_report
from etl.schema import LATEST_VERSION, VIEWS, current_version, migrate
from etl.table import ROLE_NAMES, ColumnChoice, Table, best_partial_header, find_table
from etl.workbook import Sheet, read_workbook, too_big


@dataclass
class LoadResult:
    file: str
    kind: str | None = None
    status: str = "rejected"  # loaded | duplicate | rejected | valid (a dry run that would load)

    rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    upload_id: int | None = None
    unit: str | None = None
    plan_year: int | None = None
    period: str | None = None
    department: str | None = None
    replaced_upload_ids: list[int] = field(default_factory=list)
    first_uploaded_at: datetime | None = None
    file_unit: str | None = None  # the unit the file names, as already known when it is
    unit_candidates: list[str] = field(default_factory=list)  # closest known units, on a mismatch
    changes: Changes | None = None  # what the load changes (filled by a dry run too)
    # where each reading came from: kind, unit, year, period, department -> Vietnamese phrase
    sources: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)  # the table's columns: letter -> header

    @property
    def unknown_names(self) -> list[str]:
        """The department names the file uses that the unit's directory does not know."""
        names = [
            n
            for p in self.problems
            if p.code == "unknown_department"
            for n in p.subject.split("\n")
        ]
        return list(dict.fromkeys(n for n in names if n))

    columns: dict[str, str] = field(default_factory=dict)  # field -> header as written
    # how the reader understood the file: each table's column roles with their evidence
    explain: list[str] = field(default_factory=list)
    choices: list[tuple[str, ColumnChoice]] = field(default_factory=list)  # (sheet, choice)
    notes: list[str] = field(default_factory=list)  # rows deliberately not read, and why
    # report rows: (Excel row, plan code, plan title, how it matched: exact | title | number,
    # title similarity)
    matches: list[tuple[int, str, str, str, float]] = field(default_factory=list)
    # what failed after the commit (the data is in): Vietnamese sentences saying what to do
    warnings: list[str] = field(default_factory=list)
    province_units: int = 0  # a province-wide index table: how many units it loads

    def summary(self) -> str:
        """One Vietnamese sentence saying what happened."""
        what = KINDS.get(self.kind or "", "tệp")
        if self.status == "duplicate":
            when = (
                self.first_uploaded_at.strftime("%d/%m/%Y %H:%M") if self.first_uploaded_at else ""
            )
            return (
                f"{self.file}: nội dung giống hệt tệp đã nạp lúc {when} (lần nạp số "
                f"{self.upload_id}); không có gì thay đổi."
            )
        if self.status == "rejected":
            return (
                f"{self.file}: KHÔNG nạp — {len(self.problems)} lỗi cần sửa; cơ sở dữ liệu "
                "không thay đổi."
            )
        scope = [self.unit or ""]
        if self.period:
            scope.append(period_label(self.period))
        elif self.plan_year:
            scope.append(f"năm {self.plan_year}")
        if self.department and self.department != ALL:
            scope.append(department_name(self.department, self.unit))
        unit_word = "nhiệm vụ" if self.kind in TASK_KINDS else "dòng"
        verb = "hợp lệ, sẽ nạp" if self.status == "valid" else "đã nạp"
        where = ", ".join(s for s in scope if s)
        if self.province_units:
            where = f"bảng toàn tỉnh, {self.province_units} đơn vị"
        text = f"{self.file}: {verb} {what} — {self.rows} {unit_word} ({where})"
        if self.replaced_upload_ids and self.status == "valid":
            text += "; sẽ thay bản đang dùng"
        elif self.replaced_upload_ids:
            ids = ", ".join(f"#{i}" for i in self.replaced_upload_ids)
            text += f"; thay bản nạp trước (lần nạp {ids})"
        return text + "."

    def to_json(self, explain: bool = False) -> dict[str, object]:
        out: dict[str, object] = {
            "file": self.file,
            "kind": self.kind,
            "status": self.status,
            "rows": self.rows,
            "errors": [p.to_json() for p in self.problems],
        }
        if self.warnings:
            out["warnings"] = self.warnings
        if explain:
            out["columns"] = [
                {
                    "sheet": sheet,
                    "role": c.role,
                    "column": c.letter,
                    "header": c.header,
                    "values": c.values,
                    "parsed_share": c.parsed_share,
                }
                for sheet, c in self.choices
            ]
            out["notes"] = self.notes
        return out


@dataclass
class Options:
    unit: str | None = None
    kind: str | None = None
    period: str | None = None
    uploaded_by: str | None = None
    is_demo: bool = False
    dry_run: bool = False  # validate and say what would change, write nothing
    department: str | None = None  # the reporting department, given explicitly: it wins
    # The upload page's settings: the unit selected in the sidebar (a file naming another unit
    # is refused until confirmed), and a period and department that fill only what the file
    # leaves unsaid (a file saying otherwise is a problem naming both).
    expected_unit: str | None = None
    default_period: str | None = None
    default_department: str | None = None
    confirm_removal: bool = False  # the clerk ticked what the load removes (the page asks)
    # The clerk's corrections of the reader's column map: role -> column letter ('' = unused).
    column_roles: dict[str, str] | None = None
    # take the stored value of a formula that reads another workbook (else it is a problem)
    accept_external_links: bool = False
    # who loads, for the audit trail (None: `uploaded_by` on the command line), and the role
    # that must allow the load (None: no check — one machine, or the command line)
    actor: audit.Actor | None = None
    grant: roles.Grant | None = None


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_path(path: Path, options: Options, database: Path | None = None) -> LoadResult:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return LoadResult(
            path.name,
            problems=[
                Problem(
                    message=f"Không đọc được tệp ({exc.strerror or exc})",
                    hint="kiểm tra đường dẫn và quyền đọc tệp",
                    value=str(path),
                )
            ],
        )
    return load_bytes(data, path.name, options, database)


def load_bytes(
    data: bytes, file_name: str, options: Options, database: Path | None = None
) -> LoadResult:
    """Load one file; never raises for bad input (the result says what was wrong)."""
    result = LoadResult(file_name, kind=options.kind)
    try:
        parsed = _read(data, file_name, options, result)
        parsed.sources = result.sources
        result.notes = parsed.notes
        path = db.db_path(database)
        ready = _prepare_unlocked(parsed, data, options, result, path)
        if ready is not _DECIDED:  # a dry run or a duplicate needs no write lock
            with db.writing(path) as con:
                if ready is None or ready.fingerprint != _fingerprint(con):
                    migrate(con)  # a snapshot is only taken of a database at the latest version
                    ready = _prepare(con, parsed, data, options, result)  # it changed meanwhile
                if ready is not None:
                    _commit(con, parsed, ready, data, file_name, options, result, path)
    except Rejected as exc:
        result.status, result.problems = "rejected", exc.problems
    except (db.DatabaseBusy, db.DatabaseMissing) as exc:  # nothing was written: it waited
        result.status, result.problems = "rejected", [Problem(message=str(exc))]
    except Exception as exc:  # a bug must not leak a stack trace to the user
        if result.status == "loaded":  # committed: what failed after it is only a warning
            result.warnings.append(failures.after_commit(exc, "ghi xuống đĩa (checkpoint)"))
            return result
        if failures.kind_of(exc) != failures.UNEXPECTED:  # disk full, read-only, locked…
            result.status, result.problems = "rejected", [failures.problem(exc)]
            return result
        detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        result.status, result.problems = (
            "rejected",
            [
                Problem(
                    message=f"Lỗi không mong đợi khi xử lý tệp ({detail[:200]})",
                    hint="báo cho quản trị hệ thống kèm tệp này; cơ sở dữ liệu không thay đổi",
                )
            ],
        )
    return result


# Parse, then lock: a load works out what it writes against a copy of the database taken
# under a short read lock, so the write lock covers only the write. False forces the old way
# (everything under the write lock): bench/lock_wait.py compares the two.
PARSE_BEFORE_LOCK = os.environ.get("CCHC_PARSE_IN_LOCK") != "1"
_DECIDED = object()  # the result is settled without writing
SNAPSHOT_WAIT = 1.0  # a writer holding the file longer: prepare under the write lock instead


def _prepare_unlocked(
    parsed: Parsed, data: bytes, options: Options, result: LoadResult, path: Path
) -> Prepared | object | None:
    """The load prepared against a snapshot of the database, holding no lock while parsing;
    _DECIDED for a dry run or a duplicate, None when it must be done under the write lock
    (no database yet, an older schema, the file busy)."""
    if not PARSE_BEFORE_LOCK or not path.exists():
        return None
    try:
        snapshot, fingerprint = _snapshot(path)
    except (db.DatabaseBusy, duckdb.Error):
        return None  # the locked path waits, or says what is wrong
    if snapshot is None:
        return None
    try:
        ready = _prepare(snapshot, parsed, data, options, result)
    finally:
        snapshot.close()
    if ready is None:
        return _DECIDED
    ready.fingerprint = fingerprint
    return ready


def _fingerprint(con: duckdb.DuckDBPyConnection) -> tuple:
    """Changes whenever an upload, an undo or a learned department name changes what a load
    would be matched against."""
    return con.execute(
        """
        SELECT (SELECT count(*) || '/' || coalesce(max(upload_id), 0) || '/'
                       || coalesce(sum(hash(upload_id, status)), 0) FROM uploads),
               (SELECT count(*) || '/' || coalesce(sum(hash(unit, alias_key, code)), 0)
                FROM department_aliases),
               (SELECT count(*) || '/' || coalesce(sum(hash(unit, code, name, short_name)), 0)
                FROM departments)
        """
    ).fetchone()


def _snapshot(path: Path) -> tuple[duckdb.DuckDBPyConnection | None, tuple]:
    """An in-memory copy of what a load is matched against (the uploads, and the rows of the
    loaded ones), taken under a short read lock; (None, ()) when the schema is older."""
    with db.reading(path, wait=SNAPSHOT_WAIT) as ro:
        if current_version(ro) != LATEST_VERSION:
            return None, ()
        fingerprint = _fingerprint(ro)
        tables = {
            name: [
                c[0]
                for c in ro.execute(
                    "SELECT column_name FROM duckdb_columns() WHERE table_name = ? "
                    "AND database_name = current_database()",
                    [name],
                ).fetchall()
            ]
            for (name,) in ro.execute(
                "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()"
            ).fetchall()
        }
        copies = {}
        for name, columns in tables.items():
            where = (
                " WHERE upload_id IN (SELECT upload_id FROM uploads WHERE status = 'loaded')"
                if "upload_id" in columns and name != "uploads"
                else ""
            )
            copies[name] = ro.sql(f'SELECT * FROM "{name}"{where}').to_arrow_table()
    mem = duckdb.connect(":memory:")
    for name, rows in copies.items():
        mem.register("snapshot_rows", rows)
        mem.execute(f'CREATE TABLE "{name}" AS SELECT * FROM snapshot_rows')
        mem.unregister("snapshot_rows")
    mem.execute(VIEWS)
    return mem, fingerprint


@dataclass
class Parsed:
    kind: str
    table: Table | None
    title: TitleBlock
    unit: str
    plan_year: int
    report: ProgressParse | None = None
    scores: list[indices.Score] = field(default_factory=list)
    plan_titles: dict[str, str] = field(default_factory=dict)
    tables: list[Table] = field(default_factory=list)  # every table read (index files: per sheet)
    notes: list[str] = field(default_factory=list)  # rows deliberately not read, and why
    departments: Directory | None = None  # the unit's, once the unit is known
    sources: dict[str, str] = field(default_factory=dict)  # the load result's, shared
    file_name: str = ""
    procedures: tthc.ProcedureParse | None = None  # kind tthc: the statistics and their period
    province: province.ProvinceParse | None = None  # a province-wide index table, one row a unit


def detect(sheets: list[Sheet], kind: str | None) -> tuple[str, list[Table]]:
    """The kind of data in the workbook and its table(s). The index a title names wins over
    the shape, unless the table is plainly about tasks (lead, status, deadline columns);
    otherwise a status or percent column makes a progress report, a lead column a plan."""
    if kind is not None:
        tables = _tables(sheets, kind)
        if not tables:
            raise Rejected(_missing_header_problems(sheets, kind))
        return kind, tables
    task = kinds.best_table(sheets, "progress") or kinds.best_table(sheets, "plan")
    named = kinds.index_kind(sheets)
    if named and (task is None or not kinds.is_task_table(task)):
        tables = _tables(sheets, named)
        if tables:
            return named, tables
    if task is not None:
        return kinds.task_kind(task), [task]
    if named is None and (tables := _tables(sheets, "par")):
        return "par", tables  # a criteria tree with maximum and awarded points, untitled
    raise Rejected(_missing_header_problems(sheets, named))


def _tables(sheets: list[Sheet], kind: str) -> list[Table]:
    """A task file's one table; an index file's table on every sheet that has one."""
    if kind in TASK_KINDS:
        table = kinds.best_table(sheets, kind)
        return [] if table is None else [table]
    layout = kinds.layout_for(kind)
    return [t for s in sheets if (t := find_table(s, layout)) is not None]


def _missing_header_problems(sheets: list[Sheet], kind: str | None) -> list[Problem]:
    problems = []
    wanted_kinds = [kind] if kind else ["plan", "progress"]
    for s in sheets:
        for k in wanted_kinds:
            layout = kinds.layout_for(k)
            partial = best_partial_header(s, layout)
            if partial is None:
                continue
            row, columns = partial
            if kind is None and k == "plan" and ("status" in columns or "percent" in columns):
                continue
            options = [[ROLE_NAMES[f] for f in req if f not in columns] for req in layout.required]
            missing = min(options, key=len)
            problems.append(
                Problem(
                    message=(
                        f"Không tìm thấy bảng điểm {KINDS[k]} trong tệp: "
                        if k in INDEX_KINDS
                        else ""
                    )
                    + "Dòng tiêu đề thiếu cột: "
                    + ", ".join(missing),
                    sheet=s.name,
                    row=row + 1,
                    hint="thêm (hoặc đặt lại tên) cột theo mẫu; tên cột có thể viết có hoặc "
                    "không dấu",
                )
            )
            break
    if problems:
        return problems
    need = (
        "STT, Nội dung nhiệm vụ, Cơ quan chủ trì (phụ lục kế hoạch) hoặc Nội dung nhiệm vụ, "
        "Tình trạng / Tỷ lệ (%) (báo cáo tiến độ) hoặc Tiêu chí, Điểm (bảng chỉ số)"
    )
    return [
        Problem(
            message="Không tìm thấy bảng dữ liệu trong tệp (không có dòng tiêu đề nào)",
            hint=f"bảng cần một dòng tiêu đề có các cột {need}; dùng tệp mẫu để đối chiếu",
        )
    ]


def _read(data: bytes, file_name: str, options: Options, result: LoadResult) -> Parsed:
    sheets = read_workbook(data, file_name)
    found = province.find_for(sheets, options.kind)
    kind, tables = (
        (found[0], [s.table for s in found[1]]) if found else detect(sheets, options.kind)
    )
    result.kind = kind
    result.sources["kind"] = _kind_source(kind, tables, options)
    if options.column_roles and not found:
        layout = kinds.layout_for(kind)
        for t in tables:
            t.override(options.column_roles)
            if not t.problems and not layout.satisfied(t.columns):
                wanted = min(
                    ([ROLE_NAMES[r] for r in req if r not in t.columns] for req in layout.required),
                    key=len,
                )
                raise Rejected(
                    [
                        Problem(
                            message="Sau khi đổi vai trò các cột, bảng thiếu cột: "
                            + ", ".join(wanted),
                            hint="chọn lại cột cho các vai trò này",
                            sheet=t.sheet.name,
                            row=max(t.header_rows) + 1,
                        )
                    ]
                )
    result.explain = [line for t in tables for line in t.explain()]
    result.choices = [(t.sheet.name, c) for t in tables for c in t.choices]
    result.headers = {column_letter(c): h for c, h in sorted(tables[0].headers.items())}
    oversize = [t.sheet for t in tables if t.sheet.oversize]
    if oversize:  # only the sheet holding the table counts, never an unrelated one
        raise Rejected([too_big(oversize[0])])
    problems = [p for t in tables for p in t.problems]
    problems += [p for t in tables for p in t.cell_problems(options.accept_external_links)]
    if problems:
        raise Rejected(problems)
    if found:
        return _read_province(found[1], kind, options, result)
    if kind in INDEX_KINDS:
        return _read_index(tables, kind, options, result)
    if kind == kinds.PROCEDURE_KIND:
        return _read_procedures(tables, options, result, file_name)
    table = tables[0]
    title = TitleBlock.above(table.sheet, min(table.header_rows))
    unit = _unit_of(title, options, result)
    period = None
    if kind == "progress":
        period = (
            options.period or title.period() or period_in_name(file_name) or options.default_period
        )
    parsed_period = parse_period(period) if period else None
    year = parsed_period.year if parsed_period else title.year()
    result.sources["year"] = (
        "theo kỳ báo cáo"
        if parsed_period
        else _title_row(title, "year")
        if year
        else "năm hiện tại (tệp không ghi năm)"
    )
    if year is None:
        year = today().year
    return Parsed(kind, table, title, unit, year, tables=tables, file_name=file_name)


def _title_row(title: TitleBlock, what: str) -> str:
    return f"tiêu đề, dòng {title.found[what]}" if what in title.found else "tiêu đề"


def _kind_source(kind: str, tables: list[Table], options: Options) -> str:
    if options.kind:
        return "chọn khi nạp"
    if kind in INDEX_KINDS and kinds.index_kind([t.sheet for t in tables]) == kind:
        return "tiêu đề gọi tên chỉ số"
    if kind == "progress":
        return "bảng có cột Tình trạng hoặc Tỷ lệ (%)"
    if kind == "plan":
        return "bảng có cột Cơ quan chủ trì"
    if kind == kinds.PROCEDURE_KIND:
        return "tiêu đề, tiêu đề cột nói về hồ sơ thủ tục hành chính"
    return "bảng có cột điểm tối đa và điểm chấm"


def _unit_of(title: TitleBlock, options: Options, result: LoadResult) -> str:
    """The unit: given explicitly, else named in the title, else the one selected, else the
    default; and where it came from."""
    named = title.unit()
    if options.unit:
        result.sources["unit"] = "chọn khi nạp"
        return options.unit
    if named:
        result.sources["unit"] = _title_row(title, "unit")
        return named
    if options.expected_unit:
        result.sources["unit"] = "đơn vị đang chọn (tệp không ghi đơn vị)"
        return options.expected_unit
    result.sources["unit"] = "mặc định (tệp không ghi đơn vị)"
    return DEFAULT_UNIT


def _read_index(tables: list[Table], kind: str, options: Options, result: LoadResult) -> Parsed:
    first = tables[0]
    title = TitleBlock.above(first.sheet, min(first.header_rows))
    unit = _unit_of(title, options, result)
    parse = (
        indices.parse_par(tables, unit)
        if kind == "par"
        else indices.parse_series(tables, kind, unit)
    )
    if parse.problems:
        raise Rejected(parse.problems)
    if not parse.scores:
        raise Rejected(
            [
                Problem(
                    message=f"Không tìm thấy điểm {KINDS[kind]} nào trong bảng",
                    hint="bảng cần dòng tiêu đề có cột tên chỉ số/tiêu chí và cột điểm (hoặc một "
                    "cột cho mỗi năm), và các dòng điểm dưới nó; xem dữ liệu mẫu trong data/demo",
                    sheet=first.sheet.name,
                )
            ]
        )
    year = max(s.year for s in parse.scores)
    return Parsed(
        kind, None, title, unit, year, scores=parse.scores, tables=tables, notes=parse.notes
    )


def _read_province(
    shapes: list[province.Shape], kind: str, options: Options, result: LoadResult
) -> Parsed:
    """A province-wide index table: its problems wait for the units' check (in `_prepare`,
    against the registry), so that every problem of the file is said at once."""
    found = province.parse(shapes, kind)
    first = shapes[0].table
    result.explain = province.explain(shapes)
    result.choices = []  # no column-role editor: the unit and area columns are not roles
    result.sources["unit"] = "cột Đơn vị của bảng toàn tỉnh (mỗi dòng một đơn vị)"
    title = TitleBlock.above(first.sheet, min(first.header_rows))
    year = max((s.year for s in found.scores), default=today().year)
    tables = [s.table for s in shapes]
    chosen = options.unit or options.expected_unit or ""
    return Parsed(
        kind, None, title, chosen, year, scores=found.scores, tables=tables, notes=found.notes,
        province=found,
    )  # fmt: skip


def _read_procedures(
    tables: list[Table], options: Options, result: LoadResult, file_name: str
) -> Parsed:
    """Procedure statistics (kind tthc): the table naming most counts, its period."""
    table = max(tables, key=lambda t: len(t.columns))
    title = TitleBlock.above(table.sheet, min(table.header_rows))
    unit = _unit_of(title, options, result)
    found = tthc.read(
        table, title, file_name, options.period, options.default_period, result.sources
    )
    if found.problems:
        raise Rejected(found.problems)
    year = found.end.year if found.end else today().year
    parsed = Parsed(kinds.PROCEDURE_KIND, table, title, unit, year, tables=[table])
    parsed.procedures, parsed.notes, parsed.file_name = found, found.notes, file_name
    return parsed


def _index_rows(parsed: Parsed) -> pa.Table:
    s = parsed.scores
    return pa.table(
        {
            "unit": pa.array([x.unit or parsed.unit for x in s], pa.string()),
            "index": pa.array([x.index for x in s], pa.string()),
            "series": pa.array([x.series for x in s], pa.string()),
            "year": pa.array([x.year for x in s], pa.int32()),
            "period": pa.array([x.period for x in s], pa.string()),
            "criterion": pa.array([x.criterion for x in s], pa.string()),
            "name": pa.array([x.name for x in s], pa.string()),
            "max_score": pa.array([x.max_score for x in s], pa.float64()),
            "self_score": pa.array([x.self_score for x in s], pa.float64()),
            "appraised_score": pa.array([x.appraised_score for x in s], pa.float64()),
            "survey_score": pa.array([x.survey_score for x in s], pa.float64()),
            "score": pa.array([x.score for x in s], pa.float64()),
            "rank": pa.array([x.rank for x in s], pa.int32()),
            "evidence": pa.array([x.evidence for x in s], pa.string()),
            "source_row": pa.array([x.source_row for x in s], pa.int32()),
        }
    )


@dataclass
class Prepared:
    """What a load will write, worked out before the write lock is taken."""

    digest: str
    rows: pa.Table
    replaced: list[int]
    report_date: date | None = None
    fingerprint: tuple = ()  # the database's state it was worked out against


def _prepare(
    con: duckdb.DuckDBPyConnection,
    parsed: Parsed,
    data: bytes,
    options: Options,
    result: LoadResult,
) -> Prepared | None:
    """Match, validate and build the rows against the database as `con` sees it; None when
    nothing is to be written (a duplicate, a dry run)."""
    digest = sha256(data)
    report_date = None
    known = [r[0] for r in con.execute("SELECT DISTINCT unit FROM uploads").fetchall()]
    known = [*known, *([DEFAULT_UNIT] if DEFAULT_UNIT not in known else [])]
    known = units.known(con, known)  # the registry's units count as known (etl/units.py)
    if parsed.province is not None:  # every row's unit, from the registry; no mismatch
        parsed.unit = province.settle(con, parsed.province, parsed.unit, known)
        result.province_units = len({r.unit for r in parsed.province.rows})
    else:
        parsed.unit = units.by_alias(con, canonical_unit(parsed.unit, known))
        _check_unit(parsed, options, known, result)
    result.unit, result.plan_year = parsed.unit, parsed.plan_year
    parsed.departments = departments.directory(con, parsed.unit)
    previous = con.execute(
        "SELECT upload_id, uploaded_at FROM uploads WHERE sha256 = ? AND status <> 'rolled_back' "
        "ORDER BY upload_id LIMIT 1",
        [digest],
    ).fetchone()
    if previous:
        result.status, result.upload_id, result.first_uploaded_at = (
            "duplicate",
            previous[0],
            previous[1],
        )
        return None
    if parsed.kind in INDEX_KINDS:
        rows = _index_rows(parsed)
        key_sql, key_args = "kind = ? AND unit = ?", [parsed.kind, parsed.unit]
        if parsed.province is not None:
            key_sql, key_args = province.replaced_keys(parsed.kind, parsed.province)
    elif parsed.procedures is not None:
        rows = tthc.arrow_rows(parsed.unit, parsed.procedures)
        result.period = parsed.procedures.period
        key_sql, key_args = (
            "kind = 'tthc' AND unit = ? AND period = ?",
            [parsed.unit, result.period],
        )
    elif parsed.kind == "plan":
        rows = _plan_rows(parsed)
        result.columns = {f: parsed.table.header(f) for f in parsed.table.columns}
        key_sql, key_args = (
            "kind = 'plan' AND unit = ? AND plan_year = ?",
            [parsed.unit, parsed.plan_year],
        )
    else:
        rows, period, department, report_date = _report_rows(con, parsed, options)
        result.columns = {f: parsed.table.header(f) for f in parsed.table.columns}
        result.matches = [
            (r.source_row, r.code, parsed.plan_titles.get(r.code, ""), r.match_how, r.match_score)
            for r in parsed.report.rows
        ]
        result.period, result.department = period, department
        key_sql = (
            "kind = 'progress' AND unit = ? AND plan_year = ? AND period = ? AND department = ?"
        )
        key_args = [parsed.unit, parsed.plan_year, period, department]
    others = [r.unit for r in parsed.province.rows] if parsed.province is not None else []
    refused = roles.load_refusal(
        con, options.grant, parsed.kind, parsed.unit, result.department, others
    )
    if refused is not None:  # the login may not make this load: nothing is written
        raise Rejected([refused])
    replaced = [
        r[0]
        for r in con.execute(
            f"SELECT upload_id FROM uploads WHERE status = 'loaded' AND {key_sql} "
            "ORDER BY upload_id",
            key_args,
        ).fetchall()
    ]
    if parsed.kind in INDEX_KINDS:
        replaced = _wholly_covered(con, replaced, rows)
    result.changes = (
        tthc.changes(con, parsed.unit, parsed.procedures)
        if parsed.procedures is not None
        else province.changes(con, rows)
        if parsed.province is not None
        else changes_for(con, parsed, rows, result.department)
    )
    result.replaced_upload_ids = replaced
    result.rows = rows.num_rows
    if options.dry_run:  # nothing written, no upload number taken
        result.status = "valid"
        return None
    return Prepared(digest, rows, replaced, report_date)


def _commit(
    con: duckdb.DuckDBPyConnection,
    parsed: Parsed,
    ready: Prepared,
    data: bytes,
    file_name: str,
    options: Options,
    result: LoadResult,
    database: Path,
) -> None:
    """Under the write lock: archive the original, then one transaction, then the journal."""
    digest, rows, replaced, report_date = (
        ready.digest,
        ready.rows,
        ready.replaced,
        ready.report_date,
    )
    fresh_archive = not _archive_path(digest, file_name, database).exists()
    kept = _archive(data, digest, file_name, database)

    try:
        con.execute("BEGIN TRANSACTION")
        upload_id = con.execute("SELECT nextval('upload_id_seq')").fetchone()[0]
        con.execute(
            "INSERT INTO uploads (upload_id, file_name, sha256, kind, unit, plan_year, period,"
            " department, report_date, rows, uploaded_at, uploaded_by, status, archive_path, is_demo)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, current_localtimestamp(), ?, 'loaded', ?, ?)",
            [
                upload_id,
                file_name,
                digest,
                parsed.kind,
                parsed.unit,
                parsed.plan_year,
                result.period,
                result.department,
                report_date if parsed.kind == "progress" else None,
                rows.num_rows,
                options.uploaded_by,
                str(kept),
                options.is_demo,
            ],
        )
        each = [r.unit for r in parsed.province.rows] if parsed.province else []
        for unit in dict.fromkeys([parsed.unit, *each]):  # a province table: every row's unit
            units.remember(con, unit, options.is_demo)
        if replaced:
            con.execute(
                f"UPDATE uploads SET status = 'superseded', superseded_by = ? "
                f"WHERE upload_id IN ({', '.join('?' * len(replaced))})",
                [upload_id, *replaced],
            )
        rows = rows.append_column("upload_id", pa.array([upload_id] * rows.num_rows, pa.int32()))
        target = {"plan": "tasks", "progress": "task_reports", "tthc": "procedure_stats"}.get(
            parsed.kind, "index_scores"
        )
        con.register("incoming_rows", rows)
        cols = ", ".join(f'"{c}"' for c in rows.column_names)
        con.execute(f"INSERT INTO {target} ({cols}) SELECT {cols} FROM incoming_rows")
        con.unregister("incoming_rows")
        audit.record(
            con,
            options.actor or audit.Actor(options.uploaded_by or "?", os_user=audit.os_user()),
            "load",
            unit=parsed.unit,
            upload_ids=[upload_id, *replaced],
            detail=f"{file_name}: {KINDS.get(parsed.kind or '', parsed.kind)}, "
            f"{rows.num_rows} dòng" + (f"; thay lần nạp {replaced}" if replaced else ""),
        )
        con.execute("COMMIT")
    except Exception:
        failures.rollback(con)  # its own failure must not hide the cause
        if fresh_archive:
            _discard(kept)
        raise
    result.status, result.upload_id = "loaded", upload_id
    try:  # the journal line is synced before the caller hears "loaded"
        said = {k: v for k, v in asdict(options).items() if k not in ("actor", "grant")}
        journal.loaded(con, database, result, said, digest, kept)
    except Exception as exc:
        result.warnings.append(failures.after_commit(exc, "ghi nhật ký tải lên"))


def _wholly_covered(
    con: duckdb.DuckDBPyConnection, uploads: list[int], rows: pa.Table
) -> list[int]:
    """Merge, don't wipe: an index upload replaces only the (index, series, period) it holds.
    An earlier upload is superseded only when the new one covers all of its periods; one it
    covers in part stays loaded, and `current_index_scores` shows its other periods."""
    if not uploads:
        return []
    con.register("incoming_keys", rows.select(["unit", "index", "series", "period"]))
    try:
        return [
            r[0]
            for r in con.execute(
                f"""
                SELECT s.upload_id FROM index_scores s
                WHERE s.upload_id IN ({", ".join("?" * len(uploads))})
                GROUP BY s.upload_id
                HAVING bool_and(EXISTS (
                    SELECT 1 FROM incoming_keys k WHERE k."index" = s."index"
                    AND k.series = s.series AND k.period = s.period AND k.unit = s.unit))
                ORDER BY s.upload_id
                """,
                uploads,
            ).fetchall()
        ]
    finally:
        con.unregister("incoming_keys")


def _plan_rows(parsed: Parsed) -> pa.Table:
    plan = parse_plan(parsed.table, parsed.plan_year, parsed.departments)
    if plan.problems:
        raise Rejected(plan.problems)
    if not plan.tasks:
        raise Rejected(
            [
                Problem(
                    message="Bảng phụ lục không có nhiệm vụ nào",
                    hint="kiểm tra các dòng nhiệm vụ nằm dưới dòng tiêu đề",
                    sheet=parsed.table.sheet.name,
                )
            ]
        )
    t = plan.tasks
    return pa.table(
        {
            "unit": pa.array([parsed.unit] * len(t), pa.string()),
            "plan_year": pa.array([parsed.plan_year] * len(t), pa.int32()),
            "seq": pa.array([x.seq for x in t], pa.int32()),
            "area": pa.array([x.area for x in t], pa.string()),
            "code": pa.array([x.code for x in t], pa.string()),
            "parent_code": pa.array([x.parent_code for x in t], pa.string()),
            "number": pa.array([x.number for x in t], pa.string()),
            "title": pa.array([x.title for x in t], pa.string()),
            "lead_department": pa.array([x.lead_department for x in t], pa.string()),
            "support_departments": pa.array(
                [x.support_departments for x in t], pa.list_(pa.string())
            ),
            "deadline": pa.array([x.deadline for x in t], pa.date32()),
            "deadline_text": pa.array([x.deadline_text for x in t], pa.string()),
            "continuous": pa.array([x.continuous for x in t], pa.bool_()),
            "product": pa.array([x.product for x in t], pa.string()),
            "note": pa.array([x.note for x in t], pa.string()),
            "source_row": pa.array([x.source_row for x in t], pa.int32()),
        }
    )


def _report_rows(
    con: duckdb.DuckDBPyConnection, parsed: Parsed, options: Options
) -> tuple[pa.Table, str, str, date]:
    sheet = parsed.table.sheet.name
    unfilled = parsed.title.placeholder_problems(
        skip_period=bool(options.period or options.default_period)
    )
    if unfilled:
        raise Rejected(unfilled)
    in_title = parsed.title.period()
    in_name = None if in_title else period_in_name(parsed.file_name)
    period = _resolve(
        parsed, "period", options.period, in_title, in_name, options.default_period, period_label
    )
    if period is None or parse_period(period) is None:
        raise Rejected(
            [
                Problem(
                    message="Không xác định được kỳ báo cáo (quý, 6 tháng, năm…) của báo cáo",
                    hint="thêm dòng tiêu đề như 'Báo cáo tiến độ … Quý III năm 2026' phía trên bảng, "
                    "hoặc chỉ rõ kỳ khi nạp (--period 2026-Q3)",
                    sheet=sheet,
                )
            ]
        )
    dept_title = parsed.title.department(parsed.departments)
    dept_name = None
    if dept_title is None and "lead" not in parsed.table.columns:
        dept_name = department_in_name(parsed.file_name, parsed.departments)
    department = _resolve(
        parsed,
        "department",
        options.department,
        dept_title,
        dept_name,
        options.default_department,
        lambda code: department_name(code, parsed.unit),
    )
    if department is None and "lead" in parsed.table.columns:
        department = "ALL"
        parsed.sources["department"] = "báo cáo tổng hợp (có cột chủ trì)"
    if department is None:
        raise Rejected(
            [
                Problem(
                    message="Không xác định được phòng, đơn vị gửi báo cáo",
                    hint="thêm dòng 'Đơn vị báo cáo: Phòng …' phía trên bảng, hoặc thêm cột 'Đơn vị "
                    "chủ trì' nếu là báo cáo tổng hợp",
                    sheet=sheet,
                )
            ]
        )
    plan = [
        PlanRef(code, title)
        for code, title in con.execute(
            "SELECT code, title FROM v_tasks WHERE unit = ? AND plan_year = ? ORDER BY code",
            [parsed.unit, parsed.plan_year],
        ).fetchall()
    ]
    if not plan:
        raise Rejected(
            [
                Problem(
                    message=f"Chưa có phụ lục kế hoạch năm {parsed.plan_year} của {parsed.unit} nên "
                    "không đối chiếu được báo cáo",
                    hint="nạp phụ lục kế hoạch của năm này trước, rồi nạp lại báo cáo",
                    sheet=sheet,
                )
            ]
        )
    report = parse_report(parsed.table, plan, plan_year=parsed.plan_year)
    parsed.report = report
    parsed.plan_titles = {p.code: p.title for p in plan}

    if report.problems:
        raise Rejected(report.problems)
    if not report.rows:
        raise Rejected(
            [
                Problem(
                    message="Báo cáo không có dòng nhiệm vụ nào",
                    hint="kiểm tra các dòng nhiệm vụ nằm dưới dòng tiêu đề",
                    sheet=sheet,
                )
            ]
        )
    span = parse_period(period)
    # a report without a date is dated the end of its period, or today when that is later
    report_date = parsed.title.report_date() or min(span.end, today())
    if report_date > today():
        raise Rejected([_future_date(parsed, report_date)])
    r = report.rows
    n = len(r)
    table = pa.table(
        {
            "unit": pa.array([parsed.unit] * n, pa.string()),
            "plan_year": pa.array([parsed.plan_year] * n, pa.int32()),
            "code": pa.array([x.code for x in r], pa.string()),
            "period": pa.array([period] * n, pa.string()),
            "period_start": pa.array([span.start] * n, pa.date32()),
            "period_end": pa.array([span.end] * n, pa.date32()),
            "department": pa.array([department] * n, pa.string()),
            "reported_status": pa.array([x.reported_status for x in r], pa.string()),
            "percent": pa.array([x.percent for x in r], pa.float64()),
            "report_date": pa.array([report_date] * n, pa.date32()),
            "completed_on": pa.array([x.completed_on for x in r], pa.date32()),
            "note": pa.array([x.note for x in r], pa.string()),
            "evidence": pa.array([x.evidence for x in r], pa.string()),
            "difficulties": pa.array([x.difficulties for x in r], pa.string()),
            "source_row": pa.array([x.source_row for x in r], pa.int32()),
        }
    )
    return table, period, department, report_date


def _check_unit(parsed: Parsed, options: Options, known: list[str], result: LoadResult) -> None:
    """A file naming another unit than the one selected is never filed under either without
    the clerk saying which: refused with the closest known units to choose from."""
    named = parsed.title.unit()
    result.file_unit = canonical_unit(named, known) if named else None
    if options.unit or not options.expected_unit or result.file_unit is None:
        return
    expected = canonical_unit(options.expected_unit, known)
    if fold(result.file_unit) == fold(expected):
        return
    result.unit_candidates = closest_units(result.file_unit, [u for u in known if u != expected])
    raise Rejected(
        [
            Problem(
                message=f"Tệp ghi đơn vị «{result.file_unit}», khác đơn vị đang chọn «{expected}»",
                hint=f"nếu đúng là dữ liệu của {result.file_unit}, chọn nạp cho đơn vị đó; nếu "
                "không, kiểm tra lại tệp hoặc chọn đơn vị khác",
                sheet=first_sheet(parsed),
                code="unit_mismatch",
            )
        ]
    )


def first_sheet(parsed: Parsed) -> str:
    return parsed.tables[0].sheet.name if parsed.tables else ""


def closest_units(name: str, known: list[str], limit: int = 3) -> list[str]:
    """The known units whose names are closest to `name` (without diacritics): a spelling
    variant shows its unit first."""
    found = process.extract(fold(name), [fold(u) for u in known], scorer=fuzz.WRatio, limit=limit)
    return [known[i] for _, score, i in found if score >= 60]


_SETTING_NAMES = {"period": "kỳ báo cáo", "department": "phòng, đơn vị gửi báo cáo"}


def _resolve(parsed: Parsed, what: str, given, in_title, in_name, default, label) -> str | None:
    """A report's period or department: given explicitly, else what the file states (its
    title, else its name), else the page's setting; and where it came from."""
    value = given or _stated_or_default(parsed, what, in_title or in_name, default, label)
    parsed.sources[what] = (
        "chọn khi nạp"
        if given
        else _title_row(parsed.title, what)
        if in_title
        else "tên tệp"
        if in_name
        else f"cài đặt của tệp (tệp không ghi {_SETTING_NAMES[what]})"
    )
    return value


def _stated_or_default(parsed: Parsed, what: str, stated, default, label) -> str | None:
    """What the file states, else the page's setting; both and different is a problem."""
    if stated and default and stated != default:
        raise Rejected(
            [
                Problem(
                    message=f"Tệp ghi {_SETTING_NAMES[what]} là «{label(stated)}» nhưng trang tải "
                    f"lên chọn «{label(default)}»",
                    hint="để «Đọc từ tệp» nếu tệp đúng, hoặc sửa tiêu đề của tệp rồi tải lên lại",
                    sheet=parsed.table.sheet.name,
                    code="setting_conflict",
                )
            ]
        )
    return stated or default


def _future_date(parsed: Parsed, report_date: date) -> Problem:
    """A report dated after today, at the title cell that says the date."""
    _, r, c, line = parsed.title.report_date_cell()
    return cell_problem(
        parsed.table.sheet.name,
        r,
        c,
        "",
        line,
        f"Ngày báo cáo {report_date:%d/%m/%Y} ở sau hôm nay ({today():%d/%m/%Y})",
        "ghi đúng ngày lập báo cáo ở tiêu đề, ví dụ 'ngày 05 tháng 10 năm 2026'",
        code="future_date",
    )


def _archive_path(digest: str, file_name: str, database: Path) -> Path:
    suffix = Path(file_name).suffix.lower()[:8]
    return archive.archive_dir(database) / digest[:2] / f"{digest}{suffix}"


def _archive(data: bytes, digest: str, file_name: str, database: Path) -> Path:
    """The original, kept by its hash: written to a temporary name, synced, then renamed, so
    the target is whole or absent; a file already there is trusted only when its hash agrees
    (a 0-byte or different file is replaced)."""
    target = _archive_path(digest, file_name, database)
    archive.store(target, data, digest)
    return target


def _discard(path: Path) -> None:
    """Remove an archived file this load wrote, when the load did not commit."""
    with contextlib.suppress(OSError):  # an orphan left is listed by `python -m etl check`
        path.unlink(missing_ok=True)
