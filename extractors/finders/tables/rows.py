"""The rows of a table below its headers, with their hierarchy.

A row has a number (`I`, `1`, `1.1`, `a`, a dash), a label, a level and a parent: `1.1` and
`- Trong đó: hòa giải thành` break down the row above them; `I. Tiếp công dân` (a group row
without values, often bold) heads the rows below it; `Tổng cộng`, `Toàn huyện` total the
rows; `Cộng cấp xã` totals one group (a subtotal).
"""

from __future__ import annotations

from dataclasses import dataclass

import catalog
from catalog.patterns import compiled
from extractors.finders.tables.columns import LABEL, NUMBER, VALUE, Column, column_of
from extractors.finders.tables.grid import Grid, is_value_cell
from extractors.finders.tables.vocabulary import words
from normalizers.text import LIST_LETTERS, fold

TRAILING_PARENTHESIS = compiled(r"\s*\([^()]*\)\s*$")

DATA, GROUP, TOTAL, SUBTOTAL, EMPTY = "data", "group", "total", "subtotal", "empty"
LEADING_NUMBER = compiled(
    rf"^\s*((?:[IVX]+|\d+(?:\.\d+)*|[{LIST_LETTERS}{LIST_LETTERS.upper()}])\s*[.)\-–:]|[-–+•*])\s*"
)
ROMAN = compiled(r"^[IVX]+$")
WORDS = compiled(r"\p{L}{2,}\s+\p{L}{2,}")  # two words: no row number
ARABIC = compiled(r"^\d+(?:\.\d+)*$")


@dataclass
class Row:
    index: int
    cells: list[str]
    number: str | None
    label: str
    level: int
    kind: str
    sub: bool = False
    parent: Row | None = None

    def ancestors(self) -> list[Row]:
        out, row = [], self.parent
        while row is not None:
            out.append(row)
            row = row.parent
        return out


def read_rows(grid: Grid, n_header: int, columns: list[Column]) -> list[Row]:
    label_col = column_of(columns, LABEL)
    number_col = column_of(columns, NUMBER)
    value_cols = [c.index for c in columns if c.role == VALUE]
    rows: list[Row] = []
    stack: list[Row] = []
    for r in range(n_header, len(grid.rows)):
        row = _row(grid, r, label_col, number_col, value_cols)
        if row.kind == EMPTY:
            continue
        if row.number is None and row.kind == DATA and stack and stack[-1].kind == GROUP:
            row.level = max(row.level, stack[-1].level + 1)  # an unnumbered row under a heading
        while stack and stack[-1].level >= row.level:
            stack.pop()
        row.parent = stack[-1] if stack else None
        if row.kind in (GROUP, DATA):
            stack.append(row)
        rows.append(row)
    return rows


def _row(grid: Grid, r: int, label_col, number_col, value_cols: list[int]) -> Row:
    cells = grid.rows[r]
    raw = cells[label_col.index] if label_col else _lone_text(cells)
    raw = " ".join(raw.split())
    number = _squeezed(cells[number_col.index].strip(" .")) if number_col else ""
    if number and not raw and (WORDS.search(number) or total_of(number) is not None):
        # `Tổng cộng` merged across the STT and label columns, or `Cộng` in the STT column with
        # the label cell left empty: the label, not a row number
        raw, number = number, ""
    m = LEADING_NUMBER.match(raw)
    if m:
        number = number or m.group(1).strip(" .)-–:")
        marker = m.group(1).strip()
        label = raw[m.end() :].strip()
        if marker in "-–+•*":
            number = marker
    else:
        label = raw
    label, sub = _without_sub_lead(label)
    has_value = any(is_value_cell(cells[c]) for c in value_cols)
    kind = _kind(label, has_value, any(cells), grid.is_bold(r))
    if number in ("-", "–", "+", "•", "*"):
        sub = True
    level = _level(number or None, sub, kind, grid.is_bold(r))
    return Row(r, cells, number or None, label, level, kind, sub)


def _lone_text(cells: list[str]) -> str:
    """Without a label column, a row whose one filled cell is text heads the rows below."""
    filled = [c for c in cells if c]
    return filled[0] if len(filled) == 1 and not is_value_cell(filled[0]) else ""


def _without_sub_lead(label: str) -> tuple[str, bool]:
    """`Trong đó: hòa giải thành` → (`hòa giải thành`, True)."""
    folded = fold(label)
    for lead in words("rows", "sub"):
        f = fold(lead)
        if folded.startswith(f) and (len(folded) == len(f) or not folded[len(f)].isalpha()):
            return label[len(lead) :].lstrip(" :,-–"), True
    return label, False


def _kind(label: str, has_value: bool, any_filled: bool, bold: bool) -> str:
    if not any_filled:
        return EMPTY
    total = total_of(label)
    if total is not None:
        return TOTAL if total == "" else SUBTOTAL
    if not has_value:
        return GROUP if label else EMPTY
    return DATA


def total_of(label: str) -> str | None:
    """'' for a row that totals the table (`Tổng cộng`, `Toàn huyện`), the group's name for a
    subtotal (`Cộng cấp xã` → `cấp xã`), None for any other row. Compared with their tones:
    `Cộng` totals, `Công tác` does not."""
    lowered = " ".join(label.lower().split()).strip(" .:")
    lowered = TRAILING_PARENTHESIS.sub("", lowered)
    for word in sorted(words("rows", "total"), key=len, reverse=True):
        if lowered == word:
            return ""
        if lowered.startswith(word + " "):
            rest = label.strip()[len(word) :].strip(" :")
            if total_of(rest) == "":
                return ""  # `Tổng số toàn tỉnh`, `Tổng cộng toàn huyện`
            if word in words("rows", "scoped_totals"):
                return rest
    return None


SPACED_NUMBER = compiled(r"^(?:[IVX]+(?:\s+[IVX]+)+|\d+(?:\s*\.\s*\d+)+)$")


def _squeezed(number: str) -> str:
    """A row number a narrow PDF cell wrapped or spaced (`II I`, `1. 2`): `III`, `1.2`."""
    return number.replace(" ", "") if SPACED_NUMBER.match(number) else number


def _level(number: str | None, sub: bool, kind: str, bold: bool) -> int:
    if kind in (TOTAL, SUBTOTAL):
        return 0
    if number is None:
        return 1 if kind == GROUP and bold else (4 if sub else 2)
    if ROMAN.match(number) or number.isupper() and len(number) == 1:
        return 1
    if ARABIC.match(number):
        return 1 + number.count(".") + 1
    if len(number) == 1 and number.isalpha():
        return 3
    return 4


def names_a_unit(label: str) -> bool:
    """A label that names a unit (`Xã Ea Phê`, `Thị xã Phú Mỹ`, `Sở Tư pháp`, `Cấp huyện`)."""
    lowered = " ".join(label.lower().split())  # with its tones: `Số lượt` is no `Sở`
    return any(
        lowered == w.lower() or lowered.startswith(w.lower() + " ")
        for w in words("names", "unit_starts")
    )


def scope_of_label(label: str) -> str | None:
    """A row's or column's label as a scope: a level of government in lower case (`Cấp huyện`
    is `cấp huyện`, as the prose scopes its levels), any other label as written."""
    text = " ".join(label.split())[:120]
    levels = {w.lower() for w in catalog.table("prose.toml", "scopes", "level_lead")["levels"]}
    return text.lower() if text.lower() in levels else text or None
