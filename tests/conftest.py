"""Shared fixtures: a fixed 'today', databases built in a temporary folder, workbook builders."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from cchc import db
from etl.cli import demo_files
from etl.load import Options, load_path
from etl.schema import migrate

TODAY = "2026-11-26"  # the demo data's story is told as of this day
os.environ["CCHC_TODAY"] = TODAY


@pytest.fixture(scope="session")
def demo_db_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo workbooks loaded once through the real ETL (copied per test that writes)."""
    path = tmp_path_factory.mktemp("demo") / "cchc.duckdb"
    options = Options(uploaded_by="Dữ liệu mẫu (demo)", is_demo=True)
    for f in demo_files():
        result = load_path(f, options, path)
        assert result.status == "loaded", (f.name, [str(p) for p in result.problems])
    return path


@pytest.fixture
def demo_db(demo_db_master: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the demo database, set as $CCHC_DB."""
    path = tmp_path / "cchc.duckdb"
    shutil.copy(demo_db_master, path)
    monkeypatch.setenv("CCHC_DB", str(path))
    return path


@pytest.fixture
def empty_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A migrated, empty database, set as $CCHC_DB."""
    path = tmp_path / "cchc.duckdb"
    with db.writing(path) as con:
        migrate(con)
    monkeypatch.setenv("CCHC_DB", str(path))
    return path
