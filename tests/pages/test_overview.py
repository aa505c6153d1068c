from tests.pages.apptest import chart_specs, metrics, run_app


def test_headline_numbers_as_of_today(demo_db):
    at = run_app()
    assert at.title[0].value == "Tổng quan tiến độ CCHC — Phường Võ Cường"
    assert metrics(at) == {
        "Nhiệm vụ": "75",
        "Tỷ lệ hoàn thành": "45,3%",
        "Quá hạn": "6",
        "Đến hạn trong 30 ngày": "6",
    }


def test_demo_data_is_labelled(demo_db):
    at = run_app()
    assert any("DỮ LIỆU MẪU (DEMO)" in w.value for w in at.warning)


def test_missing_q3_reports_are_named(demo_db):
    at = run_app()
    warning = next(w.value for w in at.warning if "Chưa gửi báo cáo" in w.value)
    assert "Quý III/2026" in warning
    assert "Văn phòng HĐND và UBND" in warning
    assert "Trung tâm Cung ứng dịch vụ sự nghiệp công" in warning
    assert "Phòng Văn hóa – Xã hội" not in warning


def test_charts_by_area_and_department_stacked_by_status(demo_db):
    at = run_app()
    area, department, *_ = chart_specs(at)
    assert "Tiến độ theo lĩnh vực" in area["layout"]["title"]["text"]
    assert "Tiến độ theo phòng chủ trì" in department["layout"]["title"]["text"]
    overdue = next(t for t in area["data"] if t["name"] == "Quá hạn, chưa hoàn thành")
    assert overdue["marker"]["color"] == "#D32F2F"
    assert sum(overdue["x"]) == 6
    total = sum(sum(t["x"]) for t in area["data"])
    assert total == 75
    assert "Thủ tục hành chính" in area["data"][0]["y"]


def test_overdue_table_lists_the_overdue_tasks(demo_db):
    at = run_app()
    table = next(d.value for d in at.dataframe if "Số ngày quá hạn" in d.value.columns)

    assert sorted(table["Mã"]) == ["II.3.2", "III.3", "III.9", "IV.2", "V.1", "VII.2.1"]


def test_end_of_q2_view_from_the_url(demo_db):
    at = run_app(ky="Q2", nam="2026")
    assert at.sidebar.selectbox(key="f_period").value == "Q2"
    # at 30/06/2026: 23 of the 64 non-continuous tasks done; tasks due on 30/06 itself are
    # still within their deadline, so nothing is overdue yet
    assert metrics(at) == {
        "Nhiệm vụ": "75",
        "Tỷ lệ hoàn thành": "35,9%",
        "Quá hạn": "0",
        "Đến hạn trong 30 ngày": "4",
    }
    # TTCU's Q2 report is dated 03/07: on 30/06 it had not come yet
    [warning] = [w.value for w in at.warning if "Chưa gửi báo cáo" in w.value]
    assert "Quý II/2026** (tính đến ngày 30/06/2026)" in warning
    assert "Trung tâm Cung ứng" in warning and "Văn hóa" not in warning
    assert "Quý II/2026" in chart_specs(at)[0]["layout"]["title"]["text"]


def test_filters_are_written_to_the_url(demo_db):
    at = run_app()
    assert at.query_params["ky"] == "today"
    assert at.query_params["nam"] == "2026"
    assert at.query_params["don_vi"] == "Phường Võ Cường"


def test_new_data_shows_on_the_next_rerun_without_restarting(demo_db):
    from etl.load import Options, load_bytes
    from tests.pages.test_upload import report

    at = run_app()
    assert metrics(at)["Quá hạn"] == "6"
    # III.3 was overdue (due 30/09); a Q4 report now says it is done
    title = "Rà soát, đề xuất phương án đơn giản hóa thủ tục hành chính, cắt giảm ít nhất 50% thời gian giải quyết"
    result = load_bytes(
        report([["1", title, "", "", "Đã hoàn thành", 100]]), "q4.xlsx", Options(), demo_db
    )
    assert result.status == "loaded", [str(p) for p in result.problems]
    at.run()  # the same session, cached queries: the database version changed
    assert metrics(at)["Quá hạn"] == "5"


def test_index_headline_cards_with_their_change(demo_db):
    at = run_app()
    cards = {m.label: (m.value, m.proto.delta) for m in at.metric}
    assert cards["PAR 2025"] == ("88,70", "+3,30 so với 2024")  # 88.7 appraised vs 85.4
    assert cards["SIPAS 2025"] == ("93,50%", "+2,30 so với 2024")
    assert cards["766 T10/2026"] == ("92,90", "+0,75 so với T9/2026")


def test_a_fall_is_shown_down_and_red_a_rise_up_and_green(demo_db):
    """fmt writes a fall with a true minus sign (−), which Streamlit reads as a rise."""
    from streamlit.proto.Metric_pb2 import Metric

    from cchc.ui import change_style

    assert change_style("−0,8 điểm % so với T8/2026") == {
        "delta_color": "red",
        "delta_arrow": "down",
    }
    assert change_style("+3,30 so với 2024") == {"delta_color": "green", "delta_arrow": "up"}
    assert change_style("chưa có kỳ trước để so sánh")["delta_arrow"] == "off"
    signed = []
    for date in ("2026-09-30", "2026-10-15"):
        at = run_app("overview", ky="date", ngay=date)
        for m in at.metric:
            if m.proto.delta[:1] in ("−", "+"):
                down = m.proto.delta.startswith("−")
                signed.append(down)
                assert m.proto.direction == (
                    Metric.MetricDirection.DOWN if down else Metric.MetricDirection.UP
                ), m.proto.delta
                assert m.proto.color == (
                    Metric.MetricColor.RED if down else Metric.MetricColor.GREEN
                ), m.proto.delta
    assert True in signed and False in signed  # both kinds were on the pages
