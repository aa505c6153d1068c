"""The upload page: a broken file is rejected with every problem (as cards) and changes nothing;
a clean file is checked, says what it will change, then is loaded on request; the same content
twice in one pick is shown once; each file has its own settings; a file naming another unit
is never filed until the clerk says which; removals are loaded only once agreed to."""

import duckdb
import pandas as pd

from cchc import ui
from etl.load import Options, load_bytes, sha256
from tests.pages.apptest import run_app
from tests.workbooks import PLAN_BODY, PLAN_FOOTER, PLAN_HEADER, REPORT_HEADER, xlsx_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TITLE = "Tiến độ thực hiện nhiệm vụ cải cách hành chính Quý IV năm 2026"
I1 = "Ban hành Kế hoạch tuyên truyền cải cách hành chính năm 2026 của UBND phường"
I3 = (
    "Tổng hợp, xây dựng báo cáo định kỳ (quý, 6 tháng, năm) về công tác cải cách hành chính gửi "
    "Sở Nội vụ"
)


def report(rows, title=TITLE):
    top = [
        ["UBND PHƯỜNG VÕ CƯỜNG"],
        ["BÁO CÁO"],
        [title],
        ["Đơn vị báo cáo: Phòng Văn hóa – Xã hội"],
        ["Võ Cường, ngày 20 tháng 11 năm 2026"],
        [],
    ]
    return xlsx_bytes({"Báo cáo": [*top, REPORT_HEADER, *rows]})


def plan(unit_line: str, year: int = 2026) -> bytes:
    """A plan appendix whose title names `unit_line` ('PHƯỜNG KINH BẮC')."""
    title = [[f"UBND {unit_line}"], ["PHỤ LỤC"], [f"NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM {year}"], []]
    merges = ["A5:A6", "B5:B6", "C5:D5", "E5:E6", "F5:F6", "G5:G6"]
    rows = [*title, *PLAN_HEADER, *PLAN_BODY, *PLAN_FOOTER]
    return xlsx_bytes({"Phụ lục": rows}, merges={"Phụ lục": merges})


GOOD = [
    [
        "1",
        "Ban hành Kế hoạch tuyên truyền cải cách hành chính năm 2026",
        "",
        "",
        "Đã hoàn thành",
        100,
    ]
]
BAD = [
    ["1", "Ban hành Kế hoạch tuyên truyền cải cách hành chính năm 2026", "", "", "Đang làm", 150],
    ["2", "Một việc không có trong kế hoạch", "", "", "Đang thực hiện", 20],
]


def uploads(path) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(
            "SELECT upload_id, status, unit, uploaded_by FROM uploads ORDER BY upload_id"
        ).fetchall()
    finally:
        con.close()


def texts(at) -> str:
    """Everything the page says in text, one element a line."""
    kinds = ("markdown", "success", "info", "error", "warning", "caption")
    return "\n".join(str(e.value) for kind in kinds for e in at.get(kind))


def buttons(at, label: str) -> list:
    return [b for b in at.button if b.label == label]


def pick(at, *files: tuple[str, bytes]):
    return at.file_uploader(key="u_files").set_value([(n, d, XLSX) for n, d in files]).run()


def test_a_broken_file_is_rejected_with_every_problem_as_a_card_and_nothing_changes(demo_db):
    before = uploads(demo_db)
    at = run_app("upload")
    pick(at, ("bao-cao-q4.xlsx", report(BAD)))
    assert not at.exception
    assert any("2 lỗi cần sửa" in e.value for e in at.error)
    cards = next(m.value for m in at.markdown if 'class="u-cards"' in m.value)
    assert cards.count('class="u-card"') == 2  # a card per problem, no wide table
    assert "Sheet «Báo cáo» · dòng 8 · cột F «Tỷ lệ (%)»" in cards
    assert "Giá trị:</span> «150»" in cards
    assert "<b>Lỗi:</b> Tỷ lệ phải nằm trong khoảng 0–100%" in cards
    assert "dòng 9 · cột B «Nhiệm vụ»" in cards
    assert "Cách sửa:" in cards
    assert not at.dataframe  # the problems are no longer a dataframe
    assert not buttons(at, "Nạp vào cơ sở dữ liệu")
    assert uploads(demo_db) == before


def test_a_clean_file_says_what_it_changes_then_is_loaded_on_request(demo_db):
    before = uploads(demo_db)
    at = run_app("upload")
    at.text_input(key="u_by").set_value("Nguyễn Văn A, P. VHXH").run()
    pick(at, ("bao-cao-q4.xlsx", report(GOOD)))
    assert any("hợp lệ, sẽ nạp Báo cáo tiến độ — 1 nhiệm vụ" in s.value for s in at.success)
    said = texts(at)
    assert "Sẽ thay đổi khi nạp" in said
    assert "Báo cáo Quý IV/2026 của Phòng Văn hóa – Xã hội: báo cáo mới, 1 nhiệm vụ." in said
    assert uploads(demo_db) == before  # checking writes nothing
    buttons(at, "Nạp vào cơ sở dữ liệu")[0].click().run()
    assert any("đã nạp Báo cáo tiến độ — 1 nhiệm vụ" in s.value for s in at.success)
    after = uploads(demo_db)
    assert len(after) == len(before) + 1
    assert after[-1][1:] == ("loaded", "Phường Võ Cường", "Nguyễn Văn A, P. VHXH")


def test_the_same_content_twice_in_one_pick_is_shown_once_and_the_rest_still_render(demo_db):
    """Finding 3: a second copy (or the same file under another name) crashed the page with a
    duplicate element key, and the files after it were not shown."""
    good, bad = report(GOOD), report(BAD)
    at = run_app("upload")
    at.text_input(key="u_by").set_value("Nguyễn Văn A").run()
    pick(at, ("a.xlsx", good), ("b.xlsx", good), ("a.xlsx", good), ("c.xlsx", bad))
    assert not at.exception
    skipped = [i.value for i in at.info if "Trùng nội dung" in i.value]
    assert skipped == [
        "**b.xlsx**: Trùng nội dung với tệp «a.xlsx» ở trên — bỏ qua.",
        "**a.xlsx**: Trùng nội dung với tệp «a.xlsx» ở trên — bỏ qua.",
    ]
    assert len(buttons(at, "Nạp vào cơ sở dữ liệu")) == 1  # the copies have no widgets
    assert any("2 lỗi cần sửa" in e.value for e in at.error)  # the file after them is shown
    assert len([s for s in at.selectbox if s.label == "Kỳ báo cáo"]) == 2  # a.xlsx and c.xlsx


def test_settings_belong_to_each_file_and_only_fill_what_the_file_leaves_unsaid(demo_db):
    """Finding 4: the settings applied to the whole pick and stayed on, hidden, overriding
    what the files say."""
    bare = xlsx_bytes({"BC": [REPORT_HEADER, GOOD[0]]})  # no title block: no period, no dept
    bare2 = xlsx_bytes({"BC": [REPORT_HEADER, ["1", I1, "", "", "Đang thực hiện", 50]]})
    titled = report(GOOD)  # built once: a workbook's bytes carry the second it was saved
    at = run_app("upload")
    pick(at, ("bc1.xlsx", bare), ("bc2.xlsx", bare2), ("q4.xlsx", titled))
    one, two, q4 = sha256(bare), sha256(bare2), sha256(titled)
    for digest in (one, two, q4):  # each card has its own three settings, read from the file
        assert at.selectbox(key=f"u_unit_{digest}").value is None
        assert at.selectbox(key=f"u_period_{digest}").value == ""
        assert at.selectbox(key=f"u_dept_{digest}").value is None
    labels = {s.label for s in at.selectbox}
    assert {"Đơn vị", "Kỳ báo cáo", "Phòng gửi báo cáo"} <= labels
    assert (
        at.selectbox(key=f"u_period_{one}").format_func(at.selectbox(key=f"u_period_{one}").value)
        == "Đọc từ tệp"
    )
    assert sum("Không xác định được kỳ báo cáo" in m.value for m in at.markdown) == 2

    at.selectbox(key=f"u_period_{one}").set_value("2026-Q4").run()
    at.selectbox(key=f"u_dept_{one}").set_value("VHXH").run()
    valid = [s.value for s in at.success]
    assert any(v.startswith("bc1.xlsx: hợp lệ, sẽ nạp") and "Quý IV/2026" in v for v in valid)
    # the other bare file is not touched by bc1's settings
    assert sum("Không xác định được kỳ báo cáo" in m.value for m in at.markdown) == 1
    assert any(v.startswith("q4.xlsx: hợp lệ, sẽ nạp") for v in valid)

    # a setting that contradicts the file is a problem naming both, never an override
    at.selectbox(key=f"u_period_{q4}").set_value("2026-Q3").run()
    cards = "\n".join(m.value for m in at.markdown if "u-card" in m.value)
    assert "«Quý IV/2026»" in cards and "«Quý III/2026»" in cards
    assert not any(v.startswith("q4.xlsx") for v in (s.value for s in at.success))


def test_a_file_naming_another_unit_stops_and_asks(demo_db):
    """Finding 1: a file naming another unit than the one selected was filed under it
    silently."""
    before = uploads(demo_db)
    data = plan("PHƯỜNG KINH BẮC")
    at = run_app("upload")
    at.text_input(key="u_by").set_value("Nguyễn Văn A").run()
    pick(at, ("phu-luc.xlsx", data))
    assert at.selectbox(key="f_unit").value == "Phường Võ Cường"
    assert any(
        "«Phường Kinh Bắc»" in w.value and "«Phường Võ Cường»" in w.value for w in at.warning
    )
    assert buttons(at, "Nạp cho «Phường Kinh Bắc»") and buttons(at, "Hủy tệp này")
    assert not buttons(at, "Nạp vào cơ sở dữ liệu")
    assert uploads(demo_db) == before

    buttons(at, "Hủy tệp này")[0].click().run()
    assert any("Đã hủy tệp này" in c.value for c in at.caption)
    assert not buttons(at, "Nạp cho «Phường Kinh Bắc»")
    buttons(at, "Kiểm tra lại tệp này")[0].click().run()

    buttons(at, "Nạp cho «Phường Kinh Bắc»")[0].click().run()
    assert any("hợp lệ, sẽ nạp" in s.value and "Phường Kinh Bắc" in s.value for s in at.success)
    assert uploads(demo_db) == before  # choosing the unit checks again, writes nothing
    buttons(at, "Nạp vào cơ sở dữ liệu")[0].click().run()
    assert uploads(demo_db)[-1][1:3] == ("loaded", "Phường Kinh Bắc")


def test_the_closest_known_units_are_offered_too(demo_db):
    assert load_bytes(plan("PHƯỜNG KINH BẮC"), "kb.xlsx", Options()).status == "loaded"
    at = run_app("upload")
    pick(at, ("phu-luc.xlsx", plan("PHƯỜNG KINH BẮC MỚI")))
    assert buttons(at, "Nạp cho «Phường Kinh Bắc Mới»")  # as the file says
    offered = buttons(at, "Nạp cho «Phường Kinh Bắc»")  # the known unit it is close to
    assert offered
    offered[0].click().run()
    assert any("hợp lệ, sẽ nạp" in s.value and "(Phường Kinh Bắc," in s.value for s in at.success)


def test_a_load_that_removes_data_names_it_and_waits_for_consent(demo_db):
    """Finding 6: the preview said nothing of what a load replaces or removes; earlier uploads
    were named by bare numbers ('số 16')."""
    first = report(
        [["1", I1, "", "", "Đang thực hiện", 50], ["2", I3, "", "", "Đang thực hiện", 40]]
    )
    options = Options(uploaded_by="Trần Thị B")
    assert load_bytes(first, "bao-cao-q4-lan-1.xlsx", options).status == "loaded"
    earlier = uploads(demo_db)[-1][0]

    at = run_app("upload")
    at.text_input(key="u_by").set_value("Nguyễn Văn A").run()
    pick(at, ("bao-cao-q4-lan-2.xlsx", report([["1", I1, "", "", "Đã hoàn thành", 100]])))
    said = texts(at)
    assert "thay bản đang dùng" in said and "số " + str(earlier) not in said
    table = next(t.value for t in at.table if "Trước" in t.value.columns)  # wraps on a phone
    assert list(table.columns) == ["Nội dung", "Trước", "Sau"]
    assert ("I.1", "Đang thực hiện (50%)", "Đã hoàn thành (100%)") in set(
        table.itertuples(index=False, name=None)
    )
    consent = next(c for c in at.checkbox if c.label.startswith("Tôi hiểu và đồng ý:"))
    assert "nhiệm vụ I.3" in consent.label
    load = buttons(at, "Nạp vào cơ sở dữ liệu")[0]
    assert load.disabled
    assert any("«Tôi hiểu và đồng ý»" in c.value for c in at.caption)
    consent.check().run()
    load = buttons(at, "Nạp vào cơ sở dữ liệu")[0]
    assert not load.disabled
    load.click().run()
    done = next(s.value for s in at.success if "đã nạp" in s.value)
    assert f"thay lần nạp #{earlier} · bao-cao-q4-lan-1.xlsx · " in done
    assert "· Trần Thị B" in done and "số " + str(earlier) not in done


def test_who_uploads_is_required_and_remembered_for_the_session(demo_db):
    at = run_app("upload")
    pick(at, ("bao-cao-q4.xlsx", report(GOOD)))
    assert buttons(at, "Nạp vào cơ sở dữ liệu")[0].disabled
    assert any("«Người tải lên»" in c.value for c in at.caption)
    at.text_input(key="u_by").set_value("Nguyễn Văn A").run()
    assert not buttons(at, "Nạp vào cơ sở dữ liệu")[0].disabled
    at.switch_page("pages/history.py").run()
    at.switch_page("pages/upload.py").run()
    assert at.text_input(key="u_by").value == "Nguyễn Văn A"


def test_the_uploader_speaks_vietnamese(demo_db):
    at = run_app("upload")
    uploader = at.get("file_uploader")[0].proto
    assert uploader.label.startswith("Chọn tệp bảng tính") and "50 MB" in uploader.help
    css = at.markdown[0].value
    assert '[data-testid="stFileUploaderDropzoneInstructions"]' in css
    assert "Kéo thả tệp vào đây · tối đa 50 MB mỗi tệp" in css


def test_a_csv_renamed_xlsx_is_told_as_the_backend_says(demo_db):
    data = "STT;Nhiệm vụ;Tình trạng\n1;Ban hành kế hoạch;Đã hoàn thành\n".encode()
    said = load_bytes(data, "bao-cao.xlsx", Options(dry_run=True)).problems[0].message
    at = run_app("upload")
    pick(at, ("bao-cao.xlsx", data))
    cards = next(m.value for m in at.markdown if 'class="u-cards"' in m.value)
    assert f"<b>Lỗi:</b> {said}" in cards
    assert "nội dung là tệp CSV" in said


def test_a_plan_for_next_year_neither_moves_the_default_year_nor_is_called_demo(demo_db):
    """Finding 7: the sidebar opened on the newest plan (2027 once loaded ahead), and the DEMO
    banner called every row of the unit demo, a real plan's too."""
    assert load_bytes(plan("PHƯỜNG VÕ CƯỜNG", 2027), "kh-2027.xlsx", Options()).status == "loaded"
    at = run_app("overview")
    assert at.selectbox(key="f_year").value == 2026  # the plan that contains today
    banner = next(w.value for w in at.warning if "DỮ LIỆU MẪU" in w.value)
    assert "Kế hoạch, báo cáo năm 2026 và điểm các chỉ số trên trang này" in banner
    at.selectbox(key="f_year").set_value(2027).run()
    banner = next(w.value for w in at.warning if "DỮ LIỆU MẪU" in w.value)
    assert "— Điểm các chỉ số trên trang này" in banner  # the plan of 2027 is real


def test_default_year_and_demo_rule():
    assert ui.default_year([2027, 2026, 2025], 2026) == 2026
    assert ui.default_year([2027, 2025], 2026) == 2025
    assert ui.default_year([2028, 2027], 2026) == 2027
    assert ui.default_year([], 2026) == 2026
    rows = pd.DataFrame(
        {
            "unit": ["A", "A", "A", "B", "B"],
            "kind": ["plan", "par", "plan", "plan", "sipas"],
            "plan_year": [2026, 2025, 2027, 2027, 2025],
            "status": ["loaded", "superseded", "loaded", "loaded", "loaded"],
            "is_demo": [True, True, False, True, False],
        }
    )
    assert ui.demo_parts(rows, "A", 2026) == ["kế hoạch, báo cáo năm 2026"]
    assert ui.demo_parts(rows, "A", 2027) == []  # real plan; the demo index was superseded
    assert ui.demo_parts(rows, "B", 2027, shows=("indices",)) == []
    assert ui.demo_parts(rows, "B", None) == ["kế hoạch, báo cáo"]
    assert ui.demo_parts(rows, "C", None) == []


def test_an_unknown_department_is_asked_once_and_remembered(demo_db):
    rows = [
        ["KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2027"],
        [],
        ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời hạn"],
        ["I", "CẢI CÁCH THỂ CHẾ"],
        ["1", "Rà soát văn bản", "Tổ Một cửa liên thông", "Cả năm"],
        ["2", "Lập dự toán", "Phòng Tài chính - Kế hoạch", "Cả năm"],
    ]
    data = xlsx_bytes({"KH": rows})
    at = run_app("upload")
    at.text_input(key="u_by").input("Lê Văn C").run()
    pick(at, ("ke-hoach-2027.xlsx", data))
    digest = sha256(data)
    assert at.selectbox(key=f"u_teach_{digest}_0").label == "«Tổ Một cửa liên thông» là"
    assert at.button(key=f"u_teach_go_{digest}").disabled  # every name needs an answer
    at.selectbox(key=f"u_teach_{digest}_0").set_value("TTPVHCC").run()
    at.selectbox(key=f"u_teach_{digest}_1").set_value("__new__").run()
    at.text_input(key=f"u_teach_code_{digest}_1").input("TCKH").run()
    at.button(key=f"u_teach_go_{digest}").click().run()
    assert not at.exception
    assert any("hợp lệ, sẽ nạp" in s.value for s in at.success)  # checked again, now clean
    # remembered: the command line's next load of the same names needs nothing
    again = load_bytes(data, "kh.xlsx", Options(dry_run=True), demo_db)
    assert again.status == "valid"
    con = duckdb.connect(str(demo_db), read_only=True)
    learned = con.execute(
        "SELECT alias, code, added_by FROM department_aliases ORDER BY alias"
    ).fetchall()
    added = con.execute("SELECT code, name FROM departments").fetchall()
    con.close()
    assert learned == [
        ("Phòng Tài chính - Kế hoạch", "TCKH", "Lê Văn C"),
        ("Tổ Một cửa liên thông", "TTPVHCC", "Lê Văn C"),
    ]
    assert added == [("TCKH", "Phòng Tài chính - Kế hoạch")]


def test_the_card_says_how_the_file_was_read_and_a_column_role_can_be_changed(demo_db):
    head = ["STT", "Nhiệm vụ", "Đánh giá", "Tình trạng (quý trước)", "Tỷ lệ (%)"]
    rows = [["1", I1, "Đã hoàn thành", "Đang thực hiện", 100]]
    data = xlsx_bytes(
        {
            "Báo cáo": [
                ["UBND PHƯỜNG VÕ CƯỜNG"],
                ["BÁO CÁO CCHC Quý IV năm 2026"],
                ["Đơn vị báo cáo: Phòng Văn hóa – Xã hội"],
                [],
                head,
                *rows,
            ]
        }
    )
    at = run_app("upload")
    pick(at, ("bao-cao.xlsx", data))
    digest = sha256(data)
    reading = next(t.value for t in at.table if "Lấy từ" in t.value.columns)
    assert reading.loc["Kỳ báo cáo"].to_dict() == {
        "Đọc được": "Quý IV/2026",
        "Lấy từ": "tiêu đề, dòng 2",
    }
    assert reading.loc["Đơn vị", "Lấy từ"] == "tiêu đề, dòng 1"
    status = at.selectbox(key=f"u_role_{digest}_status")
    assert status.value == "D"  # 'Tình trạng' named more strongly than 'Đánh giá'
    status.set_value("C").run()
    columns = next(t.value for t in at.table if "Cột" in t.value.columns)
    assert columns.loc["Tình trạng"].to_dict() == {
        "Cột": "C",
        "Tiêu đề trong tệp": "Đánh giá",
        "Giá trị": "do bạn chọn",
    }
    assert any("hợp lệ, sẽ nạp" in s.value for s in at.success)


def test_a_cell_linking_another_workbook_is_used_only_once_the_clerk_says_so(demo_db):
    """Issue #16: a formula reading another workbook is a problem until its stored value is
    accepted, on the page as with --accept-external-links."""
    import io

    import openpyxl

    from tests.etl.cellxml import with_cell

    data = report([[*GOOD[0][:4], "Đang thực hiện", 80]])
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == 80)
    data = with_cell(data, 1, cell.coordinate, f"<f>'[1]Tổng hợp'!{cell.coordinate}</f><v>80</v>")
    before = uploads(demo_db)
    at = run_app("upload")
    at.text_input(key="u_by").set_value("Nguyễn Văn A").run()
    pick(at, ("bao-cao-q4.xlsx", data))
    assert "Ô lấy giá trị từ một tệp Excel khác" in texts(at)
    assert not buttons(at, "Nạp vào cơ sở dữ liệu")
    [tick] = [c for c in at.checkbox if c.label.startswith("Giá trị đang lưu trong các ô liên kết")]
    assert f"(1 ô: {cell.coordinate})" in tick.label
    tick.check().run()
    assert any("hợp lệ, sẽ nạp Báo cáo tiến độ" in s.value for s in at.success)
    buttons(at, "Nạp vào cơ sở dữ liệu")[0].click().run()
    assert len(uploads(demo_db)) == len(before) + 1
    con = duckdb.connect(str(demo_db), read_only=True)
    percent = con.execute(
        "SELECT percent FROM task_reports ORDER BY upload_id DESC LIMIT 1"
    ).fetchone()
    con.close()
    assert percent == (80.0,)
