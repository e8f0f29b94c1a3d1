"""The figure a list breaks down: the last count before its lead-in, or an earlier one its
items add up to (the structure stage of the prose finder, lists.py)."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

import catalog
from extractors.finders.prose.spans import Num
from normalizers.text import fold

if TYPE_CHECKING:  # (lists builds its items with these helpers)
    from extractors.finders.prose.lists import Item


def head_before(text: str, lead_start: int, nums: list[Num]) -> Num | None:
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


def summed_head(
    text: str, lead_start: int, nums: list[Num], values: list[float | None]
) -> Num | None:
    """An earlier count of the sentence that the list's items add up to, when it is not the
    last one (`36 đơn, gồm: khiếu nại 14, ..., kiến nghị 19 đơn; chia theo lĩnh vực: đất đai
    25 đơn, chính sách 06 đơn, lĩnh vực khác 05 đơn`): the list breaks that one down."""
    if len(values) < 2 or any(v is None for v in values):
        return None
    total = sum(v or 0 for v in values)
    before = [
        n
        for n in nums
        if n.end <= lead_start
        and not n.skip
        and n.unit != "%"
        and n.value is not None
        and abs(n.value - total) < 1e-6
        and not _closed_between(text, n, lead_start)
    ]
    if not before:
        return None
    persons = next((n for n in nums if n.visits is before[-1]), None)
    return persons or before[-1]  # `612 lượt/689 người`: the pair's persons lead both lists


def _closed_between(text: str, n: Num, lead_start: int) -> bool:
    between = text[n.end : lead_start]
    return between.count(")") > between.count("(")


def whole_stated_first(text: str, items: list[tuple[str, Num]]) -> Num | None:
    """`trong 83 đơn thuộc thẩm quyền có ...`, `gồm 338 hồ sơ, có 309 ... và 33 ...`: the first
    item (label, figure) is the list's head, not one of its items: its label opens a whole, or
    it has none and a comma and a closing word (structure.toml [lead_in] whole_then) lead on to
    the rest."""
    if len(items) < 3:
        return None
    label, first = items[0]
    if fold(label).strip() in _folded_words("whole_first"):
        return first
    gap = fold(text[first.unit_end or first.end : items[1][1].start]).split()
    closes = _folded_words("whole_then")
    if not label.strip() and first.unit and gap[:1] == [","] and " ".join(gap[1:]) in closes:
        return first
    return None


@cache
def _folded_words(key: str) -> frozenset[str]:
    return frozenset(fold(w) for w in catalog.words("structure.toml", "lead_in", key))


def without_a_closing_clause(head: Num | None, items: list[Item]) -> list[Item]:
    """`đã giải quyết 26/29 vụ việc (đạt 89,65%), gồm: khiếu nại 11 ..., kiến nghị 13 ...; còn
    03 vụ việc đang giải quyết`: a last item after a semicolon, when the items before it make
    the pair's part and all of them its whole, is a clause of its own (what the part leaves
    of the whole), not a part."""
    if head is None or head.pair is None or len(items) < 3 or not items[-1].after_semicolon:
        return items
    if any(i.after_semicolon for i in items[:-1]):
        return items
    before = sum(i.num.value or 0 for i in items[:-1])
    whole = before + (items[-1].num.value or 0)
    if abs(before - (head.value or 0)) < 1e-6 and abs(whole - (head.pair.value or 0)) < 1e-6:
        return items[:-1]
    return items
