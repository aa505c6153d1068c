"""The 'Thủ tục hành chính' page and the overview's procedure cards under AppTest, on the demo
data (hand counts: data/demo/README.md, section 5)."""

from __future__ import annotations

import json

from cchc import db
from tests.pages.apptest import run_app


def specs(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def test_the_page_shows_the_rates_against_the_targets(demo_db):
    at = run_app("procedures")
    assert at.title[0].value == "Thủ tục hành chính — Phường Võ Cường"
    assert any("DỮ LIỆU MẪU (DEMO)" in w.value for w in at.warning)
    cards = {m.label: (m.value, m.delta) for m in at.metric}
    assert cards["Đúng hạn T10/2026"] == ("99,7%", "+0,5 điểm % so với T9/2026")
    assert cards["Trực tuyến T10/2026"] == ("75,9%", "+3,2 điểm % so với T9/2026")
    assert cards["Số hóa T10/2026"] == ("88,9%", "+1,9 điểm % so với T9/2026")
    assert cards["Hồ sơ trễ hạn T10/2026"] == ("3", "1 đã xong · 2 đang")
    goals = at.dataframe[0].value
    assert list(goals["Mục tiêu"]) == ["100%", "80%", "–"]
    assert list(goals["Chênh lệch"]) == ["còn thiếu 0,3 điểm %", "còn thiếu 4,1 điểm %", "–"]
    assert goals["Nhiệm vụ của kế hoạch"][1].startswith("VII.3.1. Phấn đấu tỷ lệ hồ sơ")
    assert any("Tiếp nhận trực tuyến 300/395 hồ sơ mới (75,9%)" in m.value for m in at.markdown)


def test_the_charts_month_by_month_with_the_targets(demo_db):
    rates, dossiers, late = specs(run_app("procedures"))
    assert "Phường Võ Cường, năm 2026" in rates["layout"]["title"]["text"]
    lines = {t["name"]: t for t in rates["data"]}
    assert lines["Tiếp nhận trực tuyến"]["x"][-1] == "T10/2026"
    assert lines["Tiếp nhận trực tuyến"]["y"][-1] == 75.9
    assert lines["Mục tiêu trực tuyến 80% (nhiệm vụ VII.3.1)"]["y"][0] == 80
    assert lines["Mục tiêu trực tuyến 80% (nhiệm vụ VII.3.1)"]["line"]["dash"] == "dot"
    bars = {t["name"]: t for t in dossiers["data"]}
    assert bars["Đang giải quyết, quá hạn"]["marker"]["color"] == "#D32F2F"  # overdue red
    assert bars["Đã giải quyết đúng hạn, trước hạn"]["y"][-1] == 389
    assert late["data"][0]["y"] == ["Đất đai", "Xây dựng"]
    assert late["data"][0]["x"] == [7, 1]  # resolved late, January–October
    assert late["data"][1]["x"] == [2, 0]  # pending past the deadline at the end of October


def test_the_figures_table_names_each_source_file(demo_db):
    at = run_app("procedures")
    table = at.dataframe[1].value
    assert list(table["Kỳ"])[-1] == "Tháng 10/2026"
    assert list(table["Tiếp nhận"])[-1] == 416
    assert table["Tệp nguồn"].iloc[-1].endswith("· thong-ke-tthc-2026-10.xlsx")


def test_a_quarter_in_the_sidebar_shows_the_quarter_against_the_one_before(demo_db):
    at = run_app("procedures", ky="Q3")
    assert any(m.value == "**Quý III/2026, so với Quý II/2026**" for m in at.markdown)
    cards = {m.label: m.value for m in at.metric}
    assert cards["Trực tuyến Quý III/2026"] == "69,8%"


def test_the_overview_card_for_on_time_and_online_rates(demo_db):
    at = run_app()
    cards = {m.label: (m.value, m.delta) for m in at.metric}
    assert cards["TTHC đúng hạn T10/2026"] == ("99,7%", "+0,5 điểm % so với T9/2026")
    assert cards["TTHC trực tuyến T10/2026"] == ("75,9%", "+3,2 điểm % so với T9/2026")


def test_without_procedure_figures_the_page_says_how_to_load_them(demo_db):
    with db.writing(demo_db) as con:
        con.execute("UPDATE uploads SET status = 'rolled_back' WHERE kind = 'tthc'")
    at = run_app("procedures")
    assert any("Chưa có số liệu thống kê giải quyết thủ tục hành chính" in i.value for i in at.info)
    assert not [m for m in run_app().metric if m.label.startswith("TTHC")]
