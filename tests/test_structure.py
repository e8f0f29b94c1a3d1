"""The structure stage: which figure a list breaks down, whether it claims to be complete,
and which items are outcomes rather than parts (fixtures/structure/breakdowns.toml)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from extractors.finders.figures import extract_facts
from extractors.finders.prose.lists import breakdowns
from extractors.finders.prose.spans import numbers_in
from tests.conftest import FIXTURES, make_doc, make_meta
from warehouse.checks import check_document

CASES = tomllib.loads((FIXTURES / "structure" / "breakdowns.toml").read_text(encoding="utf-8"))[
    "case"
]


def _facts(case):
    return extract_facts(make_doc(case["text"]), make_meta("2023"))


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_each_part_is_a_scoped_fact_linked_to_the_figure_it_breaks_down(case):
    facts = _facts(case)
    metric, value = case["whole"]
    whole = next(f for f in facts if f.metric == metric and f.value == value)
    for p_metric, p_value, scope in case["parts"]:
        part = next(f for f in facts if f.metric == p_metric and f.value == p_value)
        assert part.scope == scope
        link = next(k for k in part.links if k.relation == "part_of")
        assert link.other is whole and link.complete == case["complete"]


@pytest.mark.parametrize("case", [c for c in CASES if "absent" in c], ids=lambda c: c["id"])
def test_outcomes_of_a_resolution_are_not_facts(case):
    values = {f.value for f in _facts(case)}
    assert not values & set(case["absent"])


def test_the_lead_in_says_whether_the_list_claims_to_be_the_whole():
    text = (
        "Tiếp nhận 20 đơn, gồm đất đai 12 đơn, khác 8 đơn; đã giải quyết 15 đơn, trong đó đất đai "
        "9 đơn."
    )
    found = breakdowns(text, [n for n in numbers_in(text) if not n.skip])
    assert [(b.lead, b.complete, b.head.raw) for b in found] == [
        ("gom", True, "20"),
        ("trong do", False, "15"),
    ]


def test_a_word_of_a_label_is_not_cut_at_va():
    text = "Tổng số 30 vụ, gồm hôn nhân và gia đình 20 vụ, khác 10 vụ."
    found = breakdowns(text, [n for n in numbers_in(text) if not n.skip])
    assert [i.label for i in found[0].items] == ["hôn nhân và gia đình", "khác"]


def test_a_list_whose_whole_is_only_named_counts_that_wholes_kind():
    text = "Trong số đơn đã giải quyết có 07 đơn khiếu nại, 03 đơn tố cáo và 05 đơn kiến nghị."
    got = {(f.metric, f.value) for f in extract_facts(make_doc(text), make_meta("2023"))}
    assert got == {
        ("petitions.complaints.resolved", 7),
        ("petitions.denunciations.resolved", 3),
        ("petitions.recommendations.resolved", 5),
    }
    # `trong số đó` refers to the figure before, it names no whole
    plain = "Trong số đó có 07 đơn khiếu nại, 03 đơn tố cáo."
    got = {f.metric for f in extract_facts(make_doc(plain), make_meta("2023"))}
    assert got == {"petitions.complaints", "petitions.denunciations"}


def test_a_list_after_the_cases_carried_over_breaks_down_the_new_ones_and_the_rate_counts_both():
    text = (
        "Năm 2024, các tổ hòa giải nhận mới 50 vụ việc, cùng với 04 vụ việc năm 2023 chuyển sang; "
        "trong đó đất đai 20 vụ việc, gia đình 12 vụ việc. Hòa giải thành 45 vụ việc, đạt 83,33% "
        "tổng số vụ việc phải hòa giải."
    )
    facts = extract_facts(make_doc(text), make_meta("2024"))
    got = {(f.metric, f.value, f.scope) for f in facts}
    assert {
        ("mediation.cases", 50, None),
        ("mediation.carried_over", 4, None),
        ("mediation.cases", 20, "đất đai"),
        ("mediation.cases", 12, "gia đình"),
    } <= got
    assert not check_document(make_meta("2024"), facts, [])  # 45 / (50 + 4) = 83,33%


def test_items_of_a_head_no_rule_names_are_read_with_the_heads_words():
    text = "Trong kỳ, Sở công bố 11 TTHC, gồm: mới 03, sửa đổi 06, bãi bỏ 02."
    got = {(f.metric, f.value) for f in extract_facts(make_doc(text), make_meta("2023"))}
    assert got == {("tthc.new", 3), ("tthc.amended", 6), ("tthc.abolished", 2)}


def test_a_paragraph_led_by_a_level_of_government_scopes_its_figures_to_that_level():
    doc = make_doc(
        "Trong kỳ, các cấp đã giải quyết 142 hồ sơ, quá hạn 4 hồ sơ.",
        "a) Cấp tỉnh: đã giải quyết 25 hồ sơ; quá hạn 1 hồ sơ.",
        "- Ở cấp huyện: đã giải quyết 40 hồ sơ.",
    )
    got = {(f.metric, f.value, f.scope) for f in extract_facts(doc, make_meta("2023"))}
    assert {
        ("dossiers.resolved", 142, None),
        ("dossiers.resolved", 25, "cấp tỉnh"),
        ("dossiers.late", 1, "cấp tỉnh"),
        ("dossiers.resolved", 40, "cấp huyện"),
    } <= got


def test_items_of_a_head_are_read_with_its_words_less_the_dating_ones():
    """`trong năm` dates the head, it does not stand between `công bố` and `mới`; and a count
    of TTHC right after `năm` is a count, not a year."""
    text = "Số TTHC được công bố trong năm 39 TTHC: mới 08; sửa đổi, bổ sung 17; bãi bỏ 09."
    got = {(f.metric, f.value) for f in extract_facts(make_doc(text), make_meta("2023"))}
    assert {("tthc.new", 8), ("tthc.amended", 17), ("tthc.abolished", 9)} <= got


def test_new_petitions_with_no_total_beside_them_are_the_petitions_received():
    alone = make_doc("Trong quý, UBND xã tiếp nhận mới 08 đơn; có 06 đơn thuộc thẩm quyền.")
    got = {(f.metric, f.value) for f in extract_facts(alone, make_meta("2023-Q4"))}
    assert ("petitions.received", 8) in got
    beside = make_doc(
        "Tiếp nhận 2.295 đơn (18 đơn kỳ trước chuyển sang, tiếp nhận trong kỳ 2.277 đơn).",
        "Riêng tháng 6 tiếp nhận mới 310 đơn.",
    )
    got = {(f.metric, f.value) for f in extract_facts(beside, make_meta("2023-H1"))}
    assert {("petitions.received", 2295), ("petitions.received_new", 2277)} <= got
    assert ("petitions.received_new", 310) in got  # the document counts new ones apart


def test_a_topic_split_in_a_parenthesis_scopes_the_count_it_follows():
    text = (
        "Qua phân loại có 06 đơn thuộc thẩm quyền (tranh chấp đất đai 04 đơn, tranh chấp lối đi "
        "chung 02 đơn)."
    )
    got = {(f.metric, f.value, f.scope) for f in extract_facts(make_doc(text), make_meta("2023"))}
    assert {
        ("petitions.in_jurisdiction", 6, None),
        ("petitions.in_jurisdiction", 4, "tranh chấp đất đai"),
        ("petitions.in_jurisdiction", 2, "tranh chấp lối đi chung"),
    } <= got


def test_where_resolved_petitions_came_from_is_no_figure_of_received_or_carried_over():
    text = "UBND xã đã giải quyết 07 đơn (05 đơn tiếp nhận trong quý, 02 đơn quý III chuyển sang)."
    got = {(f.metric, f.value) for f in extract_facts(make_doc(text), make_meta("2023-Q4"))}
    assert got == {("petitions.resolved", 7)}


def _read(period: str, *paragraphs: str) -> set[tuple]:
    facts = extract_facts(make_doc(*paragraphs), make_meta(period))
    return {(f.metric, f.value, f.scope) for f in facts}


def test_visits_and_persons_items_break_down_the_visits_and_the_persons_apart():
    got = _read(
        "2023",
        "Năm 2023, toàn huyện tiếp 612 lượt/689 người; trong đó cấp huyện 148 lượt/171 người, "
        "cấp xã 464 lượt/518 người.",
    )
    assert {
        ("reception.visits", 612, None),
        ("reception.persons", 689, None),
        ("reception.visits", 148, "cấp huyện"),
        ("reception.persons", 171, "cấp huyện"),
        ("reception.visits", 464, "cấp xã"),
        ("reception.persons", 518, "cấp xã"),
    } <= got


def test_a_head_broken_down_into_regular_and_leaders_reception_is_all_reception():
    got = _read(
        "2024-Q2",
        "Trong quý II/2024, tại Trụ sở Tiếp công dân tỉnh đã tiếp 254 lượt/301 người, trong đó "
        "Chủ tịch UBND tỉnh trực tiếp tiếp 09 lượt/14 người tại 03 kỳ tiếp định kỳ.",
    )
    assert {("reception.visits", 254, None), ("reception.persons", 301, None)} <= got
    assert ("reception.leader.visits", 9, "Chủ tịch UBND tỉnh") in got


def test_visits_a_leader_received_are_leaders_reception():
    got = _read(
        "2023-M10",
        "Chủ tịch UBND tỉnh chủ trì 01 buổi tiếp công dân định kỳ, đã tiếp 07 lượt/09 người.",
    )
    assert {
        ("reception.leader.visits", 7, "Chủ tịch UBND tỉnh"),
        ("reception.leader.persons", 9, "Chủ tịch UBND tỉnh"),
    } <= got


def test_the_words_of_a_closed_parenthesis_do_not_name_the_figures_after_it():
    got = _read(
        "2022",
        "Năm 2022, cấp huyện tiếp 312 lượt (lãnh đạo UBND huyện tiếp định kỳ 58 lượt), cấp xã "
        "tiếp 474 lượt.",
    )
    assert ("reception.visits", 474, None) in got or ("reception.visits", 474, "cấp xã") in got


def test_a_years_running_total_in_a_quarterly_report_is_of_that_year():
    got = {
        (f.metric, f.value, f.period)
        for f in extract_facts(
            make_doc(
                "Lũy kế năm 2023, Sở tiếp nhận 8.947 hồ sơ.", "Trong quý, Sở tiếp nhận 2.318 hồ sơ."
            ),
            make_meta("2023-Q4"),
        )
    }
    assert {("dossiers.received", 8947, "2023"), ("dossiers.received", 2318, None)} <= got


def test_inspections_count_their_teams_and_the_units_they_were_held_at():
    got = _read(
        "2023",
        "Toàn ngành đã triển khai 46 cuộc thanh tra hành chính (kỳ trước chuyển sang 14 cuộc, "
        "triển khai mới 32 cuộc) tại 118 cơ quan, tổ chức, đơn vị; đã kết thúc 40 cuộc, 02 cuộc "
        "đang tiến hành thanh tra.",
    )
    assert {(m, v) for m, v, _ in got} == {("inspection.teams", 46), ("inspection.units", 118)}


def test_a_table_after_the_signature_is_no_part_of_the_plan_section_before_it():
    from model import PARAGRAPH, TABLE, Block, Document

    rows = [
        ["STT", "Chỉ tiêu", "Đơn vị tính", "Kết quả"],
        ["1", "Số hồ sơ tiếp nhận mới", "Hồ sơ", "6.612"],
    ]
    sign = [["Nơi nhận:", "GIÁM ĐỐC"], ["- Lưu: VT.", "Đỗ Thị Hà"]]
    blocks = [
        Block(PARAGRAPH, "II. NHIỆM VỤ THÁNG 9 NĂM 2024", page=1),
        Block(PARAGRAPH, "Phấn đấu giải quyết đúng hạn 100% hồ sơ.", page=1),
        Block(TABLE, "\n".join(" | ".join(r) for r in sign), page=1, rows=sign),
        Block(PARAGRAPH, "BIỂU TỔNG HỢP KẾT QUẢ GIẢI QUYẾT HỒ SƠ", page=2),
        Block(TABLE, "\n".join(" | ".join(r) for r in rows), page=2, rows=rows),
    ]
    doc = Document(Path("bao_cao.docx"), blocks, "docx").reindex()
    got = {(f.metric, f.value) for f in extract_facts(doc, make_meta("2024-M08"))}
    assert ("dossiers.received", 6612) in got


def test_a_sentence_opening_with_theo_linh_vuc_breaks_down_the_count_before_that_it_adds_up_to():
    got = _read(
        "2024-Q1",
        "Trong quý, Trụ sở Tiếp công dân tỉnh đã tiếp 213 lượt/268 người. Theo loại việc: khiếu "
        "nại 58 lượt, tố cáo 09 lượt, kiến nghị, phản ánh 146 lượt.",
        "Sở tiếp nhận 120 đơn, không có đơn tồn kỳ trước; đã xử lý 118/120 đơn. Theo lĩnh vực: "
        "đất đai 97 đơn, môi trường 18 đơn, khoáng sản 5 đơn.",
    )
    assert {
        ("reception.visits", 213, None),
        ("reception.visits", 58, "khiếu nại"),
        ("reception.visits", 9, "tố cáo"),
        ("petitions.received", 120, None),
        ("petitions.received", 97, "đất đai"),
        ("petitions.received", 5, "khoáng sản"),
    } <= got


def test_items_only_the_heading_names_are_splits_of_the_count_they_break_down():
    doc = make_doc(
        "2. Tiếp nhận, phân loại và xử lý đơn",
        "Số đơn thuộc thẩm quyền giải quyết là 296 đơn (khiếu nại 173 đơn, tố cáo 41 đơn, kiến "
        "nghị, phản ánh 82 đơn); trong đó cấp tỉnh 38 đơn, cấp huyện 147 đơn, cấp xã 111 đơn.",
    )
    got = {(f.metric, f.value, f.scope) for f in extract_facts(doc, make_meta("2024-H1"))}
    assert {
        ("petitions.in_jurisdiction", 38, "cấp tỉnh"),
        ("petitions.in_jurisdiction", 147, "cấp huyện"),
        ("petitions.in_jurisdiction", 111, "cấp xã"),
    } <= got


def test_a_bare_pair_is_part_over_whole_as_written_and_its_excess_is_flagged():
    facts = extract_facts(
        make_doc("Trong tháng đã giải quyết 06/05 đơn thuộc thẩm quyền."), make_meta("2024-M10")
    )
    assert {(f.metric, f.value) for f in facts} >= {
        ("petitions.resolved", 6),
        ("petitions.in_jurisdiction", 5),
    }
    flags = {(f.rule, f.metric) for f in check_document(make_meta("2024-M10"), facts, [])}
    assert ("part_exceeds_total", "petitions.resolved") in flags


def test_a_figure_of_the_month_before_in_a_parenthesis_is_no_figure_of_the_report():
    got = _read(
        "2024-M10", "Cộng cấp huyện tiếp 33 lượt/46 người (tháng 9/2024: 41 lượt/52 người)."
    )
    assert {v for _, v, _ in got} == {33, 46}


def test_a_list_goes_on_past_a_parenthesis_that_breaks_down_one_of_its_items():
    got = _read(
        "2022",
        "Có 318 đơn thuộc thẩm quyền, gồm: cấp tỉnh 64 đơn, cấp huyện 171 đơn (khiếu nại 104, "
        "tố cáo 23, kiến nghị, phản ánh 44), cấp xã 83 đơn.",
    )
    assert {
        ("petitions.in_jurisdiction", 64, "cấp tỉnh"),
        ("petitions.in_jurisdiction", 171, "cấp huyện"),
        ("petitions.in_jurisdiction", 83, "cấp xã"),
    } <= got


def test_a_second_list_breaks_down_the_earlier_count_its_items_add_up_to():
    got = _read(
        "2023-9M",
        "Số đơn thuộc thẩm quyền 36 đơn, gồm: khiếu nại 14 đơn, tố cáo 03 đơn, kiến nghị, phản ánh "
        "19 đơn; chia theo lĩnh vực: đất đai 25 đơn, chính sách 06 đơn, lĩnh vực khác 05 đơn.",
    )
    assert {
        ("petitions.in_jurisdiction", 25, "đất đai"),
        ("petitions.in_jurisdiction", 6, "chính sách"),
        ("petitions.in_jurisdiction", 5, "lĩnh vực khác"),
    } <= got


def test_a_list_cut_at_a_semicolon_claims_the_whole_only_when_its_parts_make_it():
    text = (
        "Ban tiếp nhận 348 đơn, gồm: qua tiếp công dân 97 đơn; qua bưu chính 213 đơn; do Văn "
        "phòng Đoàn ĐBQH, các cơ quan Trung ương chuyển đến 38 đơn."
    )
    facts = extract_facts(make_doc(text), make_meta("2024-Q1"))
    assert "sum_mismatch" not in {f.rule for f in check_document(make_meta("2024-Q1"), facts, [])}


def test_petitions_outside_the_units_authority_are_neither_received_nor_in_jurisdiction():
    got = _read(
        "2024-H1",
        "Đối với 2.141 đơn không thuộc thẩm quyền, các cơ quan đã chuyển 1.263 đơn đến cơ quan có "
        "thẩm quyền giải quyết.",
        "Có 171 đơn không thuộc thẩm quyền đã chuyển cơ quan có thẩm quyền giải quyết.",
    )
    metrics = {(m, v) for m, v, _ in got}
    assert ("petitions.received", 2141) not in metrics
    assert {("petitions.transferred", 1263), ("petitions.transferred", 171)} <= metrics


def test_a_footnote_of_items_breaks_down_the_figure_its_mark_stands_after():
    from model import FOOTNOTE, PARAGRAPH, Block, Document

    citer = Block(
        PARAGRAPH,
        "Người đứng đầu các cấp đã tổ chức 186 cuộc đối thoại trực tiếp với Nhân dân.",
        page=1,
    )
    citer.footnote_refs = ["1"]
    note = Block(FOOTNOTE, "Cấp tỉnh 04 cuộc; cấp huyện 23 cuộc; cấp xã 159 cuộc.", page=1)
    note.label = "1"
    heading = Block(PARAGRAPH, "1. Tiếp công dân, đối thoại với Nhân dân", page=1)
    doc = Document(Path("bao_cao.docx"), [heading, citer, note], "docx").reindex()
    got = {(f.metric, f.value, f.scope) for f in extract_facts(doc, make_meta("2024"))}
    assert {
        ("reception.dialogues", 186, None),
        ("reception.dialogues", 4, "cấp tỉnh"),  # levels in lower case
        ("reception.dialogues", 23, "cấp huyện"),
        ("reception.dialogues", 159, "cấp xã"),
    } <= got


def _footnoted(text: str, note: str, anchor) -> list:
    from model import FOOTNOTE, PARAGRAPH, Block, Document

    citer = Block(PARAGRAPH, text, page=1, footnote_refs=["1"], footnote_at={"1": anchor})
    foot = Block(FOOTNOTE, note, page=1, label="1")
    heading = Block(PARAGRAPH, "2. Kết quả giải quyết thủ tục hành chính", page=1)
    doc = Document(Path("bao_cao.docx"), [heading, citer, foot], "docx").reindex()
    return extract_facts(doc, make_meta("2025-Q1"))


def test_a_footnote_breaks_down_the_part_its_mark_follows_not_the_whole_before_it():
    from model import MarkAnchor

    facts = _footnoted(
        "Số hồ sơ đang giải quyết: 15 hồ sơ, trong đó hồ sơ liên thông đang chờ kết quả của cấp "
        "huyện: 10 hồ sơ.",
        "Gồm 07 hồ sơ đất đai và 03 hồ sơ xây dựng.",
        MarkAnchor(numbers=2, words=2),
    )
    rules = {f.rule for f in check_document(make_meta("2025-Q1"), facts, [])}
    assert "sum_mismatch" not in rules  # 7 + 3 make the 10, not the 15


def test_a_footnote_that_says_what_the_marked_figure_holds_adds_no_figure():
    from model import MarkAnchor

    facts = _footnoted(
        "Số hồ sơ đã giải quyết: 412 hồ sơ; trong đó đúng hạn: 409, quá hạn: 03.",
        "03 hồ sơ đăng ký đất đai lần đầu liên thông với Văn phòng Đăng ký đất đai.",
        MarkAnchor(numbers=3, words=0),  # `quá hạn: 03¹`
    )
    assert [f.value for f in facts if f.source == "footnote"] == []


def test_the_year_a_result_was_published_is_not_the_year_of_the_index():
    doc = make_doc(
        "Theo kết quả do Ban Chỉ đạo CCHC của Chính phủ công bố năm 2023, Chỉ số CCHC (PAR "
        "INDEX) năm 2022 của tỉnh đạt 86,40%, xếp thứ 19/63 tỉnh, thành phố."
    )
    got = {(f.metric, f.value, f.period) for f in extract_facts(doc, make_meta("2023"))}
    assert got == {("index.par", 86.4, "2022"), ("index.par.rank", 19, "2022")}


def test_a_percentage_is_of_the_words_before_a_clause_of_its_own():
    got = _read(
        "2024-H1", "Đã giải quyết 679 hồ sơ, 100% trước hạn và đúng hạn, không có hồ sơ quá hạn."
    )
    assert ("dossiers.on_time_rate", 100, None) in got
    assert not {m for m, _, _ in got} & {"dossiers.late_rate"}


def test_a_body_that_approved_the_plan_is_not_who_the_figure_counts():
    got = _read(
        "2023-H1",
        "Thực hiện Kế hoạch thanh tra được Chủ tịch UBND huyện phê duyệt, Thanh tra huyện đã triển "
        "khai 08 cuộc thanh tra hành chính tại 11 đơn vị.",
    )
    assert ("inspection.teams", 8, None) in got
