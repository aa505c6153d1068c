"""Where a chart's texts and lines fall once drawn: kaleido's SVG of the figure opened in
Debian's Chromium, each text's box measured by the browser (getBoundingClientRect, so real
glyph widths, not an estimate) and each drawn line sampled every pixel along its path.

Tolerance, said once: a text's box is the font's line box (ascent to descent), which is taller
than the ink; it is trimmed by 15% of its height at the top and at the bottom, and a line
counts as crossing a text when one of its sampled points lies more than 1 px inside that box.
Two texts overlap when their trimmed boxes share more than 1 px each way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
TRIM = 0.15
SLACK = 1.0

MEASURE = """
() => {
  const svg = document.querySelector('svg');
  const texts = [];
  for (const t of svg.querySelectorAll('text')) {
    const text = t.textContent.trim();
    if (!text) continue;
    const style = getComputedStyle(t);
    if (style.display === 'none' || style.visibility === 'hidden' || style.opacity === '0') continue;
    const r = t.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const size = parseFloat(style.fontSize);
    const kind = (t.getAttribute('class') || '') + ' ' + (t.parentNode.getAttribute('class') || '');
    texts.push({text, x0: r.left, y0: r.top, x1: r.right, y1: r.bottom, size, kind});
  }
  const lines = [];
  const drawn = svg.querySelectorAll(
    'path.js-line, .shapelayer path, .scatterlayer path.js-line');
  for (const p of drawn) {
    const style = getComputedStyle(p);
    const width = parseFloat(style.strokeWidth || '0');
    if (style.stroke === 'none' || width === 0 || parseFloat(style.strokeOpacity) === 0) continue;
    const total = p.getTotalLength();
    const m = p.getScreenCTM();
    const pts = [];
    for (let d = 0; d <= total; d += 1) {
      const q = p.getPointAtLength(d);
      pts.push([m.a * q.x + m.c * q.y + m.e, m.b * q.x + m.d * q.y + m.f]);
    }
    lines.push({kind: p.getAttribute('class') || 'shape', pts});
  }
  return {texts, lines, width: svg.width.baseVal.value, height: svg.height.baseVal.value};
}
"""


@dataclass(frozen=True)
class Box:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float  # font size in px
    kind: str

    def trimmed(self) -> tuple[float, float, float, float]:
        cut = (self.y1 - self.y0) * TRIM
        return self.x0, self.y0 + cut, self.x1, self.y1 - cut

    def overlaps(self, other: Box) -> bool:
        a, b = self.trimmed(), other.trimmed()
        dx = min(a[2], b[2]) - max(a[0], b[0])
        dy = min(a[3], b[3]) - max(a[1], b[1])
        return dx > SLACK and dy > SLACK

    def holds(self, x: float, y: float) -> bool:
        x0, y0, x1, y1 = self.trimmed()
        return x0 + SLACK < x < x1 - SLACK and y0 + SLACK < y < y1 - SLACK


@dataclass
class Drawing:
    texts: list[Box]
    lines: list[tuple[str, list[tuple[float, float]]]]
    width: float
    height: float

    def overlapping_texts(self) -> list[tuple[str, str]]:
        found = []
        for i, a in enumerate(self.texts):
            for b in self.texts[i + 1 :]:
                if a.overlaps(b):
                    found.append((a.text, b.text))
        return found

    def crossed_texts(self) -> list[tuple[str, str]]:
        """(text, line kind) for each text a drawn line runs through."""
        found = []
        for box in self.texts:
            for kind, points in self.lines:
                if any(box.holds(x, y) for x, y in points):
                    found.append((box.text, kind))
                    break
        return found

    def outside(self) -> list[str]:
        """Texts cut by the image's edge."""
        return [
            b.text
            for b in self.texts
            if b.x0 < -SLACK
            or b.y0 < -SLACK
            or b.x1 > self.width + SLACK
            or b.y1 > self.height + SLACK
        ]


class Measurer:
    """One browser for many drawings."""

    def __enter__(self) -> Measurer:
        self._pw = sync_playwright().start()
        self._browser = self._pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=FLAGS
        )
        self._page: Page = self._browser.new_page()
        return self

    def __exit__(self, *exc: object) -> None:
        self._browser.close()
        self._pw.stop()

    def measure(self, svg: bytes) -> Drawing:
        self._page.set_content(
            '<html><body style="margin:0">' + svg.decode("utf-8") + "</body></html>"
        )
        self._page.evaluate("document.fonts.ready")
        got = self._page.evaluate(MEASURE)
        return Drawing(
            [Box(**t) for t in got["texts"]],
            [(line["kind"], [tuple(p) for p in line["pts"]]) for line in got["lines"]],
            got["width"],
            got["height"],
        )
