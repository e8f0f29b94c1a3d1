"""Links a list makes and links a catalog sum makes over the same figures agree: a pair's
whole that a partial list linked is also a part of the whole sum, and no false sum follows."""

from __future__ import annotations

from extractors.finders.figures import extract_facts
from model import Fact
from tests.conftest import make_doc, make_meta
from warehouse.checks import check_document

META = make_meta("2025-H1")


def _read(*texts: str) -> list[Fact]:
    return extract_facts(make_doc(*texts), META)


def _read_with_flags(text: str) -> tuple[list[Fact], set[tuple[str, str]]]:
    facts = _read(text)
    return facts, {(f.rule, f.metric) for f in check_document(META, facts, [])}


def test_a_complete_claim_upgrades_the_same_link_made_without_it():
    whole, part = Fact("petitions.in_jurisdiction", 10), Fact("petitions.complaints", 6)
    part.link("part_of", whole, complete=False)
    part.link("part_of", whole, "sum1", complete=True)
    assert [(k.complete, k.role) for k in part.links] == [(True, "sum1")]


def test_type_pairs_after_trong_do_make_the_whole_they_add_up_to_without_a_flag():
    text = (
        "Đã giải quyết 351/412 vụ việc thuộc thẩm quyền, đạt 85,19%, trong đó: khiếu nại "
        "246/287 vụ việc (85,71%), tố cáo 58/71 vụ việc (81,69%), kiến nghị, phản ánh "
        "47/54 vụ việc."
    )
    facts = extract_facts(make_doc(text), META)
    assert not check_document(META, facts, [])


def test_the_facets_of_a_count_stated_apart_restate_the_tables_total():
    text = (
        "Lãnh đạo UBND huyện tiếp định kỳ 24 kỳ với 42 lượt/50 người (Chủ tịch UBND huyện "
        "trực tiếp chủ trì 12 kỳ) và tiếp đột xuất 02 kỳ với 05 lượt/07 người."
    )
    rows = [
        ["STT", "Nội dung", "ĐVT", "Năm 2023"],
        ["1", "Lãnh đạo UBND huyện tiếp định kỳ, đột xuất", "Kỳ", "26"],
    ]
    from tests.conftest import make_table_doc

    doc = make_table_doc(rows, text)
    facts = extract_facts(doc, META)
    scopes = {(f.metric, f.value): f.scope for f in facts}
    assert scopes[("reception.leader.sessions", 2)] is None  # not the aside's chairman's
    assert "value_conflict" not in {f.rule for f in check_document(META, facts, [])}


def test_a_numbered_table_inside_the_body_starts_no_appendix():
    from extractors.finders.links import link_facts
    from tests.conftest import make_table_doc

    rows = [["STT", "Chỉ số", "Năm 2021"], ["1", "SIPAS (%)", "82,51"]]
    doc = make_table_doc(
        rows,
        "2. Kết quả các chỉ số",
        "Bảng 2. Kết quả các chỉ số của tỉnh",
    )
    from model import PARAGRAPH, Block

    doc.blocks += [
        Block(PARAGRAPH, "III. ĐÁNH GIÁ CHUNG", page=1),
        Block(PARAGRAPH, "Chỉ số SIPAS năm 2021 của tỉnh đạt 82,15%.", page=1),
    ]
    doc = doc.reindex()
    facts = extract_facts(doc, make_meta("2022"))
    link_facts(doc, facts)
    sides = {(f.value, f.section) for f in facts if f.metric == "index.sipas"}
    assert sides == {(82.51, "appendix"), (82.15, None)}
    assert "value_conflict" in {f.rule for f in check_document(make_meta("2022"), facts, [])}


def test_a_footnote_list_breaks_down_no_count_smaller_than_its_items():
    doc = make_doc(
        "Chủ tịch UBND huyện và Chủ tịch UBND các xã đã tổ chức 26 cuộc đối thoại trực tiếp với "
        "Nhân dân; riêng quý III tổ chức 07 cuộc.",
        footnotes={"1": "Cấp huyện 04 cuộc; cấp xã 22 cuộc."},
        refs=["1"],
    )
    facts = extract_facts(doc, META)
    assert "part_exceeds_total" not in {f.rule for f in check_document(META, facts, [])}


def test_a_figure_of_a_known_topic_meets_that_topics_whole_in_another_sentence():
    doc = make_doc(
        "Các tổ hòa giải tiếp nhận 120 vụ việc, gồm: đất đai 52 vụ việc; hôn nhân và gia đình "
        "41 vụ việc; lĩnh vực khác 27 vụ việc.",
        "Các vụ việc hôn nhân và gia đình đạt kết quả cao nhất với {n} vụ việc hòa giải thành.",
    )

    def read(n: int):
        text = [b.text.replace("{n}", str(n)) for b in doc.blocks]
        facts = extract_facts(make_doc(*text), META)
        return facts, {(f.rule, f.metric) for f in check_document(META, facts, [])}

    facts, rules = read(38)
    assert {(f.metric, f.scope) for f in facts if f.value == 38} == {
        ("mediation.successful", "hôn nhân và gia đình")
    }
    assert not rules
    assert ("part_exceeds_total", "mediation.successful") in read(48)[1]


def test_a_figure_of_another_named_place_is_scoped_to_it_and_meets_its_row():
    from tests.conftest import make_table_doc

    rows = [
        ["STT", "Đơn vị", "Số vụ việc tiếp nhận", "Hòa giải thành"],
        ["1", "Huyện Châu Thành", "114", "98"],
        ["2", "Huyện Cao Lãnh", "104", "88"],
        ["", "Tổng cộng", "218", "186"],
    ]
    text = (
        "Các tổ hòa giải có số vụ việc tiếp nhận nhiều là huyện Châu Thành (141 vụ việc), "
        "huyện Cao Lãnh (104 vụ việc)."
    )
    meta = make_meta("2023-H1")
    facts = extract_facts(make_table_doc(rows, text), meta)
    prose = {(f.metric, f.value, f.scope) for f in facts if f.source != "table"}
    assert ("mediation.cases", 141, "Huyện Châu Thành") in prose  # (`Thành` is no `thành`)
    assert ("value_conflict", "mediation.cases") in {
        (f.rule, f.metric) for f in check_document(meta, facts, [])
    }


def test_a_list_closed_by_va_and_a_written_out_item_add_up():
    doc = make_doc(
        'Khối chính quyền có 40 mô hình "Dân vận khéo" được công nhận, gồm 34 mô hình tập thể và '
        "sáu điển hình cá nhân. Đoàn kiểm tra đã kiểm tra 12 cơ quan, đơn vị, gồm 05 sở, 03 UBND "
        "cấp huyện và 04 UBND cấp xã; qua kiểm tra đã chấn chỉnh việc cập nhật hồ sơ tại 03 đơn vị."
    )
    facts = extract_facts(doc, META)
    assert "sum_mismatch" not in {f.rule for f in check_document(META, facts, [])}


def test_a_field_named_before_a_figure_scopes_it_apart_from_its_levels_row():
    from tests.conftest import make_table_doc

    rows = [
        ["STT", "Cấp", "Hồ sơ đã giải quyết", "Quá hạn"],
        ["1", "Cấp huyện", "36.488", "467"],
    ]
    text = "Hồ sơ quá hạn ở cấp huyện tập trung tại lĩnh vực đất đai (398 hồ sơ)."
    meta = make_meta("2021")
    facts = extract_facts(make_table_doc(rows, text), meta)
    assert ("dossiers.late", 398, "lĩnh vực đất đai") in {
        (f.metric, f.value, f.scope) for f in facts
    }
    assert "value_conflict" not in {f.rule for f in check_document(meta, facts, [])}


def test_the_split_of_a_narrower_figure_is_narrower_still():
    doc = make_doc(
        "Đang giải quyết 1.210 hồ sơ, trong đó đã quá hạn 14 hồ sơ (Sở Xây dựng 03 hồ sơ, "
        "Sở Nông nghiệp và Môi trường 11 hồ sơ)."
    )
    facts = extract_facts(doc, META)
    scopes = {f.value: f.scope for f in facts if f.metric == "dossiers.pending"}
    assert scopes[3] == "Sở Xây dựng, đã quá hạn"


def test_a_rate_beside_its_part_is_the_rate_of_the_whole_its_paragraph_stated_once():
    def rules(rate: str) -> set:
        doc = make_doc(
            "Các tổ hòa giải ở 9 thôn tiếp nhận 11 vụ việc. Kết quả: hòa giải thành 09 vụ việc, "
            f"đạt {rate}%; hòa giải không thành 02 vụ việc."
        )
        facts = extract_facts(doc, META)
        return {(f.rule, f.metric) for f in check_document(META, facts, [])}

    assert not rules("81,81")
    assert ("rate_mismatch", "mediation.success_rate") in rules("86,36")


def test_a_rate_after_the_items_of_its_whole_is_the_rate_of_the_whole_above_them():
    def rules(rate: str, *leads: str) -> set:
        doc = make_doc(
            "Trong kỳ, các tổ hòa giải tiếp nhận 19 vụ việc.",
            *(leads or ("Gồm:",)),
            "- Tranh chấp đất đai: 08 vụ;",
            "- Hôn nhân và gia đình: 06 vụ;",
            "- Mâu thuẫn trong cộng đồng: 05 vụ.",
            f"Kết quả: hòa giải thành 15 vụ, đạt {rate}%; hòa giải không thành 04 vụ.",
        )
        facts = extract_facts(doc, META)
        return {(f.rule, f.metric) for f in check_document(META, facts, [])}

    assert not rules("78,94")  # truncated 78,947
    assert ("rate_mismatch", "mediation.success_rate") in rules("83,33")
    # two paragraphs without the whole's items between: no base that far back
    assert not rules("83,33", "Gồm:", "Các vụ việc được phân loại như sau:")


def test_a_rate_in_the_next_sentence_is_the_rate_of_the_one_pair_stated_before_it():
    def rules(rate: str, pairs: str = "đã giải quyết 52/58 đơn tố cáo") -> set:
        doc = make_doc(
            f"Trong năm, {pairs}. Tỷ lệ giải quyết đơn tố cáo đạt {rate}%, cao hơn năm trước."
        )
        facts = extract_facts(doc, META)
        return {(f.rule, f.metric) for f in check_document(META, facts, [])}

    assert not rules("89,65")  # truncated 89,655
    assert ("rate_mismatch", "petitions.denunciations.resolution_rate") in rules("86,95")
    # two pairs of the kind before it: no guess
    assert not rules("86,95", "đã giải quyết 52/58 đơn tố cáo; kỳ trước 40/45 đơn tố cáo")


def test_an_on_time_rate_beside_its_count_is_over_the_resolved_of_the_paragraph_before():
    def rules(rate: str) -> set:
        doc = make_doc(
            "Kết quả: đã giải quyết 410 hồ sơ; đang giải quyết 6 hồ sơ.",
            f"Số hồ sơ giải quyết trước hạn, đúng hạn là 405 hồ sơ, đạt tỷ lệ {rate}%; còn 05 hồ "
            "sơ giải quyết quá hạn.",
        )
        facts = extract_facts(doc, META)
        return {(f.rule, f.metric) for f in check_document(META, facts, [])}

    assert not rules("98,78")
    assert ("rate_mismatch", "dossiers.on_time_rate") in rules("99,78")


def test_labelled_items_after_a_colon_stay_one_sentence_across_their_semicolons():
    from extractors.finders.prose import split_sentences

    text = (
        "Trong kỳ, các cấp ban hành 96 văn bản chỉ đạo công tác dân vận. Cụ thể: UBND huyện 14 "
        "văn bản; UBND các xã, thị trấn 80 văn bản."
    )
    assert len(split_sentences(text)) == 2
    facts = extract_facts(make_doc(text), META)
    flags = {(f.rule, f.metric) for f in check_document(META, facts, [])}
    assert ("sum_mismatch", "directives.issued") in flags  # 14 + 80 = 94, not 96
    text_ok = text.replace("80 văn bản", "82 văn bản")
    facts = extract_facts(make_doc(text_ok), META)
    assert not check_document(META, facts, [])


def test_a_rate_whose_denominator_the_sentence_states_twice_is_still_checked():
    doc = make_doc(
        "Các cấp đã giải quyết 53/61 đơn thuộc thẩm quyền, đạt 86,89%; cấp xã giải quyết 30/35 "
        "đơn, đạt 85,71%; theo loại đơn, trong 61 đơn thuộc thẩm quyền có 09 đơn khiếu nại, 03 "
        "đơn tố cáo và 49 đơn kiến nghị, phản ánh."
    )
    facts = extract_facts(doc, META)
    assert not check_document(META, facts, [])
    wrong = make_doc(doc.blocks[0].text.replace("86,89", "87,89"))
    facts = extract_facts(wrong, META)
    flags = {(f.rule, f.metric) for f in check_document(META, facts, [])}
    assert ("rate_mismatch", "petitions.resolution_rate") in flags


def test_items_after_a_list_lead_stay_one_sentence_across_a_capitalised_semicolon_item():
    from extractors.finders.prose import split_sentences

    text = (
        "Các cơ quan đã tiếp 120 lượt/131 người; trong đó Ban Tiếp công dân huyện tiếp thường "
        "xuyên 40 lượt/44 người; lãnh đạo UBND huyện tiếp định kỳ 05 kỳ với 12 lượt/15 người; "
        "UBND 9 xã, thị trấn tiếp 68 lượt/72 người; có 01 đoàn đông người."
    )
    assert len(split_sentences(text)) == 1
    facts = extract_facts(make_doc(text), META)
    assert not check_document(META, facts, [])


def test_a_pair_in_a_parenthesis_after_a_rate_is_its_numerator_and_denominator():
    def rules(rate: str) -> set:
        text = f"Tỷ lệ giải quyết hồ sơ đúng hạn: cấp xã {rate}% (1.960/2.000 hồ sơ)."
        facts = extract_facts(make_doc(text), META)
        return {(f.rule, f.metric) for f in check_document(META, facts, [])}

    assert not rules("98,00")
    assert ("rate_mismatch", "dossiers.on_time_rate") in rules("89,00")


def test_two_lists_of_one_whole_in_one_sentence_each_add_up_on_their_own():
    text = (
        'Trong kỳ, các cấp công nhận 23 mô hình, điển hình "Dân vận khéo", gồm 16 mô hình tập thể '
        "và 07 điển hình cá nhân; theo cấp công nhận: cấp huyện 05, cấp xã 18."
    )
    facts = extract_facts(make_doc(text), META)
    assert not check_document(META, facts, [])
    wrong = extract_facts(make_doc(text.replace("cấp xã 18", "cấp xã 17")), META)
    flags = {(f.rule, f.metric) for f in check_document(META, wrong, [])}
    assert ("sum_mismatch", "models.dan_van_kheo") in flags


def test_a_rate_in_the_next_sentence_over_facets_stated_before_is_checked():
    def rules(rate: str) -> set:
        doc = make_doc(
            "Đã giải quyết xong 150 hồ sơ, trong đó trước hạn 100 hồ sơ, đúng hạn 47 hồ sơ, "
            f"quá hạn 03 hồ sơ. Tỷ lệ hồ sơ giải quyết trước hạn và đúng hạn đạt {rate}%, cao "
            "hơn tháng trước 0,4 điểm phần trăm."
        )
        facts = extract_facts(doc, META)
        return {(f.rule, f.metric) for f in check_document(META, facts, [])}

    assert not rules("98,00")
    assert ("rate_mismatch", "dossiers.on_time_rate") in rules("99,00")


def test_a_list_opening_a_sentence_after_a_whole_and_its_parts_breaks_down_the_whole():
    text = (
        "Các tổ hòa giải đã tiếp nhận 100 vụ việc; kết quả hòa giải thành 80 vụ việc, hòa giải "
        "không thành 12 vụ việc, còn 08 vụ việc đang tiếp tục hòa giải. Phân theo lĩnh vực, các "
        "vụ việc gồm: tranh chấp đất đai 40 vụ việc, hôn nhân và gia đình 35 vụ việc và lĩnh vực "
        "khác 25 vụ việc."
    )
    facts = extract_facts(make_doc(text), META)
    assert not check_document(META, facts, [])
    parts = {f.value for f in facts if f.metric == "mediation.cases" and f.scope}
    assert parts == {40, 35, 25}


def test_a_city_named_after_part_of_its_provinces_name_is_another_place():
    text = "Thành phố Vũng Tàu là địa phương có nhiều đơn thuộc thẩm quyền nhất với 96 đơn."
    facts = extract_facts(
        make_doc(text), make_meta("2024-9M", issuer="Thanh tra tỉnh Bà Rịa - Vũng Tàu")
    )
    assert [f.scope for f in facts if f.value == 96] == ["Thành phố Vũng Tàu"]
    own = make_meta("2024-9M", issuer="UBND thành phố Vũng Tàu")
    assert [f.scope for f in extract_facts(make_doc(text), own) if f.value == 96] == [None]


def test_a_footnote_listing_places_after_a_lead_in_claims_the_whole_it_cites():
    doc = make_doc(
        "Các xã đã tiếp 100 lượt/120 người.",
        refs=["1"],
        footnotes={
            "1": "Tiếp công dân tại cấp xã gồm: xã Bằng Hành 09 lượt, xã Tân Quang 40 lượt, "
            "các xã còn lại 50 lượt."
        },
    )
    facts = extract_facts(doc, META)
    assert {f.value for f in facts if f.has_link("part_of")} == {9, 40, 50}
    rules = {(f.rule, f.metric) for f in check_document(META, facts, [])}
    assert ("sum_mismatch", "reception.visits") in rules  # 9 + 40 + 50 = 99


def test_online_services_of_both_kinds_are_the_parts_of_the_online_services():
    doc = make_doc(
        "Số TTHC cung cấp dịch vụ công trực tuyến là 1.046 thủ tục, gồm 506 dịch vụ công trực "
        "tuyến toàn trình và 549 dịch vụ công trực tuyến một phần; tỷ lệ TTHC cung cấp dịch vụ "
        "công trực tuyến đạt 75,58%."
    )
    facts = extract_facts(doc, META)
    assert ("tthc.online_services.share", 75.58) in {(f.metric, f.value) for f in facts}
    rules = {(f.rule, f.metric) for f in check_document(META, facts, [])}
    assert ("sum_mismatch", "tthc.online_services") in rules  # 506 + 549 = 1.055


def test_a_part_in_a_parenthesis_after_another_part_claims_no_sum():
    doc = make_doc(
        "Trung tâm tiếp nhận mới 5.318 hồ sơ, trong đó trực tuyến 4.756 hồ sơ, trực tiếp và qua "
        "dịch vụ bưu chính công ích 562 hồ sơ (riêng qua dịch vụ bưu chính công ích 29 hồ sơ)."
    )
    facts = extract_facts(doc, META)
    assert "sum_mismatch" not in {f.rule for f in check_document(META, facts, [])}


def test_a_list_opening_a_paragraph_breaks_down_the_earlier_count_it_adds_up_to():
    doc = make_doc(
        "Các tổ hòa giải đã tiếp nhận 411 vụ việc; hòa giải thành 336 vụ việc. Riêng quý II, các "
        "tổ hòa giải tiếp nhận 236 vụ việc, hòa giải thành 191 vụ việc.",
        "Các vụ việc tiếp nhận phân theo lĩnh vực gồm: tranh chấp đất đai 142 vụ việc; hôn nhân "
        "và gia đình 97 vụ việc; tranh chấp dân sự 118 vụ việc; các lĩnh vực khác 54 vụ việc.",
    )
    facts = extract_facts(doc, META)
    heads = {k.other.value for f in facts for k in f.links if k.relation == "part_of"}
    assert heads == {411}
    assert "sum_mismatch" not in {f.rule for f in check_document(META, facts, [])}


def test_each_rate_after_an_a_b_pair_is_the_rate_of_that_pair_in_a_report_on_complaints():
    meta = make_meta("2023-H1", title="Kết quả công tác giải quyết khiếu nại, tố cáo")
    doc = make_doc(
        "Tính chung, đã giải quyết 27/31 vụ việc thuộc thẩm quyền, đạt 89,10%; trong đó Chủ tịch "
        "UBND huyện giải quyết 11/13 vụ việc, đạt 84,62%, Chủ tịch UBND cấp xã giải quyết 16/18 "
        "vụ việc, đạt 88,89%."
    )
    facts = extract_facts(doc, meta)
    rates = {
        f.value: sorted(k.other.value for k in f.links if k.relation == "rate_of")
        for f in facts
        if f.metric == "petitions.resolution_rate"
    }
    assert rates == {89.1: [27, 31], 84.62: [11, 13], 88.89: [16, 18]}
    assert [f.rule for f in check_document(meta, facts, [])] == ["rate_mismatch"]  # 27/31 = 87,10


def test_a_title_naming_complaints_and_mediation_gives_no_domain_to_vu_viec():
    meta = make_meta("2021-H1", title="Kết quả tiếp công dân, giải quyết đơn thư, hòa giải ở cơ sở")
    doc = make_doc(
        "Các tổ hòa giải tiếp nhận 26 vụ việc. Phân theo lĩnh vực: tranh chấp đất đai 14 vụ việc, "
        "hôn nhân và gia đình 07 vụ việc, mâu thuẫn láng giềng 05 vụ việc."
    )
    assert {f.metric for f in extract_facts(doc, meta)} == {"mediation.cases"}


def test_kinds_listed_in_the_sentence_after_the_eligible_count_are_its_parts():
    doc = make_doc(
        "Qua phân loại, có 3.104 đơn đủ điều kiện xử lý. Gồm: khiếu nại 402 đơn, tố cáo 96 đơn, "
        "kiến nghị, phản ánh 2.598 đơn."
    )
    facts = extract_facts(doc, META)
    assert {f.value for f in facts if f.has_link("part_of")} == {402, 96, 2598}
    assert ("sum_mismatch", "petitions.eligible") in {
        (f.rule, f.metric) for f in check_document(META, facts, [])
    }


def test_a_place_named_after_trong_do_scopes_its_figure_to_meet_its_row():
    from tests.conftest import make_table_doc

    rows = [
        ["STT", "Đơn vị", "Số cuộc đối thoại"],
        ["1", "Xã Búng Lao", "2"],
        ["2", "Xã Ẳng Nưa", "19"],
    ]
    text = (
        "Chủ tịch UBND các xã tổ chức 21 cuộc đối thoại, trong đó xã Búng Lao tổ chức 04 cuộc về "
        "chuyển đổi cây trồng."
    )
    meta = make_meta("2023")
    facts = extract_facts(make_table_doc(rows, text), meta)
    assert ("reception.dialogues", 4, "Xã Búng Lao") in {
        (f.metric, f.value, f.scope) for f in facts
    }
    assert ("value_conflict", "reception.dialogues") in {
        (f.rule, f.metric) for f in check_document(meta, facts, [])
    }


def test_kinds_of_all_received_and_kinds_in_jurisdiction_are_two_counts_not_a_conflict():
    from tests.conftest import make_table_doc

    rows = [
        ["STT", "Loại đơn", "Số đơn thuộc thẩm quyền", "Đã giải quyết"],
        ["1", "Khiếu nại", "11", "09"],
        ["2", "Tố cáo", "04", "03"],
        ["3", "Kiến nghị, phản ánh", "34", "31"],
        ["", "Cộng", "49", "43"],
    ]
    text = (
        "Tổng số đơn tiếp nhận là 214 đơn, gồm 27 đơn khiếu nại, 09 đơn tố cáo và 178 đơn kiến "
        "nghị, phản ánh."
    )
    meta = make_meta("2025-H1")
    facts = extract_facts(make_table_doc(rows, text), meta)
    assert ("petitions.in_jurisdiction", 49) in {(f.metric, f.value) for f in facts}
    assert not check_document(meta, facts, [])


def test_the_carried_over_in_the_received_counts_parenthesis_are_among_the_received():
    doc = make_doc(
        "Trong kỳ, UBND thị xã tiếp nhận 57 đơn (kỳ trước chuyển sang 04 đơn); qua phân loại, đơn "
        "thuộc thẩm quyền giải quyết 61 đơn."
    )
    facts = extract_facts(doc, META)
    assert ("part_exceeds_total", "petitions.in_jurisdiction") in {
        (f.rule, f.metric) for f in check_document(META, facts, [])
    }


def test_a_rate_after_every_part_of_its_base_is_checked_against_the_base_they_add_up_to():
    doc = make_doc(
        "Các tổ hòa giải tiếp nhận 145 vụ việc.",
        "Kết quả: hòa giải thành 118 vụ, hòa giải không thành 21 vụ, đang hòa giải 06 vụ. Tỷ lệ "
        "hòa giải thành đạt 87,6%.",
    )
    facts = extract_facts(doc, META)
    assert ("rate_mismatch", "mediation.success_rate") in {
        (f.rule, f.metric) for f in check_document(META, facts, [])
    }


def test_inspections_carried_over_from_last_year_are_no_split_of_a_track():
    doc = make_doc(
        "Thanh tra huyện triển khai 07 cuộc thanh tra (06 cuộc theo kế hoạch, 01 cuộc đột xuất; "
        "trong đó 02 cuộc năm 2019 chuyển sang) tại 15 đơn vị."
    )
    facts = extract_facts(doc, META)
    assert 2 not in {f.value for f in facts}
    assert not check_document(META, facts, [])


def test_a_field_in_the_body_meets_its_row_in_a_table_of_fields():
    from tests.conftest import make_table_doc

    rows = [
        ["STT", "Lĩnh vực", "Số mô hình"],
        ["1", "Kinh tế", "468"],
        ["2", "Văn hóa - xã hội", "297"],
    ]
    text = 'Xây dựng được 765 mô hình "Dân vận khéo"; lĩnh vực kinh tế có 486 mô hình.'
    meta = make_meta("2020", title='Kết quả phong trào "Dân vận khéo" năm 2020')
    facts = extract_facts(make_table_doc(rows, text), meta)
    assert ("value_conflict", "models.dan_van_kheo") in {
        (f.rule, f.metric) for f in check_document(meta, facts, [])
    }


def _rules(text: str, meta) -> set[tuple[str, str | None]]:
    facts = extract_facts(make_doc(text), meta)
    return {(f.rule, f.metric) for f in check_document(meta, facts, [])}


DISTRICT = make_meta("2024", issuer="Ban Dân vận", issuer_parent="Huyện ủy Tân Lạc")
PROVINCE = make_meta("2024", issuer="UBND tỉnh Hòa Bình")


def test_levels_that_are_all_the_issuers_levels_make_the_whole_after_trong_do():
    text = (
        'Khối chính quyền có 52 mô hình "Dân vận khéo" được công nhận, trong đó cấp huyện '
        "11 mô hình, cấp xã 39 mô hình."
    )
    assert ("sum_mismatch", "models.dan_van_kheo") in _rules(text, DISTRICT)


def test_levels_below_the_issuers_own_after_trong_do_are_only_some_of_the_whole():
    text = (
        'Toàn tỉnh có 152 mô hình "Dân vận khéo" được công nhận, trong đó cấp huyện '
        "41 mô hình, cấp xã 89 mô hình."
    )
    assert not _rules(text, PROVINCE)


def test_a_list_closed_by_a_clause_of_another_count_is_checked_as_its_lead_in_claims():
    text = (
        "Toàn tỉnh tiếp nhận mới 96.310 hồ sơ, gồm: cấp tỉnh 20.114 hồ sơ, cấp huyện 31.502 "
        "hồ sơ, cấp xã 44.390 hồ sơ; tồn kỳ trước chuyển sang 3.207 hồ sơ."
    )
    assert ("sum_mismatch", "dossiers.received") in _rules(text, PROVINCE)


def test_the_issuers_level_is_the_last_level_word_of_its_name_or_of_the_body_above():
    from extractors.finders.links.levels import issuer_level

    assert issuer_level(make_meta(issuer="Phòng Tư pháp huyện Cầu Kè")) == "huyện"
    assert issuer_level(make_meta(issuer="UBND phường 5", issuer_parent="UBND thị xã A")) == "xã"
    assert (
        issuer_level(make_meta(issuer="Ban Dân vận", issuer_parent="Huyện ủy Tân Lạc")) == "huyện"
    )
    city = make_meta(issuer="Sở Tư pháp thành phố Cần Thơ", province="Cần Thơ")
    assert issuer_level(city) == "tỉnh"
    assert issuer_level(make_meta(issuer="UBND thành phố Vinh", province="Nghệ An")) == "huyện"
    assert issuer_level(make_meta(issuer="UBND thị xã Ninh Hòa")) == "huyện"


def test_tap_the_and_ca_nhan_after_trong_do_make_the_whole():
    text = (
        'Toàn huyện có 58 mô hình "Dân vận khéo" được công nhận, trong đó tập thể 29 mô hình, '
        "cá nhân 26 mô hình."
    )
    assert ("sum_mismatch", "models.dan_van_kheo") in _rules(text, DISTRICT)


def test_scoped_pairs_under_a_pairs_whole_mirror_it_at_each_level():
    text = (
        "Đã giải quyết 81/95 đơn thuộc thẩm quyền, đạt 85,26%, trong đó cấp huyện 22/26 đơn, "
        "cấp xã 59/69 đơn."
    )
    meta = make_meta("2023", issuer="UBND huyện Giao Thủy")
    facts = extract_facts(make_doc(text), meta)
    got = {(f.metric, f.value, f.scope) for f in facts}
    assert {
        ("petitions.resolved", 22, "cấp huyện"),
        ("petitions.in_jurisdiction", 26, "cấp huyện"),
        ("petitions.resolved", 59, "cấp xã"),
        ("petitions.in_jurisdiction", 69, "cấp xã"),
    } <= got
    assert not check_document(meta, facts, [])


def test_kinds_parted_by_semicolons_after_a_complete_lead_in_are_one_list():
    doc = make_doc(
        "Sở tiếp nhận 312 đơn, trong đó 14 đơn của năm 2022 chuyển sang.",
        "- Phân loại theo nội dung: khiếu nại 37 đơn; tố cáo 06 đơn; kiến nghị, phản ánh 269 đơn.",
    )
    facts = extract_facts(doc, META)
    linked = {
        f.value for f in facts if any(k.relation == "part_of" and k.complete for k in f.links)
    }
    assert linked == {37, 6, 269}


def test_a_second_breakdown_after_a_semicolon_breaks_down_the_same_whole():
    text = (
        "Tổng số đơn tiếp nhận trong năm 184 đơn. Phân loại theo nội dung: khiếu nại 21 đơn, tố "
        "cáo 06 đơn, kiến nghị, phản ánh 157 đơn; theo lĩnh vực: đất đai 118 đơn, chế độ chính "
        "sách 23 đơn, lĩnh vực khác 43 đơn."
    )
    assert not _rules(text, DISTRICT)


def test_pending_beside_the_petitions_in_jurisdiction_is_no_part_of_the_received():
    text = (
        "Tiếp nhận 264 đơn; đã chuyển 182 đơn không thuộc thẩm quyền đến cơ quan có thẩm quyền; số "
        "đơn thuộc thẩm quyền 31 đơn, đã giải quyết 27 đơn, đạt 87,10%, còn 04 đơn đang xác minh."
    )
    assert not _rules(text, DISTRICT)


def test_one_item_after_a_complete_lead_in_makes_no_whole():
    text = (
        "Tổng số đã tiếp 231 lượt/280 người. Theo lĩnh vực, đất đai vẫn chiếm tỷ lệ cao nhất với "
        "162 lượt (chiếm 70,13%)."
    )
    assert not _rules(text, DISTRICT)


def test_a_parenthesis_of_unitless_figures_ending_the_figures_clause_breaks_it_down():
    text = (
        'Trong quý, xã có 04 mô hình, điển hình "Dân vận khéo" được UBND huyện công nhận '
        "(01 tập thể, 02 cá nhân)."
    )
    facts = extract_facts(make_doc(text), DISTRICT)
    assert {(f.value, f.scope) for f in facts} == {(4, None), (1, "tập thể"), (2, "cá nhân")}
    assert ("sum_mismatch", "models.dan_van_kheo") in _rules(text, DISTRICT)


def test_a_complete_list_of_kinds_after_its_count_is_checked_against_it():
    facts, flags = _read_with_flags(
        "Có 214 đơn thuộc thẩm quyền giải quyết, gồm 186 đơn khiếu nại và 25 đơn tố cáo."
    )
    assert ("sum_mismatch", "petitions.in_jurisdiction") in flags


def test_a_zero_kind_after_a_complete_list_joins_it():
    _, flags = _read_with_flags(
        "Xã tiếp nhận 07 đơn, gồm 06 đơn kiến nghị, phản ánh và 01 đơn khiếu nại; không có đơn"
        " tố cáo."
    )
    assert not flags


def test_an_items_own_list_breaks_down_the_item_not_the_whole_before():
    facts, flags = _read_with_flags(
        "Tiếp nhận 1.517 đơn; qua phân loại có 1.208 đơn đủ điều kiện xử lý, gồm 162 đơn khiếu"
        " nại, 57 đơn tố cáo, 989 đơn kiến nghị, phản ánh."
    )
    heads = {k.other.value for f in facts if f.metric == "petitions.complaints" for k in f.links}
    assert heads == {1208} and not flags


def test_items_after_a_superlative_are_scoped_splits_claiming_no_whole():
    facts, flags = _read_with_flags(
        "Tổng số hồ sơ tiếp nhận trong kỳ là 540 hồ sơ. Lĩnh vực có số hồ sơ tiếp nhận nhiều "
        "nhất là chứng thực (188 hồ sơ), tiếp theo là hộ tịch (102 hồ sơ)."
    )
    splits = {(f.metric, f.value, f.scope) for f in facts if f.value in (188, 102)}
    assert splits == {
        ("dossiers.received", 188, "chứng thực"),
        ("dossiers.received", 102, "hộ tịch"),
    }
    assert not flags


def test_a_whole_restated_after_gom_is_checked_against_the_parts_after_co():
    _, flags = _read_with_flags(
        "Số hồ sơ đang giải quyết gồm 240 hồ sơ, có 221 hồ sơ chưa đến hạn và 23 hồ sơ đã quá hạn."
    )
    assert ("sum_mismatch", "dossiers.pending") in flags
    _, flags = _read_with_flags(
        "Số hồ sơ đang giải quyết gồm 240 hồ sơ, có 217 hồ sơ chưa đến hạn và 23 hồ sơ đã quá hạn."
    )
    assert not flags


def test_a_split_by_quarter_checks_each_quarters_rate_and_only_its_cases_against_the_whole():
    _, flags = _read_with_flags(
        "Trong 9 tháng, các tổ hòa giải đã thụ lý 90 vụ việc, hòa giải thành 70 vụ việc. Cụ thể: "
        "quý I, thụ lý 30 vụ việc, hòa giải thành 24 vụ việc, đạt 80%; quý II, thụ lý 25 vụ "
        "việc, hòa giải thành 20 vụ việc, đạt 84%; quý III, thụ lý 35 vụ việc, hòa giải thành 26 "
        "vụ việc, đạt 74,29%."
    )
    assert flags == {("rate_mismatch", "mediation.success_rate")}


def test_a_running_total_opening_the_sentence_dates_the_clause_after_its_semicolon():
    facts = extract_facts(
        make_doc(
            "Lũy kế 9 tháng, các cấp đã giải quyết 28/33 vụ việc khiếu nại, đạt 84,85%; giải quyết "
            "05/06 vụ việc tố cáo, đạt 83,33%."
        ),
        make_meta("2024-M09", doc_date="2024-10-05"),
    )
    assert {f.period for f in facts} == {"2024-9M"}


def test_kinds_in_a_parenthesis_break_down_the_in_jurisdiction_count_not_the_appendix_kinds():
    facts = _read(
        "Qua phân loại, có 96 đơn đủ điều kiện xử lý; trong đó thuộc thẩm quyền 30 đơn "
        "(21 khiếu nại, 09 tố cáo)."
    )
    complaints = next(f for f in facts if f.metric == "petitions.complaints")
    assert [(k.relation, k.other.metric, k.complete) for k in complaints.links] == [
        ("part_of", "petitions.in_jurisdiction", False)
    ]


def test_a_share_after_the_count_a_rate_is_taken_over_is_no_such_rate():
    facts = extract_facts(
        make_doc("Số đơn thuộc thẩm quyền giải quyết của các cấp là 12/40 đơn, chiếm tỷ lệ 30%."),
        META,
    )
    assert not [f for f in facts if f.unit == "%"]


def test_a_zero_clause_after_the_figure_lends_it_none_of_its_words():
    facts = _read(
        "- Số vụ việc thuộc thẩm quyền xử lý, giải quyết: 12 vụ việc (đã giải quyết xong 04 "
        "vụ việc, đang giải quyết 08 vụ việc); không có vụ việc chậm giải quyết, để kéo dài."
    )
    assert not [f for f in facts if f.metric.startswith("complex_cases") and f.value]


def test_kinds_in_a_parenthesis_after_all_kinds_together_are_each_their_own():
    facts = _read(
        "Bí thư cấp ủy các cấp tiếp nhận 58 vụ việc khiếu nại, tố cáo, kiến nghị, phản ánh "
        "(khiếu nại 11 vụ việc, tố cáo 03 vụ việc, kiến nghị, phản ánh 44 vụ việc)."
    )
    assert {f.metric: f.value for f in facts if f.value in (11, 3)} == {
        "petitions.complaints": 11,
        "petitions.denunciations": 3,
    }


def test_petitions_handled_as_a_pair_are_no_resolved_ones_under_a_resolution_heading():
    facts = _read(
        "## 1. Tiếp công dân, giải quyết khiếu nại, tố cáo",
        "Các cơ quan hành chính tiếp nhận 58 đơn, đã xử lý 58/58 đơn; số đơn thuộc thẩm quyền "
        "21 đơn, đã giải quyết 17 đơn.",
    )
    assert {f.metric for f in facts if f.value == 58} == {
        "petitions.received",
        "petitions.processed",
    }
    assert not check_document(META, facts, [])


def test_parts_at_the_towns_own_level_and_at_its_communes_cover_the_whole():
    meta = make_meta("2023-9M", issuer="Thanh tra thị xã Bỉm Sơn")
    facts = extract_facts(
        make_doc(
            "Trong 9 tháng, toàn thị xã tiếp 64 lượt công dân, trong đó có 41 lượt ở thị xã và 26 "
            "lượt ở các phường, xã."
        ),
        meta,
    )
    assert {(f.rule, f.metric) for f in check_document(meta, facts, [])} == {
        ("sum_mismatch", "reception.visits")
    }


def test_a_topic_naming_one_kind_makes_its_pair_that_kinds_unless_it_names_complex_cases():
    facts = _read(
        "Đối với đơn kiến nghị, phản ánh thuộc thẩm quyền, đã giải quyết 54/61 đơn. Đối với "
        "các vụ việc khiếu nại phức tạp, kéo dài, huyện đã rà soát 05 vụ việc và giải quyết "
        "dứt điểm 04 vụ việc, đạt 80%."
    )
    assert {f.metric: f.value for f in facts if f.value in (54, 4)} == {
        "petitions.recommendations.resolved": 54,
        "complex_cases.resolved": 4,
    }


def test_a_sentence_about_the_courts_cases_gives_no_petitions():
    facts = _read(
        "- Tòa án nhân dân hai cấp thụ lý 4.120 vụ việc các loại, đã giải quyết 3.702 vụ việc, "
        "đạt 89,85%.",
        "Đã chuyển 12 đơn đến Tòa án; đã giải quyết 40 đơn thuộc thẩm quyền.",
    )
    assert {(f.metric, f.value) for f in facts} == {
        ("petitions.transferred", 12),
        ("petitions.resolved", 40),
    }


def test_the_ongoing_cases_after_con_complete_the_mediation_results():
    _, flags = _read_with_flags(
        "Các tổ hòa giải đã tiếp nhận 09 vụ việc; trong đó hòa giải thành 05 vụ, hòa giải không "
        "thành 02 vụ, còn 01 vụ đang tiếp tục hòa giải."
    )
    assert flags == {("sum_mismatch", "mediation.cases")}


def test_cases_within_the_authority_to_handle_and_resolve_are_in_jurisdiction():
    facts = _read(
        "## 3. Việc tiếp nhận, xử lý khiếu nại, tố cáo, kiến nghị, phản ánh của dân",
        "- Số vụ việc thuộc thẩm quyền xử lý, giải quyết: 15 vụ việc (đã giải quyết xong 09 "
        "vụ việc, đang giải quyết 06 vụ việc).",
        "- Số vụ việc không thuộc thẩm quyền: 88 vụ việc.",
    )
    assert {f.metric: f.value for f in facts if f.value in (15, 88)} == {
        "petitions.in_jurisdiction": 15,
        "petitions.not_in_jurisdiction": 88,
    }


def test_a_topic_named_with_other_numbers_scopes_nothing_and_the_rate_takes_the_whole():
    facts, rules = _read_with_flags(
        "Hồ sơ nộp trực tuyến 1.393 hồ sơ (mức độ 3: 1.207 hồ sơ; mức độ 4: 186 hồ sơ). "
        "Số dịch vụ công trực tuyến mức độ 3, 4 là 62 thủ tục, đạt 60,19% tổng số 103 TTHC."
    )
    assert {(f.metric, f.scope) for f in facts if f.value == 62} == {("tthc.online_services", None)}
    assert not {r for r, _ in rules} & {"rate_mismatch"}


def test_figures_in_two_parentheses_after_two_levels_are_siblings_of_their_levels():
    facts = _read(
        "Hồ sơ quá hạn chủ yếu ở cấp huyện (214 hồ sơ, tập trung lĩnh vực đất đai) và cấp xã "
        "(57 hồ sơ, chủ yếu lĩnh vực chứng thực)."
    )
    assert {(f.metric, f.value, f.scope) for f in facts} >= {
        ("dossiers.late", 214, "cấp huyện"),
        ("dossiers.late", 57, "cấp xã"),
    }


def test_a_two_sided_label_before_a_colon_names_each_side_of_its_pair():
    facts, rules = _read_with_flags(
        "- Số đơn thuộc thẩm quyền/đã giải quyết: 06/05 đơn; tỷ lệ giải quyết: 83,33%."
    )
    assert {(f.metric, f.value) for f in facts} >= {
        ("petitions.in_jurisdiction", 6),
        ("petitions.resolved", 5),
    }
    assert not rules


def test_a_commune_named_in_a_levels_paragraph_scopes_its_own_figure():
    facts = _read(
        "Ở cấp xã, phường, phần lớn đơn vị giải quyết đạt trên 85%; một số xã còn đạt tỷ lệ thấp "
        "như xã Tân Hưng (giải quyết 3/5 đơn)."
    )
    assert ("petitions.resolved", 3, "Xã Tân Hưng") in {(f.metric, f.value, f.scope) for f in facts}


def test_pairs_by_kind_after_the_kinds_of_the_same_whole_raise_no_sum_flag():
    facts = _read(
        "Đơn thuộc thẩm quyền giải quyết của Sở 47 đơn (khiếu nại 12 đơn, tố cáo 02 đơn, "
        "kiến nghị, phản ánh 33 đơn).",
        "Sở đã giải quyết 44/47 đơn, đạt 93,62%, cụ thể: khiếu nại 11/12 đơn; tố cáo 02/02 đơn; "
        "kiến nghị, phản ánh 31/33 đơn.",
    )
    assert not check_document(META, facts, [])


def test_a_sentence_pointing_back_lists_the_parts_of_the_total_before_it():
    def flags(total: str) -> set[tuple[str, str]]:
        facts = _read(
            f"Trong kỳ, toàn tỉnh tiếp {total} lượt với 1.020 người.",
            "Số lượt tiếp nêu trên gồm: tiếp thường xuyên 640 lượt/702 người; lãnh đạo các cấp "
            "tiếp định kỳ 288 lượt/318 người.",
        )
        return {(f.rule, f.metric) for f in check_document(META, facts, [])}

    assert not flags("928")
    assert ("sum_mismatch", "reception.visits") in flags("946")


def test_a_split_led_by_ve_linh_vuc_breaks_down_the_count_of_the_sentence_before():
    facts = _read(
        "## 2. Kết quả hòa giải",
        "Các tổ hòa giải đã nhận 17 vụ việc. Về lĩnh vực: đất đai 08 vụ, hôn nhân và gia đình "
        "05 vụ, dân sự 04 vụ.",
    )
    parts = [f for f in facts if f.has_link("part_of")]
    assert sorted((f.scope, f.value) for f in parts) == [
        ("dân sự", 4),
        ("hôn nhân và gia đình", 5),
        ("đất đai", 8),
    ]


def test_communes_named_one_by_one_without_cases_have_a_zero_of_their_own():
    facts = _read(
        "## 2. Kết quả hòa giải",
        "Trong năm, các xã Tân Hưng, Mỹ Lộc không phát sinh vụ việc hòa giải.",
    )
    assert [(f.metric, f.value, f.scope) for f in facts] == [
        ("mediation.cases", 0, "các xã Tân Hưng, Mỹ Lộc")
    ]


def test_the_components_of_a_published_index_are_no_figures_of_it():
    meta = make_meta("2023", province="Quảng Bình")
    doc = make_doc(
        "## 3. Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh (PAPI)",
        "Theo Báo cáo PAPI năm 2023, tỉnh Quảng Bình đạt 43,1207 điểm, xếp thứ 24/61 tỉnh, "
        "thành phố. Điểm các chỉ số nội dung: tham gia của người dân ở cấp cơ sở 5,1102 điểm; "
        "công khai, minh bạch 5,4019 điểm; kiểm soát tham nhũng 6,3388 điểm.",
    )
    facts = extract_facts(doc, meta)
    assert sorted((f.metric, f.value) for f in facts) == [
        ("index.papi", 43.1207),
        ("index.papi.rank", 24),
    ]


def test_kinds_under_a_whole_the_table_does_not_state_are_no_parts_of_the_rows_total():
    from tests.conftest import make_table_doc

    rows = [
        ["STT", "Cấp", "Tổng số đơn", "Đủ điều kiện xử lý", "Thuộc thẩm quyền", "", ""],
        ["", "", "", "", "Khiếu nại", "Tố cáo", "Kiến nghị, phản ánh"],
        ["1", "Cấp huyện", "140", "96", "12", "4", "30"],
        ["2", "Cấp xã", "61", "40", "5", "1", "18"],
        ["", "Tổng cộng", "201", "136", "17", "5", "48"],
    ]
    doc = make_table_doc(rows, "Kết quả tiếp nhận, xử lý đơn:")
    facts = extract_facts(doc, META)
    kinds = {(f.metric, f.value) for f in facts if f.scope is None and f.source == "table"}
    assert ("petitions.complaints", 17) in kinds
    assert not check_document(META, facts, [])


YEAR = make_meta("2023")


def _indicator_doc(*body_rows: list[str]):
    from tests.conftest import make_table_doc

    header = ["STT", "Chỉ tiêu", "Đơn vị tính", "Thực hiện năm 2023", "Cùng kỳ năm 2022"]
    return make_table_doc([header, *body_rows], "Biểu tổng hợp các chỉ tiêu:")


def test_kind_sub_rows_of_the_received_row_that_fall_short_are_flagged():
    doc = _indicator_doc(
        ["1", "Tổng số đơn tiếp nhận", "Đơn", "530", "601"],
        ["", "Trong đó:", "", "", ""],
        ["", "- Khiếu nại", "Đơn", "106", "118"],
        ["", "- Tố cáo", "Đơn", "29", "30"],
        ["", "- Kiến nghị, phản ánh", "Đơn", "390", "453"],
        ["2", "Đơn đủ điều kiện xử lý", "Đơn", "459", "510"],
        ["3", "Khiếu nại thuộc thẩm quyền", "Vụ việc", "49", "58"],
        ["4", "Tố cáo thuộc thẩm quyền", "Vụ việc", "3", "5"],
        ["5", "Kiến nghị, phản ánh thuộc thẩm quyền", "Đơn", "28", "31"],
        ["6", "Vụ việc phức tạp, kéo dài", "Vụ", "2", "4"],
    )
    facts = extract_facts(doc, YEAR)
    flags = {(f.rule, f.metric) for f in check_document(YEAR, facts, [])}
    assert flags == {("sum_mismatch", "petitions.received")}  # 106 + 29 + 390 = 525


def test_rows_after_a_total_at_its_own_level_claim_no_sum():
    doc = _indicator_doc(
        ["1", "Tổng số lượt tiếp", "lượt", "274", "251"],
        ["2", "Tổng số người được tiếp", "người", "309", "288"],
        ["3", "Ban Tiếp công dân tiếp thường xuyên", "lượt/người", "66/74", "63/70"],
        ["4", "Số lượt/người được lãnh đạo tiếp", "lượt/người", "31/38", "27/33"],
    )
    assert not check_document(YEAR, extract_facts(doc, YEAR), [])


def test_a_bare_rate_under_a_resolved_row_is_that_counts_rate():
    doc = _indicator_doc(
        ["IV", "Vụ việc phức tạp, kéo dài", "", "", ""],
        ["1", "Số vụ việc phải giải quyết", "Vụ", "06", "08"],
        ["2", "Đã giải quyết", "Vụ", "04", "05"],
        ["", "- Tỷ lệ", "%", "66,67", "62,50"],
        ["3", "Đơn chuyển cơ quan có thẩm quyền, hướng dẫn", "Đơn", "74", "81"],
    )
    facts = {(f.metric, f.value) for f in extract_facts(doc, YEAR) if not f.period}
    assert ("complex_cases.resolution_rate", 66.67) in facts
    assert ("petitions.transferred", 74) in facts


def test_a_rate_after_every_part_is_over_the_base_stated_in_the_sentence_before():
    text = (
        "Trong năm, các tổ hòa giải tiếp nhận 40 vụ việc. Kết quả: hòa giải thành 30 vụ việc, "
        "hòa giải không thành 06 vụ việc, đang hòa giải 04 vụ việc; tỷ lệ hòa giải thành đạt 80%."
    )
    facts = extract_facts(make_doc(text), YEAR)
    assert {(f.rule, f.metric) for f in check_document(YEAR, facts, [])} == {
        ("rate_mismatch", "mediation.success_rate")  # 30/40 = 75%
    }


def test_a_rate_over_a_base_its_own_sentence_names_meets_no_other_base():
    text = (
        "Đã giải quyết 905 hồ sơ, trong đó trước hạn 800 hồ sơ, đúng hạn 100 hồ sơ, quá hạn 05 "
        "hồ sơ. Tính trên 902 hồ sơ đến hạn trả kết quả, tỷ lệ trước hạn và đúng hạn đạt 99,78%."
    )
    facts = extract_facts(make_doc(text), YEAR)
    assert not check_document(YEAR, facts, [])


def test_a_parenthesised_list_after_an_items_last_label_words_breaks_that_item_down():
    def flags(parts: str) -> set:  # (an aside claims no completeness: no sum of its own)
        return _read_with_flags(
            'Toàn huyện đăng ký 85 mô hình "Dân vận khéo", gồm 12 mô hình của các cơ quan cấp '
            f"huyện và 73 mô hình của các xã, thị trấn ({parts})."
        )[1]

    assert not flags("48 mô hình tập thể, 25 mô hình cá nhân")  # 12 + 73 = 85, 48 + 25 = 73


def test_item_paragraphs_ending_with_the_rest_claim_to_be_the_whole():
    def flags(rest: str, last: str = "- Các loại việc khác: {} vụ việc.") -> set:
        doc = make_doc(
            "## 3. Kết quả hòa giải ở cơ sở",
            "Trong năm, các tổ hòa giải ở cơ sở đã tiếp nhận 640 vụ việc. Trong đó:",
            "- Tranh chấp đất đai: 250 vụ việc;",
            "- Mâu thuẫn về hôn nhân và gia đình: 190 vụ việc;",
            last.format(rest),
        )
        return {(f.rule, f.metric) for f in check_document(META, _facts(doc), [])}

    assert not flags("200")
    assert ("sum_mismatch", "mediation.cases") in flags("190")
    # a last item of a kind of its own claims nothing: no sum
    assert not flags("190", "- Tranh chấp dân sự: {} vụ việc.")


def _facts(doc) -> list[Fact]:
    return extract_facts(doc, META)


def test_a_facet_of_the_tables_total_conflicts_with_its_column_whatever_row_shares_its_value():
    from tests.conftest import make_table_doc

    text = (
        "Số hồ sơ đang giải quyết là 70 hồ sơ, trong đó 02 hồ sơ đã quá hạn do chủ đầu tư chậm "
        "bổ sung hồ sơ."
    )
    rows = [
        ["STT", "Lĩnh vực", "Số hồ sơ đang giải quyết", "", ""],
        ["", "", "Tổng số", "Trong hạn", "Quá hạn"],
        ["1", "Hoạt động xây dựng", "45", "43", "2"],
        ["2", "Nhà ở", "25", "24", "1"],
        ["", "Tổng cộng", "70", "67", "3"],
    ]
    facts = extract_facts(make_table_doc(rows, text, "PHỤ LỤC"), make_meta("2022-Q3"))
    scopes = {f.scope for f in facts if f.metric == "dossiers.pending" and f.value == 2}
    assert "đã quá hạn" in scopes  # (its reason, `do chủ đầu tư ...`, names nothing)
    flags = {(f.rule, f.metric) for f in check_document(make_meta("2022-Q3"), facts, [])}
    assert flags == {("value_conflict", "dossiers.pending")}  # 02 against the total row's 3


def test_a_lead_in_inside_an_items_parenthesis_does_not_end_the_list_it_stands_in():
    facts, flags = _read_with_flags(
        'Toàn huyện có 120 mô hình "Dân vận khéo". Theo lĩnh vực: kinh tế 40 mô hình; văn hóa - '
        "xã hội 45 mô hình (trong đó lĩnh vực y tế có 12 mô hình); quốc phòng - an ninh 20 mô "
        "hình; xây dựng hệ thống chính trị 15 mô hình."
    )
    scopes = {f.value: f.scope for f in facts if f.metric == "models.dan_van_kheo"}
    assert scopes[20] == "quốc phòng - an ninh" and scopes[15] == "xây dựng hệ thống chính trị"
    assert not flags  # 40 + 45 + 20 + 15 = 120


def test_after_a_lead_ins_parenthesis_a_figure_of_another_unit_goes_on_no_list():
    _, flags = _read_with_flags(
        "Chủ tịch UBND tỉnh tiếp định kỳ 01 kỳ, gồm 06 lượt/21 người (trong đó 01 đoàn/12 người "
        "của xã Mường Sại); thủ trưởng các sở, ngành tiếp 04 kỳ với 07 lượt/09 người."
    )
    assert not flags  # the 04 sessions are the department heads', no part of the chairman's 01


def test_a_level_split_in_the_sentence_after_a_kinds_pair_is_that_kinds():
    facts, flags = _read_with_flags(
        "- Khiếu nại: đã giải quyết 21/24 đơn (khiếu nại đúng 02, sai 15, rút đơn 04), đạt "
        "87,50%. Trong đó, cấp huyện giải quyết 13/15 đơn; cấp xã giải quyết 08/09 đơn."
    )
    got = {(f.metric, f.value, f.scope) for f in facts}
    assert {
        ("petitions.complaints.resolved", 13, "cấp huyện"),
        ("petitions.complaints", 15, "cấp huyện"),
        ("petitions.complaints.resolved", 8, "cấp xã"),
        ("petitions.complaints", 9, "cấp xã"),
    } <= got
    assert not flags


def test_a_generic_item_larger_than_a_kinds_count_is_no_part_of_it():
    _, flags = _read_with_flags(
        "Đã giải quyết 24/28 vụ việc khiếu nại và 10/12 vụ việc tố cáo thuộc thẩm quyền; trong "
        "đó giải quyết thông qua giải thích, thuyết phục 13 vụ việc, giải quyết bằng quyết định "
        "hành chính 21 vụ việc."
    )
    assert ("part_exceeds_total", "petitions.denunciations.resolved") not in flags
