"""Lists whose whole is named by words, not stated by a figure (`Trong số đơn đã giải quyết có
09 đơn khiếu nại, 02 đơn tố cáo`; `lĩnh vực có nhiều hồ sơ nhất là chứng thực với 176 hồ sơ`):
their items are read as parts of the named whole (the structure stage, breakdowns.py)."""

from __future__ import annotations

from catalog import aside_of
from extractors.finders.prose.lists import Breakdown, Item, SentenceReader
from extractors.finders.prose.superlatives import MARK as SUPERLATIVE
from model import Fact


def parts_of_named(b: Breakdown, at: dict, reader: SentenceReader) -> list[Fact]:
    """Items of a list whose whole is only named (`Trong số đơn đã giải quyết có 09 đơn khiếu
    nại, 02 đơn tố cáo`) count that whole's kind: complaints resolved, denunciations resolved."""
    first = b.items[0].num if b.items else None
    whole = reader.names(b.named or "", first) if first is not None else None
    made: list[Fact] = []
    if whole is None:
        return made
    for item in b.items:
        part = at.get(item.num.start)
        if part is not None and part.role != "whole" and part.metric in aside_of(whole):
            part.metric = aside_of(whole)[part.metric]
        if b.lead == SUPERLATIVE:  # `lĩnh vực ... nhiều hồ sơ nhất là chứng thực với 176 ...`
            made += _split_of_named(item, part, whole, reader)
    return made


def _split_of_named(
    item: Item, part: Fact | None, whole: str, reader: SentenceReader
) -> list[Fact]:
    """An item of a list led by a superlative is the named whole's split by its label."""
    made: list[Fact] = []
    if item.outcome or reader.excluded(item.num, whole):
        return made
    if part is None:
        part = reader.make_fact(whole, item.num)
        made.append(part)
    elif part.metric != whole and reader.names(item.label, item.num) is None:
        part.metric = whole  # the heading's `giải quyết` named it, its list says received
    if part.metric == whole and part.scope is None:
        part.scope = item.label[:120] or None
    return made
