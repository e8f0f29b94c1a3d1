"""The consolidated tables as a workbook: one sheet per form, printable on A4 landscape.

Each sheet: the PHỤ LỤC title block, two header rows (the column groups over their columns,
repeated on every printed page), one row per table row; subtotal, total, stated and
difference rows in bold, units with no report in italics; a cell whose figure carries a flag
is filled (red for an error, yellow for a warning) and holds the flag's message as a comment.
Values are written as numbers, not formulas, so any reader sees what the warehouse computed.
"""

from __future__ import annotations

from pathlib import Path

import catalog
from warehouse.consolidate.table import Consolidation, Sheet

FONT = "Times New Roman"
FILLS = {"error": "F8CBAD", "warning": "FFF2CC", "head": "DDEBF7", "sum": "F2F2F2"}
HEADER_ROW = 5  # the group row; the column row follows; data from HEADER_ROW + 2
BOLD_ROWS = ("subtotal", "total", "stated", "difference")


def write_workbook(c: Consolidation, path: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.worksheets[0])  # a new workbook's one sheet
    for i, sheet in enumerate(c.sheets, start=1):
        _write_sheet(wb.create_sheet(sheet.tab[:31]), c, sheet, i)
    wb.save(path)
    return path


def _write_sheet(ws, c: Consolidation, sheet: Sheet, number: int) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    form = catalog.consolidation()
    last = len(sheet.columns) + 3
    title = f"{sheet.title} {c.period_label}".upper()
    block = [
        (f"{form['appendix']} {_roman(number)}", Font(name=FONT, size=13, bold=True)),
        (title, Font(name=FONT, size=13, bold=True)),
        (form["attached"].format(unit=c.unit_name), Font(name=FONT, size=13, italic=True)),
    ]
    for r, (text, font) in enumerate(block, start=1):
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=last)
        cell = ws.cell(r, 1, text)
        cell.font, cell.alignment = font, Alignment(horizontal="center", wrap_text=True)
    _header(ws, sheet, form)
    for r, row in enumerate(sheet.rows, start=HEADER_ROW + 2):
        _data_row(ws, r, row, sheet)
    widths = [6, 34] + [11] * len(sheet.columns) + [26]
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = ws.cell(HEADER_ROW + 2, 3)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW + 1}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True


def _header(ws, sheet: Sheet, form: dict) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    top, low = HEADER_ROW, HEADER_ROW + 1
    fixed = {1: form["stt"], 2: form["unit"], len(sheet.columns) + 3: form["source"]}
    for col, text in fixed.items():
        ws.merge_cells(start_row=top, start_column=col, end_row=low, end_column=col)
        ws.cell(top, col, text)
    start = 0
    for i, column in enumerate(sheet.columns + [None]):
        if column is not None and column.group == sheet.columns[start].group:
            ws.cell(low, i + 3, column.header)
            continue
        ws.cell(top, start + 3, sheet.columns[start].group)
        if i - 1 > start:
            ws.merge_cells(start_row=top, start_column=start + 3, end_row=top, end_column=i + 2)
        if column is not None:
            ws.cell(low, i + 3, column.header)
        start = i
    thin = Side(style="thin")
    for row in ws.iter_rows(min_row=top, max_row=low, max_col=len(sheet.columns) + 3):
        for cell in row:
            cell.font = Font(name=FONT, size=12, bold=True)
            cell.fill = PatternFill("solid", fgColor=FILLS["head"])
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws.row_dimensions[low].height = 48


def _data_row(ws, r: int, row, sheet: Sheet) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    bold, italic = row.kind in BOLD_ROWS, row.kind == "missing"
    last = len(sheet.columns) + 3
    flagged = {i for i, col in enumerate(sheet.columns, start=3) if row.flags.get(col.key)}
    ws.cell(r, 1, row.stt)
    ws.cell(r, 2, ("    " * row.depth) + row.label)
    for i, col in enumerate(sheet.columns, start=3):
        cell = ws.cell(r, i, row.values.get(col.key))
        cell.number_format = "0.00" if col.kind != "count" else "#,##0"
        flags = row.flags.get(col.key)
        if flags:
            severity = "error" if any(s == "error" for s, _ in flags) else "warning"
            cell.fill = PatternFill("solid", fgColor=FILLS[severity])
            text = "\n".join(m for _, m in flags)
            cell.comment = Comment(text, "Kho số liệu", width=320, height=110)
    ws.cell(r, last, row.source)
    thin = Side(style="thin")
    for cell in ws[r][:last]:
        cell.font = Font(name=FONT, size=12, bold=bold, italic=italic)
        cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        cell.alignment = Alignment(vertical="top", wrap_text=cell.column in (2, last))
        if bold and cell.column not in flagged:
            cell.fill = PatternFill("solid", fgColor=FILLS["sum"])


def _roman(n: int) -> str:
    return {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI"}.get(n, str(n))
