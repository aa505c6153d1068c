"""Tải dữ liệu lên: drop spreadsheets, see what each holds, what loading it would change and
every problem in it, fix and upload again, then load the clean ones; blank templates to start
from. A file naming another unit than the one selected is never filed anywhere until the clerk
says which unit it belongs to."""

from dataclasses import replace

import streamlit as st

from cchc import auth, db, export, shell, ui, upload_view, uploads_view
from cchc.periods import today
from cchc.vocab import department_codes, department_name
from etl import preview, templates
from etl.aliases import teach
from etl.annotate import annotated_copy
from etl.audit import Actor
from etl.errors import Rejected
from etl.kinds import layout_for
from etl.load import LoadResult, Options, load_bytes, sha256
from etl.roles import CATALOG
from etl.table import role_name

if shell.ensure_app():
    st.stop()

filters = ui.current_filters()
selected_unit = filters.unit if filters else None
plan_year = filters.year if filters else today().year
session = auth.current()
grant = session.grant
editor = grant is not None and grant.role == "department_editor"

upload_view.style()
st.title("Tải dữ liệu lên")
st.caption(
    "Phụ lục kế hoạch CCHC, báo cáo tiến độ của các phòng, đơn vị và bảng điểm chỉ số (.xlsx, "
    ".xls, .csv). Tệp được kiểm tra trước và trang cho biết việc nạp sẽ thay đổi gì; chỉ tệp "
    "không có lỗi mới nạp được, và mỗi lần nạp có thể hoàn tác ở trang Lịch sử tải lên."
)

if not session.local and grant is not None:
    st.info(
        f"Bạn đăng nhập là {auth.ui_text(session.name)} ({auth.ui_text(grant.label)}): "
        + (
            "chỉ nạp được báo cáo tiến độ của phòng mình, đơn vị mình."
            if editor
            else "nạp được mọi loại dữ liệu của "
            + ("đơn vị mình." if grant.unit else "các đơn vị trong phạm vi của mình.")
        ),
        icon=":material/badge:",
    )

year = today().year
templates_offered = [
    ("Mẫu phụ lục kế hoạch (.xlsx)", templates.plan_template, "mau-phu-luc-ke-hoach"),
    ("Mẫu báo cáo tiến độ (.xlsx)", templates.report_template, "mau-bao-cao-tien-do"),
][1 if editor else 0 :]
for column, (label, build, name) in zip(
    st.columns(2)[: len(templates_offered)], templates_offered, strict=True
):
    column.download_button(
        label,
        build(year),
        f"{name}-{year}.xlsx",
        mime=export.XLSX_MIME,
        icon=":material/download:",
        on_click="ignore",
    )

if session.local:
    # who uploads is remembered for the session: the widget's own state ends when the page is
    # left
    if "u_by" not in st.session_state and st.session_state.get("_u_by"):
        st.session_state["u_by"] = st.session_state["_u_by"]
    who = st.text_input(
        "Người tải lên",
        key="u_by",
        placeholder="Họ tên, phòng — bắt buộc",
        help="Bắt buộc: ghi vào lịch sử tải lên cùng với tệp; được nhớ cho đến khi đóng trình "
        "duyệt.",
    ).strip()
    st.session_state["_u_by"] = who
else:  # from the login: nobody types another name
    who = session.name
    st.caption(f"Người tải lên: **{auth.ui_text(who)}** (theo tài khoản đăng nhập)")
actor = session.actor() if not session.local else Actor(who, via="web")

files = st.file_uploader(
    "Chọn tệp bảng tính (có thể chọn nhiều tệp cùng lúc)",
    type=["xlsx", "xlsm", "xls", "csv"],
    accept_multiple_files=True,
    key="u_files",
    help="Tệp Excel (.xlsx, .xls) hoặc .csv, tối đa 50 MB mỗi tệp. Mỗi tệp được kiểm tra "
    "riêng; không có gì được nạp cho đến khi bạn bấm «Nạp vào cơ sở dữ liệu» ở tệp đó.",
)


def _set(key: str, value: object) -> None:
    st.session_state[key] = value


def _external_links(check: LoadResult, digest: str) -> None:
    """Cells whose formula reads another workbook: their stored value is used only when the
    clerk says it is right (the command line's --accept-external-links)."""
    key = f"u_ext_{digest}"
    linked = [p for p in check.problems if p.code == "external_link"]
    if not linked and not st.session_state.get(key):
        return
    where = ", ".join(f"{p.column}{p.row}" for p in linked[:5]) + ("…" if len(linked) > 5 else "")
    st.checkbox(
        "Giá trị đang lưu trong các ô liên kết tới tệp Excel khác là đúng — dùng giá trị đó"
        + (f" ({len(linked)} ô: {where})" if linked else ""),
        key=key,
        help="Chỉ đánh dấu khi đã đối chiếu các ô này với tệp nguồn; nếu không, cập nhật liên kết "
        "trong Excel, dán giá trị (Paste Values) rồi tải lại tệp.",
    )


def _check(data: bytes, name: str, digest: str, options: Options) -> LoadResult:
    """The dry run, kept until the settings or the database change."""
    signature = (repr(options), db.data_version())
    kept = st.session_state.get(f"u_check_{digest}")
    if kept is None or kept[0] != signature:
        with st.spinner("Đang kiểm tra tệp…"):
            kept = (signature, preview.validate(data, name, options))
        st.session_state[f"u_check_{digest}"] = kept
    return kept[1]


def _settings(check: LoadResult, digest: str, chosen_unit: str | None) -> None:
    """This file's settings, used only where the file does not say."""
    reports = check.kind in (None, "progress")
    st.caption(
        "Chỉ dùng khi tệp không ghi rõ; tệp ghi khác thì trang sẽ báo để bạn chọn."
        if reports
        else "Chỉ dùng khi tệp không ghi rõ đơn vị."
    )
    columns = st.columns(3 if reports else [1, 2])
    unit = chosen_unit or st.session_state.get(f"u_unit_{digest}") or check.unit or selected_unit
    with columns[0]:
        if chosen_unit:
            st.markdown(f"Đơn vị: **{upload_view.shown(chosen_unit)}** (đã chọn cho tệp này)")
            st.button(
                "Đổi đơn vị",
                key=f"u_unit_reset_{digest}",
                type="tertiary",
                on_click=_set,
                args=(f"u_unit_for_{digest}", None),
            )
        else:
            fallback = f" Tệp không ghi thì dùng «{selected_unit}»." if selected_unit else ""
            st.selectbox(
                "Đơn vị",
                [
                    None,
                    *(
                        ui.query("units")
                        if session.local
                        else session.visible_units(ui.query("units"))
                    ),
                ],
                key=f"u_unit_{digest}",
                format_func=lambda u: "Đọc từ tệp" if u is None else u,
                help="Đơn vị của số liệu trong tệp." + fallback,
            )
    if not reports:
        return
    columns[1].selectbox(
        "Kỳ báo cáo",
        preview.period_options(plan_year),
        key=f"u_period_{digest}",
        format_func=preview.period_option_label,
    )
    columns[2].selectbox(
        "Phòng gửi báo cáo",
        [None, grant.department] if editor and grant else [None, *department_codes(unit)],
        key=f"u_dept_{digest}",
        format_func=lambda d: "Đọc từ tệp" if d is None else department_name(d, unit),
    )


def _ask_unit(check: LoadResult, digest: str, message: str) -> None:
    """A file naming another unit: stop and ask which unit the data belongs to (only units
    the login may load for are offered)."""
    if not session.sees(check.file_unit):
        st.error(
            f"{upload_view.shown(message)}. Tệp chưa được nạp: tài khoản này không nạp được "
            f"số liệu của {upload_view.shown(check.file_unit or '')}.",
            icon=":material/block:",
        )
        return
    st.warning(
        f"{upload_view.shown(message)}. Tệp chưa được nạp. Số liệu này là của đơn vị nào?",
        icon=":material/help:",
    )
    left, right = st.columns(2)
    left.button(
        f"Nạp cho «{upload_view.shown(check.file_unit or '')}»",
        key=f"u_for_{digest}",
        type="primary",
        width="stretch",
        on_click=_set,
        args=(f"u_unit_for_{digest}", check.file_unit),
    )
    right.button(
        "Hủy tệp này",
        key=f"u_cancel_button_{digest}",
        width="stretch",
        on_click=_set,
        args=(f"u_cancel_{digest}", True),
    )
    others = [u for u in check.unit_candidates if u != check.file_unit and session.sees(u)]
    if others:
        st.caption("Hoặc một đơn vị đã có, tên gần giống:")
        for i, unit in enumerate(others):
            st.button(
                f"Nạp cho «{upload_view.shown(unit)}»",
                key=f"u_for_{digest}_{i}",
                on_click=_set,
                args=(f"u_unit_for_{digest}", unit),
            )


NEW_DEPARTMENT = "__new__"


def _teach(check: LoadResult, digest: str) -> None:
    """Department names the unit does not know: asked once, remembered for every later load."""
    unit = check.unit or selected_unit
    names = check.unknown_names
    if not names or not unit:
        return
    if not session.can(CATALOG, unit):  # teaching names is the unit admin's
        st.caption(
            "Tệp dùng tên phòng, đơn vị chưa biết: nhờ quản trị đơn vị dạy tên này ở trang "
            "Danh mục, hoặc sửa tên trong tệp."
        )
        return
    codes = department_codes(unit)
    with st.container(border=True):
        st.markdown(
            f"**{len(names)} tên phòng, đơn vị chưa biết** — chọn một lần; hệ thống ghi nhớ "
            f"cho mọi lần nạp sau của {upload_view.shown(unit)} (xem, xóa ở trang Danh mục)."
        )
        answers: dict[str, str] = {}
        created: dict[str, str] = {}
        for i, text in enumerate(names):
            left, right = st.columns([3, 2])
            code = left.selectbox(
                f"«{upload_view.shown(text)}» là",
                [None, *codes, NEW_DEPARTMENT],
                key=f"u_teach_{digest}_{i}",
                format_func=lambda c: (
                    "— chọn —"
                    if c is None
                    else "Thêm phòng, đơn vị mới…"
                    if c == NEW_DEPARTMENT
                    else department_name(c, unit)
                ),
            )
            if code == NEW_DEPARTMENT:
                new_code = right.text_input(
                    "Mã viết tắt", key=f"u_teach_code_{digest}_{i}", placeholder="ví dụ TP"
                ).strip()
                if new_code:
                    created[new_code.upper()] = text
                    answers[text] = new_code.upper()
            elif code:
                answers[text] = code
        ready = len(answers) == len(names) and bool(who)
        if st.button(
            "Ghi nhớ và kiểm tra lại",
            key=f"u_teach_go_{digest}",
            type="primary",
            disabled=not ready,
        ):
            try:
                teach(None, unit, answers, who, created, actor=actor)
            except Rejected as exc:
                upload_view.problem_cards(preview.problem_cards(exc.problems))
                return
            st.rerun()
        if not ready:
            st.caption(
                "Chọn phòng, đơn vị cho từng tên"
                + ("" if who else " và điền «Người tải lên» ở đầu trang")
                + "."
            )


def _problems(check: LoadResult, data: bytes, name: str, digest: str) -> None:
    st.error(
        f"{len(check.problems)} lỗi cần sửa — tệp chưa được nạp, dữ liệu không thay đổi.",
        icon=":material/error:",
    )
    _teach(check, digest)
    upload_view.problem_cards(preview.problem_cards(check.problems))
    left, right = st.columns(2)
    marked = annotated_copy(data, check.problems)
    if marked:
        left.download_button(
            "Tải tệp đã đánh dấu lỗi (mở bằng Excel để sửa)",
            marked,
            f"can-sua-{name}",
            mime=export.XLSX_MIME,
            key=f"u_marked_{digest}",
            icon=":material/download:",
            on_click="ignore",
        )
    ui.xlsx_button(
        preview.problems_frame(check.problems),
        f"Danh sách lỗi {name}",
        f"u_errors_{digest}",
        "Tải danh sách lỗi (Excel)",
        right,
    )


def _remember_role(digest: str, role: str) -> None:
    roles = dict(st.session_state.get(f"u_roles_{digest}") or {})
    roles[role] = st.session_state[f"u_role_{digest}_{role}"]
    st.session_state[f"u_roles_{digest}"] = roles


def _reading(check: LoadResult, digest: str) -> None:
    """How the file was read — kind, unit, year, period, department and where each came from,
    and the column map — with each column's role changeable; a change checks the file again."""
    if not check.choices:
        return
    with st.expander(
        "Cách đọc tệp này (đổi được vai trò của từng cột)", expanded=check.status == "rejected"
    ):
        reading = preview.reading_frame(check)
        if not reading.empty:
            st.table(reading.set_index("Mục"))
        st.table(preview.columns_frame(check).set_index("Vai trò"))
        layout = layout_for(check.kind) if check.kind else None
        present = {c.role: c.letter for _, c in check.choices if not c.role.startswith("yr:")}
        needed = {r for req in layout.required for r in req} if layout else set()
        roles = [*present, *sorted(r for r in needed if r not in present and r != "years")]
        letters = preview.role_options(check)
        columns = st.columns(3)
        for i, role in enumerate(roles):
            columns[i % 3].selectbox(
                role_name(role),
                letters,
                index=letters.index(present.get(role, "")),
                key=f"u_role_{digest}_{role}",
                format_func=lambda letter: preview.role_option_label(check, letter),
                on_change=_remember_role,
                args=(digest, role),
            )


def _loaded_text(result: LoadResult) -> str:
    """What a load did, naming the uploads it replaced the way the history names them."""
    text = replace(result, replaced_upload_ids=[]).summary().rstrip(".")
    if result.replaced_upload_ids:
        table = ui.query("uploads_by_id", tuple(result.replaced_upload_ids))
        text += "; thay " + "; ".join(
            uploads_view.label_of(table, i) for i in result.replaced_upload_ids
        )
    return f"{text}. Hoàn tác được ở trang Lịch sử tải lên (lần nạp #{result.upload_id})."


def _valid(check: LoadResult, data: bytes, name: str, digest: str, options: Options) -> None:
    st.success(upload_view.shown(check.summary()), icon=":material/task_alt:")
    changes = check.changes
    if changes is not None and (changes.lines or changes.table):
        upload_view.changes(changes.lines, preview.changes_frame(changes))
    with st.expander("Các dòng báo cáo đã đối chiếu với kế hoạch", expanded=False):
        if check.matches:
            matches = preview.matches_frame(check)
            unsure = int((matches["Cách khớp"] != preview.HOW["exact"]).sum())
            st.markdown(
                f"**{len(matches)} dòng báo cáo** — {unsure} dòng khớp chưa chắc "
                "chắn (tô vàng), nên kiểm tra trước khi nạp."
            )
            st.dataframe(preview.styled_matches(matches), hide_index=True, width="stretch")

    removals = list(changes.removals) if changes is not None else []
    agreed = True
    if removals:
        what = sha256("\n".join(removals).encode())[:12]  # a new list asks again
        agreed = st.checkbox(
            upload_view.shown(preview.removal_consent(removals)), key=f"u_agree_{digest}_{what}"
        )
    missing = []
    if not who:
        missing.append("điền «Người tải lên» ở đầu trang")
    if not agreed:
        missing.append("đánh dấu ô «Tôi hiểu và đồng ý» ở trên")
    clicked = st.button(
        "Nạp vào cơ sở dữ liệu", key=f"u_load_{digest}", type="primary", disabled=bool(missing)
    )
    if missing:
        st.caption("Chưa nạp được: cần " + " và ".join(missing) + ".")
    if not clicked or missing:
        return
    with st.spinner("Đang nạp…"):
        result = load_bytes(
            data,
            name,
            replace(
                options,
                uploaded_by=who,
                confirm_removal=bool(removals),
                actor=actor,
            ),
        )
    if result.status == "loaded":
        st.session_state[f"u_done_{digest}"] = upload_view.shown(_loaded_text(result))
        st.session_state[f"u_warn_{digest}"] = result.warnings
        st.rerun()
    st.error(
        f"Chưa nạp được {name} — cơ sở dữ liệu không thay đổi.",
        icon=":material/error:",
    )
    upload_view.problem_cards(preview.problem_cards(result.problems))


def file_card(name: str, data: bytes, digest: str) -> None:
    st.markdown(f"**{upload_view.plain(name)}**")
    done = st.session_state.get(f"u_done_{digest}")
    if done:
        upload_view.loaded(done, st.session_state.get(f"u_warn_{digest}", []))
        return
    if st.session_state.get(f"u_cancel_{digest}"):
        st.caption("Đã hủy tệp này — không nạp gì.")
        st.button(
            "Kiểm tra lại tệp này",
            key=f"u_uncancel_{digest}",
            type="tertiary",
            on_click=_set,
            args=(f"u_cancel_{digest}", False),
        )
        return
    chosen_unit = st.session_state.get(f"u_unit_for_{digest}")
    options = Options(
        unit=chosen_unit,
        expected_unit=st.session_state.get(f"u_unit_{digest}") or selected_unit,
        default_period=st.session_state.get(f"u_period_{digest}") or None,
        default_department=st.session_state.get(f"u_dept_{digest}"),
        column_roles=st.session_state.get(f"u_roles_{digest}") or None,
        accept_external_links=bool(st.session_state.get(f"u_ext_{digest}")),
        grant=None if session.local else grant,
    )
    check = _check(data, name, digest, options)
    _external_links(check, digest)
    _settings(check, digest, chosen_unit)
    _reading(check, digest)
    if check.status == "duplicate":
        earlier = (
            uploads_view.label_of(ui.query("uploads_by_id", (check.upload_id,)), check.upload_id)
            if check.upload_id is not None
            else "một lần nạp trước"
        )
        st.info(
            f"Nội dung giống hệt {earlier} — không có gì thay đổi, không cần nạp lại.",
            icon=":material/info:",
        )
    elif check.status == "rejected":
        mismatch = next((p for p in check.problems if p.code == "unit_mismatch"), None)
        if mismatch is not None and check.file_unit:
            _ask_unit(check, digest, mismatch.message)
        else:
            _problems(check, data, name, digest)
    else:
        _valid(check, data, name, digest, options)


first_named: dict[str, str] = {}  # content hash -> the first file in this pick with it
for f in files or []:
    data = f.getvalue()
    digest = sha256(data)
    if digest in first_named:  # the same content again (or one file under two names)
        st.info(
            f"**{upload_view.plain(f.name)}**: Trùng nội dung với tệp "
            f"«{upload_view.plain(first_named[digest])}» ở trên — bỏ qua.",
            icon=":material/content_copy:",
        )
        continue
    first_named[digest] = f.name
    with st.container(border=True):
        file_card(f.name, data, digest)
