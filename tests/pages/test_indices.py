import json

from tests.etl.loading import load
from tests.etl.test_indices import GOOD_TREE, par
from tests.pages.apptest import run_app
from tests.workbooks import xlsx_bytes


def test_indices_page_shows_the_par_trend_and_the_points_lost(empty_db):
    assert load(empty_db, par(GOOD_TREE, "2025"), "par.xlsx").status == "loaded"
    at = run_app("indices")
    assert at.title[0].value == "Chỉ số đánh giá từ bên ngoài"
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    trend, parts = specs[0], specs[1]
    assert trend["data"][0]["y"] == [84.5]
    assert "PAR INDEX" in trend["layout"]["title"]["text"]
    # areas, most points lost first: thủ tục hành chính lost 14, chỉ đạo điều hành 1.5
    assert parts["data"][0]["y"] == [
        "Cải cách thủ tục hành chính",
        "Công tác chỉ đạo, điều hành CCHC",
    ]
    assert parts["data"][1]["x"] == [14.0, 1.5]
    criteria = at.dataframe[0].value
    assert list(criteria["Tiêu chí"]) == ["1.1", "1.2"]
    assert list(criteria["Mất điểm"]) == ["0,00", "1,50"]
    assert any("Chưa có số liệu" in i.value for i in at.info)  # the other indices


def test_sipas_tab_compares_with_the_province(empty_db):
    header = ["Năm", "Chỉ số", "Tỷ lệ hài lòng (%)", "Đối tượng"]
    rows = [
        [2025, "Chỉ số SIPAS", 93.5, "Phường Võ Cường"],
        [2025, "Chỉ số SIPAS", 90.0, "Trung bình tỉnh"],
        [2025, "Tiếp cận dịch vụ", 94.1, "Phường Võ Cường"],
    ]
    data = xlsx_bytes({"SIPAS": [["SIPAS"], [], [], header, *rows]})
    assert load(empty_db, data, "sipas.xlsx").status == "loaded"
    at = run_app("indices")
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    names = [t["name"] for t in specs[0]["data"]]
    assert names == ["Phường Võ Cường", "Trung bình tỉnh", "Mục tiêu 95%"]  # target: a legend line


def test_766_groups_over_the_months_on_the_demo_data(demo_db):
    at = run_app("indices")
    titles = [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")]
    history = next(t for t in titles if "các nhóm qua các kỳ" in t)
    assert "Quyết định 766" in history
    parts = next(
        json.loads(c.proto.spec)
        for c in at.get("plotly_chart")
        if "766) theo thành phần — T10/2026" in json.loads(c.proto.spec)["layout"]["title"]["text"]
    )
    assert parts["data"][0]["y"][0] == "Cung cấp dịch vụ trực tuyến"  # most points lost first
