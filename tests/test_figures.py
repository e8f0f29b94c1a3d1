"""extract_facts on small documents written for these tests: provenance, pairs, qualifiers,
periods, scopes, zeros, malformed numbers, plans."""

from __future__ import annotations

from pathlib import Path

from extractors.finders.figures import extract_facts
from extractors.finders.prose.spans import numbers_in
from model import FOOTNOTE, HEADING, PARAGRAPH, Block, DocMeta, Document
from tests.conftest import make_doc, make_meta
from warehouse.checks import check_document


def doc_of(
    *paragraphs: str, footnotes: dict[str, str] | None = None, refs: list[str] | None = None
) -> Document:
    blocks = [
        Block(PARAGRAPH, p, page=i + 1, footnote_refs=(refs or []) if i == 0 else [])
        for i, p in enumerate(paragraphs)
    ]
    for label, text in (footnotes or {}).items():
        blocks.append(Block(FOOTNOTE, text, page=1, label=label))
    return Document(Path("bao_cao.docx"), blocks, "docx").reindex()


def facts_of(*paragraphs: str, period: str = "2023", doc_type: str = "bao_cao", **kw):
    doc = doc_of(*paragraphs, **kw)
    return doc, extract_facts(doc, DocMeta(doc_type=doc_type, period=period))


def by_metric(facts):
    return {(f.metric, f.value): f for f in facts}


def test_every_fact_points_at_its_number_in_the_document_text():
    doc, facts = facts_of(
        "Ban Tiếp công dân huyện tiếp thường xuyên 45 lượt, 52 người.",
        "Tiếp nhận 1.234 hồ sơ, đã giải quyết 1.230 hồ sơ, đạt 99,68% đúng hạn.",
    )
    assert facts
    for f in facts:
        assert doc.text[f.start : f.end] == f.raw
        assert f.evidence and f.block_index is not None and f.page == f.block_index + 1
    assert by_metric(facts)[("dossiers.received", 1234)].raw == "1.234"


def test_figures_of_one_sentence_share_a_group_and_a_pair_gives_both_numbers():
    _, facts = facts_of("Kết quả giải quyết đơn khiếu nại: 12 đơn/10 đơn, đạt 83,33%.")
    got = by_metric(facts)
    total, part, rate = (
        got[("petitions.complaints", 12)],
        got[("petitions.complaints.resolved", 10)],
        got[("petitions.complaints.resolution_rate", 83.33)],
    )
    assert total.group == part.group == rate.group
    assert rate.decimals == 2


def test_two_counts_of_different_units_are_not_a_pair():
    _, facts = facts_of("Chủ tịch UBND xã tiếp định kỳ 12 kỳ, 30 lượt/34 người.")
    got = by_metric(facts)
    assert ("reception.leader.visits", 30) in got and ("reception.leader.persons", 34) in got


def test_qualifiers_before_the_number():
    _, facts = facts_of(
        "Tiếp nhận hơn 25.000 hồ sơ; gần 92% hồ sơ được giải quyết trước hạn và đúng hạn; "
        "ước tiếp 1.200 lượt công dân."
    )
    got = by_metric(facts)
    assert got[("dossiers.received", 25000)].qualifier == "more_than"
    assert got[("dossiers.on_time_rate", 92)].qualifier == "about"
    assert got[("reception.visits", 1200)].qualifier == "exact"


def test_a_stated_sub_period_is_the_fact_period():
    _, facts = facts_of("Trong 9 tháng đầu năm 2023, các cơ quan đã tiếp 310 lượt công dân.")
    assert by_metric(facts)[("reception.visits", 310)].period == "2023-9M"


def test_chairman_sessions_carry_a_scope():
    _, facts = facts_of("Chủ tịch UBND huyện tiếp công dân định kỳ 12 kỳ với 45 lượt.")
    fact = by_metric(facts)[("reception.leader.sessions", 12)]
    assert fact.scope and "Chủ tịch UBND huyện" in fact.scope


def test_comparisons_targets_and_previous_values_are_left_out():
    _, facts = facts_of(
        "Tiếp nhận 96 đơn, giảm 15 đơn so với cùng kỳ năm 2022 (cùng kỳ năm trước 111 đơn).",
        "Phấn đấu tỷ lệ giải quyết đơn đạt trên 90%.",
    )
    values = {f.value for f in facts}
    assert 96 in values and not values & {15, 111, 90}


def test_dates_and_document_numbers_are_not_figures():
    _, facts = facts_of(
        "Thực hiện Kế hoạch số 45/KH-UBND ngày 12/3/2024 và Nghị định số 64/2014/NĐ-CP, "
        "Ban Tiếp công dân tiếp 20 lượt."
    )
    assert {f.value for f in facts} == {20}


def test_zero_answers_count():
    _, facts = facts_of(
        "- Tổng số đoàn kiểm tra: Không.", "Trong kỳ không có đơn khiếu nại, tố cáo."
    )
    got = by_metric(facts)
    assert ("inspection.teams", 0) in got
    assert ("petitions.complaints", 0) in got and ("petitions.denunciations", 0) in got


def test_a_malformed_number_is_kept_with_no_value():
    _, facts = facts_of("Tỷ lệ hộ nghèo 03,%.")
    bad = [f for f in facts if f.metric == "econ.poverty_rate"]
    assert bad and bad[0].value is None and bad[0].raw.startswith("03,")


def test_footnote_figures_are_marked_as_footnote_source():
    _, facts = facts_of(
        "Công tác tiếp công dân được thực hiện nghiêm túc.",
        footnotes={"3": "Tiếp 87 lượt, 95 người."},
        refs=["3"],
    )
    fact = by_metric(facts)[("reception.visits", 87)]
    assert fact.source == "footnote"


def test_a_plan_has_no_facts():
    _, facts = facts_of(
        "Phấn đấu 100% hồ sơ được giải quyết đúng hạn; tiếp 100% công dân đến kiến nghị.",
        doc_type="ke_hoach",
    )
    assert facts == []


def test_a_period_before_the_verb_leaves_the_figures_words_to_the_figure():
    _, facts = facts_of(
        "Trong 6 tháng đầu năm 2023 đã tiếp nhận 2.914 hồ sơ.",
        "Lũy kế 9 tháng đầu năm 2023 tiếp nhận mới 5.120 hồ sơ.",
        period="2023",
    )
    assert [(f.metric, f.value) for f in facts] == [
        ("dossiers.received", 2914),
        ("dossiers.received", 5120),
    ]


def test_a_title_on_the_dan_van_kheo_movement_names_the_models_it_counts():
    doc = doc_of("Toàn tỉnh có 241 mô hình, điển hình ở lĩnh vực kinh tế.")
    titled = DocMeta(doc_type="bao_cao", period="2023", title='Kết quả phong trào "Dân vận khéo"')
    assert [(f.metric, f.value) for f in extract_facts(doc, titled)] == [
        ("models.dan_van_kheo", 241)
    ]
    other = DocMeta(doc_type="bao_cao", period="2023", title="Kết quả công tác tiếp công dân")
    assert extract_facts(doc, other) == []


def test_inspections_done_as_planned_are_a_track_not_a_measure_against_the_plan():
    _, facts = facts_of(
        "Toàn ngành triển khai 54 cuộc thanh tra tại 147 đơn vị, gồm 46 cuộc theo kế hoạch và "
        "08 cuộc đột xuất. Các sở thực hiện 236 cuộc thanh tra, kiểm tra chuyên ngành (theo kế "
        "hoạch 171 cuộc, đột xuất 65 cuộc). Giải quyết 45 hồ sơ, đạt 120,49% kế hoạch."
    )
    got = {(f.value, f.scope) for f in facts if f.metric == "inspection.teams"}
    assert (46, "theo kế hoạch") in got
    # (a split of the track is scoped by its label within the track, as `đột xuất` is)
    assert (171, "theo kế hoạch, thanh tra, kiểm tra chuyên ngành") in got
    assert not any(f.unit == "%" for f in facts)


def test_visits_of_other_bodies_after_the_leaders_clause_are_all_visits_with_their_persons():
    _, facts = facts_of(
        "Cấp tỉnh tiếp 318 lượt/402 người (Ban Tiếp công dân tỉnh tiếp thường xuyên 241 lượt/289 "
        "người; lãnh đạo UBND tỉnh tiếp định kỳ 07 kỳ với 29 lượt/51 người; các sở, ngành tiếp 48 "
        "lượt/62 người)."
    )
    got = {(f.metric, f.value) for f in facts}
    assert {("reception.visits", 48), ("reception.persons", 62)} <= got
    assert ("reception.leader.persons", 51) in got


def test_a_count_its_carried_over_and_new_halves_make_up_is_to_be_resolved():
    _, facts = facts_of(
        "Bộ phận Một cửa đã tiếp nhận 2.416 hồ sơ (kỳ trước chuyển sang 12 hồ sơ; tiếp nhận mới "
        "2.404 hồ sơ). Cùng kỳ năm 2022, xã tiếp nhận 1.985 hồ sơ."
    )
    assert {(f.metric, f.value) for f in facts} == {
        ("dossiers.to_resolve", 2416),
        ("dossiers.carried_over", 12),
        ("dossiers.received", 2404),
    }


def test_what_is_left_to_do_is_no_figure_of_a_metric_without_a_pending_id():
    _, facts = facts_of(
        "Tỷ lệ giải quyết cao hơn cùng kỳ; còn 02 vụ việc phức tạp tại huyện Lương Sơn chưa giải "
        "quyết dứt điểm. Hiện còn 14 đơn chưa giải quyết."
    )
    assert [(f.metric, f.value) for f in facts] == [("petitions.pending", 14)]


def test_no_complex_complaint_or_denunciation_is_a_zero_of_complex_cases():
    _, facts = facts_of("Không có vụ việc khiếu nại, tố cáo phức tạp, kéo dài trên địa bàn huyện.")
    assert [(f.metric, f.value) for f in facts] == [("complex_cases.total", 0)]


def test_houses_built_by_a_model_are_no_models():
    _, facts = facts_of(
        'Toàn thị xã có 21 mô hình "Dân vận khéo", gồm 12 mô hình tập thể và 09 điển hình cá nhân; '
        "nổi bật là mô hình vận động xây dựng 46 căn nhà tình thương."
    )
    assert 46 not in {f.value for f in facts}


def test_verdict_items_under_the_cases_in_jurisdiction_are_outcomes_and_xay_dung_is_no_verdict():
    _, facts = facts_of(
        "Đơn thuộc thẩm quyền 11 đơn (lĩnh vực đất đai 07 đơn, trật tự xây dựng 03 đơn, môi "
        "trường 01 đơn). Khiếu nại: giải quyết 06/07 vụ việc; khiếu nại sai 04 vụ việc, đúng một "
        "phần 02 vụ việc.",
        period="2023",
    )
    values = {f.value for f in facts}
    assert {11, 7, 3, 1} <= values
    assert not {4, 2} & values


def test_a_clause_opening_with_rieng_and_a_subject_states_its_figures():
    _, facts = facts_of(
        "Riêng khối chính quyền các cấp có 71 mô hình. Riêng UBND huyện thụ lý 18 đơn thuộc "
        "thẩm quyền, đã giải quyết 16 đơn.",
        doc_type="bao_cao",
    )
    assert {(f.value, f.scope) for f in facts if f.value in (18, 16)} == {
        (18, "UBND huyện"),
        (16, "UBND huyện"),
    }


def test_a_bloc_subject_scopes_its_figure_after_a_count_of_every_bloc():
    _, facts = facts_of(
        'Năm 2024, các cấp trong huyện công nhận 118 mô hình "Dân vận khéo". Khối chính quyền '
        "có 31 mô hình, điển hình, chủ yếu trong cải cách hành chính.",
        doc_type="bao_cao",
    )
    assert {(f.value, f.scope) for f in facts} == {(118, None), (31, "khối chính quyền")}


def test_a_bloc_subject_without_a_count_of_every_bloc_is_the_reports_own_subject():
    _, facts = facts_of(
        'Năm 2024, khối chính quyền các cấp có 96 mô hình "Dân vận khéo" được công nhận.',
        doc_type="bao_cao",
    )
    assert {(f.value, f.scope) for f in facts} == {(96, None)}


def test_specialised_inspections_are_scoped_to_their_track():
    _, facts = facts_of(
        "Thanh tra tỉnh triển khai 27 cuộc thanh tra hành chính tại 61 đơn vị. Thanh tra các sở "
        "thực hiện 142 cuộc thanh tra, kiểm tra chuyên ngành đối với 1.286 tổ chức, cá nhân."
    )
    scopes = {f.value: f.scope for f in facts}
    assert scopes[27] is None and scopes[61] is None
    assert scopes[142] == scopes[1286] == "thanh tra, kiểm tra chuyên ngành"


def test_a_channel_after_va_is_not_ruled_out_by_the_channel_before_it():
    _, facts = facts_of(
        "Trung tâm tiếp nhận mới 18.420 hồ sơ; trong đó trực tuyến 12.306 hồ sơ, trực tiếp tại "
        "quầy 5.402 hồ sơ và qua dịch vụ bưu chính công ích (BCCI) 712 hồ sơ.",
        doc_type="bao_cao",
    )
    assert ("dossiers.postal", 712) in {(f.metric, f.value) for f in facts}


def test_semicolons_inside_a_parenthesis_only_part_its_items():
    _, facts = facts_of(
        "Toàn tỉnh tiếp nhận mới 301.420 hồ sơ (cấp tỉnh 80.112 hồ sơ; cấp huyện 90.205 hồ sơ; "
        "cấp xã 131.103 hồ sơ), hồ sơ từ kỳ trước chuyển sang là 6.210 hồ sơ.",
        doc_type="bao_cao",
    )
    got = {(f.metric, f.value) for f in facts}
    assert {("dossiers.received", 90205), ("dossiers.received", 131103)} <= got


def test_a_count_said_to_be_still_verified_after_it_is_pending():
    _, facts = facts_of(
        "Đã giải quyết 04 đơn; 02 đơn đang được xác minh, dự kiến trả lời công dân tháng sau.",
        doc_type="bao_cao",
    )
    assert ("petitions.pending", 2) in {(f.metric, f.value) for f in facts}


def test_a_rate_after_its_count_in_a_level_clause_is_of_that_level():
    _, facts = facts_of(
        "Cấp tỉnh giải quyết 21.402 hồ sơ, đúng hạn 99,65%; cấp huyện giải quyết 37.630 hồ sơ, "
        "đúng hạn 99,49%.",
        doc_type="bao_cao",
    )
    rates = {(f.value, f.scope) for f in facts if f.metric == "dossiers.on_time_rate"}
    assert rates == {(99.65, "cấp tỉnh"), (99.49, "cấp huyện")}


def test_no_overdue_petitions_is_no_zero_of_the_resolved_but_none_pending_overdue_is():
    _, facts = facts_of("Trong quý không có đơn quá hạn giải quyết.", doc_type="bao_cao")
    assert not facts
    _, facts = facts_of("Không có hồ sơ đang giải quyết quá hạn.", doc_type="bao_cao")
    assert {(f.metric, f.value) for f in facts} == {("dossiers.pending", 0)}


def test_the_communes_as_one_body_scope_their_reception():
    _, facts = facts_of(
        "Toàn huyện đã tiếp 520 lượt/566 người, trong đó: Ban Tiếp công dân huyện tiếp thường "
        "xuyên 150 lượt/170 người; UBND các xã, thị trấn tiếp 370 lượt/396 người.",
        doc_type="bao_cao",
    )
    assert ("reception.visits", 370, "UBND các xã, thị trấn") in {
        (f.metric, f.value, f.scope) for f in facts
    }


def test_an_opening_period_said_again_as_a_window_still_dates_every_clause():
    text = (
        "Riêng tháng 3 năm 2024 (từ ngày 15/02/2024 đến ngày 14/3/2024), Trung tâm tiếp nhận "
        "7.105 hồ sơ; giải quyết 6.934 hồ sơ."
    )

    facts = extract_facts(make_doc(text), make_meta("2024-Q1"))
    assert {f.period for f in facts} == {"2024-M03"}


def test_a_place_kind_in_the_plural_names_no_place_but_a_named_place_after_tai_does():
    listed = numbers_in("gồm khối chính quyền 03 và các chi bộ thôn 01 mô hình")
    assert [n.skip for n in listed] == [None, None]
    named = numbers_in("tranh chấp giữa các hộ tại thôn 10 và bon Bu Bơ")
    assert [n.skip for n in named] == ["place name"]


def test_a_level_led_in_with_a_comma_scopes_its_sentence():
    _, facts = facts_of(
        "Tại cấp xã, Bộ phận Một cửa tiếp nhận 12.480 hồ sơ, đã giải quyết 12.452 hồ sơ.",
        doc_type="bao_cao",
    )
    assert {f.scope for f in facts} == {"cấp xã"}


def test_a_rate_that_names_itself_is_not_the_rate_of_the_count_before_it():
    _, facts = facts_of(
        "Đã giải quyết 3.754 hồ sơ, trong đó trước hạn và đúng hạn 3.716 hồ sơ, quá hạn 38 hồ "
        "sơ, tỷ lệ giải quyết đúng hạn đạt 98,99%.",
        doc_type="bao_cao",
    )
    assert ("dossiers.on_time_rate", 98.99) in {(f.metric, f.value) for f in facts}


def test_a_count_said_again_as_a_pair_in_its_parenthesis_gets_its_base_and_rate_check():
    text = "Các cơ quan đã giải quyết 27 đơn (27/31 đơn thuộc thẩm quyền, đạt 89,1%)."

    meta = make_meta("2024-9M")
    facts = extract_facts(make_doc(text), meta)
    assert ("petitions.in_jurisdiction", 31) in {(f.metric, f.value) for f in facts}
    assert "rate_mismatch" in {f.rule for f in check_document(meta, facts, [])}


def test_two_levels_joined_or_listed_before_a_figure_scope_it_together():
    _, facts = facts_of(
        "Tổng số đơn tiếp nhận là 2.036 đơn, trong đó cấp tỉnh tiếp nhận 734 đơn, cấp huyện và "
        "cấp xã tiếp nhận 1.302 đơn.",
        doc_type="bao_cao",
    )
    assert ("petitions.received", 1302, "cấp huyện và cấp xã") in {
        (f.metric, f.value, f.scope) for f in facts
    }


def test_a_rate_after_an_aside_of_level_pairs_is_the_rate_of_the_pair_before_the_aside():
    text = (
        "Các cơ quan đã giải quyết 402/437 đơn thuộc thẩm quyền (cấp tỉnh 87/96 đơn; cấp huyện, "
        "cấp xã 315/341 đơn), đạt tỷ lệ 93,2%."
    )

    meta = make_meta("2023", issuer="Thanh tra tỉnh Hà Giang")
    facts = extract_facts(make_doc(text), meta)
    flags = check_document(meta, facts, [])
    assert [f.rule for f in flags] == ["rate_mismatch"]
    assert "402/437" in flags[0].message


def test_no_dossier_received_or_returned_by_post_is_a_zero_of_the_postal_ones():
    _, facts = facts_of(
        "Không có hồ sơ tiếp nhận, trả kết quả qua dịch vụ bưu chính công ích.", doc_type="bao_cao"
    )
    assert {(f.metric, f.value) for f in facts} == {("dossiers.postal", 0)}


def test_outcomes_listed_without_a_lead_in_are_no_figures():
    _, facts = facts_of(
        "Qua giải quyết, khiếu nại đúng 04 đơn, đúng một phần 09 đơn, sai 18 đơn.",
        doc_type="bao_cao",
    )
    assert not facts


def test_a_sub_heading_naming_a_level_scopes_the_figures_under_it():
    blocks = [
        Block(HEADING, "2. Kết quả tiếp nhận, giải quyết hồ sơ", page=1),
        Block(HEADING, "a) Tại Bộ phận Một cửa cấp huyện", page=1),
        Block(PARAGRAPH, "Số hồ sơ tiếp nhận mới trong kỳ: 9.386 hồ sơ.", page=1),
    ]
    doc = Document(Path("bao_cao.docx"), blocks, "docx").reindex()
    facts = extract_facts(doc, make_meta("2023-9M"))
    assert {(f.value, f.scope) for f in facts} == {(9386, "cấp huyện")}


def test_a_month_of_the_period_named_without_its_year_dates_the_figure_a_dates_month_does_not():
    meta = make_meta("2024-Q3")
    month = extract_facts(
        make_doc("Trong quý, tháng 9 là tháng có nhiều lượt tiếp nhất (47 lượt)."), meta
    )
    date = extract_facts(make_doc("Ngày 15 tháng 9 Ban Tiếp công dân tiếp 12 lượt."), meta)
    assert {f.period for f in month} == {"2024-M09"}
    assert {f.period for f in date} == {None}


def test_a_value_in_parentheses_after_a_compared_period_is_that_periods():
    _, facts = facts_of(
        "Tỷ lệ hòa giải thành của tỉnh cao hơn năm 2022 (80,1%) và xếp thứ 3/14 tỉnh khu vực.",
        doc_type="bao_cao",
    )
    assert not facts


def test_a_body_named_as_the_sentences_topic_scopes_every_clause():
    _, facts = facts_of(
        "Riêng tại Bộ phận Một cửa huyện, số hồ sơ kỳ trước chuyển sang là 186 hồ sơ; số hồ sơ"
        " tiếp nhận trực tuyến 1.402 hồ sơ."
    )
    assert {f.scope for f in facts} == {"Bộ phận Một cửa huyện"}
