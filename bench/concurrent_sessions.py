"""How do page times grow when 20 people use one Streamlit process at once? Not a test: it
prints figures (bench/README.md, "National scale", records them).

One real server (`streamlit run app.py`, as tests/e2e/conftest.py starts it) on the national
database of bench/national_speed.py (3,321 units; `--db`, or built here with `--units`), and
viewers that speak Streamlit's own websocket protocol (`/_stcore/stream`, the BackMsg /
ForwardMsg protobufs the browser sends and receives): each viewer is its own websocket, so its
own Streamlit session, and opens the pages one after the other as the sidebar's links do (a
`rerun_script` naming the page, the unit in the query string). A page time is from the request
until the server's `script_finished`: every element of the page has been computed and sent.
Not counted: the browser drawing it (a plotly chart is drawn in the viewer's own machine), so
the figures are the server's, which is what 20 viewers share; a page that shows the app's error
message or an exception counts as a failure.

1. Warm-up (untimed): one viewer opens each page, which fills the server's query cache, so
   what follows is "warm server, new session", the case of many viewers after the day's loads.
2. One viewer alone: --rounds passes over the pages.
3. --sessions viewers at once, each making the same passes (starting at different pages), in
   the same run; p50/p95 of all page times and per page, and the ratio to one viewer.

The server's CPU seconds (user + system, from /proc) and peak RSS, and the load average, are
printed with each step: the machine has 2 cores, shared with other work.

    .venv/bin/python bench/concurrent_sessions.py --db DIR/national.duckdb [--sessions 20]
        [--rounds 3] [--pages overview,indices,tasks,province]
    .venv/bin/python bench/concurrent_sessions.py --units 3321   # builds the database first
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TODAY = "2026-11-26"
WARD = "Phường Võ Cường"
PAGES = {"overview": "Tổng quan", "indices": "Chỉ số", "tasks": "Nhiệm vụ", "province": "Toàn tỉnh"}
TIMEOUT = 300.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as resp:
            return resp.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


@contextmanager
def server(db_file: Path, log: Path):
    port = free_port()
    env = {**os.environ, "CCHC_DB": str(db_file), "CCHC_TODAY": TODAY}
    cmd = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]  # fmt: skip
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while not healthy(f"{base}/_stcore/health"):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"Streamlit did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.2)
        yield base, proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class PageFailed(Exception):
    pass


async def open_page(ws, page: str) -> tuple[float, int]:
    """Ask the session for `page` and wait for the end of its run: (seconds, bytes received)."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    from cchc.ui import PAGE_FAILED

    msg = BackMsg()
    msg.rerun_script.query_string = f"don_vi={quote(WARD)}"
    msg.rerun_script.page_name = "" if page == "overview" else page
    start, received = time.perf_counter(), 0
    await ws.send(msg.SerializeToString())
    while True:
        raw = await asyncio.wait_for(ws.recv(), TIMEOUT)
        received += len(raw)
        forward = ForwardMsg()
        forward.ParseFromString(raw)
        kind = forward.WhichOneof("type")
        if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
            element = forward.delta.new_element
            shown = element.WhichOneof("type")
            if shown == "exception" or (shown == "alert" and PAGE_FAILED in element.alert.body):
                raise PageFailed(page)
        elif kind == "page_not_found":
            raise PageFailed(f"{page}: page not found")
        elif kind == "script_finished":
            return time.perf_counter() - start, received


async def viewer(base: str, pages: list[str], rounds: int, first: int):
    """One viewer: its own session, `rounds` passes over the pages starting at pages[first]."""
    import websockets

    stream = base.replace("http://", "ws://") + "/_stcore/stream"
    times: list[tuple[str, float, int]] = []
    async with websockets.connect(stream, subprotocols=["streamlit"], max_size=None) as ws:
        order = pages[first:] + pages[:first]
        for _ in range(rounds):
            for page in order:
                seconds, size = await open_page(ws, page)
                times.append((page, seconds, size))
    return times


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def summary(label: str, times: list[tuple[str, float, int]]) -> dict[str, tuple[float, float]]:
    every = [t for _, t, _ in times]
    out = {"all": (statistics.median(every), pct(every, 0.95))}
    for page in dict.fromkeys(p for p, _, _ in times):
        mine = [t for p, t, _ in times if p == page]
        out[page] = (statistics.median(mine), pct(mine, 0.95))
    print(f"  {label}: {len(every)} pages, p50 {out['all'][0]:.2f} s, p95 {out['all'][1]:.2f} s,"
          f" max {max(every):.2f} s")  # fmt: skip
    return out


async def run(base: str, pid: int, pages: list[str], sessions: int, rounds: int) -> None:
    warm = await viewer(base, pages, 1, 0)
    print("Warm-up (fills the server's cache; untimed): "
          + ", ".join(f"{PAGES[p]} {t:.2f} s, {size / 1e3:,.0f} kB" for p, t, size in warm),
          flush=True)  # fmt: skip
    steps = []
    for label, n in (("1 viewer", 1), (f"{sessions} viewers at once", sessions)):
        cpu, wall, load = cpu_seconds(pid), time.perf_counter(), os.getloadavg()[0]
        done = await asyncio.gather(
            *(viewer(base, pages, rounds, i % len(pages)) for i in range(n))
        )
        wall = time.perf_counter() - wall
        times = [t for one in done for t in one]
        stats = summary(label, times)
        used = cpu_seconds(pid) - cpu
        print(
            f"    {wall:.1f} s wall; server CPU {used:.1f} s ({used / wall:.2f} cores); load "
            f"average {load:.1f} → {os.getloadavg()[0]:.1f}; server peak RSS "
            f"{peak_rss_mb(pid):,.0f} MB; {len(times) / wall:.2f} pages/s",
            flush=True,
        )
        steps.append(stats)

    one, many = steps
    print(f"\n{'page':<14}{'1 viewer p50 / p95':>22}{f'{sessions} viewers p50 / p95':>26}"
          f"{'ratio p50 / p95':>20}")  # fmt: skip
    for key in ["all", *pages]:
        (a50, a95), (b50, b95) = one[key], many[key]
        name = "all pages" if key == "all" else PAGES[key]
        print(f"{name:<14}{a50:>11.2f} / {a95:.2f} s{b50:>15.2f} / {b95:.2f} s"
              f"{b50 / a50:>11.1f}× / {b95 / a95:.1f}×")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="national.duckdb of bench/national_speed.py")
    parser.add_argument("--units", type=int, default=3321, help="build with this many units")
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3, help="passes over the pages")
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated page files")
    args = parser.parse_args()
    pages = [p for p in args.pages.split(",") if p in PAGES]

    work = Path(tempfile.mkdtemp(prefix="concurrent-"))
    try:
        db_file = args.db
        if db_file is None:
            print(f"Building the national database ({args.units:,} units) in {work}:", flush=True)
            subprocess.run(
                [sys.executable, str(ROOT / "bench" / "national_speed.py"), "--build", str(work),
                 "--units", str(args.units), "--tasks", "100"],
                check=True,
            )  # fmt: skip
            db_file = work / "national.duckdb"
        copy = work / "served.duckdb"  # the server works on a copy: the source stays as built
        shutil.copy(db_file, copy)
        print(
            f"Streamlit on {db_file.name} ({db_file.stat().st_size / 1e6:.0f} MB), {WARD}, pages "
            f"{', '.join(PAGES[p] for p in pages)}; {args.sessions} sessions × {args.rounds} "
            f"rounds; {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}",
            flush=True,
        )
        with server(copy, work / "streamlit.log") as (base, pid):
            asyncio.run(run(base, pid, pages, args.sessions, args.rounds))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
