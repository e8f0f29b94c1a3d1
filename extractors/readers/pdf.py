"""PDF reader: text in reading order with footnotes, the header block and ruled tables.

The text layer is read with pdfium (fast: a few milliseconds a page) together with each
glyph's box, font size and baseline (glyphs.py makes them into lines); ruled tables are read
from the page's path objects (ruled_tables.py). Lines are joined into paragraphs across wraps
and page breaks by the layout; page numbers and running headers are dropped.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

from extractors.readers import limits, ocr
from extractors.readers.glyphs import page_lines
from extractors.readers.layout import Line, assemble
from extractors.readers.ruled_tables import page_tables
from extractors.readers.scan_pages import ScanPages
from model import Document, UnreadableDocument

__all__ = ["ScanPages", "read_pdf"]


def read_pdf(path: Path, page_layouts: dict | None = None, defer_ocr: bool = False) -> Document:
    """The PDF as a Document. Pages with no text layer are read by OCR here, unless their
    layouts are given ({page: ocr.PageLayout}) or defer_ocr asks for ScanPages instead."""
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        text = str(exc).lower()
        if "password" in text:
            raise UnreadableDocument("tệp PDF được bảo vệ bằng mật khẩu") from exc
        raise UnreadableDocument("tệp PDF bị hỏng hoặc không đầy đủ") from exc
    try:
        limits.check_pdf(pdf)
        return _read(path, pdf, page_layouts, defer_ocr)
    finally:
        pdf.close()


def _read(path: Path, pdf: pdfium.PdfDocument, given: dict | None, defer: bool) -> Document:
    n_pages = len(pdf)
    if n_pages == 0:
        raise UnreadableDocument("tệp PDF không có trang nào")
    pages_lines: list[list[Line]] = []
    tables: dict[int, list[tuple[tuple[float, float, float, float], list[list[str]]]]] = {}
    scanned: list[int] = []
    for i in range(n_pages):
        page = pdf[i]
        textpage = page.get_textpage()  # one for the lines and the tables
        lines = page_lines(page, i + 1, textpage)
        if not lines:
            scanned.append(i + 1)
        found = page_tables(page, textpage)
        if found:
            tables[i + 1] = found
        pages_lines.append(lines)
        textpage.close()
        page.close()
    file_type = "pdf"
    if scanned:
        layouts = _ocr(path, scanned, any(pages_lines), given, defer)
        for page_no, layout in layouts.items():  # a scanned page is read as lines and tables too
            pages_lines[page_no - 1] = layout.lines
            tables[page_no] = layout.tables
        if layouts:
            file_type = "pdf-ocr"
    blocks = assemble(pages_lines, tables)
    return Document(path=path, blocks=blocks, file_type=file_type, pages=n_pages)


def _ocr(path: Path, pages: list[int], has_text: bool, given: dict | None, defer: bool) -> dict:
    """Textless pages read by OCR; without Tesseract a PDF that has text elsewhere keeps that
    text (its blank pages are often just blank), a PDF with no text at all is unreadable."""
    if has_text and not ocr.tesseract_ready():
        return {}
    if given is not None and all(p in given for p in pages):
        return {p: given[p] for p in pages}
    if defer:
        ocr.require_tesseract()
        raise ScanPages(pages)
    return ocr.ocr_pdf_layouts(path, pages)
