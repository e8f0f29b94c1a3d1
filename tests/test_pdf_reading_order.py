"""Reading order from geometry: a PDF reads the same whatever order its content stream writes
its glyphs in (letters from a fallback font written after the rest of their line, text objects
written backwards), columns written one after the other stay apart, and a table cut by a page
break is one table."""

from __future__ import annotations

import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from extractors.readers import read_document
from model import FOOTNOTE, TABLE
from tests.conftest import FIXTURES
from tests.fixtures.pdf.make_pdf import (
    report_with_small_type_table_at_the_foot,
    report_with_table_across_a_page_break,
    signature_written_column_by_column,
)

PDFS = FIXTURES / "pdf"
needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)


def _blocks(path: Path) -> list[tuple]:
    return [
        (b.kind, b.text, b.label, b.footnote_refs, b.rows, b.page, b.page_end)
        for b in read_document(path).blocks
    ]


def _stream_text(path: Path) -> str:
    """The page's text in content-stream order, as pdfium gives it."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        return pdf[0].get_textpage().get_text_range()
    finally:
        pdf.close()


@pytest.fixture(scope="module")
def plain() -> list[tuple]:
    return _blocks(PDFS / "report_page_plain.pdf")


def test_the_plain_page_reads_as_a_report(plain):
    kinds = [b[0] for b in plain]
    texts = [b[1] for b in plain]
    assert kinds[0] == TABLE and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts[0]
    paragraph = next(b for b in plain if "năm 2024. Ban Tiếp công dân" in b[1])
    assert paragraph[3] == ["1"]
    assert "huyện đã tiếp 245 lượt công dân" in paragraph[1]
    assert "- Các tổ hòa giải ở cơ sở tiếp nhận 36 vụ việc." in texts  # typed with combining marks
    note = next(b for b in plain if b[0] == FOOTNOTE)
    assert note[2] == "1" and note[1].startswith("Kế hoạch số 12/KH-UBND")


def test_letters_from_a_fallback_font_written_after_their_line_read_in_place(plain):
    path = PDFS / "report_page_fallback_glyphs.pdf"
    assert "HUY N TÂN L P" in _stream_text(path)  # the stream really sets them apart
    assert _blocks(path) == plain


def test_text_objects_written_backwards_read_top_down_and_left_to_right(plain):
    path = PDFS / "report_page_reverse_order.pdf"
    assert _stream_text(path).startswith("huyện.dânnhân")  # the foot of the page, backwards
    assert _blocks(path) == plain


def test_text_set_at_a_right_angle_reads_along_its_lines():
    texts = [b[1] for b in _blocks(PDFS / "report_page_turned.pdf")]
    assert texts[0].startswith("huyện đã tiếp 245 lượt công dân")
    assert texts[0].endswith("năm 2023; không có đoàn đông người.")
    assert texts[1] == "- Tiếp nhận 58 đơn, đã giải quyết 51 đơn, đạt tỷ lệ 87,93%;"


def test_a_libreoffice_print_in_a_font_without_vietnamese_letters_reads_like_the_full_font():
    full, fallback = PDFS / "lo_report.pdf", PDFS / "lo_report_fb.pdf"
    assert "HUY N TÂN L P" in _stream_text(fallback)
    blocks = _blocks(full)
    assert _blocks(fallback) == blocks
    texts = [b[1] for b in blocks]
    assert "Kết quả giải quyết thủ tục hành chính 6 tháng đầu năm 2023" in texts
    assert "Đã giải quyết đúng hạn 1.198 hồ sơ, đạt tỷ lệ 95,53%." in texts


@pytest.mark.slow
@needs_soffice
def test_libreoffice_prints_it_now_with_a_fallback_font_that_reads_like_the_full_font(tmp_path):
    from tests.fixtures.pdf.make_fallback_pdf import fallback_pair

    full, fallback = fallback_pair(tmp_path)
    assert "HUY N TÂN L P" in _stream_text(fallback)
    assert _blocks(fallback) == _blocks(full)


def test_columns_written_one_after_the_other_are_read_one_after_the_other(tmp_path):
    path = tmp_path / "chu ky.pdf"
    signature_written_column_by_column(path)
    texts = [b[1] for b in _blocks(path)]
    assert texts[1:] == [
        "Nơi nhận:",
        "- Thường trực Huyện ủy;",
        "- Lưu: VT.",
        "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH",
        "Nguyễn Văn Ấn",
    ]


def test_a_table_cut_by_a_page_break_without_its_header_repeated_is_one_table(tmp_path):
    path = tmp_path / "bang qua trang.pdf"
    report_with_table_across_a_page_break(path, repeat_header=False)
    tables = [b for b in read_document(path).blocks if b.kind == TABLE]
    assert len(tables) == 1
    assert tables[0].rows == [
        ["STT", "Đơn vị", "Trước hạn", "Số lượt tiếp"],
        ["1", "Xã Tân Hòa", "12", "1254"],
        ["2", "Xã Bình Thạnh", "8", "96"],
        ["3", "Xã Mỹ Thọ", "5", "34187"],
    ]
    assert (tables[0].page, tables[0].page_end, tables[0].row_pages) == (1, 2, [1, 1, 1, 2])


def test_a_table_in_small_type_at_the_foot_of_a_page_is_a_table_not_footnotes(tmp_path):
    path = tmp_path / "phu luc.pdf"
    report_with_small_type_table_at_the_foot(path)
    blocks = read_document(path).blocks
    assert not [b for b in blocks if b.kind == FOOTNOTE]
    table = next(b for b in blocks if b.kind == TABLE)
    assert table.rows[1] == ["1", "Số lượt tiếp công dân", "lượt", "878"]


def test_a_row_cut_by_a_page_break_inside_its_figures_is_mended():
    from extractors.readers.cells import merge_continued_tables
    from model import TABLE, Block

    head = ["STT", "Đơn vị", "Tổng số", "Trực tuyến", "Quá hạn"]
    first = Block(TABLE, "", page=2, rows=[head, ["1", "Xã Minh", "1.91", "1.34", "2"]])
    rest = Block(
        TABLE, "", page=3, rows=[["3", "Đạo", "5", "4", ""], ["14", "Xã Cảnh", "7", "1", "0"]]
    )
    (table,) = merge_continued_tables([first, rest])
    assert table.rows[1] == ["13", "Xã Minh Đạo", "1.915", "1.344", "2"]
    assert table.rows[2] == ["14", "Xã Cảnh", "7", "1", "0"]


def test_the_next_numbered_row_after_a_page_break_is_not_the_rest_of_the_row_above():
    from extractors.readers.cells import merge_continued_tables
    from model import TABLE, Block

    head = ["STT", "Lĩnh vực", "Tổng số", "Tập thể", "Ghi chú"]
    first = Block(TABLE, "", page=1, rows=[head, ["3", "Quốc phòng", "173", "118", "Trong đó 21"]])
    rest = Block(TABLE, "", page=2, rows=[head, ["4", "Xây dựng Đảng", "208", "149", ""]])
    (table,) = merge_continued_tables([first, rest])
    assert table.rows[1:] == [
        ["3", "Quốc phòng", "173", "118", "Trong đó 21"],
        ["4", "Xây dựng Đảng", "208", "149", ""],
    ]


def test_a_total_row_alone_on_the_next_page_is_a_row_of_its_own():
    from extractors.readers.cells import merge_continued_tables
    from model import TABLE, Block

    head = ["STT", "Xã, thị trấn", "Đối thoại", "Mô hình", "Ghi chú"]
    first = Block(TABLE, "", page=3, rows=[head, ["18", "Xã Tân Phong", "2", "6", ""]])
    rest = Block(TABLE, "", page=4, rows=[["", "Cộng", "41", "128", ""]])
    (table,) = merge_continued_tables([first, rest])
    assert table.rows[1:] == [["18", "Xã Tân Phong", "2", "6", ""], ["", "Cộng", "41", "128", ""]]


def test_a_row_cut_inside_its_decimals_pairs_and_note_is_mended():
    from extractors.readers.cells import merge_continued_tables
    from model import TABLE, Block

    head = ["STT", "Cơ quan", "Mới tiếp nhận", "Hài lòng/đánh giá", "Tỷ lệ (%)", "Ghi chú"]
    cut = ["1", "Sở Tư pháp", "1.4", "468/46", "100", "Trả"]
    first = Block(TABLE, "", page=1, rows=[head, cut])
    rest = Block(TABLE, "", page=2, rows=[head, ["", "", "80", "8", ",00", "qua BCCI 214 hồ sơ"]])
    (table,) = merge_continued_tables([first, rest])
    assert table.rows[1] == [
        "1",
        "Sở Tư pháp",
        "1.480",
        "468/468",
        "100,00",
        "Trả qua BCCI 214 hồ sơ",
    ]


def test_a_dash_item_with_a_capital_after_a_full_line_opens_a_new_item():
    from extractors.readers.layout import Margins, _starts_paragraph
    from extractors.readers.line import Line

    m = Margins(body=13.0, left=114.0, right=540.0)
    full = Line(
        "- Số dịch vụ công trực tuyến của các sở, ngành tại Trung tâm: 874 dịch vụ",
        13.0,
        114.0,
        538.0,
        500.0,
        487.0,
        1,
    )
    item = Line("+ Toàn trình: 512 dịch vụ", 13.0, 114.0, 257.0, 485.0, 472.0, 1)
    wrapped = Line("- 2025 của tỉnh.", 13.0, 114.0, 230.0, 485.0, 472.0, 1)
    assert _starts_paragraph(item, full, m)
    assert not _starts_paragraph(wrapped, full, m)


def test_a_header_repeated_with_its_narrow_cells_broken_otherwise_is_still_the_header():
    from extractors.readers.cells import merge_continued_tables
    from model import TABLE, Block

    head = ["ST T", "Đơn vị", "Tổng số", "Kỳ trước chuy ển sang"]
    again = ["STT", "Đơn vị", "Tổng số", "Kỳ trước chuyển sang"]
    first = Block(TABLE, "", page=3, rows=[head, ["", "Tổng cộng", "19.42", "517"]])
    rest = Block(TABLE, "", page=4, rows=[again, ["", "", "1", ""]])
    (table,) = merge_continued_tables([first, rest])
    assert table.rows[1:] == [["", "Tổng cộng", "19.421", "517"]]


def test_an_abbreviation_cut_by_a_narrow_cell_is_one_word():
    from extractors.readers.cells import cell_text, cut_inside_word

    assert cell_text("Qua BC\nCI") == "Qua BCCI"
    assert cell_text("Số TTH\nC") == "Số TTHC"
    assert cut_inside_word("Qua BC", "CI")
    assert not cut_inside_word("UBND", "HUYỆN")


def test_a_repeated_header_broken_otherwise_leaves_no_tail_in_the_cut_row():
    from extractors.readers.cells import merge_continued_tables
    from model import TABLE, Block

    head = ["STT", "Cơ quan", "Kỳ trước chuyển sang", "Tỷ lệ đúng hạn (%)"]
    again = ["STT", "Cơ quan", "Kỳ trước chu yển", "Tỷ lệ"]
    first = Block(TABLE, "", page=3, rows=[head, ["1", "Công an tỉnh", "10", "100"]])
    rest = Block(TABLE, "", page=4, rows=[again, ["4", "", "sang 3", "đún"]])
    (table,) = merge_continued_tables([first, rest])
    assert table.rows[1:] == [["14", "Công an tỉnh", "103", "100"]]


def test_a_rate_with_a_decimal_point_cut_by_a_page_break_is_mended():
    from extractors.readers.cells import merge_continued_tables
    from model import TABLE, Block

    head = ["STT", "Cơ quan", "Mới tiếp nhận", "Tỷ lệ trực tuyến (%)", "Quá hạn"]
    first = Block(TABLE, "", page=1, rows=[head, ["3", "Sở Tư pháp", "1.20", "99.0", "0"]])
    rest = Block(TABLE, "", page=2, rows=[["", "", "7", "1", ""]])
    (table,) = merge_continued_tables([first, rest])
    assert table.rows[1] == ["3", "Sở Tư pháp", "1.207", "99.01", "0"]


def test_a_final_consonant_pair_cut_by_a_narrow_cell_is_mended():
    from extractors.readers.cells import cell_text

    assert cell_text("Thàn\nh") == "Thành"
    assert cell_text("Khôn\ng\nthành") == "Không thành"
    assert cell_text("Đoàn\nđông") == "Đoàn đông"


def test_a_consonant_pair_line_after_a_whole_syllable_starts_the_next_syllable():
    from extractors.readers.cells import cell_text

    # (a header cell one or two letters wide: `Trong kỳ trước chuyển sang`)
    assert cell_text("kỳ\ntrư\nớc\nch\nuy\nển\nsan\ng") == "kỳ trước chuyển sang"
    assert cell_text("Sá\nch") == "Sách"


def test_a_labelled_line_after_a_full_list_item_ending_a_sentence_opens_a_paragraph():
    from extractors.readers.layout import Margins, _starts_paragraph
    from extractors.readers.line import Line

    m = Margins(body=14.0, left=114.0, right=551.0)
    item = Line(
        "- Lĩnh vực khác (vay mượn tài sản, gia súc phá hoại hoa màu): 02 vụ việc.",
        14.0,
        114.0,
        528.0,
        500.0,
        486.0,
        1,
    )
    label = Line(
        "Kết quả: hòa giải thành 14 vụ việc, đạt tỷ lệ 82,35%;", 14.0, 114.0, 551.0, 484.0, 470.0, 1
    )
    sentence = Line("Các vụ việc được hòa giải kịp thời.", 14.0, 114.0, 400.0, 484.0, 470.0, 1)
    assert _starts_paragraph(label, item, m)
    assert not _starts_paragraph(sentence, item, m)


def test_repeated_column_numbers_with_a_slipped_header_tail_go_and_the_cut_row_is_mended():
    from extractors.readers.cells import merge_continued_tables
    from model import TABLE, Block

    head = ["STT", "Đơn vị", "Tổng số đơn tiếp nhận"]
    numbers = ["1", "2", "3"]
    first = Block(TABLE, "", page=1, rows=[head, numbers, ["1", "Ban Tiếp công dân", "41"]])
    again = ["STT", "Đơn vị", "Tổng số đơn tiếp"]
    rest = Block(TABLE, "", page=2, rows=[again, ["1", "2", "nhận 3"], ["", "huyện", ""]])
    (table,) = merge_continued_tables([first, rest])
    assert table.rows[2:] == [["1", "Ban Tiếp công dân huyện", "41"]]


def test_a_syllable_a_narrow_header_cell_cut_before_its_vowel_is_read_whole():
    from extractors.readers.cells import cell_text

    assert cell_text("Kỳ trước chuy\nển qua") == "Kỳ trước chuyển qua"
    assert cell_text("Mới tiếp\nnhận") == "Mới tiếp nhận"
    assert cell_text("Số hồ\nsơ") == "Số hồ sơ"


def test_a_header_tail_cut_to_its_first_letters_before_the_column_number_is_dropped():
    from extractors.readers.cells import merge_continued_tables
    from model import TABLE, Block

    head = [
        ["STT", "Lĩnh vực", "Đã giải quyết", "", ""],
        ["", "", "Tổng số", "Quá hạn", "Tỷ lệ trước hạn, đúng hạn (%)"],
        ["A", "B", "1", "2", "3"],
    ]
    first = Block(TABLE, "", page=1, rows=[*head, ["2", "Xây dựng", "14", "8", "97,"]])
    again = ["", "", "Tổng số", "Quá hạn", "Tỷ lệ trư ớc hạ n, đú ng"]
    rest = [head[0], again, ["A", "B", "1", "2", "hạ 3"], ["", "", "8", "", "30"]]
    (table,) = merge_continued_tables([first, Block(TABLE, "", page=2, rows=rest)])
    assert table.rows[3:] == [["2", "Xây dựng", "148", "8", "97,30"]]
