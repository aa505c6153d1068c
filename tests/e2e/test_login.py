"""Logging in through a real OpenID Connect provider in a real browser: oidc-provider-mock runs
offline on a free port, the dashboard gets an `[auth]` section pointing at it, and a leader, a
department editor and a unit admin each log in and find exactly what their role allows. Also:
without a session only the login shows, and the session cookie is signed and expires."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from cchc import db
from etl import roles
from etl.audit import Actor
from tests.e2e.conftest import (
    FIRST_RENDER_MS,
    ROOT,
    STARTUP_TIMEOUT,
    TODAY,
    _free_port,
    _healthy,
    stop,
)
from tests.workbooks import REPORT_HEADER, xlsx_bytes

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

UNIT = "Phường Võ Cường"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TITLE = "Ban hành Kế hoạch tuyên truyền cải cách hành chính năm 2026"
PEOPLE = {
    "leader": ("ld@vocuong.gov.vn", "Lê Lãnh Đạo", roles.Grant("", "viewer", UNIT)),
    "editor": (
        "vhxh@vocuong.gov.vn",
        "Cao Cán Bộ",
        roles.Grant("", "department_editor", UNIT, department="VHXH"),
    ),
    "admin": ("qt@vocuong.gov.vn", "Quách Quản Trị", roles.Grant("", "unit_admin", UNIT)),
}
MAIN = '[data-testid="stMain"]'
NAV = '[data-testid="stSidebarNav"]'
COOKIE = "_streamlit_user"


def _wait(url: str, proc: subprocess.Popen, log: Path, what: str) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"{what} did not start:\n{log.read_text(errors='replace')[-4000:]}")
        time.sleep(0.1)


@pytest.fixture(scope="module")
def provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """oidc-provider-mock on a free local port, with the three people as predefined users."""
    port = _free_port()
    log = tmp_path_factory.mktemp("oidc") / "oidc.log"
    cmd = [sys.executable, "-m", "oidc_provider_mock", "--port", str(port)]
    for email, name, _ in PEOPLE.values():
        cmd += ["--user-claims", json.dumps({"sub": email, "email": email, "name": name})]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(f"{base}/.well-known/openid-configuration", proc, log, "oidc-provider-mock")
        yield base
    finally:
        stop(proc)


@pytest.fixture(scope="module")
def secured(
    provider: str, demo_db_master: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Path]]:
    """The dashboard on a copy of the demo data with the three roles, and `[auth]` in its own
    secrets file; yields (base URL, database)."""
    workdir = tmp_path_factory.mktemp("secured")
    database = workdir / "cchc.duckdb"
    shutil.copy(demo_db_master, database)
    wal = demo_db_master.with_name(demo_db_master.name + ".wal")
    if wal.exists():
        shutil.copy(wal, database.with_name(database.name + ".wal"))
    with db.writing(database) as con:
        for email, name, grant in PEOPLE.values():
            roles.set_role(
                con,
                roles.Grant(email, grant.role, grant.unit, department=grant.department, name=name),
                Actor("Kiểm thử"),
            )
    port = _free_port()
    secrets = workdir / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        'cookie_secret = "a-long-random-secret-for-the-test-only-0123456789"\n'
        'client_id = "cchc-dashboard"\n'
        'client_secret = "test-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    env = {**os.environ, "CCHC_DB": str(database), "CCHC_TODAY": TODAY, "PYTHONUNBUFFERED": "1"}
    cmd = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
        "--secrets.files", str(secrets),
    ]  # fmt: skip
    log = workdir / "streamlit.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not _healthy(f"{base}/_stcore/health"):
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"Streamlit did not start:\n{log.read_text(errors='replace')[-4000:]}")
            time.sleep(0.1)
        yield base, database
    finally:
        stop(proc)


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context(viewport={"width": 1400, "height": 950}, accept_downloads=True)
    ctx.set_default_timeout(20_000)
    try:
        yield ctx
    finally:
        ctx.close()


def _login_screen(page: Page) -> None:
    expect(page.locator("h1")).to_have_text("Theo dõi cải cách hành chính", timeout=FIRST_RENDER_MS)
    expect(page.get_by_role("button", name="Đăng nhập")).to_be_visible()
    expect(page.locator('[data-testid="stDataFrame"]')).to_have_count(0)
    expect(page.locator(".js-plotly-plot")).to_have_count(0)
    expect(page.locator(NAV)).to_have_count(0)


def _log_in(page: Page, base: str, who: str) -> None:
    email, name, _ = PEOPLE[who]
    page.goto(base + "/")
    _login_screen(page)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("button", name=email, exact=True).click()  # the provider's own page
    page.wait_for_url(f"{base}/**", timeout=FIRST_RENDER_MS)
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text(name, timeout=FIRST_RENDER_MS)


def _nav(page: Page) -> list[str]:
    """The page names in the sidebar's navigation (its "show more" opened first)."""
    page.locator(NAV).first.wait_for()
    more = (
        page.locator(NAV)
        .get_by_role("button", name="View")
        .or_(page.locator('[data-testid="stSidebarNavViewButton"]'))
    )
    if more.count() and "more" in more.first.inner_text().lower():
        more.first.click()
    return [t.split("\n")[-1].strip() for t in page.locator(f"{NAV} a").all_inner_texts()]


def _report(department: str) -> bytes:
    top = [
        ["UBND PHƯỜNG VÕ CƯỜNG"],
        ["BÁO CÁO"],
        ["Tiến độ thực hiện nhiệm vụ cải cách hành chính Quý IV năm 2026"],
        [f"Đơn vị báo cáo: {department}"],
        ["Võ Cường, ngày 20 tháng 11 năm 2026"],
        [],
    ]
    return xlsx_bytes(
        {"Báo cáo": [*top, REPORT_HEADER, ["1", TITLE, "", "", "Đã hoàn thành", 100]]}
    )


def _counts(database: Path) -> tuple[int, int]:
    with db.reading(database) as con:
        uploads = con.execute("SELECT count(*) FROM uploads").fetchone()[0]
        trail = con.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    return uploads, trail


@pytest.mark.parametrize("path", ["/", "/history", "/upload", "/users"])
def test_without_a_session_every_page_shows_only_the_login(
    secured: tuple[str, Path], context: BrowserContext, path: str
) -> None:
    page = context.new_page()
    page.goto(secured[0] + path)
    _login_screen(page)
    if path == "/":
        page.screenshot(path=str(ROOT / "test-results" / "login-screen.png"))


def test_leader_reads_the_unit_and_changes_nothing(
    secured: tuple[str, Path], context: BrowserContext
) -> None:
    base, _ = secured
    page = context.new_page()
    _log_in(page, base, "leader")
    expect(page.locator("h1")).to_contain_text(UNIT)
    offered = _nav(page)
    assert "Tổng quan" in offered and "Lịch sử tải lên" in offered
    assert "Tải dữ liệu lên" not in offered and "Người dùng" not in offered
    page.goto(base + "/history")
    main = page.locator(MAIN)
    expect(main.get_by_text("chỉ được xem, không được tải lên hay sửa dữ liệu")).to_be_visible()
    expect(main.get_by_role("button", name="Hoàn tác")).to_have_count(0)
    page.screenshot(path=str(ROOT / "test-results" / "login-leader.png"))


def test_department_editor_loads_only_its_own_department(
    secured: tuple[str, Path], context: BrowserContext
) -> None:
    base, database = secured
    page = context.new_page()
    _log_in(page, base, "editor")
    offered = _nav(page)
    assert "Tải dữ liệu lên" in offered and "Người dùng" not in offered
    page.goto(base + "/upload")
    main = page.locator(MAIN)
    expect(main.get_by_text("Người tải lên: Cao Cán Bộ")).to_be_visible(timeout=FIRST_RENDER_MS)
    expect(main.get_by_role("textbox", name="Người tải lên")).to_have_count(0)
    before = _counts(database)
    main.locator("input[type=file]").set_input_files(
        [{"name": "vp-q4.xlsx", "mimeType": XLSX, "buffer": _report("Văn phòng HĐND và UBND")}]
    )
    refusal = main.get_by_text("chỉ được nạp báo cáo của Phòng Văn hóa – Xã hội").first
    expect(refusal).to_be_visible(timeout=30_000)
    expect(main.get_by_role("button", name="Nạp vào cơ sở dữ liệu")).to_have_count(0)
    assert _counts(database) == before  # refused: nothing written, not even the trail

    main.locator("input[type=file]").set_input_files(
        [{"name": "vhxh-q4.xlsx", "mimeType": XLSX, "buffer": _report("Phòng Văn hóa – Xã hội")}]
    )
    expect(main.get_by_text("hợp lệ, sẽ nạp Báo cáo tiến độ")).to_be_visible(timeout=30_000)
    main.get_by_role("button", name="Nạp vào cơ sở dữ liệu").click()
    expect(main.get_by_text("đã nạp Báo cáo tiến độ")).to_be_visible(timeout=30_000)
    with db.reading(database) as con:
        by, actor, login = con.execute(
            "SELECT u.uploaded_by, a.actor, a.login FROM uploads u, audit_log a "
            "WHERE a.action = 'load' AND u.upload_id = a.upload_ids[1] "
            "ORDER BY a.audit_id DESC LIMIT 1"
        ).fetchone()
    assert (by, actor, login) == ("Cao Cán Bộ", "Cao Cán Bộ", "vhxh@vocuong.gov.vn")

    page.goto(base + "/history")
    expect(
        page.locator(MAIN).get_by_text("chỉ được nạp báo cáo tiến độ của phòng mình")
    ).to_be_visible(timeout=FIRST_RENDER_MS)
    expect(page.locator(MAIN).get_by_role("button", name="Hoàn tác")).to_have_count(0)


def test_unit_admin_undoes_manages_users_and_reads_the_trail(
    secured: tuple[str, Path], context: BrowserContext
) -> None:
    base, database = secured
    page = context.new_page()
    _log_in(page, base, "admin")
    offered = _nav(page)
    assert {"Tải dữ liệu lên", "Người dùng", "Nhật ký", "Lịch sử tải lên"} <= set(offered)
    page.goto(base + "/history")
    main = page.locator(MAIN)
    main.get_by_text("Tôi muốn hoàn tác lần nạp này").click(timeout=FIRST_RENDER_MS)
    main.get_by_role("button", name="Hoàn tác").click()
    expect(main.get_by_text("Đã hoàn tác lần nạp #")).to_be_visible(timeout=30_000)

    page.goto(base + "/users")
    main = page.locator(MAIN)
    expect(main.locator("h1")).to_have_text("Người dùng", timeout=FIRST_RENDER_MS)
    expect(main.locator('[data-testid="stDataFrame"]')).to_be_visible()
    page.screenshot(path=str(ROOT / "test-results" / "login-users.png"), full_page=True)

    page.goto(base + "/audit")
    main = page.locator(MAIN)
    expect(main.locator("h1")).to_have_text("Nhật ký", timeout=FIRST_RENDER_MS)
    expect(main.locator('[data-testid="stDataFrame"]')).to_be_visible()
    page.screenshot(path=str(ROOT / "test-results" / "login-audit.png"), full_page=True)
    with db.reading(database) as con:
        last = con.execute(
            "SELECT action, actor, login, via FROM audit_log ORDER BY audit_id DESC LIMIT 1"
        ).fetchone()
    assert last == ("undo", "Quách Quản Trị", "qt@vocuong.gov.vn", "web")


def test_the_session_cookie_is_signed_and_expires(
    secured: tuple[str, Path], context: BrowserContext
) -> None:
    base, _ = secured
    page = context.new_page()
    _log_in(page, base, "leader")
    cookie = next(c for c in context.cookies() if c["name"].startswith(COOKIE))
    days = (cookie["expires"] - time.time()) / 86400
    assert 0 < days <= 31 and cookie["httpOnly"]
    forged = dict(cookie)
    forged["value"] = cookie["value"][:-4] + (
        "AAAA" if not cookie["value"].endswith("AAAA") else "BBBB"
    )
    context.clear_cookies()
    context.add_cookies([{k: forged[k] for k in ("name", "value", "domain", "path")}])
    page.goto(base + "/")
    _login_screen(page)  # a cookie that does not carry the server's signature is no session
