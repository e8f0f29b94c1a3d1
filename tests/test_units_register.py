"""The unit register and the resolution of issuers to units, without reading any file."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from extractors.finders.issuer import issuer_of
from normalizers.names import body_case
from warehouse.compare import create_compare_views
from warehouse.schema import migrate
from warehouse.units import refresh_units
from warehouse.units.register import Register
from warehouse.units.resolve import Header, Resolver


@pytest.mark.parametrize(
    "header, written",
    [
        ("SỞ NỘI VỤ", "Sở Nội vụ"),
        ("BAN DÂN VẬN TỈNH ỦY NGHỆ AN", "Ban Dân vận Tỉnh ủy Nghệ An"),
        ("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Sở Lao động - Thương binh và Xã hội"),
        ("ỦY BAN NHÂN DÂN THÀNH PHỐ SA ĐÉC", "UBND thành phố Sa Đéc"),
        ("BAN CÁN SỰ ĐẢNG UBND TỈNH", "Ban cán sự đảng UBND tỉnh"),
        ("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH", "Trung tâm Phục vụ hành chính công tỉnh"),
        ("SỞ CÔNG THƯƠNG", "Sở Công Thương"),
    ],
)
def test_an_issuer_keeps_the_capitals_officials_write(header, written):
    assert body_case(header) == written


@pytest.mark.parametrize(
    "lines, issuer, parent",
    [
        (
            ["UBND HUYỆN CAO LÃNH", "VĂN PHÒNG HĐND VÀ UBND"],
            "Văn phòng HĐND và UBND huyện Cao Lãnh",
            "UBND huyện Cao Lãnh",
        ),
        (["UBND TỈNH AN GIANG", "SỞ NỘI VỤ"], "Sở Nội vụ tỉnh An Giang", "UBND tỉnh An Giang"),
        (["TỈNH ỦY NGHỆ AN", "BAN DÂN VẬN"], "Ban Dân vận Tỉnh ủy Nghệ An", "Tỉnh ủy Nghệ An"),
        (
            ["UBND TỈNH THÁI BÌNH", "THANH TRA TỈNH"],
            "Thanh tra tỉnh Thái Bình",
            "UBND tỉnh Thái Bình",
        ),
        (["UBND HUYỆN CHÂU THÀNH", "UBND XÃ AN HIỆP"], "UBND xã An Hiệp", "UBND huyện Châu Thành"),
        (["ỦY BAN NHÂN DÂN", "THÀNH PHỐ SA ĐÉC"], "UBND thành phố Sa Đéc", None),
    ],
)
def test_a_body_naming_no_place_takes_the_place_of_the_line_above_it(lines, issuer, parent):
    assert issuer_of(lines) == (issuer, parent)


@pytest.fixture(scope="module")
def register() -> Register:
    return Register()


def test_the_register_holds_every_province_and_district_with_stable_ids(register):
    units = register.units
    assert units["dong-thap:ubnd"].name == "UBND tỉnh Đồng Tháp"
    assert units["ha-noi:cap-uy"].name == "Thành ủy Hà Nội"
    # the district and the city of one name in one province are two units
    district, city = units["dong-thap.h-cao-lanh:ubnd"], units["dong-thap.tp-cao-lanh:ubnd"]
    assert (district.name, city.name) == ("UBND huyện Cao Lãnh", "UBND thành phố Cao Lãnh")
    assert district.parent_id == "dong-thap:ubnd" and district.level == "district"
    assert units["nghe-an.tp-vinh:ban-dan-van"].parent_id == "nghe-an:ban-dan-van"
    assert units["dong-thap:van-phong"].parent_id == "dong-thap:ubnd"  # same place's UBND


def test_the_2025_merger_gives_a_merged_province_its_successor(register):
    tien_giang = register.units["tien-giang:ubnd"]
    assert (tien_giang.successor_id, tien_giang.ended) == ("dong-thap:ubnd", dt.date(2025, 7, 1))
    assert register.units["dong-thap:ubnd"].successor_id is None
    assert register.units["dong-thap.h-cao-lanh:ubnd"].ended == dt.date(2025, 7, 1)
    assert register.units["thua-thien-hue:ubnd"].successor_id == "hue:ubnd"


def resolve(issuer, parent=None, place=None, province="Đồng Tháp", register=None):
    r = Resolver(register or Register())
    return r.resolve(Header(1, issuer, parent, place, province, "a.docx"))


def test_a_district_office_resolves_to_its_district_by_its_parent_line_or_its_place_line():
    by_parent = resolve("Văn phòng HĐND và UBND huyện Cao Lãnh", "UBND huyện Cao Lãnh")
    by_place = resolve("Văn phòng HĐND và UBND", None, "Sa Đéc")
    other = resolve("Văn phòng HĐND và UBND huyện Tháp Mười", "UBND huyện Tháp Mười")
    assert by_parent == ("dong-thap.h-cao-lanh:van-phong", "name")
    assert by_place == ("dong-thap.tp-sa-dec:van-phong", "register")
    assert other[0] == "dong-thap.h-thap-muoi:van-phong"


def test_same_named_communes_of_two_provinces_are_two_units():
    register = Register()
    a = resolve("UBND xã An Hiệp", "UBND huyện Châu Thành", province="Bến Tre", register=register)
    b = resolve("UBND xã An Hiệp", "UBND huyện Châu Thành", register=register)
    assert a == ("ben-tre.h-chau-thanh.x-an-hiep:ubnd", "new")
    assert b == ("dong-thap.h-chau-thanh.x-an-hiep:ubnd", "new")
    assert register.units[a[0]].parent_id == "ben-tre.h-chau-thanh:ubnd"
    assert register.units[a[0]].origin == "new" and "a.docx" in register.units[a[0]].note


def test_an_issuer_the_register_does_not_know_becomes_a_new_unit_recorded_as_such():
    register = Register()
    uid, how = resolve("Chi cục Thủy lợi tỉnh Đồng Tháp", register=register)
    assert (uid, how) == ("dong-thap:chi-cuc-thuy-loi-tinh-dong-thap", "new")
    unit = register.units[uid]
    assert (unit.name, unit.origin, unit.province) == (
        "Chi cục Thủy lợi tỉnh Đồng Tháp",
        "new",
        "Đồng Tháp",
    )
    assert resolve("Sở Nội vụ tỉnh An Giang", province="An Giang")[0] == "an-giang:so-noi-vu"


def warehouse_with(docs: list[tuple], facts: list[tuple]):
    """An in-memory warehouse of documents (doc_id, issuer, parent, province, period, date)
    and facts (doc_id, metric, value)."""
    con = duckdb.connect()
    migrate(con)
    for doc_id, issuer, parent, province, period, date in docs:
        con.execute(
            "INSERT INTO documents (doc_id, rel_path, file_name, status, doc_type, issuer,"
            " issuer_parent, province, period, doc_date) VALUES (?, ?, ?, 'ok', 'bao_cao', ?, ?,"
            " ?, ?, ?)",
            [doc_id, f"{doc_id}.docx", f"{doc_id}.docx", issuer, parent, province, period, date],
        )
    con.executemany("INSERT INTO facts (doc_id, metric, value) VALUES (?, ?, ?)", facts)
    return con


def test_the_user_csv_corrects_and_extends_the_register_and_bad_rows_are_named(tmp_path):
    con = warehouse_with(
        [(1, "UBND xã Mỹ Hiệp", None, "Đồng Tháp", "2024-H1", "2024-06-10")],
        [(1, "reception.visits", 10)],
    )
    report = refresh_units(con)
    uid = con.execute("SELECT unit_id FROM doc_units").fetchone()[0]
    assert uid == "dong-thap.x-my-hiep:ubnd"  # its district unknown
    user = tmp_path / "units.csv"
    user.write_text(
        "unit_id,name,kind,level,parent_id,province,names\n"
        "dong-thap.x-my-hiep:ubnd,,,,dong-thap.h-cao-lanh:ubnd,,\n"
        "dong-thap:tcd,Ban Tiếp công dân tỉnh Đồng Tháp,ban_tiep_cong_dan,province,"
        "dong-thap:ubnd,Đồng Tháp,BTCD tỉnh\n"
        ",Không mã,,,,,\n",
        encoding="utf-8",
    )
    report = refresh_units(con, user)
    parent = con.execute(
        "SELECT parent_id, origin FROM units WHERE unit_id = 'dong-thap.x-my-hiep:ubnd'"
    ).fetchone()
    assert parent == ("dong-thap.h-cao-lanh:ubnd", "user")
    assert "units.csv dòng 4: thiếu mã đơn vị" in report.warnings[0]
    con.execute(
        "INSERT INTO documents (doc_id, rel_path, file_name, status, issuer, province)"
        " VALUES (2, 'b.docx', 'b.docx', 'ok', 'BTCD tỉnh', 'Đồng Tháp')"
    )
    refresh_units(con, user)
    assert con.execute("SELECT unit_id FROM doc_units WHERE doc_id = 2").fetchone()[0] == (
        "dong-thap:tcd"
    )


def test_a_comparison_over_time_follows_a_merged_province_into_its_successor():
    con = warehouse_with(
        [
            (1, "UBND tỉnh Tiền Giang", None, "Tiền Giang", "2024-H2", "2024-12-10"),
            (2, "UBND tỉnh Đồng Tháp", None, "Đồng Tháp", "2024-H2", "2024-12-12"),
            (3, "UBND tỉnh Đồng Tháp", None, "Đồng Tháp", "2025-H2", "2025-12-12"),
            (4, "UBND tỉnh Đồng Tháp", None, "Đồng Tháp", "2025-H1", "2025-06-12"),
            (5, "UBND tỉnh Đồng Tháp", None, "Đồng Tháp", "2024-H1", "2024-06-12"),
            (6, "UBND tỉnh Tiền Giang", None, "Tiền Giang", "2024-H1", "2024-06-10"),
        ],
        [
            (1, "reception.visits", 300),
            (2, "reception.visits", 500),
            (3, "reception.visits", 900),
            (4, "reception.visits", 450),
            (5, "reception.visits", 400),
            (6, "reception.visits", 250),
            (1, "petitions.resolution_rate", 80),
            (2, "petitions.resolution_rate", 90),
            (3, "petitions.resolution_rate", 85),
        ],
    )
    refresh_units(con)
    create_compare_views(con)
    rows = con.execute(
        "SELECT period, metric, value, previous_value, change, previous_units FROM v_change"
        " WHERE unit_id = 'dong-thap:ubnd' ORDER BY period, metric"
    ).fetchall()
    # 2025-H2 (after the merger) against both provinces' 2024-H2 counts; a rate of two
    # provinces is no sum, so it has no previous value; 2025-H1 (before it) against its own
    assert rows == [
        ("2025-H1", "reception.visits", 450.0, 400.0, 50.0, ["dong-thap:ubnd"]),
        ("2025-H2", "reception.visits", 900.0, 800.0, 100.0, ["dong-thap:ubnd", "tien-giang:ubnd"]),
    ]


@pytest.mark.parametrize(
    "lines, issuer",
    [
        (
            ["UBND TỈNH BẮC GIANG", "TRUNG TÂM PHỤC VỤ HÀNH", "CHÍNH CÔNG"],
            "Trung tâm Phục vụ hành chính công tỉnh Bắc Giang",
        ),
        (
            ["UBND TỈNH AN GIANG", "SỞ LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI"],
            "Sở Lao động - Thương binh và Xã hội tỉnh An Giang",
        ),
    ],
)
def test_a_body_name_wrapped_over_two_lines_is_one_name(lines, issuer):
    assert issuer_of(lines)[0] == issuer
