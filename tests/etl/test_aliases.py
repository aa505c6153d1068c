"""Learned department names: `python -m etl alias add|list|remove`, `etl.aliases`, and a load's
directory seeing what was learned."""

from __future__ import annotations

import functools
import getpass
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from cchc import db
from cchc.departments import directory
from etl import aliases, cli
from etl.errors import Rejected
from etl.schema import migrate
from tests.etl.loading import BUSY, HOLDER

ROOT = Path(__file__).resolve().parents[2]


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "etl", "alias", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )


def rows(path: str, sql: str) -> list[tuple]:
    con = duckdb.connect(path, read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


# --- The command line ---------------------------------------------------------------------------


def test_add_list_remove(env: dict[str, str]) -> None:
    added = run(env, "add", "Tổ một cửa", "TTPVHCC")
    assert (added.returncode, added.stderr) == (0, "")
    assert added.stdout.strip() == (
        "✓ Đã ghi nhớ: 'Tổ một cửa' là Trung tâm Phục vụ hành chính công (TTPVHCC), mọi đơn vị."
    )
    added = run(env, "add", "Tổ CNS", "kt", "--unit", "Xã Tân Chi")
    assert added.returncode == 0, added.stderr
    assert "'Tổ CNS' là Phòng Kinh tế (KT), Xã Tân Chi." in added.stdout

    listed = run(env, "list")
    assert (listed.returncode, listed.stderr) == (0, "")
    lines = listed.stdout.splitlines()
    assert lines[0].split() == (
        ["Tên", "gọi", "Mã", "Phòng,", "đơn", "vị", "Đơn", "vị", "Người", "thêm", "Thời", "điểm"]
    )
    assert set(lines[1]) <= {"-", " "}
    who = f"{getpass.getuser()} (dòng lệnh)"
    [global_row] = [line for line in lines if line.startswith("Tổ một cửa")]
    assert "TTPVHCC" in global_row and "Trung tâm Phục vụ hành chính công" in global_row
    assert "mọi đơn vị" in global_row and who in global_row
    assert re.search(r"\d\d/\d\d/\d{4} \d\d:\d\d$", global_row)
    [unit_row] = [line for line in lines if line.startswith("Tổ CNS")]
    assert "Phòng Kinh tế" in unit_row and "Xã Tân Chi" in unit_row

    # --unit lists the unit's own aliases and those for every unit, not another unit's.
    run(env, "add", "Tổ dân vận", "VHXH", "--unit", "Phường Võ Cường")
    listed = run(env, "list", "--unit", "xa tan chi").stdout
    assert "Tổ CNS" in listed and "Tổ một cửa" in listed and "Tổ dân vận" not in listed

    removed = run(env, "remove", "TO MOT CUA")
    assert (removed.returncode, removed.stderr) == (0, "")
    assert removed.stdout.strip() == "✓ Đã bỏ tên 'TO MOT CUA'."
    assert "Tổ một cửa" not in run(env, "list").stdout
    # An alias for one unit is removed with that unit, not without it.
    assert run(env, "remove", "Tổ CNS").returncode == 1
    assert run(env, "remove", "Tổ CNS", "--unit", "XÃ TÂN CHI").returncode == 0


def test_empty_list(env: dict[str, str]) -> None:
    listed = run(env, "list")
    assert (listed.returncode, listed.stdout.strip()) == (0, "Chưa ghi nhớ tên gọi nào.")


def test_adding_the_same_alias_twice_keeps_one(env: dict[str, str]) -> None:
    assert run(env, "add", "Tổ một cửa", "TTPVHCC").returncode == 0
    assert run(env, "add", "to mot cua", "TTPVHCC").returncode == 0
    assert rows(env["CCHC_DB"], "SELECT alias, alias_key FROM department_aliases") == [
        ("Tổ một cửa", "to mot cua")
    ]


def test_unknown_code_lists_the_units_codes(env: dict[str, str]) -> None:
    result = run(env, "add", "Tổ CNS", "KTHTDT", "--unit", "Xã Tân Chi")
    assert result.returncode == 1
    assert result.stdout == "" and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == "✗ Không thực hiện được; cơ sở dữ liệu không thay đổi."
    assert lines[1].startswith("  - Không có phòng, đơn vị mã 'KTHTDT' ở đơn vị Xã Tân Chi.")
    assert (
        "Cách sửa: dùng một trong các mã: VP (Văn phòng HĐND và UBND); KT (Phòng Kinh tế);"
        in (lines[1])
    )
    assert "CAX (Công an xã)" in lines[1]
    assert rows(env["CCHC_DB"], "SELECT count(*) FROM department_aliases") == [(0,)]


def test_empty_alias(env: dict[str, str]) -> None:
    result = run(env, "add", "  -  ", "VHXH")
    assert result.returncode == 1
    assert "Tên cần ghi nhớ đang trống" in result.stderr


def test_alias_that_maps_to_another_code_says_which(env: dict[str, str]) -> None:
    assert run(env, "add", "Tổ một cửa", "TTPVHCC").returncode == 0
    result = run(env, "add", "TỔ MỘT CỬA", "VHXH")
    assert result.returncode == 1
    assert (
        "'TỔ MỘT CỬA' đã được ghi nhớ là Trung tâm Phục vụ hành chính công (TTPVHCC) ở mọi đơn vị"
        in result.stderr
    )
    assert 'python -m etl alias remove "Tổ một cửa"' in result.stderr
    # A name the rules already read as another department is not taught over.
    result = run(env, "add", "Phòng VH-XH", "VP", "--unit", "Phường Võ Cường")
    assert result.returncode == 1
    assert "'Phòng VH-XH' đã được hiểu là Phòng Văn hóa – Xã hội (VHXH)" in result.stderr
    # ... but a unit may give its own meaning to a name learned for every unit.
    assert run(env, "add", "Tổ một cửa", "VHXH", "--unit", "Xã Tân Chi").returncode == 0


def test_usage_errors_exit_2(env: dict[str, str]) -> None:
    for args in (["add", "Tổ một cửa"], ["frob"], [], ["remove"]):
        result = run(env, *args)
        assert result.returncode == 2, args
        assert "Lỗi cú pháp lệnh" in result.stderr and "Traceback" not in result.stderr


def test_busy_database(env: dict[str, str], monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    path = Path(env["CCHC_DB"])
    with db.writing(path):
        pass
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path), "20"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        monkeypatch.setattr(db, "writing", functools.partial(db.writing, wait=0.3))
        assert cli.main(["alias", "add", "Tổ một cửa", "TTPVHCC", "--db", str(path)]) == 1
        err = capsys.readouterr().err
        assert BUSY in err and "Traceback" not in err
    finally:
        holder.terminate()
        holder.wait(timeout=30)
        if holder.stdout is not None:
            holder.stdout.close()


# --- What was learned is used -------------------------------------------------------------------


def test_a_learned_alias_persists_and_the_directory_uses_it(env: dict[str, str]) -> None:
    assert run(env, "add", "Tổ CNS cộng đồng", "VHXH", "--unit", "Xã Tân Chi").returncode == 0
    assert run(env, "add", "Tổ một cửa", "TTPVHCC").returncode == 0
    con = duckdb.connect(env["CCHC_DB"], read_only=True)  # a new connection, a new process
    try:
        d = directory(con, "Xã Tân Chi")
        assert d.match("Tổ CNS cộng đồng") == "VHXH"
        assert d.match("to cns cong dong xa Tan Chi") == "VHXH"
        assert d.split("Tổ một cửa; Tổ CNS cộng đồng, Công an xã").codes == (
            "TTPVHCC",
            "VHXH",
            "CAX",
        )
        ward = directory(con, "Phường Võ Cường")
        assert ward.match("Tổ CNS cộng đồng") is None  # another unit's alias
        assert ward.match("Tổ một cửa") == "TTPVHCC"  # learned for every unit
    finally:
        con.close()
    assert run(env, "remove", "Tổ CNS cộng đồng", "--unit", "Xã Tân Chi").returncode == 0
    con = duckdb.connect(env["CCHC_DB"], read_only=True)
    try:
        assert directory(con, "Xã Tân Chi").match("Tổ CNS cộng đồng") is None
    finally:
        con.close()


# --- The module -----------------------------------------------------------------------------


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    c = duckdb.connect(":memory:")
    migrate(c)
    return c


def test_module_api(con: duckdb.DuckDBPyConnection) -> None:
    row = aliases.add_alias(con, " Tổ  một cửa ", "ttpvhcc", added_by="Lan")
    assert (row.unit, row.alias, row.alias_key, row.code, row.added_by) == (
        "",
        "Tổ một cửa",
        "to mot cua",
        "TTPVHCC",
        "Lan",
    )
    assert [a.alias for a in aliases.list_aliases(con)] == ["Tổ một cửa"]
    assert aliases.remove_alias(con, "tổ một cửa") is True
    assert aliases.remove_alias(con, "tổ một cửa") is False
    assert aliases.list_aliases(con) == []


def test_units_compare_folded(con: duckdb.DuckDBPyConnection) -> None:
    aliases.add_alias(con, "Tổ A", "VP", unit="Xã Tân Chi")
    aliases.add_alias(con, "Tổ B", "KT", unit="xa tan chi")
    assert {r[0] for r in con.execute("SELECT unit FROM department_aliases").fetchall()} == {
        "Xã Tân Chi"
    }
    d = directory(con, "XÃ TÂN CHI")
    assert (d.match("Tổ A"), d.match("Tổ B")) == ("VP", "KT")


def test_add_department(con: duckdb.DuckDBPyConnection) -> None:
    aliases.add_department(con, "Xã Tân Chi", "bchqs", "Ban Chỉ huy Quân sự xã", added_by="Lan")
    aliases.add_department(con, "Xã Tân Chi", "KT", "Phòng Kinh tế - Nông nghiệp")
    d = directory(con, "Xã Tân Chi")
    assert d.codes()[-1] == "BCHQS" and d.name("KT") == "Phòng Kinh tế - Nông nghiệp"
    assert d.match("Ban CHQS xã Tân Chi") == "BCHQS"
    # The new code can carry aliases now.
    assert aliases.add_alias(con, "Quân sự", "BCHQS", unit="Xã Tân Chi").code == "BCHQS"
    assert directory(con, "Xã Tân Chi").match("Quân sự") == "BCHQS"
    # Renaming again replaces, not duplicates.
    aliases.add_department(con, "Xã Tân Chi", "BCHQS", "Ban Chỉ huy Quân sự")
    assert con.execute("SELECT count(*) FROM departments").fetchone() == (2,)


@pytest.mark.parametrize(
    ("unit", "code", "name", "message"),
    [
        ("", "BCHQS", "Ban Chỉ huy Quân sự", "Thiếu tên đơn vị"),
        ("Xã Tân Chi", "Ban 1", "Ban Chỉ huy Quân sự", "không hợp lệ"),
        ("Xã Tân Chi", "ALL", "Mọi phòng", "không hợp lệ"),
        ("Xã Tân Chi", "BCHQS", " ", "Thiếu tên phòng, đơn vị"),
    ],
)
def test_add_department_rejects(
    con: duckdb.DuckDBPyConnection, unit: str, code: str, name: str, message: str
) -> None:
    with pytest.raises(Rejected) as caught:
        aliases.add_department(con, unit, code, name)
    assert any(message in p.message for p in caught.value.problems)
    assert all(p.hint for p in caught.value.problems)
    assert con.execute("SELECT count(*) FROM departments").fetchone() == (0,)


def test_a_rejected_write_leaves_no_transaction_open(con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(Rejected):
        aliases.add_alias(con, "Tổ A", "NOPE")
    aliases.add_alias(con, "Tổ A", "VP")  # a new transaction starts fine
    assert len(aliases.list_aliases(con)) == 1


def test_an_old_database_is_told_to_upgrade() -> None:
    c = duckdb.connect(":memory:")
    with pytest.raises(Rejected) as caught:
        aliases.add_alias(c, "Tổ A", "VP")
    assert "python -m etl init" in caught.value.problems[0].hint
