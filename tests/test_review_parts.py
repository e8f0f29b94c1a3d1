"""The small pieces of the clerk's loop: labels, numbers typed in cells, safe JSON, headers."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

import catalog
from warehouse.exports.cells import csv_cell, vn_number
from warehouse.exports.data import table_cells
from warehouse.exports.edits import parse_value
from warehouse.exports.page import fill, script_json


@pytest.mark.parametrize(
    "code, label",
    [
        ("2023", "Năm 2023"),
        ("2023-H1", "6 tháng đầu năm 2023"),
        ("2022-9M", "9 tháng năm 2022"),
        ("2022-Q3", "Quý III năm 2022"),
        ("2021-M05", "Tháng 5 năm 2021"),
        ("không rõ", "không rõ"),
    ],
)
def test_period_codes_read_in_vietnamese(code, label):
    assert catalog.period_label(code) == label


def test_codes_and_derived_metric_ids_have_vietnamese_labels():
    assert catalog.code_label("rules", "copy_conflict") == "Các bản của một báo cáo ghi khác nhau"
    assert catalog.code_label("qualifiers", "about") == "khoảng"
    assert catalog.code_label("review_statuses", "misread") == "đọc sai"
    assert catalog.metric_label("petitions.by_topic") == "Số đơn theo lĩnh vực"
    assert catalog.metric_label("reception.visits.change").startswith("Tổng số lượt tiếp công dân")
    assert catalog.code_label("rules", "a_new_rule") == "a_new_rule"  # visible, never an error


def cell(value, number_format="General"):
    return SimpleNamespace(value=value, number_format=number_format)


@pytest.mark.parametrize(
    "typed, unit, value",
    [
        (cell(1243), "lượt", 1243.0),
        (cell(0.8521, "0.00%"), "%", 85.21),  # Excel stores a percentage as a fraction
        (cell(85.21), "%", 85.21),  # a plain number in a rate's cell is percent points
        (cell("1.243"), "lượt", 1243.0),  # Vietnamese thousands
        (cell("85,21%"), "%", 85.21),
        (cell("-5"), "lượt", -5.0),
        (cell(None), "lượt", None),
        (cell("  "), "lượt", None),
    ],
)
def test_numbers_typed_in_the_correct_value_cell(typed, unit, value):
    got = parse_value(typed, unit)
    assert got is None if value is None else got == pytest.approx(value)


@pytest.mark.parametrize("typed", ["mười", "12abc", "=1+2", "1.2.345"])
def test_text_that_is_no_number_is_refused(typed):
    with pytest.raises(ValueError):
        parse_value(cell(typed), "lượt")


def test_json_in_a_script_element_cannot_close_it_or_open_a_comment():
    text = script_json({"e": "<!--<script></script>&\u2028\u2029"})
    assert not set(text) & set("<>&\u2028\u2029")
    assert (
        text == '{"e":"\\u003c!--\\u003cscript\\u003e\\u003c/script\\u003e\\u0026\\u2028\\u2029"}'
    )


def test_template_placeholders_are_filled_once_never_inside_inserted_text():
    assert fill("{{A}}|{{B}}", {"A": "{{B}}", "B": "x"}) == "{{B}}|x"


def test_csv_cells_that_could_run_as_formulas_get_the_owasp_prefix():
    assert [csv_cell(v) for v in ["=1+2", "+1", "-1", "@SUM", "\tx", "\rx", "ok", -1, None]] == [
        "'=1+2",
        "'+1",
        "'-1",
        "'@SUM",
        "'\tx",
        "'\rx",
        "ok",
        -1,
        None,
    ]


def test_vietnamese_number_format():
    assert [vn_number(v) for v in (1234, 1234.5, 85.21, -1234567.891)] == [
        "1.234",
        "1.234,5",
        "85,21",
        "-1.234.567,89",
    ]


def test_a_flag_on_a_table_row_gets_the_column_headers_of_the_figures_read_in_it():
    row = "1 | Đơn tiếp nhận | 40 | 25 | 10"
    facts = [
        {"doc_id": 1, "source": "table", "raw": raw, "evidence": f"{head}: {raw} | {row}"}
        for head, raw in (("Tổng số đơn", "40"), ("Khiếu nại", "25"), ("Tố cáo", "10"))
    ]
    flags = [
        {"flag_id": 7, "doc_id": 1, "evidence": row},  # the bare row (column formula check)
        {"flag_id": 8, "doc_id": 1, "evidence": f"Khiếu nại: 25 | {row}"},  # a figure's evidence
        {"flag_id": 9, "doc_id": 2, "evidence": row},  # another document
    ]
    cells = table_cells(facts, flags)
    expected = [("Tổng số đơn", "40"), ("Khiếu nại", "25"), ("Tố cáo", "10")]
    assert cells == {7: expected, 8: expected}


def test_a_correction_finds_its_figure_when_the_workbook_dropped_characters_of_the_evidence():
    import duckdb

    from warehouse.corrections import FactEdit, FactKey, record
    from warehouse.exports.cells import clean_text
    from warehouse.schema import migrate

    con = duckdb.connect()
    migrate(con)
    con.execute(
        "INSERT INTO documents (doc_id, rel_path, file_name, sha256, status, period)"
        " VALUES (1, 'a.docx', 'a.docx', 'h1', 'ok', '2023')"
    )
    stored = "Đã tiếp\x0b 12 lượt công dân"  # a vertical tab no workbook cell can hold
    con.execute(
        "INSERT INTO facts (doc_id, file_name, metric, value, evidence, raw)"
        " VALUES (1, 'a.docx', 'reception.visits', 12, ?, '12')",
        [stored],
    )
    key = FactKey("h1", "reception.visits", None, "2023", clean_text(stored), "12")
    assert record(con, [FactEdit(key, 21.0, None, "Lan")], [], as_written=clean_text) == (1, 0)
    assert con.execute("SELECT value, value_extracted FROM v_facts").fetchall() == [(21.0, 12.0)]
