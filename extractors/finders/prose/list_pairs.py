"""Lists whose items are `a/b` pairs, or that say their head again (the structure stage).

`Đã giải quyết 92/104 đơn, trong đó cấp huyện 27/31 đơn, cấp xã 65/73 đơn`: each item mirrors
the head's pair at its scope; `giải quyết 27 vụ việc (27/31 vụ việc thuộc thẩm quyền)`: the
parenthesis says the count again against its base, it lists no part.
"""

from __future__ import annotations

from functools import cache

from extractors.finders.cues import petition_kinds
from extractors.finders.prose.list_wholes import generic_of
from extractors.finders.prose.lists import Breakdown, Item, SentenceReader
from model import Fact
from normalizers.text import fold


def _names_a_kind(label: str) -> bool:
    """The label is a petition kind's word (`khiếu nại`, `kiến nghị, phản ánh`)."""
    return fold(label).strip(" ,:").startswith(_kind_words())


@cache
def _kind_words() -> tuple[str, ...]:
    return tuple(fold(w) for w in petition_kinds())


def restates_its_head(b: Breakdown) -> bool:
    """A single `a/b` item whose `a` is the head's own figure says it again against its base:
    the pair, not a part."""
    if b.head is None or len(b.items) != 1:
        return False
    num = b.items[0].num
    return (num.pair is not None or num.partner is not None) and num.value == b.head.value


def scoped_pairs_under_a_pair(
    head: Fact | None, parts: list[tuple[Item, Fact]], at: dict, reader: SentenceReader
) -> list[Fact]:
    """`Đã giải quyết 92/104 đơn, trong đó cấp huyện 27/31 đơn, cấp xã 65/73 đơn`: under an `a/b`
    head, an `a/b` split item mirrors it: its `a` counts what the head's part counts (resolved)
    at the item's scope, its `b` what the head's whole counts (in jurisdiction) there; each
    side breaks down its own side of the head's pair."""
    if head is None or head.role not in ("part", "whole"):
        return []
    partner = next((k.other for k in head.links if k.relation == "pair"), None)
    if partner is None or partner.metric == head.metric:
        return []
    top_part, top_whole = (head, partner) if head.role == "part" else (partner, head)
    made = []
    for item, part in parts:
        denominator = item.num.pair
        if denominator is None or part.scope is None or not item.num.start < denominator.start:
            continue
        if (
            part.metric not in (head.metric, partner.metric)
            # (`cấp xã giải quyết 09/10 đơn` under the complaints' pair: no metric of its own)
            or reader.names(item.label, item.num) not in (None, generic_of(top_part.metric))
            or _names_a_kind(item.label)
        ):
            continue  # (`khiếu nại 03/04 đơn`: a kind of its own, the catalog's asides read it)
        whole = at.get(denominator.start) or reader.make_fact(top_whole.metric, denominator)
        whole.metric, whole.scope, whole.role = top_whole.metric, part.scope, "whole"
        part.metric, part.role = top_part.metric, "part"
        part.link("pair", whole, "part")
        whole.link("pair", part, "whole")
        part.link("part_of", top_part, f"pair parts of {top_part.start}")
        whole.link("part_of", top_whole, f"pair wholes of {top_whole.start}")
        if whole is not at.get(denominator.start):
            made.append(whole)
    return made
