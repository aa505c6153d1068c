"""Running the app under AppTest, through app.py as a browser would."""

from __future__ import annotations

import json
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")


def run_app(page: str | None = None, **params: str) -> AppTest:
    """The app with fresh caches, optionally switched to pages/<page>.py, with URL params."""
    st.cache_data.clear()
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page is not None:
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception
    assert not [e.value for e in at.error], [e.value for e in at.error]
    return at


def chart_specs(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


PLAN_CARDS = ("Nhiệm vụ", "Tỷ lệ hoàn thành", "Quá hạn", "Đến hạn trong 30 ngày")


def metrics(at: AppTest) -> dict[str, str]:
    """The plan's headline cards (the index cards, when shown, are left out)."""
    return {
        m.label: m.value
        for m in at.metric
        if m.label in PLAN_CARDS or m.label.startswith("Nhiệm vụ")
    }
