"""The meeting deck as a PowerPoint file: 16:9, a title slide, one chart per slide with its
takeaway sentence, and the overdue tasks as a table on the last slide(s).

Every text run names Noto Sans, so PowerPoint and LibreOffice lay the slides out alike, and
every number comes from the same slides and queries the dashboard shows.
"""

from __future__ import annotations

import io
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
# Chart images are rendered at this size and fill the slide's width between the margins.
IMAGE_W, IMAGE_H = 1280, 544
ROWS_PER_TABLE_SLIDE = 10

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


def _title_slide(prs, context: slides.Context, demo: bool, count: int) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _text(
        slide,
        SIDE,
        Inches(2.0),
        WIDE - 2 * SIDE,
        Inches(1.2),
        "Tiến độ cải cách hành chính",
        40,
        bold=True,
        color=NAVY,
        align=PP_ALIGN.CENTER,
    )
    _text(
        slide,
        SIDE,
        Inches(3.2),
        WIDE - 2 * SIDE,
        Inches(0.7),
        f"{context.unit} — {context.label}",
        26,
        align=PP_ALIGN.CENTER,
    )
    _text(
        slide,
        SIDE,
        Inches(4.0),
        WIDE - 2 * SIDE,
        Inches(0.5),
        f"Số liệu đến ngày {fmt.day(context.scope.as_of)} · {count} biểu đồ",
        18,
        color=GREY,
        align=PP_ALIGN.CENTER,
    )
    if demo:
        _text(
            slide,
            SIDE,
            Inches(5.0),
            WIDE - 2 * SIDE,
            Inches(0.6),
            "DỮ LIỆU MẪU (DEMO) — số liệu minh họa, không phải số liệu thật của đơn vị",
            18,
            bold=True,
            color=RED,
            align=PP_ALIGN.CENTER,
        )


def _chart_slide(prs, item: slides.Slide, png: bytes) -> object:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _text(slide, SIDE, Inches(0.3), WIDE - 2 * SIDE, Inches(0.7), item.title, 28, bold=True)
    width = WIDE - 2 * SIDE
    height = Emu(int(width * IMAGE_H / IMAGE_W))
    slide.shapes.add_picture(io.BytesIO(png), SIDE, Inches(1.05), width, height)
    _text(
        slide,
        SIDE,
        Inches(1.1) + height,
        WIDE - 2 * SIDE,
        Inches(0.75),
        item.takeaway,
        20,
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


def _short(text: str, limit: int = 110) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _table_slides(prs, rows: pd.DataFrame) -> list:
    """The overdue list, ten rows a slide; one slide saying so when there is none."""
    made = []
    chunks = [
        rows.iloc[i : i + ROWS_PER_TABLE_SLIDE] for i in range(0, len(rows), ROWS_PER_TABLE_SLIDE)
    ] or [rows]
    widths = [Inches(0.9), Inches(6.5), Inches(2.3), Inches(1.3), Inches(1.333)]
    for i, chunk in enumerate(chunks):
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        title = f"Nhiệm vụ quá hạn ({len(rows)})" + (" — tiếp theo" if i else "")
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
        for c, width in enumerate(widths):
            table.columns[c].width = width
        for c, name in enumerate(rows.columns):
            _cell(table.cell(0, c), name, bold=True, fill=HEADER_FILL)
        for r, values in enumerate(chunk.itertuples(index=False), start=1):
            for c, value in enumerate(values):
                right = c in (3, 4)
                _cell(table.cell(r, c), _short(str(value)) if c == 1 else str(value), right=right)
    return made


def _cell(cell, text: str, bold: bool = False, fill=None, right: bool = False) -> None:
    cell.text = ""
    para = cell.text_frame.paragraphs[0]
    para.alignment = PP_ALIGN.RIGHT if right else PP_ALIGN.LEFT
    run = para.add_run()
    run.text = text
    run.font.name = FONT
    run.font.size = Pt(13)
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
        _chart_slide(prs, item, images.png(item.figure, IMAGE_W, IMAGE_H, scale=2))
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
