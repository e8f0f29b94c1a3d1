"""The consolidated appendix of a period, on a generated folder: a province, three districts,
their communes, two periods, one commune silent, one wrong rate
(tests/fixtures/units/reports.py)."""

from __future__ import annotations

import shutil
import subprocess

import duckdb
import pytest

from pipeline.cli import main
from tests.fixtures.units.folders import ingested
from tests.fixtures.units.reports import MISSING, WRONG_RATE
from warehouse.consolidate import consolidate
from warehouse.consolidate.table import build

PERIOD = "2024-H1"


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    db, stated = ingested("consolidation", tmp_path_factory)
    return db, stated


@pytest.fixture(scope="module")
def outputs(warehouse, tmp_path_factory):
    db, _ = warehouse
    out = tmp_path_factory.mktemp("tong_hop")
    con = duckdb.connect(str(db))
    try:
        paths = consolidate(con, PERIOD, out)
        table = build(con, PERIOD, "dong-thap:ubnd")
    finally:
        con.close()
    return {p.suffix: p for p in paths}, table


def rows_by_label(sheet) -> dict:
    return {r.label.strip(): r for r in sheet.rows}


def test_sums_subtotals_recomputed_rates_and_differences_match_hand_computed_values(
    warehouse, outputs
):
    _, stated = warehouse
    _, table = outputs
    sheet = table.sheets[0]
    rows = rows_by_label(sheet)
    cao_lanh = [stated[(f"h-cao-lanh/{c}", PERIOD)] for c in ("Mỹ Hiệp", "Bình Thạnh")]
    sub = rows["Cộng UBND huyện Cao Lãnh (2/3 đơn vị báo cáo)"].values
    assert sub["reception.visits"] == sum(f.visits for f in cao_lanh) == 154
    resolved = sum(f.resolved for f in cao_lanh)
    juris = sum(f.in_jurisdiction for f in cao_lanh)
    # the rate of the summed counts, never the average of the two communes' rates
    assert sub["petitions.resolution_rate#computed"] == round(resolved / juris * 100, 2) == 64.10
    districts = [stated[(k, PERIOD)] for k in ("h-cao-lanh", "h-thap-muoi", "tp-sa-dec")]
    total = rows["Tổng cộng các đơn vị (3/12 đơn vị báo cáo)"].values
    assert total["reception.visits"] == sum(f.visits for f in districts) == 957
    assert "mediation.cases" not in total  # another form's metric: not on this sheet
    province = rows["Số liệu UBND tỉnh Đồng Tháp báo cáo"].values
    assert province["reception.visits"] == stated[("", PERIOD)].visits == 962
    assert province["petitions.resolution_rate#stated"] == stated[("", PERIOD)].rate()
    diff = rows["Chênh lệch (báo cáo − tổng cộng)"].values
    assert diff["reception.visits"] == 5 and diff["petitions.received"] == 0
    mediation = rows_by_label(table.sheets[1])["Tổng cộng các đơn vị (3/12 đơn vị báo cáo)"]
    cases = sum(f.cases for f in districts)
    ok = sum(f.successful for f in districts)
    assert mediation.values["mediation.success_rate#computed"] == round(ok / cases * 100, 2)
    labels = {r.label for s in table.sheets for r in s.rows}
    assert not any("Sở Nội vụ" in label for label in labels)  # a province body is no unit below


def test_the_workbook_holds_the_same_figures_with_a_source_column(outputs):
    from openpyxl import load_workbook

    paths, table = outputs
    wb = load_workbook(paths[".xlsx"])
    assert wb.sheetnames == ["Tiếp dân - KNTC", "Hòa giải ở cơ sở", "Giải quyết TTHC"]
    ws = wb["Tiếp dân - KNTC"]
    assert ws["A1"].value == "PHỤ LỤC I"
    assert ws["A3"].value.startswith("(Kèm theo Báo cáo số ……/BC-…… ngày ……")
    keys = [c.key for c in table.sheets[0].columns]
    by_label = {row[1].value.strip(): row for row in ws.iter_rows(min_row=7) if row[1].value}
    visits = keys.index("reception.visits") + 2
    assert by_label["Tổng cộng các đơn vị (3/12 đơn vị báo cáo)"][visits].value == 957
    assert by_label["Chênh lệch (báo cáo − tổng cộng)"][visits].value == 5
    source = by_label["UBND huyện Cao Lãnh"][len(keys) + 2].value
    assert source == "Số 130/BC-UBND, ngày 20/06/2024"
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$5:$6"
    assert ws["B7"].font.name == "Times New Roman"


def test_the_commune_that_has_not_reported_appears_as_chua_bao_cao(outputs, warehouse):
    from openpyxl import load_workbook

    paths, table = outputs
    commune = f"UBND xã {MISSING[0]}"
    row = rows_by_label(table.sheets[0])[commune]
    assert (row.kind, row.source, row.values) == ("missing", "Chưa báo cáo", {})
    assert commune in table.missing
    ws = load_workbook(paths[".xlsx"])["Tiếp dân - KNTC"]
    cells = next(r for r in ws.iter_rows(min_row=7) if (r[1].value or "").strip() == commune)
    assert cells[-1].value == "Chưa báo cáo" and cells[1].font.italic
    con = duckdb.connect(str(warehouse[0]))
    earlier = build(con, "2023-H1", "dong-thap:ubnd")
    con.close()
    assert rows_by_label(earlier.sheets[0])[commune].kind == "unit"  # it reported the year before


def test_the_flagged_cell_carries_the_flag_message_as_a_comment(outputs):
    import docx
    from openpyxl import load_workbook

    paths, table = outputs
    commune = f"UBND xã {WRONG_RATE[0]}"
    row = rows_by_label(table.sheets[0])[commune]
    [(severity, message)] = row.flags["petitions.resolution_rate#stated"]
    assert severity == "error" and "ghi 95,00%" in message
    flagged = [(r.label, k) for s in table.sheets for r in s.rows for k in r.flags]
    assert flagged == [(f"UBND xã {WRONG_RATE[0]}", "petitions.resolution_rate#stated")]
    ws = load_workbook(paths[".xlsx"])["Tiếp dân - KNTC"]
    keys = [c.key for c in table.sheets[0].columns]
    cells = next(r for r in ws.iter_rows(min_row=7) if (r[1].value or "").strip() == commune)
    cell = cells[keys.index("petitions.resolution_rate#stated") + 2]
    assert cell.value == WRONG_RATE[2] and message in cell.comment.text
    document = docx.Document(str(paths[".docx"]))
    assert [c.text for c in document.comments] == [message]


def test_the_appendix_is_a4_landscape_times_new_roman_with_repeated_headers(outputs):
    import docx
    from docx.oxml.ns import qn

    paths, _ = outputs
    d = docx.Document(str(paths[".docx"]))
    section = d.sections[0]
    assert section.page_width > section.page_height
    assert round(section.page_width.cm, 1) == 29.7 and round(section.page_height.cm, 1) == 21.0
    assert d.styles["Normal"].font.name == "Times New Roman"
    texts = [p.text for p in d.paragraphs]
    assert texts[:2] == ["PHỤ LỤC", "TỔNG HỢP SỐ LIỆU 6 THÁNG ĐẦU NĂM 2024"]
    assert texts[2] == (
        "(Kèm theo Báo cáo số ……/BC-…… ngày …… tháng …… năm …… của UBND tỉnh Đồng Tháp)"
    )
    assert len(d.tables) == 3
    for table in d.tables:
        repeated = [
            r._tr.trPr is not None and r._tr.trPr.find(qn("w:tblHeader")) is not None
            for r in table.rows[:3]
        ]
        assert repeated == [True, True, False]
    assert "Chưa báo cáo" in [c.text for c in d.tables[0].columns[-1].cells]


def test_the_review_section_holds_the_tables_and_the_trend_over_the_years(outputs, warehouse):
    paths, _ = outputs
    _, stated = warehouse
    page = paths[".html"].read_text(encoding="utf-8")
    assert page.count("<table>") == 4  # three forms and the trend
    assert 'class="n flag-error" title="Tỷ lệ giải quyết đơn ghi 95,00%' in page
    trend = page[page.index("Diễn biến qua các năm") :]
    assert "<th>2023-H1</th><th>2024-H1</th>" in trend
    before, now = stated[("", "2023-H1")].visits, stated[("", PERIOD)].visits
    assert f'<td class="n">{before}</td><td class="n">{now}</td>' in trend
    assert "http://" not in page and "<script" not in page


def test_a_district_consolidates_its_communes_against_its_own_figure(warehouse):
    db, stated = warehouse
    con = duckdb.connect(str(db))
    table = build(con, PERIOD, "dong-thap.h-thap-muoi:ubnd")
    con.close()
    rows = rows_by_label(table.sheets[0])
    communes = [stated[(f"h-thap-muoi/{c}", PERIOD)] for c in ("Mỹ An", "Trường Xuân", "Tân Kiều")]
    assert [r.label for r in table.sheets[0].rows[:3]] == [
        "UBND xã Mỹ An",
        "UBND xã Tân Kiều",
        "UBND xã Trường Xuân",
    ]
    total = rows["Tổng cộng các đơn vị (3/3 đơn vị báo cáo)"].values["reception.visits"]
    own = rows["Số liệu UBND huyện Tháp Mười báo cáo"].values["reception.visits"]
    assert total == sum(f.visits for f in communes)
    assert rows["Chênh lệch (báo cáo − tổng cộng)"].values["reception.visits"] == own - total


def test_the_command_writes_the_three_files_and_refuses_what_it_cannot_do(
    warehouse, tmp_path, capsys
):
    db, _ = warehouse
    out = tmp_path / "out"
    args = ["consolidate", "--db", str(db), "--out", str(out)]
    assert main(args + ["--period", PERIOD, "--province", "dong thap"]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "tong_hop_2024-H1.docx",
        "tong_hop_2024-H1.html",
        "tong_hop_2024-H1.xlsx",
    ]
    assert main(args + ["--period", "2024-6T"]) == 1
    assert main(args + ["--period", "2021"]) == 1
    assert main(args + ["--period", PERIOD, "--unit", "khong-co:ubnd"]) == 1
    err = capsys.readouterr().err
    assert "không hợp lệ" in err and "chưa có báo cáo nào của kỳ 2021" in err
    assert "không có đơn vị khong-co:ubnd" in err


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_the_workbook_and_the_appendix_convert_to_pdf_and_render_to_png(outputs, tmp_path):
    import pypdfium2 as pdfium

    paths, _ = outputs
    for suffix in (".xlsx", ".docx"):
        out = tmp_path / suffix[1:]
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{tmp_path}/lo",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out),
                str(paths[suffix]),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        pdf = pdfium.PdfDocument(str(out / "tong_hop_2024-H1.pdf"))
        assert len(pdf) >= 3  # three forms
        page = pdf[0]
        assert page.get_width() > page.get_height()  # landscape
        image = page.render(scale=1).to_pil().convert("L")
        png = out / "page1.png"
        image.save(png)
        dark = sum(image.histogram()[:128])
        assert png.stat().st_size > 10_000 and dark > 2_000  # text and rules, not a blank page
        text = page.get_textpage().get_text_range()
        assert "PHỤ LỤC" in text and "Chưa báo cáo" in text


def test_the_review_page_carries_the_consolidated_tables_of_the_latest_periods(warehouse, tmp_path):
    from warehouse.exports import write_reports
    from warehouse.store import open_warehouse

    db, _ = warehouse
    con = open_warehouse(str(db), read_only=True)
    try:
        paths = {p.name: p for p in write_reports(con, tmp_path)}
    finally:
        con.close()
    page = paths["bao_cao_kiem_tra.html"].read_text(encoding="utf-8")
    section = page[page.index('id="consolidated-section"') :]
    assert "Tổng hợp kỳ 6 tháng đầu năm 2024" in section and 'class="th-section"' in section
    assert "Chưa báo cáo" in section
