"""Building the deck and the report on the Xuất bản page: a progress bar while the file is
made, the finished file kept for this session until the data or the choices change, and its
PDF through LibreOffice when the server has it."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from cchc import fmt, images, office
from cchc.settings import SettingsError

Progress = Callable[[float, str], None]


@dataclass
class Built:
    signature: tuple
    data: bytes
    seconds: float
    pdf: bytes | None = None


def build(state_key: str, signature: tuple, make: Callable[[Progress], bytes]) -> None:
    """Run `make(progress)` under a progress bar and keep what it made in the session."""
    bar = st.progress(0.0, text="Đang bắt đầu…")
    start = time.perf_counter()
    try:
        data = make(lambda share, text: bar.progress(min(max(share, 0.0), 1.0), text=text))
    except (images.ImageError, SettingsError) as exc:  # said in Vietnamese, nothing kept
        bar.empty()
        st.error(str(exc), icon=":material/error:")
        return
    bar.empty()
    st.session_state[state_key] = Built(signature, data, time.perf_counter() - start)


def offer(state_key: str, signature: tuple, file_name: str, mime: str, what: str) -> None:
    """The download of a file built for these very choices, and its PDF."""
    built: Built | None = st.session_state.get(state_key)
    if built is None or built.signature != signature:
        return
    st.success(
        f"Đã tạo xong {what} ({fmt.number(len(built.data) / 1024)} KB, "
        f"{fmt.number(built.seconds, 1)} giây).",
        icon=":material/check_circle:",
    )
    st.download_button(
        f"Tải {file_name}",
        built.data,
        file_name=file_name,
        mime=mime,
        key=f"{state_key}_download",
        on_click="ignore",
        type="primary",
        icon=":material/download:",
    )
    pdf_name = file_name.rsplit(".", 1)[0] + ".pdf"
    if not office.available():
        st.info(office.INSTALL_HINT, icon=":material/info:")
        return
    if built.pdf is None:
        slot = st.empty()  # the button goes once the PDF is made: its download takes its place
        if slot.button("Tạo bản PDF", key=f"{state_key}_pdf"):
            slot.empty()
            with st.spinner("Đang chuyển sang PDF bằng LibreOffice…"):
                try:
                    built.pdf = office.to_pdf(built.data, "." + file_name.rsplit(".", 1)[1])
                except office.OfficeError as exc:
                    st.error(str(exc), icon=":material/error:")
    if built.pdf is not None:
        st.download_button(
            f"Tải {pdf_name}",
            built.pdf,
            file_name=pdf_name,
            mime="application/pdf",
            key=f"{state_key}_pdf_download",
            on_click="ignore",
            icon=":material/picture_as_pdf:",
        )
