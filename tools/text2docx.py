"""Turn a plain-text report into a .docx, so hand-written test reports go through the real reader.

    .venv/bin/python tools/text2docx.py /tmp/rw/*.txt        # writes /tmp/rw/<name>.docx

Text conventions, one block per line:
  LEFT || RIGHT      a row of the two-column official header table (issuer || national motto)
  | a | b | c |      a table row; consecutive rows make one table, the first row its header
  # Heading          a bold heading paragraph
  anything else      a body paragraph (blank lines are ignored)
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document


def _flush_table(doc, rows: list[list[str]]) -> None:
    if not rows:
        return
    width = max(len(r) for r in rows)
    table = doc.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for i, row in enumerate(rows):
        for j in range(width):
            table.cell(i, j).text = row[j] if j < len(row) else ""
    rows.clear()


def _flush_header(doc, rows: list[tuple[str, str]]) -> None:
    if not rows:
        return
    table = doc.add_table(rows=len(rows), cols=2)
    for i, (left, right) in enumerate(rows):
        table.cell(i, 0).text = left
        table.cell(i, 1).text = right
    rows.clear()


def convert(src: Path, dest: Path) -> None:
    doc = Document()
    table_rows: list[list[str]] = []
    header_rows: list[tuple[str, str]] = []
    for raw in src.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if "||" in line and not (line.startswith("|") and not line.startswith("||")):
            _flush_table(doc, table_rows)
            left, right = line.split("||", 1)
            header_rows.append((left.strip(), right.strip()))
            continue
        if line.startswith("|"):
            _flush_header(doc, header_rows)
            table_rows.append([c.strip() for c in line.strip("|").split("|")])
            continue
        _flush_table(doc, table_rows)
        _flush_header(doc, header_rows)
        if not line:
            continue
        if line.startswith("# "):
            doc.add_paragraph().add_run(line[2:]).bold = True
        else:
            doc.add_paragraph(line)
    _flush_table(doc, table_rows)
    _flush_header(doc, header_rows)
    doc.save(dest)


def main(argv: list[str]) -> int:
    for name in argv:
        src = Path(name)
        convert(src, src.with_suffix(".docx"))
        print(src.with_suffix(".docx"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
