"""The app as a whole: every page runs, and an empty or missing database gets a clear word."""

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.pages.apptest import APP, ROOT, run_app

PAGES = sorted(p.stem for p in (ROOT / "pages").glob("*.py"))


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_the_demo_data(demo_db, page):
    at = run_app(page)
    assert at.title, f"page {page} shows no title"


@pytest.mark.parametrize("page", PAGES)
def test_every_page_says_when_there_is_no_data(empty_db, page):
    at = run_app(page)
    assert any("Chưa có dữ liệu" in i.value for i in at.info)


def test_missing_database_is_explained_without_a_stack_trace(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("CCHC_DB", str(tmp_path / "none.duckdb"))
    st.cache_data.clear()
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert any("python -m etl init" in e.value for e in at.error)
