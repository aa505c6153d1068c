"""The report's parts in the order Vietnamese CCHC reports use: the Nghị định 30 header, I–V,
the closing with 'Nơi nhận' and the signature, the data note and the appendix of every task."""

from __future__ import annotations

import pandas as pd
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Pt

from cchc import fmt, indexview, slides
from cchc.report import findings, word
from cchc.report.data import Data, area_rows, next_period
from cchc.report.figures import Chart
from cchc.settings import ReportSettings
from cchc.vocab import AREA_SHORT, AREAS, PLAN_AREAS, STATUSES, department_codes

DEMO_LINE = "DỮ LIỆU MẪU (DEMO) — số liệu minh họa, không phải số liệu thật của đơn vị."
HEADINGS = (
    "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
    "II. KẾT QUẢ THỰC HIỆN THEO TỪNG LĨNH VỰC",
    "III. ĐÁNH GIÁ CHUNG",
    "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI",
    "V. KIẾN NGHỊ, ĐỀ XUẤT",
)
APPENDIX = "PHỤ LỤC"
NOTE_MARK = "(*)"
LIST_LIMIT = 12  # tasks listed per area and kind before "… và N nhiệm vụ khác"
SHORT_STATUS = {
    "in_progress": "Đang thực hiện",
    "not_started": "Chưa thực hiện",
    "no_report": "Chưa có báo cáo",
    "overdue": "Quá hạn",
}


class Numbers:
    """Running numbers of the charts (Biểu đồ 1, 2…) and tables (Bảng 1, 2…)."""

    def __init__(self) -> None:
        self.chart = 0
        self.table = 0

    def picture(self, doc, chart: Chart) -> None:
        self.chart += 1
        word.picture(doc, chart.png, f"Biểu đồ {self.chart}. {chart.caption}")

    def table_title(self, doc, title: str) -> None:
        self.table += 1
        word.caption(doc, f"Bảng {self.table}. {title}")


def _task_list(doc, title: str, tasks: pd.DataFrame, kind: str) -> None:
    word.para(doc, title, italic=True).paragraph_format.keep_with_next = True
    for row in tasks.head(LIST_LIMIT).itertuples():
        word.bullet(doc, findings.task_line(row, kind))
    if len(tasks) > LIST_LIMIT:
        word.bullet(doc, f"… và {fmt.number(len(tasks) - LIST_LIMIT)} nhiệm vụ khác (xem Phụ lục).")


def _area_tasks(doc, data: Data, area: str) -> None:
    """Done in the period, in progress (with their progress) and overdue tasks of an area."""
    done = data.done_in_period(area)
    if len(done):
        _task_list(doc, f"Nhiệm vụ đã hoàn thành trong {data.when}:", done, "done")
    else:
        word.para(doc, f"Trong {data.when} không có nhiệm vụ nào hoàn thành.", italic=True)
    open_ = data.open_in_time(area)
    if len(open_):
        _task_list(doc, "Nhiệm vụ đang thực hiện, chưa đến hạn:", open_, "open")
    late = data.overdue(area)
    if len(late):
        _task_list(doc, "Nhiệm vụ quá hạn, chưa hoàn thành:", late, "overdue")


# --- Header ----------------------------------------------------------------------------------


def header(doc, data: Data) -> None:
    """Nghị định 30 header: the issuing body in full and the number left, the national motto
    right; then the title and the opening sentence."""
    f = data.filters
    place = f.unit.removeprefix("Phường ").removeprefix("Xã ")
    table = doc.add_table(rows=1, cols=2)
    table.autofit = False
    word.widths(table, [6.4, 9.6])
    left, right = table.rows[0].cells
    word.cell_lines(
        left,
        [
            ("ỦY BAN NHÂN DÂN", True, False, Pt(12)),
            (f.unit.upper(), True, False, Pt(12)),
            ("―――――――", False, False, Pt(9)),
            ("Số:        /BC-UBND", False, False, Pt(13)),
        ],
    )
    word.cell_lines(
        right,
        [
            ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, False, Pt(12)),
            ("Độc lập – Tự do – Hạnh phúc", True, False, Pt(13)),
            ("――――――――――――", False, False, Pt(9)),
            (f"{place}, ngày …… tháng …… năm {data.today.year}", False, True, Pt(13)),
        ],
    )
    right.paragraphs[-1].paragraph_format.space_before = Pt(6)

    word.para(doc, indent=False)
    center = WD_ALIGN_PARAGRAPH.CENTER
    word.para(doc, "BÁO CÁO", bold=True, align=center, indent=False, size=Pt(14))
    title = word.para(
        doc,
        f"Kết quả thực hiện công tác cải cách hành chính {data.when}",
        bold=True,
        align=center,
        indent=False,
    )
    title.paragraph_format.space_after = Pt(0)
    word.para(doc, "―――――――", align=center, indent=False, size=Pt(9))
    if data.demo:
        run = word.para(doc, align=center, indent=False).add_run(DEMO_LINE)
        run.bold = True
        run.font.size = Pt(12)
        run.font.color.rgb = word.RED
    word.para(
        doc,
        f"Thực hiện Kế hoạch cải cách hành chính năm {f.year}, Ủy ban nhân dân "
        f"{findings.lower_first(f.unit)} báo cáo kết quả thực hiện công tác cải cách hành chính "
        f"{data.when} như sau{NOTE_MARK}:",
    )


def data_note(data: Data) -> str:
    """The note the opening sentence's (*) points to: the as-of date, the scope, the data's
    freshness."""
    f = data.filters
    text = f"Số liệu tính đến ngày {fmt.day(f.as_of)}"
    if f.area or f.department:
        text += f" (phạm vi: {f.label()})"
    text += "; chỉ gồm báo cáo, kết quả hoàn thành và kỳ chỉ số đã có đến ngày này"
    loaded = data.loaded_at
    # the freshness stamp only when it is not after the as-of date: a file for a period
    # carries no date after its end
    if loaded is not None and not pd.isna(loaded) and pd.Timestamp(loaded).date() <= f.as_of:
        text += f"; dữ liệu trên hệ thống cập nhật lúc {fmt.timestamp(loaded)}"
    return text + "."


# --- I. Direction ----------------------------------------------------------------------------


def direction(doc, data: Data) -> None:
    h = data.headline
    f = data.filters
    word.heading(doc, HEADINGS[0], 1)
    areas = [a for a in PLAN_AREAS if a in set(data.tasks["area"])]
    present = set(data.tasks["lead_department"].dropna())
    leads = [d for d in department_codes(f.unit, present) if d in present and d != "UBND"]
    word.bullet(
        doc,
        f"Kế hoạch cải cách hành chính năm {f.year} của UBND "
        f"{findings.lower_first(f.unit)} gồm {fmt.number(h['tasks'])} nhiệm vụ cụ thể, trong đó "
        f"{fmt.number(h['with_deadline'])} nhiệm vụ có thời hạn hoàn thành và "
        f"{fmt.number(h['continuous'])} nhiệm vụ thực hiện thường xuyên, thuộc "
        f"{fmt.number(len(areas))} lĩnh vực; {fmt.number(len(leads))} phòng, đơn vị được giao "
        f"chủ trì ({findings.names(leads)}).",
        "Về kế hoạch: ",
    )
    word.bullet(doc, findings.reports_sentence(data), "Về chế độ báo cáo: ")
    rows = area_rows(data.by_area)
    if "direction" in rows.index:
        word.bullet(doc, findings.counts_sentence(rows.loc["direction"]), f"{AREAS['direction']}: ")
        _area_tasks(doc, data, "direction")
    word.prompt(doc, "[Bổ sung các văn bản chỉ đạo, điều hành đã ban hành trong kỳ]")


# --- II. Results -----------------------------------------------------------------------------


def results(doc, data: Data, figures: dict[str, Chart], numbers: Numbers) -> None:
    h = data.headline
    word.heading(doc, HEADINGS[1], 1)
    word.para(
        doc,
        f"Tính đến ngày {fmt.day(data.filters.as_of)}, "
        + slides.completion_takeaway(h, data.by_area)
        + f" Trong số nhiệm vụ đã hoàn thành có {fmt.number(h['done_late'])} nhiệm vụ hoàn "
        f"thành sau thời hạn; {fmt.number(h['due_30'])} nhiệm vụ đến hạn trong 30 ngày tiếp "
        "theo.",
    )
    _area_table(doc, data, numbers)  # the table first: it splits across pages, a chart cannot
    if "area" in figures:
        numbers.picture(doc, figures["area"])

    k = 0
    rows = area_rows(data.by_area)
    for area in PLAN_AREAS:
        if area == "direction" or area not in rows.index:
            continue
        k += 1
        word.heading(doc, f"{k}. {AREAS[area]}", 2)
        word.para(doc, findings.counts_sentence(rows.loc[area]))
        _area_tasks(doc, data, area)
        if area == "procedures" and data.procedures:
            word.para(
                doc,
                "Kết quả giải quyết thủ tục hành chính (số liệu thống kê của Bộ phận Một cửa):",
                italic=True,
            ).paragraph_format.keep_with_next = True
            for text in data.procedures:
                word.bullet(doc, text)

    if "trend" in figures:
        k += 1
        word.heading(doc, f"{k}. Tiến độ chung so với tiến độ lý tưởng", 2)
        last = data.trend.iloc[-1]
        word.para(
            doc,
            slides.trend_takeaway(data.trend)
            + f" Đến ngày {fmt.day(last['as_of'])} có {fmt.number(last['due'])} nhiệm vụ đã đến"
            f" hạn, đã hoàn thành {fmt.number(last['done'])}/{fmt.number(last['total'])} nhiệm "
            "vụ có thời hạn.",
        )
        numbers.picture(doc, figures["trend"])

    if data.heads("unit") or data.heads("province"):
        k += 1
        word.heading(doc, f"{k}. Kết quả các chỉ số đánh giá", 2)
        _indices(doc, data, figures, numbers)


def _area_table(doc, data: Data, numbers: Numbers) -> None:
    rows = area_rows(data.by_area)
    h = data.headline
    body = [
        [
            AREA_SHORT.get(area, area),
            *(fmt.number(r[c]) for c in ("tasks", "done", "open", "overdue", "continuous")),
            fmt.percent(r["rate"]),
        ]
        for area, r in rows.iterrows()
    ]
    body.append(
        [
            "Tổng cộng",
            fmt.number(h["tasks"]),
            fmt.number(h["done"]),
            fmt.number(int(rows["open"].sum())),
            fmt.number(h["overdue"]),
            fmt.number(h["continuous"]),
            fmt.percent(h["done_rate"]),
        ]
    )
    numbers.table_title(doc, "Kết quả thực hiện nhiệm vụ theo lĩnh vực")
    word.table(
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
    word.para(
        doc,
        "Ghi chú: tỷ lệ hoàn thành = số nhiệm vụ hoàn thành (đúng hạn và quá hạn) / số nhiệm vụ "
        "có thời hạn (không tính nhiệm vụ thường xuyên); “đang thực hiện trong hạn” gồm cả nhiệm "
        "vụ chưa triển khai, chưa có báo cáo nhưng chưa đến hạn.",
        italic=True,
        size=word.NOTE_SIZE,
    )


def _index_row(info: indexview.IndexInfo, row: pd.Series) -> list[str]:
    value, change = indexview.headline(row)
    return [
        info.title,
        findings.period_words(row["period"]).capitalize(),
        value + info.suffix,
        change if not pd.isna(row["previous_score"]) else "–",
        "–" if info.target is None else fmt.number(info.target) + info.suffix,
        "–" if pd.isna(row["rank"]) else fmt.number(row["rank"]),
    ]


def _indices(doc, data: Data, figures: dict[str, Chart], numbers: Numbers) -> None:
    """The unit's own indices (each against its own previous period), the 766 groups, then the
    province's indices as context."""
    own = data.heads("unit")
    province = data.heads("province")
    numbers.table_title(doc, "Kết quả các chỉ số đánh giá của đơn vị")
    word.table(
        doc,
        ["Chỉ số", "Kỳ", "Kết quả", "So với kỳ trước", "Mục tiêu", "Xếp hạng"],
        [_index_row(info, row) for info, row in own],
        [5.4, 1.9, 1.9, 3.6, 1.6, 1.6],
        numeric=(2, 4, 5),
    )
    for info, row in own:
        word.bullet(doc, findings.index_line(info, row))
    for info in indexview.INDICES:
        if info.code != "766":
            continue
        period, parts = data.parts(info.code)
        if len(parts):
            word.bullet(doc, findings.parts_line(info, period, parts))
    if "par" in figures:
        numbers.picture(doc, figures["par"])
    for info, row in province:
        word.bullet(doc, findings.province_line(info, row), "Bối cảnh của tỉnh: ")


# --- III. Assessment -------------------------------------------------------------------------


def assessment(doc, data: Data, figures: dict[str, Chart], numbers: Numbers) -> None:
    word.heading(doc, HEADINGS[2], 1)
    word.heading(doc, "1. Ưu điểm", 2)
    for lead, text in findings.strengths(data):
        word.bullet(doc, text, lead)
    word.prompt(doc, "[Bổ sung kết quả nổi bật khác của kỳ báo cáo]")

    word.heading(doc, "2. Hạn chế", 2)
    for lead, text in findings.weaknesses(data):
        word.bullet(doc, text, lead)
    if "department" in figures:
        numbers.picture(doc, figures["department"])

    word.heading(doc, "3. Nguyên nhân", 2)
    reasons = data.overdue()
    reasons = reasons[reasons["difficulties"].fillna("").str.strip() != ""]
    if len(reasons):
        word.para(doc, "Khó khăn, vướng mắc các phòng, đơn vị nêu trong báo cáo:", italic=True)
        for row in reasons.itertuples():
            word.bullet(
                doc,
                f"{row.code} ({findings.dept(row.lead_department)}): {row.difficulties.strip()}.",
            )
    word.prompt(doc, "[Bổ sung nguyên nhân của hạn chế (khách quan, chủ quan)]")


# --- IV. Next period -------------------------------------------------------------------------


def _task_table(doc, rows: pd.DataFrame, last: str, value) -> None:
    word.table(
        doc,
        ["Mã", "Nhiệm vụ", "Chủ trì", "Thời hạn", last],
        [
            [r.code, r.title, findings.dept(r.lead_department), fmt.day(r.deadline), value(r)]
            for r in rows.itertuples()
        ],
        [1.8, 7.0, 2.9, 2.2, 2.1],
        numeric=(3,),
    )


def next_steps(doc, data: Data) -> None:
    word.heading(doc, HEADINGS[3], 1)
    nxt = next_period(data.filters)
    due = data.due_next(nxt)
    if nxt.start is None:
        title = (
            f"Các nhiệm vụ của Kế hoạch năm {data.filters.year} chưa hoàn thành, tiếp tục thực "
            f"hiện trong {nxt.label} ({fmt.number(len(due))} nhiệm vụ)"
        )
    else:
        title = (
            f"Các nhiệm vụ chưa hoàn thành, đến hạn trong {nxt.label} hoặc sớm hơn "
            f"({fmt.number(len(due))} nhiệm vụ)"
        )
    word.heading(doc, f"1. {title}", 2)
    if len(due):
        _task_table(
            doc,
            due,
            "Tình trạng",
            lambda r: (
                SHORT_STATUS.get(r.status, STATUSES[r.status])
                + ("" if pd.isna(r.percent) else f" ({fmt.number(r.percent)}%)")
            ),
        )
    else:
        word.para(doc, "Không có nhiệm vụ nào đến hạn.", italic=True)

    late = data.overdue()
    number = 2
    if len(late):
        word.heading(
            doc,
            f"{number}. Các nhiệm vụ quá hạn cần tập trung hoàn thành ({len(late)} nhiệm vụ)",
            2,
        )
        _task_table(doc, late, "Số ngày quá hạn", lambda r: fmt.number(r.days_late))
        number += 1
    if data.criteria is not None:
        _criteria_risk(doc, data, number)
        number += 1
    word.heading(doc, f"{number}. Giải pháp trọng tâm", 2)
    for text in findings.focus(data):
        word.bullet(doc, text)
    word.prompt(doc, "[Bổ sung các nhiệm vụ trọng tâm khác]")


MISSING_LISTED = 30  # evidence items listed one by one; the rest are counted


def _criteria_risk(doc, data: Data, number: int) -> None:
    """PAR INDEX points at risk by area, the tasks to act on first, the evidence still missing."""
    from cchc import criteria_view

    c = data.criteria
    word.heading(
        doc, f"{number}. Điểm Chỉ số CCHC (PAR INDEX) có nguy cơ bị trừ và tài liệu kiểm chứng", 2
    )
    text = f"{criteria_view.risk_line(c.risk)} (tính đến {fmt.day(data.filters.as_of)})"
    areas = criteria_view.areas_phrase(c.by_area, limit=8)
    word.para(doc, text + (f"; theo lĩnh vực: {areas}." if areas else "."))
    if len(c.first):
        word.table(
            doc,
            ["Mã", "Nhiệm vụ cần xử lý trước", "Chủ trì", "Thời hạn", "Điểm có nguy cơ"],
            [
                [
                    r.task_code,
                    r.title,
                    findings.dept(r.lead_department),
                    fmt.day(r.deadline),
                    criteria_view.points(r.points),
                ]
                for r in c.first.itertuples()
            ],
            [1.8, 7.0, 2.9, 2.2, 2.1],
            numeric=(3, 4),
        )
    missing = c.missing
    word.para(doc, f"Tài liệu kiểm chứng còn thiếu: {fmt.number(len(missing))} tài liệu.")
    if len(missing):
        shown = missing.head(MISSING_LISTED)
        word.table(
            doc,
            ["Tiêu chí", "Tài liệu còn thiếu"],
            [[r.criterion, f"{r.title} ({r.criterion_name})"] for r in shown.itertuples()],
            [2.0, 14.0],
        )
        if len(missing) > len(shown):
            word.para(
                doc,
                f"… và {fmt.number(len(missing) - len(shown))} tài liệu khác (xem trang Tiêu "
                "chí PAR INDEX).",
                italic=True,
            )


# --- V. Recommendations ----------------------------------------------------------------------


def recommendations(doc, data: Data) -> None:
    word.heading(doc, HEADINGS[4], 1)
    items = findings.recommendations(data)
    if items:
        word.para(
            doc,
            "Đề nghị cấp trên xem xét, hỗ trợ tháo gỡ các khó khăn, vướng mắc các phòng, đơn vị "
            "đã báo cáo đối với nhiệm vụ chưa hoàn thành:",
        )
        for text in items:
            word.bullet(doc, text)
    else:
        word.para(
            doc,
            "Các phòng, đơn vị không báo cáo khó khăn, vướng mắc nào cần kiến nghị cấp trên.",
            italic=True,
        )
    word.prompt(doc, "[Bổ sung kiến nghị, đề xuất với UBND tỉnh, Sở Nội vụ (nếu có)]")


# --- Closing and appendix --------------------------------------------------------------------


def closing(doc, data: Data, settings: ReportSettings) -> None:
    """'Nơi nhận' left and the signature right, as Vietnamese documents end; then the data
    note the opening sentence marks."""
    word.para(
        doc,
        f"Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính {data.when} của "
        f"UBND {findings.lower_first(data.filters.unit)}./.",
    )
    table = doc.add_table(rows=1, cols=2)
    table.autofit = False
    word.widths(table, [8.6, 7.4])
    left, right = table.rows[0].cells
    recipients = [("Nơi nhận:", True)]
    recipients += [(f"- {r};", False) for r in settings.recipients]
    recipients.append((f"- Lưu: {settings.filing}.", False))
    for i, (text, lead) in enumerate(recipients):
        p = left.paragraphs[0] if i == 0 else left.add_paragraph()
        p.paragraph_format.space_after = Pt(0)
        p.paragraph_format.line_spacing = 1.0
        run = p.add_run(text)
        run.font.size = Pt(12) if lead else Pt(11)
        run.bold = lead or None
        run.italic = lead or None
    for i, text in enumerate(settings.signature):
        p = right.paragraphs[0] if i == 0 else right.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(0)
        p.add_run(text).bold = True
    p = right.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for _ in range(4):
        p.add_run().add_break(WD_BREAK.LINE)
    word.prompt(p, "[Họ và tên]", new_paragraph=False)
    word.para(doc, indent=False)
    word.note(doc, NOTE_MARK, data_note(data))


def appendix(doc, data: Data) -> None:
    """Every task of the plan with its status, progress and product, on landscape pages."""
    word.landscape_section(doc)
    center = WD_ALIGN_PARAGRAPH.CENTER
    word.para(doc, APPENDIX, bold=True, align=center, indent=False)
    word.para(
        doc,
        f"Danh mục nhiệm vụ của Kế hoạch cải cách hành chính năm {data.filters.year} và kết quả "
        f"thực hiện đến ngày {fmt.day(data.filters.as_of)}",
        bold=True,
        align=center,
        indent=False,
    )
    word.para(
        doc,
        f"(Kèm theo Báo cáo kết quả thực hiện công tác cải cách hành chính {data.when})",
        italic=True,
        align=center,
        indent=False,
    )
    t = data.tasks.sort_values("seq")
    word.table(
        doc,
        [
            "STT",
            "Mã",
            "Nhiệm vụ",
            "Chủ trì",
            "Thời hạn",
            "Tình trạng",
            "Tiến độ",
            "Sản phẩm, kết quả",
        ],
        [
            [
                str(k),
                r.code,
                r.title,
                findings.dept(r.lead_department),
                fmt.day(r.deadline) if not pd.isna(r.deadline) else (r.deadline_text or "–"),
                STATUSES[r.status],
                "–" if pd.isna(r.percent) else f"{fmt.number(r.percent)}%",
                findings.result_text(r),
            ]
            for k, r in enumerate(t.itertuples(), start=1)
        ],
        [1.0, 1.6, 8.3, 2.8, 2.4, 2.8, 1.6, 5.2],
        numeric=(0, 6),
        size=Pt(10),
    )
