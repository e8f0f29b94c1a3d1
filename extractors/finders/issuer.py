"""The issuing body of a document and the body above it, from the left column of its header.

    UBND HUYỆN CAO LÃNH          ->  issuer "Văn phòng HĐND và UBND huyện Cao Lãnh"
    VĂN PHÒNG HĐND VÀ UBND           parent "UBND huyện Cao Lãnh"

A body whose own line names no place takes its place from the line above it (the district
office, "Sở Nội vụ" under "UBND TỈNH AN GIANG", "Ban Dân vận" under "TỈNH ỦY NGHỆ AN"), so
the offices of two districts are never one issuer. The place line of the date ("Cao Lãnh,
ngày ...") is kept too: the unit register (warehouse/units) reads a district from it when
the header names none.
"""

from __future__ import annotations

from functools import cache

import regex

import catalog
from catalog.patterns import compiled
from normalizers.names import body_case, place_words
from normalizers.text import alternation, fold

TWO_LETTERS = compiled(r"\p{L}{2}")


@cache
def _bodies() -> tuple[regex.Pattern, regex.Pattern]:
    """(a body whose name may run over two lines, a people's committee) as whole lines
    (header.toml [issuer])."""
    words = catalog.table("header.toml", "issuer")
    committees = alternation(words["people_committees"])
    two_line = f"{committees}|{alternation(words['councils'])}"
    return compiled(rf"(?i){two_line}"), compiled(rf"(?i){committees}")


def issuer_of(lines: list[str]) -> tuple[str | None, str | None]:
    """(issuer, parent) from the header's left-column lines (motto, number and rules removed)."""
    if not lines:
        return None, None
    # "ỦY BAN NHÂN DÂN" / "THÀNH PHỐ SA ĐÉC": one body over two lines
    two_line, committee = _bodies()
    if len(lines) >= 2 and two_line.fullmatch(lines[-2].strip()):
        body, above = f"{lines[-2]} {lines[-1]}", lines[:-2]
    elif len(lines) >= 2 and committee.fullmatch(lines[0]):
        if len(lines) == 2:
            body, above = f"{lines[0]} {lines[1]}", []
        else:
            body, above = lines[-1], lines[:-1]
    elif len(lines) >= 3 and not _opens_a_name(lines[-1]) and _opens_a_name(lines[-2]):
        body, above = f"{lines[-2]} {lines[-1]}", lines[:-2]  # a name wrapped over two lines
    else:
        body, above = lines[-1], lines[:-1]
    issuer = body_case(body)
    parent = _parent(above)
    return complete_issuer(issuer, parent), parent


@cache
def _name_head() -> regex.Pattern:
    heads = sorted(catalog.words("header.toml", "issuer", "name_heads"), key=len, reverse=True)
    return compiled(rf"(?i)^\s*(?:{alternation(heads)})(?![\p{{L}}])")


def _opens_a_name(line: str) -> bool:
    return bool(_name_head().match(line))


def _parent(above: list[str]) -> str | None:
    if not above:
        return None
    # "ỦY BAN NHÂN DÂN" / "TỈNH AN GIANG" above the body: the parent over two lines
    if len(above) >= 2 and _bodies()[0].fullmatch(above[-2].strip()):
        return body_case(f"{above[-2]} {above[-1]}")
    return body_case(above[-1])


def complete_issuer(issuer: str, parent: str | None) -> str:
    """An issuer that names no place of its own takes the place its parent names:
    "Sở Nội vụ" under "UBND tỉnh An Giang" is "Sở Nội vụ tỉnh An Giang"; "Thanh tra tỉnh" under
    it "Thanh tra tỉnh An Giang"; "Ban Dân vận" under "Tỉnh ủy Nghệ An" "Ban Dân vận Tỉnh ủy
    Nghệ An"."""
    if not parent:
        return issuer
    own, above = _named_place(issuer), _named_place(parent)
    if above is None or own is not None:
        return issuer
    word, name = above
    words = place_words(fold(issuer))
    if words and words[-1].end == len(issuer) and words[-1].level == _level_of(parent):
        return f"{issuer} {name}"  # "Thanh tra tỉnh" + "An Giang"
    if words:
        return issuer  # a place word of another level: leave it as written
    return f"{issuer} {word} {name}"


def _named_place(text: str) -> tuple[str, str] | None:
    """The last place word of a name and the name after it ("huyện", "Cao Lãnh"), if named."""
    words = place_words(fold(text))
    if not words or not text[words[-1].end :].strip():
        return None
    last = words[-1]
    return text[last.start : last.end], text[last.end :].strip()


def _level_of(text: str) -> str | None:
    words = place_words(fold(text))
    return words[-1].level if words else None


def place_of(place: str | None) -> str | None:
    """The place of the date line as written ("Cao Lãnh"), or None when it is left blank."""
    if not place:
        return None
    text = " ".join(place.split()).strip(" .…,")
    return text if TWO_LETTERS.search(text) else None
