"""Names of issuing bodies and places: how an issuer is written, and the place words in it.

Headers print the issuer in capitals ("SỞ NỘI VỤ", "BAN DÂN VẬN TỈNH ỦY NGHỆ AN"); the
warehouse keeps it as officials write it in running text: "Sở Nội vụ", "Ban Dân vận Tỉnh ủy
Nghệ An", "UBND huyện Cao Lãnh", "Văn phòng HĐND và UBND". The words and phrases this needs
are catalog data (catalog/units/kinds.toml [casing], catalog/units/places.toml).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex

import catalog
from catalog.patterns import compiled
from normalizers.text import fold

# "xã hội" (Sở Lao động - Thương binh và Xã hội) is no commune
_NOT_A_PLACE = {"xa": r"(?!\s+hoi\b)"}


@dataclass(frozen=True)
class PlaceWord:
    """Words before a place's name found in a folded text, with what they make."""

    start: int
    end: int
    level: str  # province | city | district | commune
    type: str | None  # district or commune type ("Huyện"), None for a province or city
    party: bool


@lru_cache(maxsize=1)
def _place_word_pattern() -> regex.Pattern:
    parts = []
    for i, w in enumerate(catalog.unit_seed().place_words):
        words = r"\s+".join(regex.escape(x) for x in w["words"].split())
        tail = "" if w["words"].endswith(".") else r"(?![\p{L}\d])"
        parts.append(f"(?P<w{i}>{words}{tail}{_NOT_A_PLACE.get(w['words'], '')})")
    return compiled(r"(?<![\p{L}\d])(?:" + "|".join(parts) + ")")


def place_words(folded: str) -> list[PlaceWord]:
    """The place words of a folded text ("huyen uy", "tinh", "xa"), left to right."""
    seed = catalog.unit_seed()
    out = []
    for m in _place_word_pattern().finditer(folded):
        i = int(next(k for k, v in m.groupdict().items() if v is not None)[1:])
        w = seed.place_words[i]
        out.append(PlaceWord(m.start(), m.end(), w["level"], w.get("type"), w.get("party", False)))
    return out


_NOT_SLUG = compiled(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """A name folded into an id part: "Cao Lãnh" -> "cao-lanh"."""
    return _NOT_SLUG.sub("-", fold(text)).strip("-")


def title_words(text: str) -> str:
    """Each word with a capital first letter ("an hiệp" -> "An Hiệp")."""
    return " ".join(w[:1].upper() + w[1:] for w in text.split(" "))


def body_case(text: str) -> str:
    """An issuer as written in running text, from any casing of the header."""
    text = unicodedata.normalize("NFC", " ".join(text.split()))
    text = regex.sub(r"(?i)\b(ỦY|UỶ)\s+BAN\s+NHÂN\s+DÂN\b", "UBND", text)
    text = regex.sub(r"(?i)\bHỘI\s+ĐỒNG\s+NHÂN\s+DÂN\b", "HĐND", text)
    casing = catalog.unit_seed().casing
    acronyms = {a.upper() for a in casing["acronyms"]}
    text = " ".join(
        w.upper() if w.rstrip(".").upper() in acronyms else w.lower() for w in text.split()
    )
    folded = fold(text)
    words = place_words(folded) if len(folded) == len(text) else []
    place_at = words[-1] if words else None
    if place_at is not None and text[place_at.end :].strip():
        text = text[: place_at.end] + " " + title_words(text[place_at.end :].strip())
    text = _head_case(text, folded, place_at.start if place_at else len(text), casing["heads"])
    for phrase in casing["fixed"]:
        text = regex.sub(rf"(?i)(?<!\p{{L}}){regex.escape(phrase)}(?!\p{{L}})", phrase, text)
    return text[:1].upper() + text[1:]


def _head_case(text: str, folded: str, name_end: int, heads: list[str]) -> str:
    """The body's own name after an opening head word takes a capital on each part's first word:
    "sở lao động - thương binh và xã hội" -> "sở Lao động - Thương binh và Xã hội"."""
    for head in sorted(heads, key=len, reverse=True):
        key = fold(head)
        if not (folded.startswith(key + " ") and name_end > len(key)):
            continue
        name = text[len(key) + 1 : name_end]
        parts = regex.split(r"(\s+và\s+|,\s+|\s+-\s+)", name)
        cased = "".join(p if i % 2 else p[:1].upper() + p[1:] for i, p in enumerate(parts))
        return text[: len(key) + 1] + cased + text[name_end:]
    return text
