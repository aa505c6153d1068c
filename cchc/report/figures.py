"""The report's charts as PNGs, drawn by the dashboard's own figure builders."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cchc import charts, images, indexview, slides
from cchc.report.data import Data, Progress


@dataclass(frozen=True)
class Chart:
    key: str
    caption: str
    png: bytes


def render(data: Data, step: Progress) -> dict[str, Chart]:
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
