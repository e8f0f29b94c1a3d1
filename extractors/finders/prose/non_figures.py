"""Digits in a sentence that count nothing: why a number is no figure at all.

Reports are full of digits that are not figures: document numbers (`159/KH-UBND`), ranges
(`2021-2025`), references (`Nghị định 61`, `khoản 2`), dates and periods (`tháng 6`,
`06/5/2022`), years, level labels (`mức độ 4`), list labels (`1.`, `a)`), digits glued to a
word (`COVID19`), ages, and numbers followed by a unit that is not ours (`60 tuổi`, `5 ha`).
The words are the catalog's (number_roles.toml [not_figure], figure_units.toml).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

import catalog
from catalog.patterns import compiled
from normalizers.text import LIST_LETTERS, alternation, fold

DOCUMENT_NUMBER = compiled(r"\s*[/-]\s*\p{Lu}")
DOCUMENT_NUMBER_PART = compiled(r"/\d+/")
RANGE_AFTER = compiled(r"\s*-\s*\d")
RANGE_BEFORE = compiled(r"\d\s*-\s*$")
YEAR = compiled(r"(19|20)\d{2}")
DAY_MONTH_AFTER = compiled(r"\s*/\s*\d{1,2}\s*/")
DAY_BEFORE = compiled(r"\d{1,2}\s*/\s*$")
YEAR_AFTER = compiled(r"\s*/\s*\d{4}")
DATE_PART_BEFORE = compiled(r"(?i)\d\s*[/-]\s*$")
DATE_PART_AFTER = compiled(r"\s*[/-]")
DAY_MONTH = compiled(r"\s*/\s*(?:0?[1-9]|1[0-2])(?!\d)")
LABEL_MARK = compiled(r"\s*(\)|\.)\s")
LABEL_START = compiled(r"[.)]\s")
LETTER_LABEL_AFTER = compiled(rf"\s*[{LIST_LETTERS}]?\)")
LABEL_BEFORE = compiled(r"(^|[\s(])$")
LETTER_BEFORE = compiled(r"[\p{L}]$")
SPACE_BEFORE = compiled(r"\s$")


@dataclass(frozen=True)
class _Patterns:
    reference: regex.Pattern
    date_word: regex.Pattern
    count_after_date_word: regex.Pattern
    count_after_year: regex.Pattern
    month_of_date: regex.Pattern
    level: regex.Pattern
    place: regex.Pattern
    any_unit_after: regex.Pattern
    counted_after: regex.Pattern
    level_list: regex.Pattern
    age: regex.Pattern
    ages_folded: tuple[str, ...]
    not_our_units: tuple[regex.Pattern, ...]
    date_listed: regex.Pattern  # a date and a list's separator before a day (`20/7, `)
    month_listed: regex.Pattern  # ... and that day before a month (`20/7, 21/`)


@cache
def _patterns() -> _Patterns:
    words = catalog.table("number_roles.toml", "not_figure")
    units = catalog.figure_units()

    def lit(key: str) -> str:
        return alternation(words[key], spaces=" ")

    total, number = lit("total_words"), regex.escape(words["number_word"])
    and_word = regex.escape(catalog.table("prose.toml", "words", "and"))

    def counts(kind: str) -> regex.Pattern:
        return compiled(rf"\s*({alternation(units.kind(kind), spaces=' ')}|%)")

    return _Patterns(
        reference=compiled(
            rf"(?i)(?<!(?:{total})\s)(?<![\p{{L}}])({lit('references')})\s*({number}\s*)?$"
        ),
        date_word=compiled(rf"(?i)({lit('dates')})\s*$"),
        date_listed=compiled(
            rf"\d{{1,2}}\s*/\s*\d{{1,2}}(?:\s*/\s*\d{{2,4}})?\s*(?:,|{and_word})\s*$"
        ),
        month_listed=compiled(
            rf"\d{{1,2}}\s*/\s*\d{{1,2}}(?:\s*/\s*\d{{2,4}})?\s*(?:,|{and_word})\s*\d{{1,2}}\s*/\s*$"
        ),
        count_after_date_word=counts("after_date_word"),
        count_after_year=counts("after_year"),
        month_of_date=compiled(rf"(?i)(?<![\p{{L}}])({lit('date_starts')})\s+\d{{1,2}}\s*/\s*$"),
        level=compiled(rf"(?i)({lit('levels')})\s*$"),
        # (`các chi bộ thôn 01`: places of a kind, in the plural, name none: the count of them)
        place=compiled(
            rf"(?i)(?<![\p{{L}}])(?<!(?<![\p{{L}}])(?:{lit('plural')})"
            rf"(?:\s+(?!(?:{lit('place_of')})(?![\p{{L}}]))\p{{L}}+){{0,2}}\s+)"
            rf"({lit('places')})\s*$"
        ),
        counted_after=compiled(rf"(?i)(?<![\p{{L}}])({lit('counted_after')})\s*$"),
        any_unit_after=compiled(
            rf"(?i)\s*(?:{alternation(units.units, spaces=' ')}|%)(?![\p{{L}}])"
        ),
        level_list=compiled(
            rf"(?i)({lit('level_lists')})(?:\s*\d{{1,2}}\s*(?:,|{and_word}|-|/))+\s*$"
        ),
        age=compiled(rf"(?i)({lit('age')})\s*$"),
        ages_folded=tuple(fold(w) for w in words["age"]),
        not_our_units=tuple(
            compiled(r"\s*" + regex.escape(fold(u)) + r"(?![\p{L}])") for u in units.not_figure
        ),
    )


def not_a_figure(sentence: str, folded: str, start: int, end: int, raw: str) -> str | None:
    """Why the number at start..end of the sentence is no figure, or None when it is one."""
    before = sentence[max(0, start - 30) : start]
    after = sentence[end : end + 25]
    return (
        _document_or_date(before, after, raw)
        or _label(sentence, folded, start, end, before, after)
        or _glued_or_age(before, folded[max(0, start - 30) : start])
    )


# the reasons a number is no figure that date its clause (a list's unit runs across them)
DATE_OR_PERIOD, YEAR_NUMBER = "date or period", "year"
DATING = (DATE_OR_PERIOD, YEAR_NUMBER)


def _document_or_date(before: str, after: str, raw: str) -> str | None:
    p = _patterns()
    if DOCUMENT_NUMBER.match(after) or DOCUMENT_NUMBER_PART.match(after):
        return "document number"
    if RANGE_AFTER.match(after) or RANGE_BEFORE.search(before):
        return "range"
    if p.reference.search(before) and not (
        p.counted_after.search(before) and p.any_unit_after.match(after)
    ):
        return "reference"  # (`theo kế hoạch 47 cuộc`: a count of planned inspections)
    if p.date_word.search(before) and "." not in raw and "," not in raw:
        if not p.count_after_date_word.match(after):
            return DATE_OR_PERIOD
    if YEAR.fullmatch(raw) and not p.count_after_year.match(after):
        return YEAR_NUMBER
    if (
        DAY_MONTH_AFTER.match(after)
        or DAY_BEFORE.search(before)
        and YEAR_AFTER.match(after)
        or DATE_PART_BEFORE.search(before)
        and DATE_PART_AFTER.match(after)
    ):
        return "date"
    if raw.isdigit() and int(raw) <= 12 and p.month_of_date.search(before):
        return "date"  # the month of `từ 25/9 đến 15/10`
    if raw.isdigit() and int(raw) <= 31 and p.date_listed.search(before) and DAY_MONTH.match(after):
        return "date"  # `(các ngày 20/7, 21/8 và 20/9/2023)`: a day listed after a date
    if raw.isdigit() and int(raw) <= 12 and p.month_listed.search(before):
        return "date"  # (its month)
    return None


def _label(sentence: str, folded: str, start: int, end: int, before: str, after: str) -> str | None:
    p = _patterns()
    if p.level.search(before):
        return "level label"
    if p.level_list.search(before) and not p.any_unit_after.match(after):
        return "level label"  # `mức độ 3, 4`, `(cột 3, 4, 5)`, not `mức độ 3, 4 và 12 dịch vụ`
    if p.place.search(before) and not p.any_unit_after.match(after):
        return "place name"  # (`của phường 23 lượt`: a count of the ward's)
    if any(unit.match(folded, end) for unit in p.not_our_units):
        return "not our unit"
    if LABEL_MARK.match(sentence[end : end + 3]) and start < 4:
        return "list label"
    if start == 0 and LABEL_START.match(after):
        return "list label"
    if LETTER_LABEL_AFTER.match(after) and LABEL_BEFORE.search(before) and start < 3:
        return "list label"
    return None


def _glued_or_age(before: str, folded_before: str) -> str | None:
    if LETTER_BEFORE.search(before) and not SPACE_BEFORE.search(before):
        return "glued to a word"
    p = _patterns()
    if any(folded_before.endswith(a) for a in p.ages_folded) or p.age.search(before):
        return "age"
    return None
