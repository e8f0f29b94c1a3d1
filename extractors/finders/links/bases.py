"""Another base: the whole of an `a/b` pair that names another base than its metric's
(`90/95 đơn đến hạn giải quyết`) is set apart (its detail says so), so it is never compared
with that metric."""

from __future__ import annotations

import catalog
from extractors.finders.links.rules import other_base_after, other_base_label
from model import Fact, ValuedFact
from normalizers.text import fold


def set_apart_other_bases(
    facts: list[Fact], groups: dict[str, list[ValuedFact]], text: str
) -> None:
    """The whole of an `a/b` that differs from the figure of its metric its sentence states is
    of another base when the words after it name one (`90/95 đơn đến hạn giải quyết`), when
    it is that figure plus the cases carried over, or when the sentence states several."""
    for group in groups.values():
        for whole in (f for f in group if f.role == "whole"):
            stated = [
                f
                for f in group
                if f.metric == whole.metric
                and f.scope == whole.scope
                and f.role is None
                and f.value != whole.value
            ]
            if stated and _another_base(whole, stated, group, text):
                whole.detail = other_base_label()


def _another_base(
    whole: ValuedFact, stated: list[ValuedFact], group: list[ValuedFact], text: str
) -> bool:
    same = [f for f in group if f.metric == whole.metric and f.scope == whole.scope]
    if (
        len({f.value for f in same if f.role is None}) > 1
        or len({f.value for f in same if f.role == "whole"}) > 1
    ):
        return True
    family = catalog.family(whole.metric)
    carried = [
        f.value for f in group if f.metric == f"{family}.carried_over" and f.scope == whole.scope
    ]
    if any(abs(s.value + c - whole.value) < 1e-6 for s in stated for c in carried):
        return True
    after = (
        text[whole.end : whole.end + 60]
        if whole.end is not None and whole.source != "table"
        else ""
    )
    folded = fold(after)
    return any(p.search(folded) for p in other_base_after())
