"""Layout: positioned text lines (from a PDF's glyphs or from OCR words) made into blocks.

Both the PDF reader and the OCR reader produce `Line`s with their boxes; this module joins
them into paragraphs across wraps and page breaks, finds the official header, list items,
headings and footnote bodies, places the tables, and mends text cut by narrow table cells.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

import regex

from model import FOOTNOTE, HEADING, LIST_ITEM, PARAGRAPH, TABLE, Block
from normalizers.text import fold, normalize_text

SENTENCE_END = regex.compile(r"[.:;!?…]\s*$")
LIST_START = regex.compile(r"^\s*(?:[-–+•*]|\d+(?:\.\d+)*[.)]|[a-zđ][.)]|[IVXLC]+[.\-–)])\s")
PLACE_DATE = regex.compile(
    r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}|ngày\s+\d{1,2}/\d{1,2}/\d{4}"
)
MOTTO = regex.compile(r"CỘNG\s+HÒA\s+XÃ\s+HỘI|Độc\s+lập|ĐẢNG\s+CỘNG\s+SẢN")
WRAPPED_DATE = regex.compile(r"ngày\s+\d{1,2}(?:\s+tháng\s+\d{1,2}(?:\s+năm)?)?\s*$")
NUMBER_LINE = regex.compile(r"^\s*Số\s*(?::|\d|$)")
TITLE_WORD = regex.compile(
    r"^\s*(?:BÁO\s+CÁO|KẾ\s+HOẠCH|QUYẾT\s+ĐỊNH|TỜ\s+TRÌNH|CHƯƠNG\s+TRÌNH|THÔNG\s+BÁO|CÔNG\s+VĂN"
    r"|CHỈ\s+THỊ|NGHỊ\s+QUYẾT|HƯỚNG\s+DẪN|BIÊN\s+BẢN|KẾT\s+LUẬN|ĐỀ\s+ÁN)\s*$"
)


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
    segments: list[tuple[float, float, str]] = field(
        default_factory=list
    )  # (x0, x1, text) split at wide gaps


SYLLABLE = regex.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?$"
)


def cut_inside_word(before: str, after: str) -> bool:
    """A cell line that ends without a space goes on inside the same figure (`4.3` / `09`) or
    the same syllable (`chu` / `yển`, `Tổn` / `g`): the two pieces make one syllable."""
    if regex.search(r"[\d.,=+]$", before) and regex.match(r"[\d%(=+)]", after):
        return True
    left = regex.search(r"\p{L}+$", before)
    right = regex.match(r"\p{Ll}+", after)
    return bool(left and right and SYLLABLE.match(fold(left.group() + right.group()).lower()))


FINAL_CONSONANTS = regex.compile(r"(?i)^(?:c|ch|m|n|ng|nh|p|t)(?=\s|$)")
INITIAL_CONSONANTS = regex.compile(
    r"(?:^|\s)(?:[BCDĐGHKLMNPQRSTVX]?[bcdđghklmnpqrstvx]{0,2}|[bcdđghklmnpqrstvx])$"
)


def _syllable_cut(before: str, after: str) -> bool:
    """No Vietnamese syllable is consonants only: a line that ends or starts with such a
    fragment is a syllable the column was too narrow for."""
    if not before[-1:].isalpha() or not after[:1].isalpha():
        return False
    return bool(FINAL_CONSONANTS.match(after)) or (
        bool(INITIAL_CONSONANTS.search(before)) and after[:1].islower()
    )


def cell_text(cell: str | None) -> str:
    if not cell:
        return ""
    lines = [normalize_text(x).strip() for x in cell.split("\n")]
    out = ""
    for ln in lines:
        if not ln:
            continue
        if out and LIST_START.match(ln):
            out += "\n" + ln
        elif (
            regex.search(r"(?:^|\s)[\d.,]+$", out)
            and regex.match(r"[\d%]", ln)
            and out[-1:].isdigit()
        ):
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


def assemble(pages_lines: list[list[Line]], tables) -> list[Block]:
    if not any(pages_lines):
        return []
    body = _body_size(pages_lines)
    left_margin = (
        statistics.median(ln.x0 for lines in pages_lines for ln in lines if abs(ln.size - body) < 1)
        if any(pages_lines)
        else 0
    )
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
                    blocks.append(
                        Block(
                            TABLE,
                            "\n".join(" | ".join(r) for r in rows),
                            page=page_no,
                            rows=rows,
                            row_pages=[page_no] * len(rows),
                        )
                    )
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
            open_para = Block(
                kind, ln.text, page=page_no, footnote_refs=list(ln.marks), page_end=page_no
            )
            m = LIST_START.match(ln.text)
            if kind == LIST_ITEM and m:
                open_para.label = m.group(0).strip()
            blocks.append(open_para)
            open_last_line = ln
        for idx, (bbox, rows) in enumerate(in_table):
            if idx not in placed_tables:
                blocks.append(
                    Block(
                        TABLE,
                        "\n".join(" | ".join(r) for r in rows),
                        page=page_no,
                        rows=rows,
                        row_pages=[page_no] * len(rows),
                    )
                )
        footnotes.extend(_footnote_blocks(foot_lines, footnotes, page_no))
    return merge_continued_tables(blocks) + footnotes


def merge_continued_tables(blocks: list[Block]) -> list[Block]:
    """A table that ends one page and goes on at the top of the next is one table: its
    repeated header rows are dropped, and a row cut by the page break (the part on the new
    page has no number and no first cell) is mended back into one row."""
    out: list[Block] = []
    for b in blocks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and b.kind == TABLE
            and prev.kind == TABLE
            and prev.rows
            and b.rows
            and b.page == (prev.row_pages or [prev.page])[-1] + 1
            and len(b.rows[0]) == len(prev.rows[-1])
            and _first_on_page(b, out)
        ):
            rows, pages = list(b.rows), list(b.row_pages or [b.page] * len(b.rows))
            head = _repeated_header(prev.rows, rows)
            rows, pages = rows[head:], pages[head:]
            if rows and _cut_row_rest(rows[0], prev.rows[-1]):
                prev.rows[-1] = [
                    (a + c if a and c and cut_inside_word(a, c) else f"{a} {c}").strip()
                    for a, c in zip(prev.rows[-1], rows[0])
                ]
                rows, pages = rows[1:], pages[1:]
            prev.rows.extend(rows)
            prev.row_pages = (prev.row_pages or [prev.page] * (len(prev.rows) - len(rows))) + pages
            prev.text = "\n".join(" | ".join(r) for r in prev.rows)
            prev.page_end = b.page
            continue
        out.append(b)
    return out


def _first_on_page(b: Block, before: list[Block]) -> bool:
    return (
        not before
        or (before[-1].row_pages or [before[-1].page])[-1] < b.page
        or before[-1].kind == TABLE
    )


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
    return (
        not row[0].strip()
        and any(c.strip() for c in row)
        and not any(regex.search(r"\d", c) for c in row)
    )


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
                label, text = m.group(1), text[m.end() :]
        if label is not None:
            out.append(Block(FOOTNOTE, text.strip(), page=page_no, label=label))
            last = label
        elif out:
            out[-1].text = _join(out[-1].text, text)
        elif previous:
            previous[-1].text = _join(
                previous[-1].text, text
            )  # a footnote running on from the last page
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
        if WRAPPED_DATE.search(ln.text) and regex.search(
            r"^\s*(?:năm\s+)?(?:19|20)\d{2}\b|tháng\s+\d{1,2}\s+năm\s+\d{4}", nxt
        ):
            end = i + 1  # the place line wrapped: "…, ngày 05 tháng 7 năm" / "2023"
            break
    if end is None or not any(MOTTO.search(ln.text) for ln in lines[: end + 1]):
        return None, lines
    # a Party header sets the number under the star, below the place and date
    for j in range(end + 1, min(end + 3, len(lines))):
        if NUMBER_LINE.match(lines[j].text.lstrip("* ")):
            end = j
            break
        if lines[j].text.strip() != "*":
            break
    page_mid = max(ln.x1 for ln in lines[: end + 1]) * 0.55
    left, right = [], []
    for ln in lines[: end + 1]:
        for x0, x1, text in ln.segments or [(ln.x0, ln.x1, ln.text)]:
            (left if x0 < page_mid and (x0 + x1) / 2 < page_mid else right).append(text)
    rows = [["\n".join(left), "\n".join(right)]]
    block = Block(
        TABLE,
        "\n".join(" | ".join(r) for r in rows),
        page=lines[0].page,
        rows=rows,
        row_pages=[lines[0].page],
    )
    return block, lines[end + 1 :]


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
    if (
        indented
        and same_page
        and _self_centered(ln, left_margin, body)
        and not SENTENCE_END.search(prev.text)
        and not ln.text.isupper()
        and not LIST_START.match(ln.text)
        and abs((prev.x0 + prev.x1) / 2 - (ln.x0 + ln.x1) / 2) < body * 3
        and ln.size == prev.size
    ):
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
        mid_sentence = not SENTENCE_END.search(prev.text) and (
            ln.text[:1].islower() or ln.text[:1].isdigit()
        )
        return not (mid_sentence or (full and not ln.text.isupper()))
    return False


RIGHT_EDGE = [0.0]  # the body's right margin, set per document by assemble


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
