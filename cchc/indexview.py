"""The external indices as the 'Chỉ số' page shows them: names, targets, method notes, and the
frames its charts take."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from cchc import fmt


@dataclass(frozen=True)
class IndexInfo:
    code: str
    title: str
    target: float | None
    suffix: str = ""
    notes: dict[str, str] = field(default_factory=dict)
    about: str = ""
    bands: tuple[tuple[float, float, str], ...] = ()  # (from, to, name) classification bands
    level: str = "unit"  # "province": the province's own index, shown as the unit's context


INDICES = [
    IndexInfo(
        "PAR",
        "Chỉ số cải cách hành chính (PAR INDEX)",
        90.0,
        "",
        {"2025": "Chính quyền 2 cấp (2025)"},
        "Điểm trên thang 100: điểm thẩm định (hoặc tự đánh giá khi chưa thẩm định), cộng điểm "
        "điều tra xã hội học nếu có. Nhóm A ≥ 90%, nhóm B 80–90%, nhóm C 70–80%.",
        ((90.0, 100.0, "Nhóm A"), (80.0, 90.0, "Nhóm B"), (70.0, 80.0, "Nhóm C")),
    ),
    IndexInfo(
        "SIPAS",
        "Chỉ số hài lòng (SIPAS)",
        95.0,
        "%",
        {"2023": "Phương pháp mới (QĐ 1001/QĐ-BNV, 2023)", "2025": "Chính quyền 2 cấp"},
        "Tỷ lệ người dân, tổ chức hài lòng; mục tiêu của tỉnh ≥ 95%.",
    ),
    IndexInfo(
        "PCI",
        "Năng lực cạnh tranh cấp tỉnh (PCI) — Bắc Ninh",
        None,
        "",
        {"2021": "Đổi chỉ số thành phần (2021)"},
        "Chỉ số của tỉnh, để đối chiếu; 10 chỉ số thành phần trên thang 10.",
        level="province",
    ),
    IndexInfo(
        "DDCI",
        "Năng lực cạnh tranh cấp sở, ngành, địa phương (DDCI)",
        None,
        "",
        {},
        "Do tỉnh đo ở cấp xã, phường; chỉ số thành phần trên thang 10.",
    ),
    IndexInfo(
        "766",
        "Bộ chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766)",
        90.0,
        "",
        {},
        "Tính tự động trên Cổng Dịch vụ công quốc gia; thang 100; mục tiêu ≥ 90.",
    ),
]


def period_text(period: str) -> str:
    """'2026-03' -> 'T3/2026', '2026-W49' -> 'Tuần 49/2026', '2026-Q3' -> 'Quý III/2026'."""
    from cchc.periods import period_label

    if len(period) == 7 and period[5:].isdigit():
        return f"T{int(period[5:])}/{period[:4]}"
    return period if len(period) == 4 else period_label(period)


def totals(scores: pd.DataFrame) -> pd.DataFrame:
    """The index total per period and series, with a display label for the period."""
    t = scores[scores["criterion"] == ""].copy()
    t["label"] = t["period"].map(period_text)
    return t


def latest_parts(scores: pd.DataFrame, depth: int = 1) -> tuple[str, pd.DataFrame]:
    """The unit's parts (areas, elements, groups) in its latest period."""
    own = scores[(scores["series"] == "unit") & (scores["criterion"] != "")]
    if own.empty:
        return "", own
    period = own["period"].max()
    parts = own[(own["period"] == period) & (own["criterion"].str.count(r"\.") == depth - 1)]
    return period, parts


def headline(row: pd.Series) -> tuple[str, str]:
    """('88,70', '+3,30 so với 2024') for a headline card."""
    value = fmt.number(row["score"], 2)
    if pd.isna(row["previous_score"]):
        return value, period_text(row["period"])
    delta = row["score"] - row["previous_score"]
    sign = "+" if delta >= 0 else "−"
    return value, f"{sign}{fmt.number(abs(delta), 2)} so với {period_text(row['previous_period'])}"


def parts_over_time(scores: pd.DataFrame) -> pd.DataFrame:
    """The unit's top-level parts with a maximum, in every period, with period labels."""
    own = scores[
        (scores["series"] == "unit")
        & (scores["criterion"] != "")
        & (scores["criterion"].str.count(r"\.") == 0)
        & scores["max_score"].notna()
    ]
    return own.assign(label=own["period"].map(period_text))


def reference_parts(scores: pd.DataFrame, period: str) -> pd.DataFrame:
    """The province average of each part in a period, when the file gives it."""
    return scores[
        (scores["series"] == "province_avg")
        & (scores["period"] == period)
        & (scores["criterion"] != "")
    ]
