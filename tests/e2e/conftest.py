"""Browser fixtures: the real Streamlit server on a copy of the demo database, Debian's Chromium
driven by Playwright, and a fresh page per test that leaves a screenshot in test-results/.

Every test module here sets `pytestmark = [browser, xdist_group("browser")]`, so with `-n 2
--dist loadgroup` a single worker starts one server and one browser for all of them.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TODAY = "2026-11-26"
STARTUP_TIMEOUT = 60.0
RESULTS = ROOT / "test-results"

# Streamlit answers slowly on the first session of a fresh server (script run + JS chunks).
FIRST_RENDER_MS = 45_000
expect.set_options(timeout=15_000)

READY = {
    "chart": ".js-plotly-plot .main-svg",  # a plotly chart that has been drawn
    "grid": '[data-testid="stDataFrame"]',  # a data grid
    "upload": '[data-testid="stFileUploader"]',  # the upload page's file drop zone
    "checkbox": '[data-testid="stCheckbox"]',  # the export page's chart choices
}


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _output(log: Path) -> str:
    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    return text[-6000:] or "(no output)"


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as resp:
            return resp.status == 200 and resp.read().strip() == b"ok"
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


@contextmanager
def streamlit_on(db_file: Path, workdir: Path) -> Iterator[str]:
    """`streamlit run app.py` on `db_file`; yields the base URL once it is healthy."""
    port = _free_port()
    env = {**os.environ, "CCHC_DB": str(db_file), "CCHC_TODAY": TODAY, "PYTHONUNBUFFERED": "1"}
    cmd = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
        # other people edit the sources while the suite runs: never react to those edits
        "--server.fileWatcherType", "none",
    ]  # fmt: skip
    log = workdir / "streamlit.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not _healthy(f"{base}/_stcore/health"):
            if proc.poll() is not None:
                pytest.fail(
                    f"Streamlit exited with code {proc.returncode} before it was healthy:\n"
                    + _output(log),
                    pytrace=False,
                )
            if time.monotonic() > deadline:
                pytest.fail(
                    f"Streamlit was not healthy after {STARTUP_TIMEOUT:.0f} s:\n" + _output(log),
                    pytrace=False,
                )
            time.sleep(0.1)
        yield base
    finally:
        stop(proc)


def stop(proc: subprocess.Popen) -> None:
    """End a server the tests started: politely, then for good."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


@pytest.fixture(scope="session")
def server(demo_db_master: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`streamlit run app.py` on a private copy of the demo database; yields the base URL."""
    workdir = tmp_path_factory.mktemp("e2e-server")
    db_file = workdir / "cchc.duckdb"
    shutil.copy(demo_db_master, db_file)
    wal = demo_db_master.with_name(demo_db_master.name + ".wal")
    if wal.exists():
        shutil.copy(wal, db_file.with_name(db_file.name + ".wal"))
    with streamlit_on(db_file, workdir) as base:
        yield base


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests need Debian's Chromium. "
            "Run `make system-deps` (it installs chromium and the Vietnamese fonts).",
            pytrace=False,
        )
    pw = sync_playwright().start()
    try:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS
        )
        yield browser
        browser.close()
    finally:
        pw.stop()


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh page (own context: own cookies, Streamlit session) with a 1600×1000 viewport.
    Always saves test-results/<test name>.png, so a failure can be looked at."""
    context = browser.new_context(viewport={"width": 1600, "height": 1000}, accept_downloads=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        yield page
    finally:
        RESULTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.name)
        try:
            page.screenshot(path=str(RESULTS / f"{name}.png"), timeout=10_000)
        except Exception as exc:  # a screenshot must never hide the test's own result
            print(f"screenshot of {name} failed: {exc}")
        context.close()


@pytest.fixture
def open_app(page: Page, server: str) -> Callable[..., Page]:
    """open_app("/tasks?ky=Q2", ready="grid"): go to a path of the app and wait until a
    chart (or the data grid) is drawn; the first render on a fresh server takes seconds."""

    def go(path: str = "/", ready: str = "chart") -> Page:
        page.goto(server + path)
        page.locator(READY[ready]).first.wait_for(timeout=FIRST_RENDER_MS)
        return page

    return go
