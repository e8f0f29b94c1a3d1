"""The consolidated tables as the appendix of an official report, from the Word template
catalog/templates/tong_hop_phu_luc.docx (tools/make_consolidation_template.py writes it).

The title block's placeholders are filled (the report's number and date are left for the
clerk, as dots), then one part per form: its heading and its table, whose two header rows
repeat on every page. Flagged figures are shaded and carry the flag's message as a Word
comment; units with no report are in italics; the units that have not reported are listed
after the tables.
"""

from __future__ import annotations

from pathlib import Path

import catalog
from warehouse.consolidate.excel import BOLD_ROWS, FILLS
from warehouse.consolidate.table import Consolidation, Row, Sheet

TEMPLATE = "tong_hop_phu_luc.docx"
PARTS = ("I", "II", "III", "IV", "V", "VI")


def vn_number(value: float | None, rate: bool = False) -> str:
    """1234 -> "1.234"; 85.714 -> "85,71" (Vietnamese grouping and decimal comma)."""
    if value is None:
        return ""
    text = f"{value:,.2f}" if rate else f"{value:,.0f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def write_document(c: Consolidation, path: Path) -> Path:
    import docx

    d = docx.Document(str(catalog.template(TEMPLATE)))
    form = catalog.consolidation()
    fill = {
        "{{PHU_LUC}}": form["appendix"],
        "{{TIEU_DE}}": form["title"].format(period_label=c.period_label).upper(),
        "{{KEM_THEO}}": form["attached"].format(unit=c.unit_name),
    }
    body = None
    for p in d.paragraphs:
        key = p.text.strip()
        if key in fill:
            _set_text(p, fill[key])
        elif key == "{{NOI_DUNG}}":
            body = p
    if body is not None:
        parent = body._element.getparent()
        if parent is not None:  # a paragraph of the document always has one
            parent.remove(body._element)
    for i, sheet in enumerate(c.sheets):
        heading = d.add_paragraph()
        heading.paragraph_format.page_break_before = i > 0  # each form on pages of its own
        heading.add_run(f"{PARTS[i]}. {sheet.title.upper()}").bold = True
        _table(d, sheet)
    if c.missing:
        p = d.add_paragraph()
        p.add_run(f"Các đơn vị chưa báo cáo ({len(c.missing)}): ").bold = True
        p.add_run("; ".join(c.missing) + ".")
    d.save(str(path))
    return path


def _set_text(paragraph, text: str) -> None:
    runs = paragraph.runs
    runs[0].text = text
    for run in runs[1:]:
        run.text = ""


def _table(d, sheet: Sheet) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Cm

    ncols = len(sheet.columns) + 3
    table = d.add_table(rows=2, cols=ncols)
    table.style = d.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _header_rows(table, sheet)
    for row in sheet.rows:
        _data_row(d, table, row, sheet)
    number_width = (26.7 - 1.0 - 4.4 - 3.2) / len(sheet.columns)
    widths = [1.0, 4.4] + [number_width] * len(sheet.columns) + [3.2]
    table.autofit = False
    _narrow_margins(table)
    for column, w in zip(table.columns, widths):
        column.width = Cm(w)  # the grid LibreOffice and Word lay the table out by
    for r in table.rows:
        for cell, w in zip(r.cells, widths):
            cell.width = Cm(w)


def _header_rows(table, sheet: Sheet) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement

    top, low = table.rows[0].cells, table.rows[1].cells
    ncols = len(sheet.columns) + 3
    form = catalog.consolidation()
    for col, text in ((0, form["stt"]), (1, form["unit"]), (ncols - 1, form["source"])):
        top[col].merge(low[col]).text = text
    start = 0
    for i in range(1, len(sheet.columns) + 1):
        if i < len(sheet.columns) and sheet.columns[i].group == sheet.columns[start].group:
            continue
        merged = top[start + 2].merge(top[i + 1]) if i - 1 > start else top[start + 2]
        merged.text = sheet.columns[start].group
        start = i
    for i, column in enumerate(sheet.columns):
        low[i + 2].text = column.header
    for row in table.rows[:2]:
        row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))  # repeated on every page
        for cell in row.cells:
            for p in cell.paragraphs:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                for run in p.runs:
                    run.bold = True
            _shade(cell, FILLS["head"])


def _data_row(d, table, row: Row, sheet: Sheet) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    cells = table.add_row().cells
    bold, italic = row.kind in BOLD_ROWS, row.kind == "missing"
    texts = [row.stt, ("   " * row.depth) + row.label]
    texts += [vn_number(row.values.get(c.key), c.kind != "count") for c in sheet.columns]
    texts.append(row.source)
    for i, (cell, text) in enumerate(zip(cells, texts)):
        run = cell.paragraphs[0].add_run(text)
        run.bold, run.italic = bold, italic
        if 2 <= i < len(texts) - 1:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            flags = row.flags.get(sheet.columns[i - 2].key)
            if flags and text:
                severity = "error" if any(s == "error" for s, _ in flags) else "warning"
                _shade(cell, FILLS[severity])
                d.add_comment(run, "\n".join(m for _, m in flags), "Kho số liệu", "KSL")
        elif bold:
            _shade(cell, FILLS["sum"])


def _narrow_margins(table) -> None:
    """Cell margins of 0.05 cm left and right, so a number column of 1.3 cm holds "1.234,56"."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), "28")  # twentieths of a point: 28 = 0.05 cm
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    table._tbl.tblPr.append(margins)


def _shade(cell, color: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), color)
    cell._tc.get_or_add_tcPr().append(shading)
