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
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import regex

from extractors.model import FOOTNOTE, HEADING, LIST_ITEM, PARAGRAPH, TABLE, Block, Document
from extractors.readers import UnreadableDocument
from normalizers.legacy_encoding import fix_legacy_text
from normalizers.text import fold, normalize_text

MIN_TABLE_PATHS = 6  # ruling lines a page needs before pdfplumber looks for tables there
SENTENCE_END = regex.compile(r"[.:;!?…]\s*$")
LIST_START = regex.compile(r"^\s*(?:[-–+•*]|\d+(?:\.\d+)*[.)]|[a-zđ][.)]|[IVXLC]+[.\-–)])\s")
PLACE_DATE = regex.compile(r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}|ngày\s+\d{1,2}/\d{1,2}/\d{4}")
MOTTO = regex.compile(r"CỘNG\s+HÒA\s+XÃ\s+HỘI|Độc\s+lập|ĐẢNG\s+CỘNG\s+SẢN")
WRAPPED_DATE = regex.compile(r"ngày\s+\d{1,2}(?:\s+tháng\s+\d{1,2}(?:\s+năm)?)?\s*$")
NUMBER_LINE = regex.compile(r"^\s*Số\s*(?::|\d|$)")
TITLE_WORD = regex.compile(r"^\s*(?:BÁO\s+CÁO|KẾ\s+HOẠCH|QUYẾT\s+ĐỊNH|TỜ\s+TRÌNH|CHƯƠNG\s+TRÌNH|THÔNG\s+BÁO|CÔNG\s+VĂN"
                        r"|CHỈ\s+THỊ|NGHỊ\s+QUYẾT|HƯỚNG\s+DẪN|BIÊN\s+BẢN|KẾT\s+LUẬN|ĐỀ\s+ÁN)\s*$")


@dataclass
class Char:
    ch: str
    size: float
    left: float
    right: float
    bottom: float
    top: float


@dataclass
class Line:
    text: str
    size: float
    x0: float
    x1: float
    top: float  # PDF coordinates: larger is higher on the page
    bottom: float
    page: int
    marks: list[str] = field(default_factory=list)
    segments: list[tuple[float, float, str]] = field(default_factory=list)  # (x0, x1, text) split at wide gaps


def read_pdf(path: Path) -> Document:
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        text = str(exc).lower()
        if "password" in text:
            raise UnreadableDocument("tệp PDF được bảo vệ bằng mật khẩu") from exc
        raise UnreadableDocument("tệp PDF bị hỏng hoặc không đầy đủ") from exc
    try:
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
    blocks = _assemble(pages_lines, tables)
    return Document(path=path, blocks=blocks, file_type=file_type, pages=n_pages)


def _ocr(path: Path, pages: list[int], has_text: bool) -> dict:
    try:
        from extractors.ocr import ocr_pdf_layouts
    except ImportError:
        ocr_pdf_layouts = None
    if ocr_pdf_layouts is None:
        if has_text:
            return {}
        raise UnreadableDocument("tệp PDF là bản quét, không có lớp chữ; cần cài OCR: "
                                 "apt-get install tesseract-ocr tesseract-ocr-vie")
    return ocr_pdf_layouts(path, pages)


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
                    _close_line(current, lines, page_no, header_zone=page_no == 1 and len(lines) < HEADER_LINES)
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
    return Line(text=f"{a.text}{joiner}{b.text}", size=main.size, x0=a.x0, x1=b.x1, top=max(a.top, b.top),
                bottom=min(a.bottom, b.bottom), page=a.page, marks=a.marks + b.marks,
                segments=a.segments + b.segments)


HEADER_LINES = 16  # the official header sits in the first lines of page 1


def _close_line(chars: list[Char], lines: list[Line], page_no: int, header_zone: bool = False) -> None:
    """Close a line of characters: footnote marks taken off, column segments only where the
    two-column header can be (splitting every line costs a third of the page time)."""
    visible = [c for c in chars if not c.ch.isspace()]
    if not visible:
        return
    size = statistics.median(c.size for c in visible)
    baseline = statistics.median(c.bottom for c in visible if c.size >= size * 0.9) if any(
        c.size >= size * 0.9 for c in visible) else min(c.bottom for c in visible)
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
    lines.append(Line(text=normalize_text(text).strip(), size=size, x0=min(c.left for c in vis),
                      x1=max(c.right for c in vis), top=max(c.top for c in vis), bottom=min(c.bottom for c in vis),
                      page=page_no, marks=marks, segments=segments))


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
            out.append((min(c.left for c in vis), max(c.right for c in vis),
                        normalize_text("".join(c.ch for c in s)).strip()))
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
            rows = _rows_from_chars(page, table) or [[_cell_text(c) for c in row] for row in table.extract()]
            if len(rows) < 2 and all(len(r) < 3 for r in rows):
                continue
            x0, top, x1, bottom = table.bbox  # pdfplumber: top from the page top
            out.append(((x0, height - bottom, x1, height - top), rows))
    return out


def _rows_from_chars(page, table) -> list[list[str]] | None:
    """Cell texts built from the characters, when the PDF writes the space a line wraps at (as
    word processors do): a cell line that ends without one was cut inside a word or a figure by a
    narrow column (`thư` / `ờng`, `4.3` / `09`) and is joined to the next without a space. None
    when the producer writes no such spaces (the text heuristics of `_cell_text` then apply)."""
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
            inside = [c for c in chars if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom]
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
                cut = i > 0 and not parsed[i - 1][1] and _cut_inside_word(text, ln)
                if text and LIST_START.match(ln):
                    text += "\n" + ln
                elif cut:
                    text += ln
                else:
                    text = f"{text} {ln}".strip()
            row.append(normalize_text(text).strip())  # after the joins: `Đoà` / `n` is `Đoàn`
        rows.append(row)
    return rows


SYLLABLE = regex.compile(r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?$")


def _cut_inside_word(before: str, after: str) -> bool:
    """A cell line that ends without a space goes on inside the same figure (`4.3` / `09`) or
    the same syllable (`chu` / `yển`, `Tổn` / `g`): the two pieces make one syllable."""
    if regex.search(r"[\d.,=+]$", before) and regex.match(r"[\d%(=+)]", after):
        return True
    left = regex.search(r"\p{L}+$", before)
    right = regex.match(r"\p{Ll}+", after)
    return bool(left and right and SYLLABLE.match(fold(left.group() + right.group()).lower()))


FINAL_CONSONANTS = regex.compile(r"(?i)^(?:c|ch|m|n|ng|nh|p|t)(?=\s|$)")
INITIAL_CONSONANTS = regex.compile(r"(?:^|\s)(?:[BCDĐGHKLMNPQRSTVX]?[bcdđghklmnpqrstvx]{0,2}|[bcdđghklmnpqrstvx])$")


def _syllable_cut(before: str, after: str) -> bool:
    """No Vietnamese syllable is consonants only: a line that ends or starts with such a
    fragment is a syllable the column was too narrow for."""
    if not before[-1:].isalpha() or not after[:1].isalpha():
        return False
    return bool(FINAL_CONSONANTS.match(after)) or (bool(INITIAL_CONSONANTS.search(before)) and after[:1].islower())


def _cell_text(cell: str | None) -> str:
    if not cell:
        return ""
    lines = [normalize_text(x).strip() for x in cell.split("\n")]
    out = ""
    for ln in lines:
        if not ln:
            continue
        if out and LIST_START.match(ln):
            out += "\n" + ln
        elif regex.search(r"(?:^|\s)[\d.,]+$", out) and regex.match(r"[\d%]", ln) and out[-1:].isdigit():
            out += ln  # a figure wrapped in a narrow column: "2687" / "63" is 268763
        elif out and _syllable_cut(out, ln):
            out += ln  # a syllable cut by a narrow column: "Trướ" / "c hạn"
        else:
            out = f"{out} {ln}".strip()
    return out


# ------------------------------------------------------------------ blocks

def _body_size(pages_lines: list[list[Line]]) -> float:
    sizes = [round(ln.size) for lines in pages_lines for ln in lines for _ in range(len(ln.text))]
    return statistics.mode(sizes) if sizes else 12.0


def _assemble(pages_lines: list[list[Line]], tables) -> list[Block]:
    if not any(pages_lines):
        return []
    body = _body_size(pages_lines)
    left_margin = statistics.median(
        ln.x0 for lines in pages_lines for ln in lines if abs(ln.size - body) < 1) if any(pages_lines) else 0
    rights = sorted(ln.x1 for lines in pages_lines for ln in lines if abs(ln.size - body) < 1)
    RIGHT_EDGE[0] = rights[int(len(rights) * 0.9)] if rights else 540.0
    blocks: list[Block] = []
    footnotes: list[Block] = []
    open_para: Block | None = None
    open_last_line: Line | None = None
    for page_no, lines in enumerate(pages_lines, start=1):
        lines = _drop_running_lines(lines, body)
        page_tables = tables.get(page_no, [])
        in_table = [t for t in page_tables]
        body_lines, foot_lines = _split_footnotes(lines, body)
        if page_no == 1:
            header, body_lines = _header_block(body_lines)
            if header:
                blocks.append(header)
        placed_tables = set()
        for ln in body_lines:
            table_here = _table_containing(ln, in_table)
            if table_here is not None:
                if table_here not in placed_tables:
                    placed_tables.add(table_here)
                    bbox, rows = in_table[table_here]
                    blocks.append(Block(TABLE, "\n".join(" | ".join(r) for r in rows), page=page_no, rows=rows,
                                        row_pages=[page_no] * len(rows)))
                    open_para, open_last_line = None, None
                continue
            starts_new = _starts_paragraph(ln, open_last_line, left_margin, body)
            if open_para is not None and not starts_new:
                if page_no != (open_para.page_end or open_para.page):
                    open_para.page_starts.append((len(open_para.text) + 1, page_no))
                open_para.text = _join(open_para.text, ln.text)
                open_para.footnote_refs.extend(ln.marks)
                open_para.page_end = page_no
                open_last_line = ln
                continue
            kind = _kind(ln, body)
            open_para = Block(kind, ln.text, page=page_no, footnote_refs=list(ln.marks), page_end=page_no)
            m = LIST_START.match(ln.text)
            if kind == LIST_ITEM and m:
                open_para.label = m.group(0).strip()
            blocks.append(open_para)
            open_last_line = ln
        for idx, (bbox, rows) in enumerate(in_table):
            if idx not in placed_tables:
                blocks.append(Block(TABLE, "\n".join(" | ".join(r) for r in rows), page=page_no, rows=rows,
                                    row_pages=[page_no] * len(rows)))
        footnotes.extend(_footnote_blocks(foot_lines, footnotes, page_no))
    return _merge_continued_tables(blocks) + footnotes


def _merge_continued_tables(blocks: list[Block]) -> list[Block]:
    """A table that ends one page and goes on at the top of the next is one table: its
    repeated header rows are dropped, and a row cut by the page break (the part on the new
    page has no number and no first cell) is mended back into one row."""
    out: list[Block] = []
    for b in blocks:
        prev = out[-1] if out else None
        if (prev is not None and b.kind == TABLE and prev.kind == TABLE and prev.rows and b.rows
                and b.page == (prev.row_pages or [prev.page])[-1] + 1 and len(b.rows[0]) == len(prev.rows[-1])
                and _first_on_page(b, out)):
            rows, pages = list(b.rows), list(b.row_pages or [b.page] * len(b.rows))
            head = _repeated_header(prev.rows, rows)
            rows, pages = rows[head:], pages[head:]
            if rows and _cut_row_rest(rows[0], prev.rows[-1]):
                prev.rows[-1] = [(a + c if a and c and _cut_inside_word(a, c) else f"{a} {c}").strip()
                                 for a, c in zip(prev.rows[-1], rows[0])]
                rows, pages = rows[1:], pages[1:]
            prev.rows.extend(rows)
            prev.row_pages = (prev.row_pages or [prev.page] * (len(prev.rows) - len(rows))) + pages
            prev.text = "\n".join(" | ".join(r) for r in prev.rows)
            prev.page_end = b.page
            continue
        out.append(b)
    return out


def _first_on_page(b: Block, before: list[Block]) -> bool:
    return not before or (before[-1].row_pages or [before[-1].page])[-1] < b.page or before[-1].kind == TABLE


def _repeated_header(rows: list[list[str]], cont: list[list[str]]) -> int:
    """How many of the continuation's first rows repeat the table's first rows."""
    n = 0
    while n < len(cont) and n < len(rows) - 1 and cont[n] == rows[n]:
        n += 1
    return n


def _cut_row_rest(row: list[str], above: list[str] | None = None) -> bool:
    """The lower part of a row cut by a page break: no first cell (STT), no figure, some text,
    and only in columns where the cut row has text (a header row of its own, `Lượt | Người`
    under `Tiếp thường xuyên`, fills columns the row above left empty)."""
    if above is not None and any(c.strip() and not a.strip() for c, a in zip(row, above)):
        return False
    return not row[0].strip() and any(c.strip() for c in row) and \
        not any(regex.search(r"\d", c) for c in row)


def _drop_running_lines(lines: list[Line], body: float) -> list[Line]:
    """Page numbers (a lone number at the top or bottom of a page)."""
    out = []
    for i, ln in enumerate(lines):
        if regex.fullmatch(r"[-–\s]*\d{1,3}[-–\s]*", ln.text) and (i == 0 or i == len(lines) - 1):
            continue
        out.append(ln)
    return out


def _split_footnotes(lines: list[Line], body: float) -> tuple[list[Line], list[Line]]:
    """Footnote bodies: the run of small-type lines at the bottom of the page."""
    cut = len(lines)
    for i in range(len(lines) - 1, -1, -1):
        if lines[i].size < body * 0.88:
            cut = i
        else:
            break
    foot = lines[cut:]
    if foot and not regex.match(r"^\s*\d{1,3}\s*\S", foot[0].text) and not foot[0].marks:
        # small type that does not open with a mark: a caption or signature, not footnotes
        if not any(regex.match(r"^\s*\d{1,3}\s", ln.text) or ln.marks for ln in foot):
            return lines, []
    return lines[:cut], foot


def _footnote_blocks(lines: list[Line], previous: list[Block], page_no: int) -> list[Block]:
    """Footnote bodies, each opening with its mark; a line opening with a number that is not
    the next mark (`420 căn nhà ...`) continues the footnote before it."""
    out: list[Block] = []
    last = next((b.label for b in reversed(previous) if b.label and b.label.isdigit()), "0")
    for ln in lines:
        expected = str(int(last) + 1) if last.isdigit() else None
        label = ln.marks[0] if ln.marks and ln.x0 < 120 else None
        text = ln.text
        if label is None:
            m = regex.match(r"^\s*(\d{1,3})\s+(?=\S)", text)
            if m and m.group(1) == expected:
                label, text = m.group(1), text[m.end():]
        if label is not None:
            out.append(Block(FOOTNOTE, text.strip(), page=page_no, label=label))
            last = label
        elif out:
            out[-1].text = _join(out[-1].text, text)
        elif previous:
            previous[-1].text = _join(previous[-1].text, text)  # a footnote running on from the last page
        else:
            out.append(Block(FOOTNOTE, text.strip(), page=page_no))
    return out


def _header_block(lines: list[Line]) -> tuple[Block | None, list[Line]]:
    """The official header: issuer (left) and motto, place and date (right), as a two-column table."""
    end = None
    for i, ln in enumerate(lines[:10]):
        if TITLE_WORD.match(ln.text):
            break  # the kind of document (BÁO CÁO, KẾ HOẠCH ...) opens the title below the header
        nxt = lines[i + 1].text if i + 1 < len(lines) else ""
        if PLACE_DATE.search(ln.text) or (i > 0 and NUMBER_LINE.match(ln.text) and i >= 2):
            end = i
        if PLACE_DATE.search(ln.text):
            break
        if WRAPPED_DATE.search(ln.text) and regex.search(r"^\s*(?:năm\s+)?(?:19|20)\d{2}\b|tháng\s+\d{1,2}\s+năm\s+\d{4}", nxt):
            end = i + 1  # the place line wrapped: "…, ngày 05 tháng 7 năm" / "2023"
            break
    if end is None or not any(MOTTO.search(ln.text) for ln in lines[:end + 1]):
        return None, lines
    # a Party header sets the number under the star, below the place and date
    for j in range(end + 1, min(end + 3, len(lines))):
        if NUMBER_LINE.match(lines[j].text.lstrip("* ")):
            end = j
            break
        if lines[j].text.strip() != "*":
            break
    page_mid = max(ln.x1 for ln in lines[:end + 1]) * 0.55
    left, right = [], []
    for ln in lines[:end + 1]:
        for x0, x1, text in ln.segments or [(ln.x0, ln.x1, ln.text)]:
            (left if x0 < page_mid and (x0 + x1) / 2 < page_mid else right).append(text)
    rows = [["\n".join(left), "\n".join(right)]]
    block = Block(TABLE, "\n".join(" | ".join(r) for r in rows), page=lines[0].page, rows=rows, row_pages=[lines[0].page])
    return block, lines[end + 1:]


def _table_containing(ln: Line, tables) -> int | None:
    mid = (ln.top + ln.bottom) / 2
    for i, ((x0, bottom, x1, top), _rows) in enumerate(tables):
        if bottom - 2 <= mid <= top + 2 and ln.x0 >= x0 - 5 and ln.x1 <= x1 + 5:
            return i
    return None


def _starts_paragraph(ln: Line, prev: Line | None, left_margin: float, body: float) -> bool:
    if prev is None:
        return True
    if abs(ln.size - prev.size) > 1.5:
        return True
    same_page = ln.page == prev.page
    if same_page and prev.bottom - ln.top > max(prev.size, ln.size) * 1.2:
        return True  # a blank gap
    indented = ln.x0 > left_margin + body * 0.8
    if indented and same_page and _self_centered(ln, left_margin, body) and not SENTENCE_END.search(prev.text) \
            and not ln.text.isupper() and not LIST_START.match(ln.text) \
            and abs((prev.x0 + prev.x1) / 2 - (ln.x0 + ln.x1) / 2) < body * 3 and ln.size == prev.size:
        return False  # a centred title running over two lines
    if indented and not _centered(ln, left_margin):
        return True
    if LIST_START.match(ln.text) and SENTENCE_END.search(prev.text):
        return True
    if same_page and _ended_early(prev, ln, body):
        return True
    if prev.text.isupper() and not ln.text.isupper() and LIST_START.match(ln.text):
        return True  # a heading in capitals, then the first numbered item under it
    if SENTENCE_END.search(prev.text) and (ln.text[:1].isupper() or ln.text[:1].isdigit()):
        # a short previous line ended a paragraph; a full one may have wrapped on a period
        return prev.x1 < RIGHT_EDGE[0] - body * 2
    if _centered(prev, left_margin) and prev.text.isupper():
        return True
    if not same_page:
        # across a page break a paragraph goes on only from a full line into a line that
        # is not a heading, a signature or a new section
        full = prev.x1 > RIGHT_EDGE[0] - body * 2
        mid_sentence = not SENTENCE_END.search(prev.text) and (ln.text[:1].islower() or ln.text[:1].isdigit())
        return not (mid_sentence or (full and not ln.text.isupper()))
    return False


RIGHT_EDGE = [0.0]  # the body's right margin, set per document by _assemble


def _ended_early(prev: Line, ln: Line, body: float) -> bool:
    """The previous line stopped although the next line's first word would have fitted after
    it: a paragraph's (or a heading's) last line, not a wrap. Word widths are estimated at
    half the font size per character, generously, so a wrap is never taken for an end."""
    words = ln.text.split()
    if not words or prev.x1 > RIGHT_EDGE[0]:
        return False
    first_word = (len(words[0]) + 2) * ln.size * 0.6
    return prev.x1 + first_word < RIGHT_EDGE[0] - body


def _line_end(ln: Line) -> float:
    return 595 - 56 if ln.x1 < 600 else ln.x1


def _self_centered(ln: Line, left_margin: float, body: float) -> bool:
    """Set in the middle: as much space on its left as on its right."""
    left_gap, right_gap = ln.x0 - left_margin, RIGHT_EDGE[0] - ln.x1
    return left_gap > body and abs(left_gap - right_gap) < body * 1.5


def _centered(ln: Line, left_margin: float) -> bool:
    return ln.x0 > left_margin + 40 and ln.text.isupper()


def _kind(ln: Line, body: float) -> str:
    if LIST_START.match(ln.text):
        return LIST_ITEM
    letters = [c for c in ln.text if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(ln.text) < 200:
        return HEADING
    return PARAGRAPH


def _join(a: str, b: str) -> str:
    if not a:
        return b
    return f"{a} {b}"
