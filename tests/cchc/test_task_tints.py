"""ui.tinted: a task list keeps its status tints up to ui.TINTED_ROWS rows; a longer one (a
10,000-task plan) is sent as it is, since pandas' Styler costs a second a rerun there."""

from __future__ import annotations

import pandas as pd
from pandas.io.formats.style import Styler

from cchc import ui
from cchc.tasklist import COLUMNS
from cchc.vocab import STATUSES


def tasks(n: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            COLUMNS["status"]: [STATUSES["overdue"]] * n,
            COLUMNS["deadline"]: pd.to_datetime(["2026-06-30"] * n),
        }
    )


def test_short_lists_are_tinted_long_ones_are_not():
    short = ui.tinted(tasks(ui.TINTED_ROWS))
    assert isinstance(short, Styler)
    assert "background-color" in short.to_html()
    long = tasks(ui.TINTED_ROWS + 1)
    assert ui.tinted(long) is long
