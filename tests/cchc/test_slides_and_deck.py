import io
from datetime import date

import pandas as pd
import pytest
from PIL import Image
from pptx import Presentation

from cchc import charts, deck, images, queries, slides, tasklist
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
    # four areas with one overdue task each: a tie, said as one (issue #12, finding 8)
    assert by_key["area"] == (
        "28/64 nhiệm vụ đã hoàn thành (43,8%); 4 quá hạn, mỗi lĩnh vực 1: Thể chế, Thủ tục "
        "hành chính, Tổ chức bộ máy và Chế độ công vụ."
    )
    # demo data/README.md: the area losing most PAR points in 2025 (3,5 points)
    assert by_key["parts-PAR"] == (
        "PAR 2025: mất nhiều điểm nhất ở “Cải cách thủ tục hành chính” (3,50 điểm)."
    )
    titles = {s.key: s.title for s in built}
    assert titles["area"] == "Hoàn thành 43,8%; 4 nhiệm vụ quá hạn ở 4 lĩnh vực"
    assert titles["department"] == "4 nhiệm vụ quá hạn, nhiều nhất ở P. Văn hóa – Xã hội"
    assert titles["index-PAR"] == "PAR 2025: 88,70, tăng 3,30 so với 2024, chưa đạt mục tiêu 90"
    assert titles["index-PCI"].startswith("PCI của tỉnh 2024")  # the province's, not the ward's
    # the title states the finding, never the chart's own title again
    assert all(s.title != s.topic and s.topic for s in built)


def _counts(per_group: dict[str, int]) -> pd.DataFrame:
    return pd.DataFrame(
        {"grp": list(per_group), "status": "overdue", "n": list(per_group.values())}
    )


@pytest.mark.parametrize(
    ("per_area", "takeaway", "title"),
    [
        (
            {"procedures": 2, "institutions": 1},
            "3 quá hạn, nhiều nhất ở Thủ tục hành chính (2).",
            "3 nhiệm vụ quá hạn, nhiều nhất ở Thủ tục hành chính",
        ),
        (
            {"institutions": 1, "procedures": 1},
            "2 quá hạn, mỗi lĩnh vực 1: Thể chế và Thủ tục hành chính.",
            "2 nhiệm vụ quá hạn ở 2 lĩnh vực",
        ),
        (
            {"institutions": 2, "procedures": 2, "digital": 1},
            "5 quá hạn, nhiều nhất ở Thể chế và Thủ tục hành chính (2 mỗi lĩnh vực).",
            "5 nhiệm vụ quá hạn, nhiều nhất ở Thể chế và Thủ tục hành chính",
        ),
        (
            {"procedures": 3},
            "3 quá hạn, đều ở Thủ tục hành chính.",
            "3 nhiệm vụ quá hạn, đều ở Thủ tục hành chính",
        ),
    ],
)
def test_overdue_said_with_its_ties(per_area, takeaway, title):
    n = sum(per_area.values())
    h = {"done": 10, "with_deadline": 40, "done_rate": 0.25, "overdue": n}
    text = slides.completion_takeaway(h, _counts(per_area))
    assert text == f"10/40 nhiệm vụ đã hoàn thành (25,0%); {takeaway}"
    assert slides.completion_title(h, _counts(per_area)) == f"Hoàn thành 25,0%; {title}"


def test_overdue_by_department_said_with_its_ties():
    three = _counts({"VP": 1, "VHXH": 1, "CAP": 1})
    assert slides.overdue_takeaway(three) == (
        "3 phòng, đơn vị cùng có 1 nhiệm vụ quá hạn: Văn phòng HĐND-UBND, P. Văn hóa – Xã hội "
        "và Công an phường."
    )
    assert slides.overdue_title(three) == "3 nhiệm vụ quá hạn ở 3 đơn vị"
    assert slides.overdue_takeaway(_counts({"VP": 0})) == (
        "Không phòng, đơn vị nào có nhiệm vụ quá hạn."
    )


def test_the_department_slide_shows_only_overdue_tasks(q3):
    [item] = slides.deck(q3, ["department"])
    assert {t.name for t in item.figure.data} == {"Quá hạn, chưa hoàn thành"}
    assert sum(sum(t.x) for t in item.figure.data) == 4


def test_heatmap_ties_said_as_ties():
    matrix = pd.DataFrame(
        {
            "department": ["VP", "VHXH", "CAP", "TTCU"],
            "area": ["digital"] * 4,
            "done": [2, 1, 0, 0],
            "total": [4, 2, 3, 1],
        }
    )
    assert slides.heatmap_takeaway(matrix) == (
        "Hoàn thành cao nhất: P. Văn hóa – Xã hội (1/2) và Văn phòng HĐND-UBND (2/4); thấp "
        "nhất: Công an phường (0/3) và TT Cung ứng DVSNC (0/1)."
    )
    assert slides.heatmap_title(matrix) == (
        "2 đơn vị cùng hoàn thành tỷ lệ cao nhất (50,0%), 2 đơn vị chưa hoàn thành nhiệm vụ nào"
    )
    one = matrix[matrix["department"].isin(["VP", "CAP"])].assign(done=[2, 1])
    assert slides.heatmap_title(one) == (
        "Văn phòng HĐND-UBND hoàn thành tỷ lệ cao nhất (50,0%), Công an phường thấp nhất (33,3%)"
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


def test_a_png_stands_alone_legend_unit_period_date_and_demo(q3):
    """The overview draws its charts without a legend (one shared legend beside them): the
    image carries its own, and says whose, which period, known to which day, demo or not."""
    fig = charts.status_bars(
        q3.query("status_counts", q3.scope, "area"), "area", "Tiến độ theo lĩnh vực", False
    )
    assert fig.layout.showlegend is False
    stamp = images.Stamp(UNIT, "Quý III/2026", Q3, demo=True)
    styled = images.standalone(images.presentation(fig), stamp)
    assert styled.layout.showlegend is True
    assert "Quá hạn, chưa hoàn thành" in {t.name for t in styled.data}
    line = styled.layout.title.subtitle.text
    for part in ("DỮ LIỆU MẪU (DEMO)", UNIT, "Quý III/2026", "Số liệu đến 30/09/2026"):
        assert part in line, part
    assert fig.layout.xaxis.title.text == "Số nhiệm vụ"  # the unit of what is counted
    real = images.standalone(images.presentation(fig), images.Stamp(UNIT, "Quý III/2026", Q3))
    assert "DEMO" not in real.layout.title.subtitle.text
    png = images.png(fig, 1600, 900, stamp=stamp)
    picture = Image.open(io.BytesIO(png)).convert("RGB")
    assert picture.size == (1600, 900)
    assert len(picture.getcolors(maxcolors=1_000_000)) > 50  # drawn, not a blank canvas
    colours = picture.crop((0, 40, 400, 110)).getcolors(maxcolors=1_000_000)
    red = sum(n for n, (r, g, _) in colours if r > 150 > g)
    assert red > 50  # the DEMO mark, in red, under the title


def test_an_index_png_has_its_unit_of_measure_and_its_target_in_the_legend(q3):
    [item] = slides.deck(q3, ["index-PAR"])
    assert item.figure.layout.yaxis.title.text == "Điểm"
    assert "Mục tiêu 90" in {t.name for t in item.figure.data}


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


def test_long_overdue_lists_continue_on_more_slides_at_18_pt_with_whole_titles():
    """Titles wrap, never cut mid-word (issue #12, finding 9); slides fill by height."""
    long_title = "Rà soát văn bản do HĐND, UBND phường ban hành để sửa đổi, bổ sung " * 3
    rows = pd.DataFrame(
        {
            "Mã": [f"II.{i}" for i in range(23)],
            "Nhiệm vụ": [long_title.strip() if i % 2 else "Số hóa hồ sơ" for i in range(23)],
            "Chủ trì": "P. Văn hóa – Xã hội",
            "Thời hạn": "30/06/2026",
            "Số ngày quá hạn": "92",
        }
    )
    prs = Presentation()
    made = deck._table_slides(prs, rows)
    assert len(made) >= 3
    tables = [next(s for s in sl.shapes if s.has_table).table for sl in made]
    cells = [t.cell(r, 1) for t in tables for r in range(1, len(t.rows))]
    assert [c.text for c in cells] == list(rows["Nhiệm vụ"])  # every row, every title whole
    sizes = {run.font.size.pt for c in cells for p in c.text_frame.paragraphs for run in p.runs}
    assert sizes == {18.0}
    heights = [sum(row.height for row in t.rows) for t in tables]
    assert max(heights) <= deck.Pt(deck.TABLE_ROOM_PT)  # each slide's table fits its room
    titles = [sl.shapes[0].text_frame.text for sl in made]
    assert titles[0] == "Nhiệm vụ quá hạn (23)"
    assert titles[1] == f"Nhiệm vụ quá hạn (23) — tiếp theo (2/{len(made)})"


def test_q3_deck_in_pdf_findings_as_titles_nothing_after_q3(q3, tmp_path):
    pages = rendered(deck.build(q3), ".pptx", tmp_path)
    assert len(pages.pngs) == 10  # title, 8 charts, overdue list
    text = " ".join(pages.text.split())
    for phrase in (
        "Tiến độ cải cách hành chính",
        "4 nhiệm vụ quá hạn, nhiều nhất ở P. Văn hóa – Xã hội",  # the finding as the title
        "Nhiệm vụ quá hạn theo phòng chủ trì",  # what the chart shows, under it
        "Chỉ số hài lòng (SIPAS)",
        "28/64 nhiệm vụ đã hoàn thành (43,8%)",
        "mỗi lĩnh vực 1: Thể chế, Thủ tục hành chính, Tổ chức bộ máy và Chế độ công vụ",
        "766 T9/2026: 92,15",
        "Xây dựng Đề án vị trí việc làm",
        "chính quyền địa phương 02 cấp",  # the end of II.3.2's 150-letter title: not cut
    ):
        assert phrase in text, phrase
    for later in ("T10/2026", "92,90", "Đến 26/11", "26/11/2026"):  # nothing after 30/09
        assert later not in text, later
    assert pages.images >= 8
    assert pages.fonts == {"NotoSans"}  # one font: every Vietnamese glyph found in it
    first_chart = Image.open(pages.pngs[1]).convert("RGB")
    assert len(first_chart.getcolors(maxcolors=1_000_000)) > 50
    per_page = pages.text.split("\f")
    for i, item in enumerate(slides.deck(q3), start=1):  # the title once on its slide
        assert " ".join(per_page[i].split()).count(item.title) == 1, item.title


def test_year_end_deck_in_pdf_holds_the_october_index(demo_db, tmp_path):
    query = queries.runner(demo_db)
    today = date(2026, 11, 26)  # CCHC_TODAY: the year is seen as of today
    context = slides.Context(query, queries.Scope(UNIT, 2026, today), "năm 2026", UNIT)
    pages = rendered(deck.build(context, ["area", "index-766"]), ".pptx", tmp_path)
    text = " ".join(pages.text.split())
    assert "Số liệu đến ngày 26/11/2026" in text
    assert "766 T10/2026: 92,90" in text


def test_a_deck_chart_leaves_its_title_to_the_slide(q3):
    [item] = slides.deck(q3, ["area"])
    assert item.figure.layout.title.text  # on the dashboard page the chart has its title
    assert images.presentation(item.figure, 400, deck=True).layout.title.text == ""


def test_a_q3_trend_slide_stops_at_the_end_of_q3(q3):
    """Seen on 26/11, a Q3 deck's trend has no 'Đến 26/11' point (issue #12, finding 1)."""
    [trend, over_time] = slides.deck(q3, ["trend", "over_time"])
    labels = [str(x) for t in trend.figure.data for x in t.x]
    assert labels and "Đến 26/11" not in labels and "Quý III" in labels
    assert trend.takeaway.startswith("Quý III: hoàn thành 43,8%")
    assert "26/11" not in over_time.takeaway


def test_a_procedures_slide_states_the_rates_against_the_plans_targets(q3):
    """Issue #15: the one-stop desk's rates as a deck slide, as known on the as-of date."""
    keys = [c.key for c in slides.catalogue(q3.query, UNIT, q3.scope.as_of)]
    assert "procedures" in keys and "procedures" not in slides.default_keys(
        slides.catalogue(q3.query, UNIT, q3.scope.as_of)
    )
    [slide] = slides.deck(q3, ["procedures"])
    assert (
        slide.title
        == "Tháng 9/2026: đúng hạn 99,2% (mục tiêu 100%), trực tuyến 72,8% (mục tiêu 80%)"
    )
    assert slide.takeaway.startswith("Tiếp nhận trực tuyến 286/393 hồ sơ mới (72,8%)")
    assert "Tháng 10" not in slide.takeaway
    labels = [str(x) for t in slide.figure.data for x in t.x]
    assert "T10" not in " ".join(labels) and labels
