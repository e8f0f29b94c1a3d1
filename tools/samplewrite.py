"""Write a synthetic report of tools/samplegen.py as .docx (python-docx) or PDF (reportlab,
DejaVu Serif for the Vietnamese letters)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

FONT_DIR = Path(__file__).resolve().parent / "fonts"
APPENDIX_HEADER = ["STT", "Chỉ tiêu", "Đơn vị tính", "Kết quả"]


def write_docx(r: Any, path: Path) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    head = d.add_table(rows=3, cols=2)
    head.cell(0, 0).text = f"{r.parent}\n{r.issuer}"
    head.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    head.cell(1, 0).text = f"Số: {r.doc_number}"
    y, m, dd = r.doc_date.split("-")
    head.cell(1, 1).text = f"{r.place}, ngày {int(dd)} tháng {int(m)} năm {y}"
    for kind, text in r.paragraphs:
        p = d.add_paragraph()
        run = p.add_run(text)
        if kind in ("title", "subtitle", "h"):
            run.bold = True
        if kind in ("title", "subtitle"):
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph().add_run("PHỤ LỤC SỐ LIỆU").bold = True
    tbl = d.add_table(rows=1, cols=4)
    tbl.style = "Table Grid"
    for cell, text in zip(tbl.rows[0].cells, APPENDIX_HEADER):
        cell.text = text
    for row in r.table:
        cells = tbl.add_row().cells
        for cell, text in zip(cells, row):
            cell.text = text
    d.save(str(path))


def write_pdf(r: Any, path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    _register_fonts()
    styles = _pdf_styles()
    story = [_pdf_header(r, styles["small"]), Spacer(1, 12)]
    for kind, text in r.paragraphs:
        style = "center" if kind in ("title", "subtitle") else "bold" if kind == "h" else "body"
        story.append(Paragraph(text, styles[style]))
    story.append(Spacer(1, 10))
    story.append(Paragraph("PHỤ LỤC SỐ LIỆU", styles["center"]))
    story.append(_pdf_appendix(r, styles["cell"]))

    def page_number(canvas, doc):
        if doc.page > 1:
            canvas.setFont("VNSerif", 11)
            canvas.drawCentredString(A4[0] / 2, A4[1] - 1.2 * cm, str(doc.page))

    SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=3 * cm,
        rightMargin=2 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
        title=r.stem,
    ).build(story, onLaterPages=page_number)


def _register_fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    registered = pdfmetrics.getRegisteredFontNames()
    if "VNSerif" not in registered:
        pdfmetrics.registerFont(TTFont("VNSerif", str(FONT_DIR / "DejaVuSerif.ttf")))
    if "VNSerif-Bold" not in registered:
        pdfmetrics.registerFont(TTFont("VNSerif-Bold", str(FONT_DIR / "DejaVuSerif-Bold.ttf")))
    pdfmetrics.registerFontFamily(
        "VNSerif",
        normal="VNSerif",
        bold="VNSerif-Bold",
        italic="VNSerif",
        boldItalic="VNSerif-Bold",
    )


def _pdf_styles() -> dict:
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm

    body = ParagraphStyle(
        "body",
        fontName="VNSerif",
        fontSize=12,
        leading=17,
        alignment=TA_JUSTIFY,
        firstLineIndent=1 * cm,
        spaceAfter=5,
    )
    bold = ParagraphStyle("bold", parent=body, fontName="VNSerif-Bold", firstLineIndent=0)
    return {
        "body": body,
        "bold": bold,
        "center": ParagraphStyle("center", parent=bold, alignment=TA_CENTER),
        "small": ParagraphStyle(
            "small", fontName="VNSerif", fontSize=10, leading=12, alignment=TA_CENTER
        ),
        "cell": ParagraphStyle("cell", fontName="VNSerif", fontSize=10.5, leading=13),
    }


def _pdf_header(r: Any, small):
    """The two-column official header: the issuing body and number, the national motto and
    the place and date."""
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, Table

    y, m, dd = r.doc_date.split("-")
    return Table(
        [
            [
                Paragraph(f"{r.parent}<br/><b>{r.issuer}</b>", small),
                Paragraph(
                    "<b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br/>Độc lập - Tự do - Hạnh phúc",
                    small,
                ),
            ],
            [
                Paragraph(f"Số: {r.doc_number}", small),
                Paragraph(f"<i>{r.place}, ngày {int(dd)} tháng {int(m)} năm {y}</i>", small),
            ],
        ],
        colWidths=[7 * cm, 9.5 * cm],
    )


def _pdf_appendix(r: Any, cell):
    from reportlab.lib import colors
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, Table, TableStyle

    rows = [APPENDIX_HEADER] + r.table
    tbl = Table(
        [[Paragraph(c, cell) for c in row] for row in rows],
        colWidths=[1.2 * cm, 9 * cm, 2.5 * cm, 3 * cm],
        repeatRows=1,
    )
    tbl.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    return tbl
