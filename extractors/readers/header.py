"""The official header on page 1: issuer and number on the left; motto, place and date on the
right. It comes out as a two-column table block, read from the lines' column segments.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

import catalog
from catalog.patterns import compiled
from extractors.readers.cells import table_block
from extractors.readers.line import Line
from model import Block
from normalizers.text import alternation


@dataclass(frozen=True)
class _Patterns:
    place_date: regex.Pattern  # `ngày 05 tháng 7 năm 2023`, `ngày 05/7/2023`
    motto: regex.Pattern
    wrapped_date: regex.Pattern  # a place line cut after `ngày 05 tháng 7 năm`
    date_rest: regex.Pattern  # ... and the line that carries the rest (`2023`)
    number_line: regex.Pattern  # `Số: 85-BC/BCSĐ`
    title_word: regex.Pattern  # `BÁO CÁO` alone on its line opens the title


@cache
def _patterns() -> _Patterns:
    """The header's words are the catalog's (header.toml, doc_types.toml)."""
    date = catalog.table("header.toml", "date")
    day, month, year = (alternation([date[k]]) for k in ("day", "month", "year"))
    kinds = [t for d in catalog.table("doc_types.toml", "doc_type") for t in d["titles"]]
    kinds += catalog.words("header.toml", "title", "more_kinds")
    number = regex.escape(catalog.table("header.toml", "number", "word"))
    return _Patterns(
        place_date=compiled(
            rf"{day}\s+\d{{1,2}}\s+{month}\s+\d{{1,2}}\s+{year}\s+\d{{4}}"
            rf"|{day}\s+\d{{1,2}}/\d{{1,2}}/\d{{4}}"
        ),
        motto=compiled(alternation(catalog.words("header.toml", "motto", "marks"))),
        wrapped_date=compiled(rf"{day}\s+\d{{1,2}}(?:\s+{month}\s+\d{{1,2}}(?:\s+{year})?)?\s*$"),
        date_rest=compiled(
            rf"^\s*(?:{year}\s+)?(?:19|20)\d{{2}}\b|{month}\s+\d{{1,2}}\s+{year}\s+\d{{4}}"
        ),
        number_line=compiled(rf"^\s*{number}\s*(?::|\d|$)"),
        title_word=compiled(
            rf"^\s*(?:{alternation(k for k in kinds if k.isupper() and '/' not in k)})\s*$"
        ),
    )


def header_block(lines: list[Line]) -> tuple[Block | None, list[Line]]:
    """The official header: issuer (left) and motto, place and date (right), as a table of two
    columns; the lines after it."""
    p = _patterns()
    end = _header_end(lines)
    if end is None or not any(p.motto.search(ln.text) for ln in lines[: end + 1]):
        return None, lines
    # a Party header sets the number under the star, below the place and date
    for j in range(end + 1, min(end + 3, len(lines))):
        if p.number_line.match(lines[j].text.lstrip("* ")):
            end = j
            break
        if lines[j].text.strip() != "*":
            break
    page_mid = max(ln.x1 for ln in lines[: end + 1]) * 0.55
    left: list[str] = []
    right: list[str] = []
    for ln in lines[: end + 1]:
        pieces = ln.segments or [(ln.x0, ln.x1, ln.text)]
        for x0, x1, text in (cut for piece in pieces for cut in _at_the_motto(piece, p.motto)):
            (left if x0 < page_mid and (x0 + x1) / 2 < page_mid else right).append(text)
    return table_block([["\n".join(left), "\n".join(right)]], lines[0].page), lines[end + 1 :]


def _at_the_motto(
    piece: tuple[float, float, str], motto: regex.Pattern
) -> list[tuple[float, float, str]]:
    """A piece of a line whose columns stand too close to be told apart by their gap (`UBND
    HUYỆN CHÂU THÀNH CỘNG HÒA XÃ HỘI ...`) is cut where the motto begins."""
    x0, x1, text = piece
    m = motto.search(text)
    if m is None or not text[: m.start()].strip():
        return [piece]
    cut = x0 + (x1 - x0) * m.start() / len(text)
    return [(x0, cut, text[: m.start()].strip()), (cut, x1, text[m.start() :])]


def _header_end(lines: list[Line]) -> int | None:
    """The header's last line: the place and date (or the number line), before the title."""
    p = _patterns()
    end = None
    for i, ln in enumerate(lines[:10]):
        if p.title_word.match(ln.text):
            break  # the kind of document (BÁO CÁO, KẾ HOẠCH ...) opens the title below the header
        nxt = lines[i + 1].text if i + 1 < len(lines) else ""
        if p.place_date.search(ln.text) or (i > 0 and p.number_line.match(ln.text) and i >= 2):
            end = i
        if p.place_date.search(ln.text):
            break
        if p.wrapped_date.search(ln.text) and p.date_rest.search(nxt):
            end = i + 1  # the place line wrapped: "…, ngày 05 tháng 7 năm" / "2023"
            break
    return end
