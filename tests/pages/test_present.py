import json

from cchc import slides
from tests.pages.apptest import run_app


def test_first_slide_with_its_takeaway_and_footer(demo_db):
    at = run_app("present")
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert "Tiến độ theo lĩnh vực" in spec["layout"]["title"]["text"]
    texts = [m.value for m in at.markdown]
    assert any(
        "29/64 nhiệm vụ đã hoàn thành (45,3%); 6 quá hạn, nhiều nhất ở Thủ tục hành chính (2)." in t
        for t in texts
    )
    assert any("DỮ LIỆU MẪU (DEMO)" in t and "trang 1/8" in t for t in texts)


def test_next_goes_to_the_second_slide(demo_db):
    at = run_app("present")
    at.button(key="p_next").click().run()
    assert at.query_params["trang"] == "2"
    texts = [m.value for m in at.markdown]
    assert any(
        "Nhiều nhiệm vụ quá hạn nhất: P. Văn hóa – Xã hội, TT Phục vụ HCC (2 mỗi đơn vị)." in t
        for t in texts
    )


def test_trend_takeaway_says_behind_or_ahead():
    import pandas as pd

    trend = pd.DataFrame([{"label": "Quý III", "rate": 0.453, "ideal": 0.547}])
    assert slides.trend_takeaway(trend) == (
        "Quý III: hoàn thành 45,3%, chậm hơn tiến độ lý tưởng 9,4 điểm phần trăm."
    )


def test_the_deck_chosen_in_the_url_in_its_order(demo_db):
    at = run_app("present", bo="parts-PAR,heatmap", tu_dong="30")
    assert at.title[0].value == "PAR: nơi mất điểm"
    texts = [m.value for m in at.markdown]
    assert any("trang 1/2 · tự chuyển sau 30 giây" in t for t in texts)
    at.button(key="p_next").click().run()
    assert at.title[0].value == "Hoàn thành theo phòng chủ trì và lĩnh vực"
    assert at.button(key="p_next").disabled
