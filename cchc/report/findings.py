"""The report's sentences, as plain strings built from `Data` (tested as strings): counts, task
lines, index results compared like with like, strengths, weaknesses, recommendations."""

from __future__ import annotations

from datetime import date

import pandas as pd

from cchc import fmt, indexview, slides
from cchc.periods import ROMAN_UP
from cchc.report.data import Data, area_rows
from cchc.vocab import AREA_SHORT, department_short


def dept(code: object) -> str:
    if code == "ALL":
        return "Các phòng, đơn vị"
    return department_short(code) if isinstance(code, str) else ""


def names(codes: list[str]) -> str:
    return ", ".join(dept(c) for c in codes)


def lower_first(name: str) -> str:
    """'Phường Võ Cường' -> 'phường Võ Cường' (inside a sentence)."""
    return name[:1].lower() + name[1:]


def _has_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


# --- Tasks -----------------------------------------------------------------------------------


def counts_sentence(row: pd.Series) -> str:
    text = (
        f"Tổng số {fmt.number(row['tasks'])} nhiệm vụ; đã hoàn thành "
        f"{fmt.number(row['done'])}/{fmt.number(row['with_deadline'])} nhiệm vụ có thời hạn "
        f"({fmt.percent(row['rate'])}); đang thực hiện trong hạn {fmt.number(row['open'])}; "
        f"quá hạn {fmt.number(row['overdue'])}"
    )
    if row["continuous"]:
        text += f"; {fmt.number(row['continuous'])} nhiệm vụ thực hiện thường xuyên"
    return text + "."


def progress_text(row) -> str:
    """'đạt 60%', 'chưa triển khai', 'chưa có báo cáo' for a task not done."""
    if row.status == "no_report":
        return "chưa có báo cáo tiến độ"
    if row.status == "not_started":
        return "chưa triển khai"
    if not pd.isna(row.percent):
        return f"đạt {fmt.number(row.percent)}%"
    return "đang thực hiện"


def task_line(row, kind: str) -> str:
    """One task as a report lists it; `kind` is 'done', 'overdue' or 'open'."""
    text = f"{row.code}: {row.title} (chủ trì: {dept(row.lead_department)}"
    if not pd.isna(row.deadline):
        text += f"; thời hạn {fmt.day(row.deadline)}"
    if kind == "done":
        if not pd.isna(row.completed_on):
            text += f"; hoàn thành {fmt.day(row.completed_on)}"
        if row.status == "done_late":
            text += ", quá hạn"
        if _has_text(row.evidence):
            text += f"; sản phẩm: {row.evidence.strip()}"
    elif kind == "overdue":
        text += f"; quá hạn {fmt.number(row.days_late)} ngày; {progress_text(row)}"
    else:
        text += f"; {progress_text(row)}"
    return text + ")."


def result_text(row) -> str:
    """The appendix's 'Sản phẩm, kết quả' cell: what was reported, else what the plan expects."""
    if _has_text(row.evidence):
        return row.evidence.strip()
    if _has_text(getattr(row, "product", None)):
        return f"(Sản phẩm theo kế hoạch: {row.product.strip()})"
    return ""


def reports_sentence(data: Data) -> str:
    """Who sent the period's progress report on time, late, or not yet (as of the as-of date)."""
    cal = data.period_reports()
    end = data.filters.report_period_end
    if cal.empty and not data.missing:
        return "Chưa đến kỳ báo cáo định kỳ của các phòng, đơn vị."
    period = f"quý {ROMAN_UP[(end.month - 1) // 3 + 1]} năm {end.year}"
    on_time = [d for d in cal[cal["state"] == "on_time"]["department"] if d not in data.missing]
    late = cal[(cal["state"] == "late") & ~cal["department"].isin(data.missing)]
    parts = [
        f"{fmt.number(len(on_time))} phòng, đơn vị gửi báo cáo {period} đúng hạn "
        f"(hạn gửi ngày {fmt.day(date(end.year, end.month, 20))})"
        + (f": {names(on_time)}" if on_time else "")
    ]
    if len(late):
        parts.append(
            f"{fmt.number(len(late))} đơn vị gửi muộn: "
            + ", ".join(
                f"{dept(r.department)} (ngày {fmt.day(r.report_date)})" for r in late.itertuples()
            )
        )
    if data.missing:
        parts.append(
            f"{fmt.number(len(data.missing))} đơn vị chưa gửi (đến ngày "
            f"{fmt.day(data.filters.as_of)}): {names(data.missing)}"
        )
    return "; ".join(parts) + "."


# --- Indices ---------------------------------------------------------------------------------


def period_words(period: str) -> str:
    """'2025' -> 'năm 2025', '2026-09' -> 'tháng 9/2026'."""
    if len(period) == 4:
        return f"năm {period}"
    if len(period) == 7 and period[5:].isdigit():
        return f"tháng {int(period[5:])}/{period[:4]}"
    return indexview.period_text(period)


def index_line(
    info: indexview.IndexInfo, row: pd.Series, change: bool = True, target: bool = True
) -> str:
    """One index against its own previous period and its target: 'Chỉ số cải cách hành chính
    (PAR INDEX) năm 2025: 88,70 điểm, tăng 3,30 điểm so với năm 2024; chưa đạt mục tiêu 90.'"""
    unit = "%" if info.suffix == "%" else " điểm"
    text = f"{info.title} {period_words(row['period'])}: {fmt.number(row['score'], 2)}{unit}"
    if change and not pd.isna(row["previous_score"]):
        delta = row["score"] - row["previous_score"]
        moved = "tăng" if delta > 0 else "giảm" if delta < 0 else "không đổi"
        step = "" if delta == 0 else f" {fmt.number(abs(delta), 2)} điểm"
        text += f", {moved}{step} so với {period_words(row['previous_period'])}"
    if not pd.isna(row["rank"]):
        text += f", xếp hạng {fmt.number(row['rank'])}"
    if target and info.target is not None:
        reached = row["score"] >= info.target
        text += (
            f"; {'đạt' if reached else 'chưa đạt'} mục tiêu {fmt.number(info.target)}{info.suffix}"
        )
    return text + "."


def province_line(info: indexview.IndexInfo, row: pd.Series) -> str:
    """A province-level index as context, never as the unit's own result."""
    return (
        index_line(info, row).removesuffix(".")
        + " — chỉ số của tỉnh, nêu để tham khảo, không phải kết quả riêng của đơn vị."
    )


def parts_line(info: indexview.IndexInfo, period: str, parts: pd.DataFrame) -> str:
    """'Chỉ số 766 tháng 9/2026 theo nhóm chỉ tiêu: Công khai, minh bạch 17,20/18; …'"""
    items = []
    for row in parts.itertuples():
        score = fmt.number(row.score, 2)
        items.append(
            f"{row.name} {score}"
            + ("" if pd.isna(row.max_score) else f"/{fmt.number(row.max_score, 2)}")
        )
    return (
        f"Chỉ số {info.code} {period_words(period)} theo nhóm chỉ tiêu: " + "; ".join(items) + "."
    )


# --- Assessment ------------------------------------------------------------------------------


def _area_list(rows: pd.DataFrame) -> str:
    return (
        "; ".join(
            f"{AREA_SHORT.get(a, a)} ({fmt.number(r['done'])}/{fmt.number(r['with_deadline'])}, "
            f"{fmt.percent(r['rate'])})"
            for a, r in rows.iterrows()
        )
        + "."
    )


def strengths(data: Data) -> list[tuple[str, str]]:
    """(bold lead, text) points of 'Ưu điểm'; indices only the unit's own, each against its own
    previous period."""
    out = []
    h = data.headline
    rows = area_rows(data.by_area).dropna(subset=["rate"])
    if h["done"]:
        out.append(
            (
                "",
                f"Đã hoàn thành {fmt.number(h['done'])}/{fmt.number(h['with_deadline'])} nhiệm "
                f"vụ có thời hạn ({fmt.percent(h['done_rate'])}), trong đó "
                f"{fmt.number(h['done'] - h['done_late'])} nhiệm vụ hoàn thành đúng hạn.",
            )
        )
    if len(rows):
        top = rows.sort_values(["rate", "with_deadline"], ascending=False).head(2)
        out.append(("Lĩnh vực có tỷ lệ hoàn thành cao nhất: ", _area_list(top)))
    if h["overdue"] == 0:
        out.append(("", "Không có nhiệm vụ quá hạn."))
    for info, row in data.heads("unit"):
        better = not pd.isna(row["previous_score"]) and row["score"] > row["previous_score"]
        reached = info.target is not None and row["score"] >= info.target
        if better or reached:
            out.append(("", index_line(info, row, change=better, target=reached)))
    on_time = (
        [
            d
            for d in data.period_reports().query("state == 'on_time'")["department"]
            if d not in data.missing
        ]
        if not data.period_reports().empty
        else []
    )
    if on_time:
        out.append(
            ("Chấp hành chế độ báo cáo: ", f"{names(on_time)} gửi báo cáo định kỳ đúng hạn.")
        )
    return out


def weaknesses(data: Data) -> list[tuple[str, str]]:
    out = []
    h = data.headline
    late = data.overdue()
    if len(late):
        out.append(
            (
                "",
                f"Còn {fmt.number(len(late))} nhiệm vụ quá hạn chưa hoàn thành "
                f"({', '.join(late['code'])}). " + slides.overdue_takeaway(data.by_dept),
            )
        )
    if h["done_late"]:
        out.append(("", f"{fmt.number(h['done_late'])} nhiệm vụ hoàn thành sau thời hạn."))
    rows = area_rows(data.by_area).dropna(subset=["rate"])
    if len(rows) > 1:
        low = rows.sort_values(["rate", "with_deadline"], ascending=[True, False]).head(2)
        out.append(("Lĩnh vực có tỷ lệ hoàn thành thấp nhất: ", _area_list(low)))
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
    cal = data.period_reports()
    late_reports = (
        cal[(cal["state"] == "late") & ~cal["department"].isin(data.missing)]
        if not cal.empty
        else cal
    )
    if data.missing or len(late_reports):
        text = []
        if data.missing:
            text.append(f"{names(data.missing)} chưa gửi báo cáo")
        if len(late_reports):
            text.append(f"{names(list(late_reports['department']))} gửi báo cáo muộn")
        out.append(("Chế độ báo cáo: ", "; ".join(text) + "."))
    for info, row in data.heads("unit"):
        worse = not pd.isna(row["previous_score"]) and row["score"] < row["previous_score"]
        below = info.target is not None and row["score"] < info.target
        if worse or below:
            out.append(("", index_line(info, row, change=worse, target=below)))
    weakest = data.weakest_part()
    if weakest:
        info, period, part = weakest
        out.append(
            (
                "",
                f"Trong {info.title} {period_words(period)}, lĩnh vực mất nhiều điểm nhất là "
                f"“{part['name']}” (đạt {fmt.number(part['score'], 2)}/"
                f"{fmt.number(part['max_score'], 2)} điểm, mất "
                f"{fmt.number(part['max_score'] - part['score'], 2)} điểm).",
            )
        )
    return out


def focus(data: Data) -> list[str]:
    """'Giải pháp trọng tâm' drawn from the figures."""
    out = []
    weakest = data.weakest_part()
    if weakest:
        info, period, part = weakest
        out.append(
            f"Ưu tiên khắc phục các tiêu chí bị trừ điểm thuộc “{part['name']}”, nội dung mất "
            f"nhiều điểm nhất trong {info.title} {period_words(period)} "
            f"(đạt {fmt.number(part['score'], 2)}/{fmt.number(part['max_score'], 2)} điểm)."
        )
    for info, row in data.heads("unit"):
        if info.target is not None and row["score"] < info.target:
            out.append(
                f"Có giải pháp nâng {info.title} từ {fmt.number(row['score'], 2)}{info.suffix} "
                f"lên mức mục tiêu {fmt.number(info.target)}{info.suffix}."
            )
    if data.missing:
        out.append(
            f"Đôn đốc {names(data.missing)} gửi báo cáo định kỳ đúng thời hạn (chậm nhất ngày "
            "20 của tháng cuối kỳ)."
        )
    return out


def recommendations(data: Data) -> list[str]:
    """'Kiến nghị, đề xuất': the difficulties the departments reported on tasks that are
    overdue or not done, for the upper level to help with."""
    t = pd.concat([data.overdue(), data.open_in_time()])
    t = t[t["difficulties"].map(_has_text)]
    return [
        f"{row.code} ({dept(row.lead_department)}): {row.difficulties.strip().rstrip('.')}."
        for row in t.itertuples()
    ]
