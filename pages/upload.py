"""Tải dữ liệu lên: drop spreadsheets, see what each holds and every problem in it, fix and
upload again, then load the clean ones; blank templates to start from."""

import streamlit as st

from cchc import db, export, shell
from cchc.periods import today
from cchc.vocab import department_codes, department_name
from etl import preview, templates
from etl.annotate import annotated_copy
from etl.load import Options, load_bytes, sha256

if shell.ensure_app():
    st.stop()

st.title("Tải dữ liệu lên")
st.caption(
    "Phụ lục kế hoạch CCHC và báo cáo tiến độ của các phòng, đơn vị (.xlsx, .xls, .csv). Tệp được "
    "kiểm tra trước; chỉ tệp không có lỗi mới nạp được, và mỗi lần nạp có thể hoàn tác ở trang "
    "Lịch sử tải lên."
)

year = today().year
templates_offered = [
    ("Mẫu phụ lục kế hoạch (.xlsx)", templates.plan_template, "mau-phu-luc-ke-hoach"),
    ("Mẫu báo cáo tiến độ (.xlsx)", templates.report_template, "mau-bao-cao-tien-do"),
]
for column, (label, build, name) in zip(st.columns(2), templates_offered, strict=True):
    column.download_button(
        label,
        build(year),
        f"{name}-{year}.xlsx",
        mime=export.XLSX_MIME,
        icon=":material/download:",
        on_click="ignore",
    )

who = st.text_input("Người tải lên", key="u_by", placeholder="Họ tên, phòng")
with st.expander("Khi tệp không ghi rõ đơn vị hoặc kỳ báo cáo"):
    unit = st.text_input("Đơn vị", key="u_unit", placeholder="để trống: đọc từ tệp")
    department = st.selectbox(
        "Phòng, đơn vị gửi báo cáo",
        [None, *department_codes(unit or None)],
        format_func=lambda d: "Đọc từ tệp" if d is None else department_name(d, unit or None),
        key="u_dept",
    )
    period = st.selectbox(
        "Kỳ báo cáo",
        preview.period_options(year),
        key="u_period",
        format_func=preview.period_option_label,
    )
files = st.file_uploader(
    "Chọn tệp", type=["xlsx", "xlsm", "xls", "csv"], accept_multiple_files=True, key="u_files"
)

options = Options(
    unit=unit or None, period=period or None, uploaded_by=who or None, department=department
)
for f in files or []:
    data = f.getvalue()
    digest = sha256(data)
    with st.container(border=True):
        st.markdown(f"**{f.name}**")
        done = st.session_state.get(f"u_done_{digest}")
        if done:
            st.success(done, icon=":material/check_circle:")
            continue
        key = f"u_check_{digest}_{options}_{db.data_version()}"
        if key not in st.session_state:
            with st.spinner("Đang kiểm tra tệp…"):
                st.session_state[key] = preview.validate(data, f.name, options)
        check = st.session_state[key]
        if check.status == "duplicate":
            st.info(check.summary(), icon=":material/info:")
        elif check.status == "rejected":
            st.error(
                f"{len(check.problems)} lỗi cần sửa — tệp chưa được nạp, dữ liệu không thay đổi.",
                icon=":material/error:",
            )
            st.dataframe(
                preview.problems_frame(check.problems),
                hide_index=True,
                width="stretch",
                placeholder="",
            )
            marked = annotated_copy(data, check.problems)
            if marked:
                st.download_button(
                    "Tải tệp đã đánh dấu lỗi (mở bằng Excel để sửa)",
                    marked,
                    f"can-sua-{f.name}",
                    mime=export.XLSX_MIME,
                    key=f"u_marked_{digest}",
                    icon=":material/download:",
                    on_click="ignore",
                )
        else:
            st.success(check.summary(), icon=":material/task_alt:")
            with st.expander("Xem trước: cột đã đọc và nhiệm vụ đã đối chiếu"):
                st.dataframe(preview.columns_frame(check), hide_index=True)
                if check.matches:
                    matches = preview.matches_frame(check)
                    unsure = int((matches["Cách khớp"] != preview.HOW["exact"]).sum())
                    st.markdown(
                        f"**{len(matches)} dòng báo cáo** — {unsure} dòng khớp chưa chắc "
                        "chắn (tô vàng), nên kiểm tra trước khi nạp."
                    )
                    st.dataframe(preview.styled_matches(matches), hide_index=True, width="stretch")

            if st.button("Nạp vào cơ sở dữ liệu", key=f"u_load_{digest}", type="primary"):
                with st.spinner("Đang nạp…"):
                    result = load_bytes(data, f.name, options)
                if result.status == "loaded":
                    st.session_state[f"u_done_{digest}"] = result.summary()
                    st.rerun()
                st.error(result.summary() + " " + " ".join(str(p) for p in result.problems))
