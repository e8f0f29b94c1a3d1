"""How every sheet of the workbook is laid out: header, safe cells, filters, print setup.

Every sheet gets a frozen header row, an autofilter, wrapped long text with row heights that
fit it (so nothing overlaps in print) and an A4 landscape page that fits the width. Text is
never written as a formula.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from openpyxl.cell.cell import ERROR_CODES
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins

from warehouse.exports.cells import clean_text, is_formula_like
from warehouse.exports.layout import Column

BOLD = Font(bold=True)
THIN = Side(style="thin", color="BFBFBF")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
LINE_HEIGHT = 13.0  # points per line of 11-point text
MAX_ROW_HEIGHT = 409.0  # Excel's limit
FILLS = {
    "text": None,
    "head": "DDEBF7",
    "head_edit": "FFE699",
    "edit": "FFF9E5",
    "error": "F8CBAD",
    "warning": "FFF2CC",
    "subtotal": "EDEDED",
    "conflict": "F4B183",
    "corrected": "C6EFCE",
}

EDIT_HINT = "Cột này được sửa: ghi vào đây rồi chạy `make apply` để lưu vào kho dữ liệu."


def style_name(kind: str, wrap: bool = False) -> str:
    """The named style of a cell kind (text, edit, error, ...), wrapped or not."""
    return f"vb_{kind}_wrap" if wrap else f"vb_{kind}"


def add_styles(wb) -> None:
    """Named styles for every kind of cell: one lookup per cell instead of four (fast)."""
    from openpyxl.styles import NamedStyle

    for kind, color in FILLS.items():
        for wrap in (False, True):
            head = kind.startswith("head")
            style = NamedStyle(
                name=style_name(kind, wrap),
                font=Font(bold=head or kind == "subtotal"),
                border=GRID,
                alignment=Alignment(wrap_text=wrap or head, vertical="center" if head else "top"),
            )
            if color:
                style.fill = PatternFill("solid", fgColor=color)
            wb.add_named_style(style)


def put(ws, row: int, col: int, value):
    """Write one cell; text is cleaned and always stays text (never a formula)."""
    if isinstance(value, str):
        value = clean_text(value)
    cell = ws.cell(row=row, column=col, value=value)
    if isinstance(value, str) and (is_formula_like(value) or value in ERROR_CODES):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def write_table(
    ws,
    columns: Sequence[Column],
    records: Sequence[dict],
    *,
    freeze: str = "B2",
    number_format: Callable[[dict, Column], str | None] | None = None,
    row_kind: Callable[[dict], str] | None = None,
) -> None:
    """Header row, one row per record (values by column name), and the sheet's setup.

    `row_kind` names a record's style (text, error, warning, subtotal); editable columns
    always look editable, hidden key columns get no style.
    """
    for j, col in enumerate(columns, start=1):
        cell = put(ws, 1, j, col.header)
        cell.style = style_name("head_edit" if col.editable else "head")
        if col.editable:
            cell.comment = Comment(EDIT_HINT, "report")
    for i, record in enumerate(records, start=2):
        kind = row_kind(record) if row_kind else "text"
        for j, col in enumerate(columns, start=1):
            cell = put(ws, i, j, record.get(col.name))
            if col.hidden:
                continue
            cell.style = style_name("edit" if col.editable else kind, col.wrap)
            fmt = number_format(record, col) if number_format else None
            if fmt:
                cell.number_format = fmt
        ws.row_dimensions[i].height = row_height(columns, record)
    finish(ws, columns, len(records) + 1, freeze)
    ws.row_dimensions[1].height = row_height(
        columns, {c.name: c.header for c in columns}, all_wrap=True
    )


def mark(cell, kind: str) -> None:
    """Restyle one cell (a conflict, a corrected value), keeping its number format."""
    fmt = cell.number_format
    cell.style = style_name(kind)
    cell.number_format = fmt


def row_height(columns: Sequence[Column], record: dict, all_wrap: bool = False) -> float:
    """Points a row needs so its wrapped text shows whole (Excel does not size rows itself)."""
    lines = 1
    for col in columns:
        value = record.get(col.name)
        if col.hidden or not (col.wrap or all_wrap) or not isinstance(value, str):
            continue
        per_line = max(1.0, col.width * 0.9)
        need = sum(max(1, math.ceil(len(part) / per_line)) for part in value.split("\n"))
        lines = max(lines, need)
    return min(MAX_ROW_HEIGHT, LINE_HEIGHT * lines + 4)


def finish(ws, columns: Sequence[Column], last_row: int, freeze: str) -> None:
    """Widths, hidden key columns, autofilter, frozen header and A4 landscape print."""
    for j, col in enumerate(columns, start=1):
        dim = ws.column_dimensions[get_column_letter(j)]
        dim.width = col.width
        dim.hidden = col.hidden
    last_visible = max(j for j, c in enumerate(columns, start=1) if not c.hidden)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(last_row, 1)}"
    ws.freeze_panes = freeze
    ws.print_title_rows = "1:1"
    ws.print_area = f"A1:{get_column_letter(last_visible)}{max(last_row, 1)}"
    print_a4_landscape(ws)


def print_a4_landscape(ws) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    ws.oddFooter.center.text = "Trang &P / &N"


def number_format_of(unit: str | None, kind: str | None, value, decimals: int | None) -> str:
    """Excel format of a figure: percentages as real percentages, counts with thousands."""
    if unit == "%" or kind == "rate":
        d = 2 if decimals is None else min(decimals, 4)
        return "0" + ("." + "0" * d if d else "") + "%"
    if isinstance(value, float) and not value.is_integer():
        return "#,##0.00"
    return "#,##0"


def as_cell_value(value, unit: str | None, kind: str | None = None):
    """The number a cell holds: percent points become a fraction (94.89 -> 0.9489)."""
    if value is None:
        return None
    if unit == "%" or kind == "rate":
        return round(value / 100, 10)
    return value
