"""What the Tiêu chí PAR INDEX page, the Chỉ số page and the overview show of the criteria:
the points at risk as one line, tables in Vietnamese, the chart of points at risk by area, and
the self-assessment table as an Excel file staff attach to their dossier (issue #17)."""

from __future__ import annotations

import io
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from cchc import charts, export, fmt
from cchc.criteria_queries import area_name
from cchc.vocab import AREA_SHORT, STATUS_COLORS, STATUSES, department_short

STATE_NAMES = {"proposed": "Đề xuất", "accepted": "Đồng ý", "rejected": "Không liên kết"}
STATE_CODES = {v: k for k, v in STATE_NAMES.items()}


def points(value: float | None) -> str:
    """Points with one decimal at most, as Vietnamese write them: 6,5 · 7 · 0,8."""
    if value is None or value != value:
        return "–"
    return fmt.number(value, 1).removesuffix(",0")


def risk_line(risk: dict[str, float]) -> str:
    """'Điểm có nguy cơ bị trừ: 6,5 / 100'."""
    return f"Điểm có nguy cơ bị trừ: {points(risk['at_risk'])} / {points(risk['total'])}"


def risk_detail(risk: dict[str, float], as_of: date) -> str:
    """The sentence under the figure: how many criteria and tasks, at which date."""
    if not risk["criteria_linked"]:
        return "Chưa có liên kết nhiệm vụ – tiêu chí nào được duyệt."
    return (
        f"{fmt.number(risk['criteria_at_risk'])} tiêu chí có nhiệm vụ quá hạn hoặc chưa báo "
        f"cáo ({fmt.number(risk['tasks_at_risk'])} nhiệm vụ), tính đến {fmt.day(as_of)}; "
        f"{fmt.number(risk['criteria_linked'])} tiêu chí đã liên kết với nhiệm vụ."
    )


def by_area_frame(by_area: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Lĩnh vực": [
                f"{c}. {n}" for c, n in zip(by_area["code"], by_area["name"], strict=True)
            ],
            "Điểm tối đa": by_area["max_score"].map(points),
            "Điểm có nhiệm vụ phục vụ": by_area["linked"].map(points),
            "Điểm có nguy cơ bị trừ": by_area["at_risk"].map(points),
            "Tiêu chí có nguy cơ": by_area["criteria_at_risk"].astype(int),
        }
    )


def act_first_frame(tasks: pd.DataFrame, unit: str | None = None) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Mã": tasks["task_code"],
            "Nhiệm vụ": tasks["title"],
            "Chủ trì": tasks["lead_department"].map(
                lambda d: department_short(d, unit) if isinstance(d, str) else ""
            ),
            "Thời hạn": tasks["deadline"].map(fmt.day),
            "Trạng thái": tasks["status"].map(STATUSES),
            "Điểm có nguy cơ": tasks["points"].map(points),
            "Tiêu chí": tasks["criteria"],
        }
    )


def stakes_frame(stakes: pd.DataFrame, unit: str | None = None) -> pd.DataFrame:
    """Each criterion with the tasks serving it, their status and the points each stakes."""
    return pd.DataFrame(
        {
            "Tiêu chí": [
                f"{c} — {n}"
                for c, n in zip(stakes["criterion"], stakes["criterion_name"], strict=True)
            ],
            "Điểm tối đa": stakes["max_score"].map(points),
            "Nhiệm vụ": [
                f"{c} — {t}" for c, t in zip(stakes["task_code"], stakes["title"], strict=True)
            ],
            "Chủ trì": stakes["lead_department"].map(
                lambda d: department_short(d, unit) if isinstance(d, str) else ""
            ),
            "Thời hạn": stakes["deadline"].map(fmt.day),
            "Trạng thái": stakes["status"].map(STATUSES),
            "Điểm phụ thuộc nhiệm vụ": stakes["stake"].map(points),
            "Có nguy cơ": stakes["at_risk"].map({True: "Có", False: ""}),
        }
    )


def links_frame(links: pd.DataFrame) -> pd.DataFrame:
    """The links as the page's editable table: the state is the column a person changes."""
    return pd.DataFrame(
        {
            "Mã nhiệm vụ": links["task_code"],
            "Nhiệm vụ": links["title"].fillna("(không còn trong kế hoạch)"),
            "Mã tiêu chí": links["criterion"],
            "Tiêu chí": links["criterion_name"].fillna("(không còn trong bộ tiêu chí)"),
            "Điểm đề xuất": links["score"].map(lambda s: None if s != s else round(float(s), 2)),
            "Trạng thái": links["state"].map(STATE_NAMES),
        }
    )


def changed_states(before: pd.DataFrame, after: pd.DataFrame) -> list[tuple[str, str, str]]:
    """(task, criterion, state) of the rows whose 'Trạng thái' was changed in the editor."""
    out = []
    for (_, b), (_, a) in zip(before.iterrows(), after.iterrows(), strict=True):
        if a["Trạng thái"] != b["Trạng thái"] and a["Trạng thái"] in STATE_CODES:
            out.append((b["Mã nhiệm vụ"], b["Mã tiêu chí"], STATE_CODES[a["Trạng thái"]]))
    return out


def links_sheet(links: pd.DataFrame) -> bytes:
    """The links as the sheet `etl.criteria.import_sheet` reads back."""
    return export.to_xlsx(links_frame(links), sheet="Liên kết tiêu chí")


def evidence_frame(items: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Tiêu chí": items["criterion"],
            "Tài liệu": items["title"],
            "Có": items["present"].astype(bool),
            "Đường dẫn / tệp": [
                u if isinstance(u, str) and u else (f if isinstance(f, str) else "")
                for u, f in zip(items["url"], items["file_name"], strict=True)
            ],
            "Nguồn": items["source"].map({"wording": "Theo nội dung tiêu chí", "unit": "Đơn vị"}),
            "Người cập nhật": items["added_by"].fillna(""),
        }
    )


def progress_label(row: pd.Series) -> str:
    """'Cải cách thể chế: 3/5 tài liệu (60,0%)'."""
    return (
        f"{AREA_SHORT.get(row['area'], area_name(row['area']))}: {fmt.number(row['present'])}/"
        f"{fmt.number(row['items'])} tài liệu ({fmt.percent(row['share'])})"
    )


def risk_figure(by_area: pd.DataFrame, title: str) -> go.Figure:
    """Per area: the points its linked tasks stake, the part at risk in red."""
    df = by_area[by_area["linked"] > 0]
    labels = [AREA_SHORT.get(a, n) for a, n in zip(df["area"], df["name"], strict=True)]
    safe = df["linked"] - df["at_risk"]
    fig = go.Figure()
    fig.add_bar(
        y=labels,
        x=[round(v, 2) for v in safe],
        orientation="h",
        name="Không có nguy cơ",
        marker_color=STATUS_COLORS["done_on_time"],
        text=[points(v) for v in safe],
        textposition="inside",
        textangle=0,
        hovertemplate="%{y}: %{x:.2f} điểm không có nguy cơ<extra></extra>",
    )
    fig.add_bar(
        y=labels,
        x=[round(v, 2) for v in df["at_risk"]],
        orientation="h",
        name="Có nguy cơ bị trừ",
        marker_color=STATUS_COLORS["overdue"],
        text=[points(v) if v > 0.005 else "" for v in df["at_risk"]],
        textposition="inside",
        textangle=0,
        hovertemplate="%{y}: %{x:.2f} điểm có nguy cơ bị trừ<extra></extra>",
    )
    fig.update_layout(barmode="stack")
    fig.update_yaxes(autorange="reversed", ticklabelstandoff=8)
    fig.update_xaxes(title_text="Điểm PAR INDEX")
    fig = charts._layout(fig, title, height=160 + 44 * max(len(df), 1))
    fig.update_layout(margin={"t": 60, "b": 60})
    return fig


def slide_title(risk: dict[str, float], by_area: pd.DataFrame) -> str:
    """'Điểm có nguy cơ bị trừ: 7,2 / 100, nhiều nhất ở Chế độ công vụ (3)'."""
    text = risk_line(risk)
    worst = by_area.sort_values("at_risk", ascending=False).head(1)
    if len(worst) and worst["at_risk"].iloc[0] > 0.005:
        area = AREA_SHORT.get(worst["area"].iloc[0], worst["name"].iloc[0])
        text += f", nhiều nhất ở {area} ({points(worst['at_risk'].iloc[0])})"
    return text


def slide_takeaway(risk: dict[str, float], tasks: pd.DataFrame, missing: int) -> str:
    """The sentence under the slide's chart: the first task to act on and the evidence."""
    parts = [f"{points(risk['at_risk'])} điểm PAR INDEX có nguy cơ bị trừ"]
    if len(tasks):
        t = tasks.iloc[0]
        parts.append(f"ưu tiên nhiệm vụ {t['task_code']} ({points(t['points'])} điểm)")
    parts.append(f"còn thiếu {fmt.number(missing)} tài liệu kiểm chứng")
    return "; ".join(parts) + "."


# --- The self-assessment table as Excel -------------------------------------------------------


def self_assessment_xlsx(table: pd.DataFrame, unit: str, year: int, as_of: date) -> bytes:
    """The self-assessment layout: STT, criterion, maximum, self score, evidence list, note;
    areas in bold, evidence one document a line."""
    import xlsxwriter

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False})
    ws = book.add_worksheet("Tự đánh giá")
    bold = book.add_format({"bold": True, "font_size": 13})
    head = book.add_format(
        {
            "bold": True,
            "border": 1,
            "align": "center",
            "valign": "vcenter",
            "text_wrap": True,
            "bg_color": "#E8EEF7",
        }
    )
    cell = book.add_format({"border": 1, "valign": "top", "text_wrap": True})
    area = book.add_format({"border": 1, "valign": "top", "text_wrap": True, "bold": True})
    num = book.add_format({"border": 1, "valign": "top", "num_format": "0.00"})
    num_b = book.add_format({"border": 1, "valign": "top", "num_format": "0.00", "bold": True})
    ws.write(0, 0, f"BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {year}", bold)
    ws.write(1, 0, f"{unit} — số liệu đến {fmt.day(as_of)}")
    headers = [
        "STT",
        "Lĩnh vực / tiêu chí / tiêu chí thành phần",
        "Điểm tối đa",
        "Điểm tự đánh giá",
        "Tài liệu kiểm chứng",
        "Ghi chú",
    ]
    for i, h in enumerate(headers):
        ws.write(3, i, h, head)
    for r, row in enumerate(table.itertuples(), start=4):
        top = row.level == 0
        ws.write(r, 0, row.code, area if top else cell)
        ws.write(r, 1, export.neutralise(row.name), area if top else cell)
        if pd.notna(row.max_score):
            ws.write_number(r, 2, float(row.max_score), num_b if top else num)
        else:
            ws.write_blank(r, 2, None, cell)
        if row.self_score is not None and pd.notna(row.self_score):
            ws.write_number(r, 3, float(row.self_score), num_b if top else num)
        else:
            ws.write_blank(r, 3, None, cell)
        ws.write(r, 4, export.fit_cell(export.neutralise(row.evidence or "")), cell)
        note = []
        if row.basis == "dự kiến":
            note.append("Điểm dự kiến = tối đa trừ điểm có nguy cơ")
        if row.missing:
            note.append(f"Còn thiếu {row.missing} tài liệu")
        ws.write(r, 5, "; ".join(note), cell)
    for i, width in enumerate((8, 60, 11, 12, 70, 30)):
        ws.set_column(i, i, width)
    ws.freeze_panes(4, 0)
    book.close()
    return buf.getvalue()


# --- The compact element of the overview and the Chỉ số page -----------------------------------


def areas_phrase(by_area: pd.DataFrame, limit: int = 3) -> str:
    """'Chế độ công vụ 3; Thủ tục hành chính 2; Tổ chức bộ máy 0,9' (most first)."""
    top = by_area[by_area["at_risk"] > 0.005].sort_values("at_risk", ascending=False).head(limit)
    return "; ".join(
        f"{AREA_SHORT.get(a, n)} {points(v)}"
        for a, n, v in zip(top["area"], top["name"], top["at_risk"], strict=True)
    )


def tasks_phrase(tasks: pd.DataFrame, limit: int = 3) -> str:
    """'V.1 (3 điểm, hạn 30/06/2026), III.9 (2 điểm, …)'."""
    return ", ".join(
        f"{t.task_code} ({points(t.points)} điểm"
        + (f", hạn {fmt.day(t.deadline)}" if fmt.day(t.deadline) else "")
        + ")"
        for t in tasks.head(limit).itertuples()
    )


def risk_element(filters) -> None:
    """One compact box: the points at risk at the as-of date, the areas they sit in and the
    tasks to act on first, with a link to the Tiêu chí PAR INDEX page. Nothing before the
    year's criteria are taken."""
    import streamlit as st

    from cchc import ui

    tree = ui.query("criteria_queries.criteria", filters.unit, filters.year)
    if tree.empty:
        return
    scope = filters.scope
    risk = ui.query("criteria_queries.risk_total", scope)
    with st.container(border=True):
        text = f"**{risk_line(risk)}** (PAR INDEX {filters.year}, đến {fmt.day(filters.as_of)})"
        if risk["at_risk"] > 0.005:
            by_area = ui.query("criteria_queries.risk_by_area", scope)
            first = ui.query("criteria_queries.act_first", scope, 3)
            text += (
                f" — theo lĩnh vực: {areas_phrase(by_area)}. Xử lý trước: {tasks_phrase(first)}."
            )
        else:
            text += " — " + risk_detail(risk, filters.as_of)
        left, right = st.columns([5, 1], vertical_alignment="center")
        left.markdown(text)
        right.page_link(
            "pages/criteria.py", label="Tiêu chí PAR INDEX", icon=":material/fact_check:"
        )
