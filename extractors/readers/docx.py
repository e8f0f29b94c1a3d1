"""DOCX reader: body paragraphs and tables in document order, footnotes, list labels.

Read from the document XML rather than python-docx's cell grid: python-docx repeats a
merged cell at every grid position it covers, which would double every value of a merged
appendix cell. Here a cell spanning columns (gridSpan) or rows (vMerge) gives its text
once, at its first position, and "" where the merge continues. Footnote bodies come from
the footnotes part, numbered in the order their marks stand in the text; the marks are not
part of the paragraph text.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import regex

from extractors.readers import limits
from model import (
    FOOTNOTE,
    HEADING,
    LIST_ITEM,
    PARAGRAPH,
    TABLE,
    Block,
    Document,
    MarkAnchor,
    UnreadableDocument,
)
from normalizers.legacy_encoding import fix_legacy_text, legacy_font_encoding
from normalizers.text import normalize_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ROMAN = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]


def read_docx(path: Path) -> Document:
    if not zipfile.is_zipfile(path):
        raise UnreadableDocument("tệp .docx bị hỏng hoặc không phải định dạng Word (.docx)")
    limits.check_zip(path)
    import docx

    try:
        d = docx.Document(str(path))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds for a broken package
        raise UnreadableDocument(
            "tệp .docx bị hỏng hoặc không phải định dạng Word (.docx)"
        ) from exc
    reader = _Reader(d)
    blocks = reader.body_blocks()
    blocks += reader.footnote_blocks()
    return Document(path=path, blocks=blocks, file_type="docx")


def _run_font(t_node) -> str | None:
    """The font a text node's run is set in (`.VnTime` and `VNI-Times` tell a legacy encoding)."""
    run = t_node.getparent()
    fonts = run.find(f"{W}rPr/{W}rFonts") if run is not None else None
    if fonts is None:
        return None
    return fonts.get(f"{W}ascii") or fonts.get(f"{W}hAnsi")


def _roman(n: int) -> str:
    out = ""
    for value, letters in ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


def _format(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "bullet":
        return "-"
    return str(n)


class _Reader:
    def __init__(self, d):
        self.doc = d
        self.footnote_order: list[str] = []  # footnote ids in order of their marks
        self.mark_at: dict[str, MarkAnchor] = {}  # footnote id -> where its mark stands
        self.counters: dict[tuple[str, int], int] = {}
        self.levels = self._numbering_levels()
        self.styles = {s.style_id: (s.name or "") for s in d.styles}

    # ---------------------------------------------------------------- numbering
    def _numbering_levels(self) -> dict[str, dict[int, tuple[str, str, int]]]:
        """numId -> level -> (numFmt, lvlText, start)."""
        try:
            numbering = self.doc.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return {}
        abstract = {}
        for an in numbering.iter(f"{W}abstractNum"):
            levels = {}
            for lvl in an.iter(f"{W}lvl"):
                ilvl = int(lvl.get(f"{W}ilvl", "0"))
                fmt = lvl.find(f"{W}numFmt")
                text = lvl.find(f"{W}lvlText")
                start = lvl.find(f"{W}start")
                levels[ilvl] = (
                    fmt.get(f"{W}val") if fmt is not None else "decimal",
                    text.get(f"{W}val") if text is not None else "%1.",
                    int(start.get(f"{W}val")) if start is not None else 1,
                )
            abstract[an.get(f"{W}abstractNumId")] = levels
        out = {}
        for num in numbering.iter(f"{W}num"):
            ref = num.find(f"{W}abstractNumId")
            if ref is not None:
                out[num.get(f"{W}numId")] = abstract.get(ref.get(f"{W}val"), {})
        return out

    def _label(self, p) -> str | None:
        num_pr = p.find(f"{W}pPr/{W}numPr")
        if num_pr is None:
            return None
        num_id_el, ilvl_el = num_pr.find(f"{W}numId"), num_pr.find(f"{W}ilvl")
        if num_id_el is None:
            return None
        num_id = num_id_el.get(f"{W}val")
        ilvl = int(ilvl_el.get(f"{W}val")) if ilvl_el is not None else 0
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return None
        for key in list(self.counters):
            if key[0] == num_id and key[1] > ilvl:
                del self.counters[key]
        fmt, text, start = levels[ilvl]
        self.counters[(num_id, ilvl)] = self.counters.get((num_id, ilvl), start - 1) + 1
        if fmt == "bullet":
            return "-"
        label = text
        for lvl in range(ilvl + 1):
            f, _, s = levels.get(lvl, ("decimal", "", 1))
            label = label.replace(f"%{lvl + 1}", _format(self.counters.get((num_id, lvl), s), f))
        return label.strip()

    # ---------------------------------------------------------------- text
    def _text(self, el) -> str:
        parts = []
        for node in el.iter():
            tag = node.tag
            if tag == f"{W}t":
                parts.append(fix_legacy_text(node.text or "", _run_font(node)))
            elif tag == f"{W}softHyphen" and (
                legacy_font_encoding(_run_font(node)) or ""
            ).startswith("tcvn3"):
                # TCVN3's `ư` is the soft-hyphen byte, which Word and LibreOffice store as this
                # element
                parts.append("Ư" if legacy_font_encoding(_run_font(node)) == "tcvn3-upper" else "ư")
            elif tag == f"{W}tab":
                parts.append(" ")
            elif tag in (f"{W}br", f"{W}cr"):
                parts.append("\n")
            elif tag == f"{W}footnoteReference":
                fid = node.get(f"{W}id")
                if fid not in self.footnote_order:
                    self.footnote_order.append(fid)
                self.mark_at.setdefault(fid, MarkAnchor.after("".join(parts)))
            elif tag == f"{W}p" and node is not el and parts and not parts[-1].endswith("\n"):
                parts.append("\n")
        return "".join(parts)

    def _plain(self, el) -> str:
        """Text as Unicode: runs in a legacy font converted, then the whole checked again."""
        return normalize_text(fix_legacy_text(self._text(el)))

    def _refs(self, el) -> list[str]:
        refs = []
        for node in el.iter(f"{W}footnoteReference"):
            fid = node.get(f"{W}id")
            if fid in self.footnote_order:
                refs.append(str(self.footnote_order.index(fid) + 1))
        return refs

    def _anchors(self, p, label: str | None) -> dict[str, MarkAnchor]:
        """Where each footnote mark stands in the paragraph's text (after its list label, which
        the text opens with: its numbers come first)."""
        lead = f"{label} " if label and label != "-" else ""
        out = {}
        for node in p.iter(f"{W}footnoteReference"):
            fid = node.get(f"{W}id")
            if fid in self.footnote_order and fid in self.mark_at:
                out[str(self.footnote_order.index(fid) + 1)] = self.mark_at[fid].following(lead)
        return out

    # ---------------------------------------------------------------- blocks
    def body_blocks(self) -> list[Block]:
        blocks = []
        for child in self.doc.element.body.iterchildren():
            tag = child.tag
            if tag == f"{W}p":
                block = self._paragraph(child)
                if block:
                    blocks.append(block)
            elif tag == f"{W}tbl":
                rows, merged, bold = self._table_grid(child)
                if any(any(c for c in r) for r in rows):
                    text = "\n".join(" | ".join(r) for r in rows)
                    blocks.append(Block(TABLE, text, rows=rows, merged=merged, bold=bold))
            elif tag == f"{W}sdt":
                for p in child.iter(f"{W}p"):
                    block = self._paragraph(p)
                    if block:
                        blocks.append(block)
        return blocks

    def _paragraph(self, p) -> Block | None:
        text = self._plain(p).strip()
        label = self._label(p)
        if not text:
            return None
        refs = self._refs(p)
        at = self._anchors(p, label)
        style = p.find(f"{W}pPr/{W}pStyle")
        style_name = self.styles.get(style.get(f"{W}val"), "") if style is not None else ""
        if label:
            return Block(
                LIST_ITEM,
                f"{label} {text}" if label != "-" else f"- {text}",
                label=label,
                footnote_refs=refs,
                footnote_at=at,
            )
        if style_name.lower().startswith(("heading", "title")):
            return Block(HEADING, text, footnote_refs=refs, footnote_at=at)
        m = regex.match(r"^\s*((?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])[.)\-–]|[-–+•])\s", text)
        if m:
            return Block(LIST_ITEM, text, label=m.group(1), footnote_refs=refs, footnote_at=at)
        letters = [c for c in text if c.isalpha()]
        if letters and all(c.isupper() for c in letters) and len(text) < 200:
            return Block(HEADING, text, footnote_refs=refs, footnote_at=at)
        return Block(PARAGRAPH, text, footnote_refs=refs, footnote_at=at)

    def _table_rows(self, tbl) -> list[list[str]]:
        return self._table_grid(tbl)[0]

    def _table_grid(self, tbl):
        """Cell texts on the table's grid, the positions merged cells cover (to the cell that
        covers them) and the positions of bold cells."""
        rows: list[list[str]] = []
        merged: dict[tuple[int, int], tuple[int, int]] = {}
        bold: set[tuple[int, int]] = set()
        for r, tr in enumerate(tbl.findall(f"{W}tr")):
            row: list[str] = []
            for tc in tr.findall(f"{W}tc"):
                span, continues = _cell_span(tc)
                c = len(row)
                origin = merged.get((r - 1, c), (r - 1, c)) if continues and r > 0 else (r, c)
                text = "" if continues else self._cell_text(tc)
                if continues:
                    merged[(r, c)] = origin
                elif _is_bold(tc):
                    bold.add((r, c))
                row.append(text)
                for k in range(1, span):
                    merged[(r, c + k)] = origin
                row.extend([""] * (span - 1))
            rows.append(row)
        return rows, merged, bold

    def _cell_text(self, tc) -> str:
        lines = []
        for child in tc:
            if child.tag == f"{W}p":
                t = self._plain(child).strip()
                if t:
                    lines.append(t)
            elif child.tag == f"{W}tbl":
                for r in self._table_rows(child):
                    t = " | ".join(c for c in r if c)
                    if t:
                        lines.append(t)
        return "\n".join(lines)

    def footnote_blocks(self) -> list[Block]:
        notes = self._footnotes()
        out = []
        for n, fid in enumerate(self.footnote_order, start=1):
            text = notes.get(fid)
            if text:
                out.append(Block(FOOTNOTE, text, label=str(n)))
        return out

    def _footnotes(self) -> dict[str, str]:
        from lxml import etree

        for rel in self.doc.part.rels.values():
            if rel.reltype.endswith("/footnotes"):
                root = etree.fromstring(rel.target_part.blob)
                out: dict[str, str] = {}
                for fn in root.iter(f"{W}footnote"):
                    if fn.get(f"{W}type") in (
                        "separator",
                        "continuationSeparator",
                        "continuationNotice",
                    ):
                        continue
                    text = normalize_text(
                        fix_legacy_text(" ".join(self._text(p) for p in fn.iter(f"{W}p")))
                    ).strip()
                    fid = fn.get(f"{W}id")
                    if fid is not None:  # the order lists footnotes by id
                        out[fid] = regex.sub(r"\s+", " ", text)
                return out
        return {}


def _cell_span(tc) -> tuple[int, bool]:
    """How many grid columns a cell spans and whether it continues a vertical merge."""
    tc_pr = tc.find(f"{W}tcPr")
    if tc_pr is None:
        return 1, False
    gs = tc_pr.find(f"{W}gridSpan")
    span = int(gs.get(f"{W}val", "1")) if gs is not None else 1
    vm = tc_pr.find(f"{W}vMerge")
    return span, vm is not None and vm.get(f"{W}val", "continue") != "restart"


def _is_bold(tc) -> bool:
    """A cell whose text runs are all bold (group rows such as `I. Tiếp công dân`)."""
    runs = [r for r in tc.iter(f"{W}r") if any(t.text for t in r.iter(f"{W}t"))]
    if not runs:
        return False
    for run in runs:
        b = run.find(f"{W}rPr/{W}b")
        if b is None or b.get(f"{W}val", "true") in ("0", "false"):
            return False
    return True
