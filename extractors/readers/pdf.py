"""PDF reader: text in reading order with footnotes, the header block and ruled tables.

The text layer is read with pdfium (fast: a few milliseconds a page) together with each
glyph's box, font size and baseline (glyphs.py makes them into lines). pdfplumber's table
finder is used only on pages that carry ruling lines. Lines are joined into paragraphs across
wraps and page breaks by the layout; page numbers and running headers are dropped.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractors.readers import limits, ocr
from extractors.readers.glyphs import page_lines
from extractors.readers.layout import LIST_START, Line, assemble, cell_text, cut_inside_word
from model import Document, UnreadableDocument
from normalizers.text import normalize_text

MIN_TABLE_PATHS = 6  # ruling lines a page needs before pdfplumber looks for tables there


def read_pdf(path: Path) -> Document:
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        text = str(exc).lower()
        if "password" in text:
            raise UnreadableDocument("tệp PDF được bảo vệ bằng mật khẩu") from exc
        raise UnreadableDocument("tệp PDF bị hỏng hoặc không đầy đủ") from exc
    try:
        limits.check_pdf(pdf)
        return _read(path, pdf)
    finally:
        pdf.close()


def _read(path: Path, pdf: pdfium.PdfDocument) -> Document:
    n_pages = len(pdf)
    if n_pages == 0:
        raise UnreadableDocument("tệp PDF không có trang nào")
    pages_lines: list[list[Line]] = []
    tables: dict[int, list[tuple[tuple[float, float, float, float], list[list[str]]]]] = {}
    scanned: list[int] = []
    for i in range(n_pages):
        page = pdf[i]
        lines = page_lines(page, i + 1)
        if not lines:
            scanned.append(i + 1)
        if _ruled(page):
            tables[i + 1] = _tables(path, i, page.get_height())
        pages_lines.append(lines)
        page.close()
    file_type = "pdf"
    if scanned:
        layouts = _ocr(path, scanned, has_text=any(pages_lines))
        for page_no, layout in layouts.items():  # a scanned page is read as lines and tables too
            pages_lines[page_no - 1] = layout.lines
            tables[page_no] = layout.tables
        if layouts:
            file_type = "pdf-ocr"
    blocks = assemble(pages_lines, tables)
    return Document(path=path, blocks=blocks, file_type=file_type, pages=n_pages)


def _ocr(path: Path, pages: list[int], has_text: bool) -> dict:
    """Textless pages read by OCR; without Tesseract a PDF that has text elsewhere keeps that
    text (its blank pages are often just blank), a PDF with no text at all is unreadable."""
    if has_text and not ocr.tesseract_ready():
        return {}
    return ocr.ocr_pdf_layouts(path, pages)


# ------------------------------------------------------------------ tables


def _ruled(page) -> bool:
    count = 0
    for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2):
        count += 1
        if count >= MIN_TABLE_PATHS:
            return True
    return False


def _tables(path: Path, index: int, height: float):
    import pdfplumber

    out = []
    with pdfplumber.open(str(path), pages=[index + 1]) as pdf:
        page = pdf.pages[0]
        for table in page.find_tables():
            rows = _rows_from_chars(page, table) or [
                [cell_text(c) for c in row] for row in table.extract()
            ]
            if len(rows) < 2 and all(len(r) < 3 for r in rows):
                continue
            x0, top, x1, bottom = table.bbox  # pdfplumber: top from the page top
            out.append(((x0, height - bottom, x1, height - top), rows))
    return out


def _rows_from_chars(page, table) -> list[list[str]] | None:
    """Cell texts built from the characters, when the PDF writes the space a line wraps at (as
    word processors do): a cell line that ends without one was cut inside a word or a figure by a
    narrow column (`thư` / `ờng`, `4.3` / `09`) and is joined to the next without a space. None
    when the producer writes no such spaces (the text heuristics of `cell_text` then apply)."""
    chars = [c for c in page.chars if c.get("upright", True)]
    cells_lines = [
        [_cell_lines(chars, bbox) if bbox is not None else [] for bbox in row.cells]
        for row in table.rows
    ]
    if not any(end for row in cells_lines for cell in row for _, end in cell):
        return None
    return [[_joined_cell(parsed) for parsed in row] for row in cells_lines]


def _cell_lines(chars: list[dict], bbox) -> list[tuple[str, bool]]:
    """A cell's lines of text, each with whether it ends in a space the PDF wrote."""
    from pdfplumber.utils import extract_text

    x0, top, x1, bottom = bbox
    inside = [
        c
        for c in chars
        if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom
    ]
    lines: list[list[dict]] = []
    for c in sorted(inside, key=lambda c: (round(c["top"]), c["x0"])):
        if lines and abs(lines[-1][0]["top"] - c["top"]) <= 2:
            lines[-1].append(c)
        else:
            lines.append([c])
    parsed = []
    for ln in lines:
        ln.sort(key=lambda c: c["x0"])
        text = extract_text(ln).strip()
        if text:
            parsed.append((text, ln[-1]["text"].isspace()))
    return parsed


def _joined_cell(parsed: list[tuple[str, bool]]) -> str:
    text = ""
    for i, (ln, _) in enumerate(parsed):
        ln = ln.strip()
        cut = i > 0 and not parsed[i - 1][1] and cut_inside_word(text, ln)
        if text and LIST_START.match(ln):
            text += "\n" + ln
        elif cut:
            text += ln
        else:
            text = f"{text} {ln}".strip()
    return normalize_text(text).strip()  # after the joins: `Đoà` / `n` is `Đoàn`
