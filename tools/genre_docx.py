"""Write a parsed genre source (genre_rpt.RptDocument) as an official-looking .docx.

A4, margins of official documents (top/bottom 20 mm, left 30 mm, right 15 mm), Times New Roman
14 for the body and 13 for the header, tables and signature; the header and the signature
are borderless two-column tables, data tables have grid borders, merged cells (gridSpan /
vMerge) and repeated header rows; footnotes are real Word footnotes (a footnotes part added
by hand: python-docx has no API for them); pages are numbered at the top from page 2.

    build_docx(parse_rpt(src), Path("x.docx"))                  # Times New Roman
    build_docx(doc, Path("x_fb.docx"), family="Genre Latin1")   # every run in another family
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import genre_rpt as rpt
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_ALIGN_VERTICAL
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
BODY, SMALL = 14, 13
CENTER, LEFT, JUSTIFY = (
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.LEFT,
    WD_ALIGN_PARAGRAPH.JUSTIFY,
)
NUMERIC = re.compile(r"^[\d\s.,%+\-–()/]*\d[\d\s.,%+\-–()/]*$")
TBLPR_ORDER = (
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
    "tblCaption",
    "tblDescription",
)
CT_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
FOOTNOTES_XML = (
    f"<w:footnotes {W_NS}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
    'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p>'
    "</w:footnote>"
    "</w:footnotes>"
)


@dataclass
class Ctx:
    document: object
    family: str
    source: rpt.RptDocument
    footnotes: object = None  # the footnotes XmlPart, made at the first mark
    next_footnote: int = 1


def set_fonts(rpr, family: str) -> None:
    """Name the family for every script slot of a run or style (theme fonts dropped)."""
    fonts = rpr.get_or_add_rFonts()
    for key in list(fonts.attrib):
        if key.endswith("Theme") or key.endswith("theme"):
            del fonts.attrib[key]
    for slot in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{slot}"), family)


def style_run(run, ctx: Ctx, size: float, bold=False, italic=False, superscript=False) -> None:
    set_fonts(run._r.get_or_add_rPr(), ctx.family)
    run.font.size = Pt(size)
    run.font.bold = bold or None
    run.font.italic = italic or None
    run.font.superscript = superscript or None


def add_inline(par, text: str, ctx: Ctx, size: float, bold=False, italic=False) -> None:
    """Add the runs of a marked-up text: **bold** spans and footnote marks."""
    for piece in rpt.inline_runs(text):
        if piece.footnote:
            add_footnote_ref(par, ctx, piece.footnote, size)
        else:
            style_run(par.add_run(piece.text), ctx, size, bold or piece.bold, italic)


def footnotes_part(ctx: Ctx):
    if ctx.footnotes is None:
        part = ctx.document.part
        ctx.footnotes = XmlPart(
            PackURI("/word/footnotes.xml"), CT_FOOTNOTES, parse_xml(FOOTNOTES_XML), part.package
        )
        part.relate_to(ctx.footnotes, RT.FOOTNOTES)
    return ctx.footnotes


def add_footnote_ref(par, ctx: Ctx, label: str, size: float) -> None:
    """A superscript footnote mark in the text and the footnote's body in the footnotes part."""
    fid = ctx.next_footnote
    ctx.next_footnote += 1
    run = par.add_run()
    run._r.get_or_add_rPr().get_or_add_rStyle().set(qn("w:val"), "FootnoteReference")
    style_run(run, ctx, size, superscript=True)
    ref = OxmlElement("w:footnoteReference")
    ref.set(qn("w:id"), str(fid))
    run._r.append(ref)
    note = OxmlElement("w:footnote")
    note.set(qn("w:id"), str(fid))
    footnotes_part(ctx).element.append(note)
    body = Paragraph(OxmlElement("w:p"), None)
    note.append(body._p)
    body._p.get_or_add_pPr().get_or_add_pStyle().set(qn("w:val"), "FootnoteText")
    body.alignment = JUSTIFY
    body.paragraph_format.space_after = Pt(0)
    mark = body.add_run()
    mark._r.get_or_add_rPr().get_or_add_rStyle().set(qn("w:val"), "FootnoteReference")
    style_run(mark, ctx, 12, superscript=True)
    mark._r.append(OxmlElement("w:footnoteRef"))
    text = ctx.source.footnotes[label].replace("[^", "[")
    add_inline(body, " " + text, ctx, 12)


def set_page(section, landscape: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (
        (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    )
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)


def text_width(ctx: Ctx) -> int:
    section = ctx.document.sections[-1]
    return section.page_width - section.left_margin - section.right_margin


def add_page_numbers(ctx: Ctx) -> None:
    """Page number centred at the top, from the second page on (as official documents do)."""
    section = ctx.document.sections[0]
    section.different_first_page_header_footer = True
    par = section.header.paragraphs[0]
    par.alignment = CENTER
    field_el = OxmlElement("w:fldSimple")
    field_el.set(qn("w:instr"), "PAGE")
    par._p.append(field_el)
    run = par.add_run("1")
    style_run(run, ctx, SMALL)
    field_el.append(run._r)


def setup(source: rpt.RptDocument, family: str) -> Ctx:
    document = Document()
    document.core_properties.author = document.core_properties.comments = ""
    ctx = Ctx(document, family, source)
    styles = document.styles.element
    set_fonts(styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")), family)
    normal = document.styles["Normal"]
    set_fonts(normal.element.get_or_add_rPr(), family)
    normal.font.size = Pt(BODY)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    add_footnote_styles(document, family)
    set_page(document.sections[0], source.flag("landscape"))
    add_page_numbers(ctx)
    return ctx


def add_footnote_styles(document, family: str) -> None:
    """Word's built-in footnote styles; LibreOffice numbers the footnote area with them."""
    text = document.styles.add_style("footnote text", WD_STYLE_TYPE.PARAGRAPH)
    text.base_style = document.styles["Normal"]
    text.font.size = Pt(12)
    ref = document.styles.add_style("footnote reference", WD_STYLE_TYPE.CHARACTER)
    ref.font.superscript = True
    for style in (text, ref):
        style.element.set(qn("w:styleId"), style.name.title().replace(" ", ""))
        set_fonts(style.element.get_or_add_rPr(), family)


def paragraph(ctx: Ctx, align=JUSTIFY, indent=True, before=0, after=6):
    par = ctx.document.add_paragraph()
    par.alignment = align
    fmt = par.paragraph_format
    fmt.first_line_indent = Mm(10) if indent else None
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    return par


def insert_ordered(tbl_pr, xml: str) -> None:
    """Insert a table property where the schema's order puts it (Word rejects other orders)."""
    child = parse_xml(xml)
    rank = TBLPR_ORDER.index(child.tag.split("}")[1])
    later = [el for el in tbl_pr if el.tag.split("}")[1] in TBLPR_ORDER[rank + 1 :]]
    if later:
        later[0].addprevious(child)
    else:
        tbl_pr.append(child)


def table_props(table, width: int, widths: list[float], borders: bool, indent: int = 0) -> None:
    tbl_pr = table._tbl.tblPr
    for tag in ("w:tblStyle", "w:tblW", "w:tblInd", "w:tblBorders", "w:tblLayout"):
        for old in tbl_pr.findall(qn(tag)):
            tbl_pr.remove(old)
    edges = "".join(
        f'<w:{e} w:val="{"single" if borders else "nil"}" w:sz="4" w:space="0" w:color="auto"/>'
        for e in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    insert_ordered(tbl_pr, f'<w:tblW {W_NS} w:w="{int(width / 635)}" w:type="dxa"/>')
    insert_ordered(tbl_pr, f'<w:tblInd {W_NS} w:w="{int(indent / 635)}" w:type="dxa"/>')
    insert_ordered(tbl_pr, f"<w:tblBorders {W_NS}>{edges}</w:tblBorders>")
    insert_ordered(tbl_pr, f'<w:tblLayout {W_NS} w:type="fixed"/>')
    total = sum(widths)
    for j, col in enumerate(table.columns):
        col.width = int(width * widths[j] / total)
        for cell in col.cells:
            cell.width = col.width


def cell_text(cell, ctx: Ctx, text: str, size: float, align, bold=False, italic=False) -> None:
    par = cell.paragraphs[0]
    par.alignment = align
    par.paragraph_format.space_before = par.paragraph_format.space_after = Pt(1)
    add_inline(par, text, ctx, size, bold, italic)


def header_style(rows: list[tuple[str, str]], i: int, col: int) -> tuple[bool, bool, float]:
    """(bold, italic, size) of a header cell: issuer and motto bold, the date line italic."""
    num_row = next(
        (k for k, (left, _) in enumerate(rows) if left.lower().startswith("số")), len(rows)
    )
    text = rows[i][col]
    if col == 1:
        if "ngày" in text and "tháng" in text:
            return False, True, BODY
        return (i < num_row, False, BODY if text.startswith("Độc lập") else SMALL)
    issuers = [k for k in range(num_row) if rows[k][0]]
    if i < num_row:
        return (len(issuers) < 2 or i != issuers[0], False, SMALL)
    return False, False, SMALL if i == num_row else 12


def sign_style(rows: list[tuple[str, str]], i: int, col: int) -> tuple[bool, bool, float]:
    text = rows[i][col]
    if col == 0:
        return (True, True, 12) if text.startswith("Nơi nhận") else (False, False, 11)
    if text.startswith("(") and text.endswith(")"):
        return False, True, BODY
    return True, False, BODY


def render_pair(ctx: Ctx, block: rpt.Pair) -> None:
    table = ctx.document.add_table(rows=len(block.rows), cols=2)
    # as offices do, the two columns reach into the margins so the motto holds on one line
    shares = [40, 60] if block.kind == "header" else [45, 55]
    table_props(table, text_width(ctx) + Mm(14), shares, borders=False, indent=-Mm(8))
    style = header_style if block.kind == "header" else sign_style
    for i, row in enumerate(block.rows):
        for j, text in enumerate(row):
            bold, italic, size = style(block.rows, i, j)
            align = LEFT if block.kind == "sign" and j == 0 else CENTER
            cell_text(table.cell(i, j), ctx, text, size, align, bold, italic)
    paragraph(ctx, after=0)


def render_title(ctx: Ctx, block: rpt.Title) -> None:
    for k, line in enumerate(block.lines):
        last = k == len(block.lines) - 1
        par = paragraph(
            ctx, CENTER, indent=False, before=12 if k == 0 else 0, after=12 if last else 0
        )
        add_inline(par, line, ctx, BODY, bold=k == 0)


def render_data_table(ctx: Ctx, block: rpt.Table) -> None:
    table = ctx.document.add_table(rows=len(block.rows), cols=block.n_cols)
    widths = block.widths or [1.0] * block.n_cols
    table_props(table, text_width(ctx), widths, borders=True)
    for top, left, bottom, right in block.spans():
        table.cell(top, left).merge(table.cell(bottom, right))
    for i, row in enumerate(block.rows):
        head = i < block.header_rows
        if head and block.repeat_header:
            table.rows[i]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        for j, cell in enumerate(row):
            if cell.merge:
                continue
            target = table.cell(i, j)
            target.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
            align = CENTER if head or j == 0 or NUMERIC.match(cell.text) else LEFT
            cell_text(target, ctx, cell.text, SMALL, align, bold=head or cell.bold)
    paragraph(ctx, after=0)


def render_block(ctx: Ctx, block) -> None:
    if isinstance(block, rpt.Pair):
        render_pair(ctx, block)
    elif isinstance(block, rpt.Title):
        render_title(ctx, block)
    elif isinstance(block, rpt.Table):
        render_data_table(ctx, block)
    elif isinstance(block, rpt.Heading):
        par = paragraph(ctx, before=6)
        add_inline(par, block.text, ctx, BODY, bold=True, italic=block.level > 1)
    elif isinstance(block, rpt.Para):
        par = paragraph(ctx)
        add_inline(par, f"{block.bullet} {block.text}" if block.bullet else block.text, ctx, BODY)
    elif isinstance(block, rpt.PageBreak):
        ctx.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    elif isinstance(block, rpt.Landscape):
        section = ctx.document.add_section(WD_SECTION.NEW_PAGE)
        section.different_first_page_header_footer = False  # numbered like the pages before
        set_page(section, landscape=True)


def build_docx(source: rpt.RptDocument, dest: Path, family: str = FONT) -> None:
    ctx = setup(source, family)
    for block in source.blocks:
        render_block(ctx, block)
    dest.parent.mkdir(parents=True, exist_ok=True)
    ctx.document.save(str(dest))
