"""Paragraphs from positioned lines: where the left margin is, and where a paragraph starts."""

from __future__ import annotations

from extractors.readers.header import header_block
from extractors.readers.layout import assemble
from extractors.readers.line import Line

SIZE = 14.0
LEFT, RIGHT = 85.0, 552.0


def _line(text: str, x0: float, x1: float, top: float) -> Line:
    return Line(text, SIZE, x0, x1, top, top - SIZE, 1)


def _short_paragraphs(top: float, count: int) -> list[Line]:
    """Paragraphs of two lines: an indented first line, a short last line at the margin."""
    lines = []
    for i in range(count):
        lines.append(_line(f"Đoạn {i} có dòng đầu lùi vào và chạy hết chiều", 113.8, RIGHT, top))
        lines.append(_line("rộng trang, dòng cuối ngắn.", LEFT, 300.0, top - 16))
        top -= 34
    return lines


def test_an_indented_first_line_after_a_centred_title_opens_a_paragraph():
    lines = [
        _line("BÁO CÁO", 287.0, 351.0, 780.0),
        _line("Kết quả tiếp nhận, giải quyết thủ tục hành chính tại Trung tâm", 93.0, 545.0, 764),
        _line("hành chính công tỉnh tháng 10 năm 2023", 219.0, 419.0, 748.0),
        _line("Thực hiện Quyết định số 12/QĐ-UBND của UBND tỉnh, Trung tâm", 113.8, RIGHT, 730),
        _line("báo cáo kết quả tháng 10 năm 2023 như sau:", LEFT, 400.0, 714.0),
        *_short_paragraphs(690.0, 4),
    ]
    texts = [b.text for b in assemble([lines], {})]
    assert texts[1] == (
        "Kết quả tiếp nhận, giải quyết thủ tục hành chính tại Trung tâm hành chính công tỉnh "
        "tháng 10 năm 2023"
    )
    assert texts[2].startswith("Thực hiện Quyết định số 12/QĐ-UBND")


def test_a_header_line_whose_columns_touch_is_cut_where_the_motto_begins():
    lines = [
        _line("UBND HUYỆN CHÂU THÀNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 86.0, 549.0, 785),
        _line("BAN TIẾP CÔNG DÂN", 90.0, 230.0, 766.0),
        _line("Độc lập - Tự do - Hạnh phúc", 321.0, 503.0, 765.0),
        _line("Số: 19/BC-BTCD", 96.0, 200.0, 734.0),
        _line("Châu Thành, ngày 16 tháng 12 năm 2022", 320.0, 525.0, 733.0),
        _line("BÁO CÁO", 287.0, 351.0, 689.0),
    ]
    block, rest = header_block(lines)
    assert block is not None and block.rows == [
        [
            "UBND HUYỆN CHÂU THÀNH\nBAN TIẾP CÔNG DÂN\nSố: 19/BC-BTCD",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Châu Thành, ngày 16 tháng 12 năm 2022",
        ]
    ]
    assert [ln.text for ln in rest] == ["BÁO CÁO"]
