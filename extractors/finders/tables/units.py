"""The unit a table header or row label states: `(lượt)`, `ĐVT: đơn`, `Tỷ lệ ...` (%), the
noun after `Số`/`Tổng số` (`Số đoàn đông người`), a unit its activity implies (`tiếp định
kỳ` → kỳ), else the first unit word that is not an actor or a place."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

import regex

import catalog
from catalog.patterns import compiled
from extractors.finders.cues import any_cue
from extractors.finders.tables.vocabulary import implied_units, words
from normalizers.text import alternation, fold


@dataclass(frozen=True)
class _Patterns:
    unit_in_parens: regex.Pattern
    unit_after_word: regex.Pattern
    count_head: regex.Pattern
    rate_word: regex.Pattern
    false_units: tuple[regex.Pattern, ...]
    units: tuple[tuple[str, regex.Pattern], ...]  # longest first, as whole words (lower case)
    unit_starts: tuple[tuple[str, regex.Pattern], ...]  # longest first, at the start
    counted_nouns: tuple[tuple[str, regex.Pattern], ...]  # folded, at the start


@cache
def _patterns() -> _Patterns:
    labels = catalog.table("table_headers.toml", "unit_labels")
    words_ = labels["words"]
    units = tuple(sorted(catalog.figure_units().units, key=len, reverse=True))
    return _Patterns(
        unit_in_parens=compiled(
            rf"\(\s*(?:{alternation(words_, spaces=' ')})?\s*:?\s*([^()]{{1,25}}?)\s*\)",
            regex.I,
        ),
        unit_after_word=compiled(rf"(?i)(?:{alternation(words_)})\s*:\s*([\p{{L}} /]{{1,25}})"),
        count_head=compiled(rf"(?i)(?<![\p{{L}}])(?:{alternation(labels['count_heads'])})\s+"),
        rate_word=compiled(
            rf"(?<![\p{{L}}])({alternation(labels['rate_words'], spaces=' ')})(?![\p{{L}}])|%"
        ),
        false_units=tuple(
            compiled(r"(?<![\p{L}])" + regex.escape(phrase) + r"(?![\p{L}])")
            for phrase in words("not_units", "phrases")
        ),
        units=tuple(
            (u, compiled(r"(?<![\p{L}])" + regex.escape(u.lower()) + r"(?![\p{L}])")) for u in units
        ),
        unit_starts=tuple((u, compiled(regex.escape(u.lower()) + r"(?![\p{L}])")) for u in units),
        counted_nouns=tuple(
            (noun, compiled(regex.escape(fold(noun)) + r"(?![\p{L}])"))
            for noun in words("not_units", "counted_nouns")
        ),
    )


@lru_cache(maxsize=8192)
def unit_of_label(label: str) -> str | None:
    """The unit a header or row label states, None when it states none."""
    unit = stated_unit(label)
    if unit:
        return unit
    f = _without_false_units(label.lower())
    folded = fold(f)
    for phrase, implied in implied_units().items():
        if any_cue(folded, (phrase,)):
            return implied
    return _first_unit_word(f)


@lru_cache(maxsize=8192)
def stated_unit(label: str) -> str | None:
    """The unit a label states outright (`Lượt/Người`, `(lượt)`, `Số lượt`), not one a word of
    it happens to be (`Định kỳ`)."""
    f = _without_false_units(label.lower())
    pair = _unit_pair(f)
    if pair:
        return pair
    p = _patterns()
    for m in list(p.unit_in_parens.finditer(f)) + list(p.unit_after_word.finditer(f)):
        unit = unit_word_at_start(m.group(1).strip())
        if unit or "%" in m.group(1):
            return unit or "%"
    if p.rate_word.search(f):
        return "%"
    for m in p.count_head.finditer(f):
        unit = unit_word_at_start(f[m.end() :]) or counted_noun_at_start(f[m.end() :])
        if unit:
            return unit
    return None


UNIT_PAIR = compiled(r"(\p{L}+(?:\s+\p{L}+)?)\s*/\s*(\p{L}+(?:\s+\p{L}+)?)")


def _unit_pair(lowered: str) -> str | None:
    """`Lượt/Người`, `(Đoàn/Người)`, `Số buổi/Số lượt`: the units of the two sides of the
    column's `a/b` cells."""
    for m in UNIT_PAIR.finditer(lowered):
        words_before = m.group(1).split()
        first = next(
            (
                u
                for k in (2, 1)
                if len(words_before) >= k
                and (u := unit_word_at_start(" ".join(words_before[-k:])))
                and " ".join(words_before[-k:]) == u.lower()
            ),
            None,
        )
        head = _patterns().count_head.match(m.group(2))  # (`Số buổi/Số lượt`)
        second = unit_word_at_start(m.group(2)[head.end() :] if head else m.group(2))
        if first and second and first != second:
            return f"{first}/{second}"
    return None


def _without_false_units(lowered: str) -> str:
    for phrase in _patterns().false_units:
        lowered = phrase.sub(" ", lowered)
    return lowered


def _first_unit_word(lowered: str) -> str | None:
    best: tuple[int, str] | None = None
    not_in_headers = catalog.figure_units().kind("not_in_headers")
    for unit, pattern in _patterns().units:
        if unit in not_in_headers:
            continue
        m = pattern.search(lowered)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), unit)
    return best[1] if best else None


def counted_noun_at_start(text: str) -> str | None:
    """`Số tổ hòa giải`, `Số hòa giải viên`: a count of something no metric counts."""
    folded = fold(text)
    for noun, pattern in _patterns().counted_nouns:
        if pattern.match(folded):
            return noun
    return None


def unit_word_at_start(text: str) -> str | None:
    lowered = text.lower()
    for unit, pattern in _patterns().unit_starts:
        if pattern.match(lowered):
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
    m = _patterns().unit_after_word.search(caption.lower())
    return unit_word_at_start(m.group(1).strip()) if m else None


def counted_unit(context: str) -> str | None:
    """What a table about procedures counts when no header says: `Kết quả giải quyết thủ tục
    hành chính | Tổng | Đã xử lý` counts dossiers."""
    f = fold(context)
    counted = catalog.table("table_headers.toml", "counted_unit")
    if any_cue(f, tuple(counted["named_by"])) or (
        any_cue(f, tuple(counted["procedures"])) and any_cue(f, tuple(counted["actions"]))
    ):
        return counted["unit"]
    return None


def up_to_unit(text: str, unit: str) -> str:
    """The text up to the last figure it states in the unit (`tiếp 38 lượt/52 người với 33 vụ
    việc; trong đó có 01 đoàn đông người`: the cases are no crowd's), all of it without one."""
    found = list(compiled(rf"\d\s*{regex.escape(fold(unit))}(?![\p{{L}}])").finditer(fold(text)))
    return text[: found[-1].end()] if found else text
