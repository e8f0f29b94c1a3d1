"""Layout: positioned text lines (from a PDF's glyphs or from OCR words) made into blocks.

Both the PDF reader and the OCR reader produce `Line`s with their boxes; this module joins
them into paragraphs across wraps and page breaks and places the tables; the official header
(header.py), footnote bodies (footnotes.py) and table cells (cells.py) have modules of their own.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field

from catalog.patterns import compiled
from extractors.readers.cells import cell_text, cut_inside_word, merge_continued_tables, table_block
from extractors.readers.footnotes import footnote_blocks, split_footnotes
from extractors.readers.header import header_block
from extractors.readers.line import LINE_END_HYPHEN, LIST_START, SENTENCE_END, Line, join_text
from model import HEADING, LIST_ITEM, PARAGRAPH, Block

PAGE_NUMBER = compiled(r"[-–\s]*\d{1,3}[-–\s]*")

__all__ = [
    "LIST_START",
    "Line",
    "assemble",
    "cell_text",
    "cut_inside_word",
    "merge_continued_tables",
]


@dataclass
class Margins:
    """The body text's measure in a document: its type size and its left and right margins."""

    body: float
    left: float
    right: float


@dataclass
class _Flow:
    """Blocks made so far and the paragraph still open (it may go on over a page break)."""

    blocks: list[Block] = field(default_factory=list)
    para: Block | None = None
    last: Line | None = None


def _margins(pages_lines: list[list[Line]]) -> Margins:
    # the body size: the (rounded) size most characters are set in, the first met at a tie
    # (statistics.mode of a size per character, without the list of every character)
    chars: dict[int, int] = {}
    for lines in pages_lines:
        for ln in lines:
            if ln.text:
                key = round(ln.size)
                chars[key] = chars.get(key, 0) + len(ln.text)
    body = max(chars, key=chars.__getitem__) if chars else 12.0
    body_lines = [ln for lines in pages_lines for ln in lines if abs(ln.size - body) < 1]
    # the left margin: where most body lines start, of those not right of the middle one (a
    # report of short paragraphs has as many indented first lines as lines at the margin)
    middle = statistics.median(ln.x0 for ln in body_lines) if body_lines else 0.0
    starts = Counter(round(ln.x0) for ln in body_lines if ln.x0 <= middle + 1)
    most = max(starts.values(), default=0)
    left = float(min(x for x, n in starts.items() if n == most)) if starts else middle
    rights = sorted(ln.x1 for ln in body_lines)
    return Margins(body, left, rights[int(len(rights) * 0.9)] if rights else 540.0)


def assemble(pages_lines: list[list[Line]], tables: dict) -> list[Block]:
    """Blocks of a document from its pages' lines and its pages' tables ({page: [(bbox, rows)]})."""
    if not any(pages_lines):
        return []
    margins = _margins(pages_lines)
    flow = _Flow()
    footnotes: list[Block] = []
    for page_no, lines in enumerate(pages_lines, start=1):
        lines = _drop_running_lines(lines, margins.body)
        page_tables = tables.get(page_no, [])
        body_lines, foot_lines = _footnotes_apart(lines, page_tables, margins.body)
        if page_no == 1:
            header, body_lines = header_block(body_lines)
            if header:
                flow.blocks.append(header)
        _page_body(flow, body_lines, page_tables, page_no, margins)
        footnotes.extend(footnote_blocks(foot_lines, footnotes, page_no))
    blocks = merge_continued_tables(flow.blocks) + footnotes
    for b in blocks:
        b.text = b.text.replace(LINE_END_HYPHEN, "-")  # a hyphen that ended a block
    return blocks


def _footnotes_apart(lines: list[Line], tables: list, body: float) -> tuple[list, list]:
    """The page's lines and its footnote bodies; a line inside a table is never a footnote (a
    table in small type at the foot of a page)."""
    if not tables:
        return split_footnotes(lines, body)
    free = [ln for ln in lines if _table_containing(ln, tables) is None]
    foot = split_footnotes(free, body)[1]
    if not foot:
        return lines, []
    in_foot = {id(ln) for ln in foot}
    return [ln for ln in lines if id(ln) not in in_foot], foot


def _page_body(flow: _Flow, lines: list[Line], tables: list, page_no: int, m: Margins) -> None:
    """A page's body lines into the flow; a table comes in where its first line is."""
    placed: set[int] = set()
    for ln in lines:
        here = _table_containing(ln, tables)
        if here is None:
            _add_line(flow, ln, page_no, m)
        elif here not in placed:
            placed.add(here)
            flow.blocks.append(table_block(tables[here][1], page_no))
            flow.para, flow.last = None, None
    for idx, (_bbox, rows) in enumerate(tables):
        if idx not in placed:
            flow.blocks.append(table_block(rows, page_no))


def _add_line(flow: _Flow, ln: Line, page_no: int, m: Margins) -> None:
    """A line goes on the open paragraph, or opens a block of its own."""
    para = flow.para
    if para is not None and not _starts_paragraph(ln, flow.last, m):
        before = para.text
        para.text = join_text(para.text, ln.text)
        if page_no != (para.page_end or para.page):
            para.page_starts.append((len(para.text) - len(ln.text), page_no))
        para.footnote_refs.extend(ln.marks)
        for label, anchor in zip(ln.marks, ln.mark_at):
            para.footnote_at.setdefault(label, anchor.following(before))
        para.page_end = page_no
        flow.last = ln
        return
    kind = _kind(ln, m.body)
    para = Block(kind, ln.text, page=page_no, footnote_refs=list(ln.marks), page_end=page_no)
    para.footnote_at = dict(zip(ln.marks, ln.mark_at))
    match = LIST_START.match(ln.text)
    if kind == LIST_ITEM and match:
        para.label = match.group(0).strip()
    flow.blocks.append(para)
    flow.para, flow.last = para, ln


def _drop_running_lines(lines: list[Line], body: float) -> list[Line]:
    """Page numbers (a lone number at the top or bottom of a page)."""
    out = []
    for i, ln in enumerate(lines):
        if (i == 0 or i == len(lines) - 1) and PAGE_NUMBER.fullmatch(ln.text):
            continue
        out.append(ln)
    return out


def _table_containing(ln: Line, tables) -> int | None:
    mid = (ln.top + ln.bottom) / 2
    for i, ((x0, bottom, x1, top), _rows) in enumerate(tables):
        if bottom - 2 <= mid <= top + 2 and ln.x0 >= x0 - 5 and ln.x1 <= x1 + 5:
            return i
    return None


DASH_ITEM = compiled(r"^\s*[-–+•]\s+(\w)")


LABEL_OPENING = compiled(r"^\p{Lu}\p{Ll}*(?:\s+\p{Ll}+){0,3}\s*:")


def _starts_paragraph(ln: Line, prev: Line | None, m: Margins) -> bool:
    left_margin, body = m.left, m.body
    if prev is None:
        return True
    if abs(ln.size - prev.size) > 1.5:
        return True
    same_page = ln.page == prev.page
    if same_page and prev.bottom - ln.top > max(prev.size, ln.size) * 1.2:
        return True  # a blank gap
    indented = ln.x0 > left_margin + body * 0.8
    if (
        indented
        and same_page
        and _self_centered(ln, m)
        and not SENTENCE_END.search(prev.text)
        and not ln.text.isupper()
        and not LIST_START.match(ln.text)
        and abs((prev.x0 + prev.x1) / 2 - (ln.x0 + ln.x1) / 2) < body * 3
        and ln.size == prev.size
    ):
        return False  # a centred title running over two lines
    if indented and not _centered(ln, left_margin):
        return True
    if LIST_START.match(ln.text) and (SENTENCE_END.search(prev.text) or _item_of_a_capital(ln)):
        return True  # (`- ... 874 dịch vụ` then `+ Toàn trình: ...`: a new item, not a wrap)
    if same_page and _ended_early(prev, ln, m):
        return True
    if prev.text.isupper() and not ln.text.isupper() and LIST_START.match(ln.text):
        return True  # a heading in capitals, then the first numbered item under it
    if SENTENCE_END.search(prev.text) and (ln.text[:1].isupper() or ln.text[:1].isdigit()):
        # a short previous line ended a paragraph; a full one may have wrapped on a period,
        # but not a list item's into a labelled line (`- ... 02 vụ việc.` / `Kết quả: ...`)
        if LIST_START.match(prev.text) and LABEL_OPENING.match(ln.text):
            return True
        return prev.x1 < m.right - body * 2
    if _centered(prev, left_margin) and prev.text.isupper():
        return True
    if not same_page:
        # across a page break a paragraph goes on only from a full line into a line that
        # is not a heading, a signature or a new section
        full = prev.x1 > m.right - body * 2
        mid_sentence = not SENTENCE_END.search(prev.text) and (
            ln.text[:1].islower() or ln.text[:1].isdigit()
        )
        return not (mid_sentence or (full and not ln.text.isupper()))
    return False


def _item_of_a_capital(ln: Line) -> bool:
    """A dash or plus mark then a capital letter opens an item (a wrapped range goes on with a
    figure: `2021` / `- 2025`)."""
    m = DASH_ITEM.match(ln.text)
    return m is not None and m.group(1).isupper()


def _ended_early(prev: Line, ln: Line, m: Margins) -> bool:
    """The previous line stopped although the next line's first word would have fitted after
    it: a paragraph's (or a heading's) last line, not a wrap. Word widths are estimated at
    half the font size per character, generously, so a wrap is never taken for an end."""
    words = ln.text.split()
    if not words or prev.x1 > m.right:
        return False
    first_word = (len(words[0]) + 2) * ln.size * 0.6
    return prev.x1 + first_word < m.right - m.body


def _self_centered(ln: Line, m: Margins) -> bool:
    """Set in the middle: as much space on its left as on its right."""
    left_gap, right_gap = ln.x0 - m.left, m.right - ln.x1
    return left_gap > m.body and right_gap > m.body / 2 and abs(left_gap - right_gap) < m.body * 1.5


def _centered(ln: Line, left_margin: float) -> bool:
    return ln.x0 > left_margin + 40 and ln.text.isupper()


def _kind(ln: Line, body: float) -> str:
    if LIST_START.match(ln.text):
        return LIST_ITEM
    letters = [c for c in ln.text if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(ln.text) < 200:
        return HEADING
    return PARAGRAPH
