"""The numbers of a sentence: value, unit, qualifier, `a/b` partner, and whether each is a
figure at all (not a year, a date, a document number, a law's name or a label).

The digits are found by the one number grammar (normalizers/numbers.py); the units are the
catalog's (figure_units.toml), matched longest first as whole words, also without diacritics
when the sentence lost them (OCR, old fonts). A number whose unit is left out takes the unit
its list states once or its label names (`khiếu nại 257 đơn; tố cáo 10`, `Số lượt tiếp: 245`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

import regex

import catalog
from catalog.patterns import compiled
from extractors.finders.cues import petition_kinds
from extractors.finders.prose.non_figures import DATING, not_a_figure
from normalizers.numbers import (
    FIGURE_SCALES,
    number_tokens,
    parse_number,
    parse_number_words,
    qualifier_before,
    word_number_pattern,
)
from normalizers.text import alternation, fold

PERCENT = compiled(r"\s*%")
DATE_AFTER_PAIR = compiled(r"\s*/\s*\d")
LETTER_NEXT = compiled(r"\s*[\p{L}]")
ITEM_END_NEXT = compiled(r"\s*[,;)]")
CLAUSE_END_NEXT = compiled(r"\s*(?:[,;.()]|$)")
SPACES = compiled(r"\s+")


@dataclass
class Num:
    value: float | None
    raw: str
    start: int  # in the sentence
    end: int  # end of the number (before the unit)
    unit: str | None  # unit as written ("%" for percentages), None if none
    unit_end: int
    decimals: int = 0
    qualifier: str = "exact"
    ok: bool = True
    partner: Num | None = None  # the other side of an a/b pair
    is_numerator: bool = False
    skip: str | None = None  # why this is not a figure
    pair: Num | None = None  # the other side of an a/b as written (kept when not read as a part)
    visits: Num | None = None  # `1.236 lượt/1.311 người`: the visits these persons made
    borrowed: bool = False  # named only by the section heading or lead-in, not by its sentence


@dataclass(frozen=True)
class _Patterns:
    units: tuple[tuple[str, regex.Pattern], ...]  # longest first
    units_folded: tuple[tuple[str, regex.Pattern], ...]  # for text that lost its diacritics
    abbreviations: tuple[tuple[regex.Pattern, str], ...]
    scale: regex.Pattern
    word_number: regex.Pattern
    pair_join: regex.Pattern
    persons_join: regex.Pattern  # `14 lượt với 17 lượt người`
    label_unit: regex.Pattern
    label_unit_bare: regex.Pattern
    label_units: dict[str, str]  # lower-case -> as the catalog spells it
    reception_verb: regex.Pattern
    petition_type_after: regex.Pattern
    and_after: regex.Pattern


def _unit_patterns(units: tuple[str, ...], folded: bool) -> tuple[tuple[str, regex.Pattern], ...]:
    out = []
    for u in sorted(units, key=len, reverse=True):
        words = fold(u).split() if folded else u.lower().split()
        out.append((u, compiled(r"\s*" + r"\s+".join(map(regex.escape, words)) + r"(?![\p{L}\d])")))
    return tuple(out)


@cache
def _patterns() -> _Patterns:
    units = catalog.figure_units()
    words = catalog.table("prose.toml", "spans")
    scales = alternation(FIGURE_SCALES)
    not_reception = alternation(words["reception_verb_not_before"], folded=True)
    labels = units.kind("labels")
    return _Patterns(
        units=_unit_patterns(units.units, folded=False),
        units_folded=_unit_patterns(units.units, folded=True),
        abbreviations=tuple(
            (compiled(rf"\s*{regex.escape(short)}(?![\p{{L}}\d])"), unit)
            for short, unit in units.abbreviations.items()
        ),
        scale=compiled(rf"(?i)\s*({scales})(?![\p{{L}}])(?!\s+{regex.escape(units.money_unit)})"),
        word_number=word_number_pattern(units.kind("word_counts")),
        pair_join=compiled(
            rf"(?i)\s*(?:\([^()]*\)\s*)?(?:/|{alternation(words['pair_joins'])})\s*"
        ),
        persons_join=compiled(rf"(?i)\s*(?:{alternation(words['visits_persons_joins'])})\s+"),
        label_unit=compiled(
            rf"(?i)(?:^|[\s(])(?:{alternation(words['count_labels'])})\s+({alternation(labels)})"
            r"(?![\p{L}])[^:;]*:\s*$"
        ),
        label_unit_bare=compiled(
            rf"(?i)(?:^|[\s(])(?:{alternation(words['count_labels'])})\s+({alternation(labels)})"
            rf"(?![\p{{L}}])[^:;,.()\d]{{0,40}}?(?:\s+{alternation(words['label_copulas'])})?\s*$"
        ),
        label_units={u.lower(): u for u in labels},
        reception_verb=compiled(
            rf"(?<![\p{{L}}]){regex.escape(fold(words['reception_verb']))}"
            rf"(?!\s+(?:{not_reception})(?![\p{{L}}]))(?![\p{{L}}])"
        ),
        petition_type_after=compiled(
            rf"\s*(?:{alternation(petition_kinds(), folded=True, spaces=' ')})(?![\p{{L}}])"
        ),
        and_after=compiled(rf"\s*{regex.escape(catalog.table('prose.toml', 'words', 'and'))}\s"),
    )


def _lost_diacritics(sentence: str) -> bool:
    """A sentence of Vietnamese words with no diacritic at all was read without them."""
    if not sentence.isascii() and any(c.isalpha() and not c.isascii() for c in sentence):
        return False  # (most sentences: a letter with a diacritic comes within a few words)
    return sum(1 for c in sentence if c.isalpha()) > 15


def _unit_after(lowered: str, pos: int, folded_units: bool = False) -> tuple[str | None, int]:
    rest = lowered[pos : pos + 40]
    m = PERCENT.match(rest)
    if m:
        return "%", pos + m.end()
    p = _patterns()
    units = p.units_folded if folded_units else p.units
    m = _any_unit(units).match(rest)
    if m:
        return units[(m.lastindex or 1) - 1][0], pos + m.end()
    for short, unit in p.abbreviations:
        m = short.match(rest)
        if m:
            return unit, pos + m.end()
    return None, pos


@cache
def _any_unit(units: tuple[tuple[str, regex.Pattern], ...]) -> regex.Pattern:
    """The unit patterns as one alternation, a group each: after the spaces every one starts
    with a word, so the first that matches is the one a loop over them would stop at."""
    assert all(pattern.pattern.startswith(r"\s*") for _, pattern in units)
    return compiled(r"\s*(?:" + "|".join(f"({pat.pattern[3:]})" for _, pat in units) + ")")


def _number_at(sentence: str, m: regex.Match, lowered: str, folded: str, no_marks: bool) -> Num:
    """The figure of one numeric token, with its scale word and unit."""
    raw = m.group(0)
    start, end = m.start(), m.end()
    parsed = parse_number(raw, percent=bool(PERCENT.match(sentence[end : end + 3])))
    value, decimals = parsed.value, parsed.decimals
    scale = _patterns().scale.match(sentence, end)
    unit, unit_end = _unit_after(lowered, scale.end() if scale else end, no_marks)
    if scale and unit is not None and value is not None:
        factor = FIGURE_SCALES[scale.group(1).lower()]
        value = round(value * factor, 6)
        decimals = max(0, decimals - len(str(factor)) + 1)
    elif scale:
        unit, unit_end = None, end
    qualifier = qualifier_before(sentence[max(0, start - 25) : start])
    n = Num(value, raw, start, end, unit, unit_end, decimals, qualifier, parsed.ok)
    n.skip = not_a_figure(sentence, folded, start, end, raw)
    return n


def numbers_in(sentence: str, lead_unit: str | None = None) -> list[Num]:
    """Every number of the sentence with its unit, qualifier and a/b partner; `lead_unit` is
    the unit of the count a lead-in before the sentence ended on (`công bố 356 TTHC, trong
    đó:` before `TTHC mới ban hành 98; sửa đổi, bổ sung 147`), which its list shares."""
    folded = fold(sentence)
    lowered = sentence.lower()
    no_marks = _lost_diacritics(sentence)
    nums = [_number_at(sentence, m, lowered, folded, no_marks) for m in number_tokens(sentence)]
    for m in _patterns().word_number.finditer(sentence):
        value = parse_number_words(m.group(1))
        if value is None:
            continue
        unit, unit_end = _unit_after(lowered, m.end())
        qualifier = qualifier_before(sentence[max(0, m.start() - 25) : m.start()])
        nums.append(Num(value, m.group(1), m.start(), m.end(), unit, unit_end, qualifier=qualifier))
    nums.sort(key=lambda n: n.start)
    _pair_ratios(sentence, nums)
    _persons_joined_to_visits(sentence, nums)
    _inherit_units(sentence, nums, lead_unit)
    return nums


LEAD_TAIL = 12  # characters at most between a lead-in's count and its colon (`, trong đó:`)
NOT_A_WORD = compiled(r"[^\p{L}\s]")
OUTLINE_NUMBER = compiled(r"^\s*\d{1,2}(?:\.\d{1,2})*[.)](?!\d)")


def lead_unit(lead: str, sentence: str) -> str | None:
    """The unit of the count a lead-in ends on (`công bố 356 TTHC, trong đó:`), if it does,
    for the sentence after it (not for a heading's number: `2.1. Tiếp thường xuyên`)."""
    if not lead.rstrip().endswith(":") or OUTLINE_NUMBER.match(sentence):
        return None
    return _unit_ended_on(lead)


@lru_cache(maxsize=256)
def _unit_ended_on(lead: str) -> str | None:
    """(Once per lead-in: every item of its list asks.)"""
    nums = [n for n in numbers_in(lead) if not n.skip]
    last = nums[-1] if nums else None
    if last is None or last.unit in (None, "%"):
        return None
    tail = lead[last.unit_end :].strip(" ,:")
    return last.unit if len(tail) <= LEAD_TAIL and not NOT_A_WORD.search(tail) else None


OWN_WORDS = 6  # words at most after a number's unit that can be its item's own label
NEXT_ITEM = compiled(r"[,;:.(]|\s+\d")


def words_after(sentence: str, n: Num) -> str:
    """The words after a number's unit up to the next punctuation, aside or number (and the
    `và` before it), when they are few enough to be its item's label (`10 vụ sai`, `02 vụ
    công dân rút đơn`)."""
    end = n.unit_end if n.unit else n.end
    stop = NEXT_ITEM.search(sentence, end)
    words = sentence[end : stop.start() if stop else len(sentence)].split()
    if words and words[-1] == catalog.table("prose.toml", "words", "and"):
        words = words[:-1]  # (`54 phiếu bình thường và 12 phiếu ...`)
    return " ".join(words) if len(words) <= OWN_WORDS else ""


def _pair_ratios(sentence: str, nums: list[Num]) -> None:
    """`219/260 vụ việc`, `176 đơn/221 đơn`: the smaller is the part, the larger the whole; also
    across the part's breakdown: `176 đơn (160 khiếu nại, 16 tố cáo)/221 đơn`.
    A reception count and its persons are two figures, not a part of a whole: in `866 lượt/964
    lượt người` and `05 lượt đoàn/75 lượt người` the second counts persons, and in `tiếp
    thường xuyên 161/201 người` the first counts visits."""
    units = catalog.figure_units()
    for i, a in enumerate(nums):
        if a.skip or a.value is None:
            continue
        join = _patterns().pair_join.match(sentence, a.unit_end if a.unit else a.end)
        b = next((n for n in nums[i + 1 :] if join and n.start >= join.end()), None)
        if join is None or b is None or b.start != join.end() or b.skip or b.value is None:
            continue  # `219/260 vụ việc`, `41 trên tổng số 45 đơn`
        if a.unit in units.kind("visits") and b.unit in units.kind("visits_of_persons"):
            b.unit = units.kind("persons")[0]
            b.visits = a
            continue
        if a.unit in units.kind("visits") and b.unit in units.kind("persons"):
            b.visits = a  # `45 lượt/52 người`: two counts of different things, one reception
            continue
        if a.unit in units.kind("delegations") and b.unit in units.kind("delegation_persons"):
            b.visits = a  # `06 đoàn/173 người`: the persons the delegations brought
            continue
        if a.unit is None and b.unit in units.kind("persons") and _reception_before(sentence, a):
            a.unit = units.kind("visits")[0]
            continue
        if (
            a.unit is None
            and b.unit in units.kind("visits_of_persons")
            and _reception_before(sentence, a)
        ):
            # `tiếp 19/23 lượt người`: the unit shared by both sides, visits over persons
            a.unit, b.unit, b.visits = units.kind("visits")[0], units.kind("persons")[0], a
            continue
        if DATE_AFTER_PAIR.match(sentence[b.end : b.end + 4]):
            continue  # a date d/m/y
        if a.unit and b.unit and units.counts(a.unit) != units.counts(b.unit):
            continue  # `45 lượt/52 người`: two counts of different things, not a part of a whole
        _make_pair(a, b)


def _persons_joined_to_visits(sentence: str, nums: list[Num]) -> None:
    """`tiếp 14 lượt với 17 lượt người`: the visits of persons right after visits, joined by
    `với`, count the persons of those visits."""
    units = catalog.figure_units()
    for a, b in zip(nums, nums[1:], strict=False):
        if a.unit not in units.kind("visits") or b.unit not in units.kind("visits_of_persons"):
            continue
        join = _patterns().persons_join.match(sentence, a.unit_end)
        if join is not None and join.end() == b.start and b.visits is None:
            b.unit, b.visits = units.kind("persons")[0], a


def _make_pair(a: Num, b: Num) -> None:
    """`a/b`: the smaller is the part, the larger the whole (`257 đơn/219 đơn` after `Kết quả
    giải quyết`: the total first); but a bare `a/b` with one unit is part over whole as
    written (`đã giải quyết 06/05 đơn` states more resolved than due: the check says so)."""
    if a.value is None or b.value is None:
        return
    as_written = a.unit is None
    unit = b.unit or a.unit
    a.unit = a.unit or unit
    b.unit = b.unit or unit
    part, whole = (a, b) if a.value <= b.value or as_written else (b, a)
    part.partner, whole.partner = whole, part
    part.pair, whole.pair = whole, part
    part.is_numerator = True


def _reception_before(sentence: str, n: Num) -> bool:
    """The clause before a number speaks of receiving citizens (`tiếp thường xuyên 161/201
    người`)."""
    return bool(_patterns().reception_verb.search(fold(sentence[max(0, n.start - 40) : n.start])))


def _unit_of_label(sentence: str, n: Num) -> str | None:
    """The unit a `label: N` list item names in its label (`số đoàn đông người: 4` → đoàn),
    or a label the figure closes without a colon (`Tổng số đơn 12 (...)`, `Số vụ hòa giải là
    15, ...`), or whose aside it opens (`Số vụ việc đã giải quyết (41/45) đạt 91,11%`): the
    figure then ends its clause."""
    before = sentence[: n.start]
    cut = max(before.rfind(";"), before.rfind("."), before.rfind("("), before.rfind("\n"))
    m = _patterns().label_unit.search(before[cut + 1 :])
    if not m and CLAUSE_END_NEXT.match(sentence, n.end):
        m = _patterns().label_unit_bare.search(before[cut + 1 :])
    if not m and before[cut:].strip() == "(" and _a_pair_aside(sentence, n):
        head = before[:cut]
        start = max(head.rfind(";"), head.rfind("."), head.rfind("("), head.rfind("\n"))
        m = _patterns().label_unit_bare.search(head[start + 1 :])
    if not m:
        return None
    word = SPACES.sub(" ", m.group(1)).lower()
    return _patterns().label_units.get(word, word)


def _a_pair_aside(sentence: str, n: Num) -> bool:
    """`(41/45)`: the number and its pair partner are the whole aside."""
    return n.partner is not None and sentence[n.partner.end :].lstrip().startswith(")")


def _inherit_units(sentence: str, nums: list[Num], lead_unit: str | None = None) -> None:
    """A number in a list takes the unit the list states once: `khiếu nại 257 đơn; tố cáo 10`,
    or the unit its own label names: `Số lượt tiếp: 245`."""
    petitions = catalog.figure_units().kind("petitions")
    # (a lead-in's unit is the list's when no item names one: `Tổ ấp Lý Lịch 1: 02 vụ` names it)
    last = lead_unit if not any(n.unit for n in nums if not n.skip) else None
    for i, n in enumerate(nums):
        if n.skip:
            continue
        if n.unit:
            last = n.unit if n.unit != "%" else last
            continue
        labelled = _unit_of_label(sentence, n)
        if labelled:
            n.unit = last = labelled
            continue
        before = next((m for m in reversed(nums[:i]) if m.skip not in DATING), None)
        if before is not None and before.unit is None:
            last = None  # `đường tỉnh 884 và cầu Rạch Miễu 2`: a number of no list breaks it
            # (a date or period between counts breaks nothing: `(... cùng kỳ năm 2022), ...`)
        if (
            last
            and not LETTER_NEXT.match(sentence[n.end : n.end + 2])
            or (last and ITEM_END_NEXT.match(sentence[n.end : n.end + 2]))
            or (last in petitions and _patterns().and_after.match(sentence[n.end : n.end + 5]))
        ):
            n.unit = last  # `(KN 76, TC 143 và kiến nghị 3.448 đơn)`: an item before `và` too
        elif last in petitions and _patterns().petition_type_after.match(
            fold(sentence[n.end : n.end + 20])
        ):
            n.unit = last  # `221 đơn (196 khiếu nại, 25 tố cáo)`: a count of petitions by kind
