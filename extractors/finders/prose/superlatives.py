"""Lists led by a superlative over a dimension: `lĩnh vực phát sinh nhiều hồ sơ nhất là chứng
thực với 176 hồ sơ và hộ tịch với 139 hồ sơ`. The words from the dimension to the superlative
name the whole (dossiers received); the items are some of its split by that dimension, each a
fact of the whole's metric scoped to its label, never a claim to be all of it (structure.toml
[lead_in.superlative])."""

from __future__ import annotations

from functools import cache

import regex

import catalog
from catalog.patterns import compiled
from normalizers.text import alternation

MARK = "superlative"  # the lead of such a list (lists.Breakdown.lead)


@cache
def _pattern() -> regex.Pattern:
    data = catalog.toml("structure.toml")["lead_in"]["superlative"]

    def words(key: str) -> str:
        return alternation(sorted(data[key], key=len, reverse=True), folded=True)

    return compiled(
        rf"(?<![\p{{L}}])(?:{words('dimensions')})(?![\p{{L}}])[^\d:;.()]{{0,60}}?"
        rf"(?<![\p{{L}}])(?:{words('degrees')})(?![\p{{L}}])[^\d:;.(),]{{0,30}}?"
        rf"(?<![\p{{L}}])(?:{words('ends')})(?![\p{{L}}])"
        rf"\s*(?:,?\s*(?:{words('closes')})(?![\p{{L}}])|:)"
    )


@cache
def _ends() -> frozenset[str]:
    return frozenset(catalog.toml("structure.toml")["lead_in"]["superlative"]["ends"])


def superlative_leads(text: str, folded: str) -> list[tuple[int, int, str]]:
    """(start, end, the words naming the whole) of each superlative lead of a sentence."""
    ends = _ends()
    out = []
    for m in _pattern().finditer(folded):
        words = text[m.start() : m.end()].split()
        while words and words[-1].lower().strip(",:") not in ends:
            words.pop()  # `là`, `gồm`, `:` close the lead; `nhất` ends the whole's words
        out.append((m.start(), m.end(), " ".join(words[:-1])))
    return out
