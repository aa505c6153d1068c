import duckdb

from tests.pages.apptest import run_app


def test_history_lists_every_upload_and_undoes_one(demo_db):
    at = run_app("history")
    table = at.dataframe[0].value
    assert len(table) == 21  # the plan, 15 demo reports and 5 index tables
    assert set(table["Trạng thái"]) == {"Đang dùng"}
    newest = int(table["Số"].iloc[0])
    at.selectbox(key="h_pick").set_value(newest).run()
    undo = next(b for b in at.button if b.label == "Hoàn tác")
    assert undo.disabled  # asks for a confirmation first
    at.checkbox(key="h_confirm").check().run()
    next(b for b in at.button if b.label == "Hoàn tác").click().run()
    assert any(f"Đã hoàn tác lần nạp số {newest}" in s.value for s in at.success)
    con = duckdb.connect(str(demo_db), read_only=True)
    status = con.execute("SELECT status FROM v_uploads WHERE upload_id = ?", [newest]).fetchone()
    con.close()
    assert status == ("rolled_back",)
