"""Document fields (type, issuer, province, period, number, date) from the header and title.

Official documents open with a header: the issuing body on the left (its parent above it),
the national motto on the right, then `Số: 85-BC/BCSĐ` left and `Place, ngày … tháng … năm …`
right; then the kind of document in capitals (BÁO CÁO, KẾ HOẠCH …) and its subject line.
DOCX files carry the header as a two-column table; PDFs as lines that may interleave both
columns. Both are read here from the text of the first blocks:

    patterns   the header's patterns, from the catalog (header.toml, doc_types.toml)
    title      the kind of document, its subject line and the period it names
    places     the province the document is of
"""

from __future__ import annotations

import regex

from catalog.patterns import compiled
from extractors.finders.issuer import issuer_of, place_of
from extractors.finders.metadata.patterns import CAPS_RUN, patterns
from extractors.finders.metadata.places import province_of
from extractors.finders.metadata.title import (
    document_period,
    kind_of_line,
    title_of,
    type_from_number,
)
from model import TABLE, DocMeta, Document
from normalizers.dates import DATE_PATTERN, make_date

__all__ = ["extract_metadata"]

HEAD_BLOCKS = 12  # the header and title sit in the first blocks
SPACES = compiled(r"\s+")


def extract_metadata(doc: Document) -> DocMeta:
    """The document's fields from its header and title."""
    p = patterns()
    head_blocks = doc.blocks[:HEAD_BLOCKS]
    left, right, loose = _header_columns(head_blocks)
    head_text = "\n".join(left + right + loose)
    meta = DocMeta()
    m = p.number.search(head_text) or _number_below_header(head_blocks)
    if m:
        meta.doc_number = SPACES.sub("", m.group(1))
    meta.doc_date = (_doc_date("\n".join(right)) if right else None) or _doc_date(head_text)
    kind, title = title_of(head_blocks)
    if not kind:
        about = _letter_subject(left + loose)
        if about:
            kind, title = "cong_van", about
    meta.doc_type = kind or type_from_number(meta.doc_number)
    if meta.doc_type == "other" and not kind and _addressed(head_blocks):
        meta.doc_type = (
            "cong_van"  # no kind word, no kind code in the number, "Kính gửi: ...": a letter
        )
    meta.title = title
    meta.period = document_period(title, head_blocks, meta.doc_date)
    meta.issuer, meta.issuer_parent = _issuer(left)
    place = p.place_date.search("\n".join(right) or head_text)
    meta.place = place_of(place.group("place")) if place else None
    meta.province = province_of(left, head_text, doc)
    return meta


def _header_columns(blocks) -> tuple[list[str], list[str], list[str]]:
    """Left-column lines, right-column lines, and header lines whose column is unknown."""
    p = patterns()
    for b in blocks[:3]:
        if b.kind == TABLE and b.rows and p.motto.search(b.text):
            left = [ln for row in b.rows for ln in (row[0] if row else "").splitlines()]
            right = [ln for row in b.rows for cell in row[1:] for ln in cell.splitlines()]
            return (
                [ln.strip() for ln in left if ln.strip()],
                [ln.strip() for ln in right if ln.strip()],
                [],
            )
    # Flattened header (PDF lines): issuer words precede the motto on the same lines.
    loose = []
    for b in blocks[:4]:
        loose.extend(b.text.splitlines())
    left = []
    for line in loose:
        first = p.motto.split(line)[0].strip()
        if p.number_line.match(first):
            break
        if first and first.upper() == first and len(first) < 80:
            left.append(first)
        elif first:
            caps = CAPS_RUN.match(first)
            if caps and caps.group(1).strip():
                left.append(caps.group(1).strip())
            break
    return left, [], loose


def _addressed(blocks) -> bool:
    return any(b.kind != TABLE and patterns().addressed.match(b.text) for b in blocks[:6])


def _number_below_header(blocks) -> regex.Match | None:
    """ "Số 45-BC/HU" on its own line between the header and the title (a Party header's number
    under the star, left out of the header table)."""
    for b in blocks[:6]:
        if b.kind == TABLE:
            continue
        if kind_of_line(b.text.splitlines()[0] if b.text else "")[0]:
            return None
        m = patterns().number_below.match(b.text)
        if m:
            return m
    return None


def _letter_subject(lines: list[str]) -> str | None:
    """The "V/v ..." subject of an official letter, with the header lines that continue it."""
    p = patterns()
    for i, line in enumerate(lines):
        m = p.about.match(p.motto.split(line)[0])
        if m:
            rest = [m.group(1).strip()]
            for more in lines[i + 1 : i + 3]:
                if p.motto.search(more) or p.place_date.search(more) or p.letter_line.match(more):
                    break
                rest.append(more.strip())
            return " ".join(rest)
    return None


def _doc_date(head_text: str) -> str | None:
    p = patterns()
    m = p.place_date.search(head_text)
    text = m.group("date") if m else None
    if not text:
        # a place line OCR garbled: the first full "ngày … tháng … năm …" of the header
        m = p.written_date.search(head_text)
        text = m.group(0) if m else None
    if not text:
        return None
    d = DATE_PATTERN.search(text)
    if not d:
        return None
    day, month, year = (
        (d.group("d"), d.group("m"), d.group("y"))
        if d.group("d")
        else (d.group("d2"), d.group("m2"), d.group("y2"))
    )
    return make_date(int(day), int(month), int(year))


def _issuer(left: list[str]) -> tuple[str | None, str | None]:
    """(issuer, the body above it) from the header's left column (extractors/finders/issuer.py)."""
    p = patterns()
    lines = [
        ln
        for ln in left
        if not p.motto.fullmatch(ln) and not ln.startswith(p.number_word) and ln.strip("-_* ")
    ]
    return issuer_of(lines)
