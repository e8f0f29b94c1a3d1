"""PDF reader: text in reading order with footnotes, the header block and ruled tables.

The text layer is read with pdfium (fast: well under a millisecond a page) together with
each character's size and box, which is what tells a footnote mark from a digit: a mark is
smaller and raised above its line (`năm 2022` + mark 1 must not read `20221`). Footnote
bodies are the small-type lines at the page bottom. pdfplumber's table finder is used only
on pages that carry ruling lines. Lines are joined into paragraphs across wraps and page
breaks; page numbers and running headers are dropped.
"""

from __future__ import annotations

import ctypes
import statistics
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import regex

from extractors.readers import limits, ocr
from extractors.readers.layout import LIST_START, Line, assemble, cell_text, cut_inside_word
from model import (
    Document,
    UnreadableDocument,
)
from normalizers.legacy_encoding import fix_legacy_text
from normalizers.text import normalize_text

MIN_TABLE_PATHS = 6  # ruling lines a page needs before pdfplumber looks for tables there


@dataclass
class Char:
    ch: str
    size: float
    left: float
    right: float
    bottom: float
    top: float


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
        lines = _page_lines(page, i + 1)
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


# ------------------------------------------------------------------ characters and lines


def _page_lines(page, page_no: int) -> list[Line]:
    textpage = page.get_textpage()
    try:
        n = textpage.count_chars()
        if n <= 0:
            return []
        text = textpage.get_text_range(0, n)
        raw = textpage.raw
        left, right, bottom, top = (ctypes.c_double() for _ in range(4))
        lines: list[Line] = []
        current: list[Char] = []
        for i, ch in enumerate(text[:n]):
            if ch in "\r\n":
                if ch == "\n" or (i + 1 < n and text[i + 1] != "\n"):
                    _close_line(
                        current,
                        lines,
                        page_no,
                        header_zone=page_no == 1 and len(lines) < HEADER_LINES,
                    )
                    current = []
                continue
            pdfium_c.FPDFText_GetCharBox(raw, i, left, right, bottom, top)
            size = pdfium_c.FPDFText_GetFontSize(raw, i)
            current.append(Char(ch, size, left.value, right.value, bottom.value, top.value))
        _close_line(current, lines, page_no, header_zone=page_no == 1 and len(lines) < HEADER_LINES)
        return _merge_visual_lines(lines)
    finally:
        textpage.close()


def _is_mark(ln: Line, other: Line) -> bool:
    return bool(regex.fullmatch(r"\d{1,3}", ln.text)) and ln.size < other.size * 0.8


def _merge_visual_lines(lines: list[Line]) -> list[Line]:
    """Pieces the text stream breaks apart on one visual line (at a superscript mark, or
    between the two columns of the header) become one line again; a lone small number
    among them is a footnote mark, not text."""
    out: list[Line] = []
    for ln in lines:
        prev = out[-1] if out else None
        if prev is not None:
            overlap = min(prev.top, ln.top) - max(prev.bottom, ln.bottom)
            height = min(prev.top - prev.bottom, ln.top - ln.bottom) or 1
            if overlap > 0.4 * height and ln.x0 >= prev.x1 - 2:
                out[-1] = _merge(prev, ln)
                continue
        out.append(ln)
    return out


def _merge(a: Line, b: Line) -> Line:
    if _is_mark(b, a):
        a.marks.append(b.text)
        return a
    if _is_mark(a, b):
        b.marks = [a.text] + b.marks
        return b
    gap = b.x0 - a.x1
    joiner = "" if gap < min(a.size, b.size) * 0.2 or b.text[:1] in ".,;:)" else " "
    main = a if len(a.text) >= len(b.text) else b
    return Line(
        text=f"{a.text}{joiner}{b.text}",
        size=main.size,
        x0=a.x0,
        x1=b.x1,
        top=max(a.top, b.top),
        bottom=min(a.bottom, b.bottom),
        page=a.page,
        marks=a.marks + b.marks,
        segments=a.segments + b.segments,
    )


HEADER_LINES = 16  # the official header sits in the first lines of page 1


def _close_line(
    chars: list[Char], lines: list[Line], page_no: int, header_zone: bool = False
) -> None:
    """Close a line of characters: footnote marks taken off, column segments only where the
    two-column header can be (splitting every line costs a third of the page time)."""
    visible = [c for c in chars if not c.ch.isspace()]
    if not visible:
        return
    size = statistics.median(c.size for c in visible)
    baseline = (
        statistics.median(c.bottom for c in visible if c.size >= size * 0.9)
        if any(c.size >= size * 0.9 for c in visible)
        else min(c.bottom for c in visible)
    )
    marks, kept, mark = [], [], ""
    for c in chars:
        raised = c.size < size * 0.8 and c.bottom > baseline + size * 0.2 and not c.ch.isspace()
        if raised and (c.ch.isdigit() or c.ch in "*,"):
            if c.ch.isdigit():
                mark += c.ch
            continue
        if mark:
            marks.append(mark)
            mark = ""
        kept.append(c)
    if mark:
        marks.append(mark)
    text = fix_legacy_text("".join(c.ch for c in kept))
    if not text.strip():
        return
    segments = _segments(kept, size) if header_zone else []
    vis = [c for c in kept if not c.ch.isspace()]
    lines.append(
        Line(
            text=normalize_text(text).strip(),
            size=size,
            x0=min(c.left for c in vis),
            x1=max(c.right for c in vis),
            top=max(c.top for c in vis),
            bottom=min(c.bottom for c in vis),
            page=page_no,
            marks=marks,
            segments=segments,
        )
    )


def _segments(chars: list[Char], size: float) -> list[tuple[float, float, str]]:
    """Split a line where a gap wider than a few characters separates two columns."""
    segs: list[list[Char]] = []
    last_right = None
    for c in chars:
        if c.ch.isspace() and c.right - c.left < 0.01:
            continue
        if last_right is not None and not c.ch.isspace() and c.left - last_right > size * 2.5:
            segs.append([])
        if not segs:
            segs.append([])
        segs[-1].append(c)
        if not c.ch.isspace():
            last_right = c.right
    out = []
    for s in segs:
        vis = [c for c in s if not c.ch.isspace()]
        if vis:
            out.append(
                (
                    min(c.left for c in vis),
                    max(c.right for c in vis),
                    normalize_text("".join(c.ch for c in s)).strip(),
                )
            )
    return out


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
    from pdfplumber.utils import extract_text

    cells_lines = []
    wrap_spaces = 0
    chars = [c for c in page.chars if c.get("upright", True)]
    for row in table.rows:
        out_row = []
        for bbox in row.cells:
            if bbox is None:
                out_row.append([])
                continue
            x0, top, x1, bottom = bbox
            inside = [
                c
                for c in chars
                if x0 <= (c["x0"] + c["x1"]) / 2 <= x1
                and top <= (c["top"] + c["bottom"]) / 2 <= bottom
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
                ends_in_space = ln[-1]["text"].isspace()
                if text:
                    parsed.append((text, ends_in_space))
                    wrap_spaces += ends_in_space
            out_row.append(parsed)
        cells_lines.append(out_row)
    if not wrap_spaces:
        return None
    rows = []
    for out_row in cells_lines:
        row = []
        for parsed in out_row:
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
            row.append(normalize_text(text).strip())  # after the joins: `Đoà` / `n` is `Đoàn`
        rows.append(row)
    return rows
