"""The workbook, the review page and the files for other tools, written from the warehouse."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest

from pipeline.ingest import IngestSummary, refresh_after_batch
from warehouse.exports import write_reports
from warehouse.schema import migrate

FIXTURES = Path(__file__).parent / "fixtures" / "exports"
FIXTURE = FIXTURES / "mini_warehouse.sql"  # the contract views as tables (comparison views)
WAREHOUSE = FIXTURES / "warehouse.sql"  # a real warehouse's rows


def fixture_warehouse(path: Path) -> duckdb.DuckDBPyConnection:
    """A warehouse holding the fixture's rows, with units, copies and views refreshed as
    after an ingest."""
    con = duckdb.connect(str(path))
    migrate(con)
    con.execute(WAREHOUSE.read_text(encoding="utf-8"))
    refresh_after_batch(con, IngestSummary())
    return con


@pytest.fixture()
def outputs(tmp_path: Path) -> dict[str, Path]:
    con = fixture_warehouse(tmp_path / "w.duckdb")
    paths = write_reports(con, tmp_path / "out")
    con.close()
    return {p.name: p for p in paths}


@pytest.fixture()
def workbook(outputs):
    from openpyxl import load_workbook

    return load_workbook(outputs["so_lieu_tong_hop.xlsx"])


def rows_of(ws) -> list[dict]:
    header = [c.value for c in ws[1]]
    return [dict(zip(header, r)) for r in ws.iter_rows(min_row=2, values_only=True)]


def test_report_writes_the_four_outputs(outputs):
    assert set(outputs) == {
        "so_lieu_tong_hop.xlsx",
        "bao_cao_kiem_tra.html",
        "facts.parquet",
        "flags.csv",
    }
    assert all(p.stat().st_size > 0 for p in outputs.values())


def test_summary_sheet_has_one_row_per_unit_and_period_with_level_and_province(workbook):
    ws = workbook["Tổng hợp"]
    header = [c.value for c in ws[1]]
    assert header[:5] == [
        "Đơn vị",
        "Cấp",
        "Tỉnh",
        "Kỳ báo cáo",
        "Tổng số lượt tiếp công dân (lượt)",
    ]
    rows = {(r["Đơn vị"], r["Kỳ báo cáo"]): r for r in rows_of(ws)}
    assert rows[("UBND huyện Tân Lập", "Năm 2022")]["Tổng số lượt tiếp công dân (lượt)"] == 1000
    assert rows[("UBND tỉnh Hòa Bình Xanh", "Năm 2023")]["Cấp"] == "Cấp tỉnh"
    assert rows[("UBND huyện Phú Mỹ", "Năm 2023")]["Cấp"] == "Cấp huyện"
    assert rows[("UBND huyện Phú Mỹ", "Năm 2023")]["Tỉnh"] == "Hòa Bình Xanh"


def test_summary_sheet_has_no_cross_period_total_and_subtotals_one_level_of_one_period(workbook):
    rows = rows_of(workbook["Tổng hợp"])
    assert not any("Tổng cộng" in str(r["Đơn vị"]) for r in rows)
    subtotals = [r for r in rows if str(r["Đơn vị"]).startswith("Cộng")]
    # the three districts of 2023 only: never the province with its districts, never 2022
    assert [(r["Đơn vị"], r["Cấp"], r["Kỳ báo cáo"]) for r in subtotals] == [
        ("Cộng 3 đơn vị cấp huyện", "Cấp huyện", "Năm 2023")
    ]
    assert subtotals[0]["Tổng số lượt tiếp công dân (lượt)"] == 1243 + 766 + 300
    # a rate is never added up, nor a figure only one unit states
    assert subtotals[0]["Tỷ lệ giải quyết đơn (%)"] is None
    assert subtotals[0]["Số đơn đã giải quyết (đơn)"] is None


def test_summary_sheet_drops_empty_rows_and_shows_no_zero_under_empty_columns(workbook):
    rows = rows_of(workbook["Tổng hợp"])
    assert not any(r["Kỳ báo cáo"] == "Năm 2019" for r in rows)  # only a change stated against it
    for r in rows:
        assert any(isinstance(v, int | float) for v in list(r.values())[4:])
        assert 0 not in list(r.values())[4:]


def test_summary_cell_in_conflict_is_highlighted_with_both_values_in_a_comment(workbook):
    ws = workbook["Tổng hợp"]
    header = [c.value for c in ws[1]]
    col = header.index("Tổng số lượt tiếp công dân (lượt)") + 1
    row = next(
        i
        for i, r in enumerate(rows_of(ws), start=2)
        if r["Đơn vị"] == "UBND huyện Tân Lập" and r["Kỳ báo cáo"] == "Năm 2023"
    )
    cell = ws.cell(row, col)
    assert cell.fill.fgColor.rgb.endswith("F4B183")
    assert "1.243 — huyen_a_2023.docx" in cell.comment.text
    assert "1.234 — huyen_a_2023.docx" in cell.comment.text


def test_rates_are_real_percentages(workbook):
    ws = workbook["Số liệu"]
    for i, r in enumerate(rows_of(ws), start=2):
        if r["Khóa: metric"] == "petitions.resolution_rate" and r["Tệp"] == "huyen_b_2023.pdf":
            cell = ws.cell(i, 4)
            assert cell.value == pytest.approx(0.9489) and cell.number_format == "0.00%"
            break
    else:
        pytest.fail("rate row missing")


def test_every_code_is_in_vietnamese(workbook):
    facts = rows_of(workbook["Số liệu"])
    assert {r["Cách ghi số"] for r in facts} == {"đúng số", "khoảng"}
    assert "Tổng số lượt tiếp công dân – tăng, giảm so với kỳ so sánh" in {
        r["Chỉ tiêu"] for r in facts
    }
    flags = rows_of(workbook["Cảnh báo"])
    assert flags[0]["Quy tắc"] == "Tỷ lệ không khớp" and flags[0]["Mức độ"] == "Lỗi"
    assert "82,21%" in flags[0]["Nội dung"] and flags[0]["Trạng thái"] == "chưa xem"
    docs = {r["Tệp"]: r for r in rows_of(workbook["Văn bản"])}
    assert docs["hong.pdf"]["Trạng thái"] == "Không đọc được"
    assert (
        docs["tinh_2023.pdf"]["Loại"] == "Báo cáo"
        and docs["tinh_2023.pdf"]["Trạng thái"] == "Đã đọc"
    )
    visible = [
        c.value
        for name in ("Tổng hợp", "Số liệu", "Cảnh báo", "Văn bản")
        for c in workbook[name][1]
        if not workbook[name].column_dimensions[c.column_letter].hidden
    ]
    assert not any(v in ("metric", "rule", "severity", "status") for v in visible)


def test_every_sheet_has_autofilter_frozen_header_and_a4_landscape_fit_to_width(workbook):
    for ws in workbook.worksheets:
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:"), ws.title
        assert ws.freeze_panes and ws.freeze_panes.endswith("2"), ws.title
        assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
        assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert workbook["Tổng hợp"].freeze_panes == "E2"  # unit, level, province and period stay


def test_no_text_becomes_a_formula_in_the_workbook_or_the_csv(outputs, workbook):
    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
    assert workbook["Số liệu"]["A2"].value == "=1+2 huyen_c.docx"
    with outputs["flags.csv"].open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    hostile = next(r for r in rows if r["rule"] == "implausible_value")
    assert hostile["file_name"] == "'=1+2 huyen_c.docx"
    assert hostile["message"] == "'=1+2 không hợp lý" and hostile["evidence"] == "'-5 lượt"


def test_review_page_is_self_contained_and_carries_flag_messages(outputs):
    page = outputs["bao_cao_kiem_tra.html"].read_text(encoding="utf-8")
    assert "Tỷ lệ giải quyết đơn ghi 82,21% nhưng 219/257 = 85,21%" in page
    assert "http://" not in page.replace("http://example.com", "").replace(
        "http://www.w3.org/2000/svg", ""
    )
    assert "<script src" not in page and "<link" not in page
    assert '<meta name="viewport"' in page


def test_parquet_and_csv_hold_every_fact_and_flag(outputs):
    con = duckdb.connect()
    n = con.execute(f"SELECT count(*) FROM '{outputs['facts.parquet']}'").fetchone()[0]
    assert n == 14
    lines = outputs["flags.csv"].read_text(encoding="utf-8-sig").strip().splitlines()
    assert len(lines) == 4 and lines[0].startswith("file_name,rule")


def test_comparison_views_compare_periods_and_roll_units_up(tmp_path):
    from warehouse.compare import create_compare_views

    con = duckdb.connect()
    con.execute(FIXTURE.read_text(encoding="utf-8"))
    create_compare_views(con)
    change = con.execute(
        "SELECT value, previous_value, change FROM v_change WHERE metric = 'reception.visits'"
        " AND unit_name = 'UBND huyện Tân Lập'"
    ).fetchall()
    assert change == [(1234.0, 1000.0, 234.0)]
    rollup = con.execute(
        "SELECT units, units_total, stated, difference FROM v_rollup"
        " WHERE metric = 'reception.visits' AND period = '2023'"
    ).fetchall()
    assert rollup == [(2, 2000.0, 2100.0, 100.0)]


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_workbook_converts_to_pdf_with_libreoffice_without_formula_errors(outputs, tmp_path):
    out = tmp_path / "pdf"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(outputs["so_lieu_tong_hop.xlsx"]),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = out / "so_lieu_tong_hop.pdf"
    assert pdf.stat().st_size > 0
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        text = "\n".join(page.extract_text() or "" for page in doc.pages)
        assert all(page.width > page.height for page in doc.pages)  # landscape
    assert "Err:" not in text and "#NAME" not in text
    assert "=HYPERLINK" in text
