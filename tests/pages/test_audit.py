"""Nhật ký: the demo's loads and an undo listed newest first with who and where from, filtered
by action and by text, and offered as Excel."""

from pathlib import Path

from etl.audit import Actor
from etl.history import undo
from tests.pages.apptest import run_app


def test_trail_listed_filtered_and_downloadable(demo_db: Path) -> None:
    assert undo(31, demo_db, actor=Actor("Trần Thị Hoa", via="web")).ok
    at = run_app("audit")
    assert at.title[0].value == "Nhật ký"
    table = at.dataframe[0].value
    assert table.iloc[0]["Việc"] == "Hoàn tác lần nạp"
    assert table.iloc[0]["Người thực hiện"] == "Trần Thị Hoa"
    assert table.iloc[0]["Qua"] == "Trang web"
    assert table.iloc[0]["Lần nạp liên quan"].startswith("#31")
    assert set(table["Việc"]) == {"Hoàn tác lần nạp", "Nạp tệp"}
    assert table.iloc[-1]["Qua"].startswith("Dòng lệnh")  # the demo: loaded by a command
    assert [b.label for b in at.get("download_button")] == ["Tải bảng Excel"]

    at.multiselect(key="a_actions").select("undo").run()
    assert list(at.dataframe[0].value["Việc"]) == ["Hoàn tác lần nạp"]
    at.multiselect(key="a_actions").unselect("undo").run()
    at.text_input(key="a_text").input("#31").run()
    assert len(at.dataframe[0].value) == 2  # the load of #31 and its undo
    at.text_input(key="a_text").input("không ai như vậy").run()
    assert any("Không có thao tác nào khớp" in i.value for i in at.info)
