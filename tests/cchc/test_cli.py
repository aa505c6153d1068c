"""`python -m cchc export`: the deck and the report from the command line, by the page's own
builders, with exit codes and Vietnamese messages like `python -m etl` (issue #12)."""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from pptx import Presentation

from cchc import cli, queries, report
from cchc.filters import Filters

UNIT = "Phường Võ Cường"
TODAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    ("text", "year", "key", "chosen"),
    [
        ("2026-Q3", 2026, "Q3", None),
        ("2026-q1", 2026, "Q1", None),
        ("2026-H1", 2026, "Q2", None),
        ("2026-H2", 2026, "year", None),
        ("2026", 2026, "year", None),
        ("2026-10", 2026, "date", date(2026, 10, 31)),
        ("2026-11-26", 2026, "date", date(2026, 11, 26)),
    ],
)
def test_periods_as_the_sidebar_chooses_them(text, year, key, chosen):
    assert cli.parse_export_period(text) == cli.Period(year, key, chosen)


@pytest.mark.parametrize("text", ["quý 3", "2026-W49", "2026-13", ""])
def test_a_period_it_cannot_read_says_which_forms_it_takes(text):
    with pytest.raises(argparse.ArgumentTypeError, match="2026-Q3, 2026-H1"):
        cli.parse_export_period(text)


def test_the_report_is_the_pages_report(demo_db_master: Path, tmp_path: Path, capsys):
    out = tmp_path / "bc.docx"
    argv = ["export", "report", "--unit", UNIT, "--period", "2026-Q3", "--out", str(out)]
    assert cli.main([*argv, "--db", str(demo_db_master), "--json"]) == 0
    said = json.loads(capsys.readouterr().out)
    assert said == {
        "status": "ok",
        "what": "report",
        "unit": UNIT,
        "period": "Quý III/2026",
        "as_of": "2026-09-30",
        "file": str(out),
        "bytes": out.stat().st_size,
    }
    q3 = Filters(UNIT, 2026, "Q3", date(2026, 9, 30), date(2026, 9, 30))
    page = report.build(queries.runner(demo_db_master), q3, TODAY)

    def text(data: bytes) -> list[str]:
        return [p.text for p in Document(io.BytesIO(data)).paragraphs]

    assert text(out.read_bytes()) == text(page)


def test_a_deck_to_pdf_through_libreoffice(demo_db_master: Path, tmp_path: Path, capsys):
    from cchc import office

    if not office.available():
        pytest.skip("LibreOffice missing: run `make system-deps`")
    out = tmp_path / "tc.pdf"
    argv = ["export", "deck", "--unit", UNIT, "--period", "2026-H1", "--out", str(out)]
    assert cli.main([*argv, "--db", str(demo_db_master), "--slides", "area,trend"]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    said = capsys.readouterr().out
    assert (
        "✓ Đã tạo bộ trình chiếu Quý II/2026 của Phường Võ Cường (số liệu đến 30/06/2026)" in said
    )
    assert not (tmp_path / "tc.pdf.part").exists()


def test_a_deck_with_the_slides_asked_for(demo_db_master: Path, tmp_path: Path):
    out = tmp_path / "tc"  # the suffix is added
    argv = ["export", "deck", "--unit", UNIT, "--period", "2026-Q3", "--out", str(out)]
    assert cli.main([*argv, "--db", str(demo_db_master), "--slides", "area,trend"]) == 0
    deck = Presentation(str(tmp_path / "tc.pptx"))
    assert len(deck.slides) == 4  # the title slide, 2 charts, the overdue table


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--unit", "Xã Không Có", "--period", "2026-Q3"],
            "Không có số liệu của đơn vị 'Xã Không Có'",
        ),
        (["--unit", UNIT, "--period", "2027-Q1"], "chưa có kế hoạch CCHC năm 2027"),
        (["--unit", UNIT, "--period", "2026-12-30"], "Ngày 30/12/2026 chưa đến"),
    ],
)
def test_what_cannot_be_made_exits_1_and_writes_nothing(
    demo_db_master: Path, tmp_path: Path, capsys, argv, message
):
    out = tmp_path / "x.docx"
    full = ["export", "report", *argv, "--out", str(out), "--db", str(demo_db_master)]
    assert cli.main(full) == 1
    err = capsys.readouterr().err
    assert err.startswith("✗ Không tạo được tệp: ") and message in err
    assert not out.exists()


def test_no_database_and_wrong_usage(tmp_path: Path):
    missing = tmp_path / "none.duckdb"
    run = [sys.executable, "-m", "cchc", "export", "report", "--unit", UNIT, "--period"]
    done = subprocess.run(
        [*run, "2026-Q3", "--out", str(tmp_path / "x.docx"), "--db", str(missing)],
        capture_output=True,
        text=True,
        env={"CCHC_TODAY": "2026-11-26", "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 1 and "Chưa có cơ sở dữ liệu" in done.stderr
    assert "Traceback" not in done.stderr and not missing.exists()
    done = subprocess.run([*run, "quý 3", "--out", "x"], capture_output=True, text=True)
    assert done.returncode == 2 and "Lỗi cú pháp lệnh" in done.stderr
