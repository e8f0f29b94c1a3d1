"""Lists whose items are paragraphs of their own: a lead-in ending in a colon, then `- label:
figure` items, break down the figure of their metric that the lead-in states or follows."""

from __future__ import annotations

from extractors.finders.figures import extract_facts
from tests.conftest import make_doc, make_meta
from warehouse.checks import check_document

META = make_meta("2023-H1")


def read(*texts: str):
    facts = extract_facts(make_doc(*texts), META)
    return facts, {(f.rule, f.metric) for f in check_document(META, facts, [])}


def parts_of(facts, metric: str) -> dict[str | None, tuple[float, bool | None]]:
    return {
        f.scope: (f.value, k.complete)
        for f in facts
        if f.metric == metric
        for k in f.links
        if k.relation == "part_of"
    }


def test_items_after_a_complete_lead_in_are_scoped_parts_of_the_figure_it_follows():
    facts, rules = read(
        "Trong kỳ, Bộ phận Một cửa tiếp nhận mới 1.200 hồ sơ. Hồ sơ tiếp nhận gồm các lĩnh vực:",
        "- Chứng thực: 600 hồ sơ;",
        "- Hộ tịch: 450 hồ sơ;",
        "- Đất đai: 150 hồ sơ.",
    )
    assert parts_of(facts, "dossiers.received") == {
        "Chứng thực": (600, True),
        "Hộ tịch": (450, True),
        "Đất đai": (150, True),
    }
    assert not rules


def test_items_that_miss_the_total_of_a_complete_lead_in_are_a_sum_mismatch():
    _, rules = read(
        "Các tổ hòa giải tiếp nhận 57 vụ việc, gồm:",
        "- Tranh chấp đất đai: 20 vụ việc;",
        "- Hôn nhân và gia đình: 15 vụ việc;",
        "- Các loại việc khác: 20 vụ việc.",
    )
    assert ("sum_mismatch", "mediation.cases") in rules


def test_items_after_a_partial_lead_in_claim_no_whole():
    facts, rules = read(
        "Các tổ hòa giải tiếp nhận 57 vụ việc, trong đó:",
        "- Tranh chấp đất đai: 20 vụ việc;",
        "- Hôn nhân và gia đình: 15 vụ việc.",
    )
    assert {c for _, c in parts_of(facts, "mediation.cases").values()} == {False}
    assert not rules


def test_an_items_aside_is_the_items_and_bounded_by_it():
    _, rules = read(
        "Bộ phận Một cửa tiếp nhận 900 hồ sơ, gồm:",
        "- Hộ tịch: 500 hồ sơ (trong đó trực tuyến 520 hồ sơ);",
        "- Chứng thực: 400 hồ sơ.",
    )
    assert rules == {("part_exceeds_total", "dossiers.online")}


def test_the_next_numbered_heading_ends_the_run():
    facts, rules = read(
        "Bộ phận Một cửa tiếp nhận 900 hồ sơ, gồm:",
        "- Hộ tịch: 500 hồ sơ;",
        "- Chứng thực: 400 hồ sơ.",
        "2. Kết quả giải quyết",
    )
    assert set(parts_of(facts, "dossiers.received")) == {"Hộ tịch", "Chứng thực"}
    assert not rules


def test_the_satisfied_among_the_ratings_are_an_outcome_not_a_figure():
    facts, _ = read(
        "## 3. Đánh giá sự hài lòng",
        "Trong quý có 3.136 lượt đánh giá qua thiết bị, trong đó 3.122 lượt hài lòng, đạt 99,55%.",
    )
    assert {(f.metric, f.value) for f in facts} == {
        ("satisfaction.responses", 3136),
        ("satisfaction.rate", 99.55),
    }


def test_a_level_in_the_figures_phrase_scopes_it_and_its_rate():
    facts, rules = read(
        "Cấp huyện đã giải quyết 41/47 đơn thuộc thẩm quyền, đạt 87,23%; cấp xã đã giải quyết "
        "58/67 đơn, đạt 86,56%."
    )
    scopes = {(f.metric, f.value): f.scope for f in facts}
    assert scopes[("petitions.resolution_rate", 87.23)] == "cấp huyện"
    assert scopes[("petitions.in_jurisdiction", 67)] == "cấp xã"
    assert not rules
    _, wrong = read("Cấp huyện đã giải quyết 41/47 đơn thuộc thẩm quyền, đạt 89,36%.")
    assert ("rate_mismatch", "petitions.resolution_rate") in wrong


def test_a_heading_on_receiving_and_sorting_petitions_names_the_family():
    facts, _ = read(
        "## II. TIẾP NHẬN, PHÂN LOẠI ĐƠN",
        "Số vụ việc thuộc thẩm quyền giải quyết của Chủ tịch UBND các cấp là 57 vụ việc.",
    )
    assert {(f.metric, f.value) for f in facts} == {("petitions.in_jurisdiction", 57)}


def test_the_item_of_the_rest_counts_what_the_others_count():
    facts, rules = read(
        "Bộ phận Một cửa xã tiếp nhận 246 hồ sơ. Số hồ sơ tiếp nhận theo lĩnh vực như sau:",
        "- Chứng thực: 118 hồ sơ;",
        "- Hộ tịch: 64 hồ sơ;",
        "- Các lĩnh vực còn lại: 64 hồ sơ.",
    )
    assert parts_of(facts, "dossiers.received")["Các lĩnh vực còn lại"] == (64, True)
    assert not rules


def test_kinds_that_miss_their_total_after_a_carried_over_aside_are_a_sum_mismatch():
    _, rules = read(
        "Tổng số đơn tiếp nhận là 17 đơn (năm 2019 chuyển sang 02 đơn), gồm: 03 đơn khiếu nại, "
        "01 đơn tố cáo, 12 đơn kiến nghị, phản ánh."
    )
    assert ("sum_mismatch", "petitions.received") in rules


def test_a_bare_dimension_lead_in_is_read_with_the_sentence_before_it():
    facts, rules = read(
        "Bộ phận Một cửa tiếp nhận 236 hồ sơ; trong đó hồ sơ nộp trực tuyến 41 hồ sơ. "
        "Theo lĩnh vực:",
        "- Chứng thực: 128 hồ sơ;",
        "- Hộ tịch: 71 hồ sơ;",
        "- Các lĩnh vực khác: 37 hồ sơ.",
    )
    assert parts_of(facts, "dossiers.received")["Hộ tịch"] == (71, True)
    assert not rules


def test_unread_item_figures_that_add_up_to_the_count_before_a_heading_are_its_parts():
    facts, rules = read(
        "Các tổ hòa giải trên địa bàn huyện tiếp nhận 150 vụ việc; hòa giải thành 120 vụ việc.",
        "2. Kết quả theo lĩnh vực",
        "Kết quả theo từng lĩnh vực như sau:",
        "- Đất đai (ranh giới, lối đi): 90 vụ việc, hòa giải thành 70 vụ việc, đạt 77,78%.",
        "- Hôn nhân và gia đình: 60 vụ việc, hòa giải thành 50 vụ việc. Tỷ lệ hòa giải thành "
        "của lĩnh vực này đạt 80,33%.",
    )
    cases = parts_of(facts, "mediation.cases")
    assert cases == {"Đất đai": (90, False), "Hôn nhân và gia đình": (60, False)}
    # the rate of the next sentence is the item's: 50/60 = 83,33
    assert ("rate_mismatch", "mediation.success_rate") in rules


def test_items_that_add_up_to_no_count_before_them_stay_unread():
    facts, _ = read(
        "Các tổ hòa giải trên địa bàn huyện tiếp nhận 150 vụ việc.",
        "Kết quả theo từng lĩnh vực như sau:",
        "- Đất đai: 95 vụ việc, hòa giải thành 70 vụ việc;",
        "- Hôn nhân và gia đình: 60 vụ việc, hòa giải thành 50 vụ việc.",
    )
    assert not {f.value for f in facts if f.metric == "mediation.cases"} & {95, 60}


def test_a_list_of_another_dimension_after_a_full_breakdown_breaks_down_the_whole():
    facts, rules = read(
        "Tổng số đơn nhận được trong năm là 62 đơn. Nội dung đơn gồm: khiếu nại 05 đơn; tố cáo 02 "
        "đơn; kiến nghị, phản ánh 55 đơn.",
        "Phân theo lĩnh vực, đất đai 40 đơn; chính sách xã hội 12 đơn; lĩnh vực khác 10 đơn.",
    )
    parts = parts_of(facts, "petitions.received")
    assert {v for v, _ in parts.values()} == {40, 12, 10}
    assert not {f.value for f in facts if f.metric == "petitions.recommendations"} & {40, 12, 10}
    assert not rules


def test_an_item_labelled_with_a_kind_states_the_figure_of_that_kind():
    facts, _ = read(
        "Giám đốc Sở đã giải quyết 24/27 đơn thuộc thẩm quyền. Cụ thể:",
        "- Khiếu nại: đã giải quyết 10 đơn;",
        "- Tố cáo: đã giải quyết 02 đơn;",
        "- Kiến nghị, phản ánh: đã xem xét, trả lời 12 đơn.",
    )
    got = {(f.metric, f.value) for f in facts}
    assert {
        ("petitions.complaints.resolved", 10),
        ("petitions.denunciations.resolved", 2),
    } <= got
    assert ("petitions.resolved", 10) not in got


def test_a_section_headed_by_a_longer_period_of_the_year_states_that_periods_figures():
    meta = make_meta("2024-Q2")
    doc = make_doc(
        "## I. CÔNG TÁC TIẾP CÔNG DÂN",
        "Trong quý II, cấp huyện tiếp 74 lượt.",
        "## 2. Lũy kế 6 tháng đầu năm 2024",
        "Từ đầu năm, các cơ quan tiếp 342 lượt/401 người, trong đó cấp huyện tiếp 71 lượt, cấp xã "
        "tiếp 271 lượt.",
    )
    facts = extract_facts(doc, meta)
    assert {f.period for f in facts if f.value in (342, 71, 271)} == {"2024-H1"}
    flags = {(f.rule, f.metric) for f in check_document(meta, facts, [])}
    assert ("period_rollup", "reception.visits") in flags


def test_topic_items_under_a_lead_in_naming_their_whole_count_that_whole():
    facts, _ = read(
        "Phân theo lĩnh vực, đơn đủ điều kiện xử lý gồm:",
        "- Đất đai, bồi thường giải phóng mặt bằng: 126 đơn;",
        "- Môi trường: 28 đơn;",
        "- Chế độ, chính sách: 17 đơn;",
        "- Lĩnh vực khác: 20 đơn.",
    )
    assert {f.value for f in facts if f.metric == "petitions.eligible"} == {126, 28, 17, 20}


def test_outcome_items_a_catalog_sum_makes_the_whole_of_keep_their_own_metrics():
    facts, rules = read(
        "Các tổ hòa giải trên địa bàn huyện thụ lý 63 vụ việc. Kết quả:",
        "- Hòa giải thành: 51 vụ việc, đạt 80,95%;",
        "- Hòa giải không thành: 08 vụ việc;",
        "- Đang hòa giải: 04 vụ việc.",
        "Chia theo lĩnh vực, cụ thể: đất đai 24 vụ việc; hôn nhân và gia đình 19 vụ việc; vay "
        "mượn tài sản 09 vụ việc; mâu thuẫn trong bản 08 vụ việc; các việc khác 05 vụ việc.",
    )
    got = {(f.metric, f.value) for f in facts}
    assert {("mediation.successful", 51), ("mediation.unsuccessful", 8)} <= got
    assert ("mediation.ongoing", 4) in got
    # the field list after the run breaks down the 63 the run added up to: 65, not 63
    assert ("sum_mismatch", "mediation.cases") in rules
    assert {v for v, _ in parts_of(facts, "mediation.cases").values()} == {24, 19, 9, 8, 5}


def test_a_sentence_opening_with_a_quarter_of_the_year_states_that_quarters_figures():
    meta = make_meta("2023-9M")
    doc = make_doc(
        "Trong 9 tháng có 04 đoàn đông người với 57 người đến Trụ sở Tiếp công dân huyện.",
        "Riêng quý III năm 2023 (từ ngày 15/6 đến ngày 14/9/2023), toàn huyện tiếp 156 lượt/184 "
        "người; phát sinh 05 đoàn đông người.",
        "Thực hiện Kế hoạch thanh tra năm 2023, Thanh tra huyện đã triển khai 06 cuộc thanh tra.",
    )
    facts = extract_facts(doc, meta)
    assert {f.period for f in facts if f.value in (156, 5)} == {"2023-Q3"}
    assert next(f for f in facts if f.value == 6).period is None  # the year dates the plan
    flags = {(f.rule, f.metric) for f in check_document(meta, facts, [])}
    assert ("period_rollup", "reception.delegations") in flags


def test_sub_headed_paragraphs_after_a_complete_lead_in_break_down_each_count_it_states():
    facts, rules = read(
        "Trong kỳ, các cơ quan trên địa bàn huyện đã tiếp 120 lượt/150 người, gồm:",
        "## 1.1. Tiếp thường xuyên",
        "Ban Tiếp công dân huyện trực tiếp 70 lượt/82 người.",
        "## 1.2. Tiếp định kỳ và đột xuất",
        "Chủ tịch UBND huyện tiếp 20 lượt/30 người.",
        "## 1.3. Tiếp công dân ở cấp xã",
        "Các xã tiếp 25 lượt/38 người.",
        "Ngoài ra, huyện tổ chức 02 cuộc đối thoại.",
    )
    visits = {f.metric: f.value for f in facts if f.has_link("part_of") and f.unit == "lượt"}
    assert visits["reception.regular.visits"] == 70
    assert sum(f.value for f in facts if f.has_link("part_of") and f.unit == "người") == 150
    assert ("sum_mismatch", "reception.visits") in rules  # 70 + 20 + 25 = 115, not 120
    assert ("sum_mismatch", "reception.persons") not in rules


def test_sub_headed_paragraphs_of_another_count_break_nothing_down():
    facts, rules = read(
        "Trong kỳ, huyện đã tiếp 120 lượt công dân, kết quả cụ thể:",
        "## 1.1. Tiếp nhận đơn",
        "Tiếp nhận 40 đơn các loại.",
        "## 1.2. Giải quyết đơn",
        "Đã giải quyết 30 đơn.",
    )
    assert not any(f.has_link("part_of") for f in facts)
    assert not rules


def test_a_split_after_the_sub_headed_items_that_adds_up_to_the_lead_in_splits_its_whole():
    facts, rules = read(
        "Trong quý, UBND xã đã tiếp 23 lượt/27 người, gồm:",
        "## 2.1. Tiếp công dân thường xuyên",
        "Bộ phận tiếp công dân tiếp 15 lượt/17 người.",
        "## 2.2. Tiếp công dân đột xuất",
        "Chủ tịch UBND xã tiếp đột xuất 01 buổi với 08 lượt/10 người.",
        "Nội dung chủ yếu thuộc lĩnh vực đất đai (14 lượt), chế độ chính sách (05 lượt), các nội "
        "dung khác (04 lượt).",
    )
    split = {f.value: f.metric for f in facts if f.block_index == 5}
    assert split == {14: "reception.visits", 5: "reception.visits", 4: "reception.visits"}
    assert not rules


def test_items_of_a_catalog_sums_parts_break_down_its_whole():
    facts, rules = read(
        "Số hồ sơ tiếp nhận mới trong tháng: 168 hồ sơ, trong đó:",
        "+ Tiếp nhận trực tuyến: 117 hồ sơ;",
        "+ Tiếp nhận trực tiếp: 48 hồ sơ;",
        "+ Tiếp nhận qua dịch vụ bưu chính công ích: 03 hồ sơ.",
    )
    parts = {f.metric: f.value for f in facts if f.has_link("part_of")}
    assert parts == {"dossiers.online": 117, "dossiers.in_person": 48, "dossiers.postal": 3}
    assert not rules
    _, rules = read(
        "Số hồ sơ tiếp nhận mới trong tháng: 170 hồ sơ, trong đó:",
        "+ Tiếp nhận trực tuyến: 117 hồ sơ;",
        "+ Tiếp nhận trực tiếp: 48 hồ sơ;",
        "+ Tiếp nhận qua dịch vụ bưu chính công ích: 03 hồ sơ.",
    )
    assert ("sum_mismatch", "dossiers.received") in rules


def test_level_items_whose_staff_and_leader_share_the_count_raise_no_sum():
    facts, rules = read(
        "Toàn huyện tiếp 120 lượt/140 người. Cụ thể:",
        "a) Cấp huyện: Ban Tiếp công dân huyện tiếp thường xuyên 30 lượt/34 người; Chủ tịch UBND"
        " huyện tiếp định kỳ 04 kỳ, tiếp 12 lượt/15 người.",
        "b) Cấp xã: Chủ tịch UBND và công chức các xã tiếp 78 lượt/91 người.",
    )
    assert ("reception.visits", 78.0) in {(f.metric, f.value) for f in facts}
    assert not rules


def test_a_note_on_the_units_left_out_of_a_table_gives_no_zero():
    facts, rules = read(
        "Toàn huyện tiếp 120 lượt công dân.",
        "Ghi chú: Các xã không có tên trong biểu không phát sinh lượt tiếp công dân trong kỳ.",
    )
    assert [f.value for f in facts if f.metric == "reception.visits"] == [120.0]
    assert not rules
