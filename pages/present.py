"""Trình chiếu: one chart per screen for the projector, large type, no sidebar, with the unit,
the period and the data date on every slide and a takeaway sentence under each chart.

URL: `?trang=N` the slide, `?bo=area,trend,index-PAR` the charts (chosen on the Xuất bản page;
the default deck otherwise), `?tu_dong=30` advance every 30 seconds, looping."""

import streamlit as st

from cchc import charts, fmt, shell, slides, ui

if shell.ensure_app():
    st.stop()

filters = ui.current_filters()
if filters is None:
    st.stop()

st.markdown(ui.PRESENT_CSS, unsafe_allow_html=True)
context = slides.Context(ui.query, filters.scope, filters.label(), filters.unit)
choices = slides.catalogue(ui.query, filters.unit)
deck = slides.deck(context, slides.parse_keys(st.query_params.get("bo"), choices))
count = len(deck)
wanted = st.query_params.get("trang", "1")
current = min(max(int(wanted) if wanted.isdigit() else 1, 1), count)
seconds = ui.auto_advance_seconds(st.query_params.get("tu_dong"))

slide = deck[current - 1]
st.title(slide.title)
ui.chart(charts.present_style(slide.figure, 660), f"p_chart_{slide.key}", png=False)
st.markdown(f'<div class="slide-takeaway">{slide.takeaway}</div>', unsafe_allow_html=True)

left, middle, right = st.columns([1, 3, 1])
if left.button("◀ Trước", disabled=current == 1, key="p_prev", width="stretch"):
    st.query_params["trang"] = str(current - 1)
    st.rerun()
demo = "DỮ LIỆU MẪU (DEMO) · " if ui.query("is_demo", filters.unit) else ""
auto = f" · tự chuyển sau {seconds} giây" if seconds else ""
middle.markdown(
    f'<div class="slide-footer">{demo}{filters.unit} · {filters.label()} · số liệu đến '
    f"{fmt.day(filters.as_of)} · trang {current}/{count}{auto}</div>",
    unsafe_allow_html=True,
)
if right.button("Sau ▶", disabled=current == count, key="p_next", width="stretch"):
    st.query_params["trang"] = str(current + 1)
    st.rerun()

if seconds and count > 1:
    ui.auto_advance(seconds, current % count + 1)
