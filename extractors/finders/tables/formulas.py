"""Column formulas official forms print under their headers: `1 | 2 | 3=4+5 | 4 | 5`.

The row of column numbers names each column by its printed number; a cell written as a
formula (`(3)=(4)+(5)`, `6=3-5`) says that in every data row that column equals the sum (or
difference) of the others. Each row's cells then stand in a relation: the term cells are
linked as parts of the whole cell (`part_of`, complete, keyed by the formula; a subtracted
term's key ends in `|-`). A row is linked only when every printed term is a fact, so the
checks can test it from the facts alone.
"""

from __future__ import annotations

from dataclasses import dataclass

import catalog
from catalog.patterns import compiled
from extractors.finders.tables.grid import column_formula_row
from extractors.finders.tables.model import Table
from model import Fact

SPACES = compiled(r"\s+")

COLUMN_NUMBER = compiled(r"^\s*\(?\s*(\d{1,2})\s*\)?")
FORMULA = compiled(
    r"^\s*\(?\s*(\d{1,2})\s*\)?\s*=\s*(\(?\s*\d{1,2}\s*\)?(?:\s*[-+]\s*\(?\s*\d{1,2}\s*\)?)+)\s*$"
)
TERM = compiled(r"([-+]?)\s*\(?\s*(\d{1,2})\s*\)?")


@dataclass(frozen=True)
class ColumnFormula:
    whole: int  # grid column
    terms: tuple[tuple[int, int], ...]  # (grid column, +1 | -1)
    text: str  # as printed, `3=4+5`


def column_formulas(table: Table) -> list[ColumnFormula]:
    row = column_formula_row(table.grid, table.n_header)
    if row is None or not any("=" in c for c in row):
        return []
    row = [SPACES.sub("", cell) for cell in row]  # (`(7)=(8) +(9)+(1 0)` as a PDF cell reads)
    printed = {int(m.group(1)): c for c, cell in enumerate(row) if (m := COLUMN_NUMBER.match(cell))}
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
            out.append(ColumnFormula(c, tuple(terms), SPACES.sub("", cell)))
    return out


def link_formulas(facts: list[Fact], table: Table) -> None:
    """Link each data row's term cells to its whole cell, by the printed formulas; a cell of an
    `a/b` pair takes part by the side in the terms' unit (`(3)=(4)+(5)` over `lượt/người |
    lượt | lượt`: the visits)."""
    formulas = column_formulas(table)
    if not formulas:
        return
    by_cell: dict[tuple, list[Fact]] = {}
    for f in facts:
        if f.source == "table" and f.value is not None:
            by_cell.setdefault((f.row, f.col), []).append(f)
    for row in table.rows:
        for formula in formulas:
            wholes = by_cell.get((row.index, formula.whole), [])
            for whole in wholes:
                _link_row(whole, formula, row, by_cell, strict=len(wholes) > 1)


def _link_row(
    whole: Fact, formula: ColumnFormula, row, by_cell: dict[tuple, list[Fact]], strict: bool
) -> None:
    terms = [
        (_side(by_cell.get((row.index, c), []), whole.unit, strict), sign, row.cells[c])
        for c, sign in formula.terms
    ]
    if any(f is None and cell.strip() not in ("", "-", "–", "—") for f, _, cell in terms):
        return  # a printed term no finder read (in this unit): the relation cannot be tested
    if not _adds_up(whole, [f for f, _, _ in terms if f is not None]):
        return
    for f, sign, _ in terms:
        if f is not None:
            key = f"formula {formula.text}" + ("|-" if sign < 0 else "")
            f.link("part_of", whole, key, complete=True)


def _side(cell: list[Fact], unit: str | None, strict: bool) -> Fact | None:
    """The fact of a cell in the unit asked (its only fact when it holds one and the whole is
    no pair)."""
    if len(cell) == 1 and not strict:
        return cell[0]
    return next((f for f in cell if f.unit == unit), None)


def _adds_up(whole: Fact, terms: list[Fact]) -> bool:
    """A rate row adds no rates (`Tỷ lệ đúng hạn | 99,39 | 99,47 | ...`), and a stock adds no
    periods (`4 = 1+2+3` over `Tháng 01 | Tháng 02 | Tháng 03`: the quarter's carried-over
    dossiers are January's, not the sum of the months')."""
    if whole.unit == "%":
        return False
    stocks = catalog.toml("relations.toml")["stocks"]["metrics"]
    return whole.metric not in stocks or all(f.period == whole.period for f in terms)
