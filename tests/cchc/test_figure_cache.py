"""ui.figure: a chart's figure is built once for the same arguments (frames compared by
content) and again when the data differ, so a warm rerun of a page skips plotly's Python."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from cchc import ui

BUILT: list[int] = []


def bars(frame: pd.DataFrame, title: str) -> go.Figure:
    BUILT.append(len(frame))
    return go.Figure(go.Bar(x=list(frame["x"]), y=list(frame["y"])), layout={"title": title})


def test_the_same_arguments_give_the_same_figure_other_data_a_new_one():
    ui._figure.clear()
    BUILT.clear()
    frame = pd.DataFrame({"x": ["a", "b"], "y": [1, 2]})
    first = ui.figure(bars, frame, "Tỷ lệ")
    again = ui.figure(bars, frame.copy(), "Tỷ lệ")  # an equal frame, not the same object
    assert again is first and BUILT == [2]
    changed = ui.figure(bars, pd.DataFrame({"x": ["a", "b"], "y": [1, 3]}), "Tỷ lệ")
    retitled = ui.figure(bars, frame, "Tỷ lệ mới")
    assert changed is not first and list(changed.data[0].y) == [1, 3]
    assert retitled.layout.title.text == "Tỷ lệ mới" and BUILT == [2, 2, 2]
