"""The Toàn tỉnh charts: every unit up to 120, else the top and bottom ten; the distribution
counts every unit once with the selected one marked."""

from __future__ import annotations

import pandas as pd

from cchc import province_charts


def ranked(n: int) -> pd.DataFrame:
    rates = [1 - i / n for i in range(n)]
    return pd.DataFrame(
        {
            "unit": [f"Xã {i}" for i in range(n)],
            "rate": rates,
            "rank": range(1, n + 1),
            "done": [round(r * 64) for r in rates],
            "with_deadline": [64] * n,
        }
    )


def test_every_unit_up_to_120_else_the_top_and_bottom_ten():
    assert province_charts.shown_units(ranked(120)) == [f"Xã {i}" for i in range(120)]
    big = province_charts.shown_units(ranked(3321))
    assert big == [f"Xã {i}" for i in range(10)] + [f"Xã {i}" for i in range(3311, 3321)]
    fig = province_charts.completion_bars(ranked(3321), "Xã 5", "t")
    assert len(fig.data[0].y) == 20 and fig.data[0].y[5] == "6. Xã 5"
    assert fig.data[0].marker.color[5] == province_charts.SELECTED
    assert len(fig.layout.shapes) == 1  # the gap between the top and the bottom ten


def test_the_distribution_counts_each_unit_once_and_marks_the_selected():
    table = ranked(99)
    fig = province_charts.distribution(table, "Xã 50", "t")
    assert sum(fig.data[0].y) == 99
    colors = fig.data[0].marker.color
    assert colors.count(province_charts.SELECTED) == 1
    rate = table.loc[table["unit"] == "Xã 50", "rate"].item() * 100
    assert colors.index(province_charts.SELECTED) == int(rate // 5)
    assert fig.layout.annotations[0].text == "Xã 50: 49,5%"
