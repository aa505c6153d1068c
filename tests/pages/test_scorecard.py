from tests.pages.apptest import metrics, run_app


def test_department_scorecard_from_the_sidebar_filter(demo_db):
    at = run_app("scorecard", phong="CAP")
    assert at.selectbox(key="s_dept").value == "CAP"
    # Công an phường leads 5 leaf tasks; 2 of the 4 with a deadline are done; VII.2.1 overdue
    assert metrics(at) == {
        "Nhiệm vụ chủ trì": "5",
        "Tỷ lệ hoàn thành": "50,0%",
        "Quá hạn": "1",
        "Đến hạn trong 30 ngày": "0",
    }
    calendar = next(d.value for d in at.dataframe if "Quý I" in d.value.columns)
    assert list(calendar.iloc[0]) == ["Công an phường", "Chưa gửi", "16/06", "02/10 (trễ)"]


def test_area_scorecard(demo_db):
    at = run_app("scorecard")
    at.selectbox(key="s_area").set_value("procedures").run()
    assert not at.exception
    assert metrics(at)["Nhiệm vụ"] == "17"
    assert any("Cải cách thủ tục hành chính" in s.value for s in at.subheader)
