"""scripts/ensure-system-deps.sh: never calls apt when everything is installed, and with
--optional never stops `make run` when the package server cannot be reached."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "ensure-system-deps.sh"
INSTALLED = Path("/usr/bin/chromium").exists() and bool(
    subprocess.run(["which", "soffice"], capture_output=True).stdout
)


def fake_bin(tmp_path: Path, fonts: str | None = None) -> tuple[Path, Path]:
    """A PATH folder with an apt-get that records its calls and fails (no network), and
    optionally an fc-list printing `fonts`."""
    bin_dir, calls = tmp_path / "bin", tmp_path / "apt-calls"
    bin_dir.mkdir()
    apt = bin_dir / "apt-get"
    apt.write_text(f'#!/bin/sh\necho "$@" >> {calls}\necho "E: Could not reach" >&2\nexit 100\n')
    apt.chmod(0o755)
    if fonts is not None:
        fc = bin_dir / "fc-list"
        fc.write_text(f"#!/bin/sh\nprintf '%s\\n' '{fonts}'\n")
        fc.chmod(0o755)
    return bin_dir, calls


def run(bin_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"}
    return subprocess.run(
        ["bash", str(SCRIPT), *args], env=env, capture_output=True, text=True, timeout=60
    )


@pytest.mark.skipif(not INSTALLED, reason="needs the system packages (make system-deps)")
def test_everything_installed_means_no_apt_call_even_offline(tmp_path: Path) -> None:
    bin_dir, calls = fake_bin(tmp_path)
    result = run(bin_dir)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert not calls.exists()


@pytest.mark.skipif(os.geteuid() != 0, reason="installs only as root")
def test_offline_with_something_missing_warns_and_goes_on_when_optional(tmp_path: Path) -> None:
    bin_dir, calls = fake_bin(tmp_path, fonts="/usr/share/fonts/other/Other.ttf")
    optional = run(bin_dir, "--optional")
    assert optional.returncode == 0
    [warning] = optional.stderr.splitlines()  # one line, apt's own chatter kept out
    assert warning.startswith("Could not install fonts-noto-core fonts-open-sans fonts-liberation2")
    assert "E: Could not reach" in warning
    assert calls.read_text().splitlines()[0].endswith("update -qq")
    assert "Acquire::Retries=0" in calls.read_text()  # an unreachable server costs seconds
    required = run(bin_dir)
    assert required.returncode == 1  # `make test` needs them: it stops, saying how to install
    assert "sudo apt-get update && sudo apt-get install" in required.stderr


def test_packages_lists_every_package_it_checks() -> None:
    listed = subprocess.run(
        ["bash", str(SCRIPT), "--packages"], capture_output=True, text=True, check=True
    ).stdout.split()
    assert listed == [
        "chromium",
        "fonts-noto-core",
        "fonts-open-sans",
        "fonts-liberation2",
        "libreoffice-writer-nogui",
        "libreoffice-impress-nogui",
        "poppler-utils",
    ]
    checked = re.findall(r"need\+=\(([^)]*)\)", SCRIPT.read_text())
    assert sorted(" ".join(checked).split()) == sorted(listed)  # each one checked, none forgotten
