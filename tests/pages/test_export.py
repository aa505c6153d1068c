from urllib.parse import parse_qs, urlparse

from cchc import office, ui
from tests.pages.apptest import run_app


def _link(at) -> dict[str, list[str]]:
    button = at.link_button[0]
    return parse_qs(urlparse(button.proto.url).query)


def test_default_deck_is_ticked_and_opens_in_the_presentation(demo_db):
    at = run_app("export", ky="Q3")
    ticked = [c.key.removeprefix("x_pick_") for c in at.checkbox if c.value]
    assert ticked == [
        "area",
        "department",
        "trend",
        "index-PAR",
        "index-SIPAS",
        "index-PCI",
        "index-DDCI",
        "index-766",
    ]
    link = _link(at)
    assert link["ky"] == ["Q3"] and link["bo"] == [",".join(ticked)]
    assert "tu_dong" not in link
    assert at.link_button[0].proto.label == "Mở chế độ trình chiếu (8 biểu đồ)"


def test_choosing_charts_and_auto_advance_changes_the_link(demo_db):
    at = run_app("export", ky="Q3")
    at.checkbox(key="x_pick_department").uncheck()
    at.checkbox(key="x_pick_heatmap").check()
    at.selectbox(key="x_auto").set_value(30).run()
    link = _link(at)
    assert link["bo"][0].startswith("area,heatmap,trend,index-PAR")
    assert link["tu_dong"] == ["30"]
    assert at.query_params["bo"].startswith("area,heatmap,trend")


def test_nothing_chosen_means_nothing_to_build(demo_db):
    at = run_app("export", ky="Q3", bo="area")
    at.checkbox(key="x_pick_area").uncheck().run()
    assert next(b for b in at.button if b.key == "x_make_deck").disabled


def test_building_the_deck_offers_the_file_and_its_pdf(demo_db):
    at = run_app("export", ky="Q3", bo="area,index-PAR")
    at.button(key="x_make_deck").click().run()
    assert any("Đã tạo xong bộ trình chiếu" in s.value for s in at.success)
    names = [d.proto.label for d in at.get("download_button")]
    assert "Tải trinh-chieu-phuong-vo-cuong-quy-iii-2026.pptx" in names
    if office.available():
        at.button(key="x_deck_pdf").click().run()
        names = [d.proto.label for d in at.get("download_button")]
        assert "Tải trinh-chieu-phuong-vo-cuong-quy-iii-2026.pdf" in names
        # the PDF is made: its button is gone, now and on the next run (issue #12, finding 9)
        assert "x_deck_pdf" not in [b.key for b in at.button]
        at.run()
        assert "x_deck_pdf" not in [b.key for b in at.button]
        assert "Tải trinh-chieu-phuong-vo-cuong-quy-iii-2026.pdf" in [
            d.proto.label for d in at.get("download_button")
        ]
    # another period: the file made for Q3 is not offered for Q2
    at.query_params["ky"] = "Q2"
    at.selectbox(key="f_period").set_value("Q2").run()
    assert not any("Đã tạo xong" in s.value for s in at.success)


def test_building_the_report(demo_db):
    at = run_app("export", ky="Q3")
    at.button(key="x_make_report").click().run()
    assert any("Đã tạo xong báo cáo" in s.value for s in at.success)
    names = [d.proto.label for d in at.get("download_button")]
    assert "Tải bao-cao-phuong-vo-cuong-quy-iii-2026.docx" in names


def test_without_libreoffice_the_page_says_how_to_install(demo_db, monkeypatch):
    monkeypatch.setattr(office, "soffice_path", lambda: None)
    at = run_app("export", ky="Q3", bo="area")
    at.button(key="x_make_deck").click().run()
    assert any("sudo apt-get install" in i.value for i in at.info)


def test_auto_advance_accepts_only_sensible_seconds():
    assert ui.auto_advance_seconds("30") == 30
    assert ui.auto_advance_seconds("3") == 3
    assert ui.auto_advance_seconds("2") == 0
    assert ui.auto_advance_seconds("601") == 0
    assert ui.auto_advance_seconds("-5") == 0
    assert ui.auto_advance_seconds(None) == 0
