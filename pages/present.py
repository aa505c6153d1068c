"""Trình chiếu: the deck on the projector, screen by screen: the same slides as the PowerPoint
file (the title slide, one chart per screen with its finding as the title and a takeaway
sentence, the overdue tasks as a table), large type, no sidebar, the unit, the period and the
data date on every screen.

URL: `?trang=N` the screen, `?bo=area,trend,index-PAR` the charts (chosen on the Xuất bản page;
the default deck otherwise), `?tu_dong=30` advance every 30 seconds, looping."""

from html import escape

import streamlit as st

from cchc import charts, deck, fmt, shell, slides, ui

# Everything in the charts' font; the chart fills what the title, takeaway and footer leave
# of the screen (plotly sizes itself to its box: `responsive`).
CSS = f"""
<style>
h1, .slide-topic, .slide-takeaway, .slide-footer, .slide-cover, .slide-table {{
    font-family: {charts.FONT} !important; }}
h1 {{ font-size: 2.5rem !important; line-height: 1.2 !important; }}
.slide-topic {{ font-size: 1.3rem; color: #55606B; margin: -0.6rem 0 0.2rem 0; }}
[data-testid="stMainBlockContainer"] {{ height: 100vh; padding-bottom: .6rem !important; }}
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] {{ height: 100%; }}
[data-testid="stLayoutWrapper"]:has(.st-key-p_chart),
[data-testid="stLayoutWrapper"]:has(.st-key-p_body) {{ flex: 1 1 0; min-height: 320px; }}
.st-key-p_chart, .st-key-p_chart [data-testid="stElementContainer"],
.st-key-p_chart [data-testid="stFullScreenFrame"], .st-key-p_chart [data-testid="stPlotlyChart"],
.st-key-p_chart .js-plotly-plot {{ height: 100% !important; }}
.st-key-p_body h1 {{ text-align: center; padding-top: 22vh !important; font-size: 3.4rem !important;
    color: #0B3D91; }}
.slide-cover {{ text-align: center; }}
.slide-cover .unit {{ font-size: 2.1rem; }}
.slide-cover .date {{ font-size: 1.5rem; color: #55606B; margin-top: 1rem; }}
.slide-cover .demo {{ font-size: 1.5rem; color: #C62828; font-weight: 700; margin-top: 2rem; }}
.slide-table {{ width: 100%; border-collapse: collapse; font-size: 1.75rem; }}
.slide-table th {{ background: #E8EEF7; text-align: left; }}
.slide-table th, .slide-table td {{ padding: .35rem .6rem; vertical-align: top;
    border-bottom: 1px solid #E4E7EB; }}
.slide-table td.num {{ text-align: right; white-space: nowrap; }}
</style>
"""

if shell.ensure_app():
    st.stop()

filters = ui.current_filters()
if filters is None:
    st.stop()

st.markdown(ui.PRESENT_CSS + CSS, unsafe_allow_html=True)
context = slides.Context(ui.query, filters.scope, filters.label(), filters.unit)
choices = slides.catalogue(ui.query, filters.unit, filters.as_of)
charts_shown = slides.deck_keys(context, slides.parse_keys(st.query_params.get("bo"), choices))
demo = bool(ui.query("is_demo", filters.unit))
late = deck.overdue_rows(context)
pages = deck.table_pages(late)
screens = [("cover", None), *(("chart", s) for s in charts_shown), *(("table", p) for p in pages)]
count = len(screens)
wanted = st.query_params.get("trang", "1")
current = min(max(int(wanted) if wanted.isdigit() else 1, 1), count)
seconds = ui.auto_advance_seconds(st.query_params.get("tu_dong"))

kind, item = screens[current - 1]
if kind == "cover":
    title, *lines = deck.title_lines(context, demo, len(charts_shown))
    classes = ["unit", "date", "demo"]
    html = "".join(
        f'<div class="{c}">{escape(line)}</div>' for c, line in zip(classes, lines, strict=False)
    )
    with st.container(key="p_body"):
        st.title(title)
        st.markdown(f'<div class="slide-cover">{html}</div>', unsafe_allow_html=True)
elif kind == "chart":
    item = slides.slide(context, item)  # only the slide on the screen is built
    st.title(item.title)
    st.markdown(f'<div class="slide-topic">{escape(item.topic)}</div>', unsafe_allow_html=True)
    figure = charts.own_legend(charts.present_style(item.figure, 660, deck=True))
    figure.update_layout(height=None, autosize=True)
    with st.container(key="p_chart"):
        st.plotly_chart(
            figure,
            key=f"p_chart_{item.key}",
            theme=None,
            height="stretch",
            config={"displaylogo": False, "responsive": True, "displayModeBar": False},
        )
    st.markdown(
        f'<div class="slide-takeaway">{escape(item.takeaway)}</div>', unsafe_allow_html=True
    )
else:
    page = pages.index(next(p for p in pages if p is item)) + 1
    st.title(deck.table_title(late, page, len(pages)))
    with st.container(key="p_body"):
        if late.empty:
            st.markdown(
                '<div class="slide-takeaway">Không có nhiệm vụ nào quá hạn.</div>',
                unsafe_allow_html=True,
            )
        else:
            head = "".join(f"<th>{escape(c)}</th>" for c in late.columns)
            body = "".join(
                "<tr>"
                + "".join(
                    ('<td class="num">' if i >= 3 else "<td>") + f"{escape(str(v))}</td>"
                    for i, v in enumerate(row)
                )
                + "</tr>"
                for row in item.itertuples(index=False)
            )
            st.markdown(
                f'<table class="slide-table"><tr>{head}</tr>{body}</table>', unsafe_allow_html=True
            )

left, middle, right = st.columns([1, 3, 1])
if left.button("◀ Trước", disabled=current == 1, key="p_prev", width="stretch"):
    st.query_params["trang"] = str(current - 1)
    st.rerun()
mark = "DỮ LIỆU MẪU (DEMO) · " if demo else ""
auto = f" · tự chuyển sau {seconds} giây" if seconds else ""
middle.markdown(
    f'<div class="slide-footer">{mark}{filters.unit} · {filters.label()} · số liệu đến '
    f"{fmt.day(filters.as_of)} · trang {current}/{count}{auto}</div>",
    unsafe_allow_html=True,
)
if right.button("Sau ▶", disabled=current == count, key="p_next", width="stretch"):
    st.query_params["trang"] = str(current + 1)
    st.rerun()

if seconds and count > 1:
    ui.auto_advance(seconds, current % count + 1)
