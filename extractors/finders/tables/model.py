"""The table model every table reading starts from: grid, header paths, column roles and
row hierarchy, built the same way for DOCX and PDF tables."""

from __future__ import annotations

from dataclasses import dataclass

from extractors.finders.tables.columns import (
    LABEL,
    NOTE,
    UNIT,
    Column,
    classify_columns,
    column_of,
    value_columns,
)
from extractors.finders.tables.grid import Grid, build_grid, column_paths, header_row_count
from extractors.finders.tables.rows import Row, read_rows
from model import Block


@dataclass
class Table:
    block: Block
    grid: Grid
    n_header: int
    columns: list[Column]
    rows: list[Row]
    caption: str
    themes: str = ""  # the document's title (folded): `with` groups of `title_with` rules

    @property
    def label_column(self) -> Column | None:
        return column_of(self.columns, LABEL)

    @property
    def unit_column(self) -> Column | None:
        return column_of(self.columns, UNIT)

    @property
    def note_column(self) -> Column | None:
        return column_of(self.columns, NOTE)

    @property
    def values(self) -> list[Column]:
        return value_columns(self.columns)

    def page_of(self, row: Row) -> int | None:
        pages = self.block.row_pages
        return pages[row.index] if pages and row.index < len(pages) else self.block.page

    def evidence(self, row: Row) -> str:
        """The row as printed, its cells joined by ` | `."""
        return " | ".join(c.replace("\n", " ") for c in row.cells if c)


def build_table(block: Block, caption: str, doc_period: str | None) -> Table:
    grid = build_grid(block)
    n_header = header_row_count(grid)
    paths = column_paths(grid, n_header)
    columns = classify_columns(grid, n_header, paths, doc_period)
    rows = read_rows(grid, n_header, columns)
    return Table(block, grid, n_header, columns, rows, caption)
