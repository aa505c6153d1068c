"""Charts as PNG images, rendered on the server by kaleido in Debian's Chromium.

One warm renderer serves the whole process: the first image starts Chromium (about 2 s), later
ones take about 0.2 s. kaleido's sync server answers one request at a time through a shared
queue, so requests from several sessions are taken in turn under a lock; the dashboard itself
never waits on it, only the sessions that export.
"""

from __future__ import annotations

import shutil
import threading
import warnings

import plotly.graph_objects as go
import plotly.io as pio

from cchc import charts

# Presentation size: 16:9 at 1600 px, the same as the projector view.
WIDTH = 1600
HEIGHT = 900

CHROMIUM_MISSING = (
    "Máy chủ chưa có trình duyệt Chromium nên chưa xuất được ảnh biểu đồ. Quản trị hệ thống "
    "cài bằng lệnh: sudo apt-get install -y chromium fonts-noto-core (hoặc chạy make "
    "system-deps trong thư mục dự án)."
)
RENDER_FAILED = (
    "Không tạo được ảnh biểu đồ (trình kết xuất của máy chủ không phản hồi). Hãy thử lại; "
    "nếu lỗi còn, báo cho quản trị hệ thống."
)


class ImageError(Exception):
    """An image could not be made; the message says why, in Vietnamese, for the user."""


_lock = threading.Lock()
_started = False


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _ensure_server() -> None:
    global _started
    if _started:
        return
    if chromium_path() is None:
        raise ImageError(CHROMIUM_MISSING)
    import kaleido

    warnings.filterwarnings("ignore", message="The kopts argument is ignored")
    kaleido.start_sync_server(mathjax=False, silence_warnings=True)
    _started = True


def presentation(fig: go.Figure, height: int = HEIGHT) -> go.Figure:
    """A copy of a dashboard figure styled for a projector or a slide: large type."""
    out = go.Figure(fig)
    charts.present_style(out, height)
    return out


def png(fig: go.Figure, width: int = WIDTH, height: int = HEIGHT, scale: float = 1) -> bytes:
    """The figure laid out at width x height in presentation style, as a PNG of `scale` times
    as many pixels (2 keeps text sharp when a slide is shown full screen)."""
    with _lock:
        # Copied under the lock too: plotly's copy briefly takes the "type" out of the source
        # traces' properties, so two threads copying one figure can misread its bars as scatter.
        styled = presentation(fig, height)
        _ensure_server()
        try:
            return pio.to_image(styled, format="png", width=width, height=height, scale=scale)
        except Exception as exc:  # kaleido/choreographer raise many kinds; the user sees one
            raise ImageError(RENDER_FAILED) from exc
