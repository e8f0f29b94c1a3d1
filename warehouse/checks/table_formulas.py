"""Column formulas official form tables print under their headers: `1 | 2 | 3=4+5 | 4 | 5`.

The row of column numbers names each column by its printed number; a cell written as a
formula (`(3)=(4)+(5)`, `6=3-5`) states that, in every data row, that column equals the sum
(or difference) of the others. The checks can test those relations cell by cell, metric or
not: `table_formulas(doc)` gives them per table, `formula_mismatches(doc, facts)` the rows
that break them, with the metric of the whole column when the table finder read one.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from catalog.patterns import compiled
from model import TABLE, Block, Document, Fact
from normalizers.numbers import is_zero_word, parse_number

COLUMN_NUMBER = compiled(r"^\s*\(?\s*(\d{1,2})\s*\)?")
FORMULA = compiled(
    r"^\s*\(?\s*(\d{1,2})\s*\)?\s*=\s*(\(?\s*\d{1,2}\s*\)?(?:\s*[-+]\s*\(?\s*\d{1,2}\s*\)?)+)\s*$"
)
TERM = compiled(r"([-+]?)\s*\(?\s*(\d{1,2})\s*\)?")
NUMBER_ROW_CELL = compiled(
    r"^\s*\(?\s*\d{1,2}\s*\)?(?:\s*[-+=]\s*\(?\s*\d{1,2}\s*\)?)*\s*$"
    r"|^\s*\(?[A-EĐ]\)?\s*$"
)  # letters number the label columns


@dataclass(frozen=True)
class ColumnFormula:
    """`whole` = sum of sign*column over `terms`, in every data row of table `table`.

    `table` is the prefix of the table's row groups (`t{block index}`): the fact group of
    row r is f"{table}r{r}". Columns are grid positions (Fact.col), not printed numbers.
    """

    table: str
    block_index: int
    whole: int
    terms: tuple[tuple[int, int], ...]  # (column, +1 | -1)
    text: str  # as printed, e.g. "3=4+5"
    first_data_row: int


@dataclass(frozen=True)
class FormulaMismatch:
    formula: ColumnFormula
    row: int
    whole_value: float
    parts_value: float
    metric: str | None  # the whole column's metric, when the table finder read one
    evidence: str
    page: int | None


def _is_number_row(row: list[str]) -> bool:
    filled = [c for c in row if c.strip()]
    return len(filled) >= 2 and all(NUMBER_ROW_CELL.match(c) for c in filled)


def column_formulas(block: Block) -> list[ColumnFormula]:
    """The formulas of one table's column-number row (none when it prints plain numbers)."""
    rows = block.rows or []
    for r, row in enumerate(rows[:6]):
        if not _is_number_row(row) or not any("=" in c for c in row):
            continue
        printed = {
            int(m.group(1)): c for c, cell in enumerate(row) if (m := COLUMN_NUMBER.match(cell))
        }
        out = []
        for c, cell in enumerate(row):
            m = FORMULA.match(cell)
            if not m:
                continue
            terms = []
            for t in TERM.finditer(m.group(2)):
                col = printed.get(int(t.group(2)))
                if col is None:
                    break
                terms.append((col, -1 if t.group(1) == "-" else 1))
            else:
                out.append(
                    ColumnFormula(
                        f"t{block.index}",
                        block.index,
                        c,
                        tuple(terms),
                        regex.sub(r"\s+", "", cell),
                        r + 1,
                    )
                )
        return out
    return []


def table_formulas(doc: Document) -> dict[str, list[ColumnFormula]]:
    """Every table's column formulas, keyed by the table's group prefix `t{block index}`."""
    out = {}
    for block in doc.blocks:
        if block.kind == TABLE and block.rows:
            formulas = column_formulas(block)
            if formulas:
                out[f"t{block.index}"] = formulas
    return out


def _cell_value(cell: str) -> float | None:
    cell = (cell or "").strip()
    if not cell or cell in "-–—":
        return 0.0 if cell else None
    if is_zero_word(cell):
        return 0.0
    parsed = parse_number(cell)
    return parsed.value if parsed.ok else None


def formula_mismatches(doc: Document, facts: list[Fact] | None = None) -> list[FormulaMismatch]:
    """Data rows where a printed column formula does not hold (empty and dash cells count 0;
    a row whose whole cell is empty or unreadable is not tested)."""
    by_cell = {(f.block_index, f.row, f.col): f.metric for f in facts or [] if f.source == "table"}
    out = []
    for block in doc.blocks:
        if block.kind != TABLE or not block.rows:
            continue
        for formula in column_formulas(block):
            for r in range(formula.first_data_row, len(block.rows)):
                row = block.rows[r]
                if formula.whole >= len(row):
                    continue
                whole = _cell_value(row[formula.whole])
                if whole is None or not row[formula.whole].strip():
                    continue
                values = [
                    (_cell_value(row[c]) if c < len(row) else None, sign)
                    for c, sign in formula.terms
                ]
                if any(
                    v is None and c < len(row) and row[c].strip()
                    for (v, _), (c, _) in zip(values, formula.terms)
                ):
                    continue  # an unreadable part: the malformed-number check reports it
                parts = sum((v or 0.0) * sign for v, sign in values)
                if abs(parts - whole) > 1e-6:
                    page = (
                        block.row_pages[r]
                        if block.row_pages and r < len(block.row_pages)
                        else block.page
                    )
                    out.append(
                        FormulaMismatch(
                            formula,
                            r,
                            whole,
                            parts,
                            by_cell.get((block.index, r, formula.whole)),
                            " | ".join(c for c in row if c.strip()),
                            page,
                        )
                    )
    return out
