"""Tiêu chí PAR INDEX: which PAR INDEX points the plan's late tasks put at risk at the as-of
date, the task -> criterion links to accept, change or add (or load as a sheet), and the
evidence checklist per area with the self-assessment table as Excel (issue #17)."""

import streamlit as st

from cchc import auth, db, fmt, shell, ui
from cchc import criteria_view as view
from cchc.criteria_queries import area_name
from etl import criteria
from etl.errors import Rejected
from etl.roles import CATALOG

if shell.ensure_app():
    st.stop()

filters = ui.current_filters()
if filters is None:
    st.stop()
unit, year, scope = filters.unit, filters.year, filters.scope
st.title(f"Tiêu chí PAR INDEX năm {year} — {unit}")
st.caption(
    "Nhiệm vụ nào của kế hoạch phục vụ tiêu chí nào của Chỉ số CCHC, bao nhiêu điểm có nguy cơ "
    "bị trừ vì nhiệm vụ quá hạn hoặc chưa báo cáo, và tài liệu kiểm chứng nào còn thiếu."
)
ui.demo_banner(unit)

done = st.session_state.pop("cr_done", None)
if done:
    (st.success if done[0] else st.error)(done[1])
session = auth.current()
refused = session.why_not(CATALOG, unit)  # the unit admin accepts, changes and adds
if refused:
    who = ""
    st.caption(f"{refused}: chỉ quản trị đơn vị duyệt liên kết và cập nhật tài liệu kiểm chứng.")
elif session.local:
    who = st.text_input(
        "Người thực hiện",
        key="cr_by",
        value=st.session_state.get("_u_by", ""),
        help="Ghi vào mỗi liên kết, tài liệu được duyệt hoặc thêm.",
    )
else:
    who = session.name
    st.caption(f"Người thực hiện: **{auth.ui_text(who)}**")


def write(action, message: str) -> None:
    """Run a write on the database; the outcome is shown after the rerun."""
    try:
        with db.writing(db.db_path()) as con:
            result = action(con)
        st.session_state["cr_done"] = (True, message.format(result=result))
    except Rejected as exc:
        st.session_state["cr_done"] = (False, " ".join(str(p) for p in exc.problems))
    st.rerun()


tree = ui.query("criteria_queries.criteria", unit, year)
if tree.empty:
    st.info(
        f"Chưa có bộ tiêu chí PAR INDEX năm {year}. Lấy từ bảng điểm PAR INDEX đã tải lên (năm "
        "gần nhất), hoặc bộ mặc định khi chưa có; sau đó hệ thống đề xuất liên kết nhiệm vụ – "
        "tiêu chí để duyệt."
    )
    if st.button("Lấy bộ tiêu chí và đề xuất liên kết", type="primary", disabled=not who.strip()):
        write(
            lambda con: (
                criteria.install(con, unit, year, who.strip()),
                criteria.propose(con, unit, year, who.strip()),
            ),
            "Đã lấy bộ tiêu chí và đề xuất {result[1]} liên kết.",
        )
    st.stop()

source_year = tree["source_year"].iloc[0]
if tree["source"].iloc[0] == "par_file":
    origin = f"bảng điểm PAR INDEX năm {int(source_year)}"
else:
    origin = "bộ mặc định (suy ra từ tài liệu tham khảo; tải bảng điểm PAR INDEX để thay)"
leaf_count = fmt.number(int(tree["leaf"].sum()))
st.caption(f"Bộ tiêu chí: {origin} — {leaf_count} tiêu chí thành phần.")

risk = ui.query("criteria_queries.risk_total", scope)
st.metric(
    view.risk_line(risk).split(":")[0],
    f"{view.points(risk['at_risk'])} / {view.points(risk['total'])}",
    view.risk_detail(risk, filters.as_of),
    delta_color="off",
    delta_arrow="off",
    border=True,
)
tab_risk, tab_links, tab_evidence = st.tabs(
    ["Điểm có nguy cơ bị trừ", "Liên kết nhiệm vụ – tiêu chí", "Tài liệu kiểm chứng"]
)

with tab_risk:
    by_area = ui.query("criteria_queries.risk_by_area", scope)
    ui.chart(
        view.risk_figure(
            by_area, f"Điểm PAR INDEX có nguy cơ bị trừ theo lĩnh vực — {filters.label()}"
        ),
        "cr_risk",
    )
    st.dataframe(view.by_area_frame(by_area), hide_index=True, width="stretch")
    st.subheader("Nhiệm vụ cần xử lý trước")
    st.caption("Nhiều điểm có nguy cơ nhất trước, rồi thời hạn gần nhất.")
    first = ui.query("criteria_queries.act_first", scope, 15)
    if first.empty:
        st.success("Không có nhiệm vụ nào đang làm mất điểm PAR INDEX.")
    else:
        table = view.act_first_frame(first, unit)
        st.dataframe(table, hide_index=True, width="stretch")
        ui.xlsx_button(table, f"Nhiệm vụ cần xử lý trước — {filters.label()}", "cr_first")

    with st.expander("Từng tiêu chí: nhiệm vụ phục vụ, trạng thái và điểm phụ thuộc"):
        stakes = view.stakes_frame(ui.query("criteria_queries.stakes", scope), unit)
        st.dataframe(stakes, hide_index=True, width="stretch")
        ui.xlsx_button(stakes, f"Điểm PAR INDEX theo tiêu chí — {filters.label()}", "cr_stakes")

with tab_links:
    links = ui.query("criteria_queries.links", unit, year)
    pending = int((links["state"] == "proposed").sum()) if not links.empty else 0
    st.caption(
        f"{fmt.number(pending)} đề xuất chờ duyệt. Chỉ liên kết «Đồng ý» được tính điểm; đổi "
        "cột Trạng thái rồi bấm Lưu."
    )
    before = view.links_frame(links)
    edited = st.data_editor(
        before,
        hide_index=True,
        width="stretch",
        disabled=[c for c in before.columns if c != "Trạng thái"],
        column_config={
            "Trạng thái": st.column_config.SelectboxColumn(
                "Trạng thái", options=list(view.STATE_NAMES.values()), required=True
            ),
            "Điểm đề xuất": st.column_config.NumberColumn("Điểm đề xuất", format="%.2f"),
        },
        key="cr_links",
    )
    changes = view.changed_states(before, edited)
    left, right = st.columns([1, 3])
    if left.button(
        f"Lưu {len(changes)} thay đổi",
        type="primary",
        disabled=not (changes and who.strip()),
        key="cr_save",
    ):
        write(
            lambda con: criteria.decide(con, unit, year, changes, who.strip()),
            "Đã lưu {result} liên kết.",
        )
    right.download_button(
        "Tải bảng liên kết (Excel)",
        data=lambda: view.links_sheet(links),
        file_name=f"lien-ket-tieu-chi-par-{year}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
        type="tertiary",
        icon=":material/download:",
        key="cr_links_xlsx",
    )
    leaves = tree[tree["leaf"]]
    names = dict(zip(leaves["code"], leaves["name"], strict=True))
    tasks = ui.query("task_status", scope.narrowed(area=None, department=None))
    titles = dict(zip(tasks["code"], tasks["title"], strict=True))
    add, load = st.columns(2)
    with add.form("cr_add", border=True):
        st.markdown("**Thêm liên kết**")
        task = st.selectbox("Nhiệm vụ", list(titles), format_func=lambda c: f"{c} — {titles[c]}")
        crit = st.selectbox(
            "Phục vụ tiêu chí", list(names), format_func=lambda c: f"{c} — {names[c]}"
        )
        if st.form_submit_button("Thêm", disabled=not who.strip()):
            write(
                lambda con: criteria.add_link(con, unit, year, task, crit, who.strip()),
                f"Đã liên kết {task} với tiêu chí {crit}.",
            )
    with load.form("cr_import", border=True):
        st.markdown("**Nạp bảng liên kết**")
        sheet = st.file_uploader(
            "Tệp .xlsx hoặc .csv (cột Mã nhiệm vụ, Mã tiêu chí, Trạng thái)", type=["xlsx", "csv"]
        )
        if st.form_submit_button("Nạp", disabled=not who.strip()) and sheet is not None:
            data = sheet.getvalue()
            write(
                lambda con: criteria.import_sheet(con, unit, year, sheet.name, data, who.strip()),
                "Đã nạp {result} dòng liên kết.",
            )
    if st.button(
        "Đề xuất lại (giữ các liên kết đã duyệt)", disabled=not who.strip(), key="cr_repropose"
    ):
        write(
            lambda con: criteria.propose(con, unit, year, who.strip()),
            "Đã đề xuất {result} liên kết.",
        )

with tab_evidence:
    progress = ui.query("criteria_queries.evidence_progress", unit, year)
    cols = st.columns(2)
    for i, row in progress.iterrows():
        cols[i % 2].progress(float(row["share"]), text=view.progress_label(row))
    items = ui.query("criteria_queries.evidence", unit, year)
    areas = [a for a in progress["area"]]
    area = st.selectbox("Lĩnh vực", areas, format_func=area_name, key="cr_area")
    shown = items[items["area"] == area].reset_index(drop=True)
    before_ev = view.evidence_frame(shown)
    edited_ev = st.data_editor(
        before_ev,
        hide_index=True,
        width="stretch",
        disabled=[c for c in before_ev.columns if c not in ("Có", "Đường dẫn / tệp")],
        column_config={"Có": st.column_config.CheckboxColumn("Có")},
        key=f"cr_ev_{area}",
    )
    updates = [
        (
            int(shown.at[i, "evidence_id"]),
            bool(edited_ev.at[i, "Có"]),
            (edited_ev.at[i, "Đường dẫn / tệp"] or "").strip(),
        )
        for i in range(len(shown))
        if bool(edited_ev.at[i, "Có"]) != bool(before_ev.at[i, "Có"])
        or edited_ev.at[i, "Đường dẫn / tệp"] != before_ev.at[i, "Đường dẫn / tệp"]
    ]
    if st.button(
        f"Lưu {len(updates)} thay đổi", disabled=not (updates and who.strip()), key="cr_ev_save"
    ):

        def save(con):
            for evidence_id, present, link in updates:
                url = link if link.lower().startswith(("http://", "https://")) else None
                criteria.set_evidence(con, evidence_id, present, who.strip(), url=url)
            return len(updates)

        write(save, "Đã cập nhật {result} tài liệu.")
    area_leaves = [c for c in names if tree.set_index("code").at[c, "area"] == area]
    with st.form("cr_ev_add", border=True):
        st.markdown("**Thêm tài liệu kiểm chứng**")
        crit = st.selectbox(
            "Tiêu chí", area_leaves or list(names), format_func=lambda c: f"{c} — {names[c]}"
        )
        title = st.text_input("Tên tài liệu", placeholder="ví dụ: Quyết định số 12/QĐ-UBND ngày …")
        link = st.text_input("Đường dẫn (nếu có)", placeholder="https://…")
        upload = st.file_uploader("Hoặc tải tệp lên", key="cr_ev_file")
        if st.form_submit_button("Thêm tài liệu", disabled=not who.strip()):

            def add_item(con):
                file = None
                if upload is not None:
                    file = criteria.archive_evidence(db.db_path(), upload.name, upload.getvalue())
                return criteria.add_evidence(
                    con, unit, year, crit, title, who.strip(), url=link.strip() or None, file=file
                )

            write(add_item, "Đã thêm tài liệu.")
    st.subheader("Bảng tự đánh giá")
    st.caption(
        "Tiêu chí, điểm tối đa, điểm tự đánh giá (theo bảng điểm PAR INDEX của năm khi có; nếu "
        "không, dự kiến = tối đa trừ điểm có nguy cơ) và danh sách tài liệu kiểm chứng, để "
        "đính kèm hồ sơ."
    )
    table = ui.query("criteria_queries.self_assessment", scope)
    st.download_button(
        "Tải bảng tự đánh giá (Excel)",
        data=lambda: view.self_assessment_xlsx(table, unit, year, filters.as_of),
        file_name=f"tu-danh-gia-par-index-{year}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
        type="primary",
        icon=":material/download:",
        key="cr_self_xlsx",
    )
if not who.strip() and not refused:
    st.caption("Ghi tên người thực hiện để duyệt, thêm liên kết hoặc tài liệu.")
