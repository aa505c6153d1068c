import json

from tests.pages.apptest import run_app


def test_timeline_draws_every_dated_task_and_the_as_of_line(demo_db):
    at = run_app("timeline")
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    rows = {y for trace in spec["data"] for y in trace["y"]}
    # 75 leaf tasks, 2 of them without any date ('Theo kế hoạch của tỉnh'): 73 rows
    assert len(rows) == 73
    assert any(s.get("type") == "line" for s in spec["layout"]["shapes"])
    assert "Ngày xem: 26/11/2026" in spec["layout"]["annotations"][0]["text"]
    assert any("2 nhiệm vụ không có thời hạn cụ thể" in e.label for e in at.expander)


def test_timeline_follows_the_area_filter(demo_db):
    at = run_app("timeline", linh_vuc="public_finance")
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    rows = {y for trace in spec["data"] for y in trace["y"]}
    assert rows and all(r.startswith("VI.") for r in rows)
