"""The table layouts offices send, written for these tests and read through the real readers:
an indicator table (numbered rows with groups, a unit column, `88/97` under `lượt/người`, a
note column, an earlier period and a comparison that give nothing), a per-agency table under
two-row merged headers, a per-month table with six figure columns, and a long table that runs
onto the next page. Each is rendered to .docx (python-docx) and, when LibreOffice is there,
to PDF; both must give the same figures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from extractors.finders.figures import extract_facts
from extractors.finders.metadata import extract_metadata
from extractors.readers import read_document
from model import HEADING
from tests.conftest import FIXTURES, make_meta, make_table_doc
from tools import genre_render  # (puts tools/ on the path for its own modules)
from warehouse.checks import check_document

LAYOUTS = FIXTURES / "table_layouts"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
FORMATS = [
    "docx",
    pytest.param(
        "pdf",
        marks=[
            pytest.mark.slow,
            pytest.mark.skipif(not SOFFICE, reason="LibreOffice is not installed"),
        ],
    ),
]


def render(name: str, fmt: str, tmp_path: Path) -> Path:
    docx = tmp_path / f"{name}.docx"
    genre_render.genre_docx.build_docx(
        genre_render.genre_rpt.parse_rpt(LAYOUTS / f"{name}.rpt"), docx
    )
    if fmt == "docx":
        return docx
    genre_render.convert([(docx, tmp_path / f"{name}.pdf")], None, 1)
    return tmp_path / f"{name}.pdf"


def read(name: str, fmt: str, tmp_path: Path):
    doc = read_document(render(name, fmt, tmp_path))
    meta = extract_metadata(doc)
    facts = extract_facts(doc, meta)
    return doc, meta, facts


def _flag_rules(
    rows: list[list[str]], period: str, *before: str, **fields: str
) -> set[tuple[str, str | None]]:
    """(rule, metric) of each flag the checks raise on a document of one table, after the
    paragraphs `before`, with the document `fields` (a title, say)."""
    meta = make_meta(period, **fields)
    doc = make_table_doc(rows, *before)
    return {(f.rule, f.metric) for f in check_document(meta, extract_facts(doc, meta), [])}


def got(facts) -> set[tuple]:
    return {(f.metric, f.value, f.scope, f.period) for f in facts if f.source == "table"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_indicator_table_rows_with_groups_units_pairs_and_notes(fmt, tmp_path):
    _, _, facts = read("indicator", fmt, tmp_path)
    found = got(facts)
    assert {
        ("reception.regular.visits", 88, None, None),
        ("reception.regular.persons", 97, None, None),
        ("reception.leader.sessions", 15, None, None),
        ("petitions.received", 64, None, None),
        ("petitions.received", 41, "Lĩnh vực đất đai", None),
        ("petitions.received", 23, "Lĩnh vực khác", None),
        ("petitions.resolved", 37, None, None),
    } <= found
    values = {v for _, v, _, _ in found}
    assert not values & {70, 75, 125.7, 110.3, 58, 1.1, 1.2}  # earlier period, comparison, STT
    notes = {(f.value, f.scope) for f in facts if f.metric == "reception.leader.sessions"}
    assert {12, 3} <= {v for v, _ in notes}  # `Định kỳ 12, đột xuất 03` read as prose


@pytest.mark.parametrize("fmt", FORMATS)
def test_per_agency_table_maps_every_column_by_its_header_path(fmt, tmp_path):
    _, meta, facts = read("per_unit", fmt, tmp_path)
    found = got(facts)
    assert {
        ("dossiers.received", 812, "Sở Tư pháp", None),
        ("dossiers.online", 604, "Sở Tư pháp", None),
        ("dossiers.on_time", 798, "Sở Tư pháp", None),
        ("dossiers.late", 2, "Sở Tư pháp", None),
        ("dossiers.resolved", 800, "Sở Tư pháp", None),
        ("dossiers.on_time_rate", 99.75, "Sở Tư pháp", None),
        ("dossiers.received", 1564, None, None),
        ("dossiers.resolved", 1535, None, None),
    } <= found
    assert not check_document(meta, facts, [])


@pytest.mark.parametrize("fmt", FORMATS)
def test_per_month_rows_are_sub_periods_and_the_total_row_the_half_year(fmt, tmp_path):
    _, meta, facts = read("per_month", fmt, tmp_path)
    found = got(facts)
    assert {
        ("reception.regular.visits", 40, None, "2024-M01"),
        ("reception.regular.persons", 52, None, "2024-M03"),
        ("reception.leader.sessions", 2, None, "2024-M05"),
        ("reception.leader.visits", 4, None, "2024-M06"),
        ("reception.delegations", 2, None, "2024-M05"),
        ("reception.regular.visits", 232, None, None),
        ("reception.leader.persons", 36, None, None),
    } <= found
    assert not check_document(meta, facts, [])


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_table_across_a_page_break_is_one_table_with_its_total(fmt, tmp_path):
    doc, meta, facts = read("page_break", fmt, tmp_path)
    found = got(facts)
    assert ("mediation.cases", 12, "Thị trấn Cần Giuộc", None) in found
    assert ("mediation.successful", 5, "Xã An Nhơn", None) in found
    assert {
        ("mediation.cases", 218, None, None),
        ("mediation.success_rate", 87.61, None, None),
    } <= found
    rows = {f.scope for f in facts if f.metric == "mediation.cases"}
    assert len(rows) == 37  # 36 communes and the total, each once
    assert not check_document(meta, facts, [])


@pytest.mark.parametrize("fmt", FORMATS)
def test_index_table_of_the_year_before_gives_scores_and_ranks_not_the_earlier_ranks(fmt, tmp_path):
    """Indexes are published a year late: `Kết quả năm 2023` in a 2024 report is the table's
    own figure, `Xếp hạng năm 2023` its rank, `Xếp hạng năm 2022` an earlier one; an index
    without a rank id gives no rank, and `sự phục vụ` counts no cases."""
    _, _, facts = read("index_ranks", fmt, tmp_path)
    found = {(f.metric, f.value) for f in facts if f.source == "table"}
    assert {
        ("index.par", 88.4),
        ("index.par.rank", 12),
        ("index.sipas", 83.16),
        ("index.sipas.rank", 20),
        ("index.pci", 66.05),
        ("index.pci.rank", 31),
    } <= found
    assert not {v for _, v in found} & {15, 18, 35, 30, 3, 2, 4}


def test_an_earlier_quarters_column_and_a_months_carried_over_column_read_as_such():
    rows = [
        ["STT", "Chỉ tiêu", "ĐVT", "Quý IV/2023", "Quý III/2023", "Ghi chú"],
        ["1", "Số hồ sơ tiếp nhận mới", "Hồ sơ", "2.318", "2.207", ""],
        ["2", "Số hồ sơ tháng trước chuyển qua", "Hồ sơ", "142", "127", ""],
        ["3", "Số hồ sơ đang giải quyết", "Hồ sơ", "169", "142", "Trong hạn 166; quá hạn 03"],
    ]
    facts = extract_facts(make_table_doc(rows), make_meta("2023-Q4"))
    got = {(f.metric, f.value, f.scope) for f in facts}
    assert {
        ("dossiers.received", 2318, None),
        ("dossiers.carried_over", 142, None),
        ("dossiers.pending", 169, None),
        ("dossiers.pending", 3, "quá hạn"),
    } <= got
    assert not {v for _, v, _ in got} & {2207, 127}


def test_a_row_naming_two_figures_gives_each_side_of_its_pair_and_notes_are_facets():
    rows = [
        ["STT", "Nội dung", "ĐVT", "Quý IV/2023", "Ghi chú"],
        ["1", "Đơn tiếp nhận/đã giải quyết", "Đơn", "06/05", ""],
        ["2", "Hồ sơ TTHC tiếp nhận/đã giải quyết", "Hồ sơ", "712/709", ""],
        ["3", "Số hồ sơ đã giải quyết", "Hồ sơ", "4.175", "Trước hạn 3.688; đúng hạn 402"],
    ]
    meta = make_meta("2023-Q4")
    facts = extract_facts(
        make_table_doc(rows, "Sở đã giải quyết 4.090 hồ sơ trước hạn, đúng hạn."), meta
    )
    got = {(f.metric, f.value) for f in facts}
    assert {
        ("petitions.received", 6),
        ("petitions.resolved", 5),
        ("dossiers.received", 712),
        ("dossiers.resolved", 709),
    } <= got
    assert not {f.rule for f in check_document(meta, facts, [])} & {"value_conflict"}


def test_a_per_unit_table_whose_headers_name_nothing_counts_what_its_caption_names():
    rows = [
        ["STT", "Đơn vị", "Năm 2024", "", "", "Lũy kế 2021 - 2024"],
        ["", "", "Tổng số", "Tập thể", "Cá nhân", ""],
        ["1", "Huyện Ba Bể", "44", "27", "17", "150"],
        ["2", "Huyện Chợ Mới", "39", "24", "15", "133"],
        ["", "Tổng cộng", "83", "51", "32", "283"],
    ]
    caption = 'Phụ lục: SỐ MÔ HÌNH "DÂN VẬN KHÉO" KHỐI CHÍNH QUYỀN ĐƯỢC CÔNG NHẬN NĂM 2024'
    facts = extract_facts(make_table_doc(rows, caption), make_meta("2024"))
    got = {(f.metric, f.value) for f in facts}
    assert {("models.dan_van_kheo", v) for v in (44, 27, 17, 83, 51, 32)} <= got
    assert not {v for _, v in got} & {150, 133, 283}  # a span of years


def test_a_per_field_table_with_generic_headers_counts_what_its_caption_names_by_field():
    rows = [
        ["STT", "Lĩnh vực", "Tổng số", "Chia ra", "", "Ghi chú"],
        ["", "", "", "Tập thể", "Cá nhân", ""],
        ["1", "Kinh tế", "212", "150", "62", ""],
        ["2", "Văn hóa - xã hội", "131", "97", "34", ""],
        ["", "Tổng cộng", "343", "247", "96", ""],
    ]
    caption = 'Kết quả xây dựng mô hình "Dân vận khéo" theo lĩnh vực như sau:'
    facts = extract_facts(make_table_doc(rows, caption), make_meta("2024"))
    got = {(f.metric, f.value, f.scope) for f in facts}
    assert {
        ("models.dan_van_kheo", 212, "Kinh tế"),
        ("models.dan_van_kheo", 97, "Văn hóa - xã hội, tập thể"),
        ("models.dan_van_kheo", 343, None),
    } <= got
    assert not {m for m, _, _ in got} - {"models.dan_van_kheo"}


def test_the_whole_column_of_a_split_is_the_count_itself_and_meets_the_body():
    rows = [
        ["STT", "Đơn vị", "Năm 2024", "", ""],
        ["", "", "Tổng số", "Tập thể", "Cá nhân"],
        ["1", "Huyện Ba Bể", "44", "27", "17"],
        ["2", "Huyện Chợ Mới", "39", "24", "15"],
        ["", "Tổng cộng", "83", "51", "32"],
    ]
    caption = 'Phụ lục: SỐ MÔ HÌNH "DÂN VẬN KHÉO" KHỐI CHÍNH QUYỀN ĐƯỢC CÔNG NHẬN NĂM 2024'
    body = 'Năm 2024, khối chính quyền các cấp có 88 mô hình "Dân vận khéo" được công nhận.'
    meta = make_meta("2024")
    facts = extract_facts(make_table_doc(rows, body, caption), meta)
    assert {f.detail for f in facts if f.value == 83} == {None}
    assert "value_conflict" in {f.rule for f in check_document(meta, facts, [])}


def test_a_header_naming_two_units_reads_both_sides_of_its_pairs():
    rows = [
        ["STT", "Đơn vị", "Tiếp công dân", ""],
        ["", "", "Lượt/Người", "Đoàn đông người (Đoàn/Người)"],
        ["1", "Thành phố Cao Bằng", "104/121", "01/9"],
        ["2", "Huyện Bảo Lạc", "47/52", "-"],
    ]
    facts = extract_facts(make_table_doc(rows), make_meta("2024-H1"))
    got = {(f.metric, f.value, f.scope) for f in facts}
    assert {
        ("reception.visits", 104, "Thành phố Cao Bằng"),
        ("reception.persons", 121, "Thành phố Cao Bằng"),
        ("reception.delegations", 1, "Thành phố Cao Bằng"),
        ("reception.delegation_persons", 9, "Thành phố Cao Bằng"),
        ("reception.persons", 52, "Huyện Bảo Lạc"),
    } <= got


def test_a_group_row_over_its_units_is_their_subtotal_and_must_add_up():
    from warehouse.checks import check_document as check

    rows = [
        ["STT", "Đơn vị", "Tiếp công dân", ""],
        ["", "", "Lượt/Người", "Đoàn đông người (Đoàn/Người)"],
        ["II", "Các huyện, thành phố", "161/193", "01/9"],
        ["1", "Thành phố Cao Bằng", "104/121", "01/9"],
        ["2", "Huyện Bảo Lâm", "57/69", "-"],
        ["", "Toàn tỉnh", "161/193", "01/9"],
    ]
    meta = make_meta("2024-H1")
    facts = extract_facts(make_table_doc(rows), meta)
    assert {(f.rule, f.metric) for f in check(meta, facts, [])} == {
        ("sum_mismatch", "reception.persons")  # 121 + 69 = 190, not 193
    }


def test_a_wrong_total_cell_is_flagged_once_not_again_by_the_row_it_upsets():
    rows = [
        ["STT", "Thôn", "Số vụ việc", "Kết quả", "", ""],
        ["", "", "", "Thành", "Không thành", "Đang hòa giải"],
        ["1", "Thôn Bắc", "9", "7", "1", "1"],
        ["2", "Thôn Nam", "5", "4", "1", "0"],
        ["", "Tổng", "14", "11", "3", "1"],  # the rows give 2 unsuccessful, not 3
    ]
    # 11 + 3 + 1 = 15 on the total row is the same wrong cell, not a second finding
    assert _flag_rules(rows, "2024") == {("sum_mismatch", "mediation.unsuccessful")}


def test_the_rate_column_of_a_count_row_is_that_counts_rate_not_a_share_of_all():
    rows = [
        ["STT", "Chỉ tiêu", "Kế hoạch (%)", "Thực hiện", ""],
        ["", "", "", "Số lượng", "Tỷ lệ (%)"],
        ["1", "Dịch vụ công trực tuyến toàn trình trên tổng số TTHC", "50", "804", "46,02"],
    ]
    meta = make_meta("2023")
    facts = extract_facts(make_table_doc(rows), meta)
    got = {(f.metric, f.value) for f in facts}
    assert ("tthc.online_services.full", 804) in got
    assert ("tthc.online_services.full_share", 46.02) in got
    assert not any(f.metric == "tthc.online_services.share" for f in facts)


def _formula_over_a_pair_column(visits: str) -> list[list[str]]:
    return [
        ["STT", "Đơn vị", "Tiếp công dân", "", ""],
        ["", "", "Tổng số (lượt/người)", "Tiếp thường xuyên (lượt)", "Lãnh đạo tiếp (lượt)"],
        ["A", "B", "(3)=(4)+(5)", "(4)", "(5)"],
        ["1", "Huyện Đông Sơn", f"{visits}/131", "96", "22"],
    ]


def test_a_formula_over_a_pair_column_adds_the_side_in_its_terms_unit():
    # 118 = 96 + 22; the 131 persons are no sum
    assert not _flag_rules(_formula_over_a_pair_column("118"), "2022")
    assert _flag_rules(_formula_over_a_pair_column("128"), "2022") == {
        ("sum_mismatch", "reception.visits")
    }


def test_a_notes_facets_are_stated_with_the_rate_row_of_their_column():
    rows = [
        ["STT", "Chỉ tiêu", "ĐVT", "Quý IV/2023", "Ghi chú"],
        ["1", "Số hồ sơ đã giải quyết", "Hồ sơ", "1.520", "Trước hạn 1.310; đúng hạn 190"],
        ["2", "Tỷ lệ giải quyết trước hạn, đúng hạn", "%", "{rate}", ""],
        ["3", "Số hồ sơ đang giải quyết", "Hồ sơ", "88", ""],
    ]
    meta = make_meta("2023-Q4")

    def rules(rate: str) -> set[tuple[str, str | None]]:
        table = [[c.replace("{rate}", rate) for c in r] for r in rows]
        facts = extract_facts(make_table_doc(table), meta)
        return {(f.rule, f.metric) for f in check_document(meta, facts, [])}

    assert not rules("98,68")  # (1.310 + 190) / 1.520
    assert ("rate_mismatch", "dossiers.on_time_rate") in rules("99,68")


def test_a_parenthesis_naming_the_sides_of_a_ratings_column_gives_the_ratings_only():
    rows = [
        ["STT", "Cơ quan", "Đánh giá hài lòng (lượt hài lòng/lượt đánh giá)", "Tỷ lệ hài lòng (%)"],
        ["1", "Sở Tư pháp", "468/470", "99,57"],
        ["2", "Sở Y tế", "61/61", "100"],
    ]
    facts = extract_facts(make_table_doc(rows), make_meta("2022-Q2"))
    got = {(f.metric, f.value, f.scope) for f in facts}
    assert {
        ("satisfaction.responses", 470, "Sở Tư pháp"),
        ("satisfaction.responses", 61, "Sở Y tế"),
        ("satisfaction.rate", 99.57, "Sở Tư pháp"),
    } <= got
    # (the satisfied ratings are the project's own figure, the part over every rating)
    assert not {v for m, v, _ in got if m != "satisfaction.satisfied"} & {468}


def test_level_columns_scope_the_rows_figures_and_name_no_figure():
    rows = [
        ["STT", "Nội dung", "ĐVT", "Cấp huyện", "Cấp xã", "Toàn huyện"],
        ["1", "Tiếp công dân", "Lượt/người", "104/121", "183/198", "287/319"],
        ["2", "Đoàn đông người", "Đoàn/người", "01/15", "0/0", "01/15"],
        ["3", "Tỷ lệ giải quyết đơn", "%", "80,95", "88,89", "85,96"],
    ]
    facts = extract_facts(make_table_doc(rows), make_meta("2022-H1"))
    got = {(f.metric, f.value, f.scope) for f in facts}
    assert {
        ("reception.visits", 104, "cấp huyện"),
        ("reception.visits", 287, None),
        ("reception.delegations", 1, None),
        ("reception.delegation_persons", 15, None),
        ("petitions.resolution_rate", 88.89, "cấp xã"),
    } <= got
    assert {m for m, _, _ in got} <= {
        "reception.visits",
        "reception.persons",
        "reception.delegations",
        "reception.delegation_persons",
        "petitions.resolution_rate",
    }


def test_level_rows_are_scoped_in_lower_case_and_under_their_unit():
    rows = [
        ["STT", "Đơn vị", "Hồ sơ tiếp nhận", "Quá hạn"],
        ["I", "Cấp tỉnh", "38.880", "37"],
        ["II", "Cấp huyện", "47.824", "381"],
        ["1", "Huyện Lệ Thủy", "5.210", "12"],
        ["1.1", "Cấp huyện", "1.204", "3"],
        ["1.2", "Cấp xã", "4.006", "9"],
    ]
    facts = extract_facts(
        make_table_doc(rows, "Cấp huyện: tiếp nhận mới 47.824 hồ sơ, quá hạn 318 hồ sơ."),
        make_meta("2023-9M"),
    )
    scopes = {f.scope for f in facts if f.metric == "dossiers.received"}
    assert {"cấp tỉnh", "cấp huyện", "Huyện Lệ Thủy, cấp huyện", "Huyện Lệ Thủy, cấp xã"} <= scopes
    rules = {(f.rule, f.metric) for f in check_document(make_meta("2023-9M"), facts, [])}
    assert ("value_conflict", "dossiers.late") in rules


def test_a_total_column_sums_the_reception_kinds_beside_the_delegations():
    rows = [
        [
            "STT",
            "Cấp",
            "Tiếp thường xuyên",
            "",
            "Tiếp định kỳ của thủ trưởng",
            "",
            "Đoàn đông người",
            "",
            "Tổng cộng",
            "",
        ],
        ["", "", "Lượt", "Người", "Lượt", "Người", "Đoàn", "Người", "Lượt", "Người"],
        ["1", "Cấp tỉnh", "84", "96", "11", "17", "2", "31", "95", "113"],
    ]
    facts = extract_facts(make_table_doc(rows), make_meta("2025-Q1"))
    got = {(f.metric, f.value) for f in facts}
    assert {("reception.visits", 95), ("reception.persons", 113)} <= got


def test_a_column_of_dossiers_in_person_or_by_post_is_no_online_service():
    rows = [
        ["STT", "Cơ quan", "Mới tiếp nhận", ""],
        ["", "", "Trực tuyến", "Trực tiếp, dịch vụ BCCI"],
        ["1", "Sở Tư pháp", "7.843", "1.957"],
    ]
    facts = extract_facts(
        make_table_doc(rows, "Kết quả giải quyết hồ sơ TTHC"), make_meta("2023-9M")
    )
    assert not {f.metric for f in facts} & {"tthc.online_services"}


def test_a_column_number_row_with_differences_and_ratios_is_a_header():
    rows = [
        ["STT", "Đơn vị", "Kỳ trước chuyển sang", "Tiếp nhận mới", "Đang giải quyết", "Tỷ lệ (%)"],
        ["(1)", "(2)", "(3)", "(4)", "(5)=(3)+(4)-(6)", "(7)=(6)/(4)"],
        ["I", "Cấp xã", "10", "300", "12", "99,0"],
        ["1", "Xã Tân Thới", "6", "180", "8", "99,4"],
        ["2", "Xã Tân Phú", "4", "120", "4", "98,3"],
        ["", "Tổng cộng", "10", "300", "12", "99,0"],
    ]
    meta = make_meta("2022-Q3")
    facts = extract_facts(make_table_doc(rows), meta)
    assert not {f.value for f in facts} & {1, 2}  # the row numbers are no figures
    assert "sum_mismatch" not in {f.rule for f in check_document(meta, facts, [])}


def test_a_column_after_a_rate_column_inherits_no_percent():
    rows = [
        ["STT", "Cấp", "Đơn thuộc thẩm quyền", "Kết quả giải quyết", "", ""],
        ["", "", "", "Đã giải quyết", "", "Đang giải quyết"],
        ["", "", "", "Số đơn", "Tỷ lệ (%)", ""],
        ["1", "Cấp tỉnh", "96", "84", "87,50", "12"],
        ["", "Tổng cộng", "96", "84", "87,50", "12"],
    ]
    meta = make_meta("2023")
    facts = extract_facts(make_table_doc(rows), meta)
    assert ("petitions.pending", 12) in {(f.metric, f.value) for f in facts}
    assert not check_document(meta, facts, [])


def test_a_caption_names_its_count_before_its_purpose_and_no_rate_without_a_percent():
    rows = [
        ["STT", "Đơn vị", "Năm 2021", "Năm 2022"],
        ["1", "Thành phố Vĩnh Yên", "35", "38"],
        ["2", "Huyện Tam Đảo", "9", "12"],
        ["", "Tổng cộng", "44", "49"],  # 38 + 12 = 50
    ]
    caption = "Biểu số 01. Số đơn chuyển UBND các huyện, thành phố xem xét, giải quyết"
    meta = make_meta("2022")
    facts = extract_facts(make_table_doc(rows, caption), meta)
    assert {(f.metric, f.value) for f in facts} >= {
        ("petitions.transferred", 38),
        ("petitions.transferred", 49),
    }
    assert ("sum_mismatch", "petitions.transferred") in {
        (f.rule, f.metric) for f in check_document(meta, facts, [])
    }


def test_a_note_naming_the_cumulative_column_is_of_that_columns_period():
    rows = [
        ["STT", "Nội dung", "ĐVT", "Quý IV/2023", "Lũy kế năm 2023", "Ghi chú"],
        ["1", "Đơn thuộc thẩm quyền", "Đơn", "08", "33", ""],
        ["2", "Đơn đã giải quyết", "Đơn", "07", "30", "Lũy kế đạt 90,90%"],
    ]
    meta = make_meta("2023-Q4")
    facts = extract_facts(make_table_doc(rows), meta)
    rate = next(f for f in facts if f.metric == "petitions.resolution_rate")
    assert rate.period == "2023"


def test_level_columns_under_a_period_header_scope_an_indicator_tables_figures():
    rows = [
        ["STT", "Chỉ tiêu", "ĐVT", "9 tháng năm 2023", "", "", "Cùng kỳ năm 2022"],
        ["", "", "", "Tổng số", "Cấp huyện", "Cấp xã", ""],
        ["1", "Tiếp công dân", "Lượt", "412", "176", "236", "371"],
        ["2", "Đơn tiếp nhận", "Đơn", "296", "118", "178", "274"],
    ]
    facts = extract_facts(make_table_doc(rows), make_meta("2023-9M"))
    got = {(f.metric, f.value, f.scope) for f in facts}
    assert {
        ("reception.visits", 412, None),
        ("reception.visits", 176, "cấp huyện"),
        ("petitions.received", 178, "cấp xã"),
    } <= got
    assert not {v for _, v, _ in got} & {371, 274}


def test_a_formula_row_whose_numbers_a_pdf_broke_with_spaces_is_still_the_column_numbers():
    from extractors.finders.tables.grid import is_column_number_row

    assert is_column_number_row(["(1)", "(2)", "(3)=(4) +(5)", "(4)", "(5)", "(7)=(8) +(9)+(1 0)"])
    assert is_column_number_row(["(1)", "(2)", "(11)=(3 )-(7)", "(12)"])


def test_rows_apart_in_an_indicator_column_make_no_catalog_sum_with_its_total():
    rows = [
        ["STT", "Nội dung", "Đơn vị tính", "Số lượng", "Ghi chú"],
        ["1", "Tổng số đơn tiếp nhận", "Đơn", "286", ""],
        ["2", "Đơn đủ điều kiện xử lý", "Đơn", "240", ""],
        ["2.1", "Chuyển cơ quan có thẩm quyền giải quyết", "Đơn", "150", ""],
        ["2.2", "Thuộc thẩm quyền", "Đơn", "90", ""],
        ["3", "Đơn thuộc thẩm quyền đã giải quyết", "Đơn", "84", ""],
        ["4", "Đơn thuộc thẩm quyền đang giải quyết", "Đơn", "6", ""],
    ]
    meta = make_meta("2023")
    facts = extract_facts(make_table_doc(rows), meta)
    assert not {f.rule for f in check_document(meta, facts, [])} & {"sum_mismatch"}


def test_the_new_ones_of_the_petitions_due_are_no_petitions_received():
    rows = [
        ["STT", "Đơn vị", "Đơn thuộc thẩm quyền", "", "", "Đã giải quyết"],
        ["", "", "Kỳ trước chuyển sang", "Phát sinh trong kỳ", "Tổng số", ""],
        ["1", "Huyện A", "4", "33", "37", "32"],
        ["2", "Huyện B", "2", "20", "22", "20"],
    ]
    facts = extract_facts(make_table_doc(rows), make_meta("2023-H1"))
    got = {(f.metric, f.value) for f in facts}
    assert ("petitions.carried_over", 4) in got
    assert ("petitions.in_jurisdiction", 37) in got
    assert not {(m, v) for m, v in got if m == "petitions.received"}


def test_a_note_naming_the_months_of_the_cumulative_column_is_of_that_period():
    rows = [
        ["STT", "Nội dung", "Đơn vị tính", "Quý II/2024", "Lũy kế 6 tháng năm 2024", "Ghi chú"],
        [
            "1",
            "Đơn thuộc thẩm quyền / đã giải quyết",
            "Đơn",
            "07/06",
            "12/11",
            "Tỷ lệ giải quyết 6 tháng 91,67%",
        ],
    ]
    facts = extract_facts(make_table_doc(rows), make_meta("2024-Q2"))
    rate = next(f for f in facts if f.metric == "petitions.resolution_rate")
    assert rate.period == "2024-H1"


def test_a_row_number_column_named_above_a_column_number_row_numbers_the_rows():
    rows = [
        ["STT", "Cấp giải quyết", "Đã giải quyết", "Quá hạn"],
        ["A", "B", "(1)", "(2)"],
        ["I", "Cấp tỉnh", "18.511", "43"],
        ["II", "Cấp huyện", "21.590", "64"],
    ]
    facts = extract_facts(make_table_doc(rows), make_meta("2024-Q2"))
    got = {(f.metric, f.value, f.scope) for f in facts}
    assert ("dossiers.late", 64, "cấp huyện") in got


def test_indicator_sub_rows_of_the_parents_metric_split_it_and_tap_the_ca_nhan_is_the_whole():
    rows = [
        ["STT", "Chỉ tiêu", "Đơn vị tính", "Năm 2024", "Năm 2023"],
        ["1", 'Mô hình, điển hình "Dân vận khéo"', "mô hình", "52", "40"],
        ["1.1", "Tập thể", "mô hình", "31", "25"],
        ["1.2", "Cá nhân", "mô hình", "19", "15"],
    ]
    meta = make_meta("2024")
    facts = extract_facts(make_table_doc(rows), meta)
    got = {(f.metric, f.value, f.scope) for f in facts}
    assert {("models.dan_van_kheo", 31, "Tập thể"), ("models.dan_van_kheo", 19, "Cá nhân")} <= got
    assert "sum_mismatch" in {f.rule for f in check_document(meta, facts, [])}


def test_a_sub_row_naming_its_parents_metric_beside_rows_of_other_metrics_is_no_split():
    rows = [
        ["STT", "Chỉ tiêu", "Đơn vị tính", "Năm 2024"],
        ["1", "Tổng số lượt tiếp công dân", "lượt/người", "412/468"],
        ["1.1", "Ban Tiếp công dân huyện tiếp thường xuyên", "lượt/người", "236/259"],
        ["1.2", "Lãnh đạo UBND huyện tiếp định kỳ, đột xuất", "lượt/người", "98/117"],
        ["1.3", "UBND các xã, thị trấn tiếp", "lượt/người", "78/92"],
    ]
    meta = make_meta("2024")
    facts = extract_facts(make_table_doc(rows), meta)
    assert not check_document(meta, facts, [])


def test_a_row_joining_two_bodies_is_a_unit_of_the_column_not_one_bodys_form():
    rows = [
        ["STT", "Cơ quan, đơn vị", "Tiếp công dân", ""],
        ["", "", "Lượt", "Người"],
        ["1", "Ban Tiếp công dân và lãnh đạo UBND huyện", "77", "89"],
        ["2", "Xã Mường Toong", "15", "17"],
        ["", "Tổng cộng", "92", "106"],
    ]
    meta = make_meta("2023-H1")
    facts = extract_facts(make_table_doc(rows), meta)
    got = {(f.metric, f.value) for f in facts}
    assert {("reception.visits", 77), ("reception.persons", 89)} <= got
    assert not check_document(meta, facts, [])


def test_the_whole_year_column_beside_its_quarters_is_the_documents_period():
    rows = [
        ["STT", "Chỉ tiêu", "ĐVT", "Quý I", "Quý II", "Cả năm"],
        ["1", "Đơn thuộc thẩm quyền", "đơn", "29", "35", "64"],
        ["2", "Đơn đã giải quyết", "đơn", "26", "33", "59"],
    ]
    facts = extract_facts(make_table_doc(rows), make_meta("2023"))
    assert ("petitions.resolved", 59, None) in {(f.metric, f.value, f.period) for f in facts}


def test_a_communes_total_row_restating_the_bodys_commune_figures_is_no_conflict():
    body = (
        "Đã giải quyết 92/104 đơn thuộc thẩm quyền, đạt 88,46%, trong đó cấp huyện 27/31 đơn, "
        "cấp xã 65/73 đơn."
    )
    rows = [
        ["STT", "Xã, thị trấn", "Thuộc thẩm quyền", "Đã giải quyết", "Tỷ lệ (%)"],
        ["1", "Xã Hải Minh", "40", "35", "87,50"],
        ["2", "Xã Hải Đông", "33", "30", "90,91"],
        ["", "Tổng cộng", "73", "65", "89,04"],
    ]
    meta = make_meta("2023-9M", issuer="UBND huyện Hải Hậu")
    facts = extract_facts(make_table_doc(rows, body, "Phụ lục: KẾT QUẢ CỦA CẤP XÃ"), meta)
    assert "value_conflict" not in {f.rule for f in check_document(meta, facts, [])}


def test_a_districts_total_row_equal_to_the_bodys_district_figure_is_theirs_split_columns_too():
    body = (
        'Toàn tỉnh có 486 mô hình "Dân vận khéo" được công nhận, gồm 301 tập thể, 185 cá nhân; '
        "trong đó khối cơ quan cấp tỉnh 52 mô hình, các huyện, thị xã, thành phố 434 mô hình."
    )
    rows = [
        ["STT", "Đơn vị", 'Mô hình "Dân vận khéo"', "", ""],
        ["", "", "Tổng số", "Tập thể", "Cá nhân"],
        ["1", "Thành phố Tuy Hòa", "240", "150", "90"],
        ["2", "Huyện Tuy An", "194", "118", "76"],
        ["", "Tổng cộng", "434", "268", "166"],
    ]
    meta = make_meta("2023", issuer="UBND tỉnh Phú Yên")
    facts = extract_facts(make_table_doc(rows, body, "Phụ lục: KẾT QUẢ CỦA CÁC HUYỆN"), meta)
    assert "value_conflict" not in {f.rule for f in check_document(meta, facts, [])}


def test_a_total_of_level_groups_that_leave_a_level_out_is_scoped_to_those_levels():
    body = "Các cơ quan hành chính trong tỉnh tiếp nhận 4.126 đơn các loại."
    rows = [
        ["STT", "Đơn vị", "Đơn tiếp nhận", "Đơn thuộc thẩm quyền"],
        ["I", "Cấp tỉnh", "", ""],
        ["1", "Sở Xây dựng", "117", "9"],
        ["II", "Cấp huyện", "", ""],
        ["1", "Huyện Cam Lâm", "350", "25"],
        ["", "Tổng cộng (I+II)", "467", "34"],
    ]
    meta = make_meta("2023", issuer="Thanh tra tỉnh Khánh Hòa")
    facts = extract_facts(make_table_doc(rows, body, "Phụ lục"), meta)
    totals = {f.scope for f in facts if f.value == 467}
    assert totals == {"cấp tỉnh, cấp huyện"}
    assert "value_conflict" not in {f.rule for f in check_document(meta, facts, [])}


def test_an_ab_cell_whose_label_names_its_sides_short_reads_the_second_with_the_first():
    rows = [
        ["STT", "Chỉ tiêu", "Đơn vị tính", "6 tháng 2024"],
        ["1", "Vụ việc hòa giải tiếp nhận/thành", "vụ", "08/07"],
    ]
    facts = extract_facts(make_table_doc(rows), make_meta("2024-H1"))
    got = {(f.metric, f.value) for f in facts}
    assert got == {("mediation.cases", 8), ("mediation.successful", 7)}


def test_a_group_row_stating_its_own_figures_is_a_part_of_the_total_beside_the_subtotals():
    rows = [
        ["STT", "Cơ quan thực hiện", "Số cuộc thanh tra", "Số đơn vị được thanh tra"],
        ["I", "Thanh tra tỉnh", "05", "08"],
        ["II", "Thanh tra sở, ngành", "", ""],
        ["1", "Thanh tra Sở Xây dựng", "02", "02"],
        ["2", "Thanh tra Sở Y tế", "01", "02"],
        ["", "Cộng II", "03", "04"],
        ["", "Tổng cộng (I+II)", "08", "12"],
    ]
    meta = make_meta("2022")
    facts = extract_facts(make_table_doc(rows, "Phụ lục: KẾT QUẢ THANH TRA TRÁCH NHIỆM"), meta)
    assert not check_document(meta, facts, [])


def test_units_found_wanting_are_no_count_of_the_units_inspected():
    rows = [
        ["STT", "Cơ quan thực hiện", "Số đơn vị được thanh tra", "Số đơn vị có thiếu sót"],
        ["1", "Thanh tra Sở Xây dựng", "04", "02"],
    ]
    facts = extract_facts(make_table_doc(rows, "Phụ lục: THANH TRA TRÁCH NHIỆM"), make_meta("2022"))
    assert {(f.metric, f.value) for f in facts} == {("inspection.units", 4)}


def test_a_row_of_the_bodys_district_figures_meets_them_and_differs_from_one():
    body = (
        "Toàn tỉnh tiếp 2.316 lượt/2.590 người, trong đó cấp huyện 1.041 lượt/1.162 người "
        "(chi tiết tại Phụ lục)."
    )
    rows = [
        ["STT", "Đơn vị", "Tiếp công dân", ""],
        ["", "", "Lượt", "Người"],
        ["1", "Thành phố Vĩnh Long", "514", "595"],
        ["2", "Huyện Long Hồ", "500", "567"],
        ["", "Cộng", "1.014", "1.162"],
    ]
    meta = make_meta("2023-9M", issuer="Thanh tra tỉnh Vĩnh Long")
    facts = extract_facts(make_table_doc(rows, body, "Phụ lục: KẾT QUẢ CẤP HUYỆN"), meta)
    flags = check_document(meta, facts, [])
    assert [(f.rule, f.metric) for f in flags] == [("value_conflict", "reception.visits")]


def test_quarters_beside_their_running_total_are_figures_that_must_add_up_to_it():
    rows = [
        ["STT", "Chỉ tiêu", "Quý I", "Quý II", "Quý III", "Lũy kế 9 tháng", "Cùng kỳ năm 2023"],
        ["1", "Tiếp công dân (lượt)", "472", "494", "516", "1.482", "1.397"],
        ["2", "Đơn tiếp nhận (đơn)", "611", "648", "694", "1.968", "1.845"],
    ]
    meta = make_meta("2024-Q3")
    facts = extract_facts(make_table_doc(rows), meta)
    got = {(f.metric, f.value, f.period) for f in facts}
    assert {("reception.visits", 472, "2024-Q1"), ("reception.visits", 1482, "2024-9M")} <= got
    assert not {v for _, v, _ in got} & {1397, 1845}
    flags = check_document(meta, facts, [])
    assert [(f.rule, f.metric) for f in flags] == [("sum_mismatch", "petitions.received")]


def test_the_month_column_beside_the_running_total_is_the_reports_own():
    rows = [
        ["STT", "Nội dung", "ĐVT", "Trong tháng", "Lũy kế năm 2024", "So với tháng trước"],
        ["1", "Lượt tiếp công dân", "Lượt", "34", "402", "Giảm 05"],
        ["2", "Người được tiếp", "Người", "41", "471", "Giảm 03"],
    ]
    facts = extract_facts(make_table_doc(rows), make_meta("2024-M12"))
    got = {(f.metric, f.value, f.period) for f in facts}
    assert got == {
        ("reception.visits", 34, None),
        ("reception.visits", 402, "2024"),
        ("reception.persons", 41, None),
        ("reception.persons", 471, "2024"),
    }


def test_carried_over_under_the_received_row_widen_no_bound_of_what_is_in_jurisdiction():
    rows = [
        ["STT", "Chỉ tiêu", "Đơn vị tính", "6 tháng đầu năm 2022", "Cùng kỳ năm 2021"],
        ["2", "Tổng số đơn tiếp nhận", "đơn", "168", "187"],
        ["2.1", "Đơn kỳ trước chuyển sang", "đơn", "07", "05"],
        ["3", "Đơn đủ điều kiện xử lý", "đơn", "129", "140"],
        ["4", "Đơn thuộc thẩm quyền", "đơn", "18", "21"],
        ["5", "Số đơn đã giải quyết", "đơn", "19", "19"],
    ]
    meta = make_meta("2022-H1")
    facts = extract_facts(make_table_doc(rows), meta)
    flags = check_document(meta, facts, [])
    assert [(f.rule, f.metric) for f in flags] == [("part_exceeds_total", "petitions.resolved")]


def test_on_time_above_resolved_is_flagged_whatever_was_carried_over():
    rows = [
        ["STT", "Cơ quan, đơn vị", "Số hồ sơ tiếp nhận", "", "Số hồ sơ đã giải quyết", ""],
        ["", "", "Tồn kỳ trước", "Tiếp nhận mới", "Tổng số", "Trong đó trước hạn, đúng hạn"],
        ["1", "UBND huyện Lâm Bình", "58", "1.296", "1.204", "1.240"],
        ["2", "UBND huyện Na Hang", "40", "1.100", "1.120", "1.118"],
    ]
    meta = make_meta("2025-Q1")
    facts = extract_facts(make_table_doc(rows), meta)
    flags = check_document(meta, facts, [])
    assert [(f.rule, f.metric) for f in flags] == [("part_exceeds_total", "dossiers.on_time")]


def test_a_running_total_row_is_of_the_period_it_names():
    rows = [
        ["Thời gian", "Số cuộc thanh tra", "Số đơn vị được thanh tra"],
        ["Quý I", "11", "24"],
        ["Quý II", "14", "33"],
        ["Quý III", "16", "39"],
        ["Lũy kế 9 tháng", "41", "96"],
    ]
    meta = make_meta("2023-Q3")
    facts = extract_facts(make_table_doc(rows, "Kết quả thanh tra theo quý"), meta)
    assert ("inspection.teams", 41, "2023-9M", None) in {
        (f.metric, f.value, f.period, f.scope) for f in facts
    }
    assert "period_rollup" not in {f.rule for f in check_document(meta, facts, [])}


def test_a_quarter_row_with_an_aside_and_a_period_subtotal_are_of_their_periods():
    body = "Trong kỳ, Sở tiếp nhận 238 đơn."
    rows = [
        ["Thời gian", "Đơn tiếp nhận", "Đơn thuộc thẩm quyền"],
        ["Quý I", "71", "19"],
        ["Quý II", "88", "20"],
        ["Quý III (đến 14/9)", "77", "18"],
        ["Cộng 9 tháng", "236", "57"],
    ]
    meta = make_meta("2023-9M")
    facts = extract_facts(make_table_doc(rows, body, "Biểu số 01"), meta)
    got = {(f.value, f.period, f.scope) for f in facts if f.metric == "petitions.received"}
    assert {(77, "2023-Q3", None), (236, None, None)} <= got
    assert "value_conflict" in {f.rule for f in check_document(meta, facts, [])}


def test_a_tables_caption_stops_at_the_heading_of_its_section():
    from pathlib import Path

    from model import HEADING, PARAGRAPH, TABLE, Block, Document

    rows = [
        ["STT", "Lĩnh vực", "Cấp thành phố", "Cấp phường", "Tổng số"],
        ["1", "Kinh tế", "6", "15", "21"],
        ["2", "Văn hóa - xã hội", "5", "14", "19"],
    ]
    blocks = [
        Block(PARAGRAPH, "Các tổ hòa giải ở khu phố hòa giải thành 176/198 vụ việc.", page=1),
        Block(HEADING, '4. Phong trào thi đua "Dân vận khéo"', page=1),
        Block(PARAGRAPH, "Kết quả theo lĩnh vực như sau:", page=1),
        Block(TABLE, "\n".join(" | ".join(r) for r in rows), page=1, rows=rows),
    ]
    doc = Document(Path("bao_cao.docx"), blocks, "docx").reindex()
    facts = extract_facts(doc, make_meta("2023"))
    assert {f.metric for f in facts if f.source == "table"} == {"models.dan_van_kheo"}


def test_a_sub_rows_pair_is_named_by_its_own_words_not_its_parents_slash():
    rows = [
        ["STT", "Chỉ tiêu", "Đơn vị tính", "Quý III/2023", "Cùng kỳ năm 2022"],
        ["1", "Tổng số lượt tiếp/số người", "lượt/người", "231/280", "205/247"],
        ["1.1", "Tiếp thường xuyên", "lượt/người", "214/251", "190/226"],
    ]
    facts = extract_facts(make_table_doc(rows), make_meta("2023-Q3"))
    got = {(f.metric, f.value) for f in facts}
    assert {("reception.regular.visits", 214), ("reception.regular.persons", 251)} <= got


def test_a_previous_period_is_read_in_one_header_level_not_across_two():
    rows = [
        ["STT", "Cơ quan", "Hồ sơ đã giải quyết trong tháng", "", ""],
        ["", "", "Tổng số", "Trước hạn, đúng hạn", "Quá hạn"],
        ["1", "Sở Tư pháp", "604", "604", "0"],
        ["2", "Sở Xây dựng", "231", "225", "6"],
    ]
    facts = extract_facts(make_table_doc(rows), make_meta("2024-M03"))
    assert ("dossiers.on_time", 225) in {(f.metric, f.value) for f in facts}


def test_an_overdue_sub_row_under_the_pending_counts_pending_ones():
    rows = [
        ["STT", "Chỉ tiêu", "Đơn vị tính", "Tháng 10/2024"],
        ["5", "Hồ sơ đang giải quyết", "Hồ sơ", "1.255"],
        ["5.1", "Trong hạn", "Hồ sơ", "1.247"],
        ["5.2", "Quá hạn", "Hồ sơ", "8"],
    ]
    facts = extract_facts(make_table_doc(rows), make_meta("2024-M10"))
    assert ("dossiers.pending", 8, "Quá hạn") in {(f.metric, f.value, f.scope) for f in facts}


def test_a_kind_row_under_a_results_group_whose_sub_row_states_the_resolved_is_the_kind():
    rows = [
        ["STT", "Chỉ tiêu", "Đơn vị tính", "Năm 2023"],
        ["III", "Kết quả giải quyết", "", ""],
        ["6", "Khiếu nại thuộc thẩm quyền", "vụ", "25"],
        ["6.1", "Đã giải quyết", "vụ", "23"],
        ["6.2", "Tỷ lệ giải quyết", "%", "92"],
    ]
    doc, meta = make_table_doc(rows), make_meta("2023")
    facts = extract_facts(doc, meta)
    got = {(f.metric, f.value) for f in facts}
    assert {("petitions.complaints", 25), ("petitions.complaints.resolved", 23)} <= got
    assert not [f for f in check_document(meta, facts, []) if f.rule == "rate_mismatch"]


def test_a_satisfaction_index_on_rows_of_departments_is_their_rate_not_the_provinces_index():
    rows = [
        ["STT", "Cơ quan, đơn vị", "Số phiếu hợp lệ", "Chỉ số hài lòng (%)"],
        ["1", "Sở Xây dựng", "288", "83,12"],
        ["2", "UBND huyện Tân Phú", "305", "86,40"],
    ]
    facts = extract_facts(make_table_doc(rows), make_meta("2024"))
    got = {(f.metric, f.value) for f in facts}
    assert {("satisfaction.rate", 83.12), ("satisfaction.rate", 86.4)} <= got
    assert not [f for f in facts if f.metric == "index.sipas"]


def _conflicts(doc, meta):
    facts = extract_facts(doc, meta)
    return facts, [f for f in check_document(meta, facts, []) if f.rule == "value_conflict"]


def test_the_total_of_a_table_whose_caption_names_a_level_meets_the_bodys_figure_of_that_level():
    rows = [
        ["STT", "Đơn vị", "Số hồ sơ tiếp nhận", "Số hồ sơ đã giải quyết"],
        ["1", "Huyện Tân Phú", "4.210", "4.180"],
        ["2", "Huyện Định Quán", "3.905", "3.870"],
        ["", "Tổng cộng", "8.115", "8.050"],
    ]
    body = "b) Cấp huyện: tiếp nhận 8.151 hồ sơ."
    caption = "Phụ lục: KẾT QUẢ GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH CẤP HUYỆN NĂM 2024"
    _, flags = _conflicts(make_table_doc(rows, body, caption), make_meta("2024"))
    assert [f.metric for f in flags] == ["dossiers.received"]


def test_a_total_merged_across_the_number_and_label_columns_is_the_total_row():
    rows = [
        ["STT", "Đơn vị", "Số vụ việc tiếp nhận", "Hòa giải thành"],
        ["1", "Xã Tà Sìn Thàng", "11", "9"],
        ["2", "Xã Lùng Phình", "12", "10"],
        ["Tổng cộng", "", "23", "19"],
    ]
    doc, meta = make_table_doc(rows), make_meta("2023")
    facts = extract_facts(doc, meta)
    assert {("mediation.cases", 23, None), ("mediation.successful", 19, None)} <= {
        (f.metric, f.value, f.scope) for f in facts
    }
    assert not [f for f in check_document(meta, facts, []) if f.rule == "sum_mismatch"]


def test_a_paragraph_opened_by_a_body_of_one_level_scopes_its_figures():
    rows = [["STT", "Đơn vị", "Kỳ trước chuyển sang"], ["1", "Xã A", "7"], ["", "Tổng cộng", "7"]]
    doc = make_table_doc(
        rows,
        "Toàn huyện còn 40 hồ sơ tồn kỳ trước chuyển sang.",
        "- Tại Bộ phận Một cửa huyện: tiếp nhận mới 1.215 hồ sơ (tồn kỳ trước 12 hồ sơ).",
    )
    facts = extract_facts(doc, make_meta("2023"))
    assert ("dossiers.carried_over", 12, "Bộ phận Một cửa huyện") in {
        (f.metric, f.value, f.scope) for f in facts
    }


def test_a_total_column_whose_formula_adds_the_carried_over_is_no_count_of_the_received():
    rows = [
        ["STT", "Lĩnh vực", "Tổng số hồ sơ", "Kỳ trước chuyển sang", "Tiếp nhận mới"],
        ["", "", "(1)=(2)+(3)", "(2)", "(3)"],
        ["1", "Đất đai", "1.210", "40", "1.170"],
        ["2", "Hộ tịch", "905", "5", "900"],
        ["", "Tổng cộng", "2.115", "45", "2.070"],
    ]
    facts = extract_facts(make_table_doc(rows), make_meta("2024-9M"))
    received = {f.value for f in facts if f.metric == "dossiers.received"}
    assert received == {1170, 900, 2070}


def test_a_communes_total_that_agrees_with_none_of_the_districts_figures_is_no_conflict():
    rows = [
        ["STT", "Đơn vị", "Số lượt tiếp", "Số đơn tiếp nhận"],
        ["1", "Xã Đăk Xú", "11", "5"],
        ["2", "Xã Bờ Y", "20", "9"],
        ["", "Tổng cộng", "31", "14"],
    ]
    body = "Toàn huyện tiếp 96 lượt công dân; tiếp nhận 40 đơn."
    caption = "PHỤ LỤC: Kết quả tiếp công dân, xử lý đơn cấp xã năm 2023"
    _, flags = _conflicts(make_table_doc(rows, body, caption), make_meta("2023"))
    assert not flags
    # one figure off among figures that agree is the whole misprinted
    body = "Toàn huyện tiếp 31 lượt công dân; tiếp nhận 15 đơn."
    _, flags = _conflicts(make_table_doc(rows, body, caption), make_meta("2023"))
    assert [f.metric for f in flags] == ["petitions.received"]


def test_a_column_that_names_its_levels_totals_those_levels():
    rows = [
        ["STT", "Huyện", "Mô hình Dân vận khéo (cấp huyện và cấp xã)"],
        ["1", "Huyện Tam Đường", "193"],
        ["2", "Huyện Phong Thổ", "105"],
        ["", "Tổng cộng", "298"],
    ]
    body = (
        "Toàn tỉnh có 410 mô hình Dân vận khéo, trong đó cấp tỉnh 48 mô hình, cấp xã 250 mô hình."
    )
    caption = "Phụ lục: Kết quả xây dựng mô hình và đối thoại cấp xã"
    facts, flags = _conflicts(make_table_doc(rows, body, caption), make_meta("2023"))
    assert ("models.dan_van_kheo", 298, "cấp huyện, cấp xã") in {
        (f.metric, f.value, f.scope) for f in facts
    }
    assert not flags


def test_rows_of_petition_kinds_give_each_kind_its_counts_and_check_its_rate():
    rows = [
        ["STT", "Loại đơn", "Thuộc thẩm quyền", "Đã giải quyết", "Tỷ lệ (%)", "Đang giải quyết"],
        ["1", "Khiếu nại", "10", "08", "80,00", "02"],
        ["2", "Tố cáo", "06", "05", "88,33", "01"],
        ["3", "Kiến nghị, phản ánh", "30", "27", "90,00", "03"],
        ["", "Cộng", "46", "40", "86,96", "06"],
    ]
    meta = make_meta("2023")
    facts = extract_facts(make_table_doc(rows, "Kết quả giải quyết theo loại đơn như sau:"), meta)
    got = {(f.metric, f.value, f.scope) for f in facts}
    assert {
        ("petitions.complaints", 10, None),
        ("petitions.complaints.resolved", 8, None),
        ("petitions.complaints.resolution_rate", 80, None),
        ("petitions.denunciations", 6, None),
        ("petitions.recommendations.resolved", 27, None),
        ("petitions.pending", 3, "Kiến nghị, phản ánh"),
        ("petitions.in_jurisdiction", 46, None),
    } <= got
    flags = {(f.rule, f.metric) for f in check_document(meta, facts, [])}
    assert flags == {("rate_mismatch", "petitions.denunciations.resolution_rate")}


def test_an_indicator_row_counted_in_two_units_and_its_sub_rows_read_in_its_domain():
    rows = [
        ["STT", "Nội dung", "Đơn vị tính", "Kết quả", "Ghi chú"],
        ["III", "Giải quyết thuộc thẩm quyền", "", "", ""],
        ["3", "Vụ việc thuộc thẩm quyền", "vụ/đơn", "18/22", ""],
        ["3.1", "Đã giải quyết", "vụ/đơn", "15/19", "Khiếu nại 06, tố cáo 01, kiến nghị 08 vụ"],
        ["3.2", "Tỷ lệ giải quyết", "%", "83,33", ""],
        ["3.3", "Đang giải quyết", "vụ", "03", "Trong thời hạn"],
    ]
    facts = extract_facts(make_table_doc(rows), make_meta("2023-Q3"))
    got = {(f.metric, f.value) for f in facts}
    assert {
        ("petitions.in_jurisdiction", 18),
        ("petitions.in_jurisdiction", 22),
        ("petitions.resolved", 15),
        ("petitions.resolved", 19),
        ("petitions.resolution_rate", 83.33),
        ("petitions.pending", 3),
        ("petitions.complaints.resolved", 6),
        ("petitions.denunciations.resolved", 1),
        ("petitions.recommendations.resolved", 8),
    } <= got


def test_sub_rows_in_the_unit_their_parent_row_counts_in_split_it():
    rows = [
        ["STT", "Nội dung", "Đơn vị tính", "9 tháng năm 2023", "Cùng kỳ năm 2022"],
        ["1", "Số cuộc thanh tra triển khai", "cuộc", "08", "06"],
        ["1.1", "Theo kế hoạch", "cuộc", "06", "05"],
        ["1.2", "Đột xuất", "cuộc", "02", "01"],
    ]
    facts = extract_facts(make_table_doc(rows), make_meta("2023-9M"))
    assert {(f.metric, f.value, f.scope) for f in facts} == {
        ("inspection.teams", 8, None),
        ("inspection.teams", 6, "Theo kế hoạch"),
        ("inspection.teams", 2, "Đột xuất"),
    }


def value_conflicts(doc, meta) -> list:
    """The value_conflict flags of a document read through the finders."""
    return [
        f for f in check_document(meta, extract_facts(doc, meta), []) if f.rule == "value_conflict"
    ]


def test_a_total_that_differs_from_the_whole_in_every_figure_is_of_a_narrower_body():
    body = (
        "Các cơ quan ba cấp tiếp nhận 52.410 hồ sơ, trong đó trực tuyến 38.116 hồ sơ; trước hạn"
        " và đúng hạn 51.902 hồ sơ, quá hạn 208 hồ sơ."
    )
    rows = [
        ["STT", "Cơ quan", "Hồ sơ tiếp nhận", "", "Hồ sơ đã giải quyết", ""],
        ["", "", "Tổng số", "Trong đó trực tuyến", "Trước hạn, đúng hạn", "Quá hạn"],
        ["1", "Sở Tư pháp", "4.120", "3.806", "4.090", "6"],
        ["2", "Sở Xây dựng", "2.975", "2.311", "2.950", "9"],
        ["", "Tổng cộng", "7.095", "6.117", "7.040", "15"],
    ]
    meta = make_meta("2024-H1", issuer="Sở Nội vụ")
    caption = "Phụ lục: HỒ SƠ GIẢI QUYẾT TẠI TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"
    assert not value_conflicts(make_table_doc(rows, body, caption), meta)


def test_the_facets_of_a_communes_total_that_restates_the_bodys_commune_figure_are_theirs():
    body = (
        'Toàn huyện có 85 mô hình "Dân vận khéo" (57 tập thể, 28 cá nhân), trong đó cấp huyện'
        " 21 mô hình, cấp xã 64 mô hình."
    )
    rows = [
        ["STT", "Đơn vị", 'Mô hình "Dân vận khéo"', "", ""],
        ["", "", "Tổng số", "Tập thể", "Cá nhân"],
        ["1", "Xã Ẳng Nưa", "30", "20", "10"],
        ["2", "Xã Búng Lao", "34", "23", "11"],
        ["", "Cộng", "64", "43", "21"],
    ]
    meta = make_meta("2023", issuer="UBND huyện Mường Ảng")
    caption = "KẾT QUẢ CÔNG TÁC DÂN VẬN CHÍNH QUYỀN CỦA CÁC XÃ, THỊ TRẤN NĂM 2023"
    doc = make_table_doc(rows, body, "PHỤ LỤC", caption)
    doc.blocks[1].kind = HEADING  # (the appendix heading parts the body from the caption)
    assert not value_conflicts(doc, meta)


def test_a_column_that_names_only_its_unit_counts_what_the_heading_above_names():
    rows = [
        ["STT", "Thời gian", "Số cuộc", "Số tổ chức được thanh tra, kiểm tra"],
        ["1", "Quý I", "05", "14"],
        ["2", "Quý II", "06", "17"],
        ["", "Cộng", "11", "31"],
    ]
    doc = make_table_doc(rows, "I. CÔNG TÁC THANH TRA, KIỂM TRA CHUYÊN NGÀNH", "Kết quả từng quý:")
    facts = extract_facts(doc, make_meta("2023-H1"))
    assert {("inspection.teams", 5), ("inspection.teams", 11)} <= {
        (f.metric, f.value) for f in facts
    }


def test_a_table_of_visits_under_a_caption_about_the_leaders_counts_the_leaders_reception():
    rows = [
        ["STT", "Đơn vị", "Số lượt tiếp", "Số người"],
        ["1", "Huyện Bình Sơn", "4", "5"],
        ["2", "Huyện Sơn Tịnh", "2", "3"],
        ["", "Tổng cộng", "6", "8"],
    ]
    doc = make_table_doc(rows, "3. Kết quả tiếp công dân của lãnh đạo UBND cấp huyện")
    facts = extract_facts(doc, make_meta("2023-M10"))
    assert {(f.metric, f.value) for f in facts if f.scope is None} == {
        ("reception.leader.visits", 6),
        ("reception.leader.persons", 8),
    }


def test_the_total_of_petitions_to_process_leaves_the_received_to_its_own_column():
    rows = [
        ["STT", "Đơn vị", "Số đơn phải xử lý", "", "", "Đơn đủ điều kiện xử lý"],
        ["", "", "Tổng", "Kỳ trước chuyển sang", "Tiếp nhận trong kỳ", ""],
        ["1", "Cấp huyện", "210", "6", "204", "150"],
        ["2", "Cấp xã", "95", "3", "92", "61"],
        ["", "Tổng cộng", "305", "9", "296", "211"],
    ]
    facts = extract_facts(make_table_doc(rows, "Phụ lục: KẾT QUẢ XỬ LÝ ĐƠN"), make_meta("2023"))
    received = {(f.scope, f.value) for f in facts if f.metric == "petitions.received"}
    assert received == {("cấp huyện", 204), ("cấp xã", 92), (None, 296)}


def test_a_total_column_before_the_carried_over_and_the_new_ones_is_no_count_received():
    rows = [
        ["STT", "Lĩnh vực", "Tổng số hồ sơ", "Kỳ trước chuyển qua", "Mới tiếp nhận", ""],
        ["", "", "", "", "Tổng số", "Trực tuyến"],
        ["1", "Nhà ở", "31", "4", "27", "25"],
        ["", "Tổng cộng", "31", "4", "27", "25"],
    ]
    facts = extract_facts(make_table_doc(rows, "KẾT QUẢ GIẢI QUYẾT TTHC"), make_meta("2024-M10"))
    received = {(f.scope, f.value) for f in facts if f.metric == "dossiers.received"}
    assert received == {("Nhà ở", 27), (None, 27)}


def test_a_column_number_row_labelled_by_its_code_is_no_row_of_figures():
    rows = [
        ["STT", "Đơn vị", "Tổng số", "", "Tiếp thường xuyên", ""],
        ["", "", "Lượt", "Người", "Lượt", "Người"],
        ["MS", "", "1=3", "2=4", "3", "4"],
        ["1", "Cấp huyện", "40", "45", "40", "45"],
        ["", "Tổng cộng", "40", "45", "40", "45"],
    ]
    facts = extract_facts(make_table_doc(rows, "Phụ lục: KẾT QUẢ TIẾP CÔNG DÂN"), make_meta("2023"))
    assert sorted({f.value for f in facts}) == [40, 45]


def test_a_note_splitting_a_row_counts_what_the_row_counts_under_its_group():
    rows = [
        ["STT", "Chỉ tiêu", "Đơn vị tính", "Quý III/2024", "Ghi chú"],
        ["I", "Hòa giải ở cơ sở", "", "", ""],
        ["1", "Số vụ việc tiếp nhận", "vụ", "09", "Đất đai 04, hôn nhân gia đình 03, khác 02"],
        ["1.1", "Hòa giải thành", "vụ", "07", ""],
    ]
    facts = extract_facts(make_table_doc(rows, "KẾT QUẢ CÔNG TÁC TƯ PHÁP"), make_meta("2024-Q3"))
    split = {(f.metric, f.value) for f in facts if f.value in (4, 3, 2)}
    assert split == {("mediation.cases", 4), ("mediation.cases", 3), ("mediation.cases", 2)}


def test_a_bare_total_column_counts_what_its_split_columns_count():
    rows = [
        ["STT", "Đơn vị", "Tổng số", "Trong đó", ""],
        ["", "", "", "Mô hình tập thể", "Điển hình cá nhân"],
        ["1", "Xã Đông Hải", "24", "16", "08"],
        ["", "Tổng cộng", "24", "16", "08"],
    ]
    caption = 'Tổng hợp mô hình, điển hình "Dân vận khéo" năm 2023'
    facts = extract_facts(make_table_doc(rows, caption), make_meta("2023"))
    totals = {(f.scope, f.value) for f in facts if f.value == 24}
    assert totals == {("Xã Đông Hải", 24), (None, 24)}
    assert {f.metric for f in facts} == {"models.dan_van_kheo"}


def test_a_total_split_into_channels_and_the_carried_over_is_what_is_to_be_resolved():
    rows = [
        ["STT", "Lĩnh vực", "Số hồ sơ nhận giải quyết", "", "", "", "Kết quả giải quyết"],
        ["", "", "Tổng số", "Trong đó", "", "", "Tổng số"],
        ["", "", "", "Trực tuyến", "Trực tiếp và BCCI", "Từ kỳ trước", ""],
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"],
        ["1", "Hộ tịch", "62", "38", "21", "03", "58"],
        ["", "Tổng cộng", "62", "38", "21", "03", "58"],
    ]
    facts = extract_facts(make_table_doc(rows, "KẾT QUẢ GIẢI QUYẾT TTHC"), make_meta("2023-H1"))
    assert not [f for f in facts if f.metric == "dossiers.received" and f.value == 62]


def test_a_leaders_table_splits_visits_by_kind_in_its_parents_unit_beside_a_delegations_column():
    rows = [
        ["STT", "Đơn vị", "Số lượt tiếp", "", "", "Số người", "Đoàn đông người (đoàn/người)"],
        ["", "", "Tổng", "Định kỳ", "Đột xuất", "", ""],
        ["1", "Huyện Đắk Hà", "05", "04", "01", "07", "01/09"],
        ["", "Cộng", "05", "04", "01", "07", "01/09"],
    ]
    caption = "3. Tiếp công dân của lãnh đạo UBND các huyện, thành phố"
    facts = extract_facts(make_table_doc(rows, caption), make_meta("2023-M10"))
    row = {(f.metric, f.value) for f in facts if f.scope and f.scope.startswith("Huyện Đắk Hà")}
    assert row == {
        ("reception.leader.visits", 5),
        ("reception.leader.visits", 4),
        ("reception.leader.visits", 1),
        ("reception.leader.persons", 7),
        ("reception.delegations", 1),
        ("reception.delegation_persons", 9),
    }


def test_a_column_of_returned_or_withdrawn_dossiers_counts_no_figure_of_ours():
    rows = [
        ["STT", "Cơ quan", "Tiếp nhận mới", "Đã giải quyết", "", "", "Trả lại, rút hồ sơ"],
        ["", "", "", "Tổng số", "Trước hạn, đúng hạn", "Quá hạn", ""],
        ["1", "Sở Tư pháp", "670", "665", "663", "02", "05"],
        ["", "Tổng cộng", "670", "665", "663", "02", "05"],
    ]
    facts = extract_facts(make_table_doc(rows, "KẾT QUẢ GIẢI QUYẾT TTHC"), make_meta("2024-M04"))
    assert not [f for f in facts if f.value == 5]


def test_columns_of_index_points_count_no_dossiers():
    rows = [
        ["STT", "Cơ quan, đơn vị", "Tiến độ giải quyết", "Dịch vụ công trực tuyến", "Tổng điểm"],
        ["1", "Sở Tư pháp", "19,5", "11,8", "90,52"],
        ["2", "Sở Nội vụ", "19,3", "11,4", "88,96"],
    ]
    facts = extract_facts(make_table_doc(rows, "Điểm Bộ chỉ số 766 tháng 3"), make_meta("2026-M03"))
    assert not [f for f in facts if f.metric.startswith(("dossiers.", "tthc."))]


def test_a_survey_table_counts_the_valid_forms_and_keeps_the_satisfied_forms_apart_from_the_rate():
    rows = [
        [
            "STT",
            "Cơ quan",
            "Số phiếu phát ra",
            "Số phiếu thu về hợp lệ",
            "Số phiếu hài lòng, rất hài lòng",
            "Tỷ lệ hài lòng (%)",
        ],
        ["1", "UBND thành phố Vị Thanh", "250", "244", "236", "96,72"],
    ]
    facts = extract_facts(make_table_doc(rows, "Kết quả khảo sát sự hài lòng"), make_meta("2024"))
    assert {(f.metric, f.value) for f in facts} == {
        ("satisfaction.responses", 244),
        ("satisfaction.rate", 96.72),
    }


def _blocks_table(subtotal_visits: str) -> list[list[str]]:
    return [
        ["TT", "Cơ quan, đơn vị", "Số lượt tiếp", "Số người được tiếp"],
        ["I", "Cấp tỉnh", "", ""],
        ["1", "Trụ sở Tiếp công dân tỉnh", "40", "46"],
        ["II", "Khối sở, ban, ngành", "", ""],
        ["1", "Sở Xây dựng", "06", "06"],
        ["2", "Sở Y tế", "03", "04"],
        ["", "Cộng khối sở, ban, ngành", "09", "10"],
        ["III", "Khối huyện, thành phố", "", ""],
        ["1", "Thành phố Hòa Bình", "21", "25"],
        ["2", "Huyện Đà Bắc", "08", "08"],
        ["", "Cộng khối huyện, thành phố", subtotal_visits, "33"],
        ["", "Toàn tỉnh", "78", "89"],
    ]


def test_a_blocks_subtotal_adds_its_own_rows_and_the_total_every_blocks():
    meta = make_meta("2024-M10")
    facts = extract_facts(make_table_doc(_blocks_table("29")), meta)
    assert not check_document(meta, facts, [])


def test_a_wrong_subtotal_is_its_blocks_error_alone():
    meta = make_meta("2024-M10")
    facts = extract_facts(make_table_doc(_blocks_table("31")), meta)
    flags = check_document(meta, facts, [])
    assert [(f.rule, f.metric, "31" in f.message) for f in flags] == [
        ("sum_mismatch", "reception.visits", True)
    ]


def test_a_month_by_month_indicator_table_dates_its_month_columns_and_adds_flows_only():
    rows = [
        ["STT", "Chỉ tiêu", "Tháng 01", "Tháng 02", "Tháng 03", "Quý I/2025"],
        ["A", "B", "1", "2", "3", "4 = 1+2+3"],
        ["1", "Hồ sơ tồn kỳ trước chuyển sang", "120", "98", "105", "120"],
        ["2", "Hồ sơ tiếp nhận mới", "1.400", "1.150", "1.610", "4.160"],
        ["", "Trong đó: trực tuyến", "1.020", "870", "1.290", "3.180"],
        ["3", "Hồ sơ đã giải quyết", "1.422", "1.143", "1.630", "4.195"],
        ["3.1", "Trước hạn, đúng hạn", "1.416", "1.139", "1.622", "4.177"],
        ["4", "Hồ sơ đang giải quyết cuối kỳ", "98", "105", "85", "85"],
        ["5", "Tỷ lệ trước hạn, đúng hạn (%)", "99,58", "99,65", "99,51", "99,57"],
    ]
    meta = make_meta("2025-Q1")
    facts = extract_facts(make_table_doc(rows, "Số liệu theo tháng:"), meta)
    got = {(f.metric, f.value, f.period) for f in facts}
    assert {
        ("dossiers.carried_over", 98, "2025-M02"),
        ("dossiers.online", 870, "2025-M02"),
        ("dossiers.on_time", 1139, "2025-M02"),
        ("dossiers.online", 3180, None),
    } <= got
    assert not check_document(meta, facts, [])


def test_quarter_columns_under_a_years_header_are_those_quarters():
    rows = [
        ["STT", "Chỉ tiêu", "Đơn vị tính", "Năm 2024", "", "", ""],
        ["", "", "", "Quý I", "Quý II", "Quý III", "9 tháng"],
        ["1", "Đơn tiếp nhận", "Đơn", "102", "96", "121", "319"],
    ]
    meta = make_meta("2024-9M")
    facts = extract_facts(make_table_doc(rows, "Kết quả tiếp nhận đơn:"), meta)
    got = {(f.value, f.period) for f in facts if f.metric == "petitions.received"}
    assert got == {(102, "2024-Q1"), (96, "2024-Q2"), (121, "2024-Q3"), (319, None)}


def test_month_rows_of_pairs_add_up_to_the_quarter_row_and_keep_their_dossier_sides():
    rows = [
        ["Tháng", "Tiếp nhận mới", "Hồ sơ đúng hạn/Đã giải quyết", "Quá hạn"],
        ["Tháng 7/2023", "142", "139/141", "2"],
        ["Tháng 8/2023", "128", "129/131", "2"],
        ["Tháng 9/2023", "150", "146/147", "1"],
        ["Quý III", "420", "416/419", "5"],
    ]
    meta = make_meta("2023-Q3")
    facts = extract_facts(make_table_doc(rows, "Kết quả giải quyết hồ sơ theo tháng:"), meta)
    assert ("dossiers.resolved", 131, "2023-M08") in {(f.metric, f.value, f.period) for f in facts}
    flags = {(f.rule, f.metric) for f in check_document(meta, facts, [])}
    assert ("sum_mismatch", "dossiers.on_time") in flags  # 139 + 129 + 146 = 414, not 416


def test_cases_in_jurisdiction_by_level_in_a_report_on_complaints_are_petitions():
    rows = [
        ["STT", "Cấp giải quyết", "Vụ việc thuộc thẩm quyền", "Đã giải quyết", "Tỷ lệ (%)"],
        ["A", "B", "1", "2", "3=2/1"],
        ["1", "Cấp tỉnh", "38", "33", "86,84"],
        ["2", "Cấp huyện", "121", "110", "90,91"],
    ]
    on_complaints = make_meta("2024-H1", title="Công tác giải quyết khiếu nại, tố cáo 6 tháng")
    got = {(f.metric, f.value) for f in extract_facts(make_table_doc(rows), on_complaints)}
    assert {("petitions.in_jurisdiction", 38), ("petitions.resolved", 33)} <= got
    assert ("petitions.resolution_rate", 90.91) in got
    violations = [["STT", "Lĩnh vực", "Số cuộc", "Số vụ vi phạm"], ["1", "Vận tải", "5", "64"]]
    got = {f.metric for f in extract_facts(make_table_doc(violations), on_complaints)}
    assert "petitions.received" not in got


def test_the_units_of_one_level_named_in_prose_meet_the_appendix_of_that_level():
    rows = [
        ["STT", "Đơn vị", "Đơn tiếp nhận", "Đơn thuộc thẩm quyền"],
        ["1", "Xã Bắc Bình", "90", "30"],
        ["2", "Xã Thái Hòa", "74", "28"],
        ["", "Cộng", "164", "58"],
    ]
    body = (
        "UBND huyện tiếp nhận 97 đơn, trong đó thuộc thẩm quyền 31 đơn. UBND các xã, thị trấn "
        "tiếp nhận {} đơn, trong đó thuộc thẩm quyền 58 đơn."
    )
    caption = "TỔNG HỢP KẾT QUẢ XỬ LÝ ĐƠN CỦA UBND CÁC XÃ, THỊ TRẤN"
    meta = make_meta("2024-9M", title="Công tác tiếp công dân, giải quyết khiếu nại, tố cáo")

    def conflicts(value: str) -> set:
        return _flag_rules(rows, "2024-9M", body.format(value), caption, title=meta.title or "")

    assert not conflicts("164")
    assert ("value_conflict", "petitions.received") in conflicts("146")
    joined = extract_facts(
        make_table_doc([], "UBND huyện và UBND các xã, thị trấn tiếp nhận 146 đơn."), meta
    )
    assert [f.scope for f in joined if f.metric == "petitions.received"] == [None]


def test_a_column_of_its_own_header_after_a_group_borrows_none_of_the_groups_words():
    rows = [
        ["STT", "Thôn", "Vụ việc hòa giải", "", "", "", "Ý kiến, kiến nghị cử tri tập hợp"],
        ["", "", "Tiếp nhận", "Hòa giải thành", "Không thành", "Đang hòa giải", ""],
        ["1", "Thôn Bắc Hội", "6", "5", "1", "0", "17"],
        ["2", "Thôn Phi Nôm", "4", "3", "0", "1", "12"],
        ["", "Tổng cộng", "10", "8", "1", "1", "29"],
    ]
    meta = make_meta("2024-9M")
    facts = extract_facts(make_table_doc(rows), meta)
    assert not [f for f in facts if f.value in (17, 12, 29) and f.metric.startswith("mediation.")]
    assert ("mediation.ongoing", 1) in {(f.metric, f.value) for f in facts}
    assert not check_document(meta, facts, [])


def test_a_column_naming_a_unit_of_its_own_after_a_group_borrows_none_of_its_words():
    rows = [
        ["STT", "Tổ dân phố, thôn", "Hòa giải ở cơ sở", "", "", "Số đơn gửi UBND phường"],
        ["", "", "Số vụ việc", "Thành", "Không thành", ""],
        ["1", "Tổ dân phố 1", "2", "2", "-", "7"],
        ["2", "Tổ dân phố 2", "3", "2", "1", "9"],
    ]
    facts = extract_facts(make_table_doc(rows), make_meta("2021-H1"))
    assert not [f for f in facts if f.value in (7, 9) and f.metric.startswith("mediation.")]
    assert ("mediation.unsuccessful", 1) in {(f.metric, f.value) for f in facts}


def test_a_total_row_naming_the_units_territory_totals_the_rows_above():
    rows = [
        ["STT", "Tổ hòa giải", "Số vụ việc tiếp nhận", "Hòa giải thành"],
        ["1", "Tổ dân phố 1", "4", "3"],
        ["2", "Thôn Tân Sơn", "4", "3"],
        ["", "Tổng số trên địa bàn", "7", "6"],
    ]
    rules = _flag_rules(rows, "2024-H1", "Biểu số 01. Kết quả hòa giải ở cơ sở")
    assert ("sum_mismatch", "mediation.cases") in rules  # 4 + 4 is not 7
