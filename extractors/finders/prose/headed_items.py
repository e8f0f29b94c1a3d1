"""Items that are a numbered sub-heading and the paragraph under it, after a lead-in.

`đã tiếp 236 lượt/285 người, gồm:` then `1.1. Tiếp thường xuyên` / `Ban Tiếp công dân ... 64
lượt/81 người.` then `1.2. Tiếp định kỳ` / ...: each paragraph's first figure of a count the
lead-in states is a part of that count, complete when the lead-in claims the whole (`gồm`).
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import regex

import catalog
from catalog.patterns import compiled
from extractors.finders.cues import classify_metric
from extractors.finders.prose.spans import numbers_in
from model import Block, Fact
from normalizers.text import alternation, fold


@cache
def complete_lead_in() -> regex.Pattern:
    """A lead-in word that claims its items are the whole (`gồm`; structure.toml [lead_in])."""
    words = catalog.toml("structure.toml")["lead_in"]["complete"]
    return compiled(rf"(?<![\p{{L}}])(?:{alternation([fold(w) for w in words])})(?![\p{{L}}])")


def link_headed(
    lead: str,
    near: list[Fact],
    headed: list[tuple[str, Block, list[Fact]]],
    tail: list[tuple[Block, list[Fact]]] | None = None,
) -> list[Fact]:
    """Sub-headed items break down each count of the lead-in that every item states a part of
    (its first figure in the count's unit, of the count's metric or of a catalog part of it):
    `đã tiếp 236 lượt/285 người, gồm:` then `1.1. Tiếp thường xuyên` / `... 64 lượt/81 người`.
    A sub-heading naming a catalog part of the whole (`Tiếp thường xuyên`) names its figure."""
    if len(headed) < 2 or not near:
        return []
    lead_block = max(f.block_index or 0 for f in near)
    units = catalog.figure_units()
    wholes = [
        f
        for f in near
        if f.block_index == lead_block
        and f.scope is None
        and f.unit
        and catalog.kind(f.metric) == "count"
        and not f.has_link("part_of")
    ]
    complete = bool(complete_lead_in().search(fold(lead)))
    added: list[Fact] = []
    for whole in wholes:
        counted = units.counts(whole.unit or "")
        parts: list[tuple[str, Fact, list[Fact]]] = []
        for label, _, facts in headed:
            part = next(
                (
                    f
                    for f in sorted(facts, key=lambda f: f.start or 0)
                    if f.unit
                    and units.counts(f.unit) == counted
                    and _part_metric(f.metric, whole.metric)
                    and not f.has_link("part_of")
                ),
                None,
            )
            if part is None:
                break
            parts.append((label, part, facts))
        else:
            key = f"headed {headed[0][1].index}:{whole.metric}"
            for label, part, facts in parts:
                _named_by_heading(label, part, whole.metric)
                for fact in facts:
                    fact.scope = fact.scope or label
                part.link("part_of", whole, key, complete=complete)
            for block, facts in tail or []:
                added += _split_after_the_items(whole, block, facts, f"{key}:tail {block.index}")
    return added


def _split_after_the_items(whole: Fact, block: Block, facts: list[Fact], key: str) -> list[Fact]:
    """A paragraph after the sub-headed items whose figures in the whole's unit add up to it
    exactly (`Nội dung ... chủ yếu thuộc lĩnh vực đất đai (14 lượt), chế độ chính sách (05
    lượt), các nội dung khác (04 lượt)` after `đã tiếp 23 lượt ... gồm:`) splits that whole, not
    the last sub-heading's figure; each is scoped to its words; no claim to be complete. The
    figures no finder read are returned."""
    units = catalog.figure_units()
    counted = units.counts(whole.unit or "")
    nums = [n for n in numbers_in(block.text) if not n.skip and n.unit]
    if len(nums) < 2 or any(units.counts(n.unit or "") != counted for n in nums):
        return []
    if abs(sum(n.value or 0 for n in nums) - (whole.value or 0)) > 1e-6:
        return []
    read = {f.start: f for f in facts}
    added = []
    for n in nums:
        fact = read.get(block.start + n.start)
        if fact is None:
            fact = replace(
                whole,
                value=n.value,
                raw=n.raw,
                qualifier=n.qualifier,
                start=block.start + n.start,
                end=block.start + n.end,
                block_index=block.index,
                page=block.page_at(n.start) if block.page_starts else block.page,
                evidence=block.text.strip(),
                group=f"{whole.group}:{block.index}",
                links=[],
                role=None,
                detail=None,
            )
            added.append(fact)
        fact.metric = whole.metric
        fact.scope = fact.scope or _words_before(block.text, n.start)
        fact.link("part_of", whole, key, complete=False)
    return added


def _words_before(text: str, at: int) -> str | None:
    start = max(text.rfind(c, 0, at) for c in ",;:") + 1
    words = text[start:at].strip(" (-–")
    return words[:120] or None


def _part_metric(metric: str, whole: str) -> bool:
    return metric == whole or catalog.sum_part_of(metric, whole)


def _named_by_heading(label: str, part: Fact, whole: str) -> None:
    if part.metric != whole:
        return
    named = classify_metric(label, part.unit)
    if named is not None and named != whole and _part_metric(named, whole):
        part.metric = named
