"""The periodic CCHC report (Báo cáo kết quả thực hiện công tác cải cách hành chính) as a Word
document: the outline Vietnamese CCHC reports use, filled with the dashboard's own figures,
tables and charts, for staff to edit and finish.

Every number comes through `query` (the dashboard's cached `ui.query`, or `queries.runner`
outside Streamlit), so the report says exactly what the dashboard shows; the takeaway sentences
are the deck's (`cchc.slides`). A few clearly highlighted prompts mark what only staff can write.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

import pandas as pd
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from cchc import charts, fmt, images, indexview, slides, tasklist
from cchc.periods import ROMAN_UP, month_end
from cchc.vocab import AREA_SHORT, AREAS, PLAN_AREAS, STATUSES, department_codes, department_short

if TYPE_CHECKING:  # cchc.ui imports streamlit; the report only needs the type
    from cchc.ui import Filters

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONT = "Times New Roman"  # Nghị định 30/2020; LibreOffice renders it with Liberation Serif
SIZE = Pt(13)
TABLE_SIZE = Pt(11)
CHART_WIDTH = Cm(16)
DEMO_LINE = "DỮ LIỆU MẪU (DEMO) — số liệu minh họa, không phải số liệu thật của đơn vị."
HEADINGS = (
    "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
    "II. KẾT QUẢ THỰC HIỆN THEO TỪNG LĨNH VỰC",
    "III. ĐÁNH GIÁ CHUNG",
    "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI",
)
DONE = ("done_on_time", "done_late")
OPEN_IN_TIME = ("in_progress", "not_started", "no_report")  # not done, deadline not passed
LIST_LIMIT = 12  # tasks listed per area and kind before "… và N nhiệm vụ khác"
SHORT_STATUS = {
    "in_progress": "Đang thực hiện",
    "not_started": "Chưa thực hiện",
    "no_report": "Chưa có báo cáo",
    "overdue": "Quá hạn",
}
RED = RGBColor(0xC0, 0x00, 0x00)

Progress = Callable[[float, str], None]


# --- Periods ---------------------------------------------------------------------------------


def period_text(filters: Filters) -> str:
    """How the report's title names its period: 'quý III năm 2026', '6 tháng đầu năm 2026'."""
    year = filters.year
    if filters.period == "Q1":
        return f"quý I năm {year}"
    if filters.period == "Q2":
        return f"6 tháng đầu năm {year}"
    if filters.period == "Q3":
        return f"quý III năm {year}"
    if filters.period in ("Q4", "year"):
        return f"năm {year}"
    return f"năm {year} (tính đến ngày {fmt.day(filters.as_of)})"


def period_start(filters: Filters) -> date:
    """The first day of the period the report covers (what counts as done 'in the period')."""
    if filters.period == "Q3":
        return date(filters.year, 7, 1)
    return date(filters.year, 1, 1)  # quý I, 6 months, the year, or the year so far


@dataclass(frozen=True)
class NextPeriod:
    """The window whose deadlines the next period must meet; `start` None = all unfinished."""

    label: str
    start: date | None
    end: date


def next_period(filters: Filters) -> NextPeriod:
    """Q1 -> quý II, Q2 -> quý III, Q3 -> quý IV; a year report carries on the unfinished tasks;
    a report to a date looks to the end of the quarter after it."""
    year = filters.year
    if filters.period in ("Q1", "Q2", "Q3"):
        q = int(filters.period[1]) + 1
        return NextPeriod(
            f"quý {ROMAN_UP[q]} năm {year}",
            month_end(year, 3 * q - 3) + timedelta(days=1),
            month_end(year, 3 * q),
        )
    start = filters.as_of + timedelta(days=1)
    if filters.period in ("Q4", "year") or start.year > year:
        return NextPeriod(f"năm {year + 1}", None, date(year, 12, 31))
    end = month_end(year, 3 * ((start.month - 1) // 3 + 1))
    return NextPeriod(f"thời gian từ {fmt.day(start)} đến {fmt.day(end)}", start, end)


# --- Data ------------------------------------------------------------------------------------


@dataclass
class Data:
    """Everything the report shows, read once through `query`."""

    filters: Filters
    today: date
    demo: bool
    loaded_at: object
    headline: dict
    by_area: pd.DataFrame
    by_dept: pd.DataFrame
    tasks: pd.DataFrame
    trend: pd.DataFrame
    calendar: pd.DataFrame
    missing: list[str]
    index_heads: pd.DataFrame
    index_scores: dict[str, pd.DataFrame] = field(default_factory=dict)

    @property
    def when(self) -> str:
        return period_text(self.filters)

    def done_in_period(self, area: str | None = None) -> pd.DataFrame:
        t = self.tasks
        done = t[t["status"].isin(DONE)]
        completed = pd.to_datetime(done["completed_on"]).dt.date
        done = done[completed.notna() & (completed >= period_start(self.filters))]
        return done if area is None else done[done["area"] == area]

    def overdue(self, area: str | None = None) -> pd.DataFrame:
        late = tasklist.overdue(self.tasks, self.filters.as_of)
        return late if area is None else late[late["area"] == area]


def _gather(query: Callable[..., object], filters: Filters, today: date, step: Progress) -> Data:
    scope = filters.scope
    step(0.05, "Đang đọc số liệu kế hoạch…")
    data = Data(
        filters=filters,
        today=today,
        demo=bool(query("is_demo", filters.unit)),
        loaded_at=query("last_loaded_at", filters.unit),
        headline=query("headline", scope),
        by_area=query("status_counts", scope, "area"),
        by_dept=query("status_counts", scope, "department"),
        tasks=query("task_status", scope),
        # the checkpoints up to the report's own date: Q1, 6 tháng, Q3… (not beyond it)
        trend=query("completion_trend", scope, filters.as_of),
        calendar=pd.DataFrame(),
        missing=[],
        index_heads=pd.DataFrame(),
    )
    step(0.2, "Đang đọc tình hình báo cáo của các phòng, đơn vị…")
    data.calendar = query("report_calendar", filters.unit, filters.year, filters.as_of)
    if filters.report_period_end.year == filters.year:  # else no period of this plan has ended
        data.missing = list(query("missing_reports", scope, filters.report_period_end))
    step(0.3, "Đang đọc kết quả các chỉ số…")
    data.index_heads = query("index_headlines", filters.unit, filters.as_of)
    for code in data.index_heads["index"] if not data.index_heads.empty else []:
        data.index_scores[code] = query("index_scores", filters.unit, code, filters.as_of)
    return data


# --- Figures derived from the data ----------------------------------------------------------


def area_rows(by_area: pd.DataFrame) -> pd.DataFrame:
    """Per area: tasks, done, open within the deadline, overdue, continuous and the completion
    rate (done over the tasks that are not continuous — the rule of `queries.headline`)."""
    wide = by_area.pivot_table(index="grp", columns="status", values="n", aggfunc="sum")
    wide = wide.reindex(columns=list(STATUSES), fill_value=0).fillna(0).astype(int)
    order = list(dict.fromkeys(by_area["grp"]))
    wide = wide.reindex(order)
    out = pd.DataFrame(
        {
            "tasks": wide.sum(axis=1),
            "done": wide[list(DONE)].sum(axis=1),
            "open": wide[list(OPEN_IN_TIME)].sum(axis=1),
            "overdue": wide["overdue"],
            "continuous": wide["continuous"],
        }
    )
    out = out[out["tasks"] > 0]
    with_deadline = out["tasks"] - out["continuous"]
    out["with_deadline"] = with_deadline
    out["rate"] = (out["done"] / with_deadline.where(with_deadline > 0)).astype(float)
    return out


def _dept(code: object) -> str:
    if code == "ALL":
        return "Các phòng, đơn vị"
    return department_short(code) if isinstance(code, str) else ""


def _lower_first(name: str) -> str:
    """'Phường Võ Cường' -> 'phường Võ Cường' (inside a sentence)."""
    return name[:1].lower() + name[1:]


def _names(codes: list[str]) -> str:
    return ", ".join(_dept(c) for c in codes)


def _period_reports(data: Data) -> pd.DataFrame:
    """The calendar rows of the reporting period the filters check."""
    cal = data.calendar
    if cal.empty:
        return cal
    return cal[cal["period_end"] == data.filters.report_period_end]


def _weakest_part(data: Data) -> tuple[indexview.IndexInfo, str, pd.Series] | None:
    """The part of the first index (PAR INDEX first) with maxima that lost the most points."""
    for info in indexview.INDICES:
        scores = data.index_scores.get(info.code)
        if scores is None or scores.empty:
            continue
        period, parts = indexview.latest_parts(scores)
        parts = parts[parts["max_score"].notna() & parts["score"].notna()]
        if parts.empty:
            continue
        lost = parts["max_score"] - parts["score"]
        return info, period, parts.loc[lost.idxmax()]
    return None


def _heads_in_order(data: Data) -> list[tuple[indexview.IndexInfo, pd.Series]]:
    if data.index_heads.empty:
        return []
    by_code = data.index_heads.set_index("index")
    return [(i, by_code.loc[i.code]) for i in indexview.INDICES if i.code in by_code.index]


# --- Charts ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Chart:
    key: str
    caption: str
    png: bytes


def _charts(data: Data, step: Progress) -> dict[str, Chart]:
    """The report's charts as PNGs, rendered by the dashboard's figure builders."""
    label = data.filters.label()
    unit = data.filters.unit
    wanted: list[tuple[str, str, Callable[[], object], int]] = [
        (
            "area",
            f"Tiến độ thực hiện nhiệm vụ theo lĩnh vực — {label}",
            lambda: charts.status_bars(data.by_area, "area", f"Tiến độ theo lĩnh vực — {label}"),
            640,
        ),
        (
            "trend",
            f"Tỷ lệ hoàn thành so với tiến độ lý tưởng — {label}",
            lambda: charts.completion_trend(
                data.trend, f"Hoàn thành so với tiến độ lý tưởng — {label}"
            ),
            520,
        ),
        (
            "department",
            f"Tiến độ thực hiện nhiệm vụ theo phòng, đơn vị chủ trì — {label}",
            lambda: charts.status_bars(
                data.by_dept, "department", f"Tiến độ theo phòng chủ trì — {label}", unit=unit
            ),
            640,
        ),
    ]
    par = data.index_scores.get("PAR")
    if par is not None and not par.empty:
        info = indexview.INDICES[0]
        wanted.append(
            (
                "par",
                f"{info.title} của {unit} qua các năm",
                lambda: slides.index_trend_figure(info, par, unit),
                540,
            )
        )
    if data.trend.empty:
        wanted = [w for w in wanted if w[0] != "trend"]
    out = {}
    for k, (key, caption, build_figure, height) in enumerate(wanted, start=1):
        step(0.35 + 0.5 * (k - 1) / len(wanted), f"Đang vẽ biểu đồ {k}/{len(wanted)}…")
        out[key] = Chart(key, caption, images.png(build_figure(), 1100, height))
    return out


# --- Word helpers ----------------------------------------------------------------------------


def _set_font(element, size: Pt | None = None) -> None:
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


def _setup(doc) -> None:
    """A4, Nghị định 30 margins, FONT 13 pt everywhere, black headings, Vietnamese language."""
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = SIZE
    _set_font(normal.element, SIZE)
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
        _set_font(style.element, SIZE)
        hpf = style.paragraph_format
        hpf.space_before, hpf.space_after = Pt(6), Pt(6)
        hpf.first_line_indent = Cm(1) if level > 1 else None
        hpf.keep_with_next = True


def _para(doc, text: str = "", *, bold=False, italic=False, align=None, indent=True, size=None):
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


def _bullet(doc, text: str, lead: str = "") -> None:
    """'- text' as administrative documents write a point; `lead` in bold before the text."""
    p = _para(doc, "- ")
    if lead:
        p.add_run(lead).bold = True
    p.add_run(text)


def _prompt(doc_or_par, text: str, new_paragraph: bool = True) -> None:
    """An editor prompt, highlighted so staff see what is left to write."""
    p = _para(doc_or_par) if new_paragraph else doc_or_par
    run = p.add_run(text)
    run.italic = True
    run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _heading(doc, text: str, level: int) -> None:
    doc.add_heading(text, level)


def _shade(cell, fill: str = "D9D9D9") -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _widths(table, widths_cm) -> None:
    """Column widths in the grid and in every cell: Word reads one, LibreOffice the other."""
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)


def _table(doc, header, rows, widths_cm, numeric=(), bold_last=False):
    """A 'Table Grid' table: bold shaded header repeated on each page, numbers right-aligned."""
    table = doc.add_table(rows=1, cols=len(header))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    header_row = table.rows[0]
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    header_row._tr.get_or_add_trPr().append(flag)
    for _ in rows:
        table.add_row()
    _widths(table, widths_cm)
    for row in table.rows:  # a row never splits over two pages
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    for r, values in enumerate([header, *rows]):
        is_bold = r == 0 or (bold_last and r == len(rows))
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            p = cell.paragraphs[0]
            p.paragraph_format.space_after = Pt(2)
            p.paragraph_format.space_before = Pt(2)
            p.paragraph_format.line_spacing = 1.0
            if r == 0:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                _shade(cell)
            elif c in numeric:
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            else:
                p.alignment = WD_ALIGN_PARAGRAPH.LEFT
            run = p.add_run(str(value))
            run.font.size = TABLE_SIZE
            run.bold = is_bold or None
    _para(doc, indent=False).paragraph_format.space_after = Pt(0)  # air after the table
    return table


def _picture(doc, chart: Chart, number: int) -> None:
    doc.add_picture(io.BytesIO(chart.png), width=CHART_WIDTH)
    pic = doc.paragraphs[-1]
    pic.alignment = WD_ALIGN_PARAGRAPH.CENTER
    pic.paragraph_format.first_line_indent = None
    pic.paragraph_format.keep_with_next = True
    _para(
        doc,
        f"Biểu đồ {number}. {chart.caption}",
        italic=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        indent=False,
        size=Pt(11),
    )


def _task_line(row, done: bool) -> str:
    text = f"{row.code}: {row.title} (chủ trì: {_dept(row.lead_department)}"
    if not pd.isna(row.deadline):
        text += f"; thời hạn {fmt.day(row.deadline)}"
    if done:
        if not pd.isna(row.completed_on):
            text += f"; hoàn thành {fmt.day(row.completed_on)}"
        if row.status == "done_late":
            text += ", quá hạn"
        if isinstance(row.evidence, str) and row.evidence.strip():
            text += f"; sản phẩm: {row.evidence.strip()}"
    else:
        text += f"; quá hạn {fmt.number(row.days_late)} ngày"
    return text + ")."


def _task_list(doc, title: str, tasks: pd.DataFrame, done: bool) -> None:
    _para(doc, title, italic=True)
    for row in tasks.head(LIST_LIMIT).itertuples():
        _bullet(doc, _task_line(row, done))
    if len(tasks) > LIST_LIMIT:
        _bullet(doc, f"… và {fmt.number(len(tasks) - LIST_LIMIT)} nhiệm vụ khác.")


def _counts_sentence(row: pd.Series) -> str:
    text = (
        f"Tổng số {fmt.number(row['tasks'])} nhiệm vụ; đã hoàn thành "
        f"{fmt.number(row['done'])}/{fmt.number(row['with_deadline'])} nhiệm vụ có thời hạn "
        f"({fmt.percent(row['rate'])}); đang thực hiện trong hạn {fmt.number(row['open'])}; "
        f"quá hạn {fmt.number(row['overdue'])}"
    )
    if row["continuous"]:
        text += f"; {fmt.number(row['continuous'])} nhiệm vụ thực hiện thường xuyên"
    return text + "."


# --- Sections --------------------------------------------------------------------------------


def _header(doc, data: Data) -> None:
    """Nghị định 30 header: the issuing body and number left, the national motto right."""
    f = data.filters
    place = f.unit.removeprefix("Phường ").removeprefix("Xã ")
    table = doc.add_table(rows=1, cols=2)
    table.autofit = False
    _widths(table, [6.4, 9.6])
    left, right = table.rows[0].cells
    lines_left = [
        (f"UBND {f.unit.upper()}", True, False, Pt(12)),
        ("―――――――", False, False, Pt(9)),
        ("Số:        /BC-UBND", False, False, Pt(13)),
    ]
    lines_right = [
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, False, Pt(12)),
        ("Độc lập – Tự do – Hạnh phúc", True, False, Pt(13)),
        ("――――――――――――", False, False, Pt(9)),
        (
            f"{place}, ngày …… tháng …… năm {data.today.year}",
            False,
            True,
            Pt(13),
        ),
    ]
    for cell, lines in ((left, lines_left), (right, lines_right)):
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
        for text, bold, italic, size in lines:
            p = cell.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.space_after = Pt(0)
            p.paragraph_format.line_spacing = 1.0
            run = p.add_run(text)
            run.bold, run.italic = bold or None, italic or None
            run.font.size = size
    right.paragraphs[-1].paragraph_format.space_before = Pt(6)

    _para(doc, indent=False)
    _para(doc, "BÁO CÁO", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, size=Pt(14))
    title = _para(
        doc,
        f"Kết quả thực hiện công tác cải cách hành chính {data.when}",
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        indent=False,
    )
    title.paragraph_format.space_after = Pt(0)
    _para(doc, "―――――――", align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, size=Pt(9))
    if data.demo:
        p = _para(doc, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
        run = p.add_run(DEMO_LINE)
        run.bold = True
        run.font.size = Pt(12)
        run.font.color.rgb = RED
    note = f"Số liệu tính đến ngày {fmt.day(f.as_of)}"
    if f.area or f.department:
        note += f" (phạm vi: {f.label()})"
    if data.loaded_at is not None and not pd.isna(data.loaded_at):
        note += f"; dữ liệu cập nhật lúc {fmt.timestamp(data.loaded_at)}"
    _para(doc, note + ".", italic=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, size=Pt(11))
    _para(
        doc,
        f"Thực hiện Kế hoạch cải cách hành chính năm {f.year}, Ủy ban nhân dân "
        f"{_lower_first(f.unit)} báo cáo kết quả thực hiện công tác cải cách hành chính "
        f"{data.when} như sau:",
    )


def _section_direction(doc, data: Data) -> None:
    h = data.headline
    f = data.filters
    _heading(doc, HEADINGS[0], 1)
    areas = [a for a in PLAN_AREAS if a in set(data.tasks["area"])]
    present = set(data.tasks["lead_department"].dropna())
    leads = [d for d in department_codes(f.unit, present) if d in present and d != "UBND"]
    _bullet(
        doc,
        f"Kế hoạch cải cách hành chính năm {f.year} của UBND phường gồm "
        f"{fmt.number(h['tasks'])} nhiệm vụ cụ thể, trong đó {fmt.number(h['with_deadline'])} "
        f"nhiệm vụ có thời hạn hoàn thành và {fmt.number(h['continuous'])} nhiệm vụ thực hiện "
        f"thường xuyên, thuộc {fmt.number(len(areas))} lĩnh vực; "
        f"{fmt.number(len(leads))} phòng, đơn vị được giao chủ trì ({_names(leads)}).",
        "Về kế hoạch: ",
    )
    _reports_paragraph(doc, data)

    rows = area_rows(data.by_area)
    if "direction" in rows.index:
        _bullet(doc, _counts_sentence(rows.loc["direction"]), f"{AREAS['direction']}: ")
        done = data.done_in_period("direction")
        if len(done):
            _task_list(doc, f"Nhiệm vụ đã hoàn thành trong {data.when}:", done, True)
        late = data.overdue("direction")
        if len(late):
            _task_list(doc, "Nhiệm vụ quá hạn, chưa hoàn thành:", late, False)
    _prompt(doc, "[Bổ sung các văn bản chỉ đạo, điều hành đã ban hành trong kỳ]")


def _reports_paragraph(doc, data: Data) -> None:
    """Who sent the period's progress report on time, late, or not yet."""
    cal = _period_reports(data)
    end = data.filters.report_period_end
    if cal.empty and not data.missing:
        _bullet(doc, "Chưa đến kỳ báo cáo định kỳ của các phòng, đơn vị.", "Về chế độ báo cáo: ")
        return
    period = f"quý {ROMAN_UP[(end.month - 1) // 3 + 1]} năm {end.year}"
    on_time = [d for d in cal[cal["state"] == "on_time"]["department"] if d not in data.missing]
    late = cal[(cal["state"] == "late") & ~cal["department"].isin(data.missing)]
    parts = [
        f"{fmt.number(len(on_time))} phòng, đơn vị gửi báo cáo {period} đúng hạn "
        f"(hạn gửi ngày {fmt.day(date(end.year, end.month, 20))})"
        + (f": {_names(on_time)}" if on_time else "")
    ]
    if len(late):
        parts.append(
            f"{fmt.number(len(late))} đơn vị gửi muộn: "
            + ", ".join(
                f"{_dept(r.department)} (ngày {fmt.day(r.report_date)})" for r in late.itertuples()
            )
        )
    if data.missing:
        parts.append(f"{fmt.number(len(data.missing))} đơn vị chưa gửi: {_names(data.missing)}")
    _bullet(doc, "; ".join(parts) + ".", "Về chế độ báo cáo: ")


def _section_results(doc, data: Data, figures: dict[str, Chart], numbers: list[int]) -> None:
    h = data.headline
    f = data.filters
    _heading(doc, HEADINGS[1], 1)
    _para(
        doc,
        f"Tính đến ngày {fmt.day(f.as_of)}, "
        + slides.completion_takeaway(h, data.by_area)
        + f" Trong số nhiệm vụ đã hoàn thành có {fmt.number(h['done_late'])} nhiệm vụ hoàn "
        f"thành sau thời hạn; {fmt.number(h['due_30'])} nhiệm vụ đến hạn trong 30 ngày tới.",
    )
    if "area" in figures:
        _picture(doc, figures["area"], _next(numbers))
    _area_table(doc, data)

    k = 0
    for area in PLAN_AREAS:
        rows = area_rows(data.by_area)
        if area == "direction" or area not in rows.index:
            continue
        k += 1
        _heading(doc, f"{k}. {AREAS[area]}", 2)
        _para(doc, _counts_sentence(rows.loc[area]))
        done = data.done_in_period(area)
        if len(done):
            _task_list(doc, f"Nhiệm vụ đã hoàn thành trong {data.when}:", done, True)
        else:
            _para(doc, f"Trong {data.when} không có nhiệm vụ nào hoàn thành.", italic=True)
        late = data.overdue(area)
        if len(late):
            _task_list(doc, "Nhiệm vụ quá hạn, chưa hoàn thành:", late, False)

    if "trend" in figures:
        k += 1
        _heading(doc, f"{k}. Tiến độ chung so với tiến độ lý tưởng", 2)
        last = data.trend.iloc[-1]
        _para(
            doc,
            slides.trend_takeaway(data.trend)
            + f" Đến ngày {fmt.day(last['as_of'])} có {fmt.number(last['due'])} nhiệm vụ đã đến"
            f" hạn, đã hoàn thành {fmt.number(last['done'])}/{fmt.number(last['total'])} nhiệm "
            "vụ có thời hạn.",
        )
        _picture(doc, figures["trend"], _next(numbers))

    heads = _heads_in_order(data)
    if heads:
        k += 1
        _heading(doc, f"{k}. Kết quả các chỉ số đánh giá", 2)
        _index_table(doc, heads)
        for info, row in heads:
            _bullet(doc, slides.index_takeaway(info, row))
        if "par" in figures:
            _picture(doc, figures["par"], _next(numbers))


def _next(numbers: list[int]) -> int:
    numbers.append(len(numbers) + 1)
    return numbers[-1]


def _area_table(doc, data: Data) -> None:
    rows = area_rows(data.by_area)
    h = data.headline
    body = [
        [
            AREA_SHORT.get(area, area),
            fmt.number(r["tasks"]),
            fmt.number(r["done"]),
            fmt.number(r["open"]),
            fmt.number(r["overdue"]),
            fmt.number(r["continuous"]),
            fmt.percent(r["rate"]),
        ]
        for area, r in rows.iterrows()
    ]
    open_total = int(rows["open"].sum())
    body.append(
        [
            "Tổng cộng",
            fmt.number(h["tasks"]),
            fmt.number(h["done"]),
            fmt.number(open_total),
            fmt.number(h["overdue"]),
            fmt.number(h["continuous"]),
            fmt.percent(h["done_rate"]),
        ]
    )
    _para(doc, "Bảng 1. Kết quả thực hiện nhiệm vụ theo lĩnh vực", bold=True, indent=False)
    _table(
        doc,
        [
            "Lĩnh vực",
            "Số nhiệm vụ",
            "Hoàn thành",
            "Đang thực hiện trong hạn",
            "Quá hạn",
            "Thường xuyên",
            "Tỷ lệ hoàn thành",
        ],
        body,
        [4.2, 1.8, 2.0, 2.4, 1.7, 2.0, 1.9],
        numeric=range(1, 7),
        bold_last=True,
    )
    _para(
        doc,
        "Ghi chú: tỷ lệ hoàn thành = số nhiệm vụ hoàn thành (đúng hạn và quá hạn) / số nhiệm vụ "
        "có thời hạn (không tính nhiệm vụ thường xuyên); “đang thực hiện trong hạn” gồm cả nhiệm "
        "vụ chưa triển khai, chưa có báo cáo nhưng chưa đến hạn.",
        italic=True,
        size=Pt(11),
    )


def _index_table(doc, heads: list[tuple[indexview.IndexInfo, pd.Series]]) -> None:
    body = []
    for info, row in heads:
        value, change = indexview.headline(row)
        has_previous = not pd.isna(row["previous_score"])
        body.append(
            [
                info.title,
                indexview.period_text(row["period"]),
                value + info.suffix,
                change if has_previous else "–",
                "–" if info.target is None else fmt.number(info.target) + info.suffix,
                "–" if pd.isna(row["rank"]) else fmt.number(row["rank"]),
            ]
        )
    _para(doc, "Bảng 2. Kết quả các chỉ số đánh giá", bold=True, indent=False)
    _table(
        doc,
        ["Chỉ số", "Kỳ", "Kết quả", "So với kỳ trước", "Mục tiêu", "Xếp hạng"],
        body,
        [5.4, 1.9, 1.9, 3.6, 1.6, 1.6],
        numeric=(2, 4, 5),
    )


def _section_assessment(doc, data: Data, figures: dict[str, Chart], numbers: list[int]) -> None:
    _heading(doc, HEADINGS[2], 1)
    _heading(doc, "1. Ưu điểm", 2)
    for lead, text in _strengths(data):
        _bullet(doc, text, lead)
    _prompt(doc, "[Bổ sung kết quả nổi bật khác của kỳ báo cáo]")

    _heading(doc, "2. Hạn chế", 2)
    for lead, text in _weaknesses(data):
        _bullet(doc, text, lead)
    if "department" in figures:
        _picture(doc, figures["department"], _next(numbers))

    _heading(doc, "3. Nguyên nhân", 2)
    reasons = data.overdue()
    reasons = reasons[reasons["difficulties"].fillna("").str.strip() != ""]
    if len(reasons):
        _para(doc, "Khó khăn, vướng mắc các phòng, đơn vị nêu trong báo cáo:", italic=True)
        for row in reasons.itertuples():
            _bullet(doc, f"{row.code} ({_dept(row.lead_department)}): {row.difficulties.strip()}.")
    _prompt(doc, "[Bổ sung nguyên nhân của hạn chế (khách quan, chủ quan)]")


def _strengths(data: Data) -> list[tuple[str, str]]:
    out = []
    h = data.headline
    rows = area_rows(data.by_area).dropna(subset=["rate"])
    on_time = h["done"] - h["done_late"]
    if h["done"]:
        out.append(
            (
                "",
                f"Đã hoàn thành {fmt.number(h['done'])}/{fmt.number(h['with_deadline'])} nhiệm "
                f"vụ có thời hạn ({fmt.percent(h['done_rate'])}), trong đó "
                f"{fmt.number(on_time)} nhiệm vụ hoàn thành đúng hạn.",
            )
        )
    if len(rows):
        top = rows.sort_values(["rate", "with_deadline"], ascending=False).head(2)
        out.append(
            (
                "Lĩnh vực có tỷ lệ hoàn thành cao nhất: ",
                "; ".join(
                    f"{AREA_SHORT.get(a, a)} ({fmt.number(r['done'])}/"
                    f"{fmt.number(r['with_deadline'])}, {fmt.percent(r['rate'])})"
                    for a, r in top.iterrows()
                )
                + ".",
            )
        )
    if h["overdue"] == 0:
        out.append(("", "Không có nhiệm vụ quá hạn."))
    better = []
    for info, row in _heads_in_order(data):
        if not pd.isna(row["previous_score"]) and row["score"] > row["previous_score"]:
            value, change = indexview.headline(row)
            better.append(f"{info.code} {value}{info.suffix} ({change})")
    if better:
        out.append(("Các chỉ số tăng so với kỳ trước: ", "; ".join(better) + "."))
    reached = [
        f"{info.code} ({fmt.number(row['score'], 2)}{info.suffix}, mục tiêu "
        f"{fmt.number(info.target)}{info.suffix})"
        for info, row in _heads_in_order(data)
        if info.target is not None and row["score"] >= info.target
    ]
    if reached:
        out.append(("Chỉ số đạt mục tiêu: ", "; ".join(reached) + "."))
    cal = _period_reports(data)
    on_time_depts = [
        d for d in cal[cal["state"] == "on_time"]["department"] if d not in data.missing
    ]
    if on_time_depts:
        out.append(
            (
                "Chấp hành chế độ báo cáo: ",
                f"{_names(on_time_depts)} gửi báo cáo định kỳ đúng hạn.",
            )
        )
    return out


def _weaknesses(data: Data) -> list[tuple[str, str]]:
    out = []
    h = data.headline
    late = data.overdue()
    if len(late):
        codes = ", ".join(late["code"])
        out.append(
            (
                "",
                f"Còn {fmt.number(len(late))} nhiệm vụ quá hạn chưa hoàn thành ({codes}). "
                + slides.overdue_takeaway(data.by_dept),
            )
        )
    if h["done_late"]:
        out.append(("", f"{fmt.number(h['done_late'])} nhiệm vụ hoàn thành sau thời hạn."))
    rows = area_rows(data.by_area).dropna(subset=["rate"])
    if len(rows) > 1:
        low = rows.sort_values(["rate", "with_deadline"], ascending=[True, False]).head(2)
        out.append(
            (
                "Lĩnh vực có tỷ lệ hoàn thành thấp nhất: ",
                "; ".join(
                    f"{AREA_SHORT.get(a, a)} ({fmt.number(r['done'])}/"
                    f"{fmt.number(r['with_deadline'])}, {fmt.percent(r['rate'])})"
                    for a, r in low.iterrows()
                )
                + ".",
            )
        )
    if not data.trend.empty:
        last = data.trend.iloc[-1]
        gap = (last["ideal"] - last["rate"]) * 100
        if gap > 0:
            out.append(
                (
                    "",
                    f"Tiến độ chung chậm hơn tiến độ lý tưởng {fmt.number(gap, 1)} điểm phần "
                    f"trăm: đã có {fmt.number(last['due'])} nhiệm vụ đến hạn nhưng mới hoàn "
                    f"thành {fmt.number(last['done'])} nhiệm vụ.",
                )
            )
    cal = _period_reports(data)
    late_reports = cal[(cal["state"] == "late") & ~cal["department"].isin(data.missing)]
    if data.missing or len(late_reports):
        text = []
        if data.missing:
            text.append(f"{_names(data.missing)} chưa gửi báo cáo")
        if len(late_reports):
            text.append(f"{_names(list(late_reports['department']))} gửi báo cáo muộn")
        out.append(("Chế độ báo cáo: ", "; ".join(text) + "."))
    below = [
        f"{info.code} ({fmt.number(row['score'], 2)}{info.suffix}, mục tiêu "
        f"{fmt.number(info.target)}{info.suffix})"
        for info, row in _heads_in_order(data)
        if info.target is not None and row["score"] < info.target
    ]
    if below:
        out.append(("Chỉ số chưa đạt mục tiêu: ", "; ".join(below) + "."))
    weakest = _weakest_part(data)
    if weakest:
        info, period, part = weakest
        out.append(
            (
                "",
                f"Trong {info.title} {indexview.period_text(period)}, lĩnh vực mất nhiều điểm "
                f"nhất là {part['name']} (đạt {fmt.number(part['score'], 2)}/"
                f"{fmt.number(part['max_score'], 2)} điểm, mất "
                f"{fmt.number(part['max_score'] - part['score'], 2)} điểm).",
            )
        )
    return out


def _section_next(doc, data: Data) -> None:
    _heading(doc, HEADINGS[3], 1)
    nxt = next_period(data.filters)
    t = data.tasks
    open_ = t[~t["status"].isin([*DONE, "continuous"])]
    deadline = pd.to_datetime(open_["deadline"]).dt.date
    if nxt.start is None:
        due = open_[deadline.notna()].sort_values(["deadline", "seq"])
        title = (
            f"Các nhiệm vụ của Kế hoạch năm {data.filters.year} chưa hoàn thành, tiếp tục thực "
            f"hiện trong {nxt.label}"
        )
    else:
        due = open_[deadline.notna() & (deadline >= nxt.start) & (deadline <= nxt.end)]
        due = due.sort_values(["deadline", "seq"])
        title = f"Các nhiệm vụ đến hạn trong {nxt.label} ({fmt.number(len(due))} nhiệm vụ)"
    _heading(doc, f"1. {title}", 2)
    if len(due):
        _table(
            doc,
            ["Mã", "Nhiệm vụ", "Chủ trì", "Thời hạn", "Tình trạng"],
            [
                [
                    r.code,
                    r.title,
                    _dept(r.lead_department),
                    fmt.day(r.deadline),
                    SHORT_STATUS.get(r.status, STATUSES[r.status]),
                ]
                for r in due.itertuples()
            ],
            [1.8, 7.0, 2.9, 2.2, 2.1],
            numeric=(3,),
        )
    else:
        _para(doc, "Không có nhiệm vụ nào đến hạn.", italic=True)

    late = data.overdue()
    if len(late) and nxt.start is not None:
        _heading(doc, f"2. Các nhiệm vụ quá hạn cần tập trung hoàn thành ({len(late)} nhiệm vụ)", 2)
        _table(
            doc,
            ["Mã", "Nhiệm vụ", "Chủ trì", "Thời hạn", "Số ngày quá hạn"],
            [
                [
                    r.code,
                    r.title,
                    _dept(r.lead_department),
                    fmt.day(r.deadline),
                    fmt.number(r.days_late),
                ]
                for r in late.itertuples()
            ],
            [1.8, 7.0, 2.9, 2.2, 2.1],
            numeric=(3, 4),
        )
    _heading(doc, f"{3 if len(late) and nxt.start is not None else 2}. Giải pháp trọng tâm", 2)
    weakest = _weakest_part(data)
    if weakest:
        info, period, part = weakest
        _bullet(
            doc,
            f"Tập trung cải thiện {part['name']} — lĩnh vực mất nhiều điểm nhất trong "
            f"{info.title} {indexview.period_text(period)} "
            f"({fmt.number(part['score'], 2)}/{fmt.number(part['max_score'], 2)} điểm).",
        )
    for info, row in _heads_in_order(data):
        if info.target is not None and row["score"] < info.target:
            _bullet(
                doc,
                f"Có giải pháp nâng {info.title} từ {fmt.number(row['score'], 2)}{info.suffix} "
                f"lên mức mục tiêu {fmt.number(info.target)}{info.suffix}.",
            )
    if data.missing:
        _bullet(
            doc,
            f"Đôn đốc {_names(data.missing)} gửi báo cáo định kỳ đúng thời hạn (chậm nhất ngày 20 "
            "của tháng cuối kỳ).",
        )
    _prompt(doc, "[Bổ sung các nhiệm vụ trọng tâm khác]")


def _closing(doc, data: Data) -> None:
    """'Nơi nhận' left and the signature right, as Vietnamese documents end."""
    _para(
        doc,
        f"Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính {data.when} của "
        f"UBND {_lower_first(data.filters.unit)}./.",
    )
    table = doc.add_table(rows=1, cols=2)
    table.autofit = False
    _widths(table, [8.6, 7.4])
    left, right = table.rows[0].cells
    recipients = [
        ("Nơi nhận:", True),
        ("- Sở Nội vụ tỉnh (để báo cáo);", False),
        ("- TT Đảng ủy, TT HĐND phường (để báo cáo);", False),
        ("- Chủ tịch, các PCT UBND phường;", False),
        ("- Các phòng, đơn vị thuộc UBND phường;", False),
        ("- Lưu: VT, VHXH.", False),
    ]
    for i, (text, lead) in enumerate(recipients):
        p = left.paragraphs[0] if i == 0 else left.add_paragraph()
        p.paragraph_format.space_after = Pt(0)
        p.paragraph_format.line_spacing = 1.0
        run = p.add_run(text)
        run.font.size = Pt(12) if lead else Pt(11)
        run.bold = lead or None
        run.italic = lead or None
    for i, text in enumerate(["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]):
        p = right.paragraphs[0] if i == 0 else right.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(0)
        p.add_run(text).bold = True
    p = right.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for _ in range(4):
        p.add_run().add_break(WD_BREAK.LINE)
    _prompt(p, "[Họ và tên]", new_paragraph=False)


# --- Entry point -----------------------------------------------------------------------------


def build(
    query: Callable[..., object],
    filters: Filters,
    today: date,
    progress: Progress | None = None,
) -> bytes:
    """The report for the period of `filters` as .docx bytes. `query(name, *args)` runs
    `cchc.queries.<name>`; `progress(fraction, message)` hears how far the build is. Raises
    `images.ImageError` when the charts cannot be rendered."""
    last = [0.0]

    def step(fraction: float, message: str) -> None:
        last[0] = max(last[0], fraction)
        if progress is not None:
            progress(last[0], message)

    data = _gather(query, filters, today, step)
    figures = _charts(data, step)
    step(0.9, "Đang soạn văn bản báo cáo…")
    doc = Document()
    _setup(doc)
    numbers: list[int] = []
    _header(doc, data)
    _section_direction(doc, data)
    _section_results(doc, data, figures, numbers)
    _section_assessment(doc, data, figures, numbers)
    _section_next(doc, data)
    _closing(doc, data)
    out = io.BytesIO()
    doc.save(out)
    step(1.0, "Đã tạo xong báo cáo.")
    return out.getvalue()
