import io
from datetime import date

import pandas as pd
import pytest
from PIL import Image
from pptx import Presentation

from cchc import deck, images, queries, slides, tasklist
from tests.pdfpages import rendered

UNIT = "Phường Võ Cường"
Q3 = date(2026, 9, 30)


@pytest.fixture
def q3(demo_db):
    query = queries.runner(demo_db)
    scope = queries.Scope(UNIT, 2026, Q3)
    return slides.Context(query, scope, "Quý III/2026", UNIT)


def test_catalogue_holds_every_page_chart_and_the_default_deck(q3):
    choices = slides.catalogue(q3.query, UNIT)
    keys = [c.key for c in choices]
    assert keys[:6] == ["area", "department", "heatmap", "trend", "over_time", "timeline"]
    assert {"index-PAR", "parts-PAR", "index-766", "parts-SIPAS"} <= set(keys)
    assert slides.default_keys(choices) == [
        "area",
        "department",
        "trend",
        "index-PAR",
        "index-SIPAS",
        "index-PCI",
        "index-DDCI",
        "index-766",
    ]


def test_deck_from_a_url_keeps_known_keys_in_order_once(q3):
    choices = slides.catalogue(q3.query, UNIT)
    assert slides.parse_keys("trend,bogus,area,trend", choices) == ["trend", "area"]
    assert slides.parse_keys("", choices) == slides.default_keys(choices)
    assert slides.parse_keys("nothing", choices) == slides.default_keys(choices)


def test_every_chart_of_the_catalogue_builds_with_a_takeaway(q3):
    keys = [c.key for c in slides.catalogue(q3.query, UNIT)]
    built = slides.deck(q3, keys)
    assert [s.key for s in built] == keys
    assert all(s.takeaway.endswith(".") for s in built), [s.takeaway for s in built]
    by_key = {s.key: s.takeaway for s in built}
    assert by_key["area"] == (
        "28/64 nhiệm vụ đã hoàn thành (43,8%); 4 quá hạn, nhiều nhất ở Thể chế, Thủ tục hành "
        "chính, Tổ chức bộ máy, Chế độ công vụ (1)."
    )
    # demo data/README.md: the area losing most PAR points in 2025 (3,5 points)
    assert by_key["parts-PAR"] == (
        "PAR 2025: mất nhiều điểm nhất ở “Cải cách thủ tục hành chính” (3,50 điểm)."
    )


def test_heatmap_takeaway_names_best_and_worst_department():
    matrix = pd.DataFrame(
        {
            "department": ["VP", "VP", "VHXH"],
            "area": ["digital", "procedures", "digital"],
            "done": [2, 2, 1],
            "total": [4, 4, 4],
        }
    )
    assert slides.heatmap_takeaway(matrix) == (
        "Hoàn thành cao nhất: Văn phòng HĐND-UBND (4/8); thấp nhất: P. Văn hóa – Xã hội (1/4)."
    )


def test_chart_png_has_the_presentation_size(q3):
    fig = slides.deck(q3, ["area"])[0].figure
    png = images.png(fig, 1600, 900)
    picture = Image.open(io.BytesIO(png))
    assert picture.size == (1600, 900)
    colours = picture.convert("RGB").getcolors(maxcolors=1_000_000)
    assert len(colours) > 50  # drawn: bars, text and legend, not a blank canvas


def test_sessions_exporting_at_once_each_get_their_own_image(q3):
    """kaleido's warm server has one request queue: without the lock, answers could swap."""
    from concurrent.futures import ThreadPoolExecutor

    fig = slides.deck(q3, ["area"])[0].figure
    sizes = [(640 + 40 * i, 360 + 20 * i) for i in range(6)]
    with ThreadPoolExecutor(max_workers=6) as pool:
        pngs = list(pool.map(lambda wh: images.png(fig, *wh), sizes))
    assert [Image.open(io.BytesIO(p)).size for p in pngs] == sizes


def test_png_without_chromium_says_how_to_install(monkeypatch):
    monkeypatch.setattr(images, "_started", False)
    monkeypatch.setattr(images, "chromium_path", lambda: None)
    with pytest.raises(images.ImageError, match="apt-get install -y chromium fonts-noto-core"):
        images.png(images.go.Figure())


def test_pptx_deck_title_charts_takeaways_and_overdue_table(q3):
    data = deck.build(q3, ["area", "department", "index-PAR"])
    prs = Presentation(io.BytesIO(data))
    assert (prs.slide_width, prs.slide_height) == (deck.WIDE, deck.TALL)  # 16:9
    texts = [[sh.text_frame.text for sh in s.shapes if sh.has_text_frame] for s in prs.slides]
    assert texts[0][:2] == ["Tiến độ cải cách hành chính", f"{UNIT} — Quý III/2026"]
    assert any("DỮ LIỆU MẪU (DEMO)" in t for t in texts[0])
    for i, item in enumerate(slides.deck(q3, ["area", "department", "index-PAR"]), start=1):
        assert item.title in texts[i] and item.takeaway in texts[i]
        assert sum(sh.shape_type == 13 for sh in prs.slides[i].shapes) == 1  # one picture
    table = next(sh.table for sh in prs.slides[4].shapes if sh.has_table)
    codes = [table.cell(r, 0).text for r in range(1, len(table.rows))]
    expected = tasklist.overdue(q3.query("task_status", q3.scope), Q3)["code"].tolist()
    assert codes == expected and len(codes) == 4
    assert texts[4][0] == "Nhiệm vụ quá hạn (4)"
    assert texts[-1][-1].endswith(f"trang {len(prs.slides)}/{len(prs.slides)}")


def test_long_overdue_lists_continue_on_more_slides(q3):
    rows = pd.DataFrame({c: [str(i)] * 23 for i, c in enumerate(["a", "b", "c", "d", "e"])})
    prs = Presentation()
    made = deck._table_slides(prs, rows)
    assert len(made) == 3
    assert [len(next(s for s in sl.shapes if s.has_table).table.rows) for sl in made] == [
        11,
        11,
        4,
    ]


def test_deck_in_pdf_shows_vietnamese_text_and_the_charts(q3, tmp_path):
    pages = rendered(deck.build(q3), ".pptx", tmp_path)
    assert len(pages.pngs) == 10  # title, 8 charts, overdue list
    for phrase in (
        "Tiến độ cải cách hành chính",
        "Nhiệm vụ quá hạn theo phòng chủ trì",
        "Chỉ số hài lòng (SIPAS)",
        "28/64 nhiệm vụ đã hoàn thành (43,8%)",
        "Xây dựng Đề án vị trí việc làm",
    ):
        assert phrase in pages.text, phrase
    assert pages.images >= 8
    assert pages.fonts == {"NotoSans"}  # one font: every Vietnamese glyph found in it
    first_chart = Image.open(pages.pngs[1]).convert("RGB")
    assert len(first_chart.getcolors(maxcolors=1_000_000)) > 50


def test_a_q3_trend_slide_stops_at_the_end_of_q3(q3):
    """Seen on 26/11, a Q3 deck's trend has no 'Đến 26/11' point (issue #12, finding 1)."""
    [trend, over_time] = slides.deck(q3, ["trend", "over_time"])
    labels = [str(x) for t in trend.figure.data for x in t.x]
    assert labels and "Đến 26/11" not in labels and "Quý III" in labels
    assert trend.takeaway.startswith("Quý III: hoàn thành 43,8%")
    assert "26/11" not in over_time.takeaway
