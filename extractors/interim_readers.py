"""Crude stand-in readers used only while the real PDF/DOCX readers are being written.

They let the figure finders be measured from the start. Remove once pdf_reader and
docx_reader exist.
"""
from __future__ import annotations

from pathlib import Path

import regex

from extractors.model import PARAGRAPH, TABLE, Block, Document
from normalizers.text import normalize_text


def read_pdf_interim(path: Path) -> Document:
    import pdfplumber

    blocks: list[Block] = []
    with pdfplumber.open(path) as pdf:
        n = len(pdf.pages)
        for pno, page in enumerate(pdf.pages, start=1):
            text = normalize_text(page.extract_text() or "")
            para: list[str] = []
            for line in text.split("\n"):
                if regex.fullmatch(r"\s*\d{1,3}\s*", line):
                    continue
                if para and (regex.search(r"[.:;]\s*$", para[-1]) or regex.match(r"\s*(\d+[.)]|[a-zđ][)]|[IVX]+[.-]|-|\+)\s", line)):
                    blocks.append(Block(PARAGRAPH, " ".join(para), page=pno))
                    para = []
                para.append(line.strip())
            if para:
                blocks.append(Block(PARAGRAPH, " ".join(para), page=pno))
    return Document(path=path, blocks=blocks, file_type="pdf", pages=n)


def read_docx_interim(path: Path) -> Document:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    d = docx.Document(str(path))
    blocks: list[Block] = []
    for child in d.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            t = normalize_text(Paragraph(child, d).text).strip()
            if t:
                blocks.append(Block(PARAGRAPH, t))
        elif tag == "tbl":
            rows = []
            for r in Table(child, d).rows:
                cells, prev = [], None
                for c in r.cells:
                    cells.append("" if c._tc is prev else normalize_text(c.text).strip())
                    prev = c._tc
                rows.append(cells)
            blocks.append(Block(TABLE, "\n".join(" | ".join(r) for r in rows), rows=rows))
    return Document(path=path, blocks=blocks, file_type="docx")
