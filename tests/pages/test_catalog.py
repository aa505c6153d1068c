"""Danh mục: the unit's departments and the learned names; a name added here is used by the
next load, and one removed is not."""

from etl.load import Options, load_bytes
from tests.pages.apptest import run_app
from tests.workbooks import xlsx_bytes

PLAN = xlsx_bytes(
    {
        "KH": [
            ["KẾ HOẠCH CCHC NĂM 2026"],
            [],
            ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời hạn"],
            ["I", "CẢI CÁCH THỂ CHẾ"],
            ["1", "Rà soát văn bản", "Tổ Một cửa liên thông", "Cả năm"],
        ]
    }
)


def test_departments_listed_and_a_name_taught_then_removed(demo_db):
    refused = load_bytes(PLAN, "kh.xlsx", Options(dry_run=True), demo_db)
    assert refused.unknown_names == ["Tổ Một cửa liên thông"]

    at = run_app("catalog")
    assert at.title[0].value == "Danh mục phòng, đơn vị — Phường Võ Cường"
    departments = at.dataframe[0].value
    assert list(departments["Mã"]) == ["VHXH", "VP", "KTHTDT", "TTPVHCC", "TTCU", "CAP", "UBND"]
    assert any("Chưa có tên gọi nào" in i.value for i in at.info)

    at.text_input(key="c_by").input("Nguyễn Văn A").run()
    at.text_input[1].input("Tổ Một cửa liên thông")  # in the form: sent with its button
    at.selectbox[0].set_value("TTPVHCC")
    at.button[0].click().run()  # the form's "Thêm"
    assert any("Đã học: «Tổ Một cửa liên thông»" in s.value for s in at.success)
    aliases = at.dataframe[1].value
    assert aliases.iloc[0].to_dict() | {"Thời điểm": ""} == {
        "Tên gọi trong tệp": "Tổ Một cửa liên thông",
        "Mã": "TTPVHCC",
        "Phòng, đơn vị": "Trung tâm Phục vụ hành chính công",
        "Áp dụng cho": "Phường Võ Cường",
        "Người thêm": "Nguyễn Văn A",
        "Thời điểm": "",
    }
    assert load_bytes(PLAN, "kh.xlsx", Options(dry_run=True), demo_db).status == "valid"

    at.checkbox(key="c_sure").check().run()
    at.button(key="c_remove").click().run()
    assert any("Đã xóa tên gọi «Tổ Một cửa liên thông»" in s.value for s in at.success)
    assert load_bytes(PLAN, "kh.xlsx", Options(dry_run=True), demo_db).status == "rejected"
