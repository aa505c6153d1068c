"""Fixtures of the ETL tests: the environment a command-line run gets."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """The command line's environment, with its own database in the test's folder."""
    return {**os.environ, "CCHC_DB": str(tmp_path / "cchc.duckdb"), "PYTHONIOENCODING": "utf-8"}
