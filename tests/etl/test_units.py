"""The units registry: a registry file loaded all-or-nothing, every problem at its row in
Vietnamese; units seen in loads join it; the demo province derived from the demo ward."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from etl import units
from etl.cli import main
from etl.load import Options, load_bytes
from tests.workbooks import PLAN_MERGES, plan_rows, plan_xlsx, xlsx_bytes

HEADER = ["STT", "Tên đơn vị", "Cấp", "Tỉnh", "Mã", "Tên gọi khác"]


def registry(tmp_path: Path, rows: list[list[object]], name: str = "dm.xlsx") -> Path:
    path = tmp_path / name
    path.write_bytes(xlsx_bytes({"Danh mục": [["DANH MỤC ĐƠN VỊ HÀNH CHÍNH"], [], HEADER, *rows]}))
    return path


def table(path: Path) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(
            "SELECT name, level, province, code, aliases, source FROM units ORDER BY name"
        ).fetchall()
    finally:
        con.close()


def test_a_registry_loads_with_levels_codes_and_aliases(empty_db, tmp_path, capsys):
    path = registry(
        tmp_path,
        [
            [1, "Phường Võ Cường", "Phường", "Bắc Ninh", "09187", "P. Võ Cường; Vo Cuong"],
            [2, "Tân Chi", "xa", "Bắc Ninh", 9190, None],  # the level word is added
            [3, "Đặc khu Vân Đồn", "Đặc khu", "Quảng Ninh", None, None],
        ],
    )
    assert main(["units", "load", str(path)]) == 0
    assert "đã nạp danh mục 3 đơn vị (3 mới, 0 cập nhật)" in capsys.readouterr().out
    assert table(empty_db) == [
        ("Phường Võ Cường", "phuong", "Bắc Ninh", "09187", ["P. Võ Cường", "Vo Cuong"], "registry"),
        ("Xã Tân Chi", "xa", "Bắc Ninh", "09190", [], "registry"),
        ("Đặc khu Vân Đồn", "dac_khu", "Quảng Ninh", None, [], "registry"),
    ]
    assert main(["units", "list", "--province", "Quảng Ninh"]) == 0
    listed = capsys.readouterr().out
    assert "Đặc khu Vân Đồn" in listed and "Võ Cường" not in listed and "1 đơn vị." in listed


def test_every_problem_is_reported_at_its_row_and_nothing_is_written(empty_db, tmp_path, capsys):
    path = registry(
        tmp_path,
        [
            [1, "Phường Võ Cường", "Phường", "Bắc Ninh", "09187", None],
            [2, None, "Xã", "Bắc Ninh", None, None],
            [3, "Xã Tân Chi", "Huyện", "Bắc Ninh", None, None],
            [4, "Xã Đông Tiến", "Phường", "Bắc Ninh", None, None],
            [5, "Phuong Vo Cuong", "Phường", "Bắc Ninh", None, None],
            [6, "Xã Hòa An", "Xã", None, "9187A", None],
            [7, "Xã Lạc Sơn", "Xã", "Bắc Ninh", "09187", None],
        ],
    )
    assert main(["units", "load", str(path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "✗ dm.xlsx: KHÔNG nạp — 7 lỗi cần sửa; cơ sở dữ liệu không thay đổi."
    assert err[1:] == [
        "  - sheet 'Danh mục', dòng 5, cột B (Tên đơn vị): Thiếu tên đơn vị. Cách sửa: ghi tên "
        "đơn vị, ví dụ Phường Võ Cường",
        "  - sheet 'Danh mục', dòng 6, cột C (Cấp): Không nhận ra cấp đơn vị (giá trị: 'Huyện'). "
        "Cách sửa: ghi một trong: Phường, Xã, Đặc khu",
        "  - sheet 'Danh mục', dòng 7, cột C (Cấp): Cấp «Phường» khác cấp trong tên «Xã Đông "
        "Tiến» (giá trị: 'Phường'). Cách sửa: sửa cột Cấp thành Xã hoặc sửa tên đơn vị",
        "  - sheet 'Danh mục', dòng 8, cột B (Tên đơn vị): Đơn vị này đã có ở dòng 4 (giá trị: "
        "'Phuong Vo Cuong'). Cách sửa: mỗi đơn vị chỉ ghi một dòng; xóa dòng trùng",
        "  - sheet 'Danh mục', dòng 9, cột D (Tỉnh): Thiếu tên tỉnh. Cách sửa: ghi tỉnh của đơn "
        "vị, ví dụ Bắc Ninh",
        "  - sheet 'Danh mục', dòng 9, cột E (Mã): Mã đơn vị hành chính phải gồm đúng 5 chữ số "
        "(giá trị: '9187A'). Cách sửa: ghi mã theo danh mục đơn vị hành chính (ví dụ 09187), "
        "hoặc để trống nếu chưa biết",
        "  - sheet 'Danh mục', dòng 10, cột E (Mã): Mã này đã dùng cho đơn vị ở dòng 4 (giá trị: "
        "'09187'). Cách sửa: kiểm tra lại mã; mỗi đơn vị có một mã riêng",
    ]
    assert table(empty_db) == []


def test_a_file_without_the_header_says_which_columns(empty_db, tmp_path, capsys):
    path = tmp_path / "dm.csv"
    path.write_text("Đơn vị;Ghi chú\nPhường Võ Cường;x\n", encoding="utf-8")
    assert main(["units", "load", str(path)]) == 1
    err = capsys.readouterr().err
    assert "Không tìm thấy dòng tiêu đề của danh mục đơn vị" in err
    assert "Tên đơn vị, Cấp, Tỉnh" in err


def test_a_csv_registry_and_a_code_another_unit_holds(empty_db, tmp_path, capsys):
    first = tmp_path / "a.csv"
    first.write_text("Tên đơn vị,Cấp,Tỉnh,Mã\nXã Tân Chi,Xã,Bắc Ninh,09190\n", encoding="utf-8")
    assert main(["units", "load", str(first)]) == 0
    second = tmp_path / "b.csv"
    second.write_text("Tên đơn vị,Cấp,Tỉnh,Mã\nXã Lạc Vệ,Xã,Bắc Ninh,09190\n", encoding="utf-8")
    assert main(["units", "load", str(second)]) == 1
    assert "Mã 09190 của «Xã Lạc Vệ» đã là mã của đơn vị «Xã Tân Chi»" in capsys.readouterr().err
    assert [r[0] for r in table(empty_db)] == ["Xã Tân Chi"]


def test_units_seen_in_loads_join_the_registry_and_aliases_name_them(empty_db, tmp_path):
    result = load_bytes(plan_xlsx(), "kh.xlsx", Options(), empty_db)
    assert result.status == "loaded"
    assert table(empty_db) == [("Phường Võ Cường", "phuong", None, None, [], "load")]
    # a registry names its province and another name; a file using that name is the same unit
    path = registry(tmp_path, [[1, "Phuong Vo Cuong", "Phường", "Bắc Ninh", None, "P.VC"]])
    assert main(["units", "load", str(path)]) == 0
    assert table(empty_db) == [
        ("Phường Võ Cường", "phuong", "Bắc Ninh", None, ["P.VC"], "registry")
    ]
    # another file (not the same bytes: that would be a duplicate, whatever its unit)
    other = xlsx_bytes(
        {"Ghi chú": [["Bản chính thức"]], "Phụ lục": plan_rows()}, merges={"Phụ lục": PLAN_MERGES}
    )
    again = load_bytes(other, "kh2.xlsx", Options(unit="P.VC"), empty_db)
    assert again.status == "loaded" and again.unit == "Phường Võ Cường"


def test_the_demo_province_is_the_demo_ward_varied_and_marked_demo(demo_db_master, tmp_path):
    path = tmp_path / "cchc.duckdb"
    shutil.copy(demo_db_master, path)
    message = units.load_demo_province(path)
    assert "dữ liệu mẫu cho 29 đơn vị" in message
    con = duckdb.connect(str(path), read_only=True)
    try:
        n, demo = con.execute(
            "SELECT count(*), bool_and(is_demo) FROM units WHERE province = 'Bắc Ninh'"
        ).fetchone()
        assert n >= 20 and demo
        # every unit has the ward's plan; communes name their own economic office and police
        plans = con.execute(
            "SELECT count(DISTINCT unit), count(*) FROM v_tasks GROUP BY plan_year"
        ).fetchone()
        assert plans == (n, 81 * n)
        commune = con.execute(
            "SELECT list_sort(list(DISTINCT lead_department)) FROM v_tasks t JOIN units u "
            "ON u.name = t.unit WHERE u.level = 'xa'"
        ).fetchone()[0]
        assert "KT" in commune and "CAX" in commune and "KTHTDT" not in commune
        assert con.execute("SELECT bool_and(is_demo) FROM uploads").fetchone()[0]
        done = con.execute(
            "SELECT count(DISTINCT n) FROM (SELECT unit, count(*) FILTER "
            "(WHERE reported_status = 'done') AS n FROM v_task_reports GROUP BY unit)"
        ).fetchone()[0]
        assert done > 5  # completion varies from unit to unit
    finally:
        con.close()
    assert "dữ liệu mẫu cho 0 đơn vị" in units.load_demo_province(path)  # twice changes nothing


@pytest.mark.parametrize("value,code", [(9187, "09187"), ("26881", "26881"), (None, None)])
def test_codes_keep_their_five_digits(value, code):
    assert units._code(value) == code
