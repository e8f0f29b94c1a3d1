"""The fact a list breaks down, among the facts its sentence and the sentence before state
(the structure stage of the prose finder, after classification: breakdowns.py)."""

from __future__ import annotations

from functools import cache

import catalog
from extractors.finders.cues import any_cue, generic_of_kind, load_catalog
from extractors.finders.prose.lists import Breakdown, Item, SentenceReader
from extractors.finders.prose.named_places import place_named
from extractors.finders.prose.spans import Num
from model import Fact
from normalizers.text import fold


def list_head(b: Breakdown, at: dict, facts: list[Fact], previous_heads: list[Fact]) -> Fact | None:
    """The fact a list breaks down: its head's, past a carried-over count; for a list that
    opens the sentence, one of the counts the sentence before ended with."""
    head = at.get(b.head.start) if b.head is not None else None
    if head is None and b.head is None and b.start <= 3 and b.items:
        return _fitting_head(previous_heads, b.items)
    if head is None and b.head is None and b.items and _first_figures(b, facts):
        # `Đơn thuộc thẩm quyền phân theo lĩnh vực: đất đai 31 đơn, ...`: after words only, a
        # list breaks down the count before that its items add up to
        fitting = _fitting_head(previous_heads, b.items)
        total = sum(i.num.value or 0 for i in b.items)
        return fitting if fitting is not None and fitting.value == total else None
    head = _side_they_add_up_to(_past_carried_over(head, facts), b.items)
    return _whole_of_scoped(head, b.items, facts + previous_heads)


def _side_they_add_up_to(head: Fact | None, items: list[Item]) -> Fact | None:
    """`hòa giải thành 9/11 vụ (đất đai 05 vụ, hôn nhân 04 vụ, việc khác 02 vụ)`: a list after
    an `a/b` pair that adds up to the pair's other side breaks that side down."""
    if head is None:
        return None
    total = sum(i.num.value or 0 for i in items if not i.outcome)
    if head.value is not None and abs(head.value - total) < 1e-6:
        return head
    others = [k.other for k in head.links if k.relation == "pair"]
    fitting = [o for o in others if o.value is not None and abs(o.value - total) < 1e-6]
    return fitting[0] if fitting else head


def _first_figures(b: Breakdown, facts: list[Fact]) -> bool:
    """No figure of the sentence stands before the list."""
    return not any(f.start is not None and f.start < b.start for f in facts)


def _whole_of_scoped(head: Fact | None, items: list[Item], known: list[Fact]) -> Fact | None:
    """`cấp huyện 21 vụ việc, cấp xã 36 vụ việc; theo loại, khiếu nại 18, tố cáo 05, ...`: a
    list after a narrower figure whose items add up to the whole that figure is part of
    breaks down that whole."""
    if head is None or head.scope is None:
        return head
    total = sum(i.num.value or 0 for i in items if not i.outcome)
    if abs(total - (head.value or 0)) < 1e-6:
        return head
    wholes = [
        f
        for f in known
        if f.metric == head.metric and f.scope is None and abs((f.value or 0) - total) < 1e-6
    ]
    return wholes[-1] if wholes else head


def _fitting_head(heads: list[Fact], items: list[Item]) -> Fact | None:
    """Of the counts the sentence before ended with (`213 lượt/268 người`), the one the list's
    items add up to, else the last whose unit the first item fits (`Theo loại việc: khiếu nại
    58 lượt, ...` breaks down visits); never a carried-over count, nor one smaller than an
    item."""
    not_heads = catalog.words("structure.toml", "item", "not_heads")
    largest = max((i.num.value or 0 for i in items), default=0)
    fitting = [
        h
        for h in heads
        if unit_fits(items[0].num, h)
        and h.metric not in not_heads
        and (h.value or 0) >= largest  # a guessed head is never one its items overshoot
    ]
    total = sum(i.num.value or 0 for i in items)
    summed = [h for h in fitting if h.value is not None and abs(h.value - total) < 1e-6]
    # (of a whole and its parts stated before, the whole: `tiếp nhận 146 vụ việc; hòa giải thành
    # 118 ... Phân theo lĩnh vực, các vụ việc gồm: ...`)
    fitting = [h for h in fitting if h in summed or h.group == heads[-1].group]
    wholes = [h for h in fitting if h.metric not in _catalog_parts({f.metric for f in fitting})]
    best = summed or wholes or fitting
    return best[-1] if best else None


def _catalog_parts(totals: set[str]) -> set[str]:
    """The metrics a catalog sum (relations.toml `[[sum]]`) makes one of these totals of."""
    sums = catalog.toml("relations.toml").get("sum", [])
    return {p for r in sums if r["total"] in totals for p in r["parts"]}


def _past_carried_over(head: Fact | None, facts: list[Fact]) -> Fact | None:
    """`tiếp nhận mới 73 vụ việc, cùng với 03 vụ việc năm trước chuyển sang; trong đó đất đai
    26 vụ việc`: a list after the cases carried over breaks down the figure they join."""
    if head is None or head.metric not in catalog.words("structure.toml", "item", "not_heads"):
        return head
    before = [
        f
        for f in facts
        if f.start is not None
        and head.start is not None
        and f.start < head.start
        and catalog.kind(f.metric) == "count"
        and f.unit == head.unit
    ]
    return max(before, key=lambda f: f.start or 0) if before else head


def unit_fits(num: Num, head: Fact) -> bool:
    """An item's unit fits its head's: the same, none, one the head's metric is counted in
    (`cuộc` under inspection teams counted in `đoàn`), or a petition unit under a petition
    count."""
    units = catalog.figure_units()
    return (
        num.unit is None
        or head.unit is None
        or fold(num.unit) == fold(head.unit)
        or num.unit in _units_of(head.metric)
        or units.counts(num.unit) == units.counts(head.unit)  # `TTHC` under `thủ tục`
        or (
            num.unit in units.kind("petitions") and head.unit in units.kind("petition_metric_units")
        )
    )


@cache
def _units_of(metric: str) -> frozenset[str]:
    return frozenset(u for r in load_catalog().rules if r.metric == metric for u in r.units)


def by_dimension(b: Breakdown) -> bool:
    """The list's lead names a dimension (`theo loại đơn`, `phân theo lĩnh vực`)."""
    return b.lead.startswith(_dimension_openers())


@cache
def _dimension_openers() -> tuple[str, ...]:
    return tuple(fold(w) for w in catalog.words("prose.toml", "item_leads", "dimension_openers"))


def sibling_head(b: Breakdown, heads_of_items: dict[int, Fact]) -> Fact | None:
    """`theo nội dung: khiếu nại 21, ..., kiến nghị 157 đơn; theo lĩnh vực: đất đai 118 đơn,
    ...`: another breakdown of the same whole, not of the last item before it; a list that
    names no dimension (`32 mô hình (20 tập thể, 12 cá nhân)`, `1.208 đơn đủ điều kiện, gồm
    ...`) breaks down the item it follows."""
    if b.head is None or not b.complete or not by_dimension(b):
        return None
    return heads_of_items.get(b.head.start)


def new_half_of_its_head(item: Item, part: Fact | None, head: Fact, reader: SentenceReader) -> bool:
    """`58 vụ việc (kỳ trước chuyển sang 03 vụ việc, mới phát sinh 55 vụ việc)`: the new ones,
    read as the head's count and named nothing by their label, have no id: no figure."""
    return (
        part is not None
        and part.metric == head.metric
        and fold(item.label).strip() in _new_ones()
        and reader.names(item.label, item.num) is None
    )


def read_from_elsewhere(part: Fact, head: Fact, own: str | None, item: Item) -> bool:
    """An item whose label names nothing, in the head's unit, that the finders read as a figure of
    another domain (`gồm: tranh chấp đất đai 03 vụ, hôn nhân và gia đình 02 vụ` read as petitions
    under a reception heading): the context named it, the list makes it a part of its head."""
    paired = {k.other.metric for k in head.links if k.relation == "pair"}
    stock = catalog.words("structure.toml", "item", "not_heads")
    after = part.evidence[part.end or 0 :][:40] if part.end is not None else ""
    own_words = fold(f"{item.label} {after}")
    if any(w in own_words for w in _new_ones()):
        stock = ()  # (`trong đó kỳ trước chuyển sang 02 đơn`: carried over by its own words)
    return (
        own is None
        and (
            catalog.family(part.metric) != catalog.family(head.metric)
            # (not where its own label holds the cue: `trong đó thuộc thẩm quyền của Chủ tịch
            # UBND huyện 10 vụ việc` under `đã giải quyết 29/34`)
            or (part.metric in paired and not _holds_a_cue_of(item.label, part.metric))
            or part.metric in stock  # (read by the carried-over words of the sentence before)
        )
        and unit_fits(item.num, head)
    )  # (or read by the words of the pair the head is a side of: `hòa giải thành 9/11 vụ (đất
    # đai 05 vụ, ...)`, a list adding up to the 11)


@cache
def _new_ones() -> frozenset[str]:
    """Labels that say only when the counted began (structure.toml [item] new_ones), folded."""
    return frozenset(fold(w) for w in catalog.words("structure.toml", "item", "new_ones"))


def widen_to_the_head(
    item: Item, part: Fact | None, head: Fact, before: list[str], at: dict
) -> None:
    """An item with a subject of its own (`cấp xã tiếp 33 lượt/34 người`) that the cue of a
    sibling before it narrowed (`Chủ tịch UBND huyện tiếp định kỳ 03 kỳ với 12 lượt, ...`)
    counts what the head counts, and so do the persons beside its visits."""
    if part is None or not _narrowed_by_a_sibling(item.label, part.metric, head.metric, before):
        return
    scope = place_named(item.label) or item.label
    part.metric, part.scope = head.metric, scope
    for num in item.nums:
        other = at.get(num.start) if num.visits is item.num else None
        generic = generic_of(other.metric) if other is not None else None
        if (
            other is not None
            and generic
            and _narrowed_by_a_sibling(item.label, other.metric, generic, before)
        ):
            other.metric, other.scope = generic, scope


def _holds_a_cue_of(label: str, metric: str) -> bool:
    """The label holds a `near` cue of one of the metric's rules."""
    rules = [r for r in load_catalog().rules if r.metric == metric]
    return any_cue(fold(label), tuple(w for r in rules for group in r.near for w in group))


def _narrowed_by_a_sibling(label: str, metric: str, generic: str, before: list[str]) -> bool:
    """The narrower metric's cue stands in a label before, not in this one, and this label has
    words of its own besides the count's verb."""
    rule = load_catalog().rule_for(metric)
    if rule is None or rule.refines != generic or not label[:1].isalpha():
        return False
    words = tuple(w for group in rule.near for w in group)
    verbs = {fold(w) for group in rule.with_ for w in group}
    folded = fold(label)
    own_words = [w for w in folded.split() if w not in verbs]
    named = any_cue(folded, words)
    return bool(own_words) and not named and any(any_cue(fold(b), words) for b in before)


@cache
def generic_of(metric: str) -> str | None:
    """The generic metric a narrower one refines (regular visits → visits; a kind's resolved
    complaints → the resolved petitions, structure.toml [kind_rows])."""
    refined = next(
        (r.refines for r in load_catalog().rules if r.metric == metric and r.refines), None
    )
    return refined or generic_of_kind().get(metric)
