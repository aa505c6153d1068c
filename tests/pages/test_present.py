import json

from cchc import slides
from tests.pages.apptest import run_app


def _texts(at) -> list[str]:
    return [m.value for m in at.markdown]


def test_the_title_screen_first_as_in_the_deck(demo_db):
    at = run_app("present", ky="Q3")
    assert at.title[0].value == "Tiến độ cải cách hành chính"
    texts = _texts(at)
    assert any("Phường Võ Cường — Quý III/2026" in t for t in texts)
    assert any("Số liệu đến ngày 30/09/2026 · 8 biểu đồ" in t for t in texts)
    assert any("DỮ LIỆU MẪU (DEMO)" in t and "trang 1/10" in t for t in texts)
    assert not at.get("plotly_chart")


def test_a_chart_screen_states_its_finding_once(demo_db):
    at = run_app("present", ky="Q3", trang="2")
    assert at.title[0].value == "Hoàn thành 43,8%; 4 nhiệm vụ quá hạn ở 4 lĩnh vực"
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert not spec["layout"]["title"].get("text")  # the chart's own title is not repeated
    texts = _texts(at)
    assert any("Tiến độ theo lĩnh vực" in t for t in texts)  # what the chart shows, once
    assert any(
        "28/64 nhiệm vụ đã hoàn thành (43,8%); 4 quá hạn, mỗi lĩnh vực 1: Thể chế, Thủ tục "
        "hành chính, Tổ chức bộ máy và Chế độ công vụ." in t
        for t in texts
    )
    assert spec["layout"]["legend"]["font"]["size"] >= 18


def test_next_goes_to_the_overdue_slide(demo_db):
    at = run_app("present", ky="Q3", trang="2")
    at.button(key="p_next").click().run()
    assert at.query_params["trang"] == "3"
    assert at.title[0].value == "4 nhiệm vụ quá hạn, nhiều nhất ở P. Văn hóa – Xã hội"
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert {t["name"] for t in spec["data"]} == {"Quá hạn, chưa hoàn thành"}
    assert any("Nhiều nhiệm vụ quá hạn nhất: P. Văn hóa – Xã hội (2)." in t for t in _texts(at))


def test_the_last_screens_list_the_overdue_tasks_as_the_deck_does(demo_db):
    at = run_app("present", ky="Q3", trang="10")
    assert at.title[0].value == "Nhiệm vụ quá hạn (4)"
    table = next(t for t in _texts(at) if t.startswith('<table class="slide-table">'))
    for code in ("II.3.2", "III.9", "IV.2", "V.1"):
        assert f"<td>{code}</td>" in table
    assert "chính quyền địa phương 02 cấp" in table  # titles whole, never cut
    assert at.button(key="p_next").disabled


def test_trend_takeaway_says_behind_or_ahead():
    import pandas as pd

    trend = pd.DataFrame([{"label": "Quý III", "rate": 0.453, "ideal": 0.547}])
    assert slides.trend_takeaway(trend) == (
        "Quý III: hoàn thành 45,3%, chậm hơn tiến độ lý tưởng 9,4 điểm phần trăm."
    )
    assert slides.trend_title(trend) == "Chậm hơn tiến độ lý tưởng 9,4 điểm phần trăm (Quý III)"


def test_the_deck_chosen_in_the_url_in_its_order(demo_db):
    at = run_app("present", ky="Q3", bo="parts-PAR,heatmap", tu_dong="30", trang="2")
    assert at.title[0].value == "PAR 2025 mất nhiều điểm nhất ở Cải cách thủ tục hành chính"
    assert any("trang 2/4 · tự chuyển sau 30 giây" in t for t in _texts(at))
    at.button(key="p_next").click().run()
    assert at.title[0].value == (  # a tie, counted
        "2 đơn vị cùng hoàn thành tỷ lệ cao nhất (50,0%), 2 đơn vị chưa hoàn thành nhiệm vụ nào"
    )


def test_a_screen_builds_only_its_own_slide(demo_db, monkeypatch):
    built = []
    real = slides._builders

    def counted(*args, **kwargs):
        def tracked(key, build):
            return lambda context: (built.append(key), build(context))[1]

        return {k: (a, b, tracked(k, f)) for k, (a, b, f) in real(*args, **kwargs).items()}

    monkeypatch.setattr(slides, "_builders", counted)
    at = run_app("present", ky="Q3", trang="3")
    assert at.title[0].value == "4 nhiệm vụ quá hạn, nhiều nhất ở P. Văn hóa – Xã hội"
    assert built == ["department"]
    built.clear()
    run_app("present", ky="Q3", trang="1")  # the cover counts the charts, builds none
    assert built == []
