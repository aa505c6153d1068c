"""Departments per unit: the standard structures, reading names by tokens and initials, lists."""

from __future__ import annotations

import duckdb
import pytest

from cchc.departments import (
    ALL,
    Department,
    DepartmentList,
    Directory,
    alias_key,
    directory,
    standard_departments,
    unit_level,
)
from cchc.vocab import (
    DEPARTMENT_SHORT,
    DEPARTMENTS,
    department_codes,
    department_name,
    department_short,
)

WARD = Directory("Phường Võ Cường")
COMMUNE = Directory("Xã Tân Chi")
ISLAND = Directory("Đặc khu Vân Đồn")


@pytest.mark.parametrize(
    ("unit", "level"),
    [
        ("Phường Võ Cường", "phuong"),
        ("Phuong Kinh Bac", "phuong"),
        ("PHƯỜNG VŨ NINH", "phuong"),
        ("Xã Tân Chi", "xa"),
        ("xa tan chi", "xa"),
        ("UBND xã Tân Chi", "xa"),
        ("Đặc khu Vân Đồn", "dac_khu"),
        ("Dac khu Co To", "dac_khu"),
        ("Võ Cường", "phuong"),
        ("", "phuong"),
    ],
)
def test_unit_level(unit: str, level: str) -> None:
    assert unit_level(unit) == level


def test_standard_structures() -> None:
    assert [d.code for d in standard_departments("Phường Võ Cường")] == list(DEPARTMENTS)
    assert [d.code for d in standard_departments("Xã Tân Chi")] == [
        "VP",
        "KT",
        "VHXH",
        "TTPVHCC",
        "TTCU",
        "CAX",
        "UBND",
    ]
    commune = {d.code: d.name for d in standard_departments("Xã Tân Chi")}
    assert commune["KT"] == "Phòng Kinh tế"
    assert commune["CAX"] == "Công an xã"
    assert commune["UBND"] == "UBND xã"
    island = {d.code: d.name for d in standard_departments("Đặc khu Vân Đồn")}
    assert island["CAX"] == "Công an đặc khu"
    assert island["UBND"] == "UBND đặc khu"


def test_the_ward_defaults_are_the_vocabulary() -> None:
    assert {d.code: d.name for d in WARD.departments} == DEPARTMENTS
    assert {d.code: d.short for d in WARD.departments} == DEPARTMENT_SHORT


# --- One name -----------------------------------------------------------------------------------

BOTH_LEVELS = [
    # Whole names, any case, with or without diacritics, any dash.
    ("Phòng Văn hóa – Xã hội", "VHXH"),
    ("phong van hoa - xa hoi", "VHXH"),
    ("Văn phòng HĐND và UBND", "VP"),
    ("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân", "VP"),
    ("Trung tâm Phục vụ hành chính công", "TTPVHCC"),
    ("Trung tâm Cung ứng dịch vụ sự nghiệp công", "TTCU"),
    # Initials, whole or in part, with or without separators.
    ("VH XH", "VHXH"),
    ("VHXH", "VHXH"),
    ("VH-XH", "VHXH"),
    ("Văn hóa XH", "VHXH"),
    ("Phòng VH - XH", "VHXH"),
    ("P.VHXH", "VHXH"),
    ("PVHCC", "TTPVHCC"),
    ("Phục vụ HCC", "TTPVHCC"),
    ("Trung tâm PVHCC", "TTPVHCC"),
    ("TT PVHCC", "TTPVHCC"),
    ("TTPVHCC", "TTPVHCC"),
    ("CUDVSNC", "TTCU"),
    ("Cung ứng DVSNC", "TTCU"),
    ("TTCUDVSNC", "TTCU"),
    ("TT Cung ứng", "TTCU"),
    ("TTCU", "TTCU"),
    ("VP HĐND-UBND", "VP"),
    ("VP", "VP"),
    ("Văn phòng", "VP"),
    # Common short forms kept as data.
    ("Bộ phận một cửa", "TTPVHCC"),
    ("Chủ tịch UBND", "UBND"),
    ("Chủ tịch, Phó Chủ tịch UBND", "UBND"),
    ("Ủy ban nhân dân", "UBND"),
    # Every department of the unit.
    ("Các phòng, đơn vị", ALL),
    ("các cơ quan, đơn vị liên quan", ALL),
    ("Toàn thể cán bộ, công chức", ALL),
    ("Tất cả các phòng", ALL),
]


@pytest.mark.parametrize(("text", "code"), BOTH_LEVELS)
def test_names_every_level_shares(text: str, code: str) -> None:
    assert WARD.match(text) == code
    assert COMMUNE.match(text) == code
    assert ISLAND.match(text) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Phòng Kinh tế, Hạ tầng và Đô thị", "KTHTDT"),
        ("Phòng KT, HT và ĐT", "KTHTDT"),
        ("KT-HT&ĐT", "KTHTDT"),
        ("P. KT-HT&ĐT", "KTHTDT"),
        ("KTHTĐT", "KTHTDT"),
        ("KTHTDT", "KTHTDT"),
        ("Phòng KTHT&ĐT", "KTHTDT"),
        ("Kinh tế - Hạ tầng - Đô thị", "KTHTDT"),
        # The ward's economic office is its only "Phòng Kinh tế": its short name.
        ("Phòng Kinh tế", "KTHTDT"),
        ("Công an phường", "CAP"),
        ("Công an phường Võ Cường", "CAP"),
        ("Công an", "CAP"),
        ("CA phường", "CAP"),
        ("CAP", "CAP"),
        ("UBND phường", "UBND"),
        ("UBND phường Võ Cường", "UBND"),
        ("Chủ tịch UBND phường", "UBND"),
        ("Trung tâm Phục vụ hành chính công phường", "TTPVHCC"),
        ("Văn phòng HĐND và UBND phường", "VP"),
        ("Văn phòng HĐND - UBND phường Võ Cường", "VP"),
    ],
)
def test_ward_names(text: str, code: str) -> None:
    assert WARD.match(text) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Phòng Kinh tế", "KT"),
        ("P. Kinh tế", "KT"),
        ("Phòng KT", "KT"),
        ("KT", "KT"),
        ("Công an xã", "CAX"),
        ("Công an xã Tân Chi", "CAX"),
        ("Công an", "CAX"),
        ("CAX", "CAX"),
        ("UBND xã", "UBND"),
        ("UBND xã Tân Chi", "UBND"),
        ("Trung tâm Phục vụ hành chính công xã", "TTPVHCC"),
        ("Văn phòng HĐND và UBND xã", "VP"),
        ("Phòng Văn hóa - Xã hội xã Tân Chi", "VHXH"),
    ],
)
def test_commune_names(text: str, code: str) -> None:
    assert COMMUNE.match(text) == code


def test_island_names() -> None:
    assert ISLAND.match("Công an đặc khu") == "CAX"
    assert ISLAND.match("Công an đặc khu Vân Đồn") == "CAX"
    assert ISLAND.match("UBND đặc khu Vân Đồn") == "UBND"
    assert ISLAND.match("Công an xã") is None


@pytest.mark.parametrize(
    "text",
    [
        # The ward's economic office and police are not a commune's: never silently KT / CAX.
        "Phòng Kinh tế, Hạ tầng và Đô thị",
        "KT-HT&ĐT",
        "KTHTDT",
        "Công an phường",
        "CAP",
        "UBND phường",
    ],
)
def test_a_wards_names_in_a_commune(text: str) -> None:
    assert COMMUNE.match(text) is None


@pytest.mark.parametrize("text", ["Công an xã", "CAX", "UBND xã", "Văn phòng HĐND và UBND xã"])
def test_a_communes_names_in_a_ward(text: str) -> None:
    assert WARD.match(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Phòng Tài chính",
        "Phòng Nội vụ",
        "Sở Nội vụ",
        "Văn",  # one word is not enough to guess
        "Phòng",  # two offices are
        "Trung tâm",  # two centres are
        "TT",
        "Trung tâm Văn hóa",  # a centre is not an office: the prefix must agree
        "Phòng Phục vụ hành chính công",
        "Phòng Trung tâm PVHCC",
        "VP UBND phường",  # not the office, not the committee
        "",
        "   ",
        None,
    ],
)
def test_names_no_department(text: object) -> None:
    assert WARD.match(text) is None


def test_diacritics_decomposed_and_line_breaks() -> None:
    import unicodedata

    assert WARD.match(unicodedata.normalize("NFD", "Phòng Văn hóa – Xã hội")) == "VHXH"
    assert WARD.match("Phòng Văn hóa –\nXã hội") == "VHXH"
    assert WARD.match("Trung tâm\nPhục vụ HCC") == "TTPVHCC"


def test_learned_aliases_win_first() -> None:
    d = Directory("Xã Tân Chi", aliases={alias_key("Tổ một cửa"): "TTPVHCC", "vhxh": "VP"})
    assert d.match("Tổ một cửa") == "TTPVHCC"
    assert d.match("TO MOT CUA") == "TTPVHCC"
    assert d.match("Tổ một cửa xã Tân Chi") == "TTPVHCC"  # the unit's name after it
    assert d.match("VHXH") == "VP"  # over the rules
    assert COMMUNE.match("Tổ một cửa") is None


def test_added_and_renamed_departments() -> None:
    d = Directory(
        "Xã Tân Chi",
        [*standard_departments("Xã Tân Chi"), Department("BCHQS", "Ban Chỉ huy Quân sự xã")],
    )
    assert d.match("Ban Chỉ huy Quân sự xã") == "BCHQS"
    assert d.match("Ban CHQS") == "BCHQS"
    assert d.match("BCHQS") == "BCHQS"
    assert d.short("BCHQS") == "Ban Chỉ huy Quân sự xã"


def test_lookups_and_hint() -> None:
    assert COMMUNE.codes() == ["VP", "KT", "VHXH", "TTPVHCC", "TTCU", "CAX", "UBND"]
    assert COMMUNE.name("KT") == "Phòng Kinh tế"
    assert COMMUNE.short("KT") == "P. Kinh tế"
    assert COMMUNE.name(ALL) == "Các phòng, đơn vị"
    assert COMMUNE.name("XYZ") == "XYZ"
    assert COMMUNE.hint().startswith(
        "các phòng, đơn vị của Xã Tân Chi: Văn phòng HĐND và UBND (VP); Phòng Kinh tế (KT); "
    )
    assert COMMUNE.hint().endswith("Công an xã (CAX); UBND xã (UBND)")


# --- Several names in one cell ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "codes", "unknown"),
    [
        # Every separator.
        ("VHXH, VP", ["VHXH", "VP"], []),
        ("VHXH; VP", ["VHXH", "VP"], []),
        ("VHXH\nVP", ["VHXH", "VP"], []),
        ("VHXH / VP", ["VHXH", "VP"], []),
        ("VHXH + VP", ["VHXH", "VP"], []),
        ("VHXH và VP", ["VHXH", "VP"], []),
        ("VHXH VÀ VP", ["VHXH", "VP"], []),
        ("VHXH & VP", ["VHXH", "VP"], []),
        ("VHXH va VP", ["VHXH", "VP"], []),
        # A separator inside a name is not a split.
        ("Phòng Kinh tế, Hạ tầng và Đô thị", ["KTHTDT"], []),
        ("Phòng Kinh tế, Hạ tầng và Đô thị; Công an phường", ["KTHTDT", "CAP"], []),
        ("P. KT-HT&ĐT, VHXH", ["KTHTDT", "VHXH"], []),
        ("Văn phòng HĐND và UBND phường", ["VP"], []),
        ("Văn phòng HĐND và UBND, Phòng Văn hóa - Xã hội", ["VP", "VHXH"], []),
        ("Chủ tịch, Phó Chủ tịch UBND phường", ["UBND"], []),
        ("Các phòng, đơn vị liên quan", [ALL], []),
        # Two departments that happen to be written together.
        ("VP, UBND phường", ["VP", "UBND"], []),
        ("Văn phòng, UBND phường", ["VP", "UBND"], []),
        # Never split at a dash inside a name.
        ("Phòng Văn hóa - Xã hội", ["VHXH"], []),
        ("Phòng Văn hóa – Xã hội; Công an phường", ["VHXH", "CAP"], []),
        ("KT-HT-ĐT", ["KTHTDT"], []),
        ("Phòng Tài chính - Kế hoạch", [], ["Phòng Tài chính - Kế hoạch"]),
        ("Phòng Văn hóa - Thể thao", [], ["Phòng Văn hóa - Thể thao"]),  # not VHXH + a scrap
        ("Văn phòng HĐND - UBND phường", ["VP"], []),
        ("VP-UBND", [], ["VP-UBND"]),
        # ... but a spaced dash between two whole names separates them.
        ("VHXH - VP", ["VHXH", "VP"], []),
        ("P. VHXH – P. VP", ["VHXH", "VP"], []),
        ("VHXH - Phòng Tài chính - Kế hoạch", ["VHXH"], ["Phòng Tài chính - Kế hoạch"]),
        (
            "Phòng Văn hóa – Xã hội - Văn phòng HĐND và UBND - Phòng Kinh tế, Hạ tầng và Đô thị",
            ["VHXH", "VP", "KTHTDT"],
            [],
        ),
        # Unknown pieces reported as written.
        ("VHXH, Phòng Tài chính", ["VHXH"], ["Phòng Tài chính"]),
        ("Đoàn Thanh niên; Hội Phụ nữ", [], ["Đoàn Thanh niên", "Hội Phụ nữ"]),
        ("Các phòng, đơn vị; Phòng Tài chính", [ALL], ["Phòng Tài chính"]),
        ("- VHXH;\n- Ban Tuyên giáo.", ["VHXH"], ["Ban Tuyên giáo"]),
        ("VHXH; VHXH", ["VHXH"], []),
        ("", [], []),
        (None, [], []),
    ],
)
def test_ward_split(text: object, codes: list[str], unknown: list[str]) -> None:
    assert WARD.split(text) == DepartmentList(tuple(codes), tuple(unknown))


@pytest.mark.parametrize(
    ("text", "codes", "unknown"),
    [
        ("Văn phòng HĐND và UBND xã", ["VP"], []),
        ("Văn phòng HĐND và UBND xã, Công an xã", ["VP", "CAX"], []),
        ("Phòng Kinh tế; Trung tâm Phục vụ hành chính công xã", ["KT", "TTPVHCC"], []),
        ("KT + VHXH / TTCU & CAX", ["KT", "VHXH", "TTCU", "CAX"], []),
        ("VP và KT", ["VP", "KT"], []),
        # A ward's office named whole in a commune is one unknown piece, not KT and two scraps.
        (
            "Phòng Kinh tế, Hạ tầng và Đô thị; Công an xã",
            ["CAX"],
            ["Phòng Kinh tế, Hạ tầng và Đô thị"],
        ),
        ("Các phòng, đơn vị; Công an phường", [ALL], ["Công an phường"]),
    ],
)
def test_commune_split(text: str, codes: list[str], unknown: list[str]) -> None:
    assert COMMUNE.split(text) == DepartmentList(tuple(codes), tuple(unknown))


def test_split_uses_learned_aliases() -> None:
    d = Directory("Phường Võ Cường", aliases={alias_key("Tổ CNS cộng đồng"): "VHXH"})
    assert d.split("Tổ CNS cộng đồng; Công an phường") == DepartmentList(("VHXH", "CAP"), ())


def test_matching_is_cached_per_directory() -> None:
    d = Directory("Xã Tân Chi")
    for _ in range(3):
        d.match("Phòng Kinh tế")
        d.split("VP, KT")
    assert d._match.cache_info().hits >= 2
    assert d._split.cache_info().hits == 2


# --- From the database --------------------------------------------------------------------------


def test_directory_without_tables_is_the_standard_one() -> None:
    con = duckdb.connect(":memory:")
    d = directory(con, "Xã Tân Chi")
    assert d.codes() == COMMUNE.codes()
    assert d.aliases == {}


def test_directory_reads_departments_and_aliases() -> None:
    from etl.schema import migrate

    con = duckdb.connect(":memory:")
    migrate(con)
    con.execute(
        "INSERT INTO departments VALUES "
        "('Xã Tân Chi', 'BCHQS', 'Ban Chỉ huy Quân sự xã', 'Ban CHQS', 't', now()),"
        "('Xã Tân Chi', 'KT', 'Phòng Kinh tế - Nông nghiệp', NULL, 't', now()),"
        "('Phường Võ Cường', 'XX', 'Phòng Khác', NULL, 't', now())"
    )
    con.execute(
        "INSERT INTO department_aliases VALUES "
        "('', 'Tổ một cửa', 'to mot cua', 'TTPVHCC', 't', now()),"
        "('', 'Tổ A', 'to a', 'VHXH', 't', now()),"
        "('xa tan chi', 'Tổ A', 'to a', 'VP', 't', now()),"
        "('Phường Võ Cường', 'Tổ B', 'to b', 'CAP', 't', now())"
    )
    d = directory(con, "Xã Tân Chi")
    assert d.codes() == ["VP", "KT", "VHXH", "TTPVHCC", "TTCU", "CAX", "UBND", "BCHQS"]
    assert d.name("KT") == "Phòng Kinh tế - Nông nghiệp"  # renamed
    assert d.short("BCHQS") == "Ban CHQS"
    assert d.match("Tổ một cửa") == "TTPVHCC"  # for every unit
    assert d.match("Tổ A") == "VP"  # the unit's own wins over every unit's
    assert d.match("Tổ B") is None  # another unit's
    assert directory(con, "Phường Võ Cường").match("Tổ A") == "VHXH"
    assert "XX" not in d.codes()


# --- Display names on the read side --------------------------------------------------------------


def test_department_codes_and_names_follow_the_unit() -> None:
    assert department_codes("Phường Võ Cường") == list(DEPARTMENTS)
    assert "KT" not in department_codes("Phường Võ Cường")  # no empty rows for a ward
    assert department_codes("Xã Tân Chi", ["KT", "ZZ", ALL, None]) == [
        *COMMUNE.codes(),
        "ZZ",
    ]
    assert department_codes("Phường Võ Cường", ["KT"])[-1] == "KT"  # found in data: kept
    assert department_name("KT") == "Phòng Kinh tế"
    assert department_short("CAX") == "Công an xã"
    assert department_short("CAX", "Đặc khu Vân Đồn") == "Công an đặc khu"
    assert department_short("UBND", "Xã Tân Chi") == "UBND xã"
    assert department_short("UBND") == "UBND phường"
    assert department_short("ZZ") == "ZZ"
    assert department_short(ALL) == "Các phòng, đơn vị"
