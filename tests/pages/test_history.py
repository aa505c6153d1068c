"""The history page: every upload named as 'lần nạp #N · tệp · time · person', and an undo that
shows its effect at once: the table, the picker's label and the confirmation box."""

import re

import duckdb

from cchc import uploads_view
from etl import journal
from tests.pages.apptest import run_app

LABEL = re.compile(r"^Lần nạp #\d+ · .+ · \d\d/\d\d/\d{4} \d\d:\d\d · Dữ liệu mẫu \(demo\) — ")


def test_history_lists_every_upload_and_undoes_one(demo_db):
    at = run_app("history")
    table = at.dataframe[0].value
    assert len(table) == 31  # the plan, 15 demo reports, 5 index tables, 10 TTHC statistics
    assert set(table["Trạng thái"]) == {"Đang dùng"}
    assert table["Lần nạp"].str.fullmatch(r"#\d+").all()  # no bare ids
    newest = int(table["Lần nạp"].iloc[0][1:])
    pick = at.selectbox(key="h_pick")
    assert LABEL.match(pick.format_func(newest)), pick.format_func(newest)
    pick.set_value(newest).run()
    undo = next(b for b in at.button if b.label == "Hoàn tác")
    assert undo.disabled  # asks for a confirmation first
    at.checkbox(key="h_confirm").check().run()
    assert next(b for b in at.button if b.label == "Hoàn tác").disabled  # and a name
    assert any("Điền «Người hoàn tác»" in c.value for c in at.caption)
    at.text_input(key="h_by").input("Trần Thị Hoa, VHXH").run()
    next(b for b in at.button if b.label == "Hoàn tác").click().run()

    done = next(s.value for s in at.success)
    assert done.startswith(f"Đã hoàn tác lần nạp #{newest} · ") and "số" not in done.split("·")[0]
    # the same screen already shows the new state: table, picker label, no box left ticked
    table = at.dataframe[0].value
    assert table.loc[table["Lần nạp"] == f"#{newest}", "Trạng thái"].item() == "Đã hoàn tác"
    assert at.selectbox(key="h_pick").format_func(newest).endswith("— Đã hoàn tác")
    assert not at.checkbox and not [b for b in at.button if b.label == "Hoàn tác"]
    assert any("không hoàn tác được" in c.value for c in at.caption)

    con = duckdb.connect(str(demo_db), read_only=True)
    status = con.execute("SELECT status FROM v_uploads WHERE upload_id = ?", [newest]).fetchone()
    con.close()
    assert status == ("rolled_back",)
    # who undid it is in the upload journal (issue #16)
    [line] = [
        e for e in journal.read(journal.journal_path(demo_db)).entries if e["action"] == "undo"
    ]
    assert (line["upload_id"], line["user"]) == (newest, "Trần Thị Hoa, VHXH")


def test_an_undo_whose_journal_line_fails_says_it_is_done_with_a_warning(demo_db, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(journal, "undone", broken)
    at = run_app("history")
    newest = int(at.dataframe[0].value["Lần nạp"].iloc[0][1:])
    at.text_input(key="h_by").input("Trần Thị Hoa").run()
    at.checkbox(key="h_confirm").check().run()
    next(b for b in at.button if b.label == "Hoàn tác").click().run()
    assert next(s.value for s in at.success).startswith(f"Đã hoàn tác lần nạp #{newest}")
    [warning] = [w.value for w in at.warning if "nhật ký" in w.value]
    assert "hết chỗ" in warning or "đĩa" in warning, warning


def test_undo_refreshes_the_box_for_the_next_upload_picked(demo_db):
    at = run_app("history")
    first, second = (int(x[1:]) for x in at.dataframe[0].value["Lần nạp"].iloc[:2])
    at.selectbox(key="h_pick").set_value(first).run()
    at.text_input(key="h_by").input("Trần Thị Hoa").run()
    at.checkbox(key="h_confirm").check().run()
    next(b for b in at.button if b.label == "Hoàn tác").click().run()
    at.selectbox(key="h_pick").set_value(second).run()
    assert at.checkbox(key="h_confirm").value is False  # the tick does not carry over
    assert next(b for b in at.button if b.label == "Hoàn tác").disabled


def test_an_upload_is_named_by_number_file_time_and_person():
    import pandas as pd

    row = {
        "upload_id": 16,
        "file_name": "bao-cao-q3.xlsx",
        "uploaded_at": pd.Timestamp("2026-10-05 08:07:00"),
        "uploaded_by": "Nguyễn Văn A",
    }
    assert (
        uploads_view.label(row) == "lần nạp #16 · bao-cao-q3.xlsx · 05/10/2026 08:07 · Nguyễn Văn A"
    )
    assert uploads_view.label({**row, "uploaded_by": None}).endswith("05/10/2026 08:07")
    table = pd.DataFrame([row])
    assert uploads_view.label_of(table, 16).startswith("lần nạp #16 · ")
    assert uploads_view.label_of(table, 99) == "lần nạp #99"


def _add_uploads(path, count: int, unit: str = "Xã Khác") -> None:
    """`count` more uploads (of another unit) straight into the table, as a province's would."""
    con = duckdb.connect(str(path))
    start = con.execute("SELECT max(upload_id) FROM uploads").fetchone()[0] + 1
    con.execute(
        "INSERT INTO uploads (upload_id, file_name, sha256, kind, unit, plan_year, rows, "
        "uploaded_at, uploaded_by, status, is_demo) "
        "SELECT i, 'ke-hoach-' || i || '.xlsx', 'h' || i, 'plan', ?, 2026, 1, now(), "
        "'Đỗ Văn Bình', 'rolled_back', false FROM range(?, ?) t(i)",
        [unit, start, start + count],
    )
    con.close()


def test_history_is_scoped_to_the_unit_paged_and_searchable(demo_db):
    """At a province's scale the page lists one unit's uploads, 50 at a time (issue #13)."""
    _add_uploads(demo_db, 120)
    at = run_app("history")
    assert at.selectbox(key="h_unit").value == "Phường Võ Cường"  # the sidebar's unit
    assert len(at.dataframe[0].value) == 31
    assert any("trong 31, mới nhất trước" in c.value for c in at.caption)

    at.selectbox(key="h_unit").set_value("Tất cả đơn vị").run()
    table = at.dataframe[0].value
    assert len(table) == 50 and table["Đơn vị"].iloc[0] == "Xã Khác"
    assert any(c.value.startswith("Lần nạp 1–50 trong 151") for c in at.caption)
    at.number_input(key="h_page").set_value(4).run()
    assert len(at.dataframe[0].value) == 1  # 151 = 3 pages of 50 and 1

    at.number_input(key="h_page").set_value(1).run()
    at.text_input(key="h_text").input("do van binh").run()  # no diacritics, any case
    assert set(at.dataframe[0].value["Người tải lên"]) == {"Đỗ Văn Bình"}
    at.text_input(key="h_text").input("#2").run()
    assert list(at.dataframe[0].value["Lần nạp"]) == ["#2"]
    at.text_input(key="h_text").input("không có tệp này").run()
    assert any("Không có lần nạp nào khớp" in i.value for i in at.info)
