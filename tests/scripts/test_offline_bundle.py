"""The offline bundle (scripts/make-bundle.sh) installs with no network, from a clean folder,
and its install.sh upgrades with a backup first and rolls back to the previous version and
that backup (scripts/offline-install.sh).

One small bundle is built for the module (runtime wheels only, no Debian packages) and
installed inside `unshare -n`: a network namespace with no route anywhere, so any download
would fail the install."""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
import tomllib
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
VERSION = PROJECT["version"]
PLAN = "data/demo/ke-hoach-cchc-2026-phu-luc.xlsx"
REPORT = "data/demo/bao-cao-q1-2026-vhxh.xlsx"

pytestmark = [
    pytest.mark.xdist_group("offline_bundle"),
    pytest.mark.skipif(
        not (ROOT / ".git").exists(), reason="make bundle needs a git checkout (not a release)"
    ),
]


def _unshare_works() -> bool:
    try:
        return subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0
    except FileNotFoundError:
        return False


OFFLINE = _unshare_works()


def offline(*cmd: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """A command in a network namespace with no route (not even loopback up)."""
    return subprocess.run(
        ["unshare", "-n", *map(str, cmd)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        env={k: v for k, v in os.environ.items() if k != "CCHC_DB"},
    )


def ok(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    ok(
        subprocess.run(
            ["bash", "scripts/make-bundle.sh", "--no-debs", "--runtime-only", "--out", str(out)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=900,
        )
    )
    return out / f"cchc-offline-{VERSION}.tar.gz"


def test_bundle_holds_the_committed_project_the_pinned_wheels_and_install_sh(bundle: Path) -> None:
    top = f"cchc-offline-{VERSION}"
    with tarfile.open(bundle) as tar:
        names = set(tar.getnames())
        requirements = tar.extractfile(f"{top}/wheels/requirements.txt").read().decode()
    tracked = subprocess.run(
        ["git", "ls-tree", "-r", "--name-only", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.split()
    assert {f"{top}/{f}" for f in tracked} <= names
    assert {f"{top}/install.sh", f"{top}/VERSION"} <= names
    assert not any("/.venv/" in n or n.endswith(".duckdb") or "/debs/" in n for n in names)
    assert requirements.split() == [*PROJECT["dependencies"], "setuptools>=68"]  # runtime only
    wheels = {Path(n).name.split("-")[0].lower() for n in names if n.endswith(".whl")}
    pinned = {r.split("==")[0].replace("-", "_").lower() for r in PROJECT["dependencies"]}
    assert pinned <= wheels


@pytest.fixture(scope="module")
def server(bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The bundle unpacked in a clean folder and installed offline, as on the office server."""
    base = tmp_path_factory.mktemp("server")
    with tarfile.open(bundle) as tar:
        tar.extractall(base / "unpacked", filter="tar")
    paths = {
        "unpacked": base / "unpacked" / f"cchc-offline-{VERSION}",
        "prefix": base / "opt",
        "config": base / "etc" / "cchc.env",
        "data": base / "var",
    }
    paths["db"] = paths["data"] / "cchc.duckdb"
    return paths


def install(server: dict[str, Path], unpacked: Path, *extra: str) -> subprocess.CompletedProcess:
    return offline(
        "bash",
        unpacked / "install.sh",
        "--prefix",
        server["prefix"],
        "--config",
        server["config"],
        "--data",
        server["data"],
        "--no-debs",
        "--no-service",
        *extra,
    )


def rows(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def installed(server: dict[str, Path]) -> subprocess.CompletedProcess:
    if not OFFLINE:
        pytest.skip("unshare -n is not permitted here (needs root or user namespaces)")
    return ok(install(server, server["unpacked"]))


def test_installs_offline_from_a_clean_folder_and_runs_etl_init(
    server: dict[str, Path], installed: subprocess.CompletedProcess
) -> None:
    current = server["prefix"] / "current"
    assert current.resolve() == server["prefix"] / "releases" / VERSION
    assert not (server["prefix"] / "previous").exists()  # a first install replaces nothing
    assert f"CCHC_DB={server['db']}" in server["config"].read_text()
    assert server["db"].exists(), installed.stdout  # created by etl init, outside the code
    init = ok(
        offline(
            current / ".venv/bin/python", "-m", "etl", "init", "--db", server["db"], cwd=current
        )
    )
    assert "phiên bản" in init.stdout
    # `make run` there finds the environment installed: it will not call pip.
    assert subprocess.run(["make", "-q", ".venv/.installed"], cwd=current).returncode == 0


def test_upgrade_keeps_the_data_with_a_backup_and_rollback_puts_both_back(
    server: dict[str, Path], installed: subprocess.CompletedProcess, tmp_path: Path
) -> None:
    first = server["prefix"] / "releases" / VERSION
    py = first / ".venv/bin/python"
    db = server["db"]
    ok(offline(py, "-m", "etl", "load", first / PLAN, "--db", db, cwd=first))
    tasks_before = rows(db, "SELECT count(*) FROM tasks")

    # A newer bundle: the same files under the next version number. Its first try fails at
    # the schema migration: the running version and the data stay as they were.
    newer = tmp_path / "cchc-offline-next"
    shutil.copytree(server["unpacked"], newer, symlinks=True)
    (newer / "VERSION").write_text("9.9.9\n")
    main = newer / "etl" / "__main__.py"
    good = main.read_text()
    main.write_text(f'import sys\nif sys.argv[1] == "init":\n    sys.exit("broken")\n{good}')
    failed = install(server, newer)
    current, previous = server["prefix"] / "current", server["prefix"] / "previous"
    assert failed.returncode == 1, failed.stdout
    assert "không nâng cấp được cấu trúc cơ sở dữ liệu" in failed.stderr
    assert current.resolve() == first and not previous.exists()
    assert rows(db, "SELECT count(*) FROM tasks") == tasks_before
    # Mended, the same version installs on the release it had built (versions never change).
    (server["prefix"] / "releases" / "9.9.9" / "etl" / "__main__.py").write_text(good)
    before_upgrade = set((server["data"] / "backups").iterdir())
    result = ok(install(server, newer))
    assert "phiên bản 9.9.9 đã có" in result.stdout
    assert current.resolve().name == "9.9.9" and previous.resolve() == first
    record = dict(line.split("=", 1) for line in (current / ".upgrade").read_text().splitlines())
    backup = Path(record["backup"])
    assert record["from"] == VERSION and backup.parent == server["data"] / "backups"
    assert "pre-upgrade" in backup.name
    assert rows(backup, "SELECT count(*) FROM tasks") == tasks_before
    assert rows(db, "SELECT count(*) FROM tasks") == tasks_before, result.stdout  # every row kept

    # Something loaded on the new version, then the rollback.
    ok(offline(current / ".venv/bin/python", "-m", "etl", "load", current / REPORT, "--db", db))
    uploads_after = rows(db, "SELECT count(*) FROM uploads")
    rolled = ok(
        offline(
            "bash",
            current / "install.sh",
            "--rollback",
            "--prefix",
            server["prefix"],
            "--config",
            server["config"],
            "--no-service",
        )
    )
    assert current.resolve() == first and not previous.exists()
    assert rows(db, "SELECT count(*) FROM uploads") == [(1,)]  # the plan alone, as before
    assert "đã quay lại phiên bản" in rolled.stdout
    kept = [p for p in set((server["data"] / "backups").iterdir()) - before_upgrade
            if "khoi-phuc" in p.name]  # fmt: skip
    assert [rows(p, "SELECT count(*) FROM uploads") for p in kept] == [uploads_after]

    again = install(server, first, "--rollback")
    assert again.returncode == 1
    assert "không có phiên bản trước để quay lại" in again.stderr
