from datetime import date

from tests.pages.apptest import run_app


def test_all_leaf_tasks_with_their_status_and_latest_report(demo_db):
    at = run_app("tasks")
    table = at.dataframe[0].value
    assert len(table) == 75
    assert list(table.columns[:6]) == [
        "Mã",
        "Nhiệm vụ",
        "Trạng thái",
        "Thời hạn",
        "Chủ trì",
        "Báo cáo gần nhất",
    ]
    row = table.set_index("Mã").loc["II.2"]
    assert row["Trạng thái"] == "Hoàn thành quá hạn"
    # II.2 is led by VP, which sent no Q3 report: its latest report is Q2's
    assert row["Báo cáo gần nhất"] == "Quý II/2026: Đã hoàn thành (100%)"
    assert any(m.value.startswith("**75** / 75") for m in at.markdown)


def test_filter_by_status_and_department(demo_db):
    at = run_app("tasks")
    at.multiselect(key="t_status").set_value(["overdue"]).run()
    assert sorted(at.dataframe[0].value["Mã"]) == [
        "II.3.2",
        "III.3",
        "III.9",
        "IV.2",
        "V.1",
        "VII.2.1",
    ]
    at.multiselect(key="t_dept").set_value(["TTPVHCC"]).run()
    # overdue tasks TTPVHCC leads (III.3, III.9) or supports (V.1, VII.2.1 in the demo plan)
    assert sorted(at.dataframe[0].value["Mã"]) == ["III.3", "III.9", "V.1", "VII.2.1"]


def test_text_search_ignores_diacritics(demo_db):
    at = run_app("tasks")
    at.text_input(key="t_text").set_value("so hoa").run()
    with_accents = run_app("tasks")
    with_accents.text_input(key="t_text").set_value("số hóa").run()
    found = list(at.dataframe[0].value["Mã"])
    assert 0 < len(found) < 75
    assert found == list(with_accents.dataframe[0].value["Mã"])
    assert all("hóa" in t.lower() or "hoá" in t.lower() for t in at.dataframe[0].value["Nhiệm vụ"])


def test_deadline_range(demo_db):
    at = run_app("tasks")
    at.date_input(key="t_from").set_value(date(2026, 12, 1)).run()
    at.date_input(key="t_to").set_value(date(2026, 12, 15)).run()
    table = at.dataframe[0].value
    assert len(table) > 0
    assert table["Thời hạn"].between("2026-12-01", "2026-12-15").all()


def test_download_is_an_excel_file(demo_db):
    at = run_app("tasks")
    button = at.get("download_button")[0]
    assert button.proto.label == "Tải danh sách (Excel)"
