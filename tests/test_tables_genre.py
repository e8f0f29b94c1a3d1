"""Tables read by their headers: per-unit tables with totals, indicator lists with a unit
column, terse headers whose neighbours give the subject."""
from __future__ import annotations

from pathlib import Path

from extractors.model import Block, DocMeta, Document
from extractors.tables import extract_table_facts
from tests.fixtures.tables.genre_tables import (INDICATORS_WITH_UNIT_COLUMN, MEDIATION_BY_COMMUNE,
                                                 PER_UNIT_WITH_TOTAL)
from warehouse.checks import check_document

META = DocMeta(doc_type="bao_cao", period="2024-H1", doc_date="2024-06-20")


def facts_of(rows, caption: str = "BÁO CÁO"):
    doc = Document(Path("x.docx"), [Block("paragraph", caption), Block("table", "", rows=rows)], "docx").reindex()
    return doc, extract_table_facts(doc, META)


def test_per_unit_table_gives_one_fact_per_unit_and_metric_scoped_to_the_unit_plus_the_total():
    _, facts = facts_of(PER_UNIT_WITH_TOTAL)
    got = {(f.metric, f.value, f.scope) for f in facts}
    assert ("reception.visits", 120, "Huyện Tân Lập") in got
    assert ("reception.persons", 101, "Huyện Phú Mỹ") in got
    assert ("reception.delegations", 2, None) in got
    assert ("petitions.resolved", 67, None) in got
    assert len(facts) == 15  # 5 metrics x (2 units + total); STT, column numbers and notes give none


def test_indicator_rows_read_with_their_unit_column_and_comparison_column_ignored():
    _, facts = facts_of(INDICATORS_WITH_UNIT_COLUMN)
    got = {(f.metric, f.value) for f in facts}
    assert got == {("dossiers.received", 12345), ("dossiers.resolved", 12001), ("dossiers.on_time_rate", 99.12),
                   ("mediation.cases", 36), ("mediation.successful", 32)}


def test_terse_headers_take_their_subject_from_the_other_headers():
    _, facts = facts_of(MEDIATION_BY_COMMUNE)
    totals = {(f.metric, f.value) for f in facts if f.scope is None}
    assert totals == {("mediation.cases", 16), ("mediation.successful", 15), ("mediation.unsuccessful", 1),
                      ("mediation.success_rate", 93.75)}


def test_table_facts_keep_row_and_column_provenance():
    _, facts = facts_of(PER_UNIT_WITH_TOTAL)
    f = next(f for f in facts if f.value == 135)
    assert (f.source, f.row, f.col) == ("table", 3, 3) and "Huyện Tân Lập" in f.evidence


def test_a_total_row_that_is_not_the_sum_of_its_units_is_flagged_and_a_right_one_is_not():
    doc, facts = facts_of(PER_UNIT_WITH_TOTAL)
    assert not [f for f in check_document(doc, META, facts, []) if f.rule == "sum_mismatch"]
    wrong = [row[:] for row in PER_UNIT_WITH_TOTAL]
    wrong[-1][2] = "228"
    doc, facts = facts_of(wrong)
    flags = check_document(doc, META, facts, [])
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
    _, facts = facts_of(DOSSIERS_BY_DEADLINE, "Kết quả giải quyết thủ tục hành chính 6 tháng đầu năm")
    got = {(f.metric, f.value) for f in facts}
    assert ("dossiers.received", 5120) in got and ("dossiers.resolved", 8302) in got
    assert not any(f.metric == "dossiers.on_time_rate" for f in facts)
    assert not any(f.metric == "dossiers.received" and f.value in (2100, 2750, 130, 6004) for f in facts)
    assert not any(f.metric.startswith("petitions.") for f in facts)


def test_online_services_per_level_table():
    _, facts = facts_of(SERVICES_BY_LEVEL, "Dịch vụ công trực tuyến")
    got = {(f.metric, f.value) for f in facts}
    assert {("tthc.online_services", 1204), ("tthc.online_services.full", 433),
            ("tthc.online_services.share", 61.5), ("tthc.online_services.share", 22.1)} <= got
