"""The table reader: headers read top to bottom, per-unit and per-indicator tables, column
formulas, cells that hold no figure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.finders.tables import extract_table_facts
from extractors.finders.tables.grid import Grid, column_paths
from extractors.finders.tables.units import unit_of_label
from model import Block, DocMeta, Document
from tests.fixtures.tables.table_cases import (
    FORMULA_WITH_DIFFERENCE,
    HEADER_BLOCK,
    INDICATOR_LIST,
    INDICATORS_AS_ROWS,
    PETITIONS_BY_UNIT,
    RECEPTION_BY_COMMUNE,
    SIGNATURE_BLOCK,
    STAGES_WITH_CAPTION_UNIT,
    SUB_ROWS_UNDER_A_PARENT,
    TARGET_BESIDE_RESULT,
    TWO_PERIODS,
    UNITS_ACROSS,
    VALUES_WITH_UNITS,
)
from warehouse.checks.table_formulas import column_formulas, formula_mismatches, table_formulas

META = DocMeta(doc_type="bao_cao", period="2024-H1", doc_date="2024-06-20")
DEV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"


def doc_of(*tables, caption: str = "BÁO CÁO") -> Document:
    blocks = [Block("paragraph", caption)]
    for rows in tables:
        blocks.append(
            Block("table", "\n".join(" | ".join(r) for r in rows), rows=[r[:] for r in rows])
        )
    return Document(Path("t.docx"), blocks, "docx").reindex()


def facts_of(rows, meta: DocMeta = META):
    return extract_table_facts(doc_of(rows), meta)


def test_official_header_and_signature_tables_give_no_facts():
    assert facts_of(HEADER_BLOCK) == []
    assert facts_of(SIGNATURE_BLOCK) == []


def test_multi_row_header_composes_parent_and_leaf_and_leaves_number_row_out():
    labels = [" ".join(p) for p in column_paths(Grid(PETITIONS_BY_UNIT, 7), 3)]
    assert labels[2:5] == [
        "Đơn nhận được Tổng số",
        "Đơn nhận được Khiếu nại",
        "Đơn nhận được Tố cáo",
    ]
    assert labels[5] == "Đã giải quyết (đơn)"  # a parent spans only columns with children under it


@pytest.mark.parametrize(
    "header, unit",
    [
        ("Tiếp công dân (lượt)", "lượt"),
        ("Số đơn (ĐVT: đơn)", "đơn"),
        ("Tỷ lệ hòa giải thành (%)", "%"),
        ("Tiếp công dân Số đoàn đông người", "đoàn đông người"),
        ("Chủ tịch UBND tiếp định kỳ", "kỳ"),
        ("Số lần tiếp", "lượt"),
    ],
)
def test_unit_read_from_the_header(header, unit):
    assert unit_of_label(header) == unit


def test_per_unit_table_scopes_each_row_to_its_unit_and_leaves_the_total_unscoped():
    got = {(f.metric, f.value, f.scope) for f in facts_of(PETITIONS_BY_UNIT)}
    assert ("petitions.received", 12, "Sở Tư pháp") in got
    assert ("petitions.complaints", 7, "UBND huyện Hòa Bình") in got
    assert ("petitions.resolved", 16, None) in got
    assert ("petitions.received", 19, None) in got


def test_comparison_column_stt_and_letters_give_no_facts():
    facts = facts_of(PETITIONS_BY_UNIT)
    assert {f.col for f in facts} == {2, 3, 4, 5}
    assert all(f.row >= 3 for f in facts)


def test_dash_and_empty_cells_give_no_fact_and_khong_is_zero():
    facts = facts_of(PETITIONS_BY_UNIT)
    assert not [f for f in facts if f.row == 4 and f.col == 4]  # "-"
    commune = facts_of(RECEPTION_BY_COMMUNE)
    assert ("reception.delegations", 0, "Xã Tân Hòa") in {
        (f.metric, f.value, f.scope) for f in commune
    }
    assert not [f for f in commune if f.row == 2]  # a commune that reported nothing


def test_unit_row_without_figures_does_not_scope_the_total_row():
    totals = [f for f in facts_of(RECEPTION_BY_COMMUNE) if f.row == 3]
    assert totals and all(f.scope is None for f in totals)


def test_indicator_rows_use_the_unit_column_and_only_the_current_column():
    got = {(f.metric, f.value) for f in facts_of(INDICATORS_AS_ROWS) if f.value is not None}
    assert got == {
        ("petitions.received", 46),
        ("petitions.complaints", 28),
        ("petitions.denunciations", 3),
        ("mediation.cases", 38),
        ("mediation.successful", 33),
    }


def test_malformed_cell_kept_with_no_value_and_its_raw_text():
    bad = [f for f in facts_of(INDICATORS_AS_ROWS) if f.value is None]
    assert [(f.metric, f.raw) for f in bad] == [("dossiers.on_time_rate", "04,%")]


def test_sub_rows_take_their_parent_rows_subject():
    got = [(f.metric, f.value) for f in facts_of(SUB_ROWS_UNDER_A_PARENT)]
    assert got == [
        ("petitions.complaints", 20),
        ("petitions.complaints.resolved", 18),
        ("petitions.denunciations", 4),
        ("petitions.denunciations.resolved", 3),
    ]


def test_provenance_one_group_per_row_with_row_col_and_row_text():
    f = next(f for f in facts_of(PETITIONS_BY_UNIT) if f.value == 8)
    assert (f.source, f.row, f.col, f.group, f.block_index) == ("table", 3, 3, "t1r3", 1)
    assert "Sở Tư pháp" in f.evidence and "12" in f.evidence


def test_row_pages_give_each_fact_its_page():
    doc = doc_of(PETITIONS_BY_UNIT)
    doc.blocks[1].page, doc.blocks[1].row_pages = 7, [7, 7, 7, 7, 8, 8]
    pages = {f.row: f.page for f in extract_table_facts(doc, META)}
    assert pages == {3: 7, 4: 8, 5: 8}


def test_formula_row_recorded_as_a_relation_between_grid_columns():
    doc = doc_of(PETITIONS_BY_UNIT)
    (formula,) = column_formulas(doc.blocks[1])
    assert (formula.table, formula.whole, formula.terms, formula.first_data_row) == (
        "t1",
        2,
        ((3, 1), (4, 1)),
        3,
    )
    assert table_formulas(doc) == {"t1": [formula]}
    assert (
        formula_mismatches(doc, extract_table_facts(doc, META)) == []
    )  # 8+4, 7+"-", 15+4 all hold


def test_formula_with_a_difference_and_the_row_that_breaks_it():
    doc = doc_of(FORMULA_WITH_DIFFERENCE)
    (formula,) = column_formulas(doc.blocks[1])
    assert formula.terms == ((1, 1), (2, -1))
    (bad,) = formula_mismatches(doc, extract_table_facts(doc, META))
    assert (bad.row, bad.whole_value, bad.parts_value, bad.metric) == (3, 1, 0, "petitions.pending")


def test_plain_column_numbers_record_no_formula_and_give_no_facts():
    rows = [r[:] for r in PETITIONS_BY_UNIT]
    rows[2] = ["A", "B", "1", "2", "3", "4", "5"]
    doc = doc_of(rows)
    assert column_formulas(doc.blocks[1]) == []
    assert all(f.row >= 3 for f in extract_table_facts(doc, META))


def test_a_row_of_zeros_is_data_not_column_numbers():
    rows = [["Số vụ tiếp nhận", "Hòa giải thành", "Không thành"], ["0", "0", "0"]]
    assert {(f.metric, f.value) for f in facts_of(rows)} >= {("mediation.successful", 0)}


def test_earlier_year_column_is_a_comparison_and_a_quarter_column_a_sub_period():
    got = {(f.metric, f.value, f.period) for f in facts_of(TWO_PERIODS)}
    assert ("dossiers.received", 10870, None) in got and (
        "dossiers.received",
        5002,
        "2024-Q1",
    ) in got
    assert not [f for f in facts_of(TWO_PERIODS) if f.col == 1]


def test_units_across_give_each_column_its_unit_as_scope_and_the_total_column_none():
    got = {(f.metric, f.value, f.scope) for f in facts_of(UNITS_ACROSS)}
    assert got == {
        ("mediation.cases", 21, "Huyện Tân Lập"),
        ("mediation.cases", 14, "Thị xã Phú Mỹ"),
        ("mediation.cases", 35, None),
        ("mediation.successful", 19, "Huyện Tân Lập"),
        ("mediation.successful", 12, "Thị xã Phú Mỹ"),
        ("mediation.successful", 31, None),
    }


@pytest.mark.parametrize(
    "label", ["Tổng cộng", "TỔNG CỘNG (I+II)", "Toàn tỉnh", "Cộng toàn huyện", "Tổng số:"]
)
def test_total_row_wordings_leave_the_row_unscoped(label):
    rows = [r[:] for r in PETITIONS_BY_UNIT]
    rows[-1][1] = label
    assert all(f.scope is None for f in facts_of(rows) if f.row == 5)


def test_unit_stated_over_the_table_names_columns_that_state_none():
    doc = doc_of(STAGES_WITH_CAPTION_UNIT, caption="Biểu 3. Đơn thư (Đơn vị tính: đơn)")
    totals = {(f.metric, f.value) for f in extract_table_facts(doc, META) if f.scope is None}
    assert totals == {
        ("petitions.received", 13),
        ("petitions.resolved", 11),
        ("petitions.pending", 2),
    }


def test_cells_with_a_number_and_its_unit_are_read():
    got = {(f.metric, f.value, f.raw) for f in facts_of(VALUES_WITH_UNITS)}
    assert got == {("petitions.received", 27, "27"), ("mediation.successful", 5, "05")}


def test_target_column_gives_no_facts():
    got = {(f.metric, f.value) for f in facts_of(TARGET_BESIDE_RESULT)}
    assert got == {("dossiers.on_time_rate", 99.4), ("mediation.success_rate", 88.2)}


def test_headerless_indicator_list_reads_label_and_value():
    got = {(f.metric, f.value) for f in facts_of(INDICATOR_LIST)}
    assert got == {("tthc.total", 1604), ("tthc.online_services.full", 412)}


@pytest.mark.skipif(not (DEV / "003_sa_dec_6thang_2023.docx").exists(), reason="dev corpus absent")
def test_dev_appendix_tables_yield_their_gold_facts():
    from extractors.finders.metadata import extract_metadata
    from extractors.readers import read_document

    doc = read_document(DEV / "003_sa_dec_6thang_2023.docx")
    facts = extract_table_facts(doc, extract_metadata(doc))
    got = {(f.metric, f.value) for f in facts}
    gold = json.loads((DEV / "gold" / "003_sa_dec_6thang_2023.json").read_text(encoding="utf-8"))[
        "facts"
    ]
    appendix = {
        (g["metric"], g["value"])
        for g in gold
        if g.get("note", "").startswith("Appendix")
        or all(w.replace(",", "").rstrip("%").isdigit() for w in g["evidence"].split())
    }
    assert appendix and appendix <= got
    assert ("reception.leader.sessions", 2) in got and ("mediation.success_rate", 95.83) in got


def test_docx_table_with_merged_header_cells_read_end_to_end(tmp_path):
    import docx

    from extractors.readers import read_document

    d = docx.Document()
    d.add_paragraph("BÁO CÁO KẾT QUẢ TIẾP CÔNG DÂN 6 THÁNG ĐẦU NĂM 2024")
    t = d.add_table(rows=5, cols=5)
    t.cell(0, 0).merge(t.cell(1, 0)).text = "Đơn vị"
    t.cell(0, 1).merge(t.cell(0, 3)).text = "Tiếp công dân"
    for c, text in enumerate(["Số lượt", "Số người", "Số đoàn đông người"], start=1):
        t.cell(1, c).text = text
    t.cell(0, 4).merge(t.cell(1, 4)).text = "Ghi chú"
    for r, row in enumerate(
        [["Xã An Bình", "12", "15", "1", ""], ["Tổng số", "12", "15", "1", ""]], start=2
    ):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    path = tmp_path / "tiep_dan.docx"
    d.save(path)
    doc = read_document(path)
    got = {(f.metric, f.value, f.scope) for f in extract_table_facts(doc, META)}
    assert {
        ("reception.visits", 12, "Xã An Bình"),
        ("reception.persons", 15, None),
        ("reception.delegations", 1, None),
    } <= got


def test_a_title_on_the_dan_van_kheo_movement_names_the_model_columns_of_its_tables():
    rows = [
        ["STT", "Địa phương", "Tổng số mô hình, điển hình", "Chia ra", "Chia ra"],
        ["", "", "", "Tập thể", "Cá nhân"],
        ["1", "Huyện A", "74", "46", "28"],
        ["2", "Huyện B", "63", "40", "23"],
    ]
    titled = DocMeta(doc_type="bao_cao", period="2023", title='Kết quả thi đua "Dân vận khéo"')
    facts = facts_of(rows, titled)
    assert {(f.metric, f.value) for f in facts if f.scope and f.scope.startswith("Huyện A")} == {
        ("models.dan_van_kheo", 74),
        ("models.dan_van_kheo", 46),
        ("models.dan_van_kheo", 28),
    }


def test_a_total_split_into_carried_over_and_new_is_to_be_resolved_not_received():
    rows = [
        ["STT", "Lĩnh vực", "Tổng số hồ sơ tiếp nhận", "Trong đó", "Trong đó"],
        ["", "", "", "Kỳ trước chuyển sang", "Mới tiếp nhận"],
        ["1", "Hộ tịch", "510", "12", "498"],
        ["2", "Chứng thực", "439", "0", "439"],
    ]
    got = {(f.metric, f.value) for f in facts_of(rows) if f.scope == "Hộ tịch"}
    assert got == {
        ("dossiers.to_resolve", 510),
        ("dossiers.carried_over", 12),
        ("dossiers.received", 498),
    }


def test_inspections_split_by_when_they_began_and_their_conclusions_give_no_figures():
    rows = [
        [
            "STT",
            "Hình thức",
            "Số cuộc thanh tra",
            "Số cuộc thanh tra",
            "Số cuộc thanh tra",
            "Số đơn vị được thanh tra",
            "Số kết luận đã ban hành",
        ],
        ["", "", "Tổng số", "Kỳ trước chuyển sang", "Triển khai trong kỳ", "", ""],
        ["1", "Theo kế hoạch", "05", "02", "03", "11", "03"],
        ["2", "Đột xuất", "02", "0", "02", "04", "01"],
    ]
    got = {(f.metric, f.value) for f in facts_of(rows) if f.scope == "Theo kế hoạch"}
    assert got == {("inspection.teams", 5), ("inspection.units", 11)}


def test_an_indicator_tables_columns_of_inspections_carried_over_and_new_give_no_figures():
    rows = [
        ["STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu", "Số liệu", "Số liệu"],
        ["", "", "", "Kỳ trước chuyển sang", "Triển khai trong kỳ", "Tổng số"],
        ["1", "Số cuộc thanh tra", "cuộc", "11", "43", "54"],
        ["2", "Số đơn vị được thanh tra", "đơn vị", "", "", "151"],
    ]
    assert {(f.metric, f.value) for f in facts_of(rows)} == {
        ("inspection.teams", 54),
        ("inspection.units", 151),
    }


def test_an_aside_in_a_unit_rows_label_does_not_narrow_its_figures():
    rows = [
        ["STT", "Cơ quan, đơn vị", "Tiếp công dân", "Tiếp công dân"],
        ["", "", "Lượt", "Người"],
        ["I", "Cấp huyện", "200", "227"],
        ["1", "UBND huyện (Ban Tiếp công dân và lãnh đạo UBND huyện)", "179", "204"],
        ["2", "Các cơ quan chuyên môn", "21", "23"],
    ]
    got = {(f.metric, f.value) for f in facts_of(rows) if f.scope and f.scope.startswith("UBND")}
    assert got == {("reception.visits", 179), ("reception.persons", 204)}


def test_rows_of_hamlet_mediation_teams_are_units_and_their_mediators_no_figure():
    rows = [
        ["STT", "Tổ hòa giải", "Số hòa giải viên", "Số vụ việc tiếp nhận", "Thành"],
        ["1", "Tổ hòa giải thôn Lạc Viên A", "06", "02", "02"],
        ["2", "Tổ hòa giải thôn Lạc Quảng", "07", "03", "02"],
    ]
    got = {(f.metric, f.value) for f in facts_of(rows) if f.scope == "Tổ hòa giải thôn Lạc Quảng"}
    assert got == {("mediation.cases", 3), ("mediation.successful", 2)}


def test_columns_beside_a_total_column_under_one_header_are_its_scoped_parts():
    rows = [
        ["STT", "Đơn vị", "Số mô hình", "Số mô hình", "Số mô hình"],
        ["", "", "Tổng số", "Tập thể", "Cá nhân"],
        ["1", "Xã An Phú", "10", "6", "4"],
        ["2", "Xã An Hòa", "12", "7", "5"],
    ]
    meta = DocMeta(doc_type="bao_cao", period="2021", title='Kết quả "Dân vận khéo" năm 2021')
    got = {(f.value, f.scope) for f in facts_of(rows, meta) if f.scope and "An Phú" in f.scope}
    assert got == {(10, "Xã An Phú"), (6, "Xã An Phú, tập thể"), (4, "Xã An Phú, cá nhân")}


def test_an_indicator_tables_visits_and_their_parts_rows_hold_with_a_row_of_no_catalog_part():
    rows = [
        ["STT", "Chỉ tiêu", "Đơn vị tính", "Năm 2020"],
        ["2", "Tổng số lượt tiếp công dân", "lượt/người", "412/468"],
        ["2.1", "Ban Tiếp công dân huyện tiếp thường xuyên", "lượt/người", "236/259"],
        ["2.2", "Lãnh đạo UBND huyện tiếp định kỳ, đột xuất", "lượt/người", "98/117"],
        ["2.3", "UBND các xã, thị trấn tiếp", "lượt/người", "78/92"],
    ]
    meta = DocMeta(doc_type="bao_cao", period="2020")
    facts = facts_of(rows, meta)
    assert {("reception.visits", 412), ("reception.persons", 468)} <= {
        (f.metric, f.value) for f in facts
    }
    from warehouse.checks import check_document

    assert not check_document(meta, facts, [])
