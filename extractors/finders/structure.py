"""The structure stage of the prose finder: which figure a list breaks down.

Reports break a figure down in lists: `tiếp nhận 57 vụ việc, gồm: đất đai 20 vụ; hôn nhân 15
vụ; ...`, `tổng số 1.510 TTHC, trong đó cấp tỉnh 1.120, cấp huyện 270`, a list opening the
next sentence (`Gồm: ...`), or a parenthesis after the figure. Each list has a head (the
figure it breaks down, or None when the head is the last figure of the sentence before), a
lead-in word that says whether the parts claim to be the whole (`gồm`) or only some of it
(`trong đó`), and items: a label and a number, the unit often named once for the list
(`29 tập thể, 26 cá nhân`). An item whose label ends in an outcome of a resolution (`đúng`,
`sai`, `rút đơn`) is no part of the figure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol
from functools import cache

import regex

import catalog
from extractors.finders.numbers_in_text import Num
from model import Fact
from normalizers.text import fold

ITEM_SEPARATOR = regex.compile(r"\s*(?:;|,(?!\d)|\svà\s)\s*")


@dataclass
class Item:
    label: str
    num: Num
    outcome: bool = False
    # every number of the item (`141/163 đơn, đạt 86,5%`)
    nums: list[Num] = field(default_factory=list)
    after_semicolon: bool = False  # `; hòa giải thành 24 vụ`: may open a clause of its own


class SentenceReader(Protocol):
    """What the structure stage asks of the finder that read the sentence."""

    def make_fact(self, metric: str, num: Num) -> Fact: ...

    def names(self, label: str, num: Num) -> str | None: ...

    def excluded(self, num: Num, metric: str) -> bool: ...

    def rate_metric(self, metric: str) -> str | None: ...


@dataclass
class Breakdown:
    lead: str
    complete: bool
    start: int  # where the lead-in word starts in the sentence
    head: Num | None
    items: list[Item] = field(default_factory=list)


@cache
def _lead_pattern() -> regex.Pattern:
    data = catalog.toml("structure.toml")["lead_in"]
    words = sorted(data["complete"] + data["partial"], key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(map(regex.escape, fold(w).split())) for w in words)
    return regex.compile(r"(?<![\p{L}])(" + alternatives + r")(?![\p{L}])\s*:?")


@cache
def _complete_words() -> frozenset[str]:
    return frozenset(fold(w) for w in catalog.toml("structure.toml")["lead_in"]["complete"])


@cache
def _outcome_pattern() -> regex.Pattern:
    words = sorted(catalog.toml("structure.toml")["outcome"]["words"], key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(map(regex.escape, w.lower().split())) for w in words)
    return regex.compile(
        r"(?<![\p{L}])(?:" + alternatives + r")\s*$"
    )  # with tones: `dựng` is no `đúng`


@cache
def _fillers() -> tuple[str, ...]:
    return tuple(sorted(catalog.toml("structure.toml")["item"]["fillers"], key=len, reverse=True))


def breakdowns(text: str, nums: list[Num]) -> list[Breakdown]:
    """The lists of a sentence, each with its head and items."""
    folded = fold(text)
    out: list[Breakdown] = []
    words = list(_lead_pattern().finditer(folded))
    # `gồm:`: the colon belongs to the lead word, it opens no list of its own
    bare = [
        o
        for o in _bare_openers(text, nums)
        if not any(w.start() <= o.start() < w.end() for w in words)
    ]
    leads = sorted(words + bare, key=lambda m: m.start())
    for k, m in enumerate(leads):
        end = _list_end(text, m.start() + (1 if m.group(1) == "(" else 0))
        if k + 1 < len(leads):
            end = min(end, leads[k + 1].start())  # the next lead-in opens a list of its own
        items = _items(text, folded, m.end(), end, nums)
        if not items:
            continue
        head = _head_before(text, m.start(), nums)
        lead = " ".join(m.group(1).split())
        out.append(Breakdown(lead, lead in _complete_words(), m.start(), head, items))
    return _outermost(out)


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


def _bare_openers(text: str, nums: list[Num]) -> list[_Opener]:
    """A parenthesis right after a count, or a colon after a clause with a count, that opens a
    list of at least two figures."""
    out = []
    for m in regex.finditer(r"\(|:", text):
        before = [n for n in nums if n.end <= m.start() and not n.skip and n.unit != "%"]
        if not before:
            continue
        gap = text[max(before[-1].unit_end, before[-1].end) : m.start()]
        if m.group() == "(" and not _only_its_rate(gap):
            continue  # the parenthesis follows the figure (and its unit, and its rate) directly
        if m.group() == ":" and regex.match(r"\s*\d", text[m.end() :]):
            continue  # `tranh chấp đất đai: 31 đơn`: a label's colon, not a list's
        end = text.find(")", m.end()) if m.group() == "(" else len(text)
        stop = end if end >= 0 else len(text)
        inside = [n for n in nums if m.end() <= n.start < stop and not n.skip and n.unit != "%"]
        if len(inside) >= 2:
            out.append(_Opener(m.start(), m.end(), m.group()))
    return out


def _list_end(text: str, start: int) -> int:
    """A list inside a parenthesis ends at its closing parenthesis, else at the sentence end."""
    opened = text.rfind("(", 0, start)
    if opened >= 0 and text.rfind(")", 0, start) < opened:
        close = text.find(")", start)
        if close >= 0:
            return close
    return len(text)


def _items(text: str, folded: str, start: int, end: int, nums: list[Num]) -> list[Item]:
    items: list[Item] = []
    for c_start, c_end in _chunks(text, start, end):
        inside = [n for n in nums if c_start <= n.start < c_end and not n.skip]
        if not inside:
            continue
        if items and all(n.unit == "%" for n in inside):
            items[-1].nums.extend(inside)  # `..., đạt 86,5%`: the rate of the item before
            continue
        num = inside[0]
        label = _label(text, c_start, num) or _label_after(text, num, c_end)
        outcome = bool(_outcome_pattern().search(label.lower())) if label else False
        outcome = outcome or _segment_is_outcome(text, c_start, end)
        semicolon = text[:c_start].rstrip().endswith(";")
        items.append(Item(label, num, outcome, inside, semicolon))
    return items


def _segment_is_outcome(text: str, start: int, end: int) -> bool:
    """`3 vụ KN, 2 vụ TC đúng; 8 vụ KN, 4 vụ TC sai`: a `;`-segment that ends in an outcome
    word states outcomes, every item in it."""
    stop = text.find(";", start, end)
    segment = text[start : stop if stop >= 0 else end].rstrip(" .;:)")
    return bool(_outcome_pattern().search(segment.lower()))


def _chunks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans between separators at the top level (not inside a nested parenthesis)."""
    spans, depth, last = [], 0, start
    i = start
    while i < end:
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            m = ITEM_SEPARATOR.match(text, i)
            joins = m is not None and ch.isspace()  # `và`: only between two figures
            if (
                m
                and m.end() > i
                and (
                    ch in ";,"
                    or joins
                    and _has_digit(text, last, i)
                    and _digit_next(text, m.end(), end)
                )
            ):
                spans.append((last, i))
                last = m.end()
                i = m.end()
                continue
        i += 1
    spans.append((last, end))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _only_its_rate(gap: str) -> bool:
    """Nothing, or the figure's own rate (`33 đơn, đạt 86,84% (...)`), between a figure and a
    parenthesis."""
    rest = regex.sub(r"\d+(?:[.,]\d+)?\s*%", " ", gap)
    return len(regex.sub(r"[\s,;:]", "", rest)) <= 12 and not any(ch.isdigit() for ch in rest)


def _has_digit(text: str, start: int, end: int) -> bool:
    return any(ch.isdigit() for ch in text[start:end])


def _digit_next(text: str, start: int, end: int) -> bool:
    """A digit before the next separator: `và` joins two items, not two words of one label."""
    m = regex.search(r"[;,]", text[start:end])
    return _has_digit(text, start, start + m.start() if m else end)


def _label(text: str, chunk_start: int, num: Num) -> str:
    """The words naming an item: its text before the number, fillers and marks taken off."""
    label = text[chunk_start : num.start]
    head, colon, tail = label.rpartition(":")
    # `lĩnh vực: đất đai 31` → `đất đai`; `tranh chấp đất đai: 31 đơn` → `tranh chấp đất đai`
    label = (tail if tail.strip() else head) if colon else label
    label = label.strip(" :-–+•*()")
    label = regex.sub(r"^(?:[a-zđ]\)|\d{1,2}[.)])\s*", "", label)
    lowered = label.lower()
    for filler in _fillers():
        if lowered.endswith(" " + filler) or lowered == filler:
            label = label[: len(label) - len(filler)].rstrip()
            lowered = label.lower()
    return " ".join(label.split())


def _label_after(text: str, num: Num, end: int) -> str:
    """`29 tập thể, 26 cá nhân`: the words after the number (and its unit) name the item."""
    after = text[max(num.unit_end, num.end) : end].strip(" :-–().;")
    return " ".join(after.split()[:6])


def _head_before(text: str, lead_start: int, nums: list[Num]) -> Num | None:
    """The last count before the lead-in, outside any parenthesis closed before it."""
    candidates = [
        n
        for n in nums
        if n.end <= lead_start
        and not n.skip
        and n.unit != "%"
        and not _closed_between(text, n, lead_start)
    ]
    if not candidates:
        return None
    last = candidates[-1]
    if last.pair is not None and last.pair.start < last.start:
        return last.pair  # `giải quyết 371/412 đơn, trong đó ...`: the list breaks the pair down
    return last


def _closed_between(text: str, n: Num, lead_start: int) -> bool:
    between = text[n.end : lead_start]
    return between.count(")") > between.count("(")


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


def apply_breakdowns(
    found: list[Breakdown],
    facts: list[Fact],
    reader: SentenceReader,
    previous_head: Fact | None = None,
) -> list[Fact]:
    """Facts after the lists are read: outcome items dropped; items that name no metric of
    their own become facts of the head's metric scoped to their label (unless the finders
    left that number out: a change, an earlier period's value); each part linked to the
    figure it breaks down, saying whether the list claims to be the whole."""
    at = {f.start: f for f in facts}
    dropped: set[int] = set()
    for b in found:
        head = at.get(b.head.start) if b.head is not None else None
        if head is None and b.head is None and b.start <= 3:
            head = previous_head
        parts: list[tuple[Item, Fact]] = []
        unplaced = 0
        for item in b.items:
            part = at.get(item.num.start)
            if item.outcome:
                if part is not None:
                    dropped.add(id(part))
                continue
            if head is None or part is head:
                continue
            if part is None and reader.excluded(item.num, head.metric):
                unplaced += 1
                continue
            if item.after_semicolon and parts and _own_clause(item, part, head, reader):
                break  # `gồm: ...; hòa giải thành 24/30 vụ`: the list ended at the semicolon
            part = _part_fact(item, part, head, reader)
            if part is None:
                unplaced += 1
                continue
            if id(part) not in {id(f) for f in facts}:
                facts.append(part)
                at[part.start] = part
            parts.append((item, part))
            for extra in _item_whole(item, part, head, b, at, reader):
                if id(extra) not in {id(f) for f in facts}:
                    facts.append(extra)
                    at[extra.start] = extra
        _link_parts(head, parts, b.complete and not unplaced)
    return [f for f in facts if id(f) not in dropped]


def _own_clause(item: Item, part: Fact | None, head: Fact, reader: SentenceReader) -> bool:
    """An item after a semicolon that names a figure of another metric than the list's."""
    own = part.metric if part is not None else reader.names(item.label, item.num)
    return own is not None and own != head.metric and own not in _split_metrics()


def _item_whole(
    item: Item, part: Fact, head: Fact, b: Breakdown, at: dict, reader: SentenceReader
) -> list[Fact]:
    """An `a/b` item under an `a/b` head mirrors it (`giải quyết 371/412 đơn, trong đó khiếu nại
    141/163`): the item's whole counts its kind (complaints), its part what the head's part
    counts of that kind (complaints resolved); the whole is part of the head's whole."""
    partner = item.num.pair
    if partner is None or b.head is None or b.head.pair is None or part.role == "whole":
        return []
    head_whole = at.get(b.head.pair.start)
    kind_metric = part.metric
    mirrored = aside_of(head.metric).get(kind_metric)
    if head_whole is None or mirrored is None:
        return []
    whole = at.get(partner.start) or reader.make_fact(kind_metric, partner)
    whole.metric, whole.role, part.role = kind_metric, "whole", "part"
    part.metric = mirrored
    part.link("pair", whole, "part")
    whole.link("pair", part, "whole")
    whole.link("part_of", head_whole, complete=b.complete)
    made = [whole]
    rate = next((n for n in item.nums if n.unit == "%"), None)
    rate_metric = reader.rate_metric(mirrored)
    if rate is not None and rate_metric and at.get(rate.start) is None:
        made.append(reader.make_fact(rate_metric, rate))  # `khiếu nại 141/163 đơn, đạt 86,5%`
    return made


def _link_parts(head: Fact | None, parts: list[tuple[Item, Fact]], complete: bool) -> None:
    """Parts of the head's metric are linked to it (complete only when every item of the
    list is one); items sharing another metric are facets of it (`trước hạn 39.055, đúng
    hạn 1.505`: both on time), told apart by their labels."""
    if head is None:
        return
    for item, part in parts:
        if part.role != "whole" and part.metric in aside_of(head.metric):
            part.metric = aside_of(head.metric)[part.metric]  # `khiếu nại 141/163` of resolved
            if part.metric == head.metric and part.scope is None:
                part.scope = item.label[:120] or None  # `trong đó 17 hồ sơ đã quá hạn`
    same = [p for _, p in parts if p.metric == head.metric]
    complete = complete and len(same) == len(parts)
    for part in same:
        part.link("part_of", head, complete=complete)
    by_metric: dict[str, list[tuple[Item, Fact]]] = {}
    for item, part in parts:
        if part.metric != head.metric:
            by_metric.setdefault(part.metric, []).append((item, part))
    for siblings in by_metric.values():
        if len(siblings) > 1 and len({p.value for _, p in siblings}) == len(siblings):
            for item, part in siblings:
                part.detail = part.detail or item.label[:60] or None


def _part_fact(item: Item, part: Fact | None, head: Fact, reader: SentenceReader) -> Fact | None:
    """The fact an item gives: its own when its label names a metric, else a split of the
    head (same metric, scoped to the label) when its unit fits the head's."""
    own = reader.names(item.label, item.num) if item.label else None
    if part is not None and part.metric in _split_metrics():
        own = None  # `petitions.by_topic`: a split whose whole was not known; now it is
    elif part is not None and (own is not None or part.metric != head.metric):
        return part
    if not item.label or item.num.unit == "%" or not _unit_fits(item.num, head):
        return part
    reusable = part is not None and (part.metric == head.metric or part.metric in _split_metrics())
    split = part if reusable else reader.make_fact(head.metric, item.num)
    split.metric, split.period, split.unit = head.metric, head.period, head.unit
    split.scope = split.scope or item.label[:120]
    return split


@cache
def _aside_table() -> dict[str, dict[str, str]]:
    return catalog.toml("structure.toml")["aside_of"]


def aside_of(whole_metric: str) -> dict[str, str]:
    """{metric read alone: metric it has in a breakdown of `whole_metric`}."""
    return _aside_table().get(whole_metric, {})


@cache
def _split_metrics() -> frozenset[str]:
    return frozenset(catalog.toml("structure.toml")["item"]["split_metrics"])


def _unit_fits(num: Num, head: Fact) -> bool:
    return (
        num.unit is None
        or head.unit is None
        or fold(num.unit) == fold(head.unit)
        or (num.unit in ("vụ", "vụ việc", "việc", "đơn", "đơn thư") and head.unit in ("vụ", "đơn"))
    )
