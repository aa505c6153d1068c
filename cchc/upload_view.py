"""Pieces of the upload page: the drop zone in Vietnamese, problems as cards that wrap on any
screen, and what a load will change. They take plain values (strings, frames), so this module
stays on the read side and never imports the write side."""

from __future__ import annotations

import html
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from cchc.text import md_literal

MAX_CARDS = 100  # the rest are in the marked-up copy and the downloadable list

# Streamlit writes the drop zone's own words in English and offers no setting for them: the
# English is hidden and the Vietnamese shown in its place, with CSS scoped to the drop zone.
CSS = """
<style>
[data-testid="stFileUploaderDropzoneInstructions"] span { display: none; }
[data-testid="stFileUploaderDropzoneInstructions"] > div::after {
  content: "Kéo thả tệp vào đây · tối đa 50 MB mỗi tệp";
  font-size: 0.875rem; opacity: 0.75;
}
[data-testid="stFileUploaderDropzone"] > span [data-testid="stMarkdownContainer"] p {
  display: none; }
[data-testid="stFileUploaderDropzone"] > span [data-testid="stMarkdownContainer"]::after {
  content: "Chọn tệp"; }
.u-card { border: 1px solid #F1C4C4; border-left: 4px solid #C62828; border-radius: 6px;
  background: #FFFAFA; padding: 0.45rem 0.75rem; margin: 0 0 0.5rem 0; line-height: 1.45;
  overflow-wrap: anywhere; word-break: normal; white-space: normal; max-width: 100%; }
.u-card .u-where { font-weight: 600; color: #37474F; }
.u-card .u-key { color: #546E7A; }
.u-card .u-msg { color: #B71C1C; }
.u-card .u-msg b { font-weight: 600; }
</style>
"""


def style() -> None:
    st.markdown(CSS, unsafe_allow_html=True)


def plain(text: str) -> str:
    """Text shown as itself inside Streamlit markdown (a file name with '_' or '*')."""
    return "".join(f"\\{c}" if c in "\\`*_[]<>#|$~" else c for c in text)


shown = md_literal  # text from a file (a title, a unit, a file name) shown as written


def _text(value: str) -> str:
    """Cell text made safe inside HTML (and kept out of Streamlit's math and markdown)."""
    return html.escape(value).replace("$", "&#36;").replace("\n", "<br>")


def _card(card: dict[str, str]) -> str:
    parts = [f'<div class="u-where">{_text(card["where"])}</div>']
    if card.get("value"):
        parts.append(f'<div><span class="u-key">Giá trị:</span> «{_text(card["value"])}»</div>')
    parts.append(f'<div class="u-msg"><b>Lỗi:</b> {_text(card["message"])}</div>')
    if card.get("hint"):
        parts.append(f'<div><span class="u-key">Cách sửa:</span> {_text(card["hint"])}</div>')
    return f'<div class="u-card">{"".join(parts)}</div>'


def problem_cards(cards: Sequence[dict[str, str]]) -> None:
    """Every problem as a card (where · value · what is wrong · how to fix), wrapped to the
    screen's width; past MAX_CARDS, a line says where the others are."""
    body = "".join(_card(c) for c in cards[:MAX_CARDS])
    st.markdown(f'<div class="u-cards">{body}</div>', unsafe_allow_html=True)
    if len(cards) > MAX_CARDS:
        st.caption(
            f"… và {len(cards) - MAX_CARDS} lỗi khác: xem trong tệp đánh dấu lỗi hoặc danh "
            "sách lỗi (Excel) bên dưới."
        )


def changes(lines: Sequence[str], table: pd.DataFrame) -> None:
    """What a load will change: its sentences, then the before → after table."""
    st.markdown("**Sẽ thay đổi khi nạp:**\n" + "".join(f"\n- {shown(line)}" for line in lines))
    if table.empty:
        return
    # a static table: its text wraps, so before and after stay readable on a phone
    st.table(table.map(lambda v: shown(v) if isinstance(v, str) else v), hide_index=True)


def loaded(text: str, warnings: Sequence[str] = ()) -> None:
    """A load that committed: green, or amber when something after the commit failed (the
    data is in; the warning says what to do)."""
    if not warnings:
        st.success(text, icon=":material/check_circle:")
        return
    body = "\n\n".join(["**Đã nạp, kèm cảnh báo.** " + text, *warnings])
    st.warning(body, icon=":material/warning:")
