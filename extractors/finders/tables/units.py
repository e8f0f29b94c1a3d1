"""The unit a table header or row label states: `(lượt)`, `ĐVT: đơn`, `Tỷ lệ ...` (%), the
noun after `Số`/`Tổng số` (`Số đoàn đông người`), a unit its activity implies (`tiếp định
kỳ` → kỳ), else the first unit word that is not an actor or a place."""

from __future__ import annotations

from functools import cache

import regex

import catalog
from extractors.finders.cues import any_cue
from extractors.finders.tables.vocabulary import implied_units, words
from normalizers.text import fold

UNIT_IN_PARENS = regex.compile(r"\(\s*(?:đơn vị tính|đvt)?\s*:?\s*([^()]{1,25}?)\s*\)", regex.I)
UNIT_AFTER_WORD = regex.compile(r"(?i)(?:đơn\s+vị\s+tính|đvt)\s*:\s*([\p{L} /]{1,25})")
COUNT_HEAD = regex.compile(r"(?i)(?<![\p{L}])(?:tổng\s+số\s+lượng|tổng\s+số|số\s+lượng|số)\s+")
RATE_WORD = regex.compile(r"(?<![\p{L}])(tỷ lệ|tỉ lệ)(?![\p{L}])|%")


def unit_of_label(label: str) -> str | None:
    """The unit a header or row label states, None when it states none."""
    f = _without_false_units(label.lower())
    for m in list(UNIT_IN_PARENS.finditer(f)) + list(UNIT_AFTER_WORD.finditer(f)):
        unit = unit_word_at_start(m.group(1).strip())
        if unit or "%" in m.group(1):
            return unit or "%"
    if RATE_WORD.search(f):
        return "%"
    for m in COUNT_HEAD.finditer(f):
        unit = unit_word_at_start(f[m.end() :]) or counted_noun_at_start(f[m.end() :])
        if unit:
            return unit
    folded = fold(f)
    for phrase, unit in implied_units().items():
        if any_cue(folded, (phrase,)):
            return unit
    return _first_unit_word(f)


def _without_false_units(lowered: str) -> str:
    for phrase in words("not_units", "phrases"):
        lowered = regex.sub(r"(?<![\p{L}])" + regex.escape(phrase) + r"(?![\p{L}])", " ", lowered)
    return lowered


def _first_unit_word(lowered: str) -> str | None:
    best: tuple[int, str] | None = None
    for unit in _units_longest_first():
        if unit in catalog.figure_units().kind("not_in_headers"):
            continue
        m = regex.search(r"(?<![\p{L}])" + regex.escape(unit.lower()) + r"(?![\p{L}])", lowered)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), unit)
    return best[1] if best else None


@cache
def _units_longest_first() -> tuple[str, ...]:
    return tuple(sorted(catalog.figure_units().units, key=len, reverse=True))


def counted_noun_at_start(text: str) -> str | None:
    """`Số tổ hòa giải`, `Số hòa giải viên`: a count of something no metric counts."""
    folded = fold(text)
    for noun in words("not_units", "counted_nouns"):
        if regex.match(regex.escape(fold(noun)) + r"(?![\p{L}])", folded):
            return noun
    return None


def unit_word_at_start(text: str) -> str | None:
    for unit in _units_longest_first():
        if regex.match(regex.escape(unit.lower()) + r"(?![\p{L}])", text.lower()):
            return catalog.figure_units().header_synonyms.get(unit, unit)
    return None


def canonical_unit(unit: str | None) -> str | None:
    """A unit as the catalog names it (`Vụ, việc` → `vụ việc`, `%` from `tỷ lệ %`)."""
    if unit is None:
        return None
    u = " ".join(unit.strip().lower().replace(",", " ").split())
    if not u:
        return None
    for known in catalog.figure_units().units:
        if fold(known) == fold(u):
            return known
    return "%" if "%" in u else unit_word_at_start(u) or unit


def split_units(unit: str | None) -> list[str | None]:
    """`lượt/người` → [`lượt`, `người`]: the units of the two sides of an `a/b` value."""
    if not unit or "/" not in unit:
        return [unit]
    return [canonical_unit(u) for u in unit.split("/")]


def stated_table_unit(caption: str) -> str | None:
    """`Đơn vị tính: hồ sơ` over a table: the unit of every column that names none."""
    m = UNIT_AFTER_WORD.search(caption.lower())
    return unit_word_at_start(m.group(1).strip()) if m else None


def counted_unit(context: str) -> str | None:
    """What a table about procedures counts when no header says: `Kết quả giải quyết thủ tục
    hành chính | Tổng | Đã xử lý` counts dossiers."""
    f = fold(context)
    if any_cue(f, ("hồ sơ",)) or (
        any_cue(f, ("thủ tục hành chính", "tthc"))
        and any_cue(f, ("giải quyết", "tiếp nhận", "xử lý"))
    ):
        return "hồ sơ"
    return None
