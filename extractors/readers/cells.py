"""Table cells: text mended where a narrow cell or a page break cut it, and a table that a page
break cut in two made one again. Shared by the PDF reader (pdfplumber cells), the OCR reader
(cells read from the image) and the block assembly.
"""

from __future__ import annotations

from functools import cache

import catalog
from catalog.patterns import compiled
from extractors.readers.line import LIST_START
from model import TABLE, Block
from normalizers.text import fold, normalize_text


def table_block(rows: list[list[str]], page: int) -> Block:
    """A table block: its rows, each row on the page it is printed on."""
    return Block(
        TABLE,
        "\n".join(" | ".join(r) for r in rows),
        page=page,
        rows=rows,
        row_pages=[page] * len(rows),
    )


SYLLABLE = compiled(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?$"
)
FIGURE_END = compiled(r"[\d.,=+]$")
FIGURE_GOES_ON = compiled(r"[\d%(=+)]")
LETTERS_END = compiled(r"\p{L}+$")
LOWER_START = compiled(r"\p{Ll}+")
ENDS_IN_FIGURE = compiled(r"(?:^|\s)[\d.,]+$")
FIGURE_START = compiled(r"[\d%]")
DIGIT = compiled(r"\d")
LETTER = compiled(r"\p{L}")
WELL_FORMED = compiled(r"\d{1,3}(?:\.\d{3})+|\d{1,4}")
# a figure cell as the cut leaves it: `1.480`, `468/468`, `100,00`, `97%`
FIGURE_CELL = compiled(r"(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?%?")
PAIR_CELL = compiled(rf"{FIGURE_CELL.pattern}/{FIGURE_CELL.pattern}")
FIGURE_REST = compiled(r"[\d.,/]+")
DOTTED_RATE = compiled(r"\d{1,3}\.\d{2}%?")
CAPITAL_CONSONANTS_END = compiled(r"(?:^|\s)[BCDĐGHKLMNPQRSTVX]+$")
CAPITALS_START = compiled(r"^\p{Lu}+(?=[\s)]|$)")


def cut_inside_word(before: str, after: str) -> bool:
    """A cell line that ends without a space goes on inside the same figure (`4.3` / `09`) or
    the same syllable (`chu` / `yển`, `Tổn` / `g`): the two pieces make one syllable."""
    if FIGURE_END.search(before) and FIGURE_GOES_ON.match(after):
        return True
    if CAPITAL_CONSONANTS_END.search(before) and CAPITALS_START.match(after):
        return True  # an abbreviation: `BC` / `CI`
    left = LETTERS_END.search(before)
    right = LOWER_START.match(after)
    return bool(left and right and SYLLABLE.match(fold(left.group() + right.group()).lower()))


FINAL_FIRST_LETTER = compiled(
    r"(?i)\p{L}*[aeiouyàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ][nc]$"
)
FINAL_SECOND_LETTER = compiled(r"^[hg](?=\s|$)")
FINAL_CONSONANTS = compiled(r"(?i)^(?:c|ch|m|n|ng|nh|p|t)(?=\s|$)")
INITIAL_CONSONANTS = compiled(
    r"(?:^|\s)(?:[BCDĐGHKLMNPQRSTVX]?[bcdđghklmnpqrstvx]{0,2}|[bcdđghklmnpqrstvx])$"
)


def _syllable_cut(before: str, after: str) -> bool:
    """No Vietnamese syllable is consonants only: a line that ends or starts with such a
    fragment is a syllable the column was too narrow for."""
    if not before[-1:].isalpha() or not after[:1].isalpha():
        return False
    if CAPITAL_CONSONANTS_END.search(before) and CAPITALS_START.match(after):
        return True  # an abbreviation cut: `BC` / `CI` is `BCCI`, `TTH` / `C` is `TTHC`
    if FINAL_SECOND_LETTER.match(after) and FINAL_FIRST_LETTER.search(before):
        return True  # a final `nh`, `ng`, `ch` cut in two: `Thàn` / `h`, `Khôn` / `g`
    final = FINAL_CONSONANTS.match(after)
    if final:
        # `sá` / `ch` ends a syllable; `trước` / `ch` / `uyển` starts the next one
        left = LETTERS_END.search(before)
        return bool(left and SYLLABLE.match(fold(left.group() + final.group()).lower()))
    return bool(INITIAL_CONSONANTS.search(before)) and after[:1].islower()


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
        elif ENDS_IN_FIGURE.search(out) and FIGURE_START.match(ln) and out[-1:].isdigit():
            out += ln  # a figure wrapped in a narrow column: "2687" / "63" is 268763
        elif out and (_syllable_cut(out, ln) or cut_inside_word(out, ln)):
            out += ln  # a syllable cut by a narrow column: "Trướ" / "c hạn", "chuy" / "ển qua"
        else:
            out = f"{out} {ln}".strip()
    return out


HEADER_ZONE = 5  # the rows a table's header may take, that a new page may repeat


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
            and prev.page is not None  # pages are known (PDF)
            and b.page is not None
            and b.page == (prev.row_pages or [prev.page])[-1] + 1
            and len(b.rows[0]) == len(prev.rows[-1])
            and _first_on_page(b, out)
        ):
            rows, pages = list(b.rows), list(b.row_pages or [b.page] * len(b.rows))
            head = _repeated_header(prev.rows, rows)
            for i in range(head if head < len(rows) else 0):
                rows[head] = _without_header_tails(prev.rows[i], rows[i], rows[head])
            if head < len(rows) and _in_header(prev.rows, rows[head]):
                head += 1  # (the column numbers, once the header's slipped tail left them)
            rows, pages = rows[head:], pages[head:]
            if rows and _cut_row_rest(rows[0], prev.rows[-1]):
                prev.rows[-1] = [_mend(a, c) for a, c in zip(prev.rows[-1], rows[0])]
                rows, pages = rows[1:], pages[1:]
            prev.rows.extend(rows)
            prev.row_pages = (prev.row_pages or [prev.page] * (len(prev.rows) - len(rows))) + pages
            prev.text = "\n".join(" | ".join(r) for r in prev.rows)
            prev.page_end = b.page
            continue
        out.append(b)
    return out


def _first_on_page(b: Block, before: list[Block]) -> bool:
    if not before or before[-1].kind == TABLE:
        return True
    last = before[-1]
    last_page = last.row_pages[-1] if last.row_pages else last.page
    return last_page is not None and b.page is not None and last_page < b.page


def _repeated_header(rows: list[list[str]], cont: list[list[str]]) -> int:
    """How many of the continuation's first rows repeat the table's first rows (a cell whose
    last line slipped into the row below still repeats: `Tỷ lệ ... đúng hạn` for `Tỷ lệ ...
    đúng hạn (%)`)."""
    n = 0
    while n < len(cont) and n < len(rows) - 1 and _repeats(rows[n], cont[n]):
        n += 1
    while n < len(cont) and _in_header(rows, cont[n]):
        n += 1  # (header rows repeated out of step, or only the column numbers `1 | ... | 9`)
    return n


def _in_header(rows: list[list[str]], again: list[str]) -> bool:
    """A row repeats one of the table's header rows (its first few)."""
    return any(_repeats(h, again) for h in rows[: min(HEADER_ZONE, len(rows) - 1)])


def _repeats(row: list[str], again: list[str]) -> bool:
    """The header row again, whatever its narrow cells' lines broke differently (`ST T` on one
    page, `STT` on the next)."""
    if again == row:
        return True
    if len(again) != len(row) or not any(a.strip() for a in again):
        return False
    row, again = [_unspaced(c) for c in row], [_unspaced(c) for c in again]
    return all(a == r or (a and r.startswith(a)) for r, a in zip(row, again))


def _unspaced(cell: str) -> str:
    return "".join(cell.split())


def _without_header_tails(row: list[str], again: list[str], below: list[str]) -> list[str]:
    """The first row after a repeated header, without the header cells' slipped last lines
    (`(%) 99,97` under `Tỷ lệ ... đúng hạn` is `99,97`)."""
    out = list(below)
    for i, (r, a) in enumerate(zip(row, again)):
        tail = _tail_after(r, a)
        if tail and out[i].startswith(tail):
            out[i] = out[i][len(tail) :].strip()
        elif tail and out[i] and tail.startswith(out[i]):
            out[i] = ""  # only the first letters of the tail slipped (`đún` of `đúng hạn (%)`)
        elif tail and _opens_with_first_letters(out[i], tail):
            out[i] = out[i].split(maxsplit=1)[1]  # `hạ 10`: what slipped, then the row's own
    return out


def _opens_with_first_letters(cell: str, tail: str) -> bool:
    """The cell's first word is the tail's first letters, and more follows it (`hạ 10` under a
    repeated `Tỷ lệ trước hạn, đúng` whose tail `hạn (%)` was clipped to `hạ`)."""
    words = cell.split(maxsplit=1)
    return len(words) == 2 and LETTER.match(words[0]) is not None and tail.startswith(words[0])


def _tail_after(row: str, again: str) -> str:
    """What the header cell has beyond its repetition, spaces aside (`Kỳ trước chuyển sang`
    repeated as `Kỳ trước chu yển`: `sang`)."""
    wanted = _unspaced(again)
    if not wanted or wanted == _unspaced(row):
        return ""
    k = 0
    for j, ch in enumerate(row):
        if k == len(wanted):
            return row[j:].strip()
        if ch.isspace():
            continue
        if ch != wanted[k]:
            return ""
        k += 1
    return ""


def _cut_row_rest(row: list[str], above: list[str] | None = None) -> bool:
    """The lower part of a row cut by a page break, in columns where the cut row has text
    (a header row of its own, `Lượt | Người` under `Tiếp thường xuyên`, fills columns the row
    above left empty): either text only, with no first cell (STT); or the ends of the cut
    row's cells, some left empty, every figure finishing a figure above into a well-formed
    one (`1.91` / `5` is `1.915`, `1` / `3` is row 13)."""
    if above is not None and any(c.strip() and not a.strip() for c, a in zip(row, above)):
        return False
    if not any(c.strip() for c in row) or _totals(row):
        return False  # `| Cộng | 44 | 134 |` alone on the next page: the total row
    if not row[0].strip() and not any(DIGIT.search(c) for c in row):
        return True
    if above is None or not any(a.strip() and not c.strip() for c, a in zip(row, above)):
        return False
    if _next_row_number(above[0], row[0]):
        return False  # `3 | ... | 173` then `4 | ... | 208`: the next row, not the cut one's rest
    figures = [
        (a.strip(), c.strip())
        for c, a in zip(row, above)
        if DIGIT.search(c) and not (LETTER.search(a) and LETTER.search(c))  # text goes on
    ]
    return bool(figures) and all(_finishes(a, c) for a, c in figures)


@cache
def _total_labels() -> frozenset[str]:
    return frozenset(fold(w) for w in catalog.words("table_headers.toml", "rows", "total"))


def _totals(row: list[str]) -> bool:
    """The row's label is a total's (`Cộng`, `Tổng số`): a row, never a cut row's rest."""
    return any(fold(c).strip() in _total_labels() for c in row[:3])


def _next_row_number(above: str, first: str) -> bool:
    """The first cell numbers the row after the one above (`3` then `4`, `II` then `III` is
    left to the figures)."""
    a, c = above.strip(), first.strip()
    return a.isdigit() and c.isdigit() and int(c) == int(a) + 1


def _mend(above: str, rest: str) -> str:
    """A cell cut by the page break, mended: a word or figure cut inside goes on without a
    space (`1.4` + `80`, `100` + `,00`), the next word after one."""
    a, c = above.strip(), rest.strip()
    if a and c and (cut_inside_word(a, c) or _finishes(a, c)):
        return a + c
    return f"{a} {c}".strip()


def _finishes(above: str, rest: str) -> bool:
    """The rest finishes the figure above into a well-formed one: `1.4` + `80`, `468/46` +
    `8`, `100` + `,00`, `97,` + `30`."""
    joined = above + rest
    if not FIGURE_REST.fullmatch(rest) or not above.rstrip(",.")[-1:].isdigit():
        return False
    if rest.isdigit() and WELL_FORMED.fullmatch(joined):
        return True
    # (`99.0` + `1`: a rate some clerks write with a decimal point, 99.01)
    dotted_rate = DOTTED_RATE.fullmatch(joined) and not WELL_FORMED.fullmatch(above)
    return bool(FIGURE_CELL.fullmatch(joined) or PAIR_CELL.fullmatch(joined) or dotted_rate)
