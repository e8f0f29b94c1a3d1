"""Write catalog/templates/tong_hop_phu_luc.docx, the Word template of the consolidated
appendix (warehouse/consolidate/word.py fills it).

    .venv/bin/python tools/make_consolidation_template.py

A4 landscape, Times New Roman 13 (tables 12), the page number centred at the top from page
two, and the standard title block of an appendix with placeholders:

    {{PHU_LUC}}     PHỤ LỤC
    {{TIEU_DE}}     TỔNG HỢP SỐ LIỆU 6 THÁNG ĐẦU NĂM 2024
    {{KEM_THEO}}    (Kèm theo Báo cáo số ……/BC-…… ngày …… tháng …… năm …… của UBND tỉnh ...)
    {{NOI_DUNG}}    where the tables go (the last paragraph)

Edit the template in Word to change fonts, margins or the title block; keep the placeholders.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import catalog  # noqa: E402

FONT = "Times New Roman"


def _east_asian(style) -> None:
    from docx.oxml.ns import qn

    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def _page_number(section) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)


def build(path: Path) -> Path:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    d = docx.Document()
    section = d.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(1.5)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(1.5)
    normal = d.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(13)
    normal.paragraph_format.space_after = Pt(3)
    _east_asian(normal)
    table_style = d.styles["Table Grid"]
    table_style.font.name, table_style.font.size = FONT, Pt(12)
    _east_asian(table_style)
    _page_number(section)
    for text, bold, italic in (
        ("{{PHU_LUC}}", True, False),
        ("{{TIEU_DE}}", True, False),
        ("{{KEM_THEO}}", False, True),
        ("{{NOI_DUNG}}", False, False),
    ):
        p = d.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(text)
        run.bold, run.italic = bold, italic
    path.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(path))
    return path


if __name__ == "__main__":
    print(build(catalog.template("tong_hop_phu_luc.docx")))
