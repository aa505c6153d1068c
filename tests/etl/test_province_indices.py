"""Province-wide index tables: one row per unit (areas with their maxima, total, index %, rank)
load into each unit of the registry, checked as Problems at their cells; the average row is
skipped; undo and re-loads act on every unit's rows; a date in a score cell is a Problem."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb
import pytest

from cchc import db
from etl import demo_indices, history, units
from etl.load import Options, load_bytes
from etl.workbook import read_workbook
from tests.etl.loading import triples
from tests.workbooks import xlsx_bytes

PROVINCE = "Tỉnh Thử"
REGISTRY = [
    units.Unit("Phường Võ Cường", "phuong", PROVINCE),
    units.Unit("Xã Tân Chi", "xa", PROVINCE),
    units.Unit("Phường Kinh Bắc", "phuong", PROVINCE, aliases=("P. Kinh Bắc",)),
    units.Unit("Xã Đông Cứu", "xa", PROVINCE),
]
TITLE = [
    ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
    ["KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2025 CỦA UBND CÁC XÃ, PHƯỜNG"],
    [],
]
HEADER = [
    "STT",
    "Đơn vị",
    "Công tác chỉ đạo, điều hành (max 10)",
    "Cải cách thể chế (max 20)",
    "Cải cách TTHC (max 70)",
    "Tổng điểm",
    "Chỉ số (%)",
    "Xếp hạng",
]
BODY = [
    [1, "UBND phường Võ Cường", 9, 18, 61.7, 88.7, 88.7, 1],
    [2, "UBND xã Tân Chi", 8, 17, 60, 85, 85, 2],
    [3, "UBND phường Kinh Bắc", 7.5, 16, 55, 78.5, 78.5, 3],
    [4, "UBND xã Đông Cứu", 7, 15, 50.25, 72.25, 72.25, 4],
]
AVERAGE = [None, "Trung bình", 7.88, 16.5, 56.74, 81.11, 81.11, None]


@pytest.fixture
def registered(empty_db: Path) -> Path:
    with db.writing(empty_db) as con:
        units.save(con, REGISTRY)
    return empty_db


def par_xlsx(body=BODY, header=HEADER, extra=(AVERAGE,), title=TITLE, merges=None) -> bytes:
    return xlsx_bytes({"Tổng hợp": [*title, header, *body, [], *extra]}, merges=merges)


def load(path: Path, data: bytes, name: str = "chi-so-toan-tinh.xlsx", **options):
    return load_bytes(data, name, Options(**options), path)


def scores(path: Path, index: str = "PAR") -> dict[tuple[str, str], tuple]:
    """(unit, criterion) -> (name, max, score, rank) of the index's 2025 rows."""
    with duckdb.connect(str(path), read_only=True) as con:
        rows = con.execute(
            "SELECT unit, criterion, name, max_score, score, rank FROM v_index_scores "
            "WHERE \"index\" = ? AND period = '2025' ORDER BY ALL",
            [index],
        ).fetchall()
    return {(u, c): (n, m, s, r) for u, c, n, m, s, r in rows}


def test_a_par_table_loads_each_row_into_its_unit(registered):
    result = load(registered, par_xlsx(), kind="par")
    assert result.status == "loaded", triples(result)
    assert result.province_units == 4 and result.rows == 16
    got = scores(registered)
    assert got[("Phường Võ Cường", "")] == ("Tổng điểm", 100.0, 88.7, 1)
    assert got[("Xã Đông Cứu", "")][2:] == (72.25, 4)
    assert got[("Phường Kinh Bắc", "1")] == ("Công tác chỉ đạo, điều hành", 10.0, 7.5, None)
    assert got[("Xã Tân Chi", "3")] == ("Cải cách TTHC", 70.0, 60.0, None)
    assert {u for u, _ in got} == {u.name for u in REGISTRY}
    # the average row is no unit: skipped, and said so
    assert any("Trung bình" in n and "dòng 10" in n for n in result.notes)
    with duckdb.connect(str(registered), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM uploads").fetchone()[0] == 1


def test_the_kind_is_read_from_the_title_and_the_file_holding_the_selected_unit_loads(registered):
    result = load(registered, par_xlsx(), expected_unit="Xã Tân Chi")
    assert result.status == "loaded", triples(result)
    assert result.kind == "par" and result.unit == "Xã Tân Chi"  # filed under the selected unit
    assert not any(p.code == "unit_mismatch" for p in result.problems)
    others = [[*r[:-1], r[-1] - 1] for r in BODY[1:]]  # a table without the selected unit
    other = load(registered, par_xlsx(body=others), expected_unit="Phường Võ Cường")
    assert [p.code for p in other.problems] == ["unit_not_in_table"]


def test_a_sipas_table_with_components_and_fractions(registered):
    header = ["TT", "Tên đơn vị", "Tiếp cận dịch vụ (%)", "Thủ tục hành chính (%)",
              "Chỉ số hài lòng (%)", "Xếp hạng"]  # fmt: skip
    body = [
        [1, "Phường Kinh Bắc", 0.912, 0.9, 0.9061, 1],
        [2, "Xã Tân Chi", 0.88, 0.87, 0.8752, 2],
        [3, "Phường Võ Cường", 0.86, 0.85, 0.8555, 3],
    ]
    title = [["CHỈ SỐ HÀI LÒNG (SIPAS) NĂM 2025 CỦA CÁC XÃ, PHƯỜNG"], []]
    data = xlsx_bytes({"SIPAS": [*title, header, *body, ["", "Bình quân", 0.88, 0.87, 0.88]]})
    result = load(registered, data, kind="sipas")
    assert result.status == "loaded", triples(result)
    got = scores(registered, "SIPAS")
    assert got[("Phường Kinh Bắc", "")] == ("Chỉ số SIPAS", None, 90.61, 1)
    assert got[("Xã Tân Chi", "1")] == ("Tiếp cận dịch vụ", None, 88.0, None)
    assert got[("Phường Võ Cường", "2")][2] == pytest.approx(85.0)
    assert len(got) == 9  # 3 units x (2 components + the index)


def test_two_header_rows_with_the_maxima_and_names_without_diacritics(registered):
    header = [
        ["STT", "Xã, phường", "Điểm các lĩnh vực", None, None, "Tổng điểm", "Xếp hạng"],
        [None, None, "Lĩnh vực 1 (tối đa 10)", "Lĩnh vực 2 (tối đa 20)", "Lĩnh vực 3 (tối đa 70)",
         None, None],
    ]  # fmt: skip
    body = [
        [1, "Phuong Vo Cuong", 9, 18, 61.7, 88.7, 1],
        [2, "Xa Tan Chi", 8, 17, 60, 85, 2],
        [3, "P. Kinh Bắc", 7.5, 16, 55, 78.5, 3],
    ]
    merges = ["A4:A5", "B4:B5", "C4:E4", "F4:F5", "G4:G5"]
    data = xlsx_bytes({"2025": [*TITLE, *header, *body]}, merges={"2025": merges})
    result = load(registered, data, kind="par")
    assert result.status == "loaded", triples(result)
    got = scores(registered)
    assert got[("Phường Võ Cường", "")] == ("Tổng điểm", 100.0, 88.7, 1)
    assert got[("Phường Kinh Bắc", "2")] == ("Lĩnh vực 2", 20.0, 16.0, None)  # by its alias
    assert got[("Xã Tân Chi", "3")][1:3] == (70.0, 60.0)


def test_an_unknown_unit_names_the_closest_registered_ones_and_nothing_is_written(registered):
    body = [*BODY[:3], [4, "UBND xã Đông Cừu Mới", 7, 15, 50.25, 72.25, 72.25, 4]]
    result = load(registered, par_xlsx(body=body), kind="par")
    assert result.status == "rejected"
    [problem] = result.problems
    assert (problem.code, problem.row, problem.column) == ("unknown_unit", 8, "B")
    assert "Xã Đông Cứu" in problem.hint and "Xã Đông Cứu" in problem.subject.split("\n")
    assert scores(registered) == {}
    with duckdb.connect(str(registered), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM uploads").fetchone()[0] == 0


def test_every_check_is_a_problem_at_its_cell(registered):
    body = [
        [1, "UBND phường Võ Cường", 9, 18, 61.7, 88.7, 88.7, 1],
        [2, "UBND xã Tân Chi", 8, 21, 60, 89, 89, 2],  # area 2 above its maximum of 20
        [3, "UBND phường Kinh Bắc", 7.5, 16, 55, 80, 80, 3],  # total is not the sum (78,5)
        [4, "Phường Võ Cường", 7, 15, 50.25, 72.25, 72.25, 5],  # twice; rank 5 of 4
    ]
    result = load(registered, par_xlsx(body=body, extra=()), kind="par")
    codes = {(p.code, p.row, p.column) for p in result.problems}
    assert ("score_above_max", 6, "D") in codes
    assert ("total_mismatch", 7, "F") in codes
    assert ("rank_out_of_range", 8, "H") in codes
    assert ("duplicate_unit", 8, "B") in codes
    assert ("rank_mismatch", 6, "H") in codes  # 89 points rank first, not second
    assert all(p.message and p.hint for p in result.problems)
    assert scores(registered) == {}


def test_a_dry_run_writes_nothing_and_says_what_changes(registered):
    result = load(registered, par_xlsx(), kind="par", dry_run=True)
    assert result.status == "valid"
    assert "4 đơn vị — 4 thêm mới" in result.changes.lines[0]
    assert scores(registered) == {}


def test_undo_removes_every_units_rows_and_a_corrected_table_replaces(registered):
    first = load(registered, par_xlsx(), kind="par")
    assert first.status == "loaded"
    corrected = [list(r) for r in BODY]
    corrected[3][4:7] = [52.25, 74.25, 74.25]
    second = load(registered, par_xlsx(body=corrected), "chi-so-sua.xlsx", kind="par")
    assert second.status == "loaded", triples(second)
    assert second.replaced_upload_ids == [first.upload_id]
    assert scores(registered)[("Xã Đông Cứu", "")][2] == 74.25
    assert scores(registered)[("Xã Đông Cứu", "3")][2] == 52.25
    history.undo(second.upload_id, registered)
    assert scores(registered)[("Xã Đông Cứu", "")][2] == 72.25  # the first is back
    history.undo(first.upload_id, registered)
    assert scores(registered) == {}


def test_a_date_in_a_score_cell_is_a_problem_at_its_cell(registered):
    body = [list(r) for r in BODY]
    body[1][6] = dt.datetime(2026, 11, 27, 21, 36)  # a cell formatted as a date
    body[2][3] = 46353.9  # what =NOW() leaves once its date format is lost
    result = load(registered, par_xlsx(body=body), kind="par")
    found = {(p.code, p.row, p.column) for p in result.problems}
    assert found == {("date_in_score", 6, "G"), ("date_in_score", 7, "D")}
    assert any("27/11/2026" in p.message for p in result.problems)


def test_a_date_in_a_one_unit_series_percent_is_a_problem_too(registered):
    rows = [
        ["CHỈ SỐ HÀI LÒNG (SIPAS) — PHƯỜNG VÕ CƯỜNG"],
        [],
        ["Năm", "Chỉ số", "Tỷ lệ hài lòng (%)"],
        [2024, "Chỉ số SIPAS", 86.1],
        [2025, "Chỉ số SIPAS", 46353.9],
    ]
    result = load(registered, xlsx_bytes({"SIPAS": rows}), kind="sipas")
    assert [(p.code, p.row, p.column) for p in result.problems] == [("date_in_score", 5, "C")]


def test_a_one_unit_file_of_another_unit_is_still_refused(registered):
    rows = [
        ["CHỈ SỐ HÀI LÒNG (SIPAS) — UBND XÃ TÂN CHI"],
        [],
        ["Năm", "Chỉ số", "Tỷ lệ hài lòng (%)"],
        [2025, "Chỉ số SIPAS", 86.1],
    ]
    result = load(registered, xlsx_bytes({"SIPAS": rows}), expected_unit="Phường Võ Cường")
    assert [p.code for p in result.problems] == ["unit_mismatch"]


def test_the_demo_province_indices_come_from_a_province_table(demo_db_master, tmp_path):
    path = tmp_path / "cchc.duckdb"
    shutil.copy(demo_db_master, path)
    message = units.load_demo_province(path)
    assert "bảng toàn tỉnh, 30 đơn vị" in message and "KHÔNG" not in message
    with duckdb.connect(str(path), read_only=True) as con:
        loads = con.execute(
            "SELECT kind, rows, is_demo FROM uploads WHERE file_name LIKE '%toan-tinh-mau%' "
            "ORDER BY kind"
        ).fetchall()
        assert loads == [("par", 270, True), ("sipas", 180, True)]
        # every unit's 2025 PAR total comes from that upload, the ward's is its own 88,7
        totals = dict(
            con.execute(
                "SELECT s.unit, s.score FROM current_index_scores s JOIN uploads u "
                "USING (upload_id) WHERE s.\"index\" = 'PAR' AND s.period = '2025' "
                "AND s.criterion = '' AND u.file_name LIKE '%toan-tinh-mau%'"
            ).fetchall()
        )
    assert len(totals) == 30 and totals["Phường Võ Cường"] == 88.7


def test_the_committed_demo_tables_are_what_the_builder_writes(tmp_path):
    for made in demo_indices.write(tmp_path):
        committed = units.DEMO_DIR / made.name
        assert _cells(made) == _cells(committed), made.name


def _cells(path: Path) -> list[list[object]]:
    return [s.rows for s in read_workbook(path.read_bytes(), path.name)]


def test_a_year_column_and_a_percent_that_disagrees_with_the_total(registered):
    title = [["KẾT QUẢ THẨM ĐỊNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH CÁC XÃ, PHƯỜNG"], []]
    header = ["Năm", "Đơn vị", "Lĩnh vực 1 (10 điểm)", "Lĩnh vực 2 (90 điểm)", "Tổng điểm",
              "Chỉ số (%)", "Xếp hạng"]  # fmt: skip
    body = [
        [2024, "Phường Võ Cường", 8, 77.4, 85.4, 85.4, 1],
        [2024, "Xã Tân Chi", 7, 70, 77, 77, 2],
        [2025, "Phường Võ Cường", 9, 79.7, 88.7, 88.7, 2],
        [2025, "Xã Tân Chi", 9.5, 80, 89.5, 89.5, 1],
    ]
    data = xlsx_bytes({"KQ": [*title, header, *body]})
    result = load(registered, data, kind="par")
    assert result.status == "loaded", triples(result)
    with duckdb.connect(str(registered), read_only=True) as con:
        got = con.execute(
            "SELECT unit, period, score, rank FROM v_index_scores WHERE criterion = '' ORDER BY ALL"
        ).fetchall()
    assert got == [
        ("Phường Võ Cường", "2024", 85.4, 1),
        ("Phường Võ Cường", "2025", 88.7, 2),
        ("Xã Tân Chi", "2024", 77.0, 2),
        ("Xã Tân Chi", "2025", 89.5, 1),
    ]
    body[1][5] = 75  # 77 points of 100 are 77%
    result = load(registered, xlsx_bytes({"KQ": [*title, header, *body]}), kind="par")
    assert [(p.code, p.row, p.column) for p in result.problems] == [("percent_mismatch", 5, "F")]


@pytest.mark.parametrize("layout", ["maxima under the header", "a row of maxima"])
def test_the_maxima_in_a_row_of_their_own(registered, layout):
    top = ["STT", "Đơn vị", "LV1", "LV2", "LV3", "Tổng điểm", "Xếp hạng"]
    maxima = [None, None, 10, 20, 70, 100, None]
    if layout == "a row of maxima":
        maxima[1] = "Điểm tối đa"
    body = [
        [1, "Phường Võ Cường", 9, 18, 61.7, 88.7, 1],
        [2, "Xã Tân Chi", 8, 17, 60, 85, 2],
    ]
    data = xlsx_bytes({"KQ": [*TITLE, top, maxima, *body]})
    result = load(registered, data, kind="par")
    assert result.status == "loaded", triples(result)
    got = scores(registered)
    assert got[("Xã Tân Chi", "2")] == ("LV2", 20.0, 17.0, None)
    assert got[("Phường Võ Cường", "")] == ("Tổng điểm", 100.0, 88.7, 1)


def test_group_rows_and_a_blank_row_are_no_units(registered):
    body = [
        ["I. KHỐI PHƯỜNG"],  # in the STT column, the unit's cell blank
        *[r for r in BODY if "phường" in r[1]],
        [],
        ["", "KHỐI XÃ"],
        *[r for r in BODY if "xã" in r[1]],
    ]
    result = load(registered, par_xlsx(body=body), kind="par")
    assert result.status == "loaded", triples(result)
    assert result.province_units == 4
    assert scores(registered)[("Phường Kinh Bắc", "1")][0] == "Công tác chỉ đạo, điều hành"
    assert sum("KHỐI XÃ" in n for n in result.notes) == 1
    unnamed = [r if r[1] != "UBND phường Kinh Bắc" else [r[0], None, *r[2:]] for r in BODY]
    result = load(registered, par_xlsx(body=unnamed), kind="par")
    assert ("missing_unit", 7, "B") in {(p.code, p.row, p.column) for p in result.problems}


def test_a_unit_admin_may_not_write_the_other_units_of_a_province_table(registered):
    from etl.roles import Grant

    unit_admin = Grant("qt@vocuong.gov.vn", "unit_admin", "Phường Võ Cường")
    refused = load(registered, par_xlsx(), kind="par", grant=unit_admin)
    assert refused.status == "rejected"
    assert [p.code for p in refused.problems] == ["not_allowed"]
    assert "Xã Tân Chi" in refused.problems[0].message
    assert scores(registered) == {}
    province_admin = Grant("sonv@tinh.gov.vn", "province_admin", province=PROVINCE)
    assert load(registered, par_xlsx(), kind="par", grant=province_admin).status == "loaded"
    assert len({u for u, _ in scores(registered)}) == 4


def test_units_known_only_from_a_province_table_are_offered_in_the_picker(registered):
    from cchc import queries

    assert load(registered, par_xlsx(), kind="par", unit="Phường Võ Cường").status == "loaded"
    with db.reading(registered) as con:
        assert queries.units(con) == [
            "Phường Kinh Bắc",
            "Phường Võ Cường",
            "Xã Tân Chi",
            "Xã Đông Cứu",
        ]
