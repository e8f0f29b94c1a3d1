"""The lists of a sentence: which figure each breaks down (the structure stage).

Reports break a figure down in lists: `tiếp nhận 57 vụ việc, gồm: đất đai 20 vụ; hôn nhân 15
vụ; ...`, `tổng số 1.510 TTHC, trong đó cấp tỉnh 1.120, cấp huyện 270`, a list opening the
next sentence (`Gồm: ...`), or a parenthesis after the figure. Each list has a head (the
figure it breaks down, or None when the head is the last figure of the sentence before), a
lead-in word that says whether the parts claim to be the whole (`gồm`) or only some of it
(`trong đó`), and items: a label and a number, the unit often named once for the list
(`29 tập thể, 26 cá nhân`). An item whose label ends in an outcome of a resolution (`đúng`,
`sai`, `rút đơn`) is no part of the figure. The words are the catalog's (structure.toml).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Protocol

import regex

import catalog
from catalog.patterns import compiled
from extractors.finders.prose import list_heads
from extractors.finders.prose.item_labels import item_label, label_after
from extractors.finders.prose.list_heads import head_before, summed_head, whole_stated_first
from extractors.finders.prose.list_spans import (
    breaks_the_item_before,
    comma_after_a_counted_whole,
    ends_its_clause_figureless,
    figureless_aside,
    follows_its_figure,
    has_digit,
    item_spans,
    list_end,
    top_level_semicolons,
)
from extractors.finders.prose.spans import Num
from extractors.finders.prose.superlatives import MARK as SUPERLATIVE
from extractors.finders.prose.superlatives import superlative_leads
from model import Fact
from normalizers.text import fold

OPENER = compiled(r"\(|:")
LETTER = compiled(r"\p{L}")
DIGIT_NEXT = compiled(r"\s*\d")
NON_FIGURE_DIGITS = compiled(r"\d+(?:[.,]\d+)*(?!\s*%|[.,]?\d)")


@dataclass
class Item:
    label: str
    num: Num
    outcome: bool = False
    nums: list[Num] = field(default_factory=list)  # all of the item's (`141/163 đơn, đạt 86,5%`)
    after_semicolon: bool = False  # `; hòa giải thành 24 vụ`: may open a clause of its own
    after_and: bool = False  # `... và 04 UBND cấp xã`: the list's last item


class SentenceReader(Protocol):
    """What the structure stage asks of the finder that read the sentence."""

    def make_fact(self, metric: str, num: Num) -> Fact: ...

    def names(self, label: str, num: Num) -> str | None: ...

    def names_under(self, label: str, num: Num, head: Num) -> str | None: ...

    def excluded(self, num: Num, metric: str) -> bool: ...

    def rate_metric(self, metric: str) -> str | None: ...


@dataclass
class Breakdown:
    lead: str
    complete: bool
    start: int  # where the lead-in word starts in the sentence
    head: Num | None
    items: list[Item] = field(default_factory=list)
    named: str | None = None  # `Trong số đơn đã giải quyết có ...`: the whole named, not stated


@cache
def _and_before() -> regex.Pattern:
    """`và` right before an item: the last item of its list."""
    return compiled(
        rf"(?<![\p{{L}}]){regex.escape(catalog.table('prose.toml', 'words', 'and'))}\s*$"
    )


@cache
def _lead_pattern() -> regex.Pattern:
    data = catalog.toml("structure.toml")["lead_in"]
    words = sorted(data["complete"] + data["partial"], key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(map(regex.escape, fold(w).split())) for w in words)
    return compiled(r"(?<![\p{L}])(" + alternatives + r")(?![\p{L}])\s*:?")


@cache
def _complete_words() -> frozenset[str]:
    return frozenset(fold(w) for w in catalog.toml("structure.toml")["lead_in"]["complete"])


@cache
def _outcome_pattern() -> regex.Pattern:
    outcome = catalog.toml("structure.toml")["outcome"]  # (with tones: `dựng` is no `đúng`)
    words = sorted(outcome["words"], key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(map(regex.escape, w.lower().split())) for w in words)
    rated = "|".join(map(regex.escape, outcome["rated"]))
    return compiled(rf"(?<![\p{{L}}])(?<!(?:{rated})\s+)(?:{alternatives})\s*$")


def breakdowns(text: str, nums: list[Num], bare_list: bool = False) -> list[Breakdown]:
    """The lists of a sentence, each with its head and items; with `bare_list`, a sentence of
    nothing but items (`Cấp tỉnh 04 cuộc; cấp huyện 23 cuộc; cấp xã 159 cuộc.`) is one too."""
    folded = fold(text)
    out: list[Breakdown] = []
    words = list(_lead_pattern().finditer(folded))
    # `gồm:`: the colon belongs to the lead word, it opens no list of its own
    bare = [
        o
        for o in _bare_openers(text, nums)
        if not any(
            w.start() <= o.start() < w.end()
            # `chia theo lĩnh vực:`: the colon ends the lead-in's own words
            or (w.end() <= o.start() and not has_digit(text, w.end(), o.start()))
            for w in words
        )
    ]
    named = [n for n in _named_openers(text, folded) if not _inside(n, words)]
    named += [_Named(s, e, SUPERLATIVE, w) for s, e, w in superlative_leads(text, folded)]
    bare += [_Opener(c, c + 1, ",") for c in comma_after_a_counted_whole(folded, nums)]
    every: list[_Opener | regex.Match[str]] = [*words, *bare, *named]
    leads = sorted(
        [m for m in every if not ends_its_clause_figureless(text, m)], key=lambda m: m.start()
    )
    for k, m in enumerate(leads):
        end = list_end(text, m.start() + (1 if m.group(1) == "(" else 0))
        for nxt in leads[k + 1 :]:
            if not _nested(text, nxt, end, nums) and not figureless_aside(text, nxt):
                end = min(end, nxt.start())  # the next lead-in opens a list of its own
                break
        items = _items(text, folded, m.end(), end, nums)
        if not items:
            continue
        lead = " ".join(m.group(1).split())
        if isinstance(m, _Named):
            out.append(Breakdown(lead, False, m.start(), None, items, named=m.label))
            continue
        stated = whole_stated_first(text, [(i.label, i.num) for i in items])
        if stated is not None:  # `theo loại đơn, trong 83 đơn thuộc thẩm quyền có 11 đơn ...`
            out.append(Breakdown(lead, lead in _complete_words(), m.start(), stated, items[1:]))
            continue
        items = list_heads.without_a_closing_clause(head_before(text, m.start(), nums), items)
        values = [i.num.value for i in items]
        head = summed_head(text, m.start(), nums, values) or head_before(text, m.start(), nums)
        # (`Chia theo lĩnh vực, cụ thể: ...`, `Tiếp công dân tại cấp xã gồm: ...`: no figure
        # before a lead-in after a lead phrase or ending in a colon, the list opens the sentence)
        opens = not has_digit(text, 0, m.start()) and (
            _lead_pattern().search(folded, 0, m.start()) or m.group(0).rstrip().endswith(":")
        )
        b = Breakdown(
            lead, lead in _complete_words(), 0 if opens and not head else m.start(), head, items
        )
        out += _visits_and_persons(b, nums)
    # (`Tiếp công dân tại cấp xã gồm: xã A 38 lượt, ...`: a lead-in with no figure before it
    # opens the sentence's list, claiming the whole as its words say)
    if bare_list and not any(b.start <= 3 or not has_digit(text, 0, b.start) for b in out):
        items = _items(text, folded, 0, len(text), nums)
        if len(items) >= 2 and all(i.label and len(i.label) <= 40 and i.num.unit for i in items):
            out.append(Breakdown("", False, 0, None, items))
    return _outermost(out)


def _visits_and_persons(b: Breakdown, nums: list[Num]) -> list[Breakdown]:
    """`tiếp 612 lượt/689 người, trong đó cấp huyện 148 lượt/171 người, cấp xã 464 lượt/518
    người`: two lists, the visits of each item under the visits, its persons under the persons
    (`17 đoàn với 412 người (cấp tỉnh 06 đoàn/173 người; ...)` too)."""
    if b.head is None:
        return [b]
    persons = [next((n for n in i.nums if n.visits is i.num), None) for i in b.items]
    if not b.items or any(p is None for p in persons):
        return [_of_the_visits(b)]
    heads = _counted_and_persons(b.head, b.items[0].num, persons[0], nums)
    if heads is None:
        return [b]
    visits = Breakdown(b.lead, b.complete, b.start, heads[0], b.items)
    of_persons = [
        Item(i.label, p, i.outcome, [p], i.after_semicolon)
        for i, p in zip(b.items, persons, strict=True)
        if p is not None
    ]
    return [visits, Breakdown(b.lead, b.complete, b.start, heads[1], of_persons)]


def _of_the_visits(b: Breakdown) -> Breakdown:
    """`tiếp 342 lượt/401 người, trong đó cấp huyện tiếp 71 lượt, cấp xã tiếp 271 lượt`: items
    of visits alone break down the visits, not the persons."""
    visits = b.head.visits if b.head is not None else None
    first = b.items[0].num.unit if b.items else None
    if visits is None or visits.unit is None or first is None:
        return b
    units = catalog.figure_units()
    if units.counts(first) != units.counts(visits.unit):
        return b
    return Breakdown(b.lead, b.complete, b.start, visits, b.items)


def _counted_and_persons(
    head: Num, first: Num, first_persons: Num | None, nums: list[Num]
) -> tuple[Num, Num] | None:
    """The heads of the two lists: `612 lượt/689 người`, or a count and its persons side by
    side (`17 đoàn đông người với 412 người`), whichever of the two the list follows."""
    if head.visits is not None:
        return head.visits, head
    units = catalog.figure_units()
    of = [n for n in nums if not n.skip and n.unit]
    i = next((k for k, n in enumerate(of) if n is head), None)
    if i is None or first.unit is None or first_persons is None or first_persons.unit is None:
        return None
    count, persons = units.counts(first.unit), units.counts(first_persons.unit)
    before = of[i - 1] if i > 0 else None
    after = of[i + 1] if i + 1 < len(of) else None
    if (
        units.counts(head.unit or "") == persons
        and before
        and units.counts(before.unit or "") == count
    ):
        return before, head
    if (
        units.counts(head.unit or "") == count
        and after
        and units.counts(after.unit or "") == persons
    ):
        return (head, after) if after.end <= first.start else None
    return None


@cache
def _named_pattern() -> regex.Pattern:
    data = catalog.toml("structure.toml")["lead_in"]["named"]
    opens = "|".join(r"\s+".join(map(regex.escape, fold(w).split())) for w in data["opens"])
    closes = "|".join(r"\s+".join(map(regex.escape, fold(w).split())) for w in data["closes"])
    return compiled(
        rf"(?<![\p{{L}}])({opens})\s+([^\d:;.()]{{3,80}}?)\s*,?\s*(?:(?:{closes})(?![\p{{L}}])|:)"
    )


def _named_openers(text: str, folded: str) -> list[_Named]:
    out = []
    for m in _named_pattern().finditer(folded):
        label = text[m.start(2) : m.end(2)]
        if fold(label).strip() not in ("do", "nay"):  # `trong số đó`: the figure before
            out.append(_Named(m.start(), m.end(), m.group(1), label))
    return out


def _inside(opener: _Opener, words: list) -> bool:
    return any(w.start() <= opener.start() < w.end() for w in words)


class _Opener:
    """A list opened by punctuation alone: `55 đơn (29 tập thể, 26 cá nhân)`, `... đã giải
    quyết: đúng 01, sai 14`. Such lists only break down, never claim to be the whole."""

    def __init__(self, start: int, end: int, mark: str):
        self._start, self._end, self._mark = start, end, mark

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self, _: int = 0) -> str:
        return self._mark


class _Named(_Opener):
    """A list whose whole is named by words, not stated by a figure: `Trong số đơn đã giải
    quyết có 09 đơn khiếu nại, 02 đơn tố cáo`."""

    def __init__(self, start: int, end: int, mark: str, label: str):
        super().__init__(start, end, mark)
        self.label = label


def _bare_openers(text: str, nums: list[Num]) -> list[_Opener]:
    """A parenthesis right after a count, or a colon after a clause with a count, that opens a
    list of at least two figures."""
    out = []
    for m in OPENER.finditer(text):
        before = [n for n in nums if n.end <= m.start() and not n.skip and n.unit != "%"]
        if not before:
            continue
        gap = _non_figures_blanked(text, max(before[-1].unit_end, before[-1].end), m.start())
        end = text.find(")", m.end()) if m.group() == "(" else len(text)
        stop = end if end >= 0 else len(text)
        inside = [n for n in nums if m.end() <= n.start < stop and not n.skip and n.unit != "%"]
        if m.group() == "(" and not follows_its_figure(gap, inside, before[-1]):
            continue  # the parenthesis follows the figure (and its unit, and its rate) directly
        if m.group() == ":" and DIGIT_NEXT.match(text[m.end() :]):
            continue  # `tranh chấp đất đai: 31 đơn`: a label's colon, not a list's
        if len(inside) >= 2:
            out.append(_Opener(m.start(), m.end(), m.group()))
    return out


def _non_figures_blanked(text: str, start: int, end: int) -> str:
    """The text between the last figure and a parenthesis with its numbers that are no figures
    blanked: any but a rate's is none there (`203 dịch vụ công trực tuyến mức độ 3, 4 (...)`:
    a level's number stands between the figure and its list)."""
    return NON_FIGURE_DIGITS.sub(lambda m: " " * len(m.group()), text[start:end])


def _nested(text: str, lead, end: int, nums: list[Num]) -> bool:
    """A parenthesised list inside this one (`cấp huyện 171 đơn (khiếu nại 104, tố cáo 23),
    cấp xã 83 đơn`, `văn hóa 52 mô hình (trong đó ... 31 mô hình); quốc phòng 18 mô hình`): it
    breaks down one item, the list goes on after it (after a lead-in's parenthesis, in the unit
    of the item it stands after: `04 lượt (trong đó ...); thủ trưởng tiếp 03 kỳ` is no item)."""
    close = text.find(")", lead.start())
    if isinstance(lead, _Opener) and lead.group() == "(":
        return 0 <= close < end
    opened = text.rfind("(", 0, lead.start())
    if opened < 0 or text.rfind(")", opened, lead.start()) >= 0 or not 0 <= close < end:
        return False  # (a lead-in standing in no parenthesis)
    before = [n for n in nums if n.end <= opened]
    after = [n for n in nums if n.start > close]
    return not after or bool(before and before[-1].unit == after[0].unit)


def _items(text: str, folded: str, start: int, end: int, nums: list[Num]) -> list[Item]:
    items: list[Item] = []
    words_before: int | None = None  # `kiến nghị, phản ánh 44`: words with no figure go on
    aside_end = -1  # `93 mô hình của các xã, thị trấn (61 mô hình tập thể, 32 ...)`: no items
    for c_start, c_end in item_spans(text, start, end, nums):
        inside = [n for n in nums if c_start <= n.start < c_end and not n.skip]
        if c_start < aside_end:
            continue
        if items and breaks_the_item_before(text, c_start, inside, items[-1].num.start):
            aside_end = text.find(")", c_start) if ")" in text[c_start:] else end
            continue  # (the aside breaks the item before down, after its label's last words)
        if not inside:
            words_before = c_start if words_before is None else words_before
            continue
        if words_before is not None and not has_digit(text, words_before, c_start):
            c_start = words_before
        words_before = None
        if items and all(n.unit == "%" for n in inside):
            items[-1].nums.extend(inside)  # `..., đạt 86,5%`: the rate of the item before
            continue
        num = inside[0]
        label = item_label(text, c_start, num)
        if not LETTER.search(label):  # `Theo lĩnh vực, có 24 cuộc về quản lý tài chính; ...`
            label = label_after(text, num, c_end)
        # `01 đơn công dân rút đơn, Chủ tịch UBND xã ...`: the label's first phrase says it
        outcome = any(is_outcome_label(p) for p in (label, label.split(",")[0])) if label else False
        outcome = outcome or _segment_is_outcome(text, c_start, end)
        # (inside a parenthesis a semicolon only parts its items: `(cấp tỉnh 96.214 hồ sơ; cấp
        # huyện 118.735 hồ sơ; ...)`)
        semicolon = text[:c_start].rstrip().endswith(";") and text[end : end + 1] != ")"
        joined = bool(_and_before().search(text, 0, c_start))
        items.append(Item(label, num, outcome, inside, semicolon, joined))
    return items


def is_outcome_label(label: str) -> bool:
    """A label that ends in an outcome of a resolution (`Khiếu nại đúng`, `Rút đơn`)."""
    return bool(_outcome_pattern().search(label.lower().rstrip(" :.;")))


def _segment_is_outcome(text: str, start: int, end: int) -> bool:
    """`3 vụ KN, 2 vụ TC đúng; 8 vụ KN, 4 vụ TC sai`: a `;`-segment that ends in an outcome
    word states outcomes, every item in it."""
    semis = top_level_semicolons(text, start, end)
    segment = text[start : semis[0] if semis else end]
    segment = regex.sub(r"\([^()]*(?:\)|$)", " ", segment).rstrip(" .;:)")  # not its asides
    return bool(_outcome_pattern().search(segment.lower()))


def _outermost(found: list[Breakdown]) -> list[Breakdown]:
    """Of lists that share items (`trong đó gồm`), the one that starts first."""
    out: list[Breakdown] = []
    taken: set[int] = set()
    for b in sorted(found, key=lambda b: b.start):
        ids = {id(i.num) for i in b.items}
        if ids & taken:
            continue
        taken |= ids
        out.append(b)
    return out
