"""Parts of the figure a list breaks down (the structure stage, after classification).

Outcome items are dropped; items naming no metric of their own become facts of the head's metric
scoped to their label; each part is linked to the figure it breaks down, saying whether the
list claims to be the whole; an `a/b` item under an `a/b` head mirrors it (the catalog's tables).
"""

from __future__ import annotations

from dataclasses import replace

import catalog
from catalog import aside_of
from extractors.finders.prose.item_labels import is_rest_label
from extractors.finders.prose.list_pairs import (
    restates_its_head,
    scoped_pairs_under_a_pair,
)
from extractors.finders.prose.list_wholes import (
    by_dimension,
    generic_of,
    list_head,
    new_half_of_its_head,
    read_from_elsewhere,
    sibling_head,
    unit_fits,
    widen_to_the_head,
)
from extractors.finders.prose.lists import Breakdown, Item, SentenceReader
from extractors.finders.prose.named_places import place_named
from extractors.finders.prose.named_wholes import parts_of_named
from extractors.finders.prose.spans import Num
from model import Fact
from normalizers.text import fold


def apply_breakdowns(
    found: list[Breakdown],
    facts: list[Fact],
    reader: SentenceReader,
    previous_heads: list[Fact] | None = None,
) -> list[Fact]:
    """Facts after the lists are read: outcome items dropped; items that name no metric of
    their own become facts of the head's metric scoped to their label (unless the finders
    left that number out: a change, an earlier period's value); each part linked to the
    figure it breaks down, saying whether the list claims to be the whole."""
    at = {f.start: f for f in facts}
    dropped: set[int] = set()
    heads_of_items: dict[int, Fact] = {}  # item number start -> the head its list breaks down
    for b in found:
        if b.named is not None:
            _add(facts, at, parts_of_named(b, at, reader))
            continue
        if restates_its_head(b):
            continue  # `giải quyết 27 vụ việc (27/31 vụ việc thuộc thẩm quyền, đạt 89,1%)`
        head = sibling_head(b, heads_of_items) or list_head(b, at, facts, previous_heads or [])
        if head is not None and b.complete:
            heads_of_items.update({i.num.start: head for i in b.items})
        shared = next((i.num.unit for i in reversed(b.items) if i.num.unit), None)
        parts: list[tuple[Item, Fact]] = []
        unplaced, outcomes = 0, _lists_outcomes(b, head)
        for item in b.items:
            part = at.get(item.num.start)
            if _no_figure(item, part, head, reader, outcomes):
                if part is not None:
                    dropped.add(id(part))
                continue
            if head is None and part is None and b.head is not None and item.label:
                part = _named_with_head_words(item, b.head, reader)
                _add(facts, at, [part] if part is not None else [])
            if head is None or part is head:
                continue
            if part is None and reader.excluded(item.num, head.metric):
                unplaced += 1
                continue
            if _ended_before(item, part, head, b, parts, reader):
                # `gồm: ...; hòa giải thành 24/30 vụ`: the list ended at the semicolon (its parts
                # make the whole), or went on with an item of its own words (no claim then)
                closed = parts[-1][0].after_and or _of_no_sum(item, part, head, reader)
                unplaced += not closed and sum(p.value or 0 for _, p in parts) != head.value
                break
            widen_to_the_head(item, part, head, [i.label for i, _ in parts], at)
            like_before = item.num.unit in {i.num.unit for i, _ in parts}  # `03 UBND ...; 04 UBND`
            splits = any(p.metric == head.metric and p.scope for _, p in parts)
            part = _part_fact(item, part, head, reader, like_before, shared, splits)
            if part is None:
                unplaced += 1
                continue
            _add(facts, at, [part])
            parts.append((item, part))
            _add(facts, at, _item_whole(item, part, head, b, at, reader))
        _add(facts, at, scoped_pairs_under_a_pair(head, parts, at, reader))
        _link_parts(head, parts, b.complete and not unplaced, b)
        if head is None:
            _facet_details([(i, at[i.num.start]) for i in b.items if i.num.start in at])
    return [f for f in facts if id(f) not in dropped]


def _no_figure(
    item: Item, part: Fact | None, head: Fact | None, reader: SentenceReader, outcomes: bool
) -> bool:
    """An item the list makes no figure of ours: an outcome of the head's resolutions (or any
    item of a list of them), or the new ones beside the carried over that no id counts."""
    if (item.outcome or outcomes) and (part is None or part.unit != "%") and _has_outcomes(head):
        return True
    return head is not None and new_half_of_its_head(item, part, head, reader)


def _lists_outcomes(b: Breakdown, head: Fact | None) -> bool:
    """A list that breaks down resolved cases and names an outcome among its items lists the
    ways they ended (`Đã giải quyết 05 vụ việc (ban hành quyết định giải quyết lần đầu 04 vụ
    việc, công nhận rút đơn 01 vụ việc)`): none of its items is a part we count."""
    resolved = head is not None and head.metric.endswith(".resolved")
    return resolved and any(i.outcome for i in b.items)


def _has_outcomes(head: Fact | None) -> bool:
    """The head is of a family whose resolutions have outcomes (structure.toml [outcome]
    metrics): `cấp huyện công nhận 32 mô hình` under models is no outcome."""
    prefixes = tuple(catalog.words("structure.toml", "outcome", "metrics"))
    return head is None or head.metric.startswith(prefixes)


def _add(facts: list[Fact], at: dict, made: list[Fact]) -> None:
    """Facts the structure stage made, each once, found by where its number starts."""
    known = {id(f) for f in facts}
    for fact in made:
        if id(fact) not in known:
            facts.append(fact)
            at[fact.start] = fact
            known.add(id(fact))


def _opens_sentence(b: Breakdown) -> bool:
    """The list opens its sentence: its head is one of the sentence before's."""
    return b.head is None and b.start <= 3


def _list_key(parts: list[tuple[Item, Fact]], b: Breakdown) -> str | None:
    """The key of one list's `part_of` links (each list of a sentence adds up on its own)."""
    return f"list {parts[0][1].group}:{b.start}" if parts else None


def _facet_details(parts: list[tuple[Item, Fact]]) -> None:
    """Items sharing a metric are facets of one count (`trước hạn 3.688, đúng hạn 402`: both
    on time), told apart by their labels."""
    by_metric: dict[str, list[tuple[Item, Fact]]] = {}
    for item, part in parts:
        by_metric.setdefault(part.metric, []).append((item, part))
    for siblings in by_metric.values():
        scopes = {p.scope for _, p in siblings}
        if None not in scopes and len(scopes) == len(siblings):
            continue  # (`cấp huyện (214 hồ sơ) và cấp xã (57 hồ sơ)`: told apart by their scopes)
        if len(siblings) > 1 and len({p.value for _, p in siblings}) == len(siblings):
            for item, part in siblings:
                part.detail = part.detail or item.label[:60] or None


def _named_with_head_words(item: Item, head: Num, reader: SentenceReader) -> Fact | None:
    """An item of a head no rule names, read with the head's words: `Sở công bố 11 TTHC, gồm:
    mới 03, sửa đổi 06` (new procedures)."""
    metric = reader.names_under(item.label, item.num, head)
    if metric is None or reader.excluded(item.num, metric):
        return None
    if (catalog.kind(metric) == "rate") != (item.num.unit == "%"):
        return None  # (`4.512 phiếu ... hài lòng`: a count, never the satisfaction rate)
    return reader.make_fact(metric, item.num)


def _ended_before(
    item: Item,
    part: Fact | None,
    head: Fact,
    b: Breakdown,
    parts: list[tuple[Item, Fact]],
    reader: SentenceReader,
) -> bool:
    """The list ended at the semicolon before this item: its last item came after `và`, or
    this one opens a clause of its own words."""
    if not item.after_semicolon or not parts:
        return False
    siblings = parts if b.complete else None  # (`gồm: khiếu nại 37 đơn; tố cáo 06 đơn`)
    return (
        parts[-1][0].after_and or bool(b.lead) and _own_clause(item, part, head, reader, siblings)
    )


def _item_metric(item: Item, part: Fact | None, reader: SentenceReader) -> str | None:
    """The metric an item's figure was read as, else the one its own label names."""
    return part.metric if part is not None else reader.names(item.label, item.num)


def _of_no_sum(item: Item, part: Fact | None, head: Fact, reader: SentenceReader) -> bool:
    """The clause after the semicolon states a figure no catalog sum ties to the head's (`gồm:
    cấp tỉnh ..., cấp xã ...; tồn kỳ trước chuyển sang 6.318 hồ sơ`): the list closed before
    it, whether or not its parts add up (as a last item after `và` closes it)."""
    own = _item_metric(item, part, reader)
    if own is None or own == head.metric:
        return False
    return not (catalog.sum_part_of(own, head.metric) or catalog.sum_part_of(head.metric, own))


def _own_clause(
    item: Item,
    part: Fact | None,
    head: Fact,
    reader: SentenceReader,
    parts: list[tuple[Item, Fact]] | None = None,
) -> bool:
    """An item after a semicolon that names a figure of another metric than the list's (not,
    in a list that claims the whole, one more catalog part of the head beside `parts` that
    are: `Phân loại theo nội dung: khiếu nại 37 đơn; tố cáo 06 đơn; ...`)."""
    own = _item_metric(item, part, reader)
    sibling = (
        own is not None
        and bool(parts)
        and len(item.label.split()) <= 5  # (a bare label, not a clause: `đã trả kết quả qua ...`)
        and catalog.sum_part_of(own, head.metric)
        and all(catalog.sum_part_of(p.metric, head.metric) for _, p in parts or [])
    )
    # (`Phân loại theo nội dung: khiếu nại 71 lượt; tố cáo 12 lượt` under the heading `b) Tiếp
    # ... của lãnh đạo`: a narrower count only the heading named is the head's split)
    headed = item.num.borrowed and generic_of(own or "") == head.metric
    return (
        own is not None
        and not headed
        and own not in (head.metric, generic_of(head.metric))  # (`cấp xã giải quyết 09/10`)
        and own not in catalog.splits_of(head.metric)
        and own not in aside_of(head.metric)  # `trong đó: khiếu nại 193/214 đơn; tố cáo 34/38`
        and not sibling
    )


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
    whole.link("part_of", head_whole, f"pair wholes of {head_whole.start}", complete=b.complete)
    made = [whole]
    rate = next((n for n in item.nums if n.unit == "%"), None)
    rate_metric = reader.rate_metric(mirrored)
    if rate is not None and rate_metric and at.get(rate.start) is None:
        made.append(reader.make_fact(rate_metric, rate))  # `khiếu nại 141/163 đơn, đạt 86,5%`
    return made


def _link_parts(
    head: Fact | None, parts: list[tuple[Item, Fact]], complete: bool, b: Breakdown
) -> None:
    """Parts of the head's metric are linked to it (complete only when every item of the
    list is one); items sharing another metric are facets of it (`trước hạn 39.055, đúng
    hạn 1.505`: both on time), told apart by their labels."""
    if head is None:
        return
    key, opens = _list_key(parts, b), _opens_sentence(b)
    _head_as_total_of_siblings(head, [p for _, p in parts])
    for item, part in parts:
        if part.role != "whole" and part.metric in aside_of(head.metric):
            part.metric = aside_of(head.metric)[part.metric]  # `khiếu nại 141/163` of resolved
            if part.metric == head.metric and part.scope is None:
                part.scope = item.label[:120] or None
    # beside splits of the head a catalog part of it is a part (`gồm 506 ... toàn trình và 549
    # ... một phần`), as are catalog parts alone of two metrics or more (`Gồm: khiếu nại 402, ...`)
    # (a split by period: `quý I, thụ lý 38 vụ, thành 29 vụ; quý II, ...`: each period's
    # successes are a part of its own cases, not of the whole period's)
    by_period = any(p.period != head.period for _, p in parts)
    splits = not by_period and (
        any(p.metric == head.metric for _, p in parts)
        # (`214 đơn ..., gồm 186 đơn khiếu nại và 25 đơn tố cáo`: every item a part, after
        # a lead that names no dimension; `203 đơn (178 khiếu nại, 25 tố cáo)`: some parts)
        or (opens or not by_dimension(b) and (not b.complete or len(parts) == len(b.items)))
        and len({p.metric for _, p in parts}) > 1
        and all(p.value for _, p in parts)
        and all(catalog.sum_part_of(p.metric, head.metric) for _, p in parts)
    )
    same = [
        p
        for _, p in parts
        if p.metric == head.metric or splits and catalog.sum_part_of(p.metric, head.metric)
    ]
    complete = complete and len(same) == len(parts) > 1  # (one part alone makes no whole)
    for part in same:
        part.link("part_of", head, key, complete=complete)  # (each list adds up on its own)
    _facet_details([(i, p) for i, p in parts if p.metric != head.metric])


def _part_fact(
    item: Item,
    part: Fact | None,
    head: Fact,
    reader: SentenceReader,
    like_before: bool = False,
    shared_unit: str | None = None,
    after_splits: bool = False,
) -> Fact | None:
    """The fact an item gives: its own when its label names a metric (in the unit the list
    names once, `khiếu nại 17, tố cáo 06, kiến nghị 125 đơn`), else a split of the head (same
    metric, scoped to the label) when its unit fits the head's."""
    num = item.num if item.num.unit or not shared_unit else replace(item.num, unit=shared_unit)
    own = reader.names(item.label, num) if item.label else None
    rest = after_splits and is_rest_label(item.label)  # (after splits of the head: its rest)
    elsewhere = False
    if part is not None and item.num.borrowed and own in aside_of(head.metric):
        part.metric = own  # `khiếu nại 14/17 đơn` under `KẾT QUẢ GIẢI QUYẾT`: the kind's
        return part
    if part is not None and (
        part.metric in catalog.splits_of(head.metric)
        or (part.metric == head.metric and own in catalog.splits_of(head.metric))
        # (a split whose whole the sentence's opening named: `Đơn thuộc thẩm quyền phân theo
        # lĩnh vực: đất đai 31 đơn`)
        or item.num.borrowed
        or (part.metric == generic_of(head.metric) and (part.value or 0) <= (head.value or 0))
        or rest  # `... và các lĩnh vực còn lại 34 hồ sơ`: the rest of the list, no pending count
    ):
        # `petitions.by_topic`: a split whose whole was not known, now it is; or a figure only
        # the section heading named (`trong đó cấp tỉnh 38 đơn` under `Tiếp nhận ... đơn`); or
        # the generic count under a narrower one (`thường xuyên 2.846 lượt; trong đó Ban Tiếp
        # công dân tỉnh tiếp 612 lượt`: regular visits too)
        own = None
    elif part is not None and (own is not None or part.metric != head.metric):
        if not read_from_elsewhere(part, head, own, item):
            return part
        elsewhere = True  # (the part is the item's figure, read again as the head's split)
    elif part is None and not item.num.unit and own is not None and _kind_of(own, head.metric):
        return reader.make_fact(own, num)  # `khiếu nại 17, ...`: the kind the label names
    if not item.label or item.num.unit == "%" or not (like_before or unit_fits(item.num, head)):
        return part
    new_ones = tuple(fold(w) for w in catalog.words("structure.toml", "item", "new_ones"))
    if not catalog.has_carried_over(head.metric) and fold(item.label).strip().endswith(new_ones):
        return None  # `trong đó 02 cuộc năm 2019 chuyển sang`: no split the dictionary makes
    if fold(item.label).strip() in new_ones:
        # the new ones beside the carried over: no scope of the head; what they are when their
        # label names it (`tiếp nhận mới 162.134 hồ sơ`: received)
        return reader.make_fact(own, item.num) if own and own != head.metric else part
    reusable = part is not None and (
        elsewhere
        or rest
        or part.metric in (head.metric, generic_of(head.metric))
        or part.metric in catalog.splits_of(head.metric)
        or item.num.borrowed
    )
    split = part if reusable and part is not None else reader.make_fact(head.metric, item.num)
    split.metric, split.period, split.unit = head.metric, head.period, head.unit
    _scope_of_the_split(split, head, item.label[:120])
    return split


def _scope_of_the_split(split: Fact, head: Fact, label: str) -> None:
    """The item's label scopes its split; a split of a narrower figure is narrower still
    (`đã quá hạn 14 hồ sơ (Sở Xây dựng 03, ...)`), unless the label is a place of its own
    (`..., trong đó xã Búng Lao tổ chức 04 cuộc`; `xã Phú Xuyên 14 lượt` of the communes')."""
    if split.scope in (None, head.scope):
        place = place_named(label)
        split.scope = place or (f"{label}, {head.scope}" if head.scope else label)


def _kind_of(metric: str, whole: str) -> bool:
    """A part the catalog's sums give the whole (`petitions.complaints` of the received), or
    one the whole's breakdowns read as their own (structure.toml [aside_of])."""
    return metric in aside_of(whole) or catalog.sum_part_of(metric, whole)


def _head_as_total_of_siblings(head: Fact, parts: list[Fact]) -> None:
    """A head that the list shows to be the whole of its own kind and another (`tại Trụ sở đã
    tiếp 254 lượt, trong đó Chủ tịch UBND tỉnh tiếp 09 lượt`: regular and leaders' visits are
    both parts of all visits) is that whole, the total of the sum both are parts of."""
    sums = catalog.toml("relations.toml").get("sum", [])
    for part in parts:
        # siblings in one sum (`thường xuyên` and `Chủ tịch` visits), not the kinds that split
        # any petition count (`Còn 22 đơn ...` and its `05 đơn khiếu nại, 01 đơn tố cáo, ...`)
        shared = {
            str(rel["total"])
            for rel in sums
            if head.metric in rel["parts"] and part.metric in rel["parts"]
        }
        if part.metric != head.metric and len(shared) == 1:
            head.metric = next(iter(shared))
            return
