"""Roles in the database and what each may write: a department editor loads only its own
department's reports of its own unit, a leader loads nothing, undo stays inside the unit, and a
refused write changes nothing."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from cchc import db
from etl import audit, roles
from etl.errors import Rejected
from etl.history import undo
from etl.load import Options, load_bytes
from etl.roles import Grant
from etl.schema import migrate
from tests.etl.loading import snapshot
from tests.workbooks import PLAN_BODY, plan_xlsx, report_xlsx

UNIT = "Phường Võ Cường"
ROW_I1 = ["1", "Ban hành Kế hoạch CCHC năm 2026", "VHXH", "31/01/2026"]
VHXH = "Phòng Văn hóa – Xã hội"
EDITOR = Grant("vhxh@vocuong.gov.vn", "department_editor", UNIT, department="VHXH")
LEADER = Grant("ct@vocuong.gov.vn", "viewer", UNIT)
ADMIN = Grant("qt@vocuong.gov.vn", "unit_admin", UNIT)
OTHER_ADMIN = Grant("qt@tanchi.gov.vn", "unit_admin", "Xã Tân Chi")
WEB = audit.Actor("Người thử", via="web")


@pytest.fixture
def path(tmp_path: Path) -> Path:
    p = tmp_path / "db.duckdb"
    assert load_bytes(plan_xlsx(), "plan.xlsx", Options(), p).status == "loaded"
    return p


def _audit_rows(path: Path) -> list[tuple]:
    with db.reading(path) as con:
        return con.execute("SELECT action, actor, unit FROM audit_log ORDER BY audit_id").fetchall()


def test_department_editor_loads_its_own_department_report(path: Path) -> None:
    result = load_bytes(
        report_xlsx([[*ROW_I1, "Đang thực hiện", 40]], department=VHXH),
        "q1.xlsx",
        Options(grant=EDITOR, actor=WEB, uploaded_by="Người thử"),
        path,
    )
    assert result.status == "loaded", result.problems
    assert _audit_rows(path)[-1] == ("load", "Người thử", UNIT)


@pytest.mark.parametrize(
    ("grant", "department", "why"),
    [
        (EDITOR, "Văn phòng HĐND và UBND", "chỉ được nạp báo cáo của Phòng Văn hóa – Xã hội"),
        (LEADER, VHXH, "chỉ được xem"),
        (OTHER_ADMIN, VHXH, "không có quyền với đơn vị Phường Võ Cường"),
        (Grant("x@tanchi.gov.vn", "department_editor", "Xã Tân Chi", department="VHXH"), VHXH,
         "không có quyền với đơn vị Phường Võ Cường"),
    ],
)  # fmt: skip
def test_a_load_outside_the_role_is_refused_and_writes_nothing(
    path: Path, grant: Grant, department: str, why: str
) -> None:
    before, trail = snapshot(path), _audit_rows(path)
    result = load_bytes(
        report_xlsx([[*ROW_I1, "Đang thực hiện", 40]], department=department),
        "q1.xlsx",
        Options(grant=grant, actor=WEB),
        path,
    )
    assert result.status == "rejected"
    assert [p.code for p in result.problems] == ["not_allowed"]
    assert why in result.problems[0].message
    assert snapshot(path) == before and _audit_rows(path) == trail
    assert not list((path.parent / "archive").glob("*/*.xlsx"))[1:]  # only the plan's original


def test_department_editor_may_not_load_a_plan(path: Path) -> None:
    changed = plan_xlsx([*PLAN_BODY[:2], ["2", "Một nhiệm vụ khác", "VHXH", None]])
    before = snapshot(path)
    refused = load_bytes(changed, "plan2.xlsx", Options(grant=EDITOR, actor=WEB), path)
    assert refused.status == "rejected"
    assert "chỉ được nạp báo cáo tiến độ" in refused.problems[0].message
    assert snapshot(path) == before
    admin = load_bytes(changed, "plan2.xlsx", Options(grant=ADMIN, actor=WEB), path)
    assert admin.status == "loaded", admin.problems


def test_undo_is_refused_outside_the_unit_and_for_an_editor(path: Path) -> None:
    loaded = load_bytes(report_xlsx([[*ROW_I1, "Đang thực hiện", 40]]), "q1.xlsx", Options(), path)
    before = snapshot(path)
    for grant in (OTHER_ADMIN, EDITOR, LEADER):
        result = undo(loaded.upload_id, path, grant=grant, actor=WEB)
        assert not result.ok and "Không hoàn tác" in result.message
    assert snapshot(path) == before
    done = undo(loaded.upload_id, path, grant=ADMIN, actor=WEB)
    assert done.ok
    assert _audit_rows(path)[-1] == ("undo", "Người thử", UNIT)


def test_province_admin_covers_the_units_of_its_province(path: Path) -> None:
    with db.writing(path) as con:
        con.execute("UPDATE units SET province = 'Tỉnh Thử' WHERE name = ?", [UNIT])
        province = roles.unit_province(con, UNIT)
    assert province == "Tỉnh Thử"
    mine = Grant("tinh@x.vn", "province_admin", province="Tỉnh Thử")
    other = Grant("tinh@y.vn", "province_admin", province="Tỉnh Khác")
    assert roles.refusal(mine, roles.UNDO, UNIT, province) is None
    assert "không có quyền" in (roles.refusal(other, roles.UNDO, UNIT, province) or "")
    assert roles.refusal(roles.LOCAL_ADMIN, roles.UNDO, UNIT, None) is None


def test_roles_are_stored_replaced_and_removed_with_an_audit_row(tmp_path: Path) -> None:
    con = duckdb.connect(str(tmp_path / "r.duckdb"))
    migrate(con)
    saved = roles.set_role(con, Grant("An.NV@VoCuong.gov.vn", "viewer", UNIT, name="An"), WEB)
    assert saved.login == "an.nv@vocuong.gov.vn" and saved.added_by == "Người thử"
    assert roles.get(con, "AN.nv@vocuong.gov.vn") == saved
    again = roles.set_role(con, Grant("an.nv@vocuong.gov.vn", "unit_admin", UNIT), WEB)
    assert again.role == "unit_admin" and len(roles.list_roles(con)) == 1
    assert roles.remove_role(con, "an.nv@vocuong.gov.vn", WEB)
    assert not roles.remove_role(con, "an.nv@vocuong.gov.vn", WEB)
    trail = con.execute("SELECT action, detail FROM audit_log ORDER BY audit_id").fetchall()
    assert [a for a, _ in trail] == ["role_set", "role_set", "role_remove"]
    assert "trước: Lãnh đạo" in trail[1][1]


def test_a_role_needs_its_scope_and_a_unit_admin_cannot_grant_above_itself(tmp_path) -> None:
    con = duckdb.connect(str(tmp_path / "r.duckdb"))
    migrate(con)
    with pytest.raises(Rejected) as missing:
        roles.set_role(con, Grant("a@x.vn", "department_editor", UNIT), WEB)
    assert "Thiếu phòng" in str(missing.value.problems[0])
    with pytest.raises(Rejected):
        roles.set_role(con, Grant("b@x.vn", "province_admin", province="T"), WEB, granter=ADMIN)
    with pytest.raises(Rejected):  # another unit's users are not this admin's
        roles.set_role(con, Grant("c@x.vn", "viewer", "Xã Tân Chi"), WEB, granter=ADMIN)
    with pytest.raises(Rejected):  # a leader manages nobody
        roles.set_role(con, Grant("d@x.vn", "viewer", UNIT), WEB, granter=LEADER)
    ok = roles.set_role(
        con, Grant("e@x.vn", "department_editor", UNIT, department="vp"), WEB, ADMIN
    )
    assert ok.department == "VP"
    assert con.execute("SELECT count(*) FROM audit_log").fetchone() == (1,)


def test_users_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from etl.cli import main

    path = str(tmp_path / "c.duckdb")
    add = ["--as", "Lê Văn C", "users", "add", "QT@X.vn", "--role", "unit_admin"]
    assert main([*add, "--unit", UNIT, "--db", path]) == 0
    assert main(["users", "add", "y@x.vn", "--role", "department_editor", "--db", path]) == 1
    assert "Thiếu đơn vị" in capsys.readouterr().err
    assert main(["users", "list", "--db", path]) == 0
    assert "qt@x.vn\tQuản trị đơn vị — Phường Võ Cường" in capsys.readouterr().out
    assert main(["users", "remove", "qt@x.vn", "--db", path]) == 0
    assert main(["users", "remove", "qt@x.vn", "--db", path]) == 1
    with db.reading(Path(path)) as con:
        trail = con.execute("SELECT action, actor, via FROM audit_log ORDER BY audit_id").fetchall()
    assert trail == [("role_set", "Lê Văn C", "cli"), ("role_remove", audit.os_user(), "cli")]
