"""Each consistency rule, both the case that fires and the case that holds."""

from __future__ import annotations

from pathlib import Path

import docx
import duckdb
import pytest

from extractors.finders.links import link_facts
from model import Block, DocMeta, Document, Fact, Reference
from normalizers.numbers import rate_holds
from pipeline.ingest import ingest
from warehouse.checks import check_document

META = DocMeta(doc_type="bao_cao", period="2023", doc_date="2023-12-15")


def doc(*texts: str) -> Document:
    return Document(
        Path("x.docx"), [Block("paragraph", t, index=i) for i, t in enumerate(texts)], "docx"
    )


def fact(metric, value, group="g1", **kw) -> Fact:
    return Fact(metric=metric, value=value, group=group, evidence=kw.pop("evidence", "câu"), **kw)


def checked(d: Document, meta: DocMeta, facts: list[Fact], refs: list[Reference]):
    """The document's relations recorded (as extraction does), then its flags."""
    link_facts(d.reindex(), facts)
    return check_document(meta, facts, refs)


def rules(flags) -> set[tuple[str, str | None]]:
    return {(f.rule, f.metric) for f in flags}


@pytest.mark.parametrize(
    "stated,num,den,decimals",
    [
        (79.63, 176, 221, 2),
        (79.64, 176, 221, 2),
        (95.83, 23, 24, 2),
        (100, 31, 31, 0),
        (94.9, 761, 802, 1),
    ],
)
def test_rate_holds_when_rounded_or_truncated(stated, num, den, decimals):
    assert rate_holds(stated, num, den, decimals)


def test_rate_mismatch_fires_against_its_own_numerator_and_denominator():
    facts = [
        fact("petitions.complaints", 257),
        fact("petitions.complaints.resolved", 219),
        fact("petitions.complaints.resolution_rate", 82.21, decimals=2),
    ]
    flags = checked(doc("x"), META, facts, [])
    assert ("rate_mismatch", "petitions.complaints.resolution_rate") in rules(flags)
    flag = next(f for f in flags if f.rule == "rate_mismatch")
    assert (
        flag.severity == "error" and "82,21%" in flag.message and "219/257 = 85,21%" in flag.message
    )


def test_rate_is_not_checked_against_a_denominator_stated_elsewhere():
    facts = [
        fact("petitions.complaints", 257, group="g1"),
        fact("petitions.complaints.resolved", 219, group="g2"),
        fact("petitions.complaints.resolution_rate", 82.21, group="g2", decimals=2),
    ]
    assert not checked(doc("x"), META, facts, [])


def test_sum_mismatch_fires_when_listed_parts_miss_the_total_and_holds_when_they_add_up():
    parts = [
        fact("petitions.complaints.resolved", 219),
        fact("petitions.denunciations.resolved", 10),
        fact("petitions.recommendations.resolved", 535),
    ]
    wrong = checked(doc("x"), META, parts + [fact("petitions.resolved", 761)], [])
    assert rules(wrong) == {("sum_mismatch", "petitions.resolved")}
    assert "219 + 10 + 535 = 764" in wrong[0].message
    right = [
        fact("petitions.in_jurisdiction", 802),
        fact("petitions.complaints", 257),
        fact("petitions.denunciations", 10),
        fact("petitions.recommendations", 535),
    ]
    assert not checked(doc("x"), META, right, [])


def test_mediation_parts_that_add_up_raise_nothing():
    facts = [
        fact("mediation.cases", 24),
        fact("mediation.successful", 23),
        fact("mediation.unsuccessful", 1),
        fact("mediation.success_rate", 95.83, decimals=2),
    ]
    assert not checked(doc("x"), META, facts, [])


def test_mediation_parts_are_the_whole_only_with_the_cases_still_open():
    # `thụ lý 40; thành 30, không thành 6`: four cases not accounted for need not be an error
    partial = [
        fact("mediation.cases", 40),
        fact("mediation.successful", 30),
        fact("mediation.unsuccessful", 6),
    ]
    assert not checked(doc("x"), META, partial, [])
    # with the open cases stated the three parts present the whole: 30 + 6 + 3 is not 40
    flags = checked(doc("x"), META, partial + [fact("mediation.ongoing", 3)], [])
    assert rules(flags) == {("sum_mismatch", "mediation.cases")}
    assert not checked(doc("x"), META, partial + [fact("mediation.ongoing", 4)], [])


def test_part_exceeds_total_fires_for_resolved_above_received_and_a_rate_above_100():
    flags = checked(
        doc("x"),
        META,
        [
            fact("mediation.cases", 20),
            fact("mediation.successful", 23),
            fact("dossiers.on_time_rate", 104.5, group="g2"),
        ],
        [],
    )
    assert rules(flags) == {
        ("part_exceeds_total", "mediation.successful"),
        ("part_exceeds_total", "dossiers.on_time_rate"),
    }


def test_value_conflict_between_body_and_appendix_fires_and_a_repeat_holds():
    d = doc("Phần báo cáo", "Phụ lục", "bảng")
    body = fact("petitions.received", 48, group="b0", block_index=0)
    table = fact("petitions.received", 4, group="t2", block_index=2, source="table")
    assert rules(checked(d, META, [body, table], [])) == {("value_conflict", "petitions.received")}
    same = fact("petitions.received", 48, group="t2", block_index=2, source="table")
    assert not checked(d, META, [body, same], [])


def test_an_appendix_row_splitting_the_body_figure_is_no_value_conflict():
    d = doc("Phần báo cáo", "Phụ lục", "bảng")
    body = fact("reception.leader.sessions", 10, group="b0", block_index=0)
    regular = fact("reception.leader.sessions", 9, group="t2r8", block_index=2, source="table")
    extra = fact(
        "reception.leader.sessions",
        1,
        group="t2r8",
        block_index=2,
        source="table",
        scope="đột xuất",
    )
    assert not checked(d, META, [body, regular, extra], [])
    alone = fact("reception.leader.sessions", 9, group="t2r8", block_index=2, source="table")
    assert rules(checked(d, META, [body, alone], [])) == {
        ("value_conflict", "reception.leader.sessions")
    }


def test_value_conflict_needs_the_same_scope():
    d = doc("Phần báo cáo", "Phụ lục", "bảng")
    body = fact("inspection.units", 17, group="b0", block_index=0)
    table = fact("inspection.units", 9, group="t2", block_index=2, source="table", scope="UBND xã")
    assert not checked(d, META, [body, table], [])


def test_a_table_total_of_the_whole_less_a_stated_level_is_not_a_value_conflict():
    """`Đã giải quyết 142 hồ sơ ... a) Cấp tỉnh: 25 hồ sơ` and a per-district table summing to
    117: the table covers the other levels; its rate in the same row is not compared either."""
    d = doc("Phần báo cáo", "Cấp tỉnh", "Phụ lục", "bảng")
    whole = fact("dossiers.resolved", 142, group="b0", block_index=0)
    rate = fact("dossiers.on_time_rate", 99.82, group="b0", block_index=0)
    level = fact("dossiers.resolved", 25, group="b1", block_index=1, scope="cấp tỉnh")
    total = fact("dossiers.resolved", 117, group="t3r9", block_index=3, source="table")
    row_rate = fact("dossiers.on_time_rate", 99.80, group="t3r9", block_index=3, source="table")
    assert not checked(d, META, [whole, rate, level, total, row_rate], [])
    other = fact("dossiers.resolved", 118, group="t3r9", block_index=3, source="table")
    assert rules(checked(d, META, [whole, rate, level, other, row_rate], [])) == {
        ("value_conflict", "dossiers.resolved"),
        ("value_conflict", "dossiers.on_time_rate"),
    }


def test_malformed_number_is_an_error_with_its_text():
    flags = checked(
        doc("x"),
        META,
        [Fact("econ.poverty_rate", None, raw="04,", evidence="Tỷ lệ hộ nghèo 04,%")],
        [],
    )
    assert (
        rules(flags) == {("malformed_number", "econ.poverty_rate")} and flags[0].severity == "error"
    )


def test_dates_impossible_later_than_the_report_and_cited_twice_differently():
    refs = [
        Reference(
            "Kế hoạch",
            "09/KH-UBND",
            "UBND",
            "19/11/2023",
            "2023-11-19",
            True,
            "Căn cứ ...",
            is_basis=True,
        ),
        Reference(
            "Kế hoạch", "09/KH-UBND", "UBND", "19/01/2023", "2023-01-19", True, "ban hành ..."
        ),
        Reference("Quyết định", "5/QĐ-UBND", "UBND", "31/4/2023", None, False, "Quyết định ..."),
    ]
    meta = DocMeta(doc_type="bao_cao", period="2023-H1", doc_date="2023-06-16")
    flags = checked(doc("x"), meta, [], refs)
    assert rules(flags) == {("invalid_date", None), ("reference_conflict", None)}
    assert {f.severity for f in flags if f.rule == "invalid_date"} == {"error", "warning"}
    assert not checked(doc("x"), meta, [], refs[1:2])


def _report(
    path: Path, period_text: str, visits: int, number: str, province: str = "AN GIANG"
) -> None:
    d = docx.Document()
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = f"UBND TỈNH {province}\nUBND HUYỆN CHÂU PHÚ"
    t.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    t.cell(1, 0).text = f"Số: {number}/BC-UBND"
    t.cell(1, 1).text = "Châu Phú, ngày 20 tháng 12 năm 2023"
    d.add_paragraph("BÁO CÁO")
    d.add_paragraph(f"Kết quả công tác tiếp công dân {period_text}")
    d.add_paragraph(f"Ban Tiếp công dân huyện đã tiếp {visits} lượt công dân.")
    d.save(str(path))


def _cross_flags(tmp_path, reports) -> set[tuple[str, str]]:
    raw = tmp_path / "raw"
    raw.mkdir()
    for name, period_text, visits, number, *province in reports:
        _report(raw / name, period_text, visits, number, *province)
    db = tmp_path / "w.duckdb"
    ingest(raw, str(db), workers=1, progress=False)
    con = duckdb.connect(str(db), read_only=True)
    return set(
        con.execute(
            "SELECT file_name, rule FROM v_flags WHERE rule IN "
            "('cross_doc_conflict', 'period_rollup')"
        ).fetchall()
    )


def test_cross_doc_conflict_flags_both_documents(tmp_path):
    flags = _cross_flags(
        tmp_path, [("a.docx", "năm 2023", 120, "10"), ("b.docx", "năm 2023", 125, "11")]
    )
    assert flags == {("a.docx", "cross_doc_conflict"), ("b.docx", "cross_doc_conflict")}


def test_units_of_the_same_name_in_two_provinces_are_not_compared(tmp_path):
    flags = _cross_flags(
        tmp_path,
        [
            ("a.docx", "năm 2023", 120, "10", "AN GIANG"),
            ("b.docx", "năm 2023", 125, "11", "ĐỒNG THÁP"),
        ],
    )
    assert not flags


def test_half_year_above_its_full_year_is_a_period_rollup(tmp_path):
    flags = _cross_flags(
        tmp_path,
        [("h1.docx", "6 tháng đầu năm 2023", 300, "10"), ("nam.docx", "năm 2023", 250, "11")],
    )
    assert flags == {("h1.docx", "period_rollup"), ("nam.docx", "period_rollup")}


def test_consistent_documents_raise_no_cross_document_flag(tmp_path):
    assert not _cross_flags(
        tmp_path,
        [
            ("h1.docx", "6 tháng đầu năm 2023", 120, "10"),
            ("nam.docx", "năm 2023", 250, "11"),
            ("nam2.docx", "năm 2023", 250, "12"),
        ],
    )


def test_an_appendix_figure_is_compared_only_with_the_body_figure_it_restates():
    d = doc(
        "Phần báo cáo", "Phụ lục", "- Tổng số đơn vị được kiểm tra: Không.", "- Dịch vụ công: 1.421"
    )
    parts = [
        fact("inspection.units", 7, group="b0", block_index=0),
        fact("inspection.units", 12, group="b0", block_index=0),
    ]
    zero = fact("inspection.units", 0, group="b2", block_index=2)
    assert not checked(d, META, parts + [zero], [])
    online = [
        fact("tthc.online_services", 1420, group="b0", block_index=0),
        fact("tthc.online_services", 893, group="b0", block_index=0),
        fact("tthc.online_services", 1421, group="b3", block_index=3),
    ]
    assert rules(checked(d, META, online, [])) == {("value_conflict", "tthc.online_services")}


def test_a_share_is_checked_against_the_count_it_follows_and_the_total_its_paragraph_states():
    text = (
        "toàn tỉnh có 1.848 thủ tục hành chính. Cổng dịch vụ công cung cấp 1.420 thủ tục trực "
        "tuyến, "
        "chiếm 74,6% tổng số thủ tục; tích hợp 893 dịch vụ công trực tuyến."
    )
    d = doc(text)
    base = [
        fact("tthc.total", 1848, group="s1", block_index=0, start=14),
        fact("tthc.online_services", 1420, group="s2", block_index=0, start=60),
        fact("tthc.online_services", 893, group="s2", block_index=0, start=130),
    ]
    wrong = fact(
        "tthc.online_services.share",
        74.6,
        group="s2",
        block_index=0,
        start=95,
        decimals=1,
        evidence="chiếm 74,6% tổng số thủ tục",
    )
    assert rules(checked(d, META, base + [wrong], [])) == {
        ("rate_mismatch", "tthc.online_services.share")
    }
    right = fact(
        "tthc.online_services.share",
        76.8,
        group="s2",
        block_index=0,
        start=95,
        decimals=1,
        evidence="chiếm 76,8% tổng số thủ tục",
    )
    assert not checked(d, META, base + [right], [])


def test_a_row_that_breaks_the_tables_own_formula_is_a_sum_mismatch():
    rows = [
        ["Đơn vị", "Tổng số đơn tiếp nhận", "Khiếu nại", "Tố cáo", "Kiến nghị, phản ánh"],
        ["A", "1 = 2+3+4", "2", "3", "4"],
        ["Xã An Hòa", "12", "5", "2", "5"],
        ["Xã Bình Phú", "9", "4", "1", "3"],
    ]
    d = Document(
        Path("x.docx"), [Block("paragraph", "BÁO CÁO"), Block("table", "", rows=rows)], "docx"
    ).reindex()
    from extractors.finders.tables import extract_table_facts

    flags = checked(d, META, extract_table_facts(d, META), [])
    assert {(f.rule, f.metric) for f in flags} == {("sum_mismatch", "petitions.received")}
    assert "8" in flags[0].message and "9" in flags[0].message


def _change_report(path: Path, year: int, received: int, change_text: str, number: str) -> None:
    d = docx.Document()
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "UBND TỈNH AN GIANG\nUBND HUYỆN CHÂU PHÚ"
    t.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    t.cell(1, 0).text = f"Số: {number}/BC-UBND"
    t.cell(1, 1).text = f"Châu Phú, ngày 20 tháng 12 năm {year}"
    d.add_paragraph("BÁO CÁO")
    d.add_paragraph(f"Kết quả công tác tiếp công dân năm {year}")
    d.add_paragraph(f"Ban Tiếp công dân huyện tiếp nhận {received} đơn{change_text}.")
    d.save(str(path))


@pytest.mark.parametrize(
    "stated,flagged",
    [(" (giảm 24 đơn so với năm 2019)", True), (" (giảm 28 đơn so với năm 2019)", False)],
)
def test_a_stated_change_is_checked_against_the_earlier_periods_figure(tmp_path, stated, flagged):
    raw = tmp_path / "raw"
    raw.mkdir()
    _change_report(raw / "nam2019.docx", 2019, 210, "", "5")
    _change_report(raw / "nam2020.docx", 2020, 182, stated, "9")
    db = tmp_path / "w.duckdb"
    ingest(raw, str(db), workers=1, progress=False)
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute(
        "SELECT file_name, metric, message FROM v_flags WHERE rule = 'cross_doc_conflict'"
    ).fetchall()
    assert bool(rows) == flagged
    if flagged:
        assert {r[0] for r in rows} == {"nam2019.docx", "nam2020.docx"}
        assert "182 - 210 = -28" in rows[0][2]


# ----------------------------------------------------------- what the printed numbers do not show


def placed(text: str, metric: str, written: str, value=None, nth: int = 0, **kw) -> Fact:
    """A fact read from `written` (its nth occurrence) in a one-paragraph document's text."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(written, at + 1)
    if value is None:
        value = float(written.replace(".", "").replace(",", "."))
    kw.setdefault("unit", "%" if "rate" in metric else "đơn")
    return Fact(
        metric=metric,
        value=value,
        group="s1",
        block_index=0,
        start=at,
        end=at + len(written),
        evidence=text,
        raw=written,
        **kw,
    )


def test_a_rate_over_another_base_its_sentence_states_is_not_a_mismatch():
    # 171 over the 180 in jurisdiction plus 10 carried over; the second rate: on time over resolved
    text = (
        "Thuộc thẩm quyền 180 đơn, kỳ trước chuyển sang 10 đơn, đã giải quyết 171 đơn, đạt 90%; "
        "đúng hạn 150 đơn, đạt 87,72%."
    )

    def facts(t):
        return [
            placed(t, "petitions.in_jurisdiction", "180"),
            placed(t, "petitions.carried_over", "10"),
            placed(t, "petitions.resolved", "171"),
            placed(t, "petitions.resolution_rate", "9", value=90 if "90%" in t else 93, nth=0),
            placed(t, "petitions.resolved", "150"),
            placed(t, "petitions.resolution_rate", "87,72", decimals=2),
        ]

    assert not checked(doc(text), META, facts(text), [])
    wrong = text.replace("đạt 90%", "đạt 93%")
    assert rules(checked(doc(wrong), META, facts(wrong), [])) == {
        ("rate_mismatch", "petitions.resolution_rate")
    }


def test_a_resolution_rate_is_not_checked_against_received_or_approximate_figures():
    text = "Nhận 420 đơn, đã giải quyết 171 đơn, đạt 90%."
    facts = [
        placed(text, "petitions.received", "420"),
        placed(text, "petitions.resolved", "171"),
        placed(text, "petitions.resolution_rate", "90"),
    ]
    assert not checked(doc(text), META, facts, [])
    about = "Thuộc thẩm quyền gần 200 đơn, đã giải quyết 171 đơn, đạt 90%."
    facts = [
        placed(about, "petitions.in_jurisdiction", "200", qualifier="about"),
        placed(about, "petitions.resolved", "171"),
        placed(about, "petitions.resolution_rate", "90"),
    ]
    assert not checked(doc(about), META, facts, [])


def test_a_rate_that_follows_a_figure_the_finders_did_not_read_is_not_checked():
    text = "Thụ lý 64 vụ, đã giải quyết 48 vụ, trong đó hòa giải xong 36 vụ, đạt 75%."
    facts = [
        placed(text, "petitions.complaints", "64"),
        placed(text, "petitions.complaints.resolved", "48"),
        placed(text, "petitions.complaints.resolution_rate", "75"),
    ]
    assert not checked(doc(text), META, facts, [])
    plain = "Thụ lý 64 vụ, đã giải quyết 48 vụ, đạt 70%."
    facts = [
        placed(plain, "petitions.complaints", "64"),
        placed(plain, "petitions.complaints.resolved", "48"),
        placed(plain, "petitions.complaints.resolution_rate", "70"),
    ]
    assert rules(checked(doc(plain), META, facts, [])) == {
        ("rate_mismatch", "petitions.complaints.resolution_rate")
    }


def test_parts_short_of_the_total_by_another_listed_item_are_not_a_sum_mismatch():
    text = "Nhận 260 đơn, trong đó chuyển đơn 170 đơn, trả lại 25 đơn, còn 65 đơn đang xử lý."
    facts = [
        placed(text, "petitions.received", "260"),
        placed(text, "petitions.transferred", "170"),
        placed(text, "petitions.pending", "65"),
    ]
    assert not checked(doc(text), META, facts, [])
    short = text.replace("25", "15")
    facts = [
        placed(short, "petitions.received", "260"),
        placed(short, "petitions.transferred", "170"),
        placed(short, "petitions.pending", "65"),
    ]
    assert rules(checked(doc(short), META, facts, [])) == {("sum_mismatch", "petitions.received")}


def test_kinds_listed_for_the_eligible_petitions_must_add_up_to_them():
    text = (
        "Nhận 910 đơn, không đủ điều kiện 130 đơn, đủ điều kiện xử lý 780 đơn (khiếu nại 61, tố "
        "cáo 49 và kiến nghị 800 đơn)."
    )
    facts = [
        placed(text, "petitions.received", "910"),
        placed(text, "petitions.eligible", "780"),
        placed(text, "petitions.complaints", "61"),
        placed(text, "petitions.denunciations", "49"),
        placed(text, "petitions.recommendations", "800"),
    ]
    assert rules(checked(doc(text), META, facts, [])) == {("sum_mismatch", "petitions.eligible")}
    # kinds listed after the petitions in jurisdiction are theirs, stated or only named
    within = (
        "Đủ điều kiện xử lý 780 đơn, thuộc thẩm quyền 110 đơn (khiếu nại 61, tố cáo 49 và kiến "
        "nghị 0 đơn)."
    )
    facts = [
        placed(within, "petitions.eligible", "780"),
        placed(within, "petitions.in_jurisdiction", "110"),
        placed(within, "petitions.complaints", "61"),
        placed(within, "petitions.denunciations", "49"),
        placed(within, "petitions.recommendations", "kiến nghị 0", value=0),
    ]
    assert not checked(doc(within), META, facts, [])
    named = (
        "Đủ điều kiện xử lý 780 đơn, trong đó thuộc thẩm quyền: khiếu nại 61, tố cáo 49 và kiến "
        "nghị 0 đơn."
    )
    facts = [
        placed(named, "petitions.eligible", "780"),
        placed(named, "petitions.complaints", "61"),
        placed(named, "petitions.denunciations", "49"),
        placed(named, "petitions.recommendations", "kiến nghị 0", value=0),
    ]
    assert not checked(doc(named), META, facts, [])


def test_a_part_is_bounded_by_the_largest_whole_and_the_cases_carried_over():
    # received 3.400 dossiers, of them 2.950 at levels 3 and 4; resolved 3.100
    levels = [
        fact("dossiers.received", 3400),
        fact("dossiers.received", 2950),
        fact("dossiers.resolved", 3100),
    ]
    assert not checked(doc("x"), META, levels, [])
    carried = [
        fact("dossiers.received", 700),
        fact("dossiers.carried_over", 45),
        fact("dossiers.resolved", 730),
    ]
    assert not checked(doc("x"), META, carried, [])
    above = [
        fact("dossiers.received", 700),
        fact("dossiers.carried_over", 45),
        fact("dossiers.resolved", 760),
    ]
    assert rules(checked(doc("x"), META, above, [])) == {
        ("part_exceeds_total", "dossiers.resolved")
    }


def _unit_table(total: str) -> Document:
    rows = [
        ["TT", "Đơn vị", "Tổng số đơn tiếp nhận"],
        ["1", "Cấp tỉnh", "14"],
        ["2", "Cấp huyện", "33"],
        ["-", "Huyện Đông", "21"],
        ["-", "Huyện Tây", "12"],
        ["", "Tổng cộng", total],
    ]
    return Document(
        Path("x.docx"), [Block("paragraph", "BÁO CÁO"), Block("table", "", rows=rows)], "docx"
    ).reindex()


def test_a_table_total_counts_a_subtotal_once_not_with_its_own_rows():
    from extractors.finders.tables import extract_table_facts

    right = _unit_table("47")
    assert not [
        f
        for f in checked(right, META, extract_table_facts(right, META), [])
        if f.rule == "sum_mismatch"
    ]
    wrong = _unit_table("49")
    assert rules(checked(wrong, META, extract_table_facts(wrong, META), [])) == {
        ("sum_mismatch", "petitions.received")
    }


def test_an_a_b_whole_of_another_base_is_not_a_value_conflict():
    due = "Thuộc thẩm quyền 90 đơn, đã giải quyết 70/80 đơn đến hạn giải quyết."
    facts = [
        placed(due, "petitions.in_jurisdiction", "90"),
        placed(due, "petitions.resolved", "70", role="part"),
        placed(due, "petitions.in_jurisdiction", "80", role="whole"),
    ]
    assert not checked(doc(due), META, facts, [])
    carried = [
        fact("petitions.in_jurisdiction", 90),
        fact("petitions.carried_over", 6),
        fact("petitions.resolved", 70, role="part"),
        fact("petitions.in_jurisdiction", 96, role="whole"),
    ]
    assert not checked(doc("x"), META, carried, [])
    plain = "Thuộc thẩm quyền 90 đơn, đã giải quyết 70/80 đơn."
    facts = [
        placed(plain, "petitions.in_jurisdiction", "90"),
        placed(plain, "petitions.resolved", "70", role="part"),
        placed(plain, "petitions.in_jurisdiction", "80", role="whole"),
    ]
    assert rules(checked(doc(plain), META, facts, [])) == {
        ("value_conflict", "petitions.in_jurisdiction")
    }


def test_one_number_cited_in_two_years_is_two_documents():
    refs = [
        Reference(
            "Kế hoạch", "27/KH-UBND", "UBND", "03/02/2022", "2022-02-03", True, "Kế hoạch ..."
        ),
        Reference(
            "Kế hoạch", "27/KH-UBND", "UBND", "08/03/2023", "2023-03-08", True, "Kế hoạch ..."
        ),
    ]
    assert not checked(doc("x"), META, [], refs)


def test_kinds_that_add_up_to_an_earlier_figure_are_its_breakdown_not_a_later_totals():
    text = (
        "Đủ điều kiện xử lý 640 đơn: khiếu nại 90 đơn, tố cáo 50 đơn, kiến nghị 500 đơn; thuộc "
        "thẩm quyền 70 đơn."
    )
    facts = [
        placed(text, "petitions.eligible", "640"),
        placed(text, "petitions.complaints", "90"),
        placed(text, "petitions.denunciations", "50"),
        placed(text, "petitions.recommendations", "500"),
        placed(text, "petitions.in_jurisdiction", "70"),
    ]
    assert not checked(doc(text), META, facts, [])
    off = text.replace("640", "650")
    facts = [
        placed(off, "petitions.eligible", "650"),
        placed(off, "petitions.complaints", "90"),
        placed(off, "petitions.denunciations", "50"),
        placed(off, "petitions.recommendations", "500"),
        placed(off, "petitions.in_jurisdiction", "70"),
    ]
    assert ("sum_mismatch", "petitions.eligible") in rules(checked(doc(off), META, facts, []))


def _indicator_flags(rows: list[list[str]], period: str = "2023-Q3") -> set[tuple]:
    from extractors.finders.figures import extract_facts
    from tests.conftest import make_meta, make_table_doc
    from warehouse.checks import check_document

    meta = make_meta(period)
    facts = extract_facts(make_table_doc(rows), meta)
    return {(f.rule, f.metric) for f in check_document(meta, facts, [])}


INDICATOR_HEAD = ["STT", "Chỉ tiêu", "Đơn vị tính", "Kết quả"]


def test_an_indicator_tables_rate_row_is_tested_against_its_rows_facets_summed():
    rows = [
        INDICATOR_HEAD,
        ["1", "Số hồ sơ tiếp nhận mới trong kỳ", "Hồ sơ", "1.254"],
        ["2", "Số hồ sơ đã giải quyết", "Hồ sơ", "1.236"],
        ["2.1", "Trước hạn", "Hồ sơ", "1.104"],
        ["2.2", "Đúng hạn", "Hồ sơ", "116"],
        ["2.3", "Quá hạn", "Hồ sơ", "16"],
        ["3", "Tỷ lệ giải quyết trước hạn, đúng hạn", "%", "99,2"],
    ]
    assert _indicator_flags(rows) == {("rate_mismatch", "dossiers.on_time_rate")}
    rows[-1][-1] = "98,71"
    assert not _indicator_flags(rows)


def test_an_indicator_tables_rows_are_bounded_like_a_sentences_figures():
    rows = [
        INDICATOR_HEAD,
        ["1", "Tổng số đơn tiếp nhận", "đơn", "168"],
        ["2", "Đơn thuộc thẩm quyền", "đơn", "18"],
        ["3", "Số đơn đã giải quyết", "đơn", "19"],
    ]
    assert _indicator_flags(rows, "2022-H1") == {("part_exceeds_total", "petitions.resolved")}
    # a rate above 100 % beside them is the flag that says it
    rows.append(["4", "Tỷ lệ giải quyết đơn thuộc thẩm quyền", "%", "105,56"])
    assert _indicator_flags(rows, "2022-H1") == {
        ("part_exceeds_total", "petitions.resolution_rate")
    }


def test_rows_of_the_parts_of_a_sum_under_their_total_row_must_add_up():
    rows = [
        ["STT", "Hình thức tiếp", "Số lượt", "Số người", "Số đoàn đông người"],
        ["1", "Tiếp thường xuyên", "120", "130", "4"],
        ["2", "Chủ tịch UBND huyện tiếp định kỳ", "12", "15", "1"],
        ["", "Tổng cộng", "130", "145", "5"],
    ]
    assert _indicator_flags(rows, "2023") == {("sum_mismatch", "reception.visits")}


def test_a_column_headed_so_luot_is_no_unit_named_so():
    rows = [
        ["STT", "Hình thức tiếp", "Số lượt", "Số người"],
        ["1", "Tiếp thường xuyên", "120", "130"],
        ["2", "Chủ tịch UBND huyện tiếp định kỳ", "12", "15"],
        ["", "Tổng cộng", "130", "145"],
    ]
    assert _indicator_flags(rows, "2023") == {("sum_mismatch", "reception.visits")}


def test_a_body_figure_the_table_states_for_one_of_its_rows_is_no_conflict_with_the_total():
    d = doc("Phần báo cáo", "Phụ lục", "bảng")
    body = fact("dossiers.resolved", 1093, group="b0", block_index=0)
    row = fact("dossiers.resolved", 1093, group="t2r1", block_index=2, source="table")
    row.scope = "Cấp huyện"
    total = fact("dossiers.resolved", 3944, group="t2r3", block_index=2, source="table")
    assert not checked(d, META, [body, row, total], [])


def test_a_table_row_restating_another_sentence_is_no_conflict_with_this_one():
    """`UBND cấp huyện và cấp xã tiếp nhận 182.843 hồ sơ, giải quyết 180.659 hồ sơ` and the
    district table's total of those two: its satisfaction rate is theirs, not the province's."""
    d = doc("Phần báo cáo", "Cấp huyện", "Phụ lục", "bảng")
    rate = fact("satisfaction.rate", 97.86, group="b0", block_index=0)
    received = fact("dossiers.received", 182843, group="b1", block_index=1)
    resolved = fact("dossiers.resolved", 180659, group="b1", block_index=1)
    row = [
        fact("dossiers.received", 182843, group="t3r9", block_index=3, source="table"),
        fact("dossiers.resolved", 180659, group="t3r9", block_index=3, source="table"),
        fact("satisfaction.rate", 97.61, group="t3r9", block_index=3, source="table"),
    ]
    assert not checked(d, META, [rate, received, resolved, *row], [])


def test_a_row_restating_a_sentence_of_the_same_family_still_conflicts_with_this_one():
    """`Tổng số đơn các cấp tiếp nhận là 214 đơn` and `Các cấp đã giải quyết 79/88 đơn` speak
    of one population: the total row that restates the second and prints 217 misprints the
    first, whatever reception figures the row restates too."""
    d = doc("Phần báo cáo", "Tiếp công dân", "Đơn", "Giải quyết", "Phụ lục", "bảng")
    visits = fact("reception.visits", 295, group="b0", block_index=0)
    persons = fact("reception.persons", 338, group="b0", block_index=0)
    received = fact("petitions.received", 214, group="b1", block_index=1)
    resolved = fact("petitions.resolved", 79, group="b2", block_index=2)
    due = fact("petitions.in_jurisdiction", 88, group="b2", block_index=2)
    row = [
        fact(m, v, group="t5r9", block_index=5, source="table")
        for m, v in [
            ("reception.visits", 295),
            ("reception.persons", 338),
            ("petitions.received", 217),
            ("petitions.in_jurisdiction", 88),
            ("petitions.resolved", 79),
        ]
    ]
    flags = checked(d, META, [visits, persons, received, resolved, due, *row], [])
    assert ("value_conflict", "petitions.received") in {(f.rule, f.metric) for f in flags}


def test_a_quarter_is_compared_with_the_larger_of_two_unscoped_half_year_figures():
    meta = DocMeta(doc_type="bao_cao", period="2023-H1")
    facts = [
        Fact("inspection.teams", 8, group="a", evidence="08 cuộc thanh tra"),
        Fact("inspection.teams", 5, period="2023-Q2", group="b", evidence="quý II 05 cuộc"),
        Fact("inspection.teams", 1, group="c", evidence="01 cuộc kiểm tra"),
    ]
    assert "period_rollup" not in {f.rule for f in check_document(meta, facts, [])}
    facts.append(Fact("inspection.teams", 9, period="2023-Q2", group="d", evidence="09 cuộc"))
    assert "period_rollup" in {f.rule for f in check_document(meta, facts, [])}


def test_a_table_restating_three_tracks_conflicts_on_the_one_it_misprints():
    meta = DocMeta(doc_type="bao_cao", period="2023")

    def appendix(value: float, row: str) -> Fact:
        return Fact("inspection.units", value, group=row, section="appendix", detail=row)

    body = [
        Fact("inspection.units", 118, group="b1"),
        Fact("inspection.units", 1362, group="b2"),
        Fact("inspection.units", 27, group="b3"),
    ]
    rows = [appendix(121, "Số đơn vị được thanh tra"), appendix(1362, "Số cơ sở được kiểm tra")]
    rows.append(appendix(27, "Số cơ quan được thanh tra"))
    assert ("value_conflict", "inspection.units") in {
        (f.rule, f.metric) for f in check_document(meta, body + rows, [])
    }
    far = [appendix(247, "Số đơn vị được thanh tra")]  # a row of its own label, far off: no copy
    assert not check_document(meta, body[:1] + far, [])


def test_a_cited_document_named_at_length_before_its_number_is_read():
    from extractors.finders.references import extract_references

    text = (
        "Quyết định giải quyết khiếu nại lần hai số 2715/QĐ-UBND ngày 31/6/2024 của Chủ tịch "
        "UBND huyện đã được thi hành."
    )
    (ref,) = extract_references(doc(text))
    assert (ref.kind, ref.number, ref.date_valid) == ("Quyết định", "2715/QĐ-UBND", False)
    assert not extract_references(doc("Quyết định về việc giải quyết khiếu nại 12 vụ việc."))


def test_a_figure_outside_the_shared_dictionary_raises_no_flag():
    meta = DocMeta(doc_type="bao_cao", period="2023")
    facts = [
        Fact("mediation.ongoing", 13, group="t1", evidence="Đang hòa giải"),
        Fact("mediation.ongoing", 6, group="t1", evidence="Xã A"),
        Fact("mediation.ongoing", 5, group="t1", evidence="Xã B"),
    ]
    facts[1].link("part_of", facts[0], complete=True)
    facts[2].link("part_of", facts[0], complete=True)
    assert not check_document(meta, facts, [])


def test_a_document_cited_through_what_it_issued_is_cited_by_its_own_kind():
    from extractors.finders.references import extract_references

    d = doc(
        "Thực hiện Quyết định số 88/QĐ-UBND ngày 05/4/2023 của Chủ tịch UBND tỉnh, Ban báo cáo.",
        "Theo Quy chế ban hành kèm theo Quyết định số 88/QĐ-UBND ngày 15/4/2023, Ban đã đôn đốc.",
    ).reindex()
    refs = extract_references(d)
    assert [(r.kind, r.number) for r in refs] == [("Quyết định", "88/QĐ-UBND")] * 2
    meta = DocMeta(doc_type="bao_cao", period="2023-H1", doc_date="2023-06-16")
    assert ("reference_conflict", None) in rules(check_document(meta, [], refs))


def test_an_impossible_date_outside_any_citation_is_flagged_with_its_sentence():
    from extractors.finders.references import extract_references
    from tests.conftest import make_doc, make_meta
    from warehouse.checks import check_document

    doc = make_doc(
        "Thanh tra huyện báo cáo kết quả 6 tháng đầu năm 2020 (số liệu tính từ ngày 01/01/2020 "
        "đến ngày 31/6/2020) như sau:"
    )
    refs = extract_references(doc)
    flags = check_document(make_meta("2020-H1"), [], refs)
    assert [(f.rule, f.severity) for f in flags] == [("invalid_date", "error")]
    assert "31/6/2020" in flags[0].message
