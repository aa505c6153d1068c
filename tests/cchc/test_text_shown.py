"""Cell text inside Streamlit markdown (a task's details, a drill-down's heading, messages of
the upload page): escaped so that a title holding `<script>` or `[x](javascript:…)` shows as
written. The browser side is tests/e2e/test_text_safety.py."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from cchc.upload_view import shown

HOSTILE = "Tuyên truyền <script>alert(1)</script> [x](javascript:alert(1)) *đậm* $x$"
UNESCAPED = re.compile(r"(?<!\\)[<>\[\]*$`_|~]")


def test_shown_escapes_every_mark_that_makes_markup() -> None:
    assert not UNESCAPED.search(shown(HOSTILE))
    assert shown("Phường Võ Cường, Quý IV/2026 (#12) — 40%") == (
        "Phường Võ Cường, Quý IV/2026 (#12) — 40%"
    )


def _task_detail() -> None:
    import pandas as pd

    from cchc import ui
    from tests.cchc.test_text_shown import HOSTILE

    task = {
        "code": "I.1",
        "title": HOSTILE,
        "lead_department": "[y](javascript:alert(2))",
        "status": "in_progress",
        "deadline_text": "<b>Quý I</b>",
    }
    ui.task_detail(pd.DataFrame([task]), pd.DataFrame(), "I.1")


def test_a_task_title_from_a_cell_reaches_markdown_escaped() -> None:
    at = AppTest.from_function(_task_detail, default_timeout=60).run()
    assert not at.exception
    sources = [m.value for m in at.markdown]
    assert any("alert(1)" in s for s in sources) and any("alert(2)" in s for s in sources)
    for source in sources:
        text = source.replace("**Trạng thái:**", "").replace("**Thời hạn:**", "")
        text = text.replace("**Chủ trì:**", "")
        assert not UNESCAPED.search(text), source
