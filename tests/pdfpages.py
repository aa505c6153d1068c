"""An Office file as a person would see it: converted to PDF by LibreOffice, then each page to
PNG by pdftoppm; with the PDF's text (pdftotext), how many images it holds (pdfimages) and its fonts (pdffonts)."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from cchc import office


@dataclass
class Pages:
    text: str
    pngs: list[Path]
    images: int
    fonts: set[str]  # font families embedded, e.g. {"NotoSans"}


def rendered(data: bytes, suffix: str, out: Path) -> Pages:
    """Skips only where the tools are missing (`make system-deps` installs them)."""
    if not office.available() or shutil.which("pdftoppm") is None:
        pytest.skip("LibreOffice or poppler-utils missing: run `make system-deps`")
    pdf = out / "out.pdf"
    pdf.write_bytes(office.to_pdf(data, suffix))
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(pdf), str(out / "page")], check=True)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    listing = subprocess.run(
        ["pdfimages", "-list", str(pdf)], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]  # two header lines
    fonts = subprocess.run(
        ["pdffonts", str(pdf)], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    families = {line.split()[0].split("+")[-1].split("-")[0] for line in fonts if line.strip()}
    return Pages(text, sorted(out.glob("page-*.png")), len(listing), families)
