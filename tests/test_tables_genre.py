"""Tables read by their headers: per-unit tables with totals, indicator lists with a unit
column, terse headers whose neighbours give the subject."""

from __future__ import annotations

from pathlib import Path

from extractors.finders.tables import extract_table_facts
from model import Block, DocMeta, Document
from tests.fixtures.tables.genre_tables import (
    INDICATORS_WITH_UNIT_COLUMN,
    MEDIATION_BY_COMMUNE,
    PER_UNIT_WITH_TOTAL,
)
from warehouse.checks import check_document

META = DocMeta(doc_type="bao_cao", period="2024-H1", doc_date="2024-06-20")


def facts_of(rows, caption: str = "BÁO CÁO"):
    doc = Document(
        Path("x.docx"), [Block("paragraph", caption), Block("table", "", rows=rows)], "docx"
    ).reindex()
    return doc, extract_table_facts(doc, META)


def test_per_unit_table_gives_one_fact_per_unit_and_metric_scoped_to_the_unit_plus_the_total():
    _, facts = facts_of(PER_UNIT_WITH_TOTAL)
    got = {(f.metric, f.value, f.scope) for f in facts}
    assert ("reception.visits", 120, "Huyện Tân Lập") in got
    assert ("reception.persons", 101, "Huyện Phú Mỹ") in got
    assert ("reception.delegations", 2, None) in got
    assert ("petitions.resolved", 67, None) in got
    assert (
        len(facts) == 15
    )  # 5 metrics x (2 units + total); STT, column numbers and notes give none


def test_indicator_rows_read_with_their_unit_column_and_comparison_column_ignored():
    _, facts = facts_of(INDICATORS_WITH_UNIT_COLUMN)
    got = {(f.metric, f.value) for f in facts}
    assert got == {
        ("dossiers.received", 12345),
        ("dossiers.resolved", 12001),
        ("dossiers.on_time_rate", 99.12),
        ("mediation.cases", 36),
        ("mediation.successful", 32),
    }


def test_terse_headers_take_their_subject_from_the_other_headers():
    _, facts = facts_of(MEDIATION_BY_COMMUNE)
    totals = {(f.metric, f.value) for f in facts if f.scope is None}
    assert totals == {
        ("mediation.cases", 16),
        ("mediation.successful", 15),
        ("mediation.unsuccessful", 1),
        ("mediation.success_rate", 93.75),
    }


def test_table_facts_keep_row_and_column_provenance():
    _, facts = facts_of(PER_UNIT_WITH_TOTAL)
    f = next(f for f in facts if f.value == 135)
    assert (f.source, f.row, f.col) == ("table", 3, 3) and "Huyện Tân Lập" in f.evidence


def test_a_total_row_that_is_not_the_sum_of_its_units_is_flagged_and_a_right_one_is_not():
    doc, facts = facts_of(PER_UNIT_WITH_TOTAL)
    assert not [f for f in check_document(META, facts, []) if f.rule == "sum_mismatch"]
    wrong = [row[:] for row in PER_UNIT_WITH_TOTAL]
    wrong[-1][2] = "228"
    doc, facts = facts_of(wrong)
    flags = check_document(META, facts, [])
    assert {(f.rule, f.metric) for f in flags} == {("sum_mismatch", "reception.visits")}


# A dossier-results table whose headers give a count and a rate under each deadline class,
# and a second one giving online services per level (written for this test).
DOSSIERS_BY_DEADLINE = [
    ["Lĩnh vực", "Tổng", "Đã xử lý", "Chưa xử lý", "Trước hạn", "", "Đúng hạn", "", "Trễ hạn", ""],
    ["", "", "", "", "Tổng", "%", "Tổng", "%", "Tổng", "%"],
    ["Đất đai", "5120", "4980", "140", "2100", "42,2%", "2750", "55,2%", "130", "2,6%"],
    ["Hộ tịch", "8310", "8302", "8", "6004", "72,3%", "2290", "27,6%", "8", "0,1%"],
]
SERVICES_BY_LEVEL = [
    ["Chỉ tiêu", "Mức độ 3", "", "Mức độ 4", ""],
    ["", "TTHC", "%", "TTHC", "%"],
    ["Tỷ lệ TTHC cung cấp trực tuyến", "1204", "61,5%", "433", "22,1%"],
]


def test_count_under_a_deadline_class_is_a_count_and_neither_class_alone_is_the_on_time_rate():
    _, facts = facts_of(
        DOSSIERS_BY_DEADLINE, "Kết quả giải quyết thủ tục hành chính 6 tháng đầu năm"
    )
    got = {(f.metric, f.value) for f in facts}
    assert ("dossiers.received", 5120) in got and ("dossiers.resolved", 8302) in got
    assert not any(f.metric == "dossiers.on_time_rate" for f in facts)
    assert not any(
        f.metric == "dossiers.received" and f.value in (2100, 2750, 130, 6004) for f in facts
    )
    assert not any(f.metric.startswith("petitions.") for f in facts)


def test_online_services_per_level_table():
    _, facts = facts_of(SERVICES_BY_LEVEL, "Dịch vụ công trực tuyến")
    got = {(f.metric, f.value) for f in facts}
    assert {
        ("tthc.online_services", 1204),
        ("tthc.online_services.full", 433),
        ("tthc.online_services.share", 61.5),
        ("tthc.online_services.share", 22.1),
    } <= got


# Official reporting forms (written for these tests): multi-row headers, a column-number row,
# per-unit rows and a total row.
RECEPTION_FORM = [
    [
        "STT",
        "Đơn vị",
        "Tiếp thường xuyên",
        "",
        "",
        "",
        "Tiếp định kỳ và đột xuất của Thủ trưởng",
        "",
        "",
        "",
    ],
    [
        "",
        "",
        "Lượt",
        "Người",
        "Đoàn đông người",
        "",
        "Số kỳ tiếp",
        "Lượt",
        "Người",
        "Đoàn đông người",
    ],
    ["", "", "", "", "Số đoàn", "Người", "", "", "", "Số đoàn"],
    ["A", "B", "1", "2", "3", "4", "5", "6", "7", "8"],
    ["1", "Xã Phước An", "14", "16", "1", "8", "2", "5", "6", "0"],
    ["2", "Xã Phước Lộc", "9", "11", "0", "0", "1", "2", "3", "1"],
    ["", "Tổng cộng", "23", "27", "1", "8", "3", "7", "9", "1"],
]
PETITIONS_FORM = [
    [
        "STT",
        "Đơn vị",
        "Tổng số đơn",
        "Kỳ trước chuyển sang",
        "Tiếp nhận trong kỳ",
        "Đủ điều kiện xử lý",
        "Phân loại theo nội dung",
        "",
        "",
        "Đơn thuộc thẩm quyền",
    ],
    ["", "", "", "", "", "", "Khiếu nại", "Tố cáo", "Kiến nghị, phản ánh", ""],
    ["A", "B", "1=2+3", "2", "3", "4", "5", "6", "7", "8"],
    ["1", "Huyện Bắc Sơn", "60", "4", "56", "50", "12", "3", "35", "14"],
    ["2", "Huyện Nam Sơn", "41", "1", "40", "33", "9", "2", "22", "10"],
    ["", "Toàn tỉnh", "101", "5", "96", "83", "21", "5", "57", "24"],
]
MEDIATION_FORM = [
    ["STT", "Xã", "Số tổ hòa giải", "Số hòa giải viên", "Số vụ, việc tiếp nhận", "Kết quả", "", ""],
    ["", "", "", "", "", "Hòa giải thành", "Không thành", "Đang hòa giải"],
    ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"],
    ["1", "Xã Đông Hưng", "6", "41", "8", "7", "1", "0"],
    ["2", "Xã Tây Hưng", "5", "37", "5", "4", "0", "1"],
    ["", "Cộng", "11", "78", "13", "11", "1", "1"],
]
DOSSIER_FORM = [
    ["STT", "Đơn vị", "Số hồ sơ nhận giải quyết", "", "", "Số hồ sơ đã giải quyết"],
    ["", "", "Tổng số", "Số kỳ trước chuyển qua", "Số mới tiếp nhận trực tuyến", "Tổng số"],
    ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
    ["1", "Sở Xây dựng", "730", "30", "480", "700"],
]
RECEPTION_BY_FORM = [
    ["STT", "Hình thức tiếp công dân", "Số kỳ, buổi tiếp", "Số lượt", "Số người"],
    ["1", "Tiếp thường xuyên tại Trụ sở tiếp công dân", "", "88", "95"],
    ["2", "Chủ tịch UBND tiếp định kỳ", "6", "12", "14"],
    ["", "Tổng cộng", "6", "100", "109"],
]


def test_a_leaf_takes_its_nearest_parent_first_delegation_persons_under_regular_reception():
    _, facts = facts_of(RECEPTION_FORM, "Biểu số 01/TCD Tổng hợp kết quả tiếp công dân")
    got = {(f.metric, f.value, f.scope) for f in facts}
    assert ("reception.delegation_persons", 8, "Xã Phước An") in got
    assert ("reception.regular.persons", 27, None) in got and (
        "reception.leader.persons",
        9,
        None,
    ) in got
    assert ("reception.leader.sessions", 3, None) in got and (
        "reception.delegations",
        1,
        None,
    ) in got
    assert not any(f.metric == "reception.regular.persons" and f.value == 8 for f in facts)


def test_carried_over_column_is_not_a_comparison_and_period_words_are_not_units():
    doc, facts = facts_of(PETITIONS_FORM, "Biểu số 01/XLD Tổng hợp kết quả xử lý đơn")
    got = {(f.metric, f.value) for f in facts}
    assert {
        ("petitions.carried_over", 4),
        ("petitions.carried_over", 5),
        ("petitions.received", 101),
        ("petitions.eligible", 83),
        ("petitions.complaints", 21),
        ("petitions.in_jurisdiction", 24),
    } <= got
    # the content classes add up to the eligible petitions, not to those in jurisdiction
    assert not [f for f in check_document(META, facts, []) if f.rule == "sum_mismatch"]


def test_counts_of_teams_and_mediators_are_not_cases_and_unit_column_spelling_is_normalised():
    doc, facts = facts_of(MEDIATION_FORM, "Số liệu hòa giải ở cơ sở")
    assert {(f.metric, f.value) for f in facts if f.scope is None} == {
        ("mediation.cases", 13),
        ("mediation.successful", 11),
        ("mediation.unsuccessful", 1),
        ("mediation.ongoing", 1),
    }
    assert not [f for f in check_document(META, facts, []) if f.rule == "part_exceeds_total"]
    rows = [
        ["STT", "Chỉ tiêu", "Đơn vị tính", "Năm 2024"],
        ["1", "Số vụ, việc hòa giải tiếp nhận", "Vụ, việc", "52"],
        ["", "- Hòa giải thành", "Vụ, việc", "47"],
    ]
    _, facts = facts_of(rows)
    assert {(f.metric, f.value) for f in facts} == {
        ("mediation.cases", 52),
        ("mediation.successful", 47),
    }


def test_the_total_to_resolve_beside_the_carried_over_is_no_received_count_in_the_official_form():
    _, facts = facts_of(DOSSIER_FORM, "Tình hình, kết quả giải quyết thủ tục hành chính")
    got = {(f.metric, f.value) for f in facts}
    assert {
        ("dossiers.carried_over", 30),
        ("dossiers.online", 480),
        ("dossiers.resolved", 700),
    } <= got
    assert ("dossiers.to_resolve", 730) in got  # received + carried over: no shared id (rule 11)
    assert not any(v == 730 for m, v in got if m != "dossiers.to_resolve")


def test_rows_that_name_the_form_of_reception_refine_the_columns_metric():
    _, facts = facts_of(RECEPTION_BY_FORM, "Kết quả tiếp công dân")
    got = {(f.metric, f.value) for f in facts}
    assert {
        ("reception.regular.visits", 88),
        ("reception.regular.persons", 95),
        ("reception.leader.sessions", 6),
        ("reception.leader.visits", 12),
        ("reception.leader.persons", 14),
        ("reception.visits", 100),
        ("reception.persons", 109),
    } <= got
    assert not any(f.metric.startswith("dossiers") for f in facts)


def test_pdf_cell_lines_cut_inside_a_syllable_or_figure_are_rejoined_but_words_are_not():
    from extractors.readers.layout import cut_inside_word

    assert cut_inside_word("Tiếp thư", "ờng xuyên") and cut_inside_word("Kỳ trước chu", "yển")
    assert cut_inside_word("Tổn", "g số") and cut_inside_word("4.3", "09")
    assert not cut_inside_word("Kỳ trước chuyển", "sang") and not cut_inside_word(
        "Số đơn", "đủ điều kiện"
    )


def test_pdf_a_header_row_after_a_page_break_is_not_mended_into_the_row_above():
    from extractors.readers.layout import merge_continued_tables
    from model import Block

    top = Block("table", "", page=1, rows=[["STT", "Đơn vị", "Tiếp thường xuyên", "", "Ghi chú"]])
    rest = Block(
        "table", "", page=2, rows=[["", "", "Lượt", "Người", ""], ["1", "Xã A", "5", "6", ""]]
    )
    merged = merge_continued_tables([top, rest])
    assert len(merged) == 1 and merged[0].rows[1] == ["", "", "Lượt", "Người", ""]
    top = Block("table", "", page=1, rows=[["STT", "Đơn vị", "Chuyển đơn"], ["", "", "Ch"]])
    rest = Block("table", "", page=2, rows=[["", "", "uyển đơn"], ["1", "Xã A", "5"]])
    assert merge_continued_tables([top, rest])[0].rows[1] == ["", "", "Chuyển đơn"]


def test_a_column_number_row_with_spaces_inside_its_parentheses_is_still_one():
    rows = [
        ["STT", "Đơn vị", "Số hồ sơ nhận giải quyết", "", ""],
        ["", "", "Tổng số", "Số mới tiếp nhận trực tuyến", "Số mới tiếp nhận trực tiếp"],
        ["(1)", "(2)", "(3) =(4)+( 5)", "(4)", "(5)"],
        ["1", "Sở Nội vụ", "320", "300", "20"],
    ]
    _, facts = facts_of(rows, "Tình hình, kết quả giải quyết thủ tục hành chính")
    assert {(f.metric, f.value) for f in facts if f.metric.startswith("dossiers.r")} == {
        ("dossiers.received", 320)
    }


def test_a_rule_named_by_its_unit_alone_does_not_read_a_header_without_a_unit():
    from extractors.finders.cues import classify_metric

    assert classify_metric("Chỉ tiêu Năm 2024", None, "Kết quả công tác tiếp công dân") is None


# Online services per level, levels 1 and 2 included (written for this test): a level-1 or
# level-2 "service" only informs, it is not an online public service.
SERVICES_ALL_LEVELS = [
    ["Chỉ tiêu", "Mức độ 1", "", "Mức độ 2", "", "Mức độ 3", "", "Mức độ 4", ""],
    ["", "TTHC", "%", "TTHC", "%", "TTHC", "%", "TTHC", "%"],
    [
        "Tỷ lệ TTHC cung cấp trực tuyến",
        "1950",
        "100%",
        "1950",
        "100%",
        "1204",
        "61,7%",
        "433",
        "22,2%",
    ],
]


def test_a_rate_row_takes_its_rate_only_from_percent_cells_and_not_from_levels_one_and_two():
    _, facts = facts_of(SERVICES_ALL_LEVELS, "Tỷ lệ cung cấp dịch vụ công trực tuyến")
    shares = {f.value for f in facts if f.metric == "tthc.online_services.share"}
    assert shares == {61.7, 22.2}
    assert not any(f.metric.endswith("share") and f.value > 100 for f in facts)


# Dossiers counted in thousands in the header (written for this test).
DOSSIERS_IN_THOUSANDS = [
    ["Cơ quan", "Hồ sơ tiếp nhận (ngàn HS)", "Hồ sơ đã giải quyết (ngàn HS)", "Tỷ lệ đúng hạn (%)"],
    ["Sở Tư pháp", "12,4", "12,1", "98,6"],
    ["Sở Xây dựng", "3,2", "3,05", "95,1"],
]


def test_counts_under_a_header_in_thousands_are_scaled_and_rates_are_not():
    _, facts = facts_of(DOSSIERS_IN_THOUSANDS, "Kết quả giải quyết hồ sơ thủ tục hành chính")
    got = {(f.metric, f.value, f.scope) for f in facts}
    assert ("dossiers.received", 12400, "Sở Tư pháp") in got
    assert ("dossiers.resolved", 3050, "Sở Xây dựng") in got
    assert ("dossiers.on_time_rate", 98.6, "Sở Tư pháp") in got


def test_pdf_a_repeated_header_whose_last_line_slipped_into_the_first_row_is_dropped():
    from extractors.readers.layout import merge_continued_tables
    from model import Block

    head = [["STT", "Đơn vị", "Tỷ lệ đúng hạn (%)"]]
    top = Block("table", "", page=1, rows=[*head, ["1", "Xã A", "99,1"]])
    rest = Block(
        "table",
        "",
        page=2,
        rows=[["STT", "Đơn vị", "Tỷ lệ đúng hạn"], ["2", "Xã B", "(%) 98,5"]],
    )
    merged = merge_continued_tables([top, rest])
    assert len(merged) == 1 and merged[0].rows[1:] == [["1", "Xã A", "99,1"], ["2", "Xã B", "98,5"]]


def test_a_row_number_a_narrow_pdf_cell_spaced_is_read_whole():
    rows = [
        ["STT", "Đơn vị", "Số hồ sơ tiếp nhận"],
        ["I", "Cấp huyện", "30"],
        ["1", "Huyện A", "10"],
        ["2", "Huyện B", "20"],
        ["II I", "Cấp xã", "50"],
        ["1", "Xã C", "50"],
        ["", "Tổng cộng", "80"],
    ]
    _, facts = facts_of(rows, "Tình hình giải quyết thủ tục hành chính")
    from tests.conftest import make_meta
    from warehouse.checks import check_document

    assert not check_document(make_meta("2023"), facts, [])


def test_a_header_row_of_units_is_no_level_of_the_paths_and_the_halves_may_be_channels():
    rows = [
        ["STT", "Lĩnh vực", "Tổng số hồ sơ", "Kỳ trước chuyển qua", "Mới tiếp nhận", "",
         "Đã giải quyết", "", "Đang giải quyết", "", ""],
        ["", "", "", "", "Trực tuyến", "Trực tiếp", "Tổng số", "Quá hạn", "Tổng số",
         "Trong hạn", "Quá hạn"],
        ["", "", "", "", "(hồ sơ)", "(hồ sơ)", "(hồ sơ)", "(hồ sơ)", "(hồ sơ)", "(hồ sơ)",
         "(hồ sơ)"],
        ["1", "Điện", "24", "3", "17", "4", "20", "0", "4", "4", "0"],
        ["2", "Hóa chất", "33", "5", "22", "6", "26", "1", "7", "6", "1"],
        ["", "Tổng cộng", "57", "8", "39", "10", "46", "1", "11", "10", "1"],
    ]  # fmt: skip
    doc, facts = facts_of(rows, "Kết quả tiếp nhận, giải quyết hồ sơ thủ tục hành chính")
    got = {(f.metric, f.value, f.scope) for f in facts}
    assert ("dossiers.pending", 11, None) in got  # `Đang giải quyết | Tổng số | (hồ sơ)`
    assert ("dossiers.pending", 7, "Hóa chất") in got
    assert ("dossiers.to_resolve", 57, None) in got  # carried over + new (online, in person)
    assert not [f for f in facts if f.metric == "dossiers.received"]
    assert not [f for f in check_document(META, facts, []) if f.severity == "error"]


def test_the_label_columns_header_saying_who_receives_makes_the_rows_leaders_or_standing():
    rows = [
        ["STT", "Người tiếp", "Số buổi", "Số lượt", "Số người"],
        ["1", "Chủ tịch UBND xã", "02", "04", "06"],
        ["2", "Công chức tiếp công dân thường xuyên", "-", "03", "03"],
        ["", "Tổng số", "02", "07", "09"],
    ]
    _, facts = facts_of(rows, "Kết quả tiếp công dân trong tháng")
    got = {(f.metric, f.value) for f in facts}
    assert {
        ("reception.leader.visits", 4),
        ("reception.leader.persons", 6),
        ("reception.regular.visits", 3),
        ("reception.visits", 7),
    } <= got
    assert ("reception.visits", 4) not in got


def test_a_column_named_by_its_unit_reads_the_lead_line_only_up_to_its_figure_in_that_unit():
    rows = [
        ["TT", "Cơ quan tiếp", "Số lượt", "Số người", "Số vụ việc", "Đoàn đông người"],
        ["1", "Ban Tiếp công dân huyện", "11", "12", "09", "0"],
        ["2", "UBND các xã", "15", "15", "14", "01"],
        ["", "Tổng", "26", "27", "23", "01"],
    ]
    lead = "Trong tháng tiếp 26 lượt/27 người với 23 vụ việc; trong đó có 01 đoàn đông người."
    _, facts = facts_of(rows, lead)
    assert not [f for f in facts if f.metric.startswith("complex_cases.")]
    assert ("reception.delegations", 1) in {(f.metric, f.value) for f in facts}


def test_a_table_whose_caption_names_one_kind_of_petition_counts_that_kind():
    rows = [
        ["STT", "Đơn vị", "Tổng số vụ việc thuộc thẩm quyền", "Đã giải quyết", "Tỷ lệ (%)"],
        ["1", "Huyện Giao Thủy", "06", "05", "83,33"],
        ["2", "Huyện Hải Hậu", "04", "04", "100"],
        ["", "Tổng cộng", "10", "09", "90,00"],
    ]
    _, facts = facts_of(rows, "TỔNG HỢP KẾT QUẢ GIẢI QUYẾT KHIẾU NẠI THUỘC THẨM QUYỀN QUÝ III")
    got = {(f.metric, f.value) for f in facts}
    assert {
        ("petitions.complaints", 10),
        ("petitions.complaints.resolved", 9),
        ("petitions.complaints.resolution_rate", 90),
    } <= got
    assert not any(m in ("petitions.in_jurisdiction", "petitions.resolved") for m, _ in got)
