"""A table as a grid: which rows are headers, and each column's full header path.

Readers give cell texts on the table's grid, and, when the file says so (DOCX gridSpan and
vMerge), which positions a merged cell covers. A column's header path is every header cell
above it, top to bottom, a merged parent included once (`Số hồ sơ đã giải quyết` →
`Trước hạn, đúng hạn`). Without merge information an empty upper header cell takes the
parent on its left when the columns below it are children of one parent.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from catalog.patterns import compiled
from extractors.finders.tables.vocabulary import words
from model import Block
from normalizers.numbers import is_zero_word
from normalizers.text import COLUMN_LETTERS, LIST_LETTERS, fold

DIGITS_RUN = compiled(r"\d+")

DASHES = frozenset({"-", "–", "—"})
NUMERIC = compiled(r"^\s*[-+]?\s*\d[\d.,]*\s*%?\s*$")
RATIO = compiled(r"^\s*\d[\d.,]*\s*/\s*\d[\d.,]*\s*%?\s*$")
NUMBER_WITH_WORD = compiled(r"^\s*[-+]?\s*\d[\d.,]*\s*%?\s+\p{L}[\p{L} ]{0,24}$")
# `(3)=(4)+(5)`, `1=2+3`, `A`, `B`: the row that numbers the columns under the headers
# `(3)`, `(6)=(7)+(8)`, `(9)=(3)+(4)-(6)`, `(10)=(7)/(6)x100`: a column number or formula
FORMULA_CELL = compiled(
    r"^\s*\(?\s*\d+\s*\)?\s*([=+\-–*/x:]\s*\(?\s*\d+\s*\)?\s*)*(?:%|\(%\))?\s*$"
)
LETTER_CELL = compiled(rf"^\s*\(?[{COLUMN_LETTERS}]\)?\s*$")
# a row number standing alone: `I`, `II.`, `1`, `1.1`, `a)`
ENUMERATOR_ONLY = compiled(rf"^\s*(?:[IVX]+|\d+(?:\.\d+)*|[{LIST_LETTERS}])\s*[.)]?\s*$")
# `(hồ sơ)`, `(lượt)`, `(%)`: a header cell that states nothing but its column's unit
UNIT_ONLY_CELL = compiled(r"^\([^()\d]{1,24}\)$")
MAX_HEADER_ROWS = 4


@dataclass
class Grid:
    """Cell texts padded to one width, with merge and bold information from the reader."""

    rows: list[list[str]]
    width: int
    merged: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    bold: set[tuple[int, int]] = field(default_factory=set)
    merges_known: bool = False

    def cell(self, r: int, c: int) -> str:
        return self.rows[r][c]

    def origin(self, r: int, c: int) -> tuple[int, int]:
        """The position of the cell that covers (r, c): itself unless merged over."""
        return self.merged.get((r, c), (r, c))

    def is_bold(self, r: int) -> bool:
        """A row whose filled cells are all bold."""
        filled = [c for c in range(self.width) if self.rows[r][c]]
        return bool(filled) and all((r, c) in self.bold for c in filled)


def build_grid(block: Block) -> Grid:
    rows = [[(c or "").strip() for c in r] for r in block.rows or []]
    width = max((len(r) for r in rows), default=0)
    rows = [r + [""] * (width - len(r)) for r in rows]
    merged = dict(block.merged or {})
    return Grid(rows, width, merged, set(block.bold or ()), block.merged is not None)


def is_value_cell(text: str) -> bool:
    """A figure: a number, a percentage, `a/b`, a number with its unit word, `Không`."""
    t = text.strip()
    if not t:
        return False
    if NUMERIC.match(t) or RATIO.match(t) or NUMBER_WITH_WORD.match(t):
        return True
    return is_zero_word(t) and len(t) <= 8


def is_dash_cell(text: str) -> bool:
    """A lone dash in a figure's cell: nothing stated (labelling.md counts words and `0` as
    zeros, not dashes), but no text either: a column of dashes and figures is a figure column."""
    return text.strip() in DASHES


def is_column_number_row(cells: list[str]) -> bool:
    """`1 | 2 | 3=1+2` or `A | B | (1) | (2)` under the headers: consecutive column numbers
    (read without spaces: a PDF cell may break `(10)` as `(1 0)`)."""
    labels = words("layout", "column_number_labels")
    filled = ["".join(c.split()) for c in cells if c.strip()]
    if len(filled) > 2 and fold(" ".join(cells[:2]).strip()) in labels:
        filled = filled[1:]  # `MS | | 1=3+6 | ...`: the row's own label
    numeric = [c for c in filled if FORMULA_CELL.match(c)]
    letters = [c for c in filled if LETTER_CELL.match(c)]
    if not numeric or len(numeric) + len(letters) != len(filled):
        return False
    if any("=" in c or "+" in c for c in numeric):
        return True
    firsts = [int(m.group()) for c in numeric if (m := DIGITS_RUN.search(c))]
    return (
        len(firsts) >= 2
        and len(set(firsts)) == len(firsts)
        and min(firsts) >= 1
        and sorted(firsts) == list(range(min(firsts), min(firsts) + len(firsts)))
    )


def header_row_count(grid: Grid) -> int:
    """Leading rows that hold labels, not values; extended over header cells merged down."""
    n = 0
    for r, row in enumerate(grid.rows[:MAX_HEADER_ROWS]):
        filled = [c for c in row if c]
        if not filled:
            n += 1
            continue
        if n >= 1 and is_column_number_row(row):
            n += 1
            continue
        if _opens_data(row, filled, n):
            break
        n = r + 1
    n = _extend_over_vertical_merges(grid, n)
    if n < len(grid.rows) and n >= 1 and is_column_number_row(grid.rows[n]):
        n += 1
    return min(n, len(grid.rows))


def _opens_data(row: list[str], filled: list[str], n: int) -> bool:
    rest = filled[1:] if ENUMERATOR_ONLY.match(filled[0]) else filled
    values = [c for c in rest if is_value_cell(c)]
    if values and len(values) >= max(1, len(rest) // 2):
        return True
    if n >= 1 and ENUMERATOR_ONLY.match(filled[0]) and values:
        return True  # `1 | Số hồ sơ | Hồ sơ | 1.520 | Trước hạn 1.310; ...`: a note is no header
    if n >= 1 and ENUMERATOR_ONLY.match(filled[0]) and len(filled) <= len(row) - 1:
        return True  # `I | Tiếp công dân | | `: a numbered group row opens the data
    return n >= 1 and len(filled) == 1 and len(row) > 2  # a section row opens the data


def _extend_over_vertical_merges(grid: Grid, n: int) -> int:
    """A header cell merged down over the rows below it makes those rows header rows too."""
    if n == 0:
        return 0
    deepest = n
    for (r, c), (r0, _) in grid.merged.items():
        if r0 < n <= r and not is_value_cell(grid.cell(r0, c)):
            deepest = max(deepest, r + 1)
    return min(deepest, MAX_HEADER_ROWS)


def column_paths(grid: Grid, n_header: int) -> list[tuple[str, ...]]:
    """Each column's header cells top to bottom, repeated merged texts once."""
    label_rows = [r for r in range(n_header) if not is_column_number_row(grid.rows[r])]
    paths: list[list[str]] = [[] for _ in range(grid.width)]
    for i, r in enumerate(label_rows):
        texts = _row_header_texts(grid, r, label_rows[i + 1 :], paths)
        units = _is_units_row(grid, r)
        for c, text in enumerate(texts):
            if not text or (paths[c] and paths[c][-1] == text):
                continue
            if units and paths[c]:
                paths[c][-1] = f"{paths[c][-1]} {text}"  # `Tổng số` over `(hồ sơ)`: one header
            else:
                paths[c].append(text)
    return [tuple(p) for p in paths]


def _is_units_row(grid: Grid, r: int) -> bool:
    """A header row whose own cells only state units (`(hồ sơ)` under every column): no level
    of the header paths, each the unit of the header above it."""
    own = [
        text
        for c in range(grid.width)
        if grid.origin(r, c) == (r, c) and (text := grid.cell(r, c).strip())
    ]
    return len(own) >= 2 and all(UNIT_ONLY_CELL.match(t) for t in own)


def _row_header_texts(grid: Grid, r: int, lower: list[int], paths: list[list[str]]) -> list[str]:
    """The header text each column shows on row r: its own cell, the merged cell covering
    it, or (without merge information) a parent spanning from the left."""
    texts = []
    carried: tuple[str, int] | None = None
    for c in range(grid.width):
        r0, c0 = grid.origin(r, c)
        text = grid.cell(r0, c0)
        if text:
            carried = (text, c)
        elif carried and _spans_to(grid, lower, paths, carried[1], c):
            text = carried[0]
        else:
            carried = None
        texts.append(text)
    return texts


def _spans_to(grid: Grid, lower: list[int], paths: list[list[str]], left: int, c: int) -> bool:
    """An empty header cell right of a parent belongs to it when the column has header
    cells below it (children) and shares the parent's ancestors (files without merge marks
    leave the spanned cells empty)."""
    has_child = any(grid.cell(r, c) for r in lower)
    return has_child and paths[c] == paths[left]


def column_formula_row(grid: Grid, n_header: int) -> list[str] | None:
    """The printed column numbers or formulas under the headers, when the table has them."""
    for r in range(n_header):
        if is_column_number_row(grid.rows[r]):
            return grid.rows[r]
    return None


def is_row_numbering(cells: list[str]) -> bool:
    """A column of row numbers: `1, 2, 3`, `I, 1, 1.1, 2`, `a, b` (not a column of counts)."""
    if not cells or not all(ENUMERATOR_ONLY.match(c) for c in cells):
        return False
    if any(not c.strip(" .)").isdigit() for c in cells):
        return True  # roman, dotted or letter numbers
    ints = [int(c.strip(" .)")) for c in cells]
    steps = sum(1 for a, b in zip(ints, ints[1:]) if b in (a + 1, 1))
    return len(ints) >= 2 and ints[0] == 1 and steps >= (len(ints) - 1) * 0.8
