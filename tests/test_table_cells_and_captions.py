"""Table details of the one-stop and reception appendices: a total row labelled in the number
column, columns of dashes and figures, a rate column beside a count it names nothing of, and
the line above a table's lead-in that is an item of the list before, not the table's title."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.finders.figures import extract_facts
from extractors.finders.tables import _caption
from model import HEADING, LIST_ITEM, PARAGRAPH, TABLE, Block, Document, Fact
from tests.conftest import make_meta, make_table_doc
from warehouse.checks import check_document


def _doc(*blocks: Block) -> Document:
    return Document(Path("bao_cao.docx"), list(blocks), "docx").reindex()


def _read(rows: list[list[str]], before: str, period: str) -> list[Fact]:
    """The facts of a table read after the paragraph `before`, in a report of `period`."""
    return extract_facts(make_table_doc(rows, before), make_meta(period))


def _totals(rows: list[list[str]], before: str, period: str) -> set[tuple[str, float | None]]:
    """(metric, value) of the table's unscoped figures: its total row's, mostly."""
    return {(f.metric, f.value) for f in _read(rows, before, period) if f.scope is None}


def _rules(rows: list[list[str]], before: str, period: str) -> set[tuple[str, str | None]]:
    """The (rule, metric) of every flag of a table read after the paragraph `before`."""
    meta = make_meta(period)
    facts = extract_facts(make_table_doc(rows, before), meta)
    return {(f.rule, f.metric) for f in check_document(meta, facts, [])}


def test_a_total_row_labelled_cong_in_the_number_column_totals_the_table():
    rows = [
        ["TT", "Lĩnh vực", "Hồ sơ tồn kỳ trước", "Hồ sơ tiếp nhận mới"],
        ["1", "Đất đai", "186", "412"],
        ["2", "Hộ tịch", "4", "57"],
        ["3", "Lĩnh vực khác", "9", "381"],
        ["Cộng", "", "199", "850"],
    ]
    totals = _totals(rows, "Kết quả theo lĩnh vực:", "2022-M05")
    assert {("dossiers.carried_over", 199), ("dossiers.received", 850)} <= totals
    assert not {r for r, _ in _rules(rows, "Kết quả theo lĩnh vực:", "2022-M05")} & {"sum_mismatch"}


def test_a_column_of_dashes_and_a_few_figures_is_a_figure_column_and_a_dash_is_no_zero():
    rows = [
        ["STT", "Cơ quan", "Số hồ sơ đang giải quyết", ""],
        ["", "", "Trong hạn", "Quá hạn"],
        ["1", "Sở Tư pháp", "71", "-"],
        ["2", "Sở Xây dựng", "53", "3"],
        ["3", "Sở Y tế", "20", "-"],
        ["4", "Sở Nội vụ", "11", "-"],
        ["", "Tổng cộng", "155", "3"],
    ]
    facts = _read(rows, "Số hồ sơ theo cơ quan:", "2022-Q4")
    pending = {(f.value, f.scope) for f in facts if f.metric == "dossiers.pending"}
    assert (3, "Sở Xây dựng") in {(v, s.split(",")[0] if s else s) for v, s in pending}
    assert 0 not in {v for v, _ in pending}


def test_a_rate_column_lends_no_words_to_the_count_column_after_it():
    rows = [
        ["STT", "Đơn vị", "Hồ sơ đã giải quyết", "Tỷ lệ trước hạn, đúng hạn (%)", "Thư xin lỗi"],
        ["1", "Xã An Bình", "95", "100", "-"],
        ["2", "Xã Tân Lập", "86", "98,84", "01"],
        ["3", "Xã Đại Bình", "74", "100", "-"],
        ["", "Tổng cộng", "255", "99,61", "01"],
    ]
    facts = _read(rows, "Chi tiết theo đơn vị:", "2022-M08")
    assert not [f for f in facts if f.raw == "01"]


def test_an_item_stating_figures_above_the_lead_in_is_no_title_of_the_table():
    blocks = [
        Block(LIST_ITEM, "b) Lãnh đạo UBND tỉnh tiếp 41 lượt/67 người."),
        Block(LIST_ITEM, "c) Đoàn đông người: 05 đoàn/96 người."),
        Block(PARAGRAPH, "Phân loại theo lĩnh vực như sau:"),
        Block(TABLE, "TT | Lĩnh vực | Số lượt", rows=[["TT", "Lĩnh vực", "Số lượt"]]),
    ]
    assert _caption(_doc(*blocks), 3) == "Phân loại theo lĩnh vực như sau:"


def test_a_level_figure_in_its_own_parenthesis_meets_that_levels_appendix_row():
    rows = [
        ["STT", "Cấp giải quyết", "Số hồ sơ giải quyết quá hạn"],
        ["1", "Cấp huyện", "214"],
        ["2", "Cấp xã", "75"],
        ["", "Tổng cộng", "289"],
    ]
    sentence = (
        "Hồ sơ quá hạn chủ yếu ở cấp huyện (214 hồ sơ, tập trung lĩnh vực đất đai) và cấp xã "
        "(57 hồ sơ, chủ yếu lĩnh vực chứng thực)."
    )
    assert ("value_conflict", "dossiers.late") in _rules(rows, sentence, "2022-9M")


def test_a_table_under_the_specialised_track_heading_counts_that_tracks_inspections():
    rows = [
        ["STT", "Đơn vị thực hiện", "Số cuộc", "", "", "Số tổ chức, cá nhân được kiểm tra"],
        ["", "", "Tổng số", "Theo kế hoạch", "Đột xuất", ""],
        ["1", "Thanh tra Sở", "4", "3", "1", "42"],
        ["2", "Chi cục Thủy sản", "6", "2", "4", "58"],
        ["", "Tổng cộng", "10", "5", "5", "100"],
    ]
    blocks = [
        Block(HEADING, "I. THANH TRA HÀNH CHÍNH"),
        Block(PARAGRAPH, "Thanh tra Sở thực hiện 02 cuộc thanh tra hành chính tại 03 đơn vị."),
        Block(HEADING, "II. THANH TRA, KIỂM TRA CHUYÊN NGÀNH"),
        Block(PARAGRAPH, "Kết quả của từng đơn vị như sau:"),
        Block(TABLE, "\n".join(" | ".join(r) for r in rows), rows=rows),
    ]
    meta = make_meta("2024-H1")
    facts = extract_facts(_doc(*blocks), meta)
    teams = {(f.value, f.scope) for f in facts if f.metric == "inspection.teams"}
    assert (5, "theo kế hoạch, thanh tra, kiểm tra chuyên ngành") in {
        (v, s.lower()) for v, s in teams if s
    }
    assert not check_document(meta, facts, [])


def test_a_row_narrowed_by_one_familys_figures_still_meets_the_body_in_another():
    rows = [
        ["STT", "Huyện", "Số cuộc đối thoại", "", "", "Mô hình Dân vận khéo"],
        ["", "", "Cấp huyện", "Cấp xã", "Cộng", ""],
        ["1", "Huyện Lạc Dương", "2", "5", "7", "60"],
        ["2", "Huyện Đam Rông", "1", "6", "7", "68"],
        ["", "Tổng cộng", "3", "11", "14", "128"],
    ]
    body = (
        "Toàn tỉnh tổ chức 13 cuộc đối thoại (cấp tỉnh 01 cuộc, cấp huyện 02 cuộc, cấp xã 10 "
        'cuộc). Khối chính quyền triển khai 146 mô hình "Dân vận khéo", trong đó các sở, ban, '
        "ngành 18 mô hình; các huyện 128 mô hình."
    )
    flags = _rules(rows, body, "2024-Q3")
    assert ("value_conflict", "reception.dialogues") in flags
    assert ("value_conflict", "models.dan_van_kheo") not in flags


def test_columns_split_by_a_named_dimension_count_the_whole_column_before_them():
    rows = [
        ["STT", "Đơn vị", "Tổng số vụ việc tiếp nhận", "Phân loại theo tính chất vụ việc", "", ""],
        ["", "", "", "Đất đai", "Hôn nhân và gia đình", "Khác"],
        ["1", "Huyện Lâm Bình", "64", "27", "15", "22"],
        ["2", "Huyện Na Hang", "88", "33", "21", "34"],
        ["", "Toàn tỉnh", "152", "60", "36", "56"],
    ]
    caption = "Kết quả hòa giải ở cơ sở của từng huyện như sau:"
    facts = _read(rows, caption, "2022-H1")
    assert {f.metric for f in facts} == {"mediation.cases"}
    assert ("mediation.cases", 36) in {(f.metric, f.value) for f in facts}


def test_a_bare_total_column_of_pairs_counts_what_its_caption_counts():
    rows = [
        ["STT", "Đơn vị", "Tổng số (Lượt/Người)", "Tiếp thường xuyên (Lượt/Người)"],
        ["1", "Huyện Mai Sơn", "18/22", "12/14"],
        ["2", "Huyện Yên Châu", "14/17", "10/11"],
        ["", "Cộng", "32/39", "22/25"],
    ]
    caption = "Kết quả tiếp công dân theo đơn vị"
    facts = _read(rows, caption, "2023-M05")
    got = {(f.metric, f.value) for f in facts}
    assert {("reception.visits", 32), ("reception.persons", 39)} <= got


def test_a_total_row_naming_the_whole_province_after_its_total_word_totals_the_table():
    rows = [
        ["STT", "Đơn vị", "Hòa giải không thành (vụ việc)"],
        ["", "Tổng số toàn tỉnh", "34"],
        ["1", "Thành phố Đồng Hới", "18"],
        ["2", "Thị xã Ba Đồn", "16"],
    ]
    facts = _read(rows, "Kết quả hòa giải ở cơ sở:", "2024")
    assert ("mediation.unsuccessful", 34, None) in {(f.metric, f.value, f.scope) for f in facts}


def test_the_new_ones_under_a_total_of_the_received_are_no_received_figure():
    rows = [
        ["STT", "Cơ quan", "Tổng số đơn", "", ""],
        ["", "", "Tổng cộng", "Trong đó", ""],
        ["", "", "", "Kỳ trước chuyển sang", "Tiếp nhận trong kỳ"],
        ["1", "Thanh tra huyện", "52", "4", "48"],
        ["2", "Phòng Tư pháp", "20", "1", "19"],
        ["", "Tổng cộng", "72", "5", "67"],
    ]
    facts = _read(rows, "Kết quả xử lý đơn:", "2023")
    received = {(f.value, f.scope) for f in facts if f.metric == "petitions.received"}
    assert received == {(52, "Thanh tra huyện"), (20, "Phòng Tư pháp"), (72, None)}
    assert {(f.metric, f.value) for f in facts if f.scope is None} >= {
        ("petitions.carried_over", 5)
    }


def test_the_new_ones_under_the_petitions_to_process_are_the_received():
    rows = [
        ["STT", "Đơn vị", "Số đơn phải xử lý", "", ""],
        ["", "", "Tổng", "Kỳ trước chuyển sang", "Tiếp nhận trong kỳ"],
        ["1", "Cấp huyện", "52", "4", "48"],
        ["2", "Cấp xã", "20", "1", "19"],
        ["", "Tổng cộng", "72", "5", "67"],
    ]
    facts = _read(rows, "Kết quả xử lý đơn:", "2023")
    received = {(f.value, f.scope) for f in facts if f.metric == "petitions.received"}
    assert received == {(48, "cấp huyện"), (19, "cấp xã"), (67, None)}


def test_a_bare_total_and_a_bare_rate_around_the_resolved_are_its_base_and_its_rate():
    rows = [
        ["STT", "Đơn vị", "Tổng số vụ", "Đã giải quyết dứt điểm", "Đang giải quyết", "Tỷ lệ (%)"],
        ["1", "Huyện An Lão", "4", "3", "1", "75,00"],
        ["2", "Huyện Hoài Ân", "2", "2", "0", "100"],
        ["", "Tổng cộng", "6", "5", "1", "83,33"],
    ]
    lead = "Kết quả giải quyết vụ việc phức tạp, kéo dài theo từng địa phương:"
    totals = _totals(rows, lead, "2023")
    assert totals == {
        ("complex_cases.total", 6),
        ("complex_cases.resolved", 5),
        ("complex_cases.resolution_rate", 83.33),
    }  # (`dứt điểm` is no score; the pending cases have no id of their own)
    assert not {r for r, _ in _rules(rows, lead, "2023")}


def test_a_secretarys_sessions_visits_and_persons_and_no_count_of_opinions():
    rows = [
        ["STT", "Cấp", "Bí thư tiếp dân", "", "", "Đối thoại", ""],
        ["", "", "Số buổi", "Số lượt", "Số người", "Số cuộc", "Số ý kiến"],
        ["1", "Cấp huyện", "24", "61", "70", "9", "112"],
        ["2", "Cấp xã", "310", "655", "702", "88", "940"],
        ["", "Tổng cộng", "334", "716", "772", "97", "1.052"],
    ]
    totals = _totals(rows, "Kết quả theo từng cấp:", "2022")
    assert totals == {
        ("reception.leader.sessions", 334),
        ("reception.leader.visits", 716),
        ("reception.leader.persons", 772),
        ("reception.dialogues", 97),
    }


def test_pairs_under_a_header_of_two_counted_nouns_give_both_sides():
    rows = [
        ["STT", "Đảng bộ xã", "Bí thư tiếp dân định kỳ", "Đối thoại"],
        ["", "", "Số buổi/Số lượt", "Số cuộc"],
        ["1", "Xã Tân Lập", "06/13", "2"],
        ["2", "Xã Hòa Bình", "05/09", "1"],
        ["", "Cộng", "11/22", "3"],
    ]
    totals = _totals(rows, "Kết quả tiếp dân:", "2023-H1")
    assert {("reception.leader.sessions", 11), ("reception.leader.visits", 22)} <= totals


def test_a_rows_on_time_and_late_make_the_quarters_resolved_not_the_running_total():
    rows = [
        ["STT", "Đơn vị", "Đã giải quyết trong quý", "", "", "", "Lũy kế 6 tháng"],
        ["", "", "Tổng số", "Trước hạn", "Đúng hạn", "Quá hạn", "Đã giải quyết"],
        ["1", "Xã An Phú", "412", "380", "30", "2", "805"],
        ["2", "Xã Bình Mỹ", "208", "200", "8", "0", "399"],
        ["", "Tổng cộng", "620", "580", "38", "2", "1.204"],
    ]
    assert not _rules(rows, "Kết quả giải quyết hồ sơ quý II:", "2023-Q2")


def test_start_columns_of_a_mediation_table_count_cases_and_outcomes_cover_the_carried():
    rows = [
        ["STT", "Thôn", "Năm 2022 chuyển sang", "Tiếp nhận mới", "Kết quả", "", "", ""],
        ["", "", "", "", "Thành", "Không thành", "Rút yêu cầu", "Đang hòa giải"],
        ["1", "Thôn 1", "1", "4", "4", "-", "-", "1"],
        ["2", "Thôn 2", "-", "3", "2", "-", "1", "-"],
        ["", "Cộng", "1", "7", "6", "-", "1", "1"],
    ]
    lead = "Kết quả hòa giải theo từng thôn:"
    totals = _totals(rows, lead, "2023")
    assert ("mediation.cases", 7) in totals
    assert not {m for m, _ in totals if m.startswith("petitions.")}
    assert ("mediation.unsuccessful", 1) not in totals  # (`Rút yêu cầu` is an outcome)
    assert not _rules(rows, lead, "2023")  # 6 + 1 + 1 cover the carried and the new, not 7


def test_a_bare_total_after_the_leaders_columns_counts_every_visit():
    rows = [
        [
            "TT",
            "Thời gian",
            "Tiếp thường xuyên (lượt/người)",
            "Chủ tịch UBND huyện tiếp",
            "",
            "Tổng số (lượt/người)",
        ],
        ["", "", "", "Số kỳ", "Lượt/người", ""],
        ["1", "Tháng 7", "9/10", "2", "4/6", "13/16"],
        ["2", "Tháng 8", "12/13", "2", "3/3", "15/16"],
        ["", "Cộng", "21/23", "4", "7/9", "28/32"],
    ]
    facts = _read(rows, "Tổng hợp theo tháng:", "2024-Q3")
    totals = {(f.metric, f.value) for f in facts if f.scope is None and f.period is None}
    assert {("reception.visits", 28), ("reception.persons", 32)} <= totals
    assert ("reception.leader.visits", 28) not in totals


def test_the_one_row_of_an_appendix_naming_the_reports_place_is_the_report_itself():
    meta = make_meta("2024-Q3", place="Như Thanh")
    rows = [
        ["Đơn vị", "Tổng số đơn", "Đơn thuộc thẩm quyền", "Đã giải quyết"],
        ["UBND huyện Như Thanh", "36", "14", "12"],
    ]
    doc = _doc(
        Block(PARAGRAPH, "Trong quý đã giải quyết 11/14 đơn thuộc thẩm quyền.", page=1),
        Block(TABLE, "\n".join(" | ".join(r) for r in rows), page=2, rows=rows),
    )
    facts = extract_facts(doc, meta)
    assert ("petitions.resolved", 12, None) in {(f.metric, f.value, f.scope) for f in facts}
    flags = {(f.rule, f.metric) for f in check_document(meta, facts, [])}
    assert ("value_conflict", "petitions.resolved") in flags


_PLAN_HEADERS = {
    # `Kế hoạch | Thực hiện | Tỷ lệ (%)` on one header row
    "one_row": [["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện", "Tỷ lệ (%)"]],
    # ... or beside each other under a group that names the period
    "under_a_period_group": [
        ["STT", "Chỉ tiêu", "ĐVT", "Năm 2024", "", ""],
        ["", "", "", "Kế hoạch", "Thực hiện", "Tỷ lệ (%)"],
    ],
}


@pytest.mark.parametrize("header", sorted(_PLAN_HEADERS))
def test_a_bare_rate_beside_the_plan_and_the_result_compares_them_and_is_no_rate(header):
    rows = _PLAN_HEADERS[header] + [
        ["1", "Số dịch vụ công trực tuyến toàn trình", "Dịch vụ", "600", "655", "109,2"],
        ["2", "Tỷ lệ hồ sơ giải quyết trước hạn, đúng hạn", "%", "98", "99,40", "101,4"],
        ["3", "Tỷ lệ hài lòng của tổ chức, cá nhân", "%", "90", "96,10", "106,8"],
    ]
    facts = extract_facts(
        make_table_doc(rows, "Kết quả thực hiện các chỉ tiêu:"), make_meta("2024")
    )
    values = {(f.metric, f.value) for f in facts}
    assert {("dossiers.on_time_rate", 99.4), ("satisfaction.rate", 96.1)} <= values
    assert not {v for _, v in values} & {109.2, 101.4, 106.8}
    assert not _rules(rows, "Kết quả thực hiện các chỉ tiêu:", "2024")


def test_a_group_header_naming_its_family_takes_no_unit_from_the_group_before():
    rows = [
        ["TT", "Đơn vị", "Đơn thư", "", "Hòa giải ở cơ sở", "", ""],
        ["", "", "Tiếp nhận", "Đã giải quyết", "Thụ lý", "Thành", "Không thành"],
        ["1", "Phường An Mỹ", "10", "8", "6", "4", "2"],
        ["2", "Xã Bình Lâm", "7", "7", "3", "2", "1"],
        ["", "Tổng cộng", "17", "15", "9", "6", "3"],
    ]
    facts = extract_facts(
        make_table_doc(rows, "Tổng hợp kết quả theo đơn vị:"), make_meta("2024-H1")
    )
    totals = {(f.metric, f.value) for f in facts if f.scope is None}
    assert {
        ("mediation.cases", 9),
        ("mediation.successful", 6),
        ("mediation.unsuccessful", 3),
    } <= totals


def test_a_split_named_in_one_header_cell_counts_its_whole_for_its_topic():
    rows = [
        [
            "STT",
            "Đơn vị",
            "Tổng số vụ việc tiếp nhận",
            "Trong đó: tranh chấp đất đai",
            "Hòa giải thành",
        ],
        ["1", "Huyện An Lão", "40", "15", "32"],
        ["2", "Huyện Hoài Ân", "30", "12", "25"],
        ["", "Toàn tỉnh", "70", "27", "57"],
    ]
    lead = "Kết quả hòa giải ở cơ sở theo đơn vị:"
    facts = _read(rows, lead, "2021-9M")
    got = {(f.metric, f.value, f.scope) for f in facts}
    assert {("mediation.cases", 70, None), ("mediation.cases", 27, "tranh chấp đất đai")} <= got
    assert not _rules(rows, lead, "2021-9M")


def test_rows_naming_narrower_forms_are_parts_of_the_columns_total():
    rows = [
        ["STT", "Hình thức tiếp", "Số lượt", "Số người", "Số vụ việc", "Đoàn đông người", ""],
        ["", "", "", "", "", "Số đoàn", "Số người"],
        ["1", "Tiếp thường xuyên (Ban Tiếp công dân huyện)", "38", "42", "31", "-", "-"],
        ["2", "Chủ tịch UBND huyện tiếp định kỳ", "14", "19", "11", "01", "07"],
        ["3", "UBND các xã, thị trấn", "63", "70", "52", "-", "-"],
        ["", "Cộng", "115", "131", "94", "01", "07"],
    ]
    lead = "Kết quả tiếp công dân theo hình thức:"
    assert not _rules(rows, lead, "2021-Q2")
    rows[5] = ["", "Cộng", "118", "131", "94", "01", "07"]
    assert ("sum_mismatch", "reception.visits") in _rules(rows, lead, "2021-Q2")


def test_a_result_column_of_this_period_names_no_figure_of_its_own():
    rows = [
        ["STT", "Chỉ tiêu", "Đơn vị tính", "Kết quả kỳ này", "Cùng kỳ năm trước", "So sánh (%)"],
        ["I", "Tiếp công dân, đối thoại", "", "", "", ""],
        ["1", "Số lượt tiếp công dân", "lượt", "2.140", "1.987", "107,70"],
        ["2", "Số đoàn đông người", "đoàn", "06", "11", "54,55"],
        ["II", "Đơn thư", "", "", "", ""],
        ["1", "Số đơn đã giải quyết", "đơn", "318", "342", "92,98"],
        ["2", "Tỷ lệ giải quyết", "%", "91,38", "90,24", "-"],
    ]
    facts = {(f.metric, f.value) for f in _read(rows, "Biểu tổng hợp kết quả:", "2021")}
    assert facts == {
        ("reception.visits", 2140),
        ("reception.delegations", 6),
        ("petitions.resolved", 318),
        ("petitions.resolution_rate", 91.38),
    }


def test_outcome_columns_of_a_table_of_petition_kinds_count_nothing():
    rows = [
        ["Loại đơn", "Số đơn thuộc thẩm quyền", "Đã giải quyết", "", "Kết quả giải quyết", "", ""],
        ["", "", "Số đơn", "Tỷ lệ (%)", "Đúng", "Đúng một phần", "Sai"],
        ["Khiếu nại", "18", "16", "88,89", "3", "4", "9"],
        ["Tố cáo", "6", "6", "100", "1", "2", "3"],
        ["Cộng", "24", "22", "91,67", "4", "6", "12"],
    ]
    facts = {(f.metric, f.value) for f in _read(rows, "Kết quả giải quyết theo loại đơn:", "2023")}
    assert facts == {
        ("petitions.complaints", 18),
        ("petitions.complaints.resolved", 16),
        ("petitions.complaints.resolution_rate", 88.89),
        ("petitions.denunciations", 6),
        ("petitions.denunciations.resolved", 6),
        ("petitions.denunciations.resolution_rate", 100),
        ("petitions.in_jurisdiction", 24),
        ("petitions.resolved", 22),
        ("petitions.resolution_rate", 91.67),
    }


def test_a_table_titled_as_results_after_the_tasks_holds_results_in_its_own_family():
    rows = [
        ["STT", "Loại vụ việc", "Số vụ việc tiếp nhận", "Kết quả", "", ""],
        ["", "", "", "Thành", "Không thành", "Đang hòa giải"],
        ["1", "Tranh chấp đất đai", "06", "05", "01", "-"],
        ["2", "Hôn nhân và gia đình", "04", "04", "0", "-"],
        ["", "Tổng cộng", "10", "09", "01", "-"],
    ]
    doc = make_table_doc(
        rows,
        "V. PHƯƠNG HƯỚNG 6 THÁNG CUỐI NĂM",
        "Phấn đấu tỷ lệ hồ sơ nộp trực tuyến đạt trên 60%.",
        "Kết quả hòa giải ở cơ sở 6 tháng đầu năm 2023",
    )
    totals = {(f.metric, f.value) for f in extract_facts(doc, make_meta("2023-H1")) if not f.scope}
    assert totals == {
        ("mediation.cases", 10),
        ("mediation.successful", 9),
        ("mediation.unsuccessful", 1),
    }


def test_the_other_outcomes_beside_distinct_outcomes_count_nothing():
    rows = [
        ["TT", "Thôn", "Số vụ việc", "Kết quả", "", ""],
        ["", "", "", "Thành", "Không thành", "Khác"],
        ["1", "Thôn Đông", "5", "3", "0", "2"],
        ["2", "Thôn Tây", "4", "2", "1", "1"],
        ["", "Cộng", "9", "5", "1", "3"],
    ]
    totals = _totals(rows, "Kết quả hòa giải ở cơ sở theo thôn:", "2023-9M")
    assert totals == {
        ("mediation.cases", 9),
        ("mediation.successful", 5),
        ("mediation.unsuccessful", 1),
    }


def test_a_month_and_running_total_column_are_read_in_the_rows_unit():
    rows = [
        ["STT", "Chỉ tiêu", "ĐVT", "Tháng 11", "Lũy kế từ đầu năm", "So cùng kỳ (%)"],
        ["1", "Tiếp công dân", "lượt/người", "14/17", "139/162", "92,4"],
        ["2", "Đơn tiếp nhận", "đơn", "08", "88", "95,1"],
    ]
    facts = {(f.metric, f.value) for f in _read(rows, "Biểu chỉ tiêu tháng 11:", "2022-M11")}
    assert facts == {
        ("reception.visits", 14),
        ("reception.persons", 17),
        ("reception.visits", 139),
        ("reception.persons", 162),
        ("petitions.received", 8),
        ("petitions.received", 88),
    }


def test_the_rating_columns_of_a_survey_table_are_outcomes_and_count_nothing():
    rows = [
        [
            "STT",
            "Lĩnh vực",
            "Số phiếu thu về",
            "Mức độ đánh giá (phiếu)",
            "",
            "",
            "Tỷ lệ hài lòng (%)",
        ],
        ["", "", "", "Rất hài lòng", "Hài lòng", "Không hài lòng", ""],
        ["1", "Đất đai", "200", "61", "127", "12", "94,00"],
        ["2", "Hộ tịch", "150", "70", "77", "3", "98,00"],
        ["", "Tổng cộng", "350", "131", "204", "15", "95,71"],
    ]
    totals = _totals(rows, "Kết quả khảo sát sự hài lòng theo lĩnh vực:", "2022")
    assert totals == {("satisfaction.responses", 350), ("satisfaction.rate", 95.71)}


def test_columns_beside_the_leaders_own_column_count_all_the_visits():
    rows = [
        ["TT", "Tháng", "Kỳ tiếp của lãnh đạo", "Số lượt", "Số người"],
        ["1", "Tháng 1", "02", "31", "36"],
        ["2", "Tháng 2", "01", "22", "25"],
        ["", "Cộng", "03", "53", "61"],
    ]
    doc = make_table_doc(
        rows,
        "- Lãnh đạo UBND huyện tiếp 03 kỳ với 12 lượt/15 người.",
        "3. Số liệu theo từng tháng:",
    )
    facts = extract_facts(doc, make_meta("2021-Q1"))
    table = {(f.metric, f.value) for f in facts if f.source == "table" and not f.period}
    assert table == {
        ("reception.leader.sessions", 3),
        ("reception.visits", 53),
        ("reception.persons", 61),
    }


def test_persons_right_after_the_leaders_sessions_stay_the_leaders():
    rows = [
        ["Số lần tiếp thường xuyên", "Số người", "Chủ tịch UBND tiếp định kỳ", "Số người"],
        ["17", "21", "06", "9"],
    ]
    doc = make_table_doc(rows, "- Lãnh đạo UBND xã tiếp 06 kỳ.", "Kết quả tiếp công dân:")
    facts = {(f.metric, f.value) for f in extract_facts(doc, make_meta("2023-H1"))}
    assert ("reception.leader.persons", 9) in facts


def test_a_list_closed_above_the_table_lends_its_last_item_no_words():
    rows = [
        ["Tháng", "Kỳ tiếp của lãnh đạo Sở", "Số lượt", "Số người"],
        ["Tháng 01", "01", "40", "47"],
        ["Tháng 02", "02", "28", "30"],
        ["Cộng", "03", "68", "77"],
    ]
    doc = make_table_doc(
        rows,
        "Trong quý, Sở tiếp 68 lượt/77 người. Trong đó:",
        "+ Phòng tiếp công dân tiếp thường xuyên 58 lượt/64 người;",
        "+ Lãnh đạo Sở tiếp 03 kỳ với 10 lượt/13 người: Giám đốc Sở chủ trì 02 kỳ.",
    )
    facts = extract_facts(doc, make_meta("2025-Q1"))
    table = {(f.metric, f.value) for f in facts if f.source == "table" and not f.period}
    assert table == {
        ("reception.leader.sessions", 3),
        ("reception.visits", 68),
        ("reception.persons", 77),
    }


def test_a_list_of_the_leaders_reception_above_the_table_makes_its_columns_theirs():
    rows = [
        ["STT", "Cơ quan, người tiếp", "Số lượt", "Số người"],
        ["1", "Lãnh đạo UBND huyện", "07", "9"],
        ["2", "Chủ tịch UBND các xã", "20", "24"],
        ["", "Tổng cộng", "27", "33"],
    ]
    doc = make_table_doc(
        rows,
        "Trong tháng, lãnh đạo UBND huyện và Chủ tịch UBND các xã tiếp 27 lượt. Cụ thể:",
        "- Lãnh đạo UBND huyện: 07 lượt/9 người.",
        "- Chủ tịch UBND các xã: 20 lượt/24 người.",
    )
    facts = extract_facts(doc, make_meta("2024-M05"))
    table = {(f.metric, f.value) for f in facts if f.source == "table" and not f.scope}
    assert table == {("reception.leader.visits", 27), ("reception.leader.persons", 33)}
