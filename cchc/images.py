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
from dataclasses import dataclass
from datetime import date

import plotly.graph_objects as go
import plotly.io as pio

from cchc import charts, fmt

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


@dataclass(frozen=True)
class Stamp:
    """What an image needs to be read alone, pasted into a document: whose figures, for which
    period, known up to which day, and whether they are demo data."""

    unit: str
    period: str
    as_of: date
    demo: bool = False

    def text(self) -> str:
        """'DỮ LIỆU MẪU (DEMO) · Phường Võ Cường · Quý III/2026 · Số liệu đến 30/09/2026'"""
        demo = DEMO_MARK + " · " if self.demo else ""
        return f"{demo}{self.unit} · {self.period} · Số liệu đến {fmt.day(self.as_of)}"


DEMO_MARK = "DỮ LIỆU MẪU (DEMO)"


def standalone(fig: go.Figure, stamp: Stamp) -> go.Figure:
    """`fig` made to stand alone: its legend drawn in the image even where the page shows one
    shared legend outside the charts (a heatmap's colour scale instead), and a line under the
    title with the unit, the period, the data date and, for demo data, the DEMO mark in red."""
    charts.colour_scale(charts.own_legend(fig))
    text = stamp.text()
    if stamp.demo:
        text = text.replace(DEMO_MARK, f'<b><span style="color:#C62828">{DEMO_MARK}</span></b>')
    fig.update_layout(
        title={"subtitle": {"text": text, "font": {"size": charts.PRESENT_FONT}}},
        margin={"t": (fig.layout.margin.t or 70) + 34},
    )
    return fig


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


def presentation(fig: go.Figure, height: int = HEIGHT, deck: bool = False) -> go.Figure:
    """A copy of a dashboard figure styled for a projector or a slide: large type; with `deck`,
    without its own title (the slide's title says it)."""
    out = go.Figure(fig)
    charts.present_style(out, height, deck=deck)
    return out


def _render(fig: go.Figure, fmt: str, width: int, height: int, scale: float) -> bytes:
    """`fig` as `fmt` through the warm server; the caller holds the lock."""
    _ensure_server()
    try:
        return pio.to_image(fig, format=fmt, width=width, height=height, scale=scale)
    except Exception as exc:  # kaleido/choreographer raise many kinds; the user sees one
        raise ImageError(RENDER_FAILED) from exc


def png(
    fig: go.Figure,
    width: int = WIDTH,
    height: int = HEIGHT,
    scale: float = 1,
    deck: bool = False,
    stamp: Stamp | None = None,
) -> bytes:
    """The figure laid out at width x height in presentation style, as a PNG of `scale` times
    as many pixels (2 keeps text sharp when a slide is shown full screen). With a `stamp`, the
    image stands alone (`standalone`): legend, unit, period, data date and the DEMO mark."""
    with _lock:
        # Copied under the lock too: plotly's copy briefly takes the "type" out of the source
        # traces' properties, so two threads copying one figure can misread its bars as scatter.
        styled = _styled(fig, height, deck, stamp)
        return _render(styled, "png", width, height, scale)


def svg(
    fig: go.Figure,
    width: int = WIDTH,
    height: int = HEIGHT,
    deck: bool = False,
    stamp: Stamp | None = None,
) -> bytes:
    """The same drawing as `png`, as SVG: the tests measure where its texts and lines fall."""
    with _lock:
        return _render(_styled(fig, height, deck, stamp), "svg", width, height, 1)


def _styled(fig: go.Figure, height: int, deck: bool, stamp: Stamp | None) -> go.Figure:
    """Presentation style; on a slide (`deck`) the chart's own legend too, as in an image."""
    styled = presentation(fig, height, deck)
    if stamp is not None:
        return standalone(styled, stamp)
    return charts.own_legend(styled) if deck else styled
