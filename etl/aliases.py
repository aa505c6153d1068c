"""Teaching the system a unit's departments and the names people write for them.

An alias ('Tổ một cửa' -> TTPVHCC) is stored once in `department_aliases` and used by every
later load of that unit (or of every unit, when learned without one); a department added with
`add_department` joins the unit's standard ones (`cchc.departments.directory`). Each write is
one transaction; bad input raises `Rejected` with Vietnamese problems, like a rejected file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

import duckdb

from cchc import db, queries
from cchc.departments import (
    ALL,
    ALL_NAME,
    Directory,
    alias_key,
    directory,
    standard_departments,
    unit_key,
)
from cchc.text import clean_cell
from cchc.vocab import department_name
from etl import audit
from etl.errors import Problem, Rejected

EVERY_UNIT = ""  # the `unit` of an alias learned for every unit
EVERY_UNIT_LABEL = "mọi đơn vị"
_CODE = re.compile(r"^[A-Z][A-Z0-9_]{0,19}$")


@dataclass(frozen=True)
class Alias:
    unit: str  # '' = every unit
    alias: str  # as typed
    alias_key: str
    code: str
    name: str  # the department's name (in that unit, or a standard name)
    added_by: str | None
    added_at: datetime


def _require_tables(con: duckdb.DuckDBPyConnection) -> None:
    found = con.execute(
        "SELECT count(*) FROM information_schema.tables "
        "WHERE table_name IN ('departments', 'department_aliases')"
    ).fetchone()
    if not found or found[0] < 2:
        raise Rejected(
            [
                Problem(
                    "Cơ sở dữ liệu chưa có bảng phòng, đơn vị (phiên bản cũ)",
                    "nâng cấp bằng: python -m etl init",
                )
            ]
        )


def _unit(con: duckdb.DuckDBPyConnection, unit: str | None) -> str:
    """The unit as already spelled in the database (units compare folded), else as given;
    '' for every unit."""
    text = clean_cell(unit)
    if not text:
        return EVERY_UNIT
    key = unit_key(text)
    rows = con.execute(
        "SELECT unit FROM departments UNION SELECT unit FROM department_aliases "
        "UNION SELECT unit FROM uploads"
    ).fetchall()
    for (known,) in sorted(rows, key=lambda r: r[0]):
        if known and unit_key(known) == key:
            return known
    return text


def _builtin(con: duckdb.DuckDBPyConnection, unit: str) -> list[tuple[str, Directory]]:
    """(where, directory) whose own rules an alias must not contradict, learned aliases left
    out: the unit's, or for every unit a ward's and a commune's standard ones."""
    if unit:
        d = directory(con, unit)
        return [(f"ở {unit}", Directory(d.unit, d.departments, {}))]
    return [("ở các phường", Directory("Phường")), ("ở các xã", Directory("Xã"))]


def _known_codes(con: duckdb.DuckDBPyConnection, unit: str) -> dict[str, str]:
    """code -> name of the codes an alias may point at (ALL included)."""
    if unit:
        d = directory(con, unit)
        codes = {c: d.name(c) for c in d.codes()}
    else:
        codes = {}
        for level in ("Phường", "Xã"):
            for dept in standard_departments(level):
                codes.setdefault(dept.code, dept.name)
        for code, name in con.execute(
            "SELECT code, name FROM departments ORDER BY added_at"
        ).fetchall():
            codes.setdefault(code, name)
    codes[ALL] = ALL_NAME
    return codes


def _scope(unit: str) -> str:
    return f"đơn vị {unit}" if unit else EVERY_UNIT_LABEL


def add_alias(
    con: duckdb.DuckDBPyConnection,
    text: str,
    code: str,
    unit: str | None = None,
    added_by: str | None = None,
    actor: audit.Actor | None = None,
) -> Alias:
    """Learn that `text` names department `code` (of `unit`, or of every unit when None).
    Adding the same alias for the same code again changes nothing."""
    _require_tables(con)

    def work() -> Alias:
        u = _unit(con, unit)
        alias = clean_cell(text)
        key = alias_key(alias)
        wanted = clean_cell(code).upper()
        problems: list[Problem] = []
        if not key:
            problems.append(
                Problem(
                    "Tên cần ghi nhớ đang trống",
                    "ghi tên phòng, đơn vị đúng như trong tệp, ví dụ: "
                    'python -m etl alias add "Tổ một cửa" TTPVHCC',
                    value=alias,
                )
            )
        codes = _known_codes(con, u)
        if wanted not in codes:
            listed = "; ".join(f"{c} ({n})" for c, n in codes.items())
            problems.append(
                Problem(
                    f"Không có phòng, đơn vị mã '{wanted}' ở {_scope(u)}",
                    f"dùng một trong các mã: {listed}",
                )
            )
        if problems:
            raise Rejected(problems)
        existing = con.execute(
            "SELECT alias, code FROM department_aliases WHERE unit = ? AND alias_key = ?",
            [u, key],
        ).fetchone()
        if existing and existing[1] != wanted:
            raise Rejected(
                [
                    Problem(
                        f"'{alias}' đã được ghi nhớ là {codes.get(existing[1], existing[1])} "
                        f"({existing[1]}) ở {_scope(u)}",
                        f'xóa trước bằng: python -m etl alias remove "{existing[0]}"'
                        + (f' --unit "{u}"' if u else "")
                        + f", rồi thêm lại với mã {wanted}",
                    )
                ]
            )
        for where, d in _builtin(con, u):
            means = d.match(alias)
            if means is not None and means != wanted:
                raise Rejected(
                    [
                        Problem(
                            f"'{alias}' đã được hiểu là {d.name(means)} ({means}) {where}",
                            f"không ghi nhớ tên này cho {wanted}: hệ thống đã tự nhận ra nó; "
                            "nếu tệp muốn nói phòng, đơn vị khác, hãy sửa tên trong tệp cho rõ",
                        )
                    ]
                )
        if not existing:
            con.execute(
                "INSERT INTO department_aliases (unit, alias, alias_key, code, added_by, added_at)"
                " VALUES (?, ?, ?, ?, ?, current_localtimestamp())",
                [u, alias, key, wanted, added_by],
            )
            audit.record(
                con,
                actor or _actor(added_by),
                "alias_add",
                unit=u or None,
                detail=f"«{alias}» là {codes[wanted]} ({wanted}), {_scope(u)}",
            )
        row = con.execute(
            "SELECT alias, added_by, added_at FROM department_aliases"
            " WHERE unit = ? AND alias_key = ?",
            [u, key],
        ).fetchone()
        assert row is not None
        return Alias(u, row[0], key, wanted, codes[wanted], row[1], row[2])

    return db.in_transaction(con, work)


def remove_alias(
    con: duckdb.DuckDBPyConnection,
    text: str,
    unit: str | None = None,
    actor: audit.Actor | None = None,
) -> bool:
    """Forget an alias (of `unit`, or the one for every unit); False when there was none."""
    _require_tables(con)

    def work() -> bool:
        u = _unit(con, unit)
        key = alias_key(clean_cell(text))
        found = con.execute(
            "SELECT count(*) FROM department_aliases WHERE unit = ? AND alias_key = ?", [u, key]
        ).fetchone()
        if not key or not found or not found[0]:
            return False
        con.execute("DELETE FROM department_aliases WHERE unit = ? AND alias_key = ?", [u, key])
        audit.record(
            con,
            actor or _actor(None),
            "alias_remove",
            unit=u or None,
            detail=f"«{clean_cell(text)}», {_scope(u)}",
        )
        return True

    return db.in_transaction(con, work)


def list_aliases(con: duckdb.DuckDBPyConnection, unit: str | None = None) -> list[Alias]:
    """Every learned alias, or those that apply to `unit` (its own and those for every unit),
    by unit then alias."""
    _require_tables(con)
    rows = queries.department_aliases(con).itertuples(index=False, name=None)
    chosen = clean_cell(unit)
    out: list[Alias] = []
    named: dict[str, Directory] = {}
    for u, alias, key, code, by, at in rows:
        if chosen and u != EVERY_UNIT and unit_key(u) != unit_key(chosen):
            continue
        scope = u or chosen
        if scope and scope not in named:
            named[scope] = directory(con, scope)
        name = named[scope].name(code) if scope else department_name(code)
        out.append(Alias(u, alias, key, code, name, by, at))
    return out


def add_department(
    con: duckdb.DuckDBPyConnection,
    unit: str,
    code: str,
    name: str,
    short: str | None = None,
    added_by: str | None = None,
    actor: audit.Actor | None = None,
) -> None:
    """Add a department to a unit (or rename one of its standard ones: same code)."""
    _require_tables(con)

    def work() -> None:
        u = _unit(con, unit)
        wanted = clean_cell(code).upper()
        full = clean_cell(name)
        problems: list[Problem] = []
        if not u:
            problems.append(
                Problem("Thiếu tên đơn vị", "ghi tên đơn vị, ví dụ: Xã Tân Chi", value=unit or "")
            )
        if not _CODE.match(wanted) or wanted == ALL:
            problems.append(
                Problem(
                    f"Mã phòng, đơn vị '{wanted}' không hợp lệ",
                    "dùng chữ in hoa không dấu và chữ số, bắt đầu bằng chữ, tối đa 20 ký tự, "
                    "khác ALL; ví dụ: BCHQS",
                    value=clean_cell(code),
                )
            )
        if not full:
            problems.append(
                Problem(
                    "Thiếu tên phòng, đơn vị",
                    "ghi tên đầy đủ, ví dụ: Ban Chỉ huy Quân sự xã",
                    value=clean_cell(name),
                )
            )
        if problems:
            raise Rejected(problems)
        con.execute(
            "INSERT INTO departments (unit, code, name, short_name, added_by, added_at)"
            " VALUES (?, ?, ?, ?, ?, current_localtimestamp())"
            " ON CONFLICT (unit, code) DO UPDATE SET name = excluded.name,"
            " short_name = excluded.short_name, added_by = excluded.added_by,"
            " added_at = excluded.added_at",
            [u, wanted, full, clean_cell(short) or None, added_by],
        )
        audit.record(
            con,
            actor or _actor(added_by),
            "department_add",
            unit=u,
            detail=f"{wanted}: {full}",
        )

    db.in_transaction(con, work)


def teach(
    database,
    unit: str,
    names: dict[str, str],
    added_by: str | None = None,
    new_departments: dict[str, str] | None = None,
    actor: audit.Actor | None = None,
) -> list[Alias]:
    """Learn several names of one unit at once (the upload page's answers to 'which department
    is this?'), first adding the departments the answers create (code -> name), so every later
    load reads them."""
    with db.writing(db.db_path(database)) as con:
        for code, name in (new_departments or {}).items():
            add_department(con, unit, code, name, added_by=added_by, actor=actor)
        return [add_alias(con, text, code, unit, added_by, actor) for text, code in names.items()]


def _actor(added_by: str | None) -> audit.Actor:
    """The audit's actor when the caller names none: the command line's user."""
    return audit.Actor(added_by or audit.os_user(), os_user=audit.os_user())
