"""The figures a table cell holds: `1.234`, `99,2%`, `12 đơn`, `Không`, and `88/97` (two
figures, read with a unit like `lượt/người`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

import catalog
from catalog.patterns import compiled
from normalizers.numbers import FIGURE_SCALES, is_zero_word, parse_number
from normalizers.text import alternation, fold

NUMBER_THEN_WORD = compiled(r"^\s*([-+]?\s*\d[\d.,]*\s*%?)\s*(\p{L}[\p{L} ]{0,24})?\s*$")
RATIO = compiled(r"^\s*(\d[\d.,]*)\s*(%?)\s*/\s*(\d[\d.,]*)\s*(%?)\s*$")


@cache
def _header_scale() -> regex.Pattern:
    """`(ngàn HS)`, `ĐVT: nghìn lượt`: a scale word before a header's unit (not money's)."""
    labels = alternation(catalog.table("table_headers.toml", "unit_labels", "words"))
    money = regex.escape(catalog.figure_units().money_unit)
    return compiled(
        rf"(?i)(?:\(|(?:{labels})\s*:?\s*)({alternation(FIGURE_SCALES)})\s+(?!{money})\p{{L}}"
    )


@dataclass
class CellNumber:
    value: float | None
    raw: str
    decimals: int
    percent: bool
    unit: str | None = None  # a unit word written in the cell (`12 đơn`)


def cell_numbers(cell: str, percent_column: bool = False) -> list[CellNumber]:
    """The figures of a cell: none, one, or the two sides of an `a/b` pair."""
    text = cell.strip()
    if not text:
        return []
    if is_zero_word(text) and len(text) <= 8:
        return [CellNumber(0.0, text, 0, False)]
    m = RATIO.match(text)
    if m:
        return [
            _number(m.group(1), bool(m.group(2)) or False),
            _number(m.group(3), bool(m.group(4))),
        ]
    m = NUMBER_THEN_WORD.match(text)
    if not m:
        return []
    unit = _known_unit(m.group(2)) if m.group(2) else None
    if m.group(2) and unit is None:
        return []
    number = _number(m.group(1), percent_column or "%" in m.group(1))
    number.unit = unit
    return [number]


def _number(raw: str, percent: bool) -> CellNumber:
    token = raw.replace("%", "").strip()
    parsed = parse_number(token, percent=percent or "%" in raw)
    return CellNumber(parsed.value if parsed.ok else None, raw.strip(), parsed.decimals, "%" in raw)


def _known_unit(word: str) -> str | None:
    folded = fold(word.strip().lower())
    return next((u for u in catalog.figure_units().units if fold(u.lower()) == folded), None)


def header_scale(label: str) -> int:
    """A header that counts in thousands or millions: `(ngàn HS)`, `ĐVT: nghìn lượt`."""
    m = _header_scale().search(label or "")
    return FIGURE_SCALES[m.group(1).lower()] if m else 1
