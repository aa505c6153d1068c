"""scripts/install-service.sh (`make install-service`): the systemd units and the one settings
file, and scripts/serve.sh started the way systemd starts it. systemd does not run here, so
the units are checked with `systemd-analyze verify` and by running their ExecStart with the
settings file as the environment; the deploy/ reverse-proxy examples are checked for what
Streamlit needs behind them."""

from __future__ import annotations

import getpass
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "install-service.sh"


def install_service(tmp_path: Path) -> dict[str, Path]:
    paths = {
        "units": tmp_path / "units",
        "config": tmp_path / "etc" / "cchc.env",
        "data": tmp_path / "var" / "cchc",
    }
    result = subprocess.run(
        ["bash", str(SCRIPT), "--unit-dir", str(paths["units"]), "--config", str(paths["config"]),
         "--data", str(paths["data"]), "--user", getpass.getuser(), "--code", str(ROOT),
         "--no-start"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return paths


def settings(config: Path) -> dict[str, str]:
    """The settings file read as systemd's EnvironmentFile reads it."""
    lines = config.read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


def unit(path: Path) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for line in path.read_text().splitlines():
        if "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            values.setdefault(key, []).append(value)
    return values


def test_the_service_restarts_on_failure_logs_to_the_journal_and_reads_one_settings_file(
    tmp_path: Path,
) -> None:
    paths = install_service(tmp_path)
    service = unit(paths["units"] / "cchc.service")
    assert service["Restart"] == ["on-failure"]
    assert service["StandardOutput"] == service["StandardError"] == ["journal"]
    assert service["EnvironmentFile"] == [str(paths["config"])]
    assert service["ExecStart"] == [f"{ROOT}/scripts/serve.sh"]
    assert service["WorkingDirectory"] == [str(ROOT)]
    assert service["ReadWritePaths"] == [str(paths["data"])]
    assert settings(paths["config"]) == {
        "CCHC_DB": f"{paths['data']}/cchc.duckdb",  # the data folder, outside the code
        "CCHC_PORT": "8501",
        "CCHC_ADDRESS": "127.0.0.1",
    }
    backup = unit(paths["units"] / "cchc-backup.service")
    assert backup["ExecStart"] == [f"{ROOT}/.venv/bin/python -m etl backup --auto --keep 7"]
    assert unit(paths["units"] / "cchc-backup.timer")["OnCalendar"] == ["daily"]


def test_the_settings_file_is_written_once_and_never_overwritten(tmp_path: Path) -> None:
    paths = install_service(tmp_path)
    paths["config"].write_text("CCHC_DB=/srv/cchc/cchc.duckdb\nCCHC_PORT=9000\n")
    install_service(tmp_path)
    assert paths["config"].read_text() == "CCHC_DB=/srv/cchc/cchc.duckdb\nCCHC_PORT=9000\n"
    assert unit(paths["units"] / "cchc.service")["ReadWritePaths"] == ["/srv/cchc"]


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze is not installed")
def test_systemd_analyze_verifies_the_units(tmp_path: Path) -> None:
    paths = install_service(tmp_path)
    names = ["cchc.service", "cchc-backup.service", "cchc-backup.timer"]
    result = subprocess.run(
        ["systemd-analyze", "verify", *(str(paths["units"] / n) for n in names)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert (result.returncode, result.stderr) == (0, "")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as resp:
            return resp.read().strip() == b"ok"
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


def test_execstart_serves_on_the_settings_port_and_address_with_the_database_outside_the_code(
    tmp_path: Path,
) -> None:
    paths = install_service(tmp_path)
    port = _free_port()
    text = paths["config"].read_text().replace("CCHC_PORT=8501", f"CCHC_PORT={port}")
    paths["config"].write_text(text)
    service = unit(paths["units"] / "cchc.service")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CCHC_DB")}
    env.update(settings(paths["config"]))
    env.update(dict(pair.split("=", 1) for pair in " ".join(service["Environment"]).split()))
    log = tmp_path / "service.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            service["ExecStart"], cwd=service["WorkingDirectory"][0], env=env, stdout=out,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 90
        while not _healthy(f"http://127.0.0.1:{port}/_stcore/health"):
            assert proc.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    db = paths["data"] / "cchc.duckdb"
    con = duckdb.connect(str(db), read_only=True)
    try:  # created and migrated by serve.sh (etl init), empty: no demo data on a server
        assert con.execute("SELECT count(*) FROM uploads").fetchone() == (0,)
    finally:
        con.close()
    assert [p.name.endswith("-auto.duckdb") for p in (paths["data"] / "backups").iterdir()] == [
        True
    ]  # the day's automatic backup
    assert f"127.0.0.1:{port}" in log.read_text()


def test_the_reverse_proxy_examples_pass_the_websocket_and_serve_https() -> None:
    nginx = (ROOT / "deploy" / "nginx-cchc.conf").read_text()
    assert "proxy_pass http://127.0.0.1:8501;" in nginx
    assert "proxy_set_header Upgrade $http_upgrade;" in nginx
    assert "proxy_set_header Connection $connection_upgrade;" in nginx
    assert "listen 443 ssl http2;" in nginx and "return 301 https://" in nginx
    caddy = (ROOT / "deploy" / "Caddyfile").read_text()
    assert "reverse_proxy 127.0.0.1:8501" in caddy  # Caddy upgrades websockets by itself
    assert "tls /etc/ssl/cchc/fullchain.pem" in caddy
