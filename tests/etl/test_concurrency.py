"""The upload page and the command line share one database: a load from one while the other is
writing waits its turn, and both land. Two real processes."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from etl.load import Options, load_bytes
from tests.workbooks import plan_xlsx

ROOT = Path(__file__).resolve().parents[2]
REPORT_ROW = [
    "1",
    "Ban hành Kế hoạch tuyên truyền cải cách hành chính năm 2026 của UBND phường",
    "",
    "",
    "Đã hoàn thành",
    100,
]


def big_plan(n: int) -> bytes:
    body = [["I", "CẢI CÁCH THỂ CHẾ"]] + [
        [str(i), f"Rà soát văn bản quy phạm pháp luật đợt {i}", "VP", "VHXH", "Quý II/2026"]
        for i in range(1, n + 1)
    ]
    return plan_xlsx(body)


def test_page_load_while_the_command_line_is_loading(demo_db: Path, tmp_path: Path) -> None:
    from tests.pages.test_upload import report

    big = tmp_path / "ke-hoach-phuong-khac.xlsx"
    big.write_bytes(big_plan(6000))
    env = {**os.environ, "CCHC_DB": str(demo_db)}
    cli = subprocess.Popen(
        [sys.executable, "-m", "etl", "load", str(big), "--unit", "Phường Khác"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(0.8)  # the command line is reading and will soon hold the write lock
    page = load_bytes(
        report([REPORT_ROW]), "bao-cao-q4.xlsx", Options(uploaded_by="trang web"), demo_db
    )
    out, err = cli.communicate(timeout=120)
    assert cli.returncode == 0, err
    assert "Traceback" not in err and "Traceback" not in out
    assert page.status == "loaded", [str(p) for p in page.problems]
    con = duckdb.connect(str(demo_db), read_only=True)
    units = dict(con.execute("SELECT unit, count(*) FROM v_tasks GROUP BY unit").fetchall())
    q4 = con.execute("SELECT count(*) FROM v_task_reports WHERE period = '2026-Q4'").fetchone()[0]
    con.close()
    assert units["Phường Khác"] == 6000
    assert q4 == 1
