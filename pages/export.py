"""Xuất bản: the meeting deck (chosen from the charts of the other pages) and the periodic
report, for the period chosen in the sidebar, as PowerPoint, Word and PDF files."""

from urllib.parse import urlencode

import streamlit as st

from cchc import db, deck, export_view, report, shell, slides, ui
from cchc.periods import today

if shell.ensure_app():
    st.stop()

filters = ui.current_filters()
if filters is None:
    st.stop()

st.title(f"Trình chiếu và báo cáo — {filters.unit}")
st.caption(
    f"Theo bộ lọc bên trái: {filters.label()}. Mọi con số lấy từ cùng các truy vấn của bảng "
    "điều khiển, nên khớp với các trang khác."
)
ui.demo_banner(filters.unit)
context = slides.Context(ui.query, filters.scope, filters.label(), filters.unit)
version = db.data_version()
stem = ui.file_stem(f"{filters.unit} {filters.label()}")

st.subheader("Bộ trình chiếu")
choices = slides.catalogue(ui.query, filters.unit, filters.as_of)
wanted = slides.parse_keys(st.query_params.get("bo"), choices)
left, right = st.columns([3, 2], gap="large")
with left, st.container(border=True):
    st.markdown("**Biểu đồ đưa vào bộ trình chiếu**, theo thứ tự các trang")
    keys = []
    pages = list(dict.fromkeys(c.page for c in choices))
    for column, group in zip(st.columns(2), (pages[:3], pages[3:]), strict=True):
        for page in group:
            column.caption(f"Trang {page}")
            for c in (c for c in choices if c.page == page):
                if column.checkbox(c.name, value=c.key in wanted, key=f"x_pick_{c.key}"):
                    keys.append(c.key)
    st.query_params["bo"] = ",".join(keys)
with right:
    seconds = st.selectbox(
        "Tự chuyển trang khi trình chiếu",
        ui.AUTO_ADVANCE_CHOICES,
        format_func=lambda s: f"Mỗi {s} giây" if s else "Không (bấm Trước/Sau)",
        key="x_auto",
    )
    link = {**filters.url_params(), "bo": ",".join(keys)}
    if seconds:
        link["tu_dong"] = str(seconds)
    st.link_button(
        f"Mở chế độ trình chiếu ({len(keys)} biểu đồ)",
        f"present?{urlencode(link)}",
        icon=":material/slideshow:",
        disabled=not keys,
    )
    signature = (version, filters, tuple(keys))
    if st.button("Tạo tệp PowerPoint (.pptx)", key="x_make_deck", disabled=not keys):
        export_view.build("x_deck", signature, lambda say: deck.build(context, keys, say))
    export_view.offer(
        "x_deck", signature, f"trinh-chieu-{stem}.pptx", deck.PPTX_MIME, "bộ trình chiếu"
    )
    st.caption(
        "Tệp PowerPoint 16:9: trang bìa, mỗi biểu đồ một trang kèm nhận định, các trang cuối là "
        "danh sách nhiệm vụ quá hạn; chế độ trình chiếu có đúng các trang ấy."
    )

st.divider()
st.subheader("Báo cáo định kỳ")
st.markdown(
    f"Báo cáo kết quả thực hiện công tác cải cách hành chính **{filters.when()}** theo đề "
    "cương I. Chỉ đạo, điều hành · II. Kết quả theo từng lĩnh vực · III. Đánh giá chung · "
    "IV. Phương hướng kỳ tới, đã điền số liệu, bảng và biểu đồ; tệp Word để cán bộ chỉnh "
    "sửa, hoàn thiện (chỗ cần bổ sung được tô vàng)."
)
signature = (version, filters)
if st.button("Tạo báo cáo Word (.docx)", key="x_make_report"):
    export_view.build(
        "x_report", signature, lambda say: report.build(ui.query, filters, today(), say)
    )
export_view.offer("x_report", signature, f"bao-cao-{stem}.docx", report.DOCX_MIME, "báo cáo")
