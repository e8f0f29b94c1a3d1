"""Paragraphs from positioned lines: where the left margin is, and where a paragraph starts."""

from __future__ import annotations

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
