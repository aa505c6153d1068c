"""The Toàn tỉnh page on the demo province: every unit ranked, the selected one marked, its
place on its own overview, a unit opened from the page; one unit alone says how to add more."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from etl import units
from tests.pages.apptest import chart_specs, run_app


@pytest.fixture(scope="module")
def province_master(demo_db_master: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("province-pages") / "cchc.duckdb"
    shutil.copy(demo_db_master, path)
    units.load_demo_province(path)
    return path


@pytest.fixture
def province_db(province_master: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cchc.duckdb"
    shutil.copy(province_master, path)
    monkeypatch.setenv("CCHC_DB", str(path))
    return path


def test_one_unit_alone_says_how_to_load_the_demo_province(demo_db):
    at = run_app("province")
    info = " ".join(i.value for i in at.info)
    assert "python -m etl demo --province" in info and "python -m etl units load" in info
    assert not at.dataframe


def test_every_unit_is_ranked_and_the_selected_one_marked(province_db):
    at = run_app("province")
    assert at.title[0].value == "Toàn tỉnh — tỉnh Bắc Ninh"
    assert any("DỮ LIỆU MẪU (DEMO)" in w.value for w in at.warning)
    table = at.dataframe[0].value
    assert len(table) == 30
    assert list(table["Tỷ lệ hoàn thành (%)"]) == sorted(
        table["Tỷ lệ hoàn thành (%)"], reverse=True
    )
    ward = table[table["Đơn vị"] == "Phường Võ Cường"].iloc[0]
    assert ward["Tỷ lệ hoàn thành (%)"] == 45.3 and ward["Đã hoàn thành"] == 29
    assert ward["Mở"].startswith("/?don_vi=Ph") and "nam=2026" in ward["Mở"]
    rank = int(ward["Hạng"])
    cards = {m.label: m.value for m in at.metric}
    assert cards["Xếp hạng của Phường Võ Cường"] == f"{rank}/30"
    specs = chart_specs(at)
    assert len(specs) == 3
    bars = specs[0]["data"][0]
    assert len(bars["y"]) == 30 and f"{rank}. Phường Võ Cường" in bars["y"]
    heat = specs[2]["data"][0]
    assert len(heat["y"]) == 30 and "<b>Phường Võ Cường</b>" in heat["y"]


def test_the_overview_says_the_units_place_and_a_unit_opens(province_db):
    at = run_app()
    place = [c.value for c in at.caption if "về tỷ lệ hoàn thành" in c.value]
    assert len(place) == 1 and "/30** về tỷ lệ hoàn thành" in place[0], place

    at.switch_page("pages/province.py").run()
    other = at.dataframe[0].value["Đơn vị"].iloc[0]
    at.selectbox(key="p_pick").set_value(other).run()
    next(b for b in at.button if b.label == "Mở Tổng quan").click().run()
    assert not at.exception
    assert at.title[0].value == f"Tổng quan tiến độ CCHC — {other}"
    assert at.query_params["don_vi"] == [other] or at.query_params["don_vi"] == other


def test_a_country_sized_table_is_sorted_here_and_paged(province_db, monkeypatch):
    from cchc import province_view

    monkeypatch.setattr(province_view, "PAGE_ROWS", 8)  # 30 units: four pages of 8
    at = run_app("province")
    table = at.dataframe[0].value
    assert len(table) == 8 and "Phường Võ Cường" in set(table["Đơn vị"])  # its page first
    assert at.number_input(key="p_page").value == 2
    at.selectbox(key="p_sort").set_value("Quá hạn").run()
    at.toggle(key="p_desc").set_value(True).run()
    at.number_input(key="p_page").set_value(1).run()
    table = at.dataframe[0].value
    overdue = list(table["Quá hạn"])
    assert overdue == sorted(overdue, reverse=True) and len(table) == 8


def test_with_two_provinces_the_sidebar_picks_the_province_then_the_unit(province_db):
    import duckdb

    with duckdb.connect(str(province_db)) as con:
        moved = [
            r[0]
            for r in con.execute(
                "SELECT name FROM units WHERE province = 'Bắc Ninh' AND name LIKE 'Xã T%'"
                " ORDER BY name LIMIT 3"
            ).fetchall()
        ]
        con.execute(
            "UPDATE units SET province = 'Hà Nội' WHERE name IN (SELECT unnest($n))", {"n": moved}
        )
    at = run_app(don_vi=moved[1])
    province = at.selectbox(key="f_province")
    unit = at.selectbox(key="f_unit")
    assert province.value == "Hà Nội" and province.label == "Tỉnh, thành phố"
    assert unit.options == moved and unit.value == moved[1]
    assert at.title[0].value == f"Tổng quan tiến độ CCHC — {moved[1]}"

    province.set_value("Bắc Ninh").run()  # another province: its first unit
    unit = at.selectbox(key="f_unit")
    assert len(unit.options) == 27 and moved[0] not in unit.options
    assert at.query_params["don_vi"] in (unit.options[0], [unit.options[0]])
    assert at.title[0].value == f"Tổng quan tiến độ CCHC — {unit.options[0]}"

    at.switch_page("pages/province.py").run()  # Toàn tỉnh opens a unit of Bắc Ninh
    other = at.dataframe[0].value["Đơn vị"].iloc[0]
    at.selectbox(key="p_pick").set_value(other).run()
    next(b for b in at.button if b.label == "Mở Tổng quan").click().run()
    assert not at.exception and at.selectbox(key="f_unit").value == other


def test_one_province_keeps_one_unit_list(province_db):
    at = run_app(don_vi="Xã Tân Hải")
    assert not [s for s in at.selectbox if s.key == "f_province"]
    unit = at.selectbox(key="f_unit")
    assert len(unit.options) == 30 and unit.value == "Xã Tân Hải"
