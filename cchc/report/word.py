"""Word helpers for an administrative document (Nghị định 30/2020): A4, Times New Roman 13 pt,
tables with a repeated shaded header, pictures with captions, highlighted prompts and page
numbers."""

from __future__ import annotations

import io

from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

FONT = "Times New Roman"  # Nghị định 30/2020; LibreOffice renders it with Liberation Serif
SIZE = Pt(13)
TABLE_SIZE = Pt(11)
NOTE_SIZE = Pt(11)
CHART_WIDTH = Cm(16)
RED = RGBColor(0xC0, 0x00, 0x00)


def set_font(element, size: Pt | None = None) -> None:
    """Name FONT for every script on a style's or run's rPr (theme fonts removed), so Word
    never substitutes its own."""
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), FONT)
    if size is not None:
        for tag in ("w:sz", "w:szCs"):
            el = rpr.find(qn(tag))
            if el is None:
                el = OxmlElement(tag)
                rpr.append(el)
            el.set(qn("w:val"), str(int(size.pt * 2)))


def setup(doc) -> None:
    """A4, Nghị định 30 margins, FONT 13 pt everywhere, black headings, Vietnamese language,
    the page number centred at the top of every page but the first."""
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = SIZE
    set_font(normal.element, SIZE)
    lang = OxmlElement("w:lang")
    for attr in ("val", "eastAsia", "bidi"):
        lang.set(qn(f"w:{attr}"), "vi-VN")
    normal.element.get_or_add_rPr().append(lang)
    pf = normal.paragraph_format
    pf.space_before, pf.space_after, pf.line_spacing = Pt(0), Pt(6), 1.1
    for level in (1, 2, 3):
        style = doc.styles[f"Heading {level}"]
        style.font.name = FONT
        style.font.size = SIZE
        style.font.bold = True
        style.font.italic = level == 3
        style.font.color.rgb = RGBColor(0, 0, 0)
        color = style.element.rPr.find(qn("w:color"))
        for attr in ("themeColor", "themeShade", "themeTint"):
            color.attrib.pop(qn(f"w:{attr}"), None)
        set_font(style.element, SIZE)
        hpf = style.paragraph_format
        hpf.space_before, hpf.space_after = Pt(6), Pt(6)
        hpf.first_line_indent = Cm(1) if level > 1 else None
        hpf.keep_with_next = True
    page_numbers(section)


def _field(run, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) in a run: begin, instruction, separate, end."""
    for kind, text in (("begin", None), (None, instruction), ("separate", None), ("end", None)):
        if kind is None:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run._r.append(el)


def page_numbers(section) -> None:
    """Nghị định 30: the page number in Arabic figures, centred in the top margin, not shown
    on the first page."""
    section.different_first_page_header_footer = True
    section.header_distance = Cm(1)
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    run.font.size = SIZE
    _field(run, "PAGE")


def landscape_section(doc):
    """A new landscape A4 section (for a wide appendix table), keeping the page numbers."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    section.left_margin, section.right_margin = Cm(2), Cm(2)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.different_first_page_header_footer = False
    return section


def para(doc, text: str = "", *, bold=False, italic=False, align=None, indent=True, size=None):
    p = doc.add_paragraph()
    p.paragraph_format.alignment = align if align is not None else WD_ALIGN_PARAGRAPH.JUSTIFY
    if indent:
        p.paragraph_format.first_line_indent = Cm(1)
    if text:
        run = p.add_run(text)
        run.bold, run.italic = bold or None, italic or None
        if size is not None:
            run.font.size = size
    return p


def bullet(doc, text: str, lead: str = "") -> None:
    """'- text' as administrative documents write a point; `lead` in bold before the text."""
    p = para(doc, "- ")
    if lead:
        p.add_run(lead).bold = True
    p.add_run(text)


def prompt(doc_or_par, text: str, new_paragraph: bool = True) -> None:
    """An editor prompt, highlighted so staff see what is left to write."""
    p = para(doc_or_par) if new_paragraph else doc_or_par
    run = p.add_run(text)
    run.italic = True
    run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def heading(doc, text: str, level: int) -> None:
    doc.add_heading(text, level)


def shade(cell, fill: str = "D9D9D9") -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def widths(table, widths_cm) -> None:
    """Column widths in the grid and in every cell: Word reads one, LibreOffice the other."""
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)


def table(doc, header, rows, widths_cm, numeric=(), bold_last=False, size=TABLE_SIZE):
    """A 'Table Grid' table: bold shaded header repeated on each page, numbers right-aligned,
    no row split over two pages."""
    t = doc.add_table(rows=1, cols=len(header))
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    t.rows[0]._tr.get_or_add_trPr().append(flag)
    for _ in rows:
        t.add_row()
    widths(t, widths_cm)
    for row in t.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    for r, values in enumerate([header, *rows]):
        is_bold = r == 0 or (bold_last and r == len(rows))
        for c, value in enumerate(values):
            cell = t.cell(r, c)
            p = cell.paragraphs[0]
            p.paragraph_format.space_after = Pt(2)
            p.paragraph_format.space_before = Pt(2)
            p.paragraph_format.line_spacing = 1.0
            if r == 0:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                shade(cell)
            elif c in numeric:
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            else:
                p.alignment = WD_ALIGN_PARAGRAPH.LEFT
            run = p.add_run(str(value))
            run.font.size = size
            run.bold = is_bold or None
    para(doc, indent=False).paragraph_format.space_after = Pt(0)  # air after the table
    return t


def caption(doc, text: str, bold: bool = True) -> None:
    """A table's title above it, kept on the table's page."""
    p = para(doc, text, bold=bold, indent=False)
    p.paragraph_format.keep_with_next = True


def picture(doc, png: bytes, text: str) -> None:
    doc.add_picture(io.BytesIO(png), width=CHART_WIDTH)
    pic = doc.paragraphs[-1]
    pic.alignment = WD_ALIGN_PARAGRAPH.CENTER
    pic.paragraph_format.first_line_indent = None
    pic.paragraph_format.keep_with_next = True
    para(doc, text, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, size=NOTE_SIZE)


def note(doc, mark: str, text: str) -> None:
    """A marked note in smaller italics ('(*) Số liệu tính đến …'), as documents add them."""
    p = para(doc, indent=False, size=NOTE_SIZE)
    lead = p.add_run(f"{mark} ")
    lead.bold = True
    lead.font.size = NOTE_SIZE
    run = p.add_run(text)
    run.italic = True
    run.font.size = NOTE_SIZE


def cell_lines(cell, lines: list[tuple[str, bool, bool, Pt]], align=WD_ALIGN_PARAGRAPH.CENTER):
    """Fill a layout cell with (text, bold, italic, size) lines."""
    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    for text, bold, italic, size in lines:
        p = cell.add_paragraph()
        p.alignment = align
        p.paragraph_format.space_after = Pt(0)
        p.paragraph_format.line_spacing = 1.0
        run = p.add_run(text)
        run.bold, run.italic = bold or None, italic or None
        run.font.size = size
