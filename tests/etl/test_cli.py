"""`python -m etl` as a user runs it: exit codes, what goes to stdout and stderr, the database lock."""

from __future__ import annotations

import functools
import json
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cchc import db
from etl import cli
from etl.cli import demo_files
from etl.load import Options, load_bytes
from etl.schema import LATEST_VERSION, MIGRATIONS
from tests.etl.loading import BUSY, HOLDER
from tests.workbooks import plan_xlsx, report_xlsx

ROOT = Path(__file__).resolve().parents[2]
BROKEN_BODY = [
    ["1", "Nhiệm vụ trước mọi mục", "VHXH", None, "31/12/2026"],  # row 8
    ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH"],
    ["1", "Ban hành kế hoạch", "Phòng Tài chính", None, "31/12/2026"],  # row 10
    ["2", "Kiểm tra", "VHXH", None, "31/02/2026"],  # row 11
    ["2", "Trùng số thứ tự", "VHXH", None, "Quý II/2026"],  # row 12
]
BROKEN_CELLS = ["dòng 8, cột A", "dòng 10, cột C", "dòng 11, cột E", "dòng 12, cột A"]
# `python -m etl` with a short lock wait (the default is 30 s).
SHORT_WAIT_CLI = (
    "import functools, sys\n"
    "from cchc import db\n"
    "db.writing = functools.partial(db.writing, wait=1.0)\n"
    "from etl.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    out = {}
    for name, data in {
        "ke-hoach.xlsx": plan_xlsx(),
        "ke-hoach-loi.xlsx": plan_xlsx(BROKEN_BODY),
        "bao-cao-khong-ky.xlsx": report_xlsx(
            [[1, "Ban hành Kế hoạch CCHC năm 2026", "VHXH", None, "Đang thực hiện", 50]],
            period_text="",
        ),
    }.items():
        out[name] = tmp_path / name
        out[name].write_bytes(data)
    return out


def run(
    env: dict[str, str], *args: object, code: str | None = None
) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", code] if code else [sys.executable, "-m", "etl"]
    return subprocess.run(
        [*command, *map(str, args)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def rows(path: Path, sql: str) -> list[tuple]:
    with db.reading(path) as con:
        return con.execute(sql).fetchall()


def test_init_creates_and_is_idempotent(env: dict[str, str]) -> None:
    path = Path(env["CCHC_DB"])
    first = run(env, "init")
    assert (first.returncode, first.stderr) == (0, "")
    latest, applied = LATEST_VERSION, [m[0] for m in MIGRATIONS]
    assert first.stdout == (
        f"✓ Cơ sở dữ liệu {path}: phiên bản {latest} (đã áp dụng migration {applied}).\n"
    )
    again = run(env, "init")
    assert again.returncode == 0
    assert (
        again.stdout == f"✓ Cơ sở dữ liệu {path}: phiên bản {latest} (đã ở phiên bản mới nhất).\n"
    )
    assert rows(path, "SELECT count(*) FROM v_uploads") == [(0,)]


def test_load_then_same_file_again(env: dict[str, str], files: dict[str, Path]) -> None:
    first = run(env, "load", files["ke-hoach.xlsx"])
    assert (first.returncode, first.stderr) == (0, "")
    assert first.stdout == (
        "✓ ke-hoach.xlsx: đã nạp Phụ lục kế hoạch CCHC — 6 nhiệm vụ (Phường Võ Cường, năm 2026).\n"
    )
    again = run(env, "load", files["ke-hoach.xlsx"])
    assert (again.returncode, again.stderr) == (0, "")
    assert again.stdout.startswith("✓ ke-hoach.xlsx: nội dung giống hệt tệp đã nạp lúc ")
    assert again.stdout.endswith("(lần nạp số 1); không có gì thay đổi.\n")
    path = Path(env["CCHC_DB"])
    assert rows(path, "SELECT file_name, rows, status FROM v_uploads") == [
        ("ke-hoach.xlsx", 6, "loaded")
    ]
    assert rows(path, "SELECT count(*) FROM v_tasks") == [(6,)]


def test_broken_file_prints_every_problem(env: dict[str, str], files: dict[str, Path]) -> None:
    result = run(env, "load", files["ke-hoach-loi.xlsx"])
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert (
        lines[0] == "✗ ke-hoach-loi.xlsx: KHÔNG nạp — 4 lỗi cần sửa; cơ sở dữ liệu không thay đổi."
    )
    assert len(lines) == 1 + len(BROKEN_CELLS)
    for line, cell in zip(lines[1:], BROKEN_CELLS, strict=True):
        assert line.startswith(f"  - sheet 'Phụ lục', {cell} (")
        assert ". Cách sửa: " in line
    assert lines[3] == (
        "  - sheet 'Phụ lục', dòng 11, cột E (Thời gian hoàn thành): Ngày '31/02/2026' không tồn tại "
        "(giá trị: '31/02/2026'). Cách sửa: ghi ngày có thật theo dạng ngày/tháng/năm, ví dụ 30/06/2026"
    )


def test_good_and_broken_files_together(env: dict[str, str], files: dict[str, Path]) -> None:
    result = run(env, "load", files["ke-hoach-loi.xlsx"], files["ke-hoach.xlsx"])
    assert result.returncode == 1  # one file was rejected…
    assert result.stdout.startswith("✓ ke-hoach.xlsx: đã nạp")  # …the other still loaded
    assert result.stderr.startswith("✗ ke-hoach-loi.xlsx: KHÔNG nạp")
    assert rows(Path(env["CCHC_DB"]), "SELECT file_name, status FROM v_uploads") == [
        ("ke-hoach.xlsx", "loaded")
    ]


def test_json_output(env: dict[str, str], files: dict[str, Path]) -> None:
    result = run(
        env,
        "load",
        "--json",
        files["ke-hoach.xlsx"],
        files["ke-hoach-loi.xlsx"],
        files["ke-hoach.xlsx"],
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    out = json.loads(result.stdout)  # stdout is exactly one JSON array
    assert isinstance(out, list)
    assert [sorted(item) for item in out] == [["errors", "file", "kind", "rows", "status"]] * 3
    assert [(i["file"], i["kind"], i["status"], i["rows"]) for i in out] == [
        ("ke-hoach.xlsx", "plan", "loaded", 6),
        ("ke-hoach-loi.xlsx", "plan", "rejected", 0),
        ("ke-hoach.xlsx", "plan", "duplicate", 0),
    ]
    assert out[0]["errors"] == [] and out[2]["errors"] == []
    errors = out[1]["errors"]
    assert all({"sheet", "row", "column", "value", "message"} <= set(e) for e in errors)
    assert [(e["sheet"], e["row"], e["column"], e["value"], e["message"]) for e in errors] == [
        ("Phụ lục", 8, "A", "1", "Nhiệm vụ nằm ngoài mọi mục lĩnh vực"),
        ("Phụ lục", 10, "C", "Phòng Tài chính", "Không nhận ra phòng, đơn vị 'Phòng Tài chính'"),
        ("Phụ lục", 11, "E", "31/02/2026", "Ngày '31/02/2026' không tồn tại"),
        ("Phụ lục", 12, "A", "2", "Số thứ tự trùng với dòng 11 trong cùng mục I"),
    ]
    assert errors[2]["header"] == "Thời gian hoàn thành"
    assert errors[2]["hint"] == "ghi ngày có thật theo dạng ngày/tháng/năm, ví dụ 30/06/2026"
    # The problems also go to stderr, one line each, prefixed by the file name.
    assert result.stderr.count("ke-hoach-loi.xlsx: sheet 'Phụ lục'") == 4


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["load"], "the following arguments are required: FILE"),
        (["load", "x.xlsx", "--kind", "foo"], "argument --kind: invalid choice: 'foo'"),
        (
            ["load", "x.xlsx", "--period", "2026-Q9"],
            "argument --period: kỳ '2026-Q9' không đúng dạng; dùng 2026, 2026-H1, 2026-Q3, 2026-03 hoặc 2026-W49",
        ),
        ([], "the following arguments are required: command"),
        (["nap", "x.xlsx"], "argument command: invalid choice: 'nap'"),
    ],
    ids=["no-files", "unknown-kind", "bad-period", "no-command", "unknown-command"],
)
def test_wrong_usage_exits_2(env: dict[str, str], args: list[str], says: str) -> None:
    result = run(env, *args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert f"Lỗi cú pháp lệnh: {says}" in result.stderr
    assert result.stderr.startswith("usage: python -m etl")
    assert not Path(env["CCHC_DB"]).exists()


def test_missing_file(env: dict[str, str], tmp_path: Path) -> None:
    result = run(env, "load", tmp_path / "khong-co.xlsx")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("✗ khong-co.xlsx: KHÔNG nạp — 1 lỗi cần sửa")
    assert "Không đọc được tệp" in result.stderr


def test_wrong_kind_says_what_was_looked_for(env: dict[str, str], files: dict[str, Path]) -> None:
    result = run(env, "load", "--kind", "par", files["ke-hoach.xlsx"])
    assert result.returncode == 1
    assert "Không tìm thấy bảng điểm Chỉ số CCHC (PAR INDEX) trong tệp" in result.stderr
    assert "Traceback" not in result.stderr


def test_period_option(env: dict[str, str], files: dict[str, Path]) -> None:
    assert run(env, "load", files["ke-hoach.xlsx"]).returncode == 0
    without = run(env, "load", files["bao-cao-khong-ky.xlsx"])
    assert without.returncode == 1
    assert "Không xác định được kỳ báo cáo" in without.stderr
    with_period = run(env, "load", "--period", "2026-q2", files["bao-cao-khong-ky.xlsx"])
    assert (with_period.returncode, with_period.stderr) == (0, "")
    assert "Quý II/2026" in with_period.stdout
    assert rows(Path(env["CCHC_DB"]), "SELECT code, period FROM v_task_reports") == [
        ("I.1", "2026-Q2")
    ]


def test_db_option_wins_over_environment(
    env: dict[str, str], files: dict[str, Path], tmp_path: Path
) -> None:
    other = tmp_path / "khac.duckdb"
    result = run(env, "load", "--db", other, files["ke-hoach.xlsx"])
    assert result.returncode == 0
    assert other.exists()
    assert not Path(env["CCHC_DB"]).exists()


def test_demo_loads_every_demo_file(env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "demo.duckdb"
    result = run(env, "demo", "--db", path)
    assert (result.returncode, result.stderr) == (0, "")
    names = sorted(f.name for f in demo_files())
    assert names == sorted(f.name for f in (ROOT / "data" / "demo").glob("*.xlsx"))
    lines = result.stdout.splitlines()
    assert lines[0].startswith("✓ Cơ sở dữ liệu")
    assert len(lines) == 1 + len(names)
    assert all(line.startswith("✓ ") and "đã nạp" in line for line in lines[1:])
    assert sorted(rows(path, "SELECT file_name FROM v_uploads WHERE status = 'loaded'")) == [
        (n,) for n in names
    ]
    assert rows(path, "SELECT count(*) FROM v_tasks") == [(81,)]
    assert rows(path, "SELECT bool_and(is_demo) FROM uploads") == [(True,)]


# --- The database lock ----------------------------------------------------------------------------


@pytest.fixture
def hold_lock(env: dict[str, str]) -> Iterator[Callable[[float], subprocess.Popen[str]]]:
    """Start another process that opens the database read-write and keeps it for `seconds`."""
    started: list[subprocess.Popen[str]] = []

    def start(seconds: float) -> subprocess.Popen[str]:
        path = Path(env["CCHC_DB"])
        with db.writing(path):  # make sure the file exists before the holder takes it
            pass
        proc = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(path), str(seconds)],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        started.append(proc)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        return proc

    yield start
    for proc in started:
        if proc.poll() is None:
            proc.terminate()
        proc.wait(timeout=30)
        if proc.stdout is not None:
            proc.stdout.close()


def test_load_waits_for_another_process(
    env: dict[str, str], files: dict[str, Path], hold_lock
) -> None:
    holder = hold_lock(3.0)
    began = time.monotonic()
    result = run(env, "load", files["ke-hoach.xlsx"])
    waited = time.monotonic() - began
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("✓ ke-hoach.xlsx: đã nạp")
    assert waited >= 2.0  # it could only start once the holder let go
    assert holder.wait(timeout=30) == 0
    assert rows(Path(env["CCHC_DB"]), "SELECT count(*) FROM v_tasks") == [(6,)]


def test_load_gives_up_with_a_clear_message(
    env: dict[str, str], files: dict[str, Path], hold_lock
) -> None:
    hold_lock(20.0)
    result = run(env, "load", files["ke-hoach.xlsx"], code=SHORT_WAIT_CLI)
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == "✗ ke-hoach.xlsx: KHÔNG nạp — 1 lỗi cần sửa; cơ sở dữ liệu không thay đổi."
    assert lines[1].startswith(
        f"  - Cơ sở dữ liệu {env['CCHC_DB']} {BUSY}; đã chờ 1 giây mà chưa được."
    )


def test_load_bytes_in_process_gives_up(
    env: dict[str, str],
    hold_lock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    files: dict[str, Path],
) -> None:
    # db.writing's default wait is bound when the function is defined, so patching
    # db.WRITE_WAIT_SECONDS would not shorten it: wrap the function instead.
    monkeypatch.setattr(db, "writing", functools.partial(db.writing, wait=0.5))
    path = Path(env["CCHC_DB"])
    hold_lock(20.0)
    result = load_bytes(plan_xlsx(), "ke-hoach.xlsx", Options(), path)
    assert result.status == "rejected"
    [problem] = result.problems
    assert BUSY in problem.message
    assert "thử lại sau ít phút" in problem.message and problem.hint == ""

    assert cli.main(["load", "--db", str(path), str(files["ke-hoach.xlsx"])]) == 1
    err = capsys.readouterr().err
    assert BUSY in err and "Traceback" not in err
    assert cli.main(["init", "--db", str(path)]) == 1
    assert BUSY in capsys.readouterr().err


def test_busy_message_punctuation(
    env: dict[str, str], hold_lock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db, "writing", functools.partial(db.writing, wait=0.2))
    hold_lock(20.0)
    result = load_bytes(plan_xlsx(), "ke-hoach.xlsx", Options(), Path(env["CCHC_DB"]))
    assert ".." not in str(result.problems[0])


def test_explain_prints_each_column_role_with_its_evidence(
    env: dict[str, str], files: dict[str, Path]
) -> None:
    result = run(env, "load", files["ke-hoach.xlsx"], "--explain")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "sheet 'Phụ lục', dòng tiêu đề 5–6:" in [line.strip() for line in lines]
    assert "Cơ quan chủ trì ← cột C «Phân công thực hiện Cơ quan chủ trì»" in result.stdout
    assert "Thời gian hoàn thành ← cột E «Thời gian hoàn thành», 100% giá trị hợp lệ" in (
        result.stdout
    )
    broken = run(env, "load", files["ke-hoach-loi.xlsx"], "--json", "--explain")
    [entry] = json.loads(broken.stdout)
    assert entry["status"] == "rejected"
    lead = next(c for c in entry["columns"] if c["role"] == "lead")
    assert (lead["sheet"], lead["column"]) == ("Phụ lục", "C")
    deadline = next(c for c in entry["columns"] if c["role"] == "deadline")
    assert 0 < deadline["parsed_share"] < 1  # '31/02/2026' is among its values
    plain = run(env, "load", files["ke-hoach.xlsx"], "--json")
    assert set(json.loads(plain.stdout)[0]) == {"file", "kind", "status", "rows", "errors"}
