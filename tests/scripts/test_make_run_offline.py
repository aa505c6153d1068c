"""`make run` on an installed machine never touches the network: run inside `unshare -n` (a
network namespace with no route; loopback down too), it upgrades the database, takes the day's
automatic backup and starts Streamlit, with no pip and no apt call."""

from __future__ import annotations

import os
import selectors
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _unshare_works() -> bool:
    try:
        return subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0
    except FileNotFoundError:
        return False


def _installed() -> bool:
    """The venv is up to date (make would not run pip)."""
    return subprocess.run(["make", "-q", ".venv/.installed"], cwd=ROOT).returncode == 0


@pytest.mark.skipif(not _unshare_works(), reason="unshare -n is not permitted here")
@pytest.mark.skipif(not _installed(), reason="pyproject.toml changed since .venv was installed")
def test_make_run_starts_the_dashboard_with_no_network(
    tmp_path: Path, demo_db_master: Path
) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    apt = bin_dir / "apt-get"  # pip needs no stand-in: with no route it would fail anyway
    apt.write_text("#!/bin/sh\necho apt-get called >&2\nexit 100\n")
    apt.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k not in ("CCHC_DB", "MAKEFLAGS", "MAKELEVEL")}
    env["PATH"] = f"{bin_dir}:{env['PATH']}"
    db = tmp_path / "data" / "cchc.duckdb"  # the demo database already there, as after a first run
    db.parent.mkdir()
    shutil.copy(demo_db_master, db)
    # The namespace has its own ports: a fixed one cannot clash with a server outside it.
    proc = subprocess.Popen(
        ["unshare", "-n", "make", "--no-print-directory", "run", "PORT=8599", f"DB={db}"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,
    )  # fmt: skip
    output: list[str] = []
    try:
        selector = selectors.DefaultSelector()
        selector.register(proc.stdout, selectors.EVENT_READ)
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and proc.poll() is None:
            if selector.select(timeout=1):
                line = proc.stdout.readline()
                output.append(line)
                if "Uvicorn server started" in line:
                    break
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    text = "".join(output)
    assert "Uvicorn server started on localhost:8599" in text, text
    assert "called" not in text and "Could not install" not in text, text
    assert db.exists() and any((db.parent / "backups").glob("cchc-*-auto*.duckdb")), text


def test_the_venv_installs_from_wheels_with_no_index_when_a_bundle_brought_them(
    tmp_path: Path,
) -> None:
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)

    def pip_line() -> str:
        dry = subprocess.run(
            ["make", "-n", ".venv/.installed"], cwd=tmp_path, capture_output=True, text=True
        )
        return next(line for line in dry.stdout.splitlines() if " install " in line)

    assert "--no-index" not in pip_line()  # a checkout: from the index
    (tmp_path / "wheels").mkdir()
    (tmp_path / "wheels" / "duckdb-2.0.1-cp311-cp311-manylinux_2_28_x86_64.whl").touch()
    assert "--no-index --find-links wheels" in pip_line()
