"""An issuer string taken apart: the kind of body, a department's name, the places it names.

    "Văn phòng HĐND và UBND huyện Cao Lãnh"  -> van_phong, places [district Huyện "Cao Lãnh"]
    "Sở Nội vụ tỉnh An Giang"                -> so, dept "Nội vụ", places [province "An Giang"]
    "Ban Dân vận Tỉnh ủy Nghệ An"            -> ban_dan_van, places [province "Nghệ An" (party)]
    "UBND xã An Hiệp, huyện Châu Thành"      -> ubnd, places [commune, district]
    "Thanh tra tỉnh"                         -> thanh_tra, places [province, no name]

The kinds and their patterns are catalog data (catalog/units/kinds.toml).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import regex

import catalog
from catalog.patterns import compiled
from normalizers.names import place_words
from normalizers.text import fold


@dataclass(frozen=True)
class PlaceRef:
    """A place as an issuer names it: its level word and the name after it (None if bare)."""

    level: str  # province | city | district | commune
    type: str | None
    name: str | None
    party: bool = False


@dataclass
class Parsed:
    kind: dict | None
    dept: str | None = None
    places: list[PlaceRef] = field(default_factory=list)  # the body's own place first


@lru_cache(maxsize=1)
def _kinds() -> list[tuple[dict, list[regex.Pattern]]]:
    return [(k, [compiled(p) for p in k["patterns"]]) for k in catalog.unit_seed().kinds]


def kind(kind_id: str) -> dict | None:
    return next((k for k, _ in _kinds() if k["id"] == kind_id), None)


def parse_issuer(issuer: str) -> Parsed:
    """The kind, department and places of an issuer (as normalised by the metadata finder)."""
    text = unicodedata.normalize("NFC", " ".join(issuer.split()))
    folded = fold(text)
    if len(folded) != len(text):  # a character folding changed the length: match on the fold
        text = folded
    for k, patterns in _kinds():
        for pattern in patterns:
            m = pattern.match(folded)
            if not m:
                continue
            groups = m.groupdict()
            dept = text[m.start("dept") : m.end("dept")].strip() if groups.get("dept") else None
            start = m.start("rest") if groups.get("rest") is not None else len(text)
            return Parsed(k, dept, parse_places(text[start:]))
    return Parsed(None, None, parse_places(text))


def parse_places(text: str) -> list[PlaceRef]:
    """The places a text names in order ("xã An Hiệp, huyện Châu Thành": commune, district)."""
    folded = fold(text)
    if len(folded) != len(text):
        text = folded
    words, last_end = [], -1
    for w in place_words(folded):
        if last_end >= 0 and not text[last_end : w.start].strip(" ,"):
            continue  # a place word right after another is part of the name ("xã Xà Phiên")
        words.append(w)
        last_end = w.end
    out = []
    for i, w in enumerate(words):
        end = words[i + 1].start if i + 1 < len(words) else len(text)
        name = text[w.end : end].strip(" ,.-–")
        has_name = bool(regex.search(r"[\p{L}\d]", name))
        out.append(PlaceRef(w.level, w.type, name if has_name else None, w.party))
    return out
