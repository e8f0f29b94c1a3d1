"""Ruled PDF tables are read from pdfium's path objects: the cells pdfplumber's table finder
makes of those rulings, the texts from pdfium's glyphs, no full page parse."""

from __future__ import annotations

import pdfplumber
import pypdfium2 as pdfium

from extractors.readers.ruled_tables import page_tables
from tests.fixtures.pdf.make_ruled_pdf import (
    clipped_header_pdf,
    grid_in_form_pdf,
    merged_header_pdf,
)


def _tables(path):
    pdf = pdfium.PdfDocument(str(path))
    try:
        page = pdf[0]
        return page_tables(page), page.get_height()
    finally:
        pdf.close()


def _plumber_bboxes(path, height):
    with pdfplumber.open(str(path)) as pdf:
        found = pdf.pages[0].find_tables()
        return [
            (x0, height - bottom, x1, height - top)
            for x0, top, x1, bottom in (t.bbox for t in found)
        ]


def _close(a, b):
    return all(abs(x - y) < 0.5 for x, y in zip(a, b))


def test_a_two_row_merged_header_is_read_with_its_merges(tmp_path):
    path = merged_header_pdf(tmp_path / "bieu.pdf")
    tables, height = _tables(path)
    ((bbox, rows),) = tables
    assert rows == [
        ["STT", "Đơn vị", "Tiếp công dân", "", "Đơn đã giải quyết"],
        ["", "", "Lượt", "Người", ""],
        ["1", "Xã Ea Phê", "38", "44", "9"],
        ["2", "Thị trấn Phước An", "52", "61", "11"],
    ]
    (expected,) = _plumber_bboxes(path, height)
    assert _close(bbox, expected)


def test_rulings_inside_a_form_and_a_stroked_rectangle_make_the_grid_pdfplumber_finds(tmp_path):
    path = grid_in_form_pdf(tmp_path / "luoi.pdf")
    tables, height = _tables(path)
    ((bbox, rows),) = tables
    assert rows == [["007", "017", "027"], ["107", "117", "127"], ["207", "217", "227"]]
    assert _close(bbox, (100, 500, 400, 590))
    assert _close(bbox, _plumber_bboxes(path, height)[0])


def test_a_header_line_clipped_at_the_rule_below_is_not_read_into_the_body_cell(tmp_path):
    path = clipped_header_pdf(tmp_path / "dau_bang_cat.pdf")
    ((_, rows),) = _tables(path)[0]
    assert rows[1] == ["1.487", "1.352"]
