"""The PDF reader: footnote marks kept off numbers, footnotes, paragraphs across wraps and
pages, the header block, ruled tables read as tables with each cell once."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.readers import UnreadableDocument, read_document
from model import FOOTNOTE, TABLE
from tests.fixtures.pdf.make_pdf import report_with_footnote_table_and_page_break

DEV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"
needs_dev = pytest.mark.skipif(
    not DEV.exists(), reason="../shared/corpus/dev is not beside the project"
)


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "bao cao huyện.pdf"
    report_with_footnote_table_and_page_break(path)
    return read_document(path)


def test_superscript_mark_is_kept_off_the_year_before_it(made):
    body = " ".join(b.text for b in made.blocks if b.kind != FOOTNOTE)
    assert "năm 2024. Ban Tiếp công dân" in body
    assert "20241" not in body


def test_mark_is_recorded_on_its_paragraph_and_its_footnote_is_a_block(made):
    citing = next(b for b in made.blocks if "Kế hoạch thực hiện năm 2024" in b.text)
    assert citing.footnote_refs == ["1"]
    note = next(b for b in made.blocks if b.kind == FOOTNOTE)
    assert note.label == "1" and note.text.startswith("Kế hoạch số 12/KH-UBND")


def test_lines_wrapped_in_a_paragraph_are_joined(made):
    assert any("đã tiếp 245 lượt công dân với 312 người." in b.text for b in made.blocks)


def test_a_paragraph_runs_on_across_a_page_break_and_the_page_number_is_dropped(made):
    para = next(b for b in made.blocks if "tiếp nhận 36 vụ việc" in b.text)
    assert para.text.endswith("hòa giải thành 32 vụ, đạt tỷ lệ 88,89%.")
    assert (para.page, para.page_end) == (1, 2)
    assert not any(b.text.strip() == "2" for b in made.blocks)


def test_header_comes_out_as_a_two_column_table(made):
    head = made.blocks[0]
    assert head.kind == TABLE
    left, right = head.rows[0]
    assert "UBND HUYỆN TÂN LẬP" in left and "Số: 77/BC-UBND" in left
    assert "CỘNG HÒA" in right and "ngày 12 tháng 12 năm 2024" in right


def test_ruled_table_is_read_with_each_cell_once(made):
    table = next(b for b in made.blocks if b.kind == TABLE and b.rows and "Số người" in b.text)
    assert table.rows == [["Số lượt tiếp", "Số người", "Số đoàn đông người"], ["245", "312", "02"]]
    assert table.page == 2


def test_broken_pdf_is_unreadable_with_a_vietnamese_reason(tmp_path):
    bad = tmp_path / "hong.pdf"
    bad.write_bytes(b"%PDF-1.4\n1 0 obj <<>>\n")
    with pytest.raises(UnreadableDocument, match="PDF"):
        read_document(bad)


@needs_dev
def test_dev_report_has_no_footnote_mark_glued_to_a_number():
    doc = read_document(DEV / "000_dong_thap_bcsd_2022.pdf")
    body = " ".join(b.text for b in doc.blocks if b.kind != FOOTNOTE)
    assert "năm 2022" in body
    for glued in ("20221", "20222", "20223", "PAPI6"):
        assert glued not in body
    labels = [b.label for b in doc.blocks if b.kind == FOOTNOTE]
    assert labels[:7] == ["1", "2", "3", "4", "5", "6", "7"]


@needs_dev
def test_dev_report_appendix_tables_are_tables_with_cells_once():
    doc = read_document(DEV / "003_sa_dec_6thang_2023.pdf")
    tables = [
        b
        for b in doc.blocks
        if b.kind == TABLE and b.rows and any("Hòa giải thành" in c for c in b.rows[0])
    ]
    assert tables and tables[0].rows[1][:4] == ["24", "23", "1", "95,83%"]


def test_a_line_that_stops_short_ends_its_paragraph_without_indent_or_gap(tmp_path):
    from tests.fixtures.pdf.make_pdf import report_with_unindented_paragraphs

    path = tmp_path / "hoa giai.pdf"
    report_with_unindented_paragraphs(path)
    texts = [b.text for b in read_document(path).blocks]
    assert texts[:2] == ["Kết quả công tác hòa giải ở cơ sở năm 2024", "I. KẾT QUẢ THỰC HIỆN"]
    assert texts[2].startswith("Trong năm") and texts[2].endswith("có thẩm quyền")
    assert texts[3].startswith("Xã hiện có 9 tổ") and texts[3].endswith("ở cơ sở.")


def test_a_table_cut_by_a_page_break_is_one_table_with_the_cut_row_mended(tmp_path):
    from tests.fixtures.pdf.make_pdf import report_with_table_across_a_page_break

    path = tmp_path / "bang qua trang.pdf"
    report_with_table_across_a_page_break(path)
    tables = [b for b in read_document(path).blocks if b.kind == TABLE]
    assert len(tables) == 1
    assert tables[0].rows == [
        ["STT", "Đơn vị", "Trước hạn", "Số lượt tiếp"],
        ["1", "Xã Tân Hòa", "12", "1254"],
        ["2", "Xã Bình Thạnh", "8", "96"],
        ["3", "Xã Mỹ Thọ", "5", "34187"],
    ]
    assert (tables[0].page, tables[0].page_end, tables[0].row_pages) == (1, 2, [1, 1, 1, 2])


def test_a_numbered_item_under_a_wide_capital_heading_is_its_own_block(tmp_path):
    from tests.fixtures.pdf.make_pdf import report_with_capital_heading_then_numbered_item

    path = tmp_path / "muc.pdf"
    report_with_capital_heading_then_numbered_item(path)
    texts = [b.text for b in read_document(path).blocks]
    assert texts[0].endswith("KHIẾU NẠI, TỐ CÁO")
    assert texts[1] == "1. Tiếp công dân"
    assert texts[2].startswith("Trong kỳ") and texts[2].endswith("khiếu nại, tố cáo.")


def test_a_figure_in_a_paragraph_that_runs_on_is_on_the_page_it_is_printed_on(made):
    from extractors.finders.figures import extract_facts
    from extractors.finders.metadata import extract_metadata

    pages = {(f.metric, f.value): f.page for f in extract_facts(made, extract_metadata(made))}
    assert pages[("mediation.cases", 36)] == 1
    assert pages[("mediation.successful", 32)] == 2
