"""The meeting deck as a PowerPoint file: 16:9, a title slide, one chart per slide with its
takeaway sentence, and the overdue tasks as a table on the last slide(s).

Every text run names Noto Sans, so PowerPoint and LibreOffice lay the slides out alike, and
every number comes from the same slides and queries the dashboard shows.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable

import pandas as pd
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from cchc import fmt, images, slides, tasklist
from cchc.vocab import department_short

PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
FONT = "Noto Sans"
NAVY = RGBColor(0x0B, 0x3D, 0x91)
INK = RGBColor(0x1F, 0x29, 0x33)
GREY = RGBColor(0x55, 0x60, 0x6B)
RED = RGBColor(0xC6, 0x28, 0x28)
HEADER_FILL = RGBColor(0xE8, 0xEE, 0xF7)
WIDE, TALL = Inches(13.333), Inches(7.5)
SIDE = Inches(0.5)
# Chart images are drawn at this size and fill the slide's width between the margins: 1 px is
# 0,81 pt there, so the charts' 20 px type is 16 pt on the slide.
IMAGE_W, IMAGE_H = 1100, 400
TITLE_PT, TOPIC_PT, TAKEAWAY_PT, TABLE_PT = 26, 16, 20, 18
# The overdue table: column widths (inches), and the height a slide gives it (points).
TABLE_WIDTHS = (1.0, 5.9, 2.5, 1.65, 1.283)
TABLE_ROOM_PT = 5.7 * 72
LINE_PT = TABLE_PT * 1.37  # Noto Sans' line: ascent + descent
CELL_PAD_PT = 0.08 * 72

Progress = Callable[[float, str], None]


def _text(slide, left, top, width, height, text: str, size: int, **style) -> None:
    """A text box with one paragraph in Noto Sans."""
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = style.get("anchor", MSO_ANCHOR.TOP)
    para = frame.paragraphs[0]
    para.alignment = style.get("align", PP_ALIGN.LEFT)
    run = para.add_run()
    run.text = text
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = style.get("bold", False)
    run.font.color.rgb = style.get("color", INK)


def _footer(slide, footer: str, number: int, total: int) -> None:
    _text(
        slide,
        SIDE,
        TALL - Inches(0.45),
        WIDE - 2 * SIDE,
        Inches(0.35),
        f"{footer} · trang {number}/{total}",
        11,
        color=GREY,
        align=PP_ALIGN.CENTER,
    )


def title_lines(context: slides.Context, demo: bool, count: int) -> list[str]:
    """The title slide's lines (the projector shows the same): title, unit and period, data
    date and number of charts, and the DEMO warning when demo data is shown."""
    lines = [
        "Tiến độ cải cách hành chính",
        f"{context.unit} — {context.label}",
        f"Số liệu đến ngày {fmt.day(context.scope.as_of)} · {count} biểu đồ",
    ]
    if demo:
        lines.append("DỮ LIỆU MẪU (DEMO) — số liệu minh họa, không phải số liệu thật của đơn vị")
    return lines


def _title_slide(prs, context: slides.Context, demo: bool, count: int) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    styles = [
        (Inches(2.0), Inches(1.2), 40, {"bold": True, "color": NAVY}),
        (Inches(3.2), Inches(0.7), 26, {}),
        (Inches(4.0), Inches(0.5), 18, {"color": GREY}),
        (Inches(5.0), Inches(0.6), 18, {"bold": True, "color": RED}),
    ]
    for line, (top, height, size, style) in zip(
        title_lines(context, demo, count), styles, strict=False
    ):
        _text(slide, SIDE, top, WIDE - 2 * SIDE, height, line, size, align=PP_ALIGN.CENTER, **style)


def _chart_slide(prs, item: slides.Slide, png: bytes) -> object:
    """The finding as the title (up to two lines), what the chart shows under it in grey, the
    chart without its own title, the takeaway sentence under it."""
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _text(
        slide,
        SIDE,
        Inches(0.25),
        WIDE - 2 * SIDE,
        Inches(0.95),
        item.title,
        TITLE_PT if len(item.title) <= 90 else TITLE_PT - 4,  # two lines at most
        bold=True,
        anchor=MSO_ANCHOR.BOTTOM,
    )
    _text(slide, SIDE, Inches(1.2), WIDE - 2 * SIDE, Inches(0.4), item.topic, TOPIC_PT, color=GREY)
    width = WIDE - 2 * SIDE
    height = Emu(int(width * IMAGE_H / IMAGE_W))
    slide.shapes.add_picture(io.BytesIO(png), SIDE, Inches(1.6), width, height)
    _text(
        slide,
        SIDE,
        Inches(1.65) + height,
        WIDE - 2 * SIDE,
        Inches(0.75),
        item.takeaway,
        TAKEAWAY_PT,
        bold=True,
        color=NAVY,
        align=PP_ALIGN.CENTER,
    )
    return slide


def overdue_rows(context: slides.Context) -> pd.DataFrame:
    """The overdue tasks as the last slide lists them, most days late first."""
    tasks = context.query("task_status", context.scope)
    late = tasklist.overdue(tasks, context.scope.as_of)
    return pd.DataFrame(
        {
            "Mã": late["code"],
            "Nhiệm vụ": late["title"],
            "Chủ trì": late["lead_department"]
            .map(department_short)
            .where(late["lead_department"].notna(), late["lead_department"]),
            "Thời hạn": late["deadline"].map(fmt.day),
            "Số ngày quá hạn": late["days_late"].map(fmt.number),
        }
    )


def _lines(text: str, inches: float) -> int:
    """How many lines `text` takes in a cell `inches` wide at TABLE_PT (Noto Sans averages
    about 0,5 em a character, as measured on the deck; by whole words, as the cell wraps)."""
    per_line = max(int((inches * 72 - 14) / (TABLE_PT * 0.5)), 4)
    return max(len(textwrap.wrap(str(text), per_line, break_long_words=False)), 1)


def _row_pt(values: list[str]) -> float:
    lines = max(_lines(v, w) for v, w in zip(values, TABLE_WIDTHS, strict=True))
    return lines * LINE_PT + CELL_PAD_PT


def table_pages(rows: pd.DataFrame) -> list[pd.DataFrame]:
    """The overdue list cut into the slides it fills, every title whole (wrapped, never cut):
    as many rows as fit under the header on each slide."""
    room = TABLE_ROOM_PT - _row_pt(list(rows.columns))
    pages, start, used = [], 0, 0.0
    for i, values in enumerate(rows.astype(str).itertuples(index=False)):
        need = _row_pt(list(values))
        if i > start and used + need > room:
            pages.append(rows.iloc[start:i])
            start, used = i, 0.0
        used += need
    pages.append(rows.iloc[start:])
    return pages


def table_title(rows: pd.DataFrame, page: int, pages: int) -> str:
    """'Nhiệm vụ quá hạn (4)', then 'Nhiệm vụ quá hạn (12) — tiếp theo (2/3)'."""
    title = f"Nhiệm vụ quá hạn ({len(rows)})"
    return title + (f" — tiếp theo ({page}/{pages})" if page > 1 else "")


def _table_slides(prs, rows: pd.DataFrame) -> list:
    """The overdue list at 18 pt, continued on as many slides as it needs; one slide saying so
    when there is none."""
    made = []
    chunks = table_pages(rows)
    for i, chunk in enumerate(chunks, start=1):
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        title = table_title(rows, i, len(chunks))
        _text(slide, SIDE, Inches(0.3), WIDE - 2 * SIDE, Inches(0.7), title, 28, bold=True)
        made.append(slide)
        if rows.empty:
            _text(
                slide,
                SIDE,
                Inches(3.0),
                WIDE - 2 * SIDE,
                Inches(1.0),
                "Không có nhiệm vụ nào quá hạn.",
                28,
                color=NAVY,
                align=PP_ALIGN.CENTER,
            )
            continue
        shape = slide.shapes.add_table(
            len(chunk) + 1, len(rows.columns), SIDE, Inches(1.15), WIDE - 2 * SIDE, Inches(0.5)
        )
        table = shape.table
        for c, width in enumerate(TABLE_WIDTHS):
            table.columns[c].width = Inches(width)
        table.rows[0].height = Pt(_row_pt(list(rows.columns)))
        for c, name in enumerate(rows.columns):
            _cell(table.cell(0, c), name, bold=True, fill=HEADER_FILL)
        for r, values in enumerate(chunk.astype(str).itertuples(index=False), start=1):
            table.rows[r].height = Pt(_row_pt(list(values)))
            for c, value in enumerate(values):
                _cell(table.cell(r, c), value, right=c in (3, 4))
    return made


def _cell(cell, text: str, bold: bool = False, fill=None, right: bool = False) -> None:
    cell.text = ""
    cell.text_frame.word_wrap = True
    para = cell.text_frame.paragraphs[0]
    para.alignment = PP_ALIGN.RIGHT if right else PP_ALIGN.LEFT
    run = para.add_run()
    run.text = text
    run.font.name = FONT
    run.font.size = Pt(TABLE_PT)
    run.font.bold = bold
    run.font.color.rgb = INK
    cell.margin_top = cell.margin_bottom = Inches(0.04)
    if fill is not None:
        cell.fill.solid()
        cell.fill.fore_color.rgb = fill
    else:
        cell.fill.background()


def build(
    context: slides.Context, keys: list[str] | None = None, progress: Progress | None = None
) -> bytes:
    """The deck of the chosen charts (the default deck when none) as .pptx bytes."""
    say = progress or (lambda _f, _m: None)
    say(0.0, "Đang chuẩn bị số liệu…")
    items = slides.deck(context, keys)
    demo = bool(context.query("is_demo", context.unit))
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDE, TALL
    _title_slide(prs, context, demo, len(items))
    for i, item in enumerate(items, start=1):
        say((i - 1) / (len(items) + 1), f"Đang vẽ biểu đồ {i}/{len(items)}: {item.title}…")
        _chart_slide(prs, item, images.png(item.figure, IMAGE_W, IMAGE_H, scale=2, deck=True))
    say(len(items) / (len(items) + 1), "Đang lập bảng nhiệm vụ quá hạn…")
    _table_slides(prs, overdue_rows(context))
    footer = f"{'DỮ LIỆU MẪU (DEMO) · ' if demo else ''}{context.unit} · {context.label} · "
    footer += f"số liệu đến {fmt.day(context.scope.as_of)}"
    total = len(prs.slides)
    for number, slide in enumerate(prs.slides, start=1):
        if number > 1:
            _footer(slide, footer, number, total)
    prs.core_properties.title = f"Tiến độ cải cách hành chính — {context.unit} — {context.label}"
    buf = io.BytesIO()
    prs.save(buf)
    say(1.0, "Đã tạo xong bộ trình chiếu.")
    return buf.getvalue()
