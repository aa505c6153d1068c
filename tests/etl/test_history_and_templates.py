"""Undo, dry runs and the blank templates."""

import io
from pathlib import Path

import duckdb
import openpyxl

from etl.history import undo
from etl.load import Options, load_bytes
from etl.templates import plan_template, report_template
from tests.workbooks import plan_xlsx, report_xlsx

ROW_I1 = ["1", "Ban hành Kế hoạch CCHC năm 2026", "VHXH", "31/01/2026"]


def state(path: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {
            v: con.execute(f"SELECT * FROM {v} ORDER BY ALL").fetchall()
            for v in ("v_uploads", "v_tasks", "v_task_reports")
        }
    finally:
        con.close()


def test_undo_restores_exactly_the_state_before_including_the_superseded_report(tmp_path):
    path = tmp_path / "db.duckdb"
    assert load_bytes(plan_xlsx(), "plan.xlsx", Options(), path).status == "loaded"
    first = load_bytes(report_xlsx([[*ROW_I1, "Đang thực hiện", 40]]), "q1.xlsx", Options(), path)
    before = state(path)
    second = load_bytes(
        report_xlsx([[*ROW_I1, "Đã hoàn thành", 100]]), "q1-bis.xlsx", Options(), path
    )
    assert second.replaced_upload_ids == [first.upload_id]
    result = undo(second.upload_id, path)
    assert result.ok and result.restored == [first.upload_id]
    after = state(path)
    assert after["v_task_reports"] == before["v_task_reports"]
    assert after["v_tasks"] == before["v_tasks"]
    statuses = {r[0]: r[-1] for r in after["v_uploads"]}
    assert statuses[first.upload_id] == "loaded"
    assert statuses[second.upload_id] == "rolled_back"
    assert not undo(second.upload_id, path).ok  # only a loaded upload can be undone
    # the undone content can be uploaded again: it is not a duplicate any more
    again = load_bytes(
        report_xlsx([[*ROW_I1, "Đã hoàn thành", 100]]), "q1-bis.xlsx", Options(), path
    )
    assert again.status == "loaded"


def test_dry_run_says_what_would_change_and_writes_nothing(tmp_path):
    path = tmp_path / "db.duckdb"
    load_bytes(plan_xlsx(), "plan.xlsx", Options(), path)
    first = load_bytes(report_xlsx([[*ROW_I1, "Đang thực hiện", 40]]), "q1.xlsx", Options(), path)
    before = state(path)
    check = load_bytes(
        report_xlsx([[*ROW_I1, "Đã hoàn thành", 100]]), "q1-bis.xlsx", Options(dry_run=True), path
    )
    assert (check.status, check.rows, check.replaced_upload_ids) == ("valid", 1, [first.upload_id])
    assert "hợp lệ, sẽ nạp" in check.summary() and "sẽ thay bản đang dùng" in check.summary()
    assert check.changes.table == [("I.1", "Đang thực hiện (40%)", "Đã hoàn thành (100%)")]
    assert state(path) == before
    assert not list((tmp_path / "archive").glob("*/*-bis*"))
    # a dry run takes no upload number: the next load is numbered right after the first
    nxt = load_bytes(report_xlsx([[*ROW_I1, "Đã hoàn thành", 100]]), "q1-bis.xlsx", Options(), path)
    assert nxt.upload_id == first.upload_id + 1


def _fill(template: bytes, sheet: str, rows: dict[str, list]) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(template))
    ws = wb[sheet]
    for ref, values in rows.items():
        col, row = ref[0], int(ref[1:])
        for i, v in enumerate(values):
            ws[f"{chr(ord(col) + i)}{row}"] = v
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_templates_filled_in_by_hand_load_without_errors(tmp_path):
    path = tmp_path / "db.duckdb"
    plan = plan_template(2026)
    ws = openpyxl.load_workbook(io.BytesIO(plan))["Phụ lục"]
    header = next(r for r in range(1, 15) if ws.cell(r, 1).value == "STT")
    first_section = header + 1
    assert ws.cell(first_section, 1).value == "I"
    filled = _fill(
        plan,
        "Phụ lục",
        {
            f"A{first_section + 1}": [
                "1",
                "Ban hành Kế hoạch CCHC năm 2026",
                "Phòng Văn hóa – Xã hội",
                "Các phòng, đơn vị",
                "Quý I/2026",
                "Kế hoạch",
            ],
            f"A{first_section + 2}": [
                "2",
                "Kiểm tra công tác CCHC",
                "Văn phòng HĐND và UBND",
                "",
                "Thường xuyên",
            ],
        },
    )
    result = load_bytes(filled, "ke-hoach.xlsx", Options(), path)
    assert result.status == "loaded", [str(p) for p in result.problems]
    assert result.rows == 2 and result.plan_year == 2026

    report = report_template(2026)
    ws = openpyxl.load_workbook(io.BytesIO(report))["Báo cáo"]
    header = next(r for r in range(1, 15) if ws.cell(r, 1).value == "STT")
    filled = _fill(
        report,
        "Báo cáo",
        {
            "A3": ["Tiến độ thực hiện nhiệm vụ cải cách hành chính Quý I năm 2026"],
            "A4": ["Đơn vị báo cáo: Phòng Văn hóa – Xã hội"],
            "A5": ["Võ Cường, ngày 31 tháng 3 năm 2026"],
            f"A{header + 1}": [
                "1",
                "Ban hành Kế hoạch CCHC năm 2026",
                "Phòng Văn hóa – Xã hội",
                "Quý I/2026",
                "Đã hoàn thành",
                100,
            ],
        },
    )
    result = load_bytes(filled, "bao-cao.xlsx", Options(), path)
    assert result.status == "loaded", [str(p) for p in result.problems]
    assert (result.period, result.department, result.rows) == ("2026-Q1", "VHXH", 1)


def test_templates_have_instructions_and_drop_down_lists():
    wb = openpyxl.load_workbook(io.BytesIO(report_template(2026)))
    assert wb.sheetnames[0] == "Hướng dẫn"
    ws = wb["Báo cáo"]
    kinds = sorted(dv.type for dv in ws.data_validations.dataValidation)
    assert kinds == ["decimal", "list", "list"]
