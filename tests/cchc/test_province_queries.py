"""The Toàn tỉnh queries: a small generated province whose figures are counted by hand, the
same figures as the one-unit queries give, and the as-of rule (later data changes nothing)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest

from cchc import province_queries as pq
from cchc import queries
from etl import units
from etl.load import Options, load_bytes
from tests.workbooks import PLAN_BODY, plan_xlsx, report_xlsx

AS_OF = date(2026, 11, 26)
Q3_END = date(2026, 9, 30)
UNITS = ["Phường An", "Phường Bình", "Phường Cường"]


def _report(rows: list[tuple[str, str]], day: str = "ngày 20 tháng 9 năm 2026") -> bytes:
    body = [[i, title, None, None, status, None] for i, (title, status) in enumerate(rows, 1)]
    return report_xlsx(body, period_text="Quý III năm 2026", day=day)


def _load(data: bytes, name: str, unit: str, path: Path) -> None:
    result = load_bytes(data, name, Options(unit=unit), path)
    assert result.status == "loaded", [str(p) for p in result.problems]


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three wards of 'Tỉnh Thử' with the test plan (5 leaf tasks, 1 continuous, so 4 count):
    An reported 3 done, Bình 1 done and 1 in progress, Cường nothing."""
    path = tmp_path_factory.mktemp("province") / "cchc.duckdb"
    for unit in UNITS:
        body = [list(r) for r in PLAN_BODY]
        body[1][6] = unit  # a note, so each unit's file differs
        _load(plan_xlsx(body), f"kh-{unit}.xlsx", unit, path)
    _load(
        _report(
            [
                ("Ban hành Kế hoạch CCHC năm 2026", "Đã hoàn thành"),
                ("Kiểm tra công tác CCHC tại các phòng, đơn vị", "Đã hoàn thành"),
                ("Số hóa 100% hồ sơ tiếp nhận mới", "Đã hoàn thành"),
            ]
        ),
        "bc-an.xlsx",
        "Phường An",
        path,
    )
    _load(
        _report(
            [
                ("Ban hành Kế hoạch CCHC năm 2026", "Đã hoàn thành"),
                ("Kiểm tra công tác CCHC tại các phòng, đơn vị", "Đang thực hiện"),
            ]
        ),
        "bc-binh.xlsx",
        "Phường Bình",
        path,
    )
    with duckdb.connect(str(path)) as con:
        units.save(con, [units.Unit(u, "phuong", "Tỉnh Thử") for u in UNITS])
    return path


def _ranking(path: Path, as_of: date = AS_OF, period_end: date = Q3_END):
    with duckdb.connect(str(path), read_only=True) as con:
        return pq.ranking(con, "Tỉnh Thử", 2026, as_of, period_end).set_index("unit")


def test_ranking_against_hand_counts(province):
    r = _ranking(province)
    assert list(r.index) == ["Phường An", "Phường Bình", "Phường Cường"]
    assert list(r["tasks"]) == [5, 5, 5]
    assert list(r["with_deadline"]) == [4, 4, 4]
    assert list(r["done"]) == [3, 1, 0]
    assert list(r["rate"]) == [0.75, 0.25, 0.0]
    assert list(r["rank"]) == [1, 2, 3] and set(r["ranked_units"]) == {3}
    # overdue on 26/11: Bình's I.2 (30/09, in progress) and III.1.1 (30/06, no report);
    # Cường's I.1, I.2, III.1.1; due within 30 days: III.1.2 (15/12) for everyone
    assert list(r["overdue"]) == [0, 2, 3]
    assert list(r["due_30"]) == [1, 1, 1]
    # Q3: VHXH reported (its own report) for An and Bình; nobody in Cường
    assert r.loc["Phường Cường", "missing"] > r.loc["Phường An", "missing"]
    assert r["par"].isna().all() and r["sipas"].isna().all()  # no index loaded


def test_ranking_agrees_with_the_one_unit_queries(province):
    r = _ranking(province)
    with duckdb.connect(str(province), read_only=True) as con:
        for unit in UNITS:
            scope = queries.Scope(unit, 2026, AS_OF)
            h = queries.headline(con, scope)
            row = r.loc[unit]
            assert (row["done"], row["overdue"], row["due_30"], row["tasks"]) == (
                h["done"],
                h["overdue"],
                h["due_30"],
                h["tasks"],
            )
            missing = queries.missing_reports(con, scope, Q3_END)
            found = row["missing_departments"]
            assert sorted([] if found is None else list(found)) == sorted(missing)
        assert pq.peer_rank(con, "Phường Bình", 2026, AS_OF) == {
            "rank": 2,
            "of": 3,
            "province": "Tỉnh Thử",
        }
        assert pq.peer_rank(con, "Phường Không Có", 2026, AS_OF) is None


def test_later_data_changes_nothing_as_of_an_earlier_date(province, tmp_path):
    path = tmp_path / "cchc.duckdb"
    shutil.copy(province, path)
    before = _ranking(path, date(2026, 9, 10), date(2026, 6, 30))
    matrix_before = _matrix(path, date(2026, 9, 10))
    # Cường reports every task done on 21/09: after the as-of date 10/09 (and not An's file)
    _load(
        _report(
            [
                ("Ban hành Kế hoạch CCHC năm 2026", "Đã hoàn thành"),
                ("Kiểm tra công tác CCHC tại các phòng, đơn vị", "Đã hoàn thành"),
                ("Số hóa 100% hồ sơ tiếp nhận mới", "Đã hoàn thành"),
            ],
            day="ngày 21 tháng 9 năm 2026",
        ),
        "bc-cuong.xlsx",
        "Phường Cường",
        path,
    )
    after = _ranking(path, date(2026, 9, 10), date(2026, 6, 30))
    assert before.drop(columns=["missing_departments"]).equals(
        after.drop(columns=["missing_departments"])
    )
    assert _matrix(path, date(2026, 9, 10)).equals(matrix_before)
    assert _ranking(path).loc["Phường Cường", "done"] == 3  # as of 26/11 it counts


def _matrix(path: Path, as_of: date):
    with duckdb.connect(str(path), read_only=True) as con:
        return pq.area_matrix(con, "Tỉnh Thử", 2026, as_of)


def test_index_ranks_and_changes_follow_the_as_of_date(demo_db_master, tmp_path):
    path = tmp_path / "cchc.duckdb"
    shutil.copy(demo_db_master, path)
    units.load_demo_province(path)
    with duckdb.connect(str(path), read_only=True) as con:
        now = pq.ranking(con, "Bắc Ninh", 2026, AS_OF, Q3_END).set_index("unit")
        mid = pq.ranking(con, "Bắc Ninh", 2026, date(2025, 6, 30), date(2025, 6, 30))
        areas = pq.area_matrix(con, "Bắc Ninh", 2026, AS_OF)
    mid = mid.set_index("unit")
    ward = now.loc["Phường Võ Cường"]
    # the demo ward's PAR INDEX: 88,7 in 2025, 85,4 in 2024 (data/demo/README.md)
    assert (ward["par"], ward["par_period"]) == (88.7, "2025")
    assert ward["par_change"] == pytest.approx(3.3)
    expected = int((now["par"] > ward["par"]).sum()) + 1
    assert (ward["par_rank"], ward["par_of"]) == (expected, len(now))
    # as of 30/06/2025 the 2025 scores had not been published: 2024 is the latest
    assert mid.loc["Phường Võ Cường", "par_period"] == "2024"
    assert mid.loc["Phường Võ Cường", "par"] == 85.4
    # the heatmap's cells add up to each unit's done and total
    sums = areas.groupby("unit")[["done", "total"]].sum()
    assert (sums["done"] == now.loc[sums.index, "done"]).all()
    assert (sums["total"] == now.loc[sums.index, "with_deadline"]).all()
